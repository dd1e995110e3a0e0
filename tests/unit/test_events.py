"""Events through the services and the plain-SQL calendar reads, on every backend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from casedesk.domain.enums import EventKind, EventStatus
from casedesk.domain.errors import DoubleBooking, InvalidInput, RuleViolation
from casedesk.domain.models import EventReminder
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, event_list, events, firm, staff
from casedesk.services.event_list import EventFilter
from casedesk.services.events import EventInput
from tests.unit.list_backends import BACKENDS, open_desk

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture(params=BACKENDS)
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Practice, Reader, dict[str, uuid.UUID]]]:
    with open_desk(request.param, tmp_path_factory.mktemp("desk")) as (practice, reader):
        ids = {"alice": uuid.uuid4(), "bob": uuid.uuid4()}
        practice.write(firm.save_firm, name="Hale & Ortiz LLP", time_zone="America/New_York")
        practice.write(staff.add_staff, name="Alice Attorney", role="attorney",
                       staff_id=ids["alice"])
        practice.write(staff.add_staff, name="Bob Paralegal", role="paralegal",
                       staff_id=ids["bob"])
        _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                         title="Smith v. Acme", court="N.D. Ill.",
                                         court_time_zone="America/Chicago",
                                         responsible_staff_id=ids["alice"])
        _c, ids["case2"] = practice.write(cases.create_case, number="2026-CV-0002",
                                          title="Estate of Jones")
        yield practice, reader, ids


def _add(practice: Practice, **kw: object) -> uuid.UUID:
    event_id = uuid.uuid4()
    allow = bool(kw.pop("allow", False))
    practice.write(events.add_event, data=EventInput(**kw),  # type: ignore[arg-type]
                   event_id=event_id, allow_double_booking=allow)
    return event_id


def test_timed_event_is_stored_in_utc_with_the_court_zone(desk) -> None:
    practice, reader, ids = desk
    event_id = _add(practice, kind="hearing", title="Motion hearing", case_id=ids["case"],
                    starts_at=datetime(2026, 3, 9, 9, 30), location="Courtroom 2141",
                    attendee_staff_ids=(ids["alice"],))
    row = event_list.get_event(reader, event_id)
    assert row.time_zone == "America/Chicago"  # the case's court zone, not the firm's
    assert row.starts_at == datetime(2026, 3, 9, 14, 30, tzinfo=UTC)  # CDT (UTC-5) from 8 Mar
    assert row.ends_at == datetime(2026, 3, 9, 15, 30, tzinfo=UTC)
    assert (row.day, row.end_day, row.all_day, row.on_date) == (date(2026, 3, 9),) * 2 + (
        False, None)
    assert row.attendee_staff_ids == (ids["alice"],) and row.attendees == "Alice Attorney"
    assert row.uid == f"{event_id}@casedesk" and row.sequence == 0
    assert row.reminders_minutes_before == events.DEFAULT_REMINDERS[EventKind.HEARING]
    assert (row.case_number, row.case_title) == ("2026-CV-0001", "Smith v. Acme")


def test_deadlines_are_all_day_and_need_a_date(desk) -> None:
    practice, reader, ids = desk
    event_id = _add(practice, kind="filing_deadline", title="Answer due", case_id=ids["case"],
                    on_date="2026-07-06")
    row = event_list.get_event(reader, event_id)
    assert row.all_day and row.on_date == date(2026, 7, 6) and row.starts_at is None
    assert row.is_deadline
    with pytest.raises(InvalidInput, match="needs a date"):
        _add(practice, kind="filing_deadline", title="x", case_id=ids["case"])


def test_bad_input_is_refused_with_a_clear_message(desk) -> None:
    practice, reader, ids = desk
    with pytest.raises(InvalidInput, match="belongs to a case"):
        _add(practice, kind="hearing", title="x", starts_at=datetime(2026, 1, 5, 9))
    with pytest.raises(InvalidInput, match="is not an event kind"):
        _add(practice, kind="party", title="x", case_id=ids["case"], on_date="2026-01-05")
    with pytest.raises(InvalidInput, match="ends before it starts"):
        _add(practice, kind="meeting", title="x", starts_at=datetime(2026, 1, 5, 9),
             ends_at=datetime(2026, 1, 5, 8))
    with pytest.raises(InvalidInput, match="at most 62 days"):
        _add(practice, kind="trial", title="x", case_id=ids["case"],
             starts_at=datetime(2026, 1, 5, 9), ends_at=datetime(2026, 4, 5, 9))
    with pytest.raises(InvalidInput, match="not a time zone"):
        _add(practice, kind="meeting", title="x", starts_at=datetime(2026, 1, 5, 9),
             time_zone="Mars/Olympus")
    with pytest.raises(InvalidInput, match="between 0 minutes and a year"):
        _add(practice, kind="meeting", title="x", starts_at=datetime(2026, 1, 5, 9),
             reminders_minutes_before=(-5,))
    assert event_list.events_between(reader, date(2025, 1, 1), date(2027, 1, 1)) == []


def test_firm_wide_meeting_uses_the_firm_zone(desk) -> None:
    practice, reader, _ids = desk
    event_id = _add(practice, kind="meeting", title="Staff meeting",
                    starts_at=datetime(2026, 1, 5, 9))
    row = event_list.get_event(reader, event_id)
    assert row.case_id is None and row.time_zone == "America/New_York"
    assert row.starts_at == datetime(2026, 1, 5, 14, tzinfo=UTC)


def test_double_booking_a_person_or_room_is_flagged(desk) -> None:
    practice, reader, ids = desk
    _add(practice, kind="hearing", title="Status hearing", case_id=ids["case"],
         starts_at=datetime(2026, 3, 9, 9), ends_at=datetime(2026, 3, 9, 10),
         location="Courtroom 2141", attendee_staff_ids=(ids["alice"],))
    with pytest.raises(DoubleBooking) as caught:
        _add(practice, kind="deposition", title="Deposition of Smith", case_id=ids["case"],
             starts_at=datetime(2026, 3, 9, 9, 30), attendee_staff_ids=(ids["alice"],))
    assert caught.value.clashes == [
        "Alice Attorney is at 2026-CV-0001 'Status hearing', Mon 9 Mar 2026 09:00-10:00 CDT"]
    with pytest.raises(DoubleBooking, match="Courtroom 2141 is booked"):
        _add(practice, kind="hearing", title="Other", case_id=ids["case2"],
             starts_at=datetime(2026, 3, 9, 10, 0, tzinfo=CHICAGO) - timedelta(minutes=1),
             location="courtroom  2141")
    # back to back is not a clash; another person is not a clash; confirmed clash is kept
    _add(practice, kind="deposition", title="Back to back", case_id=ids["case"],
         starts_at=datetime(2026, 3, 9, 10), attendee_staff_ids=(ids["alice"],))
    _add(practice, kind="deposition", title="Bob's", case_id=ids["case"],
         starts_at=datetime(2026, 3, 9, 9, 30), attendee_staff_ids=(ids["bob"],))
    _add(practice, kind="deposition", title="Confirmed", case_id=ids["case"],
         starts_at=datetime(2026, 3, 9, 9, 30), attendee_staff_ids=(ids["alice"],),
         allow=True)
    titles = [e.title for e in event_list.events_between(reader, date(2026, 3, 9),
                                                         date(2026, 3, 9))]
    assert titles == ["Status hearing", "Bob's", "Confirmed", "Back to back"]


def test_edits_bump_sequence_and_moves_keep_time_of_day(desk) -> None:
    practice, reader, ids = desk
    event_id = _add(practice, kind="hearing", title="Hearing", case_id=ids["case"],
                    starts_at=datetime(2026, 3, 6, 9), ends_at=datetime(2026, 3, 6, 11))
    row = event_list.get_event(reader, event_id)
    same = EventInput(kind=row.kind, title=row.title, case_id=row.case_id,
                      starts_at=row.starts_at, ends_at=row.ends_at, time_zone=row.time_zone,
                      reminders_minutes_before=row.reminders_minutes_before)
    assert not practice.write(events.update_event, event_id=event_id, data=same).any()
    assert event_list.get_event(reader, event_id).sequence == 0
    # Friday 6 March (CST) dragged to Monday 9 March (CDT): still 09:00-11:00 local
    practice.write(events.move_event, event_id=event_id, to_day=date(2026, 3, 9),
                   expected_version=row.version)
    moved = event_list.get_event(reader, event_id)
    assert moved.starts_at == datetime(2026, 3, 9, 14, tzinfo=UTC)
    assert moved.ends_at == datetime(2026, 3, 9, 16, tzinfo=UTC)
    assert (moved.sequence, moved.version) == (1, row.version + 1)
    practice.write(events.set_event_status, event_id=event_id, status="vacated")
    assert event_list.get_event(reader, event_id).sequence == 2


def test_range_reads_only_the_visible_days_and_filters(desk) -> None:
    practice, reader, ids = desk
    trial = _add(practice, kind="trial", title="Jury trial", case_id=ids["case"],
                 starts_at=datetime(2026, 4, 27, 9), ends_at=datetime(2026, 5, 8, 17),
                 attendee_staff_ids=(ids["bob"],))
    _add(practice, kind="filing_deadline", title="Reply brief", case_id=ids["case2"],
         on_date="2026-05-04")
    _add(practice, kind="meeting", title="Outside", starts_at=datetime(2026, 6, 1, 9))
    may = event_list.events_between(reader, date(2026, 5, 1), date(2026, 5, 31))
    assert [e.title for e in may] == ["Jury trial", "Reply brief"]  # the trial started in April
    bob = event_list.events_between(reader, date(2026, 5, 1), date(2026, 5, 31),
                                    EventFilter(staff_id=ids["bob"]))
    assert [e.id for e in bob] == [trial]
    alice = event_list.events_between(reader, date(2026, 5, 1), date(2026, 5, 31),
                                      EventFilter(staff_id=ids["alice"]))
    assert alice == []  # the trial has attendees; Alice is responsible but not attending
    deadlines = event_list.events_between(
        reader, date(2026, 5, 1), date(2026, 5, 31),
        EventFilter(kinds=(EventKind.FILING_DEADLINE,), case_ids=(ids["case2"],)))
    assert [e.title for e in deadlines] == ["Reply brief"]
    counts = event_list.event_counts_by_day(reader, date(2026, 4, 1), date(2026, 6, 30))
    assert counts == {date(2026, 4, 27): 1, date(2026, 5, 4): 1, date(2026, 6, 1): 1}


def test_overdue_deadlines_and_coming_up(desk) -> None:
    practice, reader, ids = desk
    late = _add(practice, kind="filing_deadline", title="Late", case_id=ids["case"],
                on_date="2026-11-20")
    done = _add(practice, kind="filing_deadline", title="Filed", case_id=ids["case"],
                on_date="2026-11-19")
    practice.write(events.set_event_status, event_id=done, status="done",
                   satisfied_by="Answer filed (ECF 12)")
    _add(practice, kind="hearing", title="Past hearing", case_id=ids["case"],
         starts_at=datetime(2026, 11, 20, 9))
    _add(practice, kind="hearing", title="Soon", case_id=ids["case"],
         starts_at=datetime(2026, 11, 30, 9))
    _add(practice, kind="hearing", title="Later", case_id=ids["case"],
         starts_at=datetime(2027, 1, 30, 9))
    today = date(2026, 11, 27)
    assert event_list.overdue_deadline_count(reader, today) == 1
    up = event_list.coming_up(reader, today, 7)
    assert [e.id for e in up.overdue] == [late]
    assert [e.title for e in up.upcoming] == ["Soon"]
    row = event_list.get_event(reader, done)
    assert (row.status, row.satisfied_by) == (EventStatus.DONE, "Answer filed (ECF 12)")


def test_reminders_are_derived_and_cleared_when_not_pending(desk) -> None:
    practice, _reader, ids = desk
    event_id = _add(practice, kind="filing_deadline", title="Answer", case_id=ids["case"],
                    on_date="2026-07-06", reminders_minutes_before=(1440, 60))

    def fire_times(session) -> list[datetime]:
        rows = session.exec(__import__("sqlmodel").select(EventReminder).where(
            EventReminder.event_id == event_id)).all()
        return sorted(r.remind_at for r in rows)

    # Midnight starting Mon 6 Jul in Chicago (CDT, UTC-5), minus a day and an hour.
    assert practice.read(fire_times) == [datetime(2026, 7, 5, 5, tzinfo=UTC),
                                         datetime(2026, 7, 6, 4, tzinfo=UTC)]
    practice.write(events.set_event_status, event_id=event_id, status="done")
    assert practice.read(fire_times) == []


def test_closed_case_refuses_new_events(desk) -> None:
    practice, _reader, ids = desk
    practice.write(cases.close_case, case_id=ids["case2"])
    with pytest.raises(RuleViolation, match="closed"):
        _add(practice, kind="hearing", title="x", case_id=ids["case2"],
             starts_at=datetime(2026, 3, 9, 9))


def test_next_due_counts_pending_deadlines_in_the_list_and_the_detail(desk) -> None:
    from casedesk.services import case_list
    from casedesk.services.case_list import CaseFilter

    practice, reader, ids = desk
    _add(practice, kind="hearing", title="Hearing (not a deadline)", case_id=ids["case"],
         starts_at=datetime(2026, 5, 1, 9))
    done = _add(practice, kind="filing_deadline", title="Filed", case_id=ids["case"],
                on_date="2026-05-02")
    practice.write(events.set_event_status, event_id=done, status="done")
    _add(practice, kind="statute_of_limitations", title="SOL", case_id=ids["case"],
         on_date="2026-05-20")

    def next_due() -> dict[str, date | None]:
        rows = case_list.case_page(reader, CaseFilter(sort="next_due", descending=False),
                                   offset=0, limit=10)
        return {r.number: r.next_due for r in rows}

    assert next_due() == {"2026-CV-0001": date(2026, 5, 20), "2026-CV-0002": None}
    assert practice.read(cases.get_case_detail, ids["case"]).next_due == date(2026, 5, 20)
