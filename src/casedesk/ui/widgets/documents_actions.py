"""What a user can do with documents: add files, add a version, edit, delete, open, show in
folder, export a copy. Each asks with a dialog, then works on the DB worker; a failed add
leaves nothing behind (the files it put in the store are removed again)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.ask import confirm as _confirm
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.calendar_case_picker import CaseChoice, case_search

confirm = _confirm  # re-exported so tests can answer it here


class DocumentLike(Protocol):
    """What the list row and the detail row both carry."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def title(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def current_version(self) -> int: ...
    @property
    def file_name(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def case_number(self) -> str: ...


@dataclass(frozen=True, slots=True)
class VersionRef:
    """One version's bytes: enough to open, show or export it."""

    document_id: uuid.UUID
    number: int
    sha256: str
    file_name: str


def _discard_unrecorded(session: Any, store: Any, stored: Sequence[Any]) -> None:
    """After a failed add: remove the files it newly stored that no record points at."""
    from casedesk.services.documents import blob_recorded, discard_new

    discard_new(store, stored, lambda sha: blob_recorded(session, sha))


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class DocumentActions(QObject):
    """Opens the dialogs for document work and submits it to the DB worker."""

    status_message = Signal(str)
    busy_changed = Signal(str)  # what is running ("Adding 3 files…"), "" when done
    documents_added = Signal(list)  # ids of the new documents
    version_added = Signal(object)  # document id

    def __init__(self, db: Database, parent: QWidget, *,
                 actor: Callable[[], uuid.UUID | None] | None = None,
                 settings: Settings | None = None,
                 cache_root: Callable[[], Path] | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._parent = parent
        self._actor = actor or (lambda: None)
        self._settings = settings
        self._cache_root = cache_root
        self.busy = ""

    # -- helpers ---------------------------------------------------------------------------
    @property
    def store(self) -> Any:
        from casedesk.persistence.blob_store import BlobStore

        return BlobStore(self._db.location.documents_dir)

    def cache_root(self) -> Path:
        if self._cache_root is not None:
            return self._cache_root()
        from casedesk.ui.document_files import default_cache_root

        return default_cache_root()

    def _set_busy(self, text: str) -> None:
        self.busy = text
        self.busy_changed.emit(text)

    def _error(self, error: JobError, *, prefix: str = "") -> None:
        self.status_message.emit(prefix + error.message)
        error_dialog.show_error(self._parent, prefix + error.message, error.details)

    def _last_folder(self) -> str:
        return self._settings.get(keys.LAST_FOLDER) if self._settings else ""

    def _remember_folder(self, path: Path) -> None:
        if self._settings is not None:
            self._settings.set(keys.LAST_FOLDER, str(path.parent))

    # -- adding ----------------------------------------------------------------------------
    def choose_files(self) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(
            self._parent, "Add documents", self._last_folder(), "All files (*)")
        paths = [Path(n) for n in names]
        if paths:
            self._remember_folder(paths[0])
        return paths

    def add_files(self, paths: Sequence[Path], *, case: CaseChoice | None,
                  case_fixed: bool = False) -> None:
        """Ask for the case (unless fixed) and the batch's category and flags, then add."""
        from casedesk.ui.dialogs.document_add_dialog import AddDocumentsDialog, FileInfo

        if self.busy:
            self.status_message.emit(f"Wait a moment: {self.busy[0].lower()}{self.busy[1:]}")
            return
        if not paths:
            return
        try:
            files = [FileInfo(Path(p), Path(p).stat().st_size) for p in paths]
        except OSError as exc:
            error_dialog.show_error(self._parent, f"“{Path(exc.filename or '').name}” cannot "
                                    "be read, so nothing was added.", repr(exc))
            return
        answer = AddDocumentsDialog.ask(self._parent, files=files, case=case,
                                        case_fixed=case_fixed,
                                        search_cases=case_search(self._db))
        if answer is None:
            return
        from casedesk.services.documents import DocumentMeta, store_files

        meta = DocumentMeta(title=answer.title, category=answer.category, tags=answer.tags,
                            privileged=answer.privileged, confidential=answer.confidential,
                            source="file")
        number = answer.case_label.split(" · ")[0]
        self._set_busy(f"Adding {_plural(len(files), 'file')} to {number}…")
        paths = [f.path for f in files]
        self._db.call(store_files, self.store, paths,
                      on_done=if_alive(self, partial(self._record_new, answer.case_id, number,
                                                     meta, paths)),
                      on_error=if_alive(self, self._add_failed))

    def _record_new(self, case_id: uuid.UUID, number: str, meta: Any, paths: list[Path],
                    stored: list[Any]) -> None:
        from casedesk.services.documents import NewFile, add_documents

        files = [NewFile(stored=s, file_name=p.name, meta=meta)
                 for s, p in zip(stored, paths, strict=True)]

        def done(result: tuple[Any, list[uuid.UUID]]) -> None:
            self._set_busy("")
            ids = list(result[1])
            self.status_message.emit(f"Added {_plural(len(ids), 'document')} to {number}.")
            self.documents_added.emit(ids)

        self._db.write(add_documents, case_id=case_id, files=files,
                       actor_staff_id=self._actor(), on_done=if_alive(self, done),
                       on_error=if_alive(self, partial(self._undo_store, stored)))

    def _undo_store(self, stored: list[Any], error: JobError) -> None:
        """Recording failed: take the newly stored files out again, then say so."""
        report = if_alive(self, partial(self._add_failed, error))
        self._db.read(_discard_unrecorded, self.store, stored,
                      on_done=lambda _r: report(), on_error=lambda _e: report())

    def _add_failed(self, error: JobError, *_ignored: Any) -> None:
        self._set_busy("")
        self._error(error, prefix="Nothing was added. ")

    # -- versions --------------------------------------------------------------------------
    def choose_file(self, title: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self._parent, f"New version of “{title}”", self._last_folder(), "All files (*)")
        if not name:
            return None
        self._remember_folder(Path(name))
        return Path(name)

    def new_version(self, doc: DocumentLike, path: Path | None = None) -> None:
        """Add a file as the next version of a document (every earlier one is kept)."""
        from casedesk.ui.dialogs.document_version_dialog import VersionDialog

        if self.busy:
            self.status_message.emit(f"Wait a moment: {self.busy[0].lower()}{self.busy[1:]}")
            return
        path = path or self.choose_file(doc.title)
        if path is None:
            return
        answer = VersionDialog.ask(self._parent, title=doc.title,
                                   current_version=doc.current_version, path=path)
        if answer is None:
            return
        from casedesk.services.documents import store_files

        self._set_busy(f"Adding version {doc.current_version + 1} of {doc.title}…")
        self._db.call(store_files, self.store, [path],
                      on_done=if_alive(self, partial(self._record_version, doc, path,
                                                     answer.note)),
                      on_error=if_alive(self, self._add_failed))

    def _record_version(self, doc: DocumentLike, path: Path, note: str,
                        stored: list[Any]) -> None:
        from casedesk.services.documents import add_version

        def done(_changes: Any) -> None:
            self._set_busy("")
            self.status_message.emit(f"Added version {doc.current_version + 1} of {doc.title}.")
            self.version_added.emit(doc.id)

        self._db.write(add_version, document_id=doc.id, stored=stored[0], file_name=path.name,
                       note=note, expected_version=doc.version, actor_staff_id=self._actor(),
                       on_done=if_alive(self, done),
                       on_error=if_alive(self, partial(self._undo_store, stored)))

    # -- editing and deleting ------------------------------------------------------------------
    def edit(self, doc: Any) -> None:
        """Edit a document's description (`doc` is the detail's DocumentRow)."""
        from casedesk.services.documents import edit_document
        from casedesk.ui.dialogs.document_dialog import DocumentDialog

        answer = DocumentDialog.ask(self._parent, document=doc)
        if answer is None:
            return
        title = answer.meta.title
        self._db.write(edit_document, document_id=answer.document_id, meta=answer.meta,
                       expected_version=answer.expected_version, actor_staff_id=self._actor(),
                       on_done=if_alive(self, lambda _r: self.status_message.emit(
                           f"Saved “{title}”.")),
                       on_error=if_alive(self, self._error))

    def delete(self, doc: DocumentLike) -> None:
        from casedesk.services.documents import delete_document

        versions = doc.current_version
        kept = "Its file and history are kept" if versions == 1 else \
            f"Its {versions} versions and history are kept"
        if not confirm(self._parent, "Delete document", f"Delete “{doc.title}” from "
                       f"{doc.case_number}?", f"{kept}; an administrator can restore it.",
                       "Delete"):
            return
        title = doc.title
        self._db.write(delete_document, document_id=doc.id, actor_staff_id=self._actor(),
                       on_done=if_alive(self, lambda _r: self.status_message.emit(
                           f"Deleted “{title}”.")),
                       on_error=if_alive(self, self._error))

    # -- files out -----------------------------------------------------------------------------
    def _cached(self, ref: VersionRef, then: Callable[[Path], None]) -> None:
        from casedesk.ui.document_files import cached_copy

        job = partial(cached_copy, self.store, ref.sha256, document_id=ref.document_id,
                      number=ref.number, file_name=ref.file_name, root=self.cache_root())
        self._db.call(job, on_done=if_alive(self, then), on_error=if_alive(self, self._error))

    def open_version(self, ref: VersionRef) -> None:
        """Open a read-only copy with the system's application for its type."""
        from casedesk.ui import document_files

        def opened(path: Path) -> None:
            if document_files.open_with_system(path):
                self.status_message.emit(f"Opened {path.name} (a read-only copy; save "
                                         "changes as a new version).")
            else:
                error_dialog.show_error(
                    self._parent, f"No application on this computer opens “{path.name}”. "
                    "Use Export a copy… and open it from there.", str(path))

        self._cached(ref, opened)

    def reveal_version(self, ref: VersionRef) -> None:
        """Show the read-only copy in the file manager."""
        from casedesk.ui import document_files

        def reveal(path: Path) -> None:
            if document_files.reveal_in_folder(path):
                self.status_message.emit(f"Showing {path.name} in its folder.")
            else:
                error_dialog.show_error(self._parent, "The file manager could not be started.",
                                        str(path))

        self._cached(ref, reveal)

    def choose_export_path(self, file_name: str) -> Path | None:
        from casedesk.services.documents import safe_file_name

        start = Path(self._last_folder() or Path.home()) / safe_file_name(file_name)
        name, _filter = QFileDialog.getSaveFileName(self._parent, "Export a copy", str(start))
        return Path(name) if name else None

    def export_version(self, ref: VersionRef) -> None:
        """Save a copy of a version's exact bytes where the user chooses."""
        from casedesk.ui.document_files import export_copy

        target = self.choose_export_path(ref.file_name)
        if target is None:
            return
        self._remember_folder(target)
        self._db.call(export_copy, self.store, ref.sha256, ref.file_name, target,
                      on_done=if_alive(self, lambda p: self.status_message.emit(
                          f"Exported a copy to {p}.")),
                      on_error=if_alive(self, self._error))
