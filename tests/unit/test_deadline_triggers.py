"""Computed deadlines on a case: apply a trigger, explain, re-compute as a diff to accept."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from pathlib import Path

import pytest

from casedesk.domain.enums import DEADLINE_KINDS, EventKind, EventStatus
from casedesk.domain.errors import InvalidInput, NotFound
from casedesk.persistence.practice import Practice
from casedesk.services import cases, courts, deadlines, event_list, events


@pytest.fixture
def case_id(practice: Practice) -> uuid.UUID:
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0001",
                                 title="Smith v. Acme", court="N.D. Cal.",
                                 court_time_zone="America/Los_Angeles")
    return case_id


def _apply(practice: Practice, case_id: uuid.UUID, **kw: object) -> uuid.UUID:
    trigger_id = uuid.uuid4()
    args: dict[str, object] = {"rule_set_key": "frcp", "trigger_key": "complaint_served",
                               "trigger_date": date(2026, 6, 13), "rule_keys": ["answer"]}
    args.update(kw)
    practice.write(deadlines.apply_trigger, case_id=case_id, trigger_id=trigger_id, **args)
    return trigger_id


def _answer_rule_key(practice: Practice) -> str:
    rs = practice.read(deadlines.rule_set, "frcp")
    return rs.trigger("complaint_served").deadlines[0].key


def test_applying_a_trigger_creates_explained_deadlines(practice: Practice,
                                                        case_id: uuid.UUID) -> None:
    key = _answer_rule_key(practice)
    planned = practice.read(deadlines.plan, case_id=case_id, rule_set_key="frcp",
                            trigger_key="complaint_served", trigger_date=date(2026, 6, 13))
    assert planned[0].rule_key == key and planned[0].due == date(2026, 7, 6)
    trigger_id = _apply(practice, case_id, rule_keys=[key])
    [row] = event_list.case_events(practice.reader, case_id)
    assert (row.kind, row.title, row.on_date) == (EventKind.FILING_DEADLINE, "Answer due",
                                                  date(2026, 7, 6))
    assert row.trigger_id == trigger_id and row.rule_key == key
    assert "12(a)(1)(A)(i)" in row.authority
    text = "\n".join(row.explanation)
    assert "Trigger: Summons and complaint served, Sat 13 Jun 2026" in text
    assert "Sat 4 Jul 2026: weekend" in text and "Due: Mon 6 Jul 2026" in text
    [trigger] = practice.read(deadlines.case_triggers, case_id)
    assert (trigger.trigger_name, trigger.deadlines) == ("Summons and complaint served", 1)


def test_a_changed_trigger_date_is_a_diff_until_accepted(practice: Practice,
                                                         case_id: uuid.UUID) -> None:
    key = _answer_rule_key(practice)
    trigger_id = _apply(practice, case_id, rule_keys=[key])
    [before] = event_list.case_events(practice.reader, case_id)
    diffs = practice.read(deadlines.recompute, trigger_id=trigger_id,
                          trigger_date=date(2026, 6, 15))
    assert [(d.old_day, d.new_day, d.can_move) for d in diffs] == [
        (date(2026, 7, 6), date(2026, 7, 6), False)]  # day 21 = Mon 6 Jul either way
    diffs = practice.read(deadlines.recompute, trigger_id=trigger_id,
                          trigger_date=date(2026, 6, 17))
    assert [(d.old_day, d.new_day) for d in diffs] == [(date(2026, 7, 6), date(2026, 7, 8))]
    # Computing changed nothing.
    assert event_list.case_events(practice.reader, case_id) == [before]
    # Declined: the trigger moves, the deadline stays, and says why it differs.
    practice.write(deadlines.accept_changes, trigger_id=trigger_id,
                   trigger_date=date(2026, 6, 17), service_method="", accepted=[])
    [kept] = event_list.case_events(practice.reader, case_id)
    assert kept.on_date == date(2026, 7, 6)
    assert kept.explanation[-1].startswith("Not moved when the trigger changed to Wed 17 Jun")
    # Accepted: moved, explanation replaced, SEQUENCE up for calendar clients.
    practice.write(deadlines.accept_changes, trigger_id=trigger_id,
                   trigger_date=date(2026, 6, 17), service_method="", accepted=[kept.id])
    [moved] = event_list.case_events(practice.reader, case_id)
    assert moved.on_date == date(2026, 7, 8) and moved.sequence == kept.sequence + 1
    assert "Trigger: Summons and complaint served, Wed 17 Jun 2026" in moved.explanation


def test_done_deadlines_are_never_moved(practice: Practice, case_id: uuid.UUID) -> None:
    trigger_id = _apply(practice, case_id, rule_keys=[_answer_rule_key(practice)])
    [row] = event_list.case_events(practice.reader, case_id)
    practice.write(events.set_event_status, event_id=row.id, status="done",
                   satisfied_by="Answer filed (ECF 12)")
    diffs = practice.read(deadlines.recompute, trigger_id=trigger_id,
                          trigger_date=date(2026, 6, 20))
    assert diffs[0].moves and not diffs[0].can_move
    practice.write(deadlines.accept_changes, trigger_id=trigger_id,
                   trigger_date=date(2026, 6, 20), service_method="", accepted=[row.id])
    [after] = event_list.case_events(practice.reader, case_id)
    assert (after.on_date, after.status) == (date(2026, 7, 6), EventStatus.DONE)


def test_court_closure_moves_a_pending_deadline_only_when_accepted(
        practice: Practice, case_id: uuid.UUID) -> None:
    court_id = uuid.uuid4()
    practice.write(courts.add_court, court_id=court_id, name="N.D. Cal.", state="CA",
                   seed_years=())
    trigger_id = _apply(practice, case_id, rule_keys=[_answer_rule_key(practice)])
    practice.write(courts.add_court_day, court_id=court_id, day="2026-07-06",
                   name="Flooded courthouse", kind="closure")
    [diff] = practice.read(deadlines.recompute, trigger_id=trigger_id)
    assert (diff.old_day, diff.new_day) == (date(2026, 7, 6), date(2026, 7, 7))
    assert any("Court closure: Flooded courthouse" in line for line in diff.explanation)


def test_user_rule_sets_are_checked_and_cannot_shadow_shipped_ones(practice: Practice,
                                                                   case_id: uuid.UUID) -> None:
    from casedesk.rules.rulesets import builtin_rule_set, rule_set_to_dict

    mine = rule_set_to_dict(builtin_rule_set("frcp"))
    with pytest.raises(InvalidInput, match="shipped with casedesk"):
        practice.write(deadlines.save_rule_set, data=mine)
    mine = {**mine, "key": "firm_rules", "name": "Our internal rules"}
    practice.write(deadlines.save_rule_set, data=mine)
    assert "firm_rules" in [rs.key for rs in practice.read(deadlines.rule_sets)]
    with pytest.raises(InvalidInput):
        practice.write(deadlines.save_rule_set, data={**mine, "triggers": "nope"})
    _apply(practice, case_id, rule_set_key="firm_rules", rule_keys=None)
    with pytest.raises(InvalidInput, match="cannot be deleted"):
        practice.write(deadlines.delete_rule_set, key="firm_rules")
    # Editing the rule set: its triggers' pending deadlines are listed as changes to review.
    edited = dict(mine)
    edited["triggers"] = [dict(t) for t in mine["triggers"]]
    served = next(t for t in edited["triggers"] if t["key"] == "complaint_served")
    served["deadlines"] = [dict(d) for d in served["deadlines"]]
    served["deadlines"][0]["amount"] = 30
    practice.write(deadlines.save_rule_set, data=edited)
    affected = practice.read(deadlines.rule_set_changes, key="firm_rules")
    assert len(affected) == 1
    moved = [d for d in affected[0][1] if d.can_move]
    assert [(d.old_day, d.new_day) for d in moved] == [(date(2026, 7, 6), date(2026, 7, 13))]


def test_bad_trigger_input_is_refused(practice: Practice, case_id: uuid.UUID) -> None:
    with pytest.raises(InvalidInput, match="service method"):
        _apply(practice, case_id, service_method="pigeon")
    with pytest.raises(InvalidInput, match="at least one deadline"):
        _apply(practice, case_id, rule_keys=["no_such_rule"])
    assert event_list.case_events(practice.reader, case_id) == []
    assert practice.read(deadlines.case_triggers, case_id) == []


def test_a_court_list_change_lists_the_deadlines_it_would_move(practice: Practice,
                                                               case_id: uuid.UUID) -> None:
    court_id = uuid.uuid4()
    practice.write(courts.add_court, court_id=court_id, name="N.D. Cal.", state="CA",
                   seed_years=())
    trigger_id = _apply(practice, case_id, rule_keys=[_answer_rule_key(practice)])
    assert practice.read(deadlines.court_changes, court_id=court_id) == []
    practice.write(courts.add_court_day, court_id=court_id, day="2026-07-06",
                   name="Flooded courthouse", kind="closure")
    [(trigger, diffs)] = practice.read(deadlines.court_changes, court_id=court_id)
    assert trigger.id == trigger_id
    assert [(d.old_day, d.new_day, d.can_move) for d in diffs] == [
        (date(2026, 7, 6), date(2026, 7, 7), True)]
    other = uuid.uuid4()
    practice.write(courts.add_court, court_id=other, name="D. Or.", state="", seed_years=())
    assert practice.read(deadlines.court_changes, court_id=other) == []


# --- Deadlines that count from a court date on the calendar ----------------------------------

def _hearing(practice: Practice, case_id: uuid.UUID, day: date = date(2026, 3, 9)) -> uuid.UUID:
    """A motion hearing at 9:30 in the court's zone (Los Angeles)."""
    event_id = uuid.uuid4()
    practice.write(events.add_event, event_id=event_id, data=events.EventInput(
        kind="hearing", title="Motion hearing", case_id=case_id,
        starts_at=datetime.combine(day, time(9, 30)),
        ends_at=datetime.combine(day, time(10, 30))))
    return event_id


def _from_hearing(practice: Practice, case_id: uuid.UUID, hearing_id: uuid.UUID,
                  day: date = date(2026, 3, 9)) -> uuid.UUID:
    return _apply(practice, case_id, trigger_key="motion_hearing_set", trigger_date=day,
                  rule_keys=None, event_id=hearing_id)


def _deadline_days(practice: Practice, case_id: uuid.UUID) -> dict[str, date | None]:
    return {r.rule_key: r.on_date for r in event_list.case_events(practice.reader, case_id)
            if r.trigger_id is not None}


def test_moving_a_linked_hearing_gives_a_review_of_its_deadlines(practice: Practice,
                                                                 case_id: uuid.UUID) -> None:
    hearing_id = _hearing(practice, case_id)
    trigger_id = _from_hearing(practice, case_id, hearing_id)
    # 14 and 7 days before Mon 9 Mar 2026.
    assert _deadline_days(practice, case_id) == {"motion_served": date(2026, 2, 23),
                                                 "opposing_affidavits": date(2026, 3, 2)}
    [linked] = practice.read(deadlines.triggers_for_event, hearing_id)
    assert (linked.id, linked.event_id, linked.trigger_name) == (trigger_id, hearing_id,
                                                                 "Motion hearing date")
    assert practice.read(deadlines.event_trigger_reviews, event_id=hearing_id) == []
    # A new time on the same day changes no date.
    hearing = event_list.get_event(practice.reader, hearing_id)
    practice.write(events.update_event, event_id=hearing_id, data=events.EventInput(
        kind="hearing", title="Motion hearing", case_id=case_id,
        starts_at=datetime(2026, 3, 9, 14), ends_at=datetime(2026, 3, 9, 15),
        time_zone=hearing.time_zone))
    assert practice.read(deadlines.event_trigger_reviews, event_id=hearing_id) == []

    practice.write(events.move_event, event_id=hearing_id, to_day=date(2026, 3, 17))
    [(trigger, new_day, diffs)] = practice.read(deadlines.event_trigger_reviews,
                                                event_id=hearing_id)
    assert (trigger.id, trigger.trigger_date, new_day) == (trigger_id, date(2026, 3, 9),
                                                           date(2026, 3, 17))
    by_title = {d.title: d for d in diffs}
    served = by_title["Serve the motion and notice of hearing"]
    affidavits = by_title["Serve opposing affidavits"]
    assert (served.old_day, served.new_day, served.can_move) == (
        date(2026, 2, 23), date(2026, 3, 3), True)
    assert (affidavits.old_day, affidavits.new_day) == (date(2026, 3, 2), date(2026, 3, 10))
    assert "Trigger: Motion hearing date, Tue 17 Mar 2026" in served.explanation
    # Reviewing wrote nothing: the deadlines and the trigger are where they were.
    assert _deadline_days(practice, case_id)["motion_served"] == date(2026, 2, 23)
    [same] = practice.read(deadlines.case_triggers, case_id)
    assert same.trigger_date == date(2026, 3, 9)

    # The person moves one deadline and keeps the other.
    practice.write(deadlines.accept_changes, trigger_id=trigger_id, trigger_date=new_day,
                   service_method="", accepted=[served.event_id])
    assert _deadline_days(practice, case_id) == {"motion_served": date(2026, 3, 3),
                                                 "opposing_affidavits": date(2026, 3, 2)}
    kept = event_list.get_event(practice.reader, affidavits.event_id)
    assert kept.explanation[-1].startswith("Not moved when the trigger changed to Tue 17 Mar")
    [after] = practice.read(deadlines.case_triggers, case_id)
    assert (after.trigger_date, after.event_id) == (date(2026, 3, 17), hearing_id)
    assert practice.read(deadlines.event_trigger_reviews, event_id=hearing_id) == []


def test_keeping_every_date_saves_the_hearing_day_so_the_review_does_not_come_back(
        practice: Practice, case_id: uuid.UUID) -> None:
    hearing_id = _hearing(practice, case_id)
    trigger_id = _from_hearing(practice, case_id, hearing_id)
    before = _deadline_days(practice, case_id)
    practice.write(events.move_event, event_id=hearing_id, to_day=date(2026, 3, 20))
    [(_trigger, new_day, diffs)] = practice.read(deadlines.event_trigger_reviews,
                                                 event_id=hearing_id)
    assert new_day == date(2026, 3, 20) and all(d.can_move for d in diffs)
    practice.write(deadlines.accept_changes, trigger_id=trigger_id, trigger_date=new_day,
                   service_method="", accepted=[])
    assert _deadline_days(practice, case_id) == before
    assert practice.read(deadlines.event_trigger_reviews, event_id=hearing_id) == []
    [trigger] = practice.read(deadlines.case_triggers, case_id)
    assert trigger.trigger_date == date(2026, 3, 20)
    # Moved again: reviewed again, from the saved day.
    practice.write(events.move_event, event_id=hearing_id, to_day=date(2026, 3, 23))
    [(again, day, _d)] = practice.read(deadlines.event_trigger_reviews, event_id=hearing_id)
    assert (again.trigger_date, day) == (date(2026, 3, 20), date(2026, 3, 23))
    # A deleted hearing has nothing to review (its deadlines stay on the case).
    practice.write(events.delete_event, event_id=hearing_id)
    assert practice.read(deadlines.event_trigger_reviews, event_id=hearing_id) == []
    assert _deadline_days(practice, case_id) == before


def test_a_trigger_counts_only_from_a_court_date_of_its_case_on_its_day(
        practice: Practice, case_id: uuid.UUID) -> None:
    hearing_id = _hearing(practice, case_id)
    with pytest.raises(InvalidInput, match=r"on Mon 9 Mar 2026, but the trigger date is "
                                           r"Tue 10 Mar 2026"):
        _from_hearing(practice, case_id, hearing_id, day=date(2026, 3, 10))
    _c, other_case = practice.write(cases.create_case, number="2026-CV-0002",
                                    title="Garcia v. Northwind")
    with pytest.raises(InvalidInput, match="another case"):
        _apply(practice, other_case, trigger_key="motion_hearing_set",
               trigger_date=date(2026, 3, 9), rule_keys=None, event_id=hearing_id)
    due_id = uuid.uuid4()
    practice.write(events.add_event, event_id=due_id, data=events.EventInput(
        kind="filing_deadline", title="Opposition due", case_id=case_id, all_day=True,
        on_date=date(2026, 3, 9)))
    with pytest.raises(InvalidInput, match="itself a deadline"):
        _from_hearing(practice, case_id, due_id)
    with pytest.raises(NotFound):
        _from_hearing(practice, case_id, uuid.uuid4())
    practice.write(events.delete_event, event_id=hearing_id)
    with pytest.raises(NotFound):
        _from_hearing(practice, case_id, hearing_id)
    assert practice.read(deadlines.case_triggers, case_id) == []
    assert _deadline_days(practice, case_id) == {}
    # An all-day event that is not a deadline (a trial day) is a valid trigger.
    trial_id = uuid.uuid4()
    practice.write(events.add_event, event_id=trial_id, data=events.EventInput(
        kind="trial", title="Jury trial", case_id=case_id, all_day=True,
        on_date=date(2026, 9, 14)))
    _apply(practice, case_id, trigger_key="trial_set", trigger_date=date(2026, 9, 14),
           rule_keys=None, event_id=trial_id)
    [trigger] = practice.read(deadlines.triggers_for_event, trial_id)
    assert trigger.trigger_key == "trial_set"


def test_the_linked_event_survives_a_practice_file_round_trip(
        practice: Practice, case_id: uuid.UUID, tmp_path: Path) -> None:
    from casedesk.export.interchange import dump_document, parse_json
    from casedesk.persistence.locations import resolve
    from casedesk.services import interchange

    hearing_id = _hearing(practice, case_id)
    trigger_id = _from_hearing(practice, case_id, hearing_id)
    text = dump_document(practice.read(interchange.build_document))
    [exported] = next(c for c in parse_json(text)["cases"]
                      if c["number"] == "2026-CV-0001")["deadline_triggers"]
    assert (exported["id"], exported["event_id"]) == (str(trigger_id), str(hearing_id))
    with Practice(resolve(tmp_path / "other")) as other:
        other.write(interchange.import_document, document=parse_json(text))
        assert dump_document(other.read(interchange.build_document)) == text
        [linked] = other.read(deadlines.triggers_for_event, hearing_id)
        assert (linked.id, linked.event_id) == (trigger_id, hearing_id)
        other.write(events.move_event, event_id=hearing_id, to_day=date(2026, 3, 16))
        [(_t, day, diffs)] = other.read(deadlines.event_trigger_reviews, event_id=hearing_id)
        assert day == date(2026, 3, 16) and len(diffs) == 2


# --- The court date is vacated, cancelled or deleted: what counted from it --------------------

def _statuses(practice: Practice, case_id: uuid.UUID) -> dict[str, EventStatus]:
    return {r.title: r.status for r in event_list.case_events(practice.reader, case_id)
            if r.trigger_id is not None}


def test_dependent_deadlines_are_the_pending_ones_counted_from_the_event(
        practice: Practice, case_id: uuid.UUID) -> None:
    hearing_id = _hearing(practice, case_id)
    trigger_id = _from_hearing(practice, case_id, hearing_id)
    _apply(practice, case_id, rule_keys=[_answer_rule_key(practice)])  # not from the hearing
    other_hearing = _hearing(practice, case_id, date(2026, 4, 6))  # nothing counts from it
    found = practice.read(deadlines.dependent_deadlines, event_id=hearing_id)
    assert [(d.title, d.day, d.status, d.trigger_id, d.trigger_name) for d in found] == [
        ("Serve the motion and notice of hearing", date(2026, 2, 23), EventStatus.SCHEDULED,
         trigger_id, "Motion hearing date"),
        ("Serve opposing affidavits", date(2026, 3, 2), EventStatus.SCHEDULED, trigger_id,
         "Motion hearing date")]
    assert {d.case_id for d in found} == {case_id}
    assert all(d.kind in DEADLINE_KINDS for d in found)
    assert practice.read(deadlines.dependent_deadlines, event_id=other_hearing) == []
    assert practice.read(deadlines.dependent_deadlines, event_id=uuid.uuid4()) == []
    # A deadline already done is history: not offered.
    practice.write(events.set_event_status, event_id=found[1].event_id, status="done",
                   satisfied_by="Served by e-mail")
    assert [d.event_id for d in practice.read(deadlines.dependent_deadlines,
                                              event_id=hearing_id)] == [found[0].event_id]
    # The hearing vacated, then deleted: the question can still be asked.
    practice.write(events.set_event_status, event_id=hearing_id, status="vacated")
    practice.write(events.delete_event, event_id=hearing_id)
    [left] = practice.read(deadlines.dependent_deadlines, event_id=hearing_id)
    assert left.event_id == found[0].event_id


def test_vacating_dependent_deadlines_is_one_logged_all_or_nothing_write(
        practice: Practice, case_id: uuid.UUID) -> None:
    hearing_id = _hearing(practice, case_id)
    _from_hearing(practice, case_id, hearing_id)
    _apply(practice, case_id, rule_keys=[_answer_rule_key(practice)])
    served, affidavits = practice.read(deadlines.dependent_deadlines, event_id=hearing_id)
    [answer] = [r for r in event_list.case_events(practice.reader, case_id)
                if r.title == "Answer due"]
    practice.write(events.set_event_status, event_id=hearing_id, status="vacated")
    before = _statuses(practice, case_id)
    assert set(before.values()) == {EventStatus.SCHEDULED}
    # Refused as a whole: nothing chosen, a deadline that does not count from the hearing,
    # one that is gone.
    with pytest.raises(InvalidInput, match="at least one"):
        practice.write(deadlines.vacate_deadlines, event_ids=[], from_event_id=hearing_id)
    with pytest.raises(InvalidInput, match="“Answer due” does not count from that event"):
        practice.write(deadlines.vacate_deadlines, event_ids=[served.event_id, answer.id],
                       from_event_id=hearing_id)
    with pytest.raises(NotFound):
        practice.write(deadlines.vacate_deadlines, event_ids=[served.event_id, uuid.uuid4()])
    assert _statuses(practice, case_id) == before

    practice.write(deadlines.vacate_deadlines, event_ids=[served.event_id, served.event_id],
                   from_event_id=hearing_id)
    assert _statuses(practice, case_id) == {**before, served.title: EventStatus.VACATED}
    detail = practice.read(cases.get_case_detail, case_id)
    [logged] = [a for a in detail.activity if a.action == "deadlines_vacated"]
    assert logged.summary == ("1 deadline vacated with the hearing “Motion hearing” on Mon 9 "
                              "Mar 2026: Serve the motion and notice of hearing")
    assert [d.event_id for d in practice.read(deadlines.dependent_deadlines,
                                              event_id=hearing_id)] == [affidavits.event_id]
    # A deadline vacated (or done) meanwhile is refused, and takes the others down with it.
    with pytest.raises(InvalidInput, match=r"is no longer scheduled \(it is vacated\)"):
        practice.write(deadlines.vacate_deadlines,
                       event_ids=[affidavits.event_id, served.event_id],
                       from_event_id=hearing_id)
    assert _statuses(practice, case_id)[affidavits.title] == EventStatus.SCHEDULED
    # Without the hearing named, any pending deadline can be vacated (and is logged plainly).
    practice.write(deadlines.vacate_deadlines, event_ids=[answer.id, affidavits.event_id])
    assert set(_statuses(practice, case_id).values()) == {EventStatus.VACATED}
    summaries = [a.summary for a in practice.read(cases.get_case_detail, case_id).activity
                 if a.action == "deadlines_vacated"]
    assert "2 deadlines vacated: Answer due; Serve opposing affidavits" in summaries


def test_federal_holidays_only_can_be_chosen_over_the_cases_court(
        practice: Practice, case_id: uuid.UUID) -> None:
    court_id = uuid.uuid4()
    practice.write(courts.add_court, court_id=court_id, name="N.D. Cal.", state="CA",
                   seed_years=())
    practice.write(courts.add_court_day, court_id=court_id, day="2026-07-06",
                   name="Flooded courthouse", kind="closure")
    args = {"case_id": case_id, "rule_set_key": "frcp", "trigger_key": "complaint_served",
            "trigger_date": date(2026, 6, 13)}
    assert practice.read(deadlines.plan, **args)[0].due == date(2026, 7, 7)  # the case's court
    assert practice.read(deadlines.plan, **args, court_id=deadlines.FEDERAL_ONLY)[0].due == \
        date(2026, 7, 6)
    trigger_id = _apply(practice, case_id, rule_keys=[_answer_rule_key(practice)])
    [trigger] = practice.read(deadlines.case_triggers, case_id)
    assert trigger.court_id == court_id
    [diff] = practice.read(deadlines.recompute, trigger_id=trigger_id,
                           court_id=deadlines.FEDERAL_ONLY)
    assert (diff.old_day, diff.new_day) == (date(2026, 7, 7), date(2026, 7, 6))
    practice.write(deadlines.accept_changes, trigger_id=trigger_id,
                   trigger_date=date(2026, 6, 13), service_method="",
                   court_id=deadlines.FEDERAL_ONLY, accepted=[diff.event_id])
    [trigger] = practice.read(deadlines.case_triggers, case_id)
    assert trigger.court_id is None
    [row] = event_list.case_events(practice.reader, case_id)
    assert row.on_date == date(2026, 7, 6)
