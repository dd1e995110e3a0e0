"""The full-text index over documents, cases, contacts, notes and correspondence.

Pull-based: nothing is indexed while a row is written. `index_pending` later finds what is
stale - a row with no entry, a row whose `version` moved past the entry's `source_version`,
an entry whose row was deleted (or whose case was) - and brings it up to date in small
transactions, reading each file's text outside any transaction. So adding a document never
waits for indexing, and rows may change while it runs (a changed row is simply stale again).

Storage (migration 0004): `search_entries` (kind, ref_id, case_id, source_version) whose id is
the rowid of the FTS5 table `search_fts(title, body)` on SQLite; on PostgreSQL title/body are
columns of `search_entries` with a GIN index over search_results.TSVECTOR_SQL. Searching is
in search_query.py (what was typed) and search_results.py (`search`, re-exported here).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, text
from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.enums import TextStatus
from casedesk.persistence.blob_store import BlobStore
from casedesk.persistence.reader import EngineReader, Reader, SqliteReader, as_uuid, in_clause
from casedesk.persistence.uow import unit_of_work
from casedesk.services import text_extract
from casedesk.services.search_query import (
    HL_END,
    HL_START,
    highlight_brackets,
    highlight_html,
    parse_query,
    strip_markers,
)
from casedesk.services.search_results import SearchHit, bind, search
from casedesk.services.search_sources import (
    DOCUMENT,
    KINDS,
    SOURCES,
    Source,
    SourceRow,
    source_row,
)

__all__ = ["HL_END", "HL_START", "KINDS", "IndexReport", "SearchHit", "highlight_brackets",
           "highlight_html", "index_pending", "parse_query", "rebuild", "search",
           "stale_counts", "strip_markers"]

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (done, total) - total is an estimate made at the start
Cancel = Callable[[], bool]

# One write transaction holds at most this much extracted text (or DOC_CHUNK documents), so a
# desk adding a document waits for the indexer a few milliseconds at most.
CHUNK_CHARS = 4_000_000
DOC_CHUNK = 25

# -- reports ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one `index_pending` (or `rebuild`) did."""

    indexed: int = 0  # entries added or brought up to date
    removed: int = 0  # entries of deleted rows taken out
    files_read: int = 0  # stored files whose text was read
    unsupported: int = 0  # files of a kind whose text casedesk cannot read
    failed: int = 0  # damaged, encrypted or missing files (the reason is in blobs.text_error)
    cancelled: bool = False
    by_kind: dict[str, int] = field(default_factory=dict)  # indexed + removed, per kind

    @property
    def changes(self) -> Changes:
        """What the GUI should refresh: the search results, and documents' text status."""
        return Changes(search=bool(self.indexed or self.removed),
                       documents=bool(self.files_read))


@dataclass
class _Tally:
    indexed: int = 0
    removed: int = 0
    files_read: int = 0
    unsupported: int = 0
    failed: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    done: int = 0

    def count(self, kind: str, *, indexed: int = 0, removed: int = 0) -> None:
        self.indexed += indexed
        self.removed += removed
        if indexed or removed:
            self.by_kind[kind] = self.by_kind.get(kind, 0) + indexed + removed

    def report(self, cancelled: bool) -> IndexReport:
        return IndexReport(self.indexed, self.removed, self.files_read, self.unsupported,
                           self.failed, cancelled, dict(self.by_kind))


# -- what is stale ---------------------------------------------------------------------------
@dataclass
class _Plan:
    """Per kind: rows to (re)index, and entries to drop (row deleted, or its case deleted)."""

    stale: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    dead: dict[str, list[int]] = field(default_factory=dict)

    def count(self, kind: str) -> int:
        return len(self.stale.get(kind, ())) + len(self.dead.get(kind, ()))

    @property
    def total(self) -> int:
        return sum(self.count(kind) for kind in KINDS)


def _plan(reader: Reader) -> _Plan:
    """Compare every live row's version with its entry's (one plain scan of each table).

    Faster than a join per row on a big practice (SQLite reads each table in storage order
    instead of looking up 100,000 rows one by one), and it finds entries of deleted or vanished
    rows in the same pass.
    """
    entries: dict[str, dict[Any, tuple[int, int]]] = {kind: {} for kind in KINDS}
    for entry_id, kind, ref_id, source_version in reader.rows(
            "SELECT id, kind, ref_id, source_version FROM search_entries"):
        if kind in entries:
            entries[kind][ref_id] = (int(entry_id), int(source_version))
    plan = _Plan()
    for kind in KINDS:
        source = SOURCES[kind]
        indexed = entries[kind]
        stale: list[uuid.UUID] = []
        for row_id, version in reader.rows(f"SELECT s.id, s.version FROM {source.table} s "
                                           f"WHERE {source.live_where()}"):
            entry = indexed.pop(row_id, None)
            if entry is None or entry[1] != int(version):
                stale.append(as_uuid(row_id))
        plan.stale[kind] = stale
        plan.dead[kind] = [entry_id for entry_id, _version in indexed.values()]
    return plan


def stale_counts(reader: Reader) -> dict[str, int]:
    """How many entries of each kind are missing, out of date or left over (0s when none)."""
    plan = _plan(reader)
    return {kind: plan.count(kind) for kind in KINDS}


# -- writing entries -------------------------------------------------------------------------
class _Writer:
    """Entry writes inside one unit of work, in the dialect's own SQL."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    def exec(self, sql: str, params: dict[str, Any] | None = None) -> Any:
        return self.session.execute(text(sql), bind(self.dialect, params or {}))

    def rows(self, source: Source, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, SourceRow]:
        id_list, params = in_clause("i", ids)
        result = self.exec(source.rows_sql(id_list), params)
        return {(row := source_row(source, r)).id: row for r in result}

    def put(self, kind: str, row: SourceRow, body: str) -> None:
        params = {"kind": kind, "ref": row.id, "case": row.case_id, "v": row.version,
                  "title": row.title, "body": body}
        if self.dialect == "sqlite":
            entry_id = self.exec(
                "INSERT INTO search_entries (kind, ref_id, case_id, source_version) "
                "VALUES (:kind, :ref, :case, :v) ON CONFLICT (kind, ref_id) DO UPDATE SET "
                "case_id = excluded.case_id, source_version = excluded.source_version "
                "RETURNING id", params).scalar_one()
            self.exec("DELETE FROM search_fts WHERE rowid = :id", {"id": entry_id})
            self.exec("INSERT INTO search_fts (rowid, title, body) VALUES (:id, :title, :body)",
                      {"id": entry_id, "title": row.title, "body": body})
        else:
            self.exec(
                "INSERT INTO search_entries (kind, ref_id, case_id, source_version, title, body) "
                "VALUES (:kind, :ref, :case, :v, :title, :body) ON CONFLICT (kind, ref_id) DO "
                "UPDATE SET case_id = excluded.case_id, source_version = excluded.source_version,"
                " title = excluded.title, body = excluded.body", params)

    def remove(self, kind: str, ref_ids: Sequence[uuid.UUID]) -> int:
        if not ref_ids:
            return 0
        id_list, params = in_clause("r", ref_ids)
        ids = [r[0] for r in self.exec(f"SELECT id FROM search_entries WHERE kind = :kind AND "
                                       f"ref_id IN ({id_list})", {"kind": kind, **params})]
        self.remove_entries(ids)
        return len(ids)

    def remove_entries(self, entry_ids: Sequence[int]) -> None:
        if not entry_ids:
            return
        id_list, params = in_clause("e", entry_ids)
        if self.dialect == "sqlite":
            self.exec(f"DELETE FROM search_fts WHERE rowid IN ({id_list})", params)
        self.exec(f"DELETE FROM search_entries WHERE id IN ({id_list})", params)

    def blob_status(self, sha256: str, status: TextStatus, error: str) -> None:
        self.exec("UPDATE blobs SET text_status = :s, text_error = :e WHERE sha256 = :sha",
                  {"s": status.value, "e": error[:1000], "sha": sha256})


# -- indexing --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Text:
    """A document's text as read outside the transaction, for the file it was read from."""

    sha256: str
    body: str
    status: TextStatus | None  # None: the blob's status stays as it was
    error: str = ""


def index_pending(engine: Engine, store: BlobStore, *, batch: int = 200,
                  progress: Progress | None = None, cancel: Cancel | None = None
                  ) -> IndexReport:
    """Bring the index up to date; returns what it did. Safe to run while others write.

    Commits every `batch` rows (documents: every DOC_CHUNK files or CHUNK_CHARS of text), so
    what is done stays done if it is cancelled or fails part-way. Rows added after it started
    are left for the next run.
    """
    reader = _reader_for(engine)
    try:
        return _run(engine, reader, store, batch, progress, cancel)
    finally:
        reader.close()


def _reader_for(engine: Engine) -> Reader:
    """Plain reads: the stdlib driver on SQLite (a third faster over 100,000 rows)."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return SqliteReader(Path(database))
    return EngineReader(engine)


def _run(engine: Engine, reader: Reader, store: BlobStore, batch: int,
         progress: Progress | None, cancel: Cancel | None) -> IndexReport:
    plan = _plan(reader)
    total = plan.total
    tally = _Tally()

    def step(count: int) -> bool:
        tally.done += count
        if progress is not None and count:
            progress(tally.done, max(total, tally.done))
        return cancel is not None and cancel()

    if progress is not None and total:
        progress(0, total)
    size = max(int(batch), 1)
    for kind in KINDS:
        source = SOURCES[kind]
        for dead in _chunks(plan.dead[kind], size):
            with unit_of_work(engine) as session:
                _Writer(session).remove_entries(dead)
            tally.count(kind, removed=len(dead))
            if step(len(dead)):
                return tally.report(cancelled=True)
        for ids in _chunks(plan.stale[kind], size):
            stopped = (_index_documents(engine, reader, store, ids, tally, step)
                       if kind == DOCUMENT else _index_rows(engine, source, ids, tally, step))
            if stopped:
                return tally.report(cancelled=True)
    return tally.report(cancelled=False)


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _apply(writer: _Writer, source: Source, rows: dict[uuid.UUID, SourceRow],
           bodies: dict[uuid.UUID, _Text] | None, tally: _Tally) -> None:
    gone = [row_id for row_id, row in rows.items() if not row.alive]
    removed = writer.remove(source.kind, gone)
    indexed = 0
    for row in rows.values():
        if not row.alive:
            continue
        if bodies is None:
            writer.put(source.kind, row, row.body)
            indexed += 1
            continue
        got = bodies.get(row.id)
        if got is None or got.sha256 != row.sha256:
            continue  # a new version came meanwhile: the document is stale again
        if got.status is not None:
            writer.blob_status(row.sha256, got.status, got.error)
        writer.put(source.kind, row, got.body)
        indexed += 1
    tally.count(source.kind, indexed=indexed, removed=removed)


def _index_rows(engine: Engine, source: Source, ids: list[uuid.UUID], tally: _Tally,
                step: Callable[[int], bool]) -> bool:
    with unit_of_work(engine) as session:
        writer = _Writer(session)
        _apply(writer, source, writer.rows(source, ids), None, tally)
    return step(len(ids))


def _index_documents(engine: Engine, reader: Reader, store: BlobStore, ids: list[uuid.UUID],
                     tally: _Tally, step: Callable[[int], bool]) -> bool:
    """Read the files' text with no transaction open, then record it chunk by chunk."""
    source = SOURCES[DOCUMENT]
    id_list, params = in_clause("i", ids)
    files = reader.rows(
        "SELECT d.id, d.sha256, d.file_name, d.media_type, b.text_status, b.size, "
        "(d.deleted_at IS NULL AND c.deleted_at IS NULL) FROM documents d "
        "LEFT JOIN cases c ON c.id = d.case_id LEFT JOIN blobs b ON b.sha256 = d.sha256 "
        f"WHERE d.id IN ({id_list})", params)
    order = {doc_id: n for n, doc_id in enumerate(ids)}  # the plan's (storage) order
    files.sort(key=lambda r: order.get(as_uuid(r[0]), 0))
    chunk: dict[uuid.UUID, _Text] = {}
    chars = 0

    def flush() -> None:
        nonlocal chars
        if not chunk:
            return
        with unit_of_work(engine) as session:
            writer = _Writer(session)
            _apply(writer, source, writer.rows(source, list(chunk)), chunk, tally)
        chunk.clear()
        chars = 0

    for doc_id, sha256, file_name, media_type, status, size, alive in files:
        got = (_read_text(store, str(sha256 or ""), str(file_name or ""),
                          str(media_type or ""), status, size, tally)
               if alive else _Text(str(sha256 or ""), "", None))  # its entry just goes
        chunk[as_uuid(doc_id)] = got
        chars += len(got.body)
        if len(chunk) >= DOC_CHUNK or chars >= CHUNK_CHARS:
            flush()
        if step(1):
            flush()
            return True
    flush()
    return False


def _read_text(store: BlobStore, sha256: str, file_name: str, media_type: str, status: Any,
               size: Any, tally: _Tally) -> _Text:
    known = str(status or "")
    if not sha256 or known in (TextStatus.UNSUPPORTED.value, TextStatus.FAILED.value):
        return _Text(sha256, "", None)  # its status says why; a rebuild tries again
    try:
        if int(size or 0) > text_extract.MAX_FILE_BYTES:
            raise text_extract.UnsupportedKind(text_extract.too_large_message())
        data = store.read_bytes(sha256)
        body = text_extract.extract_text(data, media_type=media_type, file_name=file_name)
        result = _Text(sha256, body, TextStatus.DONE)
    except text_extract.UnsupportedKind as exc:
        result = _Text(sha256, "", TextStatus.UNSUPPORTED, str(exc))
        tally.unsupported += 1
    except text_extract.DamagedFile as exc:
        result = _Text(sha256, "", TextStatus.FAILED, str(exc))
        tally.failed += 1
    except Exception as exc:  # a missing file (NotFound), an unreadable one (OSError), a bug
        # in a reader library: the document is still found by its title; the reason is kept.
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        result = _Text(sha256, "", TextStatus.FAILED,
                       f"The stored file could not be read: {message}")
        tally.failed += 1
    tally.files_read += 1
    return result


def rebuild(engine: Engine, store: BlobStore, *, batch: int = 200,
            progress: Progress | None = None, cancel: Cancel | None = None) -> IndexReport:
    """Empty the index, forget every file's text status (so failed ones are tried again), and
    index everything. If cancelled, what was indexed stays; `index_pending` carries on."""
    with unit_of_work(engine) as session:
        writer = _Writer(session)
        if writer.dialect == "sqlite":
            writer.exec("DELETE FROM search_fts")
        writer.exec("DELETE FROM search_entries")
        writer.exec("UPDATE blobs SET text_status = :s, text_error = ''",
                    {"s": TextStatus.PENDING.value})
    return index_pending(engine, store, batch=batch, progress=progress, cancel=cancel)
