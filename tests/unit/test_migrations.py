"""Schema: created on first open, migrated after a backup, refused when too new."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from casedesk.domain.errors import SchemaTooNew
from casedesk.persistence import migrate
from casedesk.persistence.locations import resolve


def test_known_revisions_match_the_shipped_scripts() -> None:
    assert list(migrate.KNOWN_REVISIONS) == migrate.script_revisions()


def test_first_open_creates_database_and_folders(tmp_path: Path) -> None:
    loc = resolve(tmp_path / "new")
    assert migrate.prepare_database(loc) is migrate.SchemaState.MISSING
    assert loc.sqlite_path is not None and loc.sqlite_path.exists()
    assert loc.backups_dir.is_dir() and loc.documents_dir.is_dir()
    assert migrate.schema_state(loc) is migrate.SchemaState.CURRENT
    with sqlite3.connect(loc.sqlite_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_database_from_newer_casedesk_is_refused_untouched(tmp_path: Path) -> None:
    loc = resolve(tmp_path / "p")
    migrate.prepare_database(loc)
    assert loc.sqlite_path is not None
    with sqlite3.connect(loc.sqlite_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = loc.sqlite_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer version of casedesk"):
        migrate.prepare_database(loc)
    assert loc.sqlite_path.read_bytes() == before
    assert list(loc.backups_dir.iterdir()) == []


def test_older_database_is_backed_up_then_migrated(tmp_path: Path) -> None:
    """A real 0001 file with a case in it: backed up, migrated to the head, nothing lost."""
    from alembic import command
    from sqlalchemy import text

    from casedesk.persistence.engine import make_engine

    loc = resolve(tmp_path / "p")
    migrate.ensure_folders(loc)
    engine = make_engine(loc.database_url)
    try:
        cfg = migrate._alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
            conn.execute(text(
                "INSERT INTO cases (id, created_at, updated_at, version, number, title, "
                "practice_area, status, court, court_time_zone, judge, docket_number, "
                "description, client_names, search_text) VALUES "
                "('00000000000000000000000000000001', '2026-01-01 00:00:00.000000', "
                "'2026-01-01 00:00:00.000000', 1, '2025-CV-0001', 'Old case', '', 'open', "
                "'', '', '', '', '', '', '')"))
    finally:
        engine.dispose()
    assert migrate.prepare_database(loc) is migrate.SchemaState.OLDER
    backups = list(loc.backups_dir.iterdir())
    assert len(backups) == 1 and backups[0].name.endswith(f"before-{migrate.SCHEMA_HEAD}.db")
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert loc.sqlite_path is not None
    with sqlite3.connect(loc.sqlite_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
            migrate.SCHEMA_HEAD
        assert conn.execute("SELECT title FROM cases").fetchall() == [("Old case",)]
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    loc = resolve(tmp_path / "p")
    loc.data_dir.mkdir(parents=True)
    assert loc.sqlite_path is not None
    loc.sqlite_path.write_text("this is not sqlite" * 100)
    from casedesk.domain.errors import EnvironmentFault

    with pytest.raises(EnvironmentFault, match="not a casedesk database"):
        migrate.prepare_database(loc)


def test_data_dir_option_beats_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CASEDESK_DATA_DIR", str(tmp_path / "env"))
    assert resolve().data_dir == (tmp_path / "env").resolve()
    assert resolve(tmp_path / "opt").data_dir == (tmp_path / "opt").resolve()


def test_per_case_event_lookups_use_the_case_index(practice) -> None:
    """The case list asks each row for its next pending deadline: that must be an index
    search on the case, not a scan of every scheduled event (SQLite picked the status index
    until ix_events_case_status_day existed: 1 s for a page of 80 at 200,000 events)."""
    from casedesk.services.case_list import _NEXT_DUE

    plan = practice.reader.rows(f"EXPLAIN QUERY PLAN SELECT {_NEXT_DUE} FROM cases c")
    details = " | ".join(str(row[-1]) for row in plan)
    assert "USING INDEX ix_events_case_status_day (case_id=? AND status=?)" in details
    assert "SCAN e" not in details


def _schema_drift(engine) -> list:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True, "include_object": migrate.autogenerate_includes})
        return compare_metadata(context, SQLModel.metadata)


def test_migrated_schema_matches_the_models(practice) -> None:
    """The scripts create exactly what the models describe (nothing forgotten in a script)."""
    assert _schema_drift(practice.engine) == []
    fts = practice.reader.rows("SELECT name FROM sqlite_master WHERE name = 'search_fts'")
    assert [tuple(r) for r in fts] == [("search_fts",)]


@pytest.mark.postgres
def test_migrated_schema_matches_the_models_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    from casedesk.persistence.practice import Practice

    with Practice(resolve(tmp_path / "desk", pg_url)) as practice:
        assert _schema_drift(practice.engine) == []
        index = practice.reader.rows(
            "SELECT indexname FROM pg_indexes WHERE indexname = 'ix_search_entries_tsv'")
        assert [tuple(r) for r in index] == [("ix_search_entries_tsv",)]
