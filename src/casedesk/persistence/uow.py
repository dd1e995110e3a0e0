"""Units of work: one user action is one transaction; versions and stamps move on change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from casedesk.domain.models import Record
from casedesk.domain.types import utcnow
from casedesk.persistence.engine import WRITE_OPTION

_TOUCHED = "casedesk_touched"


def _stamp_changes(session: OrmSession, _context: Any, _instances: Any) -> None:
    """Move `version` and `updated_at` on, once per transaction, for rows that really changed.

    Rows created in this transaction start at version 1 however often they are flushed.
    """
    touched: set[int] = session.info.setdefault(_TOUCHED, set())
    for obj in session.new:
        touched.add(id(obj))
    now = utcnow()
    for obj in session.dirty:
        if not isinstance(obj, Record) or id(obj) in touched:
            continue
        if _really_changed(obj):
            obj.version = (obj.version or 0) + 1
            obj.updated_at = now
            touched.add(id(obj))


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


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """Begin a write transaction; commit if the block succeeds, roll back if it raises."""
    session = Session(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
    try:
        yield session
        session.commit()
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
