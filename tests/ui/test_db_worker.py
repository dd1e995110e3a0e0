"""The database worker: results arrive on the GUI thread, errors are typed, writes announce
what changed, and thousands of cross-thread jobs do not corrupt the interpreter."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from casedesk.domain.errors import InvalidInput
from casedesk.persistence.locations import resolve
from casedesk.persistence.migrate import prepare_database
from casedesk.services import case_list, cases
from casedesk.services.case_list import CaseFilter
from casedesk.ui.db import Database, JobError


@pytest.fixture
def db(tmp_path: Path) -> Any:
    location = resolve(tmp_path / "p")
    prepare_database(location)
    database = Database(location)
    yield database
    database.shutdown()


def test_results_come_back_on_the_gui_thread(qtbot: Any, db: Database) -> None:
    seen: list[tuple[object, bool]] = []
    main = threading.get_ident()
    db.plain(case_list.count_cases, CaseFilter(status=""),
             on_done=lambda n: seen.append((n, threading.get_ident() == main)))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(0, True)]


def test_write_emits_changes_and_errors_are_typed(qtbot: Any, db: Database) -> None:
    with qtbot.waitSignal(db.changed) as blocker:
        db.write(cases.create_case, number="2026-CV-0001", title="A v. B")
    assert blocker.args[0].cases
    errors: list[JobError] = []
    db.write(cases.create_case, number="2026-CV-0001", title="Again", on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0].error, InvalidInput) and not errors[0].is_bug
    assert "already used" in errors[0].message


def test_a_bug_is_reported_plainly_with_details(qtbot: Any, db: Database) -> None:
    errors: list[JobError] = []

    def broken() -> None:
        raise ZeroDivisionError("boom")

    db.call(broken, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].is_bug and "nothing was saved" in errors[0].message
    assert "ZeroDivisionError" in errors[0].details and "Traceback" not in errors[0].message


def test_many_cross_thread_jobs_keep_the_interpreter_intact(qtbot: Any, db: Database) -> None:
    # PySide6 6.12.0 aborted here within a few thousand jobs ("deallocating None").
    results: list[object] = []
    jobs = 2500
    for i in range(jobs):
        db.call(lambda: None, on_done=results.append)
        db.plain(case_list.count_cases, CaseFilter(text="ab"[: i % 2 + 1]),
                 on_done=results.append)
    qtbot.waitUntil(lambda: len(results) == 2 * jobs, timeout=60_000)
    assert results.count(None) == jobs and results.count(0) == jobs


def test_shutdown_finishes_queued_jobs_first(qtbot: Any, tmp_path: Path) -> None:
    location = resolve(tmp_path / "q")
    prepare_database(location)
    database = Database(location)
    for number in range(1, 6):
        database.write(cases.create_case, number=f"2026-CV-{number:04d}", title="Queued")
    assert database.shutdown()  # no event loop turn in between: the writes are still queued
    from casedesk.persistence.practice import Practice

    with Practice(location) as practice:
        assert case_list.count_cases(practice.reader, CaseFilter(status="")) == 5
