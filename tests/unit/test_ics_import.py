""".ics import into a case on every backend: round trip, UID matching, zones, refusals."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from casedesk.domain.enums import EventKind, EventStatus
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import Event
from casedesk.domain.rows import EventRow
from casedesk.export.ics_parse import MAX_ICS_BYTES, kind_from_categories, parse_ics
from casedesk.export.interchange import InvalidDocument
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, event_list, events, firm, ics_io, staff
from casedesk.services.ics_io import IcsImportResult
from tests.unit.list_backends import BACKENDS, open_desk
from tests.unit.test_ics_export import add, build_practice

EVERYTHING = (date(1900, 1, 1), date(2999, 12, 31))


def ics(*vevents: str, extra: str = "") -> bytes:
    """A calendar file around VEVENT bodies (lines joined with CRLF)."""
    body = "".join(f"BEGIN:VEVENT\r\n{v.strip()}\r\nEND:VEVENT\r\n" for v in vevents)
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Court//EN\r\n{extra}{body}"
            "END:VCALENDAR\r\n").encode()


def vevent(uid: str, *lines: str) -> str:
    return "\r\n".join((f"UID:{uid}", "DTSTAMP:20260101T000000Z", *lines))


@pytest.fixture(params=BACKENDS)
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Practice, Reader, dict[str, uuid.UUID]]]:
    """An empty-calendar practice: a Chicago court case, and one with no court zone."""
    with open_desk(request.param, tmp_path_factory.mktemp("desk")) as (practice, reader):
        ids = {"alice": uuid.uuid4()}
        practice.write(firm.save_firm, name="Vance Legal", time_zone="America/New_York")
        practice.write(staff.add_staff, name="Alice Attorney", role="attorney",
                       staff_id=ids["alice"])
        _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                         title="Smith v. Acme",
                                         court_time_zone="America/Chicago")
        _c, ids["other"] = practice.write(cases.create_case, number="2026-CV-0077",
                                          title="Doe v. Roe")
        yield practice, reader, ids


def run_import(practice: Practice, case_id: uuid.UUID, data: bytes, **kw: object
               ) -> IcsImportResult:
    _changes, result = practice.write(ics_io.import_ics, case_id=case_id, data=data, **kw)
    assert isinstance(result, IcsImportResult)
    return result


def all_events(reader: Reader) -> dict[str, EventRow]:
    return {r.uid: r for r in event_list.events_between(reader, *EVERYTHING)}


def test_round_trip_into_another_practice_keeps_dates_times_and_uids(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, desk) -> None:
    target, target_reader, ids = desk
    backend = request.node.callspec.params["desk"]
    with open_desk(backend, tmp_path_factory.mktemp("source")) as (source, source_reader):
        build_practice(source)
        exported = ics_io.export_calendar(source_reader, case_numbers=["2026-CV-0001"])
        originals = {r.uid: r for r in event_list.events_between(source_reader, *EVERYTHING)
                     if r.case_number == "2026-CV-0001"}
    result = run_import(target, ids["case"], exported.data)
    assert (result.count("create"), result.count("update"), result.count("skip")) == (3, 0, 0)
    imported = all_events(target_reader)
    assert set(imported) == set(originals)
    for uid, original in originals.items():
        copy = imported[uid]
        assert (copy.all_day, copy.on_date, copy.starts_at, copy.ends_at) == (
            original.all_day, original.on_date, original.starts_at, original.ends_at)
        assert copy.kind is original.kind and copy.title == original.title
        assert copy.case_number == "2026-CV-0001" and copy.location == original.location
        assert copy.time_zone == "America/Chicago"  # UTC in the file: the case's zone
        assert copy.sequence == 0
    vacated = next(u for u, r in originals.items() if r.status is EventStatus.VACATED)
    assert imported[vacated].status is EventStatus.VACATED
    answer = next(r for r in imported.values() if r.kind is EventKind.FILING_DEADLINE)
    assert answer.reminders_minutes_before == (7 * 1440,)  # the one VALARM that was exported
    assert "Rule: Fed. R. Civ. P. 12(a)(1)(A)(i)" in answer.notes
    # importing the same file again changes nothing
    again = run_import(target, ids["case"], exported.data)
    assert again.count("unchanged") == 3 and again.count("create") == 0
    assert all_events(target_reader) == imported


@pytest.mark.parametrize("minimal", [False, True])
def test_our_own_export_imported_back_changes_nothing(request: pytest.FixtureRequest,
                                                      tmp_path_factory: pytest.TempPathFactory,
                                                      minimal: bool) -> None:
    """A casedesk file is a lossy rendering (one alarm, notes in DESCRIPTION, minimal titles):
    importing it back must not overwrite what casedesk knows."""
    with open_desk("sqlite", tmp_path_factory.mktemp("own")) as (practice, reader):
        ids = build_practice(practice)
        with practice.transaction() as session:  # the hearing's own zone is not the court's
            hearing = session.get(Event, ids["hearing"])
            assert hearing is not None
            events.update_event(session, event_id=hearing.id, data=events.event_input(
                session, hearing, time_zone="America/Denver"))
        before = all_events(reader)
        data = ics_io.export_calendar(reader, minimal=minimal).data
        changes, result = practice.write(ics_io.import_ics, case_id=ids["case"], data=data)
        assert not changes.any()
        assert [line.action for line in result.lines].count("unchanged") == 3
        assert sorted(line.note for line in result.lines if line.action == "skip") == [
            "this UID is a firm-wide event in casedesk, not one of this case",
            "this event belongs to case 2026-CV-0002; import the file into that case"]
        assert all_events(reader) == before
        assert before[f"{ids['answer']}@casedesk"].reminders_minutes_before == (10080, 1440)


def test_a_corrected_file_updates_by_uid_instead_of_duplicating(desk) -> None:
    practice, reader, ids = desk
    first = ics(vevent("court-17@ilnd.uscourts.gov", "SUMMARY:Reply brief due",
                       "DTSTART;VALUE=DATE:20260803", "DTEND;VALUE=DATE:20260804"))
    result = run_import(practice, ids["case"], first)
    assert [line.action for line in result.lines] == ["create"]
    row = all_events(reader)["court-17@ilnd.uscourts.gov"]
    assert (row.kind, row.on_date, row.title) == (EventKind.FILING_DEADLINE, date(2026, 8, 3),
                                                  "Reply brief due")
    assert row.reminders_minutes_before == events.DEFAULT_REMINDERS[EventKind.FILING_DEADLINE]
    corrected = ics(vevent("court-17@ilnd.uscourts.gov", "SUMMARY:Reply brief due (extended)",
                           "SEQUENCE:1", "DTSTART;VALUE=DATE:20260810"))
    changes, dry = practice.write(ics_io.import_ics, case_id=ids["case"], data=corrected,
                                  dry_run=True)
    assert not changes.any() and dry.report() == [
        "would update: Mon 10 Aug 2026 (all day) · Reply brief due (extended) "
        "[court-17@ilnd.uscourts.gov]"]
    assert all_events(reader) == {row.uid: row}  # the dry run was rolled back
    changes, result = practice.write(ics_io.import_ics, case_id=ids["case"], data=corrected)
    assert changes.events and changes.reminders and changes.cases
    assert [line.action for line in result.lines] == ["update"]
    assert result.lines[0].text(False) == ("updated: Mon 10 Aug 2026 (all day) · Reply brief due "
                                           "(extended) [court-17@ilnd.uscourts.gov]")
    rows = all_events(reader)
    assert len(rows) == 1
    updated = rows["court-17@ilnd.uscourts.gov"]
    assert updated.on_date == date(2026, 8, 10) and updated.sequence == 1
    assert updated.id == row.id
    assert updated.reminders_minutes_before == row.reminders_minutes_before  # kept
    # the court cancels it
    cancelled = ics(vevent("court-17@ilnd.uscourts.gov", "SUMMARY:CANCELLED: Reply brief due",
                           "STATUS:CANCELLED", "DTSTART;VALUE=DATE:20260810"))
    run_import(practice, ids["case"], cancelled)
    gone = all_events(reader)["court-17@ilnd.uscourts.gov"]
    assert gone.status is EventStatus.VACATED and gone.title == "Reply brief due"


def test_zones_tzid_utc_and_floating_times(desk) -> None:
    practice, reader, ids = desk
    data = ics(
        vevent("a", "SUMMARY:Chicago", "DTSTART;TZID=America/Chicago:20260309T093000",
               "DTEND;TZID=America/Chicago:20260309T103000"),
        vevent("b", "SUMMARY:Denver", "DTSTART;TZID=America/Denver:20260115T090000"),
        vevent("c", "SUMMARY:UTC", "DTSTART:20260115T150000Z", "DURATION:PT2H"),
        vevent("d", "SUMMARY:Floating", "DTSTART:20260115T090000",
               "DTEND:20260115T093000"))
    run_import(practice, ids["case"], data)
    rows = all_events(reader)
    assert (rows["a"].starts_at, rows["a"].ends_at, rows["a"].time_zone) == (
        datetime(2026, 3, 9, 14, 30, tzinfo=UTC), datetime(2026, 3, 9, 15, 30, tzinfo=UTC),
        "America/Chicago")
    assert rows["a"].kind is EventKind.HEARING  # timed, no category: the default
    assert rows["b"].starts_at == datetime(2026, 1, 15, 16, tzinfo=UTC)
    assert rows["b"].time_zone == "America/Denver"
    assert rows["b"].ends_at == datetime(2026, 1, 15, 17, tzinfo=UTC)  # no end: one hour
    assert rows["c"].time_zone == "America/Chicago"  # the case's court zone
    assert rows["c"].ends_at == datetime(2026, 1, 15, 17, tzinfo=UTC)
    # a floating time is wall-clock time in the court's zone (CST, UTC-6)...
    assert rows["d"].starts_at == datetime(2026, 1, 15, 15, tzinfo=UTC)
    # ...or the firm's when the case has no court zone (EST, UTC-5)
    run_import(practice, ids["other"], ics(vevent("e", "SUMMARY:Floating",
                                                  "DTSTART:20260115T090000")))
    assert all_events(reader)["e"].starts_at == datetime(2026, 1, 15, 14, tzinfo=UTC)
    assert all_events(reader)["e"].time_zone == "America/New_York"


def test_windows_zone_with_vtimezone_and_unknown_zone(desk) -> None:
    practice, reader, ids = desk
    vtimezone = ("BEGIN:VTIMEZONE\r\nTZID:Central Standard Time\r\nBEGIN:STANDARD\r\n"
                 "DTSTART:16011104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n"
                 "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n"
                 "DTSTART:16010311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n"
                 "TZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")
    run_import(practice, ids["case"], ics(vevent(
        "w", "SUMMARY:Outlook", "DTSTART;TZID=Central Standard Time:20260710T090000"),
        extra=vtimezone))
    assert all_events(reader)["w"].starts_at == datetime(2026, 7, 10, 14, tzinfo=UTC)
    assert all_events(reader)["w"].time_zone == "America/Chicago"  # icalendar maps the name
    with pytest.raises(InvalidDocument, match="Mars/Olympus"):
        run_import(practice, ids["case"], ics(vevent(
            "m", "SUMMARY:Nowhere", "DTSTART;TZID=Mars/Olympus:20260710T090000")))
    assert set(all_events(reader)) == {"w"}


def test_kinds_alarms_and_repeating_events(desk) -> None:
    practice, reader, ids = desk
    data = ics(
        vevent("k1", "SUMMARY:Depo", "CATEGORIES:Work,Deposition", "DTSTART:20260301T150000Z",
               "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER:-PT30M",
               "END:VALARM", "BEGIN:VALARM", "ACTION:AUDIO",
               "TRIGGER;VALUE=DATE-TIME:20260301T130000Z", "END:VALARM", "BEGIN:VALARM",
               "ACTION:DISPLAY", "DESCRIPTION:late", "TRIGGER:PT5M", "END:VALARM"),
        vevent("k2", "SUMMARY:Day off for trial prep", "DTSTART;VALUE=DATE:20260302"),
        vevent("k3", "SUMMARY:Weekly status", "DTSTART:20260303T150000Z",
               "RRULE:FREQ=WEEKLY;COUNT=4"),
        vevent("k4", "SUMMARY:Three-day trial", "CATEGORIES:TRIAL",
               "DTSTART;VALUE=DATE:20260310", "DTEND;VALUE=DATE:20260313"),
        extra="BEGIN:VTODO\r\nUID:t\r\nSUMMARY:todo\r\nEND:VTODO\r\n")
    result = run_import(practice, ids["case"], data, default_kind="internal_deadline")
    rows = all_events(reader)
    assert rows["k1"].kind is EventKind.DEPOSITION
    assert rows["k1"].reminders_minutes_before == (30, 120)  # the late alarm was dropped
    assert rows["k2"].kind is EventKind.INTERNAL_DEADLINE  # the caller's default
    assert rows["k4"].kind is EventKind.TRIAL and rows["k4"].all_day
    assert rows["k4"].on_date == date(2026, 3, 10)
    assert "k3" not in rows
    report = result.report()
    assert ("skipped: Weekly status [k3] (repeats (RRULE); casedesk does not expand repeating "
            "events: enter its dates one by one)") in report
    assert any("[k4] (spans 3 days in the file; imported on its first day)" in line
               for line in report)
    assert any("[k1] (an alarm that is not before the start was left out)" in line
               for line in report)
    assert "ignored: 1 to-dos (VTODO)" in report
    assert result.summary() == ("imported into 2026-CV-0001: 3 new, 0 updated, 0 unchanged, "
                                "1 skipped")


def test_a_file_with_any_bad_event_is_refused_whole_with_each_problem(desk) -> None:
    practice, reader, ids = desk
    data = ics(
        vevent("good", "SUMMARY:Fine", "DTSTART;VALUE=DATE:20260301"),
        vevent("nostart", "SUMMARY:No start"),
        "SUMMARY:No uid\r\nDTSTART;VALUE=DATE:20260302",
        vevent("mixed", "SUMMARY:Mixed", "DTSTART:20260301T090000Z",
               "DTEND;VALUE=DATE:20260302"),
        vevent("broken", "SUMMARY:Broken", "DTSTART:2026030"),
        vevent("good", "SUMMARY:Twice", "DTSTART;VALUE=DATE:20260303"),
        vevent("back", "SUMMARY:Backwards", "DTSTART:20260301T100000Z",
               "DTEND:20260301T090000Z"))
    with pytest.raises(InvalidDocument) as caught:
        run_import(practice, ids["case"], data)
    problems = [str(p) for p in caught.value.problems]
    assert problems == [
        "event 2 (UID nostart) 'No start': DTSTART is missing",
        "event 3 'No uid': UID is missing (without it a corrected file could not update the "
        "event)",
        "event 4 (UID mixed) 'Mixed': DTSTART is a date and time but DTEND is a date",
        "event 5 (UID broken) 'Broken': DTSTART: Expected time, got: 2026030",
        "event 6 (UID good) 'Twice': the same UID appears more than once in the file",
        "event 7 (UID back) 'Backwards': the event ends before it starts",
    ]
    assert str(caught.value).startswith("6 problems in the file; nothing was imported:")
    assert all_events(reader) == {}


def test_what_the_services_refuse_is_named_too_and_nothing_is_written(desk) -> None:
    practice, reader, ids = desk
    data = ics(vevent("r", "SUMMARY:Series", "DTSTART:20260301T150000Z", "RRULE:FREQ=DAILY"),
               vevent("ok", "SUMMARY:Fine", "DTSTART;VALUE=DATE:20260301"),
               vevent("long", "SUMMARY:Long trial", "DTSTART:20260301T150000Z",
                      "DTEND:20260601T150000Z"))
    with pytest.raises(InvalidDocument) as caught:
        run_import(practice, ids["case"], data)
    assert [str(p) for p in caught.value.problems] == [
        "event 3 (UID long) 'Long trial': An event can last at most 62 days; enter a longer "
        "trial as one event per week."]
    assert all_events(reader) == {}


@pytest.mark.parametrize(("data", "message"), [
    (b"", "no complete calendar"),
    (b"hello world\r\n", "not a valid calendar"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n", "no complete calendar"),
    (b"BEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n", "VEVENT outside a VCALENDAR"),
    ("BEGIN:VCALENDAR\r\nSUMMARY:Caf\u00e9\r\nEND:VCALENDAR\r\n".encode("latin-1"),
     "not UTF-8"),
    (b"x" * (MAX_ICS_BYTES + 1), "larger than 10 MB"),
])
def test_files_that_are_not_calendars_are_refused_plainly(data: bytes, message: str) -> None:
    with pytest.raises(InvalidDocument, match=message) as caught:
        parse_ics(data)
    assert "nothing was imported" in str(caught.value)


def test_double_bookings_are_booked_and_reported(desk) -> None:
    practice, reader, ids = desk
    add(practice, kind="hearing", title="Status hearing", case_id=ids["other"],
        starts_at=datetime(2026, 3, 9, 9), location="Courtroom 2141",
        time_zone="America/Chicago")
    data = ics(vevent("c1", "SUMMARY:Motion", "LOCATION:Courtroom 2141",
                      "DTSTART;TZID=America/Chicago:20260309T093000"))
    _changes, dry = practice.write(ics_io.import_ics, case_id=ids["case"], data=data,
                                   dry_run=True)
    assert dry.clashes == ("Motion: Courtroom 2141 is booked for 2026-CV-0077 'Status hearing',"
                           " Mon 9 Mar 2026 09:00-10:00 CDT",)
    assert not _changes.any() and "c1" not in all_events(reader)
    assert dry.summary().endswith("1 double-booking(s); nothing was saved")
    assert dry.report()[0].startswith("would create: Mon 9 Mar 2026 09:30 CDT · Motion [c1]")
    result = run_import(practice, ids["case"], data)
    assert result.clashes == dry.clashes and "c1" in all_events(reader)


def test_events_of_other_cases_and_deleted_ones_are_skipped(desk) -> None:
    practice, reader, ids = desk
    theirs = add(practice, kind="hearing", title="Theirs", case_id=ids["other"],
                 starts_at=datetime(2026, 3, 9, 9))
    deleted = add(practice, kind="hearing", title="Deleted", case_id=ids["case"],
                  starts_at=datetime(2026, 3, 10, 9))
    practice.write(events.delete_event, event_id=deleted)
    data = ics(vevent(f"{theirs}@casedesk", "SUMMARY:Moved", "DTSTART:20260401T150000Z"),
               vevent(f"{deleted}@casedesk", "SUMMARY:Back?", "DTSTART:20260401T150000Z"))
    result = run_import(practice, ids["case"], data)
    assert [(line.action, line.note) for line in result.lines] == [
        ("skip", "this event belongs to case 2026-CV-0077; import the file into that case"),
        ("skip", "this event was deleted in casedesk; it is not brought back")]
    assert [r.title for r in all_events(reader).values()] == ["Theirs"]


def test_closed_cases_and_bad_kinds_are_refused(desk) -> None:
    practice, reader, ids = desk
    data = ics(vevent("x", "SUMMARY:x", "DTSTART;VALUE=DATE:20260301"))
    with pytest.raises(InvalidInput, match="'party' is not an event kind"):
        run_import(practice, ids["case"], data, default_kind="party")
    practice.write(cases.close_case, case_id=ids["other"])
    with pytest.raises(RuleViolation, match="2026-CV-0077 is closed"):
        run_import(practice, ids["other"], data)
    assert all_events(reader) == {}


def test_categories_match_our_kinds_by_value_or_label() -> None:
    assert kind_from_categories(["Court", "filing_deadline"]) is EventKind.FILING_DEADLINE
    assert kind_from_categories(["Statute  of limitations"]) is \
        EventKind.STATUTE_OF_LIMITATIONS
    assert kind_from_categories(["HEARING"]) is EventKind.HEARING
    assert kind_from_categories(["Court", "Party"]) is None


def test_another_casedesks_case_number_is_not_kept_in_titles(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, desk) -> None:
    target, target_reader, ids = desk
    backend = request.node.callspec.params["desk"]
    with open_desk(backend, tmp_path_factory.mktemp("source")) as (source, source_reader):
        build_practice(source)
        exported = ics_io.export_calendar(source_reader, case_numbers=["2026-CV-0001"])
        titles = {r.uid: r.title for r in event_list.events_between(source_reader, *EVERYTHING)
                  if r.case_number == "2026-CV-0001"}
    assert b"SUMMARY:2026-CV-0001 \xc2\xb7 " in exported.data
    run_import(target, ids["other"], exported.data)  # here the case is 2026-CV-0077
    imported = all_events(target_reader)
    assert {uid: imported[uid].title for uid in titles} == titles
    # A court's own file keeps its titles as they are, separators and all.
    court = ics(vevent("c-1@court.example", "DTSTART;VALUE=DATE:20260706",
                       "SUMMARY:Dept. 4 · Case management conference"))
    run_import(target, ids["other"], court)
    assert all_events(target_reader)["c-1@court.example"].title == \
        "Dept. 4 · Case management conference"
