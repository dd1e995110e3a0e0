"""A report table on screen: one `export.report_document.Table` (columns with a kind, rows of
plain values, an optional totals row), formatted as the person reads it: money right-aligned
with the firm's currency and two decimals, hours with two, percentages with one, dates with
the weekday. Sortable by any column; the totals row stays last and bold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from casedesk.ui import format as fmt
from casedesk.ui import style

VALUE_ROLE = Qt.ItemDataRole.UserRole + 11  # the raw value (Decimal, date, int, str)
TOTALS_ROLE = Qt.ItemDataRole.UserRole + 12  # True on the totals row
NUMERIC_KINDS = frozenset({"money", "hours", "percent", "int"})
# Columns compared with the practice's thresholds (the share of a budget used).
BUDGET_PERCENT_KEYS = frozenset({"percent_used", "percent", "used"})
_Index = QModelIndex | QPersistentModelIndex


def cell_text(value: Any, kind: str, currency: str) -> str:
    """How one value reads in a report cell ('' for nothing)."""
    if value is None or value == "":
        return ""
    if kind == "money" and isinstance(value, Decimal | int):
        return fmt.money(Decimal(value), currency)
    if kind == "hours" and isinstance(value, Decimal | int):
        return f"{Decimal(value).quantize(Decimal('0.01')):,}"
    if kind == "percent" and isinstance(value, Decimal | int):
        return f"{Decimal(value).quantize(Decimal('0.1')):,}%"
    if kind == "month" and isinstance(value, date):  # "Oct 2020" in the user's language
        return QLocale().toString(QDate(value.year, value.month, 1), "MMM yyyy")
    if kind == "date" and isinstance(value, date):
        return fmt.day(value)
    if kind == "int" and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    """Empty cells sort first; numbers, dates and text each compare among themselves."""
    if value is None or value == "":
        return (0, 0)
    if isinstance(value, Decimal | int | float):
        return (1, Decimal(value))
    if isinstance(value, date):
        return (2, value.toordinal())
    return (3, str(value).casefold())


class ReportTableModel(QAbstractTableModel):
    """Read-only rows of one report table; `set_table` replaces them wholesale."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[Any] = []  # report_document.Column: key, label, kind
        self._rows: list[tuple[Any, ...]] = []
        self._totals: tuple[Any, ...] | None = None
        self.currency = "USD"
        self.thresholds: tuple[int, int] | None = None  # (warning %, over %) to colour by

    def set_table(self, table: Any, currency: str = "USD",
                  thresholds: tuple[int, int] | None = None) -> None:
        self.beginResetModel()
        self._columns = list(table.columns) if table is not None else []
        self._rows = [tuple(r) for r in table.rows] if table is not None else []
        totals = getattr(table, "totals", None) if table is not None else None
        self._totals = tuple(totals) if totals is not None else None
        self.currency = currency
        self.thresholds = thresholds
        self.endResetModel()

    # -- reading -----------------------------------------------------------------------------
    @property
    def columns(self) -> list[Any]:
        return list(self._columns)

    @property
    def data_rows(self) -> list[tuple[Any, ...]]:
        """The rows in their current (sorted) order, without the totals row."""
        return list(self._rows)

    def column_of(self, *keys: str) -> int:
        """The first column whose key is one of `keys`; -1 if none."""
        for wanted in keys:
            for number, column in enumerate(self._columns):
                if column.key == wanted:
                    return number
        return -1

    def is_totals(self, row: int) -> bool:
        return self._totals is not None and row == len(self._rows)

    def row_values(self, row: int) -> tuple[Any, ...] | None:
        if 0 <= row < len(self._rows):
            return self._rows[row]
        if self.is_totals(row):
            return self._totals
        return None

    # -- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._rows) + (1 if self._totals is not None else 0)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(column.label)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in NUMERIC_KINDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        values = self.row_values(index.row())
        if values is None or not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        value = values[index.column()] if index.column() < len(values) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value, column.kind, self.currency)
        if role == VALUE_ROLE:
            return value
        if role == TOTALS_ROLE:
            return self.is_totals(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if column.kind in NUMERIC_KINDS
                          else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if self.is_totals(index.row()):
                font.setBold(True)
            if column.kind in NUMERIC_KINDS:
                font.setFeature(QFont.Tag("tnum"), 1)  # tabular figures: digits line up
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._color(column, value)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text" and value:
            return str(value)
        return None

    def _color(self, column: Any, value: Any) -> QColor | None:
        """A used share at or past the practice's thresholds: over red, near amber (the
        report's own words say it too, e.g. the "Over budget" status column)."""
        if (self.thresholds is None or column.kind != "percent"
                or column.key not in BUDGET_PERCENT_KEYS or not isinstance(value, Decimal | int)):
            return None
        warning, over = self.thresholds
        if value >= over:
            return style.overdue_color()
        if value >= warning:
            return style.soon_color()
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's values (not their text); the totals stay last."""
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        before = {i: row for i, row in enumerate(self._rows)}
        order_ids = sorted(range(len(self._rows)),
                           key=lambda i: _sort_key(before[i][column]
                                                   if column < len(before[i]) else None),
                           reverse=order is Qt.SortOrder.DescendingOrder)
        self._rows = [before[i] for i in order_ids]
        new_place = {old: new for new, old in enumerate(order_ids)}
        changed_from = []
        changed_to = []
        for index in self.persistentIndexList():
            if index.row() < len(self._rows) and index.row() in new_place:
                changed_from.append(index)
                changed_to.append(self.index(new_place[index.row()], index.column()))
        self.changePersistentIndexList(changed_from, changed_to)
        self.layoutChanged.emit()
