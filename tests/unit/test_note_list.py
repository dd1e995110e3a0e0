"""The notes query behind the Documents pane: cases with notes, search, one case's notes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from casedesk.domain.enums import CaseStatus
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, notes, staff
from casedesk.services import note_list as nl
from casedesk.services.note_list import NoteFilter
from tests.unit.list_backends import BACKENDS, built_desk

Ids = dict[str, uuid.UUID]
T0 = datetime(2026, 1, 5, 14, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, Reader, Ids]]:
    """The practice of `build`, made once per backend (these tests only read)."""
    yield from built_desk(request, tmp_path_factory, build)


def build(practice: Practice) -> Ids:
    ids: Ids = {"alice": uuid.uuid4(), "gone": uuid.uuid4()}
    w = practice.write
    w(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=ids["alice"])
    _c, ids["case1"] = w(cases.create_case, number="2026-CV-0001", title="Smith v. Acme")
    _c, ids["case2"] = w(cases.create_case, number="2026-CV-0002", title="Estate of Smith")
    _c, ids["case3"] = w(cases.create_case, number="2026-CV-0003", title="Quiet matter")
    w(notes.add_note, case_id=ids["case1"], author_staff_id=ids["alice"], created_at=T0,
      text="Called opposing counsel about the deposition.")
    w(notes.add_note, case_id=ids["case1"], created_at=T0 + timedelta(days=1),
      text="Client sent the 100% signed retainer.")
    w(notes.add_note, case_id=ids["case1"], created_at=T0 + timedelta(days=30),
      note_id=ids["gone"], text="Deleted later")
    w(notes.delete_note, note_id=ids["gone"])
    w(notes.add_note, case_id=ids["case2"], created_at=T0 + timedelta(days=2),
      text="Probate hearing moved to March.")
    practice.write(cases.close_case, case_id=ids["case2"])
    return ids


def numbers(reader: Reader, text: str = "") -> list[str]:
    return [r.number for r in nl.note_case_page(reader, NoteFilter(text), offset=0, limit=50)]


def test_cases_with_live_notes_newest_first(built: tuple[Practice, Reader, Ids]) -> None:
    _practice, reader, ids = built
    rows = nl.note_case_page(reader, NoteFilter(), offset=0, limit=50)
    assert [(r.number, r.note_count, r.last_note_at, r.status) for r in rows] == [
        ("2026-CV-0002", 1, T0 + timedelta(days=2), CaseStatus.CLOSED),
        ("2026-CV-0001", 2, T0 + timedelta(days=1), CaseStatus.INTAKE),
    ]
    assert rows[1].id == ids["case1"] and rows[1].title == "Smith v. Acme"
    assert rows[0].last_note_at is not None and rows[0].last_note_at.tzinfo is not None
    assert nl.count_note_cases(reader, NoteFilter()) == 2
    assert nl.notes_total(reader) == 3


@pytest.mark.parametrize(("text", "expected"), [
    ("deposition", ["2026-CV-0001"]),
    ("DEPOSITION", ["2026-CV-0001"]),
    ("0002", ["2026-CV-0002"]),
    ("smith", ["2026-CV-0002", "2026-CV-0001"]),
    ("acme retainer", ["2026-CV-0001"]),     # one word in the title, one in a note
    ("100%", ["2026-CV-0001"]),
    ("10_%", []),
    ("deleted", []),
    ("quiet", []),                           # matches a case without notes
])
def test_search_words(built: tuple[Practice, Reader, Ids], text: str, expected: list[str]) -> None:
    _practice, reader, _ids = built
    assert numbers(reader, text) == expected
    assert nl.count_note_cases(reader, NoteFilter(text)) == len(expected)


def test_pages(built: tuple[Practice, Reader, Ids]) -> None:
    _practice, reader, _ids = built
    first = nl.note_case_page(reader, NoteFilter(), offset=0, limit=1)
    second = nl.note_case_page(reader, NoteFilter(), offset=1, limit=1)
    assert [r.number for r in first + second] == ["2026-CV-0002", "2026-CV-0001"]
    assert nl.note_case_page(reader, NoteFilter(), offset=2, limit=1) == []


def test_case_notes_newest_first_with_authors(built: tuple[Practice, Reader, Ids]) -> None:
    _practice, reader, ids = built
    total, rows = nl.case_notes(reader, ids["case1"])
    assert total == 2
    assert [(n.author, n.author_staff_id, n.created_at, n.text) for n in rows] == [
        ("", None, T0 + timedelta(days=1), "Client sent the 100% signed retainer."),
        ("Alice Attorney", ids["alice"], T0, "Called opposing counsel about the deposition."),
    ]
    assert all(n.case_id == ids["case1"] and n.version == 1 for n in rows)
    total, rows = nl.case_notes(reader, ids["case1"], limit=1)
    assert total == 2 and len(rows) == 1
    assert nl.case_notes(reader, ids["case3"]) == (0, [])


def test_as_utc_reads_stored_timestamps() -> None:
    assert nl.as_utc("2026-01-05 14:30:15.123456") == T0
    assert nl.as_utc("2026-01-05 14:30:15") == T0.replace(microsecond=0)
    assert nl.as_utc(T0.astimezone(UTC).replace(tzinfo=None)) == T0
    assert nl.as_utc(None) is None and nl.as_utc("") is None
