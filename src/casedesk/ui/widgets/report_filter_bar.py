"""The controls above a report: the period (presets or two dates), the staff member, the
practice area and, for the one-case report, the case. They describe a `ReportFilters`."""

from __future__ import annotations

import calendar
import uuid
from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from casedesk.services.budget_rows import ReportFilters
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.fields import make_date_edit
from casedesk.ui.widgets.calendar_case_picker import CasePicker, SearchCases

PERIODS: tuple[tuple[str, str], ...] = (
    ("this_month", "This month"),
    ("last_month", "Last month"),
    ("this_quarter", "This quarter"),
    ("this_year", "This year"),
    ("last_12_months", "Last 12 months"),
    ("all", "All dates"),
    ("custom", "Custom…"),
)
PERIOD_KEYS = tuple(key for key, _text in PERIODS)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months_back(day: date, months: int) -> date:
    """The first day of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def period_range(key: str, today: date) -> tuple[date | None, date | None]:
    """The first and last day a preset covers (None, None for all dates)."""
    if key == "this_month":
        return date(today.year, today.month, 1), _month_end(today.year, today.month)
    if key == "last_month":
        start = _months_back(today, 1)
        return start, _month_end(start.year, start.month)
    if key == "this_quarter":
        first_month = (today.month - 1) // 3 * 3 + 1
        return (date(today.year, first_month, 1),
                _month_end(today.year, first_month + 2))
    if key == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if key == "last_12_months":  # twelve whole months, this one included
        return _months_back(today, 11), _month_end(today.year, today.month)
    return None, None


def period_words(date_from: date | None, date_to: date | None) -> str:
    """'1 Jan 2026 – 31 Mar 2026', 'Until …', 'From …' or 'All dates'."""
    if date_from and date_to:
        return f"{fmt.day(date_from)} – {fmt.day(date_to)}"
    if date_from:
        return f"From {fmt.day(date_from)}"
    if date_to:
        return f"Until {fmt.day(date_to)}"
    return "All dates"


class ReportFilterBar(QWidget):
    """Period, staff, practice area and case; `changed` fires when what they say changes."""

    changed = Signal()

    def __init__(self, search_cases: SearchCases | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = date.today()
        self._last_preset = "this_year"
        chars = self.fontMetrics().horizontalAdvance("x")
        self.case_picker = CasePicker(search_cases, placeholder="Type a case number or title")
        self.case_picker.setAccessibleName("Case")
        self.case_picker.setToolTip("The case whose budget the report compares with what was "
                                    "spent")
        self.case_picker.setMinimumWidth(chars * 22)
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName("Period")
        self.period_combo.setToolTip("Which time entries and expenses count (by the day worked "
                                     "or spent); a budget is always its current revision")
        for key, text in PERIODS:
            self.period_combo.addItem(text, key)
        self.from_edit = make_date_edit(date(self._today.year, 1, 1))
        self.from_edit.setAccessibleName("From")
        self.to_edit = make_date_edit(self._today)
        self.to_edit.setAccessibleName("To")
        for edit in (self.from_edit, self.to_edit):
            # A period's bounds are not due dates: no weekday, so the bar fits narrow windows.
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("30 Sep 2026")
                                 + chars * 7)
        self.dash = QLabel("–")
        self.staff_combo = QComboBox()
        self.staff_combo.setAccessibleName("Staff member")
        self.staff_combo.addItem("All staff", None)
        self.area_combo = QComboBox()
        self.area_combo.setAccessibleName("Practice area")
        self.area_combo.addItem("All practice areas", None)
        # Long names (a practice area, a person) elide, so the bar fits a narrow window.
        for combo, length in ((self.staff_combo, 9), (self.area_combo, 11)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(length)
        self.case_label = QLabel("&Case:")
        self.case_label.setBuddy(self.case_picker)
        self.period_label = QLabel("&Period:")
        self.period_label.setBuddy(self.period_combo)

        # One row; in a narrow window the staff and practice area go to a second one.
        self._row = QHBoxLayout()
        for widget in (self.case_label, self.case_picker, self.period_label,
                       self.period_combo, self.from_edit, self.dash, self.to_edit,
                       self.staff_combo, self.area_combo):
            self._row.addWidget(widget, 2 if widget is self.case_picker else 0)
        self._row.addStretch(1)
        self._second = QHBoxLayout()
        self._second.addStretch(1)
        self.compact = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._row)
        layout.addLayout(self._second)
        self.set_period("this_year")
        self.period_combo.currentIndexChanged.connect(self._on_period)
        self.from_edit.dateChanged.connect(lambda _d: self._on_dates())
        self.to_edit.dateChanged.connect(lambda _d: self._on_dates())
        self.staff_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.area_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.case_picker.changed.connect(self._on_case)

    # -- what the report shows ---------------------------------------------------------------
    def set_scope(self, *, case: bool, staff: bool, area: bool) -> None:
        """Show the controls the current report uses (the case only for a one-case report)."""
        self.case_label.setVisible(case)
        self.case_picker.setVisible(case)
        self.staff_combo.setVisible(staff)
        self.area_combo.setVisible(area)
        self._fit()

    def set_staff(self, staff: list[tuple[uuid.UUID, str]]) -> None:
        """The staff to choose from; keeps the chosen one if still there (else all staff)."""
        current = self.staff_combo.currentData()
        self.staff_combo.blockSignals(True)
        self.staff_combo.clear()
        self.staff_combo.addItem("All staff", None)
        for staff_id, name in staff:
            self.staff_combo.addItem(name, staff_id)
        index = self.staff_combo.findData(current) if current is not None else 0
        self.staff_combo.setCurrentIndex(max(0, index))
        self.staff_combo.blockSignals(False)
        if current is not None and index < 0:
            self.changed.emit()

    def set_areas(self, areas: list[str]) -> None:
        """The practice areas in use; keeps the chosen one if still there."""
        current = self.area_combo.currentData()
        self.area_combo.blockSignals(True)
        self.area_combo.clear()
        self.area_combo.addItem("All practice areas", None)
        for area in areas:
            self.area_combo.addItem(area, area)
        index = self.area_combo.findData(current) if current is not None else 0
        self.area_combo.setCurrentIndex(max(0, index))
        self.area_combo.blockSignals(False)
        if current is not None and index < 0:
            self.changed.emit()

    def period_key(self) -> str:
        return str(self.period_combo.currentData())

    def set_period(self, key: str) -> None:
        key = key if key in PERIOD_KEYS else "this_year"
        if key != "custom":
            self._last_preset = key
        self.period_combo.setCurrentIndex(self.period_combo.findData(key))
        self._show_dates()

    def set_custom(self, date_from: date, date_to: date) -> None:
        """A custom period (one `changed`)."""
        self.blockSignals(True)
        self.set_period("custom")
        self.from_edit.setDate(fmt.to_qdate(date_from))
        self.to_edit.setDate(fmt.to_qdate(date_to))
        self.blockSignals(False)
        self.changed.emit()

    def dates(self, today: date | None = None) -> tuple[date | None, date | None]:
        key = self.period_key()
        if key == "custom":
            return fmt.to_date(self.from_edit.date()), fmt.to_date(self.to_edit.date())
        return period_range(key, today or date.today())

    def period_text(self, today: date | None = None) -> str:
        """'This year (1 Jan 2026 – 31 Dec 2026)' for the heading and the status bar."""
        start, end = self.dates(today)
        words = period_words(start, end)
        if self.period_key() in ("custom", "all"):
            return words
        return f"{self.period_combo.currentText()} ({words})"

    def filters(self, today: date | None = None) -> ReportFilters:
        start, end = self.dates(today)
        staff_id = self.staff_combo.currentData() if self.staff_combo.isVisibleTo(self) \
            else None
        area = self.area_combo.currentData() if self.area_combo.isVisibleTo(self) else None
        case_id = self.case_picker.case_id() if self.case_picker.isVisibleTo(self) else None
        return ReportFilters(date_from=start, date_to=end,
                             staff_id=staff_id if isinstance(staff_id, uuid.UUID) else None,
                             practice_area=area or None, case_id=case_id)

    def is_narrowed(self) -> bool:
        """Anything other than all dates, all staff and all areas is chosen."""
        return (self.period_key() != "all" or self.staff_combo.currentIndex() > 0
                or self.area_combo.currentIndex() > 0)

    def clear_narrowing(self) -> None:
        """All dates, all staff, all areas (one `changed`)."""
        for widget in (self.period_combo, self.staff_combo, self.area_combo):
            widget.blockSignals(True)
        self.set_period("all")
        self.staff_combo.setCurrentIndex(0)
        self.area_combo.setCurrentIndex(0)
        for widget in (self.period_combo, self.staff_combo, self.area_combo):
            widget.blockSignals(False)
        self.changed.emit()

    # -- narrow windows ----------------------------------------------------------------------
    def _width(self, widgets: tuple[QWidget, ...], hint: bool) -> int:
        shown = [w for w in widgets if not w.isHidden()]
        sizes = [(w.sizeHint() if hint else w.minimumSizeHint()).width() for w in shown]
        return sum(sizes) + self._row.spacing() * max(0, len(shown) - 1)

    def _first_row(self) -> tuple[QWidget, ...]:
        return (self.case_label, self.case_picker, self.period_label, self.period_combo,
                self.from_edit, self.dash, self.to_edit)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the two-row form allows (it switches in `resizeEvent`)."""
        hint = super().minimumSizeHint()
        narrow = max(self._width(self._first_row(), False),
                     self._width((self.staff_combo, self.area_combo), False))
        return QSize(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Two rows when one does not fit (after a resize, or when controls show or hide)."""
        wanted = self._width((*self._first_row(), self.staff_combo, self.area_combo), True)
        self.set_compact(self.width() < wanted)

    def set_compact(self, compact: bool) -> None:
        """Staff and practice area on a second row (True) or at the end of the first."""
        if compact == self.compact:
            return
        self.compact = compact
        for combo in (self.staff_combo, self.area_combo):
            (self._row if compact else self._second).removeWidget(combo)
        target, at = ((self._second, 0) if compact
                      else (self._row, self._row.indexOf(self.to_edit) + 1))
        target.insertWidget(at, self.staff_combo)
        target.insertWidget(at + 1, self.area_combo)

    # -- reacting ----------------------------------------------------------------------------
    def _show_dates(self) -> None:
        custom = self.period_key() == "custom"
        for widget in (self.from_edit, self.dash, self.to_edit):
            widget.setVisible(custom)
        self._fit()

    def _on_period(self, _index: int) -> None:
        if self.period_key() == "custom":
            # Start the two dates from the preset that was shown, so nothing jumps.
            start, end = period_range(self._last_preset, date.today())
            for edit, value in ((self.from_edit, start), (self.to_edit, end)):
                if value is not None:
                    edit.blockSignals(True)
                    edit.setDate(fmt.to_qdate(value))
                    edit.blockSignals(False)
        else:
            self._last_preset = self.period_key()
        self._show_dates()
        self.changed.emit()

    def _on_dates(self) -> None:
        if self.period_key() == "custom":
            self.changed.emit()

    def _on_case(self) -> None:
        if not self.case_picker.pending_text():  # typing: wait until a case is chosen
            self.changed.emit()

    def dates_problem(self) -> str:
        """What is wrong with a custom period ('' when fine)."""
        start, end = self.dates()
        if start and end and start > end:
            return "The period ends before it starts: choose a later end date."
        return ""
