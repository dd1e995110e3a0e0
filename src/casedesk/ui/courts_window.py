"""Courts & holidays (File ▸ Courts & holidays…): each court's own list of state holidays and
closure days beside the federal holidays, kept with who added or removed each day and when.

The deadline engine counts what this window shows, so every change says which way it moves a
deadline, and the reviewed state list's omissions are on screen for whoever checks it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.domain.enums import HolidayKind
from casedesk.domain.errors import InvalidInput
from casedesk.services.courts import SEED_YEARS_AHEAD, CourtRow
from casedesk.ui import format as fmt
from casedesk.ui import settings as keys
from casedesk.ui.court_days import CourtDays, load_court_days
from casedesk.ui.court_days_panel import CourtDaysPanel, StateListBox, empty_label, table_view
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.ask import confirm
from casedesk.ui.dialogs.court_day_dialog import CourtDayDialog, ReviewedDaysDialog
from casedesk.ui.dialogs.court_dialog import CourtDialog
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.icons import safe_icon
from casedesk.ui.lookups import Lookups
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel
from casedesk.ui.settings import Settings, WindowLayout


def _state_tip(court: CourtRow) -> str:
    if not court.state:
        return "No state: federal holidays and closure days only"
    if court.reviewed_state:
        return f"{court.state} has a reviewed holiday list"
    return f"No reviewed holiday list for {court.state}: its holidays are entered by hand"


def zone_city(zone: str) -> str:
    """'Los Angeles' for America/Los_Angeles: the zone as people name it, in less width."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def _day_in(year: int, today: date) -> date:
    """Today's date moved into `year` (the day a new entry starts on)."""
    try:
        return today.replace(year=year)
    except ValueError:  # 29 February
        return date(year, 2, 28)


class CourtsWindow(QDialog):
    """Courts on the left; the selected court's days of a year on the right, with history.

    With `settings` it opens at the size, splits and column layout it was closed with."""

    def __init__(self, parent: QWidget | None, db: Database, lookups: Lookups, *,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Courts & holidays")
        self.setSizeGripEnabled(True)
        self._db = db
        self._lookups = lookups
        self.changes_dialog: Any = None  # the review of deadlines a list change would move
        self._court_id: uuid.UUID | None = None
        self.model: SnapshotTableModel[CourtRow] = SnapshotTableModel([
            Column("Court", lambda c: c.name, tooltip=lambda c: c.name + (
                f"\n{c.notes}" if c.notes else "")),
            Column("State", lambda c: c.state, tooltip=_state_tip),
            Column("Time zone", lambda c: zone_city(c.time_zone), tooltip=lambda c: c.time_zone),
            Column("State\nholidays", lambda c: str(c.state_days), align_right=True),
            Column("Closure\ndays", lambda c: str(c.closures), align_right=True),
        ], self)
        self.days = CourtDaysPanel()
        self.state_box = StateListBox()
        self._build()
        self.layout_memory = WindowLayout(
            self, settings, geometry=keys.COURTS_GEOMETRY,
            splitters=[(keys.COURTS_SPLITTER, self.splitter),
                       (keys.COURTS_LEFT_SPLITTER, self.left_splitter)],
            columns=[(keys.COURTS_HEADER, self.view.columns),
                     (keys.COURT_DAYS_HEADER, self.days.view.columns)])
        # A split brought back from the last session replaces the default one.
        self._split_done = self.layout_memory.was_restored(keys.COURTS_SPLITTER)
        self.view.horizontalHeader().setSectionResizeMode(  # also after an older layout
            0, QHeaderView.ResizeMode.Stretch)
        db.changed.connect(self._on_changed)
        self.reload()

    def _build(self) -> None:
        self.add_court_button = QPushButton(safe_icon("plus"), "&Add court…")
        self.edit_court_button = QPushButton(safe_icon("pencil"), "&Edit court…")
        self.edit_court_button.setToolTip("Name, state and time zone of the court (F2)")
        self.add_court_button.clicked.connect(lambda: self.add_court())
        self.edit_court_button.clicked.connect(lambda: self.edit_court())
        self.view = table_view(self.model, "Courts", stretch=0)
        self.view.doubleClicked.connect(lambda _i: self.edit_court())
        self.view.selectionModel().selectionChanged.connect(self._on_court_picked)
        QShortcut(QKeySequence("F2"), self.view, lambda: self.edit_court(),
                  context=Qt.ShortcutContext.WidgetShortcut)
        empty_add = QPushButton(safe_icon("plus"), "Add court…")
        empty_add.clicked.connect(lambda: self.add_court())
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(empty_label(
            "No courts yet.\nAdd the courts you file in: deadlines in a case before that "
            "court then skip its state holidays and closure days as well as the federal "
            "holidays."))
        empty_layout.addWidget(empty_add, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        court_buttons = QHBoxLayout()
        court_buttons.addWidget(self.add_court_button)
        court_buttons.addWidget(self.edit_court_button)
        court_buttons.addStretch(1)
        left_layout.addLayout(court_buttons)
        left_layout.addWidget(self.stack, 1)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.addWidget(left)
        self.left_splitter.addWidget(self.state_box)
        self.left_splitter.setChildrenCollapsible(False)
        self.left_splitter.setStretchFactor(0, 1)
        self.left_splitter.setStretchFactor(1, 1)

        days = self.days
        days.filters_changed.connect(self._load_days)
        days.add_closure_button.clicked.connect(lambda: self.add_day(HolidayKind.CLOSURE))
        days.add_state_button.clicked.connect(lambda: self.add_day(HolidayKind.STATE))
        days.remove_button.clicked.connect(self.remove_selected)
        self.state_box.seed_button.clicked.connect(self.add_reviewed_days)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), days.view,
                  self.remove_selected, context=Qt.ShortcutContext.WidgetShortcut)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_splitter)
        self.splitter.addWidget(days)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.status = QLabel()
        self.status.setAccessibleName("Result of the last change")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)  # room for 1280x800 at 200 %
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self._fit_to_screen(QSize(1380, 800))
        self._split_done = False

    def _fit_to_screen(self, wanted: QSize) -> None:
        """Open wide enough for full court and holiday names, but never past the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry().size() * 0.95
            wanted = wanted.boundedTo(room).expandedTo(QSize(900, 560))
        self.resize(wanted)

    def showEvent(self, event: QShowEvent) -> None:
        """On first show, give the day list the larger share (the court list fits in less)."""
        super().showEvent(event)
        if not self._split_done:
            self._split_done = True
            total = sum(self.splitter.sizes()) or self.width()
            self.splitter.setSizes([total * 42 // 100, total - total * 42 // 100])

    @classmethod
    def open(  # type: ignore[override]  # like StaffWindow.open: build and show
            cls, parent: QWidget, db: Database, lookups: Lookups, *,
            settings: Settings | None = None) -> CourtsWindow:
        window = cls(parent, db, lookups, settings=settings)
        window.show()
        return window

    def save_state(self) -> None:
        """Remember the size, both splits and the two tables' column layouts (also done on
        every close; the main window asks when the app quits with this window open)."""
        self.layout_memory.save()

    # --- loading --------------------------------------------------------------------------

    def current_court(self) -> CourtRow | None:
        return next((c for c in self.model.rows if c.id == self._court_id), None)

    def select_court(self, court_id: uuid.UUID) -> None:
        """Show this court's days (when it is listed)."""
        if any(c.id == court_id for c in self.model.rows):
            self._court_id = court_id
            self._on_courts(self.model.rows)

    def reload(self) -> None:
        from casedesk.services import courts

        self._db.read(courts.list_courts, on_done=self._on_courts, on_error=self._error)

    def _on_courts(self, rows: list[CourtRow]) -> None:
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        if not any(c.id == self._court_id for c in rows):
            self._court_id = rows[0].id if rows else None
        index = next((i for i, c in enumerate(rows) if c.id == self._court_id), -1)
        selection = self.view.selectionModel()
        selection.blockSignals(True)  # the court is shown once, below
        if index >= 0:
            selection.setCurrentIndex(self.model.index(index, 0),
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        selection.blockSignals(False)
        self.view.fit_columns()
        self.view.viewport().update()
        self._show_court()

    def _on_court_picked(self, *_args: Any) -> None:
        rows = self.view.selectionModel().selectedRows()
        court = self.model.row_at(rows[0].row()) if rows else None
        if court is not None and court.id != self._court_id:
            self._court_id = court.id
            self._show_court()

    def _show_court(self) -> None:
        court = self.current_court()
        self.edit_court_button.setEnabled(court is not None)
        self.days.show_court(court)
        self.state_box.show_court(court)
        self._load_days()

    def _load_days(self) -> None:
        court = self.current_court()
        if court is None:
            return
        self._db.read(load_court_days, court.id, self.days.year,
                      include_removed=self.days.include_removed(),
                      include_federal=self.days.include_federal(),
                      on_done=self._on_days, on_error=self._error)

    def _on_days(self, result: CourtDays) -> None:
        if result.court_id != self._court_id or result.year != self.days.year:
            return  # the answer to an earlier choice; the newer one is on its way
        self.days.show_days(result)

    def _on_changed(self, changes: Changes) -> None:
        if changes.courts:
            self.reload()

    # --- changes --------------------------------------------------------------------------

    def _error(self, error: JobError) -> None:
        show_error(self, error.message, error.details)

    def _refused(self, reopen: Callable[[str], None], error: JobError) -> None:
        """Input the service refused reopens the form holding it; anything else is an error."""
        if isinstance(error.error, InvalidInput):
            reopen(error.message)
        else:
            self._error(error)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def add_court(self, retry: CourtDialog.Answer | None = None, refusal: str = "") -> None:
        from casedesk.services import courts

        answer = CourtDialog.ask(self, retry=retry, refusal=refusal)
        if answer is None:
            return
        court_id = uuid.uuid4()

        def done(_changes: Changes) -> None:
            self._court_id = court_id  # the reload that `changed` started selects it
            self._say(f"Court added: {answer.name}.")

        self._db.write(courts.add_court, court_id=court_id,
                       actor_staff_id=self._lookups.current_staff_id, **answer.as_kwargs(),
                       on_done=done,
                       on_error=partial(self._refused, partial(self.add_court, answer)))

    def edit_court(self, retry: CourtDialog.Answer | None = None, refusal: str = "") -> None:
        from casedesk.services import courts

        court = self.current_court()
        if court is None:
            return
        answer = CourtDialog.ask(self, court=court, retry=retry, refusal=refusal)
        if answer is None:
            return
        self._db.write(courts.update_court, actor_staff_id=self._lookups.current_staff_id,
                       **answer.as_kwargs(),
                       on_done=lambda _c: self._say(f"Court saved: {answer.name}."),
                       on_error=partial(self._refused, partial(self.edit_court, answer)))

    def add_day(self, kind: HolidayKind, retry: CourtDayDialog.Answer | None = None,
                refusal: str = "") -> None:
        from casedesk.services import courts

        court = self.current_court()
        if court is None:
            return
        answer = CourtDayDialog.ask(self, court_id=court.id, court_name=court.name, kind=kind,
                                    day=_day_in(self.days.year, date.today()), retry=retry,
                                    refusal=refusal)
        if answer is None:
            return

        def done(_changes: Changes) -> None:
            noun = "Closure" if answer.kind is HolidayKind.CLOSURE else "State holiday"
            self._say(f"{noun} added: {fmt.day(answer.day)}, {answer.name}.")
            if answer.day.year != self.days.year:  # show the year the new day is in
                self.days.set_year(answer.day.year)
            self.review_deadlines(court.id, court.name)

        self._db.write(courts.add_court_day, actor_staff_id=self._lookups.current_staff_id,
                       **answer.as_kwargs(), on_done=done,
                       on_error=partial(self._refused, partial(self.add_day, kind, answer)))

    def remove_selected(self) -> None:
        from casedesk.services import courts

        court, line = self.current_court(), self.days.selected_line()
        if court is None or line is None or line.day_id is None or line.removed_at is not None:
            return
        effect = ("Removing a holiday can make deadlines earlier: a period counted forward "
                  "may then end on this day." if line.kind is HolidayKind.STATE else
                  "Removing a closure can make deadlines earlier: a period may then end on "
                  "this day.")
        if not confirm(self, "Remove day",
                       f"Remove {line.name} ({fmt.day(line.day)}) from the list of "
                       f"{court.name}?",
                       f"{effect} The day stays in the history (Show removed).", "Remove"):
            return
        self._db.write(courts.remove_court_day, day_id=line.day_id,
                       actor_staff_id=self._lookups.current_staff_id,
                       on_done=lambda _c: (self._say(
                           f"Removed: {fmt.day(line.day)}, {line.name}."),
                           self.review_deadlines(court.id, court.name)),
                       on_error=self._error)

    def review_deadlines(self, court_id: uuid.UUID, name: str) -> None:
        """After the list changed: offer the computed deadlines it would move (nothing moves
        until a person accepts them, trigger by trigger)."""
        from casedesk.ui.dialogs.rule_set_changes_dialog import (
            RuleSetChangesDialog,
            affected_triggers,
        )

        def found(rows: list[Any]) -> None:
            if rows:
                self._say(f"Pending deadlines on {len(rows)} trigger"
                          f"{'s' if len(rows) != 1 else ''} would change: review them.")
                self.changes_dialog = RuleSetChangesDialog.open(
                    self, self._db, key="", name=name, court_id=court_id,
                    actor_staff_id=self._lookups.current_staff_id)

        self._db.read(affected_triggers, "", court_id, on_done=found, on_error=self._error)

    def add_reviewed_days(self) -> None:
        from casedesk.rules.state_holidays import state_review
        from casedesk.services import courts

        court = self.current_court()
        if court is None or not court.reviewed_state:
            return
        review = state_review(court.state)
        this_year = date.today().year
        answer = ReviewedDaysDialog.ask(self, court_id=court.id, court_name=court.name,
                                        state_name=review.name, source=review.source,
                                        first=this_year, last=this_year + SEED_YEARS_AHEAD)
        if answer is None:
            return
        span = f"{answer.first}–{answer.last}"

        def done(changes: Changes) -> None:
            self._say(f"Reviewed {court.state} holidays for {span} added." if changes.any()
                      else f"Nothing to add: the list already has every reviewed "
                           f"{court.state} holiday for {span} (removed days stay removed).")

        def seeded(changes: Changes) -> None:
            done(changes)
            if changes.any():
                self.review_deadlines(court.id, court.name)

        self._db.write(courts.seed_state_days, actor_staff_id=self._lookups.current_staff_id,
                       **answer.as_kwargs(), on_done=seeded, on_error=self._error)
