"""A case's calendar (the case detail's "Calendar" tab): its court dates, deadlines and
meetings, oldest first with the next one current, and New event / Edit / Mark done / More.

More also imports an .ics file into the case: the tab only asks for it (`import_ics_requested`),
since the import needs the main window's file dialogs, settings and status bar."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import EventStatus
from casedesk.domain.rows import EventRow
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.event_models import (
    CASE_COLUMN,
    DAY_COLUMN,
    KIND_COLUMN,
    WHERE_COLUMN,
    WHO_COLUMN,
    AgendaModel,
)
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.widgets.calendar_actions import EventActions
from casedesk.ui.widgets.calendar_agenda import agenda_table, fit_columns, placeholder
from casedesk.ui.widgets.calendar_toolbar import EntryActions, tool_button


def _load(reader: object, case_id: uuid.UUID) -> list[EventRow]:
    from casedesk.services import event_list

    return event_list.case_events(reader, case_id)  # type: ignore[arg-type]


class CaseEventsTab(QWidget):
    """One case's events; reloads itself when events change."""

    import_ics_requested = Signal(object, str)  # case id, "2026-CV-0142 · Smith v. Acme"

    def __init__(self, db: Database, actions: EventActions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.event_actions = actions
        self._case: tuple[uuid.UUID, str] | None = None
        self._closed = False
        self._generation = 0
        self.loaded = False
        self.model = AgendaModel(self)
        self.view = agenda_table(self.model, "Events of this case",
                                 hidden=(CASE_COLUMN, KIND_COLUMN, WHO_COLUMN, WHERE_COLUMN))
        # A narrow list: the kind is the swatch (and the tooltip), place and people are in it.
        self.view.setToolTip("Enter or double-click opens it · Space marks it done · Del deletes")
        self.empty = placeholder()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.entry_actions = EntryActions.build(
            self, new=self.new_event, edit=self.edit_current, done=self.mark_done,
            set_status=self._status, delete=self.delete_current,
            compute_from=self.compute_from_current,
            new_tip="Add a court date, deadline or meeting to this case")
        buttons = QHBoxLayout()
        acts = self.entry_actions
        self.buttons: dict[str, QToolButton] = {}
        for key, action in (("new", acts.new), ("edit", acts.edit), ("done", acts.done)):
            self.buttons[key] = tool_button(action)
            buttons.addWidget(self.buttons[key])
        self.compute_button = QToolButton()
        self.compute_button.setText("Compute deadlines…")
        self.compute_button.setIcon(safe_icon("scale"))
        self.compute_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.compute_button.setAutoRaise(True)
        self.compute_button.setToolTip("Add the deadlines a rule set gives for something that "
                                       "happened (e.g. complaint served), with how each date "
                                       "was counted")
        self.compute_button.clicked.connect(self.compute_deadlines)
        buttons.addWidget(self.compute_button)
        self.change_trigger_action = QAction(safe_icon("history"), "Change &trigger…", self)
        self.change_trigger_action.setToolTip("Change the date or service of what this computed "
                                              "deadline runs from, and review what would move")
        self.change_trigger_action.triggered.connect(self.change_trigger)
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setAccessibleName("More event actions")
        self.more_button.setAutoRaise(True)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        menu.addActions([acts.reopen, acts.vacate, acts.cancel, acts.delete])
        menu.addSeparator()
        menu.addActions([acts.compute_from, self.change_trigger_action])
        menu.addSeparator()
        menu.addAction(self._build_import_action())
        self.more_button.setMenu(menu)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)
        self.view.addActions([*acts.all(), self.change_trigger_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.viewport().installEventFilter(self)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.model.done_toggled.connect(lambda row, done: self.event_actions.set_done(row, done))
        for shortcut_key, slot in ((Qt.Key.Key_Space, self.mark_done),
                                   (Qt.Key.Key_Delete, self.delete_current)):
            shortcut = QShortcut(QKeySequence(shortcut_key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        db.changed.connect(self._on_changed)
        self._update()

    def show_case(self, case_id: uuid.UUID | None, label: str = "", *,
                  closed: bool = False) -> None:
        """Show this case's events ("2026-CV-0142 · Smith v. Acme" names it in dialogs)."""
        changed = self._case is None or case_id is None or self._case[0] != case_id
        self._case = (case_id, label) if case_id is not None else None
        reopened = closed != self._closed
        self._closed = closed
        if changed:
            self.model.set_rows([])
            self.loaded = False
        if changed or reopened:  # event changes reload through `changed` on their own
            self.reload()
        self._update()

    def reload(self) -> None:
        self._generation += 1
        if self._case is None:
            return
        self._db.plain(_load, self._case[0],
                       on_done=if_alive(self, lambda rows, g=self._generation: self._on_loaded(
                           g, rows)),
                       on_error=if_alive(self, self._on_error))

    def _on_changed(self, changes: Changes) -> None:
        if self._case is not None and (changes.events or changes.staff or changes.cases):
            self.reload()

    def _on_loaded(self, generation: int, rows: list[EventRow]) -> None:
        if generation != self._generation:
            return
        today = date.today()
        current = self.current_event()
        self.model.set_rows(rows, today)
        pending = sum(1 for r in rows if r.is_pending)
        self.count_label.setText(f"{len(rows)} event{'s' if len(rows) != 1 else ''}, "
                                 f"{pending} scheduled" if rows else "")
        self.empty.setText("No court dates, deadlines or meetings on this case yet.\n"
                           "New event… adds one." if not self._closed else
                           "No events on this case.")
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        row = self.model.row_of(current.id) if current is not None else -1
        if row < 0:  # the next thing coming up, else the last one
            row = next((i for i, r in enumerate(rows) if r.end_day >= today), len(rows) - 1)
        if row >= 0:
            index = self.model.index(row, DAY_COLUMN)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        fit_columns(self.view)
        self.loaded = True
        self._update()

    def _on_error(self, error: JobError) -> None:
        from casedesk.ui.dialogs.error_dialog import show_error

        show_error(self, error.message, error.details)

    # -- actions -------------------------------------------------------------------------------
    def current_event(self) -> EventRow | None:
        row = self.model.row_at(self.view.currentIndex().row())
        return row if isinstance(row, EventRow) else None

    def _update(self) -> None:
        current = self.current_event()
        self.entry_actions.update(current)
        self.entry_actions.new.setEnabled(self._case is not None and not self._closed)
        self.compute_button.setEnabled(self._case is not None and not self._closed)
        self.import_ics_action.setEnabled(self._case is not None and not self._closed)
        if self._closed:
            self.entry_actions.compute_from.setEnabled(False)
        self.change_trigger_action.setEnabled(current is not None
                                              and current.trigger_id is not None)

    def _build_import_action(self) -> QAction:
        self.import_ics_action = QAction(safe_icon("calendar"),
                                         "&Import calendar file (.ics) into this case…", self)
        self.import_ics_action.setToolTip("Add the events of a court's or co-counsel's .ics "
                                          "file to this case (you see what it would do first)")
        self.import_ics_action.triggered.connect(self.request_ics_import)
        return self.import_ics_action

    def request_ics_import(self) -> None:
        """Ask the window to import an .ics file into this (open) case."""
        if self._case is not None and not self._closed:
            self.import_ics_requested.emit(self._case[0], self._case[1])

    def compute_deadlines(self) -> None:
        """Rule-set deadlines for this case from a trigger (the dialog saves them itself)."""
        from casedesk.ui.dialogs.compute_deadlines_dialog import ComputeDeadlinesDialog
        from casedesk.ui.settings import settings_of

        if self._case is not None and not self._closed:
            ComputeDeadlinesDialog.ask(self, self._db, self._case[0], self._case[1],
                                       actor_staff_id=self.event_actions.actor(),
                                       settings=settings_of(self))

    def compute_from_current(self) -> None:
        """Deadlines counted from the current court date, linked to it (see EventActions)."""
        row = self.current_event()
        if row is not None and self._case is not None and not self._closed:
            self.event_actions.compute_deadlines_from(row, self._case[1])

    def change_trigger(self) -> None:
        """Review what the current computed deadline's trigger would move if it changed."""
        row = self.current_event()
        if row is None or row.trigger_id is None or self._case is None:
            return
        from casedesk.services import deadlines

        label = self._case[1]
        trigger_id = row.trigger_id

        def found(triggers: list[deadlines.TriggerRow]) -> None:
            from casedesk.ui.dialogs.trigger_change_dialog import TriggerChangeDialog
            from casedesk.ui.settings import settings_of

            match = next((t for t in triggers if t.id == trigger_id), None)
            if match is not None:
                TriggerChangeDialog.ask(self, self._db, match, case_label=label,
                                        actor_staff_id=self.event_actions.actor(),
                                        settings=settings_of(self))

        self._db.read(deadlines.case_triggers, row.case_id, on_done=if_alive(self, found),
                      on_error=if_alive(self, self._on_error))

    def new_event(self) -> None:
        if self._case is not None:
            self.event_actions.new_event(case=self._case, case_fixed=True)

    def edit_current(self) -> None:
        if (row := self.current_event()) is not None:
            self.event_actions.edit_event(row)

    def mark_done(self) -> None:
        if (row := self.current_event()) is not None and row.is_pending:
            self.event_actions.mark_done(row)

    def _status(self, status: EventStatus) -> None:
        if (row := self.current_event()) is not None:
            self.event_actions.set_status(row, status)

    def delete_current(self) -> None:
        if (row := self.current_event()) is not None:
            self.event_actions.delete(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            fit_columns(self.view)  # the title keeps its room as the tab narrows
        return super().eventFilter(watched, event)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.column() != 0:
            self.edit_current()
