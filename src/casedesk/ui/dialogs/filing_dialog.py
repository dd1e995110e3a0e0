"""New or edit a filing package: its title, court, the deadline it satisfies, notes, and its
documents in filing order (add from the case, remove, move, label "Exhibit A").

The dialog edits a copy and the tab saves it in one unit of work (`services/filing_edits`), so
Cancel changes nothing. Once a filing has gone to the court its documents are the record of
what was filed: they are shown but can no longer change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from casedesk.domain.enums import FilingStatus
from casedesk.domain.rows import EventRow
from casedesk.services.document_list import DocumentListRow
from casedesk.services.filing_edits import PackageDocument
from casedesk.services.filings import FilingRow
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import char_width
from casedesk.ui.dialogs.filing_items import PackageEditor, PackageEntry
from casedesk.ui.dialogs.filing_picker import DocumentPickerDialog

DOCUMENTS_EDITABLE = frozenset({FilingStatus.DRAFT, FilingStatus.READY})
DEADLINE_EDITABLE = frozenset({*DOCUMENTS_EDITABLE, FilingStatus.REJECTED})


@dataclass(frozen=True)
class FilingAnswer:
    """What the dialog was saved with."""

    title: str
    court: str
    deadline_event_id: uuid.UUID | None
    notes: str
    documents: tuple[PackageDocument, ...] = field(default=())

    def as_kwargs(self) -> dict[str, Any]:
        return {"title": self.title, "court": self.court,
                "deadline_event_id": self.deadline_event_id, "notes": self.notes,
                "documents": self.documents}


def deadline_text(event: EventRow) -> str:
    """ "Mon 6 Jul 2026 · Answer due (in 3 days)"; "… (done)" for one no longer pending."""
    if event.is_pending:
        when = fmt.due_text(event.day).partition(" (")[2].rstrip(")")  # "in 3 days"
    else:
        when = fmt.enum_label(event.status).lower()
    return f"{fmt.day(event.day)} · {event.title} ({when})"


class FilingDialog(FormDialog):
    """Create or change a filing package of one case."""

    Answer = FilingAnswer

    def __init__(self, parent: QWidget | None, *, case_label: str, case_court: str,
                 documents: Sequence[DocumentListRow], deadlines: Sequence[EventRow],
                 filing: FilingRow | None = None, previous: FilingAnswer | None = None
                 ) -> None:
        number = case_label.split(" · ")[0]
        super().__init__(parent, f"Edit filing – {filing.title}" if filing is not None
                         else f"New filing – {number}")
        self._filing = filing
        self._case_label = case_label
        self._documents = list(documents)
        status = filing.status if filing is not None else FilingStatus.DRAFT
        self._status = status

        if filing is not None:
            intro = hint_label(f"{case_label} · {fmt.enum_label(status)}")
        else:
            intro = hint_label(f"{case_label}. A filing package is the set of this case's "
                               "documents filed together with the court, in order, with a "
                               "cover letter and index. It starts as a draft.")
        self.body_layout.insertWidget(0, intro)

        self.title_edit = QLineEdit(filing.title if filing else "")
        self.title_edit.setPlaceholderText("e.g. Answer and affirmative defenses")
        self.title_edit.setMaxLength(300)
        self.title_edit.setMinimumWidth(char_width(self, 48))
        self.add_row("&Title", self.title_edit, required=True,
                     tip="What is being filed, as the court and the firm call it")
        self.court_edit = QLineEdit(filing.court if filing else case_court)
        self.court_edit.setMaxLength(200)
        self.court_edit.setPlaceholderText("The court it is filed with")
        self.add_row("C&ourt", self.court_edit, tip="Defaults to the case's court")
        self.deadline_combo = QComboBox()
        self.deadline_combo.addItem("No deadline", "")
        current = filing.deadline_event_id if filing else None
        for event in sorted(deadlines, key=lambda e: (e.day, e.title)):
            if event.is_pending or event.id == current:
                self.deadline_combo.addItem(deadline_text(event), str(event.id))
        if current is not None and self.deadline_combo.findData(str(current)) < 0:
            self.deadline_combo.addItem(filing.deadline_title if filing and
                                        filing.deadline_title else "(deadline removed)",
                                        str(current))
        self.deadline_combo.setCurrentIndex(max(0, self.deadline_combo.findData(
            str(current) if current else "")))
        self.deadline_combo.setEnabled(status in DEADLINE_EDITABLE)
        self.add_row("&Deadline it satisfies", self.deadline_combo,
                     tip="Submitting the filing marks this deadline done (a rejection sets it "
                         "back to scheduled)" if status in DEADLINE_EDITABLE else
                         "Fixed once the filing was submitted")
        self.notes_edit = QPlainTextEdit(filing.notes if filing else "")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.add_row("&Notes", self.notes_edit)

        self.package = PackageEditor()
        self.package.set_editable(status in DOCUMENTS_EDITABLE)
        entries = [PackageEntry(document_id=i.document_id, title=i.title,
                                file_name=i.file_name, size=i.size, label=i.label,
                                deleted=i.document_deleted)
                   for i in (filing.items if filing else ())]
        self.package.model.set_entries(entries)
        heading = QLabel("Documents, in filing order:")
        heading.setBuddy(self.package.view)
        self.body_layout.addSpacing(6)
        self.body_layout.addWidget(heading)
        self.body_layout.addWidget(self.package, 1)
        self.body_layout.addWidget(hint_label(
            "Drag a row, or select it and press Ctrl+Up / Ctrl+Down, to change the order. "
            "Double-click a label to name the document in the package (“Exhibit A”); "
            "without one, its title is used." if status in DOCUMENTS_EDITABLE else
            "To change the documents of a rejected filing, set it back to draft first "
            "(Status…)." if status is FilingStatus.REJECTED else
            "These are the documents as filed: the record of what went to the court, they "
            "can no longer change."))
        self.package.add_requested.connect(self.add_documents)
        self.watch(self.title_edit, self.court_edit, self.deadline_combo, self.notes_edit,
                   self.package)
        self.chain_tab_order(self.title_edit, self.court_edit, self.deadline_combo,
                             self.notes_edit, self.package)
        self.mark_clean()  # the filing as stored: Cancel after a failed save asks first
        if previous is not None:
            self._prefill(previous, entries)
            self.refresh()

    def _prefill(self, previous: FilingAnswer, entries: list[PackageEntry]) -> None:
        self.title_edit.setText(previous.title)
        self.court_edit.setText(previous.court)
        self.notes_edit.setPlainText(previous.notes)
        index = self.deadline_combo.findData(str(previous.deadline_event_id)
                                             if previous.deadline_event_id else "")
        if index >= 0:
            self.deadline_combo.setCurrentIndex(index)
        known = {e.document_id: e for e in entries}
        known.update({d.id: PackageEntry.of_document(d) for d in self._documents
                      if d.id not in known})
        self.package.model.set_entries([
            PackageEntry(document_id=d.document_id, title=known[d.document_id].title,
                         file_name=known[d.document_id].file_name,
                         size=known[d.document_id].size, label=d.label,
                         deleted=known[d.document_id].deleted)
            for d in previous.documents if d.document_id in known])

    # -- documents -------------------------------------------------------------------------
    def available_documents(self) -> list[DocumentListRow]:
        """The case's documents that are not in the package yet."""
        present = {e.document_id for e in self.package.model.entries}
        return [d for d in self._documents if d.id not in present]

    def add_documents(self) -> None:
        chosen = DocumentPickerDialog.ask(self, self.available_documents(), self._case_label)
        if chosen:
            self.package.add([PackageEntry.of_document(d) for d in chosen])
            self.package.view.setFocus()

    # -- answer ----------------------------------------------------------------------------
    def validate(self) -> str:
        if not self.title_edit.text().strip():
            return "Give the filing a title."
        count = self.package.model.rowCount()
        if self._status is FilingStatus.READY and count == 0:
            return ("A ready filing needs at least one document (set it back to draft with "
                    "Status… to empty it).")
        if any(e.deleted for e in self.package.model.entries) and \
                self._status in DOCUMENTS_EDITABLE:
            return "Remove the documents marked deleted; they are no longer in the case."
        return ""

    def answer(self) -> FilingAnswer:
        data = self.deadline_combo.currentData()
        return FilingAnswer(
            title=" ".join(self.title_edit.text().split()),
            court=self.court_edit.text().strip(),
            deadline_event_id=uuid.UUID(data) if data else None,
            notes=self.notes_edit.toPlainText().strip(),
            documents=tuple(PackageDocument(e.document_id, e.label)
                            for e in self.package.model.entries))

    @classmethod
    def ask(cls, parent: QWidget | None, **kwargs: Any) -> FilingAnswer | None:
        """Show the dialog; the answer when saved, None when cancelled."""
        result: FilingAnswer | None = cls.run(cls(parent, **kwargs))
        return result
