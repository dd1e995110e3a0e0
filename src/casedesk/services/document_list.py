"""The firm-wide documents list, read a page at a time with plain SQL (for the Documents pane and
a case's Documents tab): filtered by words, case, category and flags, sorted in SQL."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casedesk.domain.enums import DocumentCategory
from casedesk.persistence.reader import Reader, as_date, as_utc, as_uuid, in_clause

# The flag filter's choices ("" shows every document).
PRIVILEGED = "privileged"
NOT_PRIVILEGED = "not_privileged"
CONFIDENTIAL = "confidential"
FLAGS = ("", PRIVILEGED, NOT_PRIVILEGED, CONFIDENTIAL)

SORT_COLUMNS: dict[str, str] = {
    "title": "lower(d.title)",
    "case": "c.number",
    "category": "d.category",
    "date": "d.document_date",
    "version": "d.current_version",
    "size": "d.size",
    "flags": "(CASE WHEN d.privileged THEN 2 ELSE 0 END + CASE WHEN d.confidential THEN 1 "
             "ELSE 0 END)",
    "updated": "d.updated_at",
}
_NULLABLE_SORTS = {"date"}
_LIVE = "c.id = d.case_id AND d.deleted_at IS NULL AND c.deleted_at IS NULL"
# CROSS JOIN keeps SQLite scanning documents and looking each case up by its key (the other
# way round, through ix_documents_case_category, is several times slower on 100,000
# documents); PostgreSQL plans it as the same inner join.
_FROM = "FROM documents d CROSS JOIN cases c"


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Which documents the list shows and in what order."""

    text: str = ""  # every word must appear in the title, the file name or a tag
    case_id: uuid.UUID | None = None
    category: str = ""  # a DocumentCategory value, or "" for all
    flag: str = ""  # one of FLAGS
    sort: str = "updated"  # a key of SORT_COLUMNS
    descending: bool = True


@dataclass(frozen=True, slots=True)
class DocumentListRow:
    """One document in the list (a snapshot; the detail reads the rest)."""

    id: uuid.UUID
    case_id: uuid.UUID
    case_number: str
    case_title: str
    title: str
    category: DocumentCategory
    tags: tuple[str, ...]
    privileged: bool
    confidential: bool
    document_date: date | None
    current_version: int
    file_name: str
    media_type: str
    size: int
    sha256: str  # of the current version
    updated_at: datetime
    version: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(flt: DocumentFilter) -> tuple[str, dict[str, Any]]:
    clauses = [_LIVE]
    params: dict[str, Any] = {}
    if flt.case_id is not None:
        clauses.append("d.case_id = :case_id")
        params["case_id"] = flt.case_id
    if flt.category:
        clauses.append("d.category = :category")
        params["category"] = DocumentCategory(flt.category).value
    if flt.flag == PRIVILEGED:
        clauses.append("d.privileged = :yes")
        params["yes"] = True
    elif flt.flag == NOT_PRIVILEGED:
        clauses.append("d.privileged = :no")
        params["no"] = False
    elif flt.flag == CONFIDENTIAL:
        clauses.append("d.confidential = :yes")
        params["yes"] = True
    elif flt.flag:
        raise ValueError(f"unknown flag filter {flt.flag!r}")
    for i, word in enumerate(flt.text.casefold().split()):
        # Tags are JSON text, where a non-ASCII letter is written as \u00fc: match that too.
        escaped = json.dumps(word)[1:-1]
        params[f"q{i}"] = f"%{_escape_like(word)}%"
        params[f"j{i}"] = f"%{_escape_like(escaped)}%"
        clauses.append(f"(lower(d.title) LIKE :q{i} ESCAPE '\\' "
                       f"OR lower(d.file_name) LIKE :q{i} ESCAPE '\\' "
                       f"OR lower(CAST(d.tags AS TEXT)) LIKE :q{i} ESCAPE '\\' "
                       f"OR lower(CAST(d.tags AS TEXT)) LIKE :j{i} ESCAPE '\\')")
    return " AND ".join(clauses), params


def count_documents(reader: Reader, flt: DocumentFilter) -> int:
    """How many live documents (of live cases) match the filter."""
    where, params = _where(flt)
    return int(reader.rows(f"SELECT count(*) {_FROM} WHERE {where}", params)[0][0])


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(t) for t in value)
    if not value:
        return ()
    try:
        parsed = json.loads(value)
    except ValueError:
        return ()
    return tuple(str(t) for t in parsed) if isinstance(parsed, list) else ()


def document_page(reader: Reader, flt: DocumentFilter, *, offset: int,
                  limit: int) -> list[DocumentListRow]:
    """One page of the filtered, sorted list.

    The ids of the page are found first (the sort then carries only the id and its key,
    not every column of 100,000 rows); their rows are read after.
    """
    where, params = _where(flt)
    column = SORT_COLUMNS.get(flt.sort, SORT_COLUMNS["updated"])
    direction = "DESC" if flt.descending else "ASC"
    nulls = " NULLS LAST" if flt.sort in _NULLABLE_SORTS else ""
    params.update(limit=limit, offset=offset)
    order = f"{column} {direction}{nulls}, d.updated_at {direction}, d.id"
    ids = [r[0] for r in reader.rows(f"SELECT d.id {_FROM} WHERE {where} ORDER BY {order} "
                                     "LIMIT :limit OFFSET :offset", params)]
    if not ids:
        return []
    marks, id_params = in_clause("id", ids)
    sql = ("SELECT d.id, d.case_id, c.number, c.title, d.title, d.category, d.tags, "
           "d.privileged, d.confidential, d.document_date, d.current_version, d.file_name, "
           "d.media_type, d.size, d.sha256, d.updated_at, d.version "
           f"{_FROM} WHERE c.id = d.case_id AND d.id IN ({marks})")
    found: dict[Any, DocumentListRow] = {}
    for r in reader.rows(sql, id_params):
        updated = as_utc(r[15])
        assert updated is not None  # NOT NULL column
        found[r[0]] = DocumentListRow(
            id=as_uuid(r[0]), case_id=as_uuid(r[1]), case_number=r[2], case_title=r[3],
            title=r[4], category=DocumentCategory(r[5]), tags=_tags(r[6]),
            privileged=bool(r[7]), confidential=bool(r[8]), document_date=as_date(r[9]),
            current_version=int(r[10]), file_name=r[11] or "", media_type=r[12] or "",
            size=int(r[13] or 0), sha256=r[14], updated_at=updated, version=int(r[16]))
    return [found[i] for i in ids if i in found]


def any_documents(reader: Reader, case_id: uuid.UUID | None = None) -> bool:
    """Whether there is any live document (of this case) at all: tells "none yet" from
    "nothing matches"."""
    where, params = _where(DocumentFilter(case_id=case_id))
    return bool(reader.rows(f"SELECT 1 {_FROM} WHERE {where} LIMIT 1", params))


def case_label(reader: Reader, case_id: uuid.UUID) -> str:
    """"2026-CV-0142 · Smith v. Acme" for a case ("" when it is gone)."""
    rows = reader.rows("SELECT number, title FROM cases WHERE id = :id AND deleted_at IS NULL",
                       {"id": case_id})
    return f"{rows[0][0]} · {rows[0][1]}" if rows else ""
