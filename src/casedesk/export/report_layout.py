"""The generic chart layouts the report charts are made of: vertical bars in groups over
category labels (level, turned or thinned to fit), and horizontal bars with labels on the left.
Both lay out a `Drawing` (report_drawing.py); report_chart.py fills them with the figures."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from casedesk.export.report_drawing import (
    FONT,
    GAP,
    SMALL,
    TOO_SMALL,
    Drawing,
    LegendEntry,
    Sketch,
    elide,
    empty_drawing,
    fits,
    legend_room,
    nice_ticks,
    text_width,
    tick_label_width,
    value_axis,
)

# -- generic layouts ---------------------------------------------------------------------------
ROTATION = 40.0  # degrees: category labels too long to stand level are turned this much
_MIN_BAR = 0.75  # a value above zero always shows, if only as a sliver


@dataclass(frozen=True, slots=True)
class Segment:
    role: str
    value: float
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: segments stacked from the axis; `marker` is a word above it (role "over")."""

    segments: tuple[Segment, ...]
    marker: str = ""

    @property
    def total(self) -> float:
        return sum(max(s.value, 0.0) for s in self.segments)


@dataclass(frozen=True, slots=True)
class Group:
    """Bars side by side above one category label."""

    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """One horizontal bar (stacked segments) with its label and the value written after it;
    `keep` characters at the start of the label (a case number) always stay readable."""

    label: str
    segments: tuple[Segment, ...]
    value_label: str = ""
    keep: int = 0

    @property
    def total(self) -> float:
        return sum(max(s.value, 0.0) for s in self.segments)


ROW = FONT * 2.0  # a horizontal bar's row, when there is room


def label_width(rows: Sequence[Row | Compare], width: float) -> float:
    """The widest label, but no more than 45% of the width unless the kept parts need it."""
    widest = max(text_width(r.label, SMALL) for r in rows)
    kept = max((text_width(r.label[:r.keep] + "…", SMALL) for r in rows if r.keep),
               default=0.0)
    return min(widest, max(width * 0.45, kept), width * 0.6)


def row_label(sketch: Sketch, label: str, left: float, middle: float, label_w: float,
              flush_left: bool) -> None:
    """A row's label left of the plot: flush left when it starts with a case number (so the
    numbers line up), else right-aligned against the bars."""
    if flush_left:
        sketch.text(left - GAP - label_w, middle, label, size=SMALL, max_width=label_w)
    else:
        sketch.text(left - GAP, middle, label, size=SMALL, align="right", max_width=label_w)


@dataclass(frozen=True, slots=True)
class _Labels:
    height: float  # what the labels take below the axis
    every: int  # label every n-th category
    angle: float
    max_width: float


def _category_labels(labels: Sequence[str], group_w: float, height: float,
                     rotate: bool, every: int | None) -> _Labels:
    """Level labels when they fit, else turned (`rotate`) or only every n-th one; with
    `every`, the caller left blank the labels between the ones to show."""
    widest = max(text_width(t, SMALL) for t in labels)
    level_h = SMALL * 1.5 + GAP
    if every is not None:
        return _Labels(level_h, 1, 0.0, group_w * every - GAP)
    if widest <= group_w - GAP:
        return _Labels(level_h, 1, 0.0, group_w - GAP)
    if not rotate:
        every = math.ceil((widest + 2 * GAP) / group_w)
        return _Labels(level_h, every, 0.0, group_w * every - GAP)
    sin, cos = math.sin(math.radians(ROTATION)), math.cos(math.radians(ROTATION))
    longest = min(widest, max((height * 0.35 - SMALL * cos) / sin, text_width("Abcd…", SMALL)))
    every = max(1, math.ceil(SMALL * 1.15 / (group_w * sin)))
    return _Labels(longest * sin + SMALL * cos + 2 * GAP, every, ROTATION, longest)


def column_chart(groups: Sequence[Group], *, width: float, height: float, title: str,
                 summary: str, entries: Sequence[LegendEntry],
                 axis_label: Callable[[float], str], rotate_labels: bool = True,
                 label_every: int | None = None) -> Drawing:
    """Vertical bars in groups over category labels, a value axis with round ticks, a legend.

    Labels too wide to stand level are turned (`rotate_labels`) or thinned to every n-th;
    `label_every` says the caller blanked all but every n-th label itself."""
    if not groups:
        return empty_drawing(width, height, title)
    if not fits(width, height):
        return empty_drawing(width, height, title, TOO_SMALL)
    sketch = Sketch(width, height)
    top = legend_room(sketch, entries)
    top += SMALL * 1.5 if any(b.marker for g in groups for b in g.bars) else GAP
    ticks = nice_ticks(max(b.total for g in groups for b in g.bars))
    left = tick_label_width(ticks, axis_label) + 2 * GAP
    right = max(width - GAP, left + 1.0)
    group_w = (right - left) / len(groups)
    labels = _category_labels([g.label for g in groups], group_w, height, rotate_labels,
                              label_every)
    if labels.angle:  # the first turned label hangs left of its bar: keep it on the canvas
        first = min(text_width(groups[0].label, SMALL), labels.max_width)
        overhang = first * math.cos(math.radians(labels.angle)) - group_w / 2 + GAP
        if overhang > left:
            left = min(overhang, width / 3)
            group_w = (right - left) / len(groups)
    bottom = max(height - labels.height, top + 1.0)
    value_axis(sketch, ticks, left=left, right=right, top=top, bottom=bottom, label=axis_label)
    scale = (bottom - top) / ticks[-1]
    for index, group in enumerate(groups):
        middle = left + group_w * (index + 0.5)
        bar_w = min(group_w * 0.76 / len(group.bars), FONT * 4)
        for number, bar in enumerate(group.bars):
            x = middle - bar_w * len(group.bars) / 2 + number * bar_w
            y = bottom
            for segment in bar.segments:
                if segment.value <= 0:
                    continue
                h = max(segment.value * scale, _MIN_BAR)
                sketch.rect(x + bar_w * 0.06, y - h, bar_w * 0.88, h, segment.role, segment.tip)
                y -= h
            if bar.marker:
                sketch.text(x + bar_w / 2, y - GAP / 2, bar.marker, role="over", size=SMALL,
                            bold=True, align="center", valign="bottom")
        if index % labels.every:
            continue
        if labels.angle:
            sketch.text(middle + SMALL * 0.3, bottom + GAP * 1.5,
                        elide(group.label, labels.max_width, SMALL), size=SMALL, align="right",
                        valign="middle", angle=labels.angle, max_width=labels.max_width)
        else:
            sketch.text(middle, bottom + GAP, elide(group.label, labels.max_width, SMALL),
                        size=SMALL, align="center", valign="top", max_width=labels.max_width)
    return sketch.done(title, summary, entries)


def bar_rows_chart(rows: Sequence[Row], *, width: float, height: float, title: str,
                   summary: str, entries: Sequence[LegendEntry],
                   axis_label: Callable[[float], str], more: int = 0) -> Drawing:
    """Horizontal bars, one per row, labels on the left, values after the bars; the rows
    that do not fit the height (and `more` the caller left out) are counted under the chart
    ("… and 12 more")."""
    if not rows:
        return empty_drawing(width, height, title)
    if not fits(width, height):
        return empty_drawing(width, height, title, TOO_SMALL)
    sketch = Sketch(width, height)
    top = legend_room(sketch, entries) + GAP
    axis_h, min_row = SMALL * 1.6, SMALL * 1.5
    room = max(height - top - axis_h, min_row)
    shown = list(rows)
    if len(shown) * min_row > room:
        shown = shown[:max(1, int(room // min_row) - 1)]
    hidden = len(rows) - len(shown) + more
    more_h = SMALL * 1.5 if hidden else 0.0
    row_h = min(max((room - more_h) / len(shown), 1.0), ROW)
    ticks = nice_ticks(max(r.total for r in shown))
    label_w = label_width(shown, width)
    value_w = max(max(text_width(r.value_label, SMALL) for r in shown),
                  text_width(axis_label(ticks[-1]), SMALL) / 2) + GAP
    left = label_w + 2 * GAP
    right = max(width - value_w - GAP, left + 1.0)
    bottom = top + row_h * len(shown)
    scale = (right - left) / ticks[-1]
    for tick in ticks:
        x = left + tick * scale
        if tick > 0:
            sketch.line(((x, top), (x, bottom)), "grid", width=0.5)
        sketch.text(x, bottom + GAP / 2, axis_label(tick), role="muted", size=SMALL,
                    align="center", valign="top")
    for index, row in enumerate(shown):
        y = top + index * row_h
        middle = y + row_h / 2
        x = left
        for segment in row.segments:
            if segment.value <= 0:
                continue
            w = max(segment.value * scale, _MIN_BAR)
            sketch.rect(x, y + row_h * 0.18, w, row_h * 0.64, segment.role, segment.tip)
            x += w
        row_label(sketch, row.label, left, middle, label_w, row.keep > 0)
        sketch.text(x + GAP, middle, row.value_label, size=SMALL, role="muted")
    sketch.line(((left, top), (left, bottom)), "axis")
    if hidden:
        sketch.text(left, bottom + axis_h + more_h / 2, f"… and {hidden:,} more (see the table)",
                    role="muted", size=SMALL, max_width=width - left)
    return sketch.done(title, summary, entries,
                       min(bottom + axis_h + more_h + GAP, height))


@dataclass(frozen=True, slots=True)
class Compare:
    """One row of a budget-vs-actual chart: the budget as a wide light bar, the actual as a
    narrower bar over it (role "over" once past the budget), the figures written after them.
    `keep` characters at the start of the label (a case number) always stay readable."""

    label: str
    budget: float
    actual: float
    value_label: str
    over: bool = False
    budget_tip: str = ""
    actual_tip: str = ""
    keep: int = 0
    near: bool = False  # near its budget: the figures in the "near" role (and say so)
    short_value: str = ""  # what to write when `value_label` would crowd the bars out


_COMPARE_MIN_ROW = SMALL * 1.6


def compare_rows_chart(rows: Sequence[Compare], *, width: float, height: float, title: str,
                       summary: str, entries: Sequence[LegendEntry],
                       axis_label: Callable[[float], str], more: int = 0) -> Drawing:
    """Budget against actual in horizontal rows (a bullet chart): labels on the left in full
    (cut only when a label would take more than 45% of the width), a value axis along the
    bottom; rows that do not fit the height (and `more` left out) are counted under it."""
    if not rows:
        return empty_drawing(width, height, title)
    if not fits(width, height):
        return empty_drawing(width, height, title, TOO_SMALL)
    sketch = Sketch(width, height)
    top = legend_room(sketch, entries) + GAP
    axis_h = SMALL * 1.6
    room = max(height - top - axis_h, _COMPARE_MIN_ROW)
    shown = list(rows)
    if len(shown) * _COMPARE_MIN_ROW > room:
        shown = shown[:max(1, int(room // _COMPARE_MIN_ROW) - 1)]
    hidden = len(rows) - len(shown) + more
    more_h = SMALL * 1.5 if hidden else 0.0
    row_h = min(max((room - more_h) / len(shown), 1.0), ROW)
    ticks = nice_ticks(max(max(r.budget, r.actual) for r in shown))
    label_w = label_width(shown, width)
    values = [r.value_label for r in shown]
    if max(text_width(v, SMALL, r.over) for v, r in zip(values, shown, strict=True)) \
            > width * 0.3:  # narrow: the short form ("$16.8k — over")
        values = [r.short_value or r.value_label for r in shown]
    value_w = min(max(max(text_width(v, SMALL, r.over) for v, r in zip(values, shown,
                                                                       strict=True)),
                      text_width(axis_label(ticks[-1]), SMALL) / 2) + 2 * GAP, width * 0.3)
    left = label_w + 2 * GAP
    right = max(width - value_w - GAP, left + 1.0)
    bottom = top + row_h * len(shown)
    scale = (right - left) / ticks[-1]
    for tick in ticks:
        x = left + tick * scale
        if tick > 0:
            sketch.line(((x, top), (x, bottom)), "grid", width=0.5)
        sketch.text(x, bottom + GAP / 2, axis_label(tick), role="muted", size=SMALL,
                    align="center", valign="top")
    for index, (row, value) in enumerate(zip(shown, values, strict=True)):
        middle = top + (index + 0.5) * row_h
        budget_w = max(row.budget * scale, _MIN_BAR) if row.budget > 0 else 0.0
        actual_w = max(row.actual * scale, _MIN_BAR) if row.actual > 0 else 0.0
        sketch.rect(left, middle - row_h * 0.34, budget_w, row_h * 0.68, "budget",
                    row.budget_tip)
        sketch.rect(left, middle - row_h * 0.17, actual_w, row_h * 0.34,
                    "over" if row.over else "actual", row.actual_tip)
        row_label(sketch, row.label, left, middle, label_w, row.keep > 0)
        end = left + max(budget_w, actual_w)
        sketch.text(end + GAP, middle, value, size=SMALL, bold=row.over,
                    role="over" if row.over else "near" if row.near else "muted",
                    max_width=max(width - end - 2 * GAP, 1.0))
    sketch.line(((left, top), (left, bottom)), "axis")
    if hidden:
        sketch.text(left, bottom + axis_h + more_h / 2, f"… and {hidden:,} more (see the table)",
                    role="muted", size=SMALL, max_width=width - left)
    return sketch.done(title, summary, entries,
                       min(bottom + axis_h + more_h + GAP, height))
