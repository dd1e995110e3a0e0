"""`casedesk import-eml` and `casedesk requests` as a user runs them: real processes, real
files, results read back with the stdlib driver."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services import cases, contacts, document_requests, firm, staff
from tests.e2e.test_cli_interchange import casedesk


def eml(folder: Path, name: str, *, subject: str, message_id: str,
        sender: str = "Jane Smith <jane@smith.example>",
        attachment: tuple[str, bytes] | None = None,
        date_header: str | None = "Mon, 02 Mar 2026 23:30:00 -0800") -> Path:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "Alice Attorney <alice@vance.example>"
    msg["Subject"] = subject
    if date_header is not None:
        msg["Date"] = date_header
    msg["Message-ID"] = message_id
    msg.set_content(f"Body of {subject}.")
    if attachment is not None:
        msg.add_attachment(attachment[1], maintype="application", subtype="octet-stream",
                           filename=attachment[0])
    path = folder / name
    path.write_bytes(msg.as_bytes(policy=SMTP))
    return path


def rows(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(data_dir / "casedesk.db")) as conn:
        return conn.execute(sql).fetchall()


def stored(data_dir: Path) -> set[str]:
    return {p.name for p in (data_dir / "documents").rglob("*") if p.is_file()}


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    with Practice(resolve(folder)) as practice:
        practice.write(firm.save_firm, name="Vance Legal", email="office@vance.example",
                       time_zone="America/Los_Angeles")
        practice.write(staff.add_staff, name="Alice Attorney", role="attorney",
                       email="alice@vance.example")
        _c, case_id = practice.write(cases.create_case, number="2026-CV-0001",
                                     title="Smith v. Acme", opened_on="2026-01-05")
        _c, other_id = practice.write(cases.create_case, number="2026-CV-0002",
                                      title="Doe v. Roe", opened_on="2026-01-05")
        _c, jane = practice.write(contacts.create_contact, name="Jane Smith")
        today = date.today()
        for case, item, due, asked in (
                (case_id, "Payslips", today - timedelta(days=3), today - timedelta(days=20)),
                (case_id, "Lease", today + timedelta(days=7), today - timedelta(days=2)),
                (other_id, "ID card", today - timedelta(days=1), today - timedelta(days=9))):
            practice.write(document_requests.add_request, case_id=case, item=item,
                           requested_on=asked, due_on=due,
                           contact_id=jane if item == "Payslips" else None)
    return folder


def test_import_prints_each_message_and_skips_repeats(office: Path, tmp_path: Path) -> None:
    first = eml(tmp_path, "offer.eml", subject="Settlement offer", message_id="<1@smith>",
                attachment=("../../evil.txt", b"not a path"))
    second = eml(tmp_path, "reply.eml", subject="Re: offer", message_id="<2@vance>",
                 sender="Alice Attorney <alice@vance.example>")
    before = stored(office)

    dry = casedesk(office, "import-eml", str(first), str(second), "--case", "2026-CV-0001",
                   "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        'would import: 2026-03-02 in "Settlement offer" from Jane Smith <jane@smith.example>, '
        "1 attachment [offer.eml]",
        'would import: 2026-03-02 out "Re: offer" from Alice Attorney <alice@vance.example> '
        "[reply.eml]",
        "dry run for 2026-CV-0001: 2 e-mails with 1 attachment, 0 skipped; nothing was saved"]
    assert rows(office, "SELECT count(*) FROM correspondence") == [(0,)]
    assert stored(office) == before

    done = casedesk(office, "import-eml", str(first), str(second), "--case", "2026-CV-0001")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == ("imported into 2026-CV-0001: 2 e-mails with "
                                            "1 attachment, 0 skipped")
    assert done.stdout.splitlines()[0].startswith('imported: 2026-03-02 in "Settlement offer"')
    assert sorted(rows(office, "SELECT subject, direction, on_date, message_id FROM "
                               "correspondence")) == [
        ("Re: offer", "out", "2026-03-02", "<2@vance>"),
        ("Settlement offer", "in", "2026-03-02", "<1@smith>")]
    assert sorted(r[0] for r in rows(office, "SELECT file_name FROM documents")) == [
        "evil.txt", "offer.eml", "reply.eml"]
    assert len(stored(office) - before) == 3
    # The attachment's name is only the document's display name, never a path.
    assert not any(p.name == "evil.txt" for p in tmp_path.parent.rglob("*"))

    again = casedesk(office, "import-eml", str(first), "--case", "2026-CV-0001")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        'skipped: 2026-03-02 in "Settlement offer" from Jane Smith <jane@smith.example>, '
        "1 attachment [offer.eml] (already imported into 2026-CV-0001)",
        "imported into 2026-CV-0001: 0 e-mails with 0 attachments, 1 skipped"]
    assert rows(office, "SELECT count(*) FROM correspondence") == [(2,)]


def test_a_draft_without_a_date_is_dated_by_its_file(office: Path, tmp_path: Path) -> None:
    draft = eml(tmp_path, "draft.eml", subject="Draft reply", message_id="<d@vance>",
                sender="Alice Attorney <alice@vance.example>", date_header=None)
    # 05:15 UTC on 4 March 2026 is 21:15 on 3 March in Los Angeles (the firm's zone).
    stamp = datetime(2026, 3, 4, 5, 15, tzinfo=UTC).timestamp()
    os.utime(draft, (stamp, stamp))
    done = casedesk(office, "import-eml", str(draft), "--case", "2026-CV-0001")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        'imported: 2026-03-03 out "Draft reply" from Alice Attorney <alice@vance.example> '
        "[draft.eml] (no Date header: dated by the file, 2026-03-03 21:15)",
        "imported into 2026-CV-0001: 1 e-mail with 0 attachments, 0 skipped"]
    assert rows(office, "SELECT subject, direction, on_date, at FROM correspondence") == [
        ("Draft reply", "out", "2026-03-03", "2026-03-04 05:15:00.000000")]


def test_bad_input_exits_2_and_imports_nothing(office: Path, tmp_path: Path) -> None:
    good = eml(tmp_path, "good.eml", subject="Fine", message_id="<ok@x>",
               attachment=("a.bin", b"attachment bytes"))
    bad = tmp_path / "scan.eml"
    bad.write_bytes(b"%PDF-1.7\n\x00\x01 not an e-mail")
    before = stored(office)
    for args, message in (
            ((str(good), str(bad)),
             "casedesk: error: scan.eml is not a saved e-mail (.eml): it has no headers; "
             "nothing was imported."),
            ((str(good), str(tmp_path / "missing.eml")),
             f"casedesk: error: {tmp_path / 'missing.eml'} does not exist; nothing was "
             "imported."),
    ):
        done = casedesk(office, "import-eml", *args, "--case", "2026-CV-0001")
        assert done.returncode == 2
        assert done.stderr.strip() == message
        assert done.stdout == ""
    unknown = casedesk(office, "import-eml", str(good), "--case", "2026-CV-9999")
    assert unknown.returncode == 2
    assert "casedesk: error: No case numbered 2026-CV-9999 was found" in unknown.stderr
    assert rows(office, "SELECT count(*) FROM correspondence") == [(0,)]
    assert rows(office, "SELECT count(*) FROM documents") == [(0,)]
    assert stored(office) == before


def test_requests_lists_one_per_line(office: Path) -> None:
    today = date.today()
    overdue = casedesk(office, "requests", "--overdue")
    assert overdue.returncode == 0, overdue.stderr
    assert overdue.stdout.splitlines() == [
        f"2026-CV-0001  Payslips · due {today - timedelta(days=3)} (3 days overdue) · "
        "asked of Jane Smith",
        f"2026-CV-0002  ID card · due {today - timedelta(days=1)} (1 day overdue)"]
    assert overdue.stderr.strip() == "2 overdue requests"

    everything = casedesk(office, "requests")
    assert [line.split(" · ")[0] for line in everything.stdout.splitlines()] == [
        "2026-CV-0001  Payslips", "2026-CV-0002  ID card", "2026-CV-0001  Lease"]

    checklist = casedesk(office, "requests", "--case", "2026-CV-0001")
    assert checklist.returncode == 0, checklist.stderr
    assert checklist.stdout.splitlines() == [
        f"outstanding  Payslips · requested {today - timedelta(days=20)} · due "
        f"{today - timedelta(days=3)} (3 days overdue) · asked of Jane Smith",
        f"outstanding  Lease · requested {today - timedelta(days=2)} · due "
        f"{today + timedelta(days=7)}"]
    assert checklist.stderr.strip() == "2 requests"

    missing = casedesk(office, "requests", "--case", "2026-CV-9999")
    assert missing.returncode == 2
    assert "No case numbered 2026-CV-9999" in missing.stderr
