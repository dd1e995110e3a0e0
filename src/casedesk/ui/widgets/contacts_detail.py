"""The contact detail beside the directory: every field, other names, and the contact's cases."""

from __future__ import annotations

import html
import uuid

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import CaseStatus
from casedesk.domain.rows import ContactRow
from casedesk.services.contact_list import ContactCaseRow
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.models.contact_table_model import KIND_LABELS
from casedesk.ui.models.snapshot_model import ROW_ROLE, Column, SnapshotTableModel


def _roles(row: ContactCaseRow) -> str:
    text = ", ".join(fmt.enum_label(role) for role in row.roles)
    return f"{text} (represented by {row.represented_by})" if row.represented_by else text


def _muted(row: ContactCaseRow) -> QColor | None:
    return style.done_color() if row.status is CaseStatus.CLOSED else None


NUMBER_COLUMN, TITLE_COLUMN, ROLE_COLUMN, STATUS_COLUMN = range(4)
ROLE_SHARE = 0.45  # at most this much of what number and status leave; the title gets the rest

CASE_COLUMNS: tuple[Column[ContactCaseRow], ...] = (
    Column("Number", lambda r: r.number, color=_muted),
    Column("Title", lambda r: r.title, color=_muted, tooltip=lambda r: r.title),
    Column("Role", _roles, tooltip=_roles),
    Column("Status", lambda r: fmt.enum_label(r.status), color=_muted,
           tooltip=lambda r: f"Opened {fmt.day(r.opened_on)}" if r.opened_on else ""),
)


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    # Long e-mail addresses must not widen the pane: clip instead of scrolling sideways.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(40)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.LinksAccessibleByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class ContactDetail(QWidget):
    """Shows one ContactRow and, once loaded, the cases it takes part in."""

    open_case_requested = Signal(object)  # case UUID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact: ContactRow | None = None
        self._stack = QStackedWidget()
        placeholder = QLabel("Select a contact to see its details and cases.")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._stack.addWidget(placeholder)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 0, 0)  # the pane gives the detail its margins
        self.name_label = QLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = QLabel()
        self.subtitle_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.name_label)
        layout.addWidget(self.subtitle_label)

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        for key, title in (("aliases", "Also known as"), ("organization", "Organization"),
                           ("email", "Email"), ("phone", "Phone"), ("address", "Address"),
                           ("notes", "Notes")):
            label = _value_label()
            if key == "email":
                label.setOpenExternalLinks(True)
            self.fields[key] = label
            self._form.addRow(title, label)
        layout.addLayout(self._form)

        self.cases_label = QLabel()
        heading = self.cases_label.font()
        heading.setBold(True)
        self.cases_label.setFont(heading)
        layout.addSpacing(6)
        layout.addWidget(self.cases_label)
        self.cases_model: SnapshotTableModel[ContactCaseRow] = SnapshotTableModel(CASE_COLUMNS,
                                                                                  self)
        self.cases_view = QTableView()
        self.cases_view.setModel(self.cases_model)
        self.cases_view.setAccessibleName("Cases of this contact")
        self.cases_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cases_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cases_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases_view.verticalHeader().hide()
        self.cases_view.verticalHeader().setDefaultSectionSize(
            self.cases_view.fontMetrics().height() + 8)
        # Number and status fit their text; the title takes what is left and wraps (whole
        # titles, no sideways scrolling); the role ("Client (represented by …)") wraps too,
        # in at most ROLE_SHARE of the room left. Row heights follow the wrapped text.
        header = self.cases_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ROLE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("x") * 8)
        self.cases_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.cases_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cases_view.setWordWrap(True)
        self.cases_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.cases_view.viewport().installEventFilter(self)
        header.sectionResized.connect(self._on_section_resized)
        self.cases_view.activated.connect(self._on_case_activated)
        self.cases_view.setToolTip("Double-click a case to open it")
        self.cases_empty = QLabel("Not a party to any case.")
        self.cases_empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.cases_empty)
        layout.addWidget(self.cases_view, 1)
        self._body_layout = layout
        layout.addStretch(0)  # takes up the room while there is no case table

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self._stack.addWidget(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    def show_contact(self, contact: ContactRow | None) -> None:
        """Fill the fields (the cases follow with `show_cases`)."""
        same = (contact is not None and self.contact is not None
                and contact.id == self.contact.id)
        self.contact = contact
        if contact is None:
            self._stack.setCurrentIndex(0)
            self.cases_model.set_rows([])
            return
        self._stack.setCurrentIndex(1)
        self.name_label.setText(contact.name)
        subtitle = KIND_LABELS[contact.kind]
        if contact.organization:
            subtitle += f" · {contact.organization}"
        self.subtitle_label.setText(subtitle)
        email = contact.email
        values = {
            "aliases": "\n".join(contact.aliases),
            "organization": contact.organization,
            "email": (f'<a href="mailto:{html.escape(email)}">{html.escape(email)}</a>'
                      if email else ""),
            "phone": contact.phone,
            "address": contact.address,
            "notes": contact.notes,
        }
        for key, value in values.items():
            label = self.fields[key]
            label.setTextFormat(Qt.TextFormat.RichText if key == "email"
                                else Qt.TextFormat.PlainText)
            label.setText(value)
            self._form.setRowVisible(label, bool(value))
        if not same:
            self.cases_model.set_rows([])
            self.cases_label.setText("Cases")
            self.cases_empty.hide()
            self._set_table_visible(False)

    def _set_table_visible(self, visible: bool) -> None:
        self.cases_view.setVisible(visible)
        layout = self._body_layout
        layout.setStretch(layout.count() - 1, 0 if visible else 1)

    def show_cases(self, contact_id: uuid.UUID, total: int, rows: list[ContactCaseRow]) -> None:
        """The contact's cases have arrived (ignored if another contact is shown by now)."""
        if self.contact is None or self.contact.id != contact_id:
            return
        self.cases_model.set_rows(rows)
        if total > len(rows):
            self.cases_label.setText(f"Cases ({total:,}; the newest {len(rows):,} shown)")
        else:
            self.cases_label.setText(f"Cases ({total:,})")
        self._set_table_visible(total > 0)
        self.cases_empty.setVisible(total == 0)
        self._fit_role_column()

    def _fit_role_column(self) -> None:
        """The role column as wide as its longest text, but the title keeps most of the room."""
        view = self.cases_view
        width = (view.viewport().width() - view.columnWidth(NUMBER_COLUMN)
                 - view.columnWidth(STATUS_COLUMN))
        if width <= 0:
            return
        wanted = max(view.sizeHintForColumn(ROLE_COLUMN),
                     view.horizontalHeader().sectionSizeHint(ROLE_COLUMN))
        view.setColumnWidth(ROLE_COLUMN, min(wanted, round(width * ROLE_SHARE)))

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column in (NUMBER_COLUMN, STATUS_COLUMN):  # they follow their text
            self._fit_role_column()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.cases_view.viewport():
            self._fit_role_column()
        return super().eventFilter(watched, event)

    def _on_case_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, ContactCaseRow):
            self.open_case_requested.emit(row.case_id)
