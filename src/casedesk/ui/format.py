"""How values read on screen: dates with weekdays in the user's locale, labels, money."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone

from casedesk.domain.enums import label


def day(value: date | None) -> str:
    """'Mon 6 Jul 2026' style, in the user's locale; '' for no date."""
    return "" if value is None else _day(value)


@lru_cache(maxsize=8192)  # lists repaint the same dates over and over
def _day(value: date) -> str:
    qdate = QDate(value.year, value.month, value.day)
    return QLocale().toString(qdate, "ddd d MMM yyyy")


def short_day(value: date | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day),
                              QLocale.FormatType.ShortFormat)


def moment(value: datetime | None) -> str:
    """A UTC timestamp shown in the computer's local time ('Mon 6 Jul 2026 09:30')."""
    if value is None:
        return ""
    qdt = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.systemTimeZone())
    return QLocale().toString(qdt, "ddd d MMM yyyy HH:mm")


def enum_label(value: StrEnum | None) -> str:
    return label(value) if value is not None else ""


def money(amount: Decimal | None, currency: str = "USD") -> str:
    """An amount as the locale writes money ('$1,234.50', '1.234,50 $'), exactly: no float."""
    if amount is None:
        return ""
    from decimal import ROUND_HALF_UP

    locale = QLocale()
    cents = int(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).scaleb(2))
    units, hundredths = divmod(abs(cents), 100)
    zero = locale.zeroDigit()

    def digits(text: str) -> str:  # in the locale's own digits (e.g. Arabic-Indic)
        return "".join(chr(ord(zero) + int(d)) if d.isdigit() else d for d in text) \
            if len(zero) == 1 else text

    fraction = digits(f"{hundredths:02d}")
    if units < 2**63:
        whole = locale.toString(units)  # exact for integers; groups digits as the locale does
    else:  # beyond what Qt formats: group in threes ourselves
        whole = digits(f"{units:,}").replace(",", locale.groupSeparator())
    # The locale's currency pattern (symbol side, spacing, minus or brackets) around our digits.
    pattern = locale.toCurrencyString(-1.0 if cents < 0 else 1.0, currency_symbol(currency), 2)
    return pattern.replace(locale.toString(1.0, "f", 2),
                           f"{whole}{locale.decimalPoint()}{fraction}", 1)


def currency_symbol(code: str) -> str:
    return {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$"}.get(code, code + " ")


def due_text(value: date | None, today: date | None = None) -> str:
    """'Mon 6 Jul 2026 (overdue)', '(today)', '(in 2 days)' for things that are due."""
    if value is None:
        return ""
    today = today or date.today()
    delta = (value - today).days
    if delta < 0:
        suffix = f"overdue {-delta} day{'s' if delta != -1 else ''}"
    elif delta == 0:
        suffix = "today"
    elif delta == 1:
        suffix = "tomorrow"
    else:
        suffix = f"in {delta} days"
    return f"{day(value)} ({suffix})"


def to_date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
