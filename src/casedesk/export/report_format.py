"""How report values read in print and in charts: money with the currency ("$1,234.50",
"($12.00)" when negative in a table, as on screen in English locales; abbreviated "$12k" on an
axis), hours, percentages, dates ("1 Jan 2026"), months ("Oct 2020") and the period.

No locale and no Qt: a report file reads the same on every machine (the screen formats with
the user's locale in ui/format.py). Money stays Decimal until it is text; only chart geometry
uses floats.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$",
            "JPY": "¥", "CHF": "CHF ", "INR": "₹"}
LETTER_CURRENCIES = frozenset({"USD", "CAD"})  # where reports print on US Letter, not A4


def currency_symbol(code: str) -> str:
    """'$' for USD, '€' for EUR...; an unknown code followed by a space ('SEK ')."""
    code = (code or "").upper()
    return _SYMBOLS.get(code, f"{code} " if code else "")


def decimal_text(amount: Decimal, places: int = 2) -> str:
    """'1234.50': plain, exact, no grouping (CSV)."""
    quantum = Decimal(1).scaleb(-places)
    return f"{amount.quantize(quantum, rounding=ROUND_HALF_UP):f}"


def money_text(amount: Decimal | None, currency: str, *, brackets: bool = False) -> str:
    """'$1,234.50', '-$12.00' (in a sentence), or with `brackets` as an accountant writes a
    negative amount in a table: '($12.00)'; '' for None."""
    if amount is None:
        return ""
    value = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    text = f"{currency_symbol(currency)}{abs(value):,.2f}"
    if value >= 0:
        return text
    return f"({text})" if brackets else f"-{text}"


def _trim(number: float, digits: int) -> str:
    text = f"{number:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def short_money(value: float, currency: str) -> str:
    """An axis label: '$0', '$250', '$12k', '$1.5M', '$2B', '$3T'; cents only below $10."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    symbol = currency_symbol(currency)
    for unit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= unit * 0.9995:
            scaled = size / unit
            digits = 0 if scaled >= 100 else 1 if scaled >= 10 else 2
            return f"{sign}{symbol}{_trim(scaled, digits)}{suffix}"
    if size >= 10 or size == int(size):
        return f"{sign}{symbol}{size:,.0f}"
    return f"{sign}{symbol}{size:.2f}"


def hours_text(hours: Decimal | None) -> str:
    """'12.50'; '' for None."""
    return "" if hours is None else f"{hours.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def short_hours(value: float) -> str:
    """An axis label: '0 h', '12.5 h', '1,200 h'."""
    if value >= 100 or value == int(value):
        return f"{value:,.0f} h"
    return f"{_trim(value, 1)} h"


def percent_text(value: Decimal | None) -> str:
    """'112.3%'; '' for None."""
    return "" if value is None else f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP):f}%"


def day_text(value: date | None) -> str:
    """'1 Jan 2026' (no locale: a printed report reads the same everywhere)."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_text(value: date, *, with_year: bool = True) -> str:
    """'Jan 2026' (or 'Jan')."""
    name = MONTHS[value.month - 1]
    return f"{name} {value.year}" if with_year else name


def period_text(date_from: date | None, date_to: date | None) -> str:
    """'1 Jan 2026 – 31 Mar 2026', 'From 1 Jan 2026', 'To 31 Mar 2026' or 'All dates'."""
    if date_from and date_to:
        return f"{day_text(date_from)} – {day_text(date_to)}"
    if date_from:
        return f"From {day_text(date_from)}"
    if date_to:
        return f"To {day_text(date_to)}"
    return "All dates"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 case', '3 cases'."""
    return f"{count:,} {noun if count == 1 else (many or noun + 's')}"
