"""Record time worked on a case (who, when, how long, at what rate, on what) and mark entries
billed. Hours may be typed as "1.5", "1:30" or "90m"; the amount is shown as it will be stored:
hours x rate, rounded half up to the cent once."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.money import MAX_HOURS_PER_ENTRY
from casedesk.services.budget_rows import BudgetSettings, TimeEntryRow
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import MoneyEdit, char_width, make_date_edit

HOUR = Decimal("0.01")
NO_PHASE_TEXT = "(no phase)"
_NUMBER = r"(\d+(?:\.\d*)?|\.\d+)"
_MINUTES = r"(?:m|min|mins|minutes?)"
_HOURS = r"(?:h|hr|hrs|hours?)"


@dataclass(frozen=True, slots=True)
class StaffChoice:
    """A member of staff the time can be recorded for, with the rate the dialog offers."""

    id: uuid.UUID
    name: str
    rate: Decimal | None
    active: bool = True


def parse_hours(text: str) -> Decimal:
    """'1.5', '1,5', '1:30', '90m', '1h 30m', '2 h' -> hours with two decimals.

    Minutes are turned into hours rounded half up to 0.01 (20 minutes = 0.33 h); a decimal
    typed with more than two places is refused rather than rounded. Raises ValueError with
    what to type instead."""
    raw = " ".join(text.strip().lower().split())
    if not raw:
        raise ValueError("Enter the hours worked (1.5, 1:30 or 90m)")
    value = raw.replace(",", ".") if "." not in raw else raw
    hours: Decimal | None = None
    exact = False
    if m := re.fullmatch(r"(\d+):([0-5]\d)", value):
        hours = Decimal(m[1]) + Decimal(m[2]) / 60
    elif m := re.fullmatch(_NUMBER + r" ?" + _MINUTES, value):
        hours = Decimal(m[1]) / 60
    elif m := re.fullmatch(_NUMBER + r" ?" + _HOURS + r"(?: ?(\d+) ?" + _MINUTES + r"?)?",
                           value):
        hours = Decimal(m[1]) + (Decimal(m[2]) / 60 if m[2] else 0)
        exact = not m[2]
    elif re.fullmatch(_NUMBER, value):
        hours = Decimal(value)
        exact = True
    if hours is None:
        raise ValueError(f"“{text.strip()}” is not a number of hours; type 1.5, 1:30 or 90m")
    try:
        rounded = hours.quantize(HOUR, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}” is not a number of hours") from None
    if exact and rounded != hours:
        raise ValueError("Hours are kept to 0.01 (type 1.25, not 1.255)")
    if rounded <= 0:
        raise ValueError("The hours must be more than zero")
    if rounded > MAX_HOURS_PER_ENTRY:
        raise ValueError("That is more than a day; record one entry per day")
    return rounded


def hours_words(hours: Decimal) -> str:
    """'1.50 h (1 h 30 min)'."""
    minutes = int((hours * 60).to_integral_value(rounding=ROUND_HALF_UP))
    whole, rest = divmod(minutes, 60)
    parts = ([f"{whole} h"] if whole else []) + ([f"{rest} min"] if rest or not whole else [])
    return f"{hours:.2f} h ({' '.join(parts)})"


def entry_amount(hours: Decimal, rate: Decimal) -> Decimal:
    """What the entry is worth, as the services store it: hours x rate, half up to the cent."""
    return (hours * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def name_combo(names: Sequence[str], current: str = "", *, none_text: str = "",
               editable: bool = False) -> QComboBox:
    """A combo of the practice's names (phases, activities, categories); a current name that
    is no longer in the list stays selectable. `none_text` adds a first "none" entry ("")."""
    combo = QComboBox()
    combo.setEditable(editable)
    if editable:
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if none_text:
        combo.addItem(none_text, "")
    for name in names:
        combo.addItem(name, name)
    if current and combo.findData(current) < 0:
        combo.addItem(current, current)
    if editable:
        combo.setCurrentIndex(combo.findData(current) if current else -1)
        combo.setEditText(current)
    else:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def name_value(combo: QComboBox) -> str:
    """The chosen (or, in an editable combo, typed) name; "" for the "none" entry."""
    if combo.isEditable():
        return " ".join(combo.currentText().split())
    return str(combo.currentData() or "")


def phase_combo(settings: BudgetSettings, current: str = "") -> QComboBox:
    return name_combo(settings.phases, current, none_text=NO_PHASE_TEXT)


class TimeEntryDialog(FormDialog):
    """A new or edited time entry. The rate follows the staff member chosen (and can be
    changed); the amount is shown live as it will be stored."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        staff_id: uuid.UUID
        worked_on: date
        hours: Decimal
        rate: Decimal
        phase: str
        activity: str
        description: str
        billable: bool
        case_id: uuid.UUID | None = None
        entry_id: uuid.UUID | None = None
        expected_version: int | None = None

        @property
        def amount(self) -> Decimal:
            return entry_amount(self.hours, self.rate)

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of time_entries.add_time_entry (new) or edit_time_entry
            (edit); the caller adds `actor_staff_id`."""
            kwargs: dict[str, Any] = {
                "staff_id": self.staff_id, "worked_on": self.worked_on, "hours": self.hours,
                "rate": self.rate, "phase": self.phase, "activity": self.activity,
                "description": self.description, "billable": self.billable}
            if self.entry_id is not None:
                return {"entry_id": self.entry_id, "expected_version": self.expected_version,
                        **kwargs}
            return {"case_id": self.case_id, **kwargs}

    def __init__(self, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
                 staff: Sequence[StaffChoice], settings: BudgetSettings,
                 entry: TimeEntryRow | None = None, default_staff_id: uuid.UUID | None = None,
                 hours: Decimal | None = None, worked_on: date | None = None,
                 phase: str = "", description: str = "", today: date | None = None) -> None:
        number = case_label.split(" · ")[0]
        title = "Edit time entry" if entry else "Add time"
        super().__init__(parent, f"{title} — {number}" if number else title)
        self._entry = entry
        self._case_id = case_id
        self._today = today or date.today()
        self._staff = {s.id: s for s in staff}
        self.currency = settings.currency
        self.case_label = QLabel(case_label)
        self.case_label.setWordWrap(True)

        self.staff_combo = QComboBox()
        self.staff_combo.addItem("Choose…", "")
        keep = entry.staff_id if entry else None
        for choice in staff:
            if choice.active or choice.id == keep:
                suffix = "" if choice.active else " (no longer here)"
                self.staff_combo.addItem(choice.name + suffix, str(choice.id))
        if entry is not None and self.staff_combo.findData(str(entry.staff_id)) < 0:
            self.staff_combo.addItem(entry.staff_name, str(entry.staff_id))
        wanted = entry.staff_id if entry else default_staff_id
        if wanted is not None:
            self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(str(wanted))))
        self.date_edit = make_date_edit(entry.worked_on if entry else worked_on or self._today)
        self.hours_edit = QLineEdit(f"{entry.hours:.2f}" if entry else
                                    f"{hours:.2f}" if hours is not None else "")
        self.hours_edit.setPlaceholderText("1.5, 1:30 or 90m")
        self.hours_edit.setMaximumWidth(char_width(self, 16))
        self.hours_hint = QLabel()
        self.hours_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        hours_row = QWidget()
        row = QHBoxLayout(hours_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.hours_edit)
        row.addWidget(self.hours_hint, 1)
        hours_row.setFocusProxy(self.hours_edit)
        self.rate_edit = MoneyEdit(entry.rate if entry else None)
        self.rate_edit.setMaximumWidth(char_width(self, 16))
        self.amount_label = QLabel()
        self.amount_label.setAccessibleName("Amount")
        self.phase_combo = phase_combo(settings, entry.phase if entry else phase)
        self.activity_combo = name_combo(settings.activities, entry.activity if entry else "",
                                         editable=True)
        self.activity_combo.setMinimumWidth(char_width(self, 30))
        if (line := self.activity_combo.lineEdit()) is not None:
            line.setPlaceholderText("e.g. Draft or revise")
        self.description_edit = QPlainTextEdit(entry.description if entry else description)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText("What was done, as the client will read it")
        self.description_edit.setMinimumHeight(self.fontMetrics().height() * 3)
        self.description_edit.setMaximumHeight(self.fontMetrics().height() * 6)
        self.description_edit.setMinimumWidth(char_width(self, 46))
        self.billable_check = QCheckBox("Billable to the client")
        self.billable_check.setChecked(entry.billable if entry else True)

        self.form.addRow("Case:", self.case_label)
        self.add_row("&Staff", self.staff_combo, required=True)
        self.add_row("&Date", self.date_edit, required=True)
        self.add_row("&Hours", hours_row, required=True,
                     tip="1.5 or 1:30 (hours:minutes) or 90m (minutes)")
        self.add_row("&Rate", self.rate_edit, required=True,
                     tip="Per hour; filled in from the staff member's rate")
        self.form.addRow("Amount:", self.amount_label)
        self.add_row("&Phase", self.phase_combo)
        self.add_row("&Activity", self.activity_combo)
        self.add_row("D&escription", self.description_edit)
        self.form.addRow("", self.billable_check)
        widgets = (self.staff_combo, self.date_edit, self.hours_edit, self.rate_edit,
                   self.phase_combo, self.activity_combo, self.description_edit,
                   self.billable_check)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.staff_combo.currentIndexChanged.connect(self._on_staff_changed)
        if entry is None:
            self._on_staff_changed()
        (self.hours_edit if self.staff_combo.currentIndex() > 0 else
         self.staff_combo).setFocus()
        self.mark_clean()

    # -- live parts ------------------------------------------------------------------------------
    def staff_id(self) -> uuid.UUID | None:
        data = self.staff_combo.currentData()
        return uuid.UUID(data) if data else None

    def _on_staff_changed(self) -> None:
        """The rate follows the staff member (it can still be changed by hand)."""
        staff_id = self.staff_id()
        choice = self._staff.get(staff_id) if staff_id is not None else None
        if choice is not None:
            self.rate_edit.setText(f"{choice.rate:.2f}" if choice.rate is not None else "")

    def hours(self) -> Decimal | None:
        try:
            return parse_hours(self.hours_edit.text())
        except ValueError:
            return None

    def rate(self) -> Decimal | None:
        text = self.rate_edit.amount_text()
        return Decimal(text) if text is not None else None

    def refresh(self) -> None:
        hours, rate = self.hours(), self.rate()
        typed = self.hours_edit.text().strip()
        self.hours_hint.setText(hours_words(hours) if hours is not None and typed
                                != f"{hours:.2f}" else "")
        self.amount_label.setText(
            f"{fmt.money(entry_amount(hours, rate), self.currency)}  "
            f"({hours:.2f} h × {fmt.money(rate, self.currency)})"
            if hours is not None and rate is not None else "—")
        super().refresh()

    def validate(self) -> str:
        if self._entry is not None and self._entry.billed_on is not None:
            return (f"Billed {fmt.day(self._entry.billed_on)}: use Mark not billed before "
                    "changing it")
        if self.staff_id() is None:
            return ("Choose who did the work" if self.staff_combo.count() > 1 else
                    "Add the firm's staff first (File ▸ Staff…)")
        if fmt.to_date(self.date_edit.date()) > self._today:
            return "The date is in the future; record time once it is worked"
        try:
            parse_hours(self.hours_edit.text())
        except ValueError as exc:
            return str(exc)
        if self.rate() is None:
            return "Enter the hourly rate (0.00 for work not charged)"
        return ""

    def answer(self) -> TimeEntryDialog.Answer:
        entry = self._entry
        staff_id, hours, rate = self.staff_id(), self.hours(), self.rate()
        assert staff_id is not None and hours is not None and rate is not None
        return TimeEntryDialog.Answer(
            staff_id=staff_id, worked_on=fmt.to_date(self.date_edit.date()), hours=hours,
            rate=rate, phase=name_value(self.phase_combo),
            activity=name_value(self.activity_combo),
            description=self.description_edit.toPlainText().strip(),
            billable=self.billable_check.isChecked(),
            case_id=None if entry else self._case_id, entry_id=entry.id if entry else None,
            expected_version=entry.version if entry else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
            staff: Sequence[StaffChoice], settings: BudgetSettings,
            entry: TimeEntryRow | None = None, default_staff_id: uuid.UUID | None = None,
            hours: Decimal | None = None, worked_on: date | None = None, phase: str = "",
            description: str = "") -> TimeEntryDialog.Answer | None:
        """New time on the case (prefilled from a timer with `hours`), or edit `entry`."""
        answer: TimeEntryDialog.Answer | None = cls.run(cls(
            parent, case_id=case_id, case_label=case_label, staff=staff, settings=settings,
            entry=entry, default_staff_id=default_staff_id, hours=hours, worked_on=worked_on,
            phase=phase, description=description))
        return answer


class MarkBilledDialog(FormDialog):
    """Mark entries billed on a day: the selected ones, or everything billable and not yet
    billed up to a date (time and expenses)."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        case_id: uuid.UUID
        billed_on: date
        through: date | None = None
        time_entry_ids: tuple[uuid.UUID, ...] | None = None
        expense_ids: tuple[uuid.UUID, ...] | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of billing.mark_billed."""
            if self.time_entry_ids is None and self.expense_ids is None:
                return {"case_id": self.case_id, "billed_on": self.billed_on,
                        "through": self.through}
            return {"case_id": self.case_id, "billed_on": self.billed_on,
                    "time_entry_ids": list(self.time_entry_ids or ()),
                    "expense_ids": list(self.expense_ids or ())}

    def __init__(self, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
                 time_entry_ids: Sequence[uuid.UUID] = (), expense_ids: Sequence[uuid.UUID] = (),
                 unbilled_text: str = "", today: date | None = None) -> None:
        number = case_label.split(" · ")[0]
        super().__init__(parent, f"Mark billed — {number}" if number else "Mark billed")
        self.save_button.setText("Mark billed")
        self._case_id = case_id
        self._time_ids = tuple(time_entry_ids)
        self._expense_ids = tuple(expense_ids)
        self._today = today or date.today()
        self.billed_edit = make_date_edit(self._today)
        chosen = len(self._time_ids) + len(self._expense_ids)
        self.selected_radio = QRadioButton(
            f"The selected {'entry' if chosen == 1 else f'{chosen} entries'}" if chosen else
            "Selected entries (first select billable ones not yet billed)")
        self.all_radio = QRadioButton("Everything billable and not yet billed, up to")
        self.through_edit = make_date_edit(self._today)
        group = QButtonGroup(self)
        group.addButton(self.selected_radio)
        group.addButton(self.all_radio)
        scope = QWidget()
        box = QVBoxLayout(scope)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.selected_radio)
        line = QHBoxLayout()
        line.addWidget(self.all_radio)
        line.addWidget(self.through_edit, 1)
        box.addLayout(line)
        if unbilled_text:
            box.addWidget(hint_label(unbilled_text))
        self.selected_radio.setEnabled(chosen > 0)
        (self.selected_radio if chosen else self.all_radio).setChecked(True)
        self.all_radio.toggled.connect(self.through_edit.setEnabled)
        self.through_edit.setEnabled(self.all_radio.isChecked())
        self.add_row("&Billed on", self.billed_edit, required=True,
                     tip="The date of the invoice")
        self.add_row("&Which", scope)
        widgets = (self.billed_edit, self.selected_radio, self.all_radio, self.through_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.billed_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        billed = fmt.to_date(self.billed_edit.date())
        if self.all_radio.isChecked() and fmt.to_date(self.through_edit.date()) > billed:
            return "Entries after the invoice date cannot be on it"
        return ""

    def answer(self) -> MarkBilledDialog.Answer:
        billed = fmt.to_date(self.billed_edit.date())
        if self.all_radio.isChecked():
            return MarkBilledDialog.Answer(self._case_id, billed,
                                           through=fmt.to_date(self.through_edit.date()))
        return MarkBilledDialog.Answer(self._case_id, billed, time_entry_ids=self._time_ids,
                                       expense_ids=self._expense_ids)

    @classmethod
    def ask(cls, parent: QWidget | None, *, case_id: uuid.UUID, case_label: str,
            time_entry_ids: Sequence[uuid.UUID] = (), expense_ids: Sequence[uuid.UUID] = (),
            unbilled_text: str = "") -> MarkBilledDialog.Answer | None:
        answer: MarkBilledDialog.Answer | None = cls.run(cls(
            parent, case_id=case_id, case_label=case_label, time_entry_ids=time_entry_ids,
            expense_ids=expense_ids, unbilled_text=unbilled_text))
        return answer
