"""The Budget tab Overview's figures: the case against its budget as label/value pairs in three
groups (what was budgeted and spent; the pace and the forecasts; the terms), laid out in as
many columns as the width allows (three, two, or one), money right-aligned in tabular
figures. Secondary details (fees and expenses, how a figure is worked out) are in each
value's tooltip, so the figures stay one line each and scan at a glance.

`Reflow` lays out the overview's two charts side by side when there is room, else one above
the other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from casedesk.domain.enums import FeeArrangement
from casedesk.services.budget_rows import BudgetRevisionRow
from casedesk.ui import format as fmt
from casedesk.ui.models.time_entry_model import tabular_font
from casedesk.ui.widgets.case_budget_common import percent_text
from casedesk.ui.widgets.case_budget_data import BudgetData

# The figures in three groups of four: (key, caption).
GROUPS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("budget", "Budget"), ("actual", "Actual"), ("remaining", "Remaining"),
     ("unbilled", "Not yet billed")),
    (("burn", "Burn rate"), ("forecast_burn", "Forecast (burn rate)"),
     ("forecast_phases", "Forecast (phases)"), ("runs_out", "Budget runs out")),
    (("arrangement", "Fee arrangement"), ("planned_end", "Planned end"), ("hours", "Hours"),
     ("revision", "Revision")),
)
CAPTIONS = {key: caption for group in GROUPS for key, caption in group}
COLUMN_GAP = 28  # pixels between the groups side by side
MAX_COLUMNS = 3


@dataclass(frozen=True, slots=True)
class Figure:
    text: str
    tip: str = ""
    alert: bool = False  # shown in the over-budget colour (the text says why in words too)


def figures(data: BudgetData) -> dict[str, Figure]:
    """Every figure of the overview, as shown (text, tooltip)."""
    s = data.status
    cur = data.currency

    def money(amount: Decimal | None) -> str:
        return fmt.money(amount, cur)

    since = ("" if s.first_entry_on is None else "over the last 90 days"
             if (data.today - s.first_entry_on).days >= 90 else
             f"since the first entry on {fmt.day(s.first_entry_on)}")
    out = {
        "actual": Figure(money(s.actual_total), f"Fees {money(s.actual_fees)} · expenses "
                         f"{money(s.actual_expenses)} · {s.hours:.2f} h. Fees are the time "
                         "at the staff's rates, billable or not."),
        "burn": Figure(f"{money(s.burn_rate)} / month",
                       f"What was spent per 30 days, {since}." if since else
                       "Nothing spent yet."),
        "unbilled": Figure(money(s.unbilled), "Billable time and expenses not yet marked as "
                           "billed."),
        "hours": Figure(f"{s.hours:,.2f} h", "Hours worked on the case, billable or not."),
        "forecast_phases": Figure(money(s.forecast_from_phases),
                                  "Each phase's budget, or what it has cost so far if that "
                                  "is more."),
    }
    budget = s.budget
    if budget is None:
        none = Figure("—", "No budget is set for this case.")
        out.update(budget=Figure("No budget set", "Set a budget by phase to compare."),
                   remaining=none, forecast_burn=none, runs_out=none, arrangement=none,
                   planned_end=none, revision=none)
        return out
    out["budget"] = Figure(money(s.budget_total), f"Fees {money(budget.fees_total)} · "
                           f"expenses {money(budget.expenses_total)}")
    over = s.remaining < 0
    out["remaining"] = Figure(money(s.remaining) if not over else
                              f"Over by {money(-s.remaining)}",
                              "The budget less what was spent.", alert=over)
    if budget.planned_end_on is None:
        out["forecast_burn"] = Figure("No planned end", "Set a planned end date in the "
                                      "budget to forecast from the burn rate.")
    else:
        out["forecast_burn"] = Figure(
            money(s.forecast_from_burn),
            f"What will have been spent by the planned end, {fmt.day(budget.planned_end_on)}"
            ", at the burn rate.")
    out["runs_out"] = Figure(
        fmt.day(s.exhausted_on) if s.exhausted_on is not None else
        "Already spent" if s.remaining <= 0 else
        "Not at this rate" if s.burn_rate <= 0 else "—",
        "When the rest of the budget is spent at the burn rate.", alert=s.remaining <= 0)
    out["arrangement"] = _arrangement(budget, cur)
    out["planned_end"] = Figure(fmt.day(budget.planned_end_on) or "—",
                                "" if budget.planned_end_on else "No planned end date set.")
    by = f" by {budget.staff_name}" if budget.staff_name else ""
    why = f": {budget.reason}" if budget.reason else ""
    out["revision"] = Figure(f"{budget.revision}, {fmt.day(_local_day(budget.created_at))}",
                             f"Revision {budget.revision}, set {fmt.moment(budget.created_at)}"
                             f"{by}{why}")
    return out


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def _arrangement(budget: BudgetRevisionRow, currency: str) -> Figure:
    """'Hourly', 'Fixed fee $12,000.00', 'Contingency 40%' (the expected recovery and fee in
    the tooltip)."""
    from casedesk.ui.widgets.case_budget_revisions import arrangement_text

    full = arrangement_text(budget, currency)
    if budget.fee_arrangement is FeeArrangement.CONTINGENCY:
        share = budget.contingency_percent
        short = "Contingency" + (f" {percent_text(share)}" if share is not None else "")
        if budget.expected_fee is not None:
            full += f" (fee {fmt.money(budget.expected_fee, currency)})"
        return Figure(short, full)
    return Figure(full, full)


class FigureGrid(QWidget):
    """The figures as label/value pairs: three groups side by side when they fit, else two
    (the third under the first) or one above the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self.columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(2)
        for group in GROUPS:
            for key, caption in group:
                title = QLabel(caption)
                title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                value = QLabel()
                value.setTextFormat(Qt.TextFormat.PlainText)  # names, reasons: never markup
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setFont(tabular_font())
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value.setAccessibleName(caption)
                title.setBuddy(value)
                self.captions[key], self.values[key] = title, value
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._arrange(MAX_COLUMNS)

    def show_figures(self, shown: dict[str, Figure], alert: QColor) -> None:
        for key, label in self.values.items():
            figure = shown.get(key, Figure("—"))
            label.setText(figure.text)
            label.setToolTip(figure.tip)
            label.setAccessibleDescription(figure.tip)
            palette = self.palette()
            if figure.alert:
                palette.setColor(QPalette.ColorRole.WindowText, alert)
            label.setPalette(palette)
            font = tabular_font(bold=figure.alert)
            label.setFont(font)
        self._arrange(self._fitting_columns(self.width()), force=True)

    # -- reflowing ---------------------------------------------------------------------------
    def _group_width(self, group: Sequence[tuple[str, str]]) -> int:
        return (max(self.captions[k].sizeHint().width() for k, _c in group)
                + self._grid.horizontalSpacing()
                + max(self.values[k].sizeHint().width() for k, _c in group))

    def _fitting_columns(self, width: int) -> int:
        widest = max(self._group_width(g) for g in GROUPS)
        for columns in range(MAX_COLUMNS, 1, -1):
            if columns * widest + (columns - 1) * COLUMN_GAP <= width:
                return columns
        return 1

    def _arrange(self, columns: int, force: bool = False) -> None:
        if columns == self.columns and not force:
            return
        self.columns = columns
        grid = self._grid
        for label in (*self.captions.values(), *self.values.values()):
            grid.removeWidget(label)
        for n in range(max(grid.columnCount(), MAX_COLUMNS * 3 + 1)):
            grid.setColumnStretch(n, 0)
            grid.setColumnMinimumWidth(n, 0)
        rows_per = max(len(g) for g in GROUPS)
        for number, group in enumerate(GROUPS):
            block_row = (number // columns) * (rows_per + 1)
            column = (number % columns) * 3
            for offset, (key, _caption) in enumerate(group):
                grid.addWidget(self.captions[key], block_row + offset, column)
                grid.addWidget(self.values[key], block_row + offset, column + 1)
            if number % columns < columns - 1:
                grid.setColumnMinimumWidth(column + 2, COLUMN_GAP)
        grid.setColumnStretch(columns * 3, 1)  # the room left over goes to the right
        for row in range(grid.rowCount()):
            grid.setRowMinimumHeight(row, 0)
        for block in range(1, (len(GROUPS) + columns - 1) // columns):
            grid.setRowMinimumHeight(block * (rows_per + 1) - 1, 6)  # a gap between blocks
        one = max(self._group_width(g) for g in GROUPS)
        self.setMinimumWidth(one)  # narrower: one column (the parent may then shrink us)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self._fitting_columns(event.size().width()))


class Reflow(QWidget):
    """Widgets side by side (equal widths) when each gets at least `least_width` pixels, else
    one above the other."""

    def __init__(self, widgets: Sequence[QWidget], least_width: int, spacing: int = 8,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets = list(widgets)
        self.least_width = least_width
        self.side_by_side: bool | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self._arrange(False)

    def _arrange(self, side_by_side: bool) -> None:
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        for widget in self.widgets:
            self._grid.removeWidget(widget)
        for n, widget in enumerate(self.widgets):
            row, column = (0, n) if side_by_side else (n, 0)
            self._grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignTop)  # own heights
        for n in range(len(self.widgets)):
            self._grid.setColumnStretch(n, 1 if side_by_side or n == 0 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        count = len(self.widgets)
        room = event.size().width() - self._grid.spacing() * (count - 1)
        self._arrange(room >= self.least_width * count)


class Wrap(QWidget):
    """A leading widget and a trailing one (say, a headline and its buttons) on one line when
    both fit, else the trailing one on a line of its own; never wider than the wider of
    the two."""

    def __init__(self, lead: QWidget, trail: QWidget, spacing: int = 12,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lead, self.trail = lead, trail
        self.one_line: bool | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(spacing)
        self._grid.setVerticalSpacing(4)
        self._arrange(True)

    def _arrange(self, one_line: bool) -> None:
        if one_line == self.one_line:
            return
        self.one_line = one_line
        self._grid.removeWidget(self.lead)
        self._grid.removeWidget(self.trail)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self._grid.addWidget(self.lead, 0, 0, left)
        if one_line:
            self._grid.addWidget(self.trail, 0, 1, Qt.AlignmentFlag.AlignRight
                                 | Qt.AlignmentFlag.AlignVCenter)
        else:
            self._grid.addWidget(self.trail, 1, 0, left)
        self._grid.setColumnStretch(0, 1)
        self.setMinimumWidth(max(self.lead.minimumSizeHint().width(),
                                 self.trail.minimumSizeHint().width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        need = (self.lead.sizeHint().width() + self._grid.horizontalSpacing()
                + self.trail.sizeHint().width())
        self._arrange(event.size().width() >= need)
