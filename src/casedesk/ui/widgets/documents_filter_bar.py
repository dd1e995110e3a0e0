"""The controls above the documents list: words, case, category, flags, and Add documents."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from casedesk.domain.enums import DocumentCategory
from casedesk.services import document_list
from casedesk.services.document_list import DocumentFilter
from casedesk.ui import format as fmt
from casedesk.ui.icons import TOOLBAR_ICON_SIZE, safe_icon
from casedesk.ui.widgets.calendar_case_picker import CasePicker, SearchCases

# Titles, file names and tags (LIKE) and the full-text index: coalesce fast typing.
FILTER_DELAY_MS = 150
PLACEHOLDER = "Filter by title, file name, tag or words inside (Ctrl+F)"
FLAG_CHOICES = (("Any flags", ""), ("Privileged", document_list.PRIVILEGED),
                ("Not privileged", document_list.NOT_PRIVILEGED),
                ("Confidential", document_list.CONFIDENTIAL))


class DocumentFilterBar(QWidget):
    """Firm-wide: two rows (words and Add; case, category, flags). A case's tab: one row."""

    changed = Signal()  # the filter the controls describe may have changed

    def __init__(self, add_action: QAction, search_cases: SearchCases | None, *,
                 case_scope: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case_scope = case_scope
        chars = self.fontMetrics().horizontalAdvance("x")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(PLACEHOLDER)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(safe_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.setAccessibleName("Filter documents")
        self.filter_edit.setToolTip(
            "Shows documents whose title, file name or tags contain every word you type, or "
            "whose text contains them (once indexed). \"Quoted phrase\", OR and -word work "
            "as in Search (Ctrl+K)")
        self.filter_edit.setMinimumWidth(chars * 16)
        self.case_filter = CasePicker(search_cases, placeholder="All cases (type to pick one)")
        self.case_filter.setAccessibleName("Show one case")
        self.case_filter.setToolTip("Type part of a case number, title or client to show only "
                                    "that case's documents")
        self.case_filter.setMinimumWidth(chars * 18)
        self.category_combo = QComboBox()
        self.category_combo.setAccessibleName("Category")
        self.category_combo.addItem("All categories", "")
        for category in DocumentCategory:
            self.category_combo.addItem(fmt.enum_label(category), category.value)
        self.category_combo.setMaxVisibleItems(len(DocumentCategory) + 1)
        self.flag_combo = QComboBox()
        self.flag_combo.setAccessibleName("Privileged or confidential")
        for text, value in FLAG_CHOICES:
            self.flag_combo.addItem(text, value)
        self.add_button = QToolButton()
        self.add_button.setDefaultAction(add_action)
        self.add_button.setIconSize(TOOLBAR_ICON_SIZE)
        self.add_button.setAutoRaise(True)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setAccessibleName("Add documents")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        first.addWidget(self.filter_edit, 1)
        layout.addLayout(first)
        if case_scope:
            self.case_filter.hide()
            first.addWidget(self.category_combo)
            first.addWidget(self.flag_combo)
        else:
            second = QHBoxLayout()
            second.addWidget(self.case_filter, 1)
            second.addWidget(self.category_combo)
            second.addWidget(self.flag_combo)
            layout.addLayout(second)
        first.addWidget(self.add_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.filter_edit.returnPressed.connect(self.apply_now)
        self.case_filter.changed.connect(self._on_case)
        self.category_combo.currentIndexChanged.connect(self.changed)
        self.flag_combo.currentIndexChanged.connect(self.changed)

    def apply_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def _on_case(self) -> None:
        if not self.case_filter.pending_text():  # typing: wait for a case to be chosen
            self.changed.emit()

    def filter_for(self, base: DocumentFilter) -> DocumentFilter:
        """`base` (its sort, and its case in a case's tab) with what the controls say."""
        case_id = base.case_id if self._case_scope else self.case_filter.case_id()
        return replace(base, text=self.filter_edit.text().strip(), case_id=case_id,
                       category=self.category_combo.currentData() or "",
                       flag=self.flag_combo.currentData() or "")

    def clear(self) -> None:
        """Every control back to "all" (one `changed`)."""
        for widget in (self.filter_edit, self.case_filter, self.category_combo,
                       self.flag_combo):
            widget.blockSignals(True)
        self.filter_edit.clear()
        self.case_filter.set_case(None)
        self.category_combo.setCurrentIndex(0)
        self.flag_combo.setCurrentIndex(0)
        for widget in (self.filter_edit, self.case_filter, self.category_combo,
                       self.flag_combo):
            widget.blockSignals(False)
        self.apply_now()

    def set_compact(self, compact: bool) -> None:
        """On a narrow list, Add documents keeps its icon (its name is in the tooltip)."""
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if compact
                                           else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
