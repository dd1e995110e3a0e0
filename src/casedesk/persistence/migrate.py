"""Open the practice database: create or migrate it (after a backup), refuse one too new.

The fast path (database already at SCHEMA_HEAD) reads one row with the stdlib `sqlite3` and
imports neither SQLAlchemy nor Alembic, so the GUI's cold start does not pay for them.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from casedesk.domain.errors import EnvironmentFault, SchemaTooNew
from casedesk.persistence.locations import DataLocation, ensure_folders

if TYPE_CHECKING:
    from sqlalchemy import Engine

# Every revision this casedesk knows, oldest first; the last is the head.
# tests/unit/test_migrations.py checks this against the Alembic scripts.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
# PostgreSQL advisory lock held while migrating ("casedesk" in ASCII, as a bigint).
_MIGRATION_LOCK_KEY = 0x636173656465736B


def autogenerate_includes(obj: object, name: str | None, type_: str, reflected: bool,
                          compare_to: object) -> bool:
    """Alembic `include_object`: leave out what the models do not describe, the FTS5 table
    (with its shadow tables) and PostgreSQL's full-text columns and index, written by hand in
    migration 0004."""
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    table = getattr(getattr(obj, "table", None), "name", "")
    if type_ == "column" and name in ("title", "body", "tsv") and table == "search_entries":
        return False
    return not (type_ == "index" and name == "ix_search_entries_tsv")


class SchemaState(Enum):
    MISSING = "missing"  # no database yet (first run)
    CURRENT = "current"
    OLDER = "older"  # needs migrating
    NEWER = "newer"  # written by a newer casedesk


def sqlite_revision(path: Path) -> str | None:
    """The Alembic revision stamped in a SQLite file, or None if it has none (or no file)."""
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise EnvironmentFault(f"The database {path} cannot be read: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise EnvironmentFault(f"{path} is not a casedesk database ({exc}).") from exc
    return str(row[0]) if row else None


def classify(revision: str | None) -> SchemaState:
    if revision is None:
        return SchemaState.MISSING
    if revision == SCHEMA_HEAD:
        return SchemaState.CURRENT
    if revision in KNOWN_REVISIONS:
        return SchemaState.OLDER
    return SchemaState.NEWER


def _too_new_message(revision: str) -> str:
    return (
        f"This practice database was written by a newer version of casedesk (schema {revision}; "
        f"this version knows up to {SCHEMA_HEAD}). Install the newer casedesk to open it; "
        "nothing was changed."
    )


def migrations_dir() -> Path:
    """The Alembic scripts shipped inside the package (works from a wheel and PyInstaller)."""
    from importlib.resources import files

    return Path(str(files("casedesk.resources") / "migrations"))


def _alembic_config(engine: Engine) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def _server_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError

    from casedesk.persistence.engine import describe_url

    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except DBAPIError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise EnvironmentFault(
            f"Cannot open the practice database on {describe_url(str(engine.url))}: {reason}",
        ) from exc
    return str(row[0]) if row else None


def backup_sqlite(path: Path, backups_dir: Path, label: str) -> Path:
    """Copy a live SQLite database consistently (the sqlite3 backup API) into backups/."""
    from datetime import UTC, datetime

    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"casedesk-{stamp}-{label}.db"
    partial = target.with_suffix(".db.partial")
    try:
        with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise EnvironmentFault(f"Could not back up {path} before migrating: {exc}") from exc
    return target


def database_revision(location: DataLocation) -> str | None:
    """The revision stamped in the practice database (SQLite file or server), or None."""
    sqlite_path = location.sqlite_path
    if sqlite_path is not None:
        return sqlite_revision(sqlite_path)
    from casedesk.persistence.engine import make_engine

    engine = make_engine(location.database_url)
    try:
        return _server_revision(engine)
    finally:
        engine.dispose()


def schema_state(location: DataLocation) -> SchemaState:
    """Where the database stands, using only the stdlib for SQLite."""
    return classify(database_revision(location))


def prepare_database(location: DataLocation) -> SchemaState:
    """Make the database ready for this casedesk; returns the state it was found in.

    Creates it on first run, migrates an older one after a backup copy (of a SQLite file; a
    server's backups are its administrator's), and refuses (with `SchemaTooNew`, changing
    nothing) one written by a newer casedesk.
    """
    ensure_folders(location)
    revision = database_revision(location)
    state = classify(revision)
    if state is SchemaState.CURRENT:
        return state
    if state is SchemaState.NEWER:
        raise SchemaTooNew(_too_new_message(revision or "?"))
    sqlite_path = location.sqlite_path
    if state is SchemaState.OLDER and sqlite_path is not None:
        backup_sqlite(sqlite_path, location.backups_dir, f"before-{SCHEMA_HEAD}")
    upgrade(location)
    return state


def upgrade(location: DataLocation) -> None:
    """Run the Alembic migrations up to the head."""
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from casedesk.persistence.engine import describe_url, make_engine

    engine = make_engine(location.database_url)
    try:
        cfg = _alembic_config(engine)
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Desks opening a new or older database at the same moment take turns; the
                # later ones then find it at the head and have nothing left to do.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                             {"key": _MIGRATION_LOCK_KEY})
            cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
            command.upgrade(cfg, "head")  # type: ignore[arg-type]
    except DBAPIError as exc:
        # E.g. a server role that may not create tables; the transaction left nothing behind.
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise EnvironmentFault(
            f"Could not create or update the tables of the practice database on "
            f"{describe_url(location.database_url)}: {reason}") from exc
    finally:
        engine.dispose()


def script_revisions() -> list[str]:
    """Every revision in the shipped Alembic scripts, oldest first (for the consistency test)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrations_dir()))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
