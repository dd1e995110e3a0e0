"""A new version of a document (a note says what changed), and the question a file dropped on a
document asks: new version of it, or a new document?"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget

from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import char_width

VERSION = "version"
NEW_DOCUMENT = "new"


class VersionDialog(FormDialog):
    """Confirm the file and say what changed in this version."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        note: str

    def __init__(self, parent: QWidget | None, *, title: str, current_version: int,
                 path: Path) -> None:
        super().__init__(parent, f"New version of “{title}”")
        self.save_button.setText("Add version")
        file_label = QLabel(path.name)
        file_label.setToolTip(str(path))
        self.add_row("File", file_label)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(500)
        self.note_edit.setMinimumWidth(char_width(self, 44))
        self.note_edit.setPlaceholderText("e.g. signed copy, opposing counsel's redline")
        self.add_row("&What changed", self.note_edit)
        kept = ("version 1 is kept" if current_version == 1
                else "versions 1 and 2 are kept" if current_version == 2
                else f"versions 1 to {current_version} are kept")
        self.body_layout.addWidget(hint_label(
            f"This becomes version {current_version + 1}; {kept} and can still be opened."))
        self.watch(self.note_edit)
        self.chain_tab_order(self.note_edit)
        self.note_edit.setFocus()
        self.mark_clean()

    def answer(self) -> VersionDialog.Answer:
        return VersionDialog.Answer(note=self.note_edit.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, current_version: int,
            path: Path) -> VersionDialog.Answer | None:
        """Show the dialog; the answer, or None if cancelled."""
        answer: VersionDialog.Answer | None = cls.run(
            cls(parent, title=title, current_version=current_version, path=path))
        return answer


def ask_version_or_new(parent: QWidget | None, *, title: str, file_name: str) -> str | None:
    """VERSION, NEW_DOCUMENT, or None (Cancel, the default and Esc)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Add file",
                      f"Add “{file_name}” as a new version of “{title}”?", parent=parent)
    box.setInformativeText("A new version keeps every earlier one. Or add the file as a "
                           "document of its own.")
    version = box.addButton("New version", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("New document", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is version:
        return VERSION
    if clicked is new:
        return NEW_DOCUMENT
    return None
