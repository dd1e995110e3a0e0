"""Every command that writes a file refuses the practice's own files as its target: a slip of -o
(or of export's FILE) must not replace the practice's database with a calendar, a letter, a
package or a JSON file, nor drop files into its documents or backups folders. Exit 2, one
`casedesk: error: ...` line, the database byte for byte as it was (and still a practice), and
nothing new in the practice's folders."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casedesk import cli
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import documents, filings
from tests.unit.letters_support import build_letter_practice

CASE = "2026-CV-0042"

# name -> the command line writing to TARGET
COMMANDS: dict[str, tuple[str, ...]] = {
    "ics": ("ics", "-o", "TARGET"),
    "export": ("export", "TARGET"),
    "letter": ("letter", "Client status update", "--case", CASE, "--date", "2026-11-27",
               "-o", "TARGET"),
    "filing export": ("filing", "export", "Answer", "--case", CASE, "--zip", "-o", "TARGET"),
    "templates --export": ("templates", "--export", "Client status update", "-o", "TARGET"),
}
TARGETS = ("casedesk.db", "CaseDesk.DB", "casedesk.db-wal", "casedesk.db-journal",
           "documents/out.file", "documents/sub/deeper/out.file", "backups/out.file")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The letter practice, with two documents (so a documents folder) in a draft filing, and
    a backups folder (the practice makes one)."""
    base = tmp_path_factory.mktemp("guard")
    folder = base / "office"
    incoming = base / "incoming"
    incoming.mkdir()
    for name in ("Answer.pdf", "exhibit.docx"):
        (incoming / name).write_bytes(f"{name} contents".encode())
    with Practice(resolve(folder)) as practice:
        ids = build_letter_practice(practice)
        docs = documents.add_files(practice.write, practice.read, practice.blobs,
                                   case_id=ids["case"], paths=sorted(incoming.iterdir()))
        _c, filing_id = practice.write(filings.create_filing, case_id=ids["case"],
                                       title="Answer")
        practice.write(filings.add_documents, filing_id=filing_id, document_ids=docs,
                       labels=["", "Exhibit A"])
    (folder / "documents" / "sub" / "deeper").mkdir(parents=True)
    (folder / "backups").mkdir(exist_ok=True)
    return folder


def snapshot(office: Path) -> tuple[str, list[str]]:
    """The database's SHA-256 and every path in the data folder (files and folders)."""
    digest = hashlib.sha256((office / "casedesk.db").read_bytes()).hexdigest()
    return digest, sorted(str(p.relative_to(office)) for p in office.rglob("*"))


def still_a_practice(office: Path) -> None:
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM filings").fetchone()[0] == 1


def run(capsys: pytest.CaptureFixture[str], office: Path, command: str,
        target: str) -> tuple[int, str]:
    argv = [target if a == "TARGET" else a for a in COMMANDS[command]]
    code = cli.main(["--data-dir", str(office), *argv])
    _out, err = capsys.readouterr()
    return code, err


@pytest.mark.parametrize("name", TARGETS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_practice_files_are_never_a_target(capsys: pytest.CaptureFixture[str],
                                               office: Path, command: str, name: str) -> None:
    before = snapshot(office)
    code, err = run(capsys, office, command, str(office / name))
    assert code == 2, err
    assert err.startswith("casedesk: error: ") and "practice's own" in err, err
    assert err.endswith("Nothing was written.\n") and err.count("\n") == 1
    assert snapshot(office) == before
    still_a_practice(office)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_relative_target_or_a_link_to_the_database_is_refused_too(
        capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    before = snapshot(office)
    monkeypatch.chdir(office / "documents")
    code, err = run(capsys, office, command, "../casedesk.db")
    assert (code, "practice's own database" in err) == (2, True), err
    link = tmp_path / "out.file"
    link.symlink_to(office / "casedesk.db")
    code, err = run(capsys, office, command, str(link))
    assert code == 2 and err.startswith("casedesk: error: "), err
    assert snapshot(office) == before and link.resolve() == office / "casedesk.db"
    still_a_practice(office)


def test_a_filing_package_folder_is_not_made_inside_the_documents(
        capsys: pytest.CaptureFixture[str], office: Path) -> None:
    before = snapshot(office)
    code = cli.main(["--data-dir", str(office), "filing", "export", "Answer", "--case", CASE,
                     "-o", str(office / "documents" / "package")])
    _out, err = capsys.readouterr()
    assert code == 2 and "is in the practice's own documents folder" in err, err
    assert snapshot(office) == before


def test_the_same_commands_still_write_elsewhere(capsys: pytest.CaptureFixture[str],
                                                 office: Path, tmp_path: Path) -> None:
    # A file named like the database but in another folder is just a file.
    for command in COMMANDS:
        target = tmp_path / command.replace(" ", "_").replace("--", "") / "casedesk.db"
        target.parent.mkdir()
        code, err = run(capsys, office, command, str(target))
        assert code == 0, (command, err)
        assert target.is_file() and target.stat().st_size > 0
    still_a_practice(office)
