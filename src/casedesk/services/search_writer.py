"""Writing full-text index entries in batches, in each dialect's own SQL (see search_index.py).

A batch is a handful of statements whatever its size: rows are read with one IN query and
written with executemany, so a transaction costs little beyond the text the database has to
tokenize. Entry ids only grow in the order entries are first written (the search ranks "the
newest" matches by id), and an entry brought up to date keeps its id.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from casedesk.domain.enums import TextStatus
from casedesk.persistence.reader import as_uuid, in_clause
from casedesk.services.search_results import bind
from casedesk.services.search_sources import Source, SourceRow, source_row

# SQLite's (and PostgreSQL's) limit on bound parameters is far above this; an IN list of this
# many ids is still one quick index probe per id.
MAX_IN = 1_000
ERROR_CHARS = 1_000
STALE = -1  # a source_version no row has: the entry is brought up to date by the next run


class EntryWriter:
    """Entry writes inside one unit of work (the caller's session; it never commits).

    On SQLite the statements go straight to the driver's connection of the session's
    transaction (the stdlib driver takes the same `:name` parameters): SQLAlchemy's own work
    per statement would otherwise cost more than the statement.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name
        self._sqlite: Any = (session.connection().connection.driver_connection
                             if self.dialect == "sqlite" else None)

    def exec(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """The rows of one statement (none for a write)."""
        bound = bind(self.dialect, params or {})
        if self._sqlite is not None:
            return list(self._sqlite.execute(sql, bound).fetchall())
        result = self.session.execute(text(sql), bound)
        return [tuple(r) for r in result] if getattr(result, "returns_rows", False) else []

    def exec_many(self, sql: str, rows: Sequence[dict[str, Any]]) -> None:
        """One statement over many parameter sets (the driver's executemany)."""
        if not rows:
            return
        bound = [bind(self.dialect, r) for r in rows]
        if self._sqlite is not None:
            self._sqlite.executemany(sql, bound)
        else:
            self.session.execute(text(sql), bound)

    def rows(self, source: Source, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, SourceRow]:
        """The rows as they are now, in one query per MAX_IN ids (missing ones left out)."""
        found: dict[uuid.UUID, SourceRow] = {}
        for start in range(0, len(ids), MAX_IN):
            id_list, params = in_clause("i", ids[start:start + MAX_IN])
            for r in self.exec(source.rows_sql(id_list), params):
                row = source_row(source, r)
                found[row.id] = row
        return found

    def put(self, kind: str, items: Sequence[tuple[SourceRow, str]]) -> None:
        """Add or bring up to date the entries of (row, body) pairs, in their order."""
        if not items:
            return
        params = [{"kind": kind, "ref": row.id, "case": row.case_id, "v": row.version,
                   "title": row.title, "body": body} for row, body in items]
        if self.dialect != "sqlite":
            self.exec_many(
                "INSERT INTO search_entries (kind, ref_id, case_id, source_version, title, body) "
                "VALUES (:kind, :ref, :case, :v, :title, :body) ON CONFLICT (kind, ref_id) DO "
                "UPDATE SET case_id = excluded.case_id, source_version = excluded.source_version,"
                " title = excluded.title, body = excluded.body", params)
            return
        # The FTS row is keyed by the entry's id: upsert the entries (an existing one keeps
        # its id), drop whatever text is under their ids, add the new text. (VALUES, not
        # INSERT ... SELECT: FTS5 takes the latter three times slower.)
        self.exec_many(
            "INSERT INTO search_entries (kind, ref_id, case_id, source_version) "
            "VALUES (:kind, :ref, :case, :v) ON CONFLICT (kind, ref_id) DO UPDATE SET "
            "case_id = excluded.case_id, source_version = excluded.source_version", params)
        ids = self._entry_ids(kind, [row.id for row, _body in items])
        self.remove_text(list(ids.values()))
        self.exec_many("INSERT INTO search_fts (rowid, title, body) VALUES (:id, :title, :body)",
                       [{"id": ids[row.id], "title": row.title, "body": body}
                        for row, body in items])

    def _entry_ids(self, kind: str, ref_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        """The ids of these rows' entries (rows with none left out)."""
        found: dict[uuid.UUID, int] = {}
        for start in range(0, len(ref_ids), MAX_IN):
            id_list, params = in_clause("r", ref_ids[start:start + MAX_IN])
            for entry_id, ref_id in self.exec(
                    f"SELECT id, ref_id FROM search_entries WHERE kind = :kind AND ref_id IN "
                    f"({id_list})", {"kind": kind, **params}):
                found[as_uuid(ref_id)] = int(entry_id)
        return found

    def remove(self, kind: str, ref_ids: Sequence[uuid.UUID]) -> int:
        """Take out the entries of these rows; how many there were."""
        entry_ids = list(self._entry_ids(kind, ref_ids).values())
        self.remove_entries(entry_ids)
        return len(entry_ids)

    def remove_entries(self, entry_ids: Sequence[int]) -> None:
        self.remove_text(entry_ids)
        for start in range(0, len(entry_ids), MAX_IN):
            id_list, params = in_clause("e", entry_ids[start:start + MAX_IN])
            self.exec(f"DELETE FROM search_entries WHERE id IN ({id_list})", params)

    def remove_text(self, entry_ids: Sequence[int]) -> None:
        """SQLite: the FTS rows of these entries (on PostgreSQL the text is in the entry)."""
        if self.dialect != "sqlite":
            return
        for start in range(0, len(entry_ids), MAX_IN):
            id_list, params = in_clause("e", entry_ids[start:start + MAX_IN])
            self.exec(f"DELETE FROM search_fts WHERE rowid IN ({id_list})", params)

    def blob_status(self, statuses: dict[str, tuple[TextStatus, str]]) -> None:
        """Record each stored file's text status (and why it could not be read)."""
        self.exec_many("UPDATE blobs SET text_status = :s, text_error = :e WHERE sha256 = :sha",
                       [{"s": status.value, "e": error[:ERROR_CHARS], "sha": sha256}
                        for sha256, (status, error) in statuses.items()])

    def clear(self) -> None:
        """Make every entry stale and forget what is known of every stored file's text.

        SQLite: the entries stay (searching keeps working meanwhile) and are replaced one
        short transaction at a time; emptying the FTS table at once would hold the database
        for seconds on a big practice. PostgreSQL deletes rows without blocking other writers.
        """
        if self.dialect == "sqlite":
            self.exec("UPDATE search_entries SET source_version = :stale", {"stale": STALE})
        else:
            self.exec("DELETE FROM search_entries")
        self.exec("UPDATE blobs SET text_status = :s, text_error = '' "
                  "WHERE text_status <> :s OR text_error <> ''", {"s": TextStatus.PENDING.value})
