"""The test PostgreSQL server: is it reachable, and a fresh throwaway database on it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

# The admin connection (libpq form); CI and developer machines run the server at 127.0.0.1.
ADMIN_DSN_ENV = "CASEDESK_TEST_PG_ADMIN"
DEFAULT_ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
DB_PREFIX = "casedesk_test_"


def admin_dsn() -> str:
    return os.environ.get(ADMIN_DSN_ENV) or DEFAULT_ADMIN_DSN


def _admin_connection() -> Any:
    import psycopg

    return psycopg.connect(admin_dsn(), autocommit=True, connect_timeout=3)


@cache
def unreachable_reason() -> str | None:
    """Why the server cannot be used (asked once per test run), or None when it can."""
    import psycopg

    try:
        with _admin_connection() as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        return f"PostgreSQL server not reachable ({admin_dsn()}): {first_line}"
    return None


def sqlalchemy_url(database: str) -> str:
    """The casedesk URL of a database on the admin connection's server and role."""
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(admin_dsn())
    user = info.get("user") or "postgres"
    host = info.get("host") or "127.0.0.1"
    port = info.get("port") or "5432"
    password = f":{info['password']}" if info.get("password") else ""
    return f"postgresql+psycopg://{user}{password}@{host}:{port}/{database}"


@contextmanager
def fresh_database() -> Iterator[str]:
    """Create an empty database with a random name; yield its name; drop it afterwards."""
    name = DB_PREFIX + uuid.uuid4().hex[:12]
    with _admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with _admin_connection() as conn:
            # FORCE ends any connection a failed test left open (PostgreSQL 13+).
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def fresh_role() -> Iterator[str]:
    """A login role with no rights of its own (dropped afterwards)."""
    name = "casedesk_test_role_" + uuid.uuid4().hex[:12]
    with _admin_connection() as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN')
    try:
        yield name
    finally:
        with _admin_connection() as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')

