"""A filing's cover letter: pick a template and who signs it, see the letter filled for this
filing, then save it to the case (as a document and a logged letter) as its cover letter.

The letter is filled on the DB worker each time the template changes; what is shown is exactly
what is saved."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from casedesk.services.filings import FilingRow
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.base import hint_label
from casedesk.ui.dialogs.letter_parts import (
    LatestRead,
    LetterPreview,
    combo_id,
    fill_staff_combo,
    fill_template_combo,
)

COVER_TEMPLATE_FILE = "court_filing_cover_letter.docx"


class CoverLetterDialog(QDialog):
    """Template, preview, Save to case."""

    def __init__(self, parent: QWidget | None, *, db: Database, filing: FilingRow,
                 templates: Sequence[Any], store: Any, staff: Sequence[Any] = (),
                 sender: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Cover letter – {filing.title}")
        self._db = db
        self._filing = filing
        self._store = store
        self._templates = list(templates)
        self._fills = LatestRead(self, db)
        self.draft: Any = None
        self.template_combo = QComboBox()
        self.template_combo.setAccessibleName("Template")
        fill_template_combo(self.template_combo, self._templates,
                            preferred=lambda t: t.file_name == COVER_TEMPLATE_FILE)
        self.description = hint_label("")
        self.sender_combo = QComboBox()
        self.sender_combo.setAccessibleName("Signed by")
        fill_staff_combo(self.sender_combo, staff, sender)
        form = QFormLayout()
        form.addRow("&Template:", self.template_combo)
        form.addRow("", self.description)
        form.addRow("&Signed by:", self.sender_combo)
        self.preview = LetterPreview()
        heading = QLabel("&Preview (the letter is saved exactly like this, as a Word file):")
        heading.setBuddy(self.preview)
        note = ("It replaces the filing's present cover letter (which stays a document of the "
                "case). " if filing.cover_document_id else "")
        self.footer = hint_label(
            note + "Saved as a correspondence document of the case and logged as an outgoing "
            "letter; an export puts it first, as “00 - Cover letter.docx”.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("Save to case",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(heading)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.footer)
        layout.addWidget(self.buttons)
        # Room for a letter page, within the screen (1280x800 at 200 % is 640x400).
        wanted = QSize(self.fontMetrics().horizontalAdvance("x") * 96,
                       self.fontMetrics().lineSpacing() * 36)
        screen = self.screen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size() * 0.9)
        self.resize(wanted.expandedTo(self.minimumSizeHint()))
        self.template_combo.currentIndexChanged.connect(lambda _i: self.fill())
        self.sender_combo.currentIndexChanged.connect(lambda _i: self.fill())
        self.fill()

    @property
    def loading(self) -> bool:
        return self.draft is None and self.preview.toPlainText().startswith("Filling")

    def fill(self) -> None:
        """Fill the chosen template for the filing on the worker; the preview follows."""
        from casedesk.services.filing_edits import prepare_cover

        index = self.template_combo.currentIndex()
        if not 0 <= index < len(self._templates):
            return
        info = self._templates[index]
        self.description.setText(info.description)
        self.description.setVisible(bool(info.description))
        self.draft = None
        self.save_button.setEnabled(False)
        self.preview.show_busy(f"Filling “{info.name}” for this filing…")
        self._fills.read(prepare_cover, store=self._store, filing_id=self._filing.id,
                         template=info.name, sender_staff_id=combo_id(self.sender_combo),
                         on_done=self._filled, on_error=self._failed)

    def _filled(self, result: tuple[Any, str]) -> None:
        self.draft, text = result
        self.preview.show_letter(text)
        self.save_button.setEnabled(True)

    def _failed(self, error: JobError) -> None:
        self.draft = None
        self.preview.show_failure(error, what="This template",
                                  next_step="Choose another template, or fix this one in Word "
                                  "and add it again under File ▸ Letter templates.")
        self.save_button.setEnabled(False)

    def accept(self) -> None:
        if self.draft is not None:
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, **kwargs: Any) -> Any:
        """The prepared letter (a LetterDraft) to save, or None when cancelled."""
        dialog = cls(parent, **kwargs)
        try:
            return dialog.draft if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
