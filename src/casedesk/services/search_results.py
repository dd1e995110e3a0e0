"""Searching the full-text index: the best matches for what was typed, with snippets.

SQLite: FTS5 ranks with bm25, title weighted TITLE_WEIGHT times the body, and sorts by `rank`
itself. Ranking costs ~2 µs a match, so a query matching more than RANK_CAP entries ranks the
newest RANK_CAP of them, and inside one case only the case's own matches are ranked.

PostgreSQL: the match uses the stored, GIN-indexed tsvector column `tsv` (migration 0004);
ts_rank with weights A (title) and B (body) over the newest PG_RANK_CANDIDATES matches;
ts_headline for snippets.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from casedesk.persistence.reader import Reader, as_opt_uuid, as_uuid, in_clause
from casedesk.services.search_query import (
    ELLIPSIS,
    HL_END,
    HL_START,
    parse_query,
    to_fts5,
    to_pg_tsquery,
)
from casedesk.services.search_sources import KINDS, NOTE, note_title

TITLE_WEIGHT = 10.0  # a title match counts this many body matches (bm25 weights; A vs B on PG)
SNIPPET_TOKENS = 20
MAX_LIMIT = 500
# A query matching more entries than this ranks only the newest this many (see _newest).
RANK_CAP = 10_000
# PostgreSQL ranks at most this many (the newest) matches, as SQLite does (RANK_CAP).
PG_RANK_CANDIDATES = RANK_CAP
TSVECTOR_SQL = "e.tsv"  # stored: title weighted A, body B (migration 0004)
_PG_HEADLINE = (f'StartSel="{HL_START}", StopSel="{HL_END}", MaxWords=24, MinWords=12, '
                f'ShortWord=2, MaxFragments=1, FragmentDelimiter=" {ELLIPSIS} "')


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One thing found; `snippet` has HL_START/HL_END around matched terms."""

    kind: str  # "document", "case", "contact", "note", "correspondence"
    ref_id: uuid.UUID  # the document's, case's, contact's... id
    case_id: uuid.UUID | None  # the case it belongs to (a case's own hit: itself)
    case_number: str  # "" for contacts
    title: str
    snippet: str
    rank: float  # lower is better; only for ordering


def bind(dialect: str, params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as the dialect stores them (SQLite keeps UUIDs as 32 hex digits)."""
    if dialect != "sqlite":
        return params
    return {k: v.hex if isinstance(v, uuid.UUID) else v for k, v in params.items()}


class SessionReader:
    """A Reader over an open session (so `search` also runs inside `Practice.read`)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.dialect = session.get_bind().dialect.name

    def rows(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        bound = bind(self.dialect, dict(params or {}))
        return [tuple(r) for r in self._session.execute(text(sql), bound)]

    def close(self) -> None:
        """The session belongs to the caller."""


def search(source: Reader | Session, query: str, *, limit: int = 50, offset: int = 0,
           kinds: Sequence[str] | None = None, case_id: uuid.UUID | None = None
           ) -> list[SearchHit]:
    """The best matches for what was typed, best first; [] when there is nothing to look for.

    `kinds` limits the kinds searched, `case_id` to one case (its own entry, documents, notes
    and correspondence). Paged by `limit`/`offset`; no total is counted (that would read every
    match). Never raises on what was typed.
    """
    parsed = parse_query(query)
    wanted = [k for k in KINDS if kinds is None or k in kinds]
    if parsed.is_empty or not wanted or limit <= 0:
        return []
    reader: Reader = SessionReader(source) if isinstance(source, Session) else source
    params: dict[str, Any] = {"limit": min(int(limit), MAX_LIMIT), "offset": max(int(offset), 0)}
    filters = ""
    if len(wanted) < len(KINDS):
        kind_list, kind_params = in_clause("k", wanted)
        filters += f" AND e.kind IN ({kind_list})"
        params.update(kind_params)
    if case_id is not None:
        params["case_id"] = case_id
        if reader.dialect != "sqlite":
            filters += " AND e.case_id = :case_id"
    if reader.dialect == "sqlite":
        params["q"] = to_fts5(parsed)
        if case_id is not None:
            rows = reader.rows(_SQLITE_IN_CASE.format(filters=filters), params)
        else:
            rows = reader.rows(_SQLITE_SEARCH.format(filters=filters + _newest(reader, filters,
                                                                             params)), params)
    else:
        built = to_pg_tsquery(parsed)
        assert built is not None  # the query is not empty
        tsquery, tsquery_params = built
        params.update(tsquery_params, candidates=PG_RANK_CANDIDATES)
        rows = reader.rows(_PG_SEARCH.format(filters=filters, tsquery=tsquery), params)
    return [_hit(*row) for row in rows]


def _newest(reader: Reader, filters: str, params: dict[str, Any]) -> str:
    """A rowid floor when more than RANK_CAP entries match, else "".

    Ranking costs about 2 µs per match, so a word in most of 100,000 documents ("the", or
    "con" while "contract" is being typed) would take 200 ms. Past RANK_CAP matches only the
    newest RANK_CAP are ranked: finding where they start walks the doclists backwards and
    stops there, without ranking anything.
    """
    join = " JOIN search_entries e ON e.id = search_fts.rowid" if filters else ""
    floor = reader.rows(f"SELECT search_fts.rowid FROM search_fts{join} WHERE search_fts "
                        f"MATCH :q{filters} ORDER BY search_fts.rowid DESC LIMIT 1 OFFSET "
                        f"{RANK_CAP}", params)
    if not floor:
        return ""
    params["floor"] = int(floor[0][0])
    return " AND search_fts.rowid > :floor"


def _hit(kind: str, ref_id: Any, case_id: Any, number: Any, title: str, body_start: str,
         snippet: str, title_snippet: str, rank: Any) -> SearchHit:
    shown = (title or "").split("\n", 1)[0] or (note_title(body_start) if kind == NOTE else "")
    if HL_START not in (snippet or "") and HL_START in (title_snippet or ""):
        snippet = title_snippet  # PostgreSQL: the match is in the title only
    return SearchHit(kind=str(kind), ref_id=as_uuid(ref_id), case_id=as_opt_uuid(case_id),
                     case_number=str(number or ""), title=shown, snippet=snippet or "",
                     rank=float(rank or 0.0))


# bm25 is negative (more negative = better); FTS5 sorts by `rank` itself when asked to.
_SQLITE_COLUMNS = (
    "SELECT e.kind, e.ref_id, e.case_id, c.number, search_fts.title, "
    "substr(search_fts.body, 1, 200), "
    f"snippet(search_fts, -1, '{HL_START}', '{HL_END}', '{ELLIPSIS}', {SNIPPET_TOKENS}), '', ")
_SQLITE_FROM = ("FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid "
                "LEFT JOIN cases c ON c.id = e.case_id WHERE search_fts MATCH :q")
_SQLITE_SEARCH = (
    f"{_SQLITE_COLUMNS}search_fts.rank {_SQLITE_FROM} "
    f"AND search_fts.rank MATCH 'bm25({TITLE_WEIGHT}, 1.0)'"
    "{filters} ORDER BY search_fts.rank LIMIT :limit OFFSET :offset")
# One case: a single pass over the terms' doclists keeps the rows whose id is one of the
# case's entries (the unary + stops SQLite asking FTS5 for each id in turn, which would
# recompute the terms' statistics every time) and only those are ranked.
_SQLITE_IN_CASE = (
    f"{_SQLITE_COLUMNS}bm25(search_fts, {TITLE_WEIGHT}, 1.0) AS score {_SQLITE_FROM} "
    "AND +search_fts.rowid IN (SELECT id FROM search_entries WHERE case_id = :case_id)"
    "{filters} ORDER BY score LIMIT :limit OFFSET :offset")

# The GIN index is on the stored vector; only the newest PG_RANK_CANDIDATES matches are ranked.
_PG_SEARCH = (
    "WITH q AS (SELECT {tsquery} AS q), "
    f"m AS (SELECT e.id FROM search_entries e, q WHERE {TSVECTOR_SQL} @@ q.q{{filters}} "
    "ORDER BY e.id DESC LIMIT :candidates), "
    f"r AS (SELECT e.id, ts_rank(ARRAY[0.1, 0.2, {1 / TITLE_WEIGHT}, 1.0]::real[], "
    f"{TSVECTOR_SQL}, q.q) AS rank FROM m JOIN search_entries e ON e.id = m.id, q "
    "ORDER BY rank DESC, e.id LIMIT :limit OFFSET :offset) "
    "SELECT e.kind, e.ref_id, e.case_id, c.number, e.title, left(e.body, 200), "
    f"ts_headline('english', left(e.body, 100000), q.q, '{_PG_HEADLINE}'), "
    f"ts_headline('english', e.title, q.q, '{_PG_HEADLINE}'), -r.rank "
    "FROM r JOIN search_entries e ON e.id = r.id LEFT JOIN cases c ON c.id = e.case_id, q "
    "ORDER BY r.rank DESC, e.id")
