"""The Contacts pane on a real practice: instant filter, detail with cases, new/edit/merge."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette, QShortcut
from PySide6.QtWidgets import QHeaderView, QMenu

from casedesk.domain.enums import ContactKind
from casedesk.domain.errors import NotFound
from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, parties
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.contact_dialog import ContactDialog
from casedesk.ui.dialogs.merge_dialog import MergeContactsDialog
from casedesk.ui.panes.contacts_pane import EMAIL_COLUMN, NAME_COLUMN, ContactsPane
from casedesk.ui.settings import CONTACTS_HEADER, CONTACTS_SPLITTER, Settings
from tests.ui.pane_fixtures import open_practice, settings, show_in_host  # noqa: F401

Ids = dict[str, uuid.UUID]


def build(practice: Practice) -> Ids:
    ids: Ids = {}
    w = practice.write
    _c, ids["smith"] = w(contacts.create_contact, name="John Smith",
                         aliases=["Johnny Smithers"], email="john@smith.example",
                         phone="555-0101", address="1 Main St\nSpringfield", notes="Prefers mail")
    _c, ids["acme"] = w(contacts.create_contact, name="Acme Corporation", kind="organization",
                        email="legal@acme.example")
    _c, ids["jane"] = w(contacts.create_contact, name="Jane Doe", organization="Globex Inc")
    _c, ids["jon"] = w(contacts.create_contact, name="Jon Smith", email="jon@example.com")
    _c, ids["greta"] = w(contacts.create_contact, name="Greta Weiss", aliases=["Greta Müller"])
    _c, ids["case1"] = w(cases.create_case, number="2026-CV-0001", title="Smith v. Acme")
    _c, ids["case2"] = w(cases.create_case, number="2026-CV-0002", title="Estate of Smith")
    w(parties.add_party, case_id=ids["case1"], contact_id=ids["smith"], role="client")
    w(parties.add_party, case_id=ids["case1"], contact_id=ids["acme"], role="opposing_party")
    w(parties.add_party, case_id=ids["case2"], contact_id=ids["smith"], role="client")
    w(parties.add_party, case_id=ids["case2"], contact_id=ids["smith"], role="witness")
    w(parties.add_party, case_id=ids["case2"], contact_id=ids["jon"], role="witness")
    return ids


@pytest.fixture
def pane_and_ids(qtbot: Any, open_practice: Any, settings: Settings,  # noqa: F811
                 qtmodeltester: Any) -> Iterator[tuple[ContactsPane, Ids]]:
    db, ids = open_practice(build)
    pane = ContactsPane(db, settings)
    qtmodeltester.check(pane.model)
    host = show_in_host(qtbot, pane)
    qtbot.waitUntil(lambda: pane.model.loaded and pane.model.rowCount() == 5)
    yield pane, ids
    host.close()


def names(pane: ContactsPane) -> list[str]:
    return [pane.model.index(r, 0).data() for r in range(pane.model.rowCount())]


def read(pane: ContactsPane, fn: Any, *args: Any) -> Any:
    with Practice(pane._db.location) as practice:
        return practice.read(fn, *args)


def test_directory_lists_live_contacts_sorted_with_case_counts(pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    assert names(pane) == ["Acme Corporation", "Greta Weiss", "Jane Doe", "John Smith",
                           "Jon Smith"]
    smith = pane.model.row_of(pane_and_ids[1]["smith"])
    row = [pane.model.index(smith, c).data() for c in range(6)]
    assert row == ["John Smith", "Person", "", "john@smith.example", "555-0101", "2"]
    assert pane.model.index(0, 1).data() == "Organization"
    assert pane.count_label.text() == "5 contacts"
    assert pane.list_stack.currentWidget() is pane.view


@pytest.mark.parametrize(("typed", "expected"), [
    ("smith", ["John Smith", "Jon Smith"]),          # name
    ("SMITHERS", ["John Smith"]),                    # alias, any case
    ("müller", ["Greta Weiss"]),                     # non-ASCII alias
    ("acme.example", ["Acme Corporation"]),          # email
    ("globex", ["Jane Doe"]),                        # organization
    ("jon smith", ["Jon Smith"]),                    # every word must match
    ("100%", []),                                    # LIKE wildcards are literal
])
def test_typing_filters_instantly(qtbot: Any, pane_and_ids: Any, typed: str,
                                  expected: list[str]) -> None:
    pane, _ids = pane_and_ids
    if typed.isascii():
        qtbot.keyClicks(pane.filter_edit, typed)
    else:  # QTest can only type ASCII
        pane.filter_edit.setText(typed)
    qtbot.waitUntil(lambda: pane.model.filter.text == typed and not pane.model.busy)
    assert names(pane) == expected
    if not expected:
        assert pane.list_stack.currentWidget() is pane.empty
        assert pane.empty.headline.text() == f"No contacts match “{typed}”."
        assert pane.empty_clear.isVisibleTo(pane)
        qtbot.mouseClick(pane.empty_clear, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pane.model.rowCount() == 5)
        assert pane.filter_edit.text() == ""


def test_kind_filter(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    pane.kind_combo.setCurrentIndex(pane.kind_combo.findData("organization"))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    assert names(pane) == ["Acme Corporation"]
    pane.kind_combo.setCurrentIndex(pane.kind_combo.findData("person"))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 4)
    assert "Acme Corporation" not in names(pane)


def test_header_click_sorts_in_sql(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    pane.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # Cases
    qtbot.waitUntil(lambda: pane.model.filter.sort == "cases" and not pane.model.busy)
    assert names(pane)[0] == "John Smith"
    pane.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: pane.model.filter.sort == "name" and not pane.model.busy)
    assert names(pane)[0] == "Jon Smith"


def test_detail_shows_fields_aliases_and_cases_with_roles(qtbot: Any,
                                                          pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    pane.view.selectRow(pane.model.row_of(ids["smith"]))
    detail = pane.detail
    qtbot.waitUntil(lambda: detail.cases_model.rowCount() == 2)
    assert detail.name_label.text() == "John Smith"
    assert detail.fields["aliases"].text() == "Johnny Smithers"
    assert "john@smith.example" in detail.fields["email"].text()
    assert detail.fields["address"].text() == "1 Main St\nSpringfield"
    assert detail.fields["notes"].text() == "Prefers mail"
    assert not detail.fields["organization"].isVisibleTo(pane)  # empty rows are hidden
    assert detail.cases_label.text() == "Cases (2)"
    rows = {detail.cases_model.index(r, 0).data(): detail.cases_model.index(r, 2).data()
            for r in range(2)}
    assert rows == {"2026-CV-0001": "Client", "2026-CV-0002": "Client, Witness"}
    texts = [detail.cases_model.index(r, c).data() for r in range(2) for c in range(4)]
    assert not any(str(i) in t for t in texts for i in ids.values())  # no UUIDs on screen


def test_double_click_on_a_case_opens_it(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    pane.view.selectRow(pane.model.row_of(ids["acme"]))
    view = pane.detail.cases_view
    qtbot.waitUntil(lambda: pane.detail.cases_model.rowCount() == 1)
    rect = view.visualRect(pane.detail.cases_model.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(pane.open_case_requested) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids["case1"]]


def test_person_without_cases_says_so(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    pane.view.selectRow(pane.model.row_of(ids["jane"]))
    qtbot.waitUntil(lambda: pane.detail.cases_label.text() == "Cases (0)")
    assert pane.detail.cases_empty.isVisibleTo(pane)
    assert not pane.detail.cases_view.isVisibleTo(pane)
    assert pane.detail.subtitle_label.text() == "Person · Globex Inc"


def test_new_contact_is_saved_and_selected(qtbot: Any, pane_and_ids: Any,
                                           monkeypatch: Any) -> None:
    pane, _ids = pane_and_ids
    answer = ContactDialog.Answer(kind=ContactKind.PERSON, name="Zoe Zimmer",
                                  aliases=("Zoe Z",), email="zoe@example.com", phone="",
                                  address="", organization="", notes="")
    seen: list[Any] = []
    monkeypatch.setattr(ContactDialog, "ask",
                        classmethod(lambda cls, parent, **kw: seen.append(kw) or answer))
    with qtbot.waitSignal(pane._db.changed) as blocker:
        pane.new_action.trigger()  # Ctrl+N reaches it through the main window
    assert blocker.args[0].contacts
    assert seen == [{"contact": None, "name": ""}]
    qtbot.waitUntil(lambda: pane.detail.contact is not None
                    and pane.detail.contact.name == "Zoe Zimmer")
    assert names(pane) == ["Zoe Zimmer"]  # the filter shows the new contact at once
    contact = read(pane, contacts.get_contact, pane.detail.contact.id)
    assert (contact.email, contact.aliases) == ("zoe@example.com", ("Zoe Z",))


def test_edit_saves_and_keeps_the_selection(qtbot: Any, pane_and_ids: Any,
                                            monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    pane.view.selectRow(pane.model.row_of(ids["jane"]))

    def answer(cls: Any, parent: Any, *, contact: Any, name: str) -> ContactDialog.Answer:
        assert contact.id == ids["jane"]
        return ContactDialog.Answer(kind=ContactKind.PERSON, name="Jane Roe", aliases=(),
                                    email="jane@roe.example", phone="", address="",
                                    organization="Globex Inc", notes="",
                                    contact_id=contact.id, expected_version=contact.version)

    monkeypatch.setattr(ContactDialog, "ask", classmethod(answer))
    with qtbot.waitSignal(pane.status_message) as blocker:
        pane.edit_action.trigger()  # F2 reaches it through the main window
    assert blocker.args == ["Saved contact Jane Roe."]
    qtbot.waitUntil(lambda: pane.detail.name_label.text() == "Jane Roe")
    assert pane.view.currentIndex().row() == pane.model.row_of(ids["jane"])
    # The former name stays findable (conflict checks need it).
    assert pane.detail.fields["aliases"].text() == "Jane Doe"
    assert read(pane, contacts.get_contact, ids["jane"]).email == "jane@roe.example"


def test_bad_edit_shows_a_plain_message_and_changes_nothing(qtbot: Any, pane_and_ids: Any,
                                                            monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    pane.view.selectRow(pane.model.row_of(ids["jane"]))
    monkeypatch.setattr(ContactDialog, "ask", classmethod(
        lambda cls, parent, **kw: ContactDialog.Answer(
            kind=ContactKind.PERSON, name="   ", aliases=(), email="", phone="", address="",
            organization="", notes="", contact_id=ids["jane"], expected_version=1)))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(error_dialog, "show_error",
                        lambda parent, message, details="", **kw: shown.append((message,
                                                                               details)))
    pane.edit_action.trigger()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][0] == "Name is required."
    assert read(pane, contacts.get_contact, ids["jane"]).name == "Jane Doe"


def test_merge_duplicates_folds_the_duplicate_in(qtbot: Any, pane_and_ids: Any,
                                                 monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    pane.view.selectRow(pane.model.row_of(ids["smith"]))
    offered: list[list[str]] = []

    def answer(cls: Any, parent: Any, *, keep: Any, suggestions: Any) -> Any:
        offered.append([row.name for row, _score in suggestions])
        assert keep.id == ids["smith"]
        return MergeContactsDialog.Answer(keep_id=ids["smith"], duplicate_ids=(ids["jon"],))

    monkeypatch.setattr(MergeContactsDialog, "ask", classmethod(answer))
    with qtbot.waitSignal(pane.status_message, check_params_cb=lambda m: m.startswith("Merged"),
                          timeout=10_000) as blocker:
        pane.merge_action.trigger()
    assert blocker.args == ["Merged 1 duplicate into John Smith."]
    assert "Jon Smith" in offered[0]
    qtbot.waitUntil(lambda: pane.model.rowCount() == 4)
    assert "Jon Smith" not in names(pane)
    with pytest.raises(NotFound):
        read(pane, contacts.get_contact, ids["jon"])
    kept = read(pane, contacts.get_contact, ids["smith"])
    assert "Jon Smith" in kept.aliases
    qtbot.waitUntil(lambda: "Jon Smith" in pane.detail.fields["aliases"].text())
    assert pane.detail.contact is not None and pane.detail.contact.id == ids["smith"]


def test_merge_without_look_alikes_says_so(qtbot: Any, pane_and_ids: Any,
                                           monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    pane.view.selectRow(pane.model.row_of(ids["greta"]))
    monkeypatch.setattr(MergeContactsDialog, "ask",
                        classmethod(lambda cls, *a, **k: pytest.fail("no dialog expected")))
    with qtbot.waitSignal(pane.status_message,
                          check_params_cb=lambda m: m.startswith("No look-alike")):
        pane.merge_action.trigger()


def test_first_contact_is_shown_after_loading(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    # Never a list beside an empty "Select a contact…" detail: the first row is selected.
    assert pane.view.currentIndex().row() == 0
    assert pane.view.selectionModel().isRowSelected(0)
    assert pane.detail.contact is not None and pane.detail.contact.id == ids["acme"]
    qtbot.waitUntil(lambda: pane.detail.cases_label.text() == "Cases (1)")
    # A filter that drops the shown contact shows the first match instead.
    pane.filter_edit.setText("jane")
    qtbot.waitUntil(lambda: pane.detail.contact is not None
                    and pane.detail.contact.id == ids["jane"])


def test_select_contact_while_loading_waits_for_the_list(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    pane.reload()
    assert pane.model.busy
    pane.select_contact(ids["jon"])  # e.g. the main window opening a contact
    qtbot.waitUntil(lambda: not pane.model.busy)
    assert pane.detail.contact is not None and pane.detail.contact.id == ids["jon"]
    assert pane.view.currentIndex().row() == pane.model.row_of(ids["jon"])


def test_actions_need_a_selection_and_are_in_the_context_menu(qtbot: Any, pane_and_ids: Any,
                                                              monkeypatch: Any) -> None:
    pane, _ids = pane_and_ids
    assert pane.edit_action.isEnabled() and pane.merge_action.isEnabled()  # the first one
    pane.filter_edit.setText("nobody by this name")
    qtbot.waitUntil(lambda: pane.model.loaded and pane.model.total == 0
                    and not pane.model.busy)
    assert not pane.edit_action.isEnabled() and not pane.merge_action.isEnabled()
    pane.clear_filter()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 5)
    pane.view.selectRow(2)
    assert pane.edit_action.isEnabled() and pane.merge_action.isEnabled()
    shown: list[list[str]] = []
    monkeypatch.setattr(QMenu, "popup",
                        lambda menu, pos: shown.append([a.text() for a in menu.actions()]))
    pane.view.customContextMenuRequested.emit(QPoint(5, 5))
    assert shown == [["New contact…", "Edit…", "Merge duplicates…"]]


def test_paging_fetches_more_as_the_list_scrolls(qtbot: Any, open_practice: Any,  # noqa: F811
                                                 settings: Settings,  # noqa: F811
                                                 qtmodeltester: Any) -> None:
    def many(practice: Practice) -> None:
        with practice.transaction() as session:
            for i in range(23):
                contacts.create_contact(session, name=f"Person {i:02d}")

    db, _ = open_practice(many)
    pane = ContactsPane(db, settings)
    qtbot.addWidget(pane)
    pane.model.PAGE_SIZE = 10
    qtmodeltester.check(pane.model)
    pane.reload()
    sizes: list[int] = []  # the row count each time rows arrive: a page at a time
    pane.model.rowsInserted.connect(lambda *_a: sizes.append(pane.model.rowCount()))
    pane.model.modelReset.connect(lambda: sizes.append(pane.model.rowCount()))
    qtbot.waitUntil(lambda: pane.model.rowCount() >= 10)
    qtbot.waitUntil(lambda: pane.model.total_known)  # counted just after the first page
    assert pane.model.total == 23
    assert [n for n in sizes if n][:1] == [10]  # never the whole table at once

    def scrolled_to_the_end() -> bool:
        if pane.model.canFetchMore():
            pane.model.fetchMore()  # what the view does as the user scrolls down
        return pane.model.rowCount() == 23

    qtbot.waitUntil(scrolled_to_the_end)
    assert not pane.model.canFetchMore()
    assert {n for n in sizes if n} == {10, 20, 23}  # page by page (the view may fetch early)
    assert names(pane) == [f"Person {i:02d}" for i in range(23)]


def test_scrolling_loads_pages_without_jumping_back(qtbot: Any, open_practice: Any,  # noqa: F811
                                                    settings: Settings) -> None:  # noqa: F811
    def many(practice: Practice) -> None:
        with practice.transaction() as session:
            for i in range(60):
                contacts.create_contact(session, name=f"Person {i:02d}")

    db, _ = open_practice(many)
    pane = ContactsPane(db, settings)
    pane.model.PAGE_SIZE = 20
    host = show_in_host(qtbot, pane, 1100, 300)  # noqa: F841
    qtbot.waitUntil(lambda: pane.model.rowCount() >= 20)
    pane.view.selectRow(0)  # the selected contact is at the top
    bar = pane.view.verticalScrollBar()
    for expected in (40, 60):
        pane.view.scrollToBottom()  # at the end the view asks for the next page
        qtbot.waitUntil(lambda n=expected: pane.model.rowCount() == n)
        qtbot.wait(50)
        assert bar.value() > 0  # still down where the user scrolled, not back at the top
    assert pane.view.currentIndex().row() == 0


def test_empty_practice_offers_next_steps(qtbot: Any, open_practice: Any,  # noqa: F811
                                          settings: Settings,  # noqa: F811
                                          monkeypatch: Any) -> None:
    db, _ = open_practice(lambda practice: None)
    pane = ContactsPane(db, settings)
    host = show_in_host(qtbot, pane)  # noqa: F841  (keeps the window alive)
    qtbot.waitUntil(lambda: pane.model.loaded)
    assert pane.list_stack.currentWidget() is pane.empty
    assert pane.empty.headline.text() == "No contacts yet."
    assert pane.empty_new.isVisibleTo(pane) and not pane.empty_clear.isVisibleTo(pane)
    assert not pane.empty_import.isVisibleTo(pane)
    pane.set_import_available(True)
    assert pane.empty_import.isVisibleTo(pane)
    with qtbot.waitSignal(pane.import_csv_requested):
        qtbot.mouseClick(pane.empty_import, Qt.MouseButton.LeftButton)
    asked: list[Any] = []
    monkeypatch.setattr(ContactDialog, "ask",
                        classmethod(lambda cls, parent, **kw: asked.append(kw)))
    qtbot.mouseClick(pane.empty_new, Qt.MouseButton.LeftButton)
    assert asked == [{"contact": None, "name": ""}]


def test_changes_elsewhere_refresh_the_list(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    pane._db.write(contacts.create_contact, name="Added Elsewhere")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 6)
    assert "Added Elsewhere" in names(pane)


def test_splitter_and_columns_persist(qtbot: Any, open_practice: Any,  # noqa: F811
                                      settings: Settings) -> None:  # noqa: F811
    db, _ = open_practice(lambda practice: None)
    pane = ContactsPane(db, settings)
    host = show_in_host(qtbot, pane)  # noqa: F841  (keeps the window alive)
    pane.view.setColumnWidth(2, 321)  # Organization (Name and Email stretch)
    pane.splitter.setSizes([600, 500])
    pane.save_state()
    assert not settings.get(CONTACTS_HEADER).isEmpty()
    assert not settings.get(CONTACTS_SPLITTER).isEmpty()
    again = ContactsPane(db, settings)
    qtbot.addWidget(again)
    assert again.view.columnWidth(2) == 321
    assert again.view.horizontalHeader().sectionResizeMode(NAME_COLUMN) \
        == QHeaderView.ResizeMode.Stretch


def test_a_header_saved_with_fixed_columns_still_stretches(qtbot: Any, open_practice: Any,  # noqa: F811
                                                           settings: Settings) -> None:  # noqa: F811
    db, _ = open_practice(lambda practice: None)
    pane = ContactsPane(db, settings)
    qtbot.addWidget(pane)
    header = pane.view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # as older versions saved
    settings.set(CONTACTS_HEADER, header.saveState())
    again = ContactsPane(db, settings)
    qtbot.addWidget(again)
    modes = [again.view.horizontalHeader().sectionResizeMode(c) for c in range(6)]
    stretch = QHeaderView.ResizeMode.Stretch
    assert [c for c, mode in enumerate(modes) if mode == stretch] == [NAME_COLUMN, EMAIL_COLUMN]


def test_name_and_email_take_the_free_width(pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    view = pane.view
    widths = [view.columnWidth(c) for c in range(6)]
    assert sum(widths) == view.viewport().width()  # no blank strip right of the columns
    others = [w for c, w in enumerate(widths) if c not in (NAME_COLUMN, EMAIL_COLUMN)]
    assert min(widths[NAME_COLUMN], widths[EMAIL_COLUMN]) > max(others)
    assert view.fontMetrics().horizontalAdvance("Acme Corporation") < widths[NAME_COLUMN]
    assert view.fontMetrics().horizontalAdvance("john@smith.example") < widths[EMAIL_COLUMN]


def test_filter_placeholder_is_not_cut_off(pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    edit = pane.filter_edit
    icons = 2 * 24  # the search icon and the clear button
    assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) < edit.width() - icons
    assert "Ctrl+F" in edit.placeholderText()


def test_down_and_escape_belong_to_the_filter_field_only(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    shortcuts = pane.findChildren(QShortcut)
    assert shortcuts and {s.context() for s in shortcuts} == {Qt.ShortcutContext.WidgetShortcut}
    assert {s.parent() for s in shortcuts} == {pane.filter_edit}
    # Down in the list moves through it (the filter's Down shortcut is not live there).
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    qtbot.keyClick(pane.view, Qt.Key.Key_Down)
    assert pane.view.currentIndex().row() == 1
    qtbot.waitUntil(lambda: pane.detail.name_label.text() == names(pane)[1])
    # Esc in the list leaves the filter alone...
    pane.filter_edit.setText("smith")
    qtbot.waitUntil(lambda: pane.model.filter.text == "smith" and not pane.model.busy)
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    assert pane.filter_edit.text() == "smith"
    # ...while in the filter field Esc clears it and Down goes to the list.
    pane.filter_edit.setFocus()
    qtbot.waitUntil(pane.filter_edit.hasFocus)
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Escape)
    assert pane.filter_edit.text() == ""
    qtbot.waitUntil(lambda: pane.model.rowCount() == 5)
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Down)
    assert pane.view.hasFocus()


def test_empty_state_sits_on_the_window_colour(qtbot: Any, open_practice: Any,  # noqa: F811
                                               settings: Settings) -> None:  # noqa: F811
    db, _ = open_practice(lambda practice: None)
    pane = ContactsPane(db, settings)
    host = show_in_host(qtbot, pane)  # noqa: F841
    qtbot.waitUntil(lambda: pane.model.loaded)
    assert pane.list_stack.currentWidget() is pane.empty
    assert pane.empty.backgroundRole() == QPalette.ColorRole.Window
    image = pane.empty.grab().toImage()
    corner = image.pixelColor(2, 2)
    assert corner == pane.palette().color(QPalette.ColorRole.Window)


def test_long_case_titles_wrap_in_the_detail(qtbot: Any, open_practice: Any,  # noqa: F811
                                             settings: Settings) -> None:  # noqa: F811
    title = "In re the Marriage of Alexandra Konstantinopoulos and Bartholomew Featherstonehaugh"

    def one_long_case(practice: Practice) -> uuid.UUID:
        _c, contact_id = practice.write(contacts.create_contact, name="Alexandra K")
        _c, case_id = practice.write(cases.create_case, number="2026-FA-0001", title=title)
        practice.write(parties.add_party, case_id=case_id, contact_id=contact_id, role="client")
        return contact_id

    db, _contact_id = open_practice(one_long_case)
    pane = ContactsPane(db, settings)
    host = show_in_host(qtbot, pane, 1000, 700)  # noqa: F841
    view = pane.detail.cases_view
    qtbot.waitUntil(lambda: pane.detail.cases_model.rowCount() == 1)
    qtbot.waitUntil(lambda: view.isVisible())
    widths = [view.columnWidth(c) for c in range(4)]
    assert sum(widths) <= view.viewport().width()  # nothing scrolls off to the side
    assert widths[1] == max(widths)  # the title gets the most room
    assert view.horizontalScrollBar().maximum() == 0
    line = view.fontMetrics().height()
    qtbot.waitUntil(lambda: view.rowHeight(0) >= 2 * line)  # wrapped, not cut off
    assert view.wordWrap()
    assert pane.detail.cases_model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == title

