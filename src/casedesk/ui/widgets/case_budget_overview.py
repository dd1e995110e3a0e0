"""The Budget tab's Overview: the case against its budget at a glance (budget, actual,
remaining, % used with the level in words and an icon, burn rate, forecasts, the day the
budget runs out, the fee arrangement), budget vs actual by phase with totals, and the two
charts (budget vs actual bars, burn-up). Without any budget or entries it says how to begin."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import FeeArrangement
from casedesk.export.report_drawing import Drawing
from casedesk.services.budget_rows import ZERO, CaseBudgetStatus, PhaseFigures, level_for
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.snapshot_model import Column
from casedesk.ui.models.time_entry_model import MoneyTableModel, phase_text, tabular_font
from casedesk.ui.widgets.case_budget_actions import BudgetActions
from casedesk.ui.widgets.case_budget_common import (
    LEVEL_ICONS,
    BudgetCase,
    level_color,
    level_text,
    make_table,
    percent_text,
)
from casedesk.ui.widgets.case_budget_data import BudgetData
from casedesk.ui.widgets.case_budget_revisions import arrangement_text
from casedesk.ui.widgets.chart_canvas import ChartCanvas
from casedesk.ui.widgets.contacts_empty_state import EmptyState

_Index = QModelIndex | QPersistentModelIndex
PERCENT_COL = 5
CHART_HEIGHT = 230


class PhaseModel(MoneyTableModel[PhaseFigures]):
    """Budget vs actual per phase, then a bold totals row."""

    def __init__(self, parent: Any = None) -> None:
        money = self.money
        super().__init__([
            Column("Phase", lambda p: phase_text(p.phase) if p is not self._total else "Total"),
            Column("Budget fees", lambda p: money(p.budget_fees), align_right=True),
            Column("Budget expenses", lambda p: money(p.budget_expenses), align_right=True),
            Column("Actual", lambda p: money(p.actual), align_right=True,
                   tooltip=lambda p: f"Fees {money(p.actual_fees)} · expenses "
                   f"{money(p.actual_expenses)} · {p.hours:.2f} h"),
            Column("Remaining", lambda p: money(p.remaining), align_right=True,
                   color=lambda p: style.overdue_color() if p.remaining < 0 else None),
            Column("% used", self._percent_text, align_right=True, color=self._color,
                   tooltip=self._percent_tip),
        ], parent)
        self._total: PhaseFigures | None = None
        self._bold = tabular_font(bold=True)
        self.warning_percent, self.over_percent = 80, 100

    def set_status(self, status: CaseBudgetStatus) -> None:
        self.set_currency(status.currency)
        self.warning_percent, self.over_percent = status.warning_percent, status.over_percent
        phases = list(status.phases)
        self._total = PhaseFigures(
            "", sum((p.budget_fees for p in phases), ZERO),
            sum((p.budget_expenses for p in phases), ZERO), status.actual_fees,
            status.actual_expenses, status.hours) if phases else None
        self.set_rows(phases + ([self._total] if self._total is not None else []))

    @property
    def total(self) -> PhaseFigures | None:
        return self._total

    def _percent_text(self, p: PhaseFigures) -> str:
        if p.percent_used is None:
            return "not budgeted" if p.actual > 0 else ""
        return percent_text(p.percent_used)

    def _percent_tip(self, p: PhaseFigures) -> str:
        if p.percent_used is None:
            return "Spent on a phase with no budget" if p.actual > 0 else ""
        level = level_for(p.percent_used, warning_percent=self.warning_percent,
                          over_percent=self.over_percent)
        return level_text(level, p.percent_used)

    def _color(self, p: PhaseFigures) -> QColor | None:
        if p.percent_used is None:
            return style.overdue_color() if p.actual > 0 else None
        level = level_for(p.percent_used, warning_percent=self.warning_percent,
                          over_percent=self.over_percent)
        return level_color(level) if level.value in ("warning", "over") else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid() \
                and self.row_at(index.row()) is self._total and self._total is not None:
            return self._bold
        return super().data(index, role)


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and reasons are never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setFont(tabular_font())
    return label


def _set_color(label: QLabel, color: QColor | None) -> None:
    """The label's text in a semantic colour, or back to the theme's."""
    parent = label.parentWidget()
    palette = parent.palette() if parent is not None else label.palette()
    if color is not None:
        palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)


def _chart(name: str) -> ChartCanvas:
    """A ChartCanvas (the same Drawing the PDF report prints, painted with QPainter)."""
    canvas = ChartCanvas()
    canvas.setAccessibleName(name)
    canvas.setMinimumHeight(CHART_HEIGHT)
    return canvas


class OverviewSection(QWidget):
    """The figures, the per-phase table and the charts of one case."""

    FIGURES = (("budget", "Budget"), ("actual", "Actual"), ("remaining", "Remaining"),
               ("used", "Used"), ("burn", "Burn rate"), ("forecast", "Forecast at completion"),
               ("runs_out", "Budget runs out"), ("unbilled", "Not yet billed"),
               ("arrangement", "Fee arrangement"), ("revision", "Revision"))

    def __init__(self, actions: BudgetActions) -> None:
        super().__init__()
        self.budget_actions = actions
        self.status: CaseBudgetStatus | None = None
        self.phase_model = PhaseModel(self)
        self.values: dict[str, QLabel] = {}
        self._points: tuple[Any, ...] = ()
        self._build()

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        half = (len(self.FIGURES) + 1) // 2
        for number, (key, caption) in enumerate(self.FIGURES):
            row, column = (number, 0) if number < half else (number - half, 3)
            title = QLabel(caption + ":")
            title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            value = _value_label()
            value.setAccessibleName(caption)
            self.values[key] = value
            grid.addWidget(title, row, column, Qt.AlignmentFlag.AlignTop)
            if key == "used":
                self.level_icon = QLabel()
                self.level_icon.setFixedSize(16, 16)
                cell = QHBoxLayout()
                cell.setSpacing(4)
                cell.addWidget(self.level_icon)
                cell.addWidget(value, 1)
                grid.addLayout(cell, row, column + 1)
            else:
                grid.addWidget(value, row, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        grid.setColumnMinimumWidth(2, 16)
        big = QFont(self.font())
        big.setBold(True)
        self.values["used"].setFont(big)
        layout.addLayout(grid)

        buttons = QHBoxLayout()
        self.budget_button = QPushButton(safe_icon("pencil"), "Set budget…")
        self.budget_button.clicked.connect(self.budget_actions.set_budget)
        self.time_button = QPushButton(safe_icon("clock"), "Add time…")
        self.time_button.clicked.connect(self.budget_actions.add_time)
        self.expense_button = QPushButton(safe_icon("plus"), "Add expense…")
        self.expense_button.clicked.connect(self.budget_actions.add_expense)
        for button in (self.budget_button, self.time_button, self.expense_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.phase_view = make_table(self.phase_model, "Budget and actual by phase")
        self.phase_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.phase_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phase_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.phase_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the phase name
        layout.addWidget(self.phase_view)
        charts = QHBoxLayout()
        self.bars = _chart("Budget and actual by phase, as bars")
        self.burn_chart = _chart("Spent over time against the budget (burn-up)")
        charts.addWidget(self.bars, 1)
        charts.addWidget(self.burn_chart, 1)
        layout.addLayout(charts)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.viewport().setAutoFillBackground(False)
        body.setAutoFillBackground(False)

        self.empty = EmptyState()
        self.empty.set_text("No budget yet.", "Set a budget by phase for fees and expenses, "
                            "record time and expenses as the work goes on, and see here how "
                            "the case stands against its budget.")
        for text, icon_name, slot in (("Set budget…", "pencil", self.budget_actions.set_budget),
                                      ("Add time…", "clock", self.budget_actions.add_time),
                                      ("Add expense…", "plus", self.budget_actions.add_expense)):
            self.empty.add_button(QPushButton(safe_icon(icon_name), text)).clicked.connect(slot)
        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.empty)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # -- charts ------------------------------------------------------------------------------
    def _bars(self, width: float, height: float) -> Drawing:
        from casedesk.export.report_chart import budget_vs_actual_chart

        status = self.status
        return budget_vs_actual_chart(status.phases if status else (), width=width,
                                      height=height, currency=status.currency if status
                                      else "USD")

    def _burn(self, width: float, height: float) -> Drawing:
        from casedesk.export.report_chart import burn_up_chart

        status = self.status
        budget = status.budget if status else None
        return burn_up_chart(self._points, width=width, height=height,
                             currency=status.currency if status else "USD",
                             planned_end_on=budget.planned_end_on if budget else None)

    # -- figures -----------------------------------------------------------------------------
    def show_data(self, case: BudgetCase, data: BudgetData) -> None:
        self.status = status = data.status
        self._points = data.burn
        self.stack.setCurrentIndex(1 if data.empty else 0)
        self.budget_button.setText("Revise budget…" if data.current else "Set budget…")
        self.phase_model.set_status(status)
        texts = self.figure_texts(data)
        for key, label in self.values.items():
            label.setText(texts.get(key, "—"))
        remaining = self.values["remaining"]
        over = status.budget is not None and status.remaining < 0
        _set_color(remaining, style.overdue_color() if over else None)
        color = level_color(status.level)
        _set_color(self.values["used"], color)
        pixmap = safe_icon(LEVEL_ICONS[status.level], color).pixmap(16, 16)
        self.level_icon.setPixmap(pixmap)
        self.level_icon.setVisible(status.budget is not None)
        self.phase_view.setVisible(bool(status.phases))
        rows = self.phase_model.rowCount()
        header = self.phase_view.horizontalHeader().height()
        self.phase_view.setFixedHeight(header + rows * self.phase_view.verticalHeader()
                                       .defaultSectionSize() + 2 * self.phase_view.frameWidth()
                                       + 2)
        self.bars.set_drawing_factory(self._bars)  # laid out again for the new figures
        self.burn_chart.set_drawing_factory(self._burn)

    @staticmethod
    def figure_texts(data: BudgetData) -> dict[str, str]:
        """The header figures in words, as shown."""
        s = data.status
        cur = data.currency

        def money(amount: Decimal | None) -> str:
            return fmt.money(amount, cur)

        texts = {
            "actual": f"{money(s.actual_total)}  (fees {money(s.actual_fees)} · expenses "
                      f"{money(s.actual_expenses)} · {s.hours:.2f} h)",
            "burn": f"{money(s.burn_rate)} a month" + (
                "" if s.first_entry_on is None else "  (the last 90 days)"
                if (data.today - s.first_entry_on).days >= 90 else
                f"  (since {fmt.day(s.first_entry_on)})"),
            "unbilled": money(s.unbilled),
        }
        budget = s.budget
        if budget is None:
            texts.update(budget="No budget set", remaining="—", used="No budget",
                         forecast=f"{money(s.forecast_from_phases)} spent so far",
                         runs_out="—", arrangement="—", revision="—")
            return texts
        texts["budget"] = (f"{money(s.budget_total)}  (fees {money(budget.fees_total)} · "
                           f"expenses {money(budget.expenses_total)})")
        texts["remaining"] = (money(s.remaining) if s.remaining >= 0
                              else f"Over by {money(-s.remaining)}")
        texts["used"] = level_text(s.level, s.percent_used)
        burn = (f"from the burn rate {money(s.forecast_from_burn)} by "
                f"{fmt.day(budget.planned_end_on)}" if s.forecast_from_burn is not None
                and budget.planned_end_on is not None else
                "from the burn rate: set a planned end date")
        texts["forecast"] = f"{burn} · from the phases {money(s.forecast_from_phases)}"
        texts["runs_out"] = (fmt.day(s.exhausted_on) if s.exhausted_on is not None else
                             "Already spent" if s.remaining <= 0 else
                             "Not at the current rate" if s.burn_rate <= 0 else "—")
        arrangement = arrangement_text(budget, cur)
        if budget.fee_arrangement is FeeArrangement.CONTINGENCY \
                and budget.expected_fee is not None:
            arrangement += f"  (fee {money(budget.expected_fee)})"
        texts["arrangement"] = arrangement
        by = f" by {budget.staff_name}" if budget.staff_name else ""
        texts["revision"] = f"{budget.revision}, set {fmt.moment(budget.created_at)}{by}"
        return texts
