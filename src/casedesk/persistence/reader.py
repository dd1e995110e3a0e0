"""Plain-SQL reads for the lists that grow with the practice (no ORM objects, no SQLAlchemy
import on the SQLite path, so the first paint of the case list stays fast)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

Params = Mapping[str, Any]
BUSY_TIMEOUT_MS = 10_000  # how long a read waits for a writer before giving up


class Reader(Protocol):
    """Runs a SELECT written with `:name` parameters and returns plain tuples."""

    dialect: str

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]: ...

    def close(self) -> None: ...


def _adapt_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex  # how SQLAlchemy's Uuid type stores ids in SQLite
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime passed to a query: {value!r}")
        # How SQLAlchemy writes a UTC stamp in SQLite, so text comparison orders correctly.
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _adapt(params: Params | None) -> dict[str, Any]:
    """Parameters as SQLite stores them (no reliance on sqlite3's deprecated adapters)."""
    return {k: _adapt_value(v) for k, v in (params or {}).items()}


class SqliteReader:
    """A read connection on the SQLite file through the stdlib driver."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000,
                                     check_same_thread=False, isolation_level=None)
        self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self._conn.execute("PRAGMA query_only=ON")

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, _adapt(params)).fetchall()

    def close(self) -> None:
        self._conn.close()


class EngineReader:
    """The same interface over a SQLAlchemy engine (PostgreSQL, or SQLite in tests)."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.dialect = str(engine.dialect.name)

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        from sqlalchemy import text

        bound = _adapt(params) if self.dialect == "sqlite" else dict(params or {})
        with self._engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), bound)]

    def close(self) -> None:
        """The engine belongs to the caller."""


def as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def as_opt_uuid(value: Any) -> uuid.UUID | None:
    return None if value is None else as_uuid(value)


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_utc(value: Any) -> datetime | None:
    """A stamp read with plain SQL as an aware UTC datetime (SQLite gives text)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def like_terms(text: str) -> list[str]:
    """Each word of a filter as a LIKE pattern (escaped, lowercase)."""
    words = text.casefold().split()
    return ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for w in words]


def in_clause(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """`:name0, :name1, ...` and its parameters, for an IN list."""
    params = {f"{name}{i}": v for i, v in enumerate(values)}
    return ", ".join(":" + k for k in params), params
