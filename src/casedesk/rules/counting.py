"""Counting a period under FRCP 6(a) and 6(d), with every step written down.

- Days (6(a)(1)): exclude the trigger day, count every day, and if the last day is a weekend
  or legal holiday keep going to the next day that is not (6(a)(5): backward for periods
  measured before an event).
- Court days (a local or state-rule unit, never converted to or from days): count only days
  that are not weekends, legal holidays, the court's state holidays or closure days, in both
  directions. For a backward period skipping a state holiday gives the earlier, safe date.
- Hours (6(a)(2)): count from the moment of the trigger; if the period ends on a weekend or
  legal holiday it runs to the same time on the next day that is not. An aware datetime counts
  elapsed hours (correct across daylight-saving changes); a naive one is a plain wall clock.
- 6(d): after service by mail, by leaving with the clerk, or by other consented means, compute
  the 6(a) date with its roll, add 3 days, and roll again. Only for periods after service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from casedesk.domain.errors import InvalidInput
from casedesk.rules.calendar import WEEKEND, HolidayCalendar
from casedesk.rules.daytext import day_text, moment_text

MAX_DAYS = 36_600  # about a century; a longer period is a typing mistake
MIN_YEAR, MAX_YEAR = 1900, 2200
# The current text of Rule 6(d) (no days for electronic service) took effect on this day.
_RULE_6D_CURRENT = date(2016, 12, 1)
_LISTED_HOLIDAYS = 8  # intermediate holidays named one by one in an explanation


class Unit(StrEnum):
    DAYS = "days"
    COURT_DAYS = "court_days"
    HOURS = "hours"


class Direction(StrEnum):
    AFTER = "after"
    BEFORE = "before"


class ServiceMethod(StrEnum):
    """How the paper that starts the period was served (Rule 5(b)(2))."""

    PERSONAL = "personal"  # 5(b)(2)(A)/(B): handing or leaving it
    ELECTRONIC = "electronic"  # 5(b)(2)(E)
    MAIL = "mail"  # 5(b)(2)(C)
    CLERK = "clerk"  # 5(b)(2)(D): leaving it with the clerk
    OTHER_CONSENT = "other_consent"  # 5(b)(2)(F): other means consented to in writing

    @classmethod
    def parse(cls, text: str) -> ServiceMethod:
        """A method from its value or its CLI spelling ("other-consent")."""
        try:
            return cls(text.strip().lower().replace("-", "_"))
        except ValueError:
            choices = ", ".join(m.cli_name for m in cls)
            raise InvalidInput(f"unknown service method {text!r} (choose from {choices})",
                               field="service") from None

    @property
    def cli_name(self) -> str:
        return self.value.replace("_", "-")

    @property
    def added_days(self) -> int:
        """Days Rule 6(d) adds after a period that runs from service made this way."""
        return 3 if self in _ADDS_THREE_DAYS else 0

    @property
    def label(self) -> str:
        return _SERVICE_LABELS[self]


_ADDS_THREE_DAYS = frozenset({ServiceMethod.MAIL, ServiceMethod.CLERK,
                              ServiceMethod.OTHER_CONSENT})
_SERVICE_LABELS = {
    ServiceMethod.PERSONAL: "personal delivery (Rule 5(b)(2)(A), (B))",
    ServiceMethod.ELECTRONIC: "electronic means (Rule 5(b)(2)(E))",
    ServiceMethod.MAIL: "mail (Rule 5(b)(2)(C))",
    ServiceMethod.CLERK: "leaving it with the clerk (Rule 5(b)(2)(D))",
    ServiceMethod.OTHER_CONSENT: "other means consented to (Rule 5(b)(2)(F))",
}


@dataclass(frozen=True)
class Computation:
    """A computed due date and how it was reached, step by step."""

    trigger: date  # a datetime for periods in hours
    amount: int
    unit: Unit
    direction: Direction
    service: ServiceMethod | None
    service_applies: bool
    raw: date  # the plain count, before any roll or Rule 6(d)
    due: date  # a datetime for periods in hours
    added_days: int  # by Rule 6(d): 0 or 3
    skipped: tuple[tuple[date, str], ...]  # every day passed over, with the reason
    steps: tuple[str, ...]

    def explain(self) -> str:
        return "\n".join(self.steps)


def compute(trigger: date, amount: int, *, unit: Unit | str, direction: Direction | str,
            calendar: HolidayCalendar, service: ServiceMethod | str | None = None,
            service_applies: bool = True) -> Computation:
    """Count `amount` units after or before `trigger` (a date; a datetime for hours) under Rule
    6(a), then add Rule 6(d)'s 3 days when `service` adds them and `service_applies` (the
    period runs after being served). Raises InvalidInput for input that cannot be counted."""
    unit, direction = _enum(Unit, unit, "unit"), _enum(Direction, direction, "direction")
    method = None if service is None else (service if isinstance(service, ServiceMethod)
                                           else ServiceMethod.parse(service))
    forward = direction is Direction.AFTER
    trigger = _checked_trigger(trigger, unit)
    _check_amount(amount, unit)
    if method is not None and service_applies and not forward:
        raise InvalidInput("a service method applies only to periods counted after service "
                           "(Rule 6(d)); a period before an event gets no added days",
                           field="service")
    counter = _Counter(calendar, forward)
    raw: date
    due: date
    if unit is Unit.HOURS:
        assert isinstance(trigger, datetime)
        raw, due = counter.hours(trigger, amount)
    elif unit is Unit.COURT_DAYS:
        raw = due = counter.court_days(trigger, amount)
    else:
        raw, due = counter.days(trigger, amount)
    added = 0
    if method is not None:
        due, added = counter.service(due, method, applies=service_applies)
    counter.steps.append(f"Due: {moment_text(due)}")
    counter.notes(trigger, unit, method)
    _check_year(due)
    return Computation(trigger=trigger, amount=amount, unit=unit, direction=direction,
                       service=method, service_applies=service_applies, raw=raw, due=due,
                       added_days=added, skipped=tuple(counter.skipped),
                       steps=tuple(counter.steps))


class _Counter:
    """The counting itself; collects the explanation as it goes."""

    def __init__(self, calendar: HolidayCalendar, forward: bool) -> None:
        self.calendar = calendar
        self.forward = forward
        self.step = timedelta(days=1 if forward else -1)
        self.steps: list[str] = []
        self.skipped: list[tuple[date, str]] = []

    @property
    def way(self) -> str:
        return "after" if self.forward else "before"

    def days(self, trigger: date, amount: int) -> tuple[date, date]:
        self.steps.append(f"Trigger: {day_text(trigger)} (not counted)")
        self.steps.append(
            f"Count {_plural(amount, 'calendar day')} {self.way} it (Rule 6(a)(1)): every day "
            "counts, including weekends and legal holidays; only the last day can move")
        raw = trigger + self.step * amount
        self._intermediate(trigger, raw)
        self.steps.append(f"Day {amount}: {day_text(raw)}")
        return raw, self.roll(raw)

    def court_days(self, trigger: date, amount: int) -> date:
        self.steps.append(f"Trigger: {day_text(trigger)} (not counted)")
        self.steps.append(
            f"Count {_plural(amount, 'court day')} {self.way} it: weekends, legal holidays, the "
            "court's state holidays and closure days are not court days")
        day, counted, weekend_days = trigger, 0, 0
        while counted < amount:
            day += self.step
            # Court-day rules come from local and state practice, whose courts close on the
            # state's holidays in both directions; backward, skipping them is the safe side.
            why = self.calendar.reason(day, forward=True)
            if why is None:
                counted += 1
                continue
            self.skipped.append((day, why))
            if why == WEEKEND:
                weekend_days += 1
            else:
                self.steps.append(f"{day_text(day)}: {why} — not a court day")
        if weekend_days:
            self.steps.append(f"Not counted: {_plural(weekend_days, 'weekend day')}")
        self.steps.append(f"Court day {amount}: {day_text(day)}")
        return day

    def hours(self, trigger: datetime, amount: int) -> tuple[datetime, datetime]:
        self.steps.append(f"Trigger: {moment_text(trigger)} (counting starts at once, "
                          "Rule 6(a)(2))")
        delta = timedelta(hours=amount) * (1 if self.forward else -1)
        if trigger.tzinfo is None:
            end = trigger + delta
        else:  # elapsed hours, not wall-clock hours, across a daylight-saving change
            end = (trigger.astimezone(UTC) + delta).astimezone(trigger.tzinfo)
        self.steps.append(f"Hour {amount}: {moment_text(end)}")
        return end, self._at_same_time(self.roll(end.date()), end)

    def service(self, due: date, method: ServiceMethod, *, applies: bool) -> tuple[date, int]:
        if not applies:
            self.steps.append(f"Served by {method.label}: Rule 6(d) does not apply, the "
                              "period does not run from service")
            return due, 0
        if method.added_days == 0:
            since = (" (none for electronic service since 1 Dec 2016)"
                     if method is ServiceMethod.ELECTRONIC else "")
            self.steps.append(f"Served by {method.label}: Rule 6(d) adds no days{since}")
            return due, 0
        plus = due + timedelta(days=method.added_days)
        self.steps.append(f"Rule 6(d), served by {method.label}: 3 days are added after the "
                          f"period expires: {moment_text(due)} + 3 days = {moment_text(plus)}")
        day = self.roll(plus if not isinstance(plus, datetime) else plus.date())
        return (self._at_same_time(day, plus) if isinstance(plus, datetime) else day), 3

    def roll(self, day: date) -> date:
        """Move the last day past weekends and legal holidays, in the counting direction."""
        first = True
        while (why := self.calendar.reason(day, self.forward)) is not None:
            self.skipped.append((day, why))
            moves = f" — roll {'forward' if self.forward else 'backward'}" if first else ""
            self.steps.append(f"{day_text(day)}: {why}{moves}")
            first = False
            day += self.step
        state_only = None if self.forward else self.calendar.reason(day, forward=True)
        if state_only is not None:
            self.steps.append(f"{day_text(day)}: {state_only} — does not move a period counted "
                              "back (Rule 6(a)(6)(C))")
        elif first:
            self.steps.append(f"{day_text(day)} is not a weekend or legal holiday")
        return day

    def notes(self, trigger: date, unit: Unit, method: ServiceMethod | None) -> None:
        if not self.forward and unit is not Unit.COURT_DAYS:
            self.steps.append("Counting back: the court's state holidays do not apply "
                              "(Rule 6(a)(6)(C)); its closure days do")
        if unit is not Unit.HOURS:
            self.steps.append("The last day ends at midnight in the court's time zone for "
                              "electronic filing, or when the clerk's office closes "
                              "(Rule 6(a)(4))")
        start = trigger.date() if isinstance(trigger, datetime) else trigger
        if start < _RULE_6D_CURRENT and method is not None:
            self.steps.append("Note: counted under Rule 6 as amended to date; before "
                              "1 Dec 2016 Rule 6(d) also added 3 days after electronic service")

    def _intermediate(self, trigger: date, raw: date) -> None:
        """Name the legal holidays inside the period: they count (Rule 6(a)(1)(B))."""
        low, high = sorted((trigger, raw))
        named: list[str] = []
        day = low + timedelta(days=1)
        while day < high:
            why = self.calendar.reason(day, self.forward)
            if why is not None and why != WEEKEND:
                named.append(f"{day_text(day)} ({why})")
            day += timedelta(days=1)
        if named:
            shown = "; ".join(named[:_LISTED_HOLIDAYS])
            more = len(named) - _LISTED_HOLIDAYS
            rest = f"; and {more} more" if more > 0 else ""
            self.steps.append(f"Holidays inside the period count like any other day: "
                              f"{shown}{rest}")

    @staticmethod
    def _at_same_time(day: date, moment: datetime) -> datetime:
        if day == moment.date():
            return moment
        # The same wall-clock time on the new day, in the same zone (its offset may differ).
        return datetime.combine(day, moment.timetz())


_E = TypeVar("_E", bound=StrEnum)


def _enum(kind: type[_E], value: _E | str, what: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(m.value for m in kind)
        raise InvalidInput(f"{what} must be one of {choices} (got {value!r})",
                           field=what) from None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _checked_trigger(trigger: date, unit: Unit) -> date:
    if unit is Unit.HOURS:
        if not isinstance(trigger, datetime):
            raise InvalidInput("a period in hours needs the time of the event, not only its "
                               "date", field="trigger")
    elif isinstance(trigger, datetime):
        trigger = trigger.date()  # the day it happened, in its own zone
    _check_year(trigger)
    return trigger


def _check_amount(amount: int, unit: Unit) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidInput(f"the number of {unit.value.replace('_', ' ')} must be a whole "
                           f"number (got {amount!r})", field="amount")
    limit = MAX_DAYS * 24 if unit is Unit.HOURS else MAX_DAYS
    if not 1 <= amount <= limit:
        raise InvalidInput(f"the number of {unit.value.replace('_', ' ')} must be from 1 to "
                           f"{limit:,} (got {amount})", field="amount")


def _check_year(day: date) -> None:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidInput(f"{day.isoformat()} is outside the years deadlines are computed "
                           f"for ({MIN_YEAR}-{MAX_YEAR})", field="trigger")
