"""Tool windows and deadline dialogs open as they were closed: size, splits and the columns the
person sized or moved come back from a real QSettings ini file in the next session, while
saved state that is unreadable, of the wrong type or off every screen leaves the defaults.
Modal dialogs are shown non-modally and closed; nothing is exec'd."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QPoint, QSettings, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from casedesk.persistence.practice import Practice
from casedesk.services import deadlines
from casedesk.ui import settings as keys
from casedesk.ui.courts_window import CourtsWindow
from casedesk.ui.db import Database
from casedesk.ui.dialogs.compute_deadlines_dialog import ComputeDeadlinesDialog
from casedesk.ui.dialogs.trigger_change_dialog import TriggerChangeDialog
from casedesk.ui.lookups import Lookups
from casedesk.ui.reminder_center import RemindersDialog
from casedesk.ui.rule_sets_window import RuleSetsWindow
from casedesk.ui.settings import Settings, settings_of
from tests.ui.dialog_fixtures import PLATFORM_LIMITS, discard_at_teardown, show  # noqa: F401
from tests.ui.pane_fixtures import open_practice  # noqa: F401
from tests.ui.test_courts_window import build as courts_practice
from tests.ui.test_deadline_dialogs import build as case_practice
from tests.ui.test_deadline_dialogs import fetch, with_judgment
from tests.ui.test_deadline_wiring import _open_calendar_tab

pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS)

Ids = dict[str, uuid.UUID]


# --- sessions --------------------------------------------------------------------------------

@pytest.fixture
def session(tmp_path: Path) -> Callable[[], Settings]:
    """`session()`: the UI settings as a new run of the app reads them from the ini file."""
    made: list[Settings] = []

    def start() -> Settings:
        for earlier in made:
            earlier.sync()  # what the last session wrote is on disk
        settings = Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        made.append(settings)
        return settings

    return start


@pytest.fixture
def saved(tmp_path: Path) -> Callable[[dict[str, Any]], None]:
    """`saved({name: value})`: what a damaged or older ini file holds, before a session."""
    def write(values: dict[str, Any]) -> None:
        raw = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        for name, value in values.items():
            raw.setValue(name, value)
        raw.sync()

    return write


@pytest.fixture
def staff_settings(tmp_path: Path) -> Settings:
    """Where the Lookups of a window keep who is at the desk (apart from the layouts)."""
    return Settings(QSettings(str(tmp_path / "staff.ini"), QSettings.Format.IniFormat))


def drag_divider(header: QHeaderView, logical: int, dx: int) -> None:
    """Drag the divider right of a column, as a person widens it with the mouse."""
    x = header.sectionViewportPosition(logical) + header.sectionSize(logical) - 2
    y = header.height() // 2
    viewport = header.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, y))
    QTest.mouseMove(viewport, QPoint(x + dx, y))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(x + dx, y))


def order(header: QHeaderView) -> list[int]:
    """The columns (logical numbers) in the order they are shown."""
    return [header.logicalIndex(v) for v in range(header.count())]


def off_screen_geometry(window: QWidget, size: QSize) -> QByteArray:
    """What saveGeometry() gave on a monitor that is no longer there."""
    window.resize(size)
    window.move(-30_000, -30_000)
    return window.saveGeometry()


def resize_to_other_size(qtbot: Any, window: QWidget) -> QSize:
    """Resize the window to a size it can take that differs from the one it has (and fits the
    test screen), and let its layouts settle; returns the new size."""
    room = window.screen().availableGeometry().size() * 0.9
    wanted = (window.size() - QSize(60, 80)).boundedTo(room).expandedTo(
        window.minimumSizeHint())
    window.resize(wanted)
    qtbot.waitUntil(lambda: window.size() == wanted)
    qtbot.wait(20)  # the resize event and the layouts it sets off
    return wanted


def move_split(splitter: QSplitter, first: int) -> list[int]:
    """Give the first part `first` pixels (or as near as the parts' minimum sizes let it);
    returns the sizes it then has, which must differ from those it had."""
    before = splitter.sizes()
    splitter.setSizes([first, sum(before) - first])
    after = splitter.sizes()
    assert after != before and sum(after) == sum(before)
    return after


def assert_default_split(qtbot: Any, splitter: QSplitter, default: QSplitter) -> None:
    """The splitter is split as a window with nothing saved splits it (once both settled)."""
    qtbot.waitUntil(lambda: sum(splitter.sizes()) == sum(default.sizes()) > 0)
    assert all(abs(a - b) <= 2 for a, b in zip(splitter.sizes(), default.sizes(), strict=True))


def assert_same_split(qtbot: Any, splitter: QSplitter, saved: list[int]) -> None:
    """The split of a form dialog came back. The form above it wraps its hints as its layout
    settles, which can leave the split a line taller or shorter than when it was saved: then
    Qt shares the height out in the saved proportion."""
    qtbot.waitUntil(lambda: min(splitter.sizes()) > 0)
    qtbot.wait(20)
    share = splitter.sizes()[0] / sum(splitter.sizes())
    assert share == pytest.approx(saved[0] / sum(saved), abs=0.01)


# --- Courts & holidays -----------------------------------------------------------------------

def open_courts(qtbot: Any, db: Database, settings: Settings | None,
                staff: Settings) -> CourtsWindow:
    window = CourtsWindow(None, db, Lookups(db, staff, db), settings=settings)
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2 and db.idle)
    qtbot.waitUntil(lambda: window.days.model.rowCount() > 0 and db.idle)
    return window


def test_courts_window_comes_back_as_it_was_closed(qtbot: Any, open_practice: Any,  # noqa: F811
                                                   session: Any, staff_settings: Any) -> None:
    db, _ids = open_practice(courts_practice)
    window = open_courts(qtbot, db, session(), staff_settings)
    size = resize_to_other_size(qtbot, window)
    split = move_split(window.splitter, window.splitter.sizes()[0] - 60)
    left_split = move_split(window.left_splitter, 240)
    days = window.days.view.horizontalHeader()
    assert not window.days.view.columns.by_hand  # fitted to the text so far
    name_width = days.sectionSize(1) + 45
    drag_divider(days, 1, 45)
    assert days.sectionSize(1) == name_width and window.days.view.columns.by_hand
    courts = window.view.horizontalHeader()
    courts.moveSection(1, 2)  # Time zone before State
    moved = order(courts)
    assert moved == [0, 2, 1, 3, 4]
    window.close()

    again = open_courts(qtbot, db, session(), staff_settings)
    assert again.size() == size
    assert again.splitter.sizes() == split
    assert again.left_splitter.sizes() == left_split
    assert order(again.view.horizontalHeader()) == moved
    # The days were loaded (and the columns fitted, had they not been the person's) since.
    assert again.days.view.horizontalHeader().sectionSize(1) == name_width
    assert again.view.horizontalHeader().sectionResizeMode(0) is QHeaderView.ResizeMode.Stretch


def test_courts_columns_nobody_touched_are_fitted_afresh(
        qtbot: Any, open_practice: Any, session: Any, staff_settings: Any) -> None:  # noqa: F811
    db, _ids = open_practice(courts_practice)
    first = session()
    open_courts(qtbot, db, first, staff_settings).close()
    assert first.get(keys.COURTS_SPLITTER).size() > 0  # the split is always kept
    assert first.get(keys.COURT_DAYS_HEADER).isEmpty()  # fitted columns are not
    again = open_courts(qtbot, db, session(), staff_settings)
    assert not again.days.view.columns.by_hand


def test_courts_window_ignores_unreadable_and_off_screen_state(
        qtbot: Any, open_practice: Any, session: Any, saved: Any,  # noqa: F811
        staff_settings: Any) -> None:
    db, _ids = open_practice(courts_practice)
    plain = open_courts(qtbot, db, None, staff_settings)  # the defaults
    saved({keys.COURTS_GEOMETRY.name: off_screen_geometry(QWidget(), QSize(640, 500)),
           keys.COURTS_SPLITTER.name: QByteArray(b"\x00\xff not a splitter"),
           keys.COURTS_LEFT_SPLITTER.name: "a string, not bytes",
           keys.COURTS_HEADER.name: QByteArray(b"junk"),
           keys.COURT_DAYS_HEADER.name: QByteArray(b"\x00\x00\x00\xff\x00\x00")})
    window = open_courts(qtbot, db, session(), staff_settings)
    assert window.size() == plain.size() != QSize(640, 500)
    assert_default_split(qtbot, window.splitter, plain.splitter)
    assert_default_split(qtbot, window.left_splitter, plain.left_splitter)
    assert not window.view.columns.by_hand and not window.days.view.columns.by_hand
    assert order(window.view.horizontalHeader()) == [0, 1, 2, 3, 4]


# --- Deadline rules --------------------------------------------------------------------------

def open_rules(qtbot: Any, db: Database, settings: Settings | None,
               staff: Settings) -> RuleSetsWindow:
    window = RuleSetsWindow(None, db, Lookups(db, staff, db), settings=settings)
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.sets_model.rowCount() > 1 and db.idle)
    return window


def test_rules_window_comes_back_as_it_was_closed(qtbot: Any, open_practice: Any,  # noqa: F811
                                                  session: Any, staff_settings: Any) -> None:
    db, _ids = open_practice(case_practice)
    window = open_rules(qtbot, db, session(), staff_settings)
    size = resize_to_other_size(qtbot, window)
    split = move_split(window.splitter, window.splitter.sizes()[0] + 60)
    sets = window.sets_view.horizontalHeader()
    sets.moveSection(1, 0)  # Source first
    tree = window.tree.header()
    wanted = tree.sectionSize(1) + 50
    drag_divider(tree, 1, 50)
    assert tree.sectionSize(1) == wanted
    window.sets_view.selectRow(1)  # another rule set: its columns are not fitted again
    qtbot.waitUntil(lambda: window.current() is window.sets_model.rows[1])
    assert tree.sectionSize(1) == wanted
    window.close()

    again = open_rules(qtbot, db, session(), staff_settings)
    assert again.size() == size
    assert again.splitter.sizes() == split
    assert order(again.sets_view.horizontalHeader()) == [1, 0]
    assert again.tree.header().sectionSize(1) == wanted


def test_rules_window_ignores_unreadable_and_off_screen_state(
        qtbot: Any, open_practice: Any, session: Any, saved: Any,  # noqa: F811
        staff_settings: Any) -> None:
    db, _ids = open_practice(case_practice)
    plain = open_rules(qtbot, db, None, staff_settings)
    saved({keys.RULES_GEOMETRY.name: off_screen_geometry(QWidget(), QSize(600, 450)),
           keys.RULES_SPLITTER.name: QByteArray(b"junk"),
           keys.RULES_SETS_HEADER.name: QByteArray(b"\x00\x00\x00\xff"),
           keys.RULES_TREE_HEADER.name: 12})
    window = open_rules(qtbot, db, session(), staff_settings)
    assert window.size() == plain.size()
    assert_default_split(qtbot, window.splitter, plain.splitter)
    assert not window.sets_columns.by_hand and not window.tree_columns.by_hand
    assert window.tree.header().sectionSize(0) == plain.tree.header().sectionSize(0)


# --- Reminders -------------------------------------------------------------------------------

def test_reminders_window_keeps_its_size_and_columns(qtbot: Any, session: Any) -> None:
    dialog = show(qtbot, RemindersDialog(settings=session()))
    dialog.show_reminders([])
    dialog.resize(640, 300)
    header = dialog.tree.header()
    wanted = header.sectionSize(1) + 30
    drag_divider(header, 1, 30)
    dialog.show_reminders([])  # the list is read again each minute: the width stays
    assert header.sectionSize(1) == wanted
    dialog.close()

    again = show(qtbot, RemindersDialog(settings=session()))
    again.show_reminders([])
    assert again.size() == QSize(640, 300)
    assert again.tree.header().sectionSize(1) == wanted


@pytest.mark.parametrize("geometry", [
    pytest.param(lambda: off_screen_geometry(QWidget(), QSize(500, 250)), id="off-screen"),
    pytest.param(lambda: QByteArray(b"\x01\xd9\xd0\xcb broken"), id="unreadable"),
])
def test_reminders_window_ignores_a_geometry_it_cannot_use(
        qtbot: Any, session: Any, geometry: Callable[[], QByteArray]) -> None:
    settings = session()
    settings.set(keys.REMINDERS_GEOMETRY, geometry())
    settings.set(keys.REMINDERS_HEADER, QByteArray(b"junk"))
    dialog = show(qtbot, RemindersDialog(settings=settings))
    assert dialog.size() == QSize(720, 360)  # as built
    assert not dialog.columns.by_hand


# --- Compute deadlines… and Change trigger… --------------------------------------------------

def open_compute(qtbot: Any, db: Database, case_id: uuid.UUID,
                 settings: Settings | None) -> ComputeDeadlinesDialog:
    dialog = ComputeDeadlinesDialog(None, db, case_id, "2026-CV-0001 Smith v. Acme",
                                    today=date(2026, 1, 5), settings=settings)
    show(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.rule_set_combo.count() > 0 and db.idle
                    and not dialog.waiting())
    return dialog


def test_compute_deadlines_keeps_its_size_and_split(qtbot: Any, open_practice: Any,  # noqa: F811
                                                    session: Any) -> None:
    db, ids = open_practice(case_practice)
    plain = open_compute(qtbot, db, ids["case"], None)
    dialog = open_compute(qtbot, db, ids["case"], session())
    assert dialog.size() == plain.size()  # nothing saved yet: the natural size
    size = resize_to_other_size(qtbot, dialog)
    qtbot.waitUntil(lambda: sum(dialog.splitter.sizes()) > 0)
    split = move_split(dialog.splitter, 90)
    dialog.close()

    again = open_compute(qtbot, db, ids["case"], session())
    assert again.size() == size != plain.size()
    assert_same_split(qtbot, again.splitter, split)


def test_compute_deadlines_ignores_unreadable_state(qtbot: Any, open_practice: Any,  # noqa: F811
                                                    session: Any, saved: Any) -> None:
    db, ids = open_practice(case_practice)
    plain = open_compute(qtbot, db, ids["case"], None)
    saved({keys.COMPUTE_DEADLINES_SIZE.name: "wide, please",
           keys.COMPUTE_DEADLINES_SPLITTER.name: QByteArray(b"junk")})
    dialog = open_compute(qtbot, db, ids["case"], session())
    assert dialog.size() == plain.size()
    # The form above the split wraps its hints as its layout settles, so the split's height
    # is not compared with another dialog's: the junk was refused and nothing collapsed.
    assert not dialog.layout_memory.was_restored(keys.COMPUTE_DEADLINES_SPLITTER)
    assert min(dialog.splitter.sizes()) > 0


def open_change(qtbot: Any, db: Database, ids: Ids,
                settings: Settings | None) -> TriggerChangeDialog:
    [trigger] = fetch(qtbot, db, deadlines.case_triggers, ids["case"])
    dialog = TriggerChangeDialog(None, db, trigger, case_label="2026-CV-0001 Smith v. Acme",
                                 actor_staff_id=ids["alice"], settings=settings)
    show(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.court_combo.count() > 0 and db.idle
                    and not dialog.waiting())
    return dialog


def test_change_trigger_keeps_its_size_and_split(qtbot: Any, open_practice: Any,  # noqa: F811
                                                 session: Any) -> None:
    db, ids = open_practice(with_judgment)
    dialog = open_change(qtbot, db, ids, session())
    size = resize_to_other_size(qtbot, dialog)
    split = move_split(dialog.diff.splitter, 80)
    dialog.close()

    again = open_change(qtbot, db, ids, session())
    assert again.size() == size
    assert_same_split(qtbot, again.diff.splitter, split)


def test_change_trigger_ignores_unreadable_state(qtbot: Any, open_practice: Any,  # noqa: F811
                                                 session: Any) -> None:
    db, ids = open_practice(with_judgment)
    plain = open_change(qtbot, db, ids, None)
    settings = session()
    settings.set(keys.TRIGGER_CHANGE_SIZE, QSize(-1, 40))
    settings.set(keys.TRIGGER_CHANGE_SPLITTER, QByteArray(b"\xff" * 40))
    dialog = open_change(qtbot, db, ids, settings)
    assert dialog.size() == plain.size()
    assert not dialog.layout_memory.was_restored(keys.TRIGGER_CHANGE_SPLITTER)
    assert min(dialog.diff.splitter.sizes()) > 0


# --- wiring in the app -----------------------------------------------------------------------

def test_the_main_window_hands_its_settings_to_what_it_opens(qtbot: Any, app_and_ids: Any,
                                                             monkeypatch: Any) -> None:
    app, ids = app_and_ids
    window = app.window
    settings = window.settings
    window.courts_action.trigger()
    window.rules_action.trigger()
    courts, rules = window._courts_window, window._rules_window
    qtbot.waitUntil(lambda: window.db.idle, timeout=10_000)
    resize_to_other_size(qtbot, courts)
    window.save_state()  # the app quits with both windows open
    assert settings.get(keys.COURTS_GEOMETRY) == courts.saveGeometry()
    assert settings.get(keys.RULES_GEOMETRY) == rules.saveGeometry()
    assert settings.get(keys.REMINDERS_GEOMETRY).isEmpty()  # never shown, nothing to keep
    reminders = window.reminders.dialog
    reminders.show()
    reminders.resize(500, 280)
    window.save_state()
    assert settings.get(keys.REMINDERS_GEOMETRY) == reminders.saveGeometry()
    assert settings_of(courts.days.view) is settings and settings_of(QWidget()) is None

    with Practice(app.db.location) as practice:
        practice.write(deadlines.apply_trigger, case_id=ids["case1"], rule_set_key="frcp",
                       trigger_key="complaint_served", trigger_date=date(2026, 6, 13),
                       rule_keys=None)
    tab = _open_calendar_tab(qtbot, app, ids["case1"])
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 2, timeout=10_000)
    asked: list[Any] = []
    monkeypatch.setattr(ComputeDeadlinesDialog, "ask",
                        classmethod(lambda cls, *a, **kw: asked.append(kw["settings"])))
    monkeypatch.setattr(TriggerChangeDialog, "ask",
                        classmethod(lambda cls, *a, **kw: asked.append(kw["settings"])))
    tab.compute_button.click()
    tab.change_trigger_action.trigger()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10_000)
    assert asked == [settings, settings]
