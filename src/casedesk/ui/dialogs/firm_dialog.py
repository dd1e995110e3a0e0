"""The firm's own details: name, address, contact, default time zone and currency."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from casedesk.domain.rows import FirmRow
from casedesk.ui.dialogs.base import FormDialog
from casedesk.ui.dialogs.fields import (
    CURRENCIES,
    TimeZoneCombo,
    char_width,
    is_valid_email,
    time_zone_problem,
)

DEFAULT_TIME_ZONE = "America/New_York"
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


class FirmDialog(FormDialog):
    """First-run set-up of the firm, and later "Firm details…"."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        name: str
        address: str
        phone: str
        email: str
        time_zone: str
        currency: str

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `firm.save_firm`."""
            return {"name": self.name, "address": self.address, "phone": self.phone,
                    "email": self.email, "time_zone": self.time_zone,
                    "currency": self.currency}

    def __init__(self, parent: QWidget | None, *, firm: FirmRow | None = None,
                 title: str = "Firm details") -> None:
        super().__init__(parent, title)
        self.name_edit = QLineEdit(firm.name if firm else "")
        self.name_edit.setMaxLength(500)
        self.name_edit.setPlaceholderText("e.g. Doe & Partners LLP")
        self.name_edit.setMinimumWidth(char_width(self, 36))
        self.address_edit = QPlainTextEdit(firm.address if firm else "")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.phone_edit = QLineEdit(firm.phone if firm else "")
        self.phone_edit.setMaxLength(100)
        self.email_edit = QLineEdit(firm.email if firm else "")
        self.email_edit.setMaxLength(200)
        self.email_edit.setPlaceholderText("office@example.com")
        self.zone_combo = TimeZoneCombo(firm.time_zone if firm else DEFAULT_TIME_ZONE)
        self.currency_combo = QComboBox()
        self.currency_combo.setEditable(True)
        self.currency_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency_combo.addItems(list(CURRENCIES))
        if (line := self.currency_combo.lineEdit()) is not None:
            line.setMaxLength(3)
        self.currency_combo.setMinimumWidth(char_width(self, 8))
        currency = firm.currency if firm else "USD"
        index = self.currency_combo.findText(currency)
        self.currency_combo.setCurrentIndex(index)
        if index < 0:
            self.currency_combo.setEditText(currency)

        self.add_row("Firm &name", self.name_edit, required=True)
        self.add_row("&Address", self.address_edit)
        self.add_row("&Phone", self.phone_edit)
        self.add_row("&E-mail", self.email_edit)
        self.add_row("Default time &zone", self.zone_combo, required=True,
                     tip="Used for new cases unless their court is elsewhere")
        self.add_row("&Currency", self.currency_combo, required=True,
                     tip="A three-letter code such as USD")
        self.firm_widgets: list[QWidget] = [self.name_edit, self.address_edit, self.phone_edit,
                                            self.email_edit, self.zone_combo,
                                            self.currency_combo]
        self.watch(*self.firm_widgets)
        self.chain_tab_order(*self.firm_widgets)
        self.name_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        if not self.name_edit.text().strip():
            return "The firm's name is required"
        if not is_valid_email(self.email_edit.text()):
            return "Not a valid e-mail address"
        zone_problem = time_zone_problem(self.zone_combo.zone(), required=True)
        if zone_problem:
            return zone_problem
        if not _CURRENCY.match(self.currency_combo.currentText().strip()):
            return "The currency must be a three-letter code such as USD"
        return ""

    def firm_answer(self) -> FirmDialog.Answer:
        return FirmDialog.Answer(
            name=self.name_edit.text().strip(),
            address=self.address_edit.toPlainText().strip(),
            phone=self.phone_edit.text().strip(), email=self.email_edit.text().strip(),
            time_zone=self.zone_combo.zone(),
            currency=self.currency_combo.currentText().strip().upper())

    def answer(self) -> Any:
        return self.firm_answer()

    @classmethod
    def ask(cls, parent: QWidget | None, *,
            firm: FirmRow | None = None) -> FirmDialog.Answer | None:
        """Edit the firm's details (or enter them the first time); None when cancelled."""
        answer: FirmDialog.Answer | None = cls.run(cls(parent, firm=firm))
        return answer
