"""Text of stored files for the index: each format read back from files made with independent
libraries (python-docx, fpdf2, pypdf, lxml, the stdlib email package), and every kind of bad
file refused with the right error and a message that says why."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
import pypdf
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from casedesk.services import docx_text, text_extract
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


# -- limits: files that unpack (or parse) to far more than they weigh ---------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _package(body: bytes, *, repeat: bytes = b"", times: int = 0,
             parts: dict[str, bytes] | None = None, rels: str = "") -> bytes:
    """A .docx written with zipfile: `body`, then `repeat` `times` times (streamed into the
    deflated member, so a part of hundreds of MB takes well under a MB on disk)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/word/document.xml" ContentType="'
            f'{DOCX_MAIN}"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="word/document.xml"/></Relationships>'))
        archive.writestr("word/_rels/document.xml.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{rels}</Relationships>'))
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:mc="http://'
                         'schemas.openxmlformats.org/markup-compatibility/2006"><w:body>'
                         .encode() + body)
            chunk = repeat * max(1, 2**20 // max(1, len(repeat)))
            for _ in range(times * len(repeat) // len(chunk) if repeat else 0):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return out.getvalue()


def _para(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def test_docx_footnotes_text_boxes_tabs_breaks_and_tracked_changes() -> None:
    footnotes = (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1">'
                 '<w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">'
                 '<w:p><w:r><w:t>See Smith v. Jones, 12 F.4th 1.</w:t></w:r></w:p>'
                 '</w:footnote></w:footnotes>').encode()
    header = f'<w:hdr xmlns:w="{W_NS}">'.encode() + _para("DRAFT") + b"</w:hdr>"
    body = (b'<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
            b"<w:r><w:t>Name:</w:t><w:tab/><w:t>Ann</w:t><w:br/><w:t>Second line</w:t></w:r>"
            b"<w:del><w:r><w:delText>withdrawn words</w:delText></w:r></w:del>"
            b"<w:ins><w:r><w:t xml:space=\"preserve\"> inserted</w:t></w:r></w:ins></w:p>"
            b"<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>"
            + _para("Boxed note") + b"</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>"
            + _para("Boxed note") + b"</w:txbxContent></mc:Fallback></mc:AlternateContent>"
            b"</w:r><w:r><w:t>Anchor paragraph</w:t></w:r></w:p>"
            b"<w:tbl><w:tr><w:tc>" + _para("Outer") + b"<w:tbl><w:tr><w:tc>" + _para("inner")
            + b"</w:tc><w:tc>" + _para("cell") + b"</w:tc></w:tr></w:tbl></w:tc><w:tc>"
            + _para("Right") + b"</w:tc></w:tr></w:tbl>"
            b'<w:sectPr><w:headerReference w:type="default" r:id="rH"/></w:sectPr>')
    data = _package(body, parts={"word/footnotes.xml": footnotes, "word/header1.xml": header},
                    rels=(f'<Relationship Id="rF" Type="{REL}/footnotes" Target="footnotes.xml"/>'
                          f'<Relationship Id="rH" Type="{REL}/header" Target="header1.xml"/>'))
    text = extract_text(data, media_type=DOCX, file_name="memo.docx")
    assert text.splitlines() == [
        "DRAFT",
        "Name: Ann",  # a tab in a run, not the tab stop in the paragraph's properties
        "Second line inserted",  # the deleted words are gone
        "Boxed note",  # once: the fallback copy of the text box is not read
        "Anchor paragraph",
        "Outer inner cell Right",
        "See Smith v. Jones, 12 F.4th 1.",
    ]


def _peak_rss_mb_of_extracting(path: Path) -> float:
    """Extract a file's text in a fresh interpreter; how much its peak memory grew (MB)."""
    resource = pytest.importorskip("resource")  # POSIX only
    del resource
    script = (
        "import resource, sys\n"
        "from casedesk.services.text_extract import extract_text\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "text = extract_text(data, media_type='', file_name='bomb.docx')\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "scale = 2**20 if sys.platform == 'darwin' else 2**10\n"
        "print(len(text), (after - before) / scale)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, check=True)
    chars, grown = done.stdout.split()
    assert int(chars) == text_extract.MAX_TEXT_CHARS  # read up to the cap, and kept
    return float(grown)


def test_docx_bomb_is_read_as_a_stream_in_small_memory(tmp_path: Path) -> None:
    # 60 MB of paragraphs in a file of a few hundred KB: python-docx built the whole tree
    # (about 15 times the XML: ~900 MB here); the stream keeps only text up to the cap.
    bomb = _package(b"", repeat=_para("Lorem ipsum dolor sit amet"), times=60 * 2**20 // 45)
    assert len(bomb) < 600_000
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.getinfo("word/document.xml").file_size > 55 * 2**20
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    assert _peak_rss_mb_of_extracting(path) < 150


def test_docx_reading_stops_at_the_caps_and_keeps_what_it_read() -> None:
    # Text first, then 20 MB of markup without text: the character cap never stops it.
    bomb = _package(_para("Opening words") * 3, repeat=b"<w:p><w:r><w:rPr><w:b/></w:rPr>"
                    b"</w:r></w:p>", times=20 * 2**20 // 40)
    caps = docx_text.Caps(chars=1000, part_bytes=2**20, total_bytes=100 * 2**20)
    assert docx_text.read_docx(bomb, caps) == ["Opening words"] * 3
    assert caps.bytes_read <= 2**20 + 4096  # one part's cap (+ the small .rels parts)
    # The character cap: 200 paragraphs of text, at most ~60 characters are kept.
    many = _package(_para("0123456789") * 200)
    caps = docx_text.Caps(chars=60, part_bytes=2**20, total_bytes=2**20)
    lines = docx_text.read_docx(many, caps)
    assert 5 <= len(lines) <= 7 and set(lines) == {"0123456789"}


def test_docx_whose_text_parts_unpack_to_hundreds_of_mb_is_refused_unread() -> None:
    bomb = _package(b"", repeat=_para("x" * 40), times=300 * 2**20 // 83)
    assert len(bomb) < 2_000_000
    with pytest.raises(DamagedFile, match="unpacks to more than 100 MB"):
        extract_text(bomb, media_type=DOCX, file_name="bomb.docx")


def _pdf_with_big_page(mb: int) -> bytes:
    """Three pages; the second's content also holds `mb` MB of blanks (deflated to a few KB)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes("Deposition", pages=3))))
    page = writer.pages[1]
    content = DecodedStreamObject()
    content.set_data(page.get_contents().get_data() + b"\n" + b" " * (mb * 2**20))
    page[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_page_that_unpacks_too_big_is_skipped_the_rest_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(pypdf, "apply_configuration"):
        pytest.skip("this pypdf has no per-call limits")
    monkeypatch.setattr(text_extract, "MAX_PDF_STREAM_BYTES", 2**20)
    data = _pdf_with_big_page(3)
    assert len(data) < 50_000
    text = extract_text(data, media_type="application/pdf", file_name="bomb.pdf")
    assert text.splitlines() == ["Deposition (page 1)", "Deposition (page 3)"]


def test_pdf_reading_stops_at_the_page_and_content_caps(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_extract, "MAX_PDF_PAGES", 2)
    text = extract_text(_pdf_bytes("Exhibit list", pages=3), media_type="application/pdf",
                        file_name="x.pdf")
    assert text.splitlines() == ["Exhibit list (page 1)", "Exhibit list (page 2)"]
    monkeypatch.setattr(text_extract, "MAX_PDF_PAGES", 100)
    monkeypatch.setattr(text_extract, "MAX_PDF_CONTENT_BYTES", 2**20)
    text = extract_text(_pdf_with_big_page(2), media_type="application/pdf", file_name="x.pdf")
    assert text.splitlines() == ["Deposition (page 1)", "Deposition (page 2)"]


def test_html_is_read_up_to_the_byte_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_extract, "MAX_HTML_BYTES", 200)
    page = b"<html><body><p>Kept at the start.</p>" + b"<p>filler</p>" * 20 + b"<p>Lost</p>"
    text = extract_text(page, media_type="text/html", file_name="x.html")
    assert text.splitlines()[0] == "Kept at the start." and "Lost" not in text
    assert len(text) < 200
    # An e-mail's decoded HTML body (text): capped the same way.
    assert text_extract.html_to_text("<p>" + "é" * 500 + "</p>").strip() == "é" * 197
