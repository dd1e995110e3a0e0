"""Properties that hold for every deadline, checked over many generated inputs: a due date is
never a weekend or legal holiday (a court day for court-day periods), a forward result never
precedes the plain count and a backward one never follows it, service by mail never gives an
earlier date than electronic service, and extra holidays only ever push a date the safe way."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.rules.calendar import HolidayCalendar, calendar_for
from casedesk.rules.counting import Direction, ServiceMethod, Unit, compute
from casedesk.rules.daytext import moment_text
from casedesk.rules.state_holidays import reviewed_states

PROPERTY = settings(max_examples=300, deadline=None)

triggers = st.dates(min_value=date(2000, 1, 1), max_value=date(2045, 12, 31))
amounts = st.integers(min_value=1, max_value=400)
directions = st.sampled_from(list(Direction))
states = st.sampled_from([None, *reviewed_states()])
closures = st.dictionaries(st.dates(min_value=date(2000, 1, 1), max_value=date(2047, 12, 31)),
                           st.just("closed"), max_size=40)


def calendar(state: str | None, closed: dict[date, str]) -> HolidayCalendar:
    return calendar_for(state, closed)


@PROPERTY
@given(triggers, amounts, directions, states, closures)
def test_due_day_is_never_a_weekend_or_legal_holiday(trigger: date, amount: int,
                                                     direction: Direction, state: str | None,
                                                     closed: dict[date, str]) -> None:
    court = calendar(state, closed)
    result = compute(trigger, amount, unit=Unit.DAYS, direction=direction, calendar=court)
    forward = direction is Direction.AFTER
    assert court.reason(result.due, forward) is None
    assert result.due.weekday() < 5
    if forward:
        assert result.due >= result.raw
    else:
        assert result.due <= result.raw
    assert result.raw == trigger + timedelta(days=amount if forward else -amount)
    # Only the last day moves, and every day it moved over is named with its reason.
    assert [day for day, _ in result.skipped] == [
        result.raw + timedelta(days=i if forward else -i)
        for i in range(abs((result.due - result.raw).days))]
    assert all(court.reason(day, forward) == why for day, why in result.skipped)
    assert [line for line in result.steps if line.startswith("Due: ")] == [
        f"Due: {moment_text(result.due)}"]


@PROPERTY
@given(triggers, amounts, directions, states, closures)
def test_court_day_results_are_court_days(trigger: date, amount: int, direction: Direction,
                                          state: str | None, closed: dict[date, str]) -> None:
    court = calendar(state, closed)
    result = compute(trigger, amount, unit=Unit.COURT_DAYS, direction=direction,
                     calendar=court)
    assert court.reason(result.due, forward=True) is None  # no kind of holiday at all
    span = sorted((trigger, result.due))
    days = [span[0] + timedelta(days=i) for i in range(1, (span[1] - span[0]).days + 1)]
    if direction is Direction.BEFORE:
        days = [span[0] + timedelta(days=i) for i in range((span[1] - span[0]).days)]
    court_days = [day for day in days if court.reason(day, forward=True) is None]
    assert len(court_days) == amount
    assert len(result.skipped) == len(days) - amount


@PROPERTY
@given(triggers, amounts, states)
def test_mail_is_never_earlier_than_electronic_service(trigger: date, amount: int,
                                                       state: str | None) -> None:
    court = calendar(state, {})
    results = {method: compute(trigger, amount, unit=Unit.DAYS, direction=Direction.AFTER,
                               calendar=court, service=method) for method in ServiceMethod}
    electronic = results[ServiceMethod.ELECTRONIC].due
    assert results[ServiceMethod.PERSONAL].due == electronic
    plain = compute(trigger, amount, unit=Unit.DAYS, direction=Direction.AFTER, calendar=court)
    assert electronic == plain.due
    for method in (ServiceMethod.MAIL, ServiceMethod.CLERK, ServiceMethod.OTHER_CONSENT):
        assert results[method].due >= electronic + timedelta(days=3)
        assert court.reason(results[method].due, True) is None


@PROPERTY
@given(triggers, amounts, directions, states, closures)
def test_extra_holidays_only_move_a_date_the_safe_way(trigger: date, amount: int,
                                                      direction: Direction, state: str | None,
                                                      closed: dict[date, str]) -> None:
    plain = compute(trigger, amount, unit=Unit.DAYS, direction=direction,
                    calendar=calendar(None, {}))
    more = compute(trigger, amount, unit=Unit.DAYS, direction=direction,
                   calendar=calendar(state, closed))
    if direction is Direction.AFTER:
        assert more.due >= plain.due
    else:
        assert more.due <= plain.due
        # State holidays never touch a backward period: only closures can.
        assert more.due == compute(trigger, amount, unit=Unit.DAYS, direction=direction,
                                   calendar=calendar(None, closed)).due


@PROPERTY
@given(triggers, st.integers(min_value=1, max_value=399), states)
def test_a_longer_forward_period_never_ends_earlier(trigger: date, amount: int,
                                                    state: str | None) -> None:
    court = calendar(state, {})
    shorter = compute(trigger, amount, unit=Unit.DAYS, direction=Direction.AFTER,
                      calendar=court)
    longer = compute(trigger, amount + 1, unit=Unit.DAYS, direction=Direction.AFTER,
                     calendar=court)
    assert longer.due >= shorter.due


@PROPERTY
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2045, 12, 31)),
       st.integers(min_value=1, max_value=24 * 60), states)
def test_hours_end_at_the_same_time_on_a_counting_day(trigger: datetime, hours: int,
                                                      state: str | None) -> None:
    court = calendar(state, {})
    result = compute(trigger, hours, unit=Unit.HOURS, direction=Direction.AFTER,
                     calendar=court)
    assert result.raw == trigger + timedelta(hours=hours)
    assert result.due >= result.raw
    assert result.due.time() == result.raw.time()
    assert court.reason(result.due.date(), True) is None
