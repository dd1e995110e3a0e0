"""The Budget tab's Overview: the case against its budget at a glance. First the level (an
icon, the words and the share used), then the figures (case_budget_figures.py: budget,
actual, remaining, burn rate, the two forecasts, when the budget runs out, the terms), budget
vs actual by phase with totals, and the two charts (budget vs actual bars, burn-up), side by
side when there is room. Without any budget or entries it says how to begin."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import BudgetLevel
from casedesk.export.report_drawing import Drawing
from casedesk.services.budget_rows import ZERO, CaseBudgetStatus, PhaseFigures, level_for
from casedesk.ui import style
from casedesk.ui.icons import LIST_ICON_SIZE, safe_icon
from casedesk.ui.models.snapshot_model import Column
from casedesk.ui.models.time_entry_model import MoneyTableModel, phase_text, tabular_font
from casedesk.ui.widgets.case_budget_actions import BudgetActions
from casedesk.ui.widgets.case_budget_common import (
    LEVEL_ICONS,
    LEVEL_WORDS,
    BudgetCase,
    level_color,
    level_text,
    make_action,
    make_table,
    needs_attention,
    percent_text,
    tool_button,
)
from casedesk.ui.widgets.case_budget_data import BudgetData
from casedesk.ui.widgets.case_budget_figures import FigureGrid, Reflow, Wrap, figures
from casedesk.ui.widgets.chart_canvas import ChartCanvas
from casedesk.ui.widgets.contacts_empty_state import EmptyState

_Index = QModelIndex | QPersistentModelIndex
PERCENT_COL = 4


def headline_text(status: CaseBudgetStatus) -> str:
    """'Near budget · 87.4% used', 'No budget'."""
    if status.budget is None or status.percent_used is None \
            or status.level is BudgetLevel.NONE:
        return LEVEL_WORDS[BudgetLevel.NONE]
    return f"{LEVEL_WORDS[status.level]} · {percent_text(status.percent_used)} used"


class PhaseModel(MoneyTableModel[PhaseFigures]):
    """Budget vs actual per phase, then a bold totals row."""

    def __init__(self, parent: Any = None) -> None:
        money = self.money
        super().__init__([
            Column("Phase", lambda p: phase_text(p.phase) if p is not self._total else "Total"),
            Column("Budget", lambda p: money(p.budget) if self.budgeted else "—",
                   align_right=True,
                   tooltip=lambda p: f"Fees {money(p.budget_fees)} · expenses "
                   f"{money(p.budget_expenses)}" if self.budgeted else "No budget is set"),
            Column("Actual", lambda p: money(p.actual), align_right=True,
                   tooltip=lambda p: f"Fees {money(p.actual_fees)} · expenses "
                   f"{money(p.actual_expenses)} · {p.hours:.2f} h"),
            Column("Remaining", lambda p: money(p.remaining) if self.budgeted else "—",
                   align_right=True,
                   color=lambda p: style.overdue_color() if p.remaining < 0
                   and self.budgeted else None),
            Column("% used", self._percent_text, align_right=True, color=self._color,
                   tooltip=self._percent_tip),
        ], parent)
        self._total: PhaseFigures | None = None
        self._bold = tabular_font(bold=True)
        self._icons: dict[tuple[BudgetLevel, str], QIcon] = {}
        self.warning_percent, self.over_percent = 80, 100
        self.budgeted = True  # without any budget, only what was spent: nothing is "over"

    def set_status(self, status: CaseBudgetStatus) -> None:
        self.set_currency(status.currency)
        self.budgeted = status.budget is not None
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
        if not self.budgeted:
            return ""
        if p.percent_used is None:
            return "not budgeted" if p.actual > 0 else ""
        return percent_text(p.percent_used)

    def _percent_tip(self, p: PhaseFigures) -> str:
        if not self.budgeted:
            return ""
        if p.percent_used is None:
            return "Spent on a phase with no budget" if p.actual > 0 else ""
        level = level_for(p.percent_used, warning_percent=self.warning_percent,
                          over_percent=self.over_percent)
        return level_text(level, p.percent_used)

    def _level(self, p: PhaseFigures) -> BudgetLevel:
        """OVER for spending on a phase with no budget (when the case has one); NONE for
        nothing at all, or a case without a budget."""
        if not self.budgeted:
            return BudgetLevel.NONE
        if p.percent_used is None:
            return BudgetLevel.OVER if p.actual > 0 else BudgetLevel.NONE
        return level_for(p.percent_used, warning_percent=self.warning_percent,
                         over_percent=self.over_percent)

    def _color(self, p: PhaseFigures) -> QColor | None:
        level = self._level(p)
        return level_color(level) if level in (BudgetLevel.WARNING, BudgetLevel.OVER) \
            else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.FontRole and row is self._total and row is not None:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and index.column() == PERCENT_COL \
                and row is not None:
            level = self._level(row)  # near and over: an icon as well as the colour
            if level in (BudgetLevel.WARNING, BudgetLevel.OVER):
                return self._icon(level)
        return super().data(index, role)

    def _icon(self, level: BudgetLevel) -> QIcon:
        color = level_color(level)
        key = (level, color.name() if color is not None else "")
        if key not in self._icons:  # by colour: a theme change gets new icons
            self._icons[key] = safe_icon(LEVEL_ICONS[level], color)
        return self._icons[key]


def _set_color(label: QLabel, color: QColor | None) -> None:
    """The label's text in a semantic colour, or back to the theme's."""
    parent = label.parentWidget()
    palette = parent.palette() if parent is not None else label.palette()
    if color is not None:
        palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)


def _chart(name: str, least_lines: int) -> ChartCanvas:
    """A ChartCanvas (the same Drawing the PDF report prints, painted with QPainter)."""
    canvas = ChartCanvas()
    canvas.setAccessibleName(name)
    canvas.set_least_height(canvas.fontMetrics().height() * least_lines)
    return canvas


class OverviewSection(QWidget):
    """The level, the figures, the per-phase table and the charts of one case."""

    def __init__(self, actions: BudgetActions) -> None:
        super().__init__()
        self.budget_actions = actions
        self.status: CaseBudgetStatus | None = None
        self.phase_model = PhaseModel(self)
        self._points: tuple[Any, ...] = ()
        self._build()

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)

        # The level first (icon, words, share used), the actions on the same line if they fit.
        level = QWidget()
        head = QHBoxLayout(level)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(6)
        self.level_icon = QLabel()
        self.level_icon.setFixedSize(LIST_ICON_SIZE)
        self.level_label = QLabel()
        self.level_label.setTextFormat(Qt.TextFormat.PlainText)
        self.level_label.setAccessibleName("Budget used")
        big = tabular_font(bold=True)
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.level_label.setFont(big)
        head.addWidget(self.level_icon)
        head.addWidget(self.level_label)
        self.set_budget_action = make_action(self, "Set budget…", "pencil",
                                             "Set or revise the budget by phase",
                                             self.budget_actions.set_budget)
        self.add_time_action = make_action(self, "Add time…", "clock",
                                           "Record time on this case (Ctrl+Shift+H)",
                                           self.budget_actions.add_time)
        self.add_expense_action = make_action(self, "Add expense…", "plus",
                                              "Record an expense on this case (Ctrl+Shift+X)",
                                              self.budget_actions.add_expense)
        self.budget_button = tool_button(self.set_budget_action)
        self.time_button = tool_button(self.add_time_action)
        self.expense_button = tool_button(self.add_expense_action)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for button in (self.budget_button, self.time_button, self.expense_button):
            row.addWidget(button)
        self.head = Wrap(level, buttons)
        layout.addWidget(self.head)

        self.figures = FigureGrid()
        self.values = {"used": self.level_label, **self.figures.values}  # every figure shown
        layout.addWidget(self.figures)

        self.phase_view = make_table(self.phase_model, "Budget and actual by phase")
        self.phase_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.phase_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phase_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.phase_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.phase_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the phase name
        layout.addWidget(self.phase_view)
        self.bars = _chart("Budget and actual by phase, as bars", 8)
        self.burn_chart = _chart("Spent over time against the budget (burn-up)", 14)
        chars = self.fontMetrics().horizontalAdvance("0")
        self.charts = Reflow([self.bars, self.burn_chart], least_width=chars * 62)
        layout.addWidget(self.charts)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(body)
        scroll.viewport().setAutoFillBackground(False)
        body.setAutoFillBackground(False)
        self.scroll_area = scroll

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
        self.set_budget_action.setText("Revise budget…" if data.current else "Set budget…")
        self.phase_model.set_status(status)
        self.figures.show_figures(figures(data), style.overdue_color())
        has_budget = status.budget is not None
        self.level_label.setText(headline_text(status))
        self.level_label.setToolTip(
            f"At {status.warning_percent}% of the budget a case is near it, at "
            f"{status.over_percent}% over it (Budget settings)." if has_budget else
            "Set a budget to see how the case stands against it.")
        color = level_color(status.level)
        # Near and over in their colour; within budget in the text's (the green icon says it:
        # nothing on the screen asks for attention it does not need).
        _set_color(self.level_label, color if needs_attention(status.level) else None)
        pixmap = safe_icon(LEVEL_ICONS[status.level], color).pixmap(LIST_ICON_SIZE)
        self.level_icon.setPixmap(pixmap)
        self.level_icon.setVisible(has_budget)
        self.phase_view.setVisible(bool(status.phases))
        rows = self.phase_model.rowCount()
        header = self.phase_view.horizontalHeader().sizeHint().height()
        self.phase_view.setFixedHeight(header + rows * self.phase_view.verticalHeader()
                                       .defaultSectionSize() + 2 * self.phase_view.frameWidth())
        self.bars.set_drawing_factory(self._bars)  # laid out again for the new figures
        self.burn_chart.set_drawing_factory(self._burn)
