"""Composition root: builds the database worker, settings, lookups and the main window.

No globals: everything is created here and handed down through constructors.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from casedesk import APP_DISPLAY_NAME, APP_NAME, ORG_NAME
from casedesk.persistence.locations import DataLocation, resolve
from casedesk.ui.db import Database, JobError
from casedesk.ui.lookups import Lookups
from casedesk.ui.main_window import MainWindow
from casedesk.ui.settings import Settings

BENCH_STARTUP_ENV = "CASEDESK_BENCH_STARTUP"


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    if QLocale.system().language() is QLocale.Language.C:
        # No locale set (C/POSIX, common on servers and in containers): C formats money as
        # "36600.00$" without grouping; write numbers, money and dates as US English instead.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setDesktopFileName(APP_NAME)
    from importlib.resources import files

    icon_path = files("casedesk.resources") / "icons" / "app.png"
    if icon_path.is_file():
        app.setWindowIcon(QIcon(str(icon_path)))
    return app


def _prepare(location: DataLocation) -> str:
    from casedesk.persistence.migrate import prepare_database

    return prepare_database(location).value


def _warm_up() -> None:
    """Import the write-side modules on the worker thread once the first page is shown, so the
    first click does not wait for SQLAlchemy and the models to load."""
    import casedesk.export.report_build
    import casedesk.services.billing
    import casedesk.services.budget_report
    import casedesk.services.budget_settings
    import casedesk.services.budgets
    import casedesk.services.cases
    import casedesk.services.conflicts
    import casedesk.services.contacts
    import casedesk.services.correspondence
    import casedesk.services.document_requests
    import casedesk.services.documents
    import casedesk.services.expenses
    import casedesk.services.filings
    import casedesk.services.firm
    import casedesk.services.letters
    import casedesk.services.notes
    import casedesk.services.parties
    import casedesk.services.tasks
    import casedesk.services.time_entries  # noqa: F401


class App(QObject):
    """The running application: one window over one practice."""

    def __init__(self, location: DataLocation, qsettings: QSettings | None = None, *,
                 interactive: bool = True) -> None:
        super().__init__()
        self.location = location
        self.interactive = interactive
        self.db = Database(location)
        self.settings = Settings(qsettings or QSettings())
        self.lookups = Lookups(self.db, self.settings)
        self.ready = False
        self.fatal: JobError | None = None
        self.db.call(_prepare, location, on_done=self._on_prepared, on_error=self._on_fatal)
        self.window = MainWindow(self.db, self.settings, self.lookups)
        self.window.first_populated.connect(self._after_first_paint)
        from casedesk.ui.search_indexer import SearchIndexer

        self.indexer = SearchIndexer(self.db, self)
        self.window.attach_indexer(self.indexer)
        self.window.cases_pane.sample_requested.connect(self.open_sample_practice)

    def _on_prepared(self, _state: str) -> None:
        # Only now: reads queued before a refused or broken database would fail a second time.
        self.ready = True
        self.window.start()

    def _on_fatal(self, error: JobError) -> None:
        self.fatal = error
        if self.interactive:
            from casedesk.ui.dialogs.error_dialog import show_error

            show_error(self.window, error.message, error.details)
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.exit(2)

    def _after_first_paint(self) -> None:
        self.db.call(_warm_up, on_error=lambda _e: None)
        # Catch up what was added elsewhere (the command line, another desk) since last time.
        self.indexer.schedule(2000)
        if self.interactive and self.fatal is None:
            from casedesk.services import firm

            self.db.read(firm.is_empty_practice, on_done=self._maybe_first_run,
                         on_error=lambda _e: None)

    def _maybe_first_run(self, empty: bool) -> None:
        if empty:
            from casedesk.ui.first_run import run_first_run

            run_first_run(self)
        elif self.lookups.staff and self.lookups.current_staff_id is None:
            # Notes and history name their author: ask once who is at this desk.
            self.window.switch_user()

    def open_sample_practice(self) -> None:
        from casedesk.ui.first_run import load_sample_practice

        load_sample_practice(self)

    def shutdown(self) -> None:
        self.window.save_state()
        self.indexer.shutdown()
        self.db.shutdown()


class _FirstPaintProbe(QObject):
    """For `make bench`: print a line and quit at the first paint of a populated case list."""

    def __init__(self, app: App) -> None:
        super().__init__()
        self._app = app
        self._armed = False
        app.window.first_populated.connect(self._arm)
        app.window.cases_pane.view.viewport().installEventFilter(self)

    def _arm(self) -> None:
        self._armed = True
        self._app.window.cases_pane.view.viewport().update()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if self._armed and event.type() == QEvent.Type.Paint:
            self._armed = False
            rows = self._app.window.cases_pane.model.rowCount()
            QTimer.singleShot(0, lambda: self._report(rows))
        return False

    def _report(self, rows: int) -> None:
        print(f"PAINTED rows={rows}", flush=True)
        QApplication.exit(0)


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the chosen practice and run until it closes."""
    qt_app = make_application()
    location = resolve(args.data_dir, args.database_url)
    try:
        location.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.critical(None, APP_DISPLAY_NAME,
                             f"casedesk cannot use the data folder {location.data_dir}: "
                             f"{exc.strerror or exc}")
        return 2
    bench = os.environ.get(BENCH_STARTUP_ENV) == "1"
    app = App(location, interactive=not bench)
    probe = _FirstPaintProbe(app) if bench else None
    app.window.show()
    code = qt_app.exec()
    app.shutdown()
    del probe
    return 2 if app.fatal is not None else code
