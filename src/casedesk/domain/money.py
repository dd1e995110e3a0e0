"""Money: Decimal in code, integer minor units (cents) in the database."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from casedesk.domain.errors import InvalidInput

CENT = Decimal("0.01")
# The largest amount one row may hold (a budget line, an entry, a fee, a recovery): the columns
# are 64-bit; a cap under a trillion keeps sums of millions of rows far inside 64 bits.
MAX_CENTS = 99_999_999_999_99
# An hourly rate's column is a 32-bit integer: $1,000,000 an hour is far above any real rate.
MAX_RATE_CENTS = 100_000_000


def to_cents(amount: Decimal | str | int | None, *, field: str = "amount") -> int | None:
    """Decimal/decimal string -> integer cents; refuses more than two decimals or non-numbers."""
    if amount is None or amount == "":
        return None
    try:
        value = Decimal(str(amount).strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidInput(f"{amount!r} is not an amount of money.", field=field) from None
    if not value.is_finite():
        raise InvalidInput(f"{amount!r} is not an amount of money.", field=field)
    if value.quantize(CENT) != value:
        raise InvalidInput(f"{amount!r} has more than two decimals.", field=field)
    if value < 0:
        raise InvalidInput(f"{amount!r} is negative.", field=field)
    return int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_cents(cents: int | None) -> Decimal | None:
    """Integer cents -> Decimal with two places."""
    if cents is None:
        return None
    return (Decimal(cents) / 100).quantize(CENT)


def format_decimal(amount: Decimal | None) -> str | None:
    """Decimal -> canonical string with two decimals ("250.00")."""
    return None if amount is None else f"{amount.quantize(CENT):f}"


HOUR_STEP = Decimal("0.01")
MAX_HOURS_PER_ENTRY = Decimal("24")


def to_hours_centi(hours: Decimal | str | int | None, *, field: str = "hours") -> int:
    """Hours (Decimal or a decimal string such as "1.5") -> integer hundredths of an hour.

    Refuses more than two decimals, zero, negatives and more than 24 hours in one entry."""
    text = "" if hours is None else str(hours).strip()
    if not text:
        raise InvalidInput("Enter the hours worked (for example 1.5).", field=field)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(f"{hours!r} is not a number of hours.", field=field) from None
    if not value.is_finite():
        raise InvalidInput(f"{hours!r} is not a number of hours.", field=field)
    if value.quantize(HOUR_STEP) != value:
        raise InvalidInput(f"{hours!r} has more than two decimals (hours are kept to 0.01).",
                           field=field)
    if value <= 0:
        raise InvalidInput("The hours must be more than zero.", field=field)
    if value > MAX_HOURS_PER_ENTRY:
        raise InvalidInput(f"{hours!r} hours is more than a day; split it into entries per day.",
                           field=field)
    return int(value * 100)


def from_hours_centi(centi: int | None) -> Decimal | None:
    """Integer hundredths of an hour -> Decimal hours with two places."""
    if centi is None:
        return None
    return (Decimal(centi) / 100).quantize(HOUR_STEP)


def time_amount_cents(hours_centi: int, rate_cents: int) -> int:
    """hours x rate in cents, rounded half up once per entry (what the entry is worth)."""
    exact = Decimal(hours_centi) * Decimal(rate_cents) / 100
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


def to_basis_points(percent: Decimal | str | int | None, *, field: str = "percent") -> int | None:
    """A percentage such as "33.33" -> 3333 basis points; None/"" -> None; 0-100 only."""
    if percent is None or str(percent).strip() == "":
        return None
    try:
        value = Decimal(str(percent).strip().rstrip("%").strip())
    except InvalidOperation:
        raise InvalidInput(f"{percent!r} is not a percentage.", field=field) from None
    if not value.is_finite() or value.quantize(CENT) != value:
        raise InvalidInput(f"{percent!r} is not a percentage with at most two decimals.",
                           field=field)
    if not Decimal(0) <= value <= Decimal(100):
        raise InvalidInput(f"{percent!r} is not between 0 and 100.", field=field)
    return int(value * 100)


def from_basis_points(points: int | None) -> Decimal | None:
    """3333 -> Decimal("33.33")."""
    return None if points is None else (Decimal(points) / 100).quantize(CENT)


def cents_sum(values: Iterable[int | None]) -> Decimal:
    """The exact total of integer cents as a Decimal amount."""
    return (Decimal(sum(v or 0 for v in values)) / 100).quantize(CENT)
