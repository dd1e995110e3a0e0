"""The Calendar pane on a real practice: month marks, agenda, coming up, ticking tasks off."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
)

from casedesk.domain.enums import TaskStatus
from casedesk.persistence.practice import Practice
from casedesk.services import cases, staff, tasks
from casedesk.ui import format as fmt
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.models.task_agenda_model import ASSIGNEE_COLUMN, DONE_COLUMN, TITLE_COLUMN
from casedesk.ui.panes.calendar_pane import TITLE_MIN_CHARS, CalendarPane
from casedesk.ui.settings import CALENDAR_SPLITTER, CURRENT_STAFF, Settings
from casedesk.ui.theme import DarkFusionStyle, check_box_outline, dark_palette
from casedesk.ui.widgets.calendar_month_view import day_summary
from tests.ui.pane_fixtures import open_practice, settings, show_in_host  # noqa: F401

TODAY = date.today()
NEXT_MONTH_15 = (TODAY.replace(day=1) + timedelta(days=32)).replace(day=15)
Ids = dict[str, uuid.UUID]


def build(practice: Practice) -> Ids:
    ids = {name: uuid.uuid4() for name in ("alice", "bob", "answer", "subpoena", "motion",
                                           "old", "later", "far")}
    w = practice.write
    w(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=ids["alice"])
    w(staff.add_staff, name="Bob Paralegal", role="paralegal", staff_id=ids["bob"])
    _c, ids["case1"] = w(cases.create_case, number="2026-CV-0001", title="Smith v. Acme")
    _c, ids["case2"] = w(cases.create_case, number="2026-CV-0002", title="Estate of Smith")
    for key, case, title, due, who, extra in (
        ("answer", "case1", "File answer", TODAY - timedelta(days=2), "alice",
         {"priority": "urgent"}),
        ("old", "case1", "Old reminder", TODAY - timedelta(days=2), "bob", {"status": "done"}),
        ("subpoena", "case1", "Serve subpoena", TODAY, "bob", {}),
        ("motion", "case2", "Draft motion", TODAY + timedelta(days=3), "alice", {}),
        ("later", "case2", "Call client", TODAY + timedelta(days=20), "bob", {}),
        ("far", "case2", "Prepare trial binder", NEXT_MONTH_15, "alice", {}),
    ):
        w(tasks.add_task, case_id=ids[case], title=title, due_on=due,
          assignee_staff_id=ids[who], task_id=ids[key], **extra)
    return ids


@pytest.fixture
def pane_and_ids(qtbot: Any, open_practice: Any, settings: Settings,  # noqa: F811
                 qtmodeltester: Any) -> Iterator[tuple[CalendarPane, Ids]]:
    db, ids = open_practice(build)
    pane = CalendarPane(db, settings)
    qtmodeltester.check(pane.model)
    qtmodeltester.check(pane.upcoming_model)
    host = show_in_host(qtbot, pane)
    qtbot.waitUntil(lambda: pane.loaded)
    yield pane, ids
    host.close()


def titles(view: QTableView) -> list[str]:
    model = view.model()
    return [model.index(r, 3).data() for r in range(model.rowCount())]


def task_status(pane: CalendarPane, case_id: uuid.UUID, task_id: uuid.UUID) -> TaskStatus:
    with Practice(pane._db.location) as practice:
        detail = practice.read(cases.get_case_detail, case_id)
    return next(t.status for t in detail.tasks if t.id == task_id)


def test_month_marks_open_done_and_overdue_days(pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    counts = pane.calendar.counts()
    overdue_day = TODAY - timedelta(days=2)
    assert counts[overdue_day] == (1, 1)
    assert counts[TODAY] == (1, 0)
    assert counts[TODAY + timedelta(days=3)] == (1, 0)
    assert day_summary(counts[overdue_day], overdue_day, TODAY) == "1 overdue"
    assert day_summary(counts[TODAY], TODAY, TODAY) == "1 due"
    assert day_summary((0, 2), overdue_day, TODAY) == "2 done"
    overdue_format = pane.calendar.dateTextFormat(fmt.to_qdate(overdue_day))
    assert overdue_format.fontWeight() == 700 and "overdue" in overdue_format.toolTip()
    start, end = pane.calendar.visible_range()
    assert all(start <= day <= end for day in counts)  # only the grid was loaded


def test_today_is_selected_with_its_agenda(pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    assert pane.calendar.selected_day() == TODAY
    assert titles(pane.view) == ["Serve subpoena"]
    row = [pane.model.index(0, c).data() for c in range(7)]
    assert row[2:] == ["2026-CV-0001", "Serve subpoena", "Bob Paralegal", "Normal", "Open"]
    assert pane.model.index(0, DONE_COLUMN).data(Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Unchecked
    assert pane.day_label.text() == f"{fmt.day(TODAY)} · 1 task"
    assert not any(str(i) in str(v) for v in row for i in ids.values())


def test_coming_up_lists_overdue_and_the_next_week_only(pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    assert titles(pane.upcoming_view) == ["File answer", "Serve subpoena", "Draft motion"]
    overdue, today = pane.upcoming_model.index(0, 1), pane.upcoming_model.index(1, 1)
    assert overdue.data() == fmt.day(TODAY - timedelta(days=2))
    # Overdue reads in the overdue colour, with a warning sign and in words (tooltip, reader).
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not overdue.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert today.data(Qt.ItemDataRole.DecorationRole) is None
    assert overdue.data(Qt.ItemDataRole.ToolTipRole).endswith("(overdue 2 days)")
    assert overdue.data(Qt.ItemDataRole.AccessibleTextRole).endswith("(overdue 2 days)")
    assert pane.upcoming_label.text().endswith("(1 overdue)")


def test_choosing_a_day_shows_its_tasks_done_ones_ticked(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    pane.calendar.setSelectedDate(fmt.to_qdate(TODAY - timedelta(days=2)))
    assert titles(pane.view) == ["File answer", "Old reminder"]
    checks = [pane.model.index(r, DONE_COLUMN).data(Qt.ItemDataRole.CheckStateRole)
              for r in range(2)]
    assert checks == [Qt.CheckState.Unchecked, Qt.CheckState.Checked]
    assert pane.day_label.text().endswith("2 tasks, 1 open")
    two_rows = pane.view.height()
    empty_day = TODAY + timedelta(days=1)
    pane.calendar.setSelectedDate(fmt.to_qdate(empty_day))
    assert pane.day_label.text() == f"{fmt.day(empty_day)} · nothing due"
    assert not pane.view.isVisibleTo(pane)  # one line, not a big empty box
    pane.calendar.setSelectedDate(fmt.to_qdate(TODAY))
    assert pane.view.isVisibleTo(pane) and pane.view.height() < two_rows  # sized to its rows


def test_a_free_day_gives_its_room_to_what_is_coming_up(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    agenda_height = pane.agenda.height()
    busy_day = pane.upcoming_stack.height()
    pane.calendar.setSelectedDate(fmt.to_qdate(TODAY + timedelta(days=1)))
    qtbot.waitUntil(lambda: pane.upcoming_stack.height() > busy_day)
    free_day = pane.upcoming_stack.height()
    assert free_day > 0.8 * agenda_height
    # The day's heading is the one line left for the free day.
    assert pane.upcoming_label.geometry().top() - pane.day_label.geometry().bottom() \
        < 3 * pane.fontMetrics().height()


def test_staff_filter_shows_one_persons_tasks(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    qtbot.waitUntil(lambda: pane.staff_combo.count() == 3)
    assert [pane.staff_combo.itemText(i) for i in range(3)] == [
        "Everyone", "Alice Attorney", "Bob Paralegal"]
    pane.staff_combo.setCurrentIndex(pane.staff_combo.findText("Alice Attorney"))
    qtbot.waitUntil(lambda: titles(pane.upcoming_view) == ["File answer", "Draft motion"])
    assert titles(pane.view) == []  # Bob's subpoena is today
    assert TODAY not in pane.calendar.counts()


def test_space_ticks_a_task_done_and_the_month_follows(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(0, 3))
    with qtbot.waitSignal(pane.status_message) as blocker:
        qtbot.keyClick(pane.view, Qt.Key.Key_Space)
    assert blocker.args == ["Marked done: Serve subpoena"]
    assert task_status(pane, ids["case1"], ids["subpoena"]) is TaskStatus.DONE
    qtbot.waitUntil(lambda: pane.calendar.counts().get(TODAY) == (0, 1))
    assert "Serve subpoena" not in titles(pane.upcoming_view)
    # Still listed for the day, ticked, and the button now offers to reopen it.
    assert pane.model.index(0, DONE_COLUMN).data(Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Checked
    assert pane.done_button.text() == "Reopen"
    with qtbot.waitSignal(pane.status_message) as blocker:
        qtbot.mouseClick(pane.done_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["Reopened: Serve subpoena"]
    qtbot.waitUntil(lambda: pane.calendar.counts().get(TODAY) == (1, 0))
    assert task_status(pane, ids["case1"], ids["subpoena"]) is TaskStatus.OPEN


def test_ticking_the_box_in_coming_up_completes_the_task(qtbot: Any, pane_and_ids: Any,
                                                         settings: Settings) -> None:  # noqa: F811
    pane, ids = pane_and_ids
    settings.set(CURRENT_STAFF, str(ids["alice"]))
    view = pane.upcoming_view
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(pane.upcoming_model.index(0, DONE_COLUMN))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option,
                                      view)
    with qtbot.waitSignal(pane._db.changed) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert blocker.args[0].tasks
    assert task_status(pane, ids["case1"], ids["answer"]) is TaskStatus.DONE
    qtbot.waitUntil(lambda: titles(pane.upcoming_view) == ["Serve subpoena", "Draft motion"])
    with Practice(pane._db.location) as practice:
        activity = practice.read(cases.get_case_detail, ids["case1"]).activity
    assert activity[0].summary == "Task completed: File answer"
    assert activity[0].who == "Alice Attorney"  # the desk's user is recorded


def test_a_failed_tick_is_undone_and_explained(qtbot: Any, pane_and_ids: Any,
                                               monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    shown: list[str] = []
    monkeypatch.setattr(error_dialog, "show_error",
                        lambda parent, message, details="", **kw: shown.append(message))
    with Practice(pane._db.location) as practice:  # someone else deletes it meanwhile
        practice.write(tasks.delete_task, task_id=ids["subpoena"])
    pane.set_done(ids["subpoena"], True)
    assert pane.model.index(0, DONE_COLUMN).data(Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Checked  # shown at once...
    qtbot.waitUntil(lambda: bool(shown))
    assert "task" in shown[0].lower()
    qtbot.waitUntil(lambda: titles(pane.view) == [])  # ...then the truth: it is gone


def test_double_click_opens_the_case(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    view = pane.upcoming_view
    rect = view.visualRect(pane.upcoming_model.index(2, 3))  # Draft motion, case 2
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(pane.open_case_requested) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids["case2"]]


def test_keyboard_moves_through_months_and_back_to_today(qtbot: Any,
                                                         pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    grid = pane.calendar.findChild(QTableView)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    expected = fmt.to_qdate(TODAY).addMonths(1)
    assert pane.calendar.selectedDate() == expected
    # The next month is loaded from the database (only its grid).
    qtbot.waitUntil(lambda: pane.loaded_range == pane.calendar.visible_range())
    assert pane.calendar.counts().get(NEXT_MONTH_15) == (1, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert pane.calendar.selectedDate() == expected.addDays(1)
    qtbot.keyClick(grid, Qt.Key.Key_T)
    assert pane.calendar.selected_day() == TODAY
    qtbot.waitUntil(lambda: titles(pane.view) == ["Serve subpoena"])


@pytest.mark.parametrize(("year", "month"), [(2026, 6), (2026, 2), (2025, 12), (2027, 8)])
def test_visible_range_matches_the_grid(qtbot: Any, year: int, month: int) -> None:
    from casedesk.ui.widgets.calendar_month_view import TaskMonthCalendar

    calendar = TaskMonthCalendar()
    qtbot.addWidget(calendar)
    calendar.setCurrentPage(year, month)
    cells = calendar.findChild(QTableView).model()
    start, end = calendar.visible_range()
    assert (end - start).days == 41
    first_row = 1  # row 0 holds the day names
    assert cells.index(first_row, 0).data() == start.day
    assert cells.index(first_row + 5, 6).data() == end.day
    assert start < date(year, month, 1) and QDate(start.year, start.month, start.day).isValid()


def test_task_titles_get_the_width(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    for view in (pane.view, pane.upcoming_view):
        chars = view.fontMetrics().horizontalAdvance("x")
        assert view.columnWidth(TITLE_COLUMN) >= TITLE_MIN_CHARS * chars
    view = pane.upcoming_view
    widths = [view.columnWidth(c) for c in range(view.model().columnCount())]
    assert sum(widths) == view.viewport().width()  # nothing cut off at the right
    assert widths[TITLE_COLUMN] == max(widths)
    # A narrower agenda: the assignee (then the status) gives way, down to a few characters
    # (elided, the name in the tooltip); only then does the title get less than its minimum.
    wide = view.columnWidth(ASSIGNEE_COLUMN)
    floor = 9 * chars
    for agenda in (660, 600, 520):
        pane.splitter.setSizes([1100 - agenda, agenda])
        qtbot.waitUntil(lambda: sum(view.columnWidth(c) for c in range(7))
                        == view.viewport().width())
        title, assignee = view.columnWidth(TITLE_COLUMN), view.columnWidth(ASSIGNEE_COLUMN)
        assert assignee < wide
        assert title >= TITLE_MIN_CHARS * chars or assignee == floor, (agenda, title, assignee)
    assert view.columnWidth(ASSIGNEE_COLUMN) == floor
    assert view.model().index(0, ASSIGNEE_COLUMN).data(Qt.ItemDataRole.ToolTipRole) \
        == "Alice Attorney"


def test_t_goes_to_today_from_the_pane_only_and_never_ambiguously(qtbot: Any,
                                                                   pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    host = pane.parentWidget()
    outside = QPushButton("Elsewhere in the window", host)
    outside.show()
    shortcuts = [s for s in host.findChildren(QShortcut)
                 if s.key().toString() == "T"]
    assert {s.context() for s in shortcuts} == {Qt.ShortcutContext.WidgetWithChildrenShortcut}
    assert {s.parent() for s in shortcuts} == {pane.calendar, pane.agenda}  # disjoint areas
    ambiguous: list[QShortcut] = []
    for shortcut in shortcuts:
        shortcut.activatedAmbiguously.connect(lambda s=shortcut: ambiguous.append(s))
    grid = pane.calendar.findChild(QTableView)
    away = fmt.to_qdate(TODAY + timedelta(days=9))
    busy_day = fmt.to_qdate(TODAY - timedelta(days=2))  # the day's list shows only then
    for widget, start in ((grid, away), (pane.view, busy_day), (pane.upcoming_view, away)):
        pane.calendar.setSelectedDate(start)
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        qtbot.keyClick(widget, Qt.Key.Key_T)
        assert pane.calendar.selected_day() == TODAY, widget.accessibleName()
    pane.calendar.setSelectedDate(away)
    outside.setFocus()
    qtbot.waitUntil(outside.hasFocus)
    qtbot.keyClick(outside, Qt.Key.Key_T)
    assert pane.calendar.selectedDate() == away  # T is not the whole window's
    assert ambiguous == []


def test_month_name_has_no_arrow_over_it_but_still_opens_the_months(qtbot: Any,
                                                                     pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    button = pane.calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert button.menu() is None  # so the style paints no menu arrow on the name
    menu = pane.calendar.month_menu
    assert menu is not None and len(menu.actions()) == 12
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(menu.isVisible)
    target = 1 if pane.calendar.monthShown() != 1 else 2
    with qtbot.waitSignal(pane.calendar.currentPageChanged):
        menu.actions()[target - 1].trigger()
    menu.close()
    assert pane.calendar.monthShown() == target


def _luminance(color: QColor) -> float:
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()


def test_dark_theme_check_boxes_and_frames_read_well(qtbot: Any) -> None:
    palette = dark_palette()
    style = DarkFusionStyle()
    base = palette.color(QPalette.ColorRole.Base)
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(base)
    option = QStyleOptionViewItem()  # a "Done" box in a task list
    option.rect = QRect(10, 10, 16, 16)
    option.palette = palette
    option.state = QStyle.StateFlag.State_Enabled
    painter = QPainter(image)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, option, painter)
    painter.end()
    border = image.pixelColor(10, 18)  # the left edge of the box
    assert abs(_luminance(border) - _luminance(base)) > 0.15
    assert border == check_box_outline(palette)
    # Fusion alone draws that border in the colour of the base: that is what was fixed.
    plain = QImage(40, 40, QImage.Format.Format_ARGB32)
    plain.fill(base)
    painter = QPainter(plain)
    button = QStyleOptionButton()
    button.rect, button.palette, button.state = option.rect, palette, option.state
    style.baseStyle().drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, button,
                                    painter)
    painter.end()
    assert abs(_luminance(plain.pixelColor(10, 18)) - _luminance(base)) < 0.05
    # A sunken line (as between the navigation rail and the panes) is a quiet groove.
    line = QFrame()
    qtbot.addWidget(line)
    line.setStyle(style)
    line.setPalette(palette)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    line.resize(6, 40)
    shot = line.grab().toImage()
    window = _luminance(palette.color(QPalette.ColorRole.Window))
    brightest = max(_luminance(shot.pixelColor(x, 20)) for x in range(shot.width()))
    assert brightest < window + 0.15  # not the light palette's white
    for role in (QPalette.ColorRole.Light, QPalette.ColorRole.Midlight, QPalette.ColorRole.Mid,
                 QPalette.ColorRole.Dark, QPalette.ColorRole.Shadow):
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled):
            assert palette.color(group, role).lightness() < 100, (role, group)


def test_splitter_persists(qtbot: Any, pane_and_ids: Any, settings: Settings) -> None:  # noqa: F811
    pane, _ids = pane_and_ids
    pane.splitter.setSizes([400, 700])
    pane.save_state()
    assert not settings.get(CALENDAR_SPLITTER).isEmpty()
    again = CalendarPane(pane._db, settings)
    qtbot.addWidget(again)
    assert again.splitter.saveState() == pane.splitter.saveState()
