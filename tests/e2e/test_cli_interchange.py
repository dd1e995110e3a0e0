"""`casedesk export`, `import` and `import-csv` as a user runs them: real processes, real files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from casedesk.export.interchange import dump_document
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import interchange
from tests.unit.test_interchange import seed
from tests.unit.test_interchange_events import seed_events

TABLES = ("firms", "staff", "contacts", "contact_name_keys", "cases", "parties", "notes",
          "tasks", "conflict_checks", "activities")


def casedesk(data_dir: Path, *args: str, code: str | None = None
             ) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process (or `code` that patches something, then runs it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEDESK_")}
    argv = ["--data-dir", str(data_dir), *args]
    command = ([sys.executable, "-m", "casedesk", *argv] if code is None else
               [sys.executable, "-c", code + "\nfrom casedesk.cli import main\n"
                "raise SystemExit(main(sys.argv[1:]))", *argv])
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def counts(data_dir: Path) -> dict[str, int]:
    """Rows per table, read with the stdlib driver (not through casedesk)."""
    with closing(sqlite3.connect(data_dir / "casedesk.db")) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def export_here(data_dir: Path, path: Path) -> None:
    """Export in this process (for tests about importing, to keep them quick)."""
    with Practice(resolve(data_dir)) as practice:
        path.write_text(dump_document(practice.read(interchange.build_document)),
                        encoding="utf-8")


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    with Practice(resolve(folder)) as practice:
        seed(practice)
    return folder


def test_export_import_export_gives_the_same_bytes(seeded: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    done = casedesk(seeded, "export", str(first))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"exported: 1 staff, 3 contacts, 2 cases to {first}"
    empty = tmp_path / "laptop"
    done = casedesk(empty, "import", str(first))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("imported: 1 staff, 3 contacts, 2 cases (2 new, 0 updated, "
                                   "0 unchanged)")
    assert casedesk(empty, "export", str(second)).returncode == 0
    assert second.read_bytes() == first.read_bytes()
    assert first.read_bytes().endswith(b"}\n")
    text = first.read_text(encoding="utf-8")
    assert "José" in text and json.loads(text)["format"] == "casedesk-practice"
    # Exporting again over an existing file replaces it whole, leaving no temporary file.
    assert casedesk(seeded, "export", str(first)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["first.json",
                                                                         "second.json"]


def test_events_and_deadlines_travel_with_the_practice(tmp_path: Path) -> None:
    office = tmp_path / "office"
    with Practice(resolve(office)) as practice:
        seed_events(practice)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert casedesk(office, "export", str(first)).returncode == 0
    empty = tmp_path / "laptop"
    done = casedesk(empty, "import", str(first))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("imported: 2 staff, 3 contacts, 2 cases (2 new, 0 updated, "
                                   "0 unchanged); 5 events (5 new, 0 updated, 0 unchanged)")
    assert casedesk(empty, "export", str(second)).returncode == 0
    assert second.read_bytes() == first.read_bytes()
    with closing(sqlite3.connect(empty / "casedesk.db")) as conn:
        assert conn.execute("SELECT count(*) FROM event_reminders").fetchone() == (6,)
        assert conn.execute("SELECT count(*) FROM deadline_triggers").fetchone() == (1,)


def test_an_invalid_file_is_refused_with_its_path_and_changes_nothing(seeded: Path,
                                                                       tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    export_here(seeded, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["cases"][1]["parties"][0]["role"] = "judgee"
    doc["cases"][1]["title"] = "A change that must not land"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    before = counts(seeded)
    done = casedesk(seeded, "import", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith("casedesk: error: cases[1].parties[0].role: 'judgee' is not "
                                  "one of client, opposing_party, opposing_counsel")
    assert "nothing was imported" in done.stderr
    assert done.stdout == ""
    assert counts(seeded) == before
    with closing(sqlite3.connect(seeded / "casedesk.db")) as conn:
        assert conn.execute("SELECT count(*) FROM cases WHERE title LIKE 'A change%'"
                            ).fetchone()[0] == 0


def test_merge_moves_versions_on_only_for_real_changes(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "practice.json"
    export_here(seeded, path)
    versions = case_versions(seeded)
    done = casedesk(seeded, "import", str(path))
    assert done.stdout.strip().endswith("(0 new, 0 updated, 2 unchanged)")
    assert case_versions(seeded) == versions
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["cases"][1]["title"] = "Smith v. Acme Corporation"
    path.write_text(json.dumps(doc), encoding="utf-8")
    done = casedesk(seeded, "import", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("(0 new, 1 updated, 1 unchanged)")
    assert case_versions(seeded) == {"2025-CV-0009": versions["2025-CV-0009"],
                                     "2026-CV-0001": versions["2026-CV-0001"] + 1}


def case_versions(data_dir: Path) -> dict[str, int]:
    with closing(sqlite3.connect(data_dir / "casedesk.db")) as conn:
        return dict(conn.execute("SELECT number, version FROM cases").fetchall())


CRASH_AFTER_WRITING = """
import os, sys
from casedesk.services import interchange_write
real = interchange_write._Writer.flush_table
def flush_table(self, name):
    if name == "activities":  # staff, contacts, cases, parties, notes, tasks are all written
        {action}
    real(self, name)
interchange_write._Writer.flush_table = flush_table
"""


@pytest.mark.parametrize("action", ["raise RuntimeError('power cut')", "os._exit(70)"])
def test_a_crash_half_way_through_an_import_leaves_nothing(seeded: Path, tmp_path: Path,
                                                           action: str) -> None:
    path = tmp_path / "practice.json"
    export_here(seeded, path)
    empty = tmp_path / "laptop"
    Practice(resolve(empty)).close()  # an empty practice, created
    before = counts(empty)
    done = casedesk(empty, "import", str(path), code=CRASH_AFTER_WRITING.format(action=action))
    assert done.returncode != 0
    assert counts(empty) == before == dict.fromkeys(TABLES, 0)
    done = casedesk(empty, "import", str(path))
    assert done.returncode == 0, done.stderr
    assert counts(empty)["cases"] == 2


def test_usage_errors_exit_2(seeded: Path, tmp_path: Path) -> None:
    done = casedesk(seeded, "export", str(tmp_path))
    assert done.returncode == 2 and done.stderr.startswith("casedesk: error:")
    done = casedesk(seeded, "import", str(tmp_path / "missing.json"))
    assert done.returncode == 2 and done.stderr.startswith("casedesk: error:")
    (tmp_path / "list.json").write_text("[1, 2]")
    done = casedesk(seeded, "import", str(tmp_path / "list.json"))
    assert done.returncode == 2
    assert "must hold a JSON object, not a list" in done.stderr


CASES_CSV = ("\ufeffCase number;Title;Opened;Responsible attorney;Client;Fax\n"
             "2026-CV-0100;Jones v. Widget;2026-01-25;Ann Attorney;Mary Jones;x\n"
             "2026-CV-0101;Old thing;31/02/2026;;John Smith;\n")


def test_csv_dry_run_reports_by_row_and_column_and_writes_nothing(seeded: Path,
                                                                  tmp_path: Path) -> None:
    sheet = tmp_path / "cases.csv"
    sheet.write_bytes(CASES_CSV.encode("utf-8"))
    before = counts(seeded)
    done = casedesk(seeded, "import-csv", "cases", str(sheet), "--dry-run")
    assert done.returncode == 2
    assert "row 3, column 'Opened': '31/02/2026' is not a date" in done.stdout
    assert "column 'Fax'" in done.stdout and "ignored" in done.stdout
    assert done.stderr.startswith("casedesk: error:")
    assert counts(seeded) == before
    done = casedesk(seeded, "import-csv", "cases", str(sheet))
    assert done.returncode == 2
    assert "row 3, column 'Opened': '31/02/2026' is not a date" in done.stderr
    assert counts(seeded) == before

    sheet.write_bytes(CASES_CSV.replace("31/02/2026", "28/02/2026").encode("utf-8"))
    done = casedesk(seeded, "import-csv", "cases", str(sheet), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "row 2: create case 2026-CV-0100 'Jones v. Widget' (new client contact " \
           "'Mary Jones')" in done.stdout
    assert "would import cases: 2 created, 0 updated, 0 unchanged, 0 skipped" in done.stdout
    assert counts(seeded) == before

    done = casedesk(seeded, "import-csv", "cases", str(sheet))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("imported cases: 2 created, 0 updated, 0 unchanged, "
                                   "0 skipped; 1 client contact created")
    assert "column 'Fax'" in done.stderr
    after = counts(seeded)
    assert (after["cases"], after["contacts"]) == (before["cases"] + 2, before["contacts"] + 1)
    with closing(sqlite3.connect(seeded / "casedesk.db")) as conn:
        assert conn.execute("SELECT opened_on, client_names FROM cases WHERE number = "
                            "'2026-CV-0101'").fetchone() == ("2026-02-28", "John Smith")


def test_csv_contacts_and_a_missing_column(seeded: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "contacts.csv"
    sheet.write_text("Name,E-mail,Company\nJohn Smith,john@example.com,\n"
                     "Rita Hayes,rita@example.com,Hayes & Co\n", encoding="utf-8")
    done = casedesk(seeded, "import-csv", "contacts", str(sheet))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported contacts: 1 created, 0 updated, 1 skipped"
    sheet.write_text("Phone\n555\n", encoding="utf-8")
    done = casedesk(seeded, "import-csv", "contacts", str(sheet))
    assert done.returncode == 2
    assert "the required column 'Name' is missing" in done.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_documents_travel_with_their_files(tmp_path: Path) -> None:
    from tests.unit.test_interchange_documents import seed_documents

    office = tmp_path / "office"
    with Practice(resolve(office)) as practice:
        seed_documents(practice, tmp_path / "incoming")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    done = casedesk(office, "export", str(first))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (f"exported: 1 staff, 3 contacts, 2 cases to {first}; "
                                   f"5 files to {tmp_path / 'first.files'}")
    laptop = tmp_path / "laptop"
    done = casedesk(laptop, "import", str(first))
    assert done.returncode == 0, done.stderr
    assert "; 3 documents (3 new, 0 updated, 0 unchanged); 1 correspondence entry, 1 document " \
           "request, 1 filing, 1 letter template; 5 files stored" in done.stdout
    assert casedesk(laptop, "export", str(second)).returncode == 0
    assert second.read_bytes() == first.read_bytes()
    assert _tree(tmp_path / "second.files") == _tree(tmp_path / "first.files")
    stored = {p.name for p in (laptop / "documents").rglob("*") if p.is_file()}
    assert stored == set(_tree(tmp_path / "first.files"))
    # Exporting again over the same name replaces the JSON and the folder, leaving nothing else.
    assert casedesk(laptop, "export", str(first)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "first.files", "first.json", "incoming", "laptop", "office", "second.files",
        "second.json"]


def test_a_hostile_practice_file_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    from tests.unit.test_interchange_documents import seed_documents

    office = tmp_path / "office"
    with Practice(resolve(office)) as practice:
        seed_documents(practice, tmp_path / "incoming")
    path = tmp_path / "practice.json"
    assert casedesk(office, "export", str(path)).returncode == 0
    laptop = tmp_path / "laptop"
    Practice(resolve(laptop)).close()
    before = counts(laptop)
    good = json.loads(path.read_text(encoding="utf-8"))

    def refused(doc: dict[str, object], *expected: str) -> None:
        path.write_text(json.dumps(doc), encoding="utf-8")
        done = casedesk(laptop, "import", str(path))
        assert done.returncode == 2, done.stdout
        assert done.stderr.startswith("casedesk: error:")
        for text in expected:
            assert text in done.stderr, done.stderr
        assert counts(laptop) == before
        assert not any(p.is_file() for p in (laptop / "documents").rglob("*"))

    doc = json.loads(json.dumps(good))
    doc["cases"][1]["documents"][0]["versions"][0]["sha256"] = "../../x"
    refused(doc, "cases[1].documents[0].versions[0].sha256: '../../x' is not a SHA-256 digest",
            "nothing was imported")
    assert not (tmp_path / "x").exists()
    folder = tmp_path / "practice.files"
    digest = good["cases"][1]["documents"][1]["versions"][0]["sha256"]
    original = (folder / digest).read_bytes()
    (folder / digest).write_bytes(original[::-1])
    refused(good, f"practice.files/{digest}", "is damaged")
    (folder / digest).unlink()
    refused(good, f"practice.files/{digest}", "is missing")
    (folder / digest).write_bytes(original)
    done = casedesk(laptop, "import", str(path))
    assert done.returncode == 0, done.stderr
