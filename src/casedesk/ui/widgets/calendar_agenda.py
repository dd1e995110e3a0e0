"""Agenda tables (events and tasks in rows) and the calendar's side panel: the selected day's
list, the selected entry's details, and what is coming up (overdue, then the next 7 or 30 days)
that a case manager works from each morning."""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.rows import EventRow, TaskRow
from casedesk.ui import format as fmt
from casedesk.ui.models.event_models import (
    DAY_COLUMN,
    KIND_COLUMN,
    STATUS_COLUMN,
    TIME_COLUMN,
    TITLE_COLUMN,
    WHERE_COLUMN,
    WHO_COLUMN,
    AgendaModel,
    Entry,
)
from casedesk.ui.widgets import calendar_style as cs

COMING_UP_CHOICES = ((7, "Overdue and the next 7 days"), (30, "Overdue and the next 30 days"))
DAY_ROWS_SHOWN = 6  # the day's list grows to this many rows, then scrolls
TITLE_MIN_CHARS = 28
# Columns that give way to the title (in this order) and the least each keeps, in characters.
SHRINKING = ((WHERE_COLUMN, 6), (WHO_COLUMN, 8), (STATUS_COLUMN, 7), (TIME_COLUMN, 11),
             (KIND_COLUMN, 8))  # never the case number or the day
WIDEST = {WHO_COLUMN: 26, WHERE_COLUMN: 26}  # these never take more than this (chars)


def agenda_table(model: AgendaModel, name: str, hidden: Iterable[int] = ()) -> QTableView:
    """A compact, read-only table over an agenda model; the title column stretches."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    for column in hidden:
        view.setColumnHidden(column, True)
    view.setToolTip("Enter or double-click opens it · Space ticks it done · Del deletes")
    return view


def fit_columns(view: QTableView) -> None:
    """Size the columns to their text; when the title would get less than TITLE_MIN_CHARS,
    the place, people, kind and case columns give way (they elide, with a tooltip)."""
    header = view.horizontalHeader()
    chars = max(1, view.fontMetrics().horizontalAdvance("x"))
    wanted: dict[int, int] = {}
    for column in range(header.count()):
        if column == TITLE_COLUMN or header.isSectionHidden(column):
            continue
        width = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        if column in WIDEST:
            width = min(width, WIDEST[column] * chars)
        wanted[column] = width
    short = TITLE_MIN_CHARS * chars - (view.viewport().width() - sum(wanted.values()))
    for column, least in SHRINKING:
        if short <= 0 or column not in wanted:
            continue
        give = min(short, max(0, wanted[column] - least * chars))
        wanted[column] -= give
        short -= give
    for column, width in wanted.items():
        if view.columnWidth(column) != width:
            view.setColumnWidth(column, width)


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def placeholder(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def detail_html(entry: Entry, today: date) -> str:
    """The selected entry in a few lines: when, where, who, state, and a deadline's rule."""
    esc = html.escape
    if isinstance(entry, TaskRow):
        lines = [f"<b>Task: {esc(entry.title)}</b>",
                 f"Due {esc(fmt.due_text(entry.due_on, today))}" if entry.is_open
                 else f"Due {esc(fmt.day(entry.due_on))}",
                 f"{esc(entry.case_number)} {esc(entry.case_title)}",
                 f"Assignee: {esc(entry.assignee or 'Unassigned')} · "
                 f"{esc(cs.state_word(entry, today))}"]
        if entry.notes:
            lines.append(esc(entry.notes))
        return "<br>".join(lines)
    return _event_html(entry, today)


def _event_html(row: EventRow, today: date) -> str:
    esc = html.escape
    when = cs.when_text(row)
    if (yours := cs.your_time_text(row)):
        when += f" ({yours})"
    state = cs.state_word(row, today)
    if row.is_deadline and row.is_pending:
        state += f" · due {fmt.due_text(row.day, today).split(' (')[-1].rstrip(')')}"
    lines = [f"<b>{esc(cs.kind_label(row.kind))}: {esc(row.title)}</b>", esc(when)]
    lines.append(f"{esc(row.case_number)} {esc(row.case_title)}" if row.case_id
                 else "Firm-wide")
    if row.location:
        lines.append(f"Where: {esc(row.location)}")
    if row.attendees:
        lines.append(f"Who: {esc(row.attendees)}")
    status = f"Status: {esc(state)}"
    if row.satisfied_by:
        status += f" — satisfied by {esc(row.satisfied_by)}"
    lines.append(status)
    if row.trigger_id is not None:
        lines.append(f"Rule: {esc(row.authority or row.rule_key)}")
        lines.extend(f"&nbsp;&nbsp;{esc(line)}" for line in row.explanation)
    if row.notes:
        lines.append(esc(row.notes))
    return "<br>".join(lines)


class SidePanel(QWidget):
    """The selected day's entries, the current entry's details, and what is coming up."""

    coming_up_days_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day_model = AgendaModel(self)
        self.upcoming_model = AgendaModel(self)
        self._day_list_shown = True
        self.day_label = heading()
        self.day_view = agenda_table(self.day_model, "Events and tasks of the selected day",
                                     hidden=(DAY_COLUMN, KIND_COLUMN, WHO_COLUMN, WHERE_COLUMN))
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setMargin(6)
        self.detail.setAccessibleName("Details of the selected item")
        self.upcoming_label = heading("Coming up")
        self.days_combo = QComboBox()
        self.days_combo.setAccessibleName("How far ahead")
        for days, text in COMING_UP_CHOICES:
            self.days_combo.addItem(text, days)
        self.upcoming_model.time_in_title = True
        self.upcoming_view = agenda_table(self.upcoming_model, "Overdue and coming up",
                                          hidden=(TIME_COLUMN, KIND_COLUMN, WHO_COLUMN,
                                                  WHERE_COLUMN, STATUS_COLUMN))
        self.upcoming_empty = placeholder()
        self.upcoming_stack = QStackedWidget()
        self.upcoming_stack.addWidget(self.upcoming_view)
        self.upcoming_stack.addWidget(self.upcoming_empty)

        top = QHBoxLayout()
        top.addWidget(self.upcoming_label, 1)
        top.addWidget(self.days_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.day_label)
        layout.addWidget(self.day_view)
        layout.addWidget(self.detail)
        layout.addSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.upcoming_stack, 1)
        self.days_combo.currentIndexChanged.connect(
            lambda _i: self.coming_up_days_changed.emit(self.coming_up_days()))
        self.show_detail(None, date.today())

    def coming_up_days(self) -> int:
        return int(self.days_combo.currentData())

    def set_coming_up_days(self, days: int) -> None:
        index = self.days_combo.findData(days)
        self.days_combo.setCurrentIndex(max(0, index))

    def show_day(self, day: date, entries: list[Entry], today: date) -> None:
        """The day's heading and list (folded away on a free day)."""
        self.day_model.set_rows(entries, today)
        events = sum(1 for e in entries if isinstance(e, EventRow))
        tasks = len(entries) - events
        parts = []
        if events:
            parts.append(f"{events} event{'s' if events != 1 else ''}")
        if tasks:
            parts.append(f"{tasks} task{'s' if tasks != 1 else ''}")
        what = ", ".join(parts) if parts else "nothing scheduled"
        prefix = "Today · " if day == today else ""
        self.day_label.setText(f"{prefix}{fmt.day(day)} · {what}")
        self.day_label.setToolTip("" if parts else
                                  "Double-click the day or press Ctrl+N to add an event")
        self.day_view.setVisible(bool(entries) and self._day_list_shown)
        if entries:
            view = self.day_view
            shown = min(len(entries), DAY_ROWS_SHOWN)
            height = (view.horizontalHeader().sizeHint().height()
                      + shown * view.verticalHeader().defaultSectionSize()
                      + 2 * view.frameWidth())
            view.setFixedHeight(height)
            fit_columns(view)

    def set_day_list_shown(self, shown: bool) -> None:
        """The agenda view is itself the list of days: then the day's list steps aside."""
        self._day_list_shown = shown
        self.day_label.setVisible(shown)
        self.day_view.setVisible(shown and self.day_model.rowCount() > 0)

    def show_detail(self, entry: Entry | None, today: date) -> None:
        self.detail.setVisible(entry is not None)
        if entry is not None:
            self.detail.setText(detail_html(entry, today))

    def show_coming_up(self, entries: list[Entry], today: date) -> None:
        self.upcoming_model.set_rows(entries, today)
        overdue = sum(1 for e in entries if cs.is_overdue(e, today))
        self.upcoming_label.setText("Coming up" + (f" · {overdue} overdue" if overdue else ""))
        days = self.coming_up_days()
        self.upcoming_empty.setText(f"Nothing overdue and nothing due in the next {days} days.")
        self.upcoming_stack.setCurrentWidget(self.upcoming_view if entries
                                             else self.upcoming_empty)
        fit_columns(self.upcoming_view)
