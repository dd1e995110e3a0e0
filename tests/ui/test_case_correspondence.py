"""The case's Correspondence tab on a real practice: the log newest first, the selected entry
with its documents (which open), logging, editing and deleting through the dialog, importing
saved e-mails (file dialog and drop) with the report, and imports that fail leaving nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QTreeWidget

from casedesk.domain.enums import CorrespondenceKind, Direction
from casedesk.domain.errors import InvalidInput
from casedesk.persistence.blob_store import BlobStore
from casedesk.services import cases, documents
from casedesk.services import correspondence as corr
from casedesk.ui import document_files
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.correspondence_dialog import (
    CorrespondenceDialog,
    DocumentChoice,
    Person,
)
from casedesk.ui.models.correspondence_model import (
    COLUMNS,
    DATE_COL,
    DIR_COL,
    DOCS_COL,
    KIND_COL,
    PEOPLE_COL,
    SUBJECT_COL,
)
from casedesk.ui.widgets import case_correspondence, correspondence_import
from casedesk.ui.widgets.case_correspondence import CaseCorrespondenceTab, party_people
from casedesk.ui.widgets.correspondence_import import (
    import_summary,
    report_dialog,
    report_line,
)
from tests.ui.correspondence_fixtures import (
    CASE_LABEL,
    TODAY,
    Ids,
    build,
    eml_bytes,
    read,
    write_eml,
)
from tests.ui.dialog_fixtures import discard_at_teardown  # noqa: F401
from tests.ui.pane_fixtures import open_practice, show_in_host  # noqa: F401


@pytest.fixture
def tab_and_ids(qtbot: Any, open_practice: Any, tmp_path: Path,  # noqa: F811
                qtmodeltester: Any) -> Iterator[tuple[CaseCorrespondenceTab, Ids]]:
    db, ids = open_practice(build)
    tab = CaseCorrespondenceTab(db, actor=lambda: ids["alice"],
                                cache_root=lambda: tmp_path / "cache")
    host = show_in_host(qtbot, tab, 1100, 700)
    parties = read(db, cases.get_case_detail, ids["case"]).parties
    titles: list[str] = []
    tab.title_changed.connect(titles.append)
    tab.show_case(ids["case"], CASE_LABEL, parties)
    qtbot.waitUntil(lambda: tab.model.loaded and tab.entry is not None)
    qtmodeltester.check(tab.model)
    assert titles[-1] == "Correspondence (5)"
    yield tab, ids
    host.close()


def cells(tab: CaseCorrespondenceTab, row: int) -> list[str]:
    return [tab.model.index(row, c).data() for c in range(len(COLUMNS))]


def subjects(tab: CaseCorrespondenceTab) -> list[str]:
    return [tab.model.index(r, SUBJECT_COL).data() for r in range(tab.model.rowCount())]


def stored(tab: CaseCorrespondenceTab) -> set[str]:
    return set(BlobStore(tab._db.location.documents_dir).digests())


def messages(tab: CaseCorrespondenceTab) -> list[str]:
    found: list[str] = []
    tab.status_message.connect(found.append)
    return found


def test_log_lists_newest_first_with_kind_and_direction_in_words(
        tab_and_ids: tuple[CaseCorrespondenceTab, Ids]) -> None:
    tab, ids = tab_and_ids
    assert subjects(tab) == ["Client called about the settlement offer",
                             "Re: Initial disclosures", "Deposition preparation",
                             "Notice of hearing on motion to dismiss", "Engagement terms"]
    call = cells(tab, 0)
    assert call[DATE_COL] == f"{fmt.day(TODAY - timedelta(days=2))} 14:30"
    assert (call[KIND_COL], call[DIR_COL], call[PEOPLE_COL], call[DOCS_COL]) == (
        "Call", "In", "John Smith → Paul Park", "2")
    assert cells(tab, 3)[KIND_COL] == "Court notice"
    assert cells(tab, 4)[DIR_COL] == "Out" and cells(tab, 4)[DATE_COL] == fmt.day(
        TODAY - timedelta(days=30))
    assert cells(tab, 2)[DOCS_COL] == ""
    for column in (KIND_COL, DIR_COL):  # an icon beside the word
        assert tab.model.index(0, column).data(Qt.ItemDataRole.DecorationRole) is not None
    assert tab.count_label.text() == "5 entries, newest first"
    shown = [text for r in range(5) for text in cells(tab, r)]
    assert not any(str(i) in text or i.hex in text for text in shown for i in ids.values())


def test_selection_shows_summary_and_documents_that_open(
        qtbot: Any, tab_and_ids: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    assert tab.entry is not None and tab.entry.id == ids["call"]  # the newest is selected
    text = tab.detail_text.toPlainText()
    assert "Client called about the settlement offer" in text
    assert "Call · Incoming" in text and "Handled by: Paul Park" in text
    assert "Mr Smith would accept 40k" in text
    assert tab.documents_label.text() == "Linked documents (2)"
    items = [tab.documents_list.item(i).text() for i in range(tab.documents_list.count())]
    assert items == ["Call notes 2 March", "Complaint"]
    opened: list[Path] = []
    monkeypatch.setattr(document_files, "open_with_system",
                        lambda path: opened.append(path) or True)
    item = tab.documents_list.item(0)
    rect = tab.documents_list.visualItemRect(item)
    qtbot.mouseClick(tab.documents_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())  # an item view takes a double-click after a press
    qtbot.mouseDClick(tab.documents_list.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].name == "Call notes.txt"
    assert opened[0].read_bytes() == b"Call notes: offer of 40k."
    assert opened[0].is_relative_to(tmp_path / "cache")

    tab.view.selectRow(2)  # the meeting: no documents
    qtbot.waitUntil(lambda: tab.entry is not None and tab.entry.id == ids["meeting"])
    assert tab.documents_empty.isVisibleTo(tab) and not tab.documents_list.isVisibleTo(tab)
    assert "Client to bring the original invoices." in tab.detail_text.toPlainText()


def _answer(kind: CorrespondenceKind, ids: Ids, **changes: Any) -> CorrespondenceDialog.Answer:
    values: dict[str, Any] = dict(
        kind=kind, direction=Direction.OUTGOING, on_date=TODAY, at=None,
        subject="Called client back", from_text="Alice Avery", to_text="John Smith",
        contact_id=ids["smith"], staff_id=ids["alice"], summary="Offer explained.",
        document_ids=(ids["notes"],), case_id=ids["case"])
    values.update(changes)
    return CorrespondenceDialog.Answer(**values)


def test_log_a_call_through_the_dialog(qtbot: Any, tab_and_ids: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> CorrespondenceDialog.Answer:
        asked.append(kwargs)
        return _answer(kwargs["kind"], ids)

    monkeypatch.setattr(CorrespondenceDialog, "ask", classmethod(ask))
    said = messages(tab)
    tab.log_actions[CorrespondenceKind.CALL].trigger()
    qtbot.waitUntil(lambda: tab.model.total == 6 and tab.entry is not None
                    and tab.entry.subject == "Called client back", timeout=10_000)
    kwargs = asked[0]
    assert kwargs["kind"] is CorrespondenceKind.CALL
    assert kwargs["case_label"] == CASE_LABEL and kwargs["default_staff"] == ids["alice"]
    assert kwargs["default_contact"] == ids["smith"]  # the client
    assert kwargs["contacts"][0].label == "John Smith (Client)"
    assert {p.label for p in kwargs["contacts"]} == {
        "John Smith (Client)", "Dana Reyes (Opposing counsel)",
        "Acme Logistics, Inc. (Opposing party)"}
    assert {p.name for p in kwargs["staff"]} == {"Alice Avery", "Paul Park"}
    assert {d.id for d in kwargs["documents"]} == {ids["engagement"], ids["complaint"],
                                                   ids["statements"], ids["notes"]}
    assert said[-1] == "Call logged on 2026-CV-0142."
    assert tab.entry.document_ids == (ids["notes"],)
    assert tab.view.currentIndex().row() == tab.model.row_of(tab.entry.id)
    history = read(tab._db, cases.get_case_detail, ids["case"]).activity
    assert history[0].summary == "Call out: Called client back"


def test_a_letter_is_asked_for_as_outgoing(qtbot: Any, tab_and_ids: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    tab, _ids = tab_and_ids
    asked: list[dict[str, Any]] = []
    monkeypatch.setattr(CorrespondenceDialog, "ask",
                        classmethod(lambda cls, parent, **kw: asked.append(kw)))
    tab.log_actions[CorrespondenceKind.LETTER].trigger()
    qtbot.waitUntil(lambda: bool(asked))
    assert asked[0]["kind"] is CorrespondenceKind.LETTER
    assert asked[0]["direction"] is Direction.OUTGOING
    assert tab.model.total == 5  # cancelled: nothing written


def test_edit_replaces_fields_and_links(qtbot: Any, tab_and_ids: Any,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    seen: list[Any] = []

    def ask(cls: Any, parent: Any, **kwargs: Any) -> CorrespondenceDialog.Answer:
        entry = kwargs["entry"]
        seen.append(entry)
        return _answer(entry.kind, ids, direction=entry.direction, on_date=entry.on_date,
                       at=entry.at, subject="Client called: accepts 40k",
                       document_ids=(ids["complaint"],), case_id=None,
                       correspondence_id=entry.id, expected_version=entry.version)

    monkeypatch.setattr(CorrespondenceDialog, "ask", classmethod(ask))
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: tab.entry is not None
                    and tab.entry.subject == "Client called: accepts 40k", timeout=10_000)
    assert seen[0].id == ids["call"] and seen[0].document_ids == (ids["notes"],
                                                                   ids["complaint"])
    assert tab.entry.document_ids == (ids["complaint"],)
    assert tab.entry.at is not None and tab.entry.at == seen[0].at  # the time is kept
    assert cells(tab, 0)[DOCS_COL] == "1"


def test_delete_asks_naming_the_entry(qtbot: Any, tab_and_ids: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    questions: list[tuple[str, str]] = []
    answers = [False, True]

    def confirm(parent: Any, title: str, text: str, info: str, action: str) -> bool:
        questions.append((text, info))
        return answers.pop(0)

    monkeypatch.setattr(case_correspondence, "confirm", confirm)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert questions[0] == (
        f"Delete the call “Client called about the settlement offer” of "
        f"{fmt.day(TODAY - timedelta(days=2))} from 2026-CV-0142?",
        "Its linked documents stay in the case file; the case history keeps a record of it.")
    assert tab.model.total == 5  # "Cancel": nothing happened
    tab.delete_action.trigger()
    qtbot.waitUntil(lambda: tab.model.total == 4, timeout=10_000)
    assert "Client called about the settlement offer" not in subjects(tab)
    qtbot.waitUntil(lambda: tab.entry is not None and tab.entry.id == ids["email"])
    # The documents stay in the case file.
    assert read(tab._db, documents.get_document, ids["notes"]).title == "Call notes 2 March"


def test_import_eml_files_reports_and_selects_the_first(
        qtbot: Any, tab_and_ids: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tab, ids = tab_and_ids
    folder = tmp_path / "mail"
    offer = write_eml(folder, "offer.eml", eml_bytes(
        "Settlement offer", body="Please find the offer attached.",
        attachments=(("offer.pdf", b"%PDF-1.4 offer"),),
        sent=datetime(2026, 3, 4, 15, 0, tzinfo=UTC)))
    reply = write_eml(folder, "reply.eml", eml_bytes(
        "Re: Settlement offer", sender="Alice Avery <alice@avery-law.com>",
        to="John Smith <john.smith@example.com>", body="Received, thank you.",
        sent=datetime(2026, 3, 5, 9, 0, tzinfo=UTC)))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(offer), str(reply)], ""))
    reports: list[Any] = []
    monkeypatch.setattr(correspondence_import, "show_import_report",
                        lambda parent, report: reports.append(report))
    said = messages(tab)
    tab.buttons["import"].click()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    report = reports[0]
    assert import_summary(report) == ("Imported 2 e-mails with 1 attachment into "
                                      "2026-CV-0142.")
    assert said[-1] == import_summary(report)
    lines = [report_line(line) for line in report.lines]
    assert lines[0].startswith(f"Imported: {fmt.day(date(2026, 3, 4))} · In · "
                               "“Settlement offer” from John Smith")
    assert lines[0].endswith(", 1 attachment [offer.eml]")
    assert " · Out · “Re: Settlement offer”" in lines[1]
    dialog = report_dialog(None, report)  # what the user sees, row by row
    qtbot.addWidget(dialog)
    tree = dialog.findChild(QTreeWidget, "report")
    assert [tree.topLevelItem(i).text(0) for i in range(2)] == ["Imported", "Imported"]
    assert [tree.topLevelItem(0).text(c) for c in (2, 3, 5, 6)] == [
        "In", "Settlement offer", "1", "offer.eml"]
    assert tree.topLevelItem(0).icon(0).isNull() is False
    qtbot.waitUntil(lambda: tab.model.total == 7 and tab.entry is not None
                    and tab.entry.subject == "Settlement offer", timeout=10_000)
    entry = tab.entry
    assert entry.kind is CorrespondenceKind.EMAIL and entry.direction is Direction.INCOMING
    assert entry.contact_name == "John Smith" and entry.staff_name == "Alice Avery"
    assert [d.file_name for d in entry.documents] == ["offer.eml", "offer.pdf"]
    assert "Please find the offer attached." in tab.detail_text.toPlainText()
    assert not tab.busy_label.isVisible() and tab.import_action.isEnabled()

    # The same file again: skipped, and the files it stored again are not left behind.
    before = stored(tab)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(offer)], ""))
    tab.import_action.trigger()
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=10_000)
    assert import_summary(reports[1]) == ("Nothing new to import: the e-mail is already in "
                                          "2026-CV-0142.")
    assert report_line(reports[1].lines[0]).endswith(
        "[offer.eml] — already imported into 2026-CV-0142")
    second = report_dialog(None, reports[1])
    qtbot.addWidget(second)
    skipped = second.findChild(QTreeWidget, "report").topLevelItem(0)
    assert (skipped.text(0), skipped.text(7)) == ("Skipped",
                                                  "already imported into 2026-CV-0142")
    qtbot.waitUntil(lambda: tab._db.idle)
    assert stored(tab) == before
    assert len(read(tab._db, corr.list_for_case, ids["case"])) == 7


def test_a_file_that_is_not_an_email_refuses_the_lot(
        qtbot: Any, tab_and_ids: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tab, _ids = tab_and_ids
    good = write_eml(tmp_path, "good.eml", eml_bytes("Fine"))
    bad = write_eml(tmp_path, "notes.eml", b"just some text, not an e-mail\n")
    errors: list[str] = []
    monkeypatch.setattr(correspondence_import, "show_error",
                        lambda parent, message, details="": errors.append(message))
    monkeypatch.setattr(correspondence_import, "show_import_report",
                        lambda *_a: pytest.fail("nothing should be reported as imported"))
    before = stored(tab)
    tab.import_eml([good, bad])
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "notes.eml is not a saved e-mail" in errors[0]
    assert errors[0].endswith("nothing was imported.")
    qtbot.waitUntil(lambda: tab._db.idle)
    assert tab.model.total == 5 and stored(tab) == before
    assert tab.import_action.isEnabled()


def test_a_failed_write_takes_the_stored_files_out_again(
        qtbot: Any, tab_and_ids: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.services import eml_import

    tab, ids = tab_and_ids
    real = eml_import.record_emails

    def record_then_fail(session: Any, **kwargs: Any) -> Any:
        real(session, **kwargs)  # everything written, then the transaction fails
        raise InvalidInput("The case was closed at another desk meanwhile.")

    monkeypatch.setattr(eml_import, "record_emails", record_then_fail)
    errors: list[str] = []
    monkeypatch.setattr(correspondence_import, "show_error",
                        lambda parent, message, details="": errors.append(message))
    before = stored(tab)
    path = write_eml(tmp_path, "new.eml", eml_bytes(
        "New facts", attachments=(("facts.pdf", b"%PDF facts"),)))
    tab.import_eml([path])
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors[0] == ("Nothing was imported. The case was closed at another desk "
                         "meanwhile.")
    qtbot.waitUntil(lambda: tab._db.idle)
    assert stored(tab) == before
    assert len(read(tab._db, corr.list_for_case, ids["case"])) == 5


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_dropping_eml_files_imports_them(qtbot: Any, tab_and_ids: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    tab, _ids = tab_and_ids
    mail = write_eml(tmp_path, "dropped.eml", eml_bytes("Dropped in"))
    other = tmp_path / "scan.pdf"
    other.write_bytes(b"%PDF scan")
    only_pdf, both = _mime([other]), _mime([mail, other])  # kept: the events do not own them
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, only_pdf,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tab.dragEnterEvent(enter)
    assert not enter.isAccepted()  # only saved e-mails are taken here
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, both,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tab.dragEnterEvent(enter)
    assert enter.isAccepted()
    assert tab.busy_label.text() == "Drop to import 1 e-mail into 2026-CV-0142"
    reports: list[Any] = []
    monkeypatch.setattr(correspondence_import, "show_import_report",
                        lambda parent, report: reports.append(report))
    said = messages(tab)
    tab.dropEvent(QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, both,
                             Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert said[0] == ("1 file not imported: only saved e-mails (.eml) can be dropped here; "
                       "add other files on the Documents tab.")
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    assert import_summary(reports[0]) == "Imported 1 e-mail into 2026-CV-0142."
    qtbot.waitUntil(lambda: "Dropped in" in subjects(tab), timeout=10_000)


def test_empty_case_explains_the_log(qtbot: Any, tab_and_ids: Any) -> None:
    tab, ids = tab_and_ids
    titles: list[str] = []
    tab.title_changed.connect(titles.append)
    tab.show_case(ids["other"], "2026-CV-0107 · Estate of Brown", ())
    qtbot.waitUntil(lambda: tab.list_stack.currentWidget() is tab.empty)
    assert tab.empty.headline.text() == "No correspondence logged for this case yet."
    assert "Saved e-mails (.eml)" in tab.empty.explanation.text()
    assert tab.empty_log.isVisibleTo(tab) and tab.empty_import.isEnabled()
    assert titles[-1] == "Correspondence"
    assert not tab.detail.isVisibleTo(tab) and not tab.edit_action.isEnabled()


def test_from_to_column_steps_aside_when_narrow(qtbot: Any, tab_and_ids: Any) -> None:
    tab, _ids = tab_and_ids
    tab.resize(1000, 600)
    qtbot.waitUntil(lambda: not tab.view.isColumnHidden(PEOPLE_COL))
    chars = tab.view.fontMetrics().horizontalAdvance("x")
    assert tab.view.columnWidth(SUBJECT_COL) >= 24 * chars
    tab.resize(430, 600)
    qtbot.waitUntil(lambda: tab.view.isColumnHidden(PEOPLE_COL))
    assert tab.view.columnWidth(SUBJECT_COL) >= 24 * chars


# -- the dialog ------------------------------------------------------------------------------------
STAFF = [Person(uuid.uuid4(), "Alice Avery"), Person(uuid.uuid4(), "Paul Park")]
DOCS = [DocumentChoice(uuid.uuid4(), "Complaint", "complaint.pdf"),
        DocumentChoice(uuid.uuid4(), "Engagement letter", "engagement.docx")]


def _dialog(qtbot: Any, **kwargs: Any) -> CorrespondenceDialog:
    client = Person(uuid.uuid4(), "John Smith", "John Smith (Client)")
    values: dict[str, Any] = dict(case_id=uuid.uuid4(), case_label=CASE_LABEL,
                                  contacts=[client], staff=STAFF, documents=DOCS)
    values.update(kwargs)
    dialog = CorrespondenceDialog(None, **values)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_dialog_fills_from_and_to_until_typed_over(qtbot: Any) -> None:
    dialog = _dialog(qtbot, default_staff=STAFF[0].id)
    assert dialog.windowTitle() == "Log a call — 2026-CV-0142"
    assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("", "Alice Avery")
    dialog.contact_combo.setCurrentIndex(1)
    assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("John Smith", "Alice Avery")
    dialog.contact_combo.setCurrentIndex(0)  # no contact: what was filled in goes again
    assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("", "Alice Avery")
    dialog.contact_combo.setCurrentIndex(1)
    dialog.direction_edit.outgoing.setChecked(True)
    assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("Alice Avery", "John Smith")
    dialog.to_edit.setText("John Smith (mobile)")  # typed: kept from now on
    dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findData(str(STAFF[1].id)))
    assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("Paul Park",
                                                                "John Smith (mobile)")
    assert not dialog.save_button.isEnabled()
    assert "subject or a summary" in dialog.message.text()
    dialog.summary_edit.setPlainText("Left a voicemail.")
    assert dialog.save_button.isEnabled()
    dialog.documents.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.time_edit.check.setChecked(True)
    dialog.time_edit.edit.setTime(dialog.time_edit.edit.time().fromString("16:05", "HH:mm"))
    answer = dialog.answer()
    assert answer.direction is Direction.OUTGOING and answer.staff_id == STAFF[1].id
    assert answer.document_ids == (DOCS[1].id,) and answer.subject == ""
    assert answer.at is not None and answer.at.astimezone().time() == time(16, 5)
    assert answer.on_date == TODAY
    assert answer.as_kwargs()["case_id"] is not None
    assert "correspondence_id" not in answer.as_kwargs()


def test_dialog_starts_with_the_client_and_the_user(qtbot: Any) -> None:
    client = Person(uuid.uuid4(), "John Smith", "John Smith (Client)")
    dialog = _dialog(qtbot, contacts=[client], default_staff=STAFF[1].id,
                     default_contact=client.id, kind=CorrespondenceKind.LETTER,
                     direction=Direction.OUTGOING)
    assert dialog.windowTitle() == "Log a letter — 2026-CV-0142"
    assert dialog.contact_combo.currentText() == "John Smith (Client)"
    assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("Paul Park", "John Smith")
    assert not dialog.is_dirty()  # nothing typed yet: Esc closes without asking


def test_dialog_keeps_an_emails_exact_time_and_link_order(qtbot: Any) -> None:
    doc_a, doc_b = DOCS
    at = datetime(2026, 3, 4, 15, 0, 42, tzinfo=UTC)  # seconds the time field cannot show
    entry = corr.CorrespondenceRow(
        id=uuid.uuid4(), case_id=uuid.uuid4(), kind=CorrespondenceKind.EMAIL,
        direction=Direction.INCOMING, on_date=at.astimezone().date(), at=at,
        subject="Offer", from_text="John Smith <john.smith@example.com>", to_text="Alice",
        contact_id=None, contact_name="", staff_id=STAFF[0].id, staff_name="Alice Avery",
        summary="", message_id="<m@x>", version=3,
        documents=(corr.LinkedDocument(doc_b.id, doc_b.title, doc_b.detail),
                   corr.LinkedDocument(doc_a.id, doc_a.title, doc_a.detail)))
    dialog = _dialog(qtbot, entry=entry)
    assert dialog.windowTitle() == "Edit e-mail — 2026-CV-0142"
    assert not dialog.is_dirty() and dialog.save_button.isEnabled()
    answer = dialog.answer()
    assert answer.at == at  # unchanged: not rounded to the minute
    assert answer.document_ids == (doc_b.id, doc_a.id)  # the linked order
    assert answer.from_text == "John Smith <john.smith@example.com>"  # never autofilled over
    kwargs = answer.as_kwargs()
    assert (kwargs["correspondence_id"], kwargs["expected_version"]) == (entry.id, 3)
    assert "case_id" not in kwargs


def test_party_people_lists_each_contact_once_with_its_role() -> None:
    from casedesk.domain.enums import ContactKind, PartyRole
    from casedesk.domain.rows import PartyRow

    contact = uuid.uuid4()

    def party(role: PartyRole) -> PartyRow:
        return PartyRow(id=uuid.uuid4(), contact_id=contact, name="Jane Roe",
                        kind=ContactKind.PERSON, role=role, represented_by_id=None,
                        represented_by_name="", email="", phone="", organization="")

    people = party_people([party(PartyRole.CLIENT), party(PartyRole.WITNESS)])
    assert [(p.id, p.name, p.label) for p in people] == [(contact, "Jane Roe",
                                                          "Jane Roe (Client)")]
