"""The CLI refuses plain mistakes plainly: a mistyped data folder, a file given as the folder, a
score out of range, a window too small, an export into a folder that is not there, damaged CSV.
Each exits 2 with `casedesk: error:` (or argparse's usage error) and creates nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from tests.e2e.test_cli_interchange import casedesk, counts
from tests.unit.test_interchange import seed


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("guards") / "office"
    with Practice(resolve(folder)) as practice:
        seed(practice)
    return folder


@pytest.mark.parametrize("command", [("conflicts", "Carmen Kang"), ("export", "out.json")])
def test_reading_commands_refuse_a_folder_without_a_practice(tmp_path: Path,
                                                             command: tuple[str, str]) -> None:
    typo = tmp_path / "typo"
    args = [command[0], str(tmp_path / command[1]) if command[0] == "export" else command[1]]
    done = casedesk(typo, *args)
    assert done.returncode == 2
    assert done.stderr == (f"casedesk: error: {typo} holds no casedesk practice "
                           "(check --data-dir)\n")
    assert done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no folder, no db, no file

    # A database that exists but holds nothing (made by a first run that was left empty) is
    # refused too, and left as it was.
    Practice(resolve(typo)).close()

    def files() -> list[Path]:  # SQLite's own -wal/-shm companions come and go
        return sorted(p.relative_to(typo) for p in typo.rglob("*")
                      if not p.name.startswith("casedesk.db-"))

    made = files()
    done = casedesk(typo, *args)
    assert done.returncode == 2 and "holds no casedesk practice" in done.stderr
    assert files() == made
    assert not (tmp_path / "out.json").exists()
    assert counts(typo)["firms"] == 0


def test_reading_commands_still_work_on_a_practice(office: Path, tmp_path: Path) -> None:
    done = casedesk(office, "conflicts", "John Smith")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("John Smith\t")
    done = casedesk(office, "export", str(tmp_path / "out.json"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.json").is_file()


def test_writing_commands_still_create_the_practice(tmp_path: Path) -> None:
    sheet = tmp_path / "contacts.csv"
    sheet.write_text("Name\nCarmen Kang\n", encoding="utf-8")
    fresh = tmp_path / "new-office"
    done = casedesk(fresh, "import-csv", "contacts", str(sheet))
    assert done.returncode == 0, done.stderr
    assert counts(fresh)["contacts"] == 1
    assert casedesk(fresh, "conflicts", "Carmen Kang").returncode == 0


def test_a_file_given_as_the_data_folder(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    for folder in (a_file, a_file / "inside"):
        for args in (("conflicts", "Kang"), ("import-csv", "contacts", str(a_file))):
            done = casedesk(folder, *args)
            assert done.returncode == 2
            assert done.stderr == f"casedesk: error: {a_file} is a file, not a folder.\n"
    assert a_file.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("score", ["500", "nan", "-1", "lots", "inf"])
def test_conflict_threshold_must_be_a_score(office: Path, score: str) -> None:
    done = casedesk(office, "conflicts", "John Smith", "--threshold", score)
    assert done.returncode == 2
    assert "argument --threshold:" in done.stderr and "from 0 to 100" in done.stderr
    assert done.stdout == ""


def test_conflict_threshold_bounds_are_accepted(office: Path) -> None:
    loose = casedesk(office, "conflicts", "John Smith", "--threshold", "0")
    strict = casedesk(office, "conflicts", "John Smith", "--threshold", "100")
    assert loose.returncode == strict.returncode == 0
    assert len(loose.stdout.splitlines()) >= 1
    assert len(loose.stdout.splitlines()) >= len(strict.stdout.splitlines())


@pytest.mark.parametrize("size", ["0x0", "1280x200", "100x800", "wide"])
def test_selftest_refuses_a_tiny_or_malformed_size(tmp_path: Path, size: str) -> None:
    shots = tmp_path / "shots"
    done = casedesk(tmp_path / "unused", "selftest", "--size", size, "--screenshots",
                    str(shots))
    assert done.returncode == 2
    assert "argument --size:" in done.stderr
    assert ("at least 320" in done.stderr) == (size != "wide")
    assert not shots.exists() and not (tmp_path / "unused").exists()


def test_export_into_a_missing_folder_names_the_folder(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "x" / "y" / "practice.json"
    done = casedesk(office, "export", str(target))
    assert done.returncode == 2
    assert done.stderr == (f"casedesk: error: Cannot write practice.json: folder {target.parent} "
                           "does not exist.\n")
    assert not (tmp_path / "x").exists()


def test_damaged_csv_files_get_a_message_not_a_traceback(office: Path, tmp_path: Path) -> None:
    before = counts(office)
    sheet = tmp_path / "contacts.csv"
    sheet.write_bytes("Name\nCarmen Kang\n".encode("utf-16") + b"\x00")
    done = casedesk(office, "import-csv", "contacts", str(sheet))
    assert done.returncode == 2
    assert done.stderr.startswith("casedesk: error: 1 problem in the file; nothing was "
                                  "imported:\n  the file starts as UTF-16 text but is damaged")
    assert "Traceback" not in done.stderr

    sheet.write_text('Case number,Title\n2026-CV-0200,"Kang v. Harbor\n2026-CV-0201,Other\n',
                     encoding="utf-8")
    done = casedesk(office, "import-csv", "cases", str(sheet), "--dry-run")
    assert done.returncode == 2
    assert 'row 2: a quote (") opens a cell on line 2 of the file and is never closed' \
        in done.stdout
    assert "needs a title" not in done.stdout
    assert counts(office) == before


@pytest.mark.postgres
def test_reading_commands_refuse_an_empty_server_database(pg_url: str, tmp_path: Path) -> None:
    from sqlalchemy import create_engine, inspect

    folder = tmp_path / "desk"
    done = casedesk(folder, "--database-url", pg_url, "conflicts", "Carmen Kang")
    assert done.returncode == 2
    assert done.stderr.startswith("casedesk: error: the database postgresql")
    assert done.stderr.endswith("holds no casedesk practice (check --database-url)\n")
    assert not folder.exists()
    engine = create_engine(pg_url)
    try:
        assert inspect(engine).get_table_names() == []  # no table was created
    finally:
        engine.dispose()


def test_the_sqlite_refusal_needs_no_sqlalchemy(tmp_path: Path) -> None:
    """Refusing a mistyped folder reads it with the stdlib alone (and so answers quickly)."""
    report = ("import atexit, sys\n"
              "atexit.register(lambda: print('sqlalchemy loaded:', 'sqlalchemy' in sys.modules,"
              " file=sys.stderr))")
    for command in (("conflicts", "Kang"), ("export", str(tmp_path / "out.json"))):
        done = casedesk(tmp_path / "nowhere", *command, code=report)
        assert done.returncode == 2
        assert done.stderr.splitlines() == [
            f"casedesk: error: {tmp_path / 'nowhere'} holds no casedesk practice "
            "(check --data-dir)", "sqlalchemy loaded: False"]


def test_a_busy_database_gets_a_message_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite gave up waiting for another writer (or the server refused): say so plainly."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from casedesk import cli
    from casedesk.commands import check

    def busy(_args: object) -> int:
        raise OperationalError("BEGIN IMMEDIATE", {},
                               sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(check, "run", busy)
    assert cli.main(["--data-dir", str(tmp_path / "p"), "check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("casedesk: error: the practice database is busy")
    assert "nothing was changed" in err and "Traceback" not in err

    def bug(_args: object) -> int:
        raise ValueError("a real bug")

    monkeypatch.setattr(check, "run", bug)
    with pytest.raises(ValueError, match="a real bug"):  # bugs are not dressed up as messages
        cli.main(["--data-dir", str(tmp_path / "p"), "check"])


def test_output_cut_short_by_a_pipe_is_not_an_error(office: Path) -> None:
    import subprocess
    import sys

    command = (f"{sys.executable} -m casedesk --data-dir {office} templates --placeholders "
               "| head -n 1")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip(), "the first line came through"
    assert "error" not in done.stderr and "Traceback" not in done.stderr
