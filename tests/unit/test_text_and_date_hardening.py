"""Text and dates every service (and the command line) takes, as a careless user or an attacker
gives them: NUL and other control characters and lone surrogates are refused naming the field
and the position (PostgreSQL would otherwise fail with a DataError), a line break pasted from
Word is tidied, tabs and line breaks of multi-line text are kept; dates are YYYY-MM-DD only,
not the other forms Python 3.11 reads ("20260301", "2026-W10-1")."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from casedesk import cli
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import Case, Contact, Note
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import budget_settings, cases, contacts, firm, notes, tasks
from casedesk.services.common import optional_text, parse_date, required_text
from casedesk.services.entry_common import free_text, name_text

NOT_TEXT = ["\x00", "\x01", "\x07", "\x08", "\x0e", "\x1b", "\x1f", "\x7f", "\ud800", "\udfff"]


def refused(practice: Practice, fn: Any, **kw: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        practice.write(fn, **kw)
    return caught.value


def case_titles(practice: Practice) -> list[str]:
    return practice.read(lambda s: sorted(c.title for c in s.exec(select(Case))))


def title_and_description(practice: Practice, case_id: uuid.UUID) -> tuple[str, str]:
    def read(session: Any) -> tuple[str, str]:
        case = session.get(Case, case_id)
        return case.title, case.description

    return practice.read(read)


# -- the helpers ----------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", NOT_TEXT)
def test_required_text_refuses_what_is_not_text_naming_field_and_position(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        required_text(f"  Smith{bad} v. Jones", "title", "Title")
    assert caught.value.field == "title"
    assert caught.value.message == (f"Title contains a character that is not text "
                                    f"(U+{ord(bad):04X}, at position 6); remove it.")


@pytest.mark.parametrize("bad", NOT_TEXT)
def test_optional_text_refuses_what_is_not_text(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        optional_text(f"line one\nline{bad}.", field="notes", label="Notes")
    assert caught.value.field == "notes"
    assert f"(U+{ord(bad):04X}, at position 14)" in caught.value.message
    with pytest.raises(InvalidInput) as caught:  # no field given: refused all the same
        optional_text(f"x{bad}x")
    assert caught.value.field is None and "at position 2" in caught.value.message


def test_tabs_and_line_breaks_stay_in_multi_line_text() -> None:
    text = "Dear client,\r\n\tfirst point\n\tsecond point\rend"
    assert optional_text(f"  {text}\n") == text
    assert required_text(text, "text", "The note", max_len=1000) == text
    # Word's manual line break (vertical tab) and a form feed: a newline in multi-line text,
    # a space on one line (a note can ask for newlines).
    assert optional_text("Smith\x0bJones\x0cpage 2") == "Smith\nJones\npage 2"
    assert required_text("Müller\x0bpasted\x0c", "title", "Title") == "Müller pasted"
    assert required_text("a\x0bb", "text", "The note", multiline=True) == "a\nb"
    # Text that is only odd: accents, CJK, emoji, non-breaking and C1-range letters decoded
    # from Latin-1 mail are text.
    odd = "株式会社 Zoë 😀 \xa0 \x93quoted\x94"
    assert optional_text(odd) == odd.strip() and required_text(odd, "t", "T") == odd.strip()


def test_the_entries_names_keep_their_stricter_rule() -> None:
    # Names and entry texts (budgets, time, expenses) also refuse C1 controls and stray CRs:
    # the one check, shared, with the same message.
    with pytest.raises(InvalidInput) as caught:
        name_text("Trial\x9b", field="phase", label="Phase")
    assert caught.value.message == ("Phase contains a character that is not text (U+009B, at "
                                    "position 6); remove it.")
    assert free_text("a\r\nb\x0bc", field="d", label="D", max_len=50) == "a\nb\nc"
    with pytest.raises(InvalidInput, match=r"U\+0000, at position 3"):
        free_text("ab\x00", field="d", label="D", max_len=50)


# -- through the services -------------------------------------------------------------------------
def test_a_case_with_a_nul_in_its_title_is_refused_and_nothing_is_written(
        practice: Practice) -> None:
    error = refused(practice, cases.create_case, number="2026-CV-0001",
                    title="Smith v. Jones\x00")
    assert (error.field, "U+0000, at position 15" in error.message) == ("title", True)
    error = refused(practice, cases.create_case, number="2026-CV-\x1b[31m", title="Smith")
    assert error.field == "number"
    error = refused(practice, cases.create_case, number="2026-CV-0001", title="Smith",
                    description="half a surrogate \ud83d")
    assert "U+D83D" in error.message
    assert case_titles(practice) == []
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0001",
                                 title="Smith v. Jones\x0bpasted from Word",
                                 description="Facts:\r\n\t1. pasted\x0cfrom Word")
    assert title_and_description(practice, case_id) == (
        "Smith v. Jones pasted from Word", "Facts:\r\n\t1. pasted\nfrom Word")


def test_contacts_tasks_and_notes_refuse_a_nul(practice: Practice) -> None:
    assert refused(practice, contacts.create_contact, name="Jo\x00 Lee").field == "name"
    error = refused(practice, contacts.create_contact, name="Jo Lee", notes="call \x07back")
    assert "U+0007, at position 6" in error.message
    assert practice.read(lambda s: s.exec(select(Contact)).all()) == []
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0002", title="Case")
    assert refused(practice, tasks.add_task, case_id=case_id, title="Call\x00").field == "title"
    assert refused(practice, notes.add_note, case_id=case_id, text="a\x00b").field == "text"
    practice.write(notes.add_note, case_id=case_id, text="line 1\r\n\tline 2")
    assert practice.read(lambda s: [n.text for n in s.exec(select(Note))]) == [
        "line 1\r\n\tline 2"]


def test_budget_settings_names_refuse_control_characters(practice: Practice) -> None:
    practice.write(firm.save_firm, name="Hale LLP", address="", phone="", email="",
                   time_zone="America/New_York")
    settings = {"phases": ["Discovery", "Trial"], "expense_categories": ["Travel"],
                "activities": ["Research"], "warning_percent": 80, "over_percent": 100}
    for key, bad in (("phases", "Tri\x00al"), ("expense_categories", "Esc\x1b[31m"),
                     ("activities", "c1\x9b"), ("phases", "\ud800")):
        values = dict(settings)
        values[key] = [*settings[key], bad]  # type: ignore[misc]
        error = refused(practice, budget_settings.save_settings, **values)
        assert error.field == key and "is not text" in error.message, error.message
        assert "remove it" in error.message
    practice.write(budget_settings.save_settings, **settings)
    assert practice.read(budget_settings.get_settings).phases == ("Discovery", "Trial")


@pytest.mark.postgres
def test_nul_in_a_case_title_on_postgresql_is_invalid_input_not_a_data_error(
        pg_url: str, tmp_path: Path) -> None:
    with Practice(resolve(tmp_path / "desk", pg_url)) as server:
        error = refused(server, cases.create_case, number="2026-CV-0001", title="Smith\x00")
        assert error.field == "title" and "U+0000, at position 6" in error.message
        assert refused(server, cases.create_case, number="2026-CV-0001", title="Smith",
                       judge="Hon.\x00").field == "judge"
        assert refused(server, contacts.create_contact, name="Lee",
                       notes="\ud800").field == "notes"
        _c, case_id = server.write(cases.create_case, number="2026-CV-0001",
                                   title="Smith\x0bv. Jones", description="a\r\n\tb\x0cc")
        assert title_and_description(server, case_id) == ("Smith v. Jones", "a\r\n\tb\nc")
        assert case_titles(server) == ["Smith v. Jones"]


# -- dates ----------------------------------------------------------------------------------------
ODD_DATES = ["20260301", "2026-W10-1", "2026W101", "2026-060", "\uff12\uff10\uff12\uff16-03-01",
             "2026-3-1", "2026-03-01T00:00", "01/03/2026"]


@pytest.mark.parametrize("typed", ODD_DATES)
def test_parse_date_takes_yyyy_mm_dd_only(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(typed, "due_on")
    assert caught.value.field == "due_on"
    assert caught.value.message == f"{typed!r} is not a date (use YYYY-MM-DD)."


def test_parse_date_still_takes_what_it_should() -> None:
    assert parse_date(" 2026-03-01 ", "d") == date(2026, 3, 1)
    assert parse_date(date(2026, 3, 1), "d") == date(2026, 3, 1)
    assert parse_date("", "d") is None and parse_date(None, "d") is None
    with pytest.raises(InvalidInput):
        parse_date("2026-02-30", "d")


def test_a_task_due_20260301_is_refused(practice: Practice) -> None:
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0003", title="Case")
    error = refused(practice, tasks.add_task, case_id=case_id, title="Call",
                    due_on="20260301")
    assert error.field == "due_on"
    assert refused(practice, tasks.add_task, case_id=case_id, title="Call",
                   due_on="2026-W10-1").field == "due_on"
    assert title_and_description(practice, case_id) == ("Case", "")


def cli_refuses(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The command line exits 2 (argparse's usage error or casedesk's own) with a message."""
    try:
        code = cli.main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    _out, err = capsys.readouterr()
    assert code == 2, err
    return err


@pytest.mark.parametrize("typed", ["20260301", "2026-W10-1"])
def test_the_commands_date_options_take_yyyy_mm_dd_only(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, typed: str) -> None:
    data = str(tmp_path / "nowhere")
    out = str(tmp_path / "out.ics")
    for argv in (("ics", "-o", out, "--from", typed), ("ics", "-o", out, "--to", typed),
                 ("letter", "X", "--case", "1", "--date", typed, "-o", out),
                 ("filing", "status", "F", "--case", "1", "--set", "ready", "--date", typed),
                 ("report", "hours", "--from", typed, "-o", out)):
        err = cli_refuses(capsys, "--data-dir", data, *argv)
        assert f"{typed!r} is not a date (use YYYY-MM-DD)" in err, (argv, err)
    err = cli_refuses(capsys, "--data-dir", data, "demo", "--today", typed)
    assert err == f"casedesk: error: {typed!r} is not a date (use YYYY-MM-DD).\n"
    assert not (tmp_path / "nowhere").exists() and not (tmp_path / "out.ics").exists()


@pytest.mark.parametrize(("typed", "hours"), [
    ("20260306", False), ("2026-W10-5", False), ("\uff12\uff10\uff12\uff16-03-06", False),
    ("20260306T1700", True), ("2026-W10-5T17:00", True), ("2026-03-06T17", True),
    ("2026-03-06T1700", True), ("2026-065T17:00", True)])
def test_deadline_takes_iso_dates_and_times_only(capsys: pytest.CaptureFixture[str],
                                                 typed: str, hours: bool) -> None:
    period = ("--hours", "48") if hours else ("--days", "3")
    err = cli_refuses(capsys, "deadline", "--from", typed, *period)
    assert err.startswith(f"casedesk: error: --from {typed!r} is not a date"), err


@pytest.mark.parametrize(("typed", "due"), [
    ("2026-03-06T17:00", "2026-03-09T17:00"), ("2026-03-06 17:00", "2026-03-09T17:00"),
    ("2026-03-06T17:00:00-08:00", "2026-03-09T17:00-08:00"),
    ("2026-03-06T17:00Z", "2026-03-09T17:00+00:00"),
    ("2026-03-06T17:00+0100", "2026-03-09T17:00+01:00")])
def test_deadline_still_takes_a_moment_as_written(capsys: pytest.CaptureFixture[str],
                                                  typed: str, due: str) -> None:
    assert cli.main(["deadline", "--from", typed, "--hours", "48"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"{due}\n", "")
