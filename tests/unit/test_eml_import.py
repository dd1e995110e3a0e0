"""Importing saved e-mails into a case: entries, documents, direction, dates, refusals, and
all-or-nothing behaviour across a batch."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from casedesk.domain.enums import CorrespondenceKind, Direction, DocumentCategory
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import Correspondence, Document
from casedesk.persistence.blob_store import BlobStore
from casedesk.persistence.practice import Practice
from casedesk.services import (
    cases,
    contacts,
    correspondence,
    documents,
    eml_import,
    eml_parse,
    firm,
    parties,
    staff,
)
from casedesk.services.eml_import import EmlImportResult, ParsedEmail
from tests.unit.list_backends import BACKENDS, open_desk

DATE = "Mon, 02 Mar 2026 23:30:00 -0800"  # 07:30 UTC on 3 March


def message(*, sender: str = "Jane Smith <jane@smith.example>",
            to: str = "Alice Attorney <alice@vance.example>", cc: str = "",
            subject: str = "Settlement offer", date_header: str | None = DATE,
            message_id: str | None = "<offer-1@smith.example>",
            body: str = "Please find our offer attached.\n\nRegards,\nJane",
            html: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    if date_header is not None:
        msg["Date"] = date_header
    if message_id is not None:
        msg["Message-ID"] = message_id
    if body:
        msg.set_content(body)
    if html is not None:
        if body:
            msg.add_alternative(html, subtype="html")
        else:
            msg.set_content(html, subtype="html")
    return msg


def save(folder: Path, name: str, msg: EmailMessage | bytes) -> Path:
    path = folder / name
    path.write_bytes(msg if isinstance(msg, bytes) else msg.as_bytes(policy=SMTP))
    return path


@pytest.fixture
def office(practice: Practice) -> dict[str, Any]:
    ids: dict[str, Any] = {"alice": uuid.uuid4(), "bob": uuid.uuid4()}
    practice.write(firm.save_firm, name="Vance Legal", email="Office@Vance.example",
                   time_zone="America/New_York")
    practice.write(staff.add_staff, name="Alice Attorney", role="attorney",
                   email="alice@vance.example", staff_id=ids["alice"])
    practice.write(staff.add_staff, name="Bob Paralegal", role="paralegal",
                   email="bob@vance.example", staff_id=ids["bob"])
    _c, ids["case"] = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme")
    _c, ids["other"] = practice.write(cases.create_case, number="2026-CV-0002",
                                      title="Doe v. Roe")
    # Two contacts share Jane's address; the one who is a party of the case is picked.
    _c, ids["jane_old"] = practice.write(contacts.create_contact, name="A Jane (old)",
                                         email="jane@smith.example")
    _c, ids["jane"] = practice.write(contacts.create_contact, name="Jane Smith",
                                     email="JANE@smith.example")
    practice.write(parties.add_party, case_id=ids["case"], contact_id=ids["jane"],
                   role="client")
    return ids


def run(practice: Practice, case_id: uuid.UUID, paths: list[Path], *, dry_run: bool = False
        ) -> EmlImportResult:
    return eml_import.import_emails(practice.write, practice.read, practice.blobs,
                                    case_id=case_id, emails=eml_import.load_eml_files(paths),
                                    dry_run=dry_run)


def stored_files(practice: Practice) -> set[str]:
    return set(practice.blobs.digests())


def live_documents(practice: Practice) -> list[tuple[str, str, str, str]]:
    return practice.read(lambda s: sorted(
        (d.file_name, d.title, d.category.value, d.source)
        for d in s.exec(select(Document).where(Document.deleted_at.is_(None)))))  # type: ignore[union-attr]


def entry_count(practice: Practice) -> int:
    return practice.read(lambda s: len(s.exec(select(Correspondence)).all()))


def test_incoming_message_with_attachments(practice: Practice, office: dict[str, Any],
                                           tmp_path: Path) -> None:
    msg = message(cc="Bob Paralegal <bob@vance.example>",
                  html='<p>Offer <img src="cid:logo1@smith"></p>')
    html_part = msg.get_payload()[1]  # type: ignore[index]
    html_part.add_related(b"\x89PNG logo", maintype="image", subtype="png",
                          cid="<logo1@smith>", filename="image001.png")
    msg.add_attachment(b"%PDF-1.7 offer", maintype="application", subtype="pdf",
                       filename="../../etc/passwd")
    msg.add_attachment(b"%PDF-1.7 windows", maintype="application", subtype="pdf",
                       filename="C:\\x\\y.pdf")
    msg.add_attachment(b"GIF89a nameless", maintype="image", subtype="gif",
                       disposition="inline")
    inner = message(subject="Earlier note", message_id="<inner@smith.example>",
                    body="The earlier note.")
    msg.add_attachment(inner)
    before = stored_files(practice)
    result = run(practice, office["case"], [save(tmp_path, "offer.eml", msg)])

    assert result.summary() == "imported into 2026-CV-0001: 1 e-mail with 3 attachments, " \
                               "0 skipped"
    [line] = result.lines
    assert line.text(False) == (
        'imported: 2026-03-03 in "Settlement offer" from Jane Smith <jane@smith.example>, '
        "3 attachments [offer.eml] (not kept: 2 inline images)")
    [row] = practice.read(correspondence.list_for_case, office["case"])
    assert row.id == line.correspondence_id
    assert (row.kind, row.direction) == (CorrespondenceKind.EMAIL, Direction.INCOMING)
    assert row.at == datetime(2026, 3, 3, 7, 30, tzinfo=UTC)
    assert row.on_date == date(2026, 3, 3)
    assert row.subject == "Settlement offer"
    assert row.from_text == "Jane Smith <jane@smith.example>"
    assert row.to_text == ("Alice Attorney <alice@vance.example>; "
                           "cc: Bob Paralegal <bob@vance.example>")
    assert row.summary == "Please find our offer attached.\n\nRegards,\nJane"
    assert row.message_id == "<offer-1@smith.example>"
    assert row.contact_name == "Jane Smith"  # the party of the case, not the other contact
    assert row.staff_name == "Alice Attorney"  # the first staff recipient
    assert [d.file_name for d in row.documents] == [
        "offer.eml", "passwd.pdf", "y.pdf", "Earlier note.eml"]
    assert row.documents[0].title == "Settlement offer"

    eml_doc = practice.read(documents.get_document, row.documents[0].id)
    assert (eml_doc.category, eml_doc.source) == (DocumentCategory.CORRESPONDENCE, "e-mail")
    assert (eml_doc.received_on, eml_doc.sent_on) == (date(2026, 3, 3), None)
    assert eml_doc.media_type == "message/rfc822"
    assert practice.blobs.read_bytes(eml_doc.sha256) == msg.as_bytes(policy=SMTP)
    pdf = practice.read(documents.get_document, row.documents[1].id)
    assert practice.blobs.read_bytes(pdf.sha256) == b"%PDF-1.7 offer"
    assert (pdf.category, pdf.source) == (DocumentCategory.OTHER, "e-mail attachment")
    attached = practice.read(documents.get_document, row.documents[3].id)
    reparsed = eml_parse.parse_eml(practice.blobs.read_bytes(attached.sha256), name="x.eml")
    assert (reparsed.subject, reparsed.summary) == ("Earlier note", "The earlier note.")
    # Names from the message never became paths: only digests were added to the store.
    assert len(stored_files(practice) - before) == 4
    data_dir = practice.location.data_dir
    names = ("passwd", "passwd.pdf", "y.pdf", "offer.eml")
    assert not any(p.name in names for p in data_dir.rglob("*"))
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize(("sender", "direction", "staff_name"), [
    ("Alice Attorney <ALICE@vance.example>", Direction.OUTGOING, "Alice Attorney"),
    ("Vance Legal <office@vance.example>", Direction.OUTGOING, ""),
    ("Jane Smith <jane@smith.example>", Direction.INCOMING, ""),
])
def test_direction_follows_the_sender(practice: Practice, office: dict[str, Any],
                                      tmp_path: Path, sender: str, direction: Direction,
                                      staff_name: str) -> None:
    to = "Jane Smith <jane@smith.example>" if direction is Direction.OUTGOING \
        else "Someone <someone@elsewhere.example>"
    run(practice, office["case"], [save(tmp_path, "m.eml", message(sender=sender, to=to))])
    [row] = practice.read(correspondence.list_for_case, office["case"])
    assert row.direction is direction
    assert row.staff_name == staff_name
    assert row.contact_name == "Jane Smith"  # the counterpart: recipient out, sender in
    doc = practice.read(documents.get_document, row.documents[0].id)
    outgoing = direction is Direction.OUTGOING
    assert (doc.sent_on, doc.received_on) == ((date(2026, 3, 3), None) if outgoing
                                              else (None, date(2026, 3, 3)))


@pytest.mark.parametrize(("zone", "date_header", "on_date", "at"), [
    ("America/New_York", DATE, date(2026, 3, 3), datetime(2026, 3, 3, 7, 30, tzinfo=UTC)),
    ("America/Los_Angeles", DATE, date(2026, 3, 2), datetime(2026, 3, 3, 7, 30, tzinfo=UTC)),
    ("Asia/Tokyo", "Tue, 03 Mar 2026 20:00:00 +0000", date(2026, 3, 4),
     datetime(2026, 3, 3, 20, 0, tzinfo=UTC)),
    ("Europe/London", "Tue, 03 Mar 2026 23:15:00 -0000", date(2026, 3, 3),
     datetime(2026, 3, 3, 23, 15, tzinfo=UTC)),
])
def test_the_day_is_the_date_header_in_the_firms_zone(
        practice: Practice, office: dict[str, Any], tmp_path: Path, zone: str,
        date_header: str, on_date: date, at: datetime) -> None:
    practice.write(firm.save_firm, name="Vance Legal", email="office@vance.example",
                   time_zone=zone)
    run(practice, office["case"], [save(tmp_path, "m.eml", message(date_header=date_header))])
    [row] = practice.read(correspondence.list_for_case, office["case"])
    assert (row.on_date, row.at) == (on_date, at)


def test_html_only_body_becomes_plain_text(practice: Practice, office: dict[str, Any],
                                           tmp_path: Path) -> None:
    html = ("<html><head><title>T</title><style>p {color: red}</style></head><body>"
            "<p>Dear&nbsp;Alice,</p><script>alert('x')</script><p>We accept:</p>"
            "<ul><li>the amount</li><li>the date</li></ul><p>Jane<br>Smith</p></body></html>")
    run(practice, office["case"], [save(tmp_path, "m.eml", message(body="", html=html))])
    [row] = practice.read(correspondence.list_for_case, office["case"])
    assert row.summary == ("Dear Alice,\n\nWe accept:\n\n- the amount\n- the date\n\n"
                           "Jane\nSmith")


def test_a_long_body_is_trimmed_and_an_unknown_charset_does_not_stop_the_import(
        tmp_path: Path) -> None:
    long = eml_parse.parse_eml(message(body="word " * 2000).as_bytes(), name="long.eml")
    assert len(long.summary) <= eml_parse.SUMMARY_CHARS and long.summary.endswith("word…")
    raw = (b"From: a@b.example\r\nDate: " + DATE.encode() + b"\r\nSubject: x\r\n"
           b"Content-Type: text/plain; charset=x-unknown-7\r\n\r\nHello \xe9t\xe9\r\n")
    odd = eml_parse.parse_eml(raw, name="odd.eml")
    assert odd.summary.startswith("Hello ") and odd.subject == "x"


def test_importing_again_skips_and_reports_instead_of_duplicating(
        practice: Practice, office: dict[str, Any], tmp_path: Path) -> None:
    msg = message()
    msg.add_attachment(b"%PDF offer", maintype="application", subtype="pdf",
                       filename="offer.pdf")
    first = save(tmp_path, "offer.eml", msg)
    run(practice, office["case"], [first])
    docs, files = live_documents(practice), stored_files(practice)

    # The same message saved again by another client (different bytes, same Message-ID),
    # together with a new one and a repeat of that new one within the batch.
    resaved = save(tmp_path, "offer again.eml", message(body="Re-saved copy"))
    new = save(tmp_path, "reply.eml", message(message_id="<reply@smith.example>",
                                              subject="Re: offer"))
    result = run(practice, office["case"], [resaved, new, new])
    assert [(line.action, line.source_name, line.note) for line in result.lines] == [
        ("skip", "offer again.eml", "already imported into 2026-CV-0001"),
        ("import", "reply.eml", ""),
        ("skip", "reply.eml", "the same message is in an earlier file of this import"),
    ]
    assert result.summary() == ("imported into 2026-CV-0001: 1 e-mail with 0 attachments, "
                                "2 skipped")
    assert entry_count(practice) == 2
    assert len(live_documents(practice)) == len(docs) + 1
    # The skipped re-save's bytes were not kept.
    assert stored_files(practice) - files == {
        eml_parse.parse_eml(new.read_bytes(), name="reply.eml").sha256}

    # Another case may hold the same message.
    other = run(practice, office["other"], [first])
    assert other.count("import") == 1


def test_without_message_id_the_same_bytes_count_as_the_same_message(
        practice: Practice, office: dict[str, Any], tmp_path: Path) -> None:
    path = save(tmp_path, "no-id.eml", message(message_id=None))
    assert run(practice, office["case"], [path]).count("import") == 1
    again = run(practice, office["case"], [path])
    assert [(line.action, line.note) for line in again.lines] == [
        ("skip", "already imported into 2026-CV-0001")]
    other_bytes = save(tmp_path, "no-id-2.eml", message(message_id=None, body="Different"))
    assert run(practice, office["case"], [other_bytes]).count("import") == 1


def test_a_deleted_entry_can_be_imported_again(practice: Practice, office: dict[str, Any],
                                               tmp_path: Path) -> None:
    path = save(tmp_path, "m.eml", message())
    run(practice, office["case"], [path])
    [row] = practice.read(correspondence.list_for_case, office["case"])
    practice.write(correspondence.delete_correspondence, correspondence_id=row.id)
    assert run(practice, office["case"], [path]).count("import") == 1


def test_dry_run_reports_and_stores_nothing(practice: Practice, office: dict[str, Any],
                                            tmp_path: Path) -> None:
    msg = message()
    msg.add_attachment(b"data", maintype="application", subtype="octet-stream",
                       filename="notes")
    path = save(tmp_path, "m.eml", msg)
    before = stored_files(practice)
    result = run(practice, office["case"], [path, path], dry_run=True)
    assert result.report() == [
        'would import: 2026-03-03 in "Settlement offer" from Jane Smith '
        "<jane@smith.example>, 1 attachment [m.eml]",
        'would skip: 2026-03-03 in "Settlement offer" from Jane Smith <jane@smith.example>, '
        "1 attachment [m.eml] (the same message is in an earlier file of this import)"]
    assert result.summary() == ("dry run for 2026-CV-0001: 1 e-mail with 1 attachment, "
                                "1 skipped; nothing was saved")
    assert stored_files(practice) == before
    assert entry_count(practice) == 0 and live_documents(practice) == []


CUT_SHORT = (b"From: a@b.example\r\nDate: " + DATE.encode() + b"\r\nMIME-Version: 1.0\r\n"
             b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n--XYZ\r\n'
             b"Content-Type: text/plain\r\n\r\nhello\r\n--XYZ\r\n"
             b'Content-Type: application/pdf; name="a.pdf"\r\n'
             b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjcK")


@pytest.mark.parametrize(("data", "why"), [
    (b"", "bad.eml is empty"),
    (b"  \r\n", "bad.eml is empty"),
    (b"%PDF-1.7\n\x00\x01\x02 binary", "bad.eml is not a saved e-mail (.eml): it has no headers"),
    (message(sender="Jane Smith").as_bytes(), "bad.eml has no sender address (From)"),
    (CUT_SHORT, "bad.eml is damaged or cut short"),
])
def test_a_bad_file_refuses_the_whole_batch_naming_it(
        practice: Practice, office: dict[str, Any], tmp_path: Path, data: bytes,
        why: str) -> None:
    good = save(tmp_path, "good.eml", message())
    bad = save(tmp_path, "bad.eml", data)
    before = stored_files(practice)
    with pytest.raises(InvalidInput) as caught:
        run(practice, office["case"], [good, bad])
    assert why in caught.value.message
    assert caught.value.message.endswith("nothing was imported.")
    assert "good.eml" not in caught.value.message
    assert stored_files(practice) == before
    assert entry_count(practice) == 0 and live_documents(practice) == []


# 03:30 UTC on 3 March 2026 is 22:30 on 2 March in New York (the firm's zone).
FILE_TIME = datetime(2026, 3, 3, 3, 30, tzinfo=UTC)


@pytest.mark.parametrize(("data", "why"), [
    (message(date_header=None).as_bytes(), "no Date header"),
    (b"Date: next Tuesday\n" + message(date_header=None).as_bytes(),
     "a Date header casedesk cannot read ('next Tuesday')"),
])
def test_without_a_readable_date_the_file_dates_the_message(
        practice: Practice, office: dict[str, Any], tmp_path: Path, data: bytes,
        why: str) -> None:
    """A saved draft often has no Date header: the file's modification time dates it, and
    the report says so."""
    path = save(tmp_path, "draft.eml", data)
    os.utime(path, (FILE_TIME.timestamp(), FILE_TIME.timestamp()))
    (parsed,) = eml_import.load_eml_files([path])
    assert (parsed.sent_at, parsed.date_note) == (FILE_TIME, why)
    line = (' "Settlement offer" from Jane Smith <jane@smith.example> [draft.eml] '
            f"({why}: dated by the file, 2026-03-02 22:30)")
    dry = run(practice, office["case"], [path], dry_run=True)
    assert dry.report() == [f"would import: 2026-03-02 in{line}"]
    result = run(practice, office["case"], [path])
    assert result.report() == [f"imported: 2026-03-02 in{line}"]
    [row] = practice.read(correspondence.list_for_case, office["case"])
    assert (row.on_date, row.at, row.subject) == (date(2026, 3, 2), FILE_TIME,
                                                  "Settlement offer")
    doc = practice.read(documents.get_document, row.document_ids[0])
    assert (doc.document_date, doc.received_on) == (date(2026, 3, 2), date(2026, 3, 2))


def test_a_message_read_from_bytes_alone_still_needs_its_date() -> None:
    """With no file (and so no file time) there is nothing to date the message by."""
    with pytest.raises(InvalidInput, match=r"m\.eml has no Date header; nothing was imported"):
        eml_parse.parse_eml(message(date_header=None).as_bytes(), name="m.eml")
    with pytest.raises(InvalidInput, match=r"m\.eml has a Date header casedesk cannot read "
                                           r"\('someday'\)"):
        eml_parse.parse_eml(b"Date: someday\n" + message(date_header=None).as_bytes(),
                            name="m.eml")
    dated = eml_parse.parse_eml(message().as_bytes(), name="m.eml", file_time=FILE_TIME)
    assert (dated.sent_at, dated.date_note) == (datetime(2026, 3, 3, 7, 30, tzinfo=UTC), "")


def test_every_bad_file_is_named_and_missing_files_are_refused(tmp_path: Path) -> None:
    first = save(tmp_path, "one.eml", b"")
    second = save(tmp_path, "two.eml", message(sender="Jane Smith"))
    with pytest.raises(InvalidInput) as caught:
        eml_import.load_eml_files([first, second, tmp_path / "missing.eml", tmp_path])
    text = caught.value.message
    assert "one.eml is empty" in text and "two.eml has no sender address (From)" in text
    assert f"{tmp_path / 'missing.eml'} does not exist" in text
    assert f"{tmp_path} is a folder" in text


def test_a_failure_while_storing_removes_what_was_stored(
        practice: Practice, office: dict[str, Any], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = message()
    first.add_attachment(b"first attachment", maintype="application", subtype="pdf",
                         filename="a.pdf")
    second = message(message_id="<second@x>")
    second.add_attachment(b"second attachment", maintype="application", subtype="pdf",
                          filename="b.pdf")
    paths = [save(tmp_path, "1.eml", first), save(tmp_path, "2.eml", second)]
    real_put = BlobStore.put_bytes
    calls = {"n": 0}

    def failing_put(self: BlobStore, data: bytes) -> Any:
        calls["n"] += 1
        if calls["n"] == 4:  # the second message's attachment: the disk is full
            raise OSError(28, "No space left on device")
        return real_put(self, data)

    monkeypatch.setattr(BlobStore, "put_bytes", failing_put)
    before = stored_files(practice)
    with pytest.raises(OSError, match="No space left"):
        run(practice, office["case"], paths)
    assert calls["n"] == 4
    assert stored_files(practice) == before
    assert entry_count(practice) == 0 and live_documents(practice) == []


def test_a_failure_while_recording_the_second_message_leaves_nothing_of_the_first(
        practice: Practice, office: dict[str, Any], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A blob that is already kept (by another document) must survive the clean-up.
    kept = practice.blobs.put_bytes(b"shared bytes")
    practice.write(documents.add_documents, case_id=office["other"],
                   files=[documents.NewFile(stored=kept, file_name="shared.pdf")])
    first = message()
    first.add_attachment(b"first attachment", maintype="application", subtype="pdf",
                         filename="a.pdf")
    first.add_attachment(b"shared bytes", maintype="application", subtype="pdf",
                         filename="shared.pdf")
    paths = [save(tmp_path, "1.eml", first),
             save(tmp_path, "2.eml", message(message_id="<second@x>"))]
    real_add = correspondence.add_correspondence
    calls = {"n": 0}

    def failing_add(session: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise InvalidInput("simulated failure on the second message")
        return real_add(session, **kwargs)

    monkeypatch.setattr(eml_import.correspondence, "add_correspondence", failing_add)
    before = stored_files(practice)
    docs_before = live_documents(practice)
    with pytest.raises(InvalidInput, match="simulated failure"):
        run(practice, office["case"], paths)
    assert calls["n"] == 2
    assert stored_files(practice) == before
    assert kept.sha256 in stored_files(practice)
    assert entry_count(practice) == 0 and live_documents(practice) == docs_before


def test_parsed_email_keeps_cc_addresses_for_direction_and_staff(tmp_path: Path) -> None:
    parsed: ParsedEmail = eml_parse.parse_eml(message(
        to='"Roe, Jim" <JIM@roe.example>', cc="bob@vance.example").as_bytes(), name="m.eml")
    assert parsed.recipient_addresses == ("jim@roe.example", "bob@vance.example")
    assert parsed.to_text == '"Roe, Jim" <JIM@roe.example>; cc: bob@vance.example'
    assert eml_import.direction_of(parsed, {"bob@vance.example"}) is Direction.INCOMING
    assert eml_import.direction_of(parsed, {"jane@smith.example"}) is Direction.OUTGOING


@pytest.mark.parametrize("backend", BACKENDS)
def test_import_and_reimport_on_every_backend(backend: str, tmp_path: Path) -> None:
    with open_desk(backend, tmp_path / "desk") as (practice, reader):
        practice.write(firm.save_firm, name="Vance Legal", email="office@vance.example",
                       time_zone="America/Chicago")
        _c, case_id = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme")
        _c, jane = practice.write(contacts.create_contact, name="Jane Smith",
                                  email="jane@smith.example")
        msg = message()
        msg.add_attachment(b"%PDF offer", maintype="application", subtype="pdf",
                           filename="offer.pdf")
        path = save(tmp_path, "offer.eml", msg)
        assert run(practice, case_id, [path]).count("import") == 1
        assert run(practice, case_id, [path]).count("skip") == 1
        [row] = practice.read(correspondence.list_for_case, case_id)
        assert (row.on_date, row.at) == (date(2026, 3, 3), datetime(2026, 3, 3, 7, 30,
                                                                     tzinfo=UTC))
        assert row.contact_id == jane
        assert [d.file_name for d in row.documents] == ["offer.eml", "offer.pdf"]
        [listed] = correspondence.page_for_case(reader, case_id)
        assert (listed.subject, listed.document_count, listed.on_date) == (
            "Settlement offer", 2, date(2026, 3, 3))


def test_a_nameless_non_image_part_is_kept_under_a_made_up_name() -> None:
    raw = (b"From: scanner@vance.example\r\nDate: " + DATE.encode() + b"\r\n"
           b"Subject: Scan\r\nMIME-Version: 1.0\r\nContent-Type: application/pdf\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjcgc2Nhbg==\r\n")
    parsed = eml_parse.parse_eml(raw, name="scan.eml")
    assert [(a.file_name, a.data) for a in parsed.attachments] == [
        ("attachment.pdf", b"%PDF-1.7 scan")]
    assert parsed.summary == "" and parsed.skipped == ()
