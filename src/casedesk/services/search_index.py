"""The full-text index over documents, cases, contacts, notes and correspondence.

Pull-based: nothing is indexed while a row is written. `index_pending` later finds what is
stale - a row with no entry, a row whose `version` moved past the entry's `source_version`,
an entry whose row was deleted (or whose case was) - and brings it up to date in short
transactions, reading each file's text outside any transaction (search_texts.py: each stored
file once, in worker processes when there are many). So adding a document never waits for
indexing, and rows may change while it runs (a changed row is simply stale again).

Storage (migration 0004): `search_entries` (kind, ref_id, case_id, source_version) whose id is
the rowid of the FTS5 table `search_fts(title, body)` on SQLite; on PostgreSQL title/body are
columns of `search_entries` with a GIN index over search_results.TSVECTOR_SQL. Entries are
written a batch at a time (search_writer.py). Searching is in search_query.py (what was typed)
and search_results.py (`search`, re-exported here).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine

from casedesk.domain.changes import Changes
from casedesk.domain.enums import TextStatus
from casedesk.persistence.blob_store import BlobStore
from casedesk.persistence.reader import EngineReader, Reader, SqliteReader, as_uuid
from casedesk.persistence.uow import unit_of_work
from casedesk.services.search_query import (
    HL_END,
    HL_START,
    highlight_brackets,
    highlight_html,
    parse_query,
    strip_markers,
)
from casedesk.services.search_results import SearchHit, search
from casedesk.services.search_sources import DOCUMENT, KINDS, SOURCES, Source, SourceRow
from casedesk.services.search_texts import (
    DocFile,
    FileText,
    document_files,
    read_texts,
    worker_count,
)
from casedesk.services.search_writer import EntryWriter

__all__ = ["HL_END", "HL_START", "KINDS", "IndexReport", "SearchHit", "highlight_brackets",
           "highlight_html", "index_pending", "parse_query", "rebuild", "search",
           "stale_counts", "strip_markers"]

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (done, total) - total is an estimate made at the start
Cancel = Callable[[], bool]

# Rows per write transaction. Each transaction is a few statements whatever its size (see
# search_writer.py), so its time is mostly the text the database tokenizes: a few ms here.
BATCH = 200
# Documents' text is written after this much time spent reading files, or once this much text
# is waiting: a desk adding a document waits for the indexer a few milliseconds at most, and
# what was read is kept if the indexing is cancelled.
FLUSH_SECONDS = 0.15
CHUNK_CHARS = 4_000_000

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


# -- indexing --------------------------------------------------------------------------------
def index_pending(engine: Engine, store: BlobStore, *, batch: int = BATCH,
                  progress: Progress | None = None, cancel: Cancel | None = None,
                  workers: int | None = None) -> IndexReport:
    """Bring the index up to date; returns what it did. Safe to run while others write.

    Commits every `batch` rows; documents' text is read with no transaction open and written
    every FLUSH_SECONDS of reading (or `batch` files, or CHUNK_CHARS of text), so what is done
    stays done if it is cancelled or fails part-way. Rows added after it started are left for
    the next run. `workers`: processes reading files when there are many (None: one per core,
    see search_texts.worker_count; 0: read them here).
    """
    reader = _reader_for(engine)
    readers = worker_count() if workers is None else max(int(workers), 0)
    try:
        return _run(engine, reader, store, max(int(batch), 1), readers, progress, cancel)
    finally:
        reader.close()


def _reader_for(engine: Engine) -> Reader:
    """Plain reads: the stdlib driver on SQLite (a third faster over 100,000 rows)."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return SqliteReader(Path(database))
    return EngineReader(engine)


def _run(engine: Engine, reader: Reader, store: BlobStore, size: int, workers: int,
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
    for kind in KINDS:
        for dead in _chunks(plan.dead[kind], size):
            with unit_of_work(engine) as session:
                EntryWriter(session).remove_entries(dead)
            tally.count(kind, removed=len(dead))
            if step(len(dead)):
                return tally.report(cancelled=True)
        stale = plan.stale[kind]
        if kind == DOCUMENT:
            files = document_files(reader, stale)
            stopped = _index_documents(engine, read_texts(store, files, workers=workers),
                                       size, tally, step)
        else:
            stopped = any(_index_rows(engine, SOURCES[kind], ids, tally, step)
                          for ids in _chunks(stale, size))
        if stopped:
            return tally.report(cancelled=True)
    return tally.report(cancelled=False)


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _apply(writer: EntryWriter, source: Source, ids: list[uuid.UUID],
           texts: dict[uuid.UUID, FileText] | None, tally: _Tally) -> None:
    """Write the entries of these rows as they are in this transaction, in the order given
    (new entries' ids follow it: the search ranks the newest by id); `texts`: documents'."""
    rows = writer.rows(source, ids)
    removed = writer.remove(source.kind, [row_id for row_id, row in rows.items()
                                          if not row.alive])
    items: list[tuple[SourceRow, str]] = []
    statuses: dict[str, tuple[TextStatus, str]] = {}
    for row_id in ids:
        row = rows.get(row_id)
        if row is None or not row.alive:
            continue
        if texts is None:
            items.append((row, row.body))
            continue
        got = texts.get(row.id)
        if got is None or got.sha256 != row.sha256:
            continue  # a new version came meanwhile: the document is stale again
        if got.status is not None:
            statuses[got.sha256] = (got.status, got.error)
        items.append((row, got.body))
    writer.blob_status(statuses)
    writer.put(source.kind, items)
    tally.count(source.kind, indexed=len(items), removed=removed)


def _index_rows(engine: Engine, source: Source, ids: list[uuid.UUID], tally: _Tally,
                step: Callable[[int], bool]) -> bool:
    with unit_of_work(engine) as session:
        _apply(EntryWriter(session), source, ids, None, tally)
    return step(len(ids))


def _index_documents(engine: Engine, texts: Generator[tuple[DocFile, FileText], None, None],
                     size: int, tally: _Tally, step: Callable[[int], bool]) -> bool:
    """Record the files' text (read with no transaction open) a short chunk at a time.

    A chunk is written after FLUSH_SECONDS of reading (or `size` files, or CHUNK_CHARS of
    text), so a desk that wants to write waits for one short transaction at most.
    """
    source = SOURCES[DOCUMENT]
    chunk: dict[uuid.UUID, FileText] = {}
    chars = 0
    since = time.monotonic()

    def flush() -> None:
        nonlocal chars, since
        if chunk:
            with unit_of_work(engine) as session:
                _apply(EntryWriter(session), source, list(chunk), chunk, tally)
            chunk.clear()
        chars = 0
        since = time.monotonic()

    with contextlib.closing(texts):  # a cancel drops the reads not started yet
        for file, got in texts:
            if got.status is not None:
                tally.files_read += 1
                tally.unsupported += got.status is TextStatus.UNSUPPORTED
                tally.failed += got.status is TextStatus.FAILED
            chunk[file.id] = got
            chars += len(got.body)
            if (len(chunk) >= size or chars >= CHUNK_CHARS
                    or time.monotonic() - since >= FLUSH_SECONDS):
                flush()
            if step(1):
                flush()
                return True
    flush()
    return False


def rebuild(engine: Engine, store: BlobStore, *, batch: int = BATCH,
            progress: Progress | None = None, cancel: Cancel | None = None,
            workers: int | None = None) -> IndexReport:
    """Index everything again, reading every file (those that failed before too).

    Every entry is marked stale rather than deleted, so searching keeps working while the
    entries are replaced; if cancelled, what was redone stays and `index_pending` carries on.
    """
    with unit_of_work(engine) as session:
        EntryWriter(session).clear()
    return index_pending(engine, store, batch=batch, progress=progress, cancel=cancel,
                         workers=workers)
