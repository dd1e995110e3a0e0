"""Painting a chart `Drawing` (report_drawing.py) on an fpdf2 page, in print colours; and the
pure arithmetic of the PDF's tables: cutting and folding text to a width, column widths.

The screen's renderer is ui/widgets/chart_canvas.py; both place text the same way (the anchor,
alignment and turn the layout chose; the baseline from `BASELINE` fractions of the font size)
so the chart on paper is the chart on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from casedesk.export.report_document import Column
from casedesk.export.report_drawing import BASELINE, Drawing, Line, Rect, Text

RGB = tuple[int, int, int]
TABLE_SIZE = 8.5  # points: the tables' text
HEADER_LINES = 3  # a folded header label takes at most this many lines; longer is cut "…"
SLACK = 0.01  # points: a text measured to fit its column exactly still fits (float rounding)

# Print colours: mid-tones that survive a grey-scale printer (budget light, actual dark, over
# red *and* marked with the word "over", near budget amber *and* marked "near"). Every role in
# report_drawing's role lists has one (tests/unit/test_report_pdf_polish.py checks).
PRINT_COLOURS: dict[str, RGB] = {
    "budget": (164, 183, 204), "actual": (44, 90, 140), "over": (192, 40, 30),
    "billable": (44, 90, 140), "nonbillable": (186, 176, 172),
    "fees": (78, 121, 167), "expenses": (242, 142, 43),
    "series0": (78, 121, 167), "series1": (242, 142, 43), "series2": (89, 161, 79),
    "series3": (176, 122, 161), "series4": (237, 201, 72), "series5": (118, 183, 178),
    "other": (186, 176, 172),
    "budget_line": (120, 120, 120), "axis": (90, 90, 90), "grid": (222, 222, 222),
    "marker": (138, 90, 0), "near": (138, 90, 0),
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


def wrap_words(text: str, room: float, width: Callable[[str], float], max_lines: int = 3,
               slack: float = 0.0) -> list[str]:
    """`text` in lines no wider than `room` (`slack` more, for rounding), broken at spaces;
    a word wider than the room, or what is left past `max_lines`, is cut with "…"."""
    lines: list[str] = []
    words = text.split()
    while words:
        if len(lines) == max_lines - 1:  # the last line takes the rest, cut if need be
            rest = " ".join(words)
            lines.append(rest if width(rest) <= room + slack else cut_to_width(rest, room,
                                                                                  width))
            break
        line = words.pop(0)
        while words and width(f"{line} {words[0]}") <= room + slack:
            line = f"{line} {words.pop(0)}"
        lines.append(line if width(line) <= room + slack else cut_to_width(line, room, width))
    return lines


def two_line_width(text: str, width: Callable[[str], float]) -> float:
    """The least width `text` takes in at most two lines broken at a space."""
    words = text.split()
    best = width(" ".join(words))
    for at in range(1, len(words)):
        best = min(best, max(width(" ".join(words[:at])), width(" ".join(words[at:]))))
    return best


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


# -- table columns ----------------------------------------------------------------------------
TEXT_NEED = 110.0  # what a long text column counts for when deciding whether a table fits


def table_need(widths: Sequence[float], columns: Sequence[Column]) -> float:
    """The room a table needs: numbers whole, long texts (titles, which may be cut) counted
    as TEXT_NEED."""
    return sum(w if c.numeric else min(w, TEXT_NEED)
               for w, c in zip(widths, columns, strict=True))


def fold_headers(cells: Sequence[float], heads: Sequence[float], folded: Sequence[float],
                 columns: Sequence[Column], room: float) -> list[float]:
    """Columns as wide as their widest cell and their header on one line; if that is too
    wide for `room`, headers wider than their cells are folded onto two lines (`folded`: the
    width then), those that save most first, until the table fits (or none is left)."""
    widths = [max(c, h) for c, h in zip(cells, heads, strict=True)]
    savings = sorted(((widths[n] - max(cells[n], folded[n]), n) for n in range(len(widths))),
                     key=lambda s: (-s[0], s[1]))
    for saving, n in savings:
        if saving <= 0 or table_need(widths, columns) <= room:
            break
        widths[n] = max(cells[n], folded[n])
    return widths


STRETCH_KEYS = ("case_title", "title", "category", "staff", "phase", "figure")
KEEP_WHOLE = 100.0  # a text column this narrow (a case number, a status) is never cut
FLOOR = 40.0  # what a long text column keeps at least, when it must be cut


def column_widths(natural: Sequence[float], columns: Sequence[Column], room: float
                  ) -> list[float]:
    """Numbers and short texts (case numbers, statuses) get their natural width; long text
    columns share the rest, cut with "…" where they must. A table wider than half the page
    fills it (its title, else widest text column taking what is left); a narrow one keeps
    its natural width. If even that does not fit, every column shrinks alike."""
    widths = list(natural)
    flex = [n for n, c in enumerate(columns) if not c.numeric and widths[n] > KEEP_WHOLE]
    left = room - sum(w for n, w in enumerate(widths) if n not in flex)
    wanted = sum(widths[n] for n in flex)
    if flex and wanted > left >= FLOOR * len(flex):
        share = left - FLOOR * len(flex)
        extra = sum(widths[n] - FLOOR for n in flex)
        for n in flex:
            widths[n] = FLOOR + share * (widths[n] - FLOOR) / extra
    elif sum(widths) <= room and sum(widths) > room * 0.5:
        texts = [n for n, c in enumerate(columns) if not c.numeric]
        if texts:
            keys = [columns[n].key for n in texts]
            stretch = next((texts[keys.index(k)] for k in STRETCH_KEYS if k in keys),
                           max(texts, key=lambda n: widths[n]))
            widths[stretch] += room - sum(widths)
    total = sum(widths)
    if total > room:  # too many columns for the page: shrink everything alike
        widths = [w * room / total for w in widths]
    return widths


class Measure:
    """Text widths at the table's size, remembered (a long table repeats its names), and text
    cut with "…" to a width."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.widths: dict[tuple[bool, str], float] = {}

    def _font(self, bold: bool) -> None:
        self.pdf.set_font(self.pdf.family, "B" if bold else "", TABLE_SIZE)

    def width(self, text: str, bold: bool = False) -> float:
        found = self.widths.get((bold, text))
        if found is None:
            self._font(bold)
            found = self.widths[(bold, text)] = float(self.pdf.get_string_width(text))
        return found

    def fit(self, text: str, room: float, bold: bool = False) -> str:
        if self.width(text, bold) <= room + SLACK:
            return text
        self._font(bold)
        return cut_to_width(text, room, self.pdf.get_string_width)

    def inset(self, text: str, bracketed: bool) -> float:
        """In a column with negative amounts, a positive one (and the header) keeps the place
        of the closing bracket, so that amounts line up digit under digit (one place for the
        column, bold or not)."""
        return self.width(")") if bracketed and not text.endswith(")") else 0.0

    def header_lines(self, label: str, room: float) -> list[str]:
        """A header label folded at spaces into lines that fit `room`."""
        return wrap_words(label, room, lambda t: self.width(t, True), HEADER_LINES, SLACK)


def measure_of(pdf: Any) -> Measure:
    """The pdf's Measure (one per document: widths are remembered across its tables)."""
    measure = getattr(pdf, "measure", None)
    if not isinstance(measure, Measure):
        measure = Measure(pdf)
        pdf.measure = measure
    return measure
