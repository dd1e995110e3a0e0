"""The demo's calendar: realistic court dates and deadlines, written exactly as the event
services would write them, nobody booked twice, and the same calendar for the same seed."""

from __future__ import annotations

import itertools
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from casedesk.domain.enums import (
    DEADLINE_KINDS,
    CaseStatus,
    ConflictDecision,
    EventKind,
    EventStatus,
    StaffRole,
)
from casedesk.domain.errors import DoubleBooking
from casedesk.domain.models import (
    Case,
    ConflictCheck,
    Event,
    EventAttendee,
    EventReminder,
    Firm,
    Staff,
)
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.rules.calendar import FEDERAL
from casedesk.services import event_list, events
from casedesk.services.demo import DemoSummary, build_world, generate
from casedesk.services.demo import generator as demo_generator
from casedesk.services.demo.courthouses import COURTHOUSES
from casedesk.services.demo.places import DISTANT_FEDERAL, REGIONS
from casedesk.services.events import EventInput

TODAY = date(2026, 3, 2)
CASES = 150
COURT_KINDS = {EventKind.HEARING, EventKind.CONFERENCE, EventKind.TRIAL}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, DemoSummary]]:
    """One demo practice, shared read-only (tests that write roll back)."""
    folder = tmp_path_factory.mktemp("demo-events") / "practice"
    with Practice(resolve(folder)) as practice:
        summary: DemoSummary = practice.write(generate, cases=CASES, seed=7, today=TODAY)
        yield practice, summary


def _all(practice: Practice) -> tuple[list[Event], dict[uuid.UUID, Case], dict[uuid.UUID,
                                                                                 list[uuid.UUID]]]:
    with practice.transaction() as session:
        rows = list(session.exec(select(Event)).all())
        cases = {c.id: c for c in session.exec(select(Case))}
        people: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for link in session.exec(select(EventAttendee)):
            people[link.event_id].append(link.staff_id)
        session.expunge_all()
    return rows, cases, people


def _firm_zone(practice: Practice) -> str:
    return str(practice.reader.rows("SELECT time_zone FROM firms")[0][0])


def test_about_ten_events_a_case_of_every_kind(desk: tuple[Practice, DemoSummary]) -> None:
    practice, summary = desk
    rows, cases, _people = _all(practice)
    assert summary.events == len(rows)
    assert f"{summary.events} events, " in summary.describe()
    per_case = Counter(e.case_id for e in rows if e.case_id is not None)
    assert 7 <= sum(per_case.values()) / CASES <= 14
    assert max(per_case.values()) <= 45
    kinds = Counter(e.kind for e in rows)
    assert set(kinds) >= set(EventKind) - {EventKind.REMINDER}
    # Matters declined at intake (a conflict) have no calendar; nearly all others have one.
    with practice.transaction() as session:
        declined = set(session.exec(select(ConflictCheck.case_id).where(
            col(ConflictCheck.decision) == ConflictDecision.CONFLICT)).all())
    assert all(per_case[case_id] == 0 for case_id in declined)
    empty = [c for c in cases.values() if per_case[c.id] == 0 and c.id not in declined]
    assert len(empty) <= 0.05 * CASES
    # The firm-wide weekly staff meeting, for seven years and three months ahead.
    meetings = sorted(e.day for e in rows if e.case_id is None)
    assert all(e.kind is EventKind.MEETING for e in rows if e.case_id is None)
    assert len(meetings) == len(set(meetings)) >= 52 * 7
    assert {d.weekday() for d in meetings} == {0}
    assert {b - a for a, b in itertools.pairwise(meetings)} == {timedelta(days=7)}
    assert meetings[-1] >= TODAY + timedelta(days=80)


def test_deadlines_are_all_day_on_business_days(desk: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = desk
    rows, _cases, _people = _all(practice)
    deadlines = [e for e in rows if e.kind in DEADLINE_KINDS]
    assert len(deadlines) >= 2 * CASES
    for event in deadlines:
        assert event.all_day and event.starts_at is None and event.ends_at is None
        assert event.on_date == event.day == event.end_day
        assert event.day.weekday() < 5 and FEDERAL.get(event.day) is None, event.day
    assert all(not e.all_day for e in rows if e.kind not in DEADLINE_KINDS)


def test_court_dates_are_in_business_hours_in_the_court_zone(
        desk: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = desk
    rows, cases, _people = _all(practice)
    firm_zone = _firm_zone(practice)
    court = [e for e in rows if e.kind in COURT_KINDS and e.notes.startswith("Before ")]
    assert len(court) >= CASES
    addresses = set(COURTHOUSES.values())
    for event in court:
        case = cases[event.case_id] if event.case_id else None
        assert case is not None and case.court_time_zone
        assert event.time_zone == case.court_time_zone
        assert event.starts_at is not None and event.ends_at is not None
        start = event.starts_at.astimezone(ZoneInfo(event.time_zone))
        end = event.ends_at.astimezone(ZoneInfo(event.time_zone))
        assert start.weekday() < 5 and FEDERAL.get(start.date()) is None
        assert 9 <= start.hour < 16 and end.hour <= 17 and end > start
        room, _, address = event.location.partition(", ")
        assert re.match(r"^(Courtroom|Department|Part) \w+$", room), event.location
        assert address in addresses or event.location.endswith(tuple(addresses))
        assert event.notes.endswith(f"Case No. {case.docket_number}.")
    for event in rows:  # meetings and depositions at the firm keep the firm's clock
        if event.case_id is None or (event.kind is EventKind.DEPOSITION):
            assert event.time_zone == firm_zone
    trials = [e for e in rows if e.kind is EventKind.TRIAL]
    assert trials and all(e.end_day > e.day for e in trials)
    assert {e.title for e in trials} <= {"Jury trial", "Bench trial"}


def test_statuses_fit_the_reference_date(desk: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = desk
    rows, cases, _people = _all(practice)
    midnight = datetime.combine(TODAY, datetime.min.time(), ZoneInfo(_firm_zone(practice)))
    past = [e for e in rows if e.end_day < TODAY]
    statuses = Counter(e.status for e in past)
    assert statuses[EventStatus.DONE] >= 0.85 * len(past)
    vacated = sum(e.status is EventStatus.VACATED for e in rows)
    assert 1 <= vacated <= 0.06 * len(rows)
    assert all(e.status in (EventStatus.SCHEDULED, EventStatus.VACATED)
               for e in rows if e.day > TODAY and e.case_id is not None)
    cancelled = [e for e in rows if e.status is EventStatus.CANCELLED]
    assert cancelled and all(FEDERAL.get(e.day) for e in cancelled)  # holiday Mondays
    overdue = event_list.overdue_deadlines(practice.reader, TODAY)
    assert 1 <= len(overdue) <= 0.02 * len(rows)
    assert all(cases[e.case_id].status is not CaseStatus.CLOSED for e in overdue
               if e.case_id is not None)
    filed = [e.satisfied_by for e in rows if e.status is EventStatus.DONE and
             e.kind is EventKind.FILING_DEADLINE]
    assert filed and all(filed)
    assert any(re.fullmatch(r"Filed \(ECF \d+\)", text) for text in filed)
    for event in rows:
        assert event.created_at < midnight and event.updated_at < midnight
        assert event.created_at <= event.updated_at
        assert (event.done_at is not None) == (event.status is EventStatus.DONE)
        if event.done_at is not None:
            assert event.created_at < event.done_at == event.updated_at
        assert event.satisfied_by == "" or event.status is EventStatus.DONE
        assert event.uid == f"{event.id}@casedesk"
        # Every change the demo makes is one a calendar sees (set_event_status, a move).
        assert event.sequence == event.version - 1
        assert event.sequence >= (event.status is not EventStatus.SCHEDULED)
        case = cases.get(event.case_id) if event.case_id else None
        if case is not None:
            assert case.opened_on is not None and event.day > case.opened_on
            if case.closed_on is not None and event.status is not EventStatus.VACATED:
                assert event.end_day <= case.closed_on
            if case.status is not CaseStatus.CLOSED:
                assert event.day <= TODAY + timedelta(days=230)


def test_attendees_are_the_responsible_attorney_and_sometimes_a_paralegal(
        desk: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = desk
    rows, cases, people = _all(practice)
    with practice.transaction() as session:
        roles = {s.id: s.role for s in session.exec(select(Staff))}
    with_paralegal = 0
    for event in rows:
        if event.case_id is None:
            continue
        attendees = people[event.id]
        assert cases[event.case_id].responsible_staff_id in attendees
        others = [s for s in attendees if s != cases[event.case_id].responsible_staff_id]
        assert len(others) <= 1
        with_paralegal += bool(others)
        assert all(roles[s] is StaffRole.PARALEGAL for s in others)
    assert 0.1 * len(rows) <= with_paralegal <= 0.6 * len(rows)


def _clashes(spans: dict[object, list[tuple[datetime, datetime, uuid.UUID]]]) -> list[str]:
    found = []
    for key, booked in spans.items():
        booked.sort()
        for (_s1, e1, a), (s2, _e2, b) in itertools.pairwise(booked):
            if s2 < e1:
                found.append(f"{key}: {a} and {b}")
    return found


def test_nobody_and_no_room_is_booked_twice(desk: tuple[Practice, DemoSummary]) -> None:
    """Over every timed event, whatever its status (stricter than the service, which only
    compares scheduled events)."""
    practice, _summary = desk
    rows, _cases, people = _all(practice)
    spans: dict[object, list[tuple[datetime, datetime, uuid.UUID]]] = defaultdict(list)
    for event in rows:
        interval = events.occupied(event)
        if interval is None:
            continue
        for staff_id in people[event.id]:
            spans[staff_id].append((*interval, event.id))
        if event.location:
            spans[" ".join(event.location.casefold().replace(",", " ").split())].append(
                (*interval, event.id))
    assert len(spans) > 5
    assert _clashes(spans) == []


def test_editing_a_pending_event_raises_no_double_booking_warning(
        desk: tuple[Practice, DemoSummary]) -> None:
    """The service's own check: saving any scheduled demo event unchanged is accepted."""
    practice, _summary = desk
    with practice.transaction() as session:
        pending = session.exec(select(Event).where(
            col(Event.status) == EventStatus.SCHEDULED, col(Event.all_day).is_(False))).all()
        checked = 0
        for event in pending:
            case = session.get(Case, event.case_id) if event.case_id else None
            if case is not None and case.status is CaseStatus.CLOSED:
                continue
            try:
                events.update_event(session, event_id=event.id,
                                    data=events.event_input(session, event))
            except DoubleBooking as clash:  # pragma: no cover - the failure message
                pytest.fail(f"{event.title} on {event.day}: {clash.clashes}")
            checked += 1
        session.rollback()
    assert checked >= 50


def test_rows_are_what_the_event_services_write(desk: tuple[Practice, DemoSummary]) -> None:
    """Re-add a spread of demo events through events.add_event (then roll back): the same
    local days, default reminders and reminder firing times."""
    practice, _summary = desk
    reader = practice.reader
    ids = [r[0] for r in reader.rows(
        "SELECT e.id FROM events e LEFT JOIN cases c ON c.id = e.case_id "
        "WHERE c.status IS NULL OR c.status != 'closed' ORDER BY e.uid")]
    sample = ids[::max(1, len(ids) // 250)]
    seen_kinds: set[EventKind] = set()
    with practice.transaction() as session:
        for raw_id in sample:
            original = event_list.get_event(reader, uuid.UUID(hex=str(raw_id)))
            seen_kinds.add(original.kind)
            copy_id = uuid.uuid4()
            events.add_event(session, data=EventInput(
                kind=original.kind, title=original.title, case_id=original.case_id,
                all_day=original.all_day, on_date=original.on_date,
                starts_at=original.starts_at, ends_at=original.ends_at,
                time_zone=original.time_zone, location=original.location,
                notes=original.notes, status=original.status,
                attendee_staff_ids=original.attendee_staff_ids,
                satisfied_by=original.satisfied_by),
                event_id=copy_id, allow_double_booking=True)
            session.flush()
            copy = session.get(Event, copy_id)
            assert copy is not None
            assert (copy.day, copy.end_day, copy.on_date, copy.starts_at, copy.ends_at,
                    copy.time_zone, tuple(copy.reminders_minutes_before)) == (
                original.day, original.end_day, original.on_date, original.starts_at,
                original.ends_at, original.time_zone, original.reminders_minutes_before)
            assert _firings(session, copy_id) == _firings(session, original.id)
        session.rollback()
    assert len(sample) >= 200
    assert seen_kinds >= {EventKind.HEARING, EventKind.FILING_DEADLINE, EventKind.MEETING,
                          EventKind.DEPOSITION, EventKind.INTERNAL_DEADLINE}
    # Reminder rows exist exactly for the pending events.
    orphans = reader.rows("SELECT count(*) FROM event_reminders r JOIN events e "
                          "ON e.id = r.event_id WHERE e.status != 'scheduled'")
    pending = reader.rows("SELECT count(*) FROM events e WHERE e.status = 'scheduled' AND NOT "
                          "EXISTS (SELECT 1 FROM event_reminders r WHERE r.event_id = e.id)")
    assert (orphans[0][0], pending[0][0]) == (0, 0)


def _firings(session: Session, event_id: uuid.UUID) -> list[tuple[int, datetime]]:
    rows = session.exec(select(EventReminder).where(col(EventReminder.event_id) == event_id))
    return sorted((r.minutes_before, r.remind_at) for r in rows)


def test_the_calendar_reads_find_the_demo(desk: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = desk
    reader = practice.reader
    start = TODAY - timedelta(days=TODAY.weekday())
    month = event_list.events_between(reader, start, start + timedelta(days=41))
    counts = event_list.event_counts_by_day(reader, start, start + timedelta(days=41))
    assert len(month) >= 20
    assert sum(counts.values()) == sum(1 for e in month if e.day >= start)
    up = event_list.coming_up(reader, TODAY, 30)
    assert up.overdue and up.upcoming
    assert all(e.status is EventStatus.SCHEDULED for e in up.upcoming)


def test_same_seed_same_calendar_and_earlier_tables_unchanged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_world(cases=40, seed=5, today=TODAY)
    second = build_world(cases=40, seed=5, today=TODAY)
    for table in ("events", "event_attendees", "event_reminders"):
        assert first.rows[table] == second.rows[table]
    other = build_world(cases=40, seed=6, today=TODAY)
    assert [e["title"] for e in other.rows["events"]] != \
        [e["title"] for e in first.rows["events"]]
    # The events generator draws from its own streams: the rest of the practice is as before.
    monkeypatch.setattr(demo_generator, "GENERATORS", tuple(
        g for g in demo_generator.GENERATORS if g[0] != "events"))
    without = build_world(cases=40, seed=5, today=TODAY)
    assert "events" not in without.rows
    for table, rows in without.rows.items():
        assert first.rows[table] == rows, table


def test_matters_declined_at_intake_have_no_calendar() -> None:
    world = build_world(cases=300, seed=3, today=TODAY)
    declined = {plan.id for plan in world.cases if plan.declined}
    with_events = {row["case_id"] for row in world.rows["events"]}
    assert declined and declined.isdisjoint(with_events)
    assert len(with_events) >= 0.9 * 300


def test_every_demo_court_has_a_courthouse() -> None:
    courts = {c.name for r in REGIONS
              for c in (r.district, r.bankruptcy, r.immigration, *r.state_courts.values())}
    courts |= {c.name for c in DISTANT_FEDERAL}
    assert courts <= set(COURTHOUSES)
    assert COURTHOUSES["U.S. District Court, N.D. Ill."] == "219 S. Dearborn St., Chicago"


def test_firm_zone_meetings(tmp_path: Path) -> None:
    """A tiny demo still has its staff meetings, in the firm's zone at 9:00 local."""
    with Practice(resolve(tmp_path / "p")) as practice:
        practice.write(generate, cases=3, seed=2, today=TODAY)
        with practice.transaction() as session:
            firm = session.exec(select(Firm)).one()
            meeting = session.exec(select(Event).where(col(Event.case_id).is_(None))
                                   .order_by(col(Event.day).desc())).first()
            assert meeting is not None and meeting.starts_at is not None
            local = meeting.starts_at.astimezone(ZoneInfo(firm.time_zone))
            assert (local.hour, local.minute, meeting.time_zone) == (9, 0, firm.time_zone)
            assert meeting.starts_at.tzinfo is UTC
