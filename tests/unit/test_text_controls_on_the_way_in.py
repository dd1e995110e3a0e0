"""Characters that are not text (a NUL, an escape) on the ways in that a person cannot fix by
retyping: a saved e-mail drops them; a practice file names where they are and imports nothing;
a note keeps Word's line break as a line break."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from casedesk.domain.errors import InvalidInput
from casedesk.export.interchange import InvalidDocument
from casedesk.persistence.practice import Practice
from casedesk.services import cases, interchange, notes
from casedesk.services.eml_parse import parse_eml
from tests.unit.test_interchange import other, seeded_document  # noqa: F401 (fixtures)

EML = (b"From: Ann Client <ann@example.com>\r\nTo: Bob Lawyer <bob@firm.example>\r\n"
       b"Subject: Invoices\x00 attached\x1b[2J\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
       b"Message-ID: <abc@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
       b"Here are the invoices.\x00\x07\r\nLine\x0bbreak from Word.\r\n")


def test_a_saved_email_with_control_characters_still_imports() -> None:
    parsed = parse_eml(EML, name="invoices.eml")
    assert parsed.subject == "Invoices attached[2J"
    assert "\x00" not in parsed.summary and "\x07" not in parsed.summary
    assert parsed.summary.splitlines() == ["Here are the invoices.", "Line", "break from Word."]


def test_a_practice_file_with_a_nul_is_refused_naming_the_place(
        seeded_document: dict[str, Any], other: Practice) -> None:  # noqa: F811
    doc = copy.deepcopy(seeded_document)
    doc["cases"][0]["title"] = "Smith\x00 v. Jones"
    doc["cases"][0]["opened_on"] = "2026-W10-1"  # a week date Python would read
    with pytest.raises(InvalidDocument) as caught:
        other.write(interchange.import_document, document=doc)
    message = caught.value.message
    assert "cases[0].title: contains a character that is not text (U+0000, at position 6)" \
        in message
    assert "cases[0].opened_on: '2026-W10-1' is not a date" in message
    assert other.read(lambda s: s.connection().exec_driver_sql(
        "select count(*) from cases").scalar()) == 0


def test_a_note_keeps_words_line_break(practice: Practice) -> None:
    _c, case_id = practice.write(cases.create_case, number="2026-CV-1", title="A v. B")
    practice.write(notes.add_note, case_id=case_id, text="First\x0bsecond")
    stored = practice.read(lambda s: s.connection().exec_driver_sql(
        "select text from notes").scalars().all())
    assert stored == ["First\nsecond"]
    with pytest.raises(InvalidInput):
        practice.write(notes.add_note, case_id=case_id, text="bad\x00note")
