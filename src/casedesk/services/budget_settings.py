"""The practice's budget settings: phases, expense categories, activities, warning thresholds.

Stored on the firm row (None = the defaults in domain/enums.py). `read_settings` works on a
plain Reader (the GUI's worker, reports); `get_settings`/`save_settings` on a session.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from casedesk.domain.changes import Changes
from casedesk.domain.enums import (
    DEFAULT_ACTIVITIES,
    DEFAULT_BUDGET_OVER_PERCENT,
    DEFAULT_BUDGET_PHASES,
    DEFAULT_BUDGET_WARNING_PERCENT,
    DEFAULT_EXPENSE_CATEGORIES,
)
from casedesk.domain.errors import InvalidInput
from casedesk.persistence.reader import Reader
from casedesk.services.budget_rows import BudgetSettings

MAX_NAME = 80
MAX_ITEMS = 100


def _names(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, str):  # JSON text through the plain reader
        value = json.loads(value)
    return tuple(value) if value else default


def _settings(row: tuple[Any, ...] | None) -> BudgetSettings:
    if row is None:
        return BudgetSettings(currency="USD", phases=DEFAULT_BUDGET_PHASES,
                              expense_categories=DEFAULT_EXPENSE_CATEGORIES,
                              activities=DEFAULT_ACTIVITIES,
                              warning_percent=DEFAULT_BUDGET_WARNING_PERCENT,
                              over_percent=DEFAULT_BUDGET_OVER_PERCENT, firm_version=None)
    currency, phases, categories, activities, warning, over, version = row
    return BudgetSettings(currency=currency or "USD",
                          phases=_names(phases, DEFAULT_BUDGET_PHASES),
                          expense_categories=_names(categories, DEFAULT_EXPENSE_CATEGORIES),
                          activities=_names(activities, DEFAULT_ACTIVITIES),
                          warning_percent=int(warning), over_percent=int(over),
                          firm_version=int(version))


_SQL = ("SELECT currency, budget_phases, expense_categories, activities, "
        "budget_warning_percent, budget_over_percent, version FROM firms "
        "WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1")


def read_settings(reader: Reader) -> BudgetSettings:
    """The settings through a plain reader (defaults before the firm is set up)."""
    rows = reader.rows(_SQL)
    return _settings(rows[0] if rows else None)


def get_settings(session: Any) -> BudgetSettings:
    """The settings inside a session (sees what the unit of work has written)."""
    from sqlalchemy import text

    row = session.connection().execute(text(_SQL)).first()
    return _settings(tuple(row) if row is not None else None)


def clean_names(values: Sequence[str], *, field: str, label: str) -> list[str]:
    """Stripped, non-empty, unique (ignoring case) names, in the order given; a character
    that is not text is refused as in the entries' names (services/entry_common.name_text)."""
    from casedesk.services.common import refuse_controls

    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        name = " ".join((value or "").split())
        if not name:
            continue
        if len(name) > MAX_NAME:
            raise InvalidInput(f"{label}: {name[:30]!r}... is longer than {MAX_NAME} characters.",
                               field=field)
        refuse_controls(name, field=field, label=f"{label}: {name[:30]!r}", strict=True)
        if name.casefold() in seen:
            raise InvalidInput(f"{label}: {name!r} is listed twice.", field=field)
        seen.add(name.casefold())
        names.append(name)
    if not names:
        raise InvalidInput(f"{label}: list at least one.", field=field)
    if len(names) > MAX_ITEMS:
        raise InvalidInput(f"{label}: at most {MAX_ITEMS}.", field=field)
    return names


def save_settings(session: Any, *, phases: Sequence[str], expense_categories: Sequence[str],
                  activities: Sequence[str], warning_percent: int, over_percent: int,
                  expected_version: int | None = None) -> Changes:
    """Set the practice's lists and thresholds (the firm must be set up first).

    Renaming or removing a name does not touch entries already made with it: they keep
    their phase or category and still show in reports."""
    from sqlmodel import select

    from casedesk.domain.models import Firm
    from casedesk.services.common import check_version

    firm = session.exec(select(Firm).where(Firm.deleted_at.is_(None))).first()  # type: ignore[union-attr]
    if firm is None:
        raise InvalidInput("Set up the firm's details first (File > Firm details).")
    check_version(firm, expected_version, "firm settings")
    new_phases = clean_names(phases, field="phases", label="Phases")
    new_categories = clean_names(expense_categories, field="expense_categories",
                                 label="Expense categories")
    new_activities = clean_names(activities, field="activities", label="Activities")
    for value, name in ((warning_percent, "warning_percent"), (over_percent, "over_percent")):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
            raise InvalidInput("A threshold is a whole percentage from 1 to 1000.", field=name)
    if warning_percent >= over_percent:
        raise InvalidInput(f"The warning threshold ({warning_percent}%) must be below the "
                           f"over-budget threshold ({over_percent}%).", field="warning_percent")
    firm.budget_phases = None if tuple(new_phases) == DEFAULT_BUDGET_PHASES else new_phases
    firm.expense_categories = (None if tuple(new_categories) == DEFAULT_EXPENSE_CATEGORIES
                               else new_categories)
    firm.activities = None if tuple(new_activities) == DEFAULT_ACTIVITIES else new_activities
    firm.budget_warning_percent = warning_percent
    firm.budget_over_percent = over_percent
    session.add(firm)
    return Changes(budgets=True, firm=True)
