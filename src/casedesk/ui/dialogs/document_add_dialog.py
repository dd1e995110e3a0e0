"""Add files as documents: which case (unless added from a case), and the category, tags and
flags for the whole batch; a single file can be given its title here too."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from casedesk.domain.enums import DocumentCategory
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.document_dialog import (
    MAX_TITLE,
    FlagBoxes,
    category_combo,
    split_tags,
    tags_edit,
    tags_problem,
)
from casedesk.ui.dialogs.fields import char_width, enum_value
from casedesk.ui.models.document_table_model import size_text
from casedesk.ui.widgets.calendar_case_picker import CaseChoice, CasePicker, SearchCases

SHOWN_FILES = 6


def title_from(file_name: str) -> str:
    """The title a file gets unless one is typed (as services.documents makes it)."""
    stem = file_name.rpartition(".")[0] or file_name
    return " ".join(stem.replace("_", " ").split()) or file_name


@dataclass(frozen=True, slots=True)
class FileInfo:
    """A file about to be added: its name and size (read before the dialog opens)."""

    path: Path
    size: int


class AddDocumentsDialog(FormDialog):
    """One question for a batch of files."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        case_id: uuid.UUID
        case_label: str
        title: str  # "" unless one file was added and its title typed
        category: DocumentCategory
        tags: tuple[str, ...]
        privileged: bool
        confidential: bool

    def __init__(self, parent: QWidget | None, *, files: list[FileInfo],
                 case: CaseChoice | None, case_fixed: bool,
                 search_cases: SearchCases | None) -> None:
        count = len(files)
        noun = "document" if count == 1 else f"{count} documents"
        super().__init__(parent, f"Add {noun}" + (f" to {case[1]}" if case and case_fixed
                                                  else ""))
        self.save_button.setText("Add")
        self._files = files
        names = [f.path.name for f in files[:SHOWN_FILES]]
        if count > SHOWN_FILES:
            names.append(f"and {count - SHOWN_FILES} more")
        total = sum(f.size for f in files)
        self.files_label = QLabel("\n".join(names))
        self.files_label.setWordWrap(True)
        self.files_label.setToolTip("\n".join(str(f.path) for f in files))
        self.add_row("Files", self.files_label)
        self.body_layout.addWidget(hint_label(
            f"{count} file{'s' if count != 1 else ''}, {size_text(total)}. casedesk keeps its "
            "own copy; the originals are not changed or moved."))

        self.case_picker = CasePicker(search_cases, placeholder="Type a case number, title or "
                                      "client")
        self.case_picker.setMinimumWidth(char_width(self, 40))
        if case is not None:
            self.case_picker.set_case(*case)
        self.case_picker.setReadOnly(case_fixed)
        self.add_row("&Case", self.case_picker, required=True)
        self.title_edit = QLineEdit(title_from(files[0].path.name) if count == 1 else "")
        self.title_edit.setMaxLength(MAX_TITLE)
        if count == 1:
            self.add_row("&Title", self.title_edit, required=True)
        self.category_combo = category_combo()
        self.add_row("C&ategory", self.category_combo,
                     tip="For every file added now (each can be changed later)")
        self.tags_edit = tags_edit()
        self.add_row("T&ags", self.tags_edit)
        self.flags = FlagBoxes()
        self.add_row("Flags", self.flags)

        widgets: list[QWidget] = [self.case_picker]
        if count == 1:
            widgets.append(self.title_edit)
        widgets += [self.category_combo, self.tags_edit, self.flags.privileged,
                    self.flags.confidential]
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        (self.case_picker if case is None else
         self.title_edit if count == 1 else self.category_combo).setFocus()
        self.mark_clean()

    def is_dirty(self) -> bool:
        return False  # nothing typed here is worth a "discard?" question

    def validate(self) -> str:
        if self.case_picker.case_id() is None:
            if self.case_picker.pending_text():
                return "Choose the case from the list"
            return "Choose the case the documents belong to"
        if len(self._files) == 1 and not self.title_edit.text().strip():
            return "Title is required"
        return tags_problem(self.tags_edit.text())

    def answer(self) -> AddDocumentsDialog.Answer:
        choice = self.case_picker.choice()
        assert choice is not None  # validate() checked it
        return AddDocumentsDialog.Answer(
            case_id=choice[0], case_label=choice[1],
            title=self.title_edit.text().strip() if len(self._files) == 1 else "",
            category=enum_value(self.category_combo, DocumentCategory),
            tags=tuple(split_tags(self.tags_edit.text())),
            privileged=self.flags.privileged.isChecked(),
            confidential=self.flags.confidential.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, *, files: list[FileInfo], case: CaseChoice | None,
            case_fixed: bool = False,
            search_cases: SearchCases | None = None) -> AddDocumentsDialog.Answer | None:
        """Show the dialog; the answer, or None if cancelled."""
        answer: AddDocumentsDialog.Answer | None = cls.run(
            cls(parent, files=files, case=case, case_fixed=case_fixed,
                search_cases=search_cases))
        return answer
