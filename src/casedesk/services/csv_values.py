"""Cell values from spreadsheets: dates in the forms Excel writes, and enum words.

Dates like 03/04/2026 are read day-first or month-first only when the file itself settles
which (some date in it has a day above 12) or the user says so (`--date-order`); otherwise
they are refused as ambiguous. A wrong guess on a court date is worse than a question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)

DATE_ORDERS = ("dmy", "mdy")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: 00:00(?::00)?)?")
_WORDY_FORMATS = ("%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%B-%Y", "%b %d, %Y", "%B %d, %Y",
                  "%b %d %Y", "%B %d %Y")


def infer_date_order(values: Iterable[str]) -> str | None:
    """"dmy" or "mdy" when the file's numeric dates settle it, else None."""
    day_first = month_first = False
    for value in values:
        match = _NUMERIC.fullmatch(value.strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first |= first > 12 >= second
            month_first |= second > 12 >= first
    if day_first == month_first:
        return None
    return "dmy" if day_first else "mdy"


def parse_date(value: str, order: str | None) -> date:
    """A spreadsheet date; ValueError with a plain message when it is not one."""
    text = value.strip()
    try:
        if match := _ISO.fullmatch(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _NUMERIC.fullmatch(text):
            first, second, year = (int(g) for g in match.groups())
            if order is None and first != second and first <= 12 and second <= 12:
                raise ValueError(f"{text!r} could be day/month or month/day; write it as "
                                 "YYYY-MM-DD or pass --date-order dmy (or mdy)")
            if order == "dmy" or (order is None and first > 12):
                return date(year, second, first)
            return date(year, first, second)
    except ValueError as exc:
        if "could be" in str(exc):
            raise
        raise ValueError(f"{text!r} is not a date") from None
    for fmt in _WORDY_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (write dates as YYYY-MM-DD)")


def parse_choice(value: str, enum_cls: type[E], what: str,
                 synonyms: dict[str, E] | None = None) -> E:
    """An enum from a cell: its value or label in any case ("In progress" -> in_progress)."""
    key = re.sub(r"[\s\-]+", "_", value.strip().casefold())
    if synonyms and key in synonyms:
        return synonyms[key]
    try:
        return enum_cls(key)
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        raise ValueError(f"{value!r} is not {what} ({allowed})") from None


def split_list(value: str) -> list[str]:
    """Several values in one cell, separated by ';'."""
    return [part.strip() for part in value.split(";") if part.strip()]
