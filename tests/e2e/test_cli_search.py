"""`casedesk search` and `casedesk index` in a fresh process: the index caught up first, one hit
per line (or JSON), exit 0 with "No matches." when nothing is found, exit 2 on bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, documents, notes
from tests.e2e.test_cli_interchange import casedesk


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search") / "office"
    files = folder.parent / "files"
    files.mkdir()
    (files / "Motion to dismiss.txt").write_text(
        "Defendant moves to dismiss for lack of personal jurisdiction.\n\tNothing    else.")
    (files / "engagement.html").write_text(
        "<html><body><p>Engagement of the firm</p><script>jurisdiction()</script></body></html>")
    with Practice(resolve(folder)) as practice:
        _c, first = practice.write(cases.create_case, number="2026-CV-0001",
                                   title="Acme v. Jurisdiction Holdings",
                                   opened_on=date(2026, 1, 5))
        _c, second = practice.write(cases.create_case, number="2026-CV-0002",
                                    title="Baker estate", opened_on=date(2026, 2, 1))
        documents.add_files(practice.write, practice.read, practice.blobs, case_id=first,
                            paths=sorted(files.iterdir()))
        practice.write(notes.add_note, case_id=second, text="Jurisdiction question for Baker.")
        practice.write(contacts.create_contact, name="Juris Ozols", email="juris@example.com")
    return folder


def test_search_catches_up_then_prints_one_hit_per_line(office: Path) -> None:
    done = casedesk(office, "search", "jurisdiction")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == ["indexing: 0 of 6", "indexing: 6 of 6"]
    lines = done.stdout.splitlines()
    assert sorted(lines) == sorted([
        "case\t2026-CV-0001\tAcme v. Jurisdiction Holdings\tAcme v. [Jurisdiction] Holdings "
        "2026-CV-0001",
        "document\t2026-CV-0001\tMotion to dismiss\tDefendant moves to dismiss for lack of "
        "personal [jurisdiction]. Nothing else.",
        "note\t2026-CV-0002\tJurisdiction question for Baker.\t[Jurisdiction] question for "
        "Baker.",
    ])
    assert lines[0].startswith("case\t")  # the title match ranks first

    # Up to date now: no progress the second time. The last word is a prefix unless a space
    # ends it.
    again = casedesk(office, "search", "juris")
    assert (again.returncode, again.stderr) == (0, "")
    assert len(again.stdout.splitlines()) == 4
    assert "contact\t-\tJuris Ozols\t[Juris] Ozols [juris]@example.com\n" in again.stdout
    again = casedesk(office, "search", "juris ")
    assert again.stdout.splitlines() == ["contact\t-\tJuris Ozols\t[Juris] Ozols "
                                         "[juris]@example.com"]


def test_case_kind_limit_and_json(office: Path) -> None:
    done = casedesk(office, "search", "jurisdiction", "--case", "2026-CV-0001", "--json")
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert [(h["kind"], h["case_number"], h["title"]) for h in hits] == [
        ("case", "2026-CV-0001", "Acme v. Jurisdiction Holdings"),
        ("document", "2026-CV-0001", "Motion to dismiss")]
    assert set(hits[0]) == {"kind", "id", "case_number", "title", "snippet"}
    assert hits[1]["snippet"].endswith("personal [jurisdiction]. Nothing else.")
    done = casedesk(office, "search", "juris", "--kind", "note", "--kind", "contact",
                    "--limit", "1")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
    assert done.stdout.split("\t")[0] in ("note", "contact")


def test_no_match_is_not_an_error(office: Path) -> None:
    done = casedesk(office, "search", "zeppelin")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "No matches.\n")
    done = casedesk(office, "search", "zeppelin", "--json")
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "No matches.\n")


@pytest.mark.parametrize(("args", "message"), [
    (("search", "jurisdiction", "--case", "1999-XX-1"),
     "casedesk: error: No case numbered 1999-XX-1 was found (it may have been deleted).\n"),
    (("search", "--", "-jurisdiction"),
     "casedesk: error: '-jurisdiction' has nothing to search for: give at least one word (a "
     "-word only leaves things out).\n"),
    (("search", '"" *'), "casedesk: error: '\"\" *' has nothing to search for: give at least "
                        "one word (a -word only leaves things out).\n"),
])
def test_bad_input_exits_2_with_a_message(office: Path, args: tuple[str, ...],
                                         message: str) -> None:
    done = casedesk(office, *args)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message)


@pytest.mark.parametrize("args", [("search", "x", "--limit", "0"),
                                  ("search", "x", "--limit", "many"),
                                  ("search", "x", "--kind", "task")])
def test_bad_options_are_usage_errors(office: Path, args: tuple[str, ...]) -> None:
    done = casedesk(office, *args)
    assert done.returncode == 2 and "usage: casedesk search" in done.stderr
    assert done.stdout == ""


def test_search_without_a_practice_creates_nothing(tmp_path: Path) -> None:
    done = casedesk(tmp_path / "typo", "search", "anything")
    assert done.returncode == 2 and "holds no casedesk practice" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_index_and_rebuild_say_what_they_did(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with Practice(resolve(folder)) as practice:
        _c, case_id = practice.write(cases.create_case, number="2026-CV-0001", title="Matter")
        documents.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                            paths=[tmp_path / "scan.png"])
    done = casedesk(folder, "index")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("Indexed 2, removed 0 (1 case, 1 document).\n"
                           "Read the text of 1 files: 1 of a kind casedesk cannot read, 0 "
                           "damaged, encrypted or missing.\n")
    done = casedesk(folder, "index")
    assert (done.returncode, done.stdout, done.stderr) == (0, "The search index is up to "
                                                              "date.\n", "")
    done = casedesk(folder, "index", "--rebuild")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Indexed 2, removed 0 (1 case, 1 document).\n")
