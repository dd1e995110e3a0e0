"""`casedesk ics` and `casedesk import-ics` as a user runs them: real processes, real files."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import icalendar
import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from tests.e2e.test_cli_interchange import casedesk
from tests.unit.test_ics_export import build_practice
from tests.unit.test_ics_import import ics, vevent


def event_uids(data_dir: Path) -> set[str]:
    """Live events' UIDs, read with the stdlib driver (not through casedesk)."""
    with closing(sqlite3.connect(data_dir / "casedesk.db")) as conn:
        return {r[0] for r in conn.execute("SELECT uid FROM events WHERE deleted_at IS NULL")}


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    with Practice(resolve(folder)) as practice:
        build_practice(practice)
    return folder


def test_export_writes_the_file_and_says_so(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "court dates.ics"
    done = casedesk(office, "ics", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"wrote 5 events to {target}" and done.stdout == ""
    data = target.read_bytes()
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 5
    assert b"\r\r\n" not in data and data.count(b"\r\n") == data.count(b"\n")
    again = casedesk(office, "ics", "-o", str(target))
    assert again.returncode == 0 and target.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["court dates.ics", "office"]
    scoped = casedesk(office, "ics", "-o", str(target), "--case", "2026-CV-0001",
                      "--staff", "Alice Attorney", "--from", "2026-03-01", "--to",
                      "2026-03-31", "--minimal")
    assert scoped.returncode == 0, scoped.stderr
    assert scoped.stderr.strip() == f"wrote 1 event to {target}"
    assert b"Smith" not in target.read_bytes()


@pytest.mark.parametrize(("args", "message"), [
    (("--case", "2026-CV-9999"), "casedesk: error: No case numbered 2026-CV-9999 was found"),
    (("--staff", "Nobody"), "casedesk: error: No staff member Nobody was found"),
    (("--from", "2026-13-01"), "'2026-13-01' is not a date (use YYYY-MM-DD)"),
    (("--from", "2026-05-01", "--to", "2026-04-01"), "casedesk: error: The range starts"),
])
def test_export_refusals_exit_2_and_write_nothing(office: Path, tmp_path: Path,
                                                  args: tuple[str, ...], message: str) -> None:
    target = tmp_path / "out.ics"
    done = casedesk(office, "ics", "-o", str(target), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office"]


def test_export_without_a_practice_creates_nothing(tmp_path: Path) -> None:
    done = casedesk(tmp_path / "typo", "ics", "-o", str(tmp_path / "x.ics"))
    assert done.returncode == 2 and "holds no casedesk practice" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_import_dry_run_then_import_then_reimport(office: Path, tmp_path: Path) -> None:
    before = event_uids(office)
    source = tmp_path / "court.ics"
    source.write_bytes(ics(
        vevent("ecf-1@court", "SUMMARY:Reply due", "DTSTART;VALUE=DATE:20260803"),
        vevent("ecf-2@court", "SUMMARY:Pretrial conference", "CATEGORIES:Conference",
               "DTSTART;TZID=America/Chicago:20260811T100000"),
        vevent("ecf-3@court", "SUMMARY:Weekly call", "DTSTART:20260801T150000Z",
               "RRULE:FREQ=WEEKLY")))
    dry = casedesk(office, "import-ics", str(source), "--case", "2026-CV-0001", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "would create: Mon 3 Aug 2026 (all day) · Reply due [ecf-1@court]",
        "would create: Tue 11 Aug 2026 10:00 CDT · Pretrial conference [ecf-2@court]",
        "would skip: Weekly call [ecf-3@court] (repeats (RRULE); casedesk does not expand "
        "repeating events: enter its dates one by one)",
        "dry run for 2026-CV-0001: 2 new, 0 updated, 0 unchanged, 1 skipped; nothing was saved",
    ]
    assert event_uids(office) == before
    done = casedesk(office, "import-ics", str(source), "--case", "2026-CV-0001",
                    "--kind", "internal_deadline")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == ("imported into 2026-CV-0001: 2 new, 0 updated, "
                                            "0 unchanged, 1 skipped")
    assert event_uids(office) == before | {"ecf-1@court", "ecf-2@court"}
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        kind = conn.execute("SELECT kind FROM events WHERE uid = 'ecf-1@court'").fetchone()[0]
    assert kind == "internal_deadline"
    again = casedesk(office, "import-ics", str(source), "--case", "2026-CV-0001")
    assert again.returncode == 0
    assert again.stdout.splitlines()[-1].endswith("0 new, 0 updated, 2 unchanged, 1 skipped")


def test_import_refusals_exit_2_and_change_nothing(office: Path, tmp_path: Path) -> None:
    before = event_uids(office)
    broken = tmp_path / "broken.ics"
    broken.write_bytes(ics(vevent("ok", "SUMMARY:Fine", "DTSTART;VALUE=DATE:20260803"),
                           vevent("bad", "SUMMARY:No start")))
    done = casedesk(office, "import-ics", str(broken), "--case", "2026-CV-0001")
    assert done.returncode == 2
    assert done.stderr.strip() == ("casedesk: error: event 2 (UID bad) 'No start': DTSTART is "
                                   "missing (nothing was imported)")
    good = tmp_path / "good.ics"
    good.write_bytes(ics(vevent("ok", "SUMMARY:Fine", "DTSTART;VALUE=DATE:20260803")))
    done = casedesk(office, "import-ics", str(good), "--case", "2026-CV-0404")
    assert done.returncode == 2
    assert "casedesk: error: No case numbered 2026-CV-0404 was found" in done.stderr
    done = casedesk(office, "import-ics", str(good), "--case", "2026-CV-0001", "--kind", "x")
    assert done.returncode == 2 and "invalid choice: 'x'" in done.stderr
    done = casedesk(office, "import-ics", str(tmp_path / "missing.ics"), "--case",
                    "2026-CV-0001")
    assert done.returncode == 2 and "casedesk: error: cannot access" in done.stderr
    assert event_uids(office) == before
