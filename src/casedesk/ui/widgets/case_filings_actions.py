"""What a user can do with a case's filing packages: new, edit, status, cover letter, export,
delete. Each asks with a dialog, then works on the DB worker; the export writes a folder or a
zip with progress and Cancel (a cancelled or failed export leaves nothing behind)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from casedesk.domain.errors import Cancelled, NotFound
from casedesk.services.filing_rows import FilingRow
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.ask import confirm as _confirm
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import settings_of

confirm = _confirm  # re-exported so tests can answer it here
MAX_DOCUMENTS_LISTED = 5000  # a case's documents offered to a package


@dataclass(frozen=True)
class CaseRef:
    """The case a tab shows: its id, "2026-CV-0142 · Smith v. Acme" and its court."""

    id: uuid.UUID
    label: str
    court: str = ""

    @property
    def number(self) -> str:
        return self.label.split(" · ")[0]


def load_choices(reader: Any, case_id: uuid.UUID) -> tuple[list[Any], list[Any]]:
    """The case's documents (by title) and deadlines, for the filing dialog (plain SQL)."""
    from casedesk.services import document_list, event_list

    documents = document_list.document_page(
        reader, document_list.DocumentFilter(case_id=case_id, sort="title", descending=False),
        offset=0, limit=MAX_DOCUMENTS_LISTED)
    deadlines = [e for e in event_list.case_events(reader, case_id) if e.is_deadline]
    return documents, deadlines


def tell_exported(parent: QWidget, message: str, target: Path) -> None:
    """Say where the package went, with a button that shows it in the file manager."""
    from casedesk.ui.document_files import reveal_in_folder

    box = QMessageBox(QMessageBox.Icon.Information, "Filing package exported", message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    show = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is show:
        reveal_in_folder(target)
    box.deleteLater()


def free_folder(parent: Path, name: str) -> Path:
    """`parent/name`, or `parent/name (2)`… when that is taken (an export never merges)."""
    target = parent / name
    n = 2
    while target.exists() or target.is_symlink():
        target = parent / f"{name} ({n})"
        n += 1
    return target


class ExportProgress(QObject):
    """Between the worker writing the package and the progress dialog (GUI thread only)."""

    moved = Signal(int, int)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.cancel = threading.Event()
        self.live = True
        self.moved.connect(self._show)
        dialog.canceled.connect(self.cancel.set)

    def progress(self, done: int, total: int) -> None:
        """Called on the worker: only emits (queued to the GUI thread)."""
        self.moved.emit(done, total)

    def cancelled(self) -> bool:
        return self.cancel.is_set()

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        if self.live and not self.cancel.is_set():
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def finish(self) -> None:
        self.live = False
        self.dialog.hide()
        self.dialog.deleteLater()


class FilingActions(QObject):
    """Opens the filing dialogs for one case's tab and submits the work to the DB worker."""

    status_message = Signal(str)
    saved = Signal(object)  # the id of the filing just created or changed

    def __init__(self, db: Database, parent: QWidget,
                 actor: Callable[[], uuid.UUID | None] | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._parent = parent
        self._actor = actor or (lambda: None)

    @property
    def store(self) -> Any:
        from casedesk.persistence.blob_store import BlobStore

        return BlobStore(self._db.location.documents_dir)

    def _error(self, error: JobError, prefix: str = "") -> None:
        self.status_message.emit(prefix + error.message)
        show_error(self._parent, prefix + error.message, error.details)

    # -- new and edit ------------------------------------------------------------------------
    def new_filing(self, case: CaseRef) -> None:
        self._open(case, None)

    def edit_filing(self, case: CaseRef, filing_id: uuid.UUID) -> None:
        self._open(case, filing_id)

    def _open(self, case: CaseRef, filing_id: uuid.UUID | None, previous: Any = None) -> None:
        """Read what the dialog offers, then the filing itself (if any), then ask."""
        from casedesk.services.filings import get_filing

        def with_filing(choices: tuple[list[Any], list[Any]], filing: FilingRow | None) -> None:
            self._ask(case, filing, choices, previous)

        def with_choices(choices: tuple[list[Any], list[Any]]) -> None:
            if filing_id is None:
                with_filing(choices, None)
                return
            self._db.read(get_filing, filing_id,
                          on_done=if_alive(self, partial(with_filing, choices)),
                          on_error=if_alive(self, self._error))

        self._db.plain(load_choices, case.id, on_done=if_alive(self, with_choices),
                       on_error=if_alive(self, self._error))

    def _ask(self, case: CaseRef, filing: FilingRow | None,
             choices: tuple[list[Any], list[Any]], previous: Any) -> None:
        from casedesk.services.filing_edits import save_filing
        from casedesk.ui.dialogs.filing_dialog import FilingDialog

        documents, deadlines = choices
        answer = FilingDialog.ask(self._parent, case_label=case.label, case_court=case.court,
                                  documents=documents, deadlines=deadlines, filing=filing,
                                  previous=previous)
        if answer is None:
            return
        filing_id = filing.id if filing is not None else None

        def done(result: tuple[Any, uuid.UUID]) -> None:
            self.status_message.emit(f"Filing “{answer.title}” saved"
                                     + (" (draft)" if filing is None else ""))
            self.saved.emit(result[1])

        def failed(error: JobError) -> None:
            self._error(error, "Nothing was saved. ")
            if not isinstance(error.error, NotFound):  # let them fix it without retyping
                self._open(case, filing_id, answer)

        self._db.write(save_filing, case_id=case.id, filing_id=filing_id,
                       expected_version=filing.version if filing is not None else None,
                       actor_staff_id=self._actor(), **answer.as_kwargs(),
                       on_done=if_alive(self, done), on_error=if_alive(self, failed))

    # -- status ------------------------------------------------------------------------------
    def change_status(self, filing_id: uuid.UUID) -> None:
        from casedesk.services.filings import get_filing

        self._db.read(get_filing, filing_id, on_done=if_alive(self, self._ask_status),
                      on_error=if_alive(self, self._error))

    def _ask_status(self, filing: FilingRow) -> None:
        from casedesk.domain.enums import label
        from casedesk.services.filing_status import set_confirmation, set_status
        from casedesk.ui.dialogs.filing_status_dialog import FilingStatusDialog

        answer = FilingStatusDialog.ask(self._parent, filing=filing)
        if answer is None:
            return
        if answer.status is None:
            message = f"Confirmation number of “{filing.title}” recorded"
        else:
            message = f"“{filing.title}” is now {label(answer.status).lower()}"

        def done(_result: object) -> None:
            self.status_message.emit(message)
            self.saved.emit(filing.id)

        on_done = if_alive(self, done)
        on_error = if_alive(self, partial(self._error, prefix="Nothing was changed. "))
        if answer.status is None:
            self._db.write(set_confirmation, filing_id=filing.id,
                           expected_version=filing.version, actor_staff_id=self._actor(),
                           confirmation_number=answer.confirmation_number,
                           on_done=on_done, on_error=on_error)
            return
        self._db.write(set_status, filing_id=filing.id, expected_version=filing.version,
                       actor_staff_id=self._actor(), status=answer.status, on=answer.on,
                       confirmation_number=answer.confirmation_number, reason=answer.reason,
                       note=answer.note, on_done=on_done, on_error=on_error)

    # -- cover letter --------------------------------------------------------------------------
    def cover_letter(self, filing_id: uuid.UUID) -> None:
        from casedesk.services.filings import get_filing
        from casedesk.services.letters import list_templates

        def read(session: Any) -> tuple[FilingRow, list[Any], list[Any], uuid.UUID | None]:
            from casedesk.domain.models import Case
            from casedesk.services.staff import list_staff

            filing = get_filing(session, filing_id)
            case = session.get(Case, filing.case_id)
            return (filing, list_templates(session), list_staff(session, include_inactive=False),
                    case.responsible_staff_id if case is not None else None)

        self._db.read(read, on_done=if_alive(self, lambda r: self._ask_cover(*r)),
                      on_error=if_alive(self, self._error))

    def _ask_cover(self, filing: FilingRow, templates: list[Any], staff: list[Any],
                   responsible: uuid.UUID | None) -> None:
        from casedesk.services.filing_edits import save_cover
        from casedesk.ui.dialogs.filing_cover_dialog import CoverLetterDialog

        store = self.store
        # The case's responsible attorney signs letters to the court, else whoever is at the desk.
        draft = CoverLetterDialog.ask(self._parent, db=self._db, filing=filing,
                                      templates=templates, store=store, staff=staff,
                                      sender=responsible or self._actor())
        if draft is None:
            return

        def done(_result: Any) -> None:
            self.status_message.emit(f"Cover letter of “{filing.title}” saved to the case "
                                     "(Documents and Correspondence)")
            self.saved.emit(filing.id)

        self._db.write(save_cover, store=store, filing_id=filing.id, draft=draft,
                       actor_staff_id=self._actor(), on_done=if_alive(self, done),
                       on_error=if_alive(self, partial(self._error,
                                                       prefix="The cover letter was not "
                                                              "saved. ")))

    # -- export ------------------------------------------------------------------------------
    def export(self, filing: FilingRow, *, as_zip: bool) -> None:
        """Ask where, then write the package on the worker with progress and Cancel."""
        from casedesk.services.documents import safe_file_name

        settings = settings_of(self._parent)
        folder = (settings.get(keys.LAST_FOLDER) if settings else "") or str(Path.home())
        name = safe_file_name(f"{filing.case_number} {filing.title}", fallback="filing")
        if as_zip:
            path, _filter = QFileDialog.getSaveFileName(
                self._parent, "Export filing package as a zip file",
                str(Path(folder) / f"{name}.zip"), "Zip file (*.zip)")
            if not path:
                return
            target = Path(path if path.lower().endswith(".zip") else path + ".zip")
        else:
            chosen = QFileDialog.getExistingDirectory(
                self._parent, "Export filing package: choose where to put its folder", folder)
            if not chosen:
                return
            target = free_folder(Path(chosen), name)
        if settings is not None:
            settings.set(keys.LAST_FOLDER, str(target.parent))
        self._write(filing, target, as_zip=as_zip)

    def _write(self, filing: FilingRow, target: Path, *, as_zip: bool) -> None:
        from casedesk.services.filing_export import package_plan, write_package

        dialog = QProgressDialog(f"Exporting “{filing.title}”…", "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Export filing package")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        bridge = ExportProgress(dialog)
        self.status_message.emit(f"Exporting “{filing.title}”…")

        def failed(error: JobError) -> None:
            bridge.finish()
            if isinstance(error.error, Cancelled):
                self.status_message.emit("Export cancelled; nothing was written.")
            else:
                self._error(error, "The package was not exported. ")

        def written(result: Any) -> None:
            bridge.finish()
            noun = "document" if result.files == 1 else "documents"
            extra = " and the cover letter" if any(
                n.startswith("00 - Cover letter") for n in result.names) else ""
            message = (f"Exported “{filing.title}” ({result.files} {noun}{extra}, with an "
                       f"index) to {result.target}")
            self.status_message.emit(message)
            tell_exported(self._parent, message, result.target)

        def planned(plan: Any) -> None:
            if bridge.cancelled():
                failed(JobError("Cancelled", "", False, Cancelled()))
                return
            self._db.call(partial(write_package, self.store, plan, target, as_zip=as_zip,
                                  progress=bridge.progress, cancelled=bridge.cancelled),
                          on_done=if_alive(self, written), on_error=if_alive(self, failed))

        self._db.read(package_plan, filing.id, on_done=if_alive(self, planned),
                      on_error=if_alive(self, failed))

    # -- delete ------------------------------------------------------------------------------
    def delete(self, filing: FilingRow) -> None:
        from casedesk.services.filings import delete_filing

        if not confirm(self._parent, "Delete filing", f"Delete the filing “{filing.title}”?",
                       "Only the package goes: its documents stay in the case, and a "
                       "generated cover letter stays a document of the case.", "Delete"):
            return
        self._db.write(delete_filing, filing_id=filing.id, expected_version=filing.version,
                       actor_staff_id=self._actor(),
                       on_done=if_alive(self, lambda _r: self.status_message.emit(
                           f"Filing “{filing.title}” deleted")),
                       on_error=if_alive(self, partial(self._error,
                                                       prefix="Nothing was deleted. ")))
