"""Which days end no period: weekends and legal holidays under FRCP 6(a)(6), per court.

A `HolidayCalendar` answers one question, `reason(day, forward)`: why a day cannot be the last
day of a period (or `None` when it can). It combines

- the federal legal holidays, 6(a)(6)(A) and (B): the observed days of the statutory holidays
  (5 U.S.C. 6103) and the days the President closed the government (for example 9 Jan 2025),
  from the `holidays` package, computed year by year on first use so a date decades out is
  covered without choosing a range up front;
- the court's state holidays, 6(a)(6)(C), which count only for periods measured *after* an
  event; a wrong state holiday extends a deadline, so they come from a reviewed list
  (`state_holidays.py`) or from the court's own list that people keep;
- the court's closure days (weather, e-filing outages, 6(a)(3)), entered by people. They apply
  in both directions: forward the rule says so, and backward rolling to an earlier day is the
  safe side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Protocol

from casedesk.domain.errors import InvalidInput

WEEKEND = "weekend"
EMPTY: Mapping[date, str] = MappingProxyType({})


class HolidayLookup(Protocol):
    """Names the holiday on a day, or None: a plain mapping, or a list computed lazily."""

    def get(self, day: date, /) -> str | None: ...


@lru_cache(maxsize=512)
def _federal_year(year: int) -> Mapping[date, str]:
    """One year's federal legal holidays: observed statutory days plus government closures."""
    from holidays import country_holidays

    found: dict[date, str] = dict(country_holidays("US", years=year,
                                                   categories=("public",)).items())
    # The government category repeats the statutory days and adds the executive-order and
    # mourning closures. A half-day early dismissal is not a day "declared a holiday", and a
    # wrong holiday extends a deadline, so those stay out.
    for day, name in country_holidays("US", years=year, categories=("government",)).items():
        if day not in found and "half-day" not in name.lower():
            found[day] = name
    return MappingProxyType(found)


class FederalHolidays:
    """US federal legal holidays (Rule 6(a)(6)(A) and (B)), any year, computed on first use."""

    def get(self, day: date, /) -> str | None:
        return _federal_year(day.year).get(day)

    def year(self, year: int) -> Mapping[date, str]:
        """All of one year's federal legal holidays (read-only, cached)."""
        return _federal_year(year)

    def __repr__(self) -> str:
        return "FederalHolidays()"


FEDERAL = FederalHolidays()


def federal_holidays(years: Iterable[int]) -> dict[date, str]:
    """The federal legal holidays of these years, in date order (for display and seeding)."""
    found: dict[date, str] = {}
    for year in sorted(set(years)):
        found.update(_federal_year(year))
    return dict(sorted(found.items()))


class ChainedHolidays:
    """The first name any of several lookups gives (a reviewed list plus the court's extras)."""

    def __init__(self, *lookups: HolidayLookup) -> None:
        self._lookups = lookups

    def get(self, day: date, /) -> str | None:
        for lookup in self._lookups:
            if (name := lookup.get(day)) is not None:
                return name
        return None


def frozen_days(days: Mapping[date, str], what: str) -> Mapping[date, str]:
    """A read-only copy of a day -> name list, refusing keys that are not plain dates."""
    checked: dict[date, str] = {}
    for day, name in days.items():
        # A datetime key never equals the date it falls on, so the day would silently not count.
        if not isinstance(day, date) or isinstance(day, datetime):
            raise InvalidInput(f"{what}: {day!r} is not a date", field=what)
        checked[day] = str(name).strip() or "unnamed"
    return MappingProxyType(checked)


def _no_days() -> Mapping[date, str]:
    return EMPTY


@dataclass(frozen=True)
class HolidayCalendar:
    """The days that end no period for one court. Immutable; cheap to build per computation.

    `state` and `federal` take any lookup: a plain mapping (the court's edited list) or a lazy
    one. Give `federal` a mapping only in tests or when it covers every year involved: a year
    it lacks would silently have no federal holidays.
    """

    federal: HolidayLookup = FEDERAL
    state: HolidayLookup = field(default_factory=_no_days)
    closures: Mapping[date, str] = field(default_factory=_no_days)
    state_code: str = ""  # shown in reasons ("Cesar Chavez Day (CA state holiday)")

    def __post_init__(self) -> None:
        if isinstance(self.federal, Mapping):
            object.__setattr__(self, "federal", frozen_days(self.federal, "federal holidays"))
        if isinstance(self.state, Mapping):
            object.__setattr__(self, "state", frozen_days(self.state, "state holidays"))
        object.__setattr__(self, "closures", frozen_days(self.closures, "closures"))

    def reason(self, day: date, forward: bool) -> str | None:
        """Why `day` cannot end a period counted in this direction, or None if it can."""
        if isinstance(day, datetime):
            day = day.date()
        if day.weekday() >= 5:
            return WEEKEND
        if (name := self.federal.get(day)) is not None:
            return name
        if (name := self.closures.get(day)) is not None:
            return f"Court closure: {name}"
        # Rule 6(a)(6)(C): state holidays are legal holidays only for periods measured after
        # an event.
        if forward and (name := self.state.get(day)) is not None:
            where = f"{self.state_code} " if self.state_code else ""
            return f"{name} ({where}state holiday)"
        return None

    def with_closures(self, closures: Mapping[date, str]) -> HolidayCalendar:
        """This calendar with more closure days (later entries win for the same day)."""
        merged = {**self.closures, **closures}
        return HolidayCalendar(self.federal, self.state, merged, self.state_code)


def federal_calendar() -> HolidayCalendar:
    """Federal legal holidays only: what a backward period uses, and a court with no state."""
    return HolidayCalendar()


def calendar_for(state: str | None, closures: Mapping[date, str] = EMPTY,
                 extra_state: Mapping[date, str] = EMPTY) -> HolidayCalendar:
    """A court's calendar: federal holidays, the reviewed list of `state` (None for none) plus
    `extra_state`, and the court's closure days. Refuses a state without a reviewed list."""
    from casedesk.rules.state_holidays import ReviewedStateHolidays, normalize_state

    if state is None or not state.strip():
        return HolidayCalendar(state=frozen_days(extra_state, "state holidays"),
                               closures=closures)
    code = normalize_state(state)
    lookup: HolidayLookup = ReviewedStateHolidays(code)
    if extra_state:
        lookup = ChainedHolidays(frozen_days(extra_state, "state holidays"), lookup)
    return HolidayCalendar(state=lookup, closures=closures, state_code=code)
