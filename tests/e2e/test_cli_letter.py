"""`casedesk letter` and `casedesk templates` as a user runs them: real processes, real files."""

from __future__ import annotations

import os
import sqlite3
import stat
import zipfile
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
             "f.prepare_bytes = refuse\n")
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
    draft = tmp_path / "draft.docx"
    done = casedesk(office, "letter", "Cover letter for a court filing", "--case",
                    "2026-CV-0042", "--filing", "motion to dismiss", "--no-save", "-o",
                    str(draft))
    assert done.returncode == 0, done.stderr
    assert _cover_of(office) == (None,)  # nothing saved, nothing attached
    target = tmp_path / "cover.docx"
    done = casedesk(office, "letter", "Cover letter for a court filing", "--case",
                    "2026-CV-0042", "--filing", "motion to dismiss", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == ("attached to the filing “Motion to dismiss” as its "
                                            "cover letter")
    body = docx_text(target.read_bytes())["body"]
    assert "Clerk of the Court\nU.S. District Court, N.D. Ill." in body
    assert "1.\tMotion & Memorandum of Law" in body
    assert rows(office)["letters"][0][2] == "Clerk of the Court, U.S. District Court, N.D. Ill."
    # The letter is the filing's cover letter, so the exported package starts with it.
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        letter_id = conn.execute("SELECT id FROM documents WHERE title LIKE 'Cover letter%'"
                                 ).fetchone()[0]
    assert _cover_of(office) == (letter_id,)
    package = tmp_path / "package.zip"
    exported = casedesk(office, "filing", "export", "Motion to dismiss", "--case",
                        "2026-CV-0042", "-o", str(package))
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(package) as archive:
        assert archive.namelist()[0] == "00 - Cover letter.docx"
        assert archive.read("00 - Cover letter.docx") == target.read_bytes()


def _cover_of(office: Path) -> tuple[object, ...]:
    with closing(sqlite3.connect(office / "casedesk.db")) as conn:
        return tuple(conn.execute("SELECT cover_document_id FROM filings").fetchone())


@pytest.mark.skipif(os.name != "posix", reason="POSIX file kinds and permissions")
def test_only_a_regular_file_is_replaced(office: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.docx"
    real.write_bytes(b"someone else's letter")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    for target, what in ((link, "a symbolic link"), (pipe, "a named pipe (FIFO)")):
        done = casedesk(office, "letter", "Engagement letter", "--case", "2026-CV-0042",
                        "-o", str(target))
        assert done.returncode == 2
        assert done.stderr == (f"casedesk: error: {target} is {what}, not a regular file; "
                               "only a file can be replaced. Choose another name; nothing "
                               "was written.\n")
    assert link.is_symlink() and real.read_bytes() == b"someone else's letter"
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.docx", "office", "pipe.docx",
                                                          "real.docx"]
    assert rows(office)["documents"] == [] and stored(office) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_letter_file_gets_the_permissions_of_a_normal_save(office: Path,
                                                            tmp_path: Path) -> None:
    target = tmp_path / "new.docx"
    done = casedesk(office, "letter", "Engagement letter", "--case", "2026-CV-0042", "-o",
                    str(target), code="import os, sys\nos.umask(0o027)\n")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    target.chmod(0o600)  # a replaced file keeps its own
    done = casedesk(office, "letter", "Engagement letter", "--case", "2026-CV-0042", "-o",
                    str(target), "--no-save")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_earlier_file_survives_a_failure_to_save_to_the_case(office: Path,
                                                                tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"the earlier letter")
    # The transaction fails at its very end, after the letter was recorded and written.
    patch = ("import sys\nfrom contextlib import contextmanager\n"
             "from casedesk.persistence.practice import Practice\n"
             "original = Practice.transaction\n"
             "@contextmanager\n"
             "def failing(self):\n"
             "    with original(self) as session:\n"
             "        yield session\n"
             "        raise OSError(5, 'Input/output error', 'casedesk.db')\n"
             "Practice.transaction = failing\n")
    done = casedesk(office, "letter", "Engagement letter", "--case", "2026-CV-0042", "-o",
                    str(target), code=patch)
    assert done.returncode == 2 and "Input/output error" in done.stderr, done.stderr
    assert target.read_bytes() == b"the earlier letter"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office", "out.docx"]
    assert rows(office) == {"documents": [], "letters": [], "links": 0, "templates": []}
    assert stored(office) == []


def test_a_file_that_cannot_be_put_in_place_says_the_letter_is_saved(office: Path,
                                                                      tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    patch = ("import sys, casedesk.export.files as f\n"
             "def refuse(self):\n"
             "    self.discard()\n"
             "    raise PermissionError(13, 'Permission denied', str(self.target))\n"
             "f.PreparedFile.commit = refuse\n")
    done = casedesk(office, "letter", "Engagement letter", "--case", "2026-CV-0042", "-o",
                    str(target), code=patch)
    assert done.returncode == 2
    assert done.stderr == (f"casedesk: error: The letter was saved to case 2026-CV-0042, but "
                           f"{target} could not be written (Permission denied); export it from "
                           "the case's documents.\n")
    assert len(rows(office)["documents"]) == 1 and len(stored(office)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office"]


def test_a_case_title_with_braces_gets_its_letter(office: Path, tmp_path: Path) -> None:
    title = "In re {{ weird }} Trust {% x %}"
    with closing(sqlite3.connect(office / "casedesk.db")) as conn, conn:
        conn.execute("UPDATE cases SET title = ? WHERE number = '2026-CV-0042'", (title,))
    target = tmp_path / "status.docx"
    done = casedesk(office, "letter", "Client status update", "--case", "2026-CV-0042",
                    "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert f"your matter, {title} (Case No." in "\n".join(docx_text(target.read_bytes())["body"])


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


def test_templates_that_write_values_unescaped_are_refused(office: Path,
                                                         tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(make_docx("Dear {{ client.name|safe }},",
                                  "{% autoescape false %}{{ case.title }}{% endautoescape %}",
                                  "{{r recipient.name }}"))
    done = casedesk(office, "templates", "--check", str(hostile))
    assert done.returncode == 2
    problems = sorted(done.stderr.splitlines()[1:])
    assert len(problems) == 3, done.stderr
    assert 'paragraph 1 (“Dear {{ client.name|safe }},”): the "safe" filter writes a value ' \
           "as Word markup" in problems[0]
    assert "paragraph 2 (“{% autoescape false %}{{ case.title }}{% endautoescape %}”): " \
           "{% autoescape %} is not available" in problems[1]
    assert "paragraph 3 (“{{r recipient.name }}”): “{{r …}}” replaces the whole run" in \
        problems[2]
    added = casedesk(office, "templates", "--add", str(hostile), "--name", "Hostile")
    assert added.returncode == 2 and rows(office)["templates"] == []
    target = tmp_path / "out.docx"
    made = casedesk(office, "letter", str(hostile), "--case", "2026-CV-0042", "-o", str(target))
    assert made.returncode == 2 and 'the "safe" filter' in made.stderr
    assert not target.exists() and rows(office)["documents"] == []


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
