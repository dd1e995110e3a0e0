"""Reading Word files as templates: safe opening, the parts docxtpl fills, their text.

A template comes from outside (a download, a colleague), so it is opened with limits: a size
cap, a zip-bomb guard, and a clear message for what is not a .docx (.doc, .docm, damaged).
A Word template (.dotx) is accepted and treated as the document it describes.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from casedesk.domain.errors import InvalidInput

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
MAX_PART_BYTES = 25 * 1024 * 1024  # one part, uncompressed
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # every part, uncompressed
MAX_ENTRIES = 2000

_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO = "application/vnd.ms-word."
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# docxtpl fills these; tags anywhere else are never filled.
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# Where a Jinja delimiter left in a letter means a tag was not filled.
LEFTOVER = re.compile(r"\{\{|\{%|\}\}|%\}")
_TAG = re.compile(r"<[^>]+>")


def part_label(name: str) -> str:
    """A part's name as people read it: 'body', 'header 2', 'footnotes', 'comments'."""
    base = name.rsplit("/", 1)[-1].removesuffix(".xml")
    if name == "word/document.xml":
        return "body"
    if name == "docProps/core.xml":
        return "document properties"
    match = re.fullmatch(r"(header|footer)(\d*)", base)
    if match:
        return f"{match.group(1)} {match.group(2) or 1}"
    return {"footnotes": "footnotes", "endnotes": "endnotes", "comments": "comments",
            "commentsExtended": "comments"}.get(base, name)


def normalised_docx(data: bytes, *, what: str = "The template") -> bytes:
    """The bytes of a readable .docx (a .dotx made into one), or InvalidInput saying why not."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise InvalidInput(f"{what} is larger than {MAX_TEMPLATE_BYTES // 2**20} MB.",
                           field="template")
    if data.startswith(_OLE_MAGIC):
        raise InvalidInput(f"{what} is an older Word .doc file; open it in Word and save it "
                           "as a Word document (.docx).", field="template")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InvalidInput(f"{what} is not a Word document (.docx).", field="template") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES or any(i.file_size > MAX_PART_BYTES for i in infos) or sum(
                i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise InvalidInput(f"{what} unpacks to more than a letter template can hold.",
                               field="template")
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise InvalidInput(f"{what} is not a Word document (.docx).", field="template")
        types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
        if _MACRO in types and "macroEnabled" in types:
            raise InvalidInput(f"{what} is a macro-enabled Word file; save it as a Word "
                               "document (.docx) without macros.", field="template")
        if _DOTX_MAIN not in types:
            return data
        return _retyped(archive, types.replace(_DOTX_MAIN, _DOCX_MAIN))


def _retyped(archive: zipfile.ZipFile, types: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            body = (types.encode("utf-8") if info.filename == "[Content_Types].xml"
                    else archive.read(info))
            copy.writestr(info, body)
    return out.getvalue()


def open_template(data: bytes) -> Any:
    """A docxtpl DocxTemplate over checked bytes (python-docx has opened it once)."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(data))
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise InvalidInput(f"The template cannot be read as a Word document ({exc}).",
                           field="template") from None
    return template


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a template: its Jinja source as docxtpl will see it."""

    name: str  # zip path, e.g. "word/header1.xml"
    label: str
    source: str  # after docxtpl's patching, one line per paragraph (as docxtpl renders it)
    raw: str  # before patching (to find what the patching could not mend)
    filled: bool  # False: docxtpl never fills this part (endnotes, comments...)


def as_lines(xml: str) -> str:
    """What docxtpl hands Jinja: a newline before every paragraph, so a line is a paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def template_parts(template: Any, data: bytes) -> Iterator[Part]:
    """Every part of the template that can hold text, patched the way docxtpl patches it."""
    from docx.oxml import parse_xml

    done = {"word/document.xml"}
    body = template.get_xml()
    yield Part("word/document.xml", "body", as_lines(template.patch_xml(body)), body, True)
    for uri in (HEADER_REL, FOOTER_REL):
        for _key, part in template.get_headers_footers(uri):
            name = str(part.partname).lstrip("/")
            if name in done:
                continue
            done.add(name)
            xml = template.xml_to_string(parse_xml(part.blob))
            yield Part(name, part_label(name), as_lines(template.patch_xml(xml)), xml, True)
    for part in template.docx.part.package.parts:
        name = str(part.partname).lstrip("/")
        if name in done or not name.endswith(".xml"):
            continue
        if part.content_type == FOOTNOTES_TYPE:
            done.add(name)
            xml = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            yield Part(name, "footnotes", as_lines(template.patch_xml(xml)), xml, True)
    core = template.docx.core_properties
    props = "\n".join(str(getattr(core, p) or "") for p in (
        "author", "comments", "identifier", "language", "subject", "title"))
    done.add("docProps/core.xml")
    yield Part("docProps/core.xml", "document properties", props, props, True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename in done or not info.filename.endswith(".xml") or \
                    info.filename.startswith(("customXml/", "[")):
                continue
            xml = archive.read(info).decode("utf-8", "replace")
            yield Part(info.filename, part_label(info.filename), as_lines(xml), xml, False)


def line_text(source: str, lineno: int | None, *, width: int = 160) -> str:
    """The visible text of one line of a part's source (a paragraph), shortened."""
    lines = source.split("\n")
    if lineno is None or not 1 <= lineno <= len(lines):
        return ""
    return shorten(visible(lines[lineno - 1]), width)


def visible(xml: str) -> str:
    """Markup removed and entities decoded: roughly what Word shows."""
    return html.unescape(_TAG.sub("", xml))


def shorten(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# -- reading a rendered letter --------------------------------------------------------------
def xml_parts(data: bytes) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.endswith(".xml") or info.filename.endswith(".rels"):
                yield info.filename, archive.read(info)


def paragraph_texts(xml: bytes) -> Iterator[str]:
    """The text of each paragraph of a part (its runs joined), or of the whole part when it
    has no paragraphs (document properties). Raises if the part is not well-formed XML."""
    from lxml import etree

    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False,
                                                        no_network=True, huge_tree=False))
    paragraphs = root.iter(f"{{{W_NS}}}p")
    found = False
    for paragraph in paragraphs:
        found = True
        yield "".join(t.text or "" for t in paragraph.iter(f"{{{W_NS}}}t",
                                                             f"{{{W_NS}}}delText",
                                                             f"{{{W_NS}}}instrText"))
    if not found:
        yield "".join(root.itertext())


def preview_text(data: bytes) -> str:
    """A letter as plain text for a preview pane: the first page's header (the letterhead),
    then the body's paragraphs and tables in order (table cells separated by ' | ')."""
    from docx import Document
    from docx.table import Table

    document = Document(io.BytesIO(normalised_docx(data, what="The letter")))
    blocks: list[str] = []
    section = document.sections[0] if document.sections else None
    if section is not None:
        header = section.first_page_header if section.different_first_page_header_footer \
            else section.header
        blocks.extend(p.text for p in header.paragraphs if p.text.strip())
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not cells or cells[-1] != text:  # a merged cell repeats itself
                        cells.append(text)
                blocks.append(" | ".join(cells))
        else:
            blocks.append(item.text)
    text = "\n".join(line.rstrip() for line in "\n".join(blocks).splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
