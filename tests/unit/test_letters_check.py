"""The template check: syntax errors, unknown placeholders with suggestions, and tags Word split
where docxtpl cannot see them, each named with its part, paragraph and text."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

import pytest
from docx import Document as open_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from casedesk.export.letter_check import TemplateProblem, check_template
from tests.unit.letters_support import make_docx


def problems(data: bytes) -> list[TemplateProblem]:
    return list(check_template(data).problems)


def only(data: bytes) -> TemplateProblem:
    found = problems(data)
    assert len(found) == 1, [p.message for p in found]
    return found[0]


def test_a_good_template_lists_what_it_uses() -> None:
    check = check_template(make_docx(
        "{{ today }}", ["Dear {{ recip", "ient.salutation }}:"],  # Word split it; docxtpl joins
        "{%p for r in requested_documents %}", "{{ loop.index }}. {{ r.item }} {{ r.due_on }}",
        "{%p endfor %}", "{% if case.judge %}Judge: {{ case.judge|upper }}{% endif %}",
        "{{ case.title.upper() }} {{ (events|sort(attribute='date')|first).title }}",
        header="{{ firm.name }}", footer="{{ case.number }}"))
    assert check.ok, check.report()
    assert check.placeholders == (
        "case.judge", "case.number", "case.title", "events", "events[].title", "firm.name",
        "recipient.salutation", "requested_documents", "requested_documents[].due_on",
        "requested_documents[].item", "today")
    assert check.names == {"case", "events", "firm", "recipient", "requested_documents",
                           "today"}


@pytest.mark.parametrize(("paragraphs", "name", "suggestion"), [
    (["Re: {{ case.nmber }}"], "case.nmber", "case.number"),
    (["{{ clinet.name }}"], "clinet.name", "client.name"),
    (["{{ tody }}"], "tody", "today"),
    (["{% for d in requested_documents %}{{ d.itme }}{% endfor %}"], "d.itme", "d.item"),
    (["{%p for e in court_dates %}", "{{ e.locaton }}", "{%p endfor %}"], "e.locaton",
     "e.location"),
    (["{% for e in events %}{{ loop.indx }}{% endfor %}"], "loop.indx", "loop.index"),
    (["{{ events[0].titel }}"], "events[0].titel", "events[0].title"),
    (["{{ sender.bar_numbr }}"], "sender.bar_numbr", "sender.bar_number"),
    (["{{ filing.documnts }}"], "filing.documnts", "filing.documents"),
    (["{{ zzz }}"], "zzz", ""),
])
def test_unknown_placeholders_are_named_with_a_suggestion(paragraphs: list[str], name: str,
                                                          suggestion: str) -> None:
    problem = only(make_docx(*paragraphs))
    assert (problem.kind, problem.name, problem.suggestion) == ("unknown", name, suggestion)
    assert problem.part == "body" and problem.line is not None
    hint = f' (did you mean "{suggestion}"?)' if suggestion else ""
    assert problem.message.endswith(f'unknown placeholder "{name}"{hint}.')


def test_problems_say_where_they_are() -> None:
    check = check_template(make_docx("Dear client,", "Re: {{ case.nmber }}",
                                     header="{{ firm.nme }}", footer="{{ client.nam }}"))
    assert [(p.part, p.line, p.context) for p in check.problems] == [
        ("body", 2, "Re: {{ case.nmber }}"), ("header 1", 1, "{{ firm.nme }}"),
        ("footer 1", 1, "{{ client.nam }}")]
    assert check.problems[0].message == (
        'Body, paragraph 2 (“Re: {{ case.nmber }}”): unknown placeholder "case.nmber" '
        '(did you mean "case.number"?).')


def test_syntax_errors_name_the_paragraph_and_other_lines_are_still_checked() -> None:
    found = problems(make_docx("Dear {{ client.name }},", "{% if case.judge %}Judge",
                               "Re: {{ case.nmber }}"))
    assert [(p.kind, p.line) for p in found] == [("syntax", 2), ("unknown", 3)]
    assert "Unexpected end of template" in found[0].message
    assert found[0].context == "{% if case.judge %}Judge"
    unknown_filter = only(make_docx("{{ case.title|shout }}"))
    assert unknown_filter.kind == "syntax" and "No filter named 'shout'" in unknown_filter.message


def test_a_loop_variable_is_only_known_inside_its_loop() -> None:
    problem = only(make_docx("{% for e in events %}{{ e.title }}{% endfor %}{{ e.title }}"))
    assert problem.name == "e.title"


def test_misuse_is_explained() -> None:
    assert "is not a list" in only(make_docx("{% for c in case.title %}{% endfor %}")).message
    assert "loops can only go over" in only(
        make_docx("{% for c in 'x' * 9 %}{% endfor %}")).message
    assert "print one of them (client.name" in only(make_docx("{{ client }}")).message
    assert "{% for item in events %}" in only(make_docx("{{ events }}")).message
    assert "nested more than 2 deep" in only(make_docx(
        "{% for a in events %}{% for b in events %}{% for c in range(2) %}"
        "{% endfor %}{% endfor %}{% endfor %}")).message
    assert "not available" in only(make_docx("{% include 'other.docx' %}")).message
    assert only(make_docx("{{ ''.__class__ }}")).kind == "unsafe"
    assert only(make_docx("{{ case['_secret'] }}")).kind == "unsafe"


@pytest.mark.parametrize(("paragraphs", "words"), [
    (["{ { client.name }}"], "braces with a space between them"),
    (["{{ client.name } }"], "braces with a space between them"),
    (["{client.name}"], "{client.name} has single braces; placeholders use double braces: "
                        "{{ client.name }}"),
    (["Dear {{ client.name", "}}"], "is not closed in the same paragraph"),
])
def test_near_misses_are_caught(paragraphs: list[str], words: str) -> None:
    found = problems(make_docx(*paragraphs))
    assert found and found[0].kind == "split" and words in found[0].message, \
        [p.message for p in found]


def _tracked(data: bytes) -> bytes:
    """The first paragraph's second run wrapped in a tracked insertion (w:ins)."""
    doc = open_docx(io.BytesIO(data))
    run = doc.paragraphs[0].runs[1]._r
    ins = OxmlElement("w:ins")
    for key, value in (("w:id", "1"), ("w:author", "A"), ("w:date", "2026-01-01T00:00:00Z")):
        ins.set(qn(key), value)
    run.addprevious(ins)
    ins.append(run)
    deleted = OxmlElement("w:del")
    for key, value in (("w:id", "2"), ("w:author", "A"), ("w:date", "2026-01-01T00:00:00Z")):
        deleted.set(qn(key), value)
    old = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = "}}"
    old.append(text)
    deleted.append(old)
    ins.addnext(deleted)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_tracked_changes_over_a_tag_are_caught() -> None:
    problem = problems(_tracked(make_docx(["Dear {{ client.", "name }}"])))[0]
    assert problem.kind == "split" and "tracked changes" in problem.message


def test_a_tag_docxtpl_cannot_join_is_caught_after_its_patching() -> None:
    # Word sometimes leaves an empty run between the pieces of a tag. The text reads
    # "{{ client.name }}", but docxtpl's joining then leaves markup inside the tag.
    data = make_docx("{{ client.name }}")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = parts["word/document.xml"].decode()
    assert "<w:t>{{ client.name }}</w:t>" in xml
    parts["word/document.xml"] = xml.replace(
        "<w:t>{{ client.name }}</w:t>",
        '<w:t>{{ client.name</w:t></w:r><w:r><w:t xml:space="preserve"></w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> }}</w:t>').encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    split = problems(out.getvalue())[0]
    assert (split.kind, split.context) == ("split", "{{ client.name }}")
    assert "Word has split a placeholder where it cannot be joined again" in split.message


def test_tags_in_parts_docxtpl_never_fills_are_refused() -> None:
    doc = open_docx(io.BytesIO(make_docx("Dear {{ client.name }},")))
    doc.add_comment(doc.paragraphs[0].runs, text="Use {{ client.salutation }} here",
                    author="Reviewer")
    doc.core_properties.title = "Letter to {{ client.name }}"
    out = io.BytesIO()
    doc.save(out)
    found = problems(out.getvalue())
    assert [(p.kind, p.part) for p in found] == [("unsupported", "document properties"),
                                                 ("unsupported", "comments")]
    assert "never filled" in found[1].message


@pytest.mark.parametrize(("data", "words"), [
    (b"not a zip file", "is not a Word document (.docx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "older Word .doc file"),
    (b"x" * (11 * 1024 * 1024), "larger than 10 MB"),
])
def test_files_that_are_not_templates_are_one_clear_problem(data: bytes, words: str) -> None:
    problem = only(data)
    assert problem.kind == "file" and words in problem.message


def test_a_macro_file_is_refused_and_a_dotx_is_accepted() -> None:
    data = make_docx("{{ case.title }}")

    def retyped(old: str, new: str) -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {i.filename: archive.read(i) for i in archive.infolist()}
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            old.encode(), new.encode())
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name, body in parts.items():
                archive.writestr(name, body)
        return out.getvalue()

    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    macro = retyped(main, "application/vnd.ms-word.document.macroEnabled.main+xml")
    assert "macro-enabled" in only(macro).message
    dotx = retyped(main, main.replace(".document.main", ".template.main"))
    assert check_template(dotx).ok


def test_every_problem_message_is_one_readable_line() -> None:
    found = problems(make_docx("{{ case.nmber }}", "{ { x }}", "{{ events }}", "{% if %}"))
    assert found
    for problem in found:
        assert "\n" not in problem.message and re.match(r"^[A-Z]", problem.message)
        assert problem.message.endswith((".", ".”", "?)."))


# -- ways around escaping ----------------------------------------------------------------------
def table_docx(*rows: Sequence[str]) -> bytes:
    """A .docx holding one table: a paragraph "Before", the rows (a cell's text each), "After"."""
    doc = open_docx()
    doc.add_paragraph("Before")
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=False):
            cell.text = text
    doc.add_paragraph("After")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("paragraph", "words"), [
    ("{{ client.name|safe }}", 'the "safe" filter'),
    ("{{ client.name|upper|safe }}", 'the "safe" filter'),
    ("{% filter safe %}{{ client.name }}{% endfilter %}", 'the "safe" filter'),
    ("{% filter upper|safe %}{{ client.name }}{% endfilter %}", 'the "safe" filter'),
    ("{% autoescape false %}{{ client.name }}{% endautoescape %}", "{% autoescape %}"),
    ("{% autoescape true %}{{ client.name }}{% endautoescape %}", "{% autoescape %}"),
    ("{{ Markup(client.name) }}", '"Markup"'),
    ("{{ markup(client.name) }}", '"markup"'),
    ("{{ client.name|urlize }}", 'the "urlize" filter'),
    ("{{ {'id': client.name}|xmlattr }}", 'the "xmlattr" filter'),
])
def test_ways_around_escaping_are_refused(paragraph: str, words: str) -> None:
    problem = only(make_docx("Dear", paragraph, "After"))
    assert (problem.kind, problem.part, problem.line) == ("unsafe", "body", 2)
    assert words in problem.message, problem.message
    assert "escap" in problem.message


@pytest.mark.parametrize(("data", "tag", "what"), [
    (make_docx("Dear {{r client.name }},"), "{{r", "run"),
    (make_docx("Dear", "{{p client.name }}"), "{{p", "paragraph"),
    (make_docx("Dear", ["{{", "r client.name }}"]), "{{r", "run"),  # Word split the tag
    (table_docx(["Name", "{{tr client.name }}"]), "{{tr", "table row"),
    (table_docx(["Name", "{{tc client.name }}"]), "{{tc", "table cell"),
])
def test_docxtpl_markup_tags_are_refused(data: bytes, tag: str, what: str) -> None:
    found = [p for p in problems(data) if p.kind == "unsafe"]
    assert len(found) == 1, [p.message for p in problems(data)]
    assert f"“{tag} …}}}}” replaces the whole {what}" in found[0].message, found[0].message
    assert "{{ client.name }}" in found[0].message  # the tag to write instead


def test_docxtpl_block_tags_for_loops_and_conditions_are_fine() -> None:
    check = check_template(table_docx(
        ["Date", "Title"], ["{%tr for e in events %}"], ["{{ e.date }}", "{{ e.title }}"],
        ["{%tr endfor %}"], ["{%tc for d in deadlines %}", "{{ d.title }}",
                             "{%tc endfor %}"]))
    assert check.ok, check.report()
    paragraphs = check_template(make_docx(
        "{%p if case.judge %}", "Judge {{ case.judge }}", "{%p endif %}",
        "{%r if case.judge %}Judge{%r endif %} {{ case.title }}",
        "{{recipient.name}}"))  # no space after the braces: a plain tag
    assert paragraphs.ok, paragraphs.report()
