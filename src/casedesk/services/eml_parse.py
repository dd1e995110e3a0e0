"""Reading saved e-mails (.eml, RFC 822) with the stdlib `email` package: headers, the text
of the body, and the attachments, checked before anything is stored.

A file that is not an e-mail, has no sender, or is cut short is refused with a message naming
it. A message with no Date header (a saved draft often has none), or one casedesk cannot read,
is dated by its file's modification time, and says so (`date_note`); only bytes with no file
behind them are refused for it. Attachment names are cleaned by documents.safe_file_name and
only ever shown (stored files are named by their SHA-256); inline images a body shows (cid:
references) and nameless inline images are not kept as attachments; attached messages are
kept as .eml files.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.errors import (
    CloseBoundaryNotFoundDefect,
    MessageDefect,
    NoBoundaryInMultipartDefect,
    StartBoundaryNotFoundDefect,
)
from email.message import EmailMessage, Message
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from casedesk.domain.errors import InvalidInput
from casedesk.services.common import NOT_TEXT
from casedesk.services.correspondence import MAX_MESSAGE_ID, MAX_PARTIES_TEXT, MAX_SUBJECT
from casedesk.services.documents import safe_file_name

MAX_EML_BYTES = 100 * 1024 * 1024  # a saved e-mail larger than this is refused, not read whole
SUMMARY_CHARS = 2_000  # the body kept as the entry's summary (the whole message is a document)
# A multipart message whose boundaries are missing is damaged or cut short: its attachments
# would be incomplete, so it is refused rather than half-imported.
_DAMAGE = (NoBoundaryInMultipartDefect, StartBoundaryNotFoundDefect,
           CloseBoundaryNotFoundDefect)
# Elements that end a line, and those that also leave a blank line after them.
_LINE_TAGS = frozenset({"br", "li", "tr", "div", "dt", "dd", "hr", "section", "article",
                        "header", "footer", "address"})
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                             "table", "ul", "ol", "dl"})


# -- what a file holds --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Attachment:
    file_name: str  # already safe (display only)
    data: bytes


@dataclass(frozen=True, slots=True)
class ParsedEmail:
    """One saved e-mail, read and checked (nothing stored yet)."""

    source_name: str  # the file it was read from, for messages
    file_name: str  # the .eml document's (safe) file name
    raw: bytes
    message_id: str
    subject: str
    from_text: str
    from_address: str  # lowercase
    to_text: str  # To, then "cc: ..." when there is a Cc
    recipient_addresses: tuple[str, ...]  # lowercase, To then Cc
    sent_at: datetime  # the Date header (else the file's modification time), in UTC
    summary: str
    attachments: tuple[Attachment, ...] = ()
    skipped: tuple[str, ...] = ()  # parts not kept ("1 inline image")
    date_note: str = ""  # why the file dated it ("no Date header"); "" when the header did

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def _refuse(name: str, why: str) -> InvalidInput:
    return InvalidInput(f"{name} {why}; nothing was imported.", field="file")


def _defects(message: Message) -> Iterator[MessageDefect]:
    for part in message.walk():
        yield from part.defects


def _header_text(value: Any) -> str:
    return " ".join(NOT_TEXT.sub("", str(value)).split()) if value is not None else ""


def _addresses(message: EmailMessage, name: str) -> tuple[str, ...]:
    header = message.get(name)
    if header is None:
        return ()
    out: list[str] = []
    for address in getattr(header, "addresses", ()):
        spec = str(address.addr_spec or "").strip().lower()
        if "@" in spec and spec not in out:
            out.append(spec)
    return tuple(out)


def _text_of(part: Message) -> str:
    """A text part's content as str, whatever its charset claims."""
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except (LookupError, ValueError, AssertionError, KeyError):
        pass
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def html_to_text(markup: str) -> str:
    """The readable text of an HTML body (lxml), one line per block, scripts and styles gone."""
    # No stubs for lxml; the second code keeps this quiet once an override covers lxml.
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]
    from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

    if not markup.strip():
        return ""
    try:
        try:
            root = lxml_html.document_fromstring(markup)
        except ValueError:  # a str that declares its own encoding
            root = lxml_html.document_fromstring(markup.encode("utf-8"))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    for unwanted in root.xpath("//script|//style|//head|//noscript"):
        unwanted.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "li":
            element.text = "- " + (element.text or "")
        if element.tag in _PARAGRAPH_TAGS:
            element.tail = "\n\n" + (element.tail or "")
        elif element.tag in _LINE_TAGS:
            element.tail = "\n" + (element.tail or "")
    return _tidy(str(root.text_content()))


def _tidy(text: str) -> str:
    """Spaces collapsed on each line, at most one blank line in a row, ends stripped."""
    lines: list[str] = []
    # Control characters a mail program left in (a NUL, an escape) are dropped: the user
    # cannot fix a saved e-mail, and the log keeps only text. Word's line break is a break.
    text = NOT_TEXT.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.replace("\xa0", " ").split())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def _trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _cids(html: str) -> set[str]:
    """Content-IDs the HTML body shows inline (cid: references)."""
    return {m.lower() for m in re.findall(r"cid:([^\s\"'<>)]+)", html, flags=re.IGNORECASE)}


class _Parts:
    """Walks a message's parts (not into attached messages) and sorts out the attachments."""

    def __init__(self, source_name: str, body_parts: set[int], inline_cids: set[str]) -> None:
        self.source_name = source_name
        self.body_parts = body_parts
        self.inline_cids = inline_cids
        self.attachments: list[Attachment] = []
        self.inline_images = 0
        self.other_skipped: list[str] = []

    def walk(self, part: Message) -> None:
        ctype = part.get_content_type()
        if ctype in ("message/rfc822", "message/global"):
            self._attached_message(part)
            return
        if part.is_multipart():
            payload = part.get_payload()
            for sub in payload if isinstance(payload, list) else ():
                if isinstance(sub, Message):
                    self.walk(sub)
            return
        if id(part) in self.body_parts:
            return
        name = part.get_filename()
        disposition = part.get_content_disposition()
        cid = str(part.get("Content-ID", "")).strip().strip("<>").lower()
        maintype = part.get_content_maintype()
        if maintype == "image" and cid and cid in self.inline_cids:
            self.inline_images += 1  # shown inside the body (a logo, a signature)
            return
        if disposition != "attachment" and not name and maintype in ("image", "text"):
            if maintype == "image":
                self.inline_images += 1
            return  # a nameless text part is another rendering of the body
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        self.attachments.append(Attachment(_attachment_name(name, ctype), data))

    def _attached_message(self, part: Message) -> None:
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if not isinstance(inner, Message):
            self.other_skipped.append("an empty attached message")
            return
        try:
            data = inner.as_bytes(policy=policy.default.clone(linesep="\r\n"))
        except (LookupError, ValueError, TypeError, UnicodeError) as exc:
            raise _refuse(self.source_name, f"holds an attached message that cannot be saved "
                                            f"({exc})") from None
        name = part.get_filename() or f"{_header_text(inner.get('Subject')) or 'message'}.eml"
        safe = safe_file_name(name, fallback="message")
        if not safe.lower().endswith(".eml"):
            safe += ".eml"
        self.attachments.append(Attachment(safe, data))


def _attachment_name(name: str | None, ctype: str) -> str:
    safe = safe_file_name(name, fallback="attachment")
    if "." not in safe:
        ext = mimetypes.guess_extension(ctype, strict=False)
        if ext:
            safe += ext
    return safe


def parse_eml(data: bytes, *, name: str, file_time: datetime | None = None) -> ParsedEmail:
    """Read one saved e-mail; refuse (naming the file) one that is not one or is damaged.

    `file_time` (aware) is the file's modification time: it dates a message without a
    readable Date header; without it such a message is refused.
    """
    if not data.strip():
        raise _refuse(name, "is empty")
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        return _parsed(message, data, name, file_time)
    except InvalidInput:
        raise
    except Exception as exc:  # the stdlib parser can trip on hostile input in many ways
        raise _refuse(name, f"could not be read as an e-mail ({type(exc).__name__})") from None


def _sent_at(message: EmailMessage, name: str, file_time: datetime | None
             ) -> tuple[datetime, str]:
    """When it was sent, in UTC, and why the file dated it ("" when the Date header did)."""
    date_header = message.get("Date")
    sent = getattr(date_header, "datetime", None) if date_header is not None else None
    if isinstance(sent, datetime):
        # "-0000" (zone unknown) comes back naive: the instant is UTC by definition.
        return (sent.replace(tzinfo=UTC) if sent.tzinfo is None else sent.astimezone(UTC)), ""
    raw = next((str(v) for k, v in message.raw_items() if k.lower() == "date"), "")
    why = "no Date header" if date_header is None else \
        f"a Date header casedesk cannot read ({_header_text(raw)[:60]!r})"
    if file_time is None:
        raise _refuse(name, f"has {why}")
    return file_time.astimezone(UTC), why


def _parsed(message: EmailMessage, data: bytes, name: str, file_time: datetime | None
            ) -> ParsedEmail:
    if not message.keys():
        raise _refuse(name, "is not a saved e-mail (.eml): it has no headers")
    if any(isinstance(d, _DAMAGE) for d in _defects(message)):
        raise _refuse(name, "is damaged or cut short (a part's boundary is missing)")
    senders = _addresses(message, "From")
    if not senders:
        raise _refuse(name, "has no sender address (From)")
    sent_at, date_note = _sent_at(message, name, file_time)
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    html_text = _text_of(html) if html is not None else ""
    summary = _text_of(plain) if plain is not None else html_to_text(html_text)
    parts = _Parts(name, {id(p) for p in (plain, html) if p is not None}, _cids(html_text))
    parts.walk(message)
    skipped = [*parts.other_skipped]
    if parts.inline_images:
        skipped.insert(0, f"{parts.inline_images} inline image"
                          f"{'s' if parts.inline_images != 1 else ''}")
    to_text = _header_text(message.get("To"))
    cc_text = _header_text(message.get("Cc"))
    if cc_text:
        to_text = f"{to_text}; cc: {cc_text}" if to_text else f"cc: {cc_text}"
    eml_name = safe_file_name(name, fallback="message")
    if not eml_name.lower().endswith(".eml"):
        eml_name += ".eml"
    return ParsedEmail(
        source_name=name, file_name=eml_name, raw=data,
        message_id=_header_text(message.get("Message-ID"))[:MAX_MESSAGE_ID],
        subject=_trim(_header_text(message.get("Subject")), MAX_SUBJECT),
        from_text=_trim(_header_text(message.get("From")), MAX_PARTIES_TEXT),
        from_address=senders[0],
        to_text=_trim(to_text, MAX_PARTIES_TEXT),
        recipient_addresses=(*_addresses(message, "To"), *_addresses(message, "Cc")),
        sent_at=sent_at, summary=_trim(_tidy(summary), SUMMARY_CHARS),
        attachments=tuple(parts.attachments), skipped=tuple(skipped), date_note=date_note)


def load_eml_files(paths: Sequence[Path]) -> list[ParsedEmail]:
    """Read and parse every file, or refuse the lot naming each one that is not fit (a
    message without a readable Date header is dated by its file's modification time)."""
    if not paths:
        raise InvalidInput("No files were given.", field="file")
    parsed: list[ParsedEmail] = []
    problems: list[str] = []
    for path in paths:
        try:
            data, modified = _read(path)
            parsed.append(parse_eml(data, name=path.name, file_time=modified))
        except InvalidInput as exc:
            problems.append(exc.message.removesuffix("; nothing was imported."))
    if problems:
        raise InvalidInput("; ".join(problems) + "; nothing was imported.", field="file")
    return parsed


def _read(path: Path) -> tuple[bytes, datetime]:
    """The file's bytes and its modification time (aware, UTC)."""
    if path.is_dir():
        raise _refuse(str(path), "is a folder, not a saved e-mail")
    if not path.is_file():
        raise _refuse(str(path), "does not exist")
    with path.open("rb") as handle:
        modified = datetime.fromtimestamp(os.fstat(handle.fileno()).st_mtime, tz=UTC)
        data = handle.read(MAX_EML_BYTES + 1)  # never read a huge file whole
    if len(data) > MAX_EML_BYTES:
        raise _refuse(path.name, f"is larger than {MAX_EML_BYTES // (1024 * 1024)} MB")
    return data, modified
