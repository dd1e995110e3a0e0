"""The reports the Reports pane offers, what each one filters by, and how each is built on the
DB worker (the builders in export/report_build.py; nothing here runs on the GUI thread)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from casedesk.services.budget_rows import ReportFilters

# (reader, filters, today) -> ReportDocument
Builder = Callable[[Any, ReportFilters, date], Any]


@dataclass(frozen=True, slots=True)
class ReportSpec:
    key: str
    title: str
    tip: str
    icon: str
    needs_case: bool = False
    uses_staff: bool = True
    uses_area: bool = True
    budget_percent: bool = False  # colour the "% used" column by the practice's thresholds


REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec("case_budget", "Budget vs actual — one case",
               "One case's budget against what was spent, by phase, with the forecast at "
               "completion and the burn-up over time", "briefcase", needs_case=True,
               uses_staff=False, uses_area=False, budget_percent=True),
    ReportSpec("over_budget", "Cases over or near budget",
               "Open cases at or past the practice's warning threshold, worst first",
               "triangle-alert", budget_percent=True),
    ReportSpec("firm_budget", "Budget vs actual — all open cases",
               "Every open case with a budget: budget, actual, forecast and share used",
               "scale", budget_percent=True),
    ReportSpec("expenses", "Expenses by category and month",
               "What was spent, by category, month by month", "file-text"),
    ReportSpec("hours", "Hours by staff",
               "Hours worked and their value, billable and not, per person", "clock"),
    ReportSpec("unbilled", "Unbilled time and expenses",
               "Billable fees and expenses not yet on an invoice, by case, oldest first",
               "history"),
)
REPORT_KEYS = tuple(spec.key for spec in REPORTS)
# What an empty report says, and what to do next (headline, explanation).
NOTHING_YET = ("No time or expenses recorded yet.",
               "Open a case's Budget tab to set a budget or add time.")
EMPTY_TEXT: dict[str, tuple[str, str]] = {
    "case_budget": ("No budget, time or expenses on this case yet.",
                    "Open the case's Budget tab to set a budget or add time."),
    "over_budget": ("No open case is over or near its budget.",
                    "A case shows here once it has used {warning}% of its budget (the "
                    "practice's warning threshold, in Budget settings)."),
    "firm_budget": NOTHING_YET,
    "expenses": ("No expenses recorded yet.",
                 "Open a case's Budget tab to add an expense."),
    "hours": ("No time recorded yet.", NOTHING_YET[1]),
    "unbilled": ("Nothing is waiting to be billed.",
                 "Every billable time entry and expense is on an invoice."),
}


def spec_for(key: str) -> ReportSpec:
    return next((s for s in REPORTS if s.key == key), REPORTS[0])


def default_builders() -> dict[str, Builder]:
    """The real builders (imported on the worker the first time a report is made)."""

    def case_budget(reader: Any, filters: ReportFilters, today: date) -> Any:
        from casedesk.export import report_build

        return report_build.budget_report(reader, case_id=filters.case_id, filters=filters,
                                          today=today)

    def firm_budget(reader: Any, filters: ReportFilters, today: date) -> Any:
        from casedesk.export import report_build

        return report_build.budget_report(reader, case_id=None, filters=filters, today=today)

    def named(name: str) -> Builder:
        def build(reader: Any, filters: ReportFilters, today: date) -> Any:
            from casedesk.export import report_build

            return getattr(report_build, name)(reader, filters=filters, today=today)

        return build

    return {"case_budget": case_budget, "over_budget": named("over_budget_report"),
            "firm_budget": firm_budget, "expenses": named("expenses_report"),
            "hours": named("hours_report"), "unbilled": named("unbilled_report")}


@dataclass(frozen=True, slots=True)
class ReportResult:
    """A built report and the practice's thresholds (to colour the share of budget used)."""

    key: str
    document: Any  # export.report_document.ReportDocument
    warning_percent: int
    over_percent: int
    case_id: uuid.UUID | None


def build_report(reader: Any, builder: Builder, key: str, filters: ReportFilters,
                 today: date) -> ReportResult:
    """Run on the DB worker: the report and the thresholds, read together."""
    from casedesk.services.budget_settings import read_settings

    settings = read_settings(reader)
    return ReportResult(key, builder(reader, filters, today), settings.warning_percent,
                        settings.over_percent, filters.case_id)


def is_empty(document: Any) -> bool:
    """No section has a row to show."""
    return not any(s.table is not None and s.table.rows for s in document.sections)


def case_for_number(reader: Any, number: str) -> uuid.UUID | None:
    from casedesk.services.budget_report import case_id_for_number

    return case_id_for_number(reader, number)
