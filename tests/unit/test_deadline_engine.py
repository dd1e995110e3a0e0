"""The deadline engine counts exactly as FRCP 6(a) and 6(d) say: the shared note's worked
examples, plus holidays, executive-order closures, state holidays (forward only), court days,
hours, service methods, closure days and weekend triggers, each with its explanation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from casedesk.domain.errors import InvalidInput
from casedesk.rules.calendar import (
    HolidayCalendar,
    calendar_for,
    federal_calendar,
    federal_holidays,
)
from casedesk.rules.counting import Computation, Direction, ServiceMethod, Unit, compute

FEDERAL = federal_calendar()


def after(trigger: date, days: int, calendar: HolidayCalendar = FEDERAL,
          **kwargs: object) -> Computation:
    return compute(trigger, days, unit=Unit.DAYS, direction=Direction.AFTER,
                   calendar=calendar, **kwargs)  # type: ignore[arg-type]


def before(trigger: date, days: int, calendar: HolidayCalendar = FEDERAL) -> Computation:
    return compute(trigger, days, unit=Unit.DAYS, direction=Direction.BEFORE,
                   calendar=calendar)


# --- The worked examples of the shared note -------------------------------------------------

def test_intermediate_holiday_counts() -> None:
    result = after(date(2024, 6, 14), 14)
    assert result.due == date(2024, 6, 28)
    assert result.skipped == ()
    assert ("Holidays inside the period count like any other day: Wed 19 Jun 2024 "
            "(Juneteenth National Independence Day)") in result.steps


def test_last_day_on_saturday_rolls_past_the_weekend_not_back_to_the_observed_friday() -> None:
    result = after(date(2026, 6, 13), 21)
    assert result.raw == date(2026, 7, 4)
    assert result.due == date(2026, 7, 6)
    assert result.skipped == ((date(2026, 7, 4), "weekend"), (date(2026, 7, 5), "weekend"))
    assert result.steps[0] == "Trigger: Sat 13 Jun 2026 (not counted)"
    assert result.steps[3:7] == ("Day 21: Sat 4 Jul 2026",
                                 "Sat 4 Jul 2026: weekend — roll forward",
                                 "Sun 5 Jul 2026: weekend",
                                 "Due: Mon 6 Jul 2026")
    assert "Fri 3 Jul 2026 (Independence Day (observed))" in result.steps[2]


def test_backward_period_rolls_backward_past_the_observed_holiday() -> None:
    result = before(date(2026, 7, 17), 14)
    assert result.raw == date(2026, 7, 3)
    assert result.due == date(2026, 7, 2)
    assert result.skipped == ((date(2026, 7, 3), "Independence Day (observed)"),)
    assert "Fri 3 Jul 2026: Independence Day (observed) — roll backward" in result.steps


def test_mail_service_rolls_first_then_adds_three_days() -> None:
    result = after(date(2026, 4, 16), 30, service=ServiceMethod.MAIL)
    assert result.due == date(2026, 5, 21)
    assert result.due != date(2026, 4, 16) + timedelta(days=33)  # naive +33 is Tue 19 May
    assert result.raw == date(2026, 5, 16)
    assert result.added_days == 3
    assert ("Rule 6(d), served by mail (Rule 5(b)(2)(C)): 3 days are added after the period "
            "expires: Mon 18 May 2026 + 3 days = Thu 21 May 2026") in result.steps


def test_electronic_service_adds_nothing_and_day_after_thanksgiving_is_not_federal() -> None:
    result = after(date(2016, 11, 18), 7, service=ServiceMethod.ELECTRONIC)
    assert result.due == date(2016, 11, 25)
    assert result.added_days == 0
    assert any("Rule 6(d) adds no days" in line for line in result.steps)


# --- Federal holidays and closures -----------------------------------------------------------

def test_thanksgiving_rolls_to_friday_federally_and_to_monday_where_friday_is_a_holiday() -> None:
    assert after(date(2026, 11, 12), 14).due == date(2026, 11, 27)
    for state in ("CA", "FL", "TX", "PA", "VA", "WA", "GA", "MI", "NC"):
        result = after(date(2026, 11, 12), 14, calendar_for(state))
        assert result.due == date(2026, 11, 30), state
        assert result.skipped[0] == (date(2026, 11, 26), "Thanksgiving Day")
        assert result.skipped[1][0] == date(2026, 11, 27)
        assert result.skipped[1][1].endswith(f"({state} state holiday)")


def test_christmas_on_friday_rolls_to_monday() -> None:
    result = after(date(2026, 12, 15), 10)
    assert result.due == date(2026, 12, 28)
    assert [day for day, _ in result.skipped] == [date(2026, 12, 25), date(2026, 12, 26),
                                                   date(2026, 12, 27)]


def test_new_year_2028_is_observed_on_friday_31_december_2027() -> None:
    assert federal_holidays([2027])[date(2027, 12, 31)] == "New Year's Day (observed)"
    forward = after(date(2027, 12, 24), 7)
    assert forward.due == date(2028, 1, 3)
    assert forward.skipped[0] == (date(2027, 12, 31), "New Year's Day (observed)")
    assert before(date(2028, 1, 7), 7).due == date(2027, 12, 30)


@pytest.mark.parametrize(("trigger", "days", "due"), [
    (date(2025, 1, 2), 7, date(2025, 1, 10)),  # Thu 9 Jan 2025, President Carter's funeral
    (date(2025, 12, 10), 14, date(2025, 12, 29)),  # Wed 24, Thu 25, Fri 26 Dec 2025, weekend
    (date(2025, 12, 25), 1, date(2025, 12, 29)),  # Fri 26 Dec 2025 by executive order
])
def test_executive_order_closures_are_legal_holidays(trigger: date, days: int,
                                                     due: date) -> None:
    assert after(trigger, days).due == due


def test_executive_order_closure_rolls_a_backward_period_too() -> None:
    result = before(date(2026, 1, 7), 14)
    assert result.due == date(2025, 12, 23)
    assert result.skipped == ((date(2025, 12, 24), "Christmas Eve"),)


def test_half_day_closing_is_not_a_legal_holiday() -> None:
    # The government category lists Thu 24 Dec 2015 as a half-day closing only.
    assert date(2015, 12, 24) not in federal_holidays([2015])
    assert after(date(2015, 12, 17), 7).due == date(2015, 12, 24)


def test_observed_juneteenth_and_veterans_day_roll_a_friday_deadline() -> None:
    assert after(date(2027, 6, 11), 7).due == date(2027, 6, 21)  # Fri 18 Jun 2027 observed
    assert after(date(2028, 10, 31), 10).due == date(2028, 11, 13)  # Fri 10 Nov 2028 observed


def test_closure_day_rolls_both_directions() -> None:
    storm = calendar_for(None, {date(2026, 1, 27): "ice storm"})
    forward = after(date(2026, 1, 26), 1, storm)
    assert forward.due == date(2026, 1, 28)
    assert forward.skipped == ((date(2026, 1, 27), "Court closure: ice storm"),)
    assert before(date(2026, 1, 28), 1, storm).due == date(2026, 1, 26)
    assert after(date(2026, 1, 26), 1).due == date(2026, 1, 27)  # without it: Tuesday


def test_with_closures_adds_days_to_a_calendar() -> None:
    calendar = calendar_for("CA").with_closures({date(2026, 4, 1): "e-filing outage"})
    result = after(date(2026, 3, 10), 21, calendar)
    assert result.due == date(2026, 4, 2)  # Tue 31 Mar Cesar Chavez Day, Wed 1 Apr outage
    assert result.skipped[1] == (date(2026, 4, 1), "Court closure: e-filing outage")


# --- State holidays count forward only ------------------------------------------------------

def test_state_holiday_extends_a_forward_period_only() -> None:
    california = calendar_for("CA")
    forward = after(date(2026, 3, 10), 21, california)
    assert forward.due == date(2026, 4, 1)
    assert forward.skipped == ((date(2026, 3, 31), "Cesar Chavez Day (CA state holiday)"),)
    assert after(date(2026, 3, 10), 21).due == date(2026, 3, 31)
    backward = before(date(2026, 4, 14), 14, california)
    assert backward.due == date(2026, 3, 31)
    assert ("Tue 31 Mar 2026: Cesar Chavez Day (CA state holiday) — does not move a period "
            "counted back (Rule 6(a)(6)(C))") in backward.steps


def test_sunday_state_holiday_is_observed_monday_where_the_statute_says_so() -> None:
    # Lincoln's Birthday was Sunday 12 Feb 2023; New York observes it on Monday.
    assert after(date(2023, 2, 10), 3, calendar_for("NY")).due == date(2023, 2, 14)
    assert after(date(2023, 2, 10), 3).due == date(2023, 2, 13)
    # Illinois's list does not move it: Monday stays a counting day.
    assert after(date(2023, 2, 10), 3, calendar_for("IL")).due == date(2023, 2, 13)


def test_texas_christmas_eve_and_massachusetts_patriots_day() -> None:
    assert after(date(2026, 12, 10), 14, calendar_for("TX")).due == date(2026, 12, 28)
    assert after(date(2026, 12, 10), 14).due == date(2026, 12, 24)
    assert after(date(2026, 4, 17), 3, calendar_for("MA")).due == date(2026, 4, 21)
    assert after(date(2026, 4, 17), 3).due == date(2026, 4, 20)


def test_extra_state_days_of_the_court_are_added_to_the_reviewed_list() -> None:
    calendar = calendar_for("CO", extra_state={date(2026, 10, 5): "Cabrini Day"})
    assert after(date(2026, 9, 28), 7, calendar).due == date(2026, 10, 6)
    assert before(date(2026, 10, 12), 7, calendar).due == date(2026, 10, 5)


# --- Court days, hours ------------------------------------------------------------------------

def test_court_days_skip_weekends_and_holidays_in_the_count() -> None:
    result = compute(date(2026, 3, 10), 16, unit=Unit.COURT_DAYS, direction=Direction.AFTER,
                     calendar=calendar_for("CA"))
    assert result.due == result.raw == date(2026, 4, 2)
    assert (date(2026, 3, 31), "Cesar Chavez Day (CA state holiday)") in result.skipped
    assert "Not counted: 6 weekend days" in result.steps
    federal_only = compute(date(2026, 3, 10), 16, unit="court_days", direction="after",
                           calendar=FEDERAL)
    assert federal_only.due == date(2026, 4, 1)


def test_court_days_before_skip_state_holidays_too_the_earlier_safe_side() -> None:
    result = compute(date(2026, 4, 17), 16, unit=Unit.COURT_DAYS, direction=Direction.BEFORE,
                     calendar=calendar_for("CA"))
    assert result.due == date(2026, 3, 25)
    federal_only = compute(date(2026, 4, 17), 16, unit=Unit.COURT_DAYS,
                           direction=Direction.BEFORE, calendar=FEDERAL)
    assert federal_only.due == date(2026, 3, 26)


def test_court_days_are_not_calendar_days_and_a_weekend_trigger_is_not_counted() -> None:
    result = compute(date(2026, 7, 4), 1, unit=Unit.COURT_DAYS, direction=Direction.AFTER,
                     calendar=FEDERAL)
    assert result.due == date(2026, 7, 6)
    assert result.skipped == ((date(2026, 7, 5), "weekend"),)
    # 10 court days is two weeks here, never "10 days": Thu 2 Jul 2026 + 10 court days.
    ten = compute(date(2026, 7, 2), 10, unit=Unit.COURT_DAYS, direction=Direction.AFTER,
                  calendar=FEDERAL)
    assert ten.due == date(2026, 7, 17)


def test_hours_over_a_weekend_run_to_the_same_time_on_monday() -> None:
    result = compute(datetime(2026, 3, 6, 17, 0), 48, unit=Unit.HOURS,
                     direction=Direction.AFTER, calendar=FEDERAL)
    assert result.raw == datetime(2026, 3, 8, 17, 0)
    assert result.due == datetime(2026, 3, 9, 17, 0)
    assert result.steps[0] == ("Trigger: Fri 6 Mar 2026 17:00 (counting starts at once, "
                               "Rule 6(a)(2))")


def test_hours_ending_on_a_holiday_skip_it_and_the_weekend() -> None:
    result = compute(datetime(2026, 7, 2, 9, 30), 24, unit=Unit.HOURS,
                     direction=Direction.AFTER, calendar=FEDERAL)
    assert result.due == datetime(2026, 7, 6, 9, 30)
    assert [day for day, _ in result.skipped] == [date(2026, 7, 3), date(2026, 7, 4),
                                                   date(2026, 7, 5)]


def test_hours_count_elapsed_time_across_daylight_saving() -> None:
    zone = ZoneInfo("America/Los_Angeles")
    result = compute(datetime(2026, 3, 6, 17, 0, tzinfo=zone), 48, unit=Unit.HOURS,
                     direction=Direction.AFTER, calendar=FEDERAL)
    # 48 real hours from Friday 17:00 PST is Sunday 18:00 PDT; it runs to Monday 18:00 PDT.
    assert result.raw == datetime(2026, 3, 8, 18, 0, tzinfo=zone)
    assert result.due == datetime(2026, 3, 9, 18, 0, tzinfo=zone)
    elapsed = result.due.astimezone(UTC) - result.trigger.astimezone(UTC)
    assert elapsed == timedelta(hours=72)  # 48 hours + Sunday 18:00 to Monday 18:00
    fixed = timezone(timedelta(hours=-5))
    moved = compute(datetime(2026, 3, 6, 17, 0, tzinfo=fixed), 48, unit=Unit.HOURS,
                    direction=Direction.AFTER, calendar=FEDERAL)
    assert moved.due == datetime(2026, 3, 9, 17, 0, tzinfo=fixed)


def test_hours_need_a_time() -> None:
    with pytest.raises(InvalidInput, match="needs the time of the event"):
        compute(date(2026, 3, 6), 24, unit=Unit.HOURS, direction=Direction.AFTER,
                calendar=FEDERAL)


# --- Rule 6(d) ------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "due"), [
    (ServiceMethod.ELECTRONIC, date(2026, 3, 20)),
    (ServiceMethod.PERSONAL, date(2026, 3, 20)),
    (ServiceMethod.MAIL, date(2026, 3, 23)),
    (ServiceMethod.CLERK, date(2026, 3, 23)),
    (ServiceMethod.OTHER_CONSENT, date(2026, 3, 23)),
])
def test_service_methods(method: ServiceMethod, due: date) -> None:
    assert after(date(2026, 3, 6), 14, service=method).due == due


def test_three_days_land_on_a_weekend_and_roll_again() -> None:
    result = after(date(2026, 4, 16), 21, service=ServiceMethod.MAIL)
    assert result.due == date(2026, 5, 11)  # Thu 7 May + 3 = Sun 10 May -> Mon 11 May
    assert result.skipped == ((date(2026, 5, 10), "weekend"),)


def test_service_that_does_not_start_the_period_adds_nothing() -> None:
    result = after(date(2026, 4, 16), 30, service=ServiceMethod.MAIL, service_applies=False)
    assert result.due == date(2026, 5, 18)
    assert any("Rule 6(d) does not apply" in line for line in result.steps)


def test_service_method_refused_for_a_backward_period() -> None:
    with pytest.raises(InvalidInput, match="only to periods counted after service"):
        compute(date(2026, 7, 17), 14, unit=Unit.DAYS, direction=Direction.BEFORE,
                calendar=FEDERAL, service=ServiceMethod.MAIL)


def test_service_method_spellings() -> None:
    assert ServiceMethod.parse("other-consent") is ServiceMethod.OTHER_CONSENT
    assert ServiceMethod.parse(" Mail ") is ServiceMethod.MAIL
    assert ServiceMethod.OTHER_CONSENT.cli_name == "other-consent"
    with pytest.raises(InvalidInput, match="unknown service method 'fax'"):
        ServiceMethod.parse("fax")


# --- Weekend triggers, input checks ---------------------------------------------------------

def test_trigger_on_a_weekend_is_excluded() -> None:
    assert after(date(2026, 6, 13), 1).due == date(2026, 6, 15)  # day 1 is Sunday 14 June
    assert after(date(2026, 6, 13), 2).due == date(2026, 6, 15)
    assert after(date(2026, 7, 5), 7).due == date(2026, 7, 13)


def test_datetime_trigger_for_days_counts_from_its_day() -> None:
    assert after(datetime(2026, 6, 13, 23, 59), 21).due == date(2026, 7, 6)


@pytest.mark.parametrize("amount", [0, -3, True, 2.0, 36_601])
def test_bad_amounts_are_refused(amount: object) -> None:
    with pytest.raises(InvalidInput, match="number of days"):
        after(date(2026, 1, 5), amount)  # type: ignore[arg-type]


def test_bad_unit_and_years_are_refused() -> None:
    with pytest.raises(InvalidInput, match="unit must be one of days, court_days, hours"):
        compute(date(2026, 1, 5), 3, unit="weeks", direction="after", calendar=FEDERAL)
    with pytest.raises(InvalidInput, match="outside the years"):
        after(date(1850, 1, 5), 3)


def test_a_century_long_period_is_counted() -> None:
    result = after(date(2026, 1, 5), 36_600)
    assert result.due >= result.raw == date(2026, 1, 5) + timedelta(days=36_600)
    assert FEDERAL.reason(result.due, True) is None
    assert "and " in result.steps[2] and "more" in result.steps[2]  # the list is cut short


def test_closure_keys_must_be_plain_dates() -> None:
    with pytest.raises(InvalidInput, match="is not a date"):
        calendar_for(None, {datetime(2026, 1, 27, 9, 0): "storm"})


def test_hours_before_an_event_roll_backward_to_the_same_time() -> None:
    result = compute(datetime(2026, 7, 6, 9, 0), 24, unit=Unit.HOURS,
                     direction=Direction.BEFORE, calendar=FEDERAL)
    assert result.raw == datetime(2026, 7, 5, 9, 0)
    assert result.due == datetime(2026, 7, 2, 9, 0)  # past Sun, Sat and Fri 3 Jul (observed)


def test_a_courts_own_edited_lists_make_a_calendar() -> None:
    """How the app builds a court's calendar from the lists people keep in the database."""
    court = HolidayCalendar(state={date(2026, 3, 31): "Cesar Chavez Day"},
                            closures={date(2026, 4, 1): "flood"}, state_code="CA")
    assert court.reason(date(2026, 3, 31), forward=True) == "Cesar Chavez Day (CA state holiday)"
    assert court.reason(date(2026, 3, 31), forward=False) is None
    assert court.reason(date(2026, 4, 1), forward=False) == "Court closure: flood"
    assert court.reason(datetime(2026, 7, 3, 12, 0), forward=False) == (
        "Independence Day (observed)")
    assert court.reason(date(2026, 4, 2), forward=True) is None
    assert after(date(2026, 3, 10), 21, court).due == date(2026, 4, 2)
