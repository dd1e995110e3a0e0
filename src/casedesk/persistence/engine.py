"""SQLAlchemy engine with per-connection SQLite pragmas and write transactions that lock early."""

from __future__ import annotations

from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

from casedesk.domain.errors import EnvironmentFault, InvalidInput
from casedesk.persistence.reader import BUSY_TIMEOUT_MS

WRITE_OPTION = "casedesk_write"
SERVER_CONNECT_TIMEOUT_S = 10
_SUPPORTED = "sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/DATABASE"


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Pragmas are per connection, so they are set on every new one.
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # A write takes the database lock at BEGIN, so two writers queue instead of one failing
    # with "database is locked" half-way through its unit of work.
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def database_url_object(database_url: str) -> URL:
    """The parsed URL; plain `postgresql://` (or `postgres://`) means the psycopg 3 driver."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(database_url)
    except ArgumentError:
        raise InvalidInput(f"{database_url!r} is not a database URL (use {_SUPPORTED}).",
                           field="database_url") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise InvalidInput(f"casedesk works with SQLite or PostgreSQL, not {url.drivername} "
                           f"(use {_SUPPORTED}).", field="database_url")
    return url


def describe_url(database_url: str) -> str:
    """The URL for messages: without its password."""
    try:
        return database_url_object(database_url).render_as_string(hide_password=True)
    except InvalidInput:
        return "the database URL"


def make_engine(database_url: str, *, echo: bool = False) -> Engine:
    """An engine for the practice database (SQLite file or PostgreSQL server)."""
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    url = database_url_object(database_url)
    try:
        return create_engine(url, echo=echo, pool_pre_ping=True,
                             connect_args={"connect_timeout": SERVER_CONNECT_TIMEOUT_S})
    except ImportError as exc:
        raise EnvironmentFault(
            f"The PostgreSQL driver ({exc.name or url.get_driver_name()}) is not installed; "
            "install casedesk with its postgres extra (pip install 'casedesk[postgres]').",
        ) from None
