"""Input widgets the dialogs share: dates with weekdays, optional dates, time zones, money."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from PySide6.QtCore import QDate, QRegularExpression, QStringListModel, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from casedesk.domain.rows import ContactRow
from casedesk.ui.format import enum_label, to_date, to_qdate

E = TypeVar("E", bound=StrEnum)

DATE_FORMAT = "ddd d MMM yyyy"
COMMON_TIME_ZONES: tuple[str, ...] = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
)
CURRENCIES: tuple[str, ...] = ("USD", "CAD", "EUR", "GBP", "AUD")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MONEY = r"\d{0,9}([.]\d{0,2})?"


def char_width(widget: QWidget, count: int) -> int:
    """The width of `count` average characters in the widget's font (scales with DPI/font)."""
    return widget.fontMetrics().horizontalAdvance("x") * count


def is_valid_email(text: str) -> bool:
    """Loose check: something@something.something without spaces (empty is fine)."""
    text = text.strip()
    return not text or _EMAIL.match(text) is not None


def time_zone_problem(name: str, *, required: bool = False, what: str = "time zone") -> str:
    """'' if `name` is an IANA zone (or empty and allowed), else what is wrong."""
    name = name.strip()
    if not name:
        return f"A {what} is required" if required else ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return f"“{name}” is not a time zone; use a name such as America/New_York"
    return ""


@lru_cache(maxsize=1)
def _all_zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def make_date_edit(value: date | None = None) -> QDateEdit:
    """A date field with a calendar pop-up that shows the weekday ("Mon 6 Jul 2026")."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDateRange(QDate(1900, 1, 1), QDate(2199, 12, 31))
    edit.setDate(to_qdate(value or date.today()))
    edit.setMinimumWidth(char_width(edit, 18))
    return edit


class OptionalDateEdit(QWidget):
    """A date that may be absent: a check box switches the date field on and off."""

    changed = Signal()

    def __init__(self, check_text: str, value: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(check_text)
        self.edit = make_date_edit(value)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return to_date(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self.edit.setDate(to_qdate(value))
        self.check.setChecked(value is not None)

    def state(self) -> object:
        return self.value()

    def focus_chain(self) -> list[QWidget]:
        return [self.check, self.edit]


class TimeZoneCombo(QComboBox):
    """Editable list of the common US court zones; any IANA name may be typed (completed)."""

    def __init__(self, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(list(COMMON_TIME_ZONES))
        completer = QCompleter(QStringListModel(list(_all_zones()), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setMinimumWidth(char_width(self, 24))
        self.set_zone(current)
        if (line := self.lineEdit()) is not None:
            line.setPlaceholderText("e.g. America/Chicago")

    def zone(self) -> str:
        return self.currentText().strip()

    def set_zone(self, name: str) -> None:
        index = self.findText(name)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(name)


class MoneyEdit(QLineEdit):
    """An amount with at most two decimals, typed as text; shown as "250.00" after editing."""

    def __init__(self, amount: Decimal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(_MONEY), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.setMinimumWidth(char_width(self, 12))
        if amount is not None:
            self.setText(f"{amount:.2f}")
        self.editingFinished.connect(self._tidy)

    def amount_text(self) -> str | None:
        """The amount as a decimal string with two places, or None when empty."""
        text = self.text().strip()
        if not text or text == ".":
            return None
        try:
            return f"{Decimal(text):.2f}"
        except InvalidOperation:
            return None

    def _tidy(self) -> None:
        tidy = self.amount_text()
        if tidy is not None and tidy != self.text():
            self.setText(tidy)


def enum_combo(values: Iterable[E], current: E | None = None) -> QComboBox:
    """A combo of enum members shown with their labels ("Opposing counsel")."""
    combo = QComboBox()
    for value in values:
        combo.addItem(enum_label(value), value.value)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current.value)))
    return combo


def enum_value(combo: QComboBox, enum: type[E]) -> E:
    """The enum member selected in a combo made by `enum_combo`."""
    return enum(combo.currentData())


def id_combo(items: Sequence[tuple[uuid.UUID, str]], none_text: str,
             current: uuid.UUID | None = None, current_name: str = "") -> QComboBox:
    """A combo of (id, name) choices plus a "none" entry; keeps a current id not in the list."""
    combo = QComboBox()
    combo.addItem(none_text, "")
    for item_id, name in items:
        combo.addItem(name, str(item_id))
    if current is not None:
        index = combo.findData(str(current))
        if index < 0:
            combo.addItem(current_name or "(no longer listed)", str(current))
            index = combo.count() - 1
        combo.setCurrentIndex(index)
    return combo


def id_value(combo: QComboBox) -> uuid.UUID | None:
    """The id selected in a combo made by `id_combo` (None for the "none" entry)."""
    data = combo.currentData()
    return uuid.UUID(data) if data else None


def contact_line(row: ContactRow) -> str:
    """One line for a contact in the results: name, then what tells namesakes apart."""
    details = [part for part in (row.organization, row.email, row.phone) if part]
    if row.aliases:
        details.append("aka " + ", ".join(row.aliases[:2]))
    if row.case_count:
        details.append(f"{row.case_count} case{'s' if row.case_count != 1 else ''}")
    return row.name + (f"  ·  {' · '.join(details)}" if details else "")
