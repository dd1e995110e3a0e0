"""`casedesk budget`, `casedesk time` and `casedesk expense` as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casedesk import cli
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import cases, documents, staff
from tests.e2e.test_cli_interchange import casedesk

CASE = "2026-CV-0001"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    with Practice(resolve(folder)) as practice:
        practice.write(cases.create_case, number=CASE, title="Smith v. Acme")
        _c, other = practice.write(cases.create_case, number="2026-CV-0002", title="Doe v. Roe")
        practice.write(staff.add_staff, name="Jane Smith", role="attorney",
                       hourly_rate="333.33")
        practice.write(staff.add_staff, name="Pat Doe", role="paralegal")
        case_id = practice.read(lambda s: cases.find_case_by_number(s, CASE).id)
        for case, name in ((case_id, "fee_receipt.pdf"), (other, "hotel.pdf")):
            stored = practice.blobs.put_bytes(name.encode())
            practice.write(documents.add_documents, case_id=case,
                           files=[documents.NewFile(stored=stored, file_name=name)])
    return folder


def run(capsys: pytest.CaptureFixture[str], office: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(office), *args])
    out, err = capsys.readouterr()
    return code, out, err


def rows(office: Path, table: str) -> int:
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_budget_set_revise_show_and_history(capsys: pytest.CaptureFixture[str],
                                            office: Path) -> None:
    code, out, err = run(capsys, office, "budget", CASE)
    assert code == 0 and "No budget yet" in out
    code, out, err = run(capsys, office, "budget", CASE, "--set", "Discovery:fees:12000:48",
                         "--set", "Court fees:expense:800.50", "--set", "Trial: day 1:fees:0",
                         "--reason", "Engagement letter", "--by", "jane smith")
    assert (code, err.strip()) == (0, f"Budget revision 1 of {CASE} saved.")
    assert "Budget revision 1 of 1 · hourly" in out and "by Jane Smith" in out
    assert [line.split() for line in out.splitlines() if line.startswith("Total")] == [
        ["Total", "fees", "12,000.00"], ["Total", "expenses", "800.50"],
        ["Total", "12,800.50"]]
    code, out, err = run(capsys, office, "budget", CASE, "--arrangement", "contingency",
                         "--contingency-percent", "33.33", "--expected-recovery", "100000",
                         "--planned-end", "2026-12-31", "--reason", "Contingency agreed")
    assert code == 0 and "contingency 33.33% of 100,000.00 expected = 33,330.00" in out
    code, out, err = run(capsys, office, "budget", CASE, "--json")
    data = json.loads(out)
    assert (data["revisions"], data["budget"]["revision"], data["budget"]["total"]) == (
        2, 2, "12800.50")
    assert data["budget"]["lines"][1] == {"phase": "Court fees", "kind": "expenses",
                                          "amount": "800.50", "hours": None}
    assert data["budget"]["planned_end_on"] == "2026-12-31"
    code, out, err = run(capsys, office, "budget", CASE, "--history")
    table = [line.split()[:3] for line in out.splitlines()[1:]]
    assert [t[0] for t in table] == ["2*", "1"] and table[0][2] == "contingency"
    code, out, err = run(capsys, office, "budget", CASE, "--history", "--json")
    assert [r["reason"] for r in json.loads(out)["revisions"]] == [
        "Contingency agreed", "Engagement letter"]


def test_budget_errors_exit_2_and_write_nothing(capsys: pytest.CaptureFixture[str],
                                               office: Path) -> None:
    for args, message in [
        (("--fixed-fee", "100"), "no budget yet: give its lines with --set"),
        (("--set", "Discovery:costs:1"), "'costs' is not a kind of budget line"),
        (("--set", "Discovery"), "write PHASE:KIND:AMOUNT"),
        (("--set", "A:fees:1", "--set", "a:fees:2"), "on lines 1 and 2"),
        (("--set", "A:fees:1", "--arrangement", "fixed_fee"), "Enter the fixed fee"),
        (("--set", "A:fees:1", "--contingency-percent", "10"),
         "--contingency-percent goes with --arrangement contingency"),
        (("--set", "A:fees:1", "--history"), "--history only lists"),
        (("--set", "A:fees:1", "--by", "Nobody"), "No staff member Nobody"),
    ]:
        code, out, err = run(capsys, office, "budget", CASE, *args)
        assert code == 2 and out == "", args
        assert err.startswith("casedesk: error: ") and message in err, (args, err)
    code, _out, err = run(capsys, office, "budget", "2026-CV-0404")
    assert code == 2 and "No case numbered 2026-CV-0404" in err
    assert (rows(office, "budgets"), rows(office, "budget_lines")) == (0, 0)


def test_time_entries_add_and_list(capsys: pytest.CaptureFixture[str], office: Path) -> None:
    code, out, err = run(capsys, office, "time", CASE, "--staff", "Jane Smith", "--hours",
                         "0.1", "--date", "2026-03-02", "--phase", "Discovery", "--activity",
                         "Research", "--description", "Read the file")
    assert code == 0 and err.strip() == f"Time entry added to {CASE}."
    assert out.strip() == ("2026-03-02  Jane Smith  0.10 h x 333.33 = 33.33 · Discovery · "
                           "Research · billable · Read the file")
    code, out, err = run(capsys, office, "time", CASE, "--staff", "pat doe", "--hours", "2.25",
                         "--rate", "80.10", "--date", "2026-03-03", "--non-billable",
                         "--json")
    assert code == 0 and json.loads(out)["amount"] == "180.23"
    code, out, err = run(capsys, office, "time", CASE)
    assert out.splitlines()[-1] == ("Total: 2 entries, 2.35 h, 213.56 (billable 33.33, "
                                    "unbilled 33.33)")
    code, out, err = run(capsys, office, "time", CASE, "--list", "--json")
    data = json.loads(out)
    assert [e["date"] for e in data["time_entries"]] == ["2026-03-03", "2026-03-02"]
    assert data["totals"] == {"hours": "2.35", "amount": "213.56", "billable": "33.33",
                              "unbilled": "33.33"}
    assert set(data["time_entries"][0]) >= {"id", "staff_id", "date", "hours", "rate", "phase",
                                            "activity", "description", "billable"}


def test_time_errors_exit_2_and_write_nothing(capsys: pytest.CaptureFixture[str],
                                             office: Path) -> None:
    for args, message in [
        (("--staff", "Pat Doe", "--hours", "1"), "Pat Doe has no hourly rate; enter the rate."),
        (("--staff", "Jane Smith", "--hours", "30"), "more than a day"),
        (("--staff", "Jane Smith", "--hours", "1", "--date", "2026-02-30"), "not a date"),
        (("--staff", "Jane Smith"), "give --staff NAME and --hours H"),
        (("--staff", "Nobody", "--hours", "1"), "No staff member Nobody"),
        (("--list", "--hours", "1"), "--list only lists"),
    ]:
        code, out, err = run(capsys, office, "time", CASE, *args)
        assert code == 2 and out == "", args
        assert err.startswith("casedesk: error: ") and message in err, (args, err)
    assert rows(office, "time_entries") == 0


def test_expenses_with_receipts(capsys: pytest.CaptureFixture[str], office: Path) -> None:
    code, out, err = run(capsys, office, "expense", CASE, "--category", "Court fees",
                         "--amount", "405", "--date", "2026-03-02", "--vendor", "Clerk",
                         "--receipt", "FEE_RECEIPT.pdf", "--staff", "Pat Doe")
    assert code == 0
    assert out.strip() == ("2026-03-02  Court fees  405.00 · Clerk · billable · "
                           "receipt: fee receipt")
    for args, message in [
        (("--receipt", "hotel.pdf"), "no document titled or named 'hotel.pdf'"),
        (("--amount", "0"), "more than zero"),
        ((), "give --category C and --amount X"),
    ]:
        base = ["--category", "Travel"] + (["--amount", "10"] if args else [])
        code, out, err = run(capsys, office, "expense", CASE, *base, *args)
        assert code == 2 and message in err, (args, err)
    code, out, err = run(capsys, office, "expense", CASE, "--category", "Travel", "--amount",
                         "0.10", "--date", "2026-03-05", "--receipt", "fee receipt")
    assert code == 0
    code, out, err = run(capsys, office, "expense", CASE, "--json")
    data = json.loads(out)
    assert [e["amount"] for e in data["expenses"]] == ["0.10", "405.00"]
    assert data["totals"]["amount"] == "405.10"
    assert data["expenses"][1]["receipt"] == "fee receipt"
    assert rows(office, "expenses") == 2


def test_a_fresh_process_runs_the_commands(office: Path) -> None:
    result = casedesk(office, "budget", CASE, "--set", "Trial:fees:1000")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["Total", "1,000.00"]
    result = casedesk(office, "time", CASE, "--staff", "Pat Doe", "--hours", "1")
    assert result.returncode == 2
    assert result.stderr == "casedesk: error: Pat Doe has no hourly rate; enter the rate.\n"
