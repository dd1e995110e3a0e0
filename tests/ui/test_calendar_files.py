""".ics export and import from the real window (file dialogs and the confirmation answered)."""

from __future__ import annotations

import threading
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton

from casedesk.domain.changes import Changes
from casedesk.export import ics
from casedesk.services import event_list, events
from casedesk.services.events import EventInput
from casedesk.ui import calendar_files
from casedesk.ui.calendar_files import ExportCalendarDialog, ExportChoice


def _write(app: Any, qtbot: Any, fn: Any, **kwargs: Any) -> None:
    done: list[object] = []
    app.db.write(fn, on_done=done.append, **kwargs)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)


def test_export_of_the_selected_case_writes_a_file_calendars_read(
        qtbot: Any, app_and_ids: Any, tmp_path: Path, monkeypatch: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    for case in ("case1", "case2"):
        _write(app, qtbot, events.add_event, data=EventInput(
            kind="filing_deadline", title=f"Answer due {case}", case_id=ids[case],
            on_date="2026-07-06"))
    window.cases_pane.select_case(ids["case1"])
    qtbot.waitUntil(lambda: window.cases_pane.detail.detail is not None, timeout=10_000)
    seen: dict[str, Any] = {}

    def answer(_parent: Any, **kwargs: Any) -> ExportChoice:
        seen.update(kwargs)
        return ExportChoice(kwargs["case"][0], None, None, None, False, "2026-CV-0001")

    target = tmp_path / "out.ics"
    monkeypatch.setattr(ExportCalendarDialog, "ask", classmethod(
        lambda cls, parent, **kw: answer(parent, **kw)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target.with_suffix("")), ""))
    window.export_ics_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert seen["case"] == (ids["case1"], "2026-CV-0001")
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries == ["2026-CV-0001 · Answer due case1"]
    qtbot.waitUntil(lambda: "Wrote 1 event to out.ics" in window.statusBar().currentMessage(),
                    timeout=10_000)


def test_export_dialog_offers_case_person_and_minimal(qtbot: Any) -> None:
    me = uuid.uuid4()
    dialog = ExportCalendarDialog(None, case=(uuid.uuid4(), "2026-CV-0001"),
                                  staff=[(uuid.uuid4(), "Bob"), (me, "Alice Avery")], me=me)
    qtbot.addWidget(dialog)
    assert dialog.one_case.isChecked() and dialog.choice().label == "2026-CV-0001"
    dialog.person.setChecked(True)
    dialog.minimal.setChecked(True)
    choice = dialog.choice()
    assert (choice.case_id, choice.staff_id, choice.minimal) == (None, me, True)
    assert (choice.start, choice.end) == (None, None)
    dialog.limit.setChecked(True)
    assert dialog.choice().start is not None


def test_import_into_a_case_after_confirmation(qtbot: Any, app_and_ids: Any, tmp_path: Path,
                                               monkeypatch: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    source = tmp_path / "court.ics"
    source.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Court//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:hearing-77@court.example\r\nDTSTAMP:20260101T000000Z\r\n"
        b"DTSTART;TZID=America/Chicago:20260309T093000\r\n"
        b"DTEND;TZID=America/Chicago:20260309T103000\r\nSUMMARY:Motion hearing\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    asked: list[str] = []
    monkeypatch.setattr(calendar_files, "confirm_ics_import",
                        lambda _w, name, report: asked.append(report) or True)
    calendar_files.import_calendar_file(window, case=(ids["case2"], "2026-CV-0002"))
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert "Motion hearing" in asked[0]
    qtbot.waitUntil(lambda: len(_case_events(app, qtbot, ids["case2"])) == 1, timeout=10_000)
    [row] = _case_events(app, qtbot, ids["case2"])
    assert (row.title, row.uid, row.time_zone) == ("Motion hearing", "hearing-77@court.example",
                                                   "America/Chicago")
    assert row.starts_at is not None and row.starts_at.hour == 14  # 09:30 CDT = 14:30 UTC


def test_refused_import_changes_nothing(qtbot: Any, app_and_ids: Any, tmp_path: Path,
                                       monkeypatch: Any) -> None:
    app, ids = app_and_ids
    source = tmp_path / "broken.ics"
    source.write_bytes(b"BEGIN:VCALENDAR\r\nthis is not a calendar\r\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    errors: list[str] = []
    monkeypatch.setattr(calendar_files, "show_error",
                        lambda _w, message, details=None: errors.append(message))
    monkeypatch.setattr(calendar_files, "confirm_ics_import", lambda *_a: True)
    calendar_files.import_calendar_file(app.window, case=(ids["case1"], "2026-CV-0001"))
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors[0]
    assert _case_events(app, qtbot, ids["case1"]) == []


def _case_events(app: Any, qtbot: Any, case_id: uuid.UUID) -> list[Any]:
    done: list[Any] = []
    app.db.plain(event_list.case_events, case_id, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    return list(done[0])


def test_calendar_pane_offers_export_and_the_edit_menu_adds_events(qtbot: Any,
                                                                   app_and_ids: Any) -> None:
    from PySide6.QtWidgets import QToolButton

    app, ids = app_and_ids
    window = app.window
    pane = window.calendar_pane
    buttons = [b.defaultAction() for b in pane.findChildren(QToolButton)]
    assert window.export_ics_action in buttons
    window.open_case(ids["case1"])
    qtbot.waitUntil(lambda: window.add_event_action.isEnabled(), timeout=10_000)
    asked: list[Any] = []
    window.actions_.events.new_event = lambda **kw: asked.append(kw)
    window.add_event_action.trigger()
    assert asked and asked[0]["case"][0] == ids["case1"] and asked[0]["case_fixed"]


def _many_deadlines(session: Any, *, case_id: uuid.UUID, count: int) -> Changes:
    changes = Changes()
    for n in range(count):
        changes = events.add_event(session, data=EventInput(
            kind="filing_deadline", title=f"Deadline {n}", case_id=case_id,
            on_date=date(2026, 1, 1) + timedelta(days=n)))
    return changes


def _export_everything(monkeypatch: Any, target: Path) -> None:
    monkeypatch.setattr(ExportCalendarDialog, "ask", classmethod(
        lambda cls, parent, **kw: ExportChoice(None, None, None, None, False, "all")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))


def test_a_big_export_reports_progress_and_writes_the_file(
        qtbot: Any, app_and_ids: Any, tmp_path: Path, monkeypatch: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    _write(app, qtbot, _many_deadlines, case_id=ids["case1"], count=300)
    monkeypatch.setattr(ics, "PROGRESS_STEP", 50)
    target = tmp_path / "all.ics"
    _export_everything(monkeypatch, target)
    ended: list[tuple[str, int, int]] = []
    finish = calendar_files.ExportProgress.finish

    def record(progress: Any) -> None:
        # what the dialog shows when the job ends (the queued updates arrived before "done")
        ended.append((progress.dialog.labelText(), progress.dialog.value(),
                      progress.dialog.maximum()))
        finish(progress)

    monkeypatch.setattr(calendar_files.ExportProgress, "finish", record)
    window.export_ics_action.trigger()
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None
    assert dialog.windowModality() is Qt.WindowModality.WindowModal
    assert dialog.minimumDuration() == 400
    qtbot.waitUntil(lambda: bool(ended), timeout=10_000)
    label, value, total = ended[0]
    assert total >= 300 and value == total
    assert label == f"Writing {total:,} events…"
    count = len(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert count == total
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() ==
                    f"Wrote {total:,} events to all.ics", timeout=10_000)


def test_cancelling_the_progress_dialog_writes_nothing(
        qtbot: Any, app_and_ids: Any, tmp_path: Path, monkeypatch: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    _write(app, qtbot, _many_deadlines, case_id=ids["case1"], count=300)
    monkeypatch.setattr(ics, "PROGRESS_STEP", 50)
    errors: list[str] = []
    monkeypatch.setattr(calendar_files, "show_error",
                        lambda _w, message, details=None: errors.append(message))
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "all.ics"
    _export_everything(monkeypatch, target)
    # Hold the worker so that Cancel is certainly pressed before the export's first report.
    gate = threading.Event()
    app.db.call(gate.wait, 10)
    try:
        window.export_ics_action.trigger()
        dialog = window.findChild(QProgressDialog)
        assert dialog is not None
        progress = dialog.findChild(calendar_files.ExportProgress)
        assert progress is not None and not progress.cancel.is_set()
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        button.click()
        assert progress.cancel.is_set()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() ==
                    "Export cancelled; nothing was written.", timeout=10_000)
    assert not target.exists() and list(folder.iterdir()) == []
    assert errors == []
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is None, timeout=10_000)
