"""Add or edit a note on a case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from casedesk.domain.rows import NoteRow
from casedesk.ui.dialogs.base import FormDialog
from casedesk.ui.dialogs.fields import char_width


class NoteDialog(FormDialog):
    """A free-text note; Ctrl+Enter saves (Enter makes a new line)."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        text: str
        case_id: uuid.UUID | None = None
        author_staff_id: uuid.UUID | None = None
        note_id: uuid.UUID | None = None
        expected_version: int | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `notes.add_note` (new) or `notes.edit_note` (edit).

            A new note's `case_id` and `author_staff_id` are included only when the dialog
            was given them; otherwise the caller adds them.
            """
            if self.note_id is not None:
                return {"note_id": self.note_id, "text": self.text,
                        "expected_version": self.expected_version}
            kwargs: dict[str, Any] = {"text": self.text}
            if self.case_id is not None:
                kwargs["case_id"] = self.case_id
            if self.author_staff_id is not None:
                kwargs["author_staff_id"] = self.author_staff_id
            return kwargs

    def __init__(self, parent: QWidget | None, *, case_id: uuid.UUID | None = None,
                 note: NoteRow | None = None, author_staff_id: uuid.UUID | None = None,
                 case_number: str = "") -> None:
        where = f" on case {case_number}" if case_number else ""
        super().__init__(parent, ("Edit note" if note else "New note") + where)
        self._note = note
        self._case_id = case_id
        self._author = author_staff_id
        self.text_edit = QPlainTextEdit(note.text if note else "")
        self.text_edit.setPlaceholderText("What happened, what was agreed, what comes next…")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumSize(char_width(self, 60), self.fontMetrics().height() * 12)
        self.add_row("&Note", self.text_edit, required=True,
                     tip="Ctrl+Enter saves the note")
        self.watch(self.text_edit)
        self.chain_tab_order(self.text_edit)
        self.text_edit.moveCursor(QTextCursor.MoveOperation.End)  # carry on writing
        self.text_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        if not self.text_edit.toPlainText().strip():
            return "The note is empty: write something to save"
        return ""

    def answer(self) -> NoteDialog.Answer:
        note = self._note
        return NoteDialog.Answer(
            text=self.text_edit.toPlainText().strip(),
            case_id=note.case_id if note else self._case_id,
            author_staff_id=self._author,
            note_id=note.id if note else None,
            expected_version=note.version if note else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *, case_id: uuid.UUID | None = None,
            note: NoteRow | None = None, author_staff_id: uuid.UUID | None = None,
            case_number: str = "") -> NoteDialog.Answer | None:
        """A new note, or edit `note`; None when cancelled."""
        answer: NoteDialog.Answer | None = cls.run(cls(
            parent, case_id=case_id, note=note, author_staff_id=author_staff_id,
            case_number=case_number))
        return answer
