"""New contact / Edit contact: a person or organization, with the other names it goes by."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import ContactKind
from casedesk.domain.rows import ContactRow
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import char_width, is_valid_email

ALIAS_HINT = "Maiden names, trading names, former names: used by conflict checks"


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class ContactDialog(FormDialog):
    """Create or edit a contact; aliases are one per line and feed the conflict search."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        kind: ContactKind
        name: str
        aliases: tuple[str, ...]
        email: str
        phone: str
        address: str
        organization: str
        notes: str
        contact_id: uuid.UUID | None = None
        expected_version: int | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `contacts.create_contact` or `contacts.update_contact`."""
            kwargs: dict[str, Any] = {
                "name": self.name, "kind": self.kind, "aliases": list(self.aliases),
                "email": self.email, "phone": self.phone, "address": self.address,
                "organization": self.organization, "notes": self.notes,
            }
            if self.contact_id is None:
                return kwargs
            return {"contact_id": self.contact_id, "expected_version": self.expected_version,
                    **kwargs}

    def __init__(self, parent: QWidget | None, *, contact: ContactRow | None = None,
                 name: str = "") -> None:
        super().__init__(parent, f"Edit contact {contact.name}" if contact else "New contact")
        self._contact = contact

        kind_box = QWidget()
        kind_layout = QHBoxLayout(kind_box)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        self.person_radio = QRadioButton("&Person")
        self.organization_radio = QRadioButton("Or&ganization")
        self._kind_group = QButtonGroup(self)
        for radio in (self.person_radio, self.organization_radio):
            self._kind_group.addButton(radio)
            kind_layout.addWidget(radio)
        kind_layout.addStretch(1)
        is_org = contact is not None and contact.kind is ContactKind.ORGANIZATION
        (self.organization_radio if is_org else self.person_radio).setChecked(True)

        self.name_edit = QLineEdit(contact.name if contact else name)
        self.name_edit.setMaxLength(500)
        self.name_edit.setMinimumWidth(char_width(self, 36))

        alias_box = QWidget()
        alias_layout = QVBoxLayout(alias_box)
        alias_layout.setContentsMargins(0, 0, 0, 0)
        self.aliases_edit = QPlainTextEdit("\n".join(contact.aliases) if contact else "")
        self.aliases_edit.setTabChangesFocus(True)
        self.aliases_edit.setPlaceholderText("One name per line")
        self.aliases_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.alias_hint = hint_label(ALIAS_HINT)
        alias_layout.addWidget(self.aliases_edit)
        alias_layout.addWidget(self.alias_hint)

        self.email_edit = QLineEdit(contact.email if contact else "")
        self.email_edit.setMaxLength(200)
        self.email_edit.setPlaceholderText("name@example.com")
        self.phone_edit = QLineEdit(contact.phone if contact else "")
        self.phone_edit.setMaxLength(100)
        self.address_edit = QPlainTextEdit(contact.address if contact else "")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.organization_edit = QLineEdit(contact.organization if contact else "")
        self.organization_edit.setMaxLength(300)
        self.notes_edit = QPlainTextEdit(contact.notes if contact else "")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        kind_label = self.add_row("Kind", kind_box)
        kind_label.setBuddy(self.person_radio)
        self.add_row("&Name", self.name_edit, required=True)
        self.add_row("&Also known as", alias_box)
        alias_box.setFocusProxy(self.aliases_edit)
        self.add_row("&E-mail", self.email_edit)
        self.add_row("P&hone", self.phone_edit)
        self.add_row("A&ddress", self.address_edit)
        self.add_row("&Organization", self.organization_edit,
                     tip="For a person: the company or firm they work for")
        self.add_row("No&tes", self.notes_edit)

        widgets = (self.person_radio, self.organization_radio, self.name_edit,
                   self.aliases_edit, self.email_edit, self.phone_edit, self.address_edit,
                   self.organization_edit, self.notes_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.name_edit.textChanged.connect(self._update_hint)
        self.name_edit.setFocus()
        self.mark_clean()

    def _update_hint(self) -> None:
        old = self._contact.name if self._contact else ""
        new = self.name_edit.text().strip()
        if old and new and new != old:
            self.alias_hint.setText(f"{ALIAS_HINT}. “{old}” will be kept as a former name.")
        else:
            self.alias_hint.setText(ALIAS_HINT)

    def validate(self) -> str:
        if not self.name_edit.text().strip():
            return "Name is required"
        if not is_valid_email(self.email_edit.text()):
            return "Not a valid e-mail address"
        return ""

    def answer(self) -> ContactDialog.Answer:
        contact = self._contact
        kind = (ContactKind.ORGANIZATION if self.organization_radio.isChecked()
                else ContactKind.PERSON)
        return ContactDialog.Answer(
            kind=kind, name=self.name_edit.text().strip(),
            aliases=_lines(self.aliases_edit.toPlainText()),
            email=self.email_edit.text().strip(), phone=self.phone_edit.text().strip(),
            address=self.address_edit.toPlainText().strip(),
            organization=self.organization_edit.text().strip(),
            notes=self.notes_edit.toPlainText().strip(),
            contact_id=contact.id if contact else None,
            expected_version=contact.version if contact else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *, contact: ContactRow | None = None,
            name: str = "") -> ContactDialog.Answer | None:
        """Show the dialog (`name` prefills a new contact); the answer, or None if cancelled."""
        answer: ContactDialog.Answer | None = cls.run(cls(parent, contact=contact, name=name))
        return answer
