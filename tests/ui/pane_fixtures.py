"""Shared set-up for the Contacts, Calendar and Documents pane tests: a practice built through
the services, then opened by a real `Database` worker the way the app opens it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.ui.db import Database
from casedesk.ui.settings import Settings

T = TypeVar("T")
OpenPractice = Callable[[Callable[[Practice], T]], tuple[Database, T]]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_practice(tmp_path: Path) -> Iterator[Callable[[Callable[[Practice], Any]],
                                                       tuple[Database, Any]]]:
    """`open_practice(build)`: build data with the services, then a Database on it."""
    databases: list[Database] = []

    def make(build: Callable[[Practice], Any]) -> tuple[Database, Any]:
        location = resolve(tmp_path / "practice")
        with Practice(location) as practice:
            built = build(practice)
        db = Database(location)
        databases.append(db)
        return db, built

    yield make
    for db in databases:
        db.shutdown()


def show_in_host(qtbot: Any, pane: QWidget, width: int = 1100, height: int = 700) -> QWidget:
    """Show a pane inside a layout-less top-level window (keep the returned host referenced).

    The pane's own layout then never resizes the platform window, which the offscreen
    platform answers with a "does not support propagateSizeHints()" warning (and warnings
    fail tests).
    """
    host = QWidget()
    qtbot.addWidget(host)
    pane.setParent(host)
    host.resize(width, height)
    pane.setGeometry(0, 0, width, height)
    host.show()
    qtbot.waitExposed(host)
    return host
