"""Ask a client for a document (what, of whom, by when) and record that it came (when, and
which of the case's documents it is)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from casedesk.services.document_request_list import MAX_ITEM, DocumentRequestRow
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.correspondence_dialog import DocumentChoice, Person
from casedesk.ui.dialogs.fields import (
    OptionalDateEdit,
    char_width,
    id_combo,
    id_value,
    make_date_edit,
)

DEFAULT_DAYS = 14  # a new request's due date, once ticked: two weeks from asking


class RequestDialog(FormDialog):
    """A new or edited request: the item, when it was asked for, the due date, of whom."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        item: str
        requested_on: date
        due_on: date | None
        contact_id: uuid.UUID | None
        notes: str
        case_id: uuid.UUID | None = None
        request_id: uuid.UUID | None = None
        expected_version: int | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of document_requests.add_request (new) or edit_request
            (edit); the caller adds `actor_staff_id`."""
            kwargs: dict[str, Any] = {"item": self.item, "requested_on": self.requested_on,
                                      "due_on": self.due_on, "contact_id": self.contact_id,
                                      "notes": self.notes}
            if self.request_id is not None:
                return {"request_id": self.request_id,
                        "expected_version": self.expected_version, **kwargs}
            return {"case_id": self.case_id, **kwargs}

    def __init__(self, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
                 contacts: Sequence[Person], request: DocumentRequestRow | None = None,
                 default_contact: uuid.UUID | None = None, today: date | None = None) -> None:
        number = case_label.split(" · ")[0]
        title = "Edit document request" if request else "Request a document"
        super().__init__(parent, f"{title} — {number}" if number else title)
        self._request = request
        self._case_id = case_id
        today = today or date.today()
        self.item_edit = QLineEdit(request.item if request else "")
        self.item_edit.setMaxLength(MAX_ITEM)
        self.item_edit.setPlaceholderText("e.g. Bank statements, Jan–Jun 2026")
        self.item_edit.setMinimumWidth(char_width(self, 44))
        self.requested_edit = make_date_edit(request.requested_on if request else today)
        self.due_edit = OptionalDateEdit("Due by", request.due_on if request else None)
        self.due_edit.check.setAccessibleName("Has a due date")
        self.due_edit.edit.setAccessibleName("Due date")
        if request is None or request.due_on is None:
            self.due_edit.edit.setDate(fmt.to_qdate(today + timedelta(days=DEFAULT_DAYS)))
        self.contact_combo = id_combo([(p.id, p.label or p.name) for p in contacts],
                                      "Nobody in particular",
                                      request.contact_id if request else None,
                                      request.contact_name if request else "")
        if request is None and default_contact is not None:
            self.contact_combo.setCurrentIndex(max(0, self.contact_combo.findData(
                str(default_contact))))
        self.notes_edit = QPlainTextEdit(request.notes if request else "")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText("e.g. All pages, including the blank ones")
        self.notes_edit.setMinimumHeight(self.fontMetrics().height() * 4)
        self.notes_edit.setMaximumHeight(self.fontMetrics().height() * 8)

        self.add_row("&What is requested", self.item_edit, required=True)
        self.add_row("&Requested on", self.requested_edit, required=True)
        self.add_row("&Due", self.due_edit,
                     tip="Overdue requests show in red here and on the calendar")
        self.add_row("&Asked of", self.contact_combo,
                     tip="The party of this case who is to provide it (usually the client)")
        self.add_row("&Notes", self.notes_edit)
        widgets = (self.item_edit, self.requested_edit, self.due_edit, self.contact_combo,
                   self.notes_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.item_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        if not self.item_edit.text().strip():
            return "Say what is requested"
        due = self.due_edit.value()
        asked = fmt.to_date(self.requested_edit.date())
        if due is not None and due < asked:
            return "The due date is before the day it was requested"
        return ""

    def answer(self) -> RequestDialog.Answer:
        request = self._request
        return RequestDialog.Answer(
            item=" ".join(self.item_edit.text().split()),
            requested_on=fmt.to_date(self.requested_edit.date()),
            due_on=self.due_edit.value(), contact_id=id_value(self.contact_combo),
            notes=self.notes_edit.toPlainText().strip(),
            case_id=None if request else self._case_id,
            request_id=request.id if request else None,
            expected_version=request.version if request else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
            contacts: Sequence[Person], request: DocumentRequestRow | None = None,
            default_contact: uuid.UUID | None = None) -> RequestDialog.Answer | None:
        """A new request (of `default_contact` to start with), or edit `request`."""
        answer: RequestDialog.Answer | None = cls.run(cls(
            parent, case_id=case_id, case_label=case_label, contacts=contacts,
            request=request, default_contact=default_contact))
        return answer


class ReceivedDialog(FormDialog):
    """When a requested item came, and which document of the case it is (if filed)."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        request_id: uuid.UUID
        received_on: date
        document_id: uuid.UUID | None
        expected_version: int

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of document_requests.mark_received."""
            return {"request_id": self.request_id, "received_on": self.received_on,
                    "document_id": self.document_id,
                    "expected_version": self.expected_version}

    def __init__(self, parent: QWidget | None, *, request: DocumentRequestRow,
                 documents: Sequence[DocumentChoice], today: date | None = None) -> None:
        super().__init__(parent, f"Received: {request.item}")
        self._request = request
        self.save_button.setText("Mark received")
        self.received_edit = make_date_edit(request.received_on or today or date.today())
        choices = [(d.id, d.title + (f"  ·  {d.detail}" if d.detail else ""))
                   for d in documents]
        self.document_combo = id_combo(choices, "No document (not filed yet)",
                                       request.document_id, request.document_title)
        self.document_combo.setMinimumWidth(char_width(self, 44))
        self.add_row("&Received on", self.received_edit, required=True)
        self.add_row("&Document", self.document_combo,
                     tip="The document of this case that the client sent")
        self.form.addRow("", hint_label(
            "Add the file on the Documents tab first to link it here; you can also mark it "
            "received now and link it later with Mark received again."
            if not documents else "Pick the document the client sent, if it is in the "
            "case file."))
        self.watch(self.received_edit, self.document_combo)
        self.chain_tab_order(self.received_edit, self.document_combo)
        self.received_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        if fmt.to_date(self.received_edit.date()) < self._request.requested_on:
            return (f"It was requested on {fmt.day(self._request.requested_on)}; it cannot "
                    "have come before that")
        return ""

    def answer(self) -> ReceivedDialog.Answer:
        return ReceivedDialog.Answer(
            request_id=self._request.id, received_on=fmt.to_date(self.received_edit.date()),
            document_id=id_value(self.document_combo),
            expected_version=self._request.version)

    @classmethod
    def ask(cls, parent: QWidget | None, *, request: DocumentRequestRow,
            documents: Sequence[DocumentChoice]) -> ReceivedDialog.Answer | None:
        answer: ReceivedDialog.Answer | None = cls.run(cls(parent, request=request,
                                                           documents=documents))
        return answer
