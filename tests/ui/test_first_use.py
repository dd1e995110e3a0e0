"""An empty practice: the list explains itself and offers the next step; the first-run
choices set up the firm and its first member of staff, or fill in the sample practice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt

from casedesk.domain.enums import StaffRole
from casedesk.persistence.locations import resolve
from casedesk.services import firm, staff
from casedesk.ui.dialogs.firm_dialog import FirmDialog
from casedesk.ui.dialogs.first_run import FirstRunChoice, FirstRunDialog
from casedesk.ui.dialogs.staff_dialog import StaffDialog


def _empty_app(qtbot: Any, tmp_path: Path) -> Any:
    from casedesk.app import App

    app = App(resolve(tmp_path / "empty"),
              QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
              interactive=False)
    qtbot.addWidget(app.window)
    app.window.show()
    pane = app.window.cases_pane
    qtbot.waitUntil(lambda: pane.model.loaded, timeout=10_000)
    return app


def test_empty_practice_offers_the_next_step(qtbot: Any, tmp_path: Path) -> None:
    app = _empty_app(qtbot, tmp_path)
    try:
        pane = app.window.cases_pane
        qtbot.waitUntil(lambda: pane.list_stack.currentWidget() is pane.empty, timeout=10_000)
        assert "No cases yet" in pane.empty_label.text()
        assert pane.empty_new.isVisible()
        qtbot.waitUntil(pane.empty_sample.isVisible, timeout=10_000)  # asked of the database
        assert pane.empty_import.isVisible()
    finally:
        app.window.close()
        app.shutdown()


def test_first_run_set_up_creates_firm_and_you(qtbot: Any, tmp_path: Path,
                                               monkeypatch: Any) -> None:
    from casedesk.ui.first_run import run_first_run

    app = _empty_app(qtbot, tmp_path)
    try:
        answer = FirstRunDialog.Answer(
            FirstRunChoice.SET_UP,
            firm=FirmDialog.Answer(name="Walsh & Barnes, PLLC", address="1 Main St",
                                   phone="", email="", time_zone="America/Chicago",
                                   currency="USD"),
            staff=StaffDialog.Answer(name="Pat Quinn", role=StaffRole.PARALEGAL, email="",
                                     hourly_rate="95.00", bar_number="", active=True))
        monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, parent=None: answer))
        with qtbot.waitSignal(app.db.changed, timeout=10_000):
            run_first_run(app)
        qtbot.waitUntil(lambda: app.lookups.current_staff_id is not None, timeout=10_000)
        rows: list[Any] = []
        app.db.read(firm.get_firm, on_done=rows.append)
        app.db.read(staff.list_staff, on_done=rows.append)
        qtbot.waitUntil(lambda: len(rows) == 2)
        assert rows[0].name == "Walsh & Barnes, PLLC" and rows[0].time_zone == "America/Chicago"
        assert [(s.name, s.id) for s in rows[1]] == [("Pat Quinn", app.lookups.current_staff_id)]
    finally:
        app.window.close()
        app.shutdown()


def test_sample_practice_fills_the_list(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from casedesk.ui import first_run

    monkeypatch.setattr(first_run, "SAMPLE_CASES", 12)
    app = _empty_app(qtbot, tmp_path)
    try:
        pane = app.window.cases_pane
        qtbot.waitUntil(pane.empty_sample.isVisible, timeout=10_000)
        qtbot.mouseClick(pane.empty_sample, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pane.model.total > 0, timeout=30_000)
        assert pane.list_stack.currentWidget() is pane.view
    finally:
        app.window.close()
        app.shutdown()
