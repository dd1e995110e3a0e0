"""File ▸ Letter templates… on a real practice: the library list, Add template… (checked first:
problems listed and nothing added), Export a copy…, Remove (the firm's own only, after asking),
Check a file…, and the placeholders list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from casedesk.persistence.practice import Practice
from casedesk.services import letters
from casedesk.ui import letter_templates_window as window_module
from casedesk.ui.db import Database
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.letter_template_dialogs import (
    AddTemplateDialog,
    CheckResultDialog,
    PlaceholdersDialog,
)
from casedesk.ui.letter_templates_window import LetterTemplatesWindow, check_file
from tests.ui.dialog_fixtures import discard_at_teardown, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice  # noqa: F401
from tests.unit.letters_support import make_docx

GOOD = make_docx("{{ firm.name }}", "{{ today }}", "Dear {{ recipient.salutation }}:",
                 "Re: {{ case.title }} ({{ case.number }})",
                 "Thank you for meeting with us to discuss your claim.", "{{ sender.name }}")
BAD = make_docx("{{ firm.name }}", "Re: {{ case.nmber }}", "{% if case.judge %}Judge",
                "{{ sender.nam }}")
SHIPPED = [info.name for info in letters.shipped_templates()]


def build(practice: Practice, folder: Path) -> dict[str, Any]:
    (folder / "ours.docx").write_bytes(GOOD)
    template_id = letters.add_template_file(
        practice.write, practice.read, practice.blobs, path=folder / "ours.docx",
        name="Thank-you after intake", description="Thanks the client for the intake meeting.")
    return {"ours": template_id, "store": practice.blobs}


@pytest.fixture
def setup(qtbot: Any, open_practice: Any, tmp_path: Path,  # noqa: F811
          qtmodeltester: Any) -> tuple[LetterTemplatesWindow, Database, dict[str, Any]]:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    db, ids = open_practice(lambda p: build(p, incoming))
    ids["incoming"] = incoming
    window = show(qtbot, LetterTemplatesWindow(None, db))
    qtbot.waitUntil(lambda: window.model.rowCount() == 7, timeout=10_000)
    qtmodeltester.check(window.model)
    return window, db, ids


def names(window: LetterTemplatesWindow) -> list[str]:
    return [t.name for t in window.model.rows]


def select(window: LetterTemplatesWindow, name: str) -> None:
    window.select_row(names(window).index(name))


def library(qtbot: Any, db: Database) -> list[Any]:
    box: list[Any] = []
    db.read(letters.list_templates, on_done=box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return list(box[0])


def stored_files(ids: dict[str, Any]) -> list[Path]:
    return sorted(p for p in Path(ids["store"].root).rglob("*") if p.is_file())


def answer_open(monkeypatch: Any, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))


def capture_checks(monkeypatch: Any) -> list[dict[str, Any]]:
    shown: list[dict[str, Any]] = []
    monkeypatch.setattr(window_module, "show_check_result",
                        lambda parent, **kw: shown.append(kw))
    return shown


# -- the list -----------------------------------------------------------------------------------
def test_lists_shipped_templates_then_the_firms_own(qtbot: Any, setup: Any) -> None:
    window, _db, _ids = setup
    assert names(window) == [*SHIPPED, "Thank-you after intake"]
    row = [window.model.index(6, c).data() for c in range(4)]
    assert row == ["Thank-you after intake", "The firm's", "Client",
                   "Thanks the client for the intake meeting."]
    cover = names(window).index("Cover letter for a court filing")
    assert window.model.index(cover, 1).data() == "Shipped"
    assert window.model.index(cover, 2).data() == "Court clerk"
    select(window, "Request for documents")
    assert "usually written to the client" in window.detail.text()
    assert not window.remove_button.isEnabled()  # shipped
    assert window.remove_button.toolTip() == "Shipped templates cannot be removed"
    assert window.export_button.isEnabled()
    select(window, "Thank-you after intake")
    assert window.remove_button.isEnabled()
    assert "Added by the firm, from “ours.docx”" in window.detail.text()


# -- adding -------------------------------------------------------------------------------------
def test_add_template_checks_then_adds_under_the_name_given(qtbot: Any, setup: Any,
                                                            monkeypatch: Any) -> None:
    window, db, ids = setup
    path = ids["incoming"] / "status_update_v2.docx"
    path.write_bytes(make_docx("Dear {{ recipient.salutation }}:", "Where {{ case.title }} "
                               "stands.", "{{ sender.name }}"))
    answer_open(monkeypatch, path)
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kw: Any) -> AddTemplateDialog.Answer:
        asked.append(kw)
        return AddTemplateDialog.Answer("Our status update", "Monthly update to the client.")

    monkeypatch.setattr(AddTemplateDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(db.changed, timeout=20_000) as changed:
        window.add_button.click()
    assert changed.args[0].documents
    assert asked[0]["file_name"] == "status_update_v2.docx"
    assert asked[0]["placeholders"] == 3 and "Engagement letter" in asked[0]["taken"]
    qtbot.waitUntil(lambda: "Our status update" in names(window), timeout=10_000)
    assert window.selected.name == "Our status update"  # the new one is selected
    added = next(t for t in library(qtbot, db) if t.name == "Our status update")
    assert not added.shipped and added.description == "Monthly update to the client."
    assert ids["store"].read_bytes(added.sha256) == path.read_bytes()
    assert "Added the template “Our status update”" in window.status.text()


def test_a_template_with_problems_is_listed_and_not_added(qtbot: Any, setup: Any,
                                                          monkeypatch: Any) -> None:
    window, db, ids = setup
    path = ids["incoming"] / "broken.docx"
    path.write_bytes(BAD)
    answer_open(monkeypatch, path)
    shown = capture_checks(monkeypatch)
    monkeypatch.setattr(AddTemplateDialog, "ask", classmethod(
        lambda cls, parent, **kw: pytest.fail("a template with problems was offered a name")))
    before = stored_files(ids)
    window.add_template()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0]["adding"] and shown[0]["file_name"] == "broken.docx"
    check = shown[0]["check"]
    assert {(p.kind, p.suggestion) for p in check.problems} == {
        ("unknown", "case.number"), ("unknown", "sender.name"), ("syntax", "")}
    assert window.status.text() == ("“broken.docx” cannot be used as a letter template: "
                                    "3 problems. Nothing was added.")
    assert len(library(qtbot, db)) == 7 and stored_files(ids) == before


def test_a_name_taken_meanwhile_adds_nothing_and_keeps_no_file(qtbot: Any, setup: Any,
                                                              monkeypatch: Any) -> None:
    window, db, ids = setup
    path = ids["incoming"] / "another.docx"
    path.write_bytes(make_docx("Dear {{ client.name }},", "A new letter, never stored."))
    answer_open(monkeypatch, path)
    # The dialog refuses a taken name; here another desk took it after the dialog closed.
    monkeypatch.setattr(AddTemplateDialog, "ask", classmethod(
        lambda cls, parent, **kw: AddTemplateDialog.Answer("engagement LETTER", "")))
    errors: list[str] = []
    monkeypatch.setattr(error_dialog, "show_error",
                        lambda parent, message, details="": errors.append(message))
    before = stored_files(ids)
    window.add_template()
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert errors[0] == ("Nothing was added. There is already a template called "
                         "'engagement LETTER'.")
    qtbot.waitUntil(lambda: stored_files(ids) == before, timeout=10_000)
    assert len(library(qtbot, db)) == 7


def test_the_name_dialog_refuses_a_taken_or_empty_name(qtbot: Any) -> None:
    dialog = show(qtbot, AddTemplateDialog(None, file_name="our_status_update.docx",
                                           taken=SHIPPED, placeholders=12))
    assert dialog.name_edit.text() == "Our status update"
    assert dialog.save_button.isEnabled() and dialog.save_button.text() == "Add"
    dialog.name_edit.setText("  client STATUS   update ")
    assert dialog.validate() == ("There is already a template called “Client status update”: "
                                 "choose another name")
    assert not dialog.save_button.isEnabled()
    dialog.name_edit.setText("   ")
    assert dialog.validate() == "Give the template a name"
    dialog.name_edit.setText("Our   status update")
    dialog.description_edit.setPlainText("  Monthly.  ")
    assert dialog.answer() == AddTemplateDialog.Answer("Our status update", "Monthly.")


# -- export, remove, check ----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Client status update", "Thank-you after intake"])
def test_export_a_copy_writes_the_templates_exact_bytes(qtbot: Any, setup: Any,
                                                         monkeypatch: Any, tmp_path: Path,
                                                         name: str) -> None:
    window, _db, _ids = setup
    out = tmp_path / "out"
    out.mkdir()
    offered: list[str] = []

    def save_name(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(out / "to adapt"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    select(window, name)
    window.export_button.click()
    target = out / "to adapt.docx"
    qtbot.waitUntil(lambda: "Exported" in window.status.text(), timeout=20_000)
    expected = (letters.shipped_template_bytes(letters.shipped_template(name))
                if name in SHIPPED else GOOD)
    assert target.read_bytes() == expected
    assert Path(offered[0]).name == ("client_status_update.docx" if name in SHIPPED
                                     else "Thank-you after intake.docx")
    assert window.status.text().startswith(f"Exported “{name}” to {target}.")
    assert [p.name for p in out.iterdir()] == ["to adapt.docx"]


def test_remove_asks_naming_the_template_and_takes_only_the_firms_own(
        qtbot: Any, setup: Any, monkeypatch: Any) -> None:
    window, db, _ids = setup
    questions: list[tuple[str, ...]] = []
    answers = [False, True]

    def confirm(parent: Any, title: str, text: str, info: str, action: str) -> bool:
        questions.append((title, text, action))
        return answers.pop(0)

    monkeypatch.setattr(window_module, "confirm", confirm)
    select(window, "Engagement letter")
    window.remove_selected()  # shipped: not even asked
    assert questions == []
    select(window, "Thank-you after intake")
    window.remove_button.click()  # No
    assert questions[0] == ("Remove letter template", "Remove the template “Thank-you after "
                            "intake” from the library?", "Remove")
    assert len(library(qtbot, db)) == 7
    with qtbot.waitSignal(db.changed, timeout=20_000):
        window.remove_button.click()  # Yes
    qtbot.waitUntil(lambda: names(window) == SHIPPED, timeout=10_000)
    assert [t.name for t in library(qtbot, db)] == SHIPPED
    assert "Removed the template “Thank-you after intake”" in window.status.text()


def test_check_a_file_reports_without_adding(qtbot: Any, setup: Any, monkeypatch: Any) -> None:
    window, db, ids = setup
    shown = capture_checks(monkeypatch)
    good = ids["incoming"] / "fine.docx"
    good.write_bytes(GOOD)
    answer_open(monkeypatch, good)
    window.check_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0]["check"].ok and not shown[0].get("adding")
    assert window.status.text() == ("“fine.docx” has no problems: it can be added to the "
                                    "library (it uses 6 placeholders).")
    notes = ids["incoming"] / "notes.docx"
    notes.write_text("not a Word file at all")
    answer_open(monkeypatch, notes)
    window.check_a_file()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20_000)
    (problem,) = shown[1]["check"].problems
    assert problem.kind == "file" and "notes.docx" in problem.message
    assert len(library(qtbot, db)) == 7


def test_check_result_dialog_lists_each_problem_with_did_you_mean(qtbot: Any,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(BAD)
    _data, check = check_file(path)
    dialog = show(qtbot, CheckResultDialog(None, file_name="broken.docx", check=check,
                                           adding=True))
    assert dialog.summary.text() == ("“broken.docx” cannot be used as a letter template: "
                                     "3 problems. Nothing was added.")
    text = dialog.details.toPlainText()
    assert 'Unknown placeholder "case.nmber" (did you mean "case.number"?).' in text
    assert "Body, paragraph 2 (“Re: {{ case.nmber }}”)" in text
    assert text.index("paragraph 2") < text.index("paragraph 3") < text.index("paragraph 4")


# -- placeholders -------------------------------------------------------------------------------
def test_placeholders_are_listed_filtered_and_copied(qtbot: Any, setup: Any) -> None:
    window, _db, _ids = setup
    window.placeholders_button.click()
    dialog: PlaceholdersDialog | None = window.placeholders_dialog
    assert dialog is not None and dialog.isVisible()
    codes = dialog.codes()
    for code in ("{{ case.number }}", "{{ recipient.salutation }}", "{{ today }}",
                 "{%p for r in requested_documents %} … {%p endfor %}", "{{ r.due_on }}",
                 "{% if r.overdue %}", "{{ doc.file_name }}"):
        assert code in codes
    dialog.filter_edit.setText("docket")
    assert dialog.codes() == ["case", "{{ case.docket_number }}"]
    dialog.filter_edit.setText("sender")  # a group's own name shows all it has
    assert dialog.codes()[:2] == ["sender", "{{ sender.name }}"] and len(dialog.codes()) == 5
    dialog.filter_edit.clear()
    item = dialog.tree.findItems("{{ case.number }}", Qt.MatchFlag.MatchRecursive, 0)[0]
    dialog.tree.itemActivated.emit(item, 0)
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and clipboard.text() == "{{ case.number }}"
    assert "Copied {{ case.number }}" in dialog.copied.text()


def test_file_menu_opens_the_library(qtbot: Any, app_and_ids: Any) -> None:
    app, _ids = app_and_ids
    window = app.window
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Letter &templates…" in menu_texts
    window.templates_action.trigger()
    library_window: Callable[[], Any] = lambda: window._templates_window  # noqa: E731
    qtbot.waitUntil(lambda: library_window() is not None
                    and library_window().model.rowCount() == len(SHIPPED), timeout=10_000)
    assert library_window().isVisible()
    window.templates_action.trigger()  # the same window again, not a second one
    assert window._templates_window is library_window()
