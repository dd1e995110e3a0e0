"""Courts and their holiday lists: seeded from the reviewed state list, edited with history."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from casedesk.domain.enums import HolidayKind
from casedesk.domain.errors import InvalidInput
from casedesk.persistence.practice import Practice
from casedesk.services import courts, staff


def _court(practice: Practice, **kw: object) -> uuid.UUID:
    court_id = uuid.uuid4()
    practice.write(courts.add_court, court_id=court_id, **kw)
    return court_id


def test_a_california_court_is_seeded_and_its_calendar_counts_state_days(
        practice: Practice) -> None:
    court = _court(practice, name="Superior Court of California, San Francisco", state="ca",
                   time_zone="America/Los_Angeles", seed_years=range(2026, 2027))
    [row] = practice.read(courts.list_courts)
    assert (row.name, row.state, row.reviewed_state) == (
        "Superior Court of California, San Francisco", "CA", True)
    days = practice.read(courts.court_days, court)
    assert date(2026, 3, 31) in {d.day for d in days}  # Cesar Chavez Day
    assert all(d.kind is HolidayKind.STATE and d.source == courts.REVIEWED_SOURCE
               for d in days)
    assert row.state_days == len(days) and row.closures == 0
    calendar = practice.read(courts.court_calendar, court)
    assert calendar.reason(date(2026, 3, 31), forward=True) is not None
    assert calendar.reason(date(2026, 3, 31), forward=False) is None  # 6(a)(6)(C)
    assert calendar.reason(date(2026, 7, 3), forward=False) == "Independence Day (observed)"


def test_closures_and_removals_are_kept_with_who_and_when(practice: Practice) -> None:
    alice = uuid.uuid4()
    practice.write(staff.add_staff, name="Alice Attorney", role="attorney", staff_id=alice)
    court = _court(practice, name="N.D. Ill.", state="IL", seed_years=range(2026, 2027))
    practice.write(courts.add_court_day, court_id=court, day="2026-02-05",
                   name="Ice storm", kind="closure", actor_staff_id=alice)
    calendar = practice.read(courts.court_calendar, court)
    assert calendar.reason(date(2026, 2, 5), forward=True) == "Court closure: Ice storm"
    assert calendar.reason(date(2026, 2, 5), forward=False) == "Court closure: Ice storm"
    with pytest.raises(InvalidInput, match="already on the list"):
        practice.write(courts.add_court_day, court_id=court, day="2026-02-05", name="Again",
                       kind="closure")
    [closure] = [d for d in practice.read(courts.court_days, court) if d.name == "Ice storm"]
    assert (closure.added_by, closure.source) == ("Alice Attorney", "Alice Attorney")
    practice.write(courts.remove_court_day, day_id=closure.id, actor_staff_id=alice)
    assert practice.read(courts.court_calendar, court).reason(date(2026, 2, 5), True) is None
    history = practice.read(courts.court_days, court, include_removed=True)
    [gone] = [d for d in history if d.name == "Ice storm"]
    assert gone.removed_at is not None and gone.removed_by == "Alice Attorney"


def test_removed_seeded_day_is_not_brought_back_by_reseeding(practice: Practice) -> None:
    court = _court(practice, name="S.D. Tex.", state="TX", seed_years=range(2026, 2027))
    days = practice.read(courts.court_days, court)
    assert days, "Texas has reviewed state holidays"
    practice.write(courts.remove_court_day, day_id=days[0].id)
    practice.write(courts.seed_state_days, court_id=court, years=range(2026, 2028))
    again = practice.read(courts.court_days, court)
    assert days[0].day not in {d.day for d in again}
    assert any(d.day.year == 2027 for d in again)


def test_bad_court_input_is_refused(practice: Practice) -> None:
    _court(practice, name="D. Mass.", state="MA", seed_years=())
    with pytest.raises(InvalidInput, match="already a court called"):
        _court(practice, name="d. mass.")
    with pytest.raises(InvalidInput, match="two-letter code"):
        _court(practice, name="Somewhere", state="Texas")
    with pytest.raises(InvalidInput, match="not a time zone"):
        _court(practice, name="Elsewhere", time_zone="Nowhere/Land")
    other = _court(practice, name="D. Guam", state="GU")  # no reviewed list: nothing seeded
    assert practice.read(courts.court_days, other) == []
    with pytest.raises(InvalidInput, match="no reviewed holiday list for GU"):
        practice.write(courts.seed_state_days, court_id=other, years=[2026])
    assert [c.name for c in practice.read(courts.list_courts)] == ["D. Guam", "D. Mass."]
