"""The Calendar pane on a real practice: month, week and agenda of events and tasks, the day's
list and what is coming up; keyboard, filters, drag to reschedule, double-booking, marking done
and reading only the visible range."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QWidget,
)

from casedesk.domain.enums import EventKind, EventStatus
from casedesk.persistence.practice import Practice
from casedesk.services import event_list
from casedesk.services.events import EventInput
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.dialogs.event_dialog import EventDialog, MarkDoneDialog
from casedesk.ui.models.event_models import DONE_COLUMN, TITLE_COLUMN
from casedesk.ui.panes.calendar_pane import CalendarPane
from casedesk.ui.settings import (
    CALENDAR_HIDDEN,
    CALENDAR_STAFF,
    CALENDAR_VIEW,
    Settings,
)
from casedesk.ui.widgets import calendar_data
from casedesk.ui.widgets import calendar_style as cs
from casedesk.ui.widgets.calendar_actions import EventActions
from casedesk.ui.widgets.calendar_base import tooltip_for
from casedesk.ui.widgets.calendar_paint import chip_text, task_text
from casedesk.ui.widgets.calendar_views import week_title
from tests.ui.calendar_fixtures import (  # noqa: F401  (pane_and_ids_fixture: a fixture)
    CHICAGO,
    NEXT_MONTH_15,
    TODAY,
    answer_with,
    build,
    pane_and_ids_fixture,
    read_event,
    titles,
)
from tests.ui.pane_fixtures import open_practice, settings, show_in_host  # noqa: F401


# -- what is read ----------------------------------------------------------------------------
def test_only_the_visible_range_is_read(qtbot: Any, open_practice: Any,  # noqa: F811
                                        settings: Settings,  # noqa: F811
                                        monkeypatch: Any) -> None:
    db, ids = open_practice(build)
    calls: list[tuple[str, date, date, Any]] = []
    lock = threading.Lock()
    between, counts = event_list.events_between, event_list.event_counts_by_day

    def spy_between(reader: Any, start: date, end: date, flt: Any = None, **kw: Any) -> Any:
        with lock:
            calls.append(("between", start, end, kw.get("limit")))
        return between(reader, start, end, flt, **kw)

    def spy_counts(reader: Any, start: date, end: date, flt: Any = None) -> Any:
        with lock:
            calls.append(("counts", start, end, None))
        return counts(reader, start, end, flt)

    monkeypatch.setattr(event_list, "events_between", spy_between)
    monkeypatch.setattr(event_list, "event_counts_by_day", spy_counts)
    pane = CalendarPane(db, settings)
    host = show_in_host(qtbot, pane)
    qtbot.waitUntil(lambda: pane.loaded)
    start, end = pane.visible_range()
    assert (end - start).days == 41 and start <= TODAY.replace(day=1) <= end
    assert ("between", start, end, calendar_data.RANGE_LIMIT) in calls
    assert ("counts", start, end, None) in calls
    # Only the grid's six weeks (and the coming-up list from today) were asked for.
    assert {c[1] for c in calls if c[0] == "counts"} == {start}
    assert all(c[1] in (start, TODAY) for c in calls)
    in_grid = {row.id for day_offset in range(42)
               for row in pane.month.events_on(start + timedelta(days=day_offset))}
    assert ids["hearing"] in in_grid
    assert (ids["next_month"] in in_grid) == (end >= NEXT_MONTH_15)
    calls.clear()
    pane.month.setFocus()
    qtbot.keyClick(pane.month, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: pane.loaded_range == pane.visible_range())
    next_start, next_end = pane.visible_range()
    assert next_start > start
    assert [c[1:3] for c in calls if c[0] == "between"
            and c[3] == calendar_data.RANGE_LIMIT] == [(next_start, next_end)]
    host.close()


def test_month_grid_paints_events_without_a_widget_each(pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    grid = pane.month
    assert grid.findChildren(QWidget) == []  # everything is painted
    today = [row.title for row in grid.events_on(TODAY)]
    assert today == ["Motion hearing"]
    overdue_day = TODAY - timedelta(days=3)
    (row,) = grid.events_on(overdue_day)
    assert chip_text(row, TODAY) == "⚠ Answer due"  # a sign, not only the red
    assert "Status: Overdue" in tooltip_for(row, TODAY)
    (done,) = grid.events_on(TODAY - timedelta(days=5))
    assert chip_text(done, TODAY) == "✓ Reply due"
    assert "Status: Done — Filed, ECF 31" in tooltip_for(done, TODAY)
    assert grid.tasks_on(TODAY - timedelta(days=2)) == (1, 1)
    assert task_text((1, 1), TODAY - timedelta(days=2), TODAY) == "⚠ 1 task"
    assert task_text((1, 1), TODAY - timedelta(days=2), TODAY, long=True) == "1 task overdue"
    assert grid.chip_rect(ids["hearing"]) is not None
    image = grid.grab().toImage()  # it paints (and today's badge is in the highlight colour)
    assert not image.isNull() and image.width() == grid.width()


def test_today_is_selected_with_its_day_list(pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    assert pane.selected_day() == TODAY
    assert titles(pane.side.day_model) == ["Serve subpoena", "Motion hearing"]
    assert pane.side.day_label.text() == f"Today · {fmt.day(TODAY)} · 1 event, 1 task"
    model = pane.side.day_model
    hearing = model.row_at(1)
    start = datetime.combine(TODAY, time(9, 30), CHICAGO)
    here = start.astimezone()
    expected = "09:30–10:30" + (f" {start:%Z}" if here.utcoffset() != start.utcoffset() else "")
    assert model.index(1, 2).data() == expected == cs.time_text(hearing)
    assert model.index(0, 4).data() == "2026-CV-0001"
    cells = [str(model.index(r, c).data()) for r in range(2) for c in range(9)]
    assert not any(str(i) in text for text in cells for i in ids.values())  # no ids shown


def test_coming_up_lists_overdue_first_then_the_next_days(qtbot: Any, pane_and_ids: Any) -> None:
    pane, _ids = pane_and_ids
    side = pane.side
    assert titles(side.upcoming_model) == ["Answer due", "File answer", "Serve subpoena",
                                           "Motion hearing", "Deposition of Smith",
                                           "Draft motion"]
    assert side.upcoming_label.text() == "Coming up · 2 overdue"
    overdue = side.upcoming_model.index(0, 1)
    assert overdue.data() == fmt.day(TODAY - timedelta(days=3))
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) == style.overdue_color()
    assert not overdue.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert overdue.data(Qt.ItemDataRole.ToolTipRole).endswith("(overdue 3 days)")
    assert overdue.data(Qt.ItemDataRole.AccessibleTextRole).endswith("(overdue 3 days)")
    assert side.upcoming_model.index(0, TITLE_COLUMN).data(Qt.ItemDataRole.FontRole).bold()
    assert side.upcoming_model.index(2, 1).data(Qt.ItemDataRole.DecorationRole) is None
    hearing = side.upcoming_model.row_at(3)
    clock = cs.clock(hearing.starts_at, "America/Chicago")  # "09:30" or "09:30 CST"
    assert side.upcoming_model.index(3, TITLE_COLUMN).data() == f"{clock} · Motion hearing"
    assert side.upcoming_model.index(3, TITLE_COLUMN).data(Qt.ItemDataRole.ToolTipRole) \
        == "Hearing: Motion hearing\nWhere: Courtroom 2141\nWho: Alice Attorney"
    side.days_combo.setCurrentIndex(side.days_combo.findData(30))
    qtbot.waitUntil(lambda: "Partners meeting" in titles(side.upcoming_model))
    later = [(TODAY + timedelta(days=10), 2, "Partners meeting"),
             (TODAY + timedelta(days=20), 1, "Call client")]
    if TODAY + timedelta(days=30) >= NEXT_MONTH_15:
        later += [(NEXT_MONTH_15, 1, "Prepare trial binder"),
                  (NEXT_MONTH_15, 2, "Pretrial conference")]
    assert titles(side.upcoming_model)[6:] == [title for *_k, title in sorted(later)]
    assert side.upcoming_empty.text() == "Nothing overdue and nothing due in the next 30 days."


def test_keyboard_moves_the_day_and_enter_opens(qtbot: Any, pane_and_ids: Any,
                                                monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    grid = pane.month
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert pane.selected_day() == TODAY + timedelta(days=1)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert pane.selected_day() == TODAY + timedelta(days=8)
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert pane.selected_day() == TODAY
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    expected = fmt.to_date(fmt.to_qdate(TODAY).addMonths(1))
    assert pane.selected_day() == expected
    qtbot.waitUntil(lambda: pane.loaded_range == pane.visible_range())
    assert pane.toolbar.title.text().endswith(str(expected.year))
    qtbot.keyClick(grid, Qt.Key.Key_T)
    assert pane.selected_day() == TODAY
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    assert pane.selected_day() == TODAY
    qtbot.waitUntil(lambda: titles(pane.side.day_model) == ["Serve subpoena", "Motion hearing"])
    asked = answer_with(monkeypatch, None)
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # nothing chosen: the day's first event opens
    assert asked[-1]["event"].id == ids["hearing"]
    rect = grid.chip_rect(ids["hearing"])
    assert rect is not None
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.current_entry() is not None and pane.current_entry().id == ids["hearing"]
    assert pane.side.detail.isVisibleTo(pane) and "Courtroom 2141" in pane.side.detail.text()
    qtbot.keyClick(grid, Qt.Key.Key_Enter)
    assert len(asked) == 2 and asked[-1]["event"].title == "Motion hearing"


def test_week_and_agenda_views_read_their_own_range(qtbot: Any, pane_and_ids: Any,
                                                    settings: Settings) -> None:  # noqa: F811
    pane, ids = pane_and_ids
    pane.set_view("week")
    assert settings.get(CALENDAR_VIEW) == "week"
    start, end = pane.visible_range()
    assert (end - start).days == 6 and start <= TODAY <= end
    qtbot.waitUntil(lambda: pane.loaded_range == (start - timedelta(days=1),
                                                  end + timedelta(days=1)))
    assert pane.week.block_rect(ids["hearing"]) is not None
    assert pane.toolbar.title.text() == week_title(start, end)
    pane.week.setFocus()
    qtbot.keyClick(pane.week, Qt.Key.Key_PageDown)
    assert pane.selected_day() == TODAY + timedelta(days=7)
    qtbot.keyClick(pane.week, Qt.Key.Key_T)
    pane.set_view("agenda")
    first = TODAY.replace(day=1)
    qtbot.waitUntil(lambda: pane.loaded_range is not None and pane.loaded_range[0] == first)
    rows = pane.agenda_model.rows
    assert {r.id for r in rows} >= {ids["hearing"], ids["subpoena"]}
    assert all(cs.entry_day(r).month == TODAY.month for r in rows)
    current = pane.agenda_model.row_at(pane.agenda_view.currentIndex().row())
    assert current is not None and cs.entry_day(current) >= TODAY
    assert not pane.side.day_view.isVisibleTo(pane)  # the agenda is itself the day list
    again = CalendarPane(pane._db, settings)
    assert again.view_mode == "agenda"  # remembered


def test_filters_reduce_what_is_shown_and_are_remembered(qtbot: Any, pane_and_ids: Any,
                                                         settings: Settings) -> None:  # noqa: F811
    pane, ids = pane_and_ids
    combo = pane.toolbar.staff_combo
    qtbot.waitUntil(lambda: combo.count() == 3)
    combo.setCurrentIndex(combo.findText("Bob Paralegal"))
    qtbot.waitUntil(lambda: "Motion hearing" not in titles(pane.side.upcoming_model))
    # Bob's: what he attends, the unattended events of his cases, and his tasks.
    assert titles(pane.side.upcoming_model) == ["Serve subpoena", "Deposition of Smith"]
    assert [r.title for r in pane.month.events_on(TODAY - timedelta(days=1))] \
        == ["Status conference"]
    assert pane.month.events_on(TODAY) == []
    assert settings.get(CALENDAR_STAFF) == str(ids["bob"])
    combo.setCurrentIndex(0)
    pane.toolbar.case_filter.set_case(ids["case1"], "2026-CV-0001 · Smith v. Acme")
    qtbot.waitUntil(lambda: "Deposition of Smith" not in titles(pane.side.upcoming_model))
    assert titles(pane.side.upcoming_model) == ["Answer due", "File answer", "Serve subpoena",
                                                "Motion hearing"]
    pane.toolbar.case_filter.set_case(None)
    legend = pane.toolbar.legend
    legend.actions_by_key[EventKind.HEARING.value].setChecked(False)
    legend.actions_by_key["tasks"].setChecked(False)
    qtbot.waitUntil(lambda: titles(pane.side.upcoming_model) == ["Answer due",
                                                                 "Deposition of Smith"])
    assert pane.month.events_on(TODAY) == [] and pane.month.tasks_on(TODAY) == (0, 0)
    assert set(settings.get(CALENDAR_HIDDEN).split(",")) == {"hearing", "tasks"}
    assert legend.all_button.isVisibleTo(legend)
    assert legend.actions_by_key["hearing"].font().strikeOut()  # hidden reads struck through
    combo.setCurrentIndex(combo.findText("Bob Paralegal"))
    again = CalendarPane(pane._db, settings)
    assert again.toolbar.legend.hidden_keys() == {"hearing", "tasks"}
    host = show_in_host(qtbot, again)
    qtbot.waitUntil(lambda: again.loaded and again.side.upcoming_model.rowCount() > 0)
    # Remembered: Bob's calendar (named once the staff list is in), hearings and tasks hidden.
    assert titles(again.side.upcoming_model) == ["Deposition of Smith"]
    qtbot.waitUntil(lambda: again.toolbar.staff_combo.currentText() == "Bob Paralegal")
    host.close()
    combo.setCurrentIndex(0)
    legend.show_all()
    qtbot.waitUntil(lambda: "Motion hearing" in titles(pane.side.upcoming_model))


# -- rescheduling ----------------------------------------------------------------------------
def test_dragging_a_chip_in_the_month_moves_it_to_that_day(qtbot: Any,
                                                           pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    grid = pane.month
    _start, end = grid.visible_range()
    target = TODAY + timedelta(days=1) if TODAY + timedelta(days=1) <= end \
        else TODAY - timedelta(days=1)
    chip = grid.chip_rect(ids["hearing"])
    assert chip is not None
    drop = grid.cell_rect(target).center()
    before = read_event(pane, ids["hearing"])
    with qtbot.waitSignal(pane._db.changed, timeout=5000) as blocker:
        qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=chip.center())
        qtbot.mouseMove(grid, pos=chip.center() + QPoint(12, 0))
        qtbot.mouseMove(grid, pos=drop)
        qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=drop)
    assert blocker.args[0].events
    moved = read_event(pane, ids["hearing"])
    assert moved.day == target
    assert moved.starts_at.astimezone(CHICAGO).time() == time(9, 30)  # same time of day
    assert moved.ends_at - moved.starts_at == before.ends_at - before.starts_at
    qtbot.waitUntil(lambda: [r.title for r in grid.events_on(target)][-1:] == ["Motion hearing"])
    qtbot.waitUntil(lambda: pane.selected_day() == target)  # the calendar follows it
    qtbot.waitUntil(lambda: pane.current_entry() is not None
                    and pane.current_entry().id == ids["hearing"])


def test_dragging_a_block_in_the_week_changes_its_time(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    pane.set_view("week")
    qtbot.waitUntil(lambda: pane.week.block_rect(ids["hearing"]) is not None)
    canvas = pane.week.canvas
    rect = pane.week.block_rect(ids["hearing"])
    assert isinstance(rect, QRect)
    press = QPoint(rect.center().x(), rect.top() + 4)
    drop = press + QPoint(0, 2 * canvas.hour_height)
    before = read_event(pane, ids["hearing"])
    with qtbot.waitSignal(pane._db.changed, timeout=5000):
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=press)
        qtbot.mouseMove(canvas, pos=press + QPoint(0, 20))
        qtbot.mouseMove(canvas, pos=drop)
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=drop)
    after = read_event(pane, ids["hearing"])
    assert after.starts_at == before.starts_at + timedelta(hours=2)
    assert after.ends_at == before.ends_at + timedelta(hours=2)


def test_a_double_booking_is_shown_and_booked_only_when_confirmed(
        qtbot: Any, pane_and_ids: Any, monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    clash = EventDialog.Answer(data=EventInput(
        kind="deposition", title="Deposition of Jones", case_id=ids["case2"],
        starts_at=datetime.combine(TODAY, time(10)), ends_at=datetime.combine(TODAY, time(11)),
        time_zone="America/Chicago", attendee_staff_ids=(ids["alice"],)))
    asked = answer_with(monkeypatch, clash, None, clash)
    questions: list[list[str]] = []
    replies = [False, True]

    def book_anyway(self: EventActions, clashes: list[str]) -> bool:
        questions.append(clashes)
        return replies.pop(0)

    monkeypatch.setattr(EventActions, "ask_book_anyway", book_anyway)
    pane.new_action.trigger()
    qtbot.waitUntil(lambda: len(asked) == 2)  # "Change it": the form comes back as filled in
    assert questions == [["Alice Attorney is at 2026-CV-0001 'Motion hearing', "
                          f"{TODAY:%a} {TODAY.day} {TODAY:%b %Y} 09:30-10:30 "
                          f"{datetime.combine(TODAY, time(9, 30), CHICAGO):%Z}"]]
    assert asked[1]["draft"] == clash.data and asked[0]["day"] == TODAY
    with Practice(pane._db.location) as practice:
        booked = event_list.events_between(practice.reader, TODAY, TODAY)
    assert [e.title for e in booked] == ["Motion hearing"]  # nothing was booked
    with qtbot.waitSignal(pane.status_message, timeout=5000) as blocker:
        pane.new_action.trigger()
    assert blocker.args[0] == "Deposition added: Deposition of Jones (double-booked)"
    qtbot.waitUntil(lambda: "Deposition of Jones" in titles(pane.side.day_model))


# -- done, vacated, deleted ------------------------------------------------------------------
def test_ticking_a_deadline_in_coming_up_asks_what_satisfied_it(
        qtbot: Any, pane_and_ids: Any, monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    asked: list[str] = []
    monkeypatch.setattr(MarkDoneDialog, "ask", classmethod(
        lambda cls, parent, event: asked.append(event.title) or "Answer filed, ECF 12"))
    model = pane.side.upcoming_model
    assert model.row_at(0).id == ids["overdue"]
    with qtbot.waitSignal(pane._db.changed, timeout=5000):
        model.setData(model.index(0, DONE_COLUMN), Qt.CheckState.Checked.value,
                      Qt.ItemDataRole.CheckStateRole)
    assert asked == ["Answer due"]
    done = read_event(pane, ids["overdue"])
    assert (done.status, done.satisfied_by) == (EventStatus.DONE, "Answer filed, ECF 12")
    qtbot.waitUntil(lambda: "Answer due" not in titles(model))
    assert pane.side.upcoming_label.text() == "Coming up · 1 overdue"


def test_vacate_reopen_and_delete_from_the_actions(qtbot: Any, pane_and_ids: Any,
                                                    monkeypatch: Any) -> None:
    pane, ids = pane_and_ids
    pane.show_event(ids["depo"])
    qtbot.waitUntil(lambda: pane.current_entry() is not None
                    and pane.current_entry().id == ids["depo"])
    assert pane.selected_day() == TODAY + timedelta(days=2)
    acts = pane.entry_actions
    assert acts.vacate.isEnabled() and not acts.reopen.isEnabled()
    with qtbot.waitSignal(pane.status_message, timeout=5000) as blocker:
        acts.vacate.trigger()
    assert blocker.args == ["Vacated: Deposition of Smith · Reopen undoes it"]
    qtbot.waitUntil(lambda: pane.current_entry().status is EventStatus.VACATED)
    assert acts.reopen.isEnabled() and not acts.vacate.isEnabled()
    assert pane.side.day_model.index(0, TITLE_COLUMN).data(Qt.ItemDataRole.FontRole) \
        .strikeOut()
    questions: list[str] = []
    monkeypatch.setattr(EventActions, "confirm",
                        lambda self, q, e: questions.append(q) or False)
    acts.delete.trigger()
    day = fmt.day(TODAY + timedelta(days=2))
    assert questions == [f"Delete the deposition “Deposition of Smith” on {day}?"]
    assert read_event(pane, ids["depo"]).status is EventStatus.VACATED  # still there
    monkeypatch.setattr(EventActions, "confirm", lambda self, q, e: True)
    with qtbot.waitSignal(pane._db.changed, timeout=5000):
        acts.delete.trigger()
    qtbot.waitUntil(lambda: titles(pane.side.day_model) == [])
    assert pane.current_entry() is None and not acts.delete.isEnabled()


def test_week_titles_are_short_and_say_the_year_once() -> None:
    from datetime import date

    assert week_title(date(2026, 11, 23), date(2026, 11, 29)) == "23 – 29 Nov 2026"
    assert week_title(date(2026, 11, 30), date(2026, 12, 6)) == "30 Nov – 6 Dec 2026"
    assert week_title(date(2026, 12, 28), date(2027, 1, 3)) == "28 Dec 2026 – 3 Jan 2027"
