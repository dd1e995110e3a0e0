"""The Cases pane: a filterable, sortable list of every case beside the selected case's file."""

from __future__ import annotations

import html
import uuid
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CaseStatus
from casedesk.services import case_list
from casedesk.services.case_list import ACTIVE, CaseFilter
from casedesk.ui import settings as keys
from casedesk.ui.db import Database
from casedesk.ui.icons import safe_icon
from casedesk.ui.lookups import Lookups
from casedesk.ui.models.case_table_model import ID_ROLE, CaseTableModel
from casedesk.ui.panes.case_actions import CaseActions
from casedesk.ui.panes.case_detail import CaseDetailView
from casedesk.ui.settings import Settings

# What each column should fit: Number, Next due, Title, Client, Status, Responsible,
# Practice area, Opened. Widths come from the font, so they hold at any size or scale.
COLUMN_SAMPLES = ("2026-CV-00000", "Wed 30 Sep 2026", "Smith v. Acme Logistics, Inc.",
                  "Carmen H. Kang", "Pending", "Katherine Hoffman", "Personal injury",
                  "Wed 30 Sep 2026")

STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    ("Active cases", ACTIVE),
    ("All cases", ""),
    *((f"{s.value.capitalize()}", s.value) for s in CaseStatus),
)


class CasesPane(QWidget):
    """List/detail for cases; every query runs in SQL on the DB worker."""

    status_message = Signal(str)
    open_contact_requested = Signal(object)
    # A case's Calendar tab asks to import an .ics file into that case (the window does it).
    import_ics_requested = Signal(object, str)  # case uuid, "number · title"
    import_requested = Signal()
    sample_requested = Signal()

    def __init__(self, db: Database, settings: Settings, lookups: Lookups,
                 actions: CaseActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._lookups = lookups
        self.actions = actions
        self._pending_select: uuid.UUID | None = None
        self.model = CaseTableModel(db, self)
        self._build()
        self._restore()
        db.changed.connect(self._on_changed)
        lookups.updated.connect(self._fill_lookups)
        actions.case_created.connect(self.select_case)
        self.model.populated.connect(self._on_populated)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by number, title, client, docket…  (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(safe_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.setAccessibleName("Filter cases")
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status filter")
        for text, value in STATUS_CHOICES:
            self.status_combo.addItem(text, value)
        self.staff_combo = QComboBox()
        self.staff_combo.setAccessibleName("Responsible staff filter")
        self.staff_combo.setToolTip("Cases this staff member is responsible for")
        self.staff_combo.addItem("Anyone", None)
        self.area_combo = QComboBox()
        self.area_combo.setAccessibleName("Practice area filter")
        self.area_combo.setToolTip("Cases of this practice area")
        self.area_combo.addItem("All areas", "")
        self.new_button = QPushButton(safe_icon("plus"), "New case…")
        self.new_button.setToolTip("Open a new case (Ctrl+N)")
        # The filters may be narrower than their longest choice (the list opens wide), so the
        # case list can give the case file beside it room for all its tabs.
        for combo, chars in ((self.status_combo, 11), (self.staff_combo, 7),
                             (self.area_combo, 8)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)

        search_row = QHBoxLayout()
        search_row.addWidget(self.filter_edit, 1)
        search_row.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.status_combo)
        filters.addWidget(self.staff_combo)
        filters.addWidget(self.area_combo)
        filters.addStretch(1)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        metrics = self.view.fontMetrics()
        for column, sample in enumerate(COLUMN_SAMPLES):
            icon_room = 22 if column == 1 else 0  # the overdue sign
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 18 + icon_room)
        self.view.setAccessibleName("Cases")

        self.count_label = QLabel()
        self.count_label.setForegroundRole(self.count_label.foregroundRole())

        self.empty = self._build_empty_state()
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 4)
        left_layout.addLayout(search_row)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addWidget(self.count_label)

        self.detail = CaseDetailView(self._db, self.actions)
        self.detail.open_contact_requested.connect(self.open_contact_requested)
        self.detail.import_ics_requested.connect(self.import_ics_requested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.filter_edit.textChanged.connect(self._apply_filters)
        self.status_combo.currentIndexChanged.connect(self._apply_filters)
        self.staff_combo.currentIndexChanged.connect(self._apply_filters)
        self.area_combo.currentIndexChanged.connect(self._apply_filters)
        self.new_button.clicked.connect(self.actions.new_case)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_current())
        # PySide6 ignores QShortcut's `context=` keyword: set it explicitly, or Enter would
        # edit the case from anywhere in the window (the filter, the global search...).
        self._edit_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view)
        self._edit_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._edit_shortcut.activated.connect(self.edit_current)

    def _build_empty_state(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.empty_new = QPushButton(safe_icon("plus"), "New case…")
        self.empty_import = QPushButton(safe_icon("upload"), "Import…")
        self.empty_sample = QPushButton(safe_icon("book-open"), "Open the sample practice")
        self.empty_clear = QPushButton(safe_icon("x"), "Clear filters")
        # Two rows, so the empty list is no wider than the list itself needs to be (the case
        # file beside it keeps the room for all its tabs on a 1280-pixel screen).
        for row_buttons in ((self.empty_new, self.empty_import, self.empty_clear),
                            (self.empty_sample,)):
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            for b in row_buttons:
                buttons.addWidget(b)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        layout.addStretch(2)
        self.empty_new.clicked.connect(self.actions.new_case)
        self.empty_import.clicked.connect(self.import_requested)
        self.empty_sample.clicked.connect(self.sample_requested)
        self.empty_clear.clicked.connect(self.clear_filters)
        return box

    # -- state -----------------------------------------------------------------------------
    def _restore(self) -> None:
        state = self._settings.get(keys.CASES_SPLITTER)
        if not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            # The case file gets the larger share: its tabs are where the work is done, and
            # all eight of them fit without a scroll arrow on a 1280-pixel screen.
            self.splitter.setSizes([370, 770])
        header_state = self._settings.get(keys.CASES_HEADER)
        if not header_state.isEmpty():
            self.view.horizontalHeader().restoreState(header_state)
        wanted = self._settings.get(keys.CASES_STATUS_FILTER)
        index = self.status_combo.findData(wanted)
        self.status_combo.setCurrentIndex(max(0, index))

    def save_state(self) -> None:
        self._settings.set(keys.CASES_SPLITTER, self.splitter.saveState())
        self._settings.set(keys.CASES_HEADER, self.view.horizontalHeader().saveState())
        self._settings.set(keys.CASES_STATUS_FILTER, self.status_combo.currentData() or "")

    def _fill_lookups(self) -> None:
        current_staff = self.staff_combo.currentData()
        current_area = self.area_combo.currentData()
        for combo in (self.staff_combo, self.area_combo):
            combo.blockSignals(True)
        self.staff_combo.clear()
        self.staff_combo.addItem("Anyone", None)
        for staff_id, name in self._lookups.staff:
            self.staff_combo.addItem(name, staff_id)
        self.area_combo.clear()
        self.area_combo.addItem("All areas", "")
        for area in self._lookups.practice_areas:
            self.area_combo.addItem(area, area)
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(current_staff)))
        self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(current_area)))
        for combo in (self.staff_combo, self.area_combo):
            combo.blockSignals(False)

    # -- filtering and selection -------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        header = self.view.horizontalHeader()
        base = self.model.case_filter
        return replace(base, text=self.filter_edit.text(),
                       status=self.status_combo.currentData() or "",
                       staff_id=self.staff_combo.currentData(),
                       practice_area=self.area_combo.currentData() or "",
                       descending=header.sortIndicatorOrder() is Qt.SortOrder.DescendingOrder)

    def _apply_filters(self) -> None:
        self.model.set_filter(self.current_filter())

    def reload(self) -> None:
        self.model.set_filter(self.current_filter())
        self.model.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.cases or changes.tasks or changes.parties or changes.contacts:
            self.model.reload()

    def _on_populated(self) -> None:
        total = self.model.total
        if total == 0:
            self._show_empty_state()
        else:
            self.list_stack.setCurrentWidget(self.view)
        shown = self.model.rowCount()
        noun = "case" if total == 1 else "cases"
        more = "" if shown >= total else f" (showing {shown:,}; scroll for more)"
        if not self.model.total_known:
            self.count_label.setText(f"{shown:,}+ cases (counting…)")
        else:
            self.count_label.setText(f"{total:,} {noun}{more}" if total else "")
        target = self._pending_select or self.detail.case_id
        if target is not None:
            row = self.model.row_of(target)
            if row >= 0:
                self._pending_select = None
                self._select_row(row)

    def _show_empty_state(self) -> None:
        """Explain why the list is empty and offer the next step; never a blank table."""
        error = self.model.load_error
        if error is not None:
            self._fill_empty_state(f"<h3>The cases could not be loaded</h3><p>"
                                   f"{html.escape(error.message)}</p><p>Press F5 to try "
                                   "again.</p>", first_use=False, error=True)
            return
        self._db.plain(case_list.any_cases, on_done=self._on_any_cases,
                       on_error=lambda _e: None)

    def _on_any_cases(self, practice_has_cases: bool) -> None:
        if self.model.total != 0:
            return  # the list filled meanwhile
        flt = self.model.case_filter
        if not practice_has_cases:
            text = ("<h3>No cases yet</h3><p>Open your first case, import your practice from a "
                    "file, or look around the sample practice.</p>")
        elif flt.text or flt.staff_id or flt.practice_area:
            text = ("<h3>No cases match</h3><p>Nothing matches these filters. Change the "
                    "words or choices above, or clear the filters.</p>")
        elif flt.status == ACTIVE:
            text = ("<h3>No active cases</h3><p>Every case is closed. Open a new case, or "
                    "choose “All cases” to see the closed ones.</p>")
        else:
            label = self.status_combo.currentText().lower()
            text = f"<h3>No {label} cases</h3><p>Choose another status above to see more.</p>"
        self._fill_empty_state(text, first_use=not practice_has_cases, error=False)

    def _fill_empty_state(self, text: str, *, first_use: bool, error: bool) -> None:
        self.empty_label.setText(text)
        self.empty_new.setVisible(not error)
        self.empty_import.setVisible(first_use)
        self.empty_sample.setVisible(False)
        self.empty_clear.setVisible(not first_use and not error)
        self.list_stack.setCurrentWidget(self.empty)
        if first_use:
            # The sample practice only fits a practice with nothing in it (no firm either).
            from casedesk.services import firm

            self._db.read(firm.is_empty_practice, on_done=self.empty_sample.setVisible,
                          on_error=lambda _e: None)

    def clear_filters(self) -> None:
        for combo in (self.status_combo, self.staff_combo, self.area_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.filter_edit.clear()
        self._apply_filters()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def select_case(self, case_id: uuid.UUID) -> None:
        """Show this case (after creating it, or when another pane asks)."""
        self._pending_select = case_id
        self.detail.show_case(case_id)
        row = self.model.row_of(case_id)
        if row >= 0:
            self._pending_select = None
            self._select_row(row)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = current.data(ID_ROLE) if current.isValid() else None
        if case_id is not None and case_id != self.detail.case_id:
            self.detail.show_case(case_id)

    def edit_current(self) -> None:
        if self.detail.detail is not None:
            self.actions.edit_case(self.detail.detail)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()
