"""Log or edit one entry of a case's correspondence: a call, meeting, letter, e-mail or court
notice, which way it went, when, between whom, what it was about, and the case's documents
that belong to it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import CorrespondenceKind, Direction
from casedesk.services.correspondence_list import CorrespondenceRow
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label, safe_icon
from casedesk.ui.dialogs.fields import char_width, id_combo, id_value, make_date_edit

MAX_SUBJECT = 500
FILTER_FROM = 8  # a filter field above the documents once a case has more than this many

# Words and icons for the kinds (colour is never the only sign; the icon is never alone).
KIND_WORDS: dict[CorrespondenceKind, str] = {
    CorrespondenceKind.CALL: "Call",
    CorrespondenceKind.MEETING: "Meeting",
    CorrespondenceKind.LETTER: "Letter",
    CorrespondenceKind.EMAIL: "E-mail",
    CorrespondenceKind.COURT_NOTICE: "Court notice",
    CorrespondenceKind.OTHER: "Other",
}
KIND_ICONS: dict[CorrespondenceKind, str] = {
    CorrespondenceKind.CALL: "phone",
    CorrespondenceKind.MEETING: "users",
    CorrespondenceKind.LETTER: "file-text",
    CorrespondenceKind.EMAIL: "mail",
    CorrespondenceKind.COURT_NOTICE: "gavel",
    CorrespondenceKind.OTHER: "sticky-note",
}
SUBJECT_HINTS: dict[CorrespondenceKind, str] = {
    CorrespondenceKind.CALL: "e.g. Client called about the settlement offer",
    CorrespondenceKind.MEETING: "e.g. Meeting to prepare the deposition",
    CorrespondenceKind.LETTER: "e.g. Letter to opposing counsel re discovery",
    CorrespondenceKind.EMAIL: "e.g. Documents for the mediation",
    CorrespondenceKind.COURT_NOTICE: "e.g. Notice of hearing on motion to dismiss",
    CorrespondenceKind.OTHER: "What it was about",
}


@dataclass(frozen=True, slots=True)
class DocumentChoice:
    """A document of the case that can be linked ("Complaint" · "complaint.pdf · 2 Mar")."""

    id: uuid.UUID
    title: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    """A choice in the contact or staff list: who, and how they show ("Jane Smith (Client)")."""

    id: uuid.UUID
    name: str
    label: str = ""


class OptionalTimeEdit(QWidget):
    """A time of day that may be absent ("Time" ticked, then HH:mm)."""

    changed = Signal()

    def __init__(self, value: time | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox("Time")
        self.check.setAccessibleName("Has a time")
        self.edit = QTimeEdit(QTime(9, 0) if value is None else QTime(value.hour, value.minute))
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setAccessibleName("Time")
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.timeChanged.connect(self.changed)
        self.setFocusProxy(self.check)

    def value(self) -> time | None:
        if not self.check.isChecked():
            return None
        qt = self.edit.time()
        return time(qt.hour(), qt.minute())

    def state(self) -> object:
        return self.value()

    def focus_chain(self) -> list[QWidget]:
        return [self.check, self.edit]


class _Direction(QWidget):
    """Incoming / Outgoing as two radio buttons (one click, both visible)."""

    changed = Signal()

    def __init__(self, value: Direction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.incoming = QRadioButton("&Incoming (to us)")
        self.outgoing = QRadioButton("&Outgoing (from us)")
        self.incoming.setIcon(safe_icon("download"))
        self.outgoing.setIcon(safe_icon("upload"))
        group = QButtonGroup(self)
        group.addButton(self.incoming)
        group.addButton(self.outgoing)
        layout.addWidget(self.incoming)
        layout.addWidget(self.outgoing)
        layout.addStretch(1)
        (self.incoming if value is Direction.INCOMING else self.outgoing).setChecked(True)
        self.incoming.toggled.connect(self.changed)
        self.setFocusProxy(self.incoming)

    def value(self) -> Direction:
        return Direction.INCOMING if self.incoming.isChecked() else Direction.OUTGOING

    def state(self) -> object:
        return self.value()

    def focus_chain(self) -> list[QWidget]:
        return [self.incoming, self.outgoing]


class CorrespondenceDialog(FormDialog):
    """New or edited correspondence entry; Save is the default, Esc asks before discarding."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        kind: CorrespondenceKind
        direction: Direction
        on_date: date
        at: datetime | None
        subject: str
        from_text: str
        to_text: str
        contact_id: uuid.UUID | None
        staff_id: uuid.UUID | None
        summary: str
        document_ids: tuple[uuid.UUID, ...]
        case_id: uuid.UUID | None = None
        correspondence_id: uuid.UUID | None = None
        expected_version: int | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of correspondence.add_correspondence (new) or
            edit_correspondence (edit); the caller adds `actor_staff_id`."""
            kwargs: dict[str, Any] = {
                "kind": self.kind, "direction": self.direction, "on_date": self.on_date,
                "at": self.at, "subject": self.subject, "from_text": self.from_text,
                "to_text": self.to_text, "contact_id": self.contact_id,
                "staff_id": self.staff_id, "summary": self.summary,
                "document_ids": list(self.document_ids)}
            if self.correspondence_id is not None:
                return {"correspondence_id": self.correspondence_id,
                        "expected_version": self.expected_version, **kwargs}
            return {"case_id": self.case_id, **kwargs}

    def __init__(self, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
                 contacts: Sequence[Person], staff: Sequence[Person],
                 documents: Sequence[DocumentChoice], entry: CorrespondenceRow | None = None,
                 kind: CorrespondenceKind = CorrespondenceKind.CALL,
                 direction: Direction = Direction.INCOMING,
                 default_staff: uuid.UUID | None = None,
                 default_contact: uuid.UUID | None = None, today: date | None = None) -> None:
        number = case_label.split(" · ")[0]
        kind = entry.kind if entry else kind
        title = (f"Edit {KIND_WORDS[kind].lower()}" if entry else
                 f"Log {'an' if kind is CorrespondenceKind.EMAIL else 'a'} "
                 f"{KIND_WORDS[kind].lower()}")
        super().__init__(parent, f"{title} — {number}" if number else title)
        self._entry = entry
        self._case_id = case_id
        self._contacts = {p.id: p for p in contacts}
        self._staff = {p.id: p for p in staff}
        self._auto: dict[int, str] = {}  # what the From/To fields were filled with
        local_at = entry.at.astimezone() if entry and entry.at else None

        self.kind_combo = QComboBox()
        for value, word in KIND_WORDS.items():
            self.kind_combo.addItem(safe_icon(KIND_ICONS[value]), word, value.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.direction_edit = _Direction(entry.direction if entry else direction)
        self.date_edit = make_date_edit(entry.on_date if entry else today or date.today())
        self.time_edit = OptionalTimeEdit(local_at.time() if local_at else None)
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.date_edit)
        when_row.addWidget(self.time_edit)
        when_row.addStretch(1)
        self.subject_edit = QLineEdit(entry.subject if entry else "")
        self.subject_edit.setMaxLength(MAX_SUBJECT)
        self.subject_edit.setMinimumWidth(char_width(self, 60))
        self.contact_combo = id_combo([(p.id, p.label or p.name) for p in contacts],
                                      "No contact", entry.contact_id if entry else None,
                                      entry.contact_name if entry else "")
        self.staff_combo = id_combo([(p.id, p.label or p.name) for p in staff], "Nobody",
                                    entry.staff_id if entry else None,
                                    entry.staff_name if entry else "")
        if entry is None:
            for combo, default in ((self.staff_combo, default_staff),
                                   (self.contact_combo, default_contact)):
                if default is not None:
                    combo.setCurrentIndex(max(0, combo.findData(str(default))))
        self.from_edit = QLineEdit(entry.from_text if entry else "")
        self.to_edit = QLineEdit(entry.to_text if entry else "")
        for edit in (self.from_edit, self.to_edit):
            edit.setPlaceholderText("Name, and an address or number if useful")
        self.summary_edit = QPlainTextEdit(entry.summary if entry else "")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setPlaceholderText("What was said or agreed, and what happens next")
        self.summary_edit.setMinimumHeight(self.fontMetrics().height() * 5)
        self.documents_box = self._documents_box(documents, entry)

        self.add_row("&Kind", self.kind_combo, required=True)
        self.add_row("Di&rection", self.direction_edit, required=True)
        self.add_row("&Date", when, required=True,
                     tip="The day it happened; tick “Time” to add the time of day")
        self.add_row("&Subject", self.subject_edit)
        self.add_row("&Contact", self.contact_combo,
                     tip="The party of this case it was with (the case's Parties tab)")
        self.add_row("S&taff", self.staff_combo, tip="Who at the firm handled it")
        self.add_row("&From", self.from_edit)
        self.add_row("T&o", self.to_edit)
        self.form.addRow("", hint_label("From and To fill in from the contact and staff member "
                                        "chosen; type over them to change them."))
        self.add_row("Su&mmary", self.summary_edit)
        self.add_row("Docu&ments", self.documents_box)
        watched = (self.kind_combo, self.direction_edit, self.date_edit, self.time_edit,
                   self.subject_edit, self.contact_combo, self.staff_combo, self.from_edit,
                   self.to_edit, self.summary_edit, self.documents)
        self.watch(*watched)
        self.chain_tab_order(self.kind_combo, self.direction_edit, self.date_edit,
                             self.time_edit, self.subject_edit, self.contact_combo,
                             self.staff_combo, self.from_edit, self.to_edit,
                             self.summary_edit, *self._document_chain())
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.direction_edit.changed, self.contact_combo.currentIndexChanged,
                       self.staff_combo.currentIndexChanged):
            signal.connect(self._autofill)
        self._kind_changed()
        if entry is None:
            self._autofill()
        (self.subject_edit if entry else self.kind_combo).setFocus()
        self.mark_clean()

    # -- building ----------------------------------------------------------------------------
    def _documents_box(self, documents: Sequence[DocumentChoice],
                       entry: CorrespondenceRow | None) -> QWidget:
        """The case's documents, ticked when linked; linked ones first, in their order."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.document_filter = QLineEdit()
        self.document_filter.setPlaceholderText("Filter the case's documents…")
        self.document_filter.setClearButtonEnabled(True)
        self.document_filter.setAccessibleName("Filter documents")
        self.documents = QListWidget()
        self.documents.setAccessibleName("Linked documents")
        self.documents.setUniformItemSizes(True)
        self.documents.setIconSize(QSize(16, 16))
        self.documents.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        linked = list(entry.documents) if entry else []
        linked_ids = {d.id for d in linked}
        choices = [DocumentChoice(d.id, d.title, d.file_name) for d in linked]
        choices += [d for d in documents if d.id not in linked_ids]
        for choice in choices:
            text = choice.title + (f"  ·  {choice.detail}" if choice.detail else "")
            item = QListWidgetItem(safe_icon("file-text"), text)
            item.setData(Qt.ItemDataRole.UserRole, str(choice.id))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if choice.id in linked_ids
                               else Qt.CheckState.Unchecked)
            item.setToolTip(text)
            self.documents.addItem(item)
        rows = min(max(len(choices), 3), 6)
        row_height = max(self.fontMetrics().height(), 16) + 6
        self.documents.setFixedHeight(row_height * rows + 2 * self.documents.frameWidth() + 4)
        self.document_filter.setVisible(len(choices) > FILTER_FROM)
        self.document_filter.textChanged.connect(self._filter_documents)
        self.documents_note = hint_label(
            "This case has no documents yet. Add them on the Documents tab, then link them "
            "here." if not choices else "Tick the documents that belong to it (the letter "
            "sent, the notes of the call…).")
        self.documents.setVisible(bool(choices))
        layout.addWidget(self.document_filter)
        layout.addWidget(self.documents)
        layout.addWidget(self.documents_note)
        return box

    def _document_chain(self) -> list[QWidget]:
        return [w for w in (self.document_filter, self.documents) if not w.isHidden()]

    def _filter_documents(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.documents.count()):
            item = self.documents.item(i)
            shown = all(w in item.text().casefold() for w in words) \
                or item.checkState() == Qt.CheckState.Checked
            item.setHidden(not shown)

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.subject_edit.setPlaceholderText(SUBJECT_HINTS[kind])

    def _autofill(self) -> None:
        """From/To from the contact and staff member, unless the user typed their own."""
        contact = self._contacts.get(id_value(self.contact_combo) or uuid.UUID(int=0))
        member = self._staff.get(id_value(self.staff_combo) or uuid.UUID(int=0))
        them = contact.name if contact else ""
        us = member.name if member else ""
        incoming = self.direction_edit.value() is Direction.INCOMING
        for edit, wanted in ((self.from_edit, them if incoming else us),
                             (self.to_edit, us if incoming else them)):
            current = edit.text()
            if current == "" or current == self._auto.get(id(edit)):
                with QSignalBlocker(edit):
                    edit.setText(wanted)
                self._auto[id(edit)] = wanted
        self.refresh()

    # -- reading the form ----------------------------------------------------------------------
    def kind(self) -> CorrespondenceKind:
        return CorrespondenceKind(self.kind_combo.currentData())

    def document_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(uuid.UUID(self.documents.item(i).data(Qt.ItemDataRole.UserRole))
                     for i in range(self.documents.count())
                     if self.documents.item(i).checkState() == Qt.CheckState.Checked)

    def _at(self, day: date) -> datetime | None:
        """The time as an aware instant in this computer's zone; an unchanged time keeps the
        exact instant it had (an e-mail's seconds are not lost by saving)."""
        chosen = self.time_edit.value()
        if chosen is None:
            return None
        entry = self._entry
        if entry is not None and entry.at is not None:
            local = entry.at.astimezone()
            if local.date() == day and (local.hour, local.minute) == (chosen.hour,
                                                                       chosen.minute):
                return entry.at
        return datetime.combine(day, chosen).astimezone()

    def validate(self) -> str:
        if not (self.subject_edit.text().strip() or self.summary_edit.toPlainText().strip()):
            return "Give a subject or a summary, so the log says what it was about"
        return ""

    def answer(self) -> CorrespondenceDialog.Answer:
        entry = self._entry
        day = fmt.to_date(self.date_edit.date())
        return CorrespondenceDialog.Answer(
            kind=self.kind(), direction=self.direction_edit.value(), on_date=day,
            at=self._at(day), subject=" ".join(self.subject_edit.text().split()),
            from_text=self.from_edit.text().strip(), to_text=self.to_edit.text().strip(),
            contact_id=id_value(self.contact_combo), staff_id=id_value(self.staff_combo),
            summary=self.summary_edit.toPlainText().strip(),
            document_ids=self.document_ids(),
            case_id=None if entry else self._case_id,
            correspondence_id=entry.id if entry else None,
            expected_version=entry.version if entry else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
            contacts: Sequence[Person], staff: Sequence[Person],
            documents: Sequence[DocumentChoice], entry: CorrespondenceRow | None = None,
            kind: CorrespondenceKind = CorrespondenceKind.CALL,
            direction: Direction = Direction.INCOMING,
            default_staff: uuid.UUID | None = None,
            default_contact: uuid.UUID | None = None) -> CorrespondenceDialog.Answer | None:
        """A new entry of `kind` (with the staff member and contact given to start with), or
        edit `entry`; None when cancelled."""
        answer: CorrespondenceDialog.Answer | None = cls.run(cls(
            parent, case_id=case_id, case_label=case_label, contacts=contacts, staff=staff,
            documents=documents, entry=entry, kind=kind, direction=direction,
            default_staff=default_staff, default_contact=default_contact))
        return answer

