"""Reminders in the database: due and missed firings, per person, acknowledge and snooze."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from casedesk.domain.errors import InvalidInput
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, events, firm, reminders, staff
from casedesk.services.events import EventInput
from tests.unit.list_backends import BACKENDS, open_desk

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


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
                                         title="Smith v. Acme",
                                         responsible_staff_id=ids["alice"])
        yield practice, reader, ids


def _event(practice: Practice, **kw: object) -> uuid.UUID:
    event_id = uuid.uuid4()
    practice.write(events.add_event, data=EventInput(**kw), event_id=event_id)  # type: ignore[arg-type]
    return event_id


def test_due_reminders_follow_the_firing_times_and_the_person(desk) -> None:
    practice, reader, ids = desk
    # Hearing 16:30 UTC today, reminders 120 and 15 minutes before: 14:30 has fired, 16:15 not.
    hearing = _event(practice, kind="hearing", title="Status hearing", case_id=ids["case"],
                     starts_at=NOW + timedelta(minutes=90), reminders_minutes_before=(120, 15),
                     attendee_staff_ids=(ids["bob"],))
    # Deadline tomorrow (New York midnight = 05:00 UTC), 1 day and 7 days before: both fired.
    deadline = _event(practice, kind="filing_deadline", title="Answer due", case_id=ids["case"],
                      on_date="2026-11-28", reminders_minutes_before=(10080, 1440))
    _event(practice, kind="hearing", title="Next month", case_id=ids["case"],
           starts_at=NOW + timedelta(days=40))
    bob = reminders.due_reminders(reader, staff_id=ids["bob"], now=NOW)
    assert [(d.event_id, d.minutes_before) for d in bob] == [(hearing, 120)]
    # Alice attends nothing, but the unattended deadline is on her case: newest firing only.
    alice = reminders.due_reminders(reader, staff_id=ids["alice"], now=NOW)
    assert [(d.event_id, d.minutes_before) for d in alice] == [(deadline, 1440)]
    assert alice[0].missed(NOW - timedelta(hours=1))
    assert not alice[0].missed(datetime(2026, 11, 27, 4, tzinfo=UTC))
    everyone = reminders.due_reminders(reader, staff_id=None, now=NOW)
    assert [d.title for d in everyone] == ["Status hearing", "Answer due"]  # soonest first


def test_acknowledge_is_per_person_and_a_move_fires_again(desk) -> None:
    practice, reader, ids = desk
    hearing = _event(practice, kind="hearing", title="Status hearing", case_id=ids["case"],
                     starts_at=NOW + timedelta(minutes=30), reminders_minutes_before=(60,),
                     attendee_staff_ids=(ids["alice"], ids["bob"]))
    practice.write(reminders.acknowledge, event_id=hearing, staff_id=ids["alice"], now=NOW)
    assert reminders.due_reminders(reader, staff_id=ids["alice"], now=NOW) == []
    assert len(reminders.due_reminders(reader, staff_id=ids["bob"], now=NOW)) == 1
    later = NOW + timedelta(minutes=10)
    practice.write(events.move_event, event_id=hearing, to_day=(NOW + timedelta(days=1)).date())
    assert reminders.due_reminders(reader, staff_id=ids["alice"], now=later) == []
    practice.write(events.move_event, event_id=hearing, to_day=NOW.date())
    # Back at the original time: the acknowledged firing is the same one, still answered.
    assert reminders.due_reminders(reader, staff_id=ids["alice"], now=later) == []
    # A different reminder is a new firing: due again.
    practice.write(events.update_event, event_id=hearing,
                   data=_edit_reminders(practice, hearing, (45,)))
    assert [d.minutes_before for d in
            reminders.due_reminders(reader, staff_id=ids["alice"], now=later)] == [45]


def _edit_reminders(practice: Practice, event_id: uuid.UUID,
                    minutes: tuple[int, ...]) -> EventInput:
    from casedesk.domain.models import Event

    def build(session):
        return events.event_input(session, session.get(Event, event_id),
                                  reminders_minutes_before=minutes)

    return practice.read(build)


def test_snooze_hides_until_the_time_then_shows_again(desk) -> None:
    practice, reader, ids = desk
    hearing = _event(practice, kind="hearing", title="Status hearing", case_id=ids["case"],
                     starts_at=NOW + timedelta(hours=2), reminders_minutes_before=(180,),
                     attendee_staff_ids=(ids["alice"],))
    practice.write(reminders.snooze, event_id=hearing, staff_id=ids["alice"],
                   until=NOW + timedelta(minutes=15), now=NOW)
    assert reminders.due_reminders(reader, staff_id=ids["alice"], now=NOW) == []
    again = reminders.due_reminders(reader, staff_id=ids["alice"],
                                    now=NOW + timedelta(minutes=15))
    assert [d.event_id for d in again] == [hearing]
    with pytest.raises(InvalidInput, match="future"):
        practice.write(reminders.snooze, event_id=hearing, staff_id=ids["alice"],
                       until=NOW - timedelta(minutes=1), now=NOW)
    with pytest.raises(InvalidInput, match="at most 30 days"):
        practice.write(reminders.snooze, event_id=hearing, staff_id=ids["alice"],
                       until=NOW + timedelta(days=31), now=NOW)


def test_done_events_and_old_firings_are_not_reminded(desk) -> None:
    practice, reader, ids = desk
    done = _event(practice, kind="filing_deadline", title="Filed", case_id=ids["case"],
                  on_date="2026-11-28")
    practice.write(events.set_event_status, event_id=done, status="done")
    _event(practice, kind="filing_deadline", title="Long ago", case_id=ids["case"],
           on_date="2026-09-01", reminders_minutes_before=(1440,))
    assert reminders.due_reminders(reader, staff_id=ids["alice"], now=NOW) == []
