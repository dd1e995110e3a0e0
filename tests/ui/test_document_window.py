"""Documents in the real main window: the pane knows who is at the desk, Ctrl+O and Ctrl+N add,
"Open case" goes to the case, and every case has a Documents tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from casedesk.domain.enums import DocumentCategory
from casedesk.persistence.practice import Practice
from casedesk.services import documents
from casedesk.ui.dialogs.document_add_dialog import AddDocumentsDialog


def add_answer(case_id: Any, label: str) -> AddDocumentsDialog.Answer:
    return AddDocumentsDialog.Answer(case_id=case_id, case_label=label, title="Retainer",
                                     category=DocumentCategory.CONTRACT, tags=(),
                                     privileged=False, confidential=False)


def test_documents_pane_adds_as_the_desk_s_user_and_opens_the_case(
        qtbot: Any, app_and_ids: Any, tmp_path: Path, monkeypatch: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    window.show_pane(2)
    pane = window.documents_pane
    qtbot.waitUntil(lambda: pane.model.loaded and pane.list_stack.currentWidget() is pane.empty)
    source = tmp_path / "retainer.pdf"
    source.write_bytes(b"%PDF retainer")
    chosen: list[str] = []

    def choose(*_a: Any, **_k: Any) -> tuple[list[str], str]:
        chosen.append("asked")
        return [str(source)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(
        lambda cls, parent, **kw: add_answer(ids["case2"], "2026-CV-0002 · Garcia")))
    pane.filter_edit.setFocus()
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert chosen == ["asked"]
    qtbot.waitUntil(lambda: pane.detail.document is not None, timeout=10_000)
    doc = pane.detail.document
    assert doc.title == "Retainer" and doc.versions[0].added_by == "Alice Avery"
    assert window.statusBar().currentMessage() == "Added 1 document to 2026-CV-0002."
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # new, here
    assert chosen == ["asked", "asked"]
    qtbot.mouseClick(pane.detail.open_case_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentIndex() == 0
    qtbot.waitUntil(lambda: window.cases_pane.detail.detail is not None
                    and window.cases_pane.detail.detail.id == ids["case2"], timeout=10_000)


def test_a_case_s_documents_tab_lists_and_adds_its_own(qtbot: Any, app_and_ids: Any,
                                                       tmp_path: Path, monkeypatch: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    detail = window.cases_pane.detail
    window.cases_pane.select_case(ids["case1"])
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == ids["case1"],
                    timeout=10_000)
    names = [detail.tabs.tabText(i).split(" (")[0] for i in range(detail.tabs.count())]
    assert names[:4] == ["Overview", "Parties", "Calendar", "Documents"]
    detail.show_section(detail.documents_tab)
    tab = detail.documents_tab
    qtbot.waitUntil(lambda: tab.model.loaded and tab.list_stack.currentWidget() is tab.empty)
    assert tab.empty.headline.text() == "No documents in this case yet."
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8 photo")
    asked: list[dict[str, Any]] = []
    monkeypatch.setattr(AddDocumentsDialog, "ask", classmethod(
        lambda cls, parent, **kw: asked.append(kw) or add_answer(ids["case1"], kw["case"][1])))
    tab.add_paths([source])
    assert asked[0]["case"] == (ids["case1"], "2026-CV-0001 · Smith v. Acme Logistics")
    assert asked[0]["case_fixed"] is True
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    doc_id = tab.model.row_at(0).id
    with Practice(app.db.location) as practice:
        saved = practice.read(documents.get_document, doc_id)
    assert saved.case_id == ids["case1"] and saved.versions[0].added_by == "Alice Avery"
