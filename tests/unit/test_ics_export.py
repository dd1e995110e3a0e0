""".ics export on every backend, read back with icalendar and with vobject (an independent
parser), byte for byte where the clients care: CRLF, folding, determinism."""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from casedesk.domain.enums import EventKind, EventStatus
from casedesk.domain.errors import (
    Cancelled,
    CasedeskError,
    EnvironmentFault,
    InvalidInput,
    NotFound,
)
from casedesk.domain.rows import EventRow
from casedesk.export import ics
from casedesk.export.files import write_bytes_atomically
from casedesk.export.ics import IcsOptions, render_calendar
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, event_list, events, firm, ics_io, staff
from casedesk.services.events import EventInput
from tests.unit.list_backends import BACKENDS, open_desk

LONG_NOTES = ("Zeugin Müller-Lüdenscheidt bringt die Übersetzung — 証人の陳述書 € ✓ " * 12).strip()
NOTES = "Client John Smith prefers morning calls."


def build_practice(practice: Practice) -> dict[str, uuid.UUID]:
    """A firm, two staff, two cases and events of every shape an export meets."""
    ids = {"alice": uuid.uuid4(), "bob": uuid.uuid4()}
    practice.write(firm.save_firm, name="Hale & Ortiz LLP", time_zone="America/New_York")
    practice.write(staff.add_staff, name="Alice Attorney", role="attorney",
                   staff_id=ids["alice"])
    practice.write(staff.add_staff, name="Bob Paralegal", role="paralegal", staff_id=ids["bob"])
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme", court="N.D. Ill.",
                                     court_time_zone="America/Chicago",
                                     responsible_staff_id=ids["alice"])
    _c, ids["case2"] = practice.write(cases.create_case, number="2026-CV-0002",
                                      title="Estate of Jones")
    ids["answer"] = add(practice, kind="filing_deadline", title="Answer due (Smith)",
                        case_id=ids["case"], on_date=date(2026, 7, 6), notes=NOTES,
                        authority="Fed. R. Civ. P. 12(a)(1)(A)(i)",
                        explanation=("Served 2026-06-15", "21 days after service"))
    ids["hearing"] = add(practice, kind="hearing", title="Motion hearing re Smith",
                         case_id=ids["case"], starts_at=datetime(2026, 3, 9, 9, 30),
                         ends_at=datetime(2026, 3, 9, 10, 45), location="Courtroom 2141",
                         attendee_staff_ids=(ids["alice"],), notes=LONG_NOTES)
    ids["vacated"] = add(practice, kind="hearing", title="Status conference with Smith",
                         case_id=ids["case"], starts_at=datetime(2026, 4, 2, 14, 0))
    practice.write(events.set_event_status, event_id=ids["vacated"], status="vacated")
    ids["jones"] = add(practice, kind="deposition", title="Deposition of heir",
                       case_id=ids["case2"], starts_at=datetime(2026, 5, 4, 10, 0),
                       attendee_staff_ids=(ids["bob"],))
    ids["meeting"] = add(practice, kind="meeting", title="Staff meeting",
                         starts_at=datetime(2026, 3, 2, 9, 0), reminders_minutes_before=())
    return ids


def add(practice: Practice, **kw: object) -> uuid.UUID:
    event_id = uuid.uuid4()
    extra = {k: kw.pop(k) for k in ("authority", "explanation") if k in kw}
    practice.write(events.add_event, data=EventInput(**kw),  # type: ignore[arg-type]
                   event_id=event_id, **extra)
    return event_id


@pytest.fixture(params=BACKENDS)
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Practice, Reader, dict[str, uuid.UUID]]]:
    with open_desk(request.param, tmp_path_factory.mktemp("desk")) as (practice, reader):
        yield practice, reader, build_practice(practice)


def by_uid(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def vobject_events(data: bytes) -> dict[str, object]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value: e for e in calendar.vevent_list}


def test_times_dates_uids_and_sequences_read_back_with_both_parsers(desk) -> None:
    _practice, reader, ids = desk
    exported = ics_io.export_calendar(reader)
    assert exported.count == 5
    found = by_uid(exported.data)
    uid = {name: f"{ids[name]}@casedesk" for name in ("answer", "hearing", "vacated", "jones",
                                                      "meeting")}
    assert set(found) == set(uid.values())
    answer, hearing = found[uid["answer"]], found[uid["hearing"]]
    # the deadline is all-day with an exclusive end; the hearing is UTC (CDT is UTC-5)
    assert answer.decoded("DTSTART") == date(2026, 7, 6)
    assert answer.decoded("DTEND") == date(2026, 7, 7)
    assert hearing.decoded("DTSTART") == datetime(2026, 3, 9, 14, 30, tzinfo=UTC)
    assert hearing.decoded("DTEND") == datetime(2026, 3, 9, 15, 45, tzinfo=UTC)
    assert "TZID" not in exported.data.decode() and "VTIMEZONE" not in exported.data.decode()
    rows = {r.uid: r for r in event_list.events_between(reader, date(2026, 1, 1),
                                                        date(2026, 12, 31))}
    for event_uid, event in found.items():
        assert event.decoded("SEQUENCE") == rows[event_uid].sequence
        assert event.decoded("DTSTAMP") == rows[event_uid].updated_at.replace(microsecond=0)
        assert event.decoded("LAST-MODIFIED") == event.decoded("DTSTAMP")
        assert str(event["CLASS"]) == "PRIVATE"
    assert found[uid["vacated"]].decoded("SEQUENCE") == 1  # vacating bumped it
    assert str(answer["SUMMARY"]) == "2026-CV-0001 · Answer due (Smith)"
    assert str(found[uid["meeting"]]["SUMMARY"]) == "Staff meeting"  # firm-wide: no number
    assert [str(c) for c in answer.categories] == ["Filing deadline"]
    assert str(answer["TRANSP"]) == "TRANSPARENT" and str(hearing["TRANSP"]) == "OPAQUE"
    assert str(hearing["LOCATION"]) == "Courtroom 2141"
    description = str(answer["DESCRIPTION"])
    assert description.splitlines() == [
        "Case: 2026-CV-0001 Smith v. Acme", "", NOTES, "",
        "Rule: Fed. R. Civ. P. 12(a)(1)(A)(i)", "Served 2026-06-15", "21 days after service"]
    assert str(hearing["DESCRIPTION"]).startswith(
        "Case: 2026-CV-0001 Smith v. Acme\nLocation: Courtroom 2141\nAttendees: Alice Attorney"
        "\n\n" + LONG_NOTES[:40])
    # vobject reads the same values
    other = vobject_events(exported.data)
    assert set(other) == set(found)
    assert other[uid["answer"]].dtstart.value == date(2026, 7, 6)
    assert other[uid["answer"]].dtend.value == date(2026, 7, 7)
    assert other[uid["hearing"]].dtstart.value == datetime(2026, 3, 9, 14, 30, tzinfo=UTC)
    assert other[uid["hearing"]].description.value == str(hearing["DESCRIPTION"])
    assert LONG_NOTES in other[uid["hearing"]].description.value
    assert int(other[uid["vacated"]].sequence.value) == 1


def test_the_file_is_crlf_and_folded_at_75_octets_without_splitting_characters(desk) -> None:
    _practice, reader, _ids = desk
    data = ics_io.export_calendar(reader).data
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # raises if a fold split a multi-byte character
    folded = [line for line in lines if line.startswith(b" ")]
    assert len(folded) > 10  # the long non-ASCII notes really were folded
    assert sum(1 for line in lines if line.startswith(b"PRODID:")) == 1
    assert sum(1 for line in lines if line.startswith(b"X-WR-CALNAME:")) == 1
    assert b"X-WR-CALNAME:casedesk \xe2\x80\x93 Hale & Ortiz LLP" in lines
    assert not any(line.startswith((b"METHOD", b"RRULE", b"RDATE")) for line in lines)


def test_exporting_twice_gives_the_same_bytes_and_an_edit_bumps_sequence(desk) -> None:
    practice, reader, ids = desk
    first = ics_io.export_calendar(reader).data
    assert ics_io.export_calendar(reader).data == first
    row = event_list.get_event(reader, ids["hearing"])
    practice.write(events.move_event, event_id=ids["hearing"], to_day=date(2026, 3, 10))
    second = ics_io.export_calendar(reader).data
    assert second != first
    moved = by_uid(second)[row.uid]
    assert moved.decoded("SEQUENCE") == row.sequence + 1
    assert moved.decoded("DTSTART") == datetime(2026, 3, 10, 14, 30, tzinfo=UTC)
    after = event_list.get_event(reader, ids["hearing"]).updated_at
    assert after > row.updated_at
    assert moved.decoded("DTSTAMP") == after.replace(microsecond=0)  # whole seconds
    # the events that did not change are byte-identical blocks
    answer_uid = f"{ids['answer']}@casedesk"
    assert by_uid(second)[answer_uid].to_ical() == by_uid(first)[answer_uid].to_ical()


def test_cancelled_events_say_so_everywhere_a_client_looks(desk) -> None:
    _practice, reader, ids = desk
    event = by_uid(ics_io.export_calendar(reader).data)[f"{ids['vacated']}@casedesk"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["SUMMARY"]) == "CANCELLED: 2026-CV-0001 · Status conference with Smith"
    assert "Status: Vacated" in str(event["DESCRIPTION"])
    assert not event.walk("VALARM")  # no reminder for a date that will not happen


def test_one_valarm_from_the_first_reminder(desk) -> None:
    _practice, reader, ids = desk
    found = by_uid(ics_io.export_calendar(reader).data)
    answer = found[f"{ids['answer']}@casedesk"]
    alarms = answer.walk("VALARM")
    assert len(alarms) == 1  # the deadline has two reminders; Outlook keeps one
    assert alarms[0].decoded("TRIGGER") == timedelta(days=-7)
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert str(alarms[0]["DESCRIPTION"]) == "2026-CV-0001 · Answer due (Smith)"
    hearing_alarm = found[f"{ids['hearing']}@casedesk"].walk("VALARM")[0]
    assert hearing_alarm.decoded("TRIGGER") == timedelta(days=-1)  # hearing: 1 day, 2 hours
    assert not found[f"{ids['meeting']}@casedesk"].walk("VALARM")  # no reminders set
    other = vobject_events(ics_io.export_calendar(reader).data)
    assert other[f"{ids['answer']}@casedesk"].valarm.trigger.value == timedelta(days=-7)


def test_minimal_leaves_out_client_names_notes_and_places(desk) -> None:
    _practice, reader, ids = desk
    data = ics_io.export_calendar(reader, minimal=True).data
    text = data.decode("utf-8")
    for secret in ("Smith", "Jones", "heir", NOTES, "Courtroom", "Müller", "Alice"):
        assert secret not in text
    found = by_uid(data)
    assert str(found[f"{ids['answer']}@casedesk"]["SUMMARY"]) == "2026-CV-0001 · Filing deadline"
    assert str(found[f"{ids['vacated']}@casedesk"]["SUMMARY"]) == "CANCELLED: 2026-CV-0001 · " \
                                                                  "Hearing"
    assert str(found[f"{ids['meeting']}@casedesk"]["SUMMARY"]) == "Meeting"
    assert all("DESCRIPTION" not in e and "LOCATION" not in e for e in found.values())
    assert all(str(e["CLASS"]) == "PRIVATE" for e in found.values())
    alarm = found[f"{ids['answer']}@casedesk"].walk("VALARM")[0]
    assert str(alarm["DESCRIPTION"]) == "2026-CV-0001 · Filing deadline"


def test_scope_by_case_person_and_dates(desk) -> None:
    _practice, reader, ids = desk

    def uids(**kw: object) -> set[str]:
        return set(by_uid(ics_io.export_calendar(reader, **kw).data))  # type: ignore[arg-type]

    def of(*names: str) -> set[str]:
        return {f"{ids[n]}@casedesk" for n in names}

    assert uids(case_numbers=["2026-CV-0002"]) == of("jones")
    assert uids(case_numbers=["2026-CV-0001", "2026-CV-0002"]) == of(
        "answer", "hearing", "vacated", "jones")
    assert uids(case_ids=[ids["case2"]]) == of("jones")
    # Alice attends the hearing and is responsible for case 1's unattended events
    assert uids(staff_name="alice attorney") == of("answer", "hearing", "vacated")
    assert uids(staff_id=ids["bob"]) == of("jones")
    assert uids(start=date(2026, 4, 1), end=date(2026, 6, 30)) == of("vacated", "jones")
    assert uids(start=date(2026, 7, 6)) == of("answer")
    with pytest.raises(NotFound, match="No case numbered 2026-CV-9999"):
        ics_io.export_calendar(reader, case_numbers=["2026-CV-0001", "2026-CV-9999"])
    with pytest.raises(NotFound, match="No staff member Zed"):
        ics_io.export_calendar(reader, staff_name="Zed")
    with pytest.raises(InvalidInput, match="starts"):
        ics_io.export_calendar(reader, start=date(2026, 2, 1), end=date(2026, 1, 1))
    named = ics_io.export_calendar(reader, calendar_name="Court dates")
    assert b"\r\nX-WR-CALNAME:Court dates\r\n" in named.data


def _row(**changes: object) -> EventRow:
    row = EventRow(
        id=uuid.UUID(int=1), case_id=uuid.UUID(int=2), case_number="2026-CV-0001",
        case_title="Smith v. Acme", kind=EventKind.HEARING, title="Hearing", all_day=False,
        on_date=None, starts_at=datetime(2026, 3, 9, 14, 30, 15, 999, tzinfo=UTC),
        ends_at=datetime(2026, 3, 9, 15, 30, tzinfo=UTC), time_zone="America/Chicago",
        day=date(2026, 3, 9), end_day=date(2026, 3, 9), location="", notes="",
        status=EventStatus.SCHEDULED, satisfied_by="", reminders_minutes_before=(0,),
        attendee_staff_ids=(), attendees="", uid="one@casedesk", sequence=3, version=4,
        updated_at=datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC))
    return dataclasses.replace(row, **changes)  # type: ignore[arg-type]


def test_long_text_is_capped_and_order_does_not_depend_on_the_input() -> None:
    options = IcsOptions(calendar_name="x")
    rows = [_row(title="T" * 400, notes="ü" * 9000),
            _row(uid="two@casedesk", title="Earlier", day=date(2026, 3, 1),
                 starts_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
                 ends_at=datetime(2026, 3, 1, 10, tzinfo=UTC))]
    data = render_calendar(rows, options)
    assert render_calendar(list(reversed(rows)), options) == data
    events_ = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["UID"]) for e in events_] == ["two@casedesk", "one@casedesk"]
    long_one = events_[1]
    assert len(str(long_one["SUMMARY"])) == ics.MAX_SUMMARY
    assert str(long_one["SUMMARY"]).endswith("…")
    assert len(str(long_one["DESCRIPTION"])) == ics.MAX_DESCRIPTION
    assert long_one.decoded("DTSTART") == datetime(2026, 3, 9, 14, 30, 15, tzinfo=UTC)
    assert long_one.decoded("DTSTAMP") == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert long_one.walk("VALARM")[0].decoded("TRIGGER") == timedelta(0)
    # an empty calendar is still a valid file
    empty = render_calendar([], options)
    assert empty.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and b"VEVENT" not in empty


def test_done_events_keep_their_time_but_lose_the_alarm() -> None:
    data = render_calendar([_row(status=EventStatus.DONE, satisfied_by="argued")],
                           IcsOptions(calendar_name="x"))
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CONFIRMED" and str(event["TRANSP"]) == "OPAQUE"
    assert "Status: Done (argued)" in str(event["DESCRIPTION"])
    assert not event.walk("VALARM")


def test_the_file_is_written_whole_in_binary_or_not_at_all(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    target = tmp_path / "cal.ics"
    write_bytes_atomically(target, b"A\r\nB\r\n")
    assert target.read_bytes() == b"A\r\nB\r\n"

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_bytes_atomically(target, b"NEW")
    assert target.read_bytes() == b"A\r\nB\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.ics"]
    with pytest.raises(EnvironmentFault, match="does not exist"):
        write_bytes_atomically(tmp_path / "missing" / "cal.ics", b"x")
    with pytest.raises(EnvironmentFault, match="is a folder"):
        write_bytes_atomically(tmp_path, b"x")


def _whole_calendar(rows: list[EventRow], options: IcsOptions) -> bytes:
    """The calendar serialised in one piece, as render_calendar did before it reported progress."""
    calendar = icalendar.Calendar.new(name=options.calendar_name, prodid=ics.PRODID)
    del calendar["UID"]
    for row in sorted(rows, key=ics._order):
        calendar.add_component(ics._event(row, options))
    data: bytes = calendar.to_ical()
    return data


def test_progress_counts_up_to_the_total_and_the_bytes_do_not_change(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics, "PROGRESS_STEP", 2)
    rows = [_row(uid=f"{n}@casedesk", title=f"Hearing {n}", notes="ü" * 90 * n,
                 day=date(2026, 3, 9 + n)) for n in range(5)]
    seen: list[tuple[int, int]] = []
    for minimal in (False, True):
        options = IcsOptions(calendar_name="Court dates – Hale & Ortiz", minimal=minimal)
        seen.clear()
        data = render_calendar(rows, options, progress=lambda d, t: seen.append((d, t)) or True)
        assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
        assert data == render_calendar(rows, options) == _whole_calendar(rows, options)
    seen.clear()
    empty = render_calendar([], IcsOptions(calendar_name="x"),
                            progress=lambda d, t: seen.append((d, t)) or True)
    assert seen == [(0, 0)]
    assert empty == _whole_calendar([], IcsOptions(calendar_name="x"))


def test_a_cancelled_export_raises_and_writes_no_file(desk, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _practice, reader, _ids = desk
    monkeypatch.setattr(ics, "PROGRESS_STEP", 2)
    seen: list[tuple[int, int]] = []

    def stop_at_two(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    target = tmp_path / "out" / "cal.ics"
    target.parent.mkdir()
    with pytest.raises(Cancelled, match=r"^Cancelled; nothing was written\.$") as caught:
        # the GUI's path (ui/calendar_files.write_calendar): render, then write the file
        exported = ics_io.export_calendar(reader, progress=stop_at_two)
        write_bytes_atomically(target, exported.data)
    assert isinstance(caught.value, CasedeskError) and caught.value.code == "cancelled"
    assert seen == [(0, 5), (2, 5)]  # it stopped at the first "no"
    assert list(target.parent.iterdir()) == []
