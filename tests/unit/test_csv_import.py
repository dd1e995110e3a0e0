"""Spreadsheet import: header names, Excel's encodings and delimiters, row problems, atomicity."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from casedesk.domain.enums import CaseStatus, ContactKind, PartyRole
from casedesk.domain.errors import RuleViolation
from casedesk.domain.rows import CaseDetail
from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, csv_cases, staff
from casedesk.services.csv_import import CONTACT_COLUMNS, CsvProblems, CsvReport, import_csv
from casedesk.services.csv_sheet import header_key, read_sheet
from casedesk.services.csv_values import infer_date_order, parse_date


def run(practice: Practice, kind: str, body: str, *, encoding: str = "utf-8",
        date_order: str | None = None) -> CsvReport:
    _changes, report = practice.write(import_csv, data=body.encode(encoding), kind=kind,
                                      date_order=date_order)
    return report


def problems_of(practice: Practice, kind: str, body: str, **kw: Any) -> list[str]:
    with pytest.raises(CsvProblems) as caught:
        run(practice, kind, body, **kw)
    assert caught.value.message.splitlines()[0].endswith("nothing was imported:")
    return [str(p) for p in caught.value.report.problems]


def detail_of(practice: Practice, number: str) -> CaseDetail:
    return practice.read(
        lambda session: cases.get_case_detail(session, cases.find_case_by_number(session,
                                                                                 number).id))


def count(practice: Practice, table: str) -> int:
    with practice.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def test_contacts_by_header_synonyms_with_bom_and_semicolons(practice: Practice) -> None:
    body = ("\ufeffFull name;E-mail;Telephone;Type;Company;Aliases;Fax\n"
            "Jane Roe;jane@roe.com;555-1234;Individual;Roe LLC;Janie; J. Roe;x\n"
            "Acme Corporation;info@acme.com;;company;;;\n")
    # "Janie; J. Roe" is split by the delimiter here; quote it in a ';' file:
    body = body.replace("Janie; J. Roe", '"Janie; J. Roe"')
    report = run(practice, "contacts", body)
    assert report.summary() == "imported contacts: 2 created, 0 updated, 0 skipped"
    assert any("'Fax'" in w and "ignored" in w for w in report.warnings)
    found = {c.name: c for c in practice.read(contacts.find_contacts, "")}
    jane = found["Jane Roe"]
    assert (jane.email, jane.phone, jane.organization, jane.kind) == (
        "jane@roe.com", "555-1234", "Roe LLC", ContactKind.PERSON)
    assert jane.aliases == ("Janie", "J. Roe")
    assert found["Acme Corporation"].kind is ContactKind.ORGANIZATION


def test_existing_contacts_are_skipped_never_merged(practice: Practice) -> None:
    practice.write(contacts.create_contact, name="John Smith", email="john@example.com")
    body = ("Name,Email\n"
            "john smith,JOHN@example.com\n"
            "John Smith,other@example.com\n"
            "Mary Major,mary@example.com\n"
            "Mary Major,mary@example.com\n")
    report = run(practice, "contacts", body)
    assert [str(a) for a in report.actions] == [
        "row 2: skip contact 'john smith' (already exists, skipped)",
        "row 3: create contact 'John Smith'",
        "row 4: create contact 'Mary Major'",
        "row 5: skip contact 'Mary Major' (same as row 4, skipped)"]
    assert any("row 3" in w and "already exists" in w for w in report.warnings)
    assert count(practice, "contacts") == 3


def test_missing_required_column_is_named_and_nothing_written(practice: Practice) -> None:
    problems = problems_of(practice, "contacts", "Email,Phone\na@b.c,1\n")
    assert problems == ["the required column 'Name' is missing (also accepted: 'full name', "
                        "'contact name', 'contact')"]
    assert count(practice, "contacts") == 0


def test_row_problems_are_listed_by_row_and_column(practice: Practice) -> None:
    body = ("Name,Kind\nGood Person,person\n,person\nBad Kind,alien\n")
    assert problems_of(practice, "contacts", body) == [
        "row 3, column 'Name': a name is required",
        "row 4, column 'Kind': 'alien' is not a contact kind (person, organization)"]
    assert count(practice, "contacts") == 0


def _staff_and_client(practice: Practice) -> None:
    practice.write(staff.add_staff, name="Ann Attorney", role="attorney")
    practice.write(contacts.create_contact, name="John Smith")


def test_cases_are_created_with_staff_and_clients_matched_by_name(practice: Practice) -> None:
    _staff_and_client(practice)
    body = ("Matter number,Title,Practice area,Opened on,Responsible attorney,Client,Court,"
            "Court time zone,Docket\n"
            "2026-CV-0001,Smith v. Acme,family,2026-01-05,ann attorney,JOHN SMITH,Superior,"
            "America/Chicago,CV-1\n"
            "2026-CV-0002,Jones v. Acme,,2026-01-06,,Mary Jones; john smith,,,\n"
            "2026-CV-0003,Jones estate,,2026-01-07,,mary jones,,,\n")
    report = run(practice, "cases", body)
    assert report.summary() == ("imported cases: 3 created, 0 updated, 0 unchanged, 0 skipped; "
                                "1 client contact created")
    detail = detail_of(practice, "2026-CV-0001")
    assert (detail.practice_area, detail.responsible, detail.court_time_zone,
            detail.docket_number, detail.opened_on, detail.status) == (
        "Family", "Ann Attorney", "America/Chicago", "CV-1", date(2026, 1, 5), CaseStatus.OPEN)
    assert [(p.name, p.role) for p in detail.parties] == [("John Smith", PartyRole.CLIENT)]
    with practice.engine.connect() as conn:
        names = conn.execute(text("SELECT client_names FROM cases WHERE number = "
                                  "'2026-CV-0002'")).scalar()
    assert names == "John Smith; Mary Jones"
    assert count(practice, "contacts") == 2  # Mary Jones created once, used twice


def test_cases_update_by_number_and_empty_cells_change_nothing(practice: Practice) -> None:
    _staff_and_client(practice)
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0001", title="Smith v. Acme",
                                 judge="Hon. Lee", opened_on=date(2026, 1, 5))
    body = ("Number,Title,Status,Judge,Client\n"
            "2026-CV-0001,,Pending,,John Smith\n")
    report = run(practice, "cases", body)
    assert [str(a) for a in report.actions] == [
        "row 2: update case 2026-CV-0001 'Smith v. Acme' (status, client 'John Smith')"]
    detail = practice.read(cases.get_case_detail, case_id)
    assert (detail.title, detail.judge, detail.status, detail.version) == (
        "Smith v. Acme", "Hon. Lee", CaseStatus.PENDING, 2)
    again = run(practice, "cases", body)
    assert [a.verb for a in again.actions] == ["unchanged"]
    assert practice.read(cases.get_case_detail, case_id).version == 2


def test_case_row_problems(practice: Practice) -> None:
    _staff_and_client(practice)
    body = ("Case number,Title,Opened,Status,Responsible,Court time zone\n"
            "2026-CV-0001,Fine,2026-01-05,open,Ann Attorney,\n"
            "2026-CV-0002,Bad date,31/02/2026,open,,\n"
            "2026-CV-0003,,2026-01-05,opne,Nobody,Mars/Olympus\n"
            "2026-CV-0001,Twice,,,,\n"
            ",No number,,,,\n")
    problems = problems_of(practice, "cases", body)
    assert problems == [
        "row 3, column 'Opened': '31/02/2026' is not a date",
        "row 4, column 'Title': a new case needs a title",
        "row 4, column 'Status': 'opne' is not a case status (intake, open, pending, closed)",
        "row 4, column 'Court time zone': 'Mars/Olympus' is not a time zone; use an IANA name "
        "such as America/New_York",
        "row 4, column 'Responsible': no staff member is named 'Nobody' (staff: Ann Attorney)",
        "row 5, column 'Case number': '2026-CV-0001' is also on row 2",
        "row 6, column 'Case number': a case number is required"]
    assert count(practice, "cases") == 0


def test_closed_cases_get_their_closing_date(practice: Practice) -> None:
    body = ("Number,Title,Opened,Closed on\n"
            "2020-CV-0001,Old one,2020-01-05,2020-06-30\n")
    run(practice, "cases", body)
    case = detail_of(practice, "2020-CV-0001")
    assert (case.status, case.closed_on) == (CaseStatus.CLOSED, date(2020, 6, 30))
    bad = "Number,Title,Opened,Closed on,Status\n2020-CV-0002,X,2020-01-05,2019-01-01,closed\n"
    assert problems_of(practice, "cases", bad) == [
        "row 2, column 'Closed on': the case closes (2019-01-01) before it opened (2020-01-05)"]
    mixed = "Number,Title,Closed on,Status\n2020-CV-0003,X,2020-01-05,open\n"
    assert "needs the status closed" in problems_of(practice, "cases", mixed)[0]


def test_ambiguous_dates_are_refused_unless_the_file_or_the_user_settles_them(
        practice: Practice) -> None:
    body = "Number,Title,Opened\n2026-CV-0001,A,03/04/2026\n"
    [problem] = problems_of(practice, "cases", body)
    assert "could be day/month or month/day" in problem
    run(practice, "cases", body, date_order="dmy")
    assert detail_of(practice, "2026-CV-0001").opened_on == date(2026, 4, 3)
    settled = "Number,Title,Opened\n2026-CV-0002,B,03/04/2026\n2026-CV-0003,C,25/12/2025\n"
    run(practice, "cases", settled)
    assert detail_of(practice, "2026-CV-0002").opened_on == date(2026, 4, 3)


def test_a_failure_on_the_last_row_leaves_nothing(practice: Practice,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real_add_party = csv_cases.add_party
    calls: list[int] = []

    def add_party(session: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise RuleViolation("The database said no.")
        return real_add_party(session, **kwargs)

    monkeypatch.setattr(csv_cases, "add_party", add_party)
    body = ("Number,Title,Client\n2026-CV-0001,A,Ann\n2026-CV-0002,B,Bob\n"
            "2026-CV-0003,C,Cy\n")
    problems = problems_of(practice, "cases", body)
    assert problems == ["row 4: The database said no."]
    assert (count(practice, "cases"), count(practice, "contacts"), count(practice, "parties"),
            count(practice, "activities")) == (0, 0, 0, 0)


def test_sheet_reading_details() -> None:
    assert header_key(" E-mail ") == header_key("e_mail") == "email"
    tabbed = read_sheet("Name\tEmail\nA\ta@x\n".encode("utf-16"), CONTACT_COLUMNS)
    assert tabbed.rows == [(2, {"name": "A", "email": "a@x"})]
    latin = read_sheet("Name\nJosé\n".encode("cp1252"), CONTACT_COLUMNS)
    assert latin.rows == [(2, {"name": "José"})]
    assert "Windows-1252" in latin.warnings[0]
    excel = read_sheet(b"sep=;\r\nName;Email\r\nA;a@x\r\n\r\n;\r\n", CONTACT_COLUMNS)
    assert excel.rows == [(2, {"name": "A", "email": "a@x"})]
    twice = read_sheet(b"Name,Full name\nA,B\n", CONTACT_COLUMNS)
    assert "both give the name" in str(twice.problems[0])
    extra = read_sheet(b"Name\nA,B\n", CONTACT_COLUMNS)
    assert str(extra.problems[0]) == "row 2: has 2 cells but the header names 1 columns"


@pytest.mark.parametrize(("value", "order", "expected"), [
    ("2026-01-05", None, date(2026, 1, 5)),
    ("2026/1/5", None, date(2026, 1, 5)),
    ("2026-01-05 00:00:00", None, date(2026, 1, 5)),
    ("25/12/2025", None, date(2025, 12, 25)),
    ("12/25/2025", None, date(2025, 12, 25)),
    ("05/05/2026", None, date(2026, 5, 5)),
    ("03/04/2026", "mdy", date(2026, 3, 4)),
    ("5 Jan 2026", None, date(2026, 1, 5)),
    ("January 5, 2026", None, date(2026, 1, 5)),
])
def test_date_forms(value: str, order: str | None, expected: date) -> None:
    assert parse_date(value, order) == expected


def test_date_order_inference() -> None:
    assert infer_date_order(["01/02/2026", "25/02/2026"]) == "dmy"
    assert infer_date_order(["02/25/2026"]) == "mdy"
    assert infer_date_order(["01/02/2026"]) is None
    assert infer_date_order(["25/02/2026", "02/25/2026"]) is None
    with pytest.raises(ValueError, match="'31/02/2026' is not a date"):
        parse_date("31/02/2026", "dmy")
