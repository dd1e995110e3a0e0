"""A real main window over a small practice, for UI tests (no Qt class is mocked)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, parties, staff


def build_practice(folder: Path) -> dict[str, uuid.UUID]:
    """Three cases, a few contacts, one attorney; returns ids by name."""
    ids: dict[str, uuid.UUID] = {}
    with Practice(resolve(folder)) as practice:
        ids["attorney"] = uuid.uuid4()
        practice.write(staff.add_staff, name="Alice Avery", role="attorney",
                       staff_id=ids["attorney"], hourly_rate="300")
        for key, name in (("smith", "John Smith"), ("acme", "Acme Logistics, Inc."),
                          ("garcia", "Maria Garcia")):
            _c, ids[key] = practice.write(contacts.create_contact, name=name)
        for key, number, title, client in (
                ("case1", "2026-CV-0001", "Smith v. Acme Logistics", "smith"),
                ("case2", "2026-CV-0002", "Garcia v. Northwind", "garcia"),
                ("case3", "2025-CV-0107", "In re Estate of Brown", None)):
            _c, ids[key] = practice.write(cases.create_case, number=number, title=title,
                                          status="open", opened_on=date(2026, 1, 5),
                                          responsible_staff_id=ids["attorney"],
                                          practice_area="Civil litigation")
            if client:
                practice.write(parties.add_party, case_id=ids[key], contact_id=ids[client],
                               role="client")
        practice.write(parties.add_party, case_id=ids["case1"], contact_id=ids["acme"],
                       role="opposing_party")
    return ids


@pytest.fixture
def app_and_ids(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Any, dict[str, uuid.UUID]]]:
    from casedesk.app import App

    ids = build_practice(tmp_path / "practice")
    app = App(resolve(tmp_path / "practice"),
              QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
              interactive=False)
    app.lookups.set_current_staff(ids["attorney"])
    qtbot.addWidget(app.window)
    app.window.show()
    pane = app.window.cases_pane
    qtbot.waitUntil(lambda: pane.model.loaded and pane.model.rowCount() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: bool(app.lookups.staff), timeout=10_000)
    try:
        yield app, ids
    finally:
        app.window.close()
        app.shutdown()
