"""The database worker: every read and write runs on one background thread, results come back
on the GUI thread through queued signals, so the window never waits on I/O.

Three kinds of job:
- `plain(fn, *args)`: `fn(reader, *args)` with plain SQL (the big lists; no ORM, no SQLAlchemy
  import on SQLite, so the first page is ready before SQLAlchemy has even loaded);
- `read(fn, *args)`: `fn(session, *args)` in a read-only session;
- `write(fn, **kwargs)`: `fn(session, **kwargs)` in one unit of work; on success `changed`
  fires with the `Changes` it returned, so panes refresh what they show.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from casedesk.domain.changes import Changes
from casedesk.domain.errors import CasedeskError, EnvironmentFault
from casedesk.persistence.locations import DataLocation

Callback = Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class JobError:
    """What the GUI shows when a job fails: a plain message, details behind a button."""

    message: str
    details: str
    is_bug: bool
    error: BaseException | None = None


@dataclass(frozen=True, slots=True)
class _Job:
    job_id: int
    kind: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


class _Worker(QObject):
    """Lives on the worker thread; owns the reader and the engine."""

    done = Signal(int, object, object)  # job id, result, JobError | None

    def __init__(self, location: DataLocation) -> None:
        super().__init__()
        self._location = location
        self._reader: Any = None
        self._engine: Any = None

    def _get_reader(self) -> Any:
        if self._reader is None:
            from casedesk.persistence.reader import EngineReader, SqliteReader

            path = self._location.sqlite_path
            self._reader = SqliteReader(path) if path else EngineReader(self._get_engine())
        return self._reader

    def _get_engine(self) -> Any:
        if self._engine is None:
            from casedesk.persistence.engine import make_engine

            self._engine = make_engine(self._location.database_url)
        return self._engine

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = self._execute(job)
        except CasedeskError as exc:
            self.done.emit(job.job_id, None, JobError(exc.message, exc.details or "", False, exc))
        except OSError as exc:
            fault = EnvironmentFault(f"The computer refused: {exc.strerror or exc}")
            self.done.emit(job.job_id, None,
                           JobError(fault.message, f"{exc!r}", False, fault))
        except Exception as exc:  # a bug: say so plainly, keep the traceback for Details
            self.done.emit(job.job_id, None, JobError(
                "Something went wrong inside casedesk; nothing was saved. "
                "Please report this with the details.",
                traceback.format_exc(), True, exc))
        else:
            self.done.emit(job.job_id, result, None)

    def _execute(self, job: _Job) -> Any:
        if job.kind == "plain":
            return job.fn(self._get_reader(), *job.args, **job.kwargs)
        if job.kind == "call":
            return job.fn(*job.args, **job.kwargs)
        from casedesk.persistence.uow import read_session, unit_of_work

        if job.kind == "read":
            with read_session(self._get_engine()) as session:
                return job.fn(session, *job.args, **job.kwargs)
        with unit_of_work(self._get_engine()) as session:
            return job.fn(session, *job.args, **job.kwargs)

    @Slot()
    def close(self) -> None:
        """The last job: it runs after every job queued before it, then ends the thread."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        thread = self.thread()
        if thread is not None:
            thread.quit()


class Database(QObject):
    """The GUI's handle on the practice database (constructed once in app.py)."""

    changed = Signal(object)  # Changes
    busy_changed = Signal(bool)
    unhandled_error = Signal(object)  # JobError, for jobs submitted without on_error
    _submit = Signal(object)
    _close = Signal()

    def __init__(self, location: DataLocation, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.location = location
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callback | None, Callable[[JobError], None] | None,
                                       bool]] = {}
        self._thread = QThread()
        self._thread.setObjectName("casedesk-db")
        self._worker = _Worker(location)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.done.connect(self._on_done)
        self._thread.start()

    # -- submitting -------------------------------------------------------------------------
    def plain(self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None,
              on_error: Callable[[JobError], None] | None = None, **kwargs: Any) -> int:
        return self._send("plain", fn, args, kwargs, on_done, on_error)

    def read(self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None,
             on_error: Callable[[JobError], None] | None = None, **kwargs: Any) -> int:
        return self._send("read", fn, args, kwargs, on_done, on_error)

    def write(self, fn: Callable[..., Any], *, on_done: Callback | None = None,
              on_error: Callable[[JobError], None] | None = None, **kwargs: Any) -> int:
        return self._send("write", fn, (), kwargs, on_done, on_error)

    def call(self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None,
             on_error: Callable[[JobError], None] | None = None) -> int:
        """Run any function on the worker thread (long work such as imports and exports)."""
        return self._send("call", fn, args, {}, on_done, on_error)

    def _send(self, kind: str, fn: Callable[..., Any], args: tuple[Any, ...],
              kwargs: dict[str, Any], on_done: Callback | None,
              on_error: Callable[[JobError], None] | None) -> int:
        job_id = next(self._ids)
        self._pending[job_id] = (on_done, on_error, kind == "write")
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._submit.emit(_Job(job_id, kind, fn, args, kwargs))
        return job_id

    @Slot(int, object, object)
    def _on_done(self, job_id: int, result: Any, error: JobError | None) -> None:
        on_done, on_error, is_write = self._pending.pop(job_id, (None, None, False))
        if not self._pending:
            self.busy_changed.emit(False)
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                self.unhandled_error.emit(error)
            return
        if is_write:
            changes = result[0] if isinstance(result, tuple) else result
            if isinstance(changes, Changes) and changes.any():
                self.changed.emit(changes)
        if on_done is not None:
            on_done(result)

    @property
    def idle(self) -> bool:
        return not self._pending

    @property
    def writing(self) -> bool:
        """A write is queued or running (quitting now would roll it back)."""
        return any(is_write for _d, _e, is_write in self._pending.values())

    def shutdown(self, timeout_ms: int = 120_000) -> bool:
        """Finish the queued work, close the connections and stop the thread.

        The close request queues behind the jobs already sent, so none is dropped. Returns
        False if the worker is still busy after `timeout_ms` (its transaction is then rolled
        back when the process ends; nothing is half-written).
        """
        if not self._thread.isRunning():
            return True
        self._close.emit()
        return bool(self._thread.wait(timeout_ms))
