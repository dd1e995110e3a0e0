"""Compute deadlines… and Change trigger… on a real practice: the preview and the diff come from
the real services through the DB worker; the dialogs are shown non-modally and driven."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from casedesk.domain.enums import EventStatus
from casedesk.domain.rows import EventRow
from casedesk.persistence.practice import Practice
from casedesk.rules.rulesets import builtin_rule_set, rule_set_to_dict
from casedesk.services import cases, courts, deadlines, event_list, events, staff
from casedesk.ui.db import Database
from casedesk.ui.dialogs.compute_deadlines_dialog import ComputeDeadlinesDialog
from casedesk.ui.dialogs.deadline_widgets import FEDERAL_ONLY
from casedesk.ui.dialogs.trigger_change_dialog import TriggerChangeDialog
from casedesk.ui.models.deadline_models import plan_model
from tests.ui.dialog_fixtures import PLATFORM_LIMITS, discard_at_teardown, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice, settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS)

LEFT = Qt.MouseButton.LeftButton
Ids = dict[str, uuid.UUID]


def build(practice: Practice) -> Ids:
    """Alice; the N.D. Cal. court (California holidays for 2026); a case before it."""
    ids = {"alice": uuid.uuid4(), "court": uuid.uuid4()}
    practice.write(staff.add_staff, name="Alice Avery", role="attorney",
                   staff_id=ids["alice"])
    practice.write(courts.add_court, court_id=ids["court"], name="N.D. Cal.", state="CA",
                   time_zone="America/Los_Angeles", seed_years=[2026])
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme", court="N.D. Cal.")
    _c, ids["bare_case"] = practice.write(cases.create_case, number="2026-CV-0002",
                                          title="Garcia v. Northwind")
    return ids


def fetch(qtbot: Any, db: Database, fn: Callable[..., Any], *args: Any, plain: bool = False,
          **kwargs: Any) -> Any:
    """Run a read on the worker and wait for its answer."""
    box: list[Any] = []
    if plain:
        db.plain(fn, *args, on_done=box.append, **kwargs)
    else:
        db.read(fn, *args, on_done=box.append, **kwargs)
    qtbot.waitUntil(lambda: bool(box))
    return box[0]


def case_events(qtbot: Any, db: Database, case_id: uuid.UUID) -> list[EventRow]:
    rows: list[EventRow] = fetch(qtbot, db, event_list.case_events, case_id, plain=True)
    return rows


def open_compute(qtbot: Any, db: Database, case_id: uuid.UUID,
                 actor: uuid.UUID | None = None,
                 today: date = date(2026, 1, 5)) -> ComputeDeadlinesDialog:
    dialog = ComputeDeadlinesDialog(None, db, case_id, "2026-CV-0001 Smith v. Acme",
                                    actor_staff_id=actor, today=today)
    show(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.rule_set_combo.count() > 0 and db.idle
                    and not dialog.waiting())
    return dialog


def choose(qtbot: Any, db: Database, dialog: ComputeDeadlinesDialog, *, trigger: str,
           day: date, rule_set: str = "frcp", service: str | None = None) -> None:
    dialog.rule_set_combo.setCurrentIndex(dialog.rule_set_combo.findData(rule_set))
    dialog.trigger_combo.setCurrentIndex(dialog.trigger_combo.findData(trigger))
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    if service is not None:
        dialog.service_combo.setCurrentIndex(dialog.service_combo.findData(service))
    qtbot.waitUntil(lambda: db.idle and not dialog.waiting())


def due_texts(dialog: ComputeDeadlinesDialog) -> dict[str, str]:
    model = dialog.model
    return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}


def select_row(dialog: Any, title: str) -> None:
    model = dialog.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == title)
    dialog.table.selectRow(row)


def explanation(dialog: Any) -> str:
    pane = dialog.explanation if hasattr(dialog, "explanation") else dialog.diff.explanation
    return "\n".join(pane.text_lines())


# --- Compute deadlines… ----------------------------------------------------------------------

def test_preview_shows_the_answer_due_with_how_it_was_counted(qtbot: Any,
                                                             open_practice: Any) -> None:  # noqa: F811
    db, ids = open_practice(build)
    dialog = open_compute(qtbot, db, ids["case"])
    assert dialog.court_combo.currentText() == "N.D. Cal."  # the case's own court
    assert dialog.court_combo.findText(FEDERAL_ONLY) == 0  # can still be chosen over it
    from casedesk.services.deadlines import FEDERAL_ONLY as NO_COURT
    from casedesk.ui.dialogs.deadline_widgets import court_value

    dialog.court_combo.setCurrentIndex(0)
    assert court_value(dialog.court_combo) == NO_COURT
    dialog.court_combo.setCurrentIndex(dialog.court_combo.findText("N.D. Cal."))
    choose(qtbot, db, dialog, trigger="complaint_served", day=date(2026, 6, 13))

    assert dialog.trigger_hint.text().startswith("The day the defendant was served")
    assert not dialog.service_combo.isEnabled()  # no deadline here runs from service
    assert due_texts(dialog)["Answer due"] == "Mon 6 Jul 2026"
    assert dialog.model.index(0, 2).data() == "Fed. R. Civ. P. 12(a)(1)(A)(i)"
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == \
        Qt.CheckState.Checked
    select_row(dialog, "Answer due")
    text = explanation(dialog)
    assert "Trigger: Summons and complaint served, Sat 13 Jun 2026" in text
    assert "Day 21: Sat 4 Jul 2026" in text
    assert "Sat 4 Jul 2026: weekend — roll forward" in text
    assert "Due: Mon 6 Jul 2026" in text
    assert "Authority: Fed. R. Civ. P. 12(a)(1)(A)(i)" in text
    assert dialog.save_button.text().replace("&", "") == "Add 2 deadlines"
    assert dialog.save_button.isEnabled()


def test_mail_service_adds_three_days_to_a_service_sensitive_rule(qtbot: Any,
                                                                  open_practice: Any) -> None:  # noqa: F811
    db, ids = open_practice(build)
    dialog = open_compute(qtbot, db, ids["case"])
    choose(qtbot, db, dialog, trigger="answer_served", day=date(2026, 4, 16))
    assert dialog.service_combo.isEnabled()
    assert "Rule 6(d)" in dialog.message.text() and not dialog.save_button.isEnabled()

    choose(qtbot, db, dialog, trigger="answer_served", day=date(2026, 4, 16),
           service="electronic")
    assert due_texts(dialog)["Answer to counterclaim or crossclaim"] == "Thu 7 May 2026"
    choose(qtbot, db, dialog, trigger="answer_served", day=date(2026, 4, 16), service="mail")
    # Day 21 is Thu 7 May; + 3 days = Sun 10 May, which rolls to Mon 11 May.
    assert due_texts(dialog)["Answer to counterclaim or crossclaim"] == "Mon 11 May 2026"
    select_row(dialog, "Answer to counterclaim or crossclaim")
    text = explanation(dialog)
    assert "Served: mail (Rule 5(b)(2)(C))" in text
    assert "Rule 6(d), served by mail (Rule 5(b)(2)(C)): 3 days are added" in text
    assert dialog.save_button.isEnabled() and not dialog.message.isVisible()


def test_save_adds_only_the_ticked_deadlines(qtbot: Any, open_practice: Any) -> None:  # noqa: F811
    db, ids = open_practice(build)
    dialog = open_compute(qtbot, db, ids["case"], ids["alice"], today=date(2026, 7, 2))
    choose(qtbot, db, dialog, trigger="complaint_served", day=date(2026, 6, 10))
    # Day 21 is Wed 1 Jul, before "today" (2 Jul): it is flagged.
    assert due_texts(dialog)["Answer due"] == "Wed 1 Jul 2026 (already passed)"
    dialog.model.setData(dialog.model.index(1, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert dialog.save_button.text().replace("&", "") == "Add 1 deadline"
    # A new date keeps what was un-ticked.
    choose(qtbot, db, dialog, trigger="complaint_served", day=date(2026, 6, 13))
    assert [r.title for r in dialog.model.checked_rows()] == ["Answer due"]
    dialog.notes_edit.setText("Served on the registered agent")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: dialog.saved and db.idle)
    assert dialog.result() == ComputeDeadlinesDialog.DialogCode.Accepted

    [row] = case_events(qtbot, db, ids["case"])
    assert (row.title, row.on_date, row.rule_key) == ("Answer due", date(2026, 7, 6), "answer")
    assert "Trigger: Summons and complaint served, Sat 13 Jun 2026" in row.explanation
    [trigger] = fetch(qtbot, db, deadlines.case_triggers, ids["case"])
    assert (trigger.trigger_date, trigger.court_id) == (date(2026, 6, 13), ids["court"])


def test_a_case_without_a_known_court_counts_federal_holidays_only(
        qtbot: Any, open_practice: Any) -> None:  # noqa: F811
    db, ids = open_practice(build)
    dialog = open_compute(qtbot, db, ids["bare_case"])
    assert dialog.court_combo.currentText() == FEDERAL_ONLY
    assert "names no court" in dialog.court_hint.text()


def test_a_rule_the_engine_refuses_shows_its_message_and_saves_nothing(
        qtbot: Any, open_practice: Any) -> None:  # noqa: F811
    def with_hours(practice: Practice) -> Ids:
        ids = build(practice)
        data = rule_set_to_dict(builtin_rule_set("ndcal"))
        data = {**data, "key": "firm", "name": "Firm rules"}
        data["triggers"] = [{"key": "tro", "name": "TRO served", "description": "",
                             "deadlines": [{"key": "opp", "title": "Opposition to TRO",
                                            "amount": 48, "unit": "hours",
                                            "direction": "after", "kind": "filing_deadline",
                                            "authority": "Standing order"}]}]
        practice.write(deadlines.save_rule_set, data=data)
        return ids

    db, ids = open_practice(with_hours)
    dialog = open_compute(qtbot, db, ids["case"])
    choose(qtbot, db, dialog, rule_set="firm", trigger="tro", day=date(2026, 6, 13))
    assert "needs the time of the event" in dialog.message.text()
    assert dialog.model.rowCount() == 0 and not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert case_events(qtbot, db, ids["case"]) == []


def test_a_refused_save_keeps_the_dialog_open_and_writes_nothing(
        qtbot: Any, open_practice: Any) -> None:  # noqa: F811
    def with_copy(practice: Practice) -> Ids:
        ids = build(practice)
        data = {**rule_set_to_dict(builtin_rule_set("frcp")), "key": "firm", "name": "Firm"}
        practice.write(deadlines.save_rule_set, data=data)
        return ids

    db, ids = open_practice(with_copy)
    dialog = open_compute(qtbot, db, ids["case"])
    choose(qtbot, db, dialog, rule_set="firm", trigger="complaint_served",
           day=date(2026, 6, 13))
    # Someone deletes the rule set while the dialog is open.
    db.write(deadlines.delete_rule_set, key="firm")
    qtbot.waitUntil(lambda: db.idle)
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: db.idle and "Not saved" in dialog.message.text())
    assert "rule set" in dialog.message.text() and dialog.isVisible() and not dialog.saved
    assert case_events(qtbot, db, ids["case"]) == []
    assert fetch(qtbot, db, deadlines.case_triggers, ids["case"]) == []


# --- Change trigger… -------------------------------------------------------------------------

JUDGMENT_RULES = ["rule50b_motion", "fees_motion", "notice_of_appeal"]


def with_judgment(practice: Practice) -> Ids:
    """Judgment entered Mon 15 Jun 2026 with three deadlines; the fees motion is done."""
    ids = build(practice)
    ids["trigger"] = uuid.uuid4()
    practice.write(deadlines.apply_trigger, case_id=ids["case"], trigger_id=ids["trigger"],
                   rule_set_key="frcp", trigger_key="judgment_entered",
                   trigger_date=date(2026, 6, 15), rule_keys=JUDGMENT_RULES)
    fees = next(e for e in event_list.case_events(practice.reader, ids["case"])
                if e.rule_key == "fees_motion")
    practice.write(events.set_event_status, event_id=fees.id, status="done",
                   satisfied_by="Motion filed (ECF 40)")
    return ids


def open_change(qtbot: Any, db: Database, ids: Ids) -> TriggerChangeDialog:
    [trigger] = fetch(qtbot, db, deadlines.case_triggers, ids["case"])
    dialog = TriggerChangeDialog(None, db, trigger, case_label="2026-CV-0001 Smith v. Acme",
                                 actor_staff_id=ids["alice"])
    show(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.court_combo.count() > 0 and db.idle
                    and not dialog.waiting())
    return dialog


def set_day(qtbot: Any, db: Database, dialog: TriggerChangeDialog, day: date) -> None:
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: db.idle and not dialog.waiting())


def by_rule(rows: list[EventRow]) -> dict[str, EventRow]:
    return {r.rule_key: r for r in rows}


def test_change_dialog_shows_the_diff_and_moves_only_the_ticked_rows(
        qtbot: Any, open_practice: Any) -> None:  # noqa: F811
    db, ids = open_practice(with_judgment)
    before = by_rule(case_events(qtbot, db, ids["case"]))
    dialog = open_change(qtbot, db, ids)
    # Nothing differs yet: nothing to move, nothing to keep.
    assert dialog.save_button.text().replace("&", "") == "Move 0 deadlines"
    assert not dialog.save_button.isEnabled() and not dialog.keep_button.isEnabled()
    assert not dialog.save_button.isDefault()

    set_day(qtbot, db, dialog, date(2026, 6, 17))
    model = dialog.model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert set(rows) == {"Renewed motion for judgment as a matter of law",
                         "Motion for attorney's fees", "Notice of appeal"}
    status = {c.event_id: model.index(r, 3).data() for r, c in enumerate(model.rows)}
    fees = before["fees_motion"]
    assert status[fees.id] == "not moved: done"
    assert model.index(model.rows.index(next(c for c in model.rows if c.event_id == fees.id)),
                        0).data(Qt.ItemDataRole.CheckStateRole) is None  # cannot be ticked
    assert status[before["rule50b_motion"].id] == "moves 2 days later"
    assert dialog.save_button.text().replace("&", "") == "Move 2 deadlines"
    assert "nothing moves until you press" in dialog.diff.summary.text()
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)  # Enter is not "Move"
    qtbot.wait(50)
    assert not dialog.saved and dialog.isVisible()
    select_row(dialog, "Renewed motion for judgment as a matter of law")
    text = explanation(dialog)
    assert "Trigger: Judgment entered, Wed 17 Jun 2026" in text
    assert "Due: Wed 15 Jul 2026" in text

    appeal = before["notice_of_appeal"]
    number = next(r for r, c in enumerate(model.rows) if c.event_id == appeal.id)
    model.setData(model.index(number, 0), Qt.CheckState.Unchecked.value,
                  Qt.ItemDataRole.CheckStateRole)
    assert dialog.save_button.text().replace("&", "") == "Move 1 deadline"
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: dialog.saved and db.idle)
    assert dialog.moved == 1

    after = by_rule(case_events(qtbot, db, ids["case"]))
    assert after["rule50b_motion"].on_date == date(2026, 7, 15)  # 28 days after Wed 17 Jun
    assert after["notice_of_appeal"].on_date == appeal.on_date  # un-ticked: kept
    assert after["notice_of_appeal"].explanation[-1].startswith(
        "Not moved when the trigger changed to Wed 17 Jun 2026")
    assert (after["fees_motion"].on_date, after["fees_motion"].status) == (
        fees.on_date, EventStatus.DONE)
    [trigger] = fetch(qtbot, db, deadlines.case_triggers, ids["case"])
    assert trigger.trigger_date == date(2026, 6, 17)


def test_keep_all_saves_the_trigger_and_moves_nothing(qtbot: Any,
                                                      open_practice: Any) -> None:  # noqa: F811
    db, ids = open_practice(with_judgment)
    before = by_rule(case_events(qtbot, db, ids["case"]))
    dialog = open_change(qtbot, db, ids)
    set_day(qtbot, db, dialog, date(2026, 6, 19))
    assert dialog.keep_button.isEnabled()
    qtbot.mouseClick(dialog.keep_button, LEFT)
    qtbot.waitUntil(lambda: dialog.saved and db.idle)
    assert dialog.moved == 0
    after = by_rule(case_events(qtbot, db, ids["case"]))
    assert {k: r.on_date for k, r in after.items()} == {k: r.on_date
                                                       for k, r in before.items()}
    [trigger] = fetch(qtbot, db, deadlines.case_triggers, ids["case"])
    assert trigger.trigger_date == date(2026, 6, 19)


def test_a_rule_removed_from_the_set_is_flagged_and_cannot_be_ticked(
        qtbot: Any, open_practice: Any) -> None:  # noqa: F811
    def removed(practice: Practice) -> Ids:
        ids = build(practice)
        data = {**rule_set_to_dict(builtin_rule_set("frcp")), "key": "firm", "name": "Firm"}
        practice.write(deadlines.save_rule_set, data=data)
        ids["trigger"] = uuid.uuid4()
        practice.write(deadlines.apply_trigger, case_id=ids["case"], trigger_id=ids["trigger"],
                       rule_set_key="firm", trigger_key="complaint_served",
                       trigger_date=date(2026, 6, 13))
        served = next(t for t in data["triggers"] if t["key"] == "complaint_served")
        served["deadlines"] = served["deadlines"][:1]
        practice.write(deadlines.save_rule_set, data=data)
        return ids

    db, ids = open_practice(removed)
    dialog = open_change(qtbot, db, ids)
    statuses = [dialog.model.index(r, 3).data() for r in range(dialog.model.rowCount())]
    assert statuses == ["unchanged", "rule no longer in the rule set: not moved"]
    assert dialog.model.index(1, 2).data() == "—"
    assert dialog.model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) is None
    assert "1 rule no longer in the rule set" in dialog.diff.summary.text()


def test_the_deadline_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any,
                                                   open_practice: Any) -> None:  # noqa: F811
    db, ids = open_practice(with_judgment)
    dialog = open_change(qtbot, db, ids)
    set_day(qtbot, db, dialog, date(2026, 6, 17))
    qtmodeltester.check(dialog.model)
    compute = open_compute(qtbot, db, ids["case"])
    choose(qtbot, db, compute, trigger="judgment_entered", day=date(2026, 6, 15))
    qtmodeltester.check(compute.model)
    empty = plan_model(today=date(2026, 1, 1))
    qtmodeltester.check(empty)
