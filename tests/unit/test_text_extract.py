"""Text of stored files for the index: each format read back from files made with independent
libraries (python-docx, fpdf2, pypdf, lxml, the stdlib email package), and every kind of bad
file refused with the right error and a message that says why."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from casedesk.services import text_extract
from casedesk.services.text_extract import DamagedFile, UnsupportedKind, extract_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("First paragraph about indemnification.")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Exhibit"
    table.cell(0, 1).text = "Description"
    table.cell(0, 2).text = "Pages"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Lease agreement (merged cell)"
    table.cell(1, 2).text = "12"
    document.add_paragraph("Last paragraph after the table.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "PRIVILEGED & CONFIDENTIAL"
    section.footer.paragraphs[0].text = "Kowalski Law Group, page footer"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf_bytes(text: str, pages: int = 1) -> bytes:
    pdf = FPDF()
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, f"{text} (page {number})")
    return bytes(pdf.output())


def _encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes("Sealed settlement terms"))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret",
                   algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- Word ------------------------------------------------------------------------------------
def test_docx_reads_header_body_tables_in_order_and_footer() -> None:
    text = extract_text(_docx_bytes(), media_type=DOCX, file_name="Brief.docx")
    assert text.splitlines() == [
        "PRIVILEGED & CONFIDENTIAL",
        "First paragraph about indemnification.",
        "Exhibit Description Pages",
        "Lease agreement (merged cell) 12",  # the merged cell once, not once per column
        "Last paragraph after the table.",
        "Kowalski Law Group, page footer",
    ]


@pytest.mark.parametrize(("data", "why"), [
    (b"PK\x03\x04 truncated zip", "damaged"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "password-protected"),
    (b"not a zip at all", "damaged"),
])
def test_bad_docx_is_damaged_with_a_reason(data: bytes, why: str) -> None:
    with pytest.raises(DamagedFile, match=why):
        extract_text(data, media_type=DOCX, file_name="x.docx")


def test_docx_with_a_broken_part_is_damaged() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as src, \
            zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    with pytest.raises(DamagedFile, match="This Word file is damaged"):
        extract_text(out.getvalue(), media_type=DOCX, file_name="x.docx")


def test_docx_that_unpacks_too_big_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_extract, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(DamagedFile, match="unpacks to more than"):
        extract_text(_docx_bytes(), media_type=DOCX, file_name="x.docx")


# -- PDF -------------------------------------------------------------------------------------
def test_pdf_text_of_every_page() -> None:
    text = extract_text(_pdf_bytes("Motion for summary judgment", pages=2),
                        media_type="application/pdf", file_name="m.pdf")
    assert "Motion for summary judgment (page 1)" in text
    assert "Motion for summary judgment (page 2)" in text


def test_pdf_needing_a_password_fails_but_an_owner_only_one_is_read() -> None:
    with pytest.raises(DamagedFile, match="password-protected"):
        extract_text(_encrypted_pdf("client-pw"), media_type="application/pdf",
                     file_name="sealed.pdf")
    assert "Sealed settlement terms" in extract_text(
        _encrypted_pdf(""), media_type="application/pdf", file_name="sealed.pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"", _pdf_bytes("x")[:200]])
def test_damaged_pdf_fails_with_a_reason(data: bytes) -> None:
    with pytest.raises(DamagedFile, match="This PDF is damaged"):
        extract_text(data, media_type="application/pdf", file_name="broken.pdf")


# -- plain text ------------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "expected"), [
    ("\ufeffCafé déjà vu\r\nline two".encode(), "Café déjà vu\nline two"),
    ("Café – “quoted”".encode("cp1252"), "Café – “quoted”"),
    ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
    (b"# Heading\n\n\n\n*emphasis*   and\tspaces", "# Heading\n*emphasis* and spaces"),
])
def test_text_decodings_and_whitespace(data: bytes, expected: str) -> None:
    assert extract_text(data, media_type="text/plain", file_name="notes.txt") == expected
    assert extract_text(data, media_type="", file_name="README.md") == expected


def test_controls_and_highlight_markers_never_reach_the_index() -> None:
    text = extract_text(b"a\x00b\x02c\x03d\x1be \xef\xac\x81le", media_type="text/plain",
                        file_name="t.txt")
    assert text == "a b c d e file"  # the "ﬁ" ligature folded too


def test_text_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_extract, "MAX_TEXT_CHARS", 50)
    text = extract_text(b"word " * 100, media_type="text/plain", file_name="long.txt")
    assert len(text) == 50 and text.startswith("word word")


# -- HTML ------------------------------------------------------------------------------------
def test_html_visible_text_only_one_line_per_block() -> None:
    page = (b"<html><head><title>Order</title><style>p{color:red}</style>"
            b"<script>var secret = 'no';</script></head><body><h1>Scheduling   Order</h1>"
            b"<p>Trial is set for <b>May&nbsp;4</b>.</p><!-- a comment -->"
            b"<table><tr><td>Motions</td><td>June 1</td></tr></table>"
            b"<noscript>enable js</noscript><div>Signed,<br>Judge Lee</div></body></html>")
    text = extract_text(page, media_type="text/html", file_name="order.html")
    assert text.splitlines() == ["Order", "Scheduling Order", "Trial is set for May 4.",
                                 "Motions June 1", "Signed,", "Judge Lee"]


@pytest.mark.parametrize("page", [b"", b"   ", b"<html></html>"])
def test_empty_html_is_empty_text(page: bytes) -> None:
    assert extract_text(page, media_type="text/html", file_name="e.htm") == ""


def test_html_charset_is_honoured() -> None:
    page = ('<html><head><meta charset="windows-1252"></head><body>Müller</body></html>'
            .encode("cp1252"))
    assert extract_text(page, media_type="text/html", file_name="x.html") == "Müller"


# -- e-mail ----------------------------------------------------------------------------------
def _email(html_only: bool = False) -> bytes:
    message = EmailMessage()
    message["From"] = "Jane Roe <jane@example.com>"
    message["To"] = "Office <office@example.net>"
    message["Cc"] = "Sam Poe <sam@example.org>"
    message["Subject"] = "Signed retainer – Müller matter"
    message["Date"] = "Tue, 03 Mar 2026 09:15:00 -0500"
    if html_only:
        message.set_content("<p>Please find the <b>retainer</b> attached.</p>"
                            "<script>x()</script>", subtype="html")
    else:
        message.set_content("Please find the retainer attached.\nJane")
        message.add_alternative("<p>HTML copy that is not read</p>", subtype="html")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf",
                           filename="Retainer signed.pdf")
    message.add_attachment(b"img", maintype="image", subtype="png", filename="scan.png")
    return message.as_bytes()


def test_eml_headers_plain_body_and_attachment_names() -> None:
    text = extract_text(_email(), media_type="message/rfc822", file_name="mail.eml")
    assert text.splitlines() == [
        "From: Jane Roe <jane@example.com>",
        "To: Office <office@example.net>",
        "Cc: Sam Poe <sam@example.org>",
        "Subject: Signed retainer – Müller matter",
        "Date: Tue, 03 Mar 2026 09:15:00 -0500",
        "Please find the retainer attached.",
        "Jane",
        "Attachments: Retainer signed.pdf, scan.png",
    ]


def test_eml_without_plain_text_reads_the_html_body() -> None:
    text = extract_text(_email(html_only=True), media_type="", file_name="mail.eml")
    assert "Please find the retainer attached." in text.splitlines()
    assert "x()" not in text


def test_eml_with_an_unknown_charset_still_reads() -> None:
    raw = (b"From: a@example.com\r\nSubject: odd\r\nContent-Type: text/plain; charset=x-nope"
           b"\r\n\r\nBody text here\r\n")
    text = extract_text(raw, media_type="message/rfc822", file_name="odd.eml")
    assert text.splitlines() == ["From: a@example.com", "Subject: odd", "Body text here"]


# -- what is not read --------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "media", "why"), [
    ("scan.png", "image/png", "images"),
    ("bundle.zip", "application/zip", "zip archives"),
    ("Old brief.doc", "application/msword", "save it as .docx"),
    ("noextension", "application/octet-stream", "files of type application/octet-stream"),
    ("model.stl", "", ".stl files"),
])
def test_unsupported_kinds_say_which(name: str, media: str, why: str) -> None:
    with pytest.raises(UnsupportedKind, match=why):
        extract_text(b"\x89PNG whatever", media_type=media, file_name=name)


def test_kind_comes_from_the_media_type_when_the_name_has_no_extension() -> None:
    assert extract_text(b"plain words", media_type="text/plain; charset=utf-8",
                        file_name="scan-0001") == "plain words"


def test_too_big_a_file_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_extract, "MAX_FILE_BYTES", 10)
    with pytest.raises(UnsupportedKind, match="larger than"):
        extract_text(b"x" * 11, media_type="text/plain", file_name="big.txt")
