"""Add or edit a member of staff: name, role, contact, hourly rate, bar number."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from casedesk.domain.enums import StaffRole
from casedesk.domain.rows import StaffRow
from casedesk.ui.dialogs.base import FormDialog
from casedesk.ui.dialogs.fields import MoneyEdit, char_width, enum_combo, enum_value, is_valid_email


class StaffFields:
    """The person fields, shared by the staff dialog and the first-run "Your details"."""

    def __init__(self, dialog: FormDialog, staff: StaffRow | None = None, *,
                 name_label: str = "&Name", role_label: str = "&Role") -> None:
        self.name_edit = QLineEdit(staff.name if staff else "")
        self.name_edit.setMaxLength(500)
        self.name_edit.setMinimumWidth(char_width(dialog, 32))
        self.role_combo = enum_combo(StaffRole, staff.role if staff else StaffRole.ATTORNEY)
        self.email_edit = QLineEdit(staff.email if staff else "")
        self.email_edit.setMaxLength(200)
        self.email_edit.setPlaceholderText("name@example.com")
        self.rate_edit = MoneyEdit(staff.hourly_rate if staff else None)
        self.rate_edit.setAccessibleName("Hourly rate")
        rate_box = QWidget()
        rate_layout = QHBoxLayout(rate_box)
        rate_layout.setContentsMargins(0, 0, 0, 0)
        rate_layout.addWidget(self.rate_edit)
        rate_layout.addWidget(QLabel("per hour"))
        rate_layout.addStretch(1)
        rate_box.setFocusProxy(self.rate_edit)
        self.bar_edit = QLineEdit(staff.bar_number if staff else "")
        self.bar_edit.setMaxLength(50)
        self.bar_edit.setMinimumWidth(char_width(dialog, 16))

        dialog.add_row(name_label, self.name_edit, required=True)
        dialog.add_row(role_label, self.role_combo)
        dialog.add_row("&E-mail", self.email_edit)
        dialog.add_row("&Hourly rate", rate_box, tip="Leave empty if not billed by the hour")
        dialog.add_row("&Bar number", self.bar_edit, tip="For attorneys: the state bar number")

    def widgets(self) -> list[QWidget]:
        return [self.name_edit, self.role_combo, self.email_edit, self.rate_edit, self.bar_edit]

    def validate(self) -> str:
        if not self.name_edit.text().strip():
            return "Name is required"
        if not is_valid_email(self.email_edit.text()):
            return "Not a valid e-mail address"
        text = self.rate_edit.text().strip()
        if text and self.rate_edit.amount_text() is None:
            return "The hourly rate is not an amount (e.g. 250.00)"
        return ""

    def values(self) -> dict[str, Any]:
        return {"name": self.name_edit.text().strip(),
                "role": enum_value(self.role_combo, StaffRole),
                "email": self.email_edit.text().strip(),
                "hourly_rate": self.rate_edit.amount_text(),
                "bar_number": self.bar_edit.text().strip()}


class StaffDialog(FormDialog):
    """Create or edit a member of staff (an inactive member keeps their history)."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        name: str
        role: StaffRole
        email: str
        hourly_rate: str | None
        bar_number: str
        active: bool = True
        staff_id: uuid.UUID | None = None
        expected_version: int | None = None

        @property
        def hourly_rate_amount(self) -> Decimal | None:
            return Decimal(self.hourly_rate) if self.hourly_rate is not None else None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `staff.add_staff` (new) or `staff.update_staff` (edit)."""
            kwargs: dict[str, Any] = {
                "name": self.name, "role": self.role, "email": self.email,
                "hourly_rate": self.hourly_rate, "bar_number": self.bar_number,
            }
            if self.staff_id is None:
                return kwargs
            return {"staff_id": self.staff_id, "expected_version": self.expected_version,
                    **kwargs, "active": self.active}

    def __init__(self, parent: QWidget | None, *, staff: StaffRow | None = None) -> None:
        super().__init__(parent, f"Edit {staff.name}" if staff else "New staff member")
        self._staff = staff
        self.fields = StaffFields(self, staff)
        widgets = self.fields.widgets()
        self.active_check = QCheckBox("Works here now (inactive staff keep their history)")
        self.active_check.setChecked(staff.active if staff else True)
        if staff is not None:
            self.add_row("&Active", self.active_check)
            widgets.append(self.active_check)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.fields.name_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        return self.fields.validate()

    def answer(self) -> StaffDialog.Answer:
        staff = self._staff
        return StaffDialog.Answer(**self.fields.values(), active=self.active_check.isChecked(),
                                  staff_id=staff.id if staff else None,
                                  expected_version=staff.version if staff else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *,
            staff: StaffRow | None = None) -> StaffDialog.Answer | None:
        """New member of staff, or edit `staff`; None when cancelled."""
        answer: StaffDialog.Answer | None = cls.run(cls(parent, staff=staff))
        return answer
