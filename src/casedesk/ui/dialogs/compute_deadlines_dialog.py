"""Compute deadlines… for a case: pick a rule set's trigger and its date, see every deadline it
sets with how each date was counted, tick the ones to add, and add them.

The preview is recomputed by the service (`deadlines.plan`) on every change, off the GUI
thread; "Add" stays disabled while an answer is on its way, so what is added is always what
was on screen.

Opened on a calendar event (the motion hearing, the trial), the trigger date is that event's
day and cannot be changed here, the matching "… set" trigger is chosen, and the stored trigger
keeps the event's id, so that moving the event later brings these deadlines up for review.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import EventKind
from casedesk.domain.rows import EventRow
from casedesk.rules.rulesets import ComputedDeadline, RuleSet, Trigger
from casedesk.ui import format as fmt
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
    trigger_header,
)
from casedesk.ui.dialogs.fields import char_width, make_date_edit
from casedesk.ui.format import to_date
from casedesk.ui.models.deadline_models import plan_model
from casedesk.ui.settings import Settings, WindowLayout

# The trigger a court date usually is, by the event's kind (rule sets name them "…_set").
EVENT_TRIGGERS: dict[EventKind, str] = {
    EventKind.HEARING: "motion_hearing_set",
    EventKind.CONFERENCE: "scheduling_conference_set",
    EventKind.TRIAL: "trial_set",
}


def preferred_trigger(triggers: list[Trigger], kind: EventKind) -> int:
    """Which trigger to offer first for an event of this kind: the usual "…_set" one, else a
    "…_set" trigger naming the kind (a practice's "status_conference_set"), else the first."""
    keys = [t.key for t in triggers]
    wanted = EVENT_TRIGGERS.get(kind)
    if wanted in keys:
        return keys.index(wanted)
    return next((i for i, key in enumerate(keys)
                 if key.endswith("_set") and kind.value in key), 0)


class ComputeDeadlinesDialog(SavingFormDialog):
    """Rule set, trigger, date, service and court above; the deadlines they set below."""

    def __init__(self, parent: QWidget | None, db: Database, case_id: uuid.UUID,
                 case_label: str, *, actor_staff_id: uuid.UUID | None = None,
                 trigger_date: date | None = None, today: date | None = None,
                 event: EventRow | None = None, settings: Settings | None = None) -> None:
        """`today` is the day a due date counts as "already passed" from (default: today);
        `event` is the court date the trigger is (its day becomes the fixed trigger date);
        with `settings` the dialog opens at the size and split it was closed with."""
        super().__init__(parent, f"Compute deadlines — {case_label}" if case_label
                         else "Compute deadlines", db)
        self.case_id = case_id
        self.source_event = event
        self._actor = actor_staff_id
        self._choices: DeadlineChoices | None = None
        self._request = 0  # the newest preview asked for; older answers are dropped
        self._planning = False
        self._plan_error = ""
        self._unticked: set[str] = set()  # rule keys the person un-ticked for this trigger
        self.saved = False

        self.rule_set_combo = QComboBox()
        self.trigger_combo = QComboBox()
        self.trigger_combo.setMinimumWidth(char_width(self, 44))
        self.trigger_hint = WrappedHint("")
        self.date_edit = make_date_edit(event.day if event is not None
                                        else trigger_date or date.today())
        self.event_label = QLabel(f"{event.title}, {fmt.day(event.day)}" if event else "")
        self.event_label.setWordWrap(True)
        if event is not None:
            self.date_edit.setReadOnly(True)
            self.date_edit.setCalendarPopup(False)
            self.date_edit.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.service_combo = QComboBox()
        fill_service_combo(self.service_combo)
        self.service_hint = WrappedHint(SERVICE_HINT)
        self.court_combo = QComboBox()
        self.court_hint = WrappedHint("")
        self.notes_edit = QLineEdit()
        self.notes_edit.setPlaceholderText("e.g. served on the registered agent")
        self.notes_edit.setMaxLength(1000)

        if event is not None:
            self.add_row("From", self.event_label,
                         tip="The calendar event these deadlines count from: when it moves, "
                             "they come up for review")
        self.add_row("&Rule set", self.rule_set_combo, required=True)
        self.add_row("&Trigger", self.trigger_combo, required=True)
        self.form.addRow("", self.trigger_hint)
        self.add_row("Trigger &date", self.date_edit, required=True,
                     tip="The event's day (move the event to change it)" if event is not None
                     else "The day the trigger happened (it is not counted)")
        self.add_row("&Served by", self.service_combo)
        self.form.addRow("", self.service_hint)
        self.add_row("&Court", self.court_combo,
                     tip="Whose state holidays and closure days count besides the federal "
                         "holidays")
        self.form.addRow("", self.court_hint)
        self.add_row("&Notes", self.notes_edit)

        self.model = plan_model(self, today)
        self.table = deadline_table(self.model, "Deadlines this trigger sets", stretch=2)
        self.explanation = ExplanationPane()
        self.summary = QLabel("Loading rule sets…")
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 4, 0, 0)
        panel_layout.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.explanation)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        panel_layout.addWidget(self.splitter, 1)
        self.add_panel(panel)

        self.rule_set_combo.currentIndexChanged.connect(self._rule_set_picked)
        self.trigger_combo.currentIndexChanged.connect(self._trigger_picked)
        self.date_edit.dateChanged.connect(self.replan)
        self.service_combo.currentIndexChanged.connect(self.replan)
        self.court_combo.currentIndexChanged.connect(self.replan)
        self.model.dataChanged.connect(lambda *_a: self._ticks_changed())
        self.model.modelReset.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._explain())
        widgets = (self.rule_set_combo, self.trigger_combo, self.date_edit,
                   self.service_combo, self.court_combo, self.notes_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets, self.table)
        self.resize(char_width(self, 124), self.fontMetrics().height() * 48)
        self.layout_memory = WindowLayout(
            self, settings, size=keys.COMPUTE_DEADLINES_SIZE,
            splitters=[(keys.COMPUTE_DEADLINES_SPLITTER, self.splitter)])
        # A size the person chose is kept, not grown back to the natural one on first show.
        self._sized = self.layout_memory.was_restored(keys.COMPUTE_DEADLINES_SIZE)
        self._busy = True  # until the choices are loaded
        self.mark_clean()
        db.read(load_choices, case_id, on_done=self._loaded, on_error=self._load_failed)

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, case_id: uuid.UUID, case_label: str,
            *, actor_staff_id: uuid.UUID | None = None, event: EventRow | None = None,
            settings: Settings | None = None) -> bool:
        """Open the dialog; True when deadlines were added (the DB's `changed` has fired)."""
        dialog = cls(parent, db, case_id, case_label, actor_staff_id=actor_staff_id,
                     event=event, settings=settings)
        cls.run(dialog)
        return dialog.saved

    def answer(self) -> bool:
        return self.saved

    # --- choices -------------------------------------------------------------------------

    def _loaded(self, choices: DeadlineChoices) -> None:
        self._choices = choices
        self._busy = False
        widgets = (self.rule_set_combo, self.court_combo)
        for widget in widgets:
            widget.blockSignals(True)
        for rule_set in choices.rule_sets:
            self.rule_set_combo.addItem(rule_set.name, rule_set.key)
            self.rule_set_combo.setItemData(self.rule_set_combo.count() - 1,
                                            rule_set.jurisdiction, Qt.ItemDataRole.ToolTipRole)
        # The service falls back to the case's own court, so "federal only" is a real choice
        # only when the case's court is not one of the practice's courts.
        fill_court_combo(self.court_combo, choices.courts, choices.case_court_id)
        self.court_hint.setText(self._court_hint(choices))
        self.form.setRowVisible(self.court_hint, bool(self.court_hint.text()))
        for widget in widgets:
            widget.blockSignals(False)
        self._rule_set_picked()
        self.mark_clean()

    def _load_failed(self, error: JobError) -> None:
        self._busy = False
        self._plan_error = error.message
        self.summary.setText("Could not load the rule sets.")
        self.refresh()

    @staticmethod
    def _court_hint(choices: DeadlineChoices) -> str:
        if choices.case_court_id is not None:
            return ""  # the case's own court is chosen: nothing to explain
        if choices.case_court_text:
            return (f"The case's court “{choices.case_court_text}” is not in Courts & "
                    "holidays: only federal holidays are skipped unless you choose a court.")
        return "The case names no court: only federal holidays are skipped unless you " \
               "choose one."

    def rule_set(self) -> RuleSet | None:
        key = self.rule_set_combo.currentData()
        sets = self._choices.rule_sets if self._choices else ()
        return next((rs for rs in sets if rs.key == key), None)

    def trigger(self) -> Trigger | None:
        rule_set, key = self.rule_set(), self.trigger_combo.currentData()
        if rule_set is None:
            return None
        return next((t for t in rule_set.triggers if t.key == key), None)

    def _rule_set_picked(self) -> None:
        rule_set = self.rule_set()
        self.trigger_combo.blockSignals(True)
        self.trigger_combo.clear()
        triggers = list(rule_set.triggers) if rule_set else []
        for trigger in triggers:
            self.trigger_combo.addItem(trigger.name, trigger.key)
        source = self.source_event
        if source is not None and triggers:
            self.trigger_combo.setCurrentIndex(preferred_trigger(triggers, source.kind))
        self.trigger_combo.blockSignals(False)
        self._trigger_picked()

    def _trigger_picked(self) -> None:
        trigger = self.trigger()
        self.trigger_hint.setText(trigger.description if trigger else "")
        self.form.setRowVisible(self.trigger_hint, bool(self.trigger_hint.text()))
        sensitive = service_sensitive_titles(trigger)
        self.service_combo.blockSignals(True)
        set_service_needed(self.service_combo, bool(sensitive))
        self.service_combo.blockSignals(False)
        self.service_hint.setText(
            f"{SERVICE_HINT} It can add days to: {'; '.join(sensitive)}." if sensitive
            else "None of these deadlines runs from service under Rule 5, so Rule 6(d) adds "
                 "no days.")
        self.fit_form()
        self.replan(new_trigger=True)

    # --- preview -------------------------------------------------------------------------

    def trigger_date(self) -> date:
        return to_date(self.date_edit.date())

    def replan(self, *_args: Any, new_trigger: bool = False) -> None:
        """Ask the service what the current choices give (answers to older asks are dropped)."""
        from casedesk.services import deadlines

        rule_set, trigger = self.rule_set(), self.trigger()
        if rule_set is None or trigger is None:
            return
        self._request += 1
        request = self._request
        if new_trigger:
            self._unticked = set()
        self._planning = True
        self.refresh()
        self._db.read(deadlines.plan, case_id=self.case_id, rule_set_key=rule_set.key,
                      trigger_key=trigger.key, trigger_date=self.trigger_date(),
                      service_method=service_value(self.service_combo),
                      court_id=court_value(self.court_combo),
                      on_done=lambda rows: self._planned(request, rows),
                      on_error=lambda error: self._plan_failed(request, error))

    def _planned(self, request: int, rows: list[ComputedDeadline]) -> None:
        if request != self._request:
            return
        self._planning, self._plan_error = False, ""
        selected = self._selected_key()
        self.model.set_rows(rows, {r.rule_key for r in rows} - self._unticked)
        number = next((i for i, r in enumerate(rows) if r.rule_key == selected), 0)
        if rows:
            self.table.selectRow(number)
        self._explain()
        self.refresh()

    def _plan_failed(self, request: int, error: JobError) -> None:
        if request != self._request:
            return
        self._planning, self._plan_error = False, error.message
        self.model.set_rows([])
        self._explain()
        self.refresh()

    def _ticks_changed(self) -> None:
        shown = {r.rule_key for r in self.model.rows}
        self._unticked = (self._unticked - shown) | (shown - set(self.model.checked_keys()))
        self.refresh()

    def _selected_key(self) -> str | None:
        current = self.table.selectionModel().currentIndex()
        row = self.model.row_at(current.row()) if current.isValid() else None
        return row.rule_key if row else None

    def selected(self) -> ComputedDeadline | None:
        current = self.table.selectionModel().currentIndex()
        return self.model.row_at(current.row()) if current.isValid() else None

    def _explain(self) -> None:
        item, rule_set, trigger = self.selected(), self.rule_set(), self.trigger()
        if item is None or rule_set is None or trigger is None:
            self.explanation.show_lines([])
            return
        header = trigger_header(rule_set.name, trigger.name, self.trigger_date(),
                                service_value(self.service_combo))
        self.explanation.show_lines([*header, *item.explanation], bold_first=True,
                                    muted=len(header))

    # --- validation and saving -----------------------------------------------------------

    def waiting(self) -> bool:
        return super().waiting() or self._planning

    def check(self) -> str:
        if self._plan_error:
            return self._plan_error
        if self._choices is None:
            return "Loading rule sets…"
        if self.service_combo.isEnabled() and not service_value(self.service_combo):
            return ("Choose how the paper was served: mail, leaving it with the clerk or "
                    "other consented means add 3 days (Rule 6(d)). The dates below are "
                    "without them.")
        if not self.model.checked_rows():
            return "Tick at least one deadline to add."
        return ""

    def refresh(self) -> None:
        count = len(self.model.checked_rows())
        self.save_button.setText(f"&Add {count} deadline{'s' if count != 1 else ''}")
        total = self.model.rowCount()
        if self._choices is not None:
            self.summary.setText(
                "Working out the dates…" if self._planning else
                f"{total} deadline{'s' if total != 1 else ''} from this trigger, {count} "
                "ticked to add. Select one to see how its date was counted." if total else
                "No dates to show.")
        super().refresh()

    def accept(self) -> None:
        from casedesk.services import deadlines

        rule_set, trigger = self.rule_set(), self.trigger()
        if self.validate() or self.waiting() or rule_set is None or trigger is None:
            self.refresh()
            return

        def saved(_changes: Any) -> None:
            self.saved = True

        self.submit(deadlines.apply_trigger, on_saved=saved, case_id=self.case_id,
                    rule_set_key=rule_set.key, trigger_key=trigger.key,
                    trigger_date=self.trigger_date(),
                    service_method=service_value(self.service_combo),
                    court_id=court_value(self.court_combo),
                    rule_keys=[r.rule_key for r in self.model.checked_rows()],
                    notes=self.notes_edit.text().strip(), actor_staff_id=self._actor,
                    event_id=None if self.source_event is None else self.source_event.id)
