"""The firm-wide documents list, read a page at a time with plain SQL (for the Documents pane and
a case's Documents tab): filtered by words, case, category and flags, sorted in SQL.

The words filter matches a document whose title, file name or tags contain every word (LIKE,
so a half-typed "Smi" or "2026-CV-00" works), or whose entry in the full-text index matches
the words as the search box reads them (search_query.parse_query: words, "phrases", OR,
-exclusions; never the typed text itself). So the filter also finds documents by what is
written inside them, once they are indexed.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casedesk.domain.enums import DocumentCategory
from casedesk.persistence.reader import Reader, as_date, as_utc, as_uuid, in_clause
from casedesk.services.search_query import parse_query, to_fts5, to_pg_tsquery

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

    # Every word appears in the title, the file name or a tag, or the indexed text matches.
    text: str = ""
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


def _words_clause(text: str, params: dict[str, Any]) -> str:
    """Every word in the title, the file name or a tag ("" when no words)."""
    clauses = []
    for i, word in enumerate(text.casefold().split()):
        # Tags are JSON text, where a non-ASCII letter is written as \u00fc: match that too.
        escaped = json.dumps(word)[1:-1]
        params[f"q{i}"] = f"%{_escape_like(word)}%"
        params[f"j{i}"] = f"%{_escape_like(escaped)}%"
        clauses.append(f"(lower(d.title) LIKE :q{i} ESCAPE '\\' "
                       f"OR lower(d.file_name) LIKE :q{i} ESCAPE '\\' "
                       f"OR lower(CAST(d.tags AS TEXT)) LIKE :q{i} ESCAPE '\\' "
                       f"OR lower(CAST(d.tags AS TEXT)) LIKE :j{i} ESCAPE '\\')")
    return " AND ".join(clauses)


# The documents whose full-text entry matches :fts (a search_query.to_fts5 expression).
# Firm-wide, the matches are gathered once as the documents' integer rowids, so the cost
# follows the number of matches: on 100,000 documents a rare word adds little to the LIKE
# scan, a word in every document about as much again. (Gathering their text ids instead was
# twice as slow for common words; looking each document's entry up costs ~300 ms even for a
# word in none.) In one case, each of its few documents looks its own entry up instead: the
# set of every match in the practice would cost more than the case's rows.
_FTS_FIRM = ("d.rowid IN (SELECT m.rowid FROM search_entries e JOIN documents m ON m.id = "
             "e.ref_id WHERE e.kind = 'document' AND e.id IN (SELECT rowid FROM search_fts "
             "WHERE search_fts MATCH :fts))")
_FTS_CASE = ("EXISTS (SELECT 1 FROM search_entries e WHERE e.kind = 'document' AND e.ref_id = "
             "d.id AND e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :fts))")


def _indexed_clause(dialect: str, text: str, in_case: bool, params: dict[str, Any]) -> str:
    """The document's full-text entry matches the words ("" when there is nothing to look for:
    no words, or only exclusions or punctuation).

    What was typed reaches FTS5 or tsquery only through parse_query and its builders, so no
    text can make the query fail. A document not indexed yet is found by its title alone.
    """
    parsed = parse_query(text)
    if parsed.is_empty:
        return ""
    if dialect == "sqlite":
        params["fts"] = to_fts5(parsed)
        return _FTS_CASE if in_case else _FTS_FIRM
    # Imported here: search_results loads SQLAlchemy, which the window's first paint does
    # without (the cold-start rule); PostgreSQL is reached through SQLAlchemy anyway.
    from casedesk.services.search_results import TSVECTOR_SQL

    built = to_pg_tsquery(parsed)
    if built is None:
        return ""
    tsquery, tsquery_params = built
    assert not params.keys() & tsquery_params.keys()  # t0, t1...: none of ours
    params.update(tsquery_params)
    # In one case the planner can start from the case's entries (ix_search_entries_case_id).
    in_case_sql = " AND e.case_id = :case_id" if in_case else ""
    return ("d.id IN (SELECT e.ref_id FROM search_entries e WHERE e.kind = 'document'"
            f"{in_case_sql} AND {TSVECTOR_SQL} @@ {tsquery})")


def _where(flt: DocumentFilter, dialect: str) -> tuple[str, dict[str, Any]]:
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
    text = flt.text.replace("\x00", " ")  # no text column holds one (PostgreSQL refuses it)
    words = _words_clause(text, params)
    indexed = _indexed_clause(dialect, text, flt.case_id is not None, params)
    if words and indexed:
        # The index first: one lookup in the set of matches, cheaper than four LIKEs.
        clauses.append(f"({indexed} OR {words})")
    elif words or indexed:
        clauses.append(words or indexed)
    return " AND ".join(clauses), params


def count_documents(reader: Reader, flt: DocumentFilter) -> int:
    """How many live documents (of live cases) match the filter."""
    where, params = _where(flt, reader.dialect)
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
    where, params = _where(flt, reader.dialect)
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
    where, params = _where(DocumentFilter(case_id=case_id), reader.dialect)
    return bool(reader.rows(f"SELECT 1 {_FROM} WHERE {where} LIMIT 1", params))


def case_label(reader: Reader, case_id: uuid.UUID) -> str:
    """"2026-CV-0142 · Smith v. Acme" for a case ("" when it is gone)."""
    rows = reader.rows("SELECT number, title FROM cases WHERE id = :id AND deleted_at IS NULL",
                       {"id": case_id})
    return f"{rows[0][0]} · {rows[0][1]}" if rows else ""
