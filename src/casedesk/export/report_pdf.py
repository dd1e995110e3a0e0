"""The report as a PDF (fpdf2), as a person expects one: the title, the firm, the period and the
day it was made on the first page; each section's notes, chart and table (money right-aligned
with the currency, the header row repeated on every page, totals bold); "Page n of N" and the
firm in every footer; title, author and subject in the document's properties.

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
from typing import Any

from casedesk.export.report_document import Cell, Column, ReportDocument, Section, Table
from casedesk.export.report_drawing import BASELINE
from casedesk.export.report_format import (
    LETTER_CURRENCIES,
    day_text,
    hours_text,
    money_text,
    percent_text,
)
from casedesk.export.report_pdf_draw import colour, cut_to_width, draw

MARGIN = 36.0  # points (half an inch)
TABLE_SIZE = 8.5
ROW_H = 13.0
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
    """A cell as printed: '$1,234.50', '12.50', '112.3%', '1 Jan 2026', '1,234'."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return money_text(value, currency)
    if kind == "hours" and isinstance(value, Decimal):
        return hours_text(value)
    if kind == "percent" and isinstance(value, Decimal):
        return percent_text(value)
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
    elif section.table is not None and not section.table.rows and section.chart is None:
        pdf.set_font(pdf.family, "", 9)
        pdf.cell(0, 14, "Nothing to show for this period.", align="L", new_x="LMARGIN",
                 new_y="NEXT")


# -- tables -----------------------------------------------------------------------------------
class _Measure:
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
        if self.width(text, bold) <= room:
            return text
        self._font(bold)
        return cut_to_width(text, room, self.pdf.get_string_width)


def _natural(pdf: Any, table: Table, currency: str) -> list[float]:
    """Each column's width for its header and widest cell (the first MEASURED_ROWS rows)."""
    measure = _measure(pdf)
    widths = []
    for n, column in enumerate(table.columns):
        widest = measure.width(pdf.clean(column.label), True)
        if table.totals is not None:
            widest = max(widest, measure.width(
                pdf.clean(cell_text(table.totals[n], column.kind, currency)), True))
        for row in table.rows[:MEASURED_ROWS]:
            widest = max(widest, measure.width(
                pdf.clean(cell_text(row[n], column.kind, currency))))
        widths.append(widest + 2 * PAD)
    return widths


def _measure(pdf: Any) -> _Measure:
    measure = getattr(pdf, "measure", None)
    if not isinstance(measure, _Measure):
        measure = _Measure(pdf)
        pdf.measure = measure
    return measure


def _too_wide(pdf: Any, table: Table, currency: str) -> bool:
    natural = _natural(pdf, table, currency)
    numeric = sum(w for w, c in zip(natural, table.columns, strict=True) if c.numeric)
    texts = sum(min(w, 110.0) for w, c in zip(natural, table.columns, strict=True)
                if not c.numeric)
    return bool(numeric + texts > pdf.epw)


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


def _row(pdf: Any, cells: Sequence[str], columns: Sequence[Column], widths: Sequence[float],
         *, bold: bool = False, fill: bool = False) -> None:
    """One table row: text left-aligned, numbers right-aligned, each cut to its column."""
    measure = _measure(pdf)
    y = pdf.get_y()
    if fill:
        pdf.rect(MARGIN, y, sum(widths), ROW_H, style="F")
    pdf.set_font(pdf.family, "B" if bold else "", TABLE_SIZE)
    baseline = y + ROW_H / 2 + BASELINE["middle"] * TABLE_SIZE
    x = MARGIN
    for text, column, width in zip(cells, columns, widths, strict=True):
        shown = measure.fit(pdf.clean(text), width - 2 * PAD, bold)
        if shown:
            at = x + width - PAD - measure.width(shown, bold) if column.numeric else x + PAD
            pdf.text(at, baseline, shown)
        x += width
    pdf.set_y(y + ROW_H)


def _header(pdf: Any, table: Table, widths: Sequence[float]) -> None:
    pdf.set_fill_color(236, 239, 243)
    pdf.set_text_color(*colour("label"))
    _row(pdf, [c.label for c in table.columns], table.columns, widths, bold=True, fill=True)
    pdf.set_draw_color(*colour("axis"))
    pdf.set_line_width(0.5)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + sum(widths), pdf.get_y())


def _table(pdf: Any, table: Table, currency: str) -> None:
    widths = column_widths(_natural(pdf, table, currency), table.columns, pdf.epw)
    if _room(pdf) < ROW_H * 3:
        pdf.add_page()
    _header(pdf, table, widths)
    pdf.set_fill_color(247, 248, 250)
    kinds = [c.kind for c in table.columns]
    for n, row in enumerate(table.rows):
        cells = [cell_text(v, k, currency) for v, k in zip(row, kinds, strict=True)]
        if _room(pdf) < ROW_H:
            pdf.add_page()
            _header(pdf, table, widths)
            pdf.set_fill_color(247, 248, 250)
        pdf.set_text_color(*colour("label"))
        _row(pdf, cells, table.columns, widths, fill=n % 2 == 1)
    if table.totals is not None:
        if _room(pdf) < ROW_H + 2:
            pdf.add_page()
            _header(pdf, table, widths)
        pdf.set_draw_color(*colour("axis"))
        pdf.set_line_width(0.8)
        pdf.line(MARGIN, pdf.get_y(), MARGIN + sum(widths), pdf.get_y())
        pdf.set_text_color(*colour("label"))
        _row(pdf, [cell_text(v, c.kind, currency) for v, c in
                   zip(table.totals, table.columns, strict=True)], table.columns, widths,
             bold=True)
    pdf.ln(4)
