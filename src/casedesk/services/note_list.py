"""Cases that have notes, and one case's notes, read with plain SQL (for the Documents pane)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from casedesk.domain.enums import CaseStatus
from casedesk.domain.rows import NoteRow
from casedesk.persistence.reader import Reader, as_opt_uuid, as_uuid, like_terms

_LIVE_NOTE = "n.case_id = c.id AND n.deleted_at IS NULL"


@dataclass(frozen=True, slots=True)
class NoteFilter:
    """Words that must each appear in a note of the case or in the case's number, title,
    clients, court or judge."""

    text: str = ""


@dataclass(frozen=True, slots=True)
class NoteCaseRow:
    """One case in the list of cases with notes."""

    id: uuid.UUID
    number: str
    title: str
    status: CaseStatus
    note_count: int
    last_note_at: datetime | None


def as_utc(value: Any) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (SQLite keeps naive UTC text)."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _where(flt: NoteFilter) -> tuple[str, dict[str, Any]]:
    clauses = ["c.deleted_at IS NULL", f"EXISTS (SELECT 1 FROM notes n WHERE {_LIVE_NOTE})"]
    params: dict[str, Any] = {}
    for i, pattern in enumerate(like_terms(flt.text)):
        clauses.append(f"(c.search_text LIKE :q{i} ESCAPE '\\' OR EXISTS (SELECT 1 FROM notes n "
                       f"WHERE {_LIVE_NOTE} AND lower(n.text) LIKE :q{i} ESCAPE '\\'))")
        params[f"q{i}"] = pattern
    return " AND ".join(clauses), params


def count_note_cases(reader: Reader, flt: NoteFilter) -> int:
    """How many live cases with live notes match the filter."""
    where, params = _where(flt)
    return int(reader.rows(f"SELECT count(*) FROM cases c WHERE {where}", params)[0][0])


def note_case_page(reader: Reader, flt: NoteFilter, *, offset: int,
                   limit: int) -> list[NoteCaseRow]:
    """One page of cases with notes, the most recently noted first."""
    where, params = _where(flt)
    params.update(limit=limit, offset=offset)
    sql = ("SELECT c.id, c.number, c.title, c.status, "
           f"(SELECT count(*) FROM notes n WHERE {_LIVE_NOTE}), "
           f"(SELECT max(n.created_at) FROM notes n WHERE {_LIVE_NOTE}) AS last_note_at "
           f"FROM cases c WHERE {where} "
           "ORDER BY last_note_at DESC, c.number DESC LIMIT :limit OFFSET :offset")
    return [NoteCaseRow(id=as_uuid(r[0]), number=r[1], title=r[2], status=CaseStatus(r[3]),
                        note_count=int(r[4]), last_note_at=as_utc(r[5]))
            for r in reader.rows(sql, params)]


def notes_total(reader: Reader) -> int:
    """How many live notes on live cases the practice has (tells "none yet" from "no match")."""
    return int(reader.rows("SELECT count(*) FROM notes n JOIN cases c ON c.id = n.case_id "
                           "WHERE n.deleted_at IS NULL AND c.deleted_at IS NULL")[0][0])


def case_notes(reader: Reader, case_id: uuid.UUID, *,
               limit: int = 500) -> tuple[int, list[NoteRow]]:
    """(how many notes the case has, its newest `limit` notes, newest first)."""
    total = int(reader.rows("SELECT count(*) FROM notes WHERE case_id = :id "
                            "AND deleted_at IS NULL", {"id": case_id})[0][0])
    sql = ("SELECT n.id, n.case_id, s.name, n.author_staff_id, n.created_at, n.text, n.version "
           "FROM notes n LEFT JOIN staff s ON s.id = n.author_staff_id "
           "WHERE n.case_id = :id AND n.deleted_at IS NULL "
           "ORDER BY n.created_at DESC, n.id LIMIT :limit")
    notes: list[NoteRow] = []
    for r in reader.rows(sql, {"id": case_id, "limit": limit}):
        created = as_utc(r[4])
        assert created is not None  # the column is NOT NULL
        notes.append(NoteRow(id=as_uuid(r[0]), case_id=as_uuid(r[1]), author=r[2] or "",
                             author_staff_id=as_opt_uuid(r[3]), created_at=created,
                             text=r[5], version=int(r[6])))
    return total, notes
