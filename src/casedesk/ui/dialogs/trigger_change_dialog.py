"""Change trigger… : edit a trigger's date, service or court and see, as a diff, what each of
its deadlines would become. Nothing moves unless the person presses "Move N deadlines";
"Keep all" saves the new trigger details and leaves every date where it is (the service notes
the difference in each kept deadline's explanation).

The same dialog reviews a trigger after its rule set was edited: the details are unchanged and
the diff shows what the new rules give. It also reviews a trigger that is a court date on the
calendar after that event moved: the new date is preset (and fixed: it is the event's day) and
a line says why the dialog opened.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import EventStatus
from casedesk.rules.rulesets import RuleSet, Trigger
from casedesk.services.deadlines import FEDERAL_ONLY, DeadlineChange, TriggerRow
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.deadline_widgets import (
    SERVICE_HINT,
    DeadlineChoices,
    ExplanationPane,
    SavingFormDialog,
    WrappedHint,
    court_value,
    deadline_table,
    fill_court_combo,
    fill_service_combo,
    load_choices,
    service_sensitive_titles,
    service_value,
    set_service_needed,
)
from casedesk.ui.dialogs.fields import char_width, make_date_edit
from casedesk.ui.format import to_date
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.deadline_models import CheckableRowsModel, change_model, moved_ids
from casedesk.ui.settings import Settings, WindowLayout


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def diff_summary(changes: Sequence[DeadlineChange], choosing: bool = True) -> str:
    """'2 deadlines would move · 1 done, not moved · 1 rule no longer in the rule set'."""
    movable = sum(c.can_move for c in changes)
    history = sum(c.status is not EventStatus.SCHEDULED and c.moves for c in changes)
    gone = sum(c.new_day is None for c in changes)
    parts = [f"{_plural(movable, 'deadline')} would move" if movable
             else "No pending deadline would move"]
    if history:
        parts.append(f"{history} done or vacated (never moved)")
    if gone:
        parts.append(f"{_plural(gone, 'rule')} no longer in the rule set")
    text = " · ".join(parts)
    if not movable:
        return text + "."
    return text + (" — nothing moves until you press “Move”." if choosing else
                   " — nothing moves until you review it.")


class DiffPanel(QWidget):
    """The before/after table and the selected row's explanation (also used read-only)."""

    def __init__(self, parent: QWidget | None = None, *, checkable: bool = True) -> None:
        super().__init__(parent)
        self.checkable = checkable
        self.model: CheckableRowsModel[DeadlineChange] = change_model(self,
                                                                      checkable=checkable)
        self.table = deadline_table(self.model, "Deadlines before and after", stretch=0)
        self.explanation = ExplanationPane()
        self.summary = QLabel("Working out the dates…")
        self.summary.setWordWrap(True)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.explanation)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.explain())

    def show_changes(self, changes: Sequence[DeadlineChange],
                     keep: set[Any] | None = None) -> None:
        selected = self.selected()
        self.model.set_rows(changes, keep)
        self.summary.setText(diff_summary(changes, self.checkable) if changes else
                             "This trigger has no deadlines left on the case.")
        number = next((i for i, c in enumerate(changes)
                       if selected is not None and c.event_id == selected.event_id), 0)
        if changes:
            self.table.selectRow(number)
        self.explain()

    def selected(self) -> DeadlineChange | None:
        current = self.table.selectionModel().currentIndex()
        return self.model.row_at(current.row()) if current.isValid() else None

    def explain(self) -> None:
        change = self.selected()
        if change is None:
            self.explanation.show_lines([])
            return
        lines = list(change.explanation)
        if change.new_day is None:
            lines = ["Its rule is no longer in the rule set: the deadline keeps its date. "
                     "Change or remove it on the case's calendar if it no longer applies.",
                     *lines]
        elif change.status is not EventStatus.SCHEDULED:
            lines = [f"Marked {change.status.value}: it is never moved.", *lines]
        self.explanation.show_lines(lines, bold_first=True, muted=self._header_lines(lines))

    @staticmethod
    def _header_lines(lines: Sequence[str]) -> int:
        return sum(1 for line in lines[:3]
                   if line.startswith(("Rule set:", "Trigger:", "Served:")))


class TriggerChangeDialog(SavingFormDialog):
    """Trigger details above; the diff below; Move N / Keep all / Cancel."""

    def __init__(self, parent: QWidget | None, db: Database, trigger: TriggerRow, *,
                 case_label: str = "", actor_staff_id: uuid.UUID | None = None,
                 review: bool = False, new_date: date | None = None,
                 reason: str = "", settings: Settings | None = None) -> None:
        """`new_date` presets the trigger date and fixes it (the day of the event the trigger
        is, after that event moved); `reason` is shown above the details; with `settings`
        the dialog opens at the size and split it was closed with."""
        where = f" — {case_label}" if case_label else ""
        super().__init__(parent, ("Review deadlines" if review else "Change trigger") + where,
                         db)
        self.trigger_row = trigger
        self._actor = actor_staff_id
        self._choices: DeadlineChoices | None = None
        self._request = 0
        self._computing = False
        self._error = ""
        self._unticked: set[uuid.UUID] = set()
        self.saved = False
        self.moved = 0

        self.reason_label = QLabel(reason)
        self.reason_label.setWordWrap(True)
        self.reason_label.setVisible(bool(reason))
        font = self.reason_label.font()
        font.setBold(True)
        self.reason_label.setFont(font)
        self.trigger_label = QLabel(f"{trigger.trigger_name}  ·  {trigger.rule_set_name}")
        self.trigger_label.setWordWrap(True)
        self.date_edit = make_date_edit(new_date or trigger.trigger_date)
        if new_date is not None:
            self.date_edit.setReadOnly(True)
            self.date_edit.setCalendarPopup(False)
            self.date_edit.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.service_combo = QComboBox()
        fill_service_combo(self.service_combo, trigger.service_method)
        self.service_hint = WrappedHint(SERVICE_HINT)
        self.court_combo = QComboBox()
        self.court_combo.setMinimumWidth(char_width(self, 40))
        if reason:
            self.form.addRow(self.reason_label)
        self.add_row("Trigger", self.trigger_label)
        self.add_row("Trigger &date", self.date_edit, required=True,
                     tip="The event's new day: move the event to change it"
                     if new_date is not None else "")
        self.add_row("&Served by", self.service_combo)
        self.form.addRow("", self.service_hint)
        self.add_row("&Court", self.court_combo)
        self.diff = DiffPanel()
        self.add_panel(self.diff)
        self.model = self.diff.model
        self.table = self.diff.table

        self.save_button.setIcon(safe_icon("calendar-days"))
        self.save_button.setDefault(False)  # moving dates must be a deliberate click
        self.save_button.setAutoDefault(False)
        self.save_button.setToolTip("Move the ticked deadlines to their new dates and save "
                                    "the trigger details")
        self.keep_button = QPushButton("&Keep all dates")
        self.keep_button.setAutoDefault(False)
        self.keep_button.setToolTip("Save the trigger details and move no deadline; each kept "
                                    "deadline notes the date the rule now gives")
        self.buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.keep_button.clicked.connect(self.keep_all)
        self.disable_quick_save()

        self.date_edit.dateChanged.connect(self.recompute)
        self.service_combo.currentIndexChanged.connect(self.recompute)
        self.court_combo.currentIndexChanged.connect(self.recompute)
        self.model.dataChanged.connect(lambda *_a: self._ticks_changed())
        self.model.modelReset.connect(self.refresh)
        widgets = (self.date_edit, self.service_combo, self.court_combo)
        self.watch(*widgets)
        self.chain_tab_order(*widgets, self.table)
        self.resize(char_width(self, 118), self.fontMetrics().height() * 38)
        self.layout_memory = WindowLayout(
            self, settings, size=keys.TRIGGER_CHANGE_SIZE,
            splitters=[(keys.TRIGGER_CHANGE_SPLITTER, self.diff.splitter)])
        # A size the person chose is kept, not grown back to the natural one on first show.
        self._sized = self.layout_memory.was_restored(keys.TRIGGER_CHANGE_SIZE)
        self._busy = True
        self.mark_clean()
        db.read(_load, trigger, on_done=self._loaded, on_error=self._failed)

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, trigger: TriggerRow, *,
            case_label: str = "", actor_staff_id: uuid.UUID | None = None,
            review: bool = False, new_date: date | None = None, reason: str = "",
            settings: Settings | None = None) -> bool:
        """Open the dialog; True when the trigger was saved (with or without moves)."""
        dialog = cls(parent, db, trigger, case_label=case_label,
                     actor_staff_id=actor_staff_id, review=review, new_date=new_date,
                     reason=reason, settings=settings)
        cls.run(dialog)
        return dialog.saved

    def answer(self) -> bool:
        return self.saved

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The button box makes its accept button the default when shown; Enter must not move
        # deadlines, so no button is the default here.
        self.save_button.setDefault(False)

    # --- loading -------------------------------------------------------------------------

    def _loaded(self, result: tuple[DeadlineChoices, RuleSet | None]) -> None:
        choices, rule_set = result
        self._choices = choices
        self._busy = False
        trigger = self._trigger(rule_set)
        sensitive = service_sensitive_titles(trigger)
        self.service_combo.blockSignals(True)
        self.court_combo.blockSignals(True)
        set_service_needed(self.service_combo, bool(sensitive) or
                           bool(self.trigger_row.service_method))
        if self.trigger_row.service_method:
            self.service_combo.setCurrentIndex(
                max(0, self.service_combo.findData(self.trigger_row.service_method)))
        self.service_hint.setText(
            f"{SERVICE_HINT} It can add days to: {'; '.join(sensitive)}." if sensitive else
            "None of these deadlines runs from service under Rule 5, so Rule 6(d) adds no "
            "days.")
        fill_court_combo(self.court_combo, choices.courts, self.trigger_row.court_id)
        self.service_combo.blockSignals(False)
        self.court_combo.blockSignals(False)
        self.fit_form()
        self.mark_clean()
        self.recompute()

    def _trigger(self, rule_set: RuleSet | None) -> Trigger | None:
        if rule_set is None:
            return None
        return next((t for t in rule_set.triggers if t.key == self.trigger_row.trigger_key),
                    None)

    def _failed(self, error: JobError) -> None:
        self._busy = False
        self._error = error.message
        self.diff.summary.setText("Could not work out the dates.")
        self.refresh()

    # --- the diff ------------------------------------------------------------------------

    def trigger_date(self) -> date:
        return to_date(self.date_edit.date())

    def recompute(self, *_args: Any) -> None:
        from casedesk.services import deadlines

        if self._choices is None:
            return
        self._request += 1
        request = self._request
        self._computing = True
        self.diff.summary.setText("Working out the dates…")
        self.refresh()
        self._db.read(deadlines.recompute, trigger_id=self.trigger_row.id,
                      trigger_date=self.trigger_date(),
                      service_method=service_value(self.service_combo),
                      court_id=court_value(self.court_combo),
                      on_done=lambda rows: self._computed(request, rows),
                      on_error=lambda error: self._compute_failed(request, error))

    def _computed(self, request: int, rows: list[DeadlineChange]) -> None:
        if request != self._request:
            return
        self._computing, self._error = False, ""
        self.diff.show_changes(rows, {c.event_id for c in rows} - self._unticked)
        self.refresh()

    def _ticks_changed(self) -> None:
        """Remember what the person un-ticked, so a new answer does not tick it again."""
        movable = {c.event_id for c in self.model.rows if c.can_move}
        self._unticked = (self._unticked - movable) | (movable - set(self.model.checked_keys()))
        self.refresh()

    def _compute_failed(self, request: int, error: JobError) -> None:
        if request != self._request:
            return
        self._computing, self._error = False, error.message
        self.diff.show_changes([])
        self.diff.summary.setText("Could not work out the dates.")
        self.refresh()

    # --- state ---------------------------------------------------------------------------

    def waiting(self) -> bool:
        return super().waiting() or self._computing

    def details_changed(self) -> bool:
        row = self.trigger_row
        court = court_value(self.court_combo)
        return (self.trigger_date() != row.trigger_date
                or service_value(self.service_combo) != row.service_method
                or (court is not None and court != (row.court_id or FEDERAL_ONLY)))

    def check(self) -> str:
        if self._error:
            return self._error
        if self._choices is None:
            return "Loading…"
        if self.service_combo.isEnabled() and not service_value(self.service_combo):
            return "Choose how the paper was served (Rule 6(d) may add 3 days)."
        return ""

    def refresh(self) -> None:
        count = len(self.model.checked_rows())
        self.save_button.setText(f"&Move {_plural(count, 'deadline')}")
        super().refresh()
        ready = not self.validate() and not self.waiting()
        self.save_button.setEnabled(ready and count > 0)
        movable = any(c.can_move for c in self.model.rows)
        self.keep_button.setEnabled(ready and (movable or self.details_changed()))

    # --- saving --------------------------------------------------------------------------

    def accept(self) -> None:
        """"Move N deadlines": the ticked rows move, the rest keep their dates."""
        if not self.save_button.isEnabled():
            return
        self._save(moved_ids(self.model))

    def keep_all(self) -> None:
        if self.keep_button.isEnabled():
            self._save([])

    def _save(self, accepted: list[uuid.UUID]) -> None:
        from casedesk.services import deadlines

        def saved(_changes: Any) -> None:
            self.saved, self.moved = True, len(accepted)

        self.submit(deadlines.accept_changes, on_saved=saved, trigger_id=self.trigger_row.id,
                    trigger_date=self.trigger_date(),
                    service_method=service_value(self.service_combo),
                    court_id=court_value(self.court_combo), accepted=accepted,
                    actor_staff_id=self._actor)


def _load(session: Any, trigger: TriggerRow) -> tuple[DeadlineChoices, RuleSet | None]:
    """Runs on the DB worker: the courts, and the trigger's rule set if it still exists."""
    from casedesk.domain.errors import NotFound
    from casedesk.services import deadlines

    choices = load_choices(session)
    try:
        rule_set: RuleSet | None = deadlines.rule_set(session, trigger.rule_set_key)
    except NotFound:
        rule_set = None
    return choices, rule_set
