"""A case's Filings tab on a real practice: the list, new / edit / status / cover letter /
export / delete through their (answered) dialogs, and the dialogs themselves."""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from casedesk.domain.enums import FilingStatus
from casedesk.persistence.practice import Practice
from casedesk.services import cases, documents, event_list, events, filing_status, filings, staff
from casedesk.services.events import EventInput
from casedesk.services.filing_edits import PackageDocument, save_filing
from casedesk.ui import format as fmt
from casedesk.ui.db import Database
from casedesk.ui.dialogs.filing_cover_dialog import CoverLetterDialog
from casedesk.ui.dialogs.filing_dialog import FilingAnswer, FilingDialog
from casedesk.ui.dialogs.filing_items import PackageItemsModel
from casedesk.ui.dialogs.filing_picker import DocumentPickerDialog
from casedesk.ui.dialogs.filing_status_dialog import FilingStatusDialog, StatusAnswer
from casedesk.ui.widgets import case_filings_actions
from casedesk.ui.widgets.case_filings import CaseFilingsTab
from casedesk.ui.widgets.case_filings_actions import load_choices
from tests.ui.dialog_fixtures import discard_at_teardown, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice, show_in_host  # noqa: F401

Ids = dict[str, Any]
TODAY = date.today()
LABEL = "2026-CV-0142 · Smith v. Acme Logistics"
COURT = "U.S. District Court, N.D. Ill."
FILES = {"memo": "Memorandum in opposition.pdf", "decl": "Declaration of John Smith.pdf",
         "order": "Proposed order.docx", "photos": "Photos of the shipment.zip"}


def build(practice: Practice, folder: Path) -> Ids:
    ids: Ids = {"alice": uuid.uuid4(), "pat": uuid.uuid4()}
    w = practice.write
    w(staff.add_staff, name="Alice Avery", role="attorney", staff_id=ids["alice"])
    w(staff.add_staff, name="Pat Quinn", role="paralegal", staff_id=ids["pat"])
    _c, ids["case"] = w(cases.create_case, number="2026-CV-0142",
                        title="Smith v. Acme Logistics", court=COURT,
                        responsible_staff_id=ids["alice"])
    _c, ids["empty_case"] = w(cases.create_case, number="2026-CV-0150", title="Garcia v. Lee")
    source = folder / "incoming"
    source.mkdir()
    for key, name in FILES.items():
        (source / name).write_bytes(f"%PDF-1.4 the {key}\n".encode() * 20)
        (ids[key],) = documents.add_files(w, practice.read, practice.blobs, case_id=ids["case"],
                                          paths=[source / name])
    for key, title, days in (("response_due", "Response due", 5),
                             ("answer_due", "Answer due", 10)):
        ids[key] = uuid.uuid4()
        w(events.add_event, event_id=ids[key], data=EventInput(
            kind="filing_deadline", title=title, case_id=ids["case"],
            on_date=(TODAY + timedelta(days=days)).isoformat()))
    _c, ids["response"] = w(save_filing, case_id=ids["case"], title="Response to motion",
                            court=COURT, deadline_event_id=ids["response_due"], documents=[
                                PackageDocument(ids["memo"]),
                                PackageDocument(ids["decl"], "Exhibit A")])
    _c, ids["appearance"] = w(save_filing, case_id=ids["case"], title="Appearance",
                              court=COURT, deadline_event_id=None,
                              documents=[PackageDocument(ids["order"])])
    for status in ("ready", "submitted"):
        w(filing_status.set_status, filing_id=ids["appearance"], status=status,
          confirmation_number="ILND-1" if status == "submitted" else None)
    return ids


def wait_for(qtbot: Any, db: Database, fn: Callable[..., Any], *args: Any,
             kind: str = "read") -> Any:
    """Run a read on the worker and wait for its answer."""
    box: list[Any] = []
    getattr(db, kind)(fn, *args, on_done=box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


@pytest.fixture
def setup(qtbot: Any, open_practice: Any, tmp_path: Path,  # noqa: F811
          qtmodeltester: Any) -> Iterator[tuple[CaseFilingsTab, Ids, Database]]:
    db, ids = open_practice(lambda p: build(p, tmp_path))
    tab = CaseFilingsTab(db, actor=lambda: ids["pat"])
    host = show_in_host(qtbot, tab)
    tab.show_case(ids["case"], LABEL, court=COURT)
    qtbot.waitUntil(lambda: tab.loaded and tab.current_detail is not None, timeout=10_000)
    qtmodeltester.check(tab.model)
    yield tab, ids, db
    host.close()


def cells(tab: CaseFilingsTab, row: int) -> list[str]:
    return [tab.model.index(row, c).data() for c in range(tab.model.columnCount())]


def select(qtbot: Any, tab: CaseFilingsTab, filing_id: uuid.UUID) -> None:
    tab.view.selectRow(tab.model.row_of(filing_id))
    qtbot.waitUntil(lambda: tab.current_detail is not None
                    and tab.current_detail.id == filing_id, timeout=10_000)


def filing(qtbot: Any, db: Database, filing_id: uuid.UUID) -> Any:
    return wait_for(qtbot, db, filings.get_filing, filing_id)


# -- the list -----------------------------------------------------------------------------------
def test_lists_each_filing_with_status_date_documents_and_deadline(qtbot: Any,
                                                                   setup: Any) -> None:
    tab, ids, _db = setup
    assert [r.title for r in tab.model.rows] == ["Appearance", "Response to motion"]
    assert cells(tab, 0) == ["Appearance", "Submitted", fmt.day(TODAY), "1", "ILND-1", ""]
    assert cells(tab, 1) == ["Response to motion", "Draft",
                             fmt.due_text(TODAY + timedelta(days=5)), "2", "",
                             "Response due"]
    status = tab.model.index(0, 1)
    assert status.data(Qt.ItemDataRole.DecorationRole) is not None  # icon and word
    shown = " ".join(str(c) for r in range(2) for c in cells(tab, r))
    assert not any(str(v) in shown for v in ids.values())  # no ids on screen
    assert tab.count_label.text() == "2 filings: 1 submitted, 1 draft"
    with qtbot.waitSignal(tab.title_changed, timeout=10_000) as title:
        tab.reload()
    assert title.args == ["Filings (2)"]
    select(qtbot, tab, ids["response"])
    text = tab.details.toPlainText()
    assert text.index("Memorandum in opposition") < text.index("Exhibit A – Declaration")
    assert tab.delete_action.isEnabled() and tab.edit_action.isEnabled()
    select(qtbot, tab, ids["appearance"])
    assert not tab.delete_action.isEnabled()  # a submitted filing is the record
    assert "ILND-1" in tab.details.toPlainText()


def test_an_empty_case_explains_filing_packages(qtbot: Any, setup: Any,
                                                monkeypatch: Any) -> None:
    tab, ids, _db = setup
    tab.show_case(ids["empty_case"], "2026-CV-0150 · Garcia v. Lee")
    qtbot.waitUntil(lambda: tab.loaded and tab.stack.currentWidget() is tab.empty)
    assert tab.empty.headline.text() == "No filing packages for this case yet."
    assert "cover letter" in tab.empty.explanation.text()
    asked: list[dict[str, Any]] = []
    monkeypatch.setattr(FilingDialog, "ask", classmethod(
        lambda cls, parent, **kw: asked.append(kw)))
    qtbot.mouseClick(tab.empty_new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert asked[0]["documents"] == [] and asked[0]["filing"] is None
    tab.show_case(ids["empty_case"], "2026-CV-0150 · Garcia v. Lee", closed=True)
    qtbot.waitUntil(lambda: tab.loaded and tab.empty_new_button.isHidden())
    assert "reopen" in tab.empty.explanation.text() and not tab.new_action.isEnabled()


# -- new, edit, status, delete -------------------------------------------------------------------
def test_new_filing_offers_the_cases_documents_and_deadlines_then_saves(
        qtbot: Any, setup: Any, monkeypatch: Any) -> None:
    tab, ids, db = setup
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kw: Any) -> FilingAnswer:
        asked.append(kw)
        return FilingAnswer(title="Answer", court=kw["case_court"],
                            deadline_event_id=ids["answer_due"], notes="",
                            documents=(PackageDocument(ids["order"], "Proposed order"),
                                       PackageDocument(ids["memo"])))

    monkeypatch.setattr(FilingDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(db.changed, timeout=10_000) as blocker:
        tab.buttons["new"].click()
    assert blocker.args[0].filings
    kw = asked[0]
    assert kw["case_court"] == COURT and kw["case_label"] == LABEL and kw["filing"] is None
    assert [d.title for d in kw["documents"]] == sorted(d.title for d in kw["documents"])
    assert {d.title for d in kw["deadlines"]} == {"Response due", "Answer due"}
    qtbot.waitUntil(lambda: tab.current_filing() is not None
                    and tab.current_filing().title == "Answer", timeout=10_000)
    row = filing(qtbot, db, tab.current_filing().id)
    assert [(i.document_id, i.label) for i in row.items] == [
        (ids["order"], "Proposed order"), (ids["memo"], "")]
    assert row.deadline_title == "Answer due" and row.status is FilingStatus.DRAFT


def test_edit_reorders_and_relabels_the_package(qtbot: Any, setup: Any,
                                                monkeypatch: Any) -> None:
    tab, ids, db = setup
    select(qtbot, tab, ids["response"])
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kw: Any) -> FilingAnswer:
        asked.append(kw)
        return FilingAnswer(title="Response to motion to dismiss", court=COURT,
                            deadline_event_id=ids["response_due"], notes="Signed",
                            documents=(PackageDocument(ids["decl"], "Exhibit 1"),
                                       PackageDocument(ids["memo"])))

    monkeypatch.setattr(FilingDialog, "ask", classmethod(ask))
    tab.view.setFocus()
    with qtbot.waitSignal(db.changed, timeout=10_000):
        qtbot.keyClick(tab.view, Qt.Key.Key_Return)  # Enter edits
    assert [i.title for i in asked[0]["filing"].items] == ["Memorandum in opposition",
                                                           "Declaration of John Smith"]
    row = filing(qtbot, db, ids["response"])
    assert (row.title, row.notes) == ("Response to motion to dismiss", "Signed")
    assert [(i.document_id, i.label) for i in row.items] == [(ids["decl"], "Exhibit 1"),
                                                             (ids["memo"], "")]
    qtbot.waitUntil(lambda: "Exhibit 1 – Declaration" in tab.details.toPlainText(),
                    timeout=10_000)


def test_a_failed_save_says_why_and_reopens_with_what_was_typed(
        qtbot: Any, setup: Any, monkeypatch: Any) -> None:
    tab, ids, db = setup
    select(qtbot, tab, ids["response"])
    asked: list[dict[str, Any]] = []
    answer = FilingAnswer(title="Typed title", court=COURT, deadline_event_id=None, notes="",
                          documents=(PackageDocument(ids["memo"]),))

    def ask(cls: Any, parent: Any, **kw: Any) -> FilingAnswer | None:
        asked.append(kw)
        if len(asked) == 1:  # meanwhile someone else changes the filing
            with Practice(db.location) as other:
                other.write(filings.edit_filing, filing_id=ids["response"], title="Theirs",
                            court=COURT, deadline_event_id=ids["response_due"])
            return answer
        return None

    errors: list[str] = []
    monkeypatch.setattr(FilingDialog, "ask", classmethod(ask))
    monkeypatch.setattr(case_filings_actions, "show_error",
                        lambda parent, message, details="": errors.append(message))
    tab.edit_action.trigger()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10_000)
    assert errors and "changed by someone else" in errors[0]
    assert asked[1]["previous"] == answer  # nothing typed is lost
    assert asked[1]["filing"].title == "Theirs"  # and it is the fresh version
    assert filing(qtbot, db, ids["response"]).title == "Theirs"


def test_submitting_records_the_confirmation_and_marks_the_deadline_done(
        qtbot: Any, setup: Any, monkeypatch: Any) -> None:
    tab, ids, db = setup
    select(qtbot, tab, ids["response"])
    answers = iter([StatusAnswer(FilingStatus.READY, TODAY, None),
                    StatusAnswer(FilingStatus.SUBMITTED, TODAY, "ENV-77", note="CM/ECF")])
    monkeypatch.setattr(FilingStatusDialog, "ask",
                        classmethod(lambda cls, parent, **kw: next(answers)))
    for _ in range(2):
        with qtbot.waitSignal(db.changed, timeout=10_000):
            tab.status_action.trigger()
    row = filing(qtbot, db, ids["response"])
    assert (row.status, row.confirmation_number, row.submitted_on) == (
        FilingStatus.SUBMITTED, "ENV-77", TODAY)
    assert row.deadline_status == "done"
    qtbot.waitUntil(lambda: cells(tab, tab.model.row_of(ids["response"]))[1] == "Submitted",
                    timeout=10_000)
    assert cells(tab, tab.model.row_of(ids["response"]))[2:] == [
        fmt.day(TODAY), "2", "ENV-77", f"Response due · {fmt.day(TODAY + timedelta(5))} (done)"]
    assert not tab.delete_action.isEnabled()


def test_a_rejected_filing_back_to_draft_shows_no_old_submission(
        qtbot: Any, setup: Any, monkeypatch: Any) -> None:
    tab, ids, db = setup
    select(qtbot, tab, ids["appearance"])
    answers = iter([StatusAnswer(FilingStatus.REJECTED, TODAY, None, reason="Unsigned"),
                    StatusAnswer(FilingStatus.DRAFT, TODAY, None)])
    monkeypatch.setattr(FilingStatusDialog, "ask",
                        classmethod(lambda cls, parent, **kw: next(answers)))
    with qtbot.waitSignal(db.changed, timeout=10_000):
        tab.status_action.trigger()
    row = tab.model.row_of(ids["appearance"])
    qtbot.waitUntil(lambda: cells(tab, row)[1] == "Rejected", timeout=10_000)
    assert tab.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == "Rejected: Unsigned"
    with qtbot.waitSignal(db.changed, timeout=10_000):
        tab.status_action.trigger()
    qtbot.waitUntil(lambda: cells(tab, row)[1] == "Draft", timeout=10_000)
    # The key date is the day it went back to draft; no confirmation number, no reason.
    assert cells(tab, row) == ["Appearance", "Draft", fmt.day(TODAY), "1", "", ""]
    assert tab.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == "Draft"
    assert tab.model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole) == "Draft on this day"
    select(qtbot, tab, ids["appearance"])
    qtbot.waitUntil(lambda: tab.current_detail is not None
                    and tab.current_detail.status is FilingStatus.DRAFT, timeout=10_000)
    heading, *rest = tab.details.toPlainText().splitlines()
    assert "confirmation" not in heading and "Draft" in heading
    history = "\n".join(rest)  # the history keeps what happened
    assert "Submitted: confirmation ILND-1" in history
    assert "Rejected by Pat Quinn: Unsigned" in history


def test_delete_asks_naming_the_filing(qtbot: Any, setup: Any, monkeypatch: Any) -> None:
    tab, ids, db = setup
    select(qtbot, tab, ids["response"])
    asked: list[str] = []
    answers = iter([False, True])
    monkeypatch.setattr(case_filings_actions, "confirm",
                        lambda parent, title, text, info, action: asked.append(text)
                        or next(answers))
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert asked == ["Delete the filing “Response to motion”?"]
    assert tab.model.row_of(ids["response"]) >= 0  # kept: they said Cancel
    with qtbot.waitSignal(db.changed, timeout=10_000):
        qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: tab.model.row_of(ids["response"]) < 0, timeout=10_000)
    assert [r.title for r in tab.model.rows] == ["Appearance"]
    docs = wait_for(qtbot, db, documents.get_document, ids["memo"])
    assert docs.title == "Memorandum in opposition"  # the documents stay in the case


def test_changes_elsewhere_reload_the_tab(qtbot: Any, setup: Any) -> None:
    tab, ids, db = setup
    select(qtbot, tab, ids["response"])
    db.write(documents.delete_document, document_id=ids["decl"])
    qtbot.waitUntil(lambda: "deleted from the case" in tab.details.toPlainText(),
                    timeout=10_000)
    db.write(filings.edit_filing, filing_id=ids["response"], title="Renamed", court=COURT,
             deadline_event_id=None)
    qtbot.waitUntil(lambda: "Renamed" in [r.title for r in tab.model.rows], timeout=10_000)


# -- cover letter and export ------------------------------------------------------------------
def test_cover_letter_is_previewed_then_saved_as_the_filings_cover(
        qtbot: Any, setup: Any, monkeypatch: Any) -> None:
    tab, ids, db = setup
    select(qtbot, tab, ids["response"])
    seen: dict[str, str] = {}

    def ask(cls: Any, parent: Any, **kw: Any) -> Any:
        dialog = show(qtbot, cls(parent, **kw))
        qtbot.waitUntil(lambda: dialog.draft is not None, timeout=20_000)
        seen.update(template=dialog.template_combo.currentText(),
                    sender=dialog.sender_combo.currentText(),
                    preview=dialog.preview.toPlainText())
        return dialog.draft

    monkeypatch.setattr(CoverLetterDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(db.changed, timeout=20_000) as blocker:
        tab.cover_action.trigger()
    assert blocker.args[0].filings and blocker.args[0].documents
    assert seen["template"] == "Cover letter for a court filing"
    assert seen["sender"] == "Alice Avery (attorney)"  # the case's responsible attorney
    text = seen["preview"]
    assert text.index("Memorandum in opposition") < text.index("Exhibit A") and "{{" not in text
    row = filing(qtbot, db, ids["response"])
    assert row.cover_document_id is not None
    cover = wait_for(qtbot, db, documents.get_document, row.cover_document_id)
    assert cover.title == "Cover letter – Response to motion"
    qtbot.waitUntil(lambda: "cover letter first" in tab.details.toPlainText(), timeout=10_000)


def _exported(monkeypatch: Any) -> list[tuple[str, Path]]:
    told: list[tuple[str, Path]] = []
    monkeypatch.setattr(case_filings_actions, "tell_exported",
                        lambda parent, message, target: told.append((message, target)))
    return told


def test_export_as_zip_writes_numbered_files_and_says_where(
        qtbot: Any, setup: Any, monkeypatch: Any, tmp_path: Path) -> None:
    tab, ids, _db = setup
    select(qtbot, tab, ids["response"])
    out = tmp_path / "out"
    out.mkdir()
    offered: list[str] = []

    def save_name(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(out / "response"), filters  # no extension typed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    told = _exported(monkeypatch)
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    tab.zip_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert Path(offered[0]).name == "2026-CV-0142 Response to motion.zip"
    target = out / "response.zip"
    assert told[0][1] == target and str(target) in told[0][0] and str(target) in messages[-1]
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["00 - Index.txt", "01 - Memorandum in opposition.pdf",
                                      "02 - Exhibit A.pdf"]
        assert archive.read("02 - Exhibit A.pdf") == b"%PDF-1.4 the decl\n" * 20
    assert sorted(p.name for p in out.iterdir()) == ["response.zip"]


def test_export_as_folder_never_merges_into_an_existing_one(
        qtbot: Any, setup: Any, monkeypatch: Any, tmp_path: Path) -> None:
    tab, ids, _db = setup
    select(qtbot, tab, ids["appearance"])
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda parent, caption, folder: str(out)))
    told = _exported(monkeypatch)
    for n in (1, 2):
        tab.folder_action.trigger()
        qtbot.waitUntil(lambda n=n: len(told) == n, timeout=20_000)
    first, second = out / "2026-CV-0142 Appearance", out / "2026-CV-0142 Appearance (2)"
    assert [t for _m, t in told] == [first, second]
    for folder in (first, second):
        assert sorted(p.name for p in folder.iterdir()) == ["00 - Index.txt",
                                                            "01 - Proposed order.docx"]
    assert "Confirmation number: ILND-1" in (first / "00 - Index.txt").read_text("utf-8")


def test_a_cancelled_export_writes_nothing(qtbot: Any, setup: Any, monkeypatch: Any,
                                           tmp_path: Path) -> None:
    tab, ids, _db = setup
    select(qtbot, tab, ids["response"])
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *a: (str(out / "response.zip"), "")))
    told = _exported(monkeypatch)
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    tab.zip_action.trigger()
    progress = tab.findChild(QProgressDialog)
    assert progress is not None
    progress.canceled.emit()  # Cancel clicked before the worker has written anything
    qtbot.waitUntil(lambda: "Export cancelled; nothing was written." in messages,
                    timeout=20_000)
    assert told == [] and list(out.iterdir()) == []


# -- the dialogs -------------------------------------------------------------------------------
def _dialog(qtbot: Any, db: Database, ids: Ids, filing_id: uuid.UUID | None) -> FilingDialog:
    docs, deadlines = wait_for(qtbot, db, load_choices, ids["case"], kind="plain")
    row = filing(qtbot, db, filing_id) if filing_id else None
    return show(qtbot, FilingDialog(None, case_label=LABEL, case_court=COURT, documents=docs,
                                    deadlines=deadlines, filing=row))


def test_filing_dialog_orders_removes_labels_and_adds(qtbot: Any, setup: Any,
                                                      monkeypatch: Any) -> None:
    _tab, ids, db = setup
    dialog = _dialog(qtbot, db, ids, ids["response"])
    package = dialog.package
    assert dialog.deadline_combo.currentText().startswith(
        f"{fmt.day(TODAY + timedelta(5))} · Response due (in 5 days)")
    package.view.setFocus()
    package.view.selectRow(1)
    qtbot.keyClick(package.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [e.title for e in package.model.entries] == ["Declaration of John Smith",
                                                        "Memorandum in opposition"]
    assert package.current_row() == 0 and not package.up_button.isEnabled()
    package.down_button.click()
    assert [e.document_id for e in package.model.entries] == [ids["memo"], ids["decl"]]
    assert package.model.index(1, 0).data() == "02"
    offered: list[list[str]] = []

    def pick(cls: Any, parent: Any, documents: Any, case_label: str) -> list[Any]:
        offered.append([d.title for d in documents])
        return [d for d in documents if d.id == ids["order"]]

    monkeypatch.setattr(DocumentPickerDialog, "ask", classmethod(pick))
    package.add_button.click()
    assert offered == [["Photos of the shipment", "Proposed order"]]  # not those already in
    assert package.model.setData(package.model.index(2, 1), "  Proposed   order ")
    package.view.selectRow(0)
    qtbot.keyClick(package.view, Qt.Key.Key_Delete)
    dialog.title_edit.setText("Response, corrected")
    answer = dialog.answer()
    assert answer.title == "Response, corrected"
    assert answer.documents == (PackageDocument(ids["decl"], "Exhibit A"),
                                PackageDocument(ids["order"], "Proposed order"))
    assert dialog.is_dirty() and dialog.save_button.isEnabled()
    dialog.title_edit.clear()
    assert not dialog.save_button.isEnabled() and "title" in dialog.message.text()


def test_a_submitted_filings_documents_are_read_only(qtbot: Any, setup: Any) -> None:
    _tab, ids, db = setup
    dialog = _dialog(qtbot, db, ids, ids["appearance"])
    package = dialog.package
    assert not package.model.editable and package.add_button.isHidden()
    assert not dialog.deadline_combo.isEnabled()
    index = package.model.index(0, 1)
    assert not package.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not package.model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    package.view.selectRow(0)
    qtbot.keyClick(package.view, Qt.Key.Key_Delete)
    assert package.model.rowCount() == 1
    assert dialog.title_edit.isEnabled()  # a typo in the title can still be fixed


def test_package_model_moves_rows_by_drag_and_drop(qtmodeltester: Any) -> None:
    from casedesk.ui.dialogs.filing_items import PackageEntry

    model = PackageItemsModel()
    model.set_entries([PackageEntry(uuid.uuid4(), name, f"{name}.pdf", 1000)
                       for name in ("A", "B", "C", "D")])
    qtmodeltester.check(model)

    def titles() -> list[str]:
        return [e.title for e in model.entries]

    data = model.mimeData([model.index(0, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert titles() == ["B", "C", "A", "D"]  # dropped in the gap before D
    data = model.mimeData([model.index(3, 2)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert titles() == ["D", "B", "C", "A"]
    data = model.mimeData([model.index(1, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert titles() == ["D", "C", "A", "B"]  # dropped below the last row
    assert not model.dropMimeData(data, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert [model.index(r, 0).data() for r in range(4)] == ["01", "02", "03", "04"]
    qtmodeltester.check(model)


def test_status_dialog_offers_the_next_steps_and_checks_dates(qtbot: Any, setup: Any,
                                                              monkeypatch: Any) -> None:
    _tab, ids, db = setup
    draft = filing(qtbot, db, ids["response"])
    dialog = show(qtbot, FilingStatusDialog(None, filing=draft))
    assert list(dialog.choice_buttons) == ["ready"] and dialog.choice() is FilingStatus.READY
    assert "is marked done" not in dialog.effect.text()
    submitted = filing(qtbot, db, ids["appearance"])
    dialog = show(qtbot, FilingStatusDialog(None, filing=submitted,
                                            today=TODAY - timedelta(days=3)))
    assert list(dialog.choice_buttons) == ["accepted", "rejected", "confirmation"]
    assert [dialog.history.index(r, 1).data() for r in range(3)] == [
        "Draft", "Ready", "Submitted"]
    assert "before the previous step (Submitted" in dialog.message.text()  # 3 days before
    from datetime import date as _date

    assert fmt.to_date(dialog.date_edit.maximumDate()) == _date.today()  # never ahead
    dialog.date_edit.setDate(fmt.to_qdate(TODAY))
    dialog.choice_buttons["rejected"].setChecked(True)
    assert dialog.reason_edit.isVisible() and not dialog.confirmation_edit.isVisible()
    dialog.reason_edit.setPlainText("Missing signature page")
    assert dialog.answer() == StatusAnswer(FilingStatus.REJECTED, TODAY, None,
                                           "Missing signature page", "")
    dialog.choice_buttons["confirmation"].setChecked(True)
    assert not dialog.save_button.isEnabled()  # the number has not changed yet
    assert not dialog.reason_edit.isVisible() and not dialog.date_edit.isVisible()
    dialog.confirmation_edit.setText("ILND-2")
    assert dialog.save_button.isEnabled()
    assert dialog.answer() == StatusAnswer(None, None, "ILND-2")


def test_picker_filters_and_returns_the_chosen_in_list_order(qtbot: Any, setup: Any) -> None:
    _tab, ids, db = setup
    docs, _deadlines = wait_for(qtbot, db, load_choices, ids["case"], kind="plain")
    picker = show(qtbot, DocumentPickerDialog(None, docs, LABEL))
    assert not picker.add_button.isEnabled()
    qtbot.keyClicks(picker.filter_edit, "pro")
    assert picker.proxy.rowCount() == 1
    picker.filter_edit.clear()
    picker.view.selectRow(3)
    picker.view.selectionModel().select(picker.proxy.index(0, 0),
                                        picker.view.selectionModel().SelectionFlag.Select
                                        | picker.view.selectionModel().SelectionFlag.Rows)
    assert [d.title for d in picker.chosen()] == ["Declaration of John Smith",
                                                  "Proposed order"]
    assert picker.add_button.isEnabled()


def test_deadlines_offered_are_the_cases_pending_ones(qtbot: Any, setup: Any) -> None:
    _tab, ids, db = setup
    db.write(events.set_event_status, event_id=ids["answer_due"], status="cancelled")
    dialog = _dialog(qtbot, db, ids, None)
    texts = [dialog.deadline_combo.itemText(i) for i in range(dialog.deadline_combo.count())]
    assert texts == ["No deadline", f"{fmt.day(TODAY + timedelta(5))} · Response due "
                     "(in 5 days)"]
    assert dialog.court_edit.text() == COURT and not dialog.save_button.isEnabled()
    rows = wait_for(qtbot, db, event_list.case_events, ids["case"], kind="plain")
    assert {r.title for r in rows} >= {"Answer due"}  # cancelled, so not offered


def test_after_a_failed_save_the_dialog_opens_with_what_was_typed(qtbot: Any,
                                                                  setup: Any) -> None:
    _tab, ids, db = setup
    docs, deadlines = wait_for(qtbot, db, load_choices, ids["case"], kind="plain")
    row = filing(qtbot, db, ids["response"])
    typed = FilingAnswer(title="Typed", court="Cook County", deadline_event_id=None,
                         notes="n", documents=(PackageDocument(ids["photos"], "Exhibit 9"),
                                               PackageDocument(ids["memo"])))
    dialog = show(qtbot, FilingDialog(None, case_label=LABEL, case_court=COURT, documents=docs,
                                      deadlines=deadlines, filing=row, previous=typed))
    assert dialog.answer() == typed
    assert [e.title for e in dialog.package.model.entries] == ["Photos of the shipment",
                                                               "Memorandum in opposition"]
    assert dialog.is_dirty()  # Cancel asks before throwing it away
