"""Budget settings: the practice's phases, categories and activities (ordered, editable lists)
and the warning thresholds, validated as the user types and saved through the service."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from casedesk.domain.enums import (
    DEFAULT_ACTIVITIES,
    DEFAULT_BUDGET_PHASES,
    DEFAULT_EXPENSE_CATEGORIES,
)
from casedesk.persistence.practice import Practice
from casedesk.services import firm
from casedesk.services.budget_rows import BudgetSettings
from casedesk.services.budget_settings import read_settings
from casedesk.ui.dialogs.budget_settings_dialog import (
    BudgetSettingsDialog,
    NameListEditor,
    edit_budget_settings,
    list_problem,
)
from tests.ui.pane_fixtures import open_practice

FIXTURES = (open_practice,)
SETTINGS = BudgetSettings(currency="USD", phases=("Intake", "Discovery", "Trial"),
                          expense_categories=DEFAULT_EXPENSE_CATEGORIES,
                          activities=DEFAULT_ACTIVITIES, warning_percent=75, over_percent=100,
                          firm_version=4)


def make(qtbot: Any, settings: BudgetSettings = SETTINGS) -> BudgetSettingsDialog:
    dialog = BudgetSettingsDialog(None, settings)
    qtbot.addWidget(dialog)
    dialog.is_dirty = lambda: False  # type: ignore[method-assign]  # no "discard?" at teardown
    return dialog


def test_list_problems() -> None:
    assert list_problem(["Intake", "Trial"], "Phases") == ""
    assert list_problem([], "Phases") == "Phases: list at least one."
    assert list_problem(["Trial", " trial "], "Phases") == "Phases: “trial” is listed twice."
    assert list_problem(["Trial", "  "], "Phases") == ("Phases: a name is empty; type one or "
                                                      "remove it.")
    assert "longer than 80" in list_problem(["x" * 81], "Activities")


def test_lists_add_rename_remove_move_and_restore(qtbot: Any) -> None:
    editor = NameListEditor(("Intake", "Discovery", "Trial"), DEFAULT_BUDGET_PHASES, "phase")
    qtbot.addWidget(editor)
    changes: list[int] = []
    editor.changed.connect(lambda: changes.append(1))
    editor.list.setCurrentRow(0)
    editor.add("Pleadings")  # after the current one
    assert editor.names() == ["Intake", "Pleadings", "Discovery", "Trial"]
    editor.list.item(1).setText("Motions")  # what typing in the list does
    assert editor.names() == ["Intake", "Motions", "Discovery", "Trial"]
    editor.list.setCurrentRow(3)
    editor.move_current(-1)
    assert editor.names() == ["Intake", "Motions", "Trial", "Discovery"]
    assert editor.list.currentRow() == 2
    editor.list.setCurrentRow(3)
    assert not editor.down_button.isEnabled() and editor.up_button.isEnabled()
    editor.move_current(1)  # already last: nothing moves
    assert editor.names()[-1] == "Discovery"
    editor.list.setCurrentRow(0)
    editor.remove()
    assert editor.names() == ["Motions", "Trial", "Discovery"]
    assert editor.list.currentRow() == 0
    assert editor.defaults_button.isEnabled()
    editor.restore()
    assert editor.names() == list(DEFAULT_BUDGET_PHASES)
    assert not editor.defaults_button.isEnabled()
    assert len(changes) == 5  # add, rename, move, remove, restore (not the no-op move)


def test_thresholds_are_checked_as_typed(qtbot: Any) -> None:
    dialog = make(qtbot)
    assert dialog.save_button.isEnabled()
    assert dialog.warning_box.value() == 75 and dialog.over_box.value() == 100
    dialog.warning_box.setValue(100)
    assert not dialog.save_button.isEnabled()
    assert dialog.message.text() == ("The warning threshold (100 %) must be below the "
                                     "over-budget threshold (100 %).")
    dialog.over_box.setValue(120)
    assert dialog.save_button.isEnabled() and not dialog.message.isVisibleTo(dialog)
    dialog.phases.list.setCurrentRow(0)
    dialog.phases.add("discovery")  # the same name ignoring case
    assert not dialog.save_button.isEnabled()
    assert dialog.message.text() == "Phases: “Discovery” is listed twice."
    dialog.phases.remove()
    assert dialog.save_button.isEnabled()


def test_answer_is_what_the_service_takes(qtbot: Any) -> None:
    dialog = make(qtbot)
    dialog.phases.list.setCurrentRow(2)
    dialog.phases.add("Appeal")
    dialog.categories.restore()
    dialog.activities.set_names(["Research", "Draft"])
    dialog.warning_box.setValue(85)
    answer = dialog.answer()
    assert answer.as_kwargs() == {
        "phases": ["Intake", "Discovery", "Trial", "Appeal"],
        "expense_categories": list(DEFAULT_EXPENSE_CATEGORIES),
        "activities": ["Research", "Draft"], "warning_percent": 85, "over_percent": 100,
        "expected_version": 4}


def test_changes_make_the_dialog_dirty(qtbot: Any) -> None:
    dialog = BudgetSettingsDialog(None, SETTINGS)
    qtbot.addWidget(dialog)
    assert not dialog.is_dirty()
    dialog.over_box.setValue(110)
    assert dialog.is_dirty()
    dialog.over_box.setValue(100)
    dialog.activities.list.setCurrentRow(0)
    dialog.activities.move_current(1)
    assert dialog.is_dirty()
    dialog.activities.move_current(-1)
    assert not dialog.is_dirty()


def build_firm(practice: Practice) -> None:
    practice.write(firm.save_firm, name="Doe & Partners LLP", currency="EUR")


def test_saved_through_the_service(qtbot: Any, open_practice: Any,
                                   monkeypatch: Any) -> None:
    db, _ = open_practice(build_firm)
    seen: list[BudgetSettings] = []

    def answer(cls: Any, parent: Any, settings: BudgetSettings) -> Any:
        seen.append(settings)
        return BudgetSettingsDialog.Answer(
            phases=("Intake", "Trial"), expense_categories=("Court fees",),
            activities=("Research",), warning_percent=70, over_percent=95,
            expected_version=settings.firm_version)

    monkeypatch.setattr(BudgetSettingsDialog, "ask", classmethod(answer))
    parent = QWidget()
    qtbot.addWidget(parent)
    messages: list[str] = []
    with qtbot.waitSignal(db.changed, timeout=10_000) as blocker:
        edit_budget_settings(parent, db, on_message=messages.append)
    assert blocker.args[0].budgets
    assert seen[0].phases == DEFAULT_BUDGET_PHASES and seen[0].currency == "EUR"
    qtbot.waitUntil(lambda: messages == ["Budget settings saved"])
    result: list[BudgetSettings] = []
    db.plain(read_settings, on_done=result.append)
    qtbot.waitUntil(lambda: bool(result))
    assert result[0].phases == ("Intake", "Trial")
    assert result[0].expense_categories == ("Court fees",)
    assert (result[0].warning_percent, result[0].over_percent) == (70, 95)


def test_needs_the_firm_first(qtbot: Any, open_practice: Any,
                              monkeypatch: Any) -> None:
    db, _ = open_practice(lambda practice: None)
    errors: list[str] = []
    monkeypatch.setattr("casedesk.ui.dialogs.error_dialog.show_error",
                        lambda parent, message, details="", **kw: errors.append(message))
    monkeypatch.setattr(BudgetSettingsDialog, "ask", classmethod(
        lambda cls, parent, settings: (_ for _ in ()).throw(AssertionError("asked"))))
    parent = QWidget()
    qtbot.addWidget(parent)
    edit_budget_settings(parent, db)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors[0].startswith("Set up the firm's details first")


def test_keyboard_moves_and_removes(qtbot: Any) -> None:
    dialog = make(qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    editor = dialog.phases
    editor.list.setFocus()
    qtbot.waitUntil(editor.list.hasFocus)
    editor.list.setCurrentRow(0)
    qtbot.keyClick(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert editor.names() == ["Discovery", "Intake", "Trial"]
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert editor.names() == ["Discovery", "Trial"]
    dialog.close()
