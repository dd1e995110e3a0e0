"""The Documents pane on a real practice: cases with notes, their notes, search, open case."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from casedesk.persistence.practice import Practice
from casedesk.services import cases, notes, staff
from casedesk.ui import format as fmt
from casedesk.ui.panes.documents_pane import DocumentsPane
from casedesk.ui.settings import DOCUMENTS_SPLITTER, Settings
from tests.ui.pane_fixtures import open_practice, settings, show_in_host  # noqa: F401

Ids = dict[str, uuid.UUID]
JAN_5 = datetime(2026, 1, 5, 14, 30, tzinfo=UTC)
JAN_6 = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
FEB_1 = datetime(2026, 2, 1, 16, 45, tzinfo=UTC)


def build(practice: Practice) -> Ids:
    ids: Ids = {"alice": uuid.uuid4(), "gone": uuid.uuid4()}
    w = practice.write
    w(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=ids["alice"])
    _c, ids["case1"] = w(cases.create_case, number="2026-CV-0001", title="Smith v. Acme")
    _c, ids["case2"] = w(cases.create_case, number="2026-CV-0002", title="Estate of Smith")
    _c, ids["case3"] = w(cases.create_case, number="2026-CV-0003", title="Quiet matter")
    w(notes.add_note, case_id=ids["case1"], author_staff_id=ids["alice"], created_at=JAN_5,
      text="Called opposing counsel about the deposition schedule.\nThey will confirm <Friday>.")
    w(notes.add_note, case_id=ids["case1"], created_at=JAN_6,
      text="Client sent the signed retainer.")
    w(notes.add_note, case_id=ids["case1"], created_at=FEB_1, note_id=ids["gone"],
      text="Removed later")
    w(notes.delete_note, note_id=ids["gone"])
    w(notes.add_note, case_id=ids["case2"], author_staff_id=ids["alice"], created_at=FEB_1,
      text="Probate hearing moved to March.")
    return ids


@pytest.fixture
def pane_and_ids(qtbot: Any, open_practice: Any, settings: Settings,  # noqa: F811
                 qtmodeltester: Any) -> Iterator[tuple[DocumentsPane, Ids]]:
    db, ids = open_practice(build)
    pane = DocumentsPane(db, settings)
    qtmodeltester.check(pane.model)
    host = show_in_host(qtbot, pane)
    qtbot.waitUntil(lambda: pane.model.loaded and pane.notes_view.notes != [])
    yield pane, ids
    host.close()


def numbers(pane: DocumentsPane) -> list[str]:
    return [pane.model.index(r, 0).data() for r in range(pane.model.rowCount())]


def test_lists_cases_with_live_notes_most_recent_first(pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    assert numbers(pane) == ["2026-CV-0002", "2026-CV-0001"]  # case 3 has no notes
    row = [pane.model.index(1, c).data() for c in range(4)]
    assert row == ["2026-CV-0001", "Smith v. Acme", "2", fmt.moment(JAN_6)]  # deleted note
    assert pane.count_label.text() == "2 cases with notes"
    assert not any(str(i) in str(v) for v in row for i in ids.values())


def test_selected_case_shows_its_notes_newest_first(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    assert pane.case_label.text() == "2026-CV-0002 · Estate of Smith"  # first row, selected
    pane.view.selectRow(1)
    qtbot.waitUntil(lambda: len(pane.notes_view.notes) == 2)
    assert [n.created_at for n in pane.notes_view.notes] == [JAN_6, JAN_5]
    text = pane.notes_view.toPlainText()
    assert text.index("Client sent the signed retainer.") < text.index("Called opposing")
    assert "Unattributed" in text and "Alice Attorney" in text
    assert fmt.moment(JAN_5) in text
    assert "They will confirm <Friday>." in text  # shown as text, not eaten as markup
    assert "Removed later" not in text


def test_search_finds_note_text_and_highlights_it(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    qtbot.keyClicks(pane.filter_edit, "deposition")
    qtbot.waitUntil(lambda: numbers(pane) == ["2026-CV-0001"])
    qtbot.waitUntil(lambda: "deposition" in pane.notes_view.toPlainText())
    assert pane.count_label.text() == "1 case with matching notes"
    assert "background-color" in pane.notes_view.toHtml()  # the word is marked


@pytest.mark.parametrize(("typed", "expected"), [
    ("0002", ["2026-CV-0002"]),                 # case number
    ("acme", ["2026-CV-0001"]),                 # case title
    ("smith", ["2026-CV-0002", "2026-CV-0001"]),
    ("probate march", ["2026-CV-0002"]),        # every word, in a note
    ("removed", []),                            # deleted notes are not searched
])
def test_search_by_case_and_note_words(qtbot: Any, pane_and_ids: Any, typed: str,
                                       expected: list[str]) -> None:
    pane, _ids = pane_and_ids
    qtbot.keyClicks(pane.filter_edit, typed)
    qtbot.waitUntil(lambda: pane.model.filter.text == typed and not pane.model.busy)
    assert numbers(pane) == expected
    if not expected:
        assert pane.list_stack.currentWidget() is pane.empty
        assert pane.empty.headline.text() == f"No notes or cases match “{typed}”."
        qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: len(numbers(pane)) == 2)


def test_double_click_and_open_button_open_the_case(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    rect = pane.view.visualRect(pane.model.index(1, 1))
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(pane.open_case_requested) as blocker:
        qtbot.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids["case1"]]
    with qtbot.waitSignal(pane.open_case_requested) as blocker:
        qtbot.mouseClick(pane.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [ids["case1"]]


def test_a_new_note_elsewhere_brings_its_case_to_the_top(qtbot: Any,
                                                         pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    pane._db.write(notes.add_note, case_id=ids["case3"], text="First note on the quiet one")
    qtbot.waitUntil(lambda: numbers(pane)[:1] == ["2026-CV-0003"])
    assert pane.model.total == 3


def test_no_notes_yet_explains_where_they_come_from(qtbot: Any, open_practice: Any,  # noqa: F811
                                                    settings: Settings) -> None:  # noqa: F811
    db, _ = open_practice(lambda practice: None)
    pane = DocumentsPane(db, settings)
    host = show_in_host(qtbot, pane)  # noqa: F841
    qtbot.waitUntil(lambda: pane.model.loaded)
    assert pane.list_stack.currentWidget() is pane.empty
    assert pane.empty.headline.text() == "No notes yet."
    assert "Notes added to cases appear here" in pane.empty.explanation.text()
    assert not pane.empty_clear.isVisibleTo(pane)
    assert pane.notes_stack.currentWidget() is pane.notes_placeholder
    assert not pane.open_button.isEnabled()


def test_closed_cases_say_so_not_only_in_grey(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    open_title = pane.model.index(numbers(pane).index("2026-CV-0001"), 1)
    assert open_title.data(Qt.ItemDataRole.DecorationRole) is None
    assert "closed" not in open_title.data(Qt.ItemDataRole.ToolTipRole)
    pane._db.write(cases.close_case, case_id=ids["case1"])
    qtbot.waitUntil(lambda: not pane.model.busy and pane.model.row_at(1) is not None
                    and pane.model.row_at(1).status.value == "closed")
    row = numbers(pane).index("2026-CV-0001")
    title = pane.model.index(row, 1)
    assert title.data(Qt.ItemDataRole.ForegroundRole) is not None  # muted...
    assert not title.data(Qt.ItemDataRole.DecorationRole).isNull()  # ...with the archive icon
    assert title.data(Qt.ItemDataRole.ToolTipRole) == "2026-CV-0001 Smith v. Acme (closed case)"
    assert title.data(Qt.ItemDataRole.AccessibleTextRole).endswith("(closed case)")
    assert pane.model.index(row, 0).data() == "2026-CV-0001"  # the number column stays narrow
    pane.view.selectRow(row)
    qtbot.waitUntil(lambda: pane.case_label.text() == "2026-CV-0001 · Smith v. Acme · Closed")


def test_down_and_escape_belong_to_the_search_field_only(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    shortcuts = pane.findChildren(QShortcut)
    assert shortcuts and {s.context() for s in shortcuts} == {Qt.ShortcutContext.WidgetShortcut}
    assert {s.parent() for s in shortcuts} == {pane.filter_edit}
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    assert pane.view.currentIndex().row() == 0
    qtbot.keyClick(pane.view, Qt.Key.Key_Down)  # moves through the list
    assert pane.view.currentIndex().row() == 1
    qtbot.waitUntil(lambda: pane.case_label.text() == "2026-CV-0001 · Smith v. Acme")
    pane.filter_edit.setText("smith")
    qtbot.waitUntil(lambda: pane.model.filter.text == "smith" and not pane.model.busy)
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)  # Esc in the list keeps the search
    assert pane.filter_edit.text() == "smith"
    pane.filter_edit.setFocus()
    qtbot.waitUntil(pane.filter_edit.hasFocus)
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Down)  # Down in the search goes to the list
    assert pane.view.hasFocus()


def test_splitter_persists(qtbot: Any, pane_and_ids: Any, settings: Settings) -> None:  # noqa: F811
    pane, _ids = pane_and_ids
    pane.splitter.setSizes([500, 600])
    pane.save_state()
    assert not settings.get(DOCUMENTS_SPLITTER).isEmpty()
    again = DocumentsPane(pane._db, settings)
    qtbot.addWidget(again)
    assert again.splitter.saveState() == pane.splitter.saveState()
