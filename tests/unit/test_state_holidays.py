"""Holiday data: the federal list has the observed days and the presidential closures; each
state's list is the reviewed allow-list, never the `holidays` package's commemorations, and
the review covers every name the installed package offers (a new name fails here first)."""

from __future__ import annotations

from datetime import date

import pytest
from holidays import country_holidays

from casedesk.domain.errors import InvalidInput
from casedesk.rules.calendar import FEDERAL, calendar_for, federal_holidays
from casedesk.rules.state_holidays import (
    reviewed_states,
    state_holiday_seed,
    state_review,
)

REQUIRED = {"CA", "NY", "TX", "FL", "IL", "PA", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "MA",
            "AZ", "CO"}
YEARS = range(1971, 2041)


def test_federal_list_has_observed_days_and_closures_by_executive_order() -> None:
    days = federal_holidays([2024, 2025, 2026])
    assert days[date(2025, 1, 9)] == "National Day of Mourning for former President Jimmy Carter"
    assert days[date(2024, 12, 24)] == "Christmas Eve"
    assert days[date(2025, 12, 24)] == "Christmas Eve"
    assert days[date(2025, 12, 26)] == "Day After Christmas"
    assert days[date(2026, 7, 3)] == "Independence Day (observed)"
    assert days[date(2026, 11, 26)] == "Thanksgiving Day"
    assert date(2026, 11, 27) not in days
    assert list(days) == sorted(days)
    assert FEDERAL.get(date(2031, 12, 25)) == "Christmas Day"  # any year, on first use


def test_reviewed_states_cover_the_required_ones() -> None:
    assert set(reviewed_states()) >= REQUIRED
    assert list(reviewed_states()) == sorted(reviewed_states())


def test_california_seed_is_the_reviewed_days_only() -> None:
    assert state_holiday_seed("CA", [2026]) == {
        date(2026, 2, 12): "Lincoln's Birthday",
        date(2026, 3, 31): "Cesar Chavez Day",
        date(2026, 11, 27): "Day After Thanksgiving",
    }
    names = set(state_holiday_seed("CA", YEARS).values())
    assert names == {"Lincoln's Birthday", "Lincoln's Birthday (observed)", "Cesar Chavez Day",
                     "Cesar Chavez Day (observed)", "Day After Thanksgiving"}
    # The package offers these for California; they are not legal holidays courts close for.
    offered = {n for _, n in country_holidays("US", subdiv="CA", years=2026).items()}
    assert any("Susan B. Anthony Day" in n for n in offered)
    assert any("Diwali" in n for n in offered)


def test_sunday_holiday_moves_to_monday_only_where_the_statute_says() -> None:
    assert state_holiday_seed("NY", [2023]) == {
        date(2023, 2, 13): "Lincoln's Birthday (observed)",
        date(2023, 11, 7): "Election Day",
    }
    assert state_holiday_seed("IL", [2023]) == {}  # Sunday 12 Feb 2023 is not moved


def test_texas_seeds_closure_days_not_skeleton_crew_days() -> None:
    seed = state_holiday_seed("TX", [2026, 2027])
    assert seed == {
        date(2026, 11, 27): "Friday After Thanksgiving",
        date(2026, 12, 24): "Christmas Eve",
        date(2027, 11, 26): "Friday After Thanksgiving",
    }
    review = state_review("TX")
    assert "minimum staff" in review.excluded["Texas Independence Day"]


def test_georgia_seeds_only_the_november_state_holiday() -> None:
    assert state_holiday_seed("GA", [2026]) == {date(2026, 11, 27): "State Holiday"}
    assert state_holiday_seed("GA", [2010]) == {date(2010, 11, 26): "Robert E. Lee's Birthday"}


def test_states_with_no_extra_holidays_seed_nothing() -> None:
    for state in ("AZ", "OH", "CO"):
        assert state_holiday_seed(state, YEARS) == {}, state


def test_seed_leaves_out_weekends_and_federal_days() -> None:
    for state in reviewed_states():
        for day in state_holiday_seed(state, range(2015, 2036)):
            assert day.weekday() < 5, (state, day)
            assert FEDERAL.get(day) is None, (state, day)


def test_unreviewed_and_malformed_states_are_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^no reviewed holiday list for WY; ") as caught:
        calendar_for("WY")
    assert caught.value.field == "state"
    assert "reviewed: AZ, CA" in caught.value.message
    with pytest.raises(InvalidInput, match="not a two-letter state code"):
        state_holiday_seed("California", [2026])
    assert calendar_for(" ca ").state_code == "CA"
    assert calendar_for(None).state_code == ""


@pytest.mark.parametrize("state", sorted(REQUIRED))
def test_review_covers_every_name_the_package_offers(state: str) -> None:
    """Each name the package gives on a weekday that is not a federal holiday was decided on:
    seeded, fixed or excluded with a reason. An upgrade of `holidays` that adds a name fails
    here until someone reviews it."""
    review = state_review(state)
    assert review.source and review.name
    decided = review.reviewed_names()
    offered: set[str] = set()
    for day, names in country_holidays("US", subdiv=state, years=YEARS).items():
        if day.weekday() < 5 and FEDERAL.get(day) is None:
            offered.update(n.removesuffix(" (observed)") for n in names.split("; "))
    assert offered <= decided, f"{state}: unreviewed {sorted(offered - decided)}"
    # And every seeded name exists in the package (a typo would silently seed nothing).
    all_names = {n for _, names in country_holidays("US", subdiv=state, years=YEARS).items()
                 for n in names.split("; ")}
    for holiday in review.holidays:
        assert holiday.name in all_names, f"{state}: {holiday.name!r} is not a package name"
    for reason in review.excluded.values():
        assert reason.strip()
