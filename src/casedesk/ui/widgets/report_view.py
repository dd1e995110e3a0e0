"""One report on screen: its title, firm and period, then each section as a heading, its chart
(the same Drawing the PDF prints, painted by ChartCanvas) and its table (sortable; money
right-aligned with the currency; totals bold). Double-click or Enter on a row names its case."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.ui import format as fmt
from casedesk.ui.models.report_table_model import TOTALS_ROLE, VALUE_ROLE, ReportTableModel
from casedesk.ui.widgets.column_fit import FitOnResize

TABLE_ROWS_SHOWN = 14  # a section's table grows to this many rows, then scrolls
CHART_LINES = 14  # a chart that fills its room is at least this many text lines high; a chart
# of rows (horizontal bars) takes the height its rows need
CASE_KEYS = ("case_number", "case", "number")
TITLE_LEAST_CHARS = 22
MAIN_MOST_CHARS = 64  # a short table is no wider than its columns need, its main one up to this
NARROW_TABLE_COLUMNS = 4  # tables of up to this many columns
DROPPABLE_KEYS = ("practice_area", "responsible")  # also in the export; the tooltip keeps none


class SectionWidget(QWidget):
    """A report section: heading, notes, chart and table."""

    row_activated = Signal(object, int)  # the section's model, the row

    def __init__(self, section: Any, currency: str, thresholds: tuple[int, int] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.heading = QLabel(str(section.title))
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 4)
        layout.addWidget(self.heading)
        notes = _notes_text(getattr(section, "notes", ()))
        self.notes = QLabel(notes)
        self.notes.setWordWrap(True)
        self.notes.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)
        self.chart: QWidget | None = None
        table = section.table
        has_rows = table is not None and bool(table.rows)
        if section.chart is not None and has_rows:
            self.chart = _chart_widget(section.chart, str(section.title))
            layout.addWidget(self.chart)
        self.model = ReportTableModel(self)
        self.view: QTableView | None = None
        self.empty = QLabel("Nothing to show for this period and these filters.")
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty.setVisible(table is not None and not has_rows)
        layout.addWidget(self.empty)
        if has_rows:
            self.model.set_table(table, currency, thresholds)
            self.view = _table_view(self.model, str(section.title))
            self.view.activated.connect(self._on_activated)
            layout.addWidget(self.view, 1)
        self.stretches = self.view is not None and self.model.rowCount() > TABLE_ROWS_SHOWN
        self._expand = False
        if self.view is not None:  # a horizontal scroll bar must not hide the totals row
            self.view.horizontalScrollBar().rangeChanged.connect(
                lambda _lo, _hi: self.fit_height(self._expand))

    def fit_height(self, expand: bool) -> None:
        """Show every row up to TABLE_ROWS_SHOWN; with `expand` the table may take the rest."""
        view = self.view
        self._expand = expand
        if view is None:
            return
        shown = min(self.model.rowCount(), TABLE_ROWS_SHOWN)
        bar = view.horizontalScrollBar()
        height = (view.horizontalHeader().sizeHint().height()
                  + shown * view.verticalHeader().defaultSectionSize()
                  + 2 * view.frameWidth()
                  + (bar.sizeHint().height() if bar.maximum() > bar.minimum() else 0))
        if expand:
            view.setMinimumHeight(height)
            view.setMaximumHeight(16_777_215)
        else:
            view.setFixedHeight(height)

    def _on_activated(self, index: QModelIndex) -> None:
        if not index.data(TOTALS_ROLE):
            self.row_activated.emit(self.model, index.row())


def _notes_text(notes: Any) -> str:
    if not notes:
        return ""
    if isinstance(notes, str):
        return notes
    return "\n".join(str(n) for n in notes)


def _chart_widget(factory: Any, title: str) -> QWidget:
    """The chart painter (export's Drawing, drawn with QPainter in palette colours)."""
    from casedesk.ui.widgets.chart_canvas import ChartCanvas

    canvas = ChartCanvas()
    canvas.set_drawing_factory(factory)
    canvas.setAccessibleName(f"Chart: {title}")
    canvas.set_least_height(canvas.fontMetrics().height() * CHART_LINES)
    return canvas


def _table_view(model: ReportTableModel, title: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(title)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    view.verticalHeader().setResizeContentsPrecision(200)  # measure a long table's first rows
    header.setStretchLastSection(False)
    columns = model.columns
    main = next((n for n, c in enumerate(columns) if c.key in ("title", "case_title")),
                next((n for n, c in enumerate(columns) if c.kind == "text"), -1))
    if main >= 0:
        # The title takes the room left; other text columns give way first (they elide, with
        # a tooltip); figures always keep their full width.
        limits = {n: (12, 28) for n, c in enumerate(columns)
                  if c.kind == "text" and n != main and c.key not in CASE_KEYS}
        # Short of room, the least needed of them step aside (the last first) before
        # anything else is cut to an unreadable width.
        droppable = [n for n in reversed(limits) if columns[n].key in DROPPABLE_KEYS]
        view.fit = FitOnResize(view, main, limits,  # type: ignore[attr-defined]
                               least_main=TITLE_LEAST_CHARS, droppable=droppable)
        if len(columns) <= NARROW_TABLE_COLUMNS:  # once shown and styled, measure
            QTimer.singleShot(0, view, lambda: _cap_width(view, main))
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the builder's order first
    view.setSortingEnabled(True)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view


def _cap_width(view: QTableView, main: int) -> None:
    """No wider than the columns need (the main text column up to MAIN_MOST_CHARS), so that a
    short table (a summary, a few categories) does not spread its figures across a wide
    window, far from their names; it then stands at the left."""
    header = view.horizontalHeader()
    chars = max(1, view.fontMetrics().horizontalAdvance("x"))
    widths = [max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
              for c in range(header.count())]
    widths[main] = max(min(widths[main], MAIN_MOST_CHARS * chars), TITLE_LEAST_CHARS * chars)
    scroll_bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    slack = 2 * chars * len(widths)  # sort indicators, the bold totals
    view.setMaximumWidth(sum(widths) + 2 * view.frameWidth() + scroll_bar + slack)


class ReportView(QScrollArea):
    """The report's heading and sections, one under the other, in a scroll area."""

    case_activated = Signal(str)  # a case number, from a double-clicked row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document: Any = None
        self.sections: list[SectionWidget] = []
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Report title")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._body = QWidget()
        self._body.setBackgroundRole(QPalette.ColorRole.Window)
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(8, 4, 8, 8)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.subtitle)
        self.setWidget(self._body)

    def show_document(self, document: Any, thresholds: tuple[int, int] | None = None, *,
                      keep_place: bool = False) -> None:
        """Replace what is shown with `document` (a ReportDocument). With `keep_place` (the
        same report, recomputed after a change) the sort of each table and the scroll
        position stay as the person left them."""
        sorts = [(w.view.horizontalHeader().sortIndicatorSection(),
                  w.view.horizontalHeader().sortIndicatorOrder()) if w.view is not None
                 else (-1, Qt.SortOrder.AscendingOrder) for w in self.sections]
        scrolled = self.verticalScrollBar().value()
        for widget in self.sections:
            self._layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.sections = []
        stretch = self._layout.itemAt(self._layout.count() - 1)
        if stretch is not None and stretch.spacerItem() is not None:
            self._layout.removeItem(stretch)
        self.document = document
        self.title.setText(str(document.title))
        self.subtitle.setText(subtitle_text(document))
        for section in document.sections:
            widget = SectionWidget(section, str(document.currency), thresholds, self._body)
            widget.row_activated.connect(self._on_row)
            self.sections.append(widget)
        stretching = [w for w in self.sections if w.stretches]
        # The last long table takes the room that is left; the others show up to
        # TABLE_ROWS_SHOWN rows each and scroll inside.
        expander = stretching[-1] if stretching else None
        for widget in self.sections:
            self._layout.addWidget(widget, 1 if widget is expander else 0)
            widget.fit_height(widget is expander)
        if expander is None:
            self._layout.addStretch(1)
        if not keep_place:
            self.verticalScrollBar().setValue(0)
            return
        for widget, (column, order) in zip(self.sections, sorts, strict=False):
            if widget.view is not None and 0 <= column < widget.model.columnCount():
                widget.view.sortByColumn(column, order)
        # Once the new sections are laid out, back to where the person was reading.
        QTimer.singleShot(0, self, lambda: self.verticalScrollBar().setValue(scrolled))

    def _on_row(self, model: ReportTableModel, row: int) -> None:
        column = model.column_of(*CASE_KEYS)
        values = model.row_values(row)
        if column >= 0 and values is not None and values[column]:
            self.case_activated.emit(str(values[column]))
        elif column < 0:
            self.case_activated.emit("")  # a row of the one-case report: its own case

    def table_models(self) -> list[ReportTableModel]:
        return [w.model for w in self.sections if w.view is not None]

    def value_at(self, section: int, row: int, column: int) -> Any:
        """The raw value in a cell (tests)."""
        model = self.sections[section].model
        return model.index(row, column).data(VALUE_ROLE)


def subtitle_text(document: Any) -> str:
    """'Doe & Partners LLP · 1 Jan 2026 – 31 Dec 2026 · Staff: Ann Lee · Made Mon 6 Jul 2026 ·
    Amounts in USD', then the report's own notes on lines of their own."""
    parts = [str(document.firm_name or ""), str(document.period_text or ""),
             str(getattr(document, "subtitle", "") or "")]
    generated = getattr(document, "generated_on", None)
    if generated is not None:
        parts.append(f"Made {fmt.day(generated)}")
    parts.append(f"Amounts in {document.currency}")
    notes = _notes_text(getattr(document, "notes", ()))
    return " · ".join(p for p in parts if p) + (f"\n{notes}" if notes else "")
