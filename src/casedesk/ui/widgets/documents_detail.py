"""The document detail beside the list: title, case, flags, the description, and every version
(each openable: double-click or Enter)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.ui import format as fmt
from casedesk.ui.icons import LIST_ICON_SIZE, TOOLBAR_ICON_SIZE, safe_icon
from casedesk.ui.models.document_table_model import size_text
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel

if TYPE_CHECKING:
    from casedesk.services.documents import DocumentRow, VersionRow

NO_VALUE = "—"
ALWAYS_SHOWN = ("category", "file", "updated")
BY_COLUMN = 4  # of the versions table
FIELDS: tuple[tuple[str, str], ...] = (
    ("category", "Category"), ("tags", "Tags"), ("document_date", "Document date"),
    ("received_on", "Received"), ("sent_on", "Sent"), ("author", "Author"),
    ("source", "Source"), ("file", "Current file"), ("updated", "Updated"),
)


def _flag_label(icon_name: str, text: str, tip: str) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    icon = QLabel()
    icon.setPixmap(safe_icon(icon_name).pixmap(LIST_ICON_SIZE))
    label = QLabel(f"<b>{text}</b>")
    layout.addWidget(icon)
    layout.addWidget(label)
    box.setToolTip(tip)
    box.setAccessibleName(text)
    return box


def fmt_local_day(moment: datetime) -> date:
    """The computer's local calendar day of a UTC moment."""
    return moment.astimezone().date()


class _ButtonBar(QWidget):
    """The action buttons' row: it may shrink to the buttons' icons alone (the detail then
    drops their words), so it never makes the detail wider than the splitter gives it."""

    def minimumSizeHint(self) -> QSize:
        buttons = self.findChildren(QToolButton)
        side = TOOLBAR_ICON_SIZE.width() + self.fontMetrics().height()
        return QSize(side * len(buttons), super().minimumSizeHint().height())


class DocumentDetail(QWidget):
    """Shows one DocumentRow; the browser gives it the actions its buttons trigger."""

    open_case_requested = Signal(object)  # case uuid
    open_version_requested = Signal(int)  # version number
    export_version_requested = Signal(int)
    reveal_version_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: DocumentRow | None = None
        self._buttons: list[QToolButton] = []
        self._build()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.set_placeholder("Select a document to see its details and versions.")
        self.stack.addWidget(self.placeholder)
        body = QWidget()
        self.stack.addWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 0, 0)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.case_label = QLabel()
        self.case_label.setTextFormat(Qt.TextFormat.PlainText)
        self.case_label.setWordWrap(True)
        self.case_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open_case_button = QPushButton(safe_icon("briefcase"), "Open case")
        self.open_case_button.setToolTip("Show this document's case")
        self.case_row = QWidget()
        case_row = QHBoxLayout(self.case_row)
        case_row.setContentsMargins(0, 0, 0, 0)
        case_row.addWidget(self.case_label, 1)
        case_row.addWidget(self.open_case_button)
        self.flags_row = QHBoxLayout()
        self.privileged_flag = _flag_label("lock", "Privileged",
                                           "Withheld from production; goes on the privilege log")
        self.confidential_flag = _flag_label("shield-alert", "Confidential",
                                             "Share only under the protective order")
        self.flags_row.addWidget(self.privileged_flag)
        self.flags_row.addSpacing(12)
        self.flags_row.addWidget(self.confidential_flag)
        self.flags_row.addStretch(1)
        self.button_bar = _ButtonBar()
        self.button_row = QHBoxLayout(self.button_bar)
        self.button_row.setContentsMargins(0, 0, 0, 0)
        self.button_row.setSpacing(2)
        self.button_row.addStretch(1)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        for key, text in FIELDS:
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            self.form.addRow(text + ":", value)

        self.versions_label = QLabel()
        self.versions_label.setFont(self._bold())
        self.version_model: SnapshotTableModel[VersionRow] = SnapshotTableModel([
            Column("No.", lambda v: str(v.number), align_right=True,
                   tooltip=lambda v: f"Version {v.number}"),
            Column("File name", lambda v: v.file_name, tooltip=lambda v: v.file_name),
            Column("Size", lambda v: size_text(v.size), align_right=True),
            Column("Added", lambda v: fmt.day(fmt_local_day(v.added_at)),
                   tooltip=lambda v: fmt.moment(v.added_at)),
            Column("By", lambda v: v.added_by, tooltip=lambda v: v.added_by),
            Column("Note", lambda v: v.note, tooltip=lambda v: v.note),
        ], self)
        self.version_view = QTableView()
        self.version_view.setModel(self.version_model)
        self.version_view.setAccessibleName("Versions")
        self.version_view.setToolTip("Double-click or press Enter to open a version")
        self.version_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.version_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.version_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.version_view.setAlternatingRowColors(True)
        self.version_view.setWordWrap(False)
        self.version_view.verticalHeader().hide()
        self.version_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.version_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for stretch in (1, 5):  # the file name and the note share what the others leave
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BY_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.version_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        layout.addWidget(self.title_label)
        layout.addWidget(self.case_row)
        layout.addLayout(self.flags_row)
        layout.addWidget(self.button_bar)
        layout.addSpacing(4)
        # Description and versions: stacked in a tall detail, side by side in a wide one.
        form_box = QWidget()
        form_box.setLayout(self.form)
        self.form.setContentsMargins(0, 0, 0, 0)
        versions_box = QWidget()
        versions_layout = QVBoxLayout(versions_box)
        versions_layout.setContentsMargins(0, 0, 0, 0)
        versions_layout.addWidget(self.versions_label)
        versions_layout.addWidget(self.version_view, 1)
        self.parts = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.parts.addWidget(form_box)
        self.parts.addWidget(versions_box, 1)
        layout.addLayout(self.parts, 1)

        self.open_case_button.clicked.connect(self._open_case)
        self.version_view.doubleClicked.connect(self._open_version_at)
        self.version_view.customContextMenuRequested.connect(self._version_menu)
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(enter), self.version_view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._open_selected_version)

    def _bold(self) -> Any:
        font = self.font()
        font.setBold(True)
        return font

    def add_actions(self, actions: list[QAction]) -> None:
        """A tool button per action (the same actions as the list's menu and shortcuts)."""
        for act in actions:
            button = QToolButton()
            button.setDefaultAction(act)
            button.setIconSize(TOOLBAR_ICON_SIZE)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(act.text().replace("&", "").rstrip("…"))
            self.button_row.insertWidget(self.button_row.count() - 1, button)
            self._buttons.append(button)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        chars = self.fontMetrics().horizontalAdvance("x")
        wide = size.width() > chars * 96 and size.width() > size.height() * 1.2
        self.parts.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                else QBoxLayout.Direction.TopToBottom)
        self.parts.setSpacing(2 * chars if wide else chars)
        self.parts.setStretch(0, 2 if wide else 0)  # side by side: the description gets room
        self.parts.setStretch(1, 3 if wide else 1)
        self._fit_buttons(size.width())

    def _fit_buttons(self, width: int) -> None:
        """Words on as many buttons as fit, from the first; the rest show their icons (their
        names are in the tooltips), rather than buttons cut off."""
        if not self._buttons:
            return
        text_style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        icon_style = Qt.ToolButtonStyle.ToolButtonIconOnly
        widths = []
        for button in self._buttons:
            button.setToolButtonStyle(text_style)
            with_text = button.sizeHint().width()
            button.setToolButtonStyle(icon_style)
            widths.append((with_text, button.sizeHint().width()))
        room = width - 8 - self.button_row.spacing() * len(self._buttons)
        keep = len(self._buttons)
        while keep > 1 and sum(t for t, _i in widths[:keep]) \
                + sum(i for _t, i in widths[keep:]) > room:
            keep -= 1
        for index, button in enumerate(self._buttons):
            button.setToolButtonStyle(text_style if index < keep else icon_style)

    def set_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)

    # -- showing ---------------------------------------------------------------------------
    def show_document(self, doc: DocumentRow | None, case_title: str = "") -> None:
        self.document = doc
        if doc is None:
            self.version_model.set_rows([])
            self.stack.setCurrentWidget(self.placeholder)
            return
        self.title_label.setText(doc.title)
        self.case_label.setText(f"{doc.case_number} · {case_title}" if case_title
                                else doc.case_number)
        self.privileged_flag.setVisible(doc.privileged)
        self.confidential_flag.setVisible(doc.confidential)
        kind = doc.file_name.rpartition(".")[2].upper() if "." in doc.file_name else ""
        values = {
            "category": fmt.enum_label(doc.category),
            "tags": ", ".join(doc.tags),
            "document_date": fmt.day(doc.document_date),
            "received_on": fmt.day(doc.received_on),
            "sent_on": fmt.day(doc.sent_on),
            "author": doc.author,
            "source": doc.source,
            "file": " · ".join(p for p in (doc.file_name, size_text(doc.size), kind) if p),
            "updated": fmt.moment(doc.updated_at),
        }
        for row, (key, label) in enumerate(self.fields.items()):
            label.setText(values[key] or NO_VALUE)
            # Only what is known: an empty optional field takes no line.
            self.form.setRowVisible(row, bool(values[key]) or key in ALWAYS_SHOWN)
        count = len(doc.versions)
        self.versions_label.setText(f"Versions ({count})")
        self.version_model.set_rows(doc.versions)
        # Names elide past a dozen characters, leaving the file names their room.
        self.version_view.resizeColumnToContents(BY_COLUMN)
        self.version_view.setColumnWidth(BY_COLUMN, min(
            self.version_view.columnWidth(BY_COLUMN),
            self.fontMetrics().horizontalAdvance("x") * 12))
        if count:
            self.version_view.selectRow(0)
        self.stack.setCurrentIndex(1)

    @property
    def case_id(self) -> uuid.UUID | None:
        return self.document.case_id if self.document else None

    def selected_version(self) -> int | None:
        rows = self.version_view.selectionModel().selectedRows()
        row = self.version_model.row_at(rows[0].row()) if rows else None
        return row.number if row is not None else None

    # -- requests --------------------------------------------------------------------------
    def _open_case(self) -> None:
        if self.document is not None:
            self.open_case_requested.emit(self.document.case_id)

    def _open_version_at(self, index: QModelIndex) -> None:
        row = self.version_model.row_at(index.row())
        if row is not None:
            self.open_version_requested.emit(row.number)

    def _open_selected_version(self) -> None:
        number = self.selected_version()
        if number is not None:
            self.open_version_requested.emit(number)

    def _version_menu(self, pos: QPoint) -> None:
        index = self.version_view.indexAt(pos)
        row = self.version_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        menu = QMenu(self)
        menu.addAction(safe_icon("folder-open"), f"Open version {row.number}",
                       lambda: self.open_version_requested.emit(row.number))
        menu.addAction(safe_icon("folder-open"), "Show in folder",
                       lambda: self.reveal_version_requested.emit(row.number))
        menu.addAction(safe_icon("file-down"), "Export a copy…",
                       lambda: self.export_version_requested.emit(row.number))
        menu.popup(self.version_view.viewport().mapToGlobal(pos))

