"""`casedesk filing list|show|export|status` as a user runs it."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import zipfile
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from casedesk.cli import main
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import cases, documents, events, filings
from casedesk.services.events import EventInput
from tests.e2e.test_cli_interchange import casedesk

FILES = {"Answer.pdf": b"%PDF-1.4 answer\n", "exhibit.docx": b"PK\x03\x04 exhibit"}


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A practice with one case, two documents and a draft filing of both (labelled)."""
    folder = tmp_path / "office"
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    for name, data in FILES.items():
        (incoming / name).write_bytes(data)
    with Practice(resolve(folder)) as practice:
        _c, case = practice.write(cases.create_case, number="2026-CV-0001",
                                  title="Smith v. Acme", court="N.D. Ill.",
                                  opened_on="2026-01-05")
        docs = documents.add_files(practice.write, practice.read, practice.blobs, case_id=case,
                                   paths=[incoming / n for n in FILES])
        practice.write(events.add_event, data=EventInput(
            kind="filing_deadline", title="Answer due", case_id=case, on_date="2026-07-06"))
        deadline = practice.read(_only_event_id)
        _c, filing_id = practice.write(filings.create_filing, case_id=case, title="Answer",
                                       deadline_event_id=deadline)
        practice.write(filings.add_documents, filing_id=filing_id, document_ids=docs,
                       labels=["", "Exhibit A"])
    return folder


def _only_event_id(session: object) -> object:
    from sqlmodel import Session, select

    from casedesk.domain.models import Event

    assert isinstance(session, Session)
    return session.exec(select(Event.id)).one()


def run(capsys: pytest.CaptureFixture[str], office: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(office), "filing", *args])
    out, err = capsys.readouterr()
    return code, out, err


def db(office: Path, sql: str) -> list[tuple[object, ...]]:
    """Read the practice with the stdlib driver (not through casedesk)."""
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        return conn.execute(sql).fetchall()


def test_list_and_show_print_one_line_each(capsys: pytest.CaptureFixture[str],
                                           office: Path) -> None:
    code, out, err = run(capsys, office, "list", "--case", "2026-CV-0001")
    assert (code, err) == (0, "")
    (line,) = out.splitlines()
    filing_id, status, day, count, confirmation, title = line.split("\t")
    assert (status, count, confirmation, title) == ("draft", "2", "", "Answer")
    assert len(filing_id) == 36 and len(day) == 10
    code, out, err = run(capsys, office, "show", "Answer", "--case", "2026-CV-0001")
    assert code == 0 and err == "Answer: draft, 2 documents\n"
    assert out.splitlines() == [
        f"01\tAnswer\tAnswer.pdf\t{len(FILES['Answer.pdf'])}\t1",
        f"02\tExhibit A\texhibit.docx\t{len(FILES['exhibit.docx'])}\t1",
    ]
    code, again, _err = run(capsys, office, "show", filing_id, "--case", "2026-CV-0001")
    assert code == 0 and again == out


def test_export_as_folder_and_zip(capsys: pytest.CaptureFixture[str], office: Path,
                                  tmp_path: Path) -> None:
    names = ["00 - Index.txt", "01 - Answer.pdf", "02 - Exhibit A.docx"]
    folder = tmp_path / "package"
    code, out, err = run(capsys, office, "export", "answer", "--case", "2026-CV-0001",
                         "-o", str(folder))
    assert (code, out, err) == (0, "", f"wrote 2 documents to {folder}\n")
    assert sorted(p.name for p in folder.iterdir()) == names
    assert (folder / "02 - Exhibit A.docx").read_bytes() == FILES["exhibit.docx"]
    index = (folder / "00 - Index.txt").read_text(encoding="utf-8")
    assert f"SHA-256: {hashlib.sha256(FILES['Answer.pdf']).hexdigest()}" in index

    for target, extra in ((tmp_path / "answer.zip", ()), (tmp_path / "answer.pkg", ("--zip",))):
        code, _out, err = run(capsys, office, "export", "Answer", "--case", "2026-CV-0001",
                              "-o", str(target), *extra)
        assert code == 0, err
        with zipfile.ZipFile(target) as archive:
            assert archive.namelist() == names
            assert archive.read("01 - Answer.pdf") == FILES["Answer.pdf"]


def test_status_moves_the_filing_on_and_marks_the_deadline_done(
        capsys: pytest.CaptureFixture[str], office: Path) -> None:
    base = ("status", "Answer", "--case", "2026-CV-0001")
    assert run(capsys, office, *base, "--set", "ready", "--date", "2026-07-01")[:3] == (
        0, "", "Answer: ready\n")
    code, _out, err = run(capsys, office, *base, "--set", "submitted", "--date", "2026-07-02")
    assert (code, err) == (0, "Answer: submitted\n")
    assert db(office, "SELECT status, satisfied_by FROM events") == [
        ("done", "Filed: Answer, 2026-07-02")]
    code, _out, err = run(capsys, office, *base, "--confirmation", "EF-9")
    assert (code, err) == (0, "Answer: submitted (confirmation EF-9)\n")
    assert db(office, "SELECT satisfied_by FROM events") == [
        ("Filed: Answer, 2026-07-02 (confirmation EF-9)",)]
    assert db(office, "SELECT status, submitted_on, confirmation_number FROM filings") == [
        ("submitted", "2026-07-02", "EF-9")]


def test_status_dates_run_forward_and_stop_at_today(capsys: pytest.CaptureFixture[str],
                                                   office: Path) -> None:
    base = ("status", "Answer", "--case", "2026-CV-0001")
    today = date.today()
    tomorrow = (today + timedelta(days=1)).isoformat()
    rows = "SELECT status, submitted_on, version, history FROM filings"
    before = db(office, rows)
    code, out, err = run(capsys, office, *base, "--set", "ready", "--date", tomorrow)
    assert (code, out, err) == (2, "", f"casedesk: error: {tomorrow} is after today "
                                       f"({today.isoformat()}); a filing's status is recorded "
                                       "on the day it happens, not ahead of it.\n")
    code, _out, err = run(capsys, office, *base, "--set", "ready", "--date", "2026-01-04")
    assert (code, err) == (2, "casedesk: error: 2026-01-04 is before case 2026-CV-0001 was "
                              "opened (2026-01-05).\n")
    assert db(office, rows) == before
    assert run(capsys, office, *base, "--set", "ready", "--date", "2026-07-10")[0] == 0
    code, _out, err = run(capsys, office, *base, "--set", "submitted", "--date", "2026-07-09")
    assert (code, err) == (2, "casedesk: error: 2026-07-09 is before the filing was marked "
                              "ready (2026-07-10); each step is dated on or after the one "
                              "before it.\n")
    code, _out, err = run(capsys, office, *base, "--set", "submitted", "--date", tomorrow)
    assert code == 2 and "is after today" in err
    assert db(office, "SELECT status, submitted_on FROM filings") == [("ready", None)]
    assert db(office, "SELECT status FROM events") == [("scheduled",)]  # not marked done


def test_a_rejected_filing_back_to_draft_lists_no_old_submission(
        capsys: pytest.CaptureFixture[str], office: Path) -> None:
    base = ("status", "Answer", "--case", "2026-CV-0001")
    for step, day, *extra in (("ready", "2026-07-01"),
                              ("submitted", "2026-07-02", "--confirmation", "ABC123"),
                              ("rejected", "2026-07-03", "--reason", "Unsigned"),
                              ("draft", "2026-07-04")):
        code, _out, err = run(capsys, office, *base, "--set", step, "--date", day, *extra)
        assert code == 0, err
    assert err == "Answer: draft\n"  # no confirmation number any more
    code, out, _err = run(capsys, office, "list", "--case", "2026-CV-0001")
    assert code == 0 and out.split("\t")[1:] == ["draft", "2026-07-04", "2", "", "Answer\n"]
    assert db(office, "SELECT submitted_on, rejected_on, confirmation_number, rejection_reason "
                      "FROM filings") == [(None, None, "", "")]


@pytest.mark.parametrize(("args", "message"), [
    (("list", "--case", "2026-CV-9999"), "No case numbered 2026-CV-9999 was found"),
    (("show", "Reply", "--case", "2026-CV-0001"), "No filing Reply was found"),
    (("status", "Answer", "--case", "2026-CV-0001", "--set", "accepted"),
     "A draft filing can become ready, not accepted."),
    (("status", "Answer", "--case", "2026-CV-0001"),
     "Say what to record: --set STATUS and/or --confirmation NUMBER."),
    (("status", "Answer", "--case", "2026-CV-0001", "--confirmation", "1"),
     "has not been submitted yet"),
    (("status", "Answer", "--case", "2026-CV-0001", "--reason", "x", "--confirmation", "1"),
     "--date, --reason and --note go with --set STATUS."),
    (("status", "Answer", "--case", "2026-CV-0001", "--set", "ready", "--by", "Nobody"),
     "No staff member Nobody was found"),
    (("export", "Answer", "--case", "2026-CV-0001", "-o", "{tmp}/missing/x.zip"),
     "folder {tmp}/missing does not exist"),
    (("export", "Answer", "--case", "2026-CV-0001", "-o", "{tmp}/incoming"),
     "{tmp}/incoming already exists; choose a new folder name."),
    (("export", "Answer", "--case", "2026-CV-0001", "-o", "{tmp}/incoming", "--zip"),
     "{tmp}/incoming is a folder; name the .zip file to write."),
])
def test_refusals_exit_2_and_change_nothing(capsys: pytest.CaptureFixture[str], office: Path,
                                            tmp_path: Path, args: tuple[str, ...],
                                            message: str) -> None:
    before_files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")
                          if "casedesk.db" not in p.name)
    before_rows = db(office, "SELECT version, status, history FROM filings")
    code, out, err = run(capsys, office, *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert (code, out) == (2, "")
    assert err.startswith("casedesk: error: ") and err.count("\n") == 1
    assert message.replace("{tmp}", str(tmp_path)) in err
    assert db(office, "SELECT version, status, history FROM filings") == before_rows
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")
                  if "casedesk.db" not in p.name) == before_files


def test_argument_errors_exit_2(capsys: pytest.CaptureFixture[str], office: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", str(office), "filing", "status", "Answer", "--case",
              "2026-CV-0001", "--set", "filed"])
    assert exc.value.code == 2
    assert "invalid choice: 'filed'" in capsys.readouterr().err


def test_a_damaged_file_fails_the_export_in_a_real_process(office: Path, tmp_path: Path) -> None:
    stored = office / "documents" / "sha256"
    digest = hashlib.sha256(FILES["exhibit.docx"]).hexdigest()
    path = stored / digest[:2] / digest[2:4] / digest
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    path.write_bytes(b"not the exhibit")
    target = tmp_path / "out.zip"
    done = casedesk(office, "filing", "export", "Answer", "--case", "2026-CV-0001",
                    "-o", str(target))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("casedesk: error: The stored file of “Exhibit A” (number 2 "
                                  "of Answer) is damaged")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incoming", "office"]


def test_no_practice_is_created_by_a_mistyped_folder(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    code, _out, err = run(capsys, tmp_path / "typo", "status", "Answer", "--case", "X",
                          "--set", "ready")
    assert code == 2 and "holds no casedesk practice" in err
    assert not (tmp_path / "typo").exists()
