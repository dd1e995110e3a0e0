"""Adding documents from the GUI: the file dialog, drag and drop onto the pane and a case's tab,
new versions, and a failed add that leaves nothing behind."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from casedesk.domain.enums import DocumentCategory
from casedesk.services import documents
from casedesk.ui.dialogs import document_version_dialog, error_dialog
from casedesk.ui.dialogs.document_add_dialog import AddDocumentsDialog
from casedesk.ui.dialogs.document_version_dialog import VersionDialog
from casedesk.ui.widgets.documents_browser import DocumentsBrowser
from tests.ui.document_fixtures import (
    drop_files,
    pane_and_ids,
    read,
    row_point,
    select,
    stored_files,
    titles,
)
from tests.ui.pane_fixtures import open_practice, settings, show_in_host

# pytest finds these fixtures by name in this module
FIXTURES = (pane_and_ids, open_practice, settings)


def files(tmp_path: Path, **contents: bytes) -> list[Path]:
    folder = tmp_path / "incoming"
    folder.mkdir(exist_ok=True)
    paths = []
    for name, data in contents.items():
        path = folder / name.replace("__", ".")
        path.write_bytes(data)
        paths.append(path)
    return paths


def answer(case_id: uuid.UUID, label: str = "2026-CV-0107 · Estate of Brown", *,
           title: str = "", category: DocumentCategory = DocumentCategory.EVIDENCE,
           privileged: bool = False) -> AddDocumentsDialog.Answer:
    return AddDocumentsDialog.Answer(case_id=case_id, case_label=label, title=title,
                                     category=category, tags=("from client",),
                                     privileged=privileged, confidential=True)


def test_ctrl_o_adds_chosen_files_to_the_chosen_case(qtbot: Any, pane_and_ids: Any,
                                                     tmp_path: Path, monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    paths = files(tmp_path, photo__jpg=b"\xff\xd8 photo", invoice__pdf=b"%PDF invoice")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(p) for p in paths], ""))
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> AddDocumentsDialog.Answer:
        asked.append(kwargs)
        return answer(ids["c2"], privileged=True)

    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(ask))
    busy: list[str] = []
    pane.doc_actions.busy_changed.connect(busy.append)
    with qtbot.waitSignal(pane._db.changed, timeout=10_000) as changed:
        pane.add_action.trigger()
    assert changed.args[0].documents
    assert [f.path for f in asked[0]["files"]] == paths  # one question for the batch
    assert asked[0]["case"] is None and asked[0]["case_fixed"] is False
    qtbot.waitUntil(lambda: pane.model.rowCount() == 6)
    assert busy == ["Adding 2 files to 2026-CV-0107…", ""]
    assert not pane.busy_bar.isVisibleTo(pane)
    qtbot.waitUntil(lambda: pane.detail.document is not None
                    and pane.detail.document.title in ("photo", "invoice"))
    new_id = pane.detail.document.id
    doc = read(pane, documents.get_document, new_id)
    assert (doc.case_number, doc.category, doc.privileged, doc.confidential, doc.tags) == (
        "2026-CV-0107", DocumentCategory.EVIDENCE, True, True, ("from client",))
    assert doc.versions[0].added_by == ""  # no desk user in this pane (no lookups)
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    assert digests <= stored_files(pane)
    assert all(p.exists() for p in paths)  # the originals are left where they were


def test_files_dropped_on_the_list_are_added(qtbot: Any, pane_and_ids: Any, tmp_path: Path,
                                            monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    paths = files(tmp_path, a__txt=b"first", b__txt=b"second", c__txt=b"third")
    asked: list[Any] = []
    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(
        lambda cls, parent, **kw: asked.append(kw) or answer(ids["c1"], "2026-CV-0142 · x")))
    blank = QPoint(pane.view.width() // 2, pane.view.height() - 20)  # below the rows
    event = drop_files(pane, paths, pane.view.viewport().mapTo(pane, blank))
    assert event.isAccepted()
    assert len(asked[0]["files"]) == 3
    qtbot.waitUntil(lambda: pane.model.rowCount() == 7, timeout=10_000)
    assert {"a", "b", "c"} <= set(titles(pane))


def test_one_file_dropped_on_a_document_can_become_its_new_version(
        qtbot: Any, pane_and_ids: Any, tmp_path: Path, monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    (path,) = files(tmp_path, signed__docx=b"PK signed engagement letter")
    letter_row = titles(pane).index("Engagement letter")
    monkeypatch.setattr(document_version_dialog, "ask_version_or_new",
                        lambda parent, **kw: document_version_dialog.VERSION)
    notes: list[Any] = []
    monkeypatch.setattr(VersionDialog, "ask", classmethod(
        lambda cls, parent, **kw: notes.append(kw) or VersionDialog.Answer(note="Signed")))
    with qtbot.waitSignal(pane._db.changed, timeout=10_000):
        drop_files(pane, [path], row_point(pane, letter_row))
    assert notes[0]["title"] == "Engagement letter" and notes[0]["current_version"] == 1
    qtbot.waitUntil(lambda: pane.detail.document is not None
                    and pane.detail.document.id == ids["letter"]
                    and len(pane.detail.document.versions) == 2)
    assert [(v.number, v.file_name, v.note) for v in pane.detail.version_model.rows] == [
        (2, "signed.docx", "Signed"), (1, "engagement.docx", "")]
    assert pane.model.rowCount() == 4  # no new document


def test_or_a_new_document_when_the_user_says_so(qtbot: Any, pane_and_ids: Any,
                                                 tmp_path: Path, monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    (path,) = files(tmp_path, reply__pdf=b"%PDF reply")
    monkeypatch.setattr(document_version_dialog, "ask_version_or_new",
                        lambda parent, **kw: document_version_dialog.NEW_DOCUMENT)
    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(
        lambda cls, parent, **kw: answer(ids["c1"], "2026-CV-0142 · Smith v. Acme")))
    drop_files(pane, [path], row_point(pane, 0))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 5, timeout=10_000)
    assert "reply" in titles(pane)


def test_cancelling_the_question_adds_nothing(qtbot: Any, pane_and_ids: Any, tmp_path: Path,
                                              monkeypatch: Any) -> None:
    pane, _ids = pane_and_ids
    (path,) = files(tmp_path, x__pdf=b"x")
    monkeypatch.setattr(document_version_dialog, "ask_version_or_new", lambda parent, **kw: None)
    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(lambda *a, **k: None))
    before = stored_files(pane)
    drop_files(pane, [path], row_point(pane, 0))
    qtbot.wait(200)
    assert pane._db.idle and pane.model.rowCount() == 4 and stored_files(pane) == before


def test_a_folder_is_refused_with_a_message(qtbot: Any, pane_and_ids: Any, tmp_path: Path,
                                            monkeypatch: Any) -> None:
    pane, _ids = pane_and_ids
    folder = tmp_path / "Discovery"
    folder.mkdir()
    errors: list[str] = []
    monkeypatch.setattr(error_dialog, "show_error", lambda _p, message, _d="", **k:
                        errors.append(message))
    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(lambda *a, **k: None))
    drop_files(pane, [folder], QPoint(10, 10))
    assert errors == ["Only files can be added; Discovery is not a file (a folder, or not on "
                      "this computer)."]


def test_a_failed_add_leaves_no_file_and_no_document(qtbot: Any, pane_and_ids: Any,
                                                     tmp_path: Path, monkeypatch: Any) -> None:
    pane, _ids = pane_and_ids
    paths = files(tmp_path, new__txt=b"brand new bytes", same__pdf=b"order")  # "order" is kept
    before = stored_files(pane)
    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(
        lambda cls, parent, **kw: answer(uuid.uuid4(), "2099-XX-0001 · Gone")))
    errors: list[str] = []
    monkeypatch.setattr(error_dialog, "show_error", lambda _p, message, _d="", **k:
                        errors.append(message))
    pane.add_paths(paths)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    qtbot.waitUntil(lambda: pane._db.idle)
    assert errors[0].startswith("Nothing was added. ")
    assert "case" in errors[0]
    assert stored_files(pane) == before  # the new file came out again; the shared one stays
    assert pane.model.rowCount() == 4 and not pane.doc_actions.busy
    assert pane.add_action.isEnabled()


def test_adding_from_a_case_tab_files_into_that_case(qtbot: Any, open_practice: Any,
                                                     tmp_path: Path, monkeypatch: Any) -> None:
    from tests.ui.document_fixtures import build

    db, ids = open_practice(build)
    tab = DocumentsBrowser(db, None, case_scope=True)
    host = show_in_host(qtbot, tab, 700, 600)
    tab.show_case(ids["c2"], "2026-CV-0107 · Estate of Brown")
    qtbot.waitUntil(lambda: tab.model.loaded and tab.model.rowCount() == 2)
    assert tab.count_label.text() == "2 documents in this case"
    assert tab.view.isColumnHidden(1)  # no Case column in a case's own list
    (path,) = files(tmp_path, will__pdf=b"%PDF last will")
    asked: list[Any] = []
    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(
        lambda cls, parent, **kw: asked.append(kw) or answer(ids["c2"])))
    # Onto the empty part of the list, below its rows (the bottom of the tab may be the
    # detail of the document the list selected, where a drop adds a new version instead).
    viewport = tab.view.viewport()
    drop_files(tab, [path], viewport.mapTo(tab, QPoint(5, viewport.height() - 5)))
    assert asked[0]["case"] == (ids["c2"], "2026-CV-0107 · Estate of Brown")
    assert asked[0]["case_fixed"] is True
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=10_000)
    tab.show_case(ids["c1"], "2026-CV-0142 · Smith v. Acme")
    qtbot.waitUntil(lambda: tab.model.filter.case_id == ids["c1"]
                    and tab.model.rowCount() == 2 and "will" not in titles(tab))
    host.close()


def test_hovering_files_say_what_a_drop_would_do(qtbot: Any, pane_and_ids: Any,
                                                 tmp_path: Path) -> None:
    pane, _ids = pane_and_ids
    paths = files(tmp_path, one__pdf=b"1", two__pdf=b"2")
    mime = QMimeData()

    def enter(at: QPoint, count: int) -> QDragEnterEvent:
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths[:count]])
        event = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pane, event)
        return event

    assert enter(row_point(pane, titles(pane).index("Research memo")), 1).isAccepted()
    assert pane.busy_label.text() == "Drop: a new version of “Research memo”, or a new document"
    assert pane.busy_label.isVisibleTo(pane)
    enter(row_point(pane, 0), 2)
    assert pane.busy_label.text() == "Drop to add 2 files"
    QApplication.sendEvent(pane, QEvent(QEvent.Type.DragLeave))
    assert not pane.busy_label.isVisibleTo(pane)
    mime.setUrls([QUrl("https://example.com/a.pdf")])  # nothing local: refused
    web = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pane, web)
    assert not web.isAccepted()


def test_a_version_of_a_document_changed_meanwhile_is_refused_cleanly(
        qtbot: Any, pane_and_ids: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from casedesk.persistence.practice import Practice
    from casedesk.services.documents import DocumentMeta

    pane, ids = pane_and_ids
    select(qtbot, pane, ids["order"])
    stale = pane.current_row()
    with Practice(pane._db.location) as other_desk:  # someone renames it meanwhile
        other_desk.write(documents.edit_document, document_id=ids["order"],
                         meta=DocumentMeta(title="Amended scheduling order", category="order"))
    (path,) = files(tmp_path, order_v2__pdf=b"%PDF amended order, never seen before")
    before = stored_files(pane)
    monkeypatch.setattr(VersionDialog, "ask", classmethod(
        lambda cls, parent, **kw: VersionDialog.Answer(note="")))
    errors: list[str] = []
    monkeypatch.setattr(error_dialog, "show_error", lambda _p, message, _d="", **k:
                        errors.append(message))
    pane.doc_actions.new_version(stale, path)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    qtbot.waitUntil(lambda: pane._db.idle)
    assert errors[0].startswith("Nothing was added. ")
    assert stored_files(pane) == before
    doc = read(pane, documents.get_document, ids["order"])
    assert [v.number for v in doc.versions] == [1]
