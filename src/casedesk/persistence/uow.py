"""Units of work: one user action is one transaction; versions and stamps move on change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from casedesk.domain.errors import CasedeskError, ConcurrentEdit, RuleViolation
from casedesk.domain.models import Record
from casedesk.domain.types import utcnow
from casedesk.persistence.engine import WRITE_OPTION

_TOUCHED = "casedesk_touched"
# What a ConcurrentEdit message calls a row of each table.
_WHAT = {"staff": "staff member", "conflict_checks": "conflict check", "parties": "party"}
# PostgreSQL's "serialization failure" and "deadlock detected": another desk got there first.
_CONCURRENCY_SQLSTATES = frozenset({"40001", "40P01"})
_UNIQUE_VIOLATION = "23505"


def _row_key(obj: Record) -> tuple[str, Any]:
    # By table and primary key, not id(obj): the session holds clean rows only weakly, so a row
    # flushed earlier in the transaction may be collected and loaded again as a new object.
    return (str(getattr(type(obj), "__tablename__", type(obj).__name__)), obj.id)


def _stamp_changes(session: OrmSession, _context: Any, _instances: Any) -> None:
    """Move `version` and `updated_at` on, once per transaction, for rows that really changed.

    Rows created in this transaction start at version 1 however often they are flushed.
    """
    touched: set[tuple[str, Any]] = session.info.setdefault(_TOUCHED, set())
    for obj in session.new:
        if isinstance(obj, Record):
            touched.add(_row_key(obj))
    changed = [obj for obj in session.dirty if isinstance(obj, Record)
               and _row_key(obj) not in touched and _really_changed(obj)]
    if changed and session.get_bind().dialect.name != "sqlite":
        _lock_unchanged_since_read(session, changed)
    now = utcnow()
    for obj in changed:
        obj.version = (obj.version or 0) + 1
        obj.updated_at = now
        touched.add(_row_key(obj))


def _lock_unchanged_since_read(session: OrmSession, rows: list[Record]) -> None:
    """Lock the rows about to change and refuse if another desk changed one since we read it.

    SQLite needs none of this: a write transaction holds the whole database from BEGIN
    IMMEDIATE. On a server, two desks can read the same version at once; the row lock makes the
    second wait for the first to commit and then see (and refuse on) its new version.
    """
    by_class: dict[type[Record], dict[Any, Record]] = {}
    for obj in rows:
        by_class.setdefault(type(obj), {})[obj.id] = obj
    connection = session.connection()
    for cls, objs in sorted(by_class.items(), key=lambda item: item[0].__name__):
        table: Any = cls.__table__  # type: ignore[attr-defined]
        query = (select(table.c.id, table.c.version).where(table.c.id.in_(list(objs)))
                 .order_by(table.c.id).with_for_update())
        current: dict[Any, int] = {row_id: version for row_id, version in connection.execute(query)}
        for row_id, obj in objs.items():
            if row_id in current and current[row_id] != obj.version:
                raise ConcurrentEdit(_WHAT.get(table.name, table.name.rstrip("s")))


def _really_changed(obj: Record) -> bool:
    from sqlalchemy import inspect

    state = inspect(obj)
    return any(attr.history.has_changes() for attr in state.attrs
               if attr.key not in ("updated_at", "version"))


def _forget_touched(session: OrmSession, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_TOUCHED, None)


event.listen(OrmSession, "after_transaction_end", _forget_touched)
event.listen(OrmSession, "before_flush", _stamp_changes)


def _concurrency_error(exc: DBAPIError) -> CasedeskError | None:
    """What a server error caused by another desk's simultaneous write means to the user.

    On SQLite one writer at a time holds the file, so services' own checks (e.g. "number
    already used") see every committed row; on a server, two desks can pass them at once.
    """
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate in _CONCURRENCY_SQLSTATES:
        return ConcurrentEdit("record")
    if sqlstate == _UNIQUE_VIOLATION:
        detail = getattr(getattr(exc.orig, "diag", None), "message_detail", None) or ""
        return RuleViolation(f"Someone else saved the same value at the same moment ({detail}). "
                             "Reload and make your change again; nothing of it was saved.")
    return None


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """Begin a write transaction; commit if the block succeeds, roll back if it raises."""
    session = Session(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except DBAPIError as exc:
        session.rollback()
        mapped = _concurrency_error(exc)
        if mapped is None:
            raise
        raise mapped from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading only; whatever it did is rolled back."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    finally:
        session.rollback()
        session.close()
