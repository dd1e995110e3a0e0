"""The report as a PDF (fpdf2), as a person expects one: the title, the firm, the period and the
day it was made on the first page; each section's notes, chart and table (money right-aligned
with the currency, negative amounts in brackets as on screen, "($9,412.86)"; the header row
repeated on every page, its labels folded onto two lines rather than cut when the table is
tight; totals bold); "Page n of N" and the firm in every footer; title, author and subject in
the document's properties.

US Letter for dollar practices (USD, CAD), A4 otherwise; landscape when a table is too wide for
portrait. Text is set in DejaVu Sans Condensed, shipped in casedesk/resources/fonts (its
licence allows it), so names with accents, dashes and other scripts print as typed; the
standard PDF fonts (WinAnsi only) are the fallback if the font files are missing. A character
the font has no glyph for (Chinese, Japanese, Korean...) prints as the replacement mark
U+FFFD, so the reader sees that something is there rather than a silent gap; control
characters (Word's line break is a vertical tab) print as spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, NamedTuple

from casedesk.export.report_document import Cell, Column, ReportDocument, Section, Table
from casedesk.export.report_drawing import BASELINE
from casedesk.export.report_format import (
    LETTER_CURRENCIES,
    day_text,
    hours_text,
    money_text,
    month_text,
    percent_text,
    plural,
)
from casedesk.export.report_pdf_draw import (
    TABLE_SIZE,
    colour,
    column_widths,
    draw,
    fold_headers,
    measure_of,
    table_need,
    two_line_width,
)

__all__ = ["TableLayout", "cell_text", "column_widths", "header_labels", "printable",
           "render_pdf", "table_layout", "write_pdf"]

MARGIN = 36.0  # points (half an inch)
ROW_H = 13.0
HEADER_LINE_H = 9.5  # each further line of a folded header label
PAD = 3.0  # inside a table cell, each side
CHART_SCALE = 0.8  # drawing units -> points: the charts' 10-unit font prints at 8 pt
MIN_CHART_H = 150.0  # points: a chart is made lower, down to this, to stay on the page
MEASURED_ROWS = 2000  # column widths come from this many rows (longer text is cut with "…")
FONT_FILES = {"": "DejaVuSansCondensed.ttf", "B": "DejaVuSansCondensed-Bold.ttf"}
FAMILY = "DejaVu"
MISSING = "\ufffd"  # what a character without a glyph in the font prints as
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str, covered: frozenset[int] | None) -> str:
    """`text` as the font can print it: control characters as spaces, and characters it has
    no glyph for (`covered`: the code points it has; None: the core fonts, WinAnsi only) as
    U+FFFD, or "?" in WinAnsi."""
    text = _CONTROLS.sub(" ", text)
    if covered is None:
        return text.encode("cp1252", "replace").decode("cp1252")
    if text.isascii() or covered.issuperset(map(ord, text)):
        return text
    return "".join(c if ord(c) in covered else MISSING for c in text)


def cell_text(value: Cell, kind: str, currency: str) -> str:
    """A cell as printed: '$1,234.50', '($12.00)', '12.50', '112.3%', '1 Jan 2026',
    'Oct 2020', '1,234'."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return money_text(value, currency, brackets=True)
    if kind == "hours" and isinstance(value, Decimal):
        return hours_text(value)
    if kind == "percent" and isinstance(value, Decimal):
        return percent_text(value)
    if kind == "month" and isinstance(value, date):
        return month_text(value)
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


@contextmanager
def _font_paths() -> Iterator[dict[str, Path] | None]:
    """The bundled font files as paths (None if they are missing from this install)."""
    folder = files("casedesk.resources").joinpath("fonts")
    with ExitStack() as stack:
        try:
            paths = {style: stack.enter_context(as_file(folder.joinpath(name)))
                     for style, name in FONT_FILES.items()}
        except (FileNotFoundError, OSError):
            yield None
            return
        yield paths if all(p.is_file() for p in paths.values()) else None


def _new_pdf(doc: ReportDocument, fonts: dict[str, Path] | None, orientation: str) -> Any:
    from fpdf import FPDF

    class ReportPdf(FPDF):
        family = FAMILY if fonts else "Helvetica"

        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font(self.family, "", 7.5)
                self.set_text_color(*colour("muted"))
                self.set_xy(MARGIN, MARGIN / 2)
                self.cell(0, 10, self.clean(f"{doc.title} · {doc.period_text}"), align="R")
                self.set_xy(MARGIN, MARGIN)

        def footer(self) -> None:
            self.set_y(-MARGIN + 8)
            self.set_font(self.family, "", 7.5)
            self.set_text_color(*colour("muted"))
            self.set_draw_color(*colour("grid"))
            self.line(MARGIN, self.get_y() - 3, self.w - MARGIN, self.get_y() - 3)
            self.cell(self.epw / 2, 10, self.clean(doc.firm_name))
            self.cell(self.epw / 2, 10, f"Page {self.page_no()} of {{nb}}", align="R")

        covered: frozenset[int] | None = None  # the code points every loaded style has

        def clean(self, text: str) -> str:
            """Text the font can show (printable())."""
            return printable(text, self.covered)

    paper = "letter" if doc.currency.upper() in LETTER_CURRENCIES else "A4"
    pdf = ReportPdf(orientation=orientation, unit="pt", format=paper)
    if fonts:
        for style, path in fonts.items():
            pdf.add_font(FAMILY, style, str(path))
        pdf.covered = frozenset.intersection(*(frozenset(getattr(f, "cmap", ()))
                                               for f in pdf.fonts.values()))
    else:
        pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = PAD  # inside table cells, left and right
    pdf.set_auto_page_break(True, MARGIN + 6)
    pdf.set_title(doc.title)
    pdf.set_author(doc.firm_name)
    pdf.set_subject(f"{doc.title} · {doc.period_text}")
    pdf.set_creator("casedesk")
    pdf.set_lang("en")
    pdf.set_creation_date(datetime.now(UTC))
    return pdf


def _close_fonts(pdf: Any) -> None:
    """fpdf2 keeps each font file open until its output closes the ones it embedded."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close is not None:
            close()


@contextmanager
def _document_pdf(doc: ReportDocument, fonts: dict[str, Path] | None) -> Iterator[Any]:
    """A PDF in the orientation the widest table needs (landscape if portrait is too narrow)."""
    pdf = _new_pdf(doc, fonts, "P")
    try:
        wide = any(_too_wide(pdf, s.table, doc.currency) for s in doc.sections
                   if s.table is not None and s.table_in_pdf)
    except BaseException:
        _close_fonts(pdf)
        raise
    if wide:
        _close_fonts(pdf)
        pdf = _new_pdf(doc, fonts, "L")
    try:
        yield pdf
    finally:
        _close_fonts(pdf)


def render_pdf(doc: ReportDocument) -> bytes:
    """The PDF file's bytes."""
    with _font_paths() as fonts, _document_pdf(doc, fonts) as pdf:
        pdf.add_page()
        _title_block(pdf, doc)
        for section in doc.sections:
            _section(pdf, section, doc.currency)
        return bytes(pdf.output())


def write_pdf(document: ReportDocument, path: Path) -> None:
    """Write the PDF whole (atomically), refusing a missing folder before any work."""
    from casedesk.export.report_document import write_report

    write_report(document, path, "pdf")


def _title_block(pdf: Any, doc: ReportDocument) -> None:
    pdf.set_text_color(*colour("label"))
    pdf.set_font(pdf.family, "B", 16)
    pdf.multi_cell(0, 20, pdf.clean(doc.title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 11)
    pdf.multi_cell(0, 15, pdf.clean(doc.firm_name), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 9.5)
    lines = [f"Period: {doc.period_text}"] + ([doc.subtitle] if doc.subtitle else [])
    for line in lines:
        pdf.multi_cell(0, 13, pdf.clean(line), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 8.5)
    pdf.set_text_color(*colour("muted"))
    pdf.multi_cell(0, 12, f"Generated {day_text(doc.generated_on)} · amounts in "
                          f"{doc.currency}", align="L", new_x="LMARGIN", new_y="NEXT")
    for note in doc.notes:
        pdf.multi_cell(0, 11, pdf.clean(note), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_draw_color(*colour("axis"))
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
    pdf.ln(6)


def _room(pdf: Any) -> float:
    return float(pdf.page_break_trigger - pdf.get_y())


def _section(pdf: Any, section: Section, currency: str) -> None:
    table = section.table if section.table_in_pdf else None
    chart_h = min(pdf.epw * 0.42, 230.0) if section.chart is not None else 0.0
    first = min(chart_h, MIN_CHART_H) or (ROW_H * 4 if table is not None else 30.0)
    if _room(pdf) < 50 + first:  # keep the heading (and notes) with what follows it
        pdf.add_page()
    pdf.ln(6)
    pdf.set_text_color(*colour("label"))
    pdf.set_font(pdf.family, "B", 12)
    pdf.multi_cell(0, 16, pdf.clean(section.title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 8.5)
    pdf.set_text_color(*colour("muted"))
    for note in section.notes:
        pdf.multi_cell(0, 11, pdf.clean(note), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if section.chart is not None:
        if _room(pdf) < chart_h:
            if _room(pdf) >= max(MIN_CHART_H, chart_h * 0.6):
                chart_h = _room(pdf)  # a little lower rather than a page break
            else:
                pdf.add_page()
        drawing = section.chart(pdf.epw / CHART_SCALE, chart_h / CHART_SCALE)
        draw(pdf, drawing, x=MARGIN, y=pdf.get_y(), scale=CHART_SCALE, family=pdf.family)
        pdf.set_y(pdf.get_y() + drawing.used_height * CHART_SCALE + 6)
    if table is not None:
        _table(pdf, table, currency)
    elif section.table is not None and section.chart is None:
        pdf.set_font(pdf.family, "", 9)
        rows = len(section.table.rows)
        pdf.cell(0, 14, f"The full list ({plural(rows, 'row')}) is in the CSV and Excel "
                        "versions of this report." if rows else
                 "Nothing to show for this period.", align="L", new_x="LMARGIN", new_y="NEXT")


# -- tables -----------------------------------------------------------------------------------
def _natural(pdf: Any, table: Table, currency: str, room: float) -> list[float]:
    """Each column's width for its widest cell (of the first MEASURED_ROWS rows) and its
    header, the headers folded onto two lines where the table would not fit `room` else."""
    measure = measure_of(pdf)
    cells, heads, folded = [], [], []
    for n, (column, bracketed) in enumerate(zip(table.columns, _bracketed(table),
                                                strict=True)):
        widest = 0.0
        for row, bold in [*((r, False) for r in table.rows[:MEASURED_ROWS]),
                          *([(table.totals, True)] if table.totals is not None else [])]:
            text = pdf.clean(cell_text(row[n], column.kind, currency))
            widest = max(widest, measure.width(text, bold)
                         + measure.inset(text, bracketed))
        label = pdf.clean(column.label)
        pad = 2 * PAD + measure.inset("", bracketed)
        cells.append(widest + 2 * PAD)
        heads.append(measure.width(label, True) + pad)
        folded.append(two_line_width(label, lambda t: measure.width(t, True)) + pad)
    return fold_headers(cells, heads, folded, table.columns, room)


def _bracketed(table: Table) -> list[bool]:
    """Which columns hold a negative amount (printed in brackets)."""
    rows = [*table.rows, *([table.totals] if table.totals is not None else [])]
    return [c.kind == "money" and any(isinstance(v := r[n], Decimal) and v < 0 for r in rows)
            for n, c in enumerate(table.columns)]


def _too_wide(pdf: Any, table: Table, currency: str) -> bool:
    return table_need(_natural(pdf, table, currency, pdf.epw), table.columns) > float(pdf.epw)


def _row(pdf: Any, cells: Sequence[str], columns: Sequence[Column], widths: Sequence[float],
         brackets: Sequence[bool], *, bold: bool = False, fill: bool = False) -> None:
    """One table row: text left-aligned, numbers right-aligned (money clear of the place of a
    negative amount's closing bracket), each cut to its column."""
    measure = measure_of(pdf)
    y = pdf.get_y()
    if fill:
        pdf.rect(MARGIN, y, sum(widths), ROW_H, style="F")
    pdf.set_font(pdf.family, "B" if bold else "", TABLE_SIZE)
    baseline = y + ROW_H / 2 + BASELINE["middle"] * TABLE_SIZE
    x = MARGIN
    for text, column, width, bracketed in zip(cells, columns, widths, brackets, strict=True):
        text = pdf.clean(text)
        inset = measure.inset(text, bracketed)
        shown = measure.fit(text, width - 2 * PAD - inset, bold)
        if shown:
            at = (x + width - PAD - inset - measure.width(shown, bold) if column.numeric
                  else x + PAD)
            pdf.text(at, baseline, shown)
        x += width
    pdf.set_y(y + ROW_H)


def header_labels(pdf: Any, table: Table, widths: Sequence[float],
                  brackets: Sequence[bool] | None = None) -> list[list[str]]:
    """Each column's label in the lines it is printed in (folded to fit the column)."""
    measure = measure_of(pdf)
    brackets = _bracketed(table) if brackets is None else brackets
    return [measure.header_lines(pdf.clean(c.label),
                                 w - 2 * PAD - measure.inset("", bracketed))
            for c, w, bracketed in zip(table.columns, widths, brackets, strict=True)]


def _header_height(labels: Sequence[Sequence[str]]) -> float:
    return ROW_H + HEADER_LINE_H * (max((len(lines) for lines in labels), default=1) - 1)


def _header(pdf: Any, table: Table, widths: Sequence[float],
            labels: Sequence[Sequence[str]], brackets: Sequence[bool]) -> None:
    """The header row: labels bold on a tint, folded ones growing upwards, so each label's
    last line sits on one baseline, right-aligned over numbers."""
    measure = measure_of(pdf)
    y, height = pdf.get_y(), _header_height(labels)
    pdf.set_fill_color(236, 239, 243)
    pdf.rect(MARGIN, y, sum(widths), height, style="F")
    pdf.set_text_color(*colour("label"))
    pdf.set_font(pdf.family, "B", TABLE_SIZE)
    last = y + height - ROW_H / 2 + BASELINE["middle"] * TABLE_SIZE
    x = MARGIN
    for lines, column, width, bracketed in zip(labels, table.columns, widths, brackets,
                                               strict=True):
        right = x + width - PAD - measure.inset("", bracketed)
        for n, line in enumerate(lines):
            at = right - measure.width(line, True) if column.numeric else x + PAD
            pdf.text(at, last - HEADER_LINE_H * (len(lines) - 1 - n), line)
        x += width
    pdf.set_y(y + height)
    pdf.set_draw_color(*colour("axis"))
    pdf.set_line_width(0.5)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + sum(widths), pdf.get_y())


class TableLayout(NamedTuple):
    widths: list[float]  # points, each column
    labels: list[list[str]]  # each header label in its lines
    brackets: list[bool]  # which columns hold negative amounts


def table_layout(pdf: Any, table: Table, currency: str) -> TableLayout:
    """How a table is laid out across the page: its columns' widths and header lines."""
    widths = column_widths(_natural(pdf, table, currency, pdf.epw), table.columns, pdf.epw)
    brackets = _bracketed(table)
    return TableLayout(widths, header_labels(pdf, table, widths, brackets), brackets)


def _table(pdf: Any, table: Table, currency: str) -> None:
    widths, labels, brackets = table_layout(pdf, table, currency)
    if _room(pdf) < _header_height(labels) + ROW_H * 2:
        pdf.add_page()
    _header(pdf, table, widths, labels, brackets)
    pdf.set_fill_color(247, 248, 250)
    kinds = [c.kind for c in table.columns]
    for n, row in enumerate(table.rows):
        cells = [cell_text(v, k, currency) for v, k in zip(row, kinds, strict=True)]
        if _room(pdf) < ROW_H:
            pdf.add_page()
            _header(pdf, table, widths, labels, brackets)
            pdf.set_fill_color(247, 248, 250)
        pdf.set_text_color(*colour("label"))
        _row(pdf, cells, table.columns, widths, brackets, fill=n % 2 == 1)
    if table.totals is not None:
        if _room(pdf) < ROW_H + 2:
            pdf.add_page()
            _header(pdf, table, widths, labels, brackets)
        pdf.set_draw_color(*colour("axis"))
        pdf.set_line_width(0.8)
        pdf.line(MARGIN, pdf.get_y(), MARGIN + sum(widths), pdf.get_y())
        pdf.set_text_color(*colour("label"))
        _row(pdf, [cell_text(v, c.kind, currency) for v, c in
                   zip(table.totals, table.columns, strict=True)], table.columns, widths,
             brackets, bold=True)
    pdf.ln(4)
