"""`casedesk demo` end to end: the real command in a subprocess, on real data folders."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

DEMO_LINE = re.compile(
    r"^demo practice: .+ \(seed 3, as of 2026-05-04\): 300 cases, (\d+) contacts, \d+ parties, "
    r"\d+ notes, \d+ tasks, (\d+) events, \d+ conflict checks, \d+ staff, (\d+) documents "
    r"\(\d+ files\), \d+ correspondence entries, \d+ document requests, \d+ filings, "
    r"\d+ budget revisions, (\d+) time entries, \d+ expenses "
    r"in \d+\.\d s \(search index \d+\.\d s\)$")


def _casedesk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casedesk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=300, check=False)


def _counts(data_dir: Path) -> tuple[int, ...]:
    with sqlite3.connect(data_dir / "casedesk.db") as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("firms", "staff", "contacts", "cases", "parties", "notes",
                                   "tasks", "activities"))


def test_demo_fills_an_empty_folder_and_refuses_it_the_second_time(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    done = _casedesk(folder, "demo", "--cases", "300", "--seed", "3", "--today", "2026-05-04")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    match = DEMO_LINE.match(lines[0]) if len(lines) == 1 else None
    assert match is not None, done.stdout
    before = _counts(folder)
    assert before[:4] == (1, before[1], int(match.group(1)), 300) and before[1] >= 7
    assert 900 <= before[2] <= 1000  # about three contacts per case
    with sqlite3.connect(folder / "casedesk.db") as conn:
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert events == int(match.group(2)) and 2_100 <= events <= 4_200  # about ten a case
    with sqlite3.connect(folder / "casedesk.db") as conn:
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        intake = conn.execute("SELECT c.number FROM documents d JOIN cases c ON c.id = d.case_id"
                              " WHERE d.title LIKE 'Intake notes%' ORDER BY c.number").fetchone()
    assert documents == int(match.group(3)) and documents >= 5 * 300
    with sqlite3.connect(folder / "casedesk.db") as conn:
        entries = conn.execute("SELECT count(*) FROM time_entries").fetchone()[0]
    assert entries == int(match.group(4)) and entries >= 20 * 300
    # The index was built by the demo: the intake notes' text is found at once.
    notes = _casedesk(folder, "search", f"INTAKE NOTES {intake[0]}", "--kind", "document")
    assert notes.returncode == 0 and f"document\t{intake[0]}\tIntake notes" in notes.stdout
    assert "indexing" not in notes.stderr

    # The demo's clients are found by the conflict search from the command line too.
    with sqlite3.connect(folder / "casedesk.db") as conn:
        client = conn.execute(
            "SELECT c.name FROM contacts c JOIN parties p ON p.contact_id = c.id "
            "WHERE p.role = 'client' ORDER BY c.name LIMIT 1").fetchone()[0]
    found = _casedesk(folder, "conflicts", client)
    assert found.returncode == 0 and client in found.stdout

    again = _casedesk(folder, "demo", "--cases", "10")
    assert again.returncode == 2
    assert again.stderr.strip() == (f"casedesk: error: {folder.resolve()} already holds a "
                                    "practice; use an empty --data-dir")
    assert again.stdout == ""
    assert _counts(folder) == before


def test_bad_options_are_refused_before_the_folder_is_made(tmp_path: Path) -> None:
    folder = tmp_path / "never"
    negative = _casedesk(folder, "demo", "--cases", "-1")
    assert negative.returncode == 2
    assert negative.stderr.strip() == ("casedesk: error: The number of cases must be a whole "
                                       "number from 1 to 200,000 (got -1).")
    bad_day = _casedesk(folder, "demo", "--today", "2026-02-30")
    assert bad_day.returncode == 2
    assert "casedesk: error: '2026-02-30' is not a date (use YYYY-MM-DD)." in bad_day.stderr
    not_a_number = _casedesk(folder, "demo", "--cases", "many")
    assert not_a_number.returncode == 2 and "invalid int value: 'many'" in not_a_number.stderr
    assert not folder.exists()
