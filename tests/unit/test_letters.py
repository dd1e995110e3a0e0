"""Letters: the context a template sees, safe rendering, the library, and saving a letter."""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from sqlmodel import select

from casedesk.domain.enums import CorrespondenceKind, Direction, DocumentCategory
from casedesk.domain.errors import InvalidInput, NotFound
from casedesk.domain.models import (
    Case,
    Correspondence,
    CorrespondenceDocument,
    Document,
    DocumentVersion,
    LetterTemplate,
)
from casedesk.export.letter_render import (
    RenderBudget,
    TemplateProblems,
    plain,
    render_checked,
    render_letter,
    verify_letter,
)
from casedesk.export.letter_schema import SCHEMA, iter_paths, letter_date, letter_time
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import letters
from tests.unit.letters_support import (
    AWKWARD,
    TODAY,
    build_letter_practice,
    docx_text,
    make_docx,
)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, dict[str, Any]]]:
    with Practice(resolve(tmp_path_factory.mktemp("letters"))) as practice:
        yield practice, build_letter_practice(practice)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Practice, dict[str, Any]]]:
    with Practice(resolve(tmp_path / "practice")) as practice:
        yield practice, build_letter_practice(practice)


def context(practice: Practice, ids: dict[str, Any], **kw: Any) -> dict[str, Any]:
    result: dict[str, Any] = practice.read(
        lambda s: letters.build_context(s, case_id=ids["case"], today=TODAY, **kw))
    return result


def stored_files(practice: Practice) -> set[str]:
    return set(practice.blobs.digests())


# -- the context -------------------------------------------------------------------------------
def test_context_has_exactly_the_documented_placeholders(office) -> None:
    practice, ids = office
    ctx = context(practice, ids, extra={"filing": {"title": "Motion", "documents": [
        {"number": 1, "title": "Motion", "file_name": "01 Motion.pdf"}]}})

    def paths(value: Any, prefix: str) -> Iterator[str]:
        yield prefix
        if isinstance(value, dict):
            for key, child in value.items():
                yield from paths(child, f"{prefix}.{key}" if prefix else key)
        elif isinstance(value, list) and value:
            for key, child in value[0].items():
                yield from paths(child, f"{prefix}[].{key}")

    documented = {p for p, _n in iter_paths(SCHEMA, "")}
    assert set(paths(ctx, "")) == documented
    assert "filing" not in context(practice, ids)  # only when the letter is for a filing


def test_context_writes_dates_times_and_lists_as_letters_need(office) -> None:
    practice, ids = office
    ctx = context(practice, ids)
    assert ctx["today"] == "November 27, 2026"
    assert ctx["firm"]["name"] == "Hale & Ortiz LLP"
    assert ctx["firm"]["address_line"] == "200 W. Madison St., Suite 2100, Chicago, IL 60606"
    assert ctx["case"] == {
        "number": "2026-CV-0042", "title": "Garcia v. Northshore Logistics, Inc.",
        "court": "U.S. District Court, N.D. Ill.", "judge": "Hon. Rebecca Lin",
        "docket_number": "1:26-cv-01234", "practice_area": "Employment",
        "opened_on": "March 2, 2026", "status": "Open", "description": ""}
    # The hearing is at 15:30 UTC: 9:30 in the court's zone (Chicago), not the firm's (NY).
    hearing = ctx["court_dates"][0]
    assert (hearing["title"], hearing["kind"], hearing["date"], hearing["weekday"],
            hearing["time"], hearing["end_time"], hearing["time_zone"], hearing["location"]) == (
        "Hearing on motion to dismiss", "Hearing", "December 14, 2026", "Monday", "9:30 AM",
        "10:30 AM", "CST", "Courtroom 1703")
    assert [e["title"] for e in ctx["events"]] == ["Prepare testimony",
                                                   "Hearing on motion to dismiss"]
    assert [e["title"] for e in ctx["court_dates"]] == ["Hearing on motion to dismiss"]
    # Past, vacated, internal deadlines and personal reminders stay out of letters.
    assert [(d["title"], d["kind"], d["date"], d["time"]) for d in ctx["deadlines"]] == [
        ("Reply brief due", "Filing deadline", "December 21, 2026", ""),
        ("Limitations on the wage claim", "Statute of limitations", "March 1, 2027", "")]
    assert [(r["item"], r["due_on"], r["overdue"]) for r in ctx["requested_documents"]] == [
        ("Signed retainer", "November 25, 2026", True),
        ("W-2 forms & 1099s", "December 4, 2026", False),
        ("Pay stubs for 2026", "", False)]  # received ones are left out
    assert ctx["requested_documents"][0]["requested_on"] == "November 20, 2026"


def test_recipient_and_sender_default_and_can_be_chosen(office) -> None:
    practice, ids = office
    ctx = context(practice, ids)
    assert ctx["recipient"]["name"] == ctx["client"]["name"] == AWKWARD
    assert ctx["recipient"]["salutation"] == "Sir or Madam"  # an organization
    assert ctx["recipient"]["role"] == "Client"
    assert ctx["sender"] == {"name": "Alice Attorney", "email": "alice@hale-ortiz.example",
                             "role": "Attorney", "bar_number": "6312457"}
    chosen = context(practice, ids, recipient_contact_id=ids["counsel"],
                     sender_staff_id=ids["bob"])
    assert chosen["recipient"] == {
        "name": "Jo Lee", "organization": "Lee & Park LLP",
        "address": "1 Court Sq.\nChicago, IL 60602",
        "address_line": "1 Court Sq., Chicago, IL 60602",
        "email": "jlee@leepark.example", "phone": "", "salutation": "Jo Lee",
        "role": "Opposing counsel", "represents": "Northshore Logistics, Inc."}
    assert chosen["sender"]["name"] == "Bob Paralegal" and chosen["sender"]["role"] == "Paralegal"
    by_role = context(practice, ids, recipient_role="opposing_counsel")
    assert by_role["recipient"]["name"] == "Jo Lee"
    clerk = context(practice, ids, recipient_role="court_clerk",
                    extra={"filing": {"court": "Cook County Circuit Court"}})
    assert (clerk["recipient"]["name"], clerk["recipient"]["organization"],
            clerk["recipient"]["salutation"]) == ("Clerk of the Court",
                                                  "Cook County Circuit Court", "Clerk")


def test_a_letter_needs_someone_to_write_to_and_someone_to_sign(office) -> None:
    practice, ids = office
    with pytest.raises(InvalidInput, match="has no client; choose the recipient") as caught:
        practice.read(lambda s: letters.build_context(s, case_id=ids["bare_case"]))
    assert caught.value.field == "recipient"
    with pytest.raises(InvalidInput, match="no responsible staff member") as caught:
        practice.read(lambda s: letters.build_context(s, case_id=ids["bare_case"],
                                                      recipient_contact_id=ids["counsel"]))
    assert caught.value.field == "sender"
    with pytest.raises(NotFound):
        practice.read(lambda s: letters.build_context(s, case_id=uuid.uuid4()))
    with pytest.raises(InvalidInput, match="'memo' is not something a letter can be given"):
        context(practice, ids, extra={"memo": {}})


def test_letter_date_and_time_formats() -> None:
    from datetime import date, datetime

    assert letter_date(date(2026, 11, 7)) == "November 7, 2026"
    assert letter_date(None) == ""
    assert [letter_time(datetime(2026, 1, 1, h, m)) for h, m in
            ((0, 5), (9, 30), (12, 0), (13, 45), (23, 59))] == [
        "12:05 AM", "9:30 AM", "12:00 PM", "1:45 PM", "11:59 PM"]


# -- rendering ---------------------------------------------------------------------------------
def test_values_with_markup_characters_come_out_exactly(office) -> None:
    practice, ids = office
    template = make_docx("Dear {{ recipient.name }}:", "Re: {{ case.title }}",
                         "The paragraph after must survive.",
                         header="{{ client.name }} / {{ firm.name }}",
                         footer="{{ requested_documents[1].item }}")
    letter = render_letter(template, context(practice, ids))
    text = docx_text(letter)
    assert text["body"] == [f"Dear {AWKWARD}:", "Re: Garcia v. Northshore Logistics, Inc.",
                            "The paragraph after must survive."]
    assert text["header"][0] == f"{AWKWARD} / Hale & Ortiz LLP"
    assert text["footer"][0] == "W-2 forms & 1099s"
    xml = zipfile.ZipFile(io.BytesIO(letter)).read("word/document.xml").decode()
    assert "Smith &amp; Jones &lt;Acme&gt;" in xml


def test_multi_line_values_become_line_breaks(office) -> None:
    practice, ids = office
    letter = render_letter(make_docx("{{ recipient.address }}"), context(practice, ids))
    assert docx_text(letter)["body"] == ["418 Oak Street\nEvanston, IL 60201"]


def test_a_template_cannot_reach_python_internals(office) -> None:
    practice, ids = office
    ctx = context(practice, ids)
    escapes = ["{{ ''.__class__.__mro__[1].__subclasses__() }}",
               "{{ case.__class__ }}", "{{ cycler.__init__.__globals__ }}"]
    for text in escapes:
        with pytest.raises(TemplateProblems, match="Python internals"):
            render_letter(make_docx(text), ctx)
    # Past the check, the sandbox itself refuses them (and any change to the context).
    for text in [*escapes, "{{ events.append(1) }}", "{{ case.update(title='x') }}",
                 "{{ ''.join.__self__ }}", "{{ '{0.__class__}'.format(case) }}"]:
        with pytest.raises(InvalidInput) as caught:
            render_checked(make_docx(text), ctx)
        assert "stopped" in caught.value.message or "no value" in caught.value.message, text


@pytest.mark.parametrize("text", [
    "{% for i in range(100000) %}{% endfor %}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 999999 }}",
    "{{ 'x'|center(1000000000) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ '%999999999d' % 1 }}",
    "{{ lipsum(1000000) }}",
])
def test_runaway_templates_are_stopped(office, text: str) -> None:
    practice, ids = office
    with pytest.raises(InvalidInput):
        render_checked(make_docx(text), context(practice, ids))


def test_a_slow_template_hits_the_time_limit(office) -> None:
    practice, ids = office
    slow = make_docx("{% for a in range(100) %}{% for b in range(100) %}x{% endfor %}"
                     "{% endfor %}")
    with pytest.raises(InvalidInput, match="took longer than"):
        render_checked(slow, context(practice, ids), budget=RenderBudget(seconds=0))


def test_missing_values_stop_the_letter(office) -> None:
    practice, ids = office
    ctx = context(practice, ids)
    with pytest.raises(InvalidInput, match="does not have"):
        render_checked(make_docx("{{ nobody.name }}"), ctx)
    with pytest.raises(InvalidInput, match="filing package"):
        render_letter(make_docx("{{ filing.title }}"), ctx)


def test_nothing_like_a_tag_is_left_in_any_part(office) -> None:
    practice, ids = office
    with pytest.raises(InvalidInput, match=r"unfilled template tags \(body: “Total \{\{ 1 \}\}”"):
        render_checked(make_docx("Total {{ '{{' }} 1 }}"), context(practice, ids))
    with pytest.raises(InvalidInput, match="footer 1"):
        verify_letter(make_docx("fine", footer="Page {% page %}"))
    with pytest.raises(InvalidInput, match="comments"):
        verify_letter(_with_comment(make_docx("fine"), "{{ client.name }}"))
    verify_letter(make_docx("Prices in {curly} braces are fine"))


# -- escaping cannot be turned off ----------------------------------------------------------------
CORRUPTING = 'Smith & Jones <Acme> "LLC"'
INJECTING = "Acme</w:t></w:r></w:p><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN"
BYPASSES = ["{{ client.name|safe }}", "{% filter safe %}{{ client.name }}{% endfilter %}",
            "{% autoescape false %}{{ client.name }}{% endautoescape %}",
            "{{r client.name }}", "{{p client.name }}"]


def _named(name: str) -> dict[str, Any]:
    return plain({"client": {"name": name}})


def _part(letter: bytes, name: str = "word/document.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(letter)).read(name).decode()


@pytest.mark.parametrize("name", [CORRUPTING, INJECTING])
@pytest.mark.parametrize("text", BYPASSES)
def test_the_check_refuses_every_way_around_escaping(text: str, name: str) -> None:
    with pytest.raises(TemplateProblems) as caught:
        render_letter(make_docx("Before", text, "After"), _named(name))
    assert [p.kind for p in caught.value.check.problems] == ["unsafe"], caught.value.message


@pytest.mark.parametrize("name", [CORRUPTING, INJECTING])
@pytest.mark.parametrize(("text", "refusal"), [
    ("{{ client.name|safe }}", "No filter named 'safe'"),
    ("{% filter safe %}{{ client.name }}{% endfilter %}", "No filter named 'safe'"),
    ("{% autoescape false %}{{ client.name }}{% endautoescape %}", None),  # still escaped
    ("{{r client.name }}", "text outside"),
    ("{{p client.name }}", "text outside"),
    ("{{ client.name|e|upper }}", "would be damaged"),  # &amp; made &AMP;
    ("{{ (client.name|e)[:7] }}", "would be damaged"),  # an entity cut in half
])
def test_an_unchecked_template_cannot_write_a_value_as_markup(text: str, refusal: str | None,
                                                              name: str) -> None:
    template = make_docx("Before", text, "After")
    if refusal is None:
        letter = render_checked(template, _named(name))
        assert docx_text(letter)["body"] == ["Before", name, "After"]
        assert "<w:vanish/>" not in _part(letter)
    else:
        with pytest.raises(InvalidInput, match=re.escape(refusal)) as caught:
            render_checked(template, _named(name))
        assert "nothing was saved" in caught.value.message or "could not be filled" in \
            caught.value.message


def test_markup_cannot_be_remapped_into_tags() -> None:
    with pytest.raises(InvalidInput, match="stopped"):
        render_checked(make_docx("{{ (client.name|e).translate({91: 60, 93: 62}) }}"),
                       _named("Acme[w:vanish/]HIDDEN"))


def test_a_value_written_as_markup_is_caught_after_filling(monkeypatch) -> None:
    """Should a way around escaping be found, the filled letter is still refused."""
    from markupsafe import Markup

    from casedesk.export.letter_render import LetterEnvironment

    original = LetterEnvironment.__init__

    def with_safe(self: LetterEnvironment, budget: RenderBudget | None = None) -> None:
        original(self, budget)
        self.filters["safe"] = Markup

    monkeypatch.setattr(LetterEnvironment, "__init__", with_safe)
    for template in (make_docx("Before", "{{ client.name|safe }}", "After"),
                     make_docx("Before", header="Re: {{ client.name|safe }}"),
                     make_docx("Before", footer="{{ client.name|safe }} Inc.")):
        for name in (CORRUPTING, INJECTING):
            with pytest.raises(InvalidInput, match="would be damaged") as caught:
                render_checked(template, _named(name))
            assert "nothing was saved" in caught.value.message
    # Text that merely looks like markup, written by the template itself, is fine.
    letter = render_checked(make_docx("{{ client.name|safe }}"), _named("Acme, Inc."))
    assert docx_text(letter)["body"] == ["Acme, Inc."]


# -- braces in the data -------------------------------------------------------------------------
BRACED = "In re {{ weird }} Trust {%raw%} 50%} {_{ odd }_} {_% x %_} {#"


def test_braces_in_the_data_are_not_taken_for_unfilled_tags(office) -> None:
    practice, ids = office
    ctx = context(practice, ids)
    ctx = {**ctx, "case": {**ctx["case"], "title": BRACED},
           "recipient": {**ctx["recipient"], "address": "Suite {{1}\n}} Main St {%"}}
    template = make_docx("Re: {{ case.title }}", "{{ case.title|upper }}",
                         "{{ recipient.address }}", header="{{ case.title }}")
    text = docx_text(render_letter(template, ctx))
    assert text["body"] == [f"Re: {BRACED}", BRACED.upper(), "Suite {{1}\n}} Main St {%"]
    assert text["header"][0] == BRACED
    # The template's own leftovers are still found beside them.
    with pytest.raises(InvalidInput, match=r"unfilled template tags \(body: “Total \{\{ 1 \}\}”"):
        render_checked(make_docx("{{ case.title }}", "Total {{ '{{' }} 1 }}"), ctx)
    with pytest.raises(InvalidInput, match="unfilled template tags"):
        render_checked(make_docx("{{ case.title }}{{ '{{' }} case.number }}"), ctx)


def test_a_case_with_braces_in_its_title_still_gets_letters(fresh) -> None:
    practice, ids = fresh
    with practice.transaction() as session:
        session.get(Case, ids["case"]).title = BRACED
    draft = practice.read(lambda s: letters.prepare_letter(
        s, case_id=ids["case"], template="Client status update", today=TODAY))
    assert f"your matter, {BRACED} (Case No. 1:26-cv-01234), and" in \
        letters.preview_text(draft.data)


def _with_comment(data: bytes, text: str) -> bytes:
    doc = open_docx(io.BytesIO(data))
    doc.add_comment(doc.paragraphs[0].runs, text=text, author="Reviewer")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_preview_text_shows_the_letter_as_read(office) -> None:
    practice, ids = office
    data = letters.shipped_template_bytes(letters.shipped_template("Request for documents"))
    text = letters.preview_text(render_letter(data, context(practice, ids)))
    lines = text.splitlines()
    assert lines[0] == "Hale & Ortiz LLP"  # the letterhead comes first
    assert "November 27, 2026" in lines
    assert "Dear Sir or Madam:" in lines
    assert "2 | W-2 forms & 1099s | November 20, 2026 | December 4, 2026" in lines
    assert "1 | Signed retainer | November 20, 2026 | November 25, 2026 (past due)" in lines
    assert "{{" not in text and "{%" not in text


# -- the shipped templates ---------------------------------------------------------------------
SHIPPED = [info.name for info in letters.shipped_templates()]


def test_six_templates_ship_and_each_is_listed_with_a_description() -> None:
    assert SHIPPED == ["Engagement letter", "Client status update", "Request for documents",
                       "Cover letter for a court filing", "Letter to opposing counsel",
                       "Hearing notice to client"]
    assert all(len(i.description) > 40 for i in letters.shipped_templates())


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_template_checks_clean_and_fills(office, name: str) -> None:
    practice, ids = office
    info = letters.shipped_template(name)
    data = letters.shipped_template_bytes(info)
    check = letters.check_template(data)
    assert check.ok, check.report()
    extra = {"filing": {"title": "Motion to dismiss", "court": "N.D. Ill.", "documents": [
        {"number": 1, "title": "Motion & Memorandum", "file_name": "01 Motion.pdf"},
        {"number": 2, "title": "Exhibit A", "file_name": "02 Exhibit A.pdf"}]}}
    ctx = context(practice, ids, extra=extra if "filing" in check.names else None,
                  recipient_role=info.recipient_role)
    text = docx_text(render_letter(data, ctx))
    body = "\n".join(text["body"])
    assert "November 27, 2026" in body and "Garcia v. Northshore Logistics, Inc." in body
    assert "Case No. 1:26-cv-01234" in body and "Our File No. 2026-CV-0042" in body
    assert "Alice Attorney" in body and "Attorney, Bar No. 6312457" in body
    assert text["header"][-3] == "Hale & Ortiz LLP"  # the first page's letterhead
    assert any(line.startswith("Page ") for line in text["footer"])
    assert "{" not in body


def test_shipped_template_bodies_say_what_they_should(office) -> None:
    practice, ids = office

    def body(name: str, **kw: Any) -> str:
        info = letters.shipped_template(name)
        ctx = context(practice, ids, recipient_role=info.recipient_role, **kw)
        return "\n".join(docx_text(render_letter(letters.shipped_template_bytes(info),
                                                 ctx))["body"])

    notice = body("Hearing notice to client")
    assert "Monday, December 14, 2026" in notice and "9:30 AM CST" in notice
    assert "Prepare testimony" not in notice  # a meeting, not a court date
    request = body("Request for documents")
    assert "Pay stubs for 2026" in request and "Bank statements" not in request
    counsel = body("Letter to opposing counsel")
    assert "Dear Jo Lee:" in counsel and "you represent Northshore Logistics, Inc.," in counsel
    assert "Reply brief due" in counsel and "Draft reply for review" not in counsel
    cover = body("Cover letter for a court filing", extra={"filing": {
        "title": "Motion to dismiss", "court": "N.D. Ill.",
        "documents": [{"number": 1, "title": "Motion & Memorandum"},
                      {"number": 2, "title": "Exhibit A"}]}})
    assert "Clerk of the Court\nN.D. Ill." in cover and "Dear Clerk:" in cover
    assert "1.\tMotion & Memorandum" in cover and "2.\tExhibit A" in cover


# -- the library -------------------------------------------------------------------------------
def test_user_templates_are_checked_stored_listed_and_removed(fresh) -> None:
    practice, _ids = fresh
    store = practice.blobs
    good = make_docx("Dear {{ recipient.name }},")
    stored = store.put_bytes(good)
    _c, template_id = practice.write(letters.add_template, store=store, stored=stored,
                                     name="Short note", description="Two lines")
    names = [(i.name, i.shipped) for i in practice.read(letters.list_templates)]
    assert names[-1] == ("Short note", False) and len(names) == 7
    assert practice.read(lambda s: letters.template_bytes(s, store=store,
                                                          name="short NOTE")) == good
    assert practice.read(lambda s: letters.template_bytes(
        s, store=store, template_id=template_id)) == good
    with pytest.raises(InvalidInput, match="already a template called"):
        practice.write(letters.add_template, store=store, stored=stored, name="Engagement Letter")
    practice.write(letters.delete_template, template_id=template_id)
    assert len(practice.read(letters.list_templates)) == 6


def test_a_broken_user_template_is_refused_and_leaves_nothing(fresh, tmp_path: Path) -> None:
    practice, _ids = fresh
    before = stored_files(practice)
    path = tmp_path / "broken.docx"
    path.write_bytes(make_docx("Dear {{ recipient.nmae }},", "{% if %}"))
    with pytest.raises(TemplateProblems) as caught:
        letters.add_template_file(practice.write, practice.read, practice.blobs, path=path,
                                  name="Broken")
    assert [p.name for p in caught.value.check.unknown] == ["recipient.nmae"]
    assert any(p.kind == "syntax" for p in caught.value.check.problems)
    assert stored_files(practice) == before
    assert practice.read(lambda s: s.exec(select(LetterTemplate)).all()) == []
    path.write_bytes(make_docx("{{ case.title }}"))
    letters.add_template_file(practice.write, practice.read, practice.blobs, path=path,
                              name="Fine")
    assert [i.name for i in practice.read(letters.list_templates)][-1] == "Fine"


# -- generating a letter -----------------------------------------------------------------------
def test_generating_saves_a_document_and_logs_a_letter(fresh) -> None:
    practice, ids = fresh
    changes, document_id, entry_id = practice.write(
        letters.generate_letter, store=practice.blobs, case_id=ids["case"],
        template_name_or_bytes="Client status update", today=TODAY)
    assert changes.documents and changes.correspondence and changes.search

    def rows(s: Any) -> tuple[Any, ...]:
        return (s.get(Document, document_id).model_dump(),
                s.get(Correspondence, entry_id).model_dump(),
                [(x.correspondence_id, x.document_id)
                 for x in s.exec(select(CorrespondenceDocument))],
                [v.sha256 for v in s.exec(select(DocumentVersion))])

    doc, entry, links, versions = practice.read(rows)
    assert doc["case_id"] == ids["case"]
    assert doc["category"] is DocumentCategory.CORRESPONDENCE
    assert doc["title"] == f"Client status update – {AWKWARD}"
    assert doc["source"] == "template: Client status update"
    assert doc["sent_on"] == doc["document_date"] == TODAY and doc["author"] == "Alice Attorney"
    assert doc["file_name"].startswith("2026-11-27 Client status update - Smith & Jones _Acme_")
    assert doc["file_name"].endswith(".docx")
    assert (entry["kind"], entry["direction"], entry["on_date"]) == (
        CorrespondenceKind.LETTER, Direction.OUTGOING, TODAY)
    assert entry["contact_id"] == ids["client"] and entry["staff_id"] == ids["alice"]
    assert entry["to_text"] == AWKWARD and entry["from_text"] == "Alice Attorney"
    assert entry["subject"] == doc["title"]
    assert links == [(entry_id, document_id)]
    assert versions == [doc["sha256"]]
    data = practice.blobs.read_bytes(doc["sha256"])
    assert "Reply brief due" in "\n".join(docx_text(data)["body"])


def test_prepare_then_save_is_what_the_dialog_does(fresh) -> None:
    practice, ids = fresh
    draft = practice.read(lambda s: letters.prepare_letter(
        s, case_id=ids["case"], template="Letter to opposing counsel", today=TODAY))
    assert draft.recipient == "Jo Lee, Lee & Park LLP" and draft.recipient_contact_id == \
        ids["counsel"]
    assert draft.sender == "Alice Attorney" and draft.sender_staff_id == ids["alice"]
    assert "Dear Jo Lee:" in letters.preview_text(draft.data)
    assert practice.read(lambda s: s.exec(select(Document)).all()) == []  # nothing saved yet
    _c, document_id, _e = practice.write(letters.save_letter, store=practice.blobs,
                                         draft=draft)
    sha = practice.read(lambda s: s.get(Document, document_id).sha256)
    assert practice.blobs.read_bytes(sha) == draft.data


def test_a_bad_template_saves_nothing(fresh) -> None:
    practice, ids = fresh
    before = stored_files(practice)
    with pytest.raises(TemplateProblems, match=r'"case.nmber" \(did you mean "case.number"'):
        practice.write(letters.generate_letter, store=practice.blobs, case_id=ids["case"],
                       template_name_or_bytes=make_docx("{{ case.nmber }}"))
    assert stored_files(practice) == before
    assert practice.read(lambda s: (s.exec(select(Document)).all(),
                                    s.exec(select(Correspondence)).all())) == ([], [])


def test_a_failure_while_recording_removes_the_stored_file(fresh, monkeypatch) -> None:
    practice, ids = fresh
    before = stored_files(practice)

    def broken(*_a: Any, **_k: Any) -> Any:
        raise InvalidInput("log is full")

    monkeypatch.setattr("casedesk.services.correspondence.add_correspondence", broken)
    with pytest.raises(InvalidInput, match="log is full"):
        practice.write(letters.generate_letter, store=practice.blobs, case_id=ids["case"],
                       template_name_or_bytes="Engagement letter")
    assert stored_files(practice) == before
    assert practice.read(lambda s: s.exec(select(Document)).all()) == []


def test_docs_describe_every_placeholder() -> None:
    from casedesk.export.letter_schema import all_paths

    docs = (Path(__file__).resolve().parents[2] / "docs" / "templates.md").read_text()
    missing = [path for path in all_paths()
               if f"`{path.rpartition('[].')[2] if '[]' in path else path}`" not in docs]
    assert missing == []
