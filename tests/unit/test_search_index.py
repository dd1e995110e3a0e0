"""The full-text index and search: what each kind is found by, ranking, snippets, the query
syntax, filters and paging, staleness (edits, new versions, deletions, vanished rows), file text
status, progress and cancelling, writes while indexing, and inputs that must never break the
query - on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from casedesk.domain.enums import CorrespondenceKind, Direction, PartyRole
from casedesk.domain.models import Blob, Case, Correspondence
from casedesk.domain.types import utcnow
from casedesk.persistence.blob_store import BlobStore
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, contacts, documents, notes, parties, search_index, text_extract
from casedesk.services.documents import DocumentMeta, NewFile
from casedesk.services.search_index import HL_END, HL_START, SearchHit, highlight_html, search
from tests.unit.list_backends import open_desk

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
Desk = tuple[Practice, Reader]


@pytest.fixture(params=BACKENDS)
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    with open_desk(request.param, tmp_path / "desk") as opened:
        yield opened


def _case(practice: Practice, number: str, title: str, **fields: Any) -> uuid.UUID:
    _c, case_id = practice.write(cases.create_case, number=number, title=title,
                                 opened_on=date(2026, 1, 5), **fields)
    return case_id  # type: ignore[no-any-return]


def _doc(practice: Practice, case_id: uuid.UUID, file_name: str, data: bytes,
         **meta: Any) -> uuid.UUID:
    stored = practice.blobs.put_bytes(data)
    _c, ids = practice.write(documents.add_documents, case_id=case_id,
                             files=[NewFile(stored=stored, file_name=file_name,
                                            meta=DocumentMeta(**meta))])
    return ids[0]  # type: ignore[no-any-return]


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _index(practice: Practice, **kwargs: Any) -> search_index.IndexReport:
    return search_index.index_pending(practice.engine, practice.blobs, **kwargs)


def _found(reader: Reader, query: str, **kwargs: Any) -> list[tuple[str, str]]:
    return [(h.kind, h.title) for h in search(reader, query, **kwargs)]


def _correspondence(practice: Practice, case_id: uuid.UUID, **fields: Any) -> uuid.UUID:
    row = Correspondence(case_id=case_id, kind=CorrespondenceKind.EMAIL,
                         direction=Direction.INCOMING, on_date=date(2026, 3, 3), **fields)
    with practice.transaction() as session:
        session.add(row)
    return row.id


def _stale(reader: Reader) -> dict[str, int]:
    return {k: v for k, v in search_index.stale_counts(reader).items() if v}


# -- what each kind is found by -------------------------------------------------------------
def test_every_kind_is_found_by_its_fields(desk: Desk) -> None:
    practice, reader = desk
    case_id = _case(practice, "2026-CV-0042", "Rivera v. Northgate Freight",
                    court="Superior Court of New Jersey", judge="Hon. Ottoline Brandt",
                    docket_number="MID-L-004512-26", practice_area="Personal injury",
                    description="Forklift collision at the Edison warehouse.")
    _c, client = practice.write(contacts.create_contact, name="Lucia Rivera",
                                aliases=["Lucy Quintanilla"], email="lucia@example.com",
                                phone="555-0142", organization="Rivera Bakery",
                                notes="Prefers calls after five.")
    practice.write(parties.add_party, case_id=case_id, contact_id=client, role=PartyRole.CLIENT)
    practice.write(notes.add_note, case_id=case_id,
                   text="Adjuster offered a lowball figure.\nClient wants to counter.")
    _correspondence(practice, case_id, subject="Deposition scheduling",
                    from_text="Ward Pike <ward@example.net>", to_text="office@example.org",
                    summary="Proposed the week of April 6 for the plant manager.")
    _doc(practice, case_id, "incident_report.docx",
         _docx("The pallet jack struck the claimant's ankle."), title="Incident report",
         tags=["liability", "osha"], author="Ward Pike", category="evidence")
    assert _stale(reader) == {"case": 1, "contact": 1, "note": 1, "correspondence": 1,
                              "document": 1}
    report = _index(practice)
    assert (report.indexed, report.removed, report.files_read) == (5, 0, 1)
    assert report.changes.search and report.changes.documents
    assert _stale(reader) == {}

    case = ("case", "Rivera v. Northgate Freight")
    for query in ("northgate", "2026-CV-0042", "Brandt", "MID-L-004512-26", "Lucia",
                  "personal injury", "edison warehouse"):
        assert case in _found(reader, query), query
    contact = ("contact", "Lucia Rivera")
    for query in ("Quintanilla", "lucia@example.com", "555-0142", "Bakery", "five"):
        assert contact in _found(reader, query), query
    assert _found(reader, "lowball") == [("note", "Adjuster offered a lowball figure.")]
    for query in ("deposition scheduling", "Pike", "plant manager"):
        assert ("correspondence", "Deposition scheduling") in _found(reader, query), query
    document = ("document", "Incident report")
    for query in ("pallet jack", "incident_report.docx", "osha", "evidence", "ankle"):
        assert document in _found(reader, query), query
    hit = search(reader, "pallet")[0]
    assert (hit.case_number, hit.case_id) == ("2026-CV-0042", case_id)
    assert search(reader, "Quintanilla")[0].case_number == ""  # contacts belong to no case


def test_search_runs_in_a_session_too(practice: Practice) -> None:
    _case(practice, "2026-CV-0001", "Keller v. Apex Roofing")
    _index(practice)
    hits: list[SearchHit] = practice.read(search, "apex")
    assert [(h.kind, h.case_number) for h in hits] == [("case", "2026-CV-0001")]


# -- ranking and snippets ------------------------------------------------------------------
def test_a_title_match_ranks_above_a_body_match(desk: Desk) -> None:
    practice, reader = desk
    case_id = _case(practice, "2026-CV-0001", "Matter")
    filler = " ".join(["The parties exchanged drafts and comments on the schedule."] * 5)
    _doc(practice, case_id, "a.txt", f"{filler} Indemnification is mentioned. {filler}".encode(),
         title="Meeting minutes")
    _doc(practice, case_id, "b.txt", filler.encode(), title="Indemnification agreement")
    _index(practice)
    assert _found(reader, "indemnification") == [("document", "Indemnification agreement"),
                                                 ("document", "Meeting minutes")]


def test_snippets_mark_the_matched_words(desk: Desk) -> None:
    practice, reader = desk
    case_id = _case(practice, "2026-CV-0001", "Matter")
    _doc(practice, case_id, "m.txt", b"Exhibit <A> & the court lacks jurisdiction over Apex.",
         title="Motion")
    _index(practice)
    (hit,) = search(reader, "jurisdiction")
    assert f"{HL_START}jurisdiction{HL_END}" in hit.snippet
    rendered = highlight_html(hit.snippet)
    assert "&amp; the court lacks <b>jurisdiction</b> over Apex" in rendered
    assert "<" not in rendered.replace("<b>", "").replace("</b>", "")
    if reader.dialect == "sqlite":  # PostgreSQL's headline drops what looks like a tag
        assert rendered == "Exhibit &lt;A&gt; &amp; the court lacks <b>jurisdiction</b> over Apex."
        assert search_index.highlight_brackets(hit.snippet) == (
            "Exhibit <A> & the court lacks [jurisdiction] over Apex.")


def test_highlight_html_balances_and_escapes() -> None:
    snippet = f"a {HL_START}<x>{HL_END} {HL_END}b {HL_START}c\n\td"
    assert highlight_html(snippet) == "a <b>&lt;x&gt;</b> b <b>c d</b>"


# -- the query language ------------------------------------------------------------------------
@pytest.fixture(scope="module", params=BACKENDS)
def library(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reader]:
    """A few documents, indexed once per backend; the tests only read."""
    with open_desk(request.param, tmp_path_factory.mktemp("library")) as (practice, reader):
        _fill_library(practice)
        yield reader


def _fill_library(practice: Practice) -> None:
    case_id = _case(practice, "2026-CV-0001", "Matter")
    texts = {"Alpha": "The motion to compel discovery was granted.",
             "Bravo": "To compel a reply, the motion cited discovery rules.",
             "Charlie": "The tenant signed the lease in March.",
             "Delta": "The tenant lease requires arbitration in Denver.",
             "Echo": "Personal jurisdiction over the defendant is disputed.",
             "Foxtrot": "Herr Groß wohnt in der Hauptstraße 4; दस्तावेज़ हिन्दी में है।"}
    for title, body in texts.items():
        _doc(practice, case_id, f"{title}.txt", body.encode(), title=title)
    _index(practice)


def _titles(reader: Reader, query: str) -> set[str]:
    return {h.title for h in search(reader, query)}


def test_words_phrases_or_and_exclusions(library: Reader) -> None:
    assert _titles(library, "motion compel discovery ") == {"Alpha", "Bravo"}
    assert _titles(library, '"motion to compel"') == {"Alpha"}
    assert _titles(library, "lease -arbitration") == {"Charlie"}
    assert _titles(library, 'tenant -"requires arbitration"') == {"Charlie"}
    assert _titles(library, "granted OR disputed") == {"Alpha", "Echo"}
    assert _titles(library, "tenant AND denver") == {"Delta"}


def test_words_of_any_script_are_found(library: Reader) -> None:
    assert _titles(library, "HAUPTSTRASSE ") == set()  # "ß" is kept, not folded to "ss"
    assert _titles(library, "hauptstraße") == {"Foxtrot"}
    assert _titles(library, "groß") == {"Foxtrot"}
    assert _titles(library, "हिन्दी") == {"Foxtrot"}


def test_the_last_word_is_a_prefix_while_typing(library: Reader) -> None:
    assert _titles(library, "personal juris") == {"Echo"}
    assert _titles(library, "juris ") == set()  # a space ends the word
    assert _titles(library, '"personal juris') == {"Echo"}  # a phrase being typed
    assert _titles(library, "arbi") == {"Delta"}
    assert _titles(library, "arb") == set()  # too short to be a useful prefix: a whole word
    assert _titles(library, "the tenant") == {"Charlie", "Delta"}


NASTY = ['"', '""', '"""', "*", "-", "--", "- -", "OR", "OR OR", "AND", "NOT", "NEAR(a b)",
         "a NOT", "(", ")", "())(", "title:x", "{title}: x", "^start", "a:b", "x*y", "'",
         "''", "\\", "\\'", "; DROP TABLE cases;--", "a & b | !c", "<->", "x:* | y", "%_",
         "\x00", "\x02\x03", "💼 lawsuit", "ǅungla", "ﬁle", "a" * 5000, "a " * 500,
         "-a -b -c", '-"', 'motion "to', "OR motion", "motion OR", "word-", "-word-",
         "e.g.", "...", "١٢٣", "ß", "İstanbul", "\u200b", "a\u0301"]


@pytest.mark.parametrize("query", NASTY)
def test_no_input_breaks_the_query(library: Reader, query: str) -> None:
    hits = search(library, query, kinds=["document", "note"], case_id=uuid.uuid4())
    assert hits == []  # no such case
    assert isinstance(search(library, query), list)


@settings(max_examples=150, deadline=None)
@given(query=st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.lists(st.sampled_from(['"', "-", "*", "OR", "AND", "NOT", "(", ")", ":", "^",
                                   "lease", "tenant", "juris", " ", "'", "\\"]),
                  max_size=12).map("".join))
def test_no_generated_input_breaks_the_query(library: Reader, query: str) -> None:
    hits = search(library, query)
    assert all(h.kind == "document" for h in hits)


def test_nothing_to_look_for_finds_nothing(library: Reader) -> None:
    for query in ("", "   ", "-lease", '""', "OR", "*", "--", ":OR -0"):
        assert search(library, query) == [], query


def test_a_very_common_word_ranks_the_newest_matches(desk: Desk,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.services import search_results

    practice, reader = desk
    case_id = _case(practice, "2026-CV-0001", "Matter")
    practice.write(contacts.create_contact, name="Ferret Fancier")
    for n in range(3):
        _doc(practice, case_id, f"old{n}.txt", b"Nothing to see.", title=f"Ferret file {n}")
    _index(practice)
    for n in range(3):
        _doc(practice, case_id, f"new{n}.txt", b"A ferret, mentioned in passing among many "
             b"other words of this longer body text.", title=f"Newer {n}")
    _index(practice)
    best = [t for _k, t in _found(reader, "ferret ")]
    assert best[0] == "Ferret Fancier"  # the shortest title with the word ranks first
    assert set(best[1:4]) == {"Ferret file 0", "Ferret file 1", "Ferret file 2"}
    if reader.dialect == "sqlite":
        monkeypatch.setattr(search_results, "RANK_CAP", 3)
    else:
        monkeypatch.setattr(search_results, "PG_RANK_CANDIDATES", 3)
    assert {t for _k, t in _found(reader, "ferret ")} == {"Newer 0", "Newer 1", "Newer 2"}
    assert _found(reader, "ferret ", kinds=["contact"]) == [("contact", "Ferret Fancier")]


# -- filters and paging --------------------------------------------------------------------
def test_kinds_case_and_paging(desk: Desk) -> None:
    practice, reader = desk
    first = _case(practice, "2026-CV-0001", "Hale v. Summit Storage")
    second = _case(practice, "2026-CV-0002", "Ortiz v. Summit Storage")
    practice.write(contacts.create_contact, name="Summit Storage LLC")
    for case_id in (first, second):
        practice.write(notes.add_note, case_id=case_id, text="Called Summit about the unit.")
        for n in range(3):
            _doc(practice, case_id, f"s{n}.txt", f"Summit Storage lease copy {n}".encode(),
                 title=f"Lease copy {n}")
    _index(practice)
    everything = search(reader, "summit", limit=100)
    assert len(everything) == 11
    assert {h.kind for h in everything} == {"case", "contact", "note", "document"}
    in_first = search(reader, "summit", case_id=first)
    assert len(in_first) == 5 and {h.case_number for h in in_first} == {"2026-CV-0001"}
    assert _found(reader, "summit", case_id=first, kinds=["case", "note"]) == [
        ("case", "Hale v. Summit Storage"), ("note", "Called Summit about the unit.")]
    assert [h.kind for h in search(reader, "summit", kinds=["contact"])] == ["contact"]
    pages = [search(reader, "summit", limit=4, offset=o) for o in (0, 4, 8, 12)]
    assert [len(p) for p in pages] == [4, 4, 3, 0]
    assert [h.ref_id for p in pages for h in p] == [h.ref_id for h in everything]
    assert search(reader, "summit", kinds=[]) == []
    assert search(reader, "summit", limit=0) == []


# -- staying up to date ----------------------------------------------------------------------
def test_changed_rows_are_reindexed_and_deleted_ones_leave(desk: Desk) -> None:
    practice, reader = desk
    case_id = _case(practice, "2026-CV-0001", "Baxter v. Quarry Foods")
    doc_id = _doc(practice, case_id, "draft.txt", b"Original wording about tomatoes.",
                  title="Draft complaint")
    practice.write(notes.add_note, case_id=case_id, text="Note about pumpkins.")
    _c, contact = practice.write(contacts.create_contact, name="Opal Vance")
    _index(practice)
    assert _stale(reader) == {}

    practice.write(documents.edit_document, document_id=doc_id,
                   meta=DocumentMeta(title="Amended complaint"))
    stored = practice.blobs.put_bytes(b"New wording about cucumbers.")
    practice.write(documents.add_version, document_id=doc_id, stored=stored,
                   file_name="amended.txt")
    practice.write(contacts.update_contact, contact_id=contact, name="Opal Vance-Whitmore")
    assert _stale(reader) == {"document": 1, "contact": 1}
    report = _index(practice)
    assert (report.indexed, report.removed, report.by_kind) == (2, 0, {"contact": 1,
                                                                      "document": 1})
    assert _found(reader, "cucumbers") == [("document", "Amended complaint")]
    assert _found(reader, "tomatoes") == [] and _found(reader, "draft") == []
    assert _found(reader, "whitmore") == [("contact", "Opal Vance-Whitmore")]

    practice.write(documents.delete_document, document_id=doc_id)
    assert _stale(reader) == {"document": 1}
    assert _index(practice).removed == 1
    assert _found(reader, "cucumbers") == []

    # A deleted case takes its notes (and documents, correspondence) out of the results.
    with practice.transaction() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.deleted_at = utcnow()
    assert _stale(reader) == {"case": 1, "note": 1}
    assert _index(practice).removed == 2
    assert _found(reader, "pumpkins") == [] and _found(reader, "quarry") == []
    assert _stale(reader) == {}
    assert _index(practice).indexed == 0


def test_a_new_client_puts_the_case_under_their_name(desk: Desk) -> None:
    practice, reader = desk
    case_id = _case(practice, "2026-CV-0001", "Estate planning")
    _index(practice)
    assert _found(reader, "Wojcik") == []
    _c, client = practice.write(contacts.create_contact, name="Hanna Wojcik")
    practice.write(parties.add_party, case_id=case_id, contact_id=client, role=PartyRole.CLIENT)
    _index(practice)
    assert set(_found(reader, "Wojcik")) == {("case", "Estate planning"),
                                             ("contact", "Hanna Wojcik")}


def test_entries_of_vanished_rows_are_removed(desk: Desk) -> None:
    practice, reader = desk
    case_id = _case(practice, "2026-CV-0001", "Matter")
    practice.write(notes.add_note, case_id=case_id, text="Ephemeral marmalade note.")
    _index(practice)
    with practice.transaction() as session:
        session.execute(text("DELETE FROM notes"))
    assert _stale(reader) == {"note": 1}
    assert _index(practice).removed == 1
    assert _found(reader, "marmalade") == []


# -- the files behind documents -------------------------------------------------------------
def _statuses(practice: Practice) -> dict[str, tuple[str, str]]:
    with practice.transaction() as session:
        rows = session.execute(text(
            "SELECT d.title, b.text_status, b.text_error FROM documents d "
            "JOIN blobs b ON b.sha256 = d.sha256")).all()
    return {title: (status, error) for title, status, error in rows}


def test_file_text_status_and_reasons(practice: Practice) -> None:
    case_id = _case(practice, "2026-CV-0001", "Matter")
    _doc(practice, case_id, "brief.docx", _docx("Breach of the covenant of quiet enjoyment."),
         title="Brief")
    _doc(practice, case_id, "photo.png", b"\x89PNG\r\n\x1a\n....", title="Site photo")
    _doc(practice, case_id, "scan.pdf", b"%PDF-1.4 broken", title="Scanned letter")
    lost = _doc(practice, case_id, "lost.txt", b"Words nobody will read.", title="Lost file")
    _doc(practice, case_id, "copy.docx", _docx("Breach of the covenant of quiet enjoyment."),
         title="Same bytes again")
    sha = practice.read(lambda s: documents.get_document(s, lost).sha256)
    practice.blobs.remove(sha)
    report = _index(practice)
    assert (report.indexed, report.files_read, report.unsupported, report.failed) == (6, 5, 1, 2)
    statuses = _statuses(practice)
    assert statuses["Brief"] == ("done", "")
    assert statuses["Same bytes again"] == ("done", "")
    assert statuses["Site photo"] == ("unsupported", "casedesk cannot read the text of images.")
    assert statuses["Scanned letter"][0] == "failed"
    assert statuses["Scanned letter"][1].startswith("This PDF is damaged")
    status, error = statuses["Lost file"]
    assert status == "failed"
    assert error.startswith("The stored file could not be read: ") and sha[:12] in error
    reader = practice.reader
    assert {t for _k, t in _found(reader, "quiet enjoyment")} == {"Brief", "Same bytes again"}
    for title in ("photo", "scanned", "lost"):  # still found by what is known about them
        assert len(search(reader, title)) == 1

    # The file is back: a rebuild reads it again (failed files are not retried otherwise).
    practice.blobs.put_bytes(b"Words nobody will read.")
    assert _index(practice).indexed == 0
    assert _found(reader, "nobody") == []
    rebuilt = search_index.rebuild(practice.engine, practice.blobs)
    assert (rebuilt.indexed, rebuilt.failed) == (6, 1)  # the case too; the bad PDF still fails
    assert _statuses(practice)["Lost file"] == ("done", "")
    assert _found(reader, "nobody") == [("document", "Lost file")]


# -- progress, cancelling, and others writing meanwhile ----------------------------------------
def test_progress_and_cancel_keep_what_was_done(practice: Practice) -> None:
    case_id = _case(practice, "2026-CV-0001", "Matter")
    for n in range(5):
        practice.write(notes.add_note, case_id=case_id, text=f"Note number {n} about ferrets.")
    seen: list[tuple[int, int]] = []
    report = _index(practice, batch=2, progress=lambda d, t: seen.append((d, t)),
                    cancel=lambda: len(seen) >= 2)
    assert report.cancelled
    assert seen == [(0, 6), (1, 6)]  # the case, then notes two at a time
    assert _stale(practice.reader) == {"note": 5}
    seen.clear()
    report = _index(practice, batch=2, progress=lambda d, t: seen.append((d, t)))
    assert not report.cancelled and report.indexed == 5
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert len(search(practice.reader, "ferrets")) == 5


def test_writes_while_indexing_are_not_blocked_nor_lost(practice: Practice,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = _case(practice, "2026-CV-0001", "Matter")
    doc_id = _doc(practice, case_id, "v1.txt", b"First version mentions walnuts.",
                  title="Evolving memo")
    note_id = uuid.uuid4()
    practice.write(notes.add_note, case_id=case_id, text="Note about hazelnuts.",
                   note_id=note_id)
    real = text_extract.extract_text
    calls: list[str] = []

    def extract_and_meanwhile_write(data: bytes, *, media_type: str, file_name: str) -> str:
        if not calls:
            # Another desk adds a document, edits a note and replaces the very document being
            # read - while the indexer is between transactions.
            _doc(practice, case_id, "new.txt", b"A brand new pecan memo.", title="Pecan memo")
            practice.write(notes.edit_note, note_id=note_id, text="Note about almonds.")
            stored = practice.blobs.put_bytes(b"Second version mentions chestnuts.")
            practice.write(documents.add_version, document_id=doc_id, stored=stored,
                           file_name="v2.txt")
        calls.append(file_name)
        return real(data, media_type=media_type, file_name=file_name)

    monkeypatch.setattr(text_extract, "extract_text", extract_and_meanwhile_write)
    first = _index(practice)
    assert calls == ["v1.txt"]
    assert first.by_kind == {"case": 1, "note": 1}  # the replaced document's text is not kept
    assert _found(practice.reader, "walnuts") == []
    assert _stale(practice.reader) == {"note": 1, "document": 2}
    second = _index(practice)
    assert second.by_kind == {"note": 1, "document": 2}
    assert _stale(practice.reader) == {}
    reader = practice.reader
    assert _found(reader, "chestnuts") == [("document", "Evolving memo")]
    assert _found(reader, "pecan") == [("document", "Pecan memo")]
    assert _found(reader, "almonds") == [("note", "Note about almonds.")]
    assert _found(reader, "hazelnuts") == [] and _found(reader, "walnuts") == []


def test_blob_status_reflects_pending_until_indexed(practice: Practice) -> None:
    case_id = _case(practice, "2026-CV-0001", "Matter")
    doc_id = _doc(practice, case_id, "a.txt", b"text", title="A")
    sha = practice.read(lambda s: documents.get_document(s, doc_id).sha256)
    assert practice.read(lambda s: s.get(Blob, sha).text_status.value) == "pending"
    _index(practice)
    assert practice.read(lambda s: s.get(Blob, sha).text_status.value) == "done"


# -- what is typed, as the databases are asked --------------------------------------------------
@pytest.mark.parametrize(("typed", "fts5"), [
    ("Smith", '"smith" *'),
    ("Smith ", '"smith"'),
    ("motion to", '"motion" AND "to"'),
    ('"motion to compel"', '"motion to compel"'),
    ('"motion to com', '"motion to com"'),
    ('"motion to comp', '"motion to comp" *'),
    ("smith-jones O'Brien", '"smith jones" AND "o brien" *'),
    ("lease OR tenant", '("lease" OR "tenant" *)'),
    ("lease OR tenant -arbitration", '(("lease" OR "tenant")) NOT ("arbitration")'),
    ('a OR -b c "d e', '("a" AND "c" AND "d e") NOT ("b")'),
    ('NEAR(x) title:"y" ^z*', '"near x" AND "title y" AND "z"'),
    ("2026-CV-0042", '"2026 cv 0042" *'),
    ("Ünïcödé ÉTÉ", '"ünïcödé" AND "été"'),
    ("ÉTÉS", '"étés" *'),
])
def test_typed_text_becomes_a_quoted_fts5_query(typed: str, fts5: str) -> None:
    from casedesk.services.search_query import parse_query, to_fts5

    assert to_fts5(parse_query(typed)) == fts5


def test_pg_query_binds_what_was_typed() -> None:
    from casedesk.services.search_query import parse_query, to_pg_tsquery

    built = to_pg_tsquery(parse_query("jane.roe@example.com OR \"O'Brien\" -draft juris"))
    assert built is not None
    sql, params = built
    assert params == {"t0": "jane.roe@example.com", "t1": "O Brien", "t2": "'juris':*",
                      "t3": "draft"}
    assert "'" not in sql.replace("'english'", "").replace("''::tsquery", "")
    assert to_pg_tsquery(parse_query("-only")) is None


def test_long_queries_are_cut_to_size() -> None:
    from casedesk.services.search_query import MAX_TERMS, parse_query

    parsed = parse_query(" ".join(f"w{i}" for i in range(100)) + " " + "x" * 500)
    assert len(parsed.required) == MAX_TERMS
    assert all(len(t) <= 64 for g in parsed.required for term in g for t in term.tokens)


# -- catching up fast: batches, shared files, worker processes, short transactions ------------
def _entries(practice: Practice, kind: str) -> list[uuid.UUID]:
    """The ref ids of a kind's entries, in entry id order (the order "newest" ranks by)."""
    with practice.transaction() as session:
        rows = session.execute(text("SELECT ref_id FROM search_entries WHERE kind = :k "
                                    "ORDER BY id"), {"k": kind}).all()
    return [uuid.UUID(str(r[0])) for r in rows]


def _index_content(practice: Practice) -> dict[tuple[str, uuid.UUID], tuple[str, str]]:
    """Every entry's searchable title and body (SQLite), by (kind, ref id)."""
    with practice.transaction() as session:
        rows = session.execute(text(
            "SELECT e.kind, e.ref_id, f.title, f.body FROM search_entries e "
            "JOIN search_fts f ON f.rowid = e.id")).all()
    return {(kind, uuid.UUID(str(ref))): (title, body) for kind, ref, title, body in rows}


def test_many_rows_are_written_in_batches(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.services import search_writer

    monkeypatch.setattr(search_writer, "MAX_IN", 3)  # every IN list is split, too
    practice, reader = desk
    case_id = _case(practice, "2026-CV-0001", "Matter")
    note_ids = [uuid.uuid4() for _ in range(8)]
    for n, note_id in enumerate(note_ids):
        practice.write(notes.add_note, case_id=case_id, text=f"Otter report {n} number{n}",
                       note_id=note_id)
    assert _index(practice, batch=5).by_kind == {"case": 1, "note": 8}
    assert len(search(reader, "otter", limit=100)) == 8
    assert _entries(practice, "note") == note_ids  # in the order they were written
    for n in (1, 4, 6):
        practice.write(notes.edit_note, note_id=note_ids[n], text=f"Beaver report {n}")
    for n in (0, 7):
        practice.write(notes.delete_note, note_id=note_ids[n])
    report = _index(practice, batch=5)
    assert (report.indexed, report.removed) == (3, 2)
    assert {h.title for h in search(reader, "otter", limit=100)} == {
        f"Otter report {n} number{n}" for n in (2, 3, 5)}
    assert {h.title for h in search(reader, "beaver", limit=100)} == {
        f"Beaver report {n}" for n in (1, 4, 6)}
    assert _entries(practice, "note") == [note_ids[n] for n in range(1, 7)]  # ids kept
    assert _stale(reader) == {}


def test_a_file_shared_by_documents_is_read_once(practice: Practice,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = _case(practice, "2026-CV-0001", "Matter")
    other = _case(practice, "2026-CV-0002", "Other matter")
    shared = _docx("The settlement covers the orchard.")
    first = _doc(practice, case_id, "settlement.docx", shared, title="Settlement")
    _doc(practice, case_id, "memo.txt", b"A memo about the barn.", title="Memo")
    second = _doc(practice, other, "copy.docx", shared, title="Settlement copy")
    third = _doc(practice, other, "again.docx", shared, title="Settlement again")
    real = text_extract.extract_text
    calls: list[str] = []

    def counting(data: bytes, *, media_type: str, file_name: str) -> str:
        calls.append(file_name)
        return real(data, media_type=media_type, file_name=file_name)

    monkeypatch.setattr(text_extract, "extract_text", counting)
    report = _index(practice)
    assert calls == ["settlement.docx", "memo.txt"]
    assert (report.indexed, report.files_read) == (6, 4)  # files_read counts documents
    assert {h.ref_id for h in search(practice.reader, "orchard")} == {first, second, third}


class _CountingPool:
    """search_texts' process pool, counted (the real one does the work)."""

    made: list[int] = []

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        cls.made.append(int(kwargs["max_workers"]))
        return ProcessPoolExecutor(*args, **kwargs)


def _read_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose text this process reads itself (not a worker)."""
    from casedesk.services import search_texts

    real, names = search_texts.read_text, []

    def counted(store: BlobStore, file: search_texts.DocFile) -> search_texts.FileText:
        names.append(file.file_name)
        return real(store, file)

    monkeypatch.setattr(search_texts, "read_text", counted)
    return names


def _mixed_files(practice: Practice) -> dict[str, uuid.UUID]:
    """Documents of every outcome: read, shared, unsupported, damaged, missing."""
    case_id = _case(practice, "2026-CV-0001", "Matter")
    files = {"brief.docx": _docx("The heron nests by the quarry."),
             "minutes.txt": b"Minutes mention the kestrel.",
             "copy.docx": _docx("The heron nests by the quarry."),
             "photo.png": b"\x89PNG\r\n\x1a\n....", "scan.pdf": b"%PDF-1.4 broken",
             "lost.txt": b"The plover is never read.",
             **{f"note{n}.txt": f"Field note {n} about the osprey.".encode() for n in range(5)}}
    ids = {name: _doc(practice, case_id, name, data, title=name) for name, data in files.items()}
    sha = practice.read(lambda s: documents.get_document(s, ids["lost.txt"]).sha256)
    practice.blobs.remove(sha)
    return ids


def test_worker_processes_read_files_as_the_indexer_would(
        practice: Practice, monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.services import search_texts

    monkeypatch.setattr(search_texts, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(search_texts, "GROUP_FILES", 3)
    monkeypatch.setattr(search_texts, "ProcessPoolExecutor", _CountingPool)
    _CountingPool.made.clear()
    ids = _mixed_files(practice)
    read_here = _read_here(monkeypatch)
    report = _index(practice, workers=2)
    assert _CountingPool.made == [2] and read_here == []
    assert (report.indexed, report.files_read, report.unsupported, report.failed) == (
        12, 11, 1, 2)
    assert _entries(practice, "document") == list(ids.values())
    with_workers, statuses = _index_content(practice), _statuses(practice)
    assert with_workers[("document", ids["brief.docx"])][1] == (
        "The heron nests by the quarry.")
    assert statuses["lost.txt"][0] == "failed" and statuses["photo.png"][0] == "unsupported"
    assert len(search(practice.reader, "osprey")) == 5
    rebuilt = search_index.rebuild(practice.engine, practice.blobs, workers=0)
    assert _CountingPool.made == [2]  # none this time
    assert len(read_here) == 10  # the copy is the brief's bytes
    assert (rebuilt.indexed, rebuilt.files_read, rebuilt.failed) == (12, 11, 2)
    assert _index_content(practice) == with_workers
    assert _statuses(practice) == statuses


@pytest.mark.parametrize(("cores", "frozen", "workers"), [
    (1, False, 0), (2, False, 0), (3, False, 2), (4, False, 3), (16, False, 4), (8, True, 0)])
def test_worker_processes_leave_a_core_free(monkeypatch: pytest.MonkeyPatch, cores: int,
                                            frozen: bool, workers: int) -> None:
    import os
    import sys

    from casedesk.services import search_texts

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)), raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    monkeypatch.setattr(sys, "frozen", frozen, raising=False)
    assert search_texts.worker_count() == workers


class _LocalStore(BlobStore):
    """A store that cannot be sent to another process: every worker's task fails."""

    def __reduce__(self) -> Any:
        raise TypeError("this store stays in the indexer")


def test_files_are_read_here_when_a_worker_fails(practice: Practice,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.services import search_texts

    monkeypatch.setattr(search_texts, "POOL_MIN_FILES", 2)
    ids = _mixed_files(practice)
    read_here = _read_here(monkeypatch)
    report = search_index.index_pending(practice.engine, _LocalStore(practice.blobs.root),
                                        workers=2)
    assert sorted(read_here) == sorted(set(ids) - {"copy.docx"})
    assert (report.indexed, report.files_read, report.unsupported, report.failed) == (
        12, 11, 1, 2)
    assert [h.ref_id for h in search(practice.reader, "kestrel")] == [ids["minutes.txt"]]


def test_cancel_while_workers_read_keeps_what_was_written(
        practice: Practice, monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.services import search_texts

    monkeypatch.setattr(search_texts, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(search_texts, "GROUP_FILES", 2)
    ids = _mixed_files(practice)
    seen: list[int] = []
    report = _index(practice, workers=2, progress=lambda done, _total: seen.append(done),
                    cancel=lambda: seen[-1] >= 4)  # the case, then three documents
    assert report.cancelled and report.by_kind == {"case": 1, "document": 3}
    assert _entries(practice, "document") == list(ids.values())[:3]
    assert _stale(practice.reader) == {"document": 8}
    rest = _index(practice, workers=2)
    assert not rest.cancelled and rest.by_kind == {"document": 8}
    assert _entries(practice, "document") == list(ids.values())
    assert len(search(practice.reader, "osprey")) == 5


def test_documents_are_written_after_a_short_time_of_reading(
        practice: Practice, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = _case(practice, "2026-CV-0001", "Matter")
    for n in range(4):
        _doc(practice, case_id, f"d{n}.txt", f"Document {n} about the lynx.".encode())
    _index(practice)
    commits: list[int] = []
    real = search_index.unit_of_work

    def counted(engine: Any) -> Any:
        commits.append(1)
        return real(engine)

    monkeypatch.setattr(search_index, "unit_of_work", counted)
    monkeypatch.setattr(search_index, "FLUSH_SECONDS", 0.0)  # every file "took long"
    assert search_index.rebuild(practice.engine, practice.blobs).indexed == 5
    assert len(commits) == 1 + 1 + 4  # the rebuild's mark, the case, each document
    commits.clear()
    monkeypatch.setattr(search_index, "FLUSH_SECONDS", 60.0)
    assert search_index.rebuild(practice.engine, practice.blobs).indexed == 5
    assert len(commits) == 1 + 1 + 1  # the four documents in one transaction
    assert len(search(practice.reader, "lynx")) == 4


def test_searching_works_while_a_rebuild_runs(desk: Desk) -> None:
    practice, reader = desk
    case_id = _case(practice, "2026-CV-0001", "Walrus v. Pelican")
    for n in range(3):
        practice.write(notes.add_note, case_id=case_id, text=f"Note {n} on the walrus.")
    _index(practice)
    before = {h.ref_id for h in search(reader, "walrus")}
    assert len(before) == 4
    report = search_index.rebuild(practice.engine, practice.blobs, batch=1,
                                  cancel=lambda: True)
    assert report.cancelled and report.indexed == 1
    if reader.dialect == "sqlite":  # entries are replaced, not emptied first
        assert {h.ref_id for h in search(reader, "walrus")} == before
        assert _stale(reader) == {"note": 3}
    else:  # PostgreSQL deletes them (without holding back other writers)
        assert len(search(reader, "walrus")) == 1
    assert _index(practice).indexed == 3
    assert {h.ref_id for h in search(reader, "walrus")} == before
    assert _stale(reader) == {}


def test_a_damaged_stored_file_is_not_indexed(practice: Practice) -> None:
    """Bytes that no longer match their SHA-256 are never taken for the document's text."""
    case_id = _case(practice, "2026-CV-0009", "Matter")
    doc_id = _doc(practice, case_id, "memo.txt", b"The original memo about the easement.\n",
                  title="Memo")
    path = practice.blobs.path_for(practice.read(documents.get_document, doc_id).sha256)
    path.chmod(0o644)
    path.write_bytes(b"tampered text about a zeppelin\n")
    _index(practice)
    assert _found(practice.reader, "zeppelin") == []
    assert _found(practice.reader, "easement") == []  # the text is unknown, not made up
    assert _found(practice.reader, "memo") == [("document", "Memo")]  # still by its title
    status, error = _statuses(practice)["Memo"]
    assert status == "failed" and "damaged" in error
