"""Edit a document's description: title, category, tags, privileged/confidential, author, dates,
source. (Its files are never edited: a change is a new version.)"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from casedesk.domain.enums import DocumentCategory
from casedesk.services.documents import MAX_TAG_LEN, MAX_TAGS, DocumentMeta, DocumentRow
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import OptionalDateEdit, char_width, enum_combo, enum_value

MAX_TITLE = 300
PRIVILEGED_TIP = ("Attorney-client privileged or work product: withheld from production and "
                  "listed on a privilege log")
CONFIDENTIAL_TIP = "Confidential: shared only under the protective order or with the client"


def split_tags(text: str) -> list[str]:
    """Tags as typed: separated by commas or semicolons, spaces tidied, empty ones dropped."""
    return [" ".join(part.split()) for part in re.split(r"[,;]", text) if part.strip()]


def tags_problem(text: str) -> str:
    """What is wrong with the typed tags ('' when fine)."""
    tags = split_tags(text)
    if len({t.casefold() for t in tags}) > MAX_TAGS:
        return f"At most {MAX_TAGS} tags"
    long = next((t for t in tags if len(t) > MAX_TAG_LEN), None)
    if long is not None:
        return f"The tag “{long[:20]}…” is longer than {MAX_TAG_LEN} characters"
    return ""


def category_combo(current: DocumentCategory = DocumentCategory.OTHER) -> QComboBox:
    combo = enum_combo(DocumentCategory, current)
    combo.setMaxVisibleItems(len(DocumentCategory))
    return combo


def tags_edit(tags: Sequence[str] = ()) -> QLineEdit:
    edit = QLineEdit(", ".join(tags))
    edit.setPlaceholderText("e.g. discovery, deposition")
    edit.setToolTip("Separate tags with commas")
    edit.setMinimumWidth(char_width(edit, 36))
    return edit


class FlagBoxes(QWidget):
    """The two flags side by side, with what each means in a tooltip."""

    def __init__(self, privileged: bool = False, confidential: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.privileged = QCheckBox("&Privileged")
        self.privileged.setToolTip(PRIVILEGED_TIP)
        self.privileged.setChecked(privileged)
        self.confidential = QCheckBox("C&onfidential")
        self.confidential.setToolTip(CONFIDENTIAL_TIP)
        self.confidential.setChecked(confidential)
        layout.addWidget(self.privileged)
        layout.addWidget(self.confidential)
        layout.addStretch(1)
        self.setFocusProxy(self.privileged)


class DocumentDialog(FormDialog):
    """Edit the description of one document."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        document_id: uuid.UUID
        expected_version: int
        meta: DocumentMeta

    def __init__(self, parent: QWidget | None, *, document: DocumentRow) -> None:
        super().__init__(parent, f"Edit document “{document.title}”")
        self._document = document
        self.title_edit = QLineEdit(document.title)
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setMinimumWidth(char_width(self, 44))
        self.category_combo = category_combo(document.category)
        self.tags_edit = tags_edit(document.tags)
        self.flags = FlagBoxes(document.privileged, document.confidential)
        self.author_edit = QLineEdit(document.author)
        self.author_edit.setMaxLength(200)
        self.author_edit.setPlaceholderText("Who wrote or signed it")
        self.date_edit = OptionalDateEdit("Dated", document.document_date)
        self.received_edit = OptionalDateEdit("Received", document.received_on)
        self.sent_edit = OptionalDateEdit("Sent", document.sent_on)
        self.source_edit = QLineEdit(document.source)
        self.source_edit.setMaxLength(300)
        self.source_edit.setPlaceholderText("e.g. client e-mail, opposing counsel, court")

        self.add_row("&Title", self.title_edit, required=True)
        self.add_row("&Category", self.category_combo)
        self.add_row("T&ags", self.tags_edit)
        self.add_row("Flags", self.flags)
        self.add_row("A&uthor", self.author_edit)
        self.add_row("&Document date", self.date_edit,
                     tip="The date written on the document")
        self.add_row("&Received", self.received_edit, tip="When the firm received it")
        self.add_row("S&ent", self.sent_edit, tip="When the firm sent it out")
        self.add_row("&Source", self.source_edit)
        file_line = f"{document.file_name} · version {document.current_version}"
        self.body_layout.addWidget(hint_label(
            f"File: {file_line}. To change the file itself, add a new version."))

        widgets = (self.title_edit, self.category_combo, self.tags_edit, self.flags.privileged,
                   self.flags.confidential, self.author_edit, self.date_edit,
                   self.received_edit, self.sent_edit, self.source_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.title_edit.setFocus()
        self.title_edit.selectAll()
        self.mark_clean()

    def validate(self) -> str:
        if not self.title_edit.text().strip():
            return "Title is required"
        return tags_problem(self.tags_edit.text())

    def answer(self) -> DocumentDialog.Answer:
        doc = self._document
        meta = DocumentMeta(
            title=self.title_edit.text().strip(),
            category=enum_value(self.category_combo, DocumentCategory),
            tags=tuple(split_tags(self.tags_edit.text())),
            privileged=self.flags.privileged.isChecked(),
            confidential=self.flags.confidential.isChecked(),
            author=self.author_edit.text().strip(), document_date=self.date_edit.value(),
            received_on=self.received_edit.value(), sent_on=self.sent_edit.value(),
            source=self.source_edit.text().strip())
        return DocumentDialog.Answer(document_id=doc.id, expected_version=doc.version,
                                     meta=meta)

    @classmethod
    def ask(cls, parent: QWidget | None, *,
            document: DocumentRow) -> DocumentDialog.Answer | None:
        """Show the dialog; the answer, or None if cancelled."""
        answer: DocumentDialog.Answer | None = cls.run(cls(parent, document=document))
        return answer
