"""Reviewed state legal holidays (FRCP 6(a)(6)(C)), from `resources/rules/state_holidays.json`.

The `holidays` package's state lists mix legal holidays with commemorations on which every
office and court stays open (California's "Susan B. Anthony Day", for one). An extra holiday
*extends* a deadline, which is the dangerous error, while a missing one only makes it earlier.
So each state's list is an allow-list of the package's holiday names that were reviewed as
legal holidays on which the courts close, plus fixed-date days the package lacks; everything
else the package offers is named in the file with the reason it is left out. A state without
a reviewed list is refused, never guessed.

Observed days are computed here, not taken from the package: its "(observed)" entries follow
federal practice (Saturday to Friday), which most states do not share. A state's `observed`
policy is "none" or "sunday_to_monday" (the statute moves a Sunday holiday to Monday).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from casedesk.domain.errors import InvalidInput

OBSERVED_POLICIES = ("none", "sunday_to_monday")
_STATE_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class AllowedHoliday:
    """A holiday name from `holidays.US(subdiv=...)` that is a legal holiday in the state."""

    name: str
    months: tuple[int, ...] = ()  # only in these months (empty: any month)
    note: str = ""


@dataclass(frozen=True)
class FixedHoliday:
    """A fixed-date legal holiday the `holidays` package does not list for the state."""

    name: str
    month: int
    day: int
    since: int


@dataclass(frozen=True)
class StateHolidayReview:
    """One state's reviewed list: what is seeded, what is left out and why, and the sources."""

    code: str
    name: str
    source: str
    observed: str
    holidays: tuple[AllowedHoliday, ...]
    fixed: tuple[FixedHoliday, ...]
    excluded: Mapping[str, str]  # package holiday name -> why it is not seeded
    note: str = ""

    def reviewed_names(self) -> frozenset[str]:
        """Every package name this review decided on (seeded or left out)."""
        return frozenset({h.name for h in self.holidays} | {f.name for f in self.fixed}
                         | set(self.excluded))


def _review(code: str, data: Mapping[str, Any]) -> StateHolidayReview:
    observed = str(data["observed"])
    if observed not in OBSERVED_POLICIES:
        raise ValueError(f"state_holidays.json: {code}: unknown observed policy {observed!r}")
    return StateHolidayReview(
        code=code,
        name=str(data["name"]),
        source=str(data["source"]),
        observed=observed,
        holidays=tuple(AllowedHoliday(str(h["name"]), tuple(int(m) for m in h.get("months", ())),
                                      str(h.get("note", "")))
                       for h in data["holidays"]),
        fixed=tuple(FixedHoliday(str(f["name"]), int(f["month"]), int(f["day"]),
                                 int(f["since"])) for f in data.get("fixed", ())),
        excluded=MappingProxyType({str(k): str(v) for k, v in data["excluded"].items()}),
        note=str(data.get("note", "")),
    )


@lru_cache(maxsize=1)
def _reviews() -> Mapping[str, StateHolidayReview]:
    text = (files("casedesk.resources") / "rules" / "state_holidays.json").read_text("utf-8")
    states = json.loads(text)["states"]
    return MappingProxyType({code: _review(code, data) for code, data in states.items()})


def reviewed_states() -> tuple[str, ...]:
    """Two-letter codes of the states with a reviewed holiday list, sorted."""
    return tuple(sorted(_reviews()))


def normalize_state(state: str) -> str:
    """`state` as an upper-case code with a reviewed list, or InvalidInput saying what to do."""
    code = state.strip().upper()
    if not _STATE_CODE.fullmatch(code):
        raise InvalidInput(f"{state!r} is not a two-letter state code (for example CA)",
                           field="state")
    if code not in _reviews():
        raise InvalidInput(
            f"no reviewed holiday list for {code}; enter the state's legal holidays on the "
            f"court's own list, or leave the state out to count federal holidays only "
            f"(reviewed: {', '.join(reviewed_states())})", field="state")
    return code


def state_review(state: str) -> StateHolidayReview:
    """The reviewed list of `state`, with its sources and the names left out (for display)."""
    return _reviews()[normalize_state(state)]


@lru_cache(maxsize=2048)
def _state_year(code: str, year: int) -> Mapping[date, str]:
    from holidays import country_holidays

    from casedesk.rules.calendar import FEDERAL

    review = _reviews()[code]
    allowed = {h.name: h for h in review.holidays}
    found: dict[date, str] = {}
    for day, names in sorted(country_holidays("US", subdiv=code, years=year).items()):
        # The package joins the names of holidays sharing a day with "; ".
        for name in names.split("; "):
            rule = allowed.get(name)
            if rule is not None and (not rule.months or day.month in rule.months):
                found.setdefault(day, name)
    for fixed in review.fixed:
        if year >= fixed.since:
            found.setdefault(date(year, fixed.month, fixed.day), fixed.name)
    if review.observed == "sunday_to_monday":
        # A Sunday holiday is observed on Monday. (A holiday on Sunday 31 December would be
        # observed on 1 January, New Year's Day, which is a federal holiday anyway.)
        for day, name in list(found.items()):
            if day.weekday() == 6:
                found.setdefault(day + timedelta(days=1), f"{name} (observed)")
    # Weekend days and federal holidays end no period anyway; leaving them out keeps a court's
    # editable list to the days that matter.
    federal = FEDERAL.year(year)
    return MappingProxyType({day: name for day, name in sorted(found.items())
                             if day.year == year and day.weekday() < 5 and day not in federal})


class ReviewedStateHolidays:
    """A state's reviewed weekday legal holidays beyond the federal ones, any year, computed on
    first use."""

    def __init__(self, state: str) -> None:
        self.code = normalize_state(state)

    def get(self, day: date, /) -> str | None:
        return _state_year(self.code, day.year).get(day)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReviewedStateHolidays) and other.code == self.code

    def __hash__(self) -> int:
        return hash(("ReviewedStateHolidays", self.code))

    def __repr__(self) -> str:
        return f"ReviewedStateHolidays({self.code!r})"


def state_holiday_seed(state: str, years: Iterable[int]) -> dict[date, str]:
    """The reviewed state legal holidays of these years that fall on weekdays and are not
    federal holidays, in date order: the starting point of a court's editable state list."""
    code = normalize_state(state)
    seed: dict[date, str] = {}
    for year in sorted(set(years)):
        seed.update(_state_year(code, year))
    return seed
