"""Saved e-mails (.eml) into a case from the GUI, on the DB worker, in the steps
services/eml_import.py describes: read and check every file (one bad file refuses the lot,
naming it), put the files in the document store, record everything in one transaction. The
files a failed import stored, and those of messages skipped as already imported, are taken out
of the store again. The report says what was imported and skipped, and why."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.correspondence_model import DIRECTION_WORDS
from casedesk.ui.models.paged_rows_model import if_alive

show_error = error_dialog.show_error  # module-level so tests can answer it


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def eml_paths(urls: Sequence[QUrl]) -> list[Path]:
    """The local .eml files among dropped URLs."""
    return [Path(u.toLocalFile()) for u in urls
            if u.isLocalFile() and u.toLocalFile().lower().endswith(".eml")]


def _discard_unrecorded(session: Any, store: Any, stored: Sequence[Any]) -> None:
    """Remove files this import put in the store that no record points at."""
    from casedesk.services.documents import blob_recorded, discard_new

    discard_new(store, stored, lambda sha: blob_recorded(session, sha))


class EmlImporter(QObject):
    """Runs one import at a time into a case and reports how it went."""

    status_message = Signal(str)
    busy_changed = Signal(str)  # "Importing 3 e-mails into 2026-CV-0142…", "" when done
    imported = Signal(object)  # EmlImportResult (after the write; the report follows)

    def __init__(self, db: Database, parent: QWidget, *,
                 actor: Callable[[], uuid.UUID | None] | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._parent = parent
        self._actor = actor or (lambda: None)
        self.busy = ""

    @property
    def store(self) -> Any:
        from casedesk.persistence.blob_store import BlobStore

        return BlobStore(self._db.location.documents_dir)

    def import_files(self, case_id: uuid.UUID, case_number: str, paths: Sequence[Path]) -> None:
        """Read, store and record these files as the case's correspondence."""
        from casedesk.services.eml_import import load_eml_files

        if not paths:
            return
        if self.busy:
            self.status_message.emit(f"Wait a moment: {self.busy[0].lower()}{self.busy[1:]}")
            return
        self._set_busy(f"Importing {_plural(len(paths), 'e-mail')} into {case_number}…")
        self._db.call(load_eml_files, list(paths),
                      on_done=if_alive(self, partial(self._store, case_id)),
                      on_error=if_alive(self, self._failed))

    def _store(self, case_id: uuid.UUID, emails: list[Any]) -> None:
        from casedesk.services.eml_import import store_emails

        self._db.call(store_emails, self.store, emails,
                      on_done=if_alive(self, partial(self._record, case_id)),
                      on_error=if_alive(self, self._failed))

    def _record(self, case_id: uuid.UUID, prepared: list[Any]) -> None:
        from casedesk.services.eml_import import record_emails, stored_by

        stored = stored_by(prepared)

        def done(result: tuple[Changes, Any]) -> None:
            # The files of skipped messages (already in the case) are not needed.
            self._db.read(_discard_unrecorded, self.store, stored, on_error=lambda _e: None)
            self._set_busy("")
            report = result[1]
            self.status_message.emit(import_summary(report))
            self.imported.emit(report)
            show_import_report(self._parent, report)

        def failed(error: JobError) -> None:
            report = if_alive(self, partial(self._failed, error))
            self._db.read(_discard_unrecorded, self.store, stored,
                          on_done=lambda _r: report(), on_error=lambda _e: report())

        self._db.write(record_emails, case_id=case_id, emails=prepared,
                       actor_staff_id=self._actor(), on_done=if_alive(self, done),
                       on_error=failed)

    def _failed(self, error: JobError) -> None:
        self._set_busy("")
        message = error.message if "nothing was imported" in error.message.lower() \
            else f"Nothing was imported. {error.message}"
        self.status_message.emit(message)
        show_error(self._parent, message, error.details)

    def _set_busy(self, text: str) -> None:
        self.busy = text
        self.busy_changed.emit(text)


# -- the report -----------------------------------------------------------------------------------
def import_summary(report: Any) -> str:
    """'Imported 2 e-mails with 3 attachments into 2026-CV-0142; 1 skipped.'"""
    imported = report.count("import")
    skipped = report.count("skip")
    if not imported:
        are = "the e-mail is" if skipped == 1 else "the e-mails are"
        return f"Nothing new to import: {are} already in {report.case_number}."
    attachments = report.attachment_count
    files = f" with {_plural(attachments, 'attachment')}" if attachments else ""
    text = f"Imported {_plural(imported, 'e-mail')}{files} into {report.case_number}"
    return text + (f"; {skipped} skipped." if skipped else ".")


def report_line(line: Any) -> str:
    """One message: 'Imported: Mon 2 Mar 2026 · In · “Subject” from … [file.eml]'."""
    verb = "Imported" if line.action == "import" else "Skipped"
    files = f", {_plural(line.attachments, 'attachment')}" if line.attachments else ""
    note = f" — {line.note}" if line.note else ""
    return (f"{verb}: {fmt.day(line.on_date)} · {DIRECTION_WORDS[line.direction]} · "
            f"“{line.subject or '(no subject)'}” from {line.from_text}{files} "
            f"[{line.source_name}]{note}")


REPORT_COLUMNS = ("Result", "Date", "In/out", "Subject", "From", "Attachments", "File", "Note")


def report_dialog(parent: QWidget | None, report: Any) -> QDialog:
    """The report as a dialog: the summary, then one row per message (a word and an icon for
    what happened to it, and why when it was skipped)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(f"E-mail import — {report.case_number}")
    dialog.setSizeGripEnabled(True)
    summary = QLabel(import_summary(report))
    summary.setTextFormat(Qt.TextFormat.PlainText)
    summary.setWordWrap(True)
    font = summary.font()
    font.setBold(True)
    summary.setFont(font)
    tree = QTreeWidget()
    tree.setObjectName("report")
    tree.setAccessibleName("What happened to each e-mail")
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setHeaderLabels(list(REPORT_COLUMNS))
    icons = {"import": safe_icon("check-circle-2", style.ok_color()),
             "skip": safe_icon("circle-alert")}
    for line in report.lines:
        item = QTreeWidgetItem([
            "Imported" if line.action == "import" else "Skipped", fmt.day(line.on_date),
            DIRECTION_WORDS[line.direction], line.subject or "(no subject)", line.from_text,
            str(line.attachments) if line.attachments else "", line.source_name, line.note])
        item.setIcon(0, icons.get(line.action, icons["skip"]))
        item.setToolTip(3, line.subject)
        item.setToolTip(7, line.note)
        tree.addTopLevelItem(item)
    header = tree.header()
    header.setStretchLastSection(True)
    for column in range(len(REPORT_COLUMNS) - 1):
        tree.resizeColumnToContents(column)
    chars = max(1, tree.fontMetrics().horizontalAdvance("x"))
    for column, most in ((3, 40), (4, 30)):  # subject and sender elide past this
        tree.setColumnWidth(column, min(tree.columnWidth(column), most * chars))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(summary)
    layout.addWidget(tree, 1)
    layout.addWidget(buttons)
    rows = min(max(len(report.lines), 3), 12)
    dialog.resize(min(sum(tree.columnWidth(c) for c in range(len(REPORT_COLUMNS)))
                      + 40 * chars, 150 * chars),
                  tree.sizeHintForRow(0) * rows + 12 * summary.fontMetrics().height())
    return dialog


def show_import_report(parent: QWidget | None, report: Any) -> None:
    """What the import did, message by message (tests answer this instead)."""
    dialog = report_dialog(parent, report)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
