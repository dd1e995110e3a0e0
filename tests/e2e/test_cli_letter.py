"""`casedesk letter` and `casedesk templates` as a user runs them: real processes, real files."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import documents, filings
from casedesk.services.cases import find_case_by_number
from tests.e2e.test_cli_interchange import casedesk
from tests.unit.letters_support import AWKWARD, build_letter_practice, docx_text, make_docx


def rows(data_dir: Path) -> dict[str, object]:
    """What a letter adds, read with the stdlib driver (not through casedesk)."""
    with closing(sqlite3.connect(data_dir / "casedesk.db")) as conn:
        return {
            "documents": conn.execute("SELECT title, category, source FROM documents "
                                      "ORDER BY created_at").fetchall(),
            "letters": conn.execute("SELECT kind, direction, to_text, subject FROM "
                                    "correspondence ORDER BY created_at").fetchall(),
            "links": conn.execute("SELECT count(*) FROM correspondence_documents").fetchone()[0],
            "templates": conn.execute("SELECT name FROM letter_templates WHERE deleted_at IS "
                                      "NULL").fetchall(),
        }


def stored(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "documents").rglob("*") if p.is_file()) \
        if (data_dir / "documents").exists() else []


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    with Practice(resolve(folder)) as practice:
        build_letter_practice(practice)
    return folder


def test_a_library_letter_is_written_saved_and_logged(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "status.docx"
    done = casedesk(office, "letter", "Client status update", "--case", "2026-CV-0042",
                    "--date", "2026-11-27", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"wrote {target} (Client status update to {AWKWARD}, dated November 27, 2026)",
        f"saved to case 2026-CV-0042 as “Client status update – {AWKWARD}” and logged as a "
        f"letter to {AWKWARD}"]
    body = "\n".join(docx_text(target.read_bytes())["body"])
    assert "Dear Sir or Madam:" in body and "Reply brief due" in body
    title = f"Client status update – {AWKWARD}"
    assert rows(office) == {
        "documents": [(title, "correspondence", "template: Client status update")],
        "letters": [("letter", "out", AWKWARD, title)], "links": 1, "templates": []}
    assert len(stored(office)) == 1


def test_a_template_file_with_chosen_people_and_no_save(office: Path, tmp_path: Path) -> None:
    template = tmp_path / "short note.docx"
    template.write_bytes(make_docx("Dear {{ recipient.salutation }},",
                                   "{{ sender.name }} for {{ firm.name }}"))
    target = tmp_path / "note.docx"
    done = casedesk(office, "letter", str(template), "--case", "2026-CV-0042", "--to",
                    "jo lee", "--from", "Bob", "--no-save", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert docx_text(target.read_bytes())["body"] == [
        "Dear Jo Lee,", "Bob Paralegal for Hale & Ortiz LLP"]
    assert rows(office)["documents"] == [] and stored(office) == []


def test_unknown_placeholders_exit_2_name_each_and_write_nothing(office: Path,
                                                                 tmp_path: Path) -> None:
    template = tmp_path / "typos.docx"
    template.write_bytes(make_docx("Dear {{ recipient.nmae }},", "Re: {{ case.nmber }}",
                                   "{{ tody }}", header="{{ firm.name }}"))
    target = tmp_path / "out.docx"
    done = casedesk(office, "letter", str(template), "--case", "2026-CV-0042", "-o",
                    str(target))
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == "casedesk: error: typos.docx cannot be used:"
    assert lines[1:] == [
        '- Body, paragraph 1 (“Dear {{ recipient.nmae }},”): unknown placeholder '
        '"recipient.nmae" (did you mean "recipient.name"?).',
        '- Body, paragraph 2 (“Re: {{ case.nmber }}”): unknown placeholder "case.nmber" '
        '(did you mean "case.number"?).',
        '- Body, paragraph 3 (“{{ tody }}”): unknown placeholder "tody" '
        '(did you mean "today"?).']
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "office", "typos.docx"]
    assert rows(office)["documents"] == [] and stored(office) == []


def test_a_syntax_error_exits_2_with_its_paragraph(office: Path, tmp_path: Path) -> None:
    template = tmp_path / "broken.docx"
    template.write_bytes(make_docx("Hello", "{% if case.judge %}Judge {{ case.judge }}"))
    done = casedesk(office, "letter", str(template), "--case", "2026-CV-0042", "-o",
                    str(tmp_path / "out.docx"))
    assert done.returncode == 2
    assert "- Body, paragraph 2 (“{% if case.judge %}Judge {{ case.judge }}”): template " \
           "syntax error: Unexpected end of template." in done.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(("args", "message"), [
    (("Engagement letter", "--case", "2099-XX-0001"),
     "casedesk: error: No case numbered 2099-XX-0001 was found"),
    (("Engagement letter", "--case", "2026-CV-0042", "--to", "Jo Leee"),
     "casedesk: error: No contact named 'Jo Leee' was found. Did you mean 'Jo Lee'?"),
    (("Engagement letter", "--case", "2026-CV-0042", "--from", "Carol"),
     "casedesk: error: No staff member named 'Carol' was found."),
    (("No such template", "--case", "2026-CV-0042"),
     "casedesk: error: No template named 'No such template' (the library has: Engagement "),
    (("missing.docx", "--case", "2026-CV-0042"),
     "casedesk: error: There is no file missing.docx (and no template of that name"),
    (("Cover letter for a court filing", "--case", "2026-CV-0042"),
     "casedesk: error: This template lists a court filing's documents (filing.*)"),
    (("Engagement letter", "--case", "2026-CV-0043"),
     "casedesk: error: Case 2026-CV-0043 has no client; choose the recipient."),
])
def test_refusals_exit_2_and_write_nothing(office: Path, tmp_path: Path, args: tuple[str, ...],
                                           message: str) -> None:
    target = tmp_path / "out.docx"
    done = casedesk(office, "letter", *args, "-o", str(target))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(message), done.stderr
    assert not target.exists() and rows(office)["documents"] == [] and stored(office) == []


def test_a_missing_output_folder_is_refused_before_anything(office: Path,
                                                            tmp_path: Path) -> None:
    done = casedesk(office, "letter", "Engagement letter", "--case", "2026-CV-0042", "-o",
                    str(tmp_path / "no such folder" / "out.docx"))
    assert done.returncode == 2
    assert "folder" in done.stderr and "does not exist" in done.stderr
    assert rows(office)["documents"] == []


def test_a_failed_write_keeps_nothing_saved(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    patch = ("import sys, casedesk.export.files as f\n"
             "def refuse(path, data):\n"
             "    raise OSError(28, 'No space left on device', str(path))\n"
             "f.write_bytes_atomically = refuse\n")
    done = casedesk(office, "letter", "Engagement letter", "--case", "2026-CV-0042", "-o",
                    str(target), code=patch)
    assert done.returncode == 2
    assert "No space left on device" in done.stderr
    assert not target.exists()
    assert rows(office) == {"documents": [], "letters": [], "links": 0, "templates": []}
    assert stored(office) == []


def test_a_cover_letter_lists_the_filing(office: Path, tmp_path: Path) -> None:
    with Practice(resolve(office)) as practice:
        case_id = practice.read(lambda s: find_case_by_number(s, "2026-CV-0042").id)
        ids = documents.add_files(practice.write, practice.read, practice.blobs,
                                  case_id=case_id, paths=[_pdf(tmp_path)])
        _c, filing_id = practice.write(filings.create_filing, case_id=case_id,
                                       title="Motion to dismiss")
        practice.write(filings.add_documents, filing_id=filing_id, document_ids=ids,
                       labels=["Motion & Memorandum of Law"])
    target = tmp_path / "cover.docx"
    done = casedesk(office, "letter", "Cover letter for a court filing", "--case",
                    "2026-CV-0042", "--filing", "motion to dismiss", "-o", str(target))
    assert done.returncode == 0, done.stderr
    body = docx_text(target.read_bytes())["body"]
    assert "Clerk of the Court\nU.S. District Court, N.D. Ill." in body
    assert "1.\tMotion & Memorandum of Law" in body
    assert rows(office)["letters"][0][2] == "Clerk of the Court, U.S. District Court, N.D. Ill."


def _pdf(folder: Path) -> Path:
    path = folder / "motion.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return path


# -- casedesk templates ------------------------------------------------------------------------
def test_templates_check_lists_problems_and_exits_2(office: Path, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    good.write_bytes(make_docx("{{ case.title }} {{ today }}"))
    bad.write_bytes(make_docx("{{ clinet.name }}"))
    done = casedesk(office, "templates", "--check", str(good))
    assert done.returncode == 0 and done.stdout == f"{good}: OK (2 placeholders)\n"
    done = casedesk(office, "templates", "--check", str(good), str(bad))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{bad}: 1 problem",
        '  - Body, paragraph 1 (“{{ clinet.name }}”): unknown placeholder "clinet.name" '
        '(did you mean "client.name"?).']


def test_templates_are_listed_added_exported_and_used(office: Path, tmp_path: Path) -> None:
    listed = casedesk(office, "templates")
    assert listed.returncode == 0
    assert [line.split("\t")[:2] for line in listed.stdout.splitlines()] == [
        ["Engagement letter", "shipped"], ["Client status update", "shipped"],
        ["Request for documents", "shipped"], ["Cover letter for a court filing", "shipped"],
        ["Letter to opposing counsel", "shipped"], ["Hearing notice to client", "shipped"]]
    copy = tmp_path / "engagement.docx"
    assert casedesk(office, "templates", "--export", "Engagement letter", "-o",
                    str(copy)).returncode == 0
    bad = tmp_path / "bad.docx"
    bad.write_bytes(make_docx("{{ case.nmber }}"))
    refused = casedesk(office, "templates", "--add", str(bad), "--name", "Bad")
    assert refused.returncode == 2 and "case.nmber" in refused.stderr
    assert rows(office)["templates"] == [] and stored(office) == []
    added = casedesk(office, "templates", "--add", str(copy), "--name", "Our engagement",
                     "--description", "with our fee schedule")
    assert added.returncode == 0, added.stderr
    assert rows(office)["templates"] == [("Our engagement",)]
    assert casedesk(office, "templates").stdout.splitlines()[-1] == \
        "Our engagement\tpractice\twith our fee schedule"
    target = tmp_path / "letter.docx"
    made = casedesk(office, "letter", "our engagement", "--case", "2026-CV-0042", "-o",
                    str(target))
    assert made.returncode == 0, made.stderr
    assert rows(office)["documents"][0][2] == "template: Our engagement"
    removed = casedesk(office, "templates", "--remove", "Our engagement")
    assert removed.returncode == 0 and rows(office)["templates"] == []
    shipped = casedesk(office, "templates", "--remove", "Engagement letter")
    assert shipped.returncode == 2 and "cannot be removed" in shipped.stderr


def test_templates_placeholders_lists_the_schema(office: Path) -> None:
    done = casedesk(office, "templates", "--placeholders")
    assert done.returncode == 0
    names = [line.split()[0] for line in done.stdout.splitlines()]
    assert "case.docket_number" in names and "requested_documents[].due_on" in names
    assert "events" in names and "filing.documents[].title" in names
