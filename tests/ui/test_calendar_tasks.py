"""The Calendar pane's tasks (ticked done as today, failures undone, a task opens its case),
the overdue hook, times in the event's own zone, remembered state, and both themes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QStyle,
    QStyleOptionButton,
    QStyleOptionViewItem,
)

from casedesk.domain.enums import EventKind, EventStatus, TaskStatus
from casedesk.persistence.practice import Practice
from casedesk.services import cases, tasks
from casedesk.ui import format as fmt
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.models.event_models import DONE_COLUMN, TITLE_COLUMN
from casedesk.ui.panes.calendar_pane import CalendarPane
from casedesk.ui.settings import (
    CALENDAR_SPLITTER,
    CURRENT_STAFF,
    Settings,
)
from casedesk.ui.theme import DarkFusionStyle, check_box_outline, dark_palette
from casedesk.ui.widgets import calendar_style as cs
from tests.ui.calendar_fixtures import (  # noqa: F401  (pane_and_ids_fixture: a fixture)
    CHICAGO,
    TODAY,
    pane_and_ids_fixture,
    task_status,
    titles,
)
from tests.ui.pane_fixtures import open_practice, settings, show_in_host  # noqa: F401


# -- tasks, as before --------------------------------------------------------------------------
def test_space_ticks_a_task_done_and_the_month_follows(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    view = pane.side.day_view
    view.setFocus()
    view.setCurrentIndex(pane.side.day_model.index(0, TITLE_COLUMN))  # Serve subpoena
    with qtbot.waitSignal(pane.status_message, timeout=5000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert blocker.args == ["Marked done: Serve subpoena"]
    assert task_status(pane, ids["case1"], ids["subpoena"]) is TaskStatus.DONE
    qtbot.waitUntil(lambda: pane.month.tasks_on(TODAY) == (0, 1))
    assert "Serve subpoena" not in titles(pane.side.upcoming_model)
    assert pane.side.day_model.index(0, DONE_COLUMN).data(Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Checked
    assert pane.done_action.text() == "Reopen task"
    with qtbot.waitSignal(pane.status_message, timeout=5000) as blocker:
        pane.done_action.trigger()
    assert blocker.args == ["Reopened: Serve subpoena"]
    qtbot.waitUntil(lambda: pane.month.tasks_on(TODAY) == (1, 0))


def test_ticking_the_box_in_coming_up_completes_the_task(qtbot: Any, pane_and_ids: Any,
                                                         settings: Settings) -> None:  # noqa: F811
    pane, ids = pane_and_ids
    settings.set(CURRENT_STAFF, str(ids["alice"]))
    view = pane.side.upcoming_view
    row = pane.side.upcoming_model.row_of(ids["answer"])
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(pane.side.upcoming_model.index(row, DONE_COLUMN))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option,
                                      view)
    with qtbot.waitSignal(pane._db.changed, timeout=5000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert blocker.args[0].tasks
    assert task_status(pane, ids["case1"], ids["answer"]) is TaskStatus.DONE
    qtbot.waitUntil(lambda: "File answer" not in titles(pane.side.upcoming_model))
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
    task = pane.side.day_model.row_at(0)
    pane.set_entry_done(task, True)
    assert pane.side.day_model.index(0, DONE_COLUMN).data(Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Checked  # shown at once...
    qtbot.waitUntil(lambda: bool(shown))
    assert "task" in shown[0].lower()
    qtbot.waitUntil(lambda: titles(pane.side.day_model) == ["Motion hearing"])  # ...the truth


def test_double_click_on_a_task_opens_its_case(qtbot: Any, pane_and_ids: Any) -> None:
    pane, ids = pane_and_ids
    view = pane.side.upcoming_view
    row = pane.side.upcoming_model.row_of(ids["motion"])
    rect = view.visualRect(pane.side.upcoming_model.index(row, TITLE_COLUMN))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(pane.open_case_requested) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids["case2"]]


def test_show_overdue_puts_the_oldest_overdue_item_first(qtbot: Any, pane_and_ids: Any,
                                                         settings: Settings) -> None:  # noqa: F811
    pane, ids = pane_and_ids
    pane.show_overdue()
    view = pane.side.upcoming_view
    assert view.currentIndex().row() == 0
    assert pane.current_entry() is not None and pane.current_entry().id == ids["overdue"]
    assert "Answer due" in pane.side.detail.text()
    fresh = CalendarPane(pane._db, settings)  # the banner's button, before a first visit
    fresh.show_overdue()
    host = show_in_host(qtbot, fresh)
    qtbot.waitUntil(lambda: fresh.current_entry() is not None)
    assert fresh.current_entry().id == ids["overdue"]
    assert fresh.side.upcoming_view.currentIndex().row() == 0
    host.close()


def test_times_show_the_events_own_zone_when_it_differs() -> None:
    start = datetime(2026, 3, 9, 14, 30, tzinfo=UTC)  # 09:30 CDT
    row = event_list_row(starts_at=start, ends_at=start + timedelta(hours=1),
                         time_zone="America/Chicago")
    other = start.astimezone(CHICAGO).utcoffset() != start.astimezone().utcoffset()
    assert cs.time_text(row) == ("09:30–10:30 CDT" if other else "09:30–10:30")
    assert cs.when_text(row).startswith(fmt.day(date(2026, 3, 9)))
    deadline = event_list_row(all_day=True, on_date=date(2026, 11, 6), day=date(2026, 11, 6),
                              end_day=date(2026, 11, 6), kind="filing_deadline")
    assert cs.time_text(deadline) == "All day"
    assert cs.when_text(deadline) == f"{fmt.day(date(2026, 11, 6))} (all day)"


def event_list_row(**changes: Any) -> Any:
    from casedesk.domain.rows import EventRow

    values: dict[str, Any] = dict(
        id=uuid.uuid4(), case_id=None, case_number="", case_title="", kind=EventKind.MEETING,
        title="x", all_day=False, on_date=None, starts_at=None, ends_at=None, time_zone="",
        day=date(2026, 3, 9), end_day=date(2026, 3, 9), location="", notes="",
        status=EventStatus.SCHEDULED, satisfied_by="", reminders_minutes_before=(),
        attendee_staff_ids=(), attendees="", uid="u", sequence=0, version=1,
        updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    values.update(changes)
    values["kind"] = EventKind(values["kind"])
    return EventRow(**values)


# -- state and theme ---------------------------------------------------------------------------
def test_splitter_persists(qtbot: Any, pane_and_ids: Any, settings: Settings) -> None:  # noqa: F811
    pane, _ids = pane_and_ids
    pane.splitter.setSizes([700, 500])
    pane.save_state()
    assert not settings.get(CALENDAR_SPLITTER).isEmpty()
    again = CalendarPane(pane._db, settings)
    qtbot.addWidget(again)
    assert again.splitter.saveState() == pane.splitter.saveState()


def _luminance(color: QColor) -> float:
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()


def test_dark_theme_check_boxes_and_frames_read_well(qtbot: Any) -> None:
    palette = dark_palette()
    theme = DarkFusionStyle()
    base = palette.color(QPalette.ColorRole.Base)
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(base)
    option = QStyleOptionViewItem()  # a "Done" box in a list
    option.rect = QRect(10, 10, 16, 16)
    option.palette = palette
    option.state = QStyle.StateFlag.State_Enabled
    painter = QPainter(image)
    theme.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, option, painter)
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
    theme.baseStyle().drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, button,
                                    painter)
    painter.end()
    assert abs(_luminance(plain.pixelColor(10, 18)) - _luminance(base)) < 0.05
    line = QFrame()  # a sunken line (as between the navigation rail and the panes)
    qtbot.addWidget(line)
    line.setStyle(theme)
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


def test_kind_colours_read_on_light_and_dark_bases() -> None:
    for base in (QColor("#ffffff"), dark_palette().color(QPalette.ColorRole.Base)):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, base)
        for kind in EventKind:
            chip = cs.chip_background(kind, palette)
            # The tint stays close to the base, so the palette's text colour reads on it.
            assert abs(_luminance(chip) - _luminance(base)) < 0.3, kind
        assert len({cs.KIND_COLORS[k] for k in EventKind}) == len(EventKind)
