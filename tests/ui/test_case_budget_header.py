"""A case near or over its budget says so in the case header (seen whatever tab is open), and
the warning opens the Budget tab; a case within its budget shows nothing there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from tests.ui.test_calendar_budgets import build_budgets


@pytest.fixture
def window_and_ids(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Any, dict[str, Any]]]:
    from casedesk.app import App

    with Practice(resolve(tmp_path / "practice")) as practice:
        ids = build_budgets(practice)
    app = App(resolve(tmp_path / "practice"),
              QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
              interactive=False)
    qtbot.addWidget(app.window)
    app.window.show()
    pane = app.window.cases_pane
    qtbot.waitUntil(lambda: pane.model.loaded and pane.model.rowCount() == 4, timeout=10_000)
    try:
        yield app.window, ids
    finally:
        app.window.close()
        app.shutdown()


def test_the_header_warns_and_opens_the_budget(qtbot: Any, window_and_ids: Any) -> None:
    window, ids = window_and_ids
    detail = window.cases_pane.detail
    window.cases_pane.select_case(ids["over"])
    qtbot.waitUntil(lambda: detail.budget_warning.isVisible(), timeout=10_000)
    assert "Over budget 175%" in detail.budget_warning.text()
    assert detail.tabs.currentWidget() is not detail.budget_tab
    detail.budget_warning.linkActivated.emit("budget")
    assert detail.tabs.currentWidget() is detail.budget_tab

    window.cases_pane.select_case(ids["near"])
    qtbot.waitUntil(lambda: "Near budget 87%" in detail.budget_warning.text(), timeout=10_000)
    assert detail.budget_warning.isVisible()

    window.cases_pane.select_case(ids["calm"])  # 0.6% used: nothing to say
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.id == ids["calm"]
                    and detail.budget_tab.loaded and not detail.budget_warning.isVisible(),
                    timeout=10_000)
    assert detail.budget_warning.text() == ""
