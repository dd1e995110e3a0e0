"""The document dialogs (answered in tests, never left modal) and the edits and deletes they
lead to."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from casedesk.domain.enums import DocumentCategory
from casedesk.domain.errors import NotFound
from casedesk.services import documents
from casedesk.services.documents import DocumentMeta
from casedesk.ui.dialogs import document_version_dialog
from casedesk.ui.dialogs.document_add_dialog import AddDocumentsDialog, FileInfo
from casedesk.ui.dialogs.document_dialog import DocumentDialog, split_tags
from casedesk.ui.dialogs.document_version_dialog import VersionDialog
from casedesk.ui.widgets import documents_actions
from tests.ui.document_fixtures import pane_and_ids, read, select
from tests.ui.pane_fixtures import open_practice, settings

# pytest finds these fixtures by name in this module
FIXTURES = (pane_and_ids, open_practice, settings)


def detail_row(qtbot: Any, pane: Any, doc_id: uuid.UUID) -> Any:
    select(qtbot, pane, doc_id)
    return pane.detail.document


def test_edit_dialog_starts_from_the_document_and_answers_its_meta(
        qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    doc = detail_row(qtbot, pane, ids["letter"])
    dialog = DocumentDialog(None, document=doc)
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == "Engagement letter"
    assert dialog.flags.privileged.isChecked() and dialog.flags.confidential.isChecked()
    assert dialog.author_edit.text() == "Alice Attorney"
    assert dialog.date_edit.value() is None
    dialog.title_edit.setText("  Engagement letter (signed) ")
    dialog.tags_edit.setText("engagement; signed, , Signed")
    dialog.flags.confidential.setChecked(False)
    dialog.received_edit.set_value(date(2026, 3, 4))
    assert dialog.validate() == "" and dialog.save_button.isEnabled()
    result = dialog.answer()
    assert (result.document_id, result.expected_version) == (doc.id, doc.version)
    assert result.meta == DocumentMeta(
        title="Engagement letter (signed)", category=DocumentCategory.CONTRACT,
        tags=("engagement", "signed", "Signed"), privileged=True, confidential=False,
        author="Alice Attorney", document_date=None, received_on=date(2026, 3, 4),
        sent_on=None, source="")
    dialog.title_edit.clear()
    assert dialog.validate() == "Title is required" and not dialog.save_button.isEnabled()
    dialog.title_edit.setText("ok")
    dialog.tags_edit.setText("x" * 61)
    assert "longer than 60" in dialog.validate()


def test_editing_saves_and_the_detail_shows_it(qtbot: Any, pane_and_ids: Any,
                                               monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    doc = detail_row(qtbot, pane, ids["memo"])
    meta = DocumentMeta(title="Memo on jurisdiction", category=DocumentCategory.NOTE,
                        tags=("research",), privileged=True, author="A. Attorney",
                        document_date=date(2026, 2, 27), source="internal")
    monkeypatch.setattr(DocumentDialog, "ask", classmethod(
        lambda cls, parent, document: DocumentDialog.Answer(document.id, document.version,
                                                            meta)))
    with qtbot.waitSignal(pane._db.changed, timeout=10_000):
        pane.edit_action.trigger()  # F2 in the window
    qtbot.waitUntil(lambda: pane.detail.document is not None
                    and pane.detail.document.title == "Memo on jurisdiction")
    assert pane.detail.fields["source"].text() == "internal"
    assert pane.detail.fields["tags"].text() == "research"
    saved = read(pane, documents.get_document, ids["memo"])
    assert (saved.author, saved.document_date, saved.version) == (
        "A. Attorney", date(2026, 2, 27), doc.version + 1)
    qtbot.waitUntil(lambda: "Memo on jurisdiction" in
                    [pane.model.index(r, 0).data() for r in range(pane.model.rowCount())])


def test_delete_asks_naming_the_document_then_removes_it(qtbot: Any, pane_and_ids: Any,
                                                        monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    select(qtbot, pane, ids["order"])
    asked: list[tuple[str, ...]] = []
    answers = iter([False, True])
    monkeypatch.setattr(documents_actions, "confirm",
                        lambda _p, title, text, info, action:
                        asked.append((title, text, info, action)) or next(answers))
    pane.view.setFocus()
    QTest.keyClick(pane.view, Qt.Key.Key_Delete)  # Del in the list
    assert asked[0] == ("Delete document", "Delete “Scheduling order” from 2026-CV-0107?",
                        "Its file and history are kept; an administrator can restore it.",
                        "Delete")
    assert pane._db.idle and pane.model.rowCount() == 4  # "Cancel" changed nothing
    with qtbot.waitSignal(pane._db.changed, timeout=10_000):
        pane.delete_action.trigger()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3)
    assert pane.model.row_of(ids["order"]) < 0
    try:
        read(pane, documents.get_document, ids["order"])
    except NotFound:
        pass
    else:
        raise AssertionError("the deleted document is still live")


def test_add_dialog_for_one_file_asks_its_title_and_case(qtbot: Any, tmp_path: Path) -> None:
    file = FileInfo(tmp_path / "Reply_brief final.pdf", 2048)
    dialog = AddDocumentsDialog(None, files=[file], case=None, case_fixed=False,
                                search_cases=None)
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == "Reply brief final"
    assert dialog.validate() == "Choose the case the documents belong to"
    dialog.case_picker.setText("2026-CV")  # typed, not chosen
    assert dialog.validate() == "Choose the case from the list"
    case_id = uuid.uuid4()
    dialog.case_picker.set_case(case_id, "2026-CV-0142 · Smith v. Acme")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("pleading"))
    dialog.flags.privileged.setChecked(True)
    dialog.tags_edit.setText("brief, final")
    assert dialog.validate() == ""
    assert dialog.answer() == AddDocumentsDialog.Answer(
        case_id=case_id, case_label="2026-CV-0142 · Smith v. Acme", title="Reply brief final",
        category=DocumentCategory.PLEADING, tags=("brief", "final"), privileged=True,
        confidential=False)


def test_add_dialog_for_a_batch_in_a_case_asks_no_title(qtbot: Any, tmp_path: Path) -> None:
    batch = [FileInfo(tmp_path / f"exhibit {i}.pdf", 1000) for i in range(8)]
    case_id = uuid.uuid4()
    dialog = AddDocumentsDialog(None, files=batch, case=(case_id, "2026-CV-0142 · Smith"),
                                case_fixed=True, search_cases=None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Add 8 documents to 2026-CV-0142 · Smith"
    assert dialog.case_picker.isReadOnly()
    assert dialog.files_label.text().splitlines()[-1] == "and 2 more"
    assert dialog.validate() == ""
    assert dialog.answer().title == "" and dialog.answer().case_id == case_id


def test_version_dialog_answers_its_note(qtbot: Any, tmp_path: Path) -> None:
    dialog = VersionDialog(None, title="Complaint", current_version=2,
                           path=tmp_path / "complaint v3.pdf")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New version of “Complaint”"
    dialog.note_edit.setText("  conformed copy ")
    assert dialog.answer() == VersionDialog.Answer(note="conformed copy")


def test_version_or_new_question_maps_its_buttons(qtbot: Any) -> None:
    def click(text: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert box.text() == "Add “signed.pdf” as a new version of “Complaint”?"
        button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
        button.click()

    for text, expected in (("New version", document_version_dialog.VERSION),
                           ("New document", document_version_dialog.NEW_DOCUMENT),
                           ("Cancel", None)):
        QTimer.singleShot(0, lambda t=text: click(t))
        assert document_version_dialog.ask_version_or_new(
            None, title="Complaint", file_name="signed.pdf") == expected


def test_split_tags_trims_and_drops_empty_ones() -> None:
    assert split_tags(" a ,b;;  c  d ,") == ["a", "b", "c d"]
