"""Ctrl+K over the full-text index, and the indexer that keeps it caught up in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from casedesk.persistence.practice import Practice
from casedesk.services import documents
from casedesk.services.global_search import GlobalHit
from casedesk.services.search_query import HL_END, HL_START
from casedesk.ui.search_box import hit_html, snippet_html


def _add_text_document(app: Any, case_id: Any, folder: Path, name: str, text: str) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    with Practice(app.db.location) as practice:
        (doc_id,) = documents.add_files(practice.write, practice.read, practice.blobs,
                                        case_id=case_id, paths=[path])
    return doc_id


def test_snippets_are_escaped_with_the_matches_in_bold() -> None:
    snippet = f"Smith & <Acme> agreed to {HL_START}indemnify{HL_END} the\nbuyer"
    assert snippet_html(snippet) == (
        "Smith &amp; &lt;Acme&gt; agreed to <b>indemnify</b> the buyer")
    long = f"{HL_START}{'x' * 400}{HL_END}"
    cut = snippet_html(long)
    assert cut.endswith("…</b>") and cut.count("<b>") == cut.count("</b>") == 1
    hit = GlobalHit("document", __import__("uuid").uuid4(), None, "Brief <draft>", "2026-CV-1",
                    snippet)
    rendered = hit_html(hit, "#777777")
    assert "Brief &lt;draft&gt;" in rendered and "— Document · 2026-CV-1" in rendered
    assert "<b>indemnify</b>" in rendered


def test_documents_added_elsewhere_are_indexed_and_found_from_ctrl_k(
        qtbot: Any, app_and_ids: Any, tmp_path: Path) -> None:
    app, ids = app_and_ids
    window = app.window
    doc_id = _add_text_document(app, ids["case1"], tmp_path / "in", "settlement-memo.txt",
                                "Memo: the carrier will indemnify Acme for the warehouse loss.")
    app.indexer.schedule(0)  # what start-up does, two seconds after the first paint
    qtbot.waitUntil(lambda: app.indexer.idle, timeout=20_000)
    box = window.search_box
    qtbot.keyClicks(box, "indemnify warehouse")
    qtbot.waitUntil(lambda: doc_id in box.hit_ids(), timeout=10_000)
    hit = next(h for h in box.hits() if h.id == doc_id)
    assert hit.kind == "document" and hit.case_id == ids["case1"]
    assert f"{HL_START}indemnify{HL_END}" in hit.snippet
    qtbot.keyClick(box, Qt.Key.Key_Return)
    detail = window.cases_pane.detail
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0 and detail.detail is not None
                    and detail.detail.id == ids["case1"], timeout=10_000)
    tab = detail.documents_tab
    qtbot.waitUntil(lambda: detail.current_section() is tab
                    and tab.current_row() is not None and tab.current_row().id == doc_id,
                    timeout=10_000)


def test_a_note_saved_in_the_window_is_searchable_without_waiting_on_the_window(
        qtbot: Any, app_and_ids: Any) -> None:
    from casedesk.services import notes

    app, ids = app_and_ids
    with qtbot.waitSignal(app.indexer.finished, timeout=20_000):
        app.db.write(notes.add_note, case_id=ids["case2"],
                     text="Client called about the Zanzibar shipment invoice.")
    box = app.window.search_box
    qtbot.keyClicks(box, "zanzibar")
    qtbot.waitUntil(lambda: any(h.kind == "note" for h in box.hits()), timeout=10_000)
    note = next(h for h in box.hits() if h.kind == "note")
    assert note.case_id == ids["case2"] and "Zanzibar" in note.title
    qtbot.keyClick(box, Qt.Key.Key_Return)
    detail = app.window.cases_pane.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == ids["case2"]
                    and detail.current_section() is detail.notes_page, timeout=10_000)


def test_the_indexer_stops_cleanly_and_ignores_changes_after(qtbot: Any,
                                                             app_and_ids: Any) -> None:
    app, _ids = app_and_ids
    assert app.indexer.shutdown()
    app.indexer.schedule(0)
    qtbot.wait(50)
    assert app.indexer.idle
