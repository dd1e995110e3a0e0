"""Plain text of a stored file for the full-text index: Word (.docx), PDF, text, HTML, e-mail.

`extract_text` never trusts the bytes: a damaged or encrypted file raises `DamagedFile`, a kind
of file casedesk cannot read (or one too big to read) raises `UnsupportedKind`; each message
says why, in words a person can act on (it is kept in `blobs.text_error`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_TEXT_CHARS = 2_000_000  # longer text is cut: the index is for finding, not for reading
MAX_FILE_BYTES = 200 * 2**20  # bigger files are not read at all
MAX_UNPACKED_BYTES = 100 * 2**20  # a .docx whose text parts unpack to more is refused
MAX_PART_BYTES = 50 * 2**20  # at most this much of one unpacked part is read (the rest is cut)
MAX_PDF_PAGES = 5000  # pages past this are not read
MAX_PDF_CONTENT_BYTES = 32 * 2**20  # unpacked page content read in all; later pages are not
MAX_PDF_STREAM_BYTES = 8 * 2**20  # a page whose content unpacks to more is skipped
MAX_PDF_TOKENS = 500_000  # a page whose content has more operators and operands is skipped
MAX_HTML_BYTES = 16 * 2**20  # HTML is read up to here (the rest is not indexed)

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
    """Streamed part by part (`docx_text`): memory stays small however far a part unpacks."""
    from casedesk.services import docx_text

    if data.startswith(_OLE_MAGIC):
        raise DamagedFile("This Word file is password-protected (or an old .doc file renamed "
                          "to .docx); its text cannot be read.")
    caps = docx_text.Caps(chars=MAX_TEXT_CHARS, part_bytes=MAX_PART_BYTES,
                          total_bytes=MAX_UNPACKED_BYTES)
    try:
        return _capped(docx_text.read_docx(data, caps))
    except docx_text.DocxTooBig:
        raise DamagedFile("This Word file's text unpacks to more than "
                          f"{_mb(MAX_UNPACKED_BYTES)}; its text is not indexed.") from None
    except docx_text.DocxDamaged as exc:
        raise DamagedFile(f"This Word file is damaged ({exc})."[:500]) from None


def _mb(size: int) -> str:
    return f"{size // 2**20} MB" if size >= 2**20 else f"{size:,} bytes"


# -- PDF -------------------------------------------------------------------------------------
def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    # pypdf logs each fault it works around; with no logging set up Python would print them on
    # stderr (in the middle of `casedesk search` output). What matters is raised and kept.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    with warnings.catch_warnings(), _pdf_limits():
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


def _pdf_limits() -> contextlib.AbstractContextManager[Any]:
    """Lower pypdf's own per-stream limits (where this pypdf has them) for reading text."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:  # pypdf before 6: its built-in limits stay
        return contextlib.nullcontext()
    wanted = {"zlib_maximum_output_length": MAX_PDF_STREAM_BYTES,
              "lzw_maximum_output_length": MAX_PDF_STREAM_BYTES,
              "run_length_maximum_output_length": MAX_PDF_STREAM_BYTES,
              "brotli_maximum_output_length": MAX_PDF_STREAM_BYTES,
              "array_based_stream_maximum_output_length": MAX_PDF_STREAM_BYTES,
              "stream_parsing_work_maximum_count": MAX_PDF_TOKENS,
              "xform_maximum_invocations_per_extraction": 500}
    known = {f.name for f in dataclasses.fields(pypdf.get_configuration())}
    manager: contextlib.AbstractContextManager[Any] = apply(
        **{k: v for k, v in wanted.items() if k in known})
    return manager


def _pdf_pages(reader: Any) -> Iterator[str]:
    """Each page's text, until MAX_PDF_PAGES pages or MAX_PDF_CONTENT_BYTES of page content
    have been read (a few KB of PDF can unpack to gigabytes); a page over pypdf's limits is
    skipped, the others are kept."""
    from pypdf import errors

    limit_reached: type[Exception] = getattr(errors, "LimitReachedError", errors.PyPdfError)
    content_left = MAX_PDF_CONTENT_BYTES
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or content_left <= 0:
            return
        try:
            contents = page.get_contents()
            content_left -= len(contents.get_data()) if contents is not None else 0
            text = page.extract_text() or ""
        except limit_reached:
            content_left -= MAX_PDF_STREAM_BYTES
            continue
        yield text


# -- HTML ------------------------------------------------------------------------------------
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
           "section", "article", "header", "footer", "blockquote", "pre", "title", "dt", "dd",
           "ul", "ol", "hr", "address", "aside", "nav", "main", "figure", "figcaption")


_SKIPPED = frozenset({"script", "style", "noscript", "template"})
_BLOCK_TAGS = frozenset(_BLOCKS)


class _HtmlFull(Exception):
    """Enough text was read."""


class _HtmlText:
    """The visible text of a page from HTML parser events (an lxml parser target: no tree is
    built, so memory stays small however big the page)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chars = 0
        self.skipped = 0  # inside script, style...

    def start(self, tag: str, attrib: Any) -> None:
        if tag in _SKIPPED:
            self.skipped += 1

    def end(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipped = max(0, self.skipped - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def data(self, text: str) -> None:
        if not self.skipped:
            self.parts.append(text)
            self.chars += len(text)
            if self.chars > MAX_TEXT_CHARS:
                raise _HtmlFull

    def close(self) -> str:
        return "".join(self.parts)


def html_to_text(data: bytes | str) -> str:
    """The visible text of an HTML page: no scripts or styles, one line per block.

    Streamed: at most MAX_HTML_BYTES of the page are read, and reading stops once
    MAX_TEXT_CHARS characters of text are found."""
    # No stubs for lxml; the second code keeps this quiet once an override covers lxml.
    import lxml.etree  # type: ignore[import-untyped, unused-ignore]

    encoding = None
    data = data[:MAX_HTML_BYTES]
    if isinstance(data, str):  # an e-mail's decoded HTML part: ignore its charset declaration
        data, encoding = data.encode("utf-8"), "utf-8"
    target = _HtmlText()
    parser = lxml.etree.HTMLParser(target=target, encoding=encoding, no_network=True)
    try:
        for start in range(0, len(data), 2**16):
            parser.feed(data[start:start + 2**16])
        parser.close()
    except _HtmlFull:
        pass
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        pass  # lxml reads any bytes as HTML; keep what it gave
    return target.close()


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
