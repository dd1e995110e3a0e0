"""What the full-text index holds for each kind of thing: which rows, and their title and body.

Each kind names its table, whether a row should be in the index (live, and its case live), and
how its searchable title and body are made. The title's first line is what a hit shows as its
title; the rest of the title (file name, tags, numbers...) is searchable but weighted like it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

DOCUMENT = "document"
CASE = "case"
CONTACT = "contact"
NOTE = "note"
CORRESPONDENCE = "correspondence"
KINDS: tuple[str, ...] = (CASE, CONTACT, NOTE, CORRESPONDENCE, DOCUMENT)
NOTE_TITLE_CHARS = 80


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source row as the index sees it (read in the transaction that writes its entry)."""

    id: uuid.UUID
    version: int
    alive: bool
    case_id: uuid.UUID | None
    title: str
    body: str
    # Documents only: the stored file whose text is the body.
    sha256: str = ""
    file_name: str = ""
    media_type: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    kind: str
    table: str
    has_case: bool  # the row belongs to a case: it leaves the index when the case is deleted
    columns: str  # selected after id, version, alive (and case_id when has_case)
    build: Callable[[Sequence[Any]], tuple[str, str]]  # the extra columns -> (title, body)

    def live_where(self) -> str:
        """Rows that belong in the index (a deleted case's few ids, not a join per row)."""
        if self.has_case:
            return ("s.deleted_at IS NULL AND s.case_id NOT IN "
                    "(SELECT id FROM cases WHERE deleted_at IS NOT NULL)")
        return "s.deleted_at IS NULL"

    def alive_sql(self) -> str:
        if self.has_case:
            return "(s.deleted_at IS NULL AND c.deleted_at IS NULL)"
        return "(s.deleted_at IS NULL)"

    def case_join(self) -> str:
        return " LEFT JOIN cases c ON c.id = s.case_id" if self.has_case else ""

    def rows_sql(self, id_list: str) -> str:
        case_col = "s.case_id" if self.has_case else ("s.id" if self.kind == CASE else "NULL")
        return (f"SELECT s.id, s.version, {self.alive_sql()}, {case_col}, {self.columns} "
                f"FROM {self.table} s{self.case_join()} WHERE s.id IN ({id_list})")


def lines(*parts: Any) -> str:
    """Non-empty parts, one per line."""
    return "\n".join(text for p in parts if (text := " ".join(str(p or "").split())))


def _json_list(value: Any) -> list[str]:
    """A JSON list column as read with plain SQL (text on SQLite, parsed on PostgreSQL)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _case(r: Sequence[Any]) -> tuple[str, str]:
    number, title, clients, court, judge, docket, area, description = r
    return lines(title, number, clients, court, judge, docket, area), str(description or "")


def _contact(r: Sequence[Any]) -> tuple[str, str]:
    name, aliases, organization, email, phone, notes = r
    return (lines(name, " ".join(_json_list(aliases)), organization, email, phone),
            str(notes or ""))


def _note(r: Sequence[Any]) -> tuple[str, str]:
    # A note has no title to weight: its first line is shown (see note_title), all is body.
    return "", str(r[0] or "")


def _correspondence(r: Sequence[Any]) -> tuple[str, str]:
    subject, from_text, to_text, kind, on_date, summary = r
    shown = subject or f"{_kind_label(kind)} of {str(on_date)[:10]}"
    return lines(shown, from_text, to_text), str(summary or "")


def _document(r: Sequence[Any]) -> tuple[str, str]:
    title, file_name, tags, category, author = r[:5]
    return lines(title, file_name, " ".join(_json_list(tags)), _kind_label(category),
                 author), ""


def _kind_label(value: Any) -> str:
    # Enum values as stored ("court_notice"), shown as the GUI labels them ("Court notice").
    return str(value or "").replace("_", " ").capitalize()


def note_title(body_start: str) -> str:
    """What a note's hit shows as its title: its first line, shortened."""
    first = " ".join((body_start.strip().splitlines() or [""])[0].split())
    return first if len(first) <= NOTE_TITLE_CHARS else first[: NOTE_TITLE_CHARS - 1] + "…"


SOURCES: dict[str, Source] = {
    CASE: Source(CASE, "cases", False,
                 "s.number, s.title, s.client_names, s.court, s.judge, s.docket_number, "
                 "s.practice_area, s.description", _case),
    CONTACT: Source(CONTACT, "contacts", False,
                    "s.name, s.aliases, s.organization, s.email, s.phone, s.notes", _contact),
    NOTE: Source(NOTE, "notes", True, "s.text", _note),
    CORRESPONDENCE: Source(CORRESPONDENCE, "correspondence", True,
                           "s.subject, s.from_text, s.to_text, s.kind, s.on_date, s.summary",
                           _correspondence),
    DOCUMENT: Source(DOCUMENT, "documents", True,
                     "s.title, s.file_name, s.tags, s.category, s.author, s.sha256, "
                     "s.media_type", _document),
}


def source_row(source: Source, row: Sequence[Any]) -> SourceRow:
    """A row read with `Source.rows_sql` as a SourceRow (body empty for documents)."""
    from casedesk.persistence.reader import as_opt_uuid, as_uuid

    extra = row[4:]
    title, body = source.build(extra)
    doc = source.kind == DOCUMENT
    return SourceRow(id=as_uuid(row[0]), version=int(row[1]), alive=bool(row[2]),
                     case_id=as_opt_uuid(row[3]), title=title, body=body,
                     sha256=str(extra[5] or "") if doc else "",
                     file_name=str(extra[1] or "") if doc else "",
                     media_type=str(extra[6] or "") if doc else "")
