"""The demo's documents, correspondence, document requests and filings: deterministic, every
file stored and readable, dates on the case's timeline, links within the case."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from casedesk.domain.errors import InvalidInput
from casedesk.persistence.blob_store import BlobStore
from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.services.demo import DemoFiles, DemoSummary, build_world, generate
from casedesk.services.demo import documents as demo_documents
from casedesk.services.demo import generator as demo_generator
from casedesk.services.demo.world import DemoWorld

TODAY = date(2026, 3, 2)
PAPER_TABLES = ("documents", "document_versions", "blobs", "correspondence",
                "correspondence_documents", "document_requests", "filings", "filing_items")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, DemoSummary]]:
    """One 80-case demo practice with documents, shared (read-only) by the tests below."""
    folder = tmp_path_factory.mktemp("papers") / "practice"
    practice = Practice(resolve(folder))
    try:
        summary: DemoSummary = practice.write(generate, cases=80, seed=21, today=TODAY,
                                              files=DemoFiles(practice.blobs))
        yield practice, summary
    finally:
        practice.close()


def _rows(practice: Practice, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(practice.location.sqlite_path or "") as conn:
        return conn.execute(sql, params).fetchall()


def _paper_rows(world: DemoWorld) -> dict[str, list[dict[str, Any]]]:
    return {table: world.rows.get(table, []) for table in PAPER_TABLES}


def test_same_seed_gives_the_same_documents_and_bytes() -> None:
    first_files, second_files = DemoFiles(), DemoFiles()
    first = build_world(cases=25, seed=3, today=TODAY, files=first_files)
    second = build_world(cases=25, seed=3, today=TODAY, files=second_files)
    assert _paper_rows(first) == _paper_rows(second)
    assert first_files.memory == second_files.memory
    assert len(first_files.memory) >= 100  # real files: several per case
    other_files = DemoFiles()
    build_world(cases=25, seed=4, today=TODAY, files=other_files)
    shared = set(first_files.memory) & set(other_files.memory)
    # Only the firm-wide fee schedules could coincide; the case papers differ.
    assert len(shared) <= 8


def test_documents_leave_everything_else_as_it_was() -> None:
    plain = build_world(cases=25, seed=3, today=TODAY)
    papers = build_world(cases=25, seed=3, today=TODAY, files=DemoFiles())
    for table, rows in plain.rows.items():
        if table == "activities":  # the documents' history lines come among the others
            ids = {row["id"] for row in rows}
            assert [row for row in papers.rows[table] if row["id"] in ids] == rows
            assert len(papers.rows[table]) > len(rows)
        elif table == "expenses":  # some expenses have their receipt among the documents
            assert all(row["receipt_document_id"] is None for row in rows)
            assert [{**row, "receipt_document_id": None} for row in papers.rows[table]] == rows
        else:
            assert papers.rows[table] == rows, table
    assert not any(table in plain.rows for table in PAPER_TABLES)


def test_counts_match_the_summary(demo: tuple[Practice, DemoSummary]) -> None:
    practice, summary = demo
    counted = {table: _rows(practice, f"SELECT count(*) FROM {table}")[0][0]
               for table in ("documents", "blobs", "correspondence", "document_requests",
                             "filings")}
    assert counted == {"documents": summary.documents, "blobs": summary.files,
                       "correspondence": summary.correspondence,
                       "document_requests": summary.document_requests,
                       "filings": summary.filings}
    assert summary.documents >= 5 * 80 and summary.correspondence >= 5 * 80
    assert summary.filings >= 10 and summary.document_requests >= 2 * 80
    assert "documents (" in summary.describe()


def test_every_document_file_is_stored_and_verifies(demo: tuple[Practice, DemoSummary]
                                                    ) -> None:
    practice, _summary = demo
    store = practice.blobs
    versions = _rows(practice, "SELECT v.sha256, v.size, b.size FROM document_versions v "
                               "JOIN blobs b ON b.sha256 = v.sha256")
    assert len(versions) == _rows(practice, "SELECT count(*) FROM document_versions")[0][0]
    for sha256, size, blob_size in versions:
        assert store.verify(sha256) is None
        assert size == blob_size == store.path_for(sha256).stat().st_size
    recorded = {row[0] for row in _rows(practice, "SELECT sha256 FROM blobs")}
    assert set(store.digests()) == recorded  # no stray files, no missing ones
    # A document shows its newest version.
    mismatched = _rows(practice, """
        SELECT count(*) FROM documents d JOIN document_versions v
          ON v.document_id = d.id AND v.number = d.current_version
        WHERE v.sha256 != d.sha256 OR v.file_name != d.file_name OR v.size != d.size""")
    assert mismatched == [(0,)]
    kinds = Counter(row[0].rpartition(".")[2] for row in
                    _rows(practice, "SELECT file_name FROM document_versions"))
    assert {"docx", "pdf", "txt", "eml"} <= set(kinds)
    assert _rows(practice, "SELECT count(*) FROM documents WHERE current_version > 1")[0][0] > 10


def test_the_same_fee_schedule_is_kept_once(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    shared = _rows(practice, "SELECT sha256, count(*) FROM documents WHERE title LIKE "
                             "'Fee schedule %' GROUP BY sha256")
    assert shared and max(count for _sha, count in shared) > 5


def _read(practice: Practice, title_like: str, ext: str) -> list[tuple[bytes, str, str, str]]:
    """(bytes, case number, case title, docket number) of the newest files of some documents."""
    rows = _rows(practice, "SELECT d.sha256, c.number, c.title, c.docket_number FROM documents d"
                           " JOIN cases c ON c.id = d.case_id WHERE d.title LIKE ? AND "
                           "d.file_name LIKE ? ORDER BY c.number LIMIT 6",
                 (title_like, f"%.{ext}"))
    assert rows, (title_like, ext)
    return [(practice.blobs.read_bytes(sha), number, title, docket)
            for sha, number, title, docket in rows]


def test_word_files_have_headings_and_the_cases_own_text(demo: tuple[Practice, DemoSummary]
                                                         ) -> None:
    practice, _summary = demo
    for data, number, title, docket in _read(practice, "Complaint for damages", "docx"):
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
        styles = {p.style.name for p in document.paragraphs if p.style is not None}
        assert {"Title", "Heading 1", "List Number"} <= styles
        assert "COMPLAINT FOR DAMAGES" in text and f"Case No. {docket}" in text
        assert title.split(" v. ")[0].upper() in text
        footer = document.sections[0].footer.paragraphs[0].text
        assert footer == f"{number} · Complaint for damages"
        assert document.core_properties.title == "Complaint for damages"
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
    for data, _number, title, _docket in _read(practice, "Engagement letter", "docx"):
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert f"Engagement — {title}" in text and "retainer" in text


def test_pdfs_have_real_extractable_text(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    for data, _number, _title, docket in _read(practice, "Order %", "pdf"):
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert "IT IS SO ORDERED." in text and docket in text
    scans = [row for pattern in ("Statement of account", "Medical billing summary",
                                 "Bank statements", "Earnings statements", "Notice to Appear")
             for row in _rows(practice, "SELECT d.sha256, c.title FROM documents d JOIN cases "
                                        "c ON c.id = d.case_id WHERE d.title = ?", (pattern,))]
    assert scans
    for sha256, _title in scans[:6]:
        reader = PdfReader(io.BytesIO(practice.blobs.read_bytes(sha256)))
        text = reader.pages[0].extract_text()
        assert "RECEIVED" in text and len(text) > 200


def test_emails_and_notes_are_readable(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    rows = _rows(practice, """
        SELECT d.sha256, e.subject, e.message_id FROM correspondence e
        JOIN correspondence_documents l ON l.correspondence_id = e.id
        JOIN documents d ON d.id = l.document_id WHERE d.file_name LIKE '%.eml'""")
    assert len(rows) >= 20
    for sha256, subject, message_id in rows:
        message = BytesParser(policy=policy.default).parsebytes(
            practice.blobs.read_bytes(sha256))
        assert message["Subject"] == subject and message["Message-ID"] == message_id
        body = message.get_body(preferencelist=("plain",))
        assert body is not None and len(body.get_content()) > 40
    for data, number, title, _docket in _read(practice, "Intake notes%", "txt"):
        text = data.decode("utf-8")
        assert text.startswith(f"INTAKE NOTES — {number}") and title in text


def test_links_stay_within_the_case(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    checks = {
        "correspondence documents": """
            SELECT count(*) FROM correspondence_documents l
            JOIN correspondence e ON e.id = l.correspondence_id
            JOIN documents d ON d.id = l.document_id WHERE d.case_id != e.case_id""",
        "request documents": """
            SELECT count(*) FROM document_requests r JOIN documents d ON d.id = r.document_id
            WHERE d.case_id != r.case_id""",
        "filing items": """
            SELECT count(*) FROM filing_items i JOIN filings f ON f.id = i.filing_id
            JOIN documents d ON d.id = i.document_id WHERE d.case_id != f.case_id""",
        "filing deadlines": """
            SELECT count(*) FROM filings f JOIN events e ON e.id = f.deadline_event_id
            WHERE e.case_id != f.case_id OR e.kind != 'filing_deadline'""",
    }
    for what, sql in checks.items():
        assert _rows(practice, sql) == [(0,)], what
    linked = _rows(practice, "SELECT count(*) FROM correspondence_documents")[0][0]
    assert linked >= 80


def test_requests_received_outstanding_and_overdue(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    today = TODAY.isoformat()
    overdue = _rows(practice, "SELECT count(*) FROM document_requests WHERE received_on IS "
                              "NULL AND withdrawn_on IS NULL AND due_on < ?", (today,))[0][0]
    upcoming = _rows(practice, "SELECT count(*) FROM document_requests WHERE received_on IS "
                               "NULL AND withdrawn_on IS NULL AND due_on >= ?", (today,))[0][0]
    linked = _rows(practice, "SELECT count(*) FROM document_requests WHERE received_on IS NOT "
                             "NULL AND document_id IS NOT NULL")[0][0]
    assert overdue >= 3 and upcoming >= 1 and linked >= 20
    # What a closed case asked for came in or was withdrawn; nothing came before it was asked.
    assert _rows(practice, """
        SELECT count(*) FROM document_requests r JOIN cases c ON c.id = r.case_id
        WHERE c.status = 'closed' AND r.received_on IS NULL AND r.withdrawn_on IS NULL""") \
        == [(0,)]
    assert _rows(practice, "SELECT count(*) FROM document_requests WHERE received_on < "
                           "requested_on OR due_on < requested_on OR received_on >= ?",
                 (today,)) == [(0,)]


def test_dates_follow_each_case(demo: tuple[Practice, DemoSummary]) -> None:
    practice, _summary = demo
    last = (TODAY - timedelta(days=1)).isoformat()
    for table, column in (("correspondence", "on_date"), ("documents", "received_on"),
                          ("documents", "sent_on"), ("document_requests", "requested_on")):
        early_or_late = _rows(practice, f"""
            SELECT count(*) FROM {table} t JOIN cases c ON c.id = t.case_id
            WHERE t.{column} < c.opened_on OR t.{column} > coalesce(c.closed_on, ?)""", (last,))
        assert early_or_late == [(0,)], (table, column)
    # No file was added before its case was opened, or after the reference date began.
    added = _rows(practice, """
        SELECT min(julianday(v.added_at) - julianday(c.created_at)), max(v.added_at)
        FROM document_versions v JOIN documents d ON d.id = v.document_id
        JOIN cases c ON c.id = d.case_id""")
    assert added[0][0] > 0 and added[0][1] < TODAY.isoformat() + "T12"
    orders = _rows(practice, "SELECT count(*) FROM documents d JOIN cases c ON "
                             "c.id = d.case_id WHERE d.category = 'order' AND "
                             "c.court = ''")
    assert orders == [(0,)]
    statuses = Counter(row[0] for row in _rows(practice, "SELECT status FROM filings"))
    assert statuses.keys() & {"accepted", "conformed", "submitted"}
    assert statuses.keys() & {"draft", "ready"}


def test_large_demos_give_documents_to_some_cases_spread_out(monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.setattr(demo_documents, "DOCUMENT_CASES", 6)
    world = build_world(cases=30, seed=2, today=TODAY, files=DemoFiles())
    with_papers = [i for i, plan in enumerate(world.cases) if plan.milestones is not None]
    assert with_papers == [0, 5, 10, 15, 20, 25]
    cases_with_documents = {row["case_id"] for row in world.rows["documents"]}
    assert cases_with_documents == {world.cases[i].id for i in with_papers}


def test_without_a_store_there_are_no_documents() -> None:
    world = build_world(cases=10, seed=2, today=TODAY)
    assert all(plan.milestones is None for plan in world.cases)
    assert "documents" not in world.rows


def test_a_failed_demo_leaves_no_files_and_no_rows(practice: Practice,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(world: DemoWorld, _pools: object) -> None:
        assert world.count("documents") > 0  # the files were written by now
        raise InvalidInput("stop here", field="test")

    monkeypatch.setattr(demo_generator, "GENERATORS",
                        (*demo_generator.GENERATORS, ("fail", fail)))
    store = practice.blobs
    with pytest.raises(InvalidInput, match="stop here"):
        practice.write(generate, cases=12, seed=5, today=TODAY, files=DemoFiles(store))
    assert list(store.digests()) == []
    assert _rows(practice, "SELECT count(*) FROM documents") == [(0,)]
    assert _rows(practice, "SELECT count(*) FROM cases") == [(0,)]


def test_files_put_twice_are_kept_once(tmp_path: Path) -> None:
    files = DemoFiles(BlobStore(tmp_path / "store"))
    first, again = files.put(b"same bytes"), files.put(b"same bytes")
    assert first.created and not again.created and first.sha256 == again.sha256
    assert files.created == [first.sha256]
    assert files.read(first.sha256) == b"same bytes"
    files.discard()
    assert not BlobStore(tmp_path / "store").exists(first.sha256)


@pytest.mark.postgres
def test_the_same_documents_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    with Practice(resolve(tmp_path / "desk", pg_url)) as practice:
        on_server: DemoSummary = practice.write(generate, cases=15, seed=8, today=TODAY,
                                                files=DemoFiles(practice.blobs))
        digests = sorted(practice.blobs.digests())
    with Practice(resolve(tmp_path / "lite")) as practice:
        on_sqlite: DemoSummary = practice.write(generate, cases=15, seed=8, today=TODAY,
                                                files=DemoFiles(practice.blobs))
        assert sorted(practice.blobs.digests()) == digests
    assert on_server == on_sqlite and on_server.documents > 50
