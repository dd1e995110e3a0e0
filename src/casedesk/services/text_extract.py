"""Plain text of a stored file for the full-text index: Word (.docx), PDF, text, HTML, e-mail.

`extract_text` never trusts the bytes: a damaged or encrypted file raises `DamagedFile`, a kind
of file casedesk cannot read (or one too big to read) raises `UnsupportedKind`; each message
says why, in words a person can act on (it is kept in `blobs.text_error`).
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_TEXT_CHARS = 2_000_000  # longer text is cut: the index is for finding, not for reading
MAX_FILE_BYTES = 200 * 2**20  # bigger files are not read at all
MAX_UNPACKED_BYTES = 400 * 2**20  # a .docx that unpacks to more is refused (zip bomb)

# Characters that must not reach the index: NUL (PostgreSQL text cannot hold it), other C0
# controls, and the two highlight markers the search puts around matched terms.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and password-protected .docx

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_BY_EXTENSION = {"docx": "docx", "pdf": "pdf", "txt": "text", "text": "text", "md": "text",
                 "markdown": "text", "html": "html", "htm": "html", "xhtml": "html",
                 "eml": "eml"}
_BY_MEDIA_TYPE = {_DOCX: "docx", "application/pdf": "pdf", "text/plain": "text",
                  "text/markdown": "text", "text/html": "html",
                  "application/xhtml+xml": "html", "message/rfc822": "eml"}
_NAMES = {"doc": "old-format Word (.doc) files; save it as .docx to make it searchable",
          "rtf": "RTF files", "odt": "OpenDocument files", "msg": "Outlook .msg files",
          "xls": "Excel files", "xlsx": "Excel files", "pptx": "PowerPoint files",
          "zip": "zip archives", "jpg": "images", "jpeg": "images", "png": "images",
          "gif": "images", "tif": "images", "tiff": "images", "heic": "images"}


class TextExtractionError(Exception):
    """The text of a file could not be read; `str(error)` says why."""


class UnsupportedKind(TextExtractionError):
    """A kind of file whose text casedesk does not read (images, archives, .doc...)."""


class DamagedFile(TextExtractionError):
    """A supported kind of file that is damaged or encrypted."""


def file_kind(*, media_type: str, file_name: str) -> str | None:
    """"docx", "pdf", "text", "html" or "eml" (by extension first, then media type); or None."""
    ext = file_name.rpartition(".")[2].lower() if "." in file_name else ""
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    return _BY_MEDIA_TYPE.get(media_type.split(";")[0].strip().lower())


def extract_text(data: bytes, *, media_type: str, file_name: str) -> str:
    """The searchable text of a file's bytes (at most MAX_TEXT_CHARS characters)."""
    kind = file_kind(media_type=media_type, file_name=file_name)
    if kind is None:
        ext = file_name.rpartition(".")[2].lower() if "." in file_name else ""
        what = _NAMES.get(ext) or (f".{ext} files" if ext else
                                   f"files of type {media_type or 'unknown'}")
        raise UnsupportedKind(f"casedesk cannot read the text of {what}.")
    if len(data) > MAX_FILE_BYTES:
        raise UnsupportedKind(too_large_message())
    reader: Callable[[bytes], str] = _READERS[kind]
    return clean_text(reader(data))


def too_large_message() -> str:
    return f"The file is larger than {MAX_FILE_BYTES // 2**20} MB; its text is not indexed."


def clean_text(text: str) -> str:
    """Text as the index keeps it: no control characters, whitespace tidied, length capped.

    NFKC folds the ligatures PDFs are full of ("ﬁle" is "file") and full-width forms, as the
    search does with what is typed.
    """
    text = unicodedata.normalize("NFKC", _CONTROL.sub(" ", text[: MAX_TEXT_CHARS * 2]))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text).strip()
    return text[:MAX_TEXT_CHARS]


def _capped(parts: Iterable[str]) -> str:
    """Join pieces of text, stopping once the cap is reached (no need to read further)."""
    out: list[str] = []
    total = 0
    for part in parts:
        if part:
            out.append(part)
            total += len(part) + 1
            if total > MAX_TEXT_CHARS:
                break
    return "\n".join(out)


# -- plain text ------------------------------------------------------------------------------
def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -- Word ------------------------------------------------------------------------------------
def _read_docx(data: bytes) -> str:
    if data.startswith(_OLE_MAGIC):
        raise DamagedFile("This Word file is password-protected (or an old .doc file renamed "
                          "to .docx); its text cannot be read.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DamagedFile(f"This Word file is damaged (it is not a valid .docx: {exc}).") \
            from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise DamagedFile("This Word file unpacks to more than "
                          f"{MAX_UNPACKED_BYTES // 2**20} MB; its text is not indexed.")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        return _capped(_docx_parts(document))
    except Exception as exc:  # python-docx raises many kinds on a bad package
        raise DamagedFile(f"This Word file is damaged ({type(exc).__name__}: {exc})."[:500]) \
            from None


def _docx_parts(document: Any) -> Iterator[str]:
    """Headers, the body (paragraphs and tables in order), then footers."""
    sections = list(document.sections)
    seen: set[int] = set()
    for section in sections:
        for part in (section.first_page_header, section.header, section.even_page_header):
            yield from _docx_story(part, seen)
    yield from _docx_blocks(document.iter_inner_content())
    for section in sections:
        for part in (section.first_page_footer, section.footer, section.even_page_footer):
            yield from _docx_story(part, seen)


def _docx_story(part: Any, seen: set[int]) -> Iterator[str]:
    # A section linked to the previous one shares its header part: read each part once.
    if part.is_linked_to_previous:
        return
    key = id(part.part)
    if key in seen:
        return
    seen.add(key)
    yield from _docx_blocks(part.iter_inner_content())


def _docx_blocks(blocks: Iterable[Any]) -> Iterator[str]:
    from docx.table import Table

    for block in blocks:
        if isinstance(block, Table):
            yield from _docx_table(block)
        else:
            yield block.text


def _docx_table(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(_docx_blocks(cell.iter_inner_content())))
        yield "\t".join(cells)


# -- PDF -------------------------------------------------------------------------------------
def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    # pypdf logs each fault it works around; with no logging set up Python would print them on
    # stderr (in the middle of `casedesk search` output). What matters is raised and kept.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns about the many small faults it repairs
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _opens_without_password(reader):
                raise DamagedFile("This PDF is password-protected; its text cannot be read.")
            return _capped(_pdf_pages(reader))
        except DamagedFile:
            raise
        except Exception as exc:  # pypdf raises many kinds on a bad file
            raise DamagedFile(f"This PDF is damaged ({type(exc).__name__}: {exc})."[:500]) \
                from None


def _opens_without_password(reader: Any) -> bool:
    """Many PDFs are encrypted only to restrict printing: the empty password opens them."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES without the `cryptography` package
        return False


def _pdf_pages(reader: Any) -> Iterator[str]:
    for page in reader.pages:
        yield page.extract_text() or ""


# -- HTML ------------------------------------------------------------------------------------
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
           "section", "article", "header", "footer", "blockquote", "pre", "title", "dt", "dd",
           "ul", "ol", "hr", "address", "aside", "nav", "main", "figure", "figcaption")


def html_to_text(data: bytes | str) -> str:
    """The visible text of an HTML page: no scripts or styles, one line per block."""
    # No stubs for lxml; the second code keeps this quiet once an override covers lxml.
    import lxml.etree  # type: ignore[import-untyped, unused-ignore]
    import lxml.html  # type: ignore[import-untyped, unused-ignore]

    parser = None
    if isinstance(data, str):  # an e-mail's decoded HTML part: ignore its charset declaration
        data, parser = data.encode("utf-8"), lxml.html.HTMLParser(encoding="utf-8")
    if not data.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return ""  # lxml reads any bytes as HTML; this is "no document at all"
    for element in list(root.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("td", "th"):
        element.tail = " " + (element.tail or "")
    text: str = root.text_content()
    return text


def _read_html(data: bytes) -> str:
    return html_to_text(data)


def _read_text(data: bytes) -> str:
    return decode_text(data[: MAX_TEXT_CHARS * 4])


# -- e-mail ----------------------------------------------------------------------------------
def _read_eml(data: bytes) -> str:
    from email import policy
    from email.parser import BytesParser

    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:  # the parser is lenient; this is a truly unreadable message
        raise DamagedFile(f"This e-mail file is damaged ({exc}).") from None
    lines: list[str] = []
    for header in ("From", "To", "Cc", "Subject", "Date"):
        try:
            value = message.get(header)
        except Exception:  # a malformed header the default policy cannot parse
            value = None
        if value:
            lines.append(f"{header}: {value}")
    body = message.get_body(preferencelist=("plain",))
    if body is not None:
        lines.append(_part_text(body))
    else:
        html = message.get_body(preferencelist=("html",))
        if html is not None:
            lines.append(html_to_text(_part_text(html)))
    names = [name for part in message.walk()
             if (name := _attachment_name(part))]
    if names:
        lines.append("Attachments: " + ", ".join(names))
    return "\n".join(lines)


def _part_text(part: Any) -> str:
    try:
        return str(part.get_content())
    except Exception:  # unknown charset or broken transfer encoding
        payload = part.get_payload(decode=True)
        return decode_text(payload) if isinstance(payload, bytes) else str(payload or "")


def _attachment_name(part: Any) -> str:
    try:
        return str(part.get_filename() or "") if not part.is_multipart() else ""
    except Exception:
        return ""


_READERS: dict[str, Callable[[bytes], str]] = {
    "docx": _read_docx, "pdf": _read_pdf, "text": _read_text, "html": _read_html,
    "eml": _read_eml,
}
