"""The Deadline rules window and the rule set editor on a real practice: copies, edits and
deletions go through the real services; after an edit, the affected pending deadlines are
listed and move only when a trigger's diff is accepted. Modal dialogs are driven non-modally."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from casedesk.persistence.practice import Practice
from casedesk.rules.rulesets import builtin_rule_set, rule_set_to_dict
from casedesk.services import deadlines, staff
from casedesk.ui import rule_sets_window
from casedesk.ui.db import Database
from casedesk.ui.dialogs import rule_set_editor
from casedesk.ui.dialogs.rule_set_copy_dialog import RuleSetCopyDialog
from casedesk.ui.dialogs.rule_set_editor import RuleSetEditor
from casedesk.ui.dialogs.trigger_change_dialog import TriggerChangeDialog
from casedesk.ui.lookups import Lookups
from casedesk.ui.rule_sets_window import RuleSetsWindow
from casedesk.ui.settings import Settings
from tests.ui.dialog_fixtures import PLATFORM_LIMITS, discard_at_teardown, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice, settings  # noqa: F401
from tests.ui.test_deadline_dialogs import build, case_events, fetch

pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS)

LEFT = Qt.MouseButton.LeftButton
Ids = dict[str, uuid.UUID]


def with_firm_rules(practice: Practice) -> Ids:
    """A copy of the FRCP set ("firm"), and the answer computed from it on a case."""
    ids = build(practice)
    data = {**rule_set_to_dict(builtin_rule_set("frcp")), "key": "firm", "name": "Firm rules"}
    practice.write(deadlines.save_rule_set, data=data)
    ids["trigger"] = uuid.uuid4()
    practice.write(deadlines.apply_trigger, case_id=ids["case"], trigger_id=ids["trigger"],
                   rule_set_key="firm", trigger_key="complaint_served",
                   trigger_date=date(2026, 6, 13), rule_keys=["answer"])
    return ids


def open_window(qtbot: Any, db: Database, settings: Settings,  # noqa: F811
                alice: uuid.UUID, sets: int) -> RuleSetsWindow:
    lookups = Lookups(db, settings, db)  # lives as long as the database
    lookups.set_current_staff(alice)
    lookups.refresh()
    qtbot.waitUntil(lambda: bool(lookups.staff))
    window = RuleSetsWindow(None, db, lookups)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.sets_model.rowCount() == sets and db.idle)
    return window


@pytest.fixture
def firm(qtbot: Any, open_practice: Any,  # noqa: F811
         settings: Settings) -> Iterator[tuple[RuleSetsWindow, Database, Ids]]:  # noqa: F811
    db, ids = open_practice(with_firm_rules)
    window = open_window(qtbot, db, settings, ids["alice"], sets=3)
    yield window, db, ids
    window.close()


def pick(qtbot: Any, window: RuleSetsWindow, key: str) -> None:
    row = next(i for i, e in enumerate(window.sets_model.rows) if e.rule_set.key == key)
    window.sets_view.selectRow(row)
    def picked() -> bool:
        entry = window.current()
        return entry is not None and entry.rule_set.key == key

    qtbot.waitUntil(picked)


def open_editor(qtbot: Any, db: Database, window: RuleSetsWindow) -> RuleSetEditor:
    entry = window.current()
    assert entry is not None
    editor = RuleSetEditor(None, db, rule_set_to_dict(entry.rule_set),
                           existing_keys=window._own_keys(), is_new=False)
    return show(qtbot, editor)  # type: ignore[no-any-return]


def answer_rule(editor: RuleSetEditor) -> tuple[int, int]:
    trigger = next(i for i, t in enumerate(editor.triggers) if t.key == "complaint_served")
    return trigger, 0


def test_shipped_rule_sets_are_read_only_and_show_their_rules(
        qtbot: Any, qtmodeltester: Any, firm: Any) -> None:
    window, _db, _ids = firm
    assert [e.rule_set.key for e in window.sets_model.rows] == ["frcp", "ndcal", "firm"]
    pick(qtbot, window, "frcp")
    assert not window.edit_button.isEnabled() and not window.delete_button.isEnabled()
    assert window.copy_button.isEnabled() and "read-only" in window.note.text()
    model = window.tree_model
    top = next(r for r in range(model.rowCount())
               if model.index(r, 0).data() == "Summons and complaint served")
    parent = model.index(top, 0)
    assert [model.index(0, c, parent).data() for c in range(8)] == [
        "Answer due", "21", "calendar days", "after", "No", "Filing deadline",
        "Fed. R. Civ. P. 12(a)(1)(A)(i)", "trigger"]
    pick(qtbot, window, "ndcal")
    motion = next(r for r in range(model.rowCount())
                  if model.index(r, 0).data() == "Motion filed")
    assert model.index(1, 7, model.index(motion, 0)).data() == "“Opposition due” due"
    qtmodeltester.check(model)
    qtmodeltester.check(window.sets_model)
    pick(qtbot, window, "firm")
    assert window.edit_button.isEnabled() and window.delete_button.isEnabled()


def test_copy_to_my_rules_saves_an_editable_copy(qtbot: Any, firm: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window, db, _ids = firm
    pick(qtbot, window, "frcp")
    asked: list[set[str]] = []

    def ask(_parent: Any, *, source_name: str,
            existing_keys: set[str]) -> RuleSetCopyDialog.Answer:
        assert source_name == "Federal civil rules: common deadlines"
        asked.append(existing_keys)
        return RuleSetCopyDialog.Answer(name="Our federal rules", key="our_frcp")

    monkeypatch.setattr(RuleSetCopyDialog, "ask", ask)
    qtbot.mouseClick(window.copy_button, LEFT)
    qtbot.waitUntil(lambda: window.sets_model.rowCount() == 4 and db.idle)
    assert asked == [{"frcp", "ndcal", "firm"}]
    assert window.current() is not None and window.current().rule_set.key == "our_frcp"
    assert window.edit_button.isEnabled()
    assert "Copied as “Our federal rules”" in window.status.text()
    copy = fetch(qtbot, db, deadlines.rule_set, "our_frcp")
    assert copy.triggers == builtin_rule_set("frcp").triggers


def test_the_copy_dialog_refuses_a_taken_short_name(qtbot: Any) -> None:
    dialog = show(qtbot, RuleSetCopyDialog(None, source_name="Federal civil rules",
                                           existing_keys={"firm"}))
    assert dialog.key_edit.text() == "federal_civil_rules_ours"
    dialog.key_edit.setText("firm")
    assert "already used" in dialog.message.text() and not dialog.save_button.isEnabled()
    dialog.key_edit.setText("Bad Key")
    assert "lower-case" in dialog.message.text()
    dialog.key_edit.setText("firm_2")
    assert dialog.answer() == RuleSetCopyDialog.Answer("Federal civil rules (ours)", "firm_2")


def test_an_edited_amount_lists_the_affected_deadline_and_moves_it_only_when_accepted(
        qtbot: Any, firm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window, db, ids = firm
    pick(qtbot, window, "firm")

    def edit(dialog: RuleSetEditor) -> Any:
        show(qtbot, dialog)
        dialog.select(*answer_rule(dialog))
        assert dialog.deadline_form.title_edit.text() == "Answer due"
        dialog.deadline_form.amount_spin.setValue(30)
        assert dialog.model.index(0, 1, dialog.model.index_of(answer_rule(dialog)[0])).data() \
            == "30"
        qtbot.mouseClick(dialog.save_button, LEFT)
        qtbot.waitUntil(lambda: dialog.saved_data is not None and db.idle)
        return dialog.saved_data

    monkeypatch.setattr(RuleSetEditor, "run", classmethod(lambda cls, dialog: edit(dialog)))
    qtbot.mouseClick(window.edit_button, LEFT)
    qtbot.waitUntil(lambda: window.changes_dialog is not None
                    and window.changes_dialog.loaded and db.idle)
    changes = window.changes_dialog
    assert changes is not None
    qtbot.addWidget(changes)
    [affected] = changes.model.rows
    assert (affected.case_label, affected.trigger.trigger_name, affected.would_move) == (
        "2026-CV-0001 Smith v. Acme", "Summons and complaint served", 1)
    diff = changes.diff.model
    assert [diff.index(0, c).data() for c in range(4)] == [
        "Answer due", "Mon 6 Jul 2026", "Mon 13 Jul 2026", "moves 7 days later"]
    assert diff.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) is None  # a preview only
    # The rule changed, the deadline did not.
    [event] = case_events(qtbot, db, ids["case"])
    assert event.on_date == date(2026, 7, 6)

    def review(dialog: TriggerChangeDialog) -> bool:
        show(qtbot, dialog)
        qtbot.waitUntil(lambda: db.idle and not dialog.waiting()
                        and dialog.model.rowCount() == 1)
        assert dialog.save_button.text().replace("&", "") == "Move 1 deadline"
        qtbot.mouseClick(dialog.save_button, LEFT)
        qtbot.waitUntil(lambda: dialog.saved and db.idle)
        return True

    monkeypatch.setattr(TriggerChangeDialog, "run",
                        classmethod(lambda cls, dialog: review(dialog)))
    qtbot.mouseClick(changes.review_button, LEFT)
    qtbot.waitUntil(lambda: db.idle and changes.model.rowCount() == 0)
    assert changes.status.text().startswith("Nothing left to review")
    [event] = case_events(qtbot, db, ids["case"])
    assert event.on_date == date(2026, 7, 13)


def test_a_bad_edit_shows_where_and_saves_nothing(qtbot: Any, firm: Any) -> None:
    window, db, _ids = firm
    pick(qtbot, window, "firm")
    editor = open_editor(qtbot, db, window)
    trigger, deadline = answer_rule(editor)
    editor.select(trigger, deadline)
    editor.deadline_form.title_edit.setText("")
    assert editor.message.text() == ("Trigger “Summons and complaint served” › deadline 1: "
                                     "Title must not be empty.")
    assert editor.deadline_form.problem.text() == editor.message.text()
    assert editor.model.index_of(trigger, deadline).data(Qt.ItemDataRole.DecorationRole) \
        is not None
    editor.deadline_form.title_edit.setText("Answer due")
    editor.deadline_form.amount_spin.setValue(0)
    assert "Amount must be from 1 to 36600 (got 0)" in editor.message.text()
    assert not editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, LEFT)
    editor.accept()  # even asked directly, a draft that does not parse is not saved
    qtbot.waitUntil(lambda: db.idle)
    assert editor.saved_data is None and editor.isVisible()
    saved = fetch(qtbot, db, deadlines.rule_set, "firm")
    assert saved.trigger("complaint_served").deadlines[0].amount == 21
    # Another item selected: its form shows no problem, the message still names the place.
    editor.select(trigger, None)
    assert editor.trigger_form.problem.isHidden()
    assert "Amount must be" in editor.message.text()


def test_the_editor_builds_a_new_rule_set_with_a_chain(qtbot: Any, firm: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window, db, _ids = firm
    editor = RuleSetEditor(None, db, rule_set_editor.new_rule_set_data(),
                           existing_keys=window._own_keys(), is_new=True)
    show(qtbot, editor)
    editor.name_edit.setText("Firm reminders")
    assert editor.key_edit.text() == "firm_reminders"
    editor.jurisdiction_edit.setText("Internal")
    editor.select(0, None)
    editor.trigger_form.name_edit.setText("Deposition date")
    editor.select(0, 0)
    form = editor.deadline_form
    form.title_edit.setText("Prepare the witness")
    form.amount_spin.setValue(5)
    form.unit_combo.setCurrentIndex(form.unit_combo.findData("court_days"))
    form.direction_combo.setCurrentIndex(form.direction_combo.findData("before"))
    assert not form.service_check.isEnabled()  # Rule 6(d) is for periods after service
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("internal_deadline"))
    form.authority_edit.setText("Firm policy")
    qtbot.mouseClick(editor.add_deadline_button, LEFT)
    assert editor.current() == (0, 1)
    form.title_edit.setText("Send the outline")
    form.amount_spin.setValue(2)
    form.counts_from_combo.setCurrentIndex(form.counts_from_combo.findData(
        "prepare_the_witness"))
    form.authority_edit.setText("Firm policy")
    assert editor.validate() == ""
    # A deadline another one counts from cannot be removed from under it.
    told: list[str] = []
    monkeypatch.setattr(rule_set_editor, "inform", lambda _p, _t, text: told.append(text))
    editor.select(0, 0)
    qtbot.mouseClick(editor.remove_button, LEFT)
    assert told and "counts from “Prepare the witness”" in told[0]
    assert len(editor.triggers[0].deadlines) == 2

    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: editor.saved_data is not None and db.idle)
    saved = fetch(qtbot, db, deadlines.rule_set, "firm_reminders")
    [trigger] = saved.triggers
    assert (trigger.key, trigger.name) == ("deposition_date", "Deposition date")
    assert [(d.key, d.amount, d.unit.value, d.direction.value, d.counts_from)
            for d in trigger.deadlines] == [
        ("prepare_the_witness", 5, "court_days", "before", None),
        ("send_the_outline", 2, "days", "after", "prepare_the_witness")]
    qtbot.waitUntil(lambda: window.sets_model.rowCount() == 4)


def test_delete_is_refused_for_a_rule_set_in_use(qtbot: Any, firm: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window, db, _ids = firm
    pick(qtbot, window, "firm")
    errors: list[str] = []
    questions: list[str] = []
    monkeypatch.setattr(rule_sets_window, "show_error",
                        lambda _p, message, _details="": errors.append(message))
    def confirm(_parent: Any, _title: str, text: str, _info: str, _action: str) -> bool:
        questions.append(text)
        return True

    monkeypatch.setattr(rule_sets_window, "confirm", confirm)
    qtbot.mouseClick(window.delete_button, LEFT)
    qtbot.waitUntil(lambda: bool(errors) and db.idle)
    assert questions == ["Delete the rule set “Firm rules”?"]
    assert "cannot be deleted" in errors[0]
    assert window.sets_model.rowCount() == 3


def test_delete_removes_an_unused_rule_set(qtbot: Any, open_practice: Any,  # noqa: F811
                                           settings: Settings,  # noqa: F811
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def unused(practice: Practice) -> Ids:
        ids = {"alice": uuid.uuid4()}
        practice.write(staff.add_staff, name="Alice Avery", role="attorney",
                       staff_id=ids["alice"])
        data = {**rule_set_to_dict(builtin_rule_set("ndcal")), "key": "spare",
                "name": "Spare rules"}
        practice.write(deadlines.save_rule_set, data=data)
        return ids

    db, ids = open_practice(unused)
    window = open_window(qtbot, db, settings, ids["alice"], sets=3)
    pick(qtbot, window, "spare")
    monkeypatch.setattr(rule_sets_window, "confirm", lambda *_a: False)
    qtbot.mouseClick(window.delete_button, LEFT)
    assert db.idle and window.sets_model.rowCount() == 3  # cancelled: nothing asked of the DB
    monkeypatch.setattr(rule_sets_window, "confirm", lambda *_a: True)
    qtbot.mouseClick(window.delete_button, LEFT)
    qtbot.waitUntil(lambda: window.sets_model.rowCount() == 2 and db.idle)
    assert window.status.text() == "Rule set deleted: Spare rules."
    window.close()
