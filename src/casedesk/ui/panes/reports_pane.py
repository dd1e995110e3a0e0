"""The Reports pane: the list of management reports beside the chosen one, filtered by period,
staff and practice area (or, for one case, by the case); charts and tables, exported to CSV,
Excel or PDF.

Reports are computed on the DB worker (export/report_build.py over the plain-SQL reader),
never on the GUI thread; while one is being made the pane says "Calculating…", and an answer
that a newer request has overtaken is dropped. A visible pane recomputes when budgets, time,
expenses, cases or staff change; a hidden one when it is next shown."""

from __future__ import annotations

import uuid
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QByteArray, QMetaMethod, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.ui.db import Database, JobError
from casedesk.ui.icons import LIST_ICON_SIZE, safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import Key, Settings
from casedesk.ui.widgets import report_catalog as catalog
from casedesk.ui.widgets.calendar_case_picker import case_search
from casedesk.ui.widgets.contacts_empty_state import EmptyState
from casedesk.ui.widgets.report_export import ReportExporter, file_stem
from casedesk.ui.widgets.report_filter_bar import ReportFilterBar
from casedesk.ui.widgets.report_view import ReportView

REFRESH_DELAY_MS = 300  # after a change, wait for the rest of a burst of writes
REPORTS_SPLITTER = Key("reports/splitter", QByteArray, QByteArray())
REPORTS_CURRENT = Key("reports/current", str, "over_budget")
REPORTS_PERIOD = Key("reports/period", str, "this_year")


class ReportsPane(QWidget):
    """Reports list | filters, the report (charts and tables) and its exports."""

    open_case_requested = Signal(object)  # case UUID
    open_case_tab_requested = Signal(object, str)  # case UUID, "budget"
    status_message = Signal(str)

    def __init__(self, db: Database, settings: Settings | None, lookups: Any = None,
                 parent: QWidget | None = None, *,
                 builders: dict[str, catalog.Builder] | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._lookups = lookups
        self._builders = builders or catalog.default_builders()
        self._fixed_today = today  # tests pin the day; the app follows the clock
        self._generation = 0
        self._stale = True
        self._areas_stale = True
        self._staff_stale = lookups is None  # without Lookups the pane reads the staff itself
        self.result: catalog.ReportResult | None = None
        self.loaded = False  # True once a report (or an empty state) has been shown
        self.calculating = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh)
        self._build()
        self._restore()
        db.changed.connect(self._on_changed)
        if lookups is not None:
            lookups.updated.connect(lambda: self.filter_bar.set_staff(list(lookups.staff)))
            self.filter_bar.set_staff(list(lookups.staff))

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.report_list = QListWidget()
        self.report_list.setAccessibleName("Reports")
        self.report_list.setIconSize(LIST_ICON_SIZE)
        for spec in catalog.REPORTS:
            item = QListWidgetItem(safe_icon(spec.icon), spec.title)
            item.setToolTip(spec.tip)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.report_list.addItem(item)
        chars = self.fontMetrics().horizontalAdvance("x")
        self.report_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max(self.fontMetrics().horizontalAdvance(s.title) for s in catalog.REPORTS)
        self._list_width = widest + LIST_ICON_SIZE.width() + chars * 6
        self.report_list.setMinimumWidth(chars * 18)  # narrow windows: the titles elide

        self.filter_bar = ReportFilterBar(case_search(self._db))
        self.filter_edit = self.filter_bar.case_picker  # the window's Ctrl+F
        self.exporter = ReportExporter(self._db, self, settings=self._settings,
                                       document=self.current_document, stem=self._file_stem)
        self.export_buttons: dict[str, QToolButton] = {}
        export_row = QHBoxLayout()
        export_row.addWidget(QLabel("Export:"))
        for key, action in self.exporter.actions.items():
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            self.export_buttons[key] = button
            export_row.addWidget(button)

        self.busy_label = QLabel("Calculating…")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(chars * 14)
        self.busy_bar.setMaximumHeight(self.fontMetrics().height())
        self.busy_bar.setAccessibleName("Calculating")
        self.message = QLabel()
        self.message.setWordWrap(True)
        status = QHBoxLayout()  # under the filters: what is going on, and the exports
        status.addWidget(self.message, 1)
        status.addWidget(self.busy_label)
        status.addWidget(self.busy_bar)
        status.addSpacing(chars * 2)
        status.addLayout(export_row)
        self._set_busy(False)

        self.view = ReportView()
        self.empty = EmptyState()
        self.empty_settings = self.empty.add_button(
            QPushButton(safe_icon("settings"), "Budget settings…"))
        self.empty_all = self.empty.add_button(
            QPushButton(safe_icon("x"), "Show all dates and staff"))
        self.empty_case = self.empty.add_button(
            QPushButton(safe_icon("briefcase"), "Open the case"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 4)
        right_layout.addWidget(self.filter_bar)
        right_layout.addLayout(status)
        right_layout.addWidget(self.stack, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 4)
        left_layout.addWidget(self.report_list)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self._list_width, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.report_list.currentRowChanged.connect(self._on_report)
        self.filter_bar.changed.connect(self._on_filters)
        self.view.case_activated.connect(self._on_case_activated)
        self.exporter.status_message.connect(self.status_message)
        self.empty_settings.clicked.connect(self.edit_budget_settings)
        self.empty_all.clicked.connect(self.filter_bar.clear_narrowing)
        self.empty_case.clicked.connect(lambda: self._open_budget(self.filter_bar
                                                                  .case_picker.case_id()))

    def _restore(self) -> None:
        key = catalog.REPORT_KEYS[0]
        period = "this_year"
        if self._settings is not None:
            state = self._settings.get(REPORTS_SPLITTER)
            if not state.isEmpty():
                self.splitter.restoreState(state)
            self.splitter.splitterMoved.connect(self.save_state)
            key = self._settings.get(REPORTS_CURRENT)
            period = self._settings.get(REPORTS_PERIOD)
        self.filter_bar.blockSignals(True)
        self.filter_bar.set_period(period)
        self.filter_bar.blockSignals(False)
        self.report_list.blockSignals(True)
        self.report_list.setCurrentRow(catalog.REPORT_KEYS.index(catalog.spec_for(key).key))
        self.report_list.blockSignals(False)
        self._apply_scope()

    def save_state(self) -> None:
        """Remember the splitter, the report and the period."""
        if self._settings is None:
            return
        self._settings.set(REPORTS_SPLITTER, self.splitter.saveState())
        self._settings.set(REPORTS_CURRENT, self.spec.key)
        self._settings.set(REPORTS_PERIOD, self.filter_bar.period_key())

    # -- what is chosen ----------------------------------------------------------------------
    @property
    def spec(self) -> catalog.ReportSpec:
        item = self.report_list.currentItem()
        return catalog.spec_for(item.data(Qt.ItemDataRole.UserRole) if item else "")

    def show_report(self, key: str, case_id: uuid.UUID | None = None, label: str = "") -> None:
        """Choose a report (and, for one case, the case) and compute it."""
        if case_id is not None:
            self.filter_bar.case_picker.blockSignals(True)
            self.filter_bar.case_picker.set_case(case_id, label)
            self.filter_bar.case_picker.blockSignals(False)
        row = catalog.REPORT_KEYS.index(catalog.spec_for(key).key)
        if row != self.report_list.currentRow():
            self.report_list.setCurrentRow(row)  # reloads
        else:
            self.reload()

    def current_document(self) -> Any:
        return self.result.document if self.result is not None and self.stack.currentWidget() \
            is self.view else None

    def today(self) -> date:
        return self._fixed_today or date.today()

    def _file_stem(self) -> str:
        document = self.current_document()
        start, end = self.filter_bar.dates(self.today())
        period = "-".join(f"{d:%Y-%m-%d}" for d in (start, end) if d is not None)
        return file_stem(str(document.title) if document is not None else "report", period)

    def _apply_scope(self) -> None:
        spec = self.spec
        self.filter_bar.set_scope(case=spec.needs_case, staff=spec.uses_staff,
                                  area=spec.uses_area)

    # -- loading -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def ensure_loaded(self) -> None:
        if self._stale:
            self.reload()

    def _on_report(self, _row: int) -> None:
        self._apply_scope()
        self.save_state()
        self.reload()
        if self.spec.needs_case and self.filter_bar.case_picker.case_id() is None:
            self.filter_bar.case_picker.setFocus()  # the one thing the report needs

    def _on_filters(self) -> None:
        self.save_state()
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.cases:
            self._areas_stale = True
        if changes.staff and self._lookups is None:
            self._staff_stale = True
        if changes.budgets or changes.cases or changes.staff or changes.firm:
            if self.isVisible():
                self._refresh_timer.start()  # a burst of writes: one recomputation
            else:
                self._stale = True

    def _refresh(self) -> None:
        """The same report again, after a change: keep the sort and the scroll position."""
        self.reload(keep_place=True)

    def reload(self, keep_place: bool = False) -> None:
        """Compute the chosen report with the filters (the latest request wins)."""
        self._stale = False
        self._refresh_timer.stop()
        self._generation += 1
        if self._staff_stale:
            self._staff_stale = False
            self._load_staff()
        if self._areas_stale:
            self._areas_stale = False
            from casedesk.services import case_list

            self._db.plain(case_list.practice_areas,
                           on_done=if_alive(self, self.filter_bar.set_areas),
                           on_error=lambda _e: None)
        spec = self.spec
        filters = self.filter_bar.filters(self.today())
        if spec.needs_case and filters.case_id is None:
            self._show_empty("Choose a case",
                             "Type a case number or title in the Case field above to see its "
                             "budget against what was spent, phase by phase.", case=False)
            return
        if problem := self.filter_bar.dates_problem():
            self._show_empty("Check the period", problem, case=False)
            return
        builder = self._builders[spec.key]
        self._set_busy(True)
        self.message.clear()
        keep_place = keep_place and self.result is not None and self.result.key == spec.key
        self._db.plain(catalog.build_report, builder, spec.key, filters, self.today(),
                       on_done=if_alive(self, partial(self._on_loaded, self._generation,
                                                      keep_place)),
                       on_error=if_alive(self, partial(self._on_error, self._generation)))

    def _load_staff(self) -> None:
        from casedesk.services import case_list

        self._db.plain(case_list.staff_choices, on_done=if_alive(self, self.filter_bar
                                                                  .set_staff),
                       on_error=lambda _e: None)

    def _on_loaded(self, generation: int, keep_place: bool,
                   result: catalog.ReportResult) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self._set_busy(False)
        self.result = result
        self.loaded = True
        if catalog.is_empty(result.document):
            self._show_empty_report(result)
            return
        thresholds = ((result.warning_percent, result.over_percent)
                      if self.spec.budget_percent else None)
        keep_place = keep_place and self.stack.currentWidget() is self.view
        self.view.show_document(result.document, thresholds, keep_place=keep_place)
        self.stack.setCurrentWidget(self.view)
        self.exporter.set_available(True)

    def _on_error(self, generation: int, error: JobError) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self.loaded = True
        self.message.setText(f"The report could not be made. {error.message}")
        self.message.setToolTip(error.details)
        self.status_message.emit("The report could not be made.")

    def _set_busy(self, busy: bool) -> None:
        self.calculating = busy
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        if busy:
            self.exporter.set_available(False)

    # -- empty states ------------------------------------------------------------------------
    def _show_empty_report(self, result: catalog.ReportResult) -> None:
        spec = self.spec
        if spec.needs_case:
            headline, text = catalog.EMPTY_TEXT["case_budget"]
            self._show_empty(headline, text, case=True)
            return
        if self.filter_bar.is_narrowed() and spec.key != "over_budget":
            self._show_empty("Nothing for this period and these filters.",
                             f"{self.filter_bar.period_text(self.today())}. Choose all dates "
                             "and staff to see everything recorded.", case=False,
                             narrowed=True)
            return
        headline, text = catalog.EMPTY_TEXT[spec.key]
        over = spec.key == "over_budget"
        self._show_empty(headline, text.format(warning=result.warning_percent), case=False,
                         narrowed=over and self.filter_bar.is_narrowed(), settings=over)

    def _show_empty(self, headline: str, text: str, *, case: bool, narrowed: bool = False,
                    settings: bool = False) -> None:
        self._set_busy(False)
        self.loaded = True
        self.empty.set_text(headline, text)
        self.empty_case.setVisible(case)
        self.empty_all.setVisible(narrowed)
        self.empty_settings.setVisible(settings)
        self.stack.setCurrentWidget(self.empty)
        self.exporter.set_available(False)

    # -- opening cases and settings ----------------------------------------------------------
    def _on_case_activated(self, number: str) -> None:
        if not number:  # a phase of the one-case report: that case
            if self.result is not None and self.result.case_id is not None:
                self._open_budget(self.result.case_id)
            return
        self._db.plain(catalog.case_for_number, number,
                       on_done=if_alive(self, self._open_budget), on_error=lambda _e: None)

    def _open_budget(self, case_id: uuid.UUID | None) -> None:
        """Open the case at its Budget tab (just the case when nothing routes the tab)."""
        if case_id is None:
            return
        tab_signal = QMetaMethod.fromSignal(self.open_case_tab_requested)
        if self.isSignalConnected(tab_signal):
            self.open_case_tab_requested.emit(case_id, "budget")
        else:
            self.open_case_requested.emit(case_id)

    def edit_budget_settings(self) -> None:
        from casedesk.ui.dialogs.budget_settings_dialog import edit_budget_settings

        edit_budget_settings(self, self._db, on_message=self.status_message.emit)
