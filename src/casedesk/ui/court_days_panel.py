"""The right side of Courts & holidays: one court's days of a year (its own list, with history,
beside the federal holidays), the buttons that change the list, and what its state's reviewed
list contains and leaves out. It only shows; the window loads and writes."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk.services.courts import CourtRow, default_seed_years
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.court_days import (
    WARNING,
    CourtDays,
    DayLine,
    local_day,
    short_date,
    state_info_html,
)
from casedesk.ui.dialogs.base import hint_label, set_text_color
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel
from casedesk.ui.settings import ColumnWidths

REMOVED_COLUMN = 5


class FitTableView(QTableView):
    """Columns fit their text until the person resizes or moves one (see ColumnWidths); the
    last one takes the spare width only while everything fits, so a narrow window scrolls
    sideways rather than cut a name or date short."""

    stretches_last = True  # False when a chosen column stretches instead

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = ColumnWidths(self.horizontalHeader())

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        by_hand = self.columns.by_hand
        shown = [header.logicalIndex(v) for v in range(header.count())
                 if not header.isSectionHidden(header.logicalIndex(v))]
        fitted = [c for c in shown
                  if header.sectionResizeMode(c) is QHeaderView.ResizeMode.Interactive]
        stretch = False
        if self.stretches_last and shown:
            *others, last = shown  # in the order they are shown
            needed = sum(header.sectionSize(c) if by_hand or c not in fitted
                         else self._text_width(c) for c in others) + self._text_width(last)
            stretch = needed < self.viewport().width()
            if stretch:
                fitted = [c for c in fitted if c != last]  # it takes the rest
            else:
                header.setStretchLastSection(False)
        if not by_hand:
            for column in fitted:
                self.resizeColumnToContents(column)
        if stretch:
            header.setStretchLastSection(True)

    def _text_width(self, column: int) -> int:
        return max(self.sizeHintForColumn(column),
                   self.horizontalHeader().sectionSizeHint(column))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()


def table_view(model: Any, name: str, stretch: int | None = None) -> FitTableView:
    """A read-only row table whose columns fit their text (see FitTableView) and can be
    resized and moved; with `stretch`, that column takes the spare width instead and is the
    one cut short when space runs out."""
    view = FitTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setHighlightSections(False)
    header.setSectionsMovable(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None:
        view.stretches_last = False
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.fit_columns()
    return view


def empty_label(text: str = "") -> QLabel:
    """The muted, centred words an empty list shows instead of a blank table."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setMargin(24)
    return label


def _icon_label(name: str) -> QLabel:
    label = QLabel()
    label.setPixmap(safe_icon(name).pixmap(16, 16))
    return label


def _muted(line: DayLine) -> QColor | None:
    return style.done_color() if line.removed_at is not None else None


class StateListBox(QGroupBox):
    """The standing warning, and what the court's state list contains and leaves out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("State holiday list", parent)
        self.warning = QLabel(WARNING)
        self.warning.setWordWrap(True)
        bold = QFont(self.warning.font())
        bold.setBold(True)
        self.warning.setFont(bold)
        warning_row = QHBoxLayout()
        warning_row.addWidget(_icon_label("alert-triangle"), 0, Qt.AlignmentFlag.AlignTop)
        warning_row.addWidget(self.warning, 1)
        self.info = QTextBrowser()
        self.info.setAccessibleName("About the state's holiday list")
        self.info.setOpenLinks(False)
        self.seed_button = QPushButton(safe_icon("shield-check"),
                                       "Add reviewed state &holidays…")
        layout = QVBoxLayout(self)
        layout.addLayout(warning_row)
        layout.addWidget(self.info, 1)
        layout.addWidget(self.seed_button, 0, Qt.AlignmentFlag.AlignRight)
        self.show_court(None)

    def show_court(self, court: CourtRow | None) -> None:
        """The court's state list, and whether there is a reviewed list to add from."""
        state = court.state if court else ""
        self.setTitle(f"{state} holiday list" if state else "State holiday list")
        self.info.setHtml(state_info_html(state or None))
        self.seed_button.setEnabled(court is not None and court.reviewed_state)
        self.seed_button.setText(f"Add reviewed {state} &holidays…" if court is not None
                                 and court.reviewed_state else "Add reviewed state &holidays…")
        if court is None:
            tip = ""
        elif court.reviewed_state:
            tip = (f"Add the reviewed {state} state holidays of a span of years that the "
                   "court's list lacks")
        elif state:
            tip = (f"There is no reviewed holiday list for {state}; enter its legal holidays "
                   "with Add state holiday…")
        else:
            tip = "The court has no state; set it with Edit court… to use a reviewed list"
        self.seed_button.setToolTip(tip)


class CourtDaysPanel(QWidget):
    """The chosen court's header, its days of the chosen year, and the buttons that change
    the list."""

    filters_changed = Signal()  # the year, "Show removed" or "Include federal" changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._court: CourtRow | None = None
        self._year = date.today().year
        self._state_years: tuple[int, ...] = ()
        self.model: SnapshotTableModel[DayLine] = SnapshotTableModel([
            Column("Date", lambda d: fmt.day(d.day), color=_muted, strike=DayLine.is_removed),
            Column("Name", lambda d: d.name, color=_muted, strike=DayLine.is_removed),
            Column("Kind", lambda d: d.kind_text, color=_muted, tooltip=lambda d: d.tip),
            Column("Source / added by", lambda d: d.source, color=_muted),
            Column("Added on", lambda d: short_date(local_day(d.added_at)), color=_muted,
                   tooltip=DayLine.times_tip),
            Column("Removed (on, by)", DayLine.removed_text, color=_muted,
                   tooltip=DayLine.times_tip),
        ], self)
        self._build()
        self.set_years(())
        self.show_court(None)

    def _build(self) -> None:
        self.court_title = QLabel()
        title_font = QFont(self.court_title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.court_title.setFont(title_font)
        self.court_title.setWordWrap(True)
        self.court_summary = hint_label("")
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Year")
        self.year_combo.currentIndexChanged.connect(self._on_year_picked)
        year_label = QLabel("&Year:")
        year_label.setBuddy(self.year_combo)
        self.federal_check = QCheckBox("Include &federal holidays")
        self.federal_check.setChecked(True)
        self.federal_check.setToolTip("Federal legal holidays count for every court; they are "
                                      "set by law and not edited here")
        self.history_check = QCheckBox("Show &removed (history)")
        self.history_check.setToolTip("Also list the days taken off the list, with who and when")
        self.federal_check.toggled.connect(lambda _on: self.filters_changed.emit())
        self.history_check.toggled.connect(lambda _on: self.filters_changed.emit())
        year_box = QWidget()
        year_layout = QHBoxLayout(year_box)
        year_layout.setContentsMargins(0, 0, 0, 0)
        year_layout.addWidget(year_label)
        year_layout.addWidget(self.year_combo)
        header = QHBoxLayout()
        header.addWidget(self.court_title, 1)
        header.addWidget(year_box, 0, Qt.AlignmentFlag.AlignTop)
        filters = QHBoxLayout()
        filters.addWidget(self.federal_check)
        filters.addWidget(self.history_check)
        filters.addStretch(1)

        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        set_text_color(self.coverage, style.soon_color())
        self.coverage_row = QWidget()
        coverage_layout = QHBoxLayout(self.coverage_row)
        coverage_layout.setContentsMargins(0, 0, 0, 0)
        coverage_layout.addWidget(_icon_label("alert-triangle"), 0, Qt.AlignmentFlag.AlignTop)
        coverage_layout.addWidget(self.coverage, 1)

        self.view = table_view(self.model, "Days the court's deadlines skip")
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self.update_buttons())
        self.empty = empty_label()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.add_closure_button = QPushButton(safe_icon("plus"), "Add &closure day…")
        self.add_closure_button.setToolTip("The court is closed that day (weather, e-filing "
                                           "outage); adding one can make deadlines later")
        self.add_state_button = QPushButton(safe_icon("plus"), "Add &state holiday…")
        self.add_state_button.setToolTip("A state legal holiday from the court's published "
                                         "schedule; adding one can make deadlines later")
        self.remove_button = QPushButton(safe_icon("trash-2"), "Remo&ve…")
        buttons = QHBoxLayout()
        for button in (self.add_closure_button, self.add_state_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.court_summary)
        layout.addLayout(filters)
        layout.addWidget(self.coverage_row)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

    # --- state ----------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self._year

    def include_removed(self) -> bool:
        return self.history_check.isChecked()

    def include_federal(self) -> bool:
        return self.federal_check.isChecked()

    def selected_line(self) -> DayLine | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_year_picked(self, _index: int) -> None:
        year = self.year_combo.currentData()
        if isinstance(year, int) and year != self._year:
            self._year = year
            self.filters_changed.emit()

    def set_year(self, year: int) -> None:
        """Show `year` (without announcing it: the caller reloads)."""
        self._year = year
        self.set_years((year,))

    def set_years(self, years: tuple[int, ...]) -> None:
        """The combo offers the seeded span, any year with days, and the chosen year."""
        wanted = sorted(set(default_seed_years()) | set(years) | {self._year})
        self.year_combo.blockSignals(True)
        if [self.year_combo.itemData(i) for i in range(self.year_combo.count())] != wanted:
            self.year_combo.clear()
            for year in wanted:
                self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(self._year))
        self.year_combo.blockSignals(False)

    # --- showing --------------------------------------------------------------------------

    def show_court(self, court: CourtRow | None) -> None:
        """The court's header, its state's list and the buttons (the days come later)."""
        self._court = court
        if court is None:
            self.court_title.setText("No court selected")
            self.court_summary.setText("Choose a court on the left to see and edit its "
                                       "holidays and closure days.")
            self.model.set_rows([])
            self.stack.setCurrentWidget(self.view)
            self.coverage_row.hide()
        else:
            self.court_title.setText(court.name)
            s_days, closures = court.state_days, court.closures
            self.court_summary.setText("  ·  ".join([
                court.state or "No state", court.time_zone or "the firm's time zone",
                f"{s_days} state holiday{'s' * (s_days != 1)} and {closures} closure "
                f"day{'s' * (closures != 1)} on its list (all years)"]))
        self.update_buttons()

    def show_days(self, result: CourtDays) -> None:
        """One year's lines, keeping the selected day selected."""
        keep = self.selected_line()
        self.set_years(result.years)
        self._state_years = result.state_years
        self.model.set_rows(result.lines)
        self.view.setColumnHidden(REMOVED_COLUMN, not self.include_removed())
        self.view.fit_columns()
        if keep is not None and keep.day_id is not None:
            for row, line in enumerate(result.lines):
                if line.day_id == keep.day_id:
                    self.view.selectRow(row)
        self.empty.setText(
            f"Nothing on this court's list for {self._year}.\n"
            "Add closure day… for a day the court is closed; Add state holiday… for a "
            "legal holiday from the court's published schedule.")
        self.stack.setCurrentWidget(self.view if result.lines else self.empty)
        self._show_coverage()
        self.update_buttons()

    def _show_coverage(self) -> None:
        """Warn when the chosen year has no state holidays although the court has a state."""
        court = self._court
        if court is None or not court.state or self._year in self._state_years:
            self.coverage_row.hide()
            return
        if court.reviewed_state:
            text = (f"No {court.state} state holidays for {self._year} are on this court's "
                    f"list, so {self._year} deadlines skip only federal holidays and "
                    f"closures. Use Add reviewed {court.state} holidays… to add them.")
        else:
            text = (f"No {court.state} state holidays for {self._year} are on this court's "
                    "list. Enter them with Add state holiday… from the court's published "
                    "schedule.")
        self.coverage.setText(text)
        self.coverage_row.show()

    def update_buttons(self) -> None:
        court, line = self._court, self.selected_line()
        for widget in (self.add_closure_button, self.add_state_button, self.year_combo,
                       self.history_check, self.federal_check):
            widget.setEnabled(court is not None)
        self.remove_button.setEnabled(
            line is not None and line.day_id is not None and line.removed_at is None)
        if line is not None and line.day_id is None:
            tip = "Federal holidays are set by law; they cannot be removed here"
        elif line is not None and line.removed_at is not None:
            tip = "Already removed (listed as history)"
        else:
            tip = ("Take the selected day off the court's list (Del); removing a holiday can "
                   "make deadlines earlier")
        self.remove_button.setToolTip(tip)
