"""Charts over time: the burn-up (cumulative actual against the budget in force, on a date axis
with month ticks, and the planned end), and the month helpers the monthly charts share."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from casedesk.export.report_drawing import (
    FONT,
    GAP,
    SMALL,
    TOO_SMALL,
    Drawing,
    LegendEntry,
    Sketch,
    empty_drawing,
    fits,
    legend_room,
    nice_ticks,
    text_width,
    tick_label_width,
    value_axis,
)
from casedesk.export.report_format import (
    day_text,
    money_text,
    month_text,
    percent_text,
    short_money,
)
from casedesk.services.budget_rows import BurnPoint, percent

MIN_SPAN_DAYS = 30  # a shorter line is centred in a month-wide axis
_MONTH_STEPS = (1, 2, 3, 6, 12)


def month_range(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s to `last`'s, both included."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_labels(months: Sequence[date]) -> list[str]:
    """'Jan 2026' for the first month and every January, else 'Feb'."""
    return [month_text(m, with_year=n == 0 or m.month == 1) for n, m in enumerate(months)]


def _month_ticks(lo: date, hi: date, room: float) -> list[tuple[date, str]]:
    """Month starts within [lo, hi], thinned (every 2, 3, 6, 12 months) to fit `room`."""
    starts = [m for m in month_range(lo, hi) if lo <= m <= hi]
    if not starts:
        return []
    widest = text_width("May 2026", SMALL) + 2 * GAP
    step = next((s for s in _MONTH_STEPS if len(starts) / s * widest <= room), 12)
    if step == 12 and len(starts) / 12 * widest > room:
        step = 12 * math.ceil(len(starts) / 12 * widest / room)
    if step > 1:  # keep the ticks on round months (quarters start in Jan, Apr, Jul, Oct)
        starts = [m for m in starts if (m.month - 1) % min(step, 12) == 0
                  and (step <= 12 or (m.year - starts[0].year) % (step // 12) == 0)]
    labels = month_labels(starts)
    if step >= 12:
        labels = [str(m.year) for m in starts]
    return list(zip(starts, labels, strict=True))


def burn_up_chart(points: Sequence[BurnPoint], *, width: float, height: float,
                  currency: str = "USD", planned_end_on: date | None = None,
                  title: str = "Burn-up: actual against budget") -> Drawing:
    """The cumulative actual as a line, the budget in force as a step line (none while no
    budget was ever set), month ticks, and a dashed marker at the planned end (the axis
    reaches it when it is later)."""
    line = sorted(points, key=lambda p: p.on)
    if not line:
        return empty_drawing(width, height, title)
    first, last = line[0], line[-1]
    lo, hi = first.on, max(last.on, planned_end_on or last.on)
    span = (hi - lo).days
    if span < MIN_SPAN_DAYS:
        pad = (MIN_SPAN_DAYS - span + 1) // 2
        lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    marked = planned_end_on is not None and lo <= planned_end_on <= hi
    budgeted = any(p.budget > 0 for p in line)  # without a budget, only what was spent
    entries = [LegendEntry("actual", "Actual to date", "line")]
    if budgeted:
        entries.append(LegendEntry("budget_line", "Budget", "line"))
    if marked:
        entries.append(LegendEntry("marker", "Planned end", "dashed"))
    if not fits(width, height):
        return empty_drawing(width, height, title, TOO_SMALL)
    sketch = Sketch(width, height)
    top = legend_room(sketch, entries) + GAP + SMALL
    highest = max(max(float(p.actual), float(p.budget)) for p in line)
    ticks = nice_ticks(highest)

    def money(value: float) -> str:
        return short_money(value, currency)

    left = tick_label_width(ticks, money) + 2 * GAP
    right = max(width - 2 * GAP, left + 1.0)
    bottom = max(height - (SMALL * 1.5 + GAP), top + 1.0)
    days = max((hi - lo).days, 1)

    def x_of(day: date) -> float:
        return left + (day - lo).days / days * (right - left)

    def y_of(value: Decimal) -> float:
        return bottom - float(value) / ticks[-1] * (bottom - top)

    value_axis(sketch, ticks, left=left, right=right, top=top, bottom=bottom, label=money)
    _date_axis(sketch, lo, hi, x_of, bottom, right - left)
    budget_line: list[tuple[float, float]] = []
    for n, p in enumerate(line):
        if n:
            budget_line.append((x_of(p.on), y_of(line[n - 1].budget)))
        budget_line.append((x_of(p.on), y_of(p.budget)))
    if hi > last.on:
        budget_line.append((x_of(hi), y_of(last.budget)))
    if budgeted:
        sketch.line(budget_line, "budget_line", width=2.0)
    end_x, end_y = x_of(last.on), y_of(last.actual)
    sketch.line([(x_of(p.on), y_of(p.actual)) for p in line], "actual", width=2.0)
    dot = FONT * 0.5
    sketch.rect(end_x - dot / 2, end_y - dot / 2, dot, dot, "actual",
                f"{day_text(last.on)}: {money_text(last.actual, currency)} spent")
    over = budgeted and last.actual > last.budget
    if over:
        sketch.text(end_x - GAP if end_x > (left + right) / 2 else end_x + GAP, end_y - GAP,
                    "over budget", role="over", size=SMALL, bold=True, valign="bottom",
                    align="right" if end_x > (left + right) / 2 else "left")
    if marked and planned_end_on is not None:
        px = x_of(planned_end_on)
        sketch.line(((px, top), (px, bottom)), "marker", width=1.2, dashed=True)
        sketch.text(px - GAP / 2 if px > (left + right) / 2 else px + GAP / 2, top - GAP / 2,
                    "Planned end", role="marker", size=SMALL, valign="bottom",
                    align="right" if px > (left + right) / 2 else "left")
    return sketch.done(title, _summary(title, line, currency, planned_end_on, over), entries)


def _date_axis(sketch: Sketch, lo: date, hi: date, position: Callable[[date], float],
               bottom: float, room: float) -> None:
    ticks = _month_ticks(lo, hi, room)
    if not ticks:  # less than a month on the axis: say where it starts and ends
        ticks = [(lo, day_text(lo)), (hi, day_text(hi))]
    for day, label in ticks:
        x = position(day)
        sketch.line(((x, bottom), (x, bottom + GAP / 2)), "axis")
        sketch.text(x, bottom + GAP, label, role="muted", size=SMALL, align="center",
                    valign="top")


def _summary(title: str, line: Sequence[BurnPoint], currency: str, planned_end_on: date | None,
             over: bool) -> str:
    first, last = line[0], line[-1]
    used = percent(last.actual, last.budget)
    text = (f"{title}, {day_text(first.on)} to {day_text(last.on)}: "
            f"{money_text(last.actual, currency)} spent")
    if last.budget > 0:
        text += f" of a budget of {money_text(last.budget, currency)}"
        text += f" ({percent_text(used)})." if used is not None else "."
    else:
        text += "; no budget is set."
    if over:
        text += " Over budget."
    if planned_end_on is not None:
        text += f" Planned end {day_text(planned_end_on)}."
    return text
