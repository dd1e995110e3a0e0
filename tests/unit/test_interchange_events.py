"""Events and deadline triggers in the practice file: export, round trip, checks, merge."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text, update
from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.errors import NotFound
from casedesk.domain.models import DeadlineTrigger
from casedesk.export.interchange import (
    EVENT_EXTENSIONS,
    EVENT_KEYS,
    InvalidDocument,
    dump_document,
    parse_json,
)
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import event_list, events, interchange, staff
from casedesk.services.bulk_sql import table
from casedesk.services.events import EventInput
from casedesk.services.interchange_write import Tally
from tests.unit.test_interchange import seed

EXPLANATION = ("Trigger: hearing held Mon 2 Feb 2026 (served by mail)",
               "  + 21 days → Mon 23 Feb 2026", "")
TABLES = ("staff", "cases", "activities", "deadline_triggers", "events", "event_attendees",
          "event_reminders")


def add_trigger(session: Session, **values: Any) -> Changes:
    """Triggers have no service yet: written as the deadline calculator will write them."""
    session.add(DeadlineTrigger(**values))
    return Changes()


def add(practice: Practice, **kw: Any) -> uuid.UUID:
    event_id = uuid.uuid4()
    provenance = {k: kw.pop(k) for k in ("trigger_id", "rule_key", "authority", "explanation")
                  if k in kw}
    practice.write(events.add_event, data=EventInput(**kw), event_id=event_id, **provenance)
    return event_id


def seed_events(practice: Practice) -> dict[str, uuid.UUID]:
    """`seed`'s practice with a hearing, a computed deadline, a met deadline and firm-wide
    events (case events in file order: draft, answer, hearing; firm-wide: meeting, renewal)."""
    ids = seed(practice)
    ids["bob"] = uuid.uuid4()
    practice.write(staff.add_staff, name="Bob Paralegal", role="paralegal", staff_id=ids["bob"])
    ids["hearing"] = add(practice, kind="hearing", title="Motion hearing", case_id=ids["case"],
                         starts_at=datetime(2026, 3, 9, 9, 30), ends_at=datetime(2026, 3, 9, 11),
                         location="Courtroom 2141", attendee_staff_ids=(ids["bob"], ids["ann"]),
                         reminders_minutes_before=(1440, 120))
    ids["trigger"] = uuid.uuid4()
    practice.write(add_trigger, id=ids["trigger"], case_id=ids["case"], rule_set_key="frcp",
                   trigger_key="hearing_held", trigger_date=date(2026, 2, 2),
                   service_method="mail", event_id=ids["hearing"], notes="Served by mail")
    ids["answer"] = add(practice, kind="filing_deadline", title="Answer due",
                        case_id=ids["case"], on_date="2026-02-23", trigger_id=ids["trigger"],
                        rule_key="frcp.12.a.1.A.i", authority="Fed. R. Civ. P. 12(a)(1)(A)(i)",
                        explanation=EXPLANATION)
    ids["draft"] = add(practice, kind="internal_deadline", title="Draft answer",
                       case_id=ids["case"], on_date="2026-02-16")
    practice.write(events.set_event_status, event_id=ids["draft"], status="done",
                   satisfied_by="Draft circulated")
    ids["meeting"] = add(practice, kind="meeting", title="Staff meeting",
                         starts_at=datetime(2026, 1, 5, 18, 30),  # 00:30 UTC on the 6th
                         attendee_staff_ids=(ids["ann"],))
    ids["renewal"] = add(practice, kind="reminder", title="Renew malpractice insurance",
                         all_day=True, on_date="2026-06-30")
    return ids


@pytest.fixture(scope="module")
def seeded_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with Practice(resolve(tmp_path_factory.mktemp("seeded-events"))) as practice:
        seed_events(practice)
        document: dict[str, Any] = practice.read(interchange.build_document)
        return document


@pytest.fixture
def other(tmp_path: Path) -> Any:
    with Practice(resolve(tmp_path / "other")) as p:
        yield p


def export_text(practice: Practice) -> str:
    return dump_document(practice.read(interchange.build_document))


def counts(practice: Practice) -> dict[str, int]:
    with practice.engine.connect() as conn:
        return {name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
                for name in TABLES}


def event_rows(practice: Practice) -> dict[uuid.UUID, Any]:
    """id -> (version, sequence, updated_at, title, uid) of every event, deleted ones too."""
    def read(session: Session) -> dict[uuid.UUID, Any]:
        rows = session.execute(text("SELECT id, version, sequence, updated_at, title, uid, "
                                    "deleted_at IS NOT NULL FROM events")).all()
        return {uuid.UUID(str(r[0])): tuple(r[1:]) for r in rows}
    return practice.read(read)


def case_events(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return next(c for c in doc["cases"] if c["number"] == "2026-CV-0001")["events"]


def test_export_writes_triggers_events_and_firm_wide_events(practice: Practice) -> None:
    ids = seed_events(practice)
    doc = parse_json(export_text(practice))
    assert list(doc) == ["format", "version", "firm", "staff", "contacts", "cases", "events",
                         "letter_templates"]
    old, case = doc["cases"]
    assert (old["deadline_triggers"], old["events"]) == ([], [])
    assert list(case)[-11:] == ["conflict_checks", "deadline_triggers", "events", "documents",
                                "correspondence", "document_requests", "filings", "budget",
                                "budget_revisions", "time_entries", "expenses"]
    assert case["deadline_triggers"] == [
        {"id": str(ids["trigger"]), "rule_set": "frcp", "trigger": "hearing_held",
         "trigger_date": "2026-02-02", "service_method": "mail",
         "event_id": str(ids["hearing"]), "notes": "Served by mail"}]
    draft, answer, hearing = case["events"]
    assert list(hearing) == [*EVENT_KEYS, *EVENT_EXTENSIONS]
    assert hearing == {
        "id": str(ids["hearing"]), "kind": "hearing", "title": "Motion hearing",
        "all_day": False, "date": None, "starts_at": "2026-03-09T14:30:00+00:00",
        "ends_at": "2026-03-09T16:00:00+00:00", "time_zone": "America/Chicago",
        "location": "Courtroom 2141", "notes": "", "status": "scheduled",
        "reminders_minutes_before": [1440, 120],
        "attendee_staff_ids": sorted([str(ids["ann"]), str(ids["bob"])]),
        "uid": f"{ids['hearing']}@casedesk", "sequence": 0, "satisfied_by": "",
        "trigger_id": None, "rule_key": "", "authority": "", "explanation": []}
    assert (answer["all_day"], answer["date"], answer["starts_at"], answer["ends_at"]) == (
        True, "2026-02-23", None, None)
    assert (answer["trigger_id"], answer["rule_key"], answer["authority"]) == (
        str(ids["trigger"]), "frcp.12.a.1.A.i", "Fed. R. Civ. P. 12(a)(1)(A)(i)")
    assert answer["explanation"] == list(EXPLANATION)  # kept as written, spaces and all
    assert answer["reminders_minutes_before"] == [7 * 1440, 1440]  # the kind's defaults
    assert (draft["status"], draft["satisfied_by"], draft["sequence"]) == (
        "done", "Draft circulated", 1)
    meeting, renewal = doc["events"]
    assert (meeting["id"], meeting["time_zone"], meeting["starts_at"]) == (
        str(ids["meeting"]), "America/Chicago", "2026-01-06T00:30:00+00:00")
    assert meeting["attendee_staff_ids"] == [str(ids["ann"])]
    assert (renewal["kind"], renewal["all_day"], renewal["date"]) == ("reminder", True,
                                                                      "2026-06-30")


DERIVED = ("SELECT event_id, minutes_before, remind_at FROM event_reminders "
           "ORDER BY event_id, minutes_before",
           "SELECT event_id, staff_id FROM event_attendees ORDER BY event_id, staff_id",
           "SELECT id, day, end_day, uid, sequence, done_at IS NOT NULL, trigger_id "
           "FROM events ORDER BY id")


def test_round_trip_with_events_is_byte_identical(practice: Practice, other: Practice) -> None:
    ids = seed_events(practice)
    first = export_text(practice)
    changes, summary = other.write(interchange.import_document, document=parse_json(first))
    assert summary.line() == ("imported: 2 staff, 3 contacts, 2 cases (2 new, 0 updated, "
                              "0 unchanged); 5 events (5 new, 0 updated, 0 unchanged)")
    assert summary.triggers == Tally(new=1)
    assert changes.events and changes.reminders and changes.cases
    assert export_text(other) == first
    # What the services derive (days, firing times, attendees) is derived the same way.
    for sql in DERIVED:
        assert other.reader.rows(sql) == practice.reader.rows(sql), sql
    hearing = event_list.get_event(other.reader, ids["hearing"])
    assert hearing.starts_at == datetime(2026, 3, 9, 14, 30, tzinfo=UTC)
    assert hearing.attendees == "Ann Attorney, Bob Paralegal"
    assert event_list.get_event(other.reader, ids["answer"]).explanation == EXPLANATION


def test_importing_the_same_file_again_changes_no_event(practice: Practice) -> None:
    seed_events(practice)
    before = event_rows(practice)
    reminders = practice.reader.rows("SELECT id, event_id, remind_at FROM event_reminders "
                                     "ORDER BY id")
    changes, summary = practice.write(interchange.import_document,
                                      document=practice.read(interchange.build_document))
    assert not changes.any()
    assert summary.events == Tally(unchanged=5) and summary.triggers == Tally(unchanged=1)
    assert event_rows(practice) == before
    assert practice.reader.rows("SELECT id, event_id, remind_at FROM event_reminders "
                                "ORDER BY id") == reminders  # not even rebuilt


def test_merge_moves_version_and_sequence_only_for_real_changes(practice: Practice) -> None:
    ids = seed_events(practice)
    doc = practice.read(interchange.build_document)
    before = event_rows(practice)
    draft, _answer, hearing = case_events(doc)
    meeting, renewal = doc["events"]
    hearing["starts_at"], hearing["ends_at"] = ("2026-03-10T14:30:00+00:00",
                                                "2026-03-10T16:00:00+00:00")
    draft["satisfied_by"] = "Draft circulated (v2)"  # not shown by a calendar
    draft["sequence"] = 0  # an older sequence in the file never moves it back
    meeting["attendee_staff_ids"].append(str(ids["bob"]))
    renewal["sequence"] = 7  # a newer sequence in the file is taken
    changes, summary = practice.write(interchange.import_document, document=doc)
    assert summary.events == Tally(updated=4, unchanged=1)
    assert changes.events and changes.reminders
    assert "5 events (0 new, 4 updated, 1 unchanged)" in summary.line()
    after = event_rows(practice)

    def moved(key: str) -> tuple[int, int]:
        return (after[ids[key]][0] - before[ids[key]][0],
                after[ids[key]][1] - before[ids[key]][1])

    assert moved("hearing") == (1, 1)
    assert moved("meeting") == (1, 1)
    assert moved("draft") == (1, 0)
    assert after[ids["renewal"]][:2] == (before[ids["renewal"]][0] + 1, 7)
    assert after[ids["answer"]] == before[ids["answer"]]
    row = event_list.get_event(practice.reader, ids["hearing"])
    assert (row.day, row.end_day) == (date(2026, 3, 10), date(2026, 3, 10))
    fires = practice.reader.rows("SELECT minutes_before, remind_at FROM event_reminders "
                                 "WHERE event_id = :e ORDER BY minutes_before",
                                 {"e": ids["hearing"].hex})
    assert [(m, str(at)[:16]) for m, at in fires] == [(120, "2026-03-10 12:30"),
                                                       (1440, "2026-03-09 14:30")]
    assert event_list.get_event(practice.reader, ids["meeting"]).attendee_staff_ids == \
        tuple(sorted((ids["ann"], ids["bob"]), key=str))


def test_a_file_sequence_above_a_calendar_change_wins(practice: Practice) -> None:
    ids = seed_events(practice)
    doc = practice.read(interchange.build_document)
    hearing = case_events(doc)[2]
    hearing["title"], hearing["sequence"] = "Motion hearing (continued)", 5
    practice.write(interchange.import_document, document=doc)
    assert event_list.get_event(practice.reader, ids["hearing"]).sequence == 5


def test_a_deleted_event_stays_deleted(practice: Practice) -> None:
    ids = seed_events(practice)
    doc = practice.read(interchange.build_document)
    practice.write(events.delete_event, event_id=ids["hearing"])
    before = event_rows(practice)[ids["hearing"]]
    case_events(doc)[2]["title"] = "Brought back?"
    _changes, summary = practice.write(interchange.import_document, document=doc)
    assert summary.events == Tally(unchanged=4, skipped=1)
    assert "left out because they were deleted in this practice" in summary.line()
    assert event_rows(practice)[ids["hearing"]] == before
    with pytest.raises(NotFound):
        event_list.get_event(practice.reader, ids["hearing"])
    assert practice.reader.rows("SELECT count(*) FROM event_reminders WHERE event_id = :e",
                                {"e": ids["hearing"].hex}) == [(0,)]


def test_the_events_of_a_case_deleted_here_are_left_out(practice: Practice) -> None:
    ids = seed_events(practice)
    doc = practice.read(interchange.build_document)
    cases = table("cases")
    with practice.transaction() as session:  # no service deletes a case yet: as soft_delete
        session.execute(update(cases).where(cases.c.id == ids["case"])
                        .values(deleted_at=datetime.now(UTC)))
    before = event_rows(practice)
    draft, _answer, hearing = case_events(doc)
    hearing["title"] = "Not brought back"
    meeting = doc["events"][0]
    meeting["uid"], draft["uid"] = draft["uid"], meeting["uid"]  # the draft keeps its uid
    with pytest.raises(InvalidDocument) as caught:
        practice.write(interchange.import_document, document=doc)
    assert [str(p) for p in caught.value.problems] == [
        f"events[0].uid: '{ids['draft']}@casedesk' is already the uid of another event in this "
        "practice"]
    meeting["uid"], draft["uid"] = draft["uid"], meeting["uid"]
    _changes, summary = practice.write(interchange.import_document, document=doc)
    assert (summary.cases.skipped, summary.events) == (1, Tally(unchanged=2))
    assert event_rows(practice) == before


def test_left_out_extensions_keep_what_the_practice_has(practice: Practice) -> None:
    ids = seed_events(practice)
    doc = practice.read(interchange.build_document)
    answer = case_events(doc)[1]
    for key in EVENT_EXTENSIONS:
        del answer[key]
    new = {**copy.deepcopy(answer), "id": str(uuid.uuid4()), "title": "Reply due",
           "date": "2026-03-20"}
    case_events(doc).append(new)
    _changes, summary = practice.write(interchange.import_document, document=doc)
    assert summary.events == Tally(new=1, unchanged=5)
    kept = event_list.get_event(practice.reader, ids["answer"])
    assert (kept.trigger_id, kept.rule_key, kept.explanation, kept.uid) == (
        ids["trigger"], "frcp.12.a.1.A.i", EXPLANATION, f"{ids['answer']}@casedesk")
    added = event_list.get_event(practice.reader, uuid.UUID(new["id"]))
    assert (added.uid, added.sequence, added.trigger_id, added.explanation) == (
        f"{new['id']}@casedesk", 0, None, ())


def test_a_file_without_events_still_imports(seeded_document: dict[str, Any],
                                             other: Practice) -> None:
    doc = copy.deepcopy(seeded_document)
    del doc["events"]
    for case in doc["cases"]:
        del case["events"], case["deadline_triggers"]
    _changes, summary = other.write(interchange.import_document, document=doc)
    assert summary.line() == ("imported: 2 staff, 3 contacts, 2 cases (2 new, 0 updated, "
                              "0 unchanged)")
    assert counts(other)["events"] == 0


def test_uids_can_swap_and_closed_cases_take_events(practice: Practice) -> None:
    ids = seed_events(practice)
    doc = practice.read(interchange.build_document)
    draft, answer, _hearing = case_events(doc)
    draft["uid"], answer["uid"] = answer["uid"], draft["uid"]
    old = next(c for c in doc["cases"] if c["number"] == "2025-CV-0009")
    old["events"] = [{**copy.deepcopy(draft), "id": str(uuid.uuid4()), "uid": "old@example.com",
                      "title": "Closing letter", "date": "2025-05-30"}]
    practice.write(interchange.import_document, document=doc)
    assert event_list.get_event(practice.reader, ids["draft"]).uid == f"{ids['answer']}@casedesk"
    assert event_list.get_event(practice.reader, ids["answer"]).uid == f"{ids['draft']}@casedesk"
    assert [e.title for e in event_list.case_events(practice.reader, ids["old"])] == [
        "Closing letter"]  # a closed case's history is imported as it was


def _broken(doc: dict[str, Any], edit: Any) -> dict[str, Any]:
    changed = copy.deepcopy(doc)
    edit(changed)
    return changed


def _event(i: int) -> Any:
    return lambda d: d["cases"][1]["events"][i]


@pytest.mark.parametrize(("edit", "path", "reason"), [
    (lambda d: _event(2)(d).update(kind="party"),
     "cases[1].events[2].kind", "'party' is not one of hearing, trial"),
    (lambda d: _event(1)(d).update(all_day=False),
     "cases[1].events[1].all_day", "a filing_deadline is an all-day event"),
    (lambda d: _event(2)(d).update(starts_at=None),
     "cases[1].events[2].starts_at", "a timed event needs its start"),
    (lambda d: _event(2)(d).update(ends_at="2026-03-09T14:00:00+00:00"),
     "cases[1].events[2].ends_at", "is before starts_at"),
    (lambda d: _event(2)(d).update(ends_at="2026-06-09T14:00:00+00:00"),
     "cases[1].events[2].ends_at", "lasts more than 62 days"),
    (lambda d: _event(2)(d)["attendee_staff_ids"].append(str(uuid.UUID(int=7))),
     "cases[1].events[2].attendee_staff_ids",
     "no staff member 00000000-0000-0000-0000-000000000007"),
    (lambda d: _event(2)(d)["attendee_staff_ids"].append("bob"),
     "cases[1].events[2].attendee_staff_ids[2]", "'bob' is not an id"),
    (lambda d: _event(2)(d).update(time_zone="Mars/Olympus"),
     "cases[1].events[2].time_zone", "'Mars/Olympus' is not a time zone"),
    (lambda d: _event(2)(d).update(time_zone=""),
     "cases[1].events[2].time_zone", "must not be empty"),
    (lambda d: _event(2)(d).update(reminders_minutes_before=[1, 2, 3, 4, 5, 6]),
     "cases[1].events[2].reminders_minutes_before", "has 6 reminders; an event can have at "
                                                    "most 5"),
    (lambda d: _event(2)(d).update(reminders_minutes_before=[60, -5]),
     "cases[1].events[2].reminders_minutes_before[1]", "-5 is not between 0 and 527040"),
    (lambda d: _event(2)(d).update(reminders_minutes_before=["60"]),
     "cases[1].events[2].reminders_minutes_before[0]", "must be a whole number, not text"),
    (lambda d: d["cases"][1]["events"].append(copy.deepcopy(_event(2)(d))),
     "cases[1].events[3].id", "the event id"),
    (lambda d: _event(1)(d).update(trigger_id=str(uuid.UUID(int=9))),
     "cases[1].events[1].trigger_id", "no deadline trigger 00000000-0000-0000-0000-000000000009 "
                                      "in this case"),
    (lambda d: d["cases"][0].update(events=[d["cases"][1]["events"].pop(1)]),
     "cases[0].events[0].trigger_id", "no deadline trigger"),
    (lambda d: d["events"][0].update(kind="hearing"),
     "events[0].kind", "a hearing belongs to a case"),
    (lambda d: d["events"][0].update(trigger_id=d["cases"][1]["deadline_triggers"][0]["id"]),
     "events[0].trigger_id", "a firm-wide event has no deadline trigger"),
    (lambda d: _event(1)(d).update(starts_at="2026-02-23T10:00:00+00:00"),
     "cases[1].events[1].starts_at", "must be null for an all-day event"),
    (lambda d: _event(1)(d).update(date=None),
     "cases[1].events[1].date", "an all-day event needs a date"),
    (lambda d: _event(2)(d).update(date="2026-03-09"),
     "cases[1].events[2].date", "must be null for a timed event"),
    (lambda d: _event(2)(d).update(starts_at="2026-03-09T09:30:00"),
     "cases[1].events[2].starts_at", "has no UTC offset"),
    (lambda d: _event(2)(d).update(status="postponed"),
     "cases[1].events[2].status", "'postponed' is not one of scheduled, done, vacated"),
    (lambda d: _event(2)(d).update(all_day="no"),
     "cases[1].events[2].all_day", "must be true or false, not text"),
    (lambda d: _event(2)(d).update(attendees=[]),
     "cases[1].events[2].attendees", "is not a key of an event"),
    (lambda d: _event(2)(d).pop("time_zone"), "cases[1].events[2].time_zone", "is missing"),
    (lambda d: _event(2)(d).update(sequence=-1),
     "cases[1].events[2].sequence", "-1 is not between 0"),
    (lambda d: _event(2)(d).update(uid=""), "cases[1].events[2].uid", "must not be empty"),
    (lambda d: _event(0)(d).update(uid=_event(1)(d)["uid"]),
     "cases[1].events[1].uid", "is also the uid of cases[1].events[0]"),
    (lambda d: _event(1)(d).update(explanation=["ok", 3]),
     "cases[1].events[1].explanation[1]", "must be text, not the number 3"),
    (lambda d: d["cases"][1]["deadline_triggers"][0].update(trigger_date=None),
     "cases[1].deadline_triggers[0].trigger_date", "a trigger needs its date"),
    (lambda d: d["cases"][1]["deadline_triggers"][0].update(court_id=None),
     "cases[1].deadline_triggers[0].court_id", "is not a key of a deadline trigger"),
    (lambda d: d["cases"][1]["deadline_triggers"].append(
        copy.deepcopy(d["cases"][1]["deadline_triggers"][0])),
     "cases[1].deadline_triggers[1].id", "the deadline trigger id"),
    (lambda d: d.update(events={}), "events", "must be a list, not an object"),
])
def test_an_invalid_event_names_the_problem_and_writes_nothing(
        seeded_document: dict[str, Any], other: Practice, edit: Any, path: str,
        reason: str) -> None:
    doc = _broken(seeded_document, edit)
    before = counts(other)
    with pytest.raises(InvalidDocument) as caught:
        other.write(interchange.import_document, document=doc)
    assert any(p.path == path and reason in p.reason for p in caught.value.problems), \
        caught.value.message
    assert counts(other) == before


def _other_case_trigger(practice: Practice, ids: dict[str, uuid.UUID]) -> uuid.UUID:
    trigger_id = uuid.uuid4()
    practice.write(add_trigger, id=trigger_id, case_id=ids["old"], rule_set_key="frcp",
                   trigger_key="judgment_entered", trigger_date=date(2025, 5, 1))
    return trigger_id


@pytest.mark.parametrize(("edit", "path", "reason"), [
    (lambda d, ids, t: d["cases"][1]["events"].__setitem__(  # the hearing's uid, on a new event
        2, {**copy.deepcopy(d["cases"][1]["events"][0]), "id": str(uuid.uuid4()),
            "uid": f"{ids['hearing']}@casedesk"}),
     "cases[1].events[2].uid", "is already the uid of another event in this practice"),
    (lambda d, ids, t: d["cases"][0].update(events=d["cases"][1].pop("events")[:1]),
     "cases[0].events[0].id", "this event id belongs to another case in this practice"),
    (lambda d, ids, t: d["cases"][1]["events"].append(d["events"].pop(0)),
     "cases[1].events[3].id", "this event id is a firm-wide event in this practice"),
    (lambda d, ids, t: d["cases"][1]["events"][1].update(trigger_id=str(t)),
     "cases[1].events[1].trigger_id", "belongs to another case in this practice"),
    (lambda d, ids, t: d["cases"][0].update(
        deadline_triggers=d["cases"][1].pop("deadline_triggers")),
     "cases[0].deadline_triggers[0].id", "this deadline trigger id belongs to another case"),
])
def test_what_clashes_with_the_practice_is_refused_and_nothing_written(
        practice: Practice, edit: Any, path: str, reason: str) -> None:
    ids = seed_events(practice)
    trigger = _other_case_trigger(practice, ids)
    doc = practice.read(interchange.build_document)
    case_events(doc)[2]["title"] = "A change that must not land"
    edit(doc, ids, trigger)
    before, rows = counts(practice), event_rows(practice)
    with pytest.raises(InvalidDocument) as caught:
        practice.write(interchange.import_document, document=doc)
    assert any(p.path == path and reason in p.reason for p in caught.value.problems), \
        caught.value.message
    assert (counts(practice), event_rows(practice)) == (before, rows)


def test_derived_days_and_firings_match_the_services() -> None:
    chicago = ZoneInfo("America/Chicago")
    start = datetime(2026, 3, 9, 4, 30, tzinfo=UTC)  # 23:30 on the 8th in Chicago
    assert events.derived_days(False, None, start, datetime(2026, 3, 10, 5, tzinfo=UTC),
                               chicago) == (date(2026, 3, 8), date(2026, 3, 9))
    assert events.derived_days(True, date(2026, 7, 6), None, None, chicago) == (
        date(2026, 7, 6), date(2026, 7, 6))
    assert events.reminder_firings(all_day=True, on_date=date(2026, 7, 6), starts_at=None,
                                   time_zone="America/Chicago", minutes_before=(1440, 60)) == [
        (1440, datetime(2026, 7, 5, 5, tzinfo=UTC)), (60, datetime(2026, 7, 6, 4, tzinfo=UTC))]


@pytest.mark.postgres
def test_round_trip_with_events_on_postgresql(practice: Practice, pg_url: str,
                                              tmp_path: Path) -> None:
    seed_events(practice)
    first = export_text(practice)
    with Practice(resolve(tmp_path / "pg", pg_url)) as server:
        server.write(interchange.import_document, document=parse_json(first))
        assert export_text(server) == first
        doc = parse_json(first)
        case_events(doc)[2]["title"] = "Motion hearing (continued)"
        _c, summary = server.write(interchange.import_document, document=doc)
        assert summary.events == Tally(updated=1, unchanged=4)
        _c, summary = server.write(interchange.import_document, document=doc)
        assert summary.events == Tally(unchanged=5)
        reminders = server.reader.rows("SELECT count(*) FROM event_reminders")
        assert reminders == [(2 + 2 + 1 + 1,)]  # hearing, answer, meeting, renewal
