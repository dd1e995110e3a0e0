"""Calendar files from the GUI: export .ics (everything, a case, a person) and import an .ics
into a case after a dry run. The work runs on the database worker; files are written whole.
An export shows progress and can be cancelled; a cancelled export writes nothing."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.errors import Cancelled
from casedesk.ui import format as fmt
from casedesk.ui import settings as keys
from casedesk.ui.db import JobError
from casedesk.ui.dialogs.error_dialog import show_error

if TYPE_CHECKING:
    from casedesk.ui.main_window import MainWindow


@dataclass(frozen=True)
class ExportChoice:
    case_id: uuid.UUID | None
    staff_id: uuid.UUID | None
    start: date | None
    end: date | None
    minimal: bool
    label: str  # for the file name


class ExportCalendarDialog(QDialog):
    """What to put in the .ics file: everything, one case or one person; a date range;
    minimal details for files that leave the firm."""

    def __init__(self, parent: QWidget, *, case: tuple[uuid.UUID, str] | None,
                 staff: list[tuple[uuid.UUID, str]], me: uuid.UUID | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export calendar (.ics)")
        self.case = case
        self.everything = QRadioButton("Everything")
        self.one_case = QRadioButton(f"Case {case[1]}" if case else "The selected case")
        self.one_case.setEnabled(case is not None)
        self.person = QRadioButton("One person's events")
        group = QButtonGroup(self)
        for button in (self.everything, self.one_case, self.person):
            group.addButton(button)
        (self.one_case if case else self.everything).setChecked(True)
        self.staff = QComboBox()
        for staff_id, name in staff:
            self.staff.addItem(name, staff_id)
        if me is not None and (index := self.staff.findData(me)) >= 0:
            self.staff.setCurrentIndex(index)
        self.staff.setEnabled(False)
        self.person.toggled.connect(self.staff.setEnabled)
        self.limit = QCheckBox("Only events from")
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-30))
        self.end = QDateEdit(today.addYears(1))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setEnabled(False)
            self.limit.toggled.connect(edit.setEnabled)
        self.minimal = QCheckBox("Minimal details: case number and kind of event only (no "
                                 "titles, client names, places or notes)")
        self.minimal.setToolTip("For a calendar that leaves the firm's control, e.g. a phone "
                                "or a shared Google calendar")
        range_row = QHBoxLayout()
        range_row.addWidget(self.limit)
        range_row.addWidget(self.start)
        range_row.addWidget(QLabel("to"))
        range_row.addWidget(self.end)
        range_row.addStretch(1)
        form = QFormLayout()
        who = QVBoxLayout()
        for widget in (self.everything, self.one_case, self.person, self.staff):
            who.addWidget(widget)
        form.addRow("Export:", who)
        form.addRow("Dates:", range_row)
        form.addRow("", self.minimal)
        note = QLabel("Import the file into a calendar of its own in Outlook or Google "
                      "Calendar; to refresh it, delete that calendar and import the new file "
                      "(see the README).")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def choice(self) -> ExportChoice:
        start = fmt.to_date(self.start.date()) if self.limit.isChecked() else None
        end = fmt.to_date(self.end.date()) if self.limit.isChecked() else None
        if self.one_case.isChecked() and self.case is not None:
            return ExportChoice(self.case[0], None, start, end, self.minimal.isChecked(),
                                self.case[1])
        if self.person.isChecked():
            return ExportChoice(None, self.staff.currentData(), start, end,
                                self.minimal.isChecked(),
                                self.staff.currentText().replace(" ", "-"))
        return ExportChoice(None, None, start, end, self.minimal.isChecked(), "all")

    @classmethod
    def ask(cls, parent: QWidget, **kwargs: Any) -> ExportChoice | None:
        dialog = cls(parent, **kwargs)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def write_calendar(reader: Any, path: Path, choice: ExportChoice, *,
                   progress: Callable[[int, int], bool] | None = None) -> str:
    """Render and write the file (atomically); returns the status-bar line.

    The file is written only once rendering has finished, so Cancelled (raised by `progress`
    returning False) leaves no file behind, not even a partial one.
    """
    from casedesk.export.files import write_bytes_atomically
    from casedesk.services.ics_io import export_calendar

    result = export_calendar(reader, case_ids=(choice.case_id,) if choice.case_id else (),
                             staff_id=choice.staff_id, start=choice.start, end=choice.end,
                             minimal=choice.minimal, progress=progress)
    write_bytes_atomically(path, result.data)
    return f"Wrote {result.count:,} event{'s' if result.count != 1 else ''} to {path.name}"


def _failed(window: MainWindow, error: JobError) -> None:
    show_error(window, error.message, error.details)


class ExportProgress(QObject):
    """Between the worker thread and the progress dialog.

    The worker calls the object (`progress(done, total)`): that only emits `moved`, which Qt
    queues to this object's (the GUI) thread, and reads the cancel Event; no widget is touched
    off the GUI thread.
    """

    moved = Signal(int, int)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.cancel = threading.Event()
        self.live = True  # False once the job has ended: late updates must not re-show it
        self.total: int | None = None
        self.moved.connect(self._show)
        dialog.canceled.connect(self.cancel.set)

    def __call__(self, done: int, total: int) -> bool:
        self.moved.emit(done, total)
        return not self.cancel.is_set()

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        if not self.live or self.cancel.is_set():
            return
        if total != self.total:
            self.total = total
            self.dialog.setLabelText(f"Writing {total:,} event{'s' if total != 1 else ''}…")
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def finish(self) -> None:
        """The job has ended (written, failed or cancelled): put the dialog away."""
        self.live = False
        self.dialog.hide()
        self.dialog.deleteLater()


def _progress_dialog(window: MainWindow) -> ExportProgress:
    dialog = QProgressDialog("Writing events…", "Cancel", 0, 0, window)
    dialog.setWindowTitle("Export calendar")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    # The job closes the dialog; reaching the last event must not (the file is not written yet).
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)  # starts the minimumDuration timer
    return ExportProgress(dialog)


def _selected_case(window: MainWindow) -> tuple[uuid.UUID, str] | None:
    detail = window.cases_pane.detail.detail
    return (detail.id, detail.number) if detail is not None else None


def export_calendar_file(window: MainWindow, *, case: tuple[uuid.UUID, str] | None = None
                         ) -> None:
    choice = ExportCalendarDialog.ask(window, case=case or _selected_case(window),
                                      staff=list(window.lookups.staff),
                                      me=window.lookups.current_staff_id)
    if choice is None:
        return
    folder = window.settings.get(keys.LAST_FOLDER) or str(Path.home())
    suggested = str(Path(folder) / f"casedesk-{choice.label}-{date.today():%Y-%m-%d}.ics")
    path, _filter = QFileDialog.getSaveFileName(window, "Export calendar", suggested,
                                                "iCalendar file (*.ics)")
    if not path:
        return
    if not path.lower().endswith(".ics"):
        path += ".ics"
    window.settings.set(keys.LAST_FOLDER, str(Path(path).parent))
    progress = _progress_dialog(window)

    def done(message: str) -> None:
        progress.finish()
        window.show_message(message)

    def failed(error: JobError) -> None:
        progress.finish()
        if isinstance(error.error, Cancelled):
            window.show_message("Export cancelled; nothing was written.")
        else:
            _failed(window, error)

    window.db.plain(write_calendar, Path(path), choice, progress=progress, on_done=done,
                    on_error=failed)


def _import(session: Any, *, case_id: uuid.UUID, data: bytes, dry_run: bool,
            actor_staff_id: uuid.UUID | None) -> Any:
    from casedesk.services.ics_io import import_ics

    return import_ics(session, case_id=case_id, data=data, dry_run=dry_run,
                      actor_staff_id=actor_staff_id)


def confirm_ics_import(window: QWidget, name: str, report: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Import calendar file",
                      f"{name}: this is what the import will do. Nothing has been changed "
                      "yet.", QMessageBox.StandardButton.Cancel, window)
    box.setDetailedText(report)
    box.setInformativeText(report.splitlines()[0] if report else "")
    box.addButton("Import", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return box.buttonRole(box.clickedButton()) is QMessageBox.ButtonRole.AcceptRole


def import_calendar_file(window: MainWindow, *, case: tuple[uuid.UUID, str] | None = None
                         ) -> None:
    """Pick an .ics file, show what importing it into the case would do, then do it."""
    target = case or _selected_case(window)
    if target is None:
        QMessageBox.information(window, "Import calendar file",
                                "Select the case the events belong to first (Cases pane), "
                                "then import the file into it.")
        return
    folder = window.settings.get(keys.LAST_FOLDER) or str(Path.home())
    path, _filter = QFileDialog.getOpenFileName(
        window, f"Import a calendar file into {target[1]}", folder,
        "iCalendar file (*.ics);;All files (*)")
    if not path:
        return
    window.settings.set(keys.LAST_FOLDER, str(Path(path).parent))
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        show_error(window, f"Cannot read {Path(path).name}: {exc.strerror or exc}")
        return
    me = window.lookups.current_staff_id

    def checked(result: Any) -> None:
        _changes, outcome = result
        if not confirm_ics_import(window, Path(path).name, "\n".join(outcome.report())):
            return
        window.db.write(_import, case_id=target[0], data=data, dry_run=False,
                        actor_staff_id=me,
                        on_done=lambda r: window.show_message(r[1].summary()),
                        on_error=lambda e: _failed(window, e))

    window.db.write(_import, case_id=target[0], data=data, dry_run=True, actor_staff_id=me,
                    on_done=checked, on_error=lambda e: _failed(window, e))
