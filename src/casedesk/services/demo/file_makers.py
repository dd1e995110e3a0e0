"""The bytes of the demo's documents: Word files (python-docx), PDFs (fpdf2), e-mails, text.

Every maker is a pure function of its arguments, so the same seed gives the same bytes: Word
files are zipped with the document's own date as every member's time stamp, PDFs carry a fixed
creation date (fpdf2 derives the file id from it and the content), e-mails carry their own
Date and Message-ID.

Speed: python-docx takes ~40 ms to build and save a file from its default template, mostly in
its 800 kB of styles. `DocxMaker` builds, once per layout (the sequence of paragraph kinds),
a skeleton with python-docx from a trimmed base (only the styles the demo uses), with a marker
for each paragraph's text; each document is then the skeleton with its texts put in and zipped
again, well under a millisecond. PDFs are laid out line by line (fpdf2's `multi_cell` measures
every character again for every line, ~40 ms a page; `text` per wrapped line takes ~2 ms).
"""

from __future__ import annotations

import io
import re
import textwrap
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from email.charset import QP, Charset
from email.header import Header
from email.mime.text import MIMEText
from email.policy import SMTP
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape

# A paragraph of a Word file: (kind, text). Kinds: title, h1, h2, p (justified), line (left,
# as is), gap (empty), center (bold, centred), right, num (numbered list), bullet, sig
# (signature line, space above).
Para = tuple[str, str]
_TOKEN = re.compile("\u27e6(\\d+)\u27e7")
_MARK = "\u27ea"  # where a paragraph's text goes in its kind's XML
_PARAGRAPH = re.compile("<w:p>(?:(?!</w:p>).)*?\u27ea.*?</w:p>", re.DOTALL)
KINDS = ("title", "h1", "h2", "p", "line", "gap", "center", "right", "num", "bullet", "sig")
_CREATED = "2001-01-01T00:00:00Z"  # stand-ins the skeleton's core properties carry
_MODIFIED = "2002-02-02T00:00:00Z"
_TEMPLATED = ("word/document.xml", "docProps/core.xml")
_KEEP_STYLES = {"normal", "title", "heading 1", "heading 2", "list bullet", "list number",
                "default paragraph font", "normal table", "no list", "title char",
                "heading 1 char", "heading 2 char", "footer", "footer char", "header",
                "header char"}


def _token(index: int) -> str:
    return f"\u27e6{index}\u27e7"


def _w3cdtf(day: date, minute: int = 0) -> str:
    return f"{day.isoformat()}T{9 + minute // 60:02d}:{minute % 60:02d}:00Z"


class DocxMaker:
    """Word files from paragraphs, fast: python-docx builds one paragraph of each kind once;
    each document is those paragraphs' XML with its texts put in, zipped again."""

    def __init__(self) -> None:
        self._base: bytes | None = None
        self._parts: list[tuple[str, str | bytes]] = []  # the skeleton's members, in order
        self._snippets: dict[str, str] = {}  # kind -> the XML of one paragraph of it
        self._body: tuple[str, str] = ("", "")  # document.xml before and after the paragraphs

    def render(self, paras: Sequence[Para], *, title: str, author: str, day: date,
               footer: str = "", edited_minutes: int = 0) -> bytes:
        """A .docx of these paragraphs; core properties title, author, created on `day`."""
        if not self._parts:
            self._build()
        fields = [title, author, footer]

        def fill(match: re.Match[str]) -> str:
            return escape(" ".join(fields[int(match.group(1))].split()))

        snippets = self._snippets
        body = "".join(snippets[kind].replace(_MARK, escape(" ".join(text.split())))
                       for kind, text in paras)
        stamp = (day.year, day.month, day.day, 12, 0, 0)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, content in self._parts:
                if name == "word/document.xml":
                    data = (self._body[0] + body + self._body[1]).encode("utf-8")
                elif isinstance(content, str):
                    text = _TOKEN.sub(fill, content)
                    if name == "docProps/core.xml":
                        text = text.replace(_CREATED, _w3cdtf(day)).replace(
                            _MODIFIED, _w3cdtf(day, edited_minutes))
                    data = text.encode("utf-8")
                else:
                    data = content
                info = zipfile.ZipInfo(name, stamp)
                # Small parts are stored: setting up deflate costs more than it saves there.
                info.compress_type = zipfile.ZIP_DEFLATED if len(data) > 3000 \
                    else zipfile.ZIP_STORED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        return out.getvalue()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        """One python-docx document with a paragraph of each kind, taken apart."""
        import docx
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        document = docx.Document(io.BytesIO(self._base_bytes()))
        core = document.core_properties
        core.title, core.author, core.last_modified_by = _token(0), _token(1), _token(1)
        core.created = datetime.fromisoformat(_CREATED)
        core.modified = datetime.fromisoformat(_MODIFIED)
        core.revision = 1
        footer = document.sections[0].footer.paragraphs[0]
        footer.text = _token(2)
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        styles = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "num": "List Number",
                  "bullet": "List Bullet"}
        for kind in KINDS:
            paragraph = document.add_paragraph(style=styles.get(kind, "Normal"))
            run = paragraph.add_run(f"{_MARK}{kind}{_MARK}")
            if kind in ("title", "center"):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = kind == "center"
            elif kind == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif kind == "p":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            elif kind == "sig":
                paragraph.paragraph_format.space_before = Pt(30)
        saved = io.BytesIO()
        document.save(saved)
        with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as archive:
            for info in archive.infolist():
                data = archive.read(info)
                templated = info.filename in _TEMPLATED or info.filename.startswith(
                    "word/footer")
                self._parts.append((info.filename, data.decode("utf-8") if templated
                                    else data))
        xml = next(content for name, content in self._parts if name == "word/document.xml")
        assert isinstance(xml, str)
        found = list(_PARAGRAPH.finditer(xml))
        for match in found:
            kind = match.group(0).split(_MARK)[1]
            self._snippets[kind] = match.group(0).replace(f"{_MARK}{kind}{_MARK}", _MARK)
        assert set(self._snippets) == set(KINDS), "python-docx wrote paragraphs differently"
        self._body = (xml[:found[0].start()], xml[found[-1].end():])

    def _base_bytes(self) -> bytes:
        """python-docx's default template without the parts and styles the demo never uses
        (its thumbnail, custom XML, web settings, font table, styles-with-effects, extended
        properties and ~150 unused styles: every optional part; each costs time per file)."""
        if self._base is not None:
            return self._base
        import docx
        from docx.oxml.ns import qn
        from docx.shared import Inches, Pt, RGBColor

        document = docx.Document()
        package, part = document.part.package, document.part
        for rels, ends in ((part.rels, ("/stylesWithEffects", "/customXml", "/webSettings",
                                        "/fontTable")),
                           (package.rels, ("/thumbnail", "/extended-properties"))):
            for rel_id, rel in list(rels.items()):
                if rel.reltype.endswith(ends):
                    rels.pop(rel_id)
        styles = document.styles.element
        for style in list(styles.findall(qn("w:style"))):
            name = style.find(qn("w:name"))
            if name is None or str(name.get(qn("w:val"))).lower() not in _KEEP_STYLES:
                styles.remove(style)
        latent = styles.find(qn("w:latentStyles"))
        if latent is not None:
            styles.remove(latent)
        for name, size in (("Normal", 12), ("Title", 16), ("Heading 1", 13), ("Heading 2", 12)):
            style = document.styles[name]
            font = style.font
            font.name, font.size = "Times New Roman", Pt(size)
            if name != "Normal":
                font.color.rgb = RGBColor(0, 0, 0)
            fonts = style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)  # a theme font would win over the name
        section = document.sections[0]
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Inches(1))
        saved = io.BytesIO()
        document.save(saved)
        self._base = saved.getvalue()
        return self._base


# -- PDF ----------------------------------------------------------------------------------------
# A line of a PDF: (kind, text). Kinds: center (bold, centred), title (bigger, bold, centred),
# p (a wrapped paragraph), line (as is), right, gap (a blank line), sig (signature line).
Line = tuple[str, str]


def pdf_bytes(lines: Sequence[Line], *, title: str, author: str, day: date,
              scanned: bool = False, header: str = "", stamp: str = "", bates: str = "") -> bytes:
    """A letter-size PDF with real (extractable) text.

    `scanned` gives the look of a scanned paper: a typewriter face on a tinted page, a
    received stamp (`stamp`), an exhibit label and a Bates number (`bates`) on each page.
    `header` is the court's filing stamp line across the top of each page.
    """
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.core_fonts_encoding = "windows-1252"  # the core fonts' WinAnsi: dashes, quotes, §
    pdf.set_creation_date(datetime.combine(day, time(12), tzinfo=UTC))
    pdf.set_title(_winansi(title))
    pdf.set_author(_winansi(author))
    pdf.set_auto_page_break(False)
    family, size, lead, wrap = ("Courier", 10, 13, 80) if scanned else ("Times", 12, 16, 88)
    left, top, bottom = 72, 72, 792 - 72
    pages: list[int] = []

    def new_page() -> None:
        pdf.add_page()
        pages.append(pdf.page)
        if scanned:
            pdf.set_fill_color(246, 243, 232)
            pdf.rect(0, 0, 612, 792, style="F")
        if header:
            pdf.set_font("Helvetica", size=8)
            pdf.text(left, 40, _winansi(header))
        pdf.set_y(top)

    new_page()
    for kind, raw in lines:
        text = _winansi(raw)
        if kind == "gap":
            pdf.set_y(pdf.get_y() + lead)
            continue
        font_size = 14 if kind == "title" else size
        pdf.set_font(family, "B" if kind in ("center", "title") else "", font_size)
        rows = textwrap.wrap(text, wrap) if kind == "p" else [text]
        if kind == "sig":
            pdf.set_y(pdf.get_y() + 2 * lead)
        for row in rows or [""]:
            if pdf.get_y() + lead > bottom:
                new_page()
                pdf.set_font(family, "B" if kind in ("center", "title") else "", font_size)
            y = pdf.get_y() + lead * 0.75
            if kind in ("center", "title"):
                pdf.text((612 - pdf.get_string_width(row)) / 2, y, row)
            elif kind == "right":
                pdf.text(612 - left - pdf.get_string_width(row), y, row)
            else:
                pdf.text(left, y, row)
            pdf.set_y(pdf.get_y() + lead)
        if kind == "p":
            pdf.set_y(pdf.get_y() + lead / 2)
    count = len(pages)
    for number, page in enumerate(pages, start=1):
        pdf.page = page
        pdf.set_font("Helvetica", size=8)
        foot = f"Page {number} of {count}"
        pdf.text((612 - pdf.get_string_width(foot)) / 2, 792 - 36, foot)
        if bates:
            pdf.set_font("Courier", "B", 9)
            label = f"{bates}-{number:04d}"
            pdf.text(612 - left - pdf.get_string_width(label), 792 - 36, label)
        if scanned and stamp and number == 1:
            _stamp(pdf, stamp)
    return bytes(pdf.output())


def _winansi(text: str) -> str:
    """The text with any character the core fonts cannot show replaced by "?"."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return text.encode("cp1252", "replace").decode("cp1252")
    return text


def _stamp(pdf: Any, text: str) -> None:
    """A boxed red "RECEIVED" stamp at the top right of the first page."""
    pdf.set_draw_color(170, 30, 30)
    pdf.set_text_color(170, 30, 30)
    pdf.set_line_width(1.2)
    pdf.rect(408, 30, 150, 34)
    pdf.set_font("Helvetica", "B", 9)
    pdf.text(416, 44, "RECEIVED")
    pdf.set_font("Helvetica", "", 8)
    pdf.text(416, 57, _winansi(text))
    pdf.set_text_color(0, 0, 0)


# -- e-mail and text ---------------------------------------------------------------------------
def eml_bytes(*, sender: str, to: str, subject: str, sent_at: datetime, message_id: str,
              body: str, in_reply_to: str = "", cc: str = "") -> bytes:
    """A plain-text e-mail as saved from a mail program (RFC 5322, CRLF line ends).

    Built with the stdlib's compat32 classes: the default policy's header objects take
    several milliseconds per message, which thousands of demo e-mails would feel."""
    charset = Charset("utf-8")
    charset.body_encoding = QP
    message = MIMEText(body, "plain", charset)  # type: ignore[arg-type]  # a Charset works
    headers = [("From", sender), ("To", to), ("Cc", cc), ("Subject", subject),
               ("Date", format_datetime(sent_at)), ("Message-ID", message_id),
               ("In-Reply-To", in_reply_to), ("References", in_reply_to)]
    for name, value in headers:
        if value:
            message[name] = value if value.isascii() else Header(value, "utf-8").encode()
    return message.as_bytes(policy=SMTP)


def text_bytes(text: str) -> bytes:
    """A text file as a Windows desk would save it (UTF-8, CRLF)."""
    return text.strip().replace("\n", "\r\n").encode("utf-8") + b"\r\n"
