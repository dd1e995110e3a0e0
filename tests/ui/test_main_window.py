"""The real main window: panes, keyboard, a case created and edited through the dialog,
filtering, and a conflict check recorded — driving real widgets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from casedesk.domain.enums import ConflictDecision
from casedesk.services import cases
from casedesk.ui.dialogs.case_dialog import CaseDialog
from casedesk.ui.dialogs.conflict_dialog import ConflictCheckDialog
from casedesk.ui.dialogs.party_dialog import PartyDialog


def test_panes_are_reachable_by_keyboard(qtbot: Any, app_and_ids: Any) -> None:
    app, _ids = app_and_ids
    window = app.window
    for number in (2, 3, 4, 5, 1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentIndex() == number - 1
        assert window.nav.currentRow() == number - 1
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Cases", "Calendar", "Documents", "Contacts", "Reports"]
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "Time", "View", "Help"]


def test_every_model_passes_the_model_tester(qtbot: Any, qtmodeltester: Any,
                                             app_and_ids: Any) -> None:
    app, ids = app_and_ids
    pane = app.window.cases_pane
    qtmodeltester.check(pane.model)
    pane.select_case(ids["case1"])
    qtbot.waitUntil(lambda: pane.detail.detail is not None
                    and pane.detail.detail.id == ids["case1"], timeout=10_000)
    detail = pane.detail
    assert detail.party_model.rowCount() == 2
    for model in (detail.party_model, detail.task_model, detail.note_model,
                  detail.activity_model):
        qtmodeltester.check(model)


def test_filter_as_you_type_and_by_status(qtbot: Any, app_and_ids: Any) -> None:
    app, _ids = app_and_ids
    pane = app.window.cases_pane
    qtbot.keyClicks(pane.filter_edit, "garc")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1 and not pane.model.is_loading)
    assert pane.model.case_at(0).title == "Garcia v. Northwind"
    pane.filter_edit.clear()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3)
    pane.status_combo.setCurrentIndex(pane.status_combo.findData("closed"))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 0 and not pane.model.is_loading)
    assert pane.list_stack.currentWidget() is pane.empty
    assert "No closed cases" in pane.empty_label.text()
    assert pane.empty_clear.isVisible() and not pane.empty_sample.isVisible()
    qtbot.mouseClick(pane.empty_clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3 and not pane.model.is_loading)
    assert pane.list_stack.currentWidget() is pane.view


def test_sorting_runs_in_sql(qtbot: Any, app_and_ids: Any) -> None:
    app, _ids = app_and_ids
    pane = app.window.cases_pane
    pane.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # title
    qtbot.waitUntil(lambda: pane.model.case_filter.sort == "title"
                    and not pane.model.is_loading)
    titles = [pane.model.case_at(i).title for i in range(pane.model.rowCount())]
    assert titles == sorted(titles)


def _fill_and_save(qtbot: Any, number: str | None, title: str) -> Any:
    def run(cls: type, dialog: CaseDialog) -> Any:
        qtbot.addWidget(dialog)
        dialog.show()
        if number is not None:
            dialog.number_edit.clear()
            qtbot.keyClicks(dialog.number_edit, number)
        dialog.title_edit.clear()
        qtbot.keyClicks(dialog.title_edit, title)
        assert dialog.save_button.isEnabled()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == dialog.DialogCode.Accepted
        return dialog.answer()
    return classmethod(run)


def test_create_then_edit_a_case_through_the_dialog(qtbot: Any, app_and_ids: Any,
                                                     monkeypatch: Any) -> None:
    app, _ids = app_and_ids
    window = app.window
    pane = window.cases_pane
    monkeypatch.setattr(CaseDialog, "run", _fill_and_save(qtbot, "2026-CV-0099",
                                                          "Doe v. Roe Holdings"))
    offered: list[Any] = []  # after opening a case, its client is asked for (conflict check)
    monkeypatch.setattr(PartyDialog, "ask", classmethod(
        lambda cls, parent, **kw: offered.append(kw) and None))
    with qtbot.waitSignal(app.db.changed, timeout=10_000) as blocker:
        qtbot.mouseClick(pane.new_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].cases
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert offered[0]["role"] == "client" and "2026-CV-0099" in offered[0]["case_label"]
    qtbot.waitUntil(lambda: pane.detail.detail is not None
                    and pane.detail.detail.number == "2026-CV-0099", timeout=10_000)
    qtbot.waitUntil(lambda: pane.model.row_of(pane.detail.detail.id) >= 0)
    assert pane.view.currentIndex().row() == pane.model.row_of(pane.detail.detail.id)

    monkeypatch.setattr(CaseDialog, "run", _fill_and_save(qtbot, None, "Doe v. Roe Holdings LLC"))
    with qtbot.waitSignal(app.db.changed, timeout=10_000):
        window.edit_case_action.trigger()
    qtbot.waitUntil(lambda: pane.detail.detail.title == "Doe v. Roe Holdings LLC",
                    timeout=10_000)
    assert pane.detail.detail.version == 2
    assert "Doe v. Roe Holdings LLC" in pane.detail.title_label.text()
    detail = app.db  # the database really has it
    results: list[Any] = []
    detail.read(cases.get_case_detail, pane.detail.detail.id, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert results[0].title == "Doe v. Roe Holdings LLC"


def test_bad_input_in_the_case_dialog_keeps_save_disabled(qtbot: Any, app_and_ids: Any,
                                                          monkeypatch: Any) -> None:
    app, _ids = app_and_ids
    seen: list[str] = []

    def run(cls: type, dialog: CaseDialog) -> Any:
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.title_edit.clear()
        seen.append(dialog.validate())
        enabled = dialog.save_button.isEnabled()
        seen.append("enabled" if enabled else "disabled")
        return None

    monkeypatch.setattr(CaseDialog, "run", classmethod(run))
    app.window.cases_pane.actions.new_case()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    assert "Title" in seen[0] and seen[1] == "disabled"


def test_conflict_check_is_run_and_recorded(qtbot: Any, app_and_ids: Any,
                                            monkeypatch: Any) -> None:
    app, ids = app_and_ids
    pane = app.window.cases_pane
    pane.select_case(ids["case2"])
    qtbot.waitUntil(lambda: pane.detail.detail is not None
                    and pane.detail.detail.id == ids["case2"], timeout=10_000)

    def run(cls: type, dialog: ConflictCheckDialog) -> Any:
        qtbot.addWidget(dialog)
        dialog.show()
        panel = dialog.panel
        panel.names_edit.clear()
        qtbot.keyClicks(panel.names_edit, "Jon Smyth")
        qtbot.mouseClick(panel.search_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
        panel.waived_radio.setChecked(True)
        assert not dialog.save_button.isEnabled()  # a waiver needs its reason
        qtbot.keyClicks(panel.note_edit, "Written consent of both clients on file.")
        assert dialog.save_button.isEnabled()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.answer()

    monkeypatch.setattr(ConflictCheckDialog, "run", classmethod(run))
    with qtbot.waitSignal(app.db.changed, timeout=10_000) as blocker:
        qtbot.mouseClick(pane.detail.conflict_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].conflicts
    qtbot.waitUntil(lambda: bool(pane.detail.detail.conflict_checks), timeout=10_000)
    check = pane.detail.detail.conflict_checks[0]
    assert check.decision is ConflictDecision.WAIVED
    assert check.hit_count >= 1 and check.searched_names == ("Jon Smyth",)
    assert check.decided_by == "Alice Avery"
    assert "waived" in pane.detail.facts_label.text()


def test_global_search_jumps_to_a_case(qtbot: Any, app_and_ids: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    window.show_pane(3)
    box = window.search_box
    qtbot.keyClicks(box, "estate brown")
    qtbot.waitUntil(lambda: ids["case3"] in box.hit_ids(), timeout=10_000)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0
                    and window.cases_pane.detail.detail is not None
                    and window.cases_pane.detail.detail.id == ids["case3"], timeout=10_000)


def test_ctrl_n_in_contacts_makes_a_contact_not_a_case(qtbot: Any, app_and_ids: Any,
                                                       monkeypatch: Any) -> None:
    app, _ids = app_and_ids
    window = app.window
    asked: list[str] = []
    monkeypatch.setattr(CaseDialog, "ask", classmethod(
        lambda cls, *a, **k: asked.append("case")))
    from casedesk.ui.dialogs.contact_dialog import ContactDialog

    monkeypatch.setattr(ContactDialog, "ask", classmethod(
        lambda cls, *a, **k: asked.append("contact")))
    window.show_pane(3)
    window.new_case_action.trigger()
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == ["contact"]


def test_window_state_is_remembered(qtbot: Any, app_and_ids: Any) -> None:
    app, _ids = app_and_ids
    window = app.window
    window.show_pane(2)
    window.save_state()
    from casedesk.ui import settings as keys

    assert app.settings.get(keys.CURRENT_PANE) == 2
    assert not app.settings.get(keys.WINDOW_GEOMETRY).isEmpty()


def test_a_refused_new_case_gives_the_form_back(qtbot: Any, app_and_ids: Any,
                                                monkeypatch: Any) -> None:
    app, _ids = app_and_ids
    pane = app.window.cases_pane
    shown: list[tuple[str, str]] = []

    def run(cls: type, dialog: CaseDialog) -> Any:
        qtbot.addWidget(dialog)
        shown.append((dialog.number_edit.text(), dialog.title_edit.text()))
        if len(shown) == 1:  # first time: a number that is taken
            dialog.number_edit.setText("2026-CV-0001")
            dialog.title_edit.setText("Doe v. Roe")
            return dialog.answer()
        dialog.number_edit.setText("2026-CV-0077")  # second time: the user corrects it
        return dialog.answer()

    errors: list[str] = []
    from casedesk.ui.panes import case_actions

    monkeypatch.setattr(case_actions, "show_error", lambda _p, message, _d="": errors.append(
        message))
    monkeypatch.setattr(CaseDialog, "run", classmethod(run))
    monkeypatch.setattr(PartyDialog, "ask", classmethod(lambda cls, parent, **kw: None))
    pane.actions.new_case()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10_000)
    assert "already used" in errors[0]
    assert shown[1] == ("2026-CV-0001", "Doe v. Roe")  # the form came back as filled in
    qtbot.waitUntil(lambda: pane.detail.detail is not None
                    and pane.detail.detail.number == "2026-CV-0077", timeout=10_000)
    assert pane.detail.detail.title == "Doe v. Roe"


def test_toolbar_edit_follows_the_contacts_selection(qtbot: Any, app_and_ids: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    window.show_pane(3)
    contacts = window.contacts_pane
    qtbot.waitUntil(lambda: contacts.model.loaded and contacts.model.rowCount() > 0,
                    timeout=10_000)
    qtbot.waitUntil(lambda: contacts.edit_action.isEnabled(), timeout=10_000)
    assert window.edit_case_action.isEnabled()
    contacts.edit_action.setEnabled(False)  # what the pane does when no contact is shown
    assert not window.edit_case_action.isEnabled()
    window.open_case(ids["case1"])  # on Cases, Edit follows the selected case again
    qtbot.waitUntil(lambda: window.edit_case_action.isEnabled(), timeout=10_000)
