"""Build the Word letter templates casedesk ships (src/casedesk/resources/templates).

    .venv/bin/python scripts/build_templates.py            # the .docx files + templates.json
    .venv/bin/python scripts/build_templates.py --pdf DIR  # also fill each with the sample
                                                           # context and make PDFs (LibreOffice)

The templates are built with python-docx so they can be rebuilt and reviewed as code. Rules the
builder keeps (see docs/templates.md): every Jinja tag is written as its own run, so Word never
holds half a tag; paragraph and table-row loops use docxtpl's `{%p %}` / `{%tr %}` and stand
alone in their paragraph or row; dates come from the context (`today`), never from a Word
DATE field; page numbers are Word fields.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "casedesk" / "resources" / "templates"
FONT = "Times New Roman"
NAVY = RGBColor(0x1F, 0x2A, 0x44)
GREY = RGBColor(0x55, 0x5B, 0x66)
RULE = "1F2A44"
TOKEN = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\[/?b\]|\[/?i\]|\n|\t)")


# -- building blocks -----------------------------------------------------------------------
def write(paragraph: Paragraph, text: str) -> Paragraph:
    """Add text with light markup: [b]bold[/b], [i]italic[/i], \\n a line break, \\t a tab.
    Each Jinja tag becomes a run of its own."""
    bold = italic = False
    for piece in TOKEN.split(text):
        if not piece:
            continue
        if piece in ("[b]", "[/b]"):
            bold = piece == "[b]"
        elif piece in ("[i]", "[/i]"):
            italic = piece == "[i]"
        elif piece == "\n":
            paragraph.add_run().add_break()
        elif piece == "\t":
            paragraph.add_run().add_tab()
        else:
            run = paragraph.add_run(piece)
            if bold:
                run.bold = True
            if italic:
                run.italic = True
    return paragraph


def para(where: DocumentObject | _Cell, text: str = "", style: str = "Normal", *,
         keep: bool = False) -> Paragraph:
    paragraph = where.add_paragraph(style=style)
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    return write(paragraph, text)


def tag(where: DocumentObject | _Cell, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); it disappears."""
    where.add_paragraph(style="Normal").add_run(text)


def _set(element: object, name: str, **attrs: str) -> OxmlElement:
    child = OxmlElement(name)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    element.append(child)  # type: ignore[attr-defined]
    return child


def field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) with `shown` as its cached result."""
    _set(paragraph.add_run()._r, "w:fldChar", fldCharType="begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _set(paragraph.add_run()._r, "w:fldChar", fldCharType="separate")
    paragraph.add_run(shown)
    _set(paragraph.add_run()._r, "w:fldChar", fldCharType="end")


def bottom_rule(paragraph: Paragraph) -> None:
    borders = _set(paragraph._p.get_or_add_pPr(), "w:pBdr")
    _set(borders, "w:bottom", val="single", sz="8", space="6", color=RULE)


def _style(doc: DocumentObject, name: str, *, size: float = 12, bold: bool = False,
           italic: bool = False, color: RGBColor | None = None, before: float = 0,
           after: float = 12, align: int | None = None, keep: bool = False,
           small_caps: bool = False, spacing: float | None = None) -> None:
    names = {s.name for s in doc.styles}
    style = doc.styles[name] if name in names else doc.styles.add_style(
        name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, italic
    font.small_caps = small_caps
    if color is not None:
        font.color.rgb = color
    if spacing is not None:
        _set(style.element.get_or_add_rPr(), "w:spacing", val=str(int(spacing * 20)))
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep
    if align is not None:
        fmt.alignment = align


def new_document(title: str) -> DocumentObject:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(12)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _style(doc, "Letterhead Name", size=19, color=NAVY, align=WD_ALIGN_PARAGRAPH.CENTER,
           after=3, small_caps=True, spacing=1.5)
    _style(doc, "Letterhead Details", size=9, color=GREY, align=WD_ALIGN_PARAGRAPH.CENTER,
           after=0, spacing=0.3)
    _style(doc, "Continuation", size=10, color=GREY, after=24)
    _style(doc, "Letter Date", after=24)
    _style(doc, "Notation", size=10.5, bold=True, after=12, small_caps=True, spacing=0.5)
    _style(doc, "Inside Address", after=18)
    _style(doc, "Re Line", after=18)
    _style(doc, "Body Text", after=12)
    _style(doc, "List Item", after=6)
    _style(doc, "Closing", after=0, keep=True, before=6)
    _style(doc, "Signature", before=36, after=0, keep=True)
    _style(doc, "Small Print", size=10, after=0, before=18)
    _style(doc, "Spacer", size=5, after=0)
    _style(doc, "Table Text", size=10.5, before=3, after=3)
    _style(doc, "Table Heading", size=10, bold=True, before=3, after=3, color=NAVY)
    _style(doc, "Page Footer", size=9, color=GREY, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    re_line = doc.styles["Re Line"].paragraph_format
    re_line.left_indent, re_line.first_line_indent = Inches(0.75), Inches(-0.75)
    re_line.tab_stops.add_tab_stop(Inches(0.75))
    item = doc.styles["List Item"].paragraph_format
    item.left_indent, item.first_line_indent = Inches(0.55), Inches(-0.25)
    item.tab_stops.add_tab_stop(Inches(0.55))
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1.1)
    section.top_margin, section.bottom_margin = Inches(0.9), Inches(0.9)
    section.header_distance = section.footer_distance = Inches(0.45)
    section.different_first_page_header_footer = True
    _letterhead(doc, section.first_page_header)
    cont = section.header.paragraphs[0]
    cont.style = doc.styles["Continuation"]
    write(cont, "{{ recipient.name }}\n{{ today }}")
    for footer in (section.first_page_footer, section.footer):
        foot = footer.paragraphs[0]
        foot.style = doc.styles["Page Footer"]
        write(foot, "Page ")
        field(foot, "PAGE", "1")
        write(foot, " of ")
        field(foot, "NUMPAGES", "1")
    doc.core_properties.title = title
    doc.core_properties.author = "casedesk"
    doc.core_properties.comments = "A casedesk letter template; see docs/templates.md."
    return doc


def _letterhead(doc: DocumentObject, header: object) -> None:
    first = header.paragraphs[0]  # type: ignore[attr-defined]
    first.style = doc.styles["Letterhead Name"]
    write(first, "{{ firm.name }}")
    details = header.add_paragraph(style="Letterhead Details")  # type: ignore[attr-defined]
    write(details, "{{ firm.address_line }}")
    contact = header.add_paragraph(style="Letterhead Details")  # type: ignore[attr-defined]
    write(contact, "{% if firm.phone %}Telephone {{ firm.phone }}{% endif %}"
                   "{% if firm.phone and firm.email %}   ·   {% endif %}{{ firm.email }}")
    bottom_rule(contact)
    contact.paragraph_format.space_after = Pt(30)


def opening(doc: DocumentObject, *, notation: str = "") -> None:
    """Date, notation, inside address, Re: line and salutation."""
    para(doc, "{{ today }}", "Letter Date")
    if notation:
        para(doc, notation, "Notation")
    para(doc, "{{ recipient.name }}"
              "{% if recipient.organization and recipient.organization != recipient.name %}"
              "\n{{ recipient.organization }}{% endif %}"
              "{% if recipient.address %}\n{{ recipient.address }}"
              "{% elif recipient.email %}\n{{ recipient.email }}{% endif %}", "Inside Address")
    para(doc, "Re:\t[b]{{ case.title }}[/b]"
              "{% if case.docket_number %}\nCase No. {{ case.docket_number }}{% endif %}"
              "{% if case.court %}\n{{ case.court }}{% endif %}"
              "\nOur File No. {{ case.number }}", "Re Line")
    para(doc, "Dear {{ recipient.salutation }}:", "Body Text")


def closing(doc: DocumentObject, *, enclosure: str = "", cc: str = "") -> None:
    para(doc, "Very truly yours,", "Closing")
    para(doc, "{{ firm.name|upper }}", "Closing")
    para(doc, "{{ sender.name }}\n{{ sender.role }}"
              "{% if sender.bar_number %}, Bar No. {{ sender.bar_number }}{% endif %}"
              "{% if sender.email %}\n{{ sender.email }}{% endif %}", "Signature")
    notes = "\n".join(line for line in (enclosure, cc) if line)
    if notes:
        para(doc, notes, "Small Print")


def table(doc: DocumentObject, headings: list[str], loop: str, cells: list[str],
          widths: list[float]) -> Table:
    """A ruled table: a heading row, then one row per item of `loop` ({%tr for ... %})."""
    grid = doc.add_table(rows=4, cols=len(headings))
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    for col, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 1440)))
    tbl_pr = grid._tbl.tblPr
    borders = _set(tbl_pr, "w:tblBorders")
    _set(borders, "w:top", val="single", sz="8", space="0", color=RULE)
    _set(borders, "w:bottom", val="single", sz="8", space="0", color=RULE)
    _set(borders, "w:insideH", val="single", sz="4", space="0", color="BFC4CC")
    margins = _set(tbl_pr, "w:tblCellMar")
    _set(margins, "w:left", w="80", type="dxa")
    _set(margins, "w:right", w="80", type="dxa")
    rows = grid.rows
    _set(rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
    for index, width in enumerate(widths):
        for row in rows:
            row.cells[index].width = Inches(width)
    for cell, text in zip(rows[0].cells, headings, strict=True):
        cell.paragraphs[0].style = doc.styles["Table Heading"]
        write(cell.paragraphs[0], text)
        shading = _set(cell._tc.get_or_add_tcPr(), "w:shd", val="clear", color="auto",
                       fill="E8ECF2")
        del shading
    rows[1].cells[0].paragraphs[0].add_run("{%tr for " + loop + " %}")
    for cell, text in zip(rows[2].cells, cells, strict=True):
        cell.paragraphs[0].style = doc.styles["Table Text"]
        write(cell.paragraphs[0], text)
    rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    doc.add_paragraph(style="Spacer")
    return grid


EVENT_CELLS = ["{{ e.weekday }}, {{ e.date }}{% if e.end_date %} – {{ e.end_date }}{% endif %}",
               "{% if e.time %}{{ e.time }} {{ e.time_zone }}{% else %}—{% endif %}",
               "[b]{{ e.kind }}[/b]\n{{ e.title }}",
               "{{ e.location }}"]
EVENT_HEADINGS = ["Date", "Time", "What", "Where"]
EVENT_WIDTHS = [2.0, 1.0, 1.8, 1.5]


# -- the letters ---------------------------------------------------------------------------
def engagement_letter(doc: DocumentObject) -> None:
    opening(doc, notation="Privileged and Confidential\nAttorney–Client Communication")
    body = [
        "Thank you for choosing {{ firm.name }} to represent you. We appreciate your confidence "
        "in us. This letter sets out the terms of our engagement so that we share a clear "
        "understanding of the work we will do and of our respective responsibilities.",
        "[b]Scope of the engagement.[/b] We will represent you in the matter captioned "
        "{{ case.title }}{% if case.court %}, before the {{ case.court }}{% endif %} (the "
        "“Matter”). Unless we "
        "agree otherwise in writing, our engagement does not include any appeal, any related "
        "or separate proceeding, or advice on tax or other matters outside the Matter.",
        "[b]Who will work on the Matter.[/b] {{ sender.name }} will be responsible for the "
        "Matter. Other attorneys, paralegals and staff of the firm may assist where that serves "
        "you efficiently, and we will keep you informed of who is working on your file.",
        "[b]Fees and expenses.[/b] Our fees, billing rates and the expenses we may incur on "
        "your behalf are set out in the enclosed fee schedule. We will send you itemized "
        "statements each month, and payment is due within thirty days of each statement. "
        "Please contact us promptly if you have any question about a statement.",
        "[b]Your responsibilities.[/b] You agree to provide us with complete and accurate "
        "information and documents, to tell us promptly of any change in your address, "
        "telephone number or e-mail address, and to let us know of any development that may "
        "affect the Matter. We cannot guarantee any particular outcome, and nothing in this "
        "letter is a promise about the result.",
        "[b]Ending the engagement.[/b] Our representation will end when the Matter is "
        "concluded, or earlier if either of us ends it by written notice, subject to any "
        "permission the court may require. After the Matter is closed we will keep your file "
        "for at least seven years, and you may ask for a copy at any time.",
        "We have opened the Matter under our file number {{ case.number }}"
        "{% if case.opened_on %}, effective {{ case.opened_on }}{% endif %}. Please refer to "
        "that number when you write to us.",
        "If these terms are acceptable, please sign the acknowledgment below and return a copy "
        "of this letter to us. If you have any questions, please call me"
        "{% if firm.phone %} at {{ firm.phone }}{% endif %}"
        "{% if sender.email %} or write to me at {{ sender.email }}{% endif %}. We look forward "
        "to working with you.",
    ]
    for text in body:
        para(doc, text, "Body Text")
    closing(doc, enclosure="Enclosure: Fee schedule")
    accept = para(doc, "[b]Acknowledged and agreed:[/b]", "Normal", keep=True)
    accept.paragraph_format.space_before = Pt(30)
    para(doc, "\n\n______________________________________\n{{ client.name }}"
              "{% if client.organization and client.organization != client.name %}, "
              "{{ client.organization }}{% endif %}\n\nDate: ____________________",
         "Normal")


def status_update(doc: DocumentObject) -> None:
    opening(doc, notation="Privileged and Confidential\nAttorney–Client Communication")
    para(doc, "I am writing to update you on the status of your matter, {{ case.title }}"
              "{% if case.docket_number %} (Case No. {{ case.docket_number }}){% endif %}, and "
              "to let you know what comes next.", "Body Text")
    para(doc, "[b]Upcoming court dates and meetings[/b]", "Body Text", keep=True)
    tag(doc, "{%p if events %}")
    table(doc, EVENT_HEADINGS, "e in events", EVENT_CELLS, EVENT_WIDTHS)
    tag(doc, "{%p else %}")
    para(doc, "No court dates or meetings are scheduled at this time. We will let you know as "
              "soon as the court sets a date.", "Body Text")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if deadlines %}")
    para(doc, "[b]Deadlines we are working toward[/b]", "Body Text", keep=True)
    tag(doc, "{%p for d in deadlines %}")
    para(doc, "•\t{{ d.date }} — {{ d.title }}", "List Item")
    tag(doc, "{%p endfor %}")
    doc.add_paragraph(style="Spacer")
    para(doc, "These deadlines are ours to meet; we list them so that you know where the case "
              "stands. We will contact you if we need anything from you to meet them.",
         "Body Text")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if requested_documents %}")
    para(doc, "[b]What we still need from you[/b]", "Body Text", keep=True)
    tag(doc, "{%p for r in requested_documents %}")
    para(doc, "•\t{{ r.item }}{% if r.due_on %} — [b]by {{ r.due_on }}[/b]{% endif %}",
         "List Item")
    tag(doc, "{%p endfor %}")
    doc.add_paragraph(style="Spacer")
    para(doc, "Please send these to us as soon as you can; they help us keep your case on "
              "schedule.", "Body Text")
    tag(doc, "{%p endif %}")
    para(doc, "Court dates can change, sometimes on short notice. We will tell you promptly of "
              "any change, and there is no need for you to contact the court directly.",
         "Body Text")
    para(doc, "Please do not hesitate to call me{% if firm.phone %} at {{ firm.phone }}"
              "{% endif %} if you have any questions or if there is anything new we should "
              "know.", "Body Text")
    closing(doc)


def request_for_documents(doc: DocumentObject) -> None:
    opening(doc, notation="Privileged and Confidential\nAttorney–Client Communication")
    tag(doc, "{%p if requested_documents %}")
    para(doc, "To move your matter forward, we need copies of the documents listed below. "
              "Please gather them and send them to us by the dates shown.", "Body Text")
    table(doc, ["No.", "Document", "Requested", "Please provide by"], "r in requested_documents",
          ["{{ loop.index }}", "{{ r.item }}{% if r.notes %}\n[i]{{ r.notes }}[/i]{% endif %}",
           "{{ r.requested_on }}",
           "{% if r.due_on %}{% if r.overdue %}[b]{{ r.due_on }} (past due)[/b]{% else %}"
           "{{ r.due_on }}{% endif %}{% else %}As soon as possible{% endif %}"],
          [0.45, 3.05, 1.4, 1.4])
    para(doc, "You can send the documents by e-mail{% if sender.email %} to "
              "{{ sender.email }}{% endif %}, by mail to the address above, or bring them to "
              "our office. Copies are fine; please keep the originals in a safe place unless we "
              "ask for them. If a document is not in your possession, let us know who has it "
              "and we will take it from there.", "Body Text")
    tag(doc, "{%p else %}")
    para(doc, "Our records show that we have received every document we asked you for. Thank "
              "you for your prompt help; we will let you know if we need anything further.",
         "Body Text")
    tag(doc, "{%p endif %}")
    para(doc, "If you have questions about any item, please call me"
              "{% if firm.phone %} at {{ firm.phone }}{% endif %}.", "Body Text")
    closing(doc)


def filing_cover_letter(doc: DocumentObject) -> None:
    opening(doc, notation="Via Electronic Filing")
    para(doc, "Enclosed for filing in the above-referenced matter"
              "{% if filing.title %} ({{ filing.title }}){% endif %}, please find the following "
              "document{% if filing.documents|length != 1 %}s{% endif %}:", "Body Text")
    tag(doc, "{%p for d in filing.documents %}")
    para(doc, "{{ d.number }}.\t{{ d.title }}", "List Item")
    tag(doc, "{%p endfor %}")
    doc.add_paragraph(style="Spacer")
    para(doc, "Kindly file the enclosed document{% if filing.documents|length != 1 %}s"
              "{% endif %} and return a conformed copy to this office. If any filing fee is "
              "due, or if anything further is required, please contact the undersigned"
              "{% if firm.phone %} at {{ firm.phone }}{% endif %}.", "Body Text")
    para(doc, "Thank you for your assistance.", "Body Text")
    closing(doc, enclosure="Enclosures: {{ filing.documents|length }}",
            cc="cc: {{ client.name }} (w/ encl.)")


def opposing_counsel(doc: DocumentObject) -> None:
    opening(doc, notation="Via E-mail{% if recipient.email %} ({{ recipient.email }}){% endif %}"
                          " and First-Class Mail")
    para(doc, "As you know, this firm represents {{ client.name }}"
              "{% if recipient.represents %}, and you represent {{ recipient.represents }},"
              "{% endif %} in the above-referenced matter. I write to confirm the schedule going "
              "forward and to propose that we confer on the matters ahead.", "Body Text")
    tag(doc, "{%p if court_dates or deadlines %}")
    para(doc, "According to our calendar, the following dates are currently set:", "Body Text",
         keep=True)
    tag(doc, "{%p for e in court_dates %}")
    para(doc, "•\t{{ e.date }}{% if e.time %}, {{ e.time }} {{ e.time_zone }}{% endif %} — "
              "{{ e.title }}{% if e.location %} ({{ e.location }}){% endif %}", "List Item")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for d in deadlines %}")
    para(doc, "•\t{{ d.date }} — {{ d.title }}", "List Item")
    tag(doc, "{%p endfor %}")
    doc.add_paragraph(style="Spacer")
    para(doc, "If your records differ from ours in any respect, please let me know by return "
              "so that we can resolve any discrepancy before it matters.", "Body Text")
    tag(doc, "{%p endif %}")
    para(doc, "I also propose that we meet and confer, by telephone or video conference, "
              "within the next ten days to discuss scheduling, discovery and any other issues "
              "that may require the court's attention. Please let me know two or three times "
              "that are convenient for you.", "Body Text")
    para(doc, "This letter is written without prejudice to my client's rights and remedies, all "
              "of which are expressly reserved.", "Body Text")
    closing(doc, cc="cc: {{ client.name }}")


def hearing_notice(doc: DocumentObject) -> None:
    opening(doc, notation="Privileged and Confidential\nAttorney–Client Communication")
    tag(doc, "{%p if court_dates %}")
    para(doc, "This letter is to let you know of the following "
              "{% if court_dates|length == 1 %}court date{% else %}court dates{% endif %} in "
              "your case{% if case.judge %}, which is assigned to {{ case.judge }}{% endif %}:",
         "Body Text", keep=True)
    table(doc, EVENT_HEADINGS, "e in court_dates", EVENT_CELLS, EVENT_WIDTHS)
    para(doc, "[b]Your attendance is required[/b] unless we tell you otherwise in writing. "
              "Please plan to arrive at least thirty minutes early so that we can meet "
              "beforehand, and allow time for parking and security screening.", "Body Text")
    para(doc, "Please bring a government-issued photo identification and this letter. Dress as "
              "you would for an important business meeting. Mobile phones must be silenced in "
              "the courtroom, and some courts do not allow them at all.", "Body Text")
    para(doc, "Court schedules can change on short notice. We will let you know right away if "
              "anything changes. If for any reason you cannot attend, call me immediately"
              "{% if firm.phone %} at {{ firm.phone }}{% endif %}; please do not contact the "
              "court yourself.", "Body Text")
    tag(doc, "{%p else %}")
    para(doc, "There are no court dates scheduled in your case at this time. We will write to "
              "you as soon as the court sets one.", "Body Text")
    tag(doc, "{%p endif %}")
    para(doc, "If you have any questions, please do not hesitate to contact me.", "Body Text")
    closing(doc)


TEMPLATES: list[tuple[str, str, str, str, Callable[[DocumentObject], None]]] = [
    ("engagement_letter.docx", "Engagement letter",
     "Confirms the representation: scope, who works on the matter, fees, responsibilities, "
     "ending the engagement; with an acknowledgment for the client to sign.", "client",
     engagement_letter),
    ("client_status_update.docx", "Client status update",
     "Where the case stands: upcoming court dates and meetings, deadlines, and documents still "
     "needed from the client.", "client", status_update),
    ("request_for_documents.docx", "Request for documents",
     "Lists the documents the client still has to provide, with due dates, and how to send "
     "them.", "client", request_for_documents),
    ("court_filing_cover_letter.docx", "Cover letter for a court filing",
     "To the clerk of the court: lists a filing package's documents in order and asks for a "
     "conformed copy. Needs a filing package.", "court_clerk", filing_cover_letter),
    ("letter_to_opposing_counsel.docx", "Letter to opposing counsel",
     "Confirms the schedule (court dates and filing deadlines) and proposes a meet-and-confer, "
     "without prejudice.", "opposing_counsel", opposing_counsel),
    ("hearing_notice.docx", "Hearing notice to client",
     "Tells the client of upcoming court dates (date, time, place) and how to prepare.",
     "client", hearing_notice),
]


def build(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, name, _description, _role, fill in TEMPLATES:
        doc = new_document(name)
        fill(doc)
        path = out / file_name
        doc.save(str(path))
        written.append(path)
    manifest = [{"file": f, "name": n, "description": d, "recipient_role": r}
                for f, n, d, r, _fill in TEMPLATES]
    (out / "templates.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return written


def to_pdf(paths: list[Path], folder: Path) -> None:
    """Fill each template with the sample context and convert it with LibreOffice."""
    from casedesk.export.letter_render import render_letter
    from casedesk.export.letter_schema import sample_context

    folder.mkdir(parents=True, exist_ok=True)
    context = sample_context()
    context["events"] = context["court_dates"] = [
        dict(context["events"][0]),
        dict(context["events"][0], title="Final pretrial conference", kind="Conference",
             date="January 11, 2027", weekday="Monday", time="2:00 PM", end_time="3:00 PM")]
    context["requested_documents"].append(dict(context["requested_documents"][0],
                                               item="Pay stubs for January–June 2026",
                                               due_on="", overdue=False))
    filled = []
    for path in paths:
        target = folder / path.name
        target.write_bytes(render_letter(path.read_bytes(), context))
        filled.append(str(target))
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), *filled],
                       check=True, timeout=300, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--pdf", type=Path, metavar="DIR",
                        help="also fill each template with the sample context and write PDFs")
    args = parser.parse_args()
    paths = build(args.out)
    for path in paths:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if args.pdf:
        to_pdf(paths, args.pdf)
        print(f"filled copies and PDFs in {args.pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
