"""Saving a filing as the GUI edits it (one unit of work), and its cover letter in two steps."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from casedesk.domain.errors import ConcurrentEdit, InvalidInput, RuleViolation
from casedesk.persistence.practice import Practice
from casedesk.services import (
    cases,
    correspondence,
    documents,
    events,
    filing_status,
    filings,
    staff,
)
from casedesk.services.events import EventInput
from casedesk.services.filing_edits import (
    PackageDocument,
    prepare_cover,
    save_cover,
    save_filing,
)

Ids = dict[str, uuid.UUID]


@pytest.fixture
def ids(practice: Practice, tmp_path: Path) -> Ids:
    out: Ids = {}
    _c, out["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme", court="N.D. Ill.")
    _c, out["other"] = practice.write(cases.create_case, number="2026-CV-0002",
                                      title="Estate of Jones")
    folder = tmp_path / "in"
    folder.mkdir()
    names = ("Motion.pdf", "Declaration.pdf", "Exhibit.pdf", "Order.docx")
    for name in names:
        (folder / name).write_bytes(f"contents of {name}".encode())
    docs = documents.add_files(practice.write, practice.read, practice.blobs,
                               case_id=out["case"], paths=[folder / n for n in names])
    out.update(zip(("motion", "declaration", "exhibit", "order"), docs, strict=True))
    (folder / "jones.txt").write_bytes(b"another case")
    (out["foreign"],) = documents.add_files(practice.write, practice.read, practice.blobs,
                                            case_id=out["other"], paths=[folder / "jones.txt"])
    out["deadline"] = uuid.uuid4()
    practice.write(events.add_event, event_id=out["deadline"], data=EventInput(
        kind="filing_deadline", title="Response due", case_id=out["case"],
        on_date="2026-08-03"))
    return out


def _items(practice: Practice, filing_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    row = practice.read(filings.get_filing, filing_id)
    assert [i.position for i in row.items] == list(range(1, len(row.items) + 1))
    return [(i.document_id, i.label) for i in row.items]


def _save(practice: Practice, ids: Ids, docs: list[tuple[str, str]], **kw: object
          ) -> uuid.UUID:
    _c, filing_id = practice.write(
        save_filing, case_id=ids["case"], title=kw.pop("title", "Response"),
        court=kw.pop("court", "N.D. Ill."), deadline_event_id=kw.pop("deadline", None),
        documents=[PackageDocument(ids[k], label) for k, label in docs], **kw)
    return uuid.UUID(str(filing_id))


def test_creates_a_draft_with_its_documents_in_order(practice: Practice, ids: Ids) -> None:
    filing_id = _save(practice, ids, [("motion", ""), ("declaration", "Exhibit A")],
                      deadline=ids["deadline"], notes="Check the signature")
    row = practice.read(filings.get_filing, filing_id)
    assert (row.title, row.court, row.status.value, row.notes) == (
        "Response", "N.D. Ill.", "draft", "Check the signature")
    assert row.deadline_event_id == ids["deadline"]
    assert _items(practice, filing_id) == [(ids["motion"], ""),
                                           (ids["declaration"], "Exhibit A")]


def test_reorders_adds_removes_and_relabels_in_one_save(practice: Practice, ids: Ids) -> None:
    filing_id = _save(practice, ids, [("motion", ""), ("declaration", "Exhibit A"),
                                      ("exhibit", "Exhibit B")])
    version = practice.read(filings.get_filing, filing_id).version
    _save(practice, ids, [("order", "Proposed order"), ("exhibit", "Exhibit A"),
                          ("motion", "")], filing_id=filing_id, expected_version=version,
          title="Response (corrected)")
    assert _items(practice, filing_id) == [(ids["order"], "Proposed order"),
                                           (ids["exhibit"], "Exhibit A"), (ids["motion"], "")]
    assert practice.read(filings.get_filing, filing_id).title == "Response (corrected)"


def test_a_ready_filing_can_swap_all_its_documents(practice: Practice, ids: Ids) -> None:
    filing_id = _save(practice, ids, [("motion", "")])
    practice.write(filing_status.set_status, filing_id=filing_id, status="ready")
    _save(practice, ids, [("order", "")], filing_id=filing_id)  # added before removed
    assert _items(practice, filing_id) == [(ids["order"], "")]
    with pytest.raises(RuleViolation, match="at least one document"):
        _save(practice, ids, [], filing_id=filing_id)


def test_a_failed_save_changes_nothing(practice: Practice, ids: Ids) -> None:
    filing_id = _save(practice, ids, [("motion", ""), ("declaration", "")])
    before = practice.read(filings.get_filing, filing_id)
    with pytest.raises(InvalidInput, match="another case"):
        _save(practice, ids, [("declaration", "Exhibit A"), ("foreign", "")],
              filing_id=filing_id, title="Changed")
    after = practice.read(filings.get_filing, filing_id)
    assert (after.title, after.version) == (before.title, before.version)
    assert _items(practice, filing_id) == [(ids["motion"], ""), (ids["declaration"], "")]
    with pytest.raises(InvalidInput, match="listed twice"):
        _save(practice, ids, [("motion", ""), ("motion", "again")], filing_id=filing_id)


def test_a_stale_version_is_refused_before_anything_changes(practice: Practice,
                                                            ids: Ids) -> None:
    filing_id = _save(practice, ids, [("motion", "")])
    version = practice.read(filings.get_filing, filing_id).version
    _save(practice, ids, [("motion", "Main")], filing_id=filing_id)  # someone else
    with pytest.raises(ConcurrentEdit):
        _save(practice, ids, [("declaration", "")], filing_id=filing_id,
              expected_version=version)
    assert _items(practice, filing_id) == [(ids["motion"], "Main")]


def test_a_submitted_filing_keeps_its_documents_but_can_be_renamed(practice: Practice,
                                                                   ids: Ids) -> None:
    filing_id = _save(practice, ids, [("motion", "")])
    for status in ("ready", "submitted"):
        practice.write(filing_status.set_status, filing_id=filing_id, status=status)
    _save(practice, ids, [("motion", "")], filing_id=filing_id, title="Response as filed")
    assert practice.read(filings.get_filing, filing_id).title == "Response as filed"
    with pytest.raises(RuleViolation, match="submitted"):
        _save(practice, ids, [("motion", ""), ("order", "")], filing_id=filing_id)
    assert _items(practice, filing_id) == [(ids["motion"], "")]


def test_the_cover_letter_previewed_is_the_one_saved(practice: Practice, ids: Ids) -> None:
    filing_id = _save(practice, ids, [("motion", ""), ("declaration", "Exhibit A")])
    template = "Cover letter for a court filing"
    with pytest.raises(InvalidInput, match="signs the letter"):  # nobody is responsible
        practice.read(prepare_cover, store=practice.blobs, filing_id=filing_id,
                      template=template)
    ann = uuid.uuid4()
    practice.write(staff.add_staff, name="Ann Attorney", role="attorney", staff_id=ann)
    draft, text = practice.read(prepare_cover, store=practice.blobs, filing_id=filing_id,
                                template=template, sender_staff_id=ann)
    assert text.index("Motion") < text.index("Exhibit A")
    assert "Ann Attorney" in text
    assert "Clerk" in text and "{{" not in text
    assert practice.read(filings.get_filing, filing_id).cover_document_id is None  # not yet
    _c, document_id = practice.write(save_cover, store=practice.blobs, filing_id=filing_id,
                                     draft=draft)
    row = practice.read(filings.get_filing, filing_id)
    assert row.cover_document_id == document_id
    doc = practice.read(documents.get_document, document_id)
    assert doc.title == "Cover letter – Response"
    assert practice.blobs.read_bytes(doc.sha256) == draft.data
    log = practice.read(correspondence.list_for_case, ids["case"])
    assert [e.subject for e in log] == ["Cover letter – Response"]
