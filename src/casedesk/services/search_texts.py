"""The text of the stored files behind stale documents, read outside any transaction.

The same stored file (documents share bytes: a copy filed in two cases, an attachment sent
twice) is read once per catch-up. A file whose text is known to be unreadable is not tried
again (a rebuild forgets that and retries).
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import signal
import sys
import uuid
from collections import Counter
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from casedesk.domain.enums import TextStatus
from casedesk.persistence.blob_store import BlobStore
from casedesk.persistence.reader import Reader, as_uuid, in_clause
from casedesk.services import text_extract

# Text kept in memory for files that more documents of this catch-up still need.
KEEP_CHARS = 50_000_000
META_CHUNK = 1_000
# Worker processes pay off from this many files on (starting one takes a few tenths of a
# second). Each takes GROUP_FILES files a task and has GROUPS_AHEAD tasks queued, so it never
# waits for the parent.
POOL_MIN_FILES = 200
MAX_WORKERS = 4
GROUP_FILES = 8
GROUPS_AHEAD = 3
WORKER_NICENESS = 5
# A frozen (PyInstaller) build can start worker processes only once its entry point calls
# multiprocessing.freeze_support() first thing; until then it reads files in-process.
FROZEN_WORKERS = False


@dataclass(frozen=True, slots=True)
class DocFile:
    """A stale document's stored file, as the plain read before any transaction saw it."""

    id: uuid.UUID
    sha256: str
    file_name: str
    media_type: str
    status: str  # the blob's text status as last recorded
    size: int
    alive: bool  # False: the document (or its case) was deleted - its entry just goes

    @property
    def needs_reading(self) -> bool:
        return bool(self.alive and self.sha256 and self.status not in (
            TextStatus.UNSUPPORTED.value, TextStatus.FAILED.value))


@dataclass(frozen=True, slots=True)
class FileText:
    """A file's text as read, for the file it was read from."""

    sha256: str
    body: str
    status: TextStatus | None  # None: not read; the blob's status stays as it was
    error: str = ""


def document_files(reader: Reader, ids: Sequence[uuid.UUID]) -> list[DocFile]:
    """The files of these documents, in the order of `ids` (documents gone are left out)."""
    found: dict[uuid.UUID, DocFile] = {}
    for start in range(0, len(ids), META_CHUNK):
        id_list, params = in_clause("i", ids[start:start + META_CHUNK])
        for doc_id, sha256, file_name, media_type, status, size, alive in reader.rows(
                "SELECT d.id, d.sha256, d.file_name, d.media_type, b.text_status, b.size, "
                "(d.deleted_at IS NULL AND c.deleted_at IS NULL) FROM documents d "
                "LEFT JOIN cases c ON c.id = d.case_id LEFT JOIN blobs b ON b.sha256 = d.sha256 "
                f"WHERE d.id IN ({id_list})", params):
            file = DocFile(as_uuid(doc_id), str(sha256 or ""), str(file_name or ""),
                           str(media_type or ""), str(status or ""), int(size or 0),
                           bool(alive))
            found[file.id] = file
    return [found[doc_id] for doc_id in ids if doc_id in found]


def worker_count() -> int:
    """How many processes read files during a big catch-up: one per core but one (left to the
    window and the indexer's writes), at most MAX_WORKERS; none below two (on two cores the
    workers' start and hand-over cost about what they gain), nor in a frozen build (see
    FROZEN_WORKERS)."""
    if getattr(sys, "frozen", False) and not FROZEN_WORKERS:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(MAX_WORKERS, (cores or 1) - 1)
    return workers if workers >= 2 else 0


def read_texts(store: BlobStore, files: Sequence[DocFile], *,
               workers: int = 0) -> Generator[tuple[DocFile, FileText], None, None]:
    """Each file's text, in order; a stored file needed by several documents is read once.

    With `workers` and at least POOL_MIN_FILES files to read, the reading (pure-Python
    parsers: one core each) runs ahead in that many worker processes while the caller writes
    what came back. Closing the generator early drops the reads not started yet.
    """
    needed = [f for f in files if f.needs_reading]
    wanted = Counter(f.sha256 for f in needed)
    distinct: dict[str, DocFile] = {}  # the first document of each stored file
    for file in needed:
        distinct.setdefault(file.sha256, file)
    reads = _Reads(store, list(distinct.values()),
                   workers if len(distinct) >= POOL_MIN_FILES else 0)
    try:
        for file in files:
            if not file.needs_reading:
                # Deleted: no text, and none recorded should it come back meanwhile (its
                # entry then waits for the next run rather than get an empty body).
                yield file, FileText(file.sha256 if file.alive else "", "", None)
                continue
            wanted[file.sha256] -= 1
            yield file, reads.take(file, keep=wanted[file.sha256] > 0)
    finally:
        reads.close()


class _Reads:
    """Reads of distinct stored files, in their order: here when asked for, or run ahead by
    worker processes in groups of GROUP_FILES (one task per file costs a fifth more)."""

    def __init__(self, store: BlobStore, files: list[DocFile], workers: int) -> None:
        self.store = store
        self.ready: dict[str, FileText] = {}  # read, and wanted again soon
        self.ready_chars = 0
        self.groups = [files[i:i + GROUP_FILES] for i in range(0, len(files), GROUP_FILES)]
        self.group_of = {f.sha256: n for n, group in enumerate(self.groups) for f in group}
        self.futures: dict[int, Future[list[FileText]]] = {}
        self.submitted = 0
        self.ahead = workers * GROUPS_AHEAD
        self.pool: ProcessPoolExecutor | None = None
        if workers > 0:
            # Spawn, never fork: the parent may be a Qt application with threads.
            self.pool = ProcessPoolExecutor(max_workers=workers,
                                            mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_worker_start)

    def take(self, file: DocFile, *, keep: bool) -> FileText:
        """The file's text; `keep`: another document needs it later in this run."""
        got = self.ready.pop(file.sha256, None)
        if got is None:
            got = self._read(file)
        else:
            self.ready_chars -= len(got.body)
        if keep and self.ready_chars + len(got.body) <= KEEP_CHARS:
            self.ready[file.sha256] = got
            self.ready_chars += len(got.body)
        return got

    def _read(self, file: DocFile) -> FileText:
        number = self.group_of.get(file.sha256)
        if self.pool is None or number is None:
            return read_text(self.store, file)
        while self.submitted <= min(number + self.ahead, len(self.groups) - 1):
            self.futures[self.submitted] = self.pool.submit(
                _read_group, self.store, self.groups[self.submitted])
            self.submitted += 1
        future = self.futures.pop(number, None)
        if future is None:  # its group came back earlier, and this text was not kept
            return read_text(self.store, file)
        try:
            texts = future.result()
        except Exception:  # a worker died (out of memory, a crash in a parser library)
            self.close()  # the rest is read here, as with no workers at all
            return read_text(self.store, file)
        got = None
        for other, text in zip(self.groups[number], texts, strict=True):
            if other.sha256 == file.sha256:
                got = text
            else:  # the next distinct files asked for
                self.ready[other.sha256] = text
                self.ready_chars += len(text.body)
        return got if got is not None else read_text(self.store, file)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
            self.futures.clear()


def _read_group(store: BlobStore, files: list[DocFile]) -> list[FileText]:
    """In a worker: the text of each file."""
    return [read_text(store, file) for file in files]


def _worker_start() -> None:
    """In each worker: below the application's priority, and deaf to Ctrl+C (the parent
    handles it and drops the pool)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)


def read_text(store: BlobStore, file: DocFile) -> FileText:
    """One file's text, or why it cannot be read (never raises for a bad file)."""
    sha256 = file.sha256
    try:
        if file.size > text_extract.MAX_FILE_BYTES:
            raise text_extract.UnsupportedKind(text_extract.too_large_message())
        data = store.read_bytes(sha256)
        if hashlib.sha256(data).hexdigest() != sha256:  # damaged in the store: index nothing
            return FileText(sha256, "", TextStatus.FAILED,
                            "The stored file is damaged (its contents no longer match its "
                            "SHA-256); run `casedesk check`.")
        body = text_extract.extract_text(data, media_type=file.media_type,
                                         file_name=file.file_name)
        return FileText(sha256, body, TextStatus.DONE)
    except text_extract.UnsupportedKind as exc:
        return FileText(sha256, "", TextStatus.UNSUPPORTED, str(exc))
    except text_extract.DamagedFile as exc:
        return FileText(sha256, "", TextStatus.FAILED, str(exc))
    except Exception as exc:  # a missing file (NotFound), an unreadable one (OSError), a bug
        # in a reader library: the document is still found by its title; the reason is kept.
        message: Any = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        return FileText(sha256, "", TextStatus.FAILED,
                        f"The stored file could not be read: {message}")
