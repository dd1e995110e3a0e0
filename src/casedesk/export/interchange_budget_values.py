"""Values of the budget keys in a practice document: decimal strings (money, hours,
percentages), names, dates and flags, each read or recorded as a problem (see
export/interchange_fields.py); the records are in export/interchange_budget.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from casedesk.domain.errors import InvalidInput
from casedesk.domain.money import HOUR_STEP, MAX_CENTS, to_cents, to_hours_centi
from casedesk.export.interchange import Problem
from casedesk.export.interchange_fields import Fields

# The limits of the services (services/entry_common.py, services/budgets.py).
MAX_NAME = 80  # a phase, category or activity
MAX_VENDOR = 200
MAX_DESCRIPTION = 2_000
MAX_REASON = 500
_PLACEHOLDER_DAY = date(1970, 1, 1)


def decimal_text(f: Fields, data: dict[str, Any], path: str, key: str, convert: Callable[
        [str], int | None], example: str, *, nullable: bool = False) -> int | None:
    """A decimal string turned into whole units by `convert` (which raises InvalidInput)."""
    value = data.get(key)
    where = f.where(path, key)
    if value is None:
        if key in data and not nullable:
            f.problem(where, f"must be a number in quotes such as \"{example}\", not null")
        return None
    if not isinstance(value, str):
        f.problem(where, f"must be a number in quotes such as \"{example}\""
                         f"{' (or null)' if nullable else ''}, not {f.describe(value)}")
        return None
    if not value.strip():
        if not nullable:
            f.problem(where, "must not be empty")
        return None
    try:
        result = convert(value)
    except InvalidInput as exc:
        f.problem(where, exc.message.rstrip(".") + f" (write it like \"{example}\")")
        return None
    if result is not None and result > MAX_CENTS:
        f.problem(where, f"{value!r} is too large")
        return None
    return result


def amount(f: Fields, data: dict[str, Any], path: str, key: str, *, nullable: bool = False,
           positive: bool = False) -> int | None:
    """Money as a decimal string ("1234.50"): at most two decimals, not negative."""
    cents = decimal_text(f, data, path, key, lambda v: to_cents(v, field=key), "1234.50",
                         nullable=nullable)
    if positive and cents == 0:
        f.problem(f.where(path, key), "must be more than zero")
    return cents


def hours(f: Fields, data: dict[str, Any], path: str, key: str) -> int | None:
    """Hours worked in one entry ("1.50"): more than zero, at most 24, two decimals."""
    return decimal_text(f, data, path, key, lambda v: to_hours_centi(v, field=key), "1.50")


def required_day(f: Fields, data: dict[str, Any], path: str, key: str) -> date:
    """A date that must be given (and plausible: years 1900 to 2199)."""
    day = f.day(data, path, key)
    if day is None and key in data and not f.failed(path, key):
        f.problem(f"{path}.{key}", "needs its date (YYYY-MM-DD), not null")
    elif day is not None and not 1900 <= day.year <= 2199:
        f.problem(f"{path}.{key}", f"{day.isoformat()} is not a plausible date")
    return day or _PLACEHOLDER_DAY


def name(f: Fields, data: dict[str, Any], path: str, key: str, *, required: bool = False,
         max_len: int = MAX_NAME) -> str:
    """A name from the practice's lists (phase, activity, category), or a vendor: one line,
    runs of spaces collapsed, as the services keep them."""
    return " ".join(f.text(data, path, key, required=required, max_len=max_len).split())


def flag(f: Fields, data: dict[str, Any], path: str, key: str) -> bool:
    """true or false (a missing one is reported by the object's key check)."""
    value = f.flag(data, path, key)
    return True if value is None else value


def items(f: Fields, data: dict[str, Any], path: str, key: str) -> list[tuple[str, Any]]:
    """The elements of a list an object may leave out, each with its path."""
    if key not in data:
        return []
    value = data[key]
    where = f.where(path, key)
    if not isinstance(value, list):
        f.problem(where, f"must be a list, not {f.describe(value)}")
        return []
    return [(f"{where}[{i}]", item) for i, item in enumerate(value)]


def with_context(f: Fields, start: int, context: str) -> None:
    """Name the case (and entry) in the problems recorded since `start`."""
    for i in range(start, len(f.problems)):
        problem = f.problems[i]
        f.problems[i] = Problem(problem.path, f"{problem.reason} ({context})")


def budget_hours(value: str) -> int:
    """Budgeted hours of a phase (far more than a day's, often): at most two decimals."""
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise InvalidInput(f"{value!r} is not a number of hours.", field="hours") from None
    if not number.is_finite() or number < 0 or number.quantize(HOUR_STEP) != number:
        raise InvalidInput(f"{value!r} is not a number of hours with at most two decimals.",
                           field="hours")
    return int(number * 100)
