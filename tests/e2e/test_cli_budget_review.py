"""Review of `casedesk report` (issue 5) as a careless user or an attacker runs it: the options in
any order, a relative -o, the practice's own files as the target, a read-only folder, a full
disk, a symbolic link, text no writer expected (Word's line breaks, CJK, formulas), a practice
without a firm; exit codes 0 and 2, `casedesk: error: ...`, and nothing left behind on failure."""

from __future__ import annotations

import io
import os
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import openpyxl
import pypdf
import pytest

from casedesk import cli
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import budgets, cases, expenses, staff, time_entries
from casedesk.services.budget_rows import BudgetLineInput
from tests.e2e.test_cli_interchange import casedesk
from tests.e2e.test_cli_report import CASE, build_practice

ODD = "2026-CV-0099"
ODD_TITLE = "株式会社 Tanaka v. Müller\x0bpasted from Word"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review") / "office"
    with Practice(resolve(folder)) as practice:
        ids = build_practice(practice)
        _c, odd = practice.write(cases.create_case, number=ODD, title=ODD_TITLE,
                                 practice_area="=cmd|' /C calc'!A0", status="open")
        practice.write(budgets.set_budget, case_id=odd,
                       lines=[BudgetLineInput("Discovery", "fees", "123456789.01")])
        practice.write(time_entries.add_time_entry, case_id=odd, staff_id=ids["zoe"],
                       worked_on="2026-03-31", hours="2", phase="discovery",
                       description="=HYPERLINK(\"http://evil.example\",\"click\")")
        practice.write(expenses.add_expense, case_id=odd, spent_on="2026-01-01",
                       category="travel", amount="1,234.50", vendor="@vendor", phase="DISCOVERY")
    return folder


def run(capsys: pytest.CaptureFixture[str], office: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(office), "report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


# -- the command line as written in the issue -----------------------------------------------------
@pytest.mark.parametrize("order", ["after", "before"])
def test_options_in_any_order_and_a_relative_output(
        capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, order: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.csv").write_text("old report")
    args = (["budget", "--case", CASE, "--from", "2026-01-01", "--to", "2026-03-31",
             "--format", "csv", "-o", "r.csv"] if order == "after" else
            ["--format", "csv", "-o", "r.csv", "--to", "2026-03-31", "--case", CASE,
             "--from", "2026-01-01", "budget"])
    code, out, err = run(capsys, office, *args)
    assert (code, out) == (0, ""), err
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("Budget vs actual — 2026-CV-0001")
    assert "Total,11500.00,6529.58," in text  # the first quarter, replaced whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_expenses_report_on_the_period_edges(capsys: pytest.CaptureFixture[str], office: Path,
                                             tmp_path: Path) -> None:
    # The odd case's expense is dated 2026-01-01 and its time 2026-03-31: both in Q1.
    target = tmp_path / "e.csv"
    code, _out, err = run(capsys, office, "expenses", "--case", ODD, "--from", "2026-01-01",
                          "--to", "2026-01-01", "--format", "csv", "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8-sig")
    assert "Travel,1,1234.50,100.0" in text  # typed "travel": stored as the practice spells it
    assert "Total,1,1234.50,100.0" in text


# -- the practice's own files are never a target --------------------------------------------------
@pytest.mark.parametrize("name", ["casedesk.db", "casedesk.db-wal", "CaseDesk.DB",
                                  "documents/x.pdf", "backups/copy.db"])
def test_the_practice_database_and_folders_are_refused(
        capsys: pytest.CaptureFixture[str], office: Path, name: str) -> None:
    target = office / name
    existed = target.exists()
    before = target.read_bytes() if existed else None
    code, _out, err = run(capsys, office, "budget", "--format", "csv", "-o", str(target))
    assert code == 2
    assert err.startswith("casedesk: error: ") and "practice's own" in err
    assert (target.read_bytes() if existed else None) == before
    assert target.exists() is existed
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 3


# -- the file system says no ----------------------------------------------------------------------
def test_read_only_folder_and_full_disk_leave_nothing(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    # Root may write anywhere, so the refusal is the system's, made to happen in the process.
    denied = ("import os, sys\n_open = os.open\n"
              "def refuse(path, *a, **k):\n"
              "    if str(path).endswith('.partial'):\n"
              "        raise PermissionError(13, 'Permission denied', str(path))\n"
              "    return _open(path, *a, **k)\n"
              "os.open = refuse\n")
    done = casedesk(office, "report", "budget", "--format", "pdf", "-o", str(target),
                    code=denied)
    assert done.returncode == 2
    assert done.stderr.startswith("casedesk: error: cannot access ")
    assert done.stderr.endswith(": Permission denied\n")
    full = ("import os, sys\n"
            "def full(fd):\n    raise OSError(28, 'No space left on device')\n"
            "os.fsync = full\n")
    done = casedesk(office, "report", "budget", "--format", "xlsx", "-o", str(target),
                    code=full)
    assert done.returncode == 2
    assert done.stderr == f"casedesk: error: cannot access {target}: No space left on device\n"
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_a_link_or_a_folder_in_the_way_is_refused(capsys: pytest.CaptureFixture[str],
                                                  office: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    (tmp_path / "link.csv").symlink_to(elsewhere)
    code, _out, err = run(capsys, office, "budget", "-o", str(tmp_path / "link.csv"))
    assert code == 2 and "is a symbolic link" in err
    assert elsewhere.read_text() == "keep me"
    code, _out, err = run(capsys, office, "budget", "--format", "csv", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err
    assert leftovers(tmp_path) == []


# -- text no writer expected ----------------------------------------------------------------------
def test_odd_text_in_every_format(capsys: pytest.CaptureFixture[str], office: Path,
                                  tmp_path: Path) -> None:
    for fmt in ("csv", "xlsx", "pdf"):
        code, _out, err = run(capsys, office, "budget", "--format", fmt, "-o",
                              str(tmp_path / f"firm.{fmt}"))
        assert code == 0, err
    csv_text = (tmp_path / "firm.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in csv_text  # the practice area, never a formula
    ws = openpyxl.load_workbook(tmp_path / "firm.xlsx")["Open cases"]
    row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == ODD)
    assert row[1].value == "株式会社 Tanaka v. Müller pasted from Word"
    assert row[2].value == "=cmd|' /C calc'!A0" and row[2].data_type == "s"
    assert row[2].quotePrefix
    # Fees 2 h x 95.50 = 191.00 (typed "discovery": counted on the Discovery line) + 1,234.50.
    assert float(row[5].value) == 1425.50
    pdf = pypdf.PdfReader(io.BytesIO((tmp_path / "firm.pdf").read_bytes()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "\ufffd\ufffd\ufffd\ufffd Tanaka" in text and "$123,456,789.01" in text
    code, _out, err = run(capsys, office, "budget", "--case", ODD, "--format", "csv", "-o",
                          str(tmp_path / "odd.csv"))
    assert code == 0, err
    phases = (tmp_path / "odd.csv").read_text(encoding="utf-8-sig")
    assert "Discovery,123456789.01,1425.50,123455363.51," in phases
    assert "discovery" not in phases.replace("Discovery", "")


def test_a_practice_without_a_firm_writes_every_report(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    folder = tmp_path / "nofirm"
    with Practice(resolve(folder)) as practice:
        practice.write(staff.add_staff, name="Ann", role="attorney", hourly_rate="100")
        practice.write(cases.create_case, number="X-1", title="Only a case", status="open")
    for report in ("budget", "expenses", "hours", "unbilled"):
        for fmt in ("csv", "xlsx", "pdf"):
            target = tmp_path / f"{report}.{fmt}"
            code, _out, err = run(capsys, folder, report, "--format", fmt, "-o", str(target))
            assert code == 0, err
            assert target.stat().st_size > 0
    assert "\nFirm,\n" in (tmp_path / "budget.csv").read_text(encoding="utf-8-sig")
    assert leftovers(tmp_path) == []
    assert os.listdir(folder)  # the practice is still there


@pytest.mark.parametrize("day", ["0001-01-05", "9999-12-31", "2026-W10-1", "20260301"])
def test_odd_period_dates_are_refused(capsys: pytest.CaptureFixture[str], office: Path,
                                      tmp_path: Path, day: str) -> None:
    target = tmp_path / "r.csv"
    with pytest.raises(SystemExit) as done:
        run(capsys, office, "budget", "--case", CASE, "--to", day, "-o", str(target))
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --to: {day!r} is not a" in err and "Traceback" not in err
    assert not target.exists()


def test_terminal_escapes_in_names_are_not_printed(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    # A title or name from an imported file could re-title the terminal or clear it.
    folder = tmp_path / "escapes"
    with Practice(resolve(folder)) as practice:
        eve = uuid.uuid4()
        practice.write(staff.add_staff, name="Eve", role="attorney",
                       hourly_rate="100", staff_id=eve)
        _c, case = practice.write(cases.create_case, number="X-1", status="open",
                                  title="Evil title")
        practice.write(budgets.set_budget, case_id=case, lines=[BudgetLineInput("Trial", "fees",
                                                                                "10")])
        practice.write(time_entries.add_time_entry, case_id=case, staff_id=eve,
                       worked_on="2026-03-02", hours="1")
        practice.write(expenses.add_expense, case_id=case, spent_on="2026-03-02",
                       category="Travel", amount="5", staff_id=eve)
    # The services refuse control characters now; an older practice may still hold them.
    with closing(sqlite3.connect(folder / "casedesk.db")) as conn, conn:
        conn.execute("UPDATE staff SET name = ? WHERE name = 'Eve'", ("Eve\x1b[2J",))
        conn.execute("UPDATE cases SET title = ? WHERE number = 'X-1'",
                     ("Evil\x1b]0;pwned\x07 title",))
    outputs = []
    for args in (["report", "budget", "--case", "X-1", "-o", str(tmp_path / "r.csv")],
                 ["budget", "X-1"], ["budget", "X-1", "--history"], ["time", "X-1"],
                 ["expense", "X-1"]):
        code = cli.main(["--data-dir", str(folder), *args])
        out, err = capsys.readouterr()
        assert code == 0, err
        outputs.append(out + err)
    for text in outputs:
        assert "\x1b" not in text and "\x07" not in text
    assert "Evil?]0;pwned? title" in outputs[0] and "Eve?[2J" in outputs[3]
