"""The primitives charts are laid out in, and the generic layouts (columns, horizontal bars).

A chart is laid out once, in pure Python, as a `Drawing`: rectangles, lines and text, each with
a semantic role ("budget", "actual", "over", "axis", "grid", "label"...), in abstract units.

Two thin renderers paint a Drawing: `ui/widgets/chart_canvas.py` with QPainter on screen
(colours from the palette) and `export/report_pdf.py` with fpdf2 (print colours). So the chart
on screen and in the PDF is the same drawing, and neither the CLI nor the PDF needs Qt.
docs/architecture.md ("Reports and charts") says why not Qt Charts, Qt Graphs or matplotlib.

Units: a Drawing is laid out for a base font of `FONT` units; a renderer scales it uniformly
(the canvas so that FONT units are its font's pixel size, the PDF so that they are ~8 pt).
Text widths here are estimates (a sans-serif's average advances); renderers elide any text
that still overflows its `max_width`. The report's charts themselves are in report_chart.py
(bars) and report_chart_time.py (burn-up).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

FONT = 10.0  # the base font size, in drawing units
SMALL = 9.0  # axis, legend and category labels
GAP = 4.0
NO_DATA = "No data for this period"

# Where a text's baseline sits from its anchor, in fractions of the font size, for each
# `valign` (both renderers use these): capitals' top at the anchor, their middle, or the
# descenders just above it.
BASELINE = {"top": 0.80, "middle": 0.36, "bottom": -0.22}

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]

# Roles a renderer gives colours to (anything else paints as "label").
BAR_ROLES = ("budget", "actual", "over", "billable", "nonbillable", "fees", "expenses")
LINE_SERIES_ROLES = ("actual", "budget_line")  # the burn-up's lines
SERIES_ROLES = ("series0", "series1", "series2", "series3", "series4", "series5", "other")
LINE_ROLES = ("axis", "grid", "marker")
TEXT_ROLES = ("label", "muted", "empty", "near")  # "near": near its budget (amber)


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    role: str
    tip: str = ""  # what the bar is, in words (tooltip on screen)


@dataclass(frozen=True, slots=True)
class Line:
    points: tuple[tuple[float, float], ...]
    role: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    """Text anchored at (x, y): `align` and `valign` say which point of the text is there;
    `angle` turns it about that point, in degrees counter-clockwise as seen on the page."""

    x: float
    y: float
    text: str
    role: str = "label"
    size: float = FONT
    align: Align = "left"
    valign: VAlign = "middle"
    angle: float = 0.0
    bold: bool = False
    max_width: float | None = None


Shape = Rect | Line | Text


@dataclass(frozen=True, slots=True)
class LegendEntry:
    role: str
    label: str
    mark: Literal["box", "line", "dashed"] = "box"  # a swatch, or a line as the chart draws


@dataclass(frozen=True, slots=True)
class Drawing:
    """A laid-out chart: what to paint (in order), and the chart in words."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    title: str
    summary: str  # the chart in a sentence or two (screen readers, alt text)
    legend: tuple[LegendEntry, ...] = field(default=())
    content_height: float | None = None  # when the chart needs less than `height`

    @property
    def used_height(self) -> float:
        return self.height if self.content_height is None else self.content_height

    def with_role(self, role: str) -> tuple[Shape, ...]:
        return tuple(s for s in self.shapes if s.role == role)

    def texts(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.shapes if isinstance(s, Text))

    @property
    def is_empty(self) -> bool:
        return any(isinstance(s, Text) and s.role == "empty" for s in self.shapes)


ChartFactory = Callable[[float, float], Drawing]

# -- measuring text ----------------------------------------------------------------------------
# Advances in ems, from DejaVu Sans (one of the widest UI sans-serifs, and the PDF's font),
# rounded up within each class, so the estimate errs on the wide side for Segoe UI, SF, Noto...
_ADVANCES: dict[str, float] = {}
for _chars, _em in (("'", 0.28), ("ijlIJ", 0.30), (" ,.·’:;/\\|", 0.34),
                    ("f-()[]t!r", 0.41), ('"*_`–szc“”?', 0.56), ("LFkvxyPTYaoe", 0.62),
                    ("ESbdghnpqu$0123456789{}€£¥₹K", 0.66), ("AVBRXZC", 0.70),
                    ("UHNDG&OQw", 0.80), ("#+<=>^~M", 0.86), ("%mW@…—", 1.0)):
    _ADVANCES.update(dict.fromkeys(_chars, _em))
_OTHER_ADVANCE = 0.72  # letters with accents, other scripts: as wide as a capital


BOLD_WIDER = 1.12  # bold text is this much wider


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """An estimate of the width of `text` in a sans-serif at `size` (errs on the wide side)."""
    width = sum(_ADVANCES.get(char, _OTHER_ADVANCE) for char in text) * size
    return width * BOLD_WIDER if bold else width


def elide(text: str, max_width: float, size: float = FONT, bold: bool = False) -> str:
    """`text`, cut with an ellipsis to fit `max_width` ("" when not even "…" fits)."""
    if text_width(text, size, bold) <= max_width:
        return text
    if text_width("…", size, bold) > max_width:
        return ""
    cut = len(text)
    while cut > 0 and text_width(text[:cut].rstrip() + "…", size, bold) > max_width:
        cut -= 1
    return text[:cut].rstrip() + "…"


# -- scales ------------------------------------------------------------------------------------
def nice_ticks(maximum: float, target: int = 5) -> list[float]:
    """Round tick values from 0 to at least `maximum` (0, 2.5k, 5k...); about `target` steps."""
    if not math.isfinite(maximum) or maximum <= 0:
        maximum = 100.0
    raw = maximum / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    count = max(1, math.ceil(maximum / step - 1e-9))
    return [step * i for i in range(count + 1)]


# -- assembling shapes -------------------------------------------------------------------------
class Sketch:
    """Collects shapes while a chart is laid out."""

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.shapes: list[Shape] = []

    def rect(self, x: float, y: float, w: float, h: float, role: str, tip: str = "") -> None:
        if w > 0 and h > 0:
            self.shapes.append(Rect(x, y, w, h, role, tip))

    def line(self, points: Sequence[tuple[float, float]], role: str, *, width: float = 1.0,
             dashed: bool = False) -> None:
        if len(points) >= 2:
            self.shapes.append(Line(tuple(points), role, width, dashed))

    def text(self, x: float, y: float, text: str, **kw: object) -> None:
        """Add a text (cut with "…" to its `max_width`; nothing if not even that fits)."""
        limit, size = kw.get("max_width"), kw.get("size", FONT)
        if isinstance(limit, float | int) and isinstance(size, float | int):
            text = elide(text, float(limit), float(size), bool(kw.get("bold", False)))
        if text:
            self.shapes.append(Text(x, y, text, **kw))  # type: ignore[arg-type]

    def done(self, title: str, summary: str, legend: Sequence[LegendEntry] = (),
             content_height: float | None = None) -> Drawing:
        return Drawing(self.width, self.height, tuple(self.shapes), title, summary,
                       tuple(legend), content_height)


MIN_WIDTH, MIN_HEIGHT = 60.0, 40.0  # below this a chart says it is too small
TOO_SMALL = "Too small to show the chart"


def fits(width: float, height: float) -> bool:
    return width >= MIN_WIDTH and height >= MIN_HEIGHT


def legend_room(sketch: Sketch, entries: Sequence[LegendEntry]) -> float:
    """Draw the legend unless it would take more than a quarter of the height; its height."""
    trial = Sketch(sketch.width, sketch.height)
    needed = legend(trial, entries)
    if needed > sketch.height / 4:
        return 0.0
    sketch.shapes.extend(trial.shapes)
    return needed


def empty_drawing(width: float, height: float, title: str, message: str = NO_DATA) -> Drawing:
    """A chart with nothing to show: the message, centred."""
    sketch = Sketch(width, height)
    sketch.text(width / 2, height / 2, message, role="empty", size=FONT * 1.1, align="center",
                max_width=max(width - 2 * GAP, 1.0))
    return sketch.done(title, f"{title}: {message.lower()}.")


def legend(sketch: Sketch, entries: Sequence[LegendEntry], *, top: float = 0.0) -> float:
    """Swatches (or short lines, for lines) and labels in rows across the top; returns the
    height they take."""
    if not entries:
        return 0.0
    swatch, row_h = SMALL * 0.9, SMALL * 1.6
    x, y = GAP, top + GAP / 2
    for entry in entries:
        mark_w = swatch if entry.mark == "box" else swatch * 1.8
        need = mark_w + GAP + text_width(entry.label, SMALL) + 3 * GAP
        if x > GAP and x + need > sketch.width:
            x, y = GAP, y + row_h
        middle = y + row_h / 2
        if entry.mark == "box":
            sketch.rect(x, middle - swatch / 2, swatch, swatch, entry.role)
        else:
            sketch.line(((x, middle), (x + mark_w, middle)), entry.role, width=2.0,
                        dashed=entry.mark == "dashed")
        sketch.text(x + mark_w + GAP, middle, entry.label, size=SMALL,
                    max_width=max(sketch.width - x - mark_w - 2 * GAP, 1.0))
        x += need
    return y + row_h - top + GAP / 2


def value_axis(sketch: Sketch, ticks: Sequence[float], *, left: float, right: float,
               top: float, bottom: float, label: Callable[[float], str]) -> None:
    """Horizontal grid lines at the ticks, their labels right-aligned left of the plot."""
    highest = ticks[-1]
    for tick in ticks:
        y = bottom - tick / highest * (bottom - top)
        if tick > 0:
            sketch.line(((left, y), (right, y)), "grid", width=0.5)
        sketch.text(left - GAP, y, label(tick), size=SMALL, align="right", role="muted")
    sketch.line(((left, bottom), (right, bottom)), "axis")


def tick_label_width(ticks: Sequence[float], label: Callable[[float], str]) -> float:
    return max(text_width(label(t), SMALL) for t in ticks)
