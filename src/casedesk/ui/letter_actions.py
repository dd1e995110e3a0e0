"""Writing a letter for a case, from wherever it is asked for (the case's header, its
Correspondence and Requests tabs, Edit ▸ Write letter…): what the dialog offers is read on the DB
worker, then the letter dialog opens beside the window (not modal: the case stays readable)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.letter_choices import (
    REQUEST_TEMPLATE_FILE,
    LetterChoices,
    load_letter_choices,
)
from casedesk.ui.dialogs.letter_dialog import LetterDialog
from casedesk.ui.models.paged_rows_model import if_alive


class LetterActions(QObject):
    """Opens the letter dialog for a case (from its header, its Correspondence and Requests
    tabs, or Edit ▸ Write letter…) once what it offers has been read on the worker."""

    status_message = Signal(str)
    saved = Signal(object)  # the new document's id

    def __init__(self, db: Database, parent: QWidget, *,
                 actor: Callable[[], uuid.UUID | None] | None = None,
                 cache_root: Callable[[], Path] | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._parent = parent
        self._actor = actor or (lambda: None)
        self._cache_root = cache_root
        self.dialog: LetterDialog | None = None  # the one opened last

    def write_letter(self, case_id: uuid.UUID, template: str = "") -> None:
        """Open the dialog for this case, `template` (a name or file name) chosen."""
        self._db.read(load_letter_choices, case_id,
                      on_done=if_alive(self, partial(self._open, template)),
                      on_error=if_alive(self, self._error))

    def request_letter(self, case_id: uuid.UUID) -> None:
        """The letter listing what the client has still to provide."""
        self.write_letter(case_id, REQUEST_TEMPLATE_FILE)

    def _open(self, template: str, choices: LetterChoices) -> None:
        from casedesk.persistence.blob_store import BlobStore

        # The case's responsible attorney signs, else whoever is at the desk.
        dialog = LetterDialog(self._parent, db=self._db, choices=choices,
                              store=BlobStore(self._db.location.documents_dir),
                              template=template,
                              sender=choices.case.responsible_staff_id or self._actor(),
                              actor=self._actor, cache_root=self._cache_root)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.status_message.connect(self.status_message)
        dialog.saved.connect(self.saved)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _error(self, error: JobError) -> None:
        self.status_message.emit(error.message)
        error_dialog.show_error(self._parent, error.message, error.details)
