"""The correspondence log: adding, editing, linking documents, deleting, reading it back."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlmodel import select

from casedesk.domain.enums import CorrespondenceKind, Direction
from casedesk.domain.errors import ConcurrentEdit, InvalidInput, NotFound
from casedesk.domain.models import Activity, Correspondence, CorrespondenceDocument
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import EngineReader
from casedesk.services import cases, contacts, correspondence, documents, firm, staff
from casedesk.services.correspondence import CorrespondenceRow


def add_doc(practice: Practice, case_id: uuid.UUID, name: str, data: bytes) -> uuid.UUID:
    stored = practice.blobs.put_bytes(data)
    _c, ids = practice.write(documents.add_documents, case_id=case_id,
                             files=[documents.NewFile(stored=stored, file_name=name)])
    return uuid.UUID(str(ids[0]))


@pytest.fixture
def office(practice: Practice) -> dict[str, Any]:
    ids: dict[str, Any] = {"alice": uuid.uuid4()}
    practice.write(firm.save_firm, name="Vance Legal", email="office@vance.example")
    practice.write(staff.add_staff, name="Alice Attorney", role="attorney",
                   email="alice@vance.example", staff_id=ids["alice"])
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme")
    _c, ids["other"] = practice.write(cases.create_case, number="2026-CV-0002",
                                      title="Doe v. Roe")
    _c, ids["jane"] = practice.write(contacts.create_contact, name="Jane Smith",
                                     email="jane@smith.example")
    ids["letter"] = add_doc(practice, ids["case"], "engagement.docx", b"letter bytes")
    ids["exhibit"] = add_doc(practice, ids["case"], "exhibit.pdf", b"%PDF exhibit")
    ids["foreign"] = add_doc(practice, ids["other"], "other.txt", b"other case")
    return ids


def entries(practice: Practice, case_id: uuid.UUID) -> list[CorrespondenceRow]:
    return practice.read(correspondence.list_for_case, case_id)


def test_add_letter_with_documents_reads_back_with_names(practice: Practice,
                                                         office: dict[str, Any]) -> None:
    at = datetime(2026, 3, 2, 14, 30, tzinfo=timezone(timedelta(hours=-5)))
    changes, entry_id = practice.write(
        correspondence.add_correspondence, case_id=office["case"], kind="letter",
        direction="out", on_date="2026-03-02", at=at, subject="  Engagement   terms ",
        from_text="Alice Attorney", to_text="Jane Smith", contact_id=office["jane"],
        staff_id=office["alice"], summary="Sent the engagement letter.",
        document_ids=[office["letter"], office["exhibit"], office["letter"]])
    assert changes.correspondence and changes.cases and changes.search
    [row] = entries(practice, office["case"])
    assert row.id == entry_id
    assert (row.kind, row.direction) == (CorrespondenceKind.LETTER, Direction.OUTGOING)
    assert row.on_date == date(2026, 3, 2)
    assert row.at == datetime(2026, 3, 2, 19, 30, tzinfo=UTC)
    assert row.subject == "Engagement terms"
    assert (row.contact_name, row.staff_name) == ("Jane Smith", "Alice Attorney")
    assert row.document_ids == (office["letter"], office["exhibit"])  # duplicate dropped
    assert row.document_titles == ("engagement", "exhibit")
    assert row.version == 1
    history = practice.read(lambda s: [a.summary for a in s.exec(
        select(Activity).where(Activity.action == "correspondence_added"))])
    assert history == ["Letter out: Engagement terms"]


@pytest.mark.parametrize(("kwargs", "field", "text"), [
    ({"kind": "fax"}, "kind", "'fax' is not a kind of correspondence"),
    ({"direction": "sideways"}, "direction", "'sideways' is not a direction"),
    ({"on_date": None}, "on_date", "The date of the correspondence is required."),
    ({"on_date": "2026-02-30"}, "on_date", "'2026-02-30' is not a date"),
    ({"at": datetime(2026, 3, 2, 9, 0)}, "at", "needs a time zone"),
    ({"at": "yesterday"}, "at", "'yesterday' is not a date and time"),
    ({"subject": "x" * 501}, "subject", "The subject is longer than 500 characters."),
])
def test_bad_input_is_refused_with_the_field_named(practice: Practice, office: dict[str, Any],
                                                   kwargs: dict[str, Any], field: str,
                                                   text: str) -> None:
    args: dict[str, Any] = {"case_id": office["case"], "kind": "call", "direction": "in",
                            "on_date": date(2026, 3, 2)}
    args.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        practice.write(correspondence.add_correspondence, **args)
    assert caught.value.field == field
    assert text in caught.value.message
    assert entries(practice, office["case"]) == []


def test_enum_values_and_words_are_both_accepted(practice: Practice,
                                                 office: dict[str, Any]) -> None:
    practice.write(correspondence.add_correspondence, case_id=office["case"],
                   kind=CorrespondenceKind.COURT_NOTICE, direction="Incoming",
                   on_date=date(2026, 3, 1))
    [row] = entries(practice, office["case"])
    assert (row.kind, row.direction) == (CorrespondenceKind.COURT_NOTICE, Direction.INCOMING)


def test_documents_of_another_case_or_deleted_ones_cannot_be_linked(
        practice: Practice, office: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput, match="'other' belongs to another case") as caught:
        practice.write(correspondence.add_correspondence, case_id=office["case"], kind="email",
                       direction="in", on_date=date(2026, 3, 1),
                       document_ids=[office["letter"], office["foreign"]])
    assert caught.value.field == "document_ids"
    practice.write(documents.delete_document, document_id=office["exhibit"])
    with pytest.raises(InvalidInput, match="no longer exists"):
        practice.write(correspondence.add_correspondence, case_id=office["case"], kind="email",
                       direction="in", on_date=date(2026, 3, 1),
                       document_ids=[office["exhibit"]])
    with pytest.raises(NotFound):
        practice.write(correspondence.add_correspondence, case_id=office["case"], kind="email",
                       direction="in", on_date=date(2026, 3, 1), contact_id=uuid.uuid4())
    assert entries(practice, office["case"]) == []


def test_a_document_added_in_the_same_transaction_can_be_linked(
        practice: Practice, office: dict[str, Any]) -> None:
    """What letter generation does: save the letter, then log it, in one unit of work."""
    stored = practice.blobs.put_bytes(b"new letter")
    with practice.transaction() as session:
        _c, [doc_id] = documents.add_documents(session, case_id=office["case"], files=[
            documents.NewFile(stored=stored, file_name="status update.docx")])
        correspondence.add_correspondence(session, case_id=office["case"], kind="letter",
                                          direction="out", on_date=date(2026, 3, 3),
                                          document_ids=[doc_id])
    [row] = entries(practice, office["case"])
    assert row.document_titles == ("status update",)


def test_edit_checks_the_version_and_replaces_links_only_when_asked(
        practice: Practice, office: dict[str, Any]) -> None:
    _c, entry_id = practice.write(correspondence.add_correspondence, case_id=office["case"],
                                  kind="call", direction="in", on_date=date(2026, 3, 1),
                                  subject="Client called", document_ids=[office["letter"]])
    practice.write(correspondence.edit_correspondence, correspondence_id=entry_id,
                   expected_version=1, kind="meeting", direction="out",
                   on_date="2026-03-04", subject="Met the client", summary="Went well.")
    row = practice.read(correspondence.get_correspondence, entry_id)
    assert (row.kind, row.direction, row.on_date) == (
        CorrespondenceKind.MEETING, Direction.OUTGOING, date(2026, 3, 4))
    assert (row.subject, row.summary, row.version) == ("Met the client", "Went well.", 2)
    assert row.document_ids == (office["letter"],)  # kept: document_ids not given
    with pytest.raises(ConcurrentEdit):
        practice.write(correspondence.edit_correspondence, correspondence_id=entry_id,
                       expected_version=1, kind="call", direction="in",
                       on_date="2026-03-01")
    practice.write(correspondence.edit_correspondence, correspondence_id=entry_id,
                   expected_version=2, kind="meeting", direction="out", on_date="2026-03-04",
                   subject="Met the client", summary="Went well.",
                   document_ids=[office["exhibit"]])
    row = practice.read(correspondence.get_correspondence, entry_id)
    assert row.document_ids == (office["exhibit"],)
    assert row.version == 2  # only the links changed


def test_link_and_unlink_keep_order_and_refuse_foreign_documents(
        practice: Practice, office: dict[str, Any]) -> None:
    _c, entry_id = practice.write(correspondence.add_correspondence, case_id=office["case"],
                                  kind="email", direction="in", on_date=date(2026, 3, 1))
    practice.write(correspondence.link_documents, correspondence_id=entry_id,
                   document_ids=[office["exhibit"], office["letter"]])
    practice.write(correspondence.link_documents, correspondence_id=entry_id,
                   document_ids=[office["exhibit"]])
    assert practice.read(correspondence.get_correspondence, entry_id).document_ids == (
        office["exhibit"], office["letter"])
    with pytest.raises(InvalidInput, match="another case"):
        practice.write(correspondence.link_documents, correspondence_id=entry_id,
                       document_ids=[office["foreign"]])
    practice.write(correspondence.unlink_documents, correspondence_id=entry_id,
                   document_ids=[office["exhibit"]])
    assert practice.read(correspondence.get_correspondence, entry_id).document_ids == (
        office["letter"],)
    # the document itself is still in the case file
    assert practice.read(documents.get_document, office["exhibit"]).title == "exhibit"


def test_delete_is_soft_and_hides_the_entry(practice: Practice, office: dict[str, Any]) -> None:
    _c, entry_id = practice.write(correspondence.add_correspondence, case_id=office["case"],
                                  kind="email", direction="in", on_date=date(2026, 3, 1),
                                  document_ids=[office["letter"]], message_id="<a@b>")
    assert practice.read(correspondence.message_imported, office["case"], "<a@b>")
    with pytest.raises(ConcurrentEdit):
        practice.write(correspondence.delete_correspondence, correspondence_id=entry_id,
                       expected_version=7)
    practice.write(correspondence.delete_correspondence, correspondence_id=entry_id)
    assert entries(practice, office["case"]) == []
    assert not practice.read(correspondence.message_imported, office["case"], "<a@b>")
    deleted_at, links = practice.read(lambda s: (
        s.get(Correspondence, entry_id).deleted_at,  # type: ignore[union-attr]
        len(s.exec(select(CorrespondenceDocument)).all())))
    assert deleted_at is not None and links == 1
    with pytest.raises(NotFound):
        practice.read(correspondence.get_correspondence, entry_id)


def test_newest_first_in_both_lists(practice: Practice, office: dict[str, Any]) -> None:
    def add(day: int, subject: str, hour: int | None = None) -> None:
        at = None if hour is None else datetime(2026, 3, day, hour, tzinfo=UTC)
        practice.write(correspondence.add_correspondence, case_id=office["case"],
                       kind="email", direction="in", on_date=date(2026, 3, day), at=at,
                       subject=subject, contact_id=office["jane"],
                       document_ids=[office["letter"]] if subject == "b" else ())

    add(1, "a", 9)
    add(3, "b", 8)
    add(3, "c", 17)
    add(2, "d")
    assert [r.subject for r in entries(practice, office["case"])] == ["c", "b", "d", "a"]
    for reader in (practice.reader, EngineReader(practice.engine)):
        assert correspondence.count_for_case(reader, office["case"]) == 4
        page = correspondence.page_for_case(reader, office["case"], limit=3, offset=0)
        assert [r.subject for r in page] == ["c", "b", "d"]
        assert [r.document_count for r in page] == [0, 1, 0]
        assert page[0].contact_name == "Jane Smith"
        assert page[0].at == datetime(2026, 3, 3, 17, tzinfo=UTC)
        assert [r.subject for r in correspondence.page_for_case(
            reader, office["case"], limit=3, offset=3)] == ["a"]
    assert correspondence.count_for_case(practice.reader, office["other"]) == 0
