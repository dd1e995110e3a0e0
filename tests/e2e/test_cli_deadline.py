"""`casedesk deadline` end to end: the due date on the first line, the explanation after it,
the rule-set listing, and plain mistakes refused with exit 2. It is pure computation: it opens
no practice, makes no data folder and loads neither the database nor Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casedesk.cli import main


def deadline(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["deadline", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.mark.parametrize(("args", "due"), [
    (("--from", "2024-06-14", "--days", "14"), "2024-06-28"),
    (("--from", "2026-06-13", "--days", "21"), "2026-07-06"),
    (("--from", "2026-07-17", "--days", "14", "--before"), "2026-07-02"),
    (("--from", "2026-04-16", "--days", "30", "--service", "mail"), "2026-05-21"),
    (("--from", "2016-11-18", "--days", "7", "--service", "electronic"), "2016-11-25"),
    (("--from", "2026-03-06", "--days", "14", "--service", "other-consent"), "2026-03-23"),
    (("--from", "2026-03-10", "--days", "21", "--state", "CA"), "2026-04-01"),
    (("--from", "2026-04-14", "--days", "14", "--before", "--state", "ca"), "2026-03-31"),
    (("--from", "2026-03-10", "--days", "16", "--court-days", "--state", "CA"), "2026-04-02"),
    (("--from", "2026-03-06T17:00", "--hours", "48"), "2026-03-09T17:00"),
    (("--from", "2026-03-06T17:00-08:00", "--hours", "48"), "2026-03-09T17:00-08:00"),
    (("--from", "2026-01-26", "--days", "1", "--closure", "2026-01-27=ice storm"), "2026-01-28"),
])
def test_first_line_is_the_due_date(capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                     due: str) -> None:
    code, lines, err = deadline(capsys, *args)
    assert (code, lines, err) == (0, [due], "")


def test_explain_prints_the_steps_after_the_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = deadline(capsys, "--from", "2026-06-13", "--days", "21", "--explain")
    assert code == 0
    assert lines[0] == "2026-07-06"
    assert lines[1] == "Trigger: Sat 13 Jun 2026 (not counted)"
    assert lines[4:8] == ["Day 21: Sat 4 Jul 2026", "Sat 4 Jul 2026: weekend — roll forward",
                          "Sun 5 Jul 2026: weekend", "Due: Mon 6 Jul 2026"]


def test_explain_names_the_closure_and_the_state_holiday(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = deadline(capsys, "--from", "2026-03-10", "--days", "21", "--state", "CA",
                              "--closure", "2026-04-01=e-filing outage", "--explain")
    assert (code, lines[0]) == (0, "2026-04-02")
    assert "Tue 31 Mar 2026: Cesar Chavez Day (CA state holiday) — roll forward" in lines
    assert "Wed 1 Apr 2026: Court closure: e-filing outage" in lines


def test_rule_set_lists_every_deadline_of_a_trigger(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = deadline(capsys, "--from", "2026-05-11", "--rule-set", "ndcal",
                              "--trigger", "motion_filed")
    assert code == 0
    assert lines == ["2026-05-26\tOpposition due\tN.D. Cal. Civil L.R. 7-3(a)",
                     "2026-06-02\tReply due\tN.D. Cal. Civil L.R. 7-3(c)"]
    code, lines, _ = deadline(capsys, "--from", "2026-05-11", "--rule-set", "frcp")
    assert code == 0 and "judgment_entered\tJudgment entered" in lines
    code, lines, _ = deadline(capsys, "--from", "2026-04-16", "--rule-set", "frcp", "--trigger",
                              "answer_served", "--service", "mail", "--explain")
    assert lines[0].startswith("2026-05-11\tAnswer to counterclaim or crossclaim\t")
    assert "    Sun 10 May 2026: weekend — roll forward" in lines


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2026-03-10"), "give the period with --days N or --hours N"),
    (("--from", "03/10/2026", "--days", "3"), "--from '03/10/2026' is not a date as YYYY-MM-DD"),
    (("--from", "2026-02-30", "--days", "3"), "--from '2026-02-30' is not a date as YYYY-MM-DD"),
    (("--from", "2026-03-10T09:00", "--days", "3"),
     "--from '2026-03-10T09:00' is not a date as YYYY-MM-DD (a date and time goes with --hours)"),
    (("--from", "2026-03-10", "--hours", "3"),
     "--from '2026-03-10' is not a date and time such as 2026-03-06T17:00"),
    (("--from", "2026-03-10T09:00", "--hours", "3", "--before"),
     "--before and --court-days count days; use them with --days, not --hours"),
    (("--from", "2026-03-10T09:00", "--hours", "3", "--court-days"),
     "--before and --court-days count days"),
    (("--from", "2026-07-17", "--days", "14", "--before", "--service", "mail"),
     "--service applies only to periods counted after service (Rule 6(d))"),
    (("--from", "2026-03-10", "--days", "3", "--state", "WY"),
     "no reviewed holiday list for WY; "),
    (("--from", "2026-03-10", "--days", "3", "--state", "Calif"),
     "'Calif' is not a two-letter state code"),
    (("--from", "1850-03-10", "--days", "3"), "1850-03-10 is outside the years"),
    (("--from", "2026-03-10", "--days", "99999"), "the number of days must be from 1 to"),
    (("--from", "2026-03-10", "--trigger", "x"), "--trigger needs --rule-set"),
    (("--from", "2026-03-10", "--rule-set", "frcp", "--days", "3"),
     "--rule-set takes its periods from the rule set"),
    (("--from", "2026-03-10", "--rule-set", "state", "--trigger", "x"), "no rule set 'state'"),
])
def test_mistakes_exit_2_with_a_message(capsys: pytest.CaptureFixture[str],
                                        args: tuple[str, ...], message: str) -> None:
    code, lines, err = deadline(capsys, *args)
    assert (code, lines) == (2, [])
    assert err.startswith(f"casedesk: error: {message}"), err
    assert err.count("\n") == 1


@pytest.mark.parametrize("args", [
    ("--from", "2026-03-10", "--days", "0"),
    ("--from", "2026-03-10", "--days", "three"),
    ("--from", "2026-03-10", "--days", "3", "--hours", "4"),
    ("--from", "2026-03-10", "--days", "3", "--service", "fax"),
    ("--from", "2026-03-10", "--days", "3", "--closure", "tomorrow"),
    ("--days", "3",),
])
def test_argument_errors_exit_2(capsys: pytest.CaptureFixture[str],
                                args: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["deadline", *args])
    assert caught.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "casedesk deadline: error: " in err


def test_runs_without_a_practice_database_or_qt(tmp_path: Path) -> None:
    folder = tmp_path / "no-practice"
    probe = ("import sys\nfrom casedesk.cli import main\n"
             "code = main(sys.argv[1:])\n"
             "loaded = [m for m in ('sqlalchemy', 'sqlmodel', 'PySide6') if m in sys.modules]\n"
             "print('loaded:', ','.join(loaded), file=sys.stderr)\n"
             "raise SystemExit(code)\n")
    done = subprocess.run(
        [sys.executable, "-c", probe, "--data-dir", str(folder), "deadline", "--from",
         "2026-04-16", "--days", "30", "--service", "mail", "--explain"],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "2026-05-21"
    assert done.stderr == "loaded: \n"
    assert not folder.exists()
