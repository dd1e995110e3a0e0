"""Keeps the full-text index caught up in the background (its own thread and connection).

Adding a document never waits for its text: after any change to what is searchable the
indexer is scheduled (coalesced), reads the files on its own thread, writes in short
transactions (services/search_index.index_pending) and reports progress. It never runs on the
database worker, so the window's reads and writes do not queue behind a long PDF.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from casedesk.domain.changes import Changes
from casedesk.persistence.locations import DataLocation
from casedesk.ui.db import Database

COALESCE_MS = 700  # a burst of changes (an import, typing in a note) starts one catch-up


def _searchable(changes: Changes) -> bool:
    return (changes.cases or changes.contacts or changes.notes or changes.correspondence
            or changes.documents)


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object, str)  # IndexReport | None, error text ("" when none)

    def __init__(self, location: DataLocation, cancel: threading.Event) -> None:
        super().__init__()
        self._location = location
        self._cancel = cancel
        self._engine: Any = None

    @Slot()
    def run(self) -> None:
        try:
            from casedesk.persistence.blob_store import BlobStore
            from casedesk.persistence.engine import make_engine
            from casedesk.services.search_index import index_pending

            if self._engine is None:
                self._engine = make_engine(self._location.database_url)
            report = index_pending(self._engine, BlobStore(self._location.documents_dir),
                                   progress=self.progress.emit, cancel=self._cancel.is_set)
        except Exception as exc:  # keep the window going; the next change retries
            self.finished.emit(None, f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(report, "")

    @Slot()
    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        thread = self.thread()
        if thread is not None:
            thread.quit()


class SearchIndexer(QObject):
    """Schedules catch-ups after searchable changes; one at a time, never on the GUI thread."""

    progress = Signal(int, int)  # done, total (only while there is work)
    finished = Signal(object)  # IndexReport, or None after a failure
    failed = Signal(str)
    _run = Signal()
    _close = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._cancel = threading.Event()
        self.running = False
        self._again = False
        self._closed = False
        self._thread = QThread()
        self._thread.setObjectName("casedesk-search-index")
        self._worker = _Worker(db.location, self._cancel)
        self._worker.moveToThread(self._thread)
        self._run.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.progress.connect(self.progress)
        self._worker.finished.connect(self._on_finished)
        self._thread.start()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._start)
        self._own_changes = False
        db.changed.connect(self._on_changed)

    def schedule(self, delay_ms: int | None = None) -> None:
        if self._closed:
            return
        self._timer.start(COALESCE_MS if delay_ms is None else delay_ms)

    @property
    def idle(self) -> bool:
        return not self.running and not self._timer.isActive()

    def _on_changed(self, changes: Changes) -> None:
        if not self._own_changes and _searchable(changes):
            self.schedule()

    def _start(self) -> None:
        if self._closed:
            return
        if self.running:
            self._again = True
            return
        self.running = True
        self._again = False
        self._run.emit()

    def _on_finished(self, report: Any, error: str) -> None:
        self.running = False
        if error:
            self.failed.emit(error)
        elif report is not None and report.changes.any():
            self._own_changes = True  # the indexer's own news must not start it again
            try:
                self._db.changed.emit(report.changes)
            finally:
                self._own_changes = False
        self.finished.emit(report)
        if self._again and not self._closed:
            self.schedule(0)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel a catch-up in progress (what it finished stays) and stop the thread."""
        self._closed = True
        self._timer.stop()
        self._cancel.set()
        if not self._thread.isRunning():
            return True
        self._close.emit()
        return bool(self._thread.wait(timeout_ms))
