"""Money: Decimal in code, integer minor units (cents) in the database."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from casedesk.domain.errors import InvalidInput

CENT = Decimal("0.01")


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
