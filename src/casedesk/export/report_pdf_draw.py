"""Painting a chart `Drawing` (report_drawing.py) on an fpdf2 page, in print colours.

The screen's renderer is ui/widgets/chart_canvas.py; both place text the same way (the anchor,
alignment and turn the layout chose; the baseline from `BASELINE` fractions of the font size)
so the chart on paper is the chart on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from casedesk.export.report_drawing import BASELINE, Drawing, Line, Rect, Text

RGB = tuple[int, int, int]

# Print colours: mid-tones that survive a grey-scale printer (budget light, actual dark, over
# red *and* marked with the word "over").
PRINT_COLOURS: dict[str, RGB] = {
    "budget": (164, 183, 204), "actual": (44, 90, 140), "over": (192, 40, 30),
    "billable": (44, 90, 140), "nonbillable": (186, 176, 172),
    "fees": (78, 121, 167), "expenses": (242, 142, 43),
    "series0": (78, 121, 167), "series1": (242, 142, 43), "series2": (89, 161, 79),
    "series3": (176, 122, 161), "series4": (237, 201, 72), "series5": (118, 183, 178),
    "other": (186, 176, 172),
    "budget_line": (120, 120, 120), "axis": (90, 90, 90), "grid": (222, 222, 222),
    "marker": (138, 90, 0),
    "label": (40, 40, 40), "muted": (105, 105, 105), "empty": (120, 120, 120),
}


def colour(role: str) -> RGB:
    return PRINT_COLOURS.get(role, PRINT_COLOURS["label"])


def cut_to_width(text: str, room: float, width: Callable[[str], float]) -> str:
    """The longest start of `text` that fits `room` with "…" after it ("" if none does),
    found by halving: a 20,000-row table of long titles must not measure every prefix."""
    fits, over = 0, len(text)  # text[:fits] + "…" fits (or fits is 0); text[:over] does not
    while over - fits > 1:
        middle = (fits + over) // 2
        if width(text[:middle].rstrip() + "…") <= room:
            fits = middle
        else:
            over = middle
    return text[:fits].rstrip() + "…" if fits else ""


def fit_text(pdf: Any, text: str, max_width: float | None) -> str:
    """`text` cut with "…" to fit `max_width` points in the current font."""
    if max_width is None or pdf.get_string_width(text) <= max_width:
        return text
    return cut_to_width(text, max_width, pdf.get_string_width)


def draw(pdf: Any, drawing: Drawing, *, x: float, y: float, scale: float, family: str) -> None:
    """Paint `drawing` with its top-left corner at (x, y), `scale` points per unit."""
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            pdf.set_fill_color(*colour(shape.role))
            pdf.rect(x + shape.x * scale, y + shape.y * scale, shape.w * scale,
                     shape.h * scale, style="F")
        elif isinstance(shape, Line):
            pdf.set_draw_color(*colour(shape.role))
            pdf.set_line_width(shape.width * scale)
            if shape.dashed:
                pdf.set_dash_pattern(dash=4 * scale, gap=3 * scale)
            pdf.polyline([(x + px * scale, y + py * scale) for px, py in shape.points])
            if shape.dashed:
                pdf.set_dash_pattern()
        else:
            _text(pdf, shape, x, y, scale, family)


def _text(pdf: Any, shape: Text, x: float, y: float, scale: float, family: str) -> None:
    size = shape.size * scale
    pdf.set_font(family, "B" if shape.bold else "", size)
    pdf.set_text_color(*colour(shape.role))
    limit = shape.max_width * scale if shape.max_width is not None else None
    clean = getattr(pdf, "clean", None)  # report_pdf's: what the font can print
    text = fit_text(pdf, clean(shape.text) if clean is not None else shape.text, limit)
    if not text:
        return
    width = pdf.get_string_width(text)
    dx = {"left": 0.0, "center": -width / 2, "right": -width}[shape.align]
    dy = BASELINE[shape.valign] * size
    ax, ay = x + shape.x * scale, y + shape.y * scale
    if shape.angle:
        with pdf.rotation(shape.angle, ax, ay):
            pdf.text(ax + dx, ay + dy, text)
    else:
        pdf.text(ax + dx, ay + dy, text)
