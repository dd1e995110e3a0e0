"""The Documents pane on a real practice: the firm-wide list, its filters and sort, the detail
with metadata and versions, the empty states, keyboard and saved layout."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from casedesk.domain.enums import DocumentCategory
from casedesk.services import document_list
from casedesk.ui import format as fmt
from casedesk.ui.models.document_table_model import COLUMN_KEYS
from casedesk.ui.panes.documents_pane import DOCUMENTS_HEADER, DocumentsPane
from casedesk.ui.settings import DOCUMENTS_SPLITTER, Settings
from tests.ui.document_fixtures import (
    Ids,
    make_pane,
    pane_and_ids,
    select,
    titles,
)
from tests.ui.pane_fixtures import open_practice, settings

# pytest finds these fixtures by name in this module
FIXTURES = (pane_and_ids, open_practice, settings)


def cells(pane: DocumentsPane, row: int) -> dict[str, str]:
    return {key: pane.model.index(row, c).data() for c, key in enumerate(COLUMN_KEYS)}


def test_lists_every_live_document_newest_first(pane_and_ids: tuple[DocumentsPane, Ids]
                                                ) -> None:
    pane, ids = pane_and_ids
    # The complaint got its second version last, so it was updated last.
    assert titles(pane) == ["Complaint", "Scheduling order", "Research memo",
                            "Engagement letter"]
    letter = cells(pane, 3)
    assert letter["case"] == "2026-CV-0142"
    assert letter["category"] == "Contract"
    assert letter["flags"] == "Privileged · Confidential"  # a word, not only an icon
    assert letter["version"] == "1"
    assert cells(pane, 0)["version"] == "2"
    assert cells(pane, 1)["date"] == fmt.day(date(2026, 5, 1))
    assert pane.model.index(3, COLUMN_KEYS.index("flags")).data(
        Qt.ItemDataRole.DecorationRole) is not None
    assert pane.count_label.text() == "4 documents"
    shown = [str(v) for r in range(4) for v in cells(pane, r).values()]
    assert not any(str(i) in text or i.hex in text for text in shown for i in ids.values())


def test_selection_shows_metadata_and_every_version(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    select(qtbot, pane, ids["complaint"])
    detail = pane.detail
    assert detail.title_label.text() == "Complaint"
    assert detail.case_label.text() == "2026-CV-0142 · Smith v. Acme"
    assert detail.fields["category"].text() == "Pleading"
    assert detail.fields["tags"].text() == "filed"
    assert detail.fields["document_date"].text() == fmt.day(date(2026, 3, 1))
    assert detail.fields["file"].text().startswith("Complaint (amended).pdf · ")
    versions = detail.version_model
    assert [(v.number, v.file_name, v.added_by, v.note) for v in versions.rows] == [
        (2, "Complaint (amended).pdf", "Alice Attorney", "Amended after meet and confer"),
        (1, "Complaint.pdf", "Alice Attorney", "")]
    assert [versions.index(r, 1).data() for r in range(2)] == ["Complaint (amended).pdf",
                                                               "Complaint.pdf"]
    assert detail.versions_label.text() == "Versions (2)"
    assert not detail.privileged_flag.isVisibleTo(detail)
    select(qtbot, pane, ids["letter"])
    assert detail.privileged_flag.isVisibleTo(detail)
    assert detail.confidential_flag.isVisibleTo(detail)
    assert detail.fields["author"].text() == "Alice Attorney"
    assert pane.edit_action.isEnabled() and pane.delete_action.isEnabled()


def test_filters_run_in_sql(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    bar = pane.filter_bar
    bar.filter_edit.setText("engagement")  # a file name word
    qtbot.waitUntil(lambda: titles(pane) == ["Engagement letter"])
    assert pane.count_label.text() == "1 matching document"
    bar.filter_edit.setText("filed")  # a tag
    qtbot.waitUntil(lambda: titles(pane) == ["Complaint"])
    bar.filter_edit.clear()
    bar.category_combo.setCurrentIndex(bar.category_combo.findData("note"))
    qtbot.waitUntil(lambda: titles(pane) == ["Research memo"])
    bar.category_combo.setCurrentIndex(0)
    bar.flag_combo.setCurrentIndex(bar.flag_combo.findData(document_list.PRIVILEGED))
    qtbot.waitUntil(lambda: titles(pane) == ["Research memo", "Engagement letter"])
    bar.flag_combo.setCurrentIndex(bar.flag_combo.findData(document_list.CONFIDENTIAL))
    qtbot.waitUntil(lambda: titles(pane) == ["Engagement letter"])
    bar.flag_combo.setCurrentIndex(0)
    bar.case_filter.set_case(ids["c2"], "2026-CV-0107 · Estate of Brown")
    qtbot.waitUntil(lambda: titles(pane) == ["Scheduling order", "Research memo"])
    assert pane.model.filter.case_id == ids["c2"]


def test_filter_finds_words_inside_indexed_documents(qtbot: Any, pane_and_ids: Any) -> None:
    """Ctrl+F in the Documents pane reads the full-text index too: "jurisdiction" is only in
    the research memo's text, found once the index has caught up."""
    from casedesk.persistence.practice import Practice
    from casedesk.services import search_index

    pane, _ids = pane_and_ids
    assert "words inside" in pane.filter_edit.placeholderText()
    pane.filter_edit.setText("jurisdiction")
    qtbot.waitUntil(lambda: pane.list_stack.currentWidget() is pane.empty)  # not indexed yet
    with Practice(pane._db.location) as practice:
        report = search_index.index_pending(practice.engine, practice.blobs, workers=0)
    assert report.by_kind.get("document") == 4
    pane.filter_edit.clear()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 4)
    pane.filter_edit.setFocus()
    qtbot.keyClicks(pane.filter_edit, "Jurisdiction")
    qtbot.waitUntil(lambda: titles(pane) == ["Research memo"])
    assert pane.count_label.text() == "1 matching document"
    pane.filter_edit.setText('"personal jurisdiction" -memo')  # the title word is excluded
    qtbot.waitUntil(lambda: pane.list_stack.currentWidget() is pane.empty)
    pane.filter_edit.setText("jur")  # too short to be a prefix, and in no title
    qtbot.waitUntil(lambda: pane.list_stack.currentWidget() is pane.empty)
    pane.filter_edit.setText("juris")  # the last word as it is being typed: a prefix
    qtbot.waitUntil(lambda: titles(pane) == ["Research memo"])


def test_no_match_offers_to_clear_the_filter(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    pane.filter_edit.setText("deposition")
    qtbot.waitUntil(lambda: pane.list_stack.currentWidget() is pane.empty)
    assert pane.empty.headline.text() == "No documents match the filter."
    assert pane.empty_clear.isVisibleTo(pane) and not pane.empty_add.isVisibleTo(pane)
    qtbot.mouseClick(pane.empty_clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 4)
    assert pane.filter_edit.text() == "" and pane.list_stack.currentWidget() is pane.view


def test_header_click_sorts_in_sql(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    header = pane.view.horizontalHeader()
    header.setSortIndicator(COLUMN_KEYS.index("title"), Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: titles(pane) == ["Complaint", "Engagement letter",
                                             "Research memo", "Scheduling order"])
    assert (pane.model.filter.sort, pane.model.filter.descending) == ("title", False)
    header.setSortIndicator(COLUMN_KEYS.index("case"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: [cells(pane, r)["case"] for r in range(4)] == [
        "2026-CV-0142", "2026-CV-0142", "2026-CV-0107", "2026-CV-0107"])


def test_empty_practice_tells_how_to_add_the_first_document(
        qtbot: Any, open_practice: Any, settings: Settings, tmp_path: Any) -> None:
    from casedesk.services import cases

    db, _ = open_practice(lambda p: p.write(cases.create_case, number="1", title="T"))
    pane, host = make_pane(qtbot, db, settings, tmp_path / "cache")
    qtbot.waitUntil(lambda: pane.model.loaded and pane.list_stack.currentWidget() is pane.empty)
    assert pane.empty.headline.text() == "No documents yet."
    assert "Drag files here" in pane.empty.explanation.text()
    assert "Ctrl+O" in pane.empty.explanation.text()
    assert pane.empty_add.isVisibleTo(pane) and not pane.empty_clear.isVisibleTo(pane)
    assert "dropped" in pane.detail.placeholder.text()
    assert not pane.open_action.isEnabled() and pane.add_action.isEnabled()
    host.close()


def test_layout_is_remembered(qtbot: Any, pane_and_ids: Any, settings: Settings,
                              open_practice: Any, tmp_path: Any) -> None:
    pane, _ids = pane_and_ids
    pane.view.horizontalHeader().setSortIndicator(COLUMN_KEYS.index("category"),
                                                  Qt.SortOrder.AscendingOrder)
    pane.view._show_column(COLUMN_KEYS.index("size"), True)  # the header menu's choice
    pane.splitter.setSizes([500, 500])
    pane.save_state()
    assert not settings.get(DOCUMENTS_HEADER).isEmpty()
    assert not settings.get(DOCUMENTS_SPLITTER).isEmpty()
    again = DocumentsPane(pane._db, settings)
    assert not again.view.isColumnHidden(COLUMN_KEYS.index("size"))
    assert again.view.horizontalHeader().sortIndicatorSection() == COLUMN_KEYS.index("category")
    assert again.model.filter.sort == "category"
    again.deleteLater()


def test_header_menu_offers_the_columns(qtbot: Any, pane_and_ids: Any,
                                        monkeypatch: Any) -> None:
    pane, _ids = pane_and_ids
    menus: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda self, _pos, _at=None: menus.append(self))
    pane.view._header_menu(QPoint(5, 5))
    names = [a.text() for a in menus[0].actions() if a.isCheckable()]
    assert names == ["Case", "Category", "Date", "Version", "Size", "Flags", "Updated"]
    size = next(a for a in menus[0].actions() if a.text() == "Size")
    size.setChecked(not size.isChecked())
    assert pane.view.isColumnHidden(COLUMN_KEYS.index("size")) is not size.isChecked()
    assert pane.view.auto_columns is False


def test_title_keeps_a_readable_width(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    title = COLUMN_KEYS.index("title")
    assert pane.view.columnWidth(title) >= pane.view.least_title_width()
    pane.splitter.setSizes([380, 900])  # a narrow list keeps the title, the rest scrolls
    qtbot.waitUntil(lambda: pane.view.columnWidth(title) == pane.view.least_title_width())


def test_category_choices_cover_every_category(pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    combo = pane.filter_bar.category_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "", *(c.value for c in DocumentCategory)]


def test_context_menu_has_every_document_action(pane_and_ids: Any, monkeypatch: Any) -> None:
    pane, _ids = pane_and_ids
    menus: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda self, _pos, _at=None: menus.append(self))
    pane._context_menu(QPoint(10, 10))
    texts = [a.text() for a in menus[0].actions() if not a.isSeparator()]
    assert texts == ["Open", "New version…", "Edit…", "Export a copy…", "Show in folder",
                     "Delete", "Add documents…"]
