"""Charts laid out as Drawings (export/report_chart.py): what is drawn, in which role, and that
nothing leaves the canvas for empty, single, zero, huge and crowded data."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest

from casedesk.domain.enums import BudgetKind, BudgetLevel, CaseStatus, FeeArrangement
from casedesk.export.report_chart import (
    NO_DATA,
    Drawing,
    Line,
    Rect,
    Text,
    budget_vs_actual_chart,
    burn_up_chart,
    cases_budget_chart,
    expenses_by_month_chart,
    hours_by_staff_chart,
    nice_ticks,
    unbilled_chart,
)
from casedesk.export.report_drawing import elide, text_width
from casedesk.export.report_format import money_text, period_text, short_hours, short_money
from casedesk.services.budget_rows import (
    BudgetLineRow,
    BudgetRevisionRow,
    BurnPoint,
    CaseBudgetStatus,
    CaseBudgetSummary,
    ExpenseMonthRow,
    PhaseFigures,
    StaffHoursRow,
    UnbilledRow,
    level_for,
    percent,
)

Z = D("0.00")


# -- sample rows (shared with test_report_exports and the canvas test) ---------------------------
def phases() -> tuple[PhaseFigures, ...]:
    return (
        PhaseFigures("Investigation", D("5000.00"), D("500.00"), D("4200.00"), D("120.50"),
                     D("21.00")),
        PhaseFigures("Pleadings", D("8000.00"), Z, D("9100.25"), Z, D("36.40")),
        PhaseFigures("Discovery", D("20000.00"), D("3000.00"), D("12000.00"), D("2500.00"),
                     D("60.00")),
        PhaseFigures("Trial preparation", D("15000.00"), D("1000.00"), Z, Z, Z),
        PhaseFigures("", Z, Z, D("350.00"), D("45.10"), D("1.40")),
    )


def status(figures: tuple[PhaseFigures, ...] | None = None, *,
           currency: str = "USD") -> CaseBudgetStatus:
    ph = phases() if figures is None else figures
    lines = tuple(BudgetLineRow(p.phase, BudgetKind.FEES, p.budget_fees) for p in ph
                  if p.budget_fees) + tuple(BudgetLineRow(p.phase, BudgetKind.EXPENSES,
                                                          p.budget_expenses)
                                            for p in ph if p.budget_expenses)
    budget = BudgetRevisionRow(
        id=uuid.uuid4(), case_id=uuid.uuid4(), revision=2, is_current=True,
        fee_arrangement=FeeArrangement.HOURLY, fixed_fee=None, contingency_percent=None,
        expected_recovery=None, planned_end_on=date(2026, 9, 30), reason="", staff_id=None,
        staff_name="", created_at=datetime(2026, 1, 5, tzinfo=UTC), lines=lines, version=1)
    fees = sum((p.actual_fees for p in ph), Z)
    expenses = sum((p.actual_expenses for p in ph), Z)
    used = percent(fees + expenses, budget.total)
    return CaseBudgetStatus(
        case_id=budget.case_id, case_number="2026-CV-0001",
        case_title="Müller v. Ñandú Holdings — breach", practice_area="Litigation",
        case_status=CaseStatus.OPEN, currency=currency, budget=budget, phases=ph,
        budget_total=budget.total, actual_fees=fees, actual_expenses=expenses,
        hours=sum((p.hours for p in ph), Z), unbilled=D("3120.40"), burn_rate=D("4100.00"),
        forecast_from_burn=D("52000.00"),
        forecast_from_phases=sum((p.forecast for p in ph), Z), percent_used=used,
        level=level_for(used, warning_percent=80, over_percent=100),
        exhausted_on=date(2026, 6, 1), first_entry_on=date(2026, 1, 6),
        last_entry_on=date(2026, 3, 30), warning_percent=80, over_percent=100)


def points(weeks: int = 14) -> list[BurnPoint]:
    out, spent = [], Z
    for week in range(weeks):
        spent += D("2100.37")
        budget = D("52500.00") if week < 6 else D("53000.00")
        out.append(BurnPoint(date(2026, 1, 5) + timedelta(days=7 * week), spent, budget))
    return out


def summaries(count: int = 20) -> list[CaseBudgetSummary]:
    out = []
    for n in range(count):
        budget = D(10000 + 1000 * n).quantize(Z)
        actual = (budget * D(130 - 7 * n) / 100).quantize(Z)
        used = percent(actual, budget)
        out.append(CaseBudgetSummary(
            uuid.uuid4(), f"2026-CV-{n + 1:04d}", f"Case {n} — a long title for the table",
            "Litigation" if n % 2 else "Family", "Alice Attorney", FeeArrangement.HOURLY,
            budget, actual, max(actual, budget), used,
            level_for(used, warning_percent=80, over_percent=100), D("123.45")))
    return out


CATEGORIES = ("Court fees", "Expert witness", "Travel", "Copying", "Deposition transcripts",
              "Couriers", "Filing — e-service", "Misc")


def expense_rows() -> list[ExpenseMonthRow]:
    rows = []
    for month in range(1, 5):
        for n, category in enumerate(CATEGORIES):
            if (month + n) % 3:
                rows.append(ExpenseMonthRow(date(2026, month, 1), category,
                                            D(100 * (n + 1) + month) + D("0.37"), n + 1))
    return rows


def hours_rows() -> list[StaffHoursRow]:
    names = ("Alice Attorney", "Bob Paralegal", "Zoë Ñúñez", "Dmitri Ivanov-Smythe the Third")
    return [StaffHoursRow(uuid.uuid4(), name, D(100 + 13 * n) + D("0.25"), D(80 + 10 * n),
                          D(20000 + 1234 * n) + D("0.50"), D(15000 + n))
            for n, name in enumerate(names)]


def unbilled_rows(count: int = 24) -> list[UnbilledRow]:
    return [UnbilledRow(uuid.uuid4(), f"2026-CV-{n:04d}", f"Title {n}", D(1000 * n + 1) +
                        D("0.01"), D(50 * n) + D("0.10"), D(n) + D("0.25"),
                        date(2026, 1, 1) + timedelta(days=n))
            for n in range(1, count + 1)]


# -- helpers ------------------------------------------------------------------------------------
def assert_inside(drawing: Drawing) -> None:
    """Every rectangle and line lies on the canvas; every level text's anchor too."""
    w, h = drawing.width, drawing.height
    eps = 1e-6
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            assert shape.w > 0 and shape.h > 0
            assert -eps <= shape.x and shape.x + shape.w <= w + eps, shape
            assert -eps <= shape.y and shape.y + shape.h <= h + eps, shape
        elif isinstance(shape, Line):
            for x, y in shape.points:
                assert -eps <= x <= w + eps and -eps <= y <= h + eps, shape
        else:
            assert math.isfinite(shape.x) and math.isfinite(shape.y)
            assert shape.text
            if shape.max_width is not None:
                assert text_width(shape.text, shape.size, shape.bold) <= shape.max_width + eps, \
                    shape
            if not shape.angle:
                assert -eps <= shape.x <= w + eps and -eps <= shape.y <= h + eps, shape


def rects(drawing: Drawing, role: str) -> list[Rect]:
    """The bars (and dots) of a role: the rectangles that say what they are (not legend
    swatches)."""
    return [s for s in drawing.shapes if isinstance(s, Rect) and s.role == role and s.tip]


def texts(drawing: Drawing, role: str | None = None) -> list[Text]:
    return [s for s in drawing.shapes if isinstance(s, Text) and role in (None, s.role)]


def plot_lines(drawing: Drawing, role: str) -> list[Line]:
    """The lines of a role in the plot (not the legend's samples of them)."""
    names = {e.label for e in drawing.legend}
    legend_bottom = max((t.y for t in texts(drawing) if t.text in names), default=-1.0)
    return [s for s in drawing.shapes if isinstance(s, Line) and s.role == role
            and not all(y <= legend_bottom + 1 for _x, y in s.points)]


# -- formatting and scales ----------------------------------------------------------------------
@pytest.mark.parametrize(("value", "text"), [
    (0, "$0"), (250, "$250"), (999, "$999"), (1000, "$1k"), (1500, "$1.5k"), (12000, "$12k"),
    (12500, "$12.5k"), (250000, "$250k"), (1_500_000, "$1.5M"), (2_000_000_000, "$2B"),
    (920e12, "$920T"), (5.5, "$5.50"), (-2500, "-$2.5k"), (999_999, "$1M"),
])
def test_short_money_abbreviates_like_a_person_would(value: float, text: str) -> None:
    assert short_money(value, "USD") == text


def test_money_texts_are_exact_and_name_the_currency() -> None:
    assert money_text(D("1234.5"), "USD") == "$1,234.50"
    assert money_text(D("-12"), "EUR") == "-€12.00"
    assert money_text(D("1000000.01"), "SEK") == "SEK 1,000,000.01"
    assert short_money(12000, "GBP") == "£12k"
    assert short_hours(12.5) == "12.5 h" and short_hours(1200) == "1,200 h"


def test_period_texts() -> None:
    assert period_text(date(2026, 1, 1), date(2026, 3, 31)) == "1 Jan 2026 – 31 Mar 2026"
    assert period_text(None, None) == "All dates"
    assert period_text(None, date(2026, 3, 31)) == "To 31 Mar 2026"
    assert period_text(date(2026, 1, 1), None) == "From 1 Jan 2026"


@pytest.mark.parametrize("top", [0, 0.4, 1, 7, 99, 100, 101, 12_345.67, 1e9, 9.2e14])
def test_nice_ticks_are_round_and_cover_the_maximum(top: float) -> None:
    ticks = nice_ticks(top)
    assert ticks[0] == 0 and ticks[-1] >= top and 2 <= len(ticks) <= 7
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 6) in (1, 2, 2.5, 5, 10)


def test_elide_cuts_with_an_ellipsis() -> None:
    assert elide("Trial preparation", 1000) == "Trial preparation"
    cut = elide("Trial preparation", 40)
    assert cut.endswith("…") and text_width(cut) <= 40 and cut.startswith("Tri")
    assert elide("Trial", 1) == ""


# -- budget vs actual -------------------------------------------------------------------------
def test_bars_mark_over_budget_in_colour_and_in_words() -> None:
    drawing = budget_vs_actual_chart(phases(), width=600, height=300)
    assert_inside(drawing)
    assert len(rects(drawing, "budget")) == 4  # "(no phase)" has no budget to draw
    assert len(rects(drawing, "actual")) == 2  # Investigation, Discovery
    over = rects(drawing, "over")
    assert [r.tip.split(":")[0] for r in over] == ["Pleadings", "(no phase)"]
    assert "over budget by $1,100.25" in over[0].tip
    assert [t.text for t in texts(drawing, "over")] == ["$9.1k of $8k — over budget",
                                                         "$395, no budget — over budget"]
    assert all(t.bold for t in texts(drawing, "over"))
    labels = {t.text for t in texts(drawing, "label")}
    assert {"Investigation", "Pleadings", "Discovery", "(no phase)", "Budget", "Actual"} <= labels
    assert any("over" in e.label.lower() for e in drawing.legend if e.role == "over")
    assert "Over budget: Pleadings (actual $9,100.25 of $8,000.00)" in drawing.summary
    # Bars run left to right from one axis, as long as the amounts.
    pleadings_budget = next(r for r in rects(drawing, "budget") if r.tip.startswith("Pleadings"))
    discovery_budget = next(r for r in rects(drawing, "budget") if r.tip.startswith("Discovery"))
    assert discovery_budget.w / pleadings_budget.w == pytest.approx(23000 / 8000, rel=1e-6)
    assert pleadings_budget.x == discovery_budget.x
    pleadings_over = over[0]
    assert pleadings_over.w / pleadings_budget.w == pytest.approx(9100.25 / 8000, rel=1e-6)
    # The actual is a narrower bar over the middle of its budget's.
    assert pleadings_over.h < pleadings_budget.h
    assert pleadings_over.y + pleadings_over.h / 2 == pytest.approx(
        pleadings_budget.y + pleadings_budget.h / 2)
    # The value axis is labelled in round, abbreviated money.
    assert {"$0", "$5k", "$10k", "$15k", "$20k", "$25k"} <= {t.text for t in texts(drawing,
                                                                                     "muted")}
    # The chart takes only the height its rows need.
    assert drawing.used_height < drawing.height


def test_phase_names_read_in_full_on_the_left() -> None:
    long = (PhaseFigures("Negotiation and settlement", D("5000.00"), Z, D("6000.00"), Z, Z),
            PhaseFigures("Trial preparation", D("4000.00"), Z, D("100.00"), Z, Z))
    for width in (340, 420, 900):
        drawing = budget_vs_actual_chart(long, width=width, height=200)
        assert_inside(drawing)
        names = [t for t in texts(drawing, "label") if t.align == "right"]
        assert [t.text for t in names] == ["Negotiation and settlement", "Trial preparation"]
        assert all(t.angle == 0 for t in drawing.shapes if isinstance(t, Text))
        # Right-aligned against the bars, which start after the longest name.
        bars = rects(drawing, "budget")
        assert all(t.x < bars[0].x for t in names)
        assert bars[0].x > text_width("Negotiation and settlement", 9.0)
    # Narrow, the figures after the bars shorten rather than crowd the bars out.
    small = budget_vs_actual_chart(long, width=260, height=200)
    assert [t.text for t in texts(small, "over")] == ["$6k — over"]
    assert "$100" in small.texts()
    # Only where a name would take more than about half the chart is it cut.
    narrow = budget_vs_actual_chart(long, width=200, height=200)
    first = next(t.text for t in texts(narrow, "label") if t.align == "right")
    assert first.startswith("Negotiation") and first.endswith("…")


def test_no_over_legend_or_marker_when_nothing_is_over() -> None:
    within = tuple(p for p in phases() if p.actual <= p.budget)
    drawing = budget_vs_actual_chart(within, width=500, height=260)
    assert not rects(drawing, "over") and not texts(drawing, "over")
    assert [e.role for e in drawing.legend] == ["budget", "actual"]
    assert "No phase is over budget." in drawing.summary


@pytest.mark.parametrize("data", [(), (PhaseFigures("Discovery", Z, Z, Z, Z, Z),)])
def test_no_data_draws_the_message(data: tuple[PhaseFigures, ...]) -> None:
    drawing = budget_vs_actual_chart(data, width=400, height=200)
    assert drawing.is_empty and [t.text for t in texts(drawing)] == [NO_DATA]
    assert not any(isinstance(s, Rect) for s in drawing.shapes)


@pytest.mark.parametrize(("width", "height"), [(40, 30), (70, 45), (120, 80), (600, 300),
                                               (2000, 900)])
@pytest.mark.parametrize("case", ["single", "many", "huge", "zero_budget"])
def test_bars_stay_on_the_canvas(width: float, height: float, case: str) -> None:
    if case == "single":
        data: tuple[PhaseFigures, ...] = (PhaseFigures("Trial", D("1.00"), Z, D("0.01"), Z, Z),)
    elif case == "many":
        data = tuple(PhaseFigures(f"A rather long phase name number {n}", D(1000 * n), Z,
                                  D(900 * n + 5), Z, Z) for n in range(40))
    elif case == "huge":
        data = (PhaseFigures("Mega", D("900000000000000.00"), Z, D("920000000000000.00"), Z,
                             Z),)
    else:
        data = (PhaseFigures("Unbudgeted", Z, Z, D("12.34"), Z, Z),)
    drawing = budget_vs_actual_chart(data, width=width, height=height)
    assert_inside(drawing)
    if width < 60:
        assert drawing.is_empty and drawing.texts() == ("Too…",)  # the message, cut to fit
        assert drawing.summary == "Budget vs actual by phase: too small to show the chart."
        return
    assert not drawing.is_empty
    if case == "huge":
        assert "$1000T" in {t.text for t in texts(drawing, "muted")}
    if case == "zero_budget":  # no budget at all: what was spent, nothing "over"
        assert len(rects(drawing, "actual")) == 1 and not rects(drawing, "budget")
        assert not rects(drawing, "over") and not texts(drawing, "over")
        assert drawing.summary == ("Budget vs actual by phase: no budget is set; actual "
                                   "$12.34.")


def test_firm_bars_name_each_case_in_full_on_the_left() -> None:
    drawing = cases_budget_chart(summaries(20), width=700, height=600)
    assert_inside(drawing)
    assert not any(isinstance(t, Text) and t.angle for t in drawing.shapes)  # nothing turned
    labels = [t.text for t in texts(drawing, "label") if t.text.startswith("2026-CV-")]
    assert len(labels) == 15  # the fifteen that used most, worst first
    for n, label in enumerate(labels, start=1):
        assert label.startswith(f"2026-CV-{n:04d}  Case {n - 1}")  # number, then the title
    # Flush left, so that the case numbers line up.
    assert len({t.x for t in texts(drawing, "label") if t.text in labels}) == 1
    assert "2026-CV-0001 (130.0% used)" in drawing.summary
    assert len(rects(drawing, "over")) == 5  # the five cases past 100%
    assert [t.text.endswith("— over budget") for t in texts(drawing, "over")] == [True] * 5
    # Near budget (80% to 100% used) says so too, in its own role.
    near = [t.text for t in texts(drawing, "near")]
    assert len(near) == 3 and all(t.endswith("— near budget") for t in near)
    ys = [r.y for r in rects(drawing, "budget")]
    assert ys == sorted(ys)  # top to bottom in that order


@pytest.mark.parametrize("width", [160, 200, 320])
def test_narrow_firm_bars_keep_the_case_number(width: float) -> None:
    drawing = cases_budget_chart(summaries(4), width=width, height=200)
    assert_inside(drawing)
    labels = [t.text for t in texts(drawing, "label") if t.text.startswith("2026-CV-")]
    assert len(labels) == 4
    assert all(label.startswith(f"2026-CV-{n:04d}") for n, label in enumerate(labels, 1))


def test_a_short_chart_counts_the_cases_it_leaves_out() -> None:
    drawing = cases_budget_chart(summaries(20), width=500, height=150)
    assert_inside(drawing)
    shown = len(rects(drawing, "budget"))
    assert 2 <= shown < 15
    assert f"… and {15 - shown} more (see the table)" in drawing.texts()


def test_firm_bars_leave_out_cases_without_a_budget() -> None:
    rows = summaries(3)
    no_budget = CaseBudgetSummary(uuid.uuid4(), "2026-CV-0999", "No budget", "", "", None, Z,
                                  D("10.00"), D("10.00"), None, BudgetLevel.NONE, Z)
    drawing = cases_budget_chart([no_budget, *rows], width=400, height=240)
    assert "2026-CV-0999" not in {t.text for t in texts(drawing)}
    assert cases_budget_chart([no_budget], width=400, height=240).is_empty


# -- burn-up -------------------------------------------------------------------------------------
def test_burn_up_draws_actual_budget_steps_and_the_planned_end() -> None:
    drawing = burn_up_chart(points(), width=600, height=300, planned_end_on=date(2026, 6, 30))
    assert_inside(drawing)
    (actual,) = plot_lines(drawing, "actual")
    assert len(actual.points) == 14
    assert [p[1] for p in actual.points] == sorted((p[1] for p in actual.points), reverse=True)
    (budget,) = plot_lines(drawing, "budget_line")
    ys = [round(y, 6) for _x, y in budget.points]
    assert len(set(ys)) == 2  # one step, when the budget was revised
    assert budget.points[-1][0] == pytest.approx(max(x for x, _y in budget.points))
    (marker,) = plot_lines(drawing, "marker")
    assert marker.dashed and marker.points[0][0] == marker.points[1][0]
    assert budget.points[-1][0] == pytest.approx(marker.points[0][0])  # runs to the end
    words = {t.text for t in texts(drawing)}
    assert {"Planned end", "Feb 2026", "Mar", "Apr", "May", "Jun"} <= words
    assert "over budget" not in words
    assert "Planned end 30 Jun 2026" in drawing.summary
    # The legend shows lines as lines (the planned end dashed), not as boxes.
    assert [(e.role, e.mark) for e in drawing.legend] == [
        ("actual", "line"), ("budget_line", "line"), ("marker", "dashed")]
    samples = [s for s in drawing.shapes if isinstance(s, Line) and s not in
               (actual, budget, marker) and s.role in ("actual", "budget_line", "marker")]
    assert [s.dashed for s in samples] == [False, False, True]
    assert all(len(s.points) == 2 and s.points[0][1] == s.points[1][1] for s in samples)
    assert not [r for r in drawing.shapes if isinstance(r, Rect) and not r.tip]


def test_burn_up_over_budget_says_so() -> None:
    line = [BurnPoint(date(2026, 1, 1), D("100.00"), D("1000.00")),
            BurnPoint(date(2026, 2, 1), D("1500.00"), D("1000.00"))]
    drawing = burn_up_chart(line, width=400, height=250)
    assert [t.text for t in texts(drawing, "over")] == ["over budget"]
    assert "Over budget." in drawing.summary
    assert_inside(drawing)


def test_burn_up_without_a_budget_shows_only_the_spending() -> None:
    line = [BurnPoint(date(2026, 1, 1), D("100.00"), Z),
            BurnPoint(date(2026, 2, 1), D("1500.00"), Z)]
    drawing = burn_up_chart(line, width=400, height=250)
    assert_inside(drawing)
    assert not plot_lines(drawing, "budget_line") and not texts(drawing, "over")
    assert [e.role for e in drawing.legend] == ["actual"]
    assert drawing.summary.endswith("$1,500.00 spent; no budget is set.")


def test_burn_up_single_point_and_empty() -> None:
    one = burn_up_chart([BurnPoint(date(2026, 3, 9), Z, Z)], width=300, height=200)
    assert_inside(one)
    assert len(rects(one, "actual")) == 1  # a dot: one point makes no line
    assert not plot_lines(one, "actual")
    assert burn_up_chart([], width=300, height=200).is_empty


def test_burn_up_over_years_thins_the_month_ticks() -> None:
    line = [BurnPoint(date(2020, 1, 1) + timedelta(days=30 * n), D(n * 100), D("50000.00"))
            for n in range(120)]
    drawing = burn_up_chart(line, width=500, height=250)
    labels = [t.text for t in texts(drawing, "muted") if not t.text.startswith("$")]
    assert 3 <= len(labels) <= 14
    assert_inside(drawing)


# -- expenses, hours, unbilled ----------------------------------------------------------------
def test_expenses_by_month_stacks_the_top_five_and_other() -> None:
    rows = expense_rows()
    drawing = expenses_by_month_chart(rows, width=600, height=300)
    assert_inside(drawing)
    assert [e.role for e in drawing.legend] == ["series0", "series1", "series2", "series3",
                                                 "series4", "other"]
    assert drawing.legend[-1].label == "Other"
    named = {e.label for e in drawing.legend[:-1]}
    totals: dict[str, D] = {}
    for r in rows:
        totals[r.category] = totals.get(r.category, Z) + r.amount
    assert named == set(sorted(totals, key=lambda c: -totals[c])[:5])
    # Each month's stack is as tall as the month's total.
    bars = [s for s in drawing.shapes if isinstance(s, Rect) and s.tip]
    by_month: dict[str, float] = {}
    for bar in bars:
        month = bar.tip.split(":")[0]
        by_month[month] = by_month.get(month, 0.0) + bar.h
    month_totals = {f"{m:%b %Y}": sum(float(r.amount) for r in rows if r.month == m)
                    for m in {r.month for r in rows}}
    ratio = by_month["Jan 2026"] / month_totals["Jan 2026"]
    for month, height in by_month.items():
        assert height == pytest.approx(month_totals[month] * ratio, rel=1e-6)
    assert "$" in drawing.summary and "Jan 2026 to Apr 2026" in drawing.summary


def test_expenses_months_without_spending_are_on_the_axis() -> None:
    rows = [ExpenseMonthRow(date(2025, 11, 1), "Travel", D("10.00"), 1),
            ExpenseMonthRow(date(2026, 2, 1), "Travel", D("20.00"), 1)]
    drawing = expenses_by_month_chart(rows, width=400, height=200)
    labels = [t.text for t in texts(drawing, "label") if t.valign == "top"]
    assert labels == ["Nov 2025", "Dec", "Jan 2026", "Feb"]


def test_hours_by_staff_horizontal_bars() -> None:
    drawing = hours_by_staff_chart(hours_rows(), width=500, height=220)
    assert_inside(drawing)
    billable = rects(drawing, "billable")
    assert len(billable) == 4 and len(rects(drawing, "nonbillable")) == 4
    assert billable[0].tip.startswith("Dmitri")  # most hours first
    assert billable[0].y < billable[-1].y
    assert "139.25 h" in {t.text for t in texts(drawing, "muted")}


def test_crowded_horizontal_bars_count_what_is_left_out() -> None:
    drawing = unbilled_chart(unbilled_rows(60), width=500, height=200)
    assert_inside(drawing)
    shown = len(rects(drawing, "fees"))
    assert 3 <= shown < 60
    assert f"… and {60 - shown} more (see the table)" in {t.text for t in texts(drawing)}
    assert drawing.used_height <= drawing.height


def test_unbilled_shows_the_largest_cases_and_counts_the_rest() -> None:
    drawing = unbilled_chart(unbilled_rows(24), width=500, height=2000)
    assert_inside(drawing)
    fees = rects(drawing, "fees")
    assert len(fees) == 15 and fees[0].tip.startswith("2026-CV-0024")
    assert "… and 9 more (see the table)" in drawing.texts()
    assert drawing.used_height < 600  # no taller than the fifteen rows need


def test_empty_hours_and_unbilled() -> None:
    assert hours_by_staff_chart([], width=200, height=100).is_empty
    assert unbilled_chart([], width=200, height=100).is_empty
    assert expenses_by_month_chart([], width=200, height=100).is_empty


def test_a_category_called_other_is_not_mixed_with_the_rest() -> None:
    from casedesk.export.report_chart import expense_series

    names = ("Other", "Court fees", "Travel", "Copying", "Couriers", "Experts", "Misc")
    rows = [ExpenseMonthRow(date(2026, 1, 1), name, D(1000 - 100 * n), 1)
            for n, name in enumerate(names)]
    split = expense_series(rows)
    assert split.named == ("Other", "Court fees", "Travel", "Copying", "Couriers")
    assert split.rest == "All others" and split.columns[-1] == "All others"
    jan = split.months[date(2026, 1, 1)]
    assert jan["Other"] == D(1000) and jan["All others"] == D(500 + 400)
    assert sum(jan.values()) == sum((r.amount for r in rows), Z)
    drawing = expenses_by_month_chart(rows, width=500, height=250)
    assert [e.label for e in drawing.legend][-1] == "All others"
    assert len(rects(drawing, "other")) == 1 and len(rects(drawing, "series0")) == 1


def test_many_months_are_labelled_on_round_months() -> None:
    rows = [ExpenseMonthRow(date(2023 + m // 12, m % 12 + 1, 1), "Travel", D("10.00"), 1)
            for m in range(36)]
    drawing = expenses_by_month_chart(rows, width=300, height=200)
    labels = [t.text for t in texts(drawing, "label") if t.valign == "top"]
    assert labels[0] == "Jan 2023" and "Jan 2024" in labels and "Jan 2025" in labels
    assert 3 <= len(labels) <= 12
    assert all(label.split()[0] in ("Jan", "Apr", "Jul", "Oct") for label in labels)
    assert_inside(drawing)
