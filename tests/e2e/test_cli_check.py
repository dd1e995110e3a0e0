"""`casedesk check` as a user runs it: a real practice, real stored files, damage done by hand."""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from tests.e2e.test_cli_interchange import casedesk
from tests.unit.test_interchange_documents import (
    PDF,
    PDF_SIGNED,
    TEMPLATE,
    TEXT,
    seed_documents,
    sha,
)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    with Practice(resolve(folder)) as practice:
        seed_documents(practice, tmp_path / "incoming")
    return folder


def stored_path(office: Path, digest: str) -> Path:
    return office / "documents" / "sha256" / digest[:2] / digest[2:4] / digest


def snapshot(office: Path) -> tuple[list[str], dict[str, bytes]]:
    """Everything a check could change: the database's contents and the store's files."""
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        dump = list(conn.iterdump())
    files = {str(p.relative_to(office)): p.read_bytes()
             for p in sorted((office / "documents").rglob("*")) if p.is_file()}
    return dump, files


def test_a_sound_practice_passes(office: Path) -> None:
    done = casedesk(office, "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("checked 5 stored files (4 document versions, 1 letter template) "
                           "and the database: no problems\n")
    done = casedesk(office, "check", "--json")
    report = json.loads(done.stdout)
    assert (done.returncode, report["ok"], report["files_checked"], report["database"],
            report["problems"]) == (0, True, 5, "ok", [])


def test_damaged_missing_and_stray_files_are_named_and_nothing_is_repaired(
        office: Path) -> None:
    damaged = stored_path(office, sha(PDF_SIGNED))
    damaged.chmod(0o600)
    damaged.write_bytes(b"%PDF-1.4\n% bit rot\n")
    stored_path(office, sha(TEXT)).unlink()
    stray = stored_path(office, "ab" * 32)
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"a file nothing uses")
    before = snapshot(office)
    done = casedesk(office, "check")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (f"missing: document 'Client notes' (case 2026-CV-0001), version 1: the "
                        f"stored file {sha(TEXT)} is missing")
    assert lines[1].startswith(f"damaged: document 'complaint' (case 2026-CV-0001), version 2: "
                               f"the stored file {sha(PDF_SIGNED)} is damaged (its contents "
                               "now hash to ")
    assert lines[2] == (f"unreferenced: the stored file {'ab' * 32} is not used by any "
                        "document or template (nothing refers to it)")
    assert lines[3] == ("checked 5 stored files (4 document versions, 1 letter template) and "
                        "the database: 3 problems (1 missing, 1 damaged, 1 unreferenced)")
    assert len(lines) == 4
    assert snapshot(office) == before  # read only: nothing repaired, nothing removed
    report = json.loads(casedesk(office, "check", "--json").stdout)
    assert report["ok"] is False
    missing = report["problems"][0]
    assert (missing["kind"], missing["document"], missing["case"], missing["version"],
            missing["sha256"]) == ("missing", "Client notes", "2026-CV-0001", 1, sha(TEXT))
    assert [p["kind"] for p in report["problems"]] == ["missing", "damaged", "unreferenced"]


def test_files_of_deleted_documents_and_templates_are_checked_too(office: Path) -> None:
    draft = sha(b"an early draft\n")  # its document was deleted: its file must stay whole
    stored_path(office, draft).unlink()
    template = stored_path(office, sha(TEMPLATE))
    template.chmod(0o600)
    template.write_bytes(b"PK")
    done = casedesk(office, "check")
    assert done.returncode == 1
    assert (f"missing: document 'draft' (case 2026-CV-0001, deleted document), version 1: "
            f"the stored file {draft} is missing") in done.stdout
    assert "damaged: letter template 'Engagement letter': the stored file" in done.stdout


def test_database_problems_are_reported(office: Path) -> None:
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:  # foreign keys off here
        conn.execute("INSERT INTO document_versions (id, document_id, number, sha256, "
                     "file_name, media_type, size, added_at, note) VALUES (?, ?, 1, ?, 'x', "
                     "'', 1, '2026-01-01 00:00:00', '')",
                     (uuid.uuid4().hex, uuid.uuid4().hex, sha(PDF)))
        conn.commit()
    done = casedesk(office, "check")
    assert done.returncode == 1
    assert "database: row " in done.stdout
    assert "of document_versions refers to a missing row of documents" in done.stdout
    assert done.stdout.rstrip().endswith("1 problem (1 database)")


def test_no_practice_or_an_unreadable_database_exits_2(tmp_path: Path) -> None:
    done = casedesk(tmp_path / "nowhere", "check")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("casedesk: error:") and "holds no casedesk practice" in \
        done.stderr
    assert not (tmp_path / "nowhere").exists()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "casedesk.db").write_bytes(b"this is not a database" * 100)
    done = casedesk(broken, "check")
    assert done.returncode == 2 and done.stderr.startswith("casedesk: error:")


def test_a_damaged_database_page_is_reported(office: Path) -> None:
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'activities'"
                            ).fetchone()[0]
    with (office / "casedesk.db").open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)  # the first cell pointer of that leaf page
        handle.write(b"\xee\xee")
    done = casedesk(office, "check")
    assert done.returncode == 1, done.stderr
    first = done.stdout.splitlines()[0]
    # SQLite either lists the damaged page or stops its check at it: both are reported.
    assert first in ("database: integrity: database disk image is malformed",) or \
        first.startswith(f"database: integrity: On tree page {root} cell 0: "), done.stdout
    assert "problem" in done.stdout.splitlines()[-1]


def test_clutter_in_the_store_is_named_and_left_alone(office: Path) -> None:
    store = office / "documents" / "sha256"
    digest = sha(PDF)
    folder = stored_path(office, digest).parent
    unfinished = folder / ".incoming-k3j2h1"  # a copy cut short (power cut, killed process)
    unfinished.write_bytes(b"%PDF-1.4 half")
    notes = folder / "notes.txt"
    notes.write_text("someone's notes", encoding="utf-8")
    misplaced = store / "00" / "00" / digest  # a stored file's name, in the wrong folder
    misplaced.parent.mkdir(parents=True)
    misplaced.write_bytes(PDF)
    (store / "Thumbs.db").write_bytes(b"x")
    (store / "backup copy").mkdir()
    (store / "backup copy" / "a.pdf").write_bytes(b"x")  # named once, with its folder
    (folder / ("ab" * 32)).mkdir()  # a folder with a stored file's name
    before = snapshot(office)
    done = casedesk(office, "check")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:-1] == sorted([  # in the order of their paths
        f"clutter: {misplaced} is not a stored file",
        f"clutter: {store / 'Thumbs.db'} is not a stored file",
        f"clutter: {store / 'backup copy'} is not a stored file",
        f"clutter: {unfinished} is an unfinished copy (safe to delete once no casedesk is "
        "running)",
        f"clutter: {folder / ('ab' * 32)} is not a stored file",
        f"clutter: {notes} is not a stored file",
    ])
    assert lines[-1] == ("checked 5 stored files (4 document versions, 1 letter template) and "
                         "the database: 6 problems (6 clutter)")
    assert snapshot(office) == before  # reported, not deleted
    report = json.loads(casedesk(office, "check", "--json").stdout)
    assert {(p["kind"], p["path"]) for p in report["problems"]} == {
        ("clutter", str(p)) for p in (misplaced, store / "Thumbs.db", store / "backup copy",
                                      unfinished, folder / ("ab" * 32), notes)}
    unfinished_json = next(p for p in report["problems"] if p["path"] == str(unfinished))
    assert unfinished_json["detail"] == (f"{unfinished} is an unfinished copy (safe to delete "
                                         "once no casedesk is running)")
    # Once cleared away, the check passes again.
    for path in (unfinished, notes, misplaced, store / "Thumbs.db"):
        path.unlink()
    (store / "backup copy" / "a.pdf").unlink()
    (store / "backup copy").rmdir()
    (folder / ("ab" * 32)).rmdir()
    assert casedesk(office, "check").returncode == 0
