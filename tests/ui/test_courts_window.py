"""The Courts & holidays window on a real practice: courts and their days through the real
services and DB worker; dialogs and the removal question are answered by the test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from casedesk.domain.enums import HolidayKind
from casedesk.persistence.practice import Practice
from casedesk.rules.calendar import federal_holidays
from casedesk.rules.state_holidays import state_holiday_seed
from casedesk.services import courts, staff
from casedesk.ui import courts_window
from casedesk.ui.court_days import WARNING, DayLine
from casedesk.ui.courts_window import CourtsWindow
from casedesk.ui.dialogs.court_day_dialog import CourtDayDialog, ReviewedDaysDialog
from casedesk.ui.dialogs.court_dialog import CourtDialog
from casedesk.ui.lookups import Lookups
from casedesk.ui.settings import Settings
from tests.ui.dialog_fixtures import (  # noqa: F401  (fixtures)
    PLATFORM_LIMITS,
    discard_at_teardown,
    message,
    show,
)
from tests.ui.pane_fixtures import open_practice, settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS)

LEFT = Qt.MouseButton.LeftButton
YEAR = 2026
SF = "Superior Court of California, San Francisco"
Ids = dict[str, uuid.UUID]


def build(practice: Practice) -> Ids:
    """Alice, a CA court seeded for 2026 only, and a Guam court (no reviewed list)."""
    ids = {"alice": uuid.uuid4(), "sf": uuid.uuid4(), "guam": uuid.uuid4()}
    practice.write(staff.add_staff, name="Alice Avery", role="attorney",
                   staff_id=ids["alice"])
    practice.write(courts.add_court, court_id=ids["sf"], name=SF, state="CA",
                   time_zone="America/Los_Angeles", seed_years=[YEAR],
                   actor_staff_id=ids["alice"])
    practice.write(courts.add_court, court_id=ids["guam"], name="D. Guam", state="GU",
                   time_zone="Pacific/Guam")
    return ids


def open_window(qtbot: Any, db: Any, settings: Settings, alice: uuid.UUID | None,  # noqa: F811
                courts_expected: int) -> CourtsWindow:
    lookups = Lookups(db, settings)
    lookups.set_current_staff(alice)
    lookups.refresh()
    if alice is not None:
        qtbot.waitUntil(lambda: bool(lookups.staff))
    window = CourtsWindow(None, db, lookups)
    lookups.setParent(window)  # alive as long as the window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == courts_expected and db.idle)
    return window


@pytest.fixture
def window_and_ids(qtbot: Any, open_practice: Any,  # noqa: F811
                   settings: Settings) -> Iterator[tuple[CourtsWindow, Ids]]:  # noqa: F811
    db, ids = open_practice(build)
    window = open_window(qtbot, db, settings, ids["alice"], courts_expected=2)
    yield window, ids
    window.close()


def lines(window: CourtsWindow) -> list[DayLine]:
    return window.days.model.rows


def show_court(qtbot: Any, window: CourtsWindow, court_id: uuid.UUID, year: int) -> None:
    """Select the court and the year, and wait for its days."""
    window.select_court(court_id)
    combo = window.days.year_combo
    combo.setCurrentIndex(combo.findData(year))
    qtbot.waitUntil(lambda: window._db.idle and window.days.year == year)
    qtbot.waitUntil(lambda: bool(lines(window)) and all(d.day.year == year
                                                       for d in lines(window)))


def court_cells(window: CourtsWindow, row: int) -> list[str]:
    return [window.model.index(row, c).data() for c in range(window.model.columnCount())]


def read(window: CourtsWindow, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with Practice(window._db.location) as practice:
        return practice.read(fn, *args, **kwargs)


# --- tests ------------------------------------------------------------------------------

def test_no_courts_explains_and_offers_to_add(qtbot: Any, open_practice: Any,  # noqa: F811
                                              settings: Settings) -> None:  # noqa: F811
    db, _ = open_practice(lambda practice: None)
    window = open_window(qtbot, db, settings, None, courts_expected=0)
    assert window.stack.currentWidget() is window.empty
    assert window.days.court_title.text() == "No court selected"
    assert not window.days.add_closure_button.isEnabled()
    assert not window.edit_court_button.isEnabled()


def test_adding_a_court_lists_its_seeded_days_beside_the_federal_ones(
        qtbot: Any, qtmodeltester: Any, window_and_ids: Any, monkeypatch: Any) -> None:
    window, _ids = window_and_ids
    answer = CourtDialog.Answer(name="Superior Court of California, Los Angeles", state="ca",
                                time_zone="America/Los_Angeles", notes="Stanley Mosk")
    monkeypatch.setattr(CourtDialog, "ask", classmethod(lambda cls, parent, **kw: answer))
    qtbot.mouseClick(window.add_court_button, LEFT)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3
                    and window.days.court_title.text() == answer.name)
    this_year = date.today().year
    qtbot.waitUntil(lambda: window._db.idle and bool(lines(window)))
    assert window.days.year == this_year  # the default year is this one
    seeded = state_holiday_seed("CA", courts.default_seed_years())
    row = next(r for r in range(3) if window.model.index(r, 0).data() == answer.name)
    assert court_cells(window, row) == [answer.name, "CA", "Los Angeles", str(len(seeded)),
                                        "0"]
    assert window.status.text() == f"Court added: {answer.name}."
    state = {(d.day, d.name) for d in lines(window) if d.kind is HolidayKind.STATE}
    assert state == set(state_holiday_seed("CA", [this_year]).items())
    assert {d.source for d in lines(window) if d.kind is HolidayKind.STATE} == {
        "Reviewed list · Alice Avery"}
    federal = {(d.day, d.name) for d in lines(window) if d.kind is None}
    assert federal == set(federal_holidays([this_year]).items())
    assert [d.day for d in lines(window)] == sorted(d.day for d in lines(window))
    first = window.days.model.index(0, 0).data()
    assert first[:3] in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}  # with weekday
    assert window.state_box.seed_button.isEnabled()
    assert "Cesar Chavez Day" in window.state_box.info.toPlainText()
    assert "Susan B. Anthony Day" in window.state_box.info.toPlainText()  # left out on purpose
    assert window.state_box.warning.text() == WARNING
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.days.model)


def test_a_closure_is_listed_with_who_added_it_and_removal_keeps_history(
        qtbot: Any, qtmodeltester: Any, window_and_ids: Any, monkeypatch: Any) -> None:
    window, ids = window_and_ids
    show_court(qtbot, window, ids["sf"], YEAR)
    before = len(lines(window))
    storm = CourtDayDialog.Answer(court_id=ids["sf"], day=date(YEAR, 2, 5), name="Ice storm",
                                  kind=HolidayKind.CLOSURE)
    asked: list[dict[str, Any]] = []

    def ask(cls: Any, /, parent: Any, **kw: Any) -> CourtDayDialog.Answer:
        asked.append(kw)
        return storm

    monkeypatch.setattr(CourtDayDialog, "ask", classmethod(ask))
    qtbot.mouseClick(window.days.add_closure_button, LEFT)
    qtbot.waitUntil(lambda: len(lines(window)) == before + 1)
    assert asked[0]["kind"] is HolidayKind.CLOSURE and asked[0]["court_name"] == SF
    [line] = [d for d in lines(window) if d.name == "Ice storm"]
    row = lines(window).index(line)
    cells = [window.days.model.index(row, c).data() for c in range(5)]
    assert cells[:4] == ["Thu 5 Feb 2026", "Ice storm", "Closure", "Alice Avery"]
    assert cells[4]  # added on
    assert window.status.text() == "Closure added: Thu 5 Feb 2026, Ice storm."
    assert court_cells(window, 1)[4] == "1"  # the court list counts the closure
    qtmodeltester.check(window.days.model)

    # Remove asks first (and says which way deadlines move); "Cancel" changes nothing.
    questions: list[tuple[str, str]] = []

    def decline(parent: Any, title: str, text: str, info: str, action: str) -> bool:
        questions.append((text, info))
        return False

    monkeypatch.setattr(courts_window, "confirm", decline)
    window.days.view.selectRow(row)
    assert window.days.remove_button.isEnabled()
    qtbot.mouseClick(window.days.remove_button, LEFT)
    assert questions == [(f"Remove Ice storm (Thu 5 Feb 2026) from the list of {SF}?",
                          "Removing a closure can make deadlines earlier: a period may then "
                          "end on this day. The day stays in the history (Show removed).")]
    assert window._db.idle and any(d.name == "Ice storm" for d in lines(window))

    monkeypatch.setattr(courts_window, "confirm", lambda *a: True)
    qtbot.mouseClick(window.days.remove_button, LEFT)
    qtbot.waitUntil(lambda: not any(d.name == "Ice storm" for d in lines(window)))
    assert window.days.view.isColumnHidden(5)
    window.days.history_check.setChecked(True)
    qtbot.waitUntil(lambda: any(d.name == "Ice storm" for d in lines(window)))
    assert not window.days.view.isColumnHidden(5)
    [gone] = [d for d in lines(window) if d.name == "Ice storm"]
    row = lines(window).index(gone)
    removed = window.days.model.index(row, 5).data()
    assert removed.endswith(" by Alice Avery")
    font = window.days.model.index(row, 1).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.strikeOut()
    assert window.days.model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    window.days.view.selectRow(row)
    assert not window.days.remove_button.isEnabled()  # already removed
    history = read(window, courts.court_days, ids["sf"], include_removed=True)
    [record] = [d for d in history if d.name == "Ice storm"]
    assert record.removed_by == "Alice Avery" and record.added_by == "Alice Avery"
    qtmodeltester.check(window.days.model)


def test_the_year_filter_and_the_federal_toggle(qtbot: Any, window_and_ids: Any) -> None:
    window, ids = window_and_ids
    show_court(qtbot, window, ids["sf"], YEAR)
    expected = set(state_holiday_seed("CA", [YEAR]).items()) | set(
        federal_holidays([YEAR]).items())
    assert {(d.day, d.name) for d in lines(window)} == expected
    assert not window.days.coverage_row.isVisibleTo(window)

    later = YEAR + 1  # nothing seeded: only federal days, and a warning that says so
    window.days.year_combo.setCurrentIndex(window.days.year_combo.findData(later))
    qtbot.waitUntil(lambda: bool(lines(window)) and lines(window)[0].day.year == later)
    assert {(d.day, d.name) for d in lines(window)} == set(federal_holidays([later]).items())
    assert window.days.coverage_row.isVisibleTo(window)
    assert window.days.coverage.text().startswith(
        f"No CA state holidays for {later} are on this court's list")

    window.days.federal_check.setChecked(False)
    qtbot.waitUntil(lambda: window.days.stack.currentWidget() is window.days.empty)
    assert window.days.empty.text().startswith(f"Nothing on this court's list for {later}.")
    window.days.federal_check.setChecked(True)
    qtbot.waitUntil(lambda: bool(lines(window)))
    window.days.view.selectRow(0)  # a federal holiday cannot be removed here
    assert not window.days.remove_button.isEnabled()
    assert "set by law" in window.days.remove_button.toolTip()


def test_a_duplicate_day_reopens_the_form_with_the_service_message(
        qtbot: Any, window_and_ids: Any, monkeypatch: Any) -> None:
    window, ids = window_and_ids
    show_court(qtbot, window, ids["sf"], YEAR)
    before = read(window, courts.court_days, ids["sf"], include_removed=True)
    chavez = date(YEAR, 3, 31)
    again = CourtDayDialog.Answer(court_id=ids["sf"], day=chavez, name="Chavez again",
                                  kind=HolidayKind.STATE)
    calls: list[dict[str, Any]] = []

    def ask(cls: Any, /, parent: Any, **kw: Any) -> CourtDayDialog.Answer | None:
        calls.append(kw)
        return again if len(calls) == 1 else None  # the reopened form is cancelled

    monkeypatch.setattr(CourtDayDialog, "ask", classmethod(ask))
    qtbot.mouseClick(window.days.add_state_button, LEFT)
    qtbot.waitUntil(lambda: len(calls) == 2)
    assert calls[1]["retry"] == again
    assert calls[1]["refusal"] == ("Tue 31 Mar 2026 is already on the list "
                                   "(Cesar Chavez Day).")
    assert read(window, courts.court_days, ids["sf"], include_removed=True) == before
    assert window.status.text() == ""


def test_a_duplicate_court_name_reopens_the_form(qtbot: Any, window_and_ids: Any,
                                                 monkeypatch: Any) -> None:
    window, _ids = window_and_ids
    twin = CourtDialog.Answer(name="d. guam", state="GU", time_zone="", notes="")
    calls: list[dict[str, Any]] = []

    def ask(cls: Any, /, parent: Any, **kw: Any) -> CourtDialog.Answer | None:
        calls.append(kw)
        return twin if len(calls) == 1 else None

    monkeypatch.setattr(CourtDialog, "ask", classmethod(ask))
    qtbot.mouseClick(window.add_court_button, LEFT)
    qtbot.waitUntil(lambda: len(calls) == 2)
    assert calls[1] == {"retry": twin, "refusal": "There is already a court called 'D. Guam'."}
    assert len(read(window, courts.list_courts)) == 2


def test_reviewed_days_only_where_there_is_a_reviewed_list(
        qtbot: Any, window_and_ids: Any, monkeypatch: Any) -> None:
    window, ids = window_and_ids
    window.select_court(ids["guam"])
    qtbot.waitUntil(lambda: window.days.court_title.text() == "D. Guam" and window._db.idle)
    assert not window.state_box.seed_button.isEnabled()
    assert "no reviewed holiday list for GU" in window.state_box.seed_button.toolTip()
    assert "no reviewed holiday list for GU" in window.state_box.info.toPlainText()

    show_court(qtbot, window, ids["sf"], YEAR)
    assert window.state_box.seed_button.isEnabled()
    assert window.state_box.seed_button.text() == "Add reviewed CA &holidays…"
    span = ReviewedDaysDialog.Answer(court_id=ids["sf"], first=YEAR, last=YEAR + 1)
    monkeypatch.setattr(ReviewedDaysDialog, "ask", classmethod(lambda cls, parent, **kw: span))
    qtbot.mouseClick(window.state_box.seed_button, LEFT)
    both = len(state_holiday_seed("CA", [YEAR, YEAR + 1]))
    qtbot.waitUntil(lambda: court_cells(window, 1)[3] == str(both))
    assert window.status.text() == f"Reviewed CA holidays for {YEAR}–{YEAR + 1} added."
    qtbot.mouseClick(window.state_box.seed_button, LEFT)
    qtbot.waitUntil(lambda: window.status.text().startswith("Nothing to add"))
    assert court_cells(window, 1)[3] == str(both)


# --- the dialogs themselves ----------------------------------------------------------------

def test_a_refused_day_form_holds_the_input_until_it_is_changed(qtbot: Any) -> None:
    refused = CourtDayDialog.Answer(court_id=uuid.uuid4(), day=date(YEAR, 3, 31),
                                    name="Chavez again", kind=HolidayKind.STATE)
    dialog = CourtDayDialog(None, court_id=refused.court_id, court_name=SF,
                            kind=HolidayKind.CLOSURE)
    dialog.fill(refused)
    dialog.show_refusal("Tue 31 Mar 2026 is already on the list (Cesar Chavez Day).")
    show(qtbot, dialog)
    assert dialog.answer() == refused
    assert message(dialog) == "Tue 31 Mar 2026 is already on the list (Cesar Chavez Day)."
    assert not dialog.save_button.isEnabled()
    assert dialog.is_dirty()  # Cancel would ask before throwing the typing away
    assert "make deadlines later" in dialog.effect.text()
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(1))
    assert message(dialog) == "" and dialog.save_button.isEnabled()
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(3))  # Sat 4 Apr 2026
    assert dialog.day_hint.text() == "Sat 4 Apr 2026 is a weekend day: it ends no period anyway."


def test_the_court_form_says_what_the_state_brings(qtbot: Any) -> None:
    dialog = show(qtbot, CourtDialog(None, today=date(YEAR, 6, 1)))
    assert not dialog.save_button.isEnabled() and message(dialog) == (
        "The court's name is required")
    qtbot.keyClicks(dialog.name_edit, "Cook County Circuit Court")
    qtbot.keyClicks(dialog.state_edit, "il")
    assert dialog.state_edit.text() == "IL"
    assert dialog.state_hint.text() == "Illinois: a reviewed holiday list exists"
    assert dialog.seed_check.isEnabled() and dialog.seed_check.isChecked()
    assert dialog.seed_check.text() == "Add the reviewed IL state holidays for 2025–2036"
    assert dialog.answer().as_kwargs() == {"name": "Cook County Circuit Court",
                                           "state": "IL", "time_zone": "", "notes": "",
                                           "seed_years": None}
    dialog.seed_check.setChecked(False)
    assert dialog.answer().as_kwargs()["seed_years"] == ()
    dialog.state_edit.setText("G")
    assert message(dialog) == ("State: use the two-letter code (for example CA), or leave "
                               "it empty")
    dialog.state_edit.setText("GU")
    assert dialog.state_hint.text() == "No reviewed list for GU: enter its holidays by hand"
    assert not dialog.seed_check.isEnabled() and dialog.answer().seed is False


def test_a_closure_that_moves_a_computed_deadline_opens_the_review(
        qtbot: Any, window_and_ids: Any, monkeypatch: Any) -> None:
    from casedesk.services import cases, deadlines

    window, ids = window_and_ids
    with Practice(window._db.location) as practice:
        _c, case_id = practice.write(cases.create_case, number="2026-CV-0009",
                                     title="Smith v. Acme", court=SF)
        practice.write(deadlines.apply_trigger, case_id=case_id, rule_set_key="frcp",
                       trigger_key="complaint_served", trigger_date=date(2026, 6, 13),
                       rule_keys=None)
    show_court(qtbot, window, ids["sf"], YEAR)
    flood = CourtDayDialog.Answer(court_id=ids["sf"], day=date(YEAR, 7, 6),
                                  name="Flooded courthouse", kind=HolidayKind.CLOSURE)
    monkeypatch.setattr(CourtDayDialog, "ask", classmethod(lambda cls, parent, **kw: flood))
    qtbot.mouseClick(window.days.add_closure_button, LEFT)
    qtbot.waitUntil(lambda: window.changes_dialog is not None, timeout=10_000)
    review = window.changes_dialog
    qtbot.waitUntil(lambda: review.loaded, timeout=10_000)
    assert review.model.rowCount() == 1
    affected = review.model.row_at(0)
    assert affected.case_label == "2026-CV-0009 Smith v. Acme"
    assert affected.would_move >= 1
    assert "holiday list of " + SF in review.intro.text()
    review.close()
