"""The letter dialog on a real practice: the preview filled on the worker, the usual
recipient, problems listed with "did you mean" and nothing saved, Save to case (a document and
a logged letter), Open, Save a copy… (whole or not at all); and opening it from a case's
header, Correspondence and Requests tabs and Edit ▸ Write letter…."""

from __future__ import annotations

import io
import stat
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog
from sqlmodel import col, select

from casedesk.domain.enums import CorrespondenceKind, Direction, DocumentCategory
from casedesk.domain.models import Blob, Document, LetterTemplate
from casedesk.persistence.practice import Practice
from casedesk.services import correspondence, document_requests, documents
from casedesk.ui import document_files
from casedesk.ui.db import Database
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.letter_choices import load_letter_choices
from casedesk.ui.dialogs.letter_dialog import LetterDialog
from tests.ui.dialog_fixtures import discard_at_teardown, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice  # noqa: F401
from tests.unit.letters_support import AWKWARD, TODAY, build_letter_practice, make_docx

Ids = dict[str, Any]
BROKEN = make_docx("{{ firm.name }}", "Re: {{ case.nmber }}", "Dear {{ recipient.salutaton }}:",
                   "{% if case.judge %}Judge {{ case.judge }}")


def build(practice: Practice) -> Ids:
    """The letters practice, plus a template of the firm's that passed an older, weaker
    check (stored around add_template, which would refuse it today)."""
    ids = build_letter_practice(practice)
    stored = practice.blobs.put_bytes(BROKEN)

    def add(session: Any) -> None:
        session.add(Blob(sha256=stored.sha256, size=stored.size))
        session.flush()
        session.add(LetterTemplate(id=uuid.uuid4(), name="Our old status letter",
                                   description="From the firm's old Word macro.",
                                   sha256=stored.sha256, file_name="old.docx"))

    practice.write(add)
    ids["store"] = practice.blobs
    return ids


def wait_for(qtbot: Any, db: Database, fn: Callable[..., Any], *args: Any) -> Any:
    box: list[Any] = []
    db.read(fn, *args, on_done=box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def case_documents(session: Any, case_id: uuid.UUID) -> list[Document]:
    return list(session.exec(select(Document).where(Document.case_id == case_id,
                                                    col(Document.deleted_at).is_(None))))


@pytest.fixture
def setup(open_practice: Any) -> tuple[Database, Ids]:  # noqa: F811
    db, ids = open_practice(build)
    return db, ids


def dialog_for(qtbot: Any, db: Database, ids: Ids, case: str = "case", template: str = "",
               **kw: Any) -> LetterDialog:
    choices = wait_for(qtbot, db, load_letter_choices, ids[case])
    dialog = show(qtbot, LetterDialog(None, db=db, choices=choices, store=ids["store"],
                                      template=template, today=TODAY, **kw))
    wait_filled(qtbot, dialog)
    return dialog


def wait_filled(qtbot: Any, dialog: LetterDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.loading and not dialog._timer.isActive(),
                    timeout=20_000)


def choose(qtbot: Any, dialog: LetterDialog, template: str) -> None:
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData(template))
    dialog.fill()  # at once rather than after the short pause a change waits for
    wait_filled(qtbot, dialog)


# -- choosing and previewing --------------------------------------------------------------------
def test_request_letter_is_previewed_for_the_client_signed_by_the_responsible_attorney(
        qtbot: Any, setup: Any) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids, template="request_for_documents.docx")
    assert dialog.template_combo.currentText() == "Request for documents"
    assert "documents the client still has to provide" in dialog.description.text()
    assert dialog.recipient_combo.currentText() == f"{AWKWARD} (Client)"
    assert dialog.recipient_hint.text() == "Usually written to the client."
    assert dialog.sender_combo.currentText() == "Alice Attorney (attorney)"
    assert dialog.case_label.text() == "2026-CV-0042 · Garcia v. Northshore Logistics, Inc."
    text = dialog.preview.toPlainText()
    assert "1 | Signed retainer | November 20, 2026 | November 25, 2026 (past due)" in text
    assert "Bank statements" not in text  # received already
    assert "November 27, 2026" in text and "{{" not in text and "{%" not in text
    assert dialog.draft is not None and dialog.preview.showing_letter
    assert dialog.title_edit.placeholderText() == f"Request for documents – {AWKWARD}"
    assert dialog.save_button.isEnabled() and dialog.copy_button.isEnabled()
    assert dialog.save_button.isDefault()
    # The practice's own templates are offered and marked; the filing cover letter is not.
    names = [dialog.template_combo.itemText(i) for i in range(dialog.template_combo.count())]
    assert "Our old status letter (the firm's)" in names
    assert "Cover letter for a court filing" not in names and len(names) == 6


def test_a_template_is_addressed_to_whom_it_is_usually_written(qtbot: Any,
                                                               setup: Any) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids)
    assert dialog.template_combo.currentText() == "Client status update"  # the default
    choose(qtbot, dialog, "Letter to opposing counsel")
    assert dialog.recipient_combo.currentText() == "Jo Lee, Lee & Park LLP (Opposing counsel)"
    assert dialog.recipient_hint.text() == "Usually written to the opposing counsel."
    assert "Dear Jo Lee" in dialog.preview.toPlainText()
    # Someone else chosen by hand: the letter follows.
    dialog.recipient_combo.setCurrentIndex(dialog.recipient_combo.findText(
        "Northshore Logistics, Inc. (Opposing party)"))
    qtbot.waitUntil(lambda: dialog.draft is not None
                    and dialog.draft.recipient == "Northshore Logistics, Inc.", timeout=20_000)
    assert dialog.draft.recipient_contact_id == ids["opponent"]


def test_signer_and_date_are_the_letters(qtbot: Any, setup: Any) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids)
    dialog.sender_combo.setCurrentIndex(dialog.sender_combo.findData(str(ids["bob"])))
    dialog.date_edit.setDate(QDate(2026, 12, 1))
    qtbot.waitUntil(lambda: dialog.draft is not None
                    and dialog.draft.on_date == date(2026, 12, 1), timeout=20_000)
    text = dialog.preview.toPlainText()
    assert "December 1, 2026" in text and "Bob Paralegal" in text
    assert "Alice Attorney" not in text
    assert dialog.draft.sender_staff_id == ids["bob"]


def test_a_template_with_problems_lists_each_with_did_you_mean_and_saves_nothing(
        qtbot: Any, setup: Any) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids)
    choose(qtbot, dialog, "Our old status letter")
    assert dialog.draft is None and not dialog.preview.showing_letter
    kinds = sorted(p.kind for p in dialog.preview.problems)
    assert kinds == ["syntax", "unknown", "unknown"]
    text = dialog.preview.toPlainText()
    assert "“Our old status letter” cannot be used: 3 problems" in text
    assert 'Unknown placeholder "case.nmber" (did you mean "case.number"?)' in text
    assert '(did you mean "recipient.salutation"?)' in text
    assert "Body, paragraph 2 (“Re: {{ case.nmber }}”)" in text
    # In the order they appear in the letter.
    assert text.index("paragraph 2") < text.index("paragraph 3") < text.index("paragraph 4")
    assert not dialog.save_button.isEnabled() and not dialog.copy_button.isEnabled()
    dialog.save_to_case()  # Enter, say: nothing happens
    assert wait_for(qtbot, db, case_documents, ids["case"]) == []


def test_a_case_without_parties_says_what_to_do(qtbot: Any, setup: Any) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids, case="bare_case")
    assert not dialog.recipient_combo.isEnabled()
    assert "has no parties yet" in dialog.recipient_hint.text()
    text = dialog.preview.toPlainText()
    assert "No letter could be made" in text and "has no client; choose the recipient" in text
    assert not dialog.save_button.isEnabled()


# -- saving -------------------------------------------------------------------------------------
def test_save_to_case_keeps_a_document_and_logs_an_outgoing_letter_then_opens_it(
        qtbot: Any, setup: Any, monkeypatch: Any, tmp_path: Path) -> None:
    db, ids = setup
    cache = tmp_path / "cache"
    dialog = dialog_for(qtbot, db, ids, template="Request for documents",
                        actor=lambda: ids["bob"], cache_root=lambda: cache)
    dialog.title_edit.setText("  Documents still needed,   November  ")
    expected = dialog.draft.data
    messages: list[str] = []
    dialog.status_message.connect(messages.append)
    with qtbot.waitSignal(db.changed, timeout=20_000) as changed, \
            qtbot.waitSignal(dialog.saved, timeout=20_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].documents and changed.args[0].correspondence
    document_id = saved.args[0]
    doc = wait_for(qtbot, db, documents.get_document, document_id)
    assert doc.title == "Documents still needed, November"
    assert doc.category is DocumentCategory.CORRESPONDENCE and doc.sent_on == TODAY
    assert doc.author == "Alice Attorney" and doc.file_name.endswith(".docx")
    body = "\n".join(p.text for p in WordDocument(io.BytesIO(expected)).paragraphs)
    assert "W-2 forms & 1099s" in "\n".join(
        c.text for t in WordDocument(io.BytesIO(expected)).tables for r in t.rows
        for c in r.cells) and "Dear Sir or Madam:" in body
    log = wait_for(qtbot, db, correspondence.list_for_case, ids["case"])
    assert len(log) == 1
    entry = log[0]
    assert (entry.kind, entry.direction) == (CorrespondenceKind.LETTER, Direction.OUTGOING)
    assert entry.subject == "Documents still needed, November"
    assert entry.contact_id == ids["client"] and entry.document_ids == (document_id,)
    where = "2026-CV-0042 (Documents and Correspondence)"
    assert messages[-1] == f"Saved the letter “Documents still needed, November” to {where}."
    assert dialog.outcome.text().startswith("Saved “Documents still needed, November”")
    assert dialog.open_button.isVisible()
    assert not dialog.save_button.isEnabled()  # once: a second click makes no second letter
    assert dialog.copy_button.isEnabled()

    opened: list[Path] = []
    def open_with_system(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(document_files, "open_with_system", open_with_system)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert opened[0].is_relative_to(cache) and opened[0].read_bytes() == expected
    assert not opened[0].stat().st_mode & stat.S_IWUSR  # a read-only copy
    # Another choice makes another letter that can be saved again.
    dialog.date_edit.setDate(QDate(2026, 12, 2))
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=20_000)


def test_a_failed_save_says_so_and_leaves_nothing(qtbot: Any, setup: Any,
                                                  monkeypatch: Any) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids)
    errors: list[str] = []
    monkeypatch.setattr(error_dialog, "show_error",
                        lambda parent, message, details="": errors.append(message))
    # The case is deleted at another desk between the preview and the save.
    done: list[Any] = []
    db.write(_soft_delete_case, case_id=ids["case"], on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    dialog.save_to_case()
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert errors[0].startswith("The letter was not saved.")
    assert dialog.save_button.isEnabled() and not dialog.open_button.isVisible()
    assert wait_for(qtbot, db, case_documents, ids["case"]) == []
    store = ids["store"]
    assert not store.path_for(dialog.draft.sha256).exists()  # the stored file went again


def _soft_delete_case(session: Any, *, case_id: uuid.UUID) -> None:
    from casedesk.domain.models import Case
    from casedesk.domain.types import utcnow

    session.get(Case, case_id).deleted_at = utcnow()


def test_save_a_copy_writes_the_word_file_and_nothing_to_the_case(
        qtbot: Any, setup: Any, monkeypatch: Any, tmp_path: Path) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids, template="Hearing notice to client")
    out = tmp_path / "out"
    out.mkdir()
    offered: list[str] = []

    def save_name(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(out / "hearing notice"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(dialog.status_message, timeout=20_000) as said:
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    target = out / "hearing notice.docx"  # the extension added
    assert said.args[0] == f"Saved a copy of the letter to {target}."
    assert Path(offered[0]).name == dialog.draft.file_name
    assert target.read_bytes() == dialog.draft.data
    word = WordDocument(str(target))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert any("Hearing on motion to dismiss" in c for c in cells)
    assert "Dear Sir or Madam:" in [p.text for p in word.paragraphs]
    assert sorted(p.name for p in out.iterdir()) == ["hearing notice.docx"]  # no temp left
    assert "not saved to the case" in dialog.outcome.text()
    assert wait_for(qtbot, db, case_documents, ids["case"]) == []
    assert wait_for(qtbot, db, correspondence.list_for_case, ids["case"]) == []


def test_a_copy_to_a_missing_folder_fails_plainly(qtbot: Any, setup: Any, monkeypatch: Any,
                                                  tmp_path: Path) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids)
    errors: list[str] = []
    monkeypatch.setattr(error_dialog, "show_error",
                        lambda parent, message, details="": errors.append(message))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "gone" / "letter.docx"), ""))
    dialog.save_copy()
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert errors[0].startswith("The copy was not saved.") and "does not exist" in errors[0]
    assert not (tmp_path / "gone").exists()


# -- opening it ---------------------------------------------------------------------------------
def test_opened_from_the_case_header_requests_and_correspondence_tabs_and_the_menu(
        qtbot: Any, app_and_ids: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    window.open_case(ids["case1"])
    detail = window.cases_pane.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == ids["case1"],
                    timeout=10_000)
    assert window.letter_action.isEnabled()
    assert window.letter_action.shortcut().toString() == "Ctrl+Shift+L"

    def opened(trigger: Callable[[], None]) -> LetterDialog:
        window.letters.dialog = None
        trigger()
        qtbot.waitUntil(lambda: window.letters.dialog is not None, timeout=10_000)
        dialog = window.letters.dialog
        assert dialog is not None and dialog.case.id == ids["case1"]
        wait_filled(qtbot, dialog)
        return dialog

    dialog = opened(lambda: qtbot.mouseClick(detail.letter_button,
                                             Qt.MouseButton.LeftButton))
    assert dialog.template_combo.currentText() == "Client status update"
    assert dialog.recipient_combo.currentText() == "John Smith (Client)"
    assert dialog.sender_combo.currentText() == "Alice Avery (attorney)"
    assert "Dear John Smith" in dialog.preview.toPlainText()
    dialog.close()
    dialog = opened(window.letter_action.trigger)
    dialog.close()
    dialog = opened(detail.correspondence_tab.letter_action.trigger)
    dialog.close()
    # The Requests tab's letter lists what the client still owes.
    window.db.write(document_requests.add_request, case_id=ids["case1"],
                    item="Shipping contract with Acme", due_on="2099-01-15")
    tab = detail.requests_tab
    qtbot.waitUntil(lambda: tab.letter_action.isEnabled(), timeout=10_000)
    dialog = opened(tab.letter_action.trigger)
    assert dialog.template_combo.currentText() == "Request for documents"
    assert "Shipping contract with Acme" in dialog.preview.toPlainText()
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    with qtbot.waitSignal(window.db.changed, timeout=20_000):
        dialog.save_to_case()
    qtbot.waitUntil(lambda: any("Saved the letter" in m for m in messages), timeout=10_000)
    assert "2026-CV-0001 (Documents and Correspondence)" in messages[-1]
    correspondence_tab = detail.correspondence_tab
    qtbot.waitUntil(lambda: correspondence_tab.model.rowCount() == 1, timeout=10_000)


def test_the_preview_follows_changes_made_meanwhile(qtbot: Any, setup: Any) -> None:
    db, ids = setup
    dialog = dialog_for(qtbot, db, ids, template="Request for documents")
    assert "Photos of the warehouse" not in dialog.preview.toPlainText()
    db.write(document_requests.add_request, case_id=ids["case"], item="Photos of the warehouse",
             requested_on="2026-11-26", due_on="2026-12-10")
    qtbot.waitUntil(lambda: "Photos of the warehouse" in dialog.preview.toPlainText(),
                    timeout=20_000)
    assert "December 10, 2026" in dialog.preview.toPlainText()
