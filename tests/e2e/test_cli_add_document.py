"""`casedesk add-document` as a user runs it: real files into a real practice, all or nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from tests.e2e.test_cli_interchange import casedesk
from tests.unit.test_interchange import seed


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    with Practice(resolve(folder)) as practice:
        seed(practice)
    return folder


def rows(office: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        return conn.execute(sql).fetchall()


def stored(office: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (office / "documents").rglob("*") if p.is_file()}


def test_files_become_documents_of_the_case(office: Path, tmp_path: Path) -> None:
    complaint, memo = tmp_path / "Complaint draft.pdf", tmp_path / "memo.txt"
    complaint.write_bytes(b"%PDF-1.4\n% complaint\n")
    memo.write_text("Research memo\n", encoding="utf-8")
    done = casedesk(office, "add-document", "2026-CV-0001", str(complaint), str(memo),
                    "--category", "Pleading", "--privileged", "--tag", "Draft", "--tag",
                    "court", "--confidential", "--author", "Ann Attorney", "--date",
                    "2026-03-01", "--received", "2026-03-02", "--source", "scanner")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("added ") and lines[0].endswith(
        ": 'Complaint draft' (Complaint draft.pdf, 21 bytes) to case 2026-CV-0001")
    assert lines[1].endswith(": 'memo' (memo.txt, 14 bytes) to case 2026-CV-0001")
    found = rows(office, "SELECT d.title, d.category, d.tags, d.privileged, d.confidential, "
                         "d.author, d.document_date, d.received_on, d.sent_on, d.source, "
                         "d.sha256, c.number FROM documents d JOIN cases c ON c.id = d.case_id "
                         "ORDER BY d.title")
    digest = hashlib.sha256(complaint.read_bytes()).hexdigest()
    assert found[0] == ("Complaint draft", "pleading", json.dumps(["Draft", "court"]), 1, 1,
                        "Ann Attorney", "2026-03-01", "2026-03-02", None, "scanner", digest,
                        "2026-CV-0001")
    assert stored(office) == {digest: complaint.read_bytes(),
                              hashlib.sha256(memo.read_bytes()).hexdigest(): memo.read_bytes()}
    assert rows(office, "SELECT count(*) FROM document_versions") == [(2,)]
    check = casedesk(office, "check")
    assert check.returncode == 0, check.stdout


def test_one_file_with_a_title_and_the_same_bytes_twice(office: Path, tmp_path: Path) -> None:
    letter = tmp_path / "letter.docx"
    letter.write_bytes(b"PK\x03\x04 a letter")
    done = casedesk(office, "add-document", "2026-CV-0001", str(letter), "--title",
                    "Engagement letter (signed)")
    assert done.returncode == 0, done.stderr
    assert "'Engagement letter (signed)' (letter.docx" in done.stdout
    done = casedesk(office, "add-document", "2025-CV-0009", str(letter))
    assert done.returncode == 0, done.stderr
    assert rows(office, "SELECT count(*), count(DISTINCT sha256) FROM documents") == [(2, 1)]
    assert len(stored(office)) == 1  # the same bytes are kept once


@pytest.mark.parametrize(("args", "message"), [
    (["2026-CV-0001", "{good}", "{missing}"], "{missing} does not exist; nothing was added."),
    (["2026-CV-0001", "{good}", "{folder}"], "{folder} is not a file; nothing was added."),
    (["2099-XX-0001", "{good}"], "No case numbered 2099-XX-0001 was found"),
    (["2026-CV-0001", "{good}", "--category", "memo"], "'memo' is not a document category"),
    (["2026-CV-0001", "{good}", "{good}", "--title", "One"], "--title names one document"),
    (["2026-CV-0001", "{good}", "--sent", "2026-02-30"], "--sent: '2026-02-30' is not a date"),
    (["2026-CV-0001", "{good}", "--tag", "x" * 61], "longer than 60 characters"),
    (["2026-CV-0001", "{good}", "--tag", "Draft", "--tag", ""], "--tag: a tag cannot be empty"),
    (["2026-CV-0001", "{good}", "--tag", " \t "], "--tag: a tag cannot be empty"),
])
def test_bad_input_exits_2_naming_it_and_stores_nothing(office: Path, tmp_path: Path,
                                                        args: list[str], message: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text("fine\n", encoding="utf-8")
    names = {"good": str(good), "missing": str(tmp_path / "missing.pdf"),
             "folder": str(tmp_path)}
    done = casedesk(office, "add-document", *(a.format(**names) for a in args))
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("casedesk: error:")
    assert message.format(**names) in done.stderr
    assert done.stdout == ""
    assert rows(office, "SELECT count(*) FROM documents") == [(0,)]
    assert rows(office, "SELECT count(*) FROM blobs") == [(0,)]
    assert stored(office) == {}


def test_a_failure_while_recording_leaves_no_file_behind(office: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("fine\n", encoding="utf-8")
    crash = ("import sys\nfrom casedesk.services import documents\n"
             "def boom(*a, **k):\n    raise RuntimeError('power cut')\n"
             "documents.add_documents = boom\n")
    done = casedesk(office, "add-document", "2026-CV-0001", str(good), code=crash)
    assert done.returncode != 0
    assert "power cut" in done.stderr
    assert rows(office, "SELECT count(*) FROM documents") == [(0,)]
    assert stored(office) == {}


def test_odd_titles_are_one_line_and_the_same_file_twice_is_noted(office: Path,
                                                                  tmp_path: Path) -> None:
    lease = tmp_path / "lease.pdf"
    lease.write_bytes(b"%PDF-1.4 lease")
    done = casedesk(office, "add-document", "2026-CV-0001", str(lease), "--title",
                    "Lease\nagreement\t(signed)")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert rows(office, "SELECT title FROM documents") == [("Lease agreement (signed)",)]
    # The same file again in the same case: allowed (a second record), with a note naming
    # the document that already has it; in another case: no note.
    done = casedesk(office, "add-document", "2026-CV-0001", str(lease), "--title", "Lease copy")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("added ")
    assert done.stderr == ("casedesk: note: lease.pdf: the same file is already document "
                           "“Lease agreement (signed)” of this case\n")
    done = casedesk(office, "add-document", "2026-CV-0001", str(lease))
    assert done.stderr == ("casedesk: note: lease.pdf: the same file is already document "
                           "“Lease agreement (signed)” and document “Lease copy” of this "
                           "case\n")
    done = casedesk(office, "add-document", "2025-CV-0009", str(lease))
    assert (done.returncode, done.stderr) == (0, "")
    assert rows(office, "SELECT count(*), count(DISTINCT sha256) FROM documents") == [(4, 1)]


def test_re_adding_the_original_heals_a_damaged_stored_file(office: Path,
                                                            tmp_path: Path) -> None:
    original = tmp_path / "Complaint.pdf"
    original.write_bytes(b"%PDF-1.4 the complaint as filed")
    assert casedesk(office, "add-document", "2026-CV-0001", str(original)).returncode == 0
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    path = office / "documents" / "sha256" / digest[:2] / digest[2:4] / digest
    path.chmod(0o600)
    path.write_bytes(b"%PDF-1.4 the complaint as FILED")  # same size, other bytes
    path.chmod(0o444)
    assert casedesk(office, "check").returncode == 1
    done = casedesk(office, "add-document", "2025-CV-0009", str(original))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ("casedesk: note: Complaint.pdf: the stored copy of this file was "
                           "damaged; it has been replaced with this file's bytes\n")
    assert path.read_bytes() == original.read_bytes()
    check = casedesk(office, "check")
    assert check.returncode == 0, check.stdout
