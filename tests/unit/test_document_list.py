"""The plain-SQL documents list behind the Documents pane: filters, sorting, paging, on every
backend."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from casedesk.domain.enums import DocumentCategory
from casedesk.domain.models import Case
from casedesk.domain.types import utcnow
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, documents, search_index, staff
from casedesk.services import document_list as dl
from casedesk.services.document_list import DocumentFilter
from casedesk.services.documents import DocumentMeta, NewFile
from tests.unit.list_backends import BACKENDS, built_desk

Ids = dict[str, uuid.UUID]
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _add(practice: Practice, ids: Ids, key: str, case: str, file_name: str, data: bytes,
         at: datetime, **meta: object) -> None:
    stored = practice.blobs.put_bytes(data)
    _c, new = practice.write(documents.add_documents, case_id=ids[case], added_at=at,
                             files=[NewFile(stored=stored, file_name=file_name,
                                            meta=DocumentMeta(**meta))])  # type: ignore[arg-type]
    ids[key] = new[0]


def build(practice: Practice) -> Ids:
    ids: Ids = {"alice": uuid.uuid4()}
    w = practice.write
    w(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=ids["alice"])
    _c, ids["c1"] = w(cases.create_case, number="2026-CV-0001", title="Smith v. Acme")
    _c, ids["c2"] = w(cases.create_case, number="2026-CV-0002", title="Estate of Brown")
    _c, ids["gone_case"] = w(cases.create_case, number="2026-CV-0003", title="Removed case")
    _add(practice, ids, "complaint", "c1", "Complaint.pdf", b"complaint" * 100, T0,
         title="Complaint", category="pleading", document_date=date(2026, 3, 1),
         tags=["filed"])
    _add(practice, ids, "motion", "c1", "mtd_final.docx", b"motion" * 10, T0 + timedelta(1),
         title="Motion to dismiss", category="motion", document_date=date(2026, 4, 14))
    _add(practice, ids, "engagement", "c1", "engagement.docx", b"engage", T0 + timedelta(2),
         title="Engagement letter", category="contract", privileged=True, confidential=True,
         tags=["Müller", "signed"])
    _add(practice, ids, "memo", "c2", "memo 100%.txt", b"memo" * 1000, T0 + timedelta(3),
         title="Research memo", category="note", privileged=True)
    _add(practice, ids, "records", "c2", "records.pdf", b"records" * 3000, T0 + timedelta(4),
         title="Medical records", category="evidence", confidential=True)
    _add(practice, ids, "deleted", "c2", "old.txt", b"old", T0 + timedelta(5), title="Deleted one")
    w(documents.delete_document, document_id=ids["deleted"])
    _add(practice, ids, "orphan", "gone_case", "x.txt", b"x", T0 + timedelta(6),
         title="Complaint of a removed case")
    with practice.transaction() as session:  # no service deletes cases yet; soft-delete one
        case = session.get(Case, ids["gone_case"])
        assert case is not None
        case.deleted_at = utcnow()
    return ids


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, Reader, Ids]]:
    """The practice of `build`, made once per backend (these tests only read)."""
    yield from built_desk(request, tmp_path_factory, build)


def titles(reader: Reader, **kwargs: object) -> list[str]:
    flt = DocumentFilter(**kwargs)  # type: ignore[arg-type]
    rows = dl.document_page(reader, flt, offset=0, limit=100)
    assert dl.count_documents(reader, flt) == len(rows)
    return [r.title for r in rows]


def test_live_documents_of_live_cases_newest_first(built: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, _ids = built
    assert titles(reader) == ["Medical records", "Research memo", "Engagement letter",
                              "Motion to dismiss", "Complaint"]


def test_row_carries_what_the_table_and_actions_need(
        built: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, ids = built
    rows = dl.document_page(reader, DocumentFilter(text="engagement"), offset=0, limit=10)
    assert len(rows) == 1
    row = rows[0]
    assert (row.id, row.case_id, row.case_number, row.case_title) == (
        ids["engagement"], ids["c1"], "2026-CV-0001", "Smith v. Acme")
    assert (row.category, row.tags, row.privileged, row.confidential) == (
        DocumentCategory.CONTRACT, ("Müller", "signed"), True, True)
    assert (row.file_name, row.size, row.current_version, row.version) == (
        "engagement.docx", 6, 1, 1)
    assert row.sha256 == hashlib.sha256(b"engage").hexdigest()
    assert row.updated_at == T0 + timedelta(2)
    assert row.document_date is None


def test_words_match_title_file_name_and_tags(built: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, _ids = built
    assert titles(reader, text="MOTION") == ["Motion to dismiss"]
    assert titles(reader, text="mtd_final") == ["Motion to dismiss"]  # file name; "_" literal
    assert titles(reader, text="filed") == ["Complaint"]  # a tag
    assert titles(reader, text="müller") == ["Engagement letter"]  # non-ASCII tag in JSON
    assert titles(reader, text="100%") == ["Research memo"]  # "%" is literal
    assert titles(reader, text="memo research") == ["Research memo"]  # every word, any order
    assert titles(reader, text="memo complaint") == []
    assert titles(reader, text="removed") == []  # the removed case's document stays hidden


def test_case_category_and_flag_filters(built: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, ids = built
    assert titles(reader, case_id=ids["c2"]) == ["Medical records", "Research memo"]
    assert titles(reader, category="pleading") == ["Complaint"]
    assert titles(reader, flag=dl.PRIVILEGED) == ["Research memo", "Engagement letter"]
    assert titles(reader, flag=dl.NOT_PRIVILEGED) == ["Medical records", "Motion to dismiss",
                                                      "Complaint"]
    assert titles(reader, flag=dl.CONFIDENTIAL) == ["Medical records", "Engagement letter"]
    assert titles(reader, case_id=ids["c1"], flag=dl.PRIVILEGED, text="letter") == [
        "Engagement letter"]
    with pytest.raises(ValueError):
        titles(reader, category="memo")
    with pytest.raises(ValueError):
        titles(reader, flag="secret")


@pytest.mark.parametrize(("sort", "ascending"), [
    ("title", ["Complaint", "Engagement letter", "Medical records", "Motion to dismiss",
               "Research memo"]),
    ("case", ["Complaint", "Motion to dismiss", "Engagement letter", "Research memo",
              "Medical records"]),  # by case number, then by updated
    ("category", ["Engagement letter", "Medical records", "Motion to dismiss", "Research memo",
                  "Complaint"]),
    ("size", ["Engagement letter", "Motion to dismiss", "Complaint", "Research memo",
              "Medical records"]),
    ("flags", ["Complaint", "Motion to dismiss", "Medical records", "Research memo",
               "Engagement letter"]),
    ("updated", ["Complaint", "Motion to dismiss", "Engagement letter", "Research memo",
                 "Medical records"]),
])
def test_sorts_each_column_both_ways(built: tuple[Practice, Reader, Ids], sort: str,
                                     ascending: list[str]) -> None:
    _p, reader, _ids = built
    assert titles(reader, sort=sort, descending=False) == ascending
    descending = titles(reader, sort=sort, descending=True)
    assert sorted(descending) == sorted(ascending)
    if sort in ("title", "size", "updated"):  # no ties: exactly reversed
        assert descending == ascending[::-1]


def test_undated_documents_sort_last_either_way(built: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, _ids = built
    up = titles(reader, sort="date", descending=False)
    down = titles(reader, sort="date", descending=True)
    assert up[:2] == ["Complaint", "Motion to dismiss"]
    assert down[:2] == ["Motion to dismiss", "Complaint"]
    assert set(up[2:]) == set(down[2:]) == {"Engagement letter", "Research memo",
                                            "Medical records"}


def test_pages_follow_one_another_without_gaps(built: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, _ids = built
    flt = DocumentFilter(sort="title", descending=False)
    pages = [dl.document_page(reader, flt, offset=o, limit=2) for o in (0, 2, 4, 6)]
    assert [[r.title for r in page] for page in pages] == [
        ["Complaint", "Engagement letter"], ["Medical records", "Motion to dismiss"],
        ["Research memo"], []]


def test_any_documents_and_case_label(built: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, ids = built
    assert dl.any_documents(reader) is True
    assert dl.any_documents(reader, ids["c2"]) is True
    assert dl.any_documents(reader, ids["gone_case"]) is False
    assert dl.any_documents(reader, uuid.uuid4()) is False
    assert dl.case_label(reader, ids["c1"]) == "2026-CV-0001 · Smith v. Acme"
    assert dl.case_label(reader, ids["gone_case"]) == ""


def test_a_new_version_shows_in_the_list(tmp_path: object, practice: Practice) -> None:
    ids: Ids = {}
    _c, ids["c"] = practice.write(cases.create_case, number="1", title="T")
    _add(practice, ids, "doc", "c", "a.txt", b"one", T0, title="Letter")
    stored = practice.blobs.put_bytes(b"two, longer")
    practice.write(documents.add_version, document_id=ids["doc"], stored=stored,
                   file_name="a (signed).txt")
    (row,) = dl.document_page(practice.reader, DocumentFilter(), offset=0, limit=5)
    assert (row.current_version, row.file_name, row.size, row.sha256) == (
        2, "a (signed).txt", 11, stored.sha256)
    assert row.updated_at > T0


# -- the words filter also reads the full-text index -------------------------------------------
def build_indexed(practice: Practice) -> Ids:
    """Plain-text documents whose bodies hold words their titles do not, indexed; then one
    document is deleted and one added without indexing again."""
    ids: Ids = {}
    w = practice.write
    _c, ids["c1"] = w(cases.create_case, number="2026-CV-0001", title="Smith v. Acme")
    _c, ids["c2"] = w(cases.create_case, number="2026-CV-0002", title="Estate of Brown")
    _add(practice, ids, "lease", "c1", "lease.txt",
         b"The tenant withheld rent after the boiler failed. Breach of warranty of "
         b"habitability; see the Zephyrine inspection report.", T0, title="Lease dispute memo",
         category="note")
    _add(practice, ids, "letter", "c1", "letter.txt",
         b"Dear counsel, we enclose the warranty claim and the invoices.", T0 + timedelta(1),
         title="Letter to Smithers", category="correspondence")
    _add(practice, ids, "will", "c2", "will.txt",
         b"Last will and testament. The executor shall sell the boiler works in Zephyrine.",
         T0 + timedelta(2), title="Will of Ann Brown", category="evidence", tags=["probate"])
    _add(practice, ids, "gone", "c2", "gone.txt", b"Quillwort appears only here.",
         T0 + timedelta(3), title="Removed later")
    search_index.index_pending(practice.engine, practice.blobs, workers=0)
    w(documents.delete_document, document_id=ids["gone"])  # its entry stays until re-indexed
    _add(practice, ids, "fresh", "c2", "fresh.txt", b"Quillwort and zephyrine.",
         T0 + timedelta(4), title="Not indexed yet")
    return ids


@pytest.fixture(scope="module", params=BACKENDS)
def indexed(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, Reader, Ids]]:
    yield from built_desk(request, tmp_path_factory, build_indexed)


def test_words_inside_a_document_find_it(indexed: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, _ids = indexed
    assert titles(reader, text="habitability") == ["Lease dispute memo"]  # the body only
    assert titles(reader, text="HABITABILITY") == ["Lease dispute memo"]
    assert titles(reader, text="boiler") == ["Will of Ann Brown", "Lease dispute memo"]
    assert titles(reader, text="boiler executor") == ["Will of Ann Brown"]  # every word
    assert titles(reader, text="invoices warranty") == ["Letter to Smithers"]
    # Not indexed yet: found by its title alone; deleted since: its old entry finds nothing.
    assert titles(reader, text="zephyrine") == ["Will of Ann Brown", "Lease dispute memo"]
    assert titles(reader, text="quillwort") == []
    assert titles(reader, text="indexed") == ["Not indexed yet"]


def test_the_title_still_matches_as_typed(indexed: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, _ids = indexed
    assert titles(reader, text="Smi") == ["Letter to Smithers"]  # part of a word: LIKE
    assert titles(reader, text="2026-CV-00") == []  # a case number is not the document's
    assert titles(reader, text="probate") == ["Will of Ann Brown"]  # a tag
    # A word in one document's title and another's text: both.
    assert titles(reader, text="will", sort="title", descending=False) == [
        "Will of Ann Brown"]
    assert titles(reader, text="warranty", sort="title", descending=False) == [
        "Lease dispute memo", "Letter to Smithers"]


def test_search_box_syntax_and_prefixes(indexed: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, _ids = indexed
    assert titles(reader, text='"warranty of habitability"') == ["Lease dispute memo"]
    assert titles(reader, text='"habitability of warranty"') == []
    assert titles(reader, text="executor OR invoices") == ["Will of Ann Brown",
                                                           "Letter to Smithers"]
    assert titles(reader, text="boiler -executor") == ["Lease dispute memo"]
    assert titles(reader, text="inspe") == ["Lease dispute memo"]  # the last word, typed


@pytest.mark.parametrize("typed", [
    '"', '"unclosed', "*", "boiler*", "NEAR(boiler executor)", "'; DROP TABLE documents; --",
    "\\", "a:b", "^boiler", "OR", "AND OR NOT", "-boiler", "(", "{}", "%", "_", "tsv @@ x",
    "boiler & !executor", "boiler | executor", "x" * 2000, "\x00", "é ß ø", "🙂"])
def test_any_typed_text_is_safe(indexed: tuple[Practice, Reader, Ids], typed: str) -> None:
    _p, reader, _ids = indexed
    found = titles(reader, text=typed)  # never a syntax error from FTS5 or tsquery
    assert set(found) <= {"Lease dispute memo", "Letter to Smithers", "Will of Ann Brown",
                          "Not indexed yet"}
    if typed in ("-boiler", "%", "{}"):  # no word to look for in the text; no title has it
        assert found == []
    if typed in ("boiler*", "^boiler", "boiler | executor"):  # the words are kept
        assert "Will of Ann Brown" in found


def test_text_combines_with_case_category_and_flags(
        indexed: tuple[Practice, Reader, Ids]) -> None:
    _p, reader, ids = indexed
    assert titles(reader, text="boiler", case_id=ids["c1"]) == ["Lease dispute memo"]
    assert titles(reader, text="boiler", case_id=ids["c2"]) == ["Will of Ann Brown"]
    assert titles(reader, text="warranty", case_id=ids["c1"], category="correspondence") == [
        "Letter to Smithers"]
    assert titles(reader, text="boiler", flag=dl.PRIVILEGED) == []
    assert titles(reader, text="smi", case_id=ids["c2"]) == []
    flt = DocumentFilter(text="warranty", sort="title", descending=False)
    pages = [dl.document_page(reader, flt, offset=o, limit=1) for o in (0, 1, 2)]
    assert [[r.title for r in page] for page in pages] == [["Lease dispute memo"],
                                                           ["Letter to Smithers"], []]
