"""Full-text search figures for `make bench`: typical queries over 100,000 documents through
`search_index.search`, each beside the same FTS5 MATCH (same expression, same bm25 weights,
same snippet) run with plain `sqlite3`; plus the index's "anything to do?" check, catching up
on N new entries beside plain sqlite3 inserting the same entries, and the indexing of real
files (in this process, and in worker processes) beside reading their text directly.

The practice is built once in bench-data/ (rows and index entries inserted in bulk, with
generated legal text; no files behind the 100,000 documents) and reused while SEARCH_VERSION
stays the same. Run alone: `python -m tests.bench.search_bench [--documents N]`.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.bench.calendar_bench import median_ms
from tests.bench.legal_text import FakeDocument, LegalText

Row = tuple[str, float, str, float]
ROOT = Path(__file__).resolve().parents[2]
BENCH_DATA = ROOT / "bench-data"
SEARCH_VERSION = 1  # bump when the generated practice changes, so cached ones are rebuilt
DEFAULT_DOCUMENTS = 100_000
DOCS_PER_CASE = 50
FILES_TO_INDEX = 480  # real .docx/.pdf/.eml/.html files for the indexing figures
CATCH_UP_ENTRIES = 20_000  # new notes and correspondence entries for the catch-up figure
# (label, query as typed, kinds): what people type in the search box.
QUERIES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("one common word", "negligence", None),
    ("two words", "summary judgment", None),
    ("a surname", "Kowalski", None),
    ("as you type (prefix)", "indemn", None),
    ("a quoted phrase", '"motion to compel"', None),
    ("OR and an exclusion", "lease OR tenant -arbitration", None),
    ("very common word, documents only", "plaintiff", ("document",)),
    ("the commonest word", "the ", None),
)
TYPED = "summary judgment"  # typed a key at a time into the search box


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _documents(count: int, seed: int) -> Iterator[tuple[int, FakeDocument]]:
    text = LegalText(seed)
    for i in range(count):
        yield i, text.document()


def build_practice(folder: Path, documents: int) -> None:
    """A practice with `documents` documents on `documents / DOCS_PER_CASE` cases, indexed."""
    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice
    from casedesk.services.search_sources import SOURCES, source_row

    folder.mkdir(parents=True, exist_ok=True)
    Practice(resolve(folder)).close()  # creates the schema
    conn = sqlite3.connect(folder / "casedesk.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    now = _stamp(datetime(2026, 11, 27, 12, tzinfo=UTC))
    case_ids = [uuid.uuid4() for _ in range(max(documents // DOCS_PER_CASE, 1))]
    case_rows = []
    for n, case_id in enumerate(case_ids, start=1):
        case_rows.append((case_id.hex, now, now, 1, f"2026-CV-{n:05d}", f"Matter number {n}",
                          "Litigation", "open", "", "", "", "", "2026-01-05", "", "", ""))
    conn.executemany(
        "INSERT INTO cases (id, created_at, updated_at, version, number, title, practice_area, "
        "status, court, court_time_zone, judge, docket_number, opened_on, description, "
        "client_names, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        case_rows)
    entry_id = 0
    batch_docs: list[NewDoc] = []
    started = time.perf_counter()
    for i, doc in _documents(documents, seed=7):
        doc_id = uuid.uuid4()
        sha = uuid.uuid4().hex + uuid.uuid4().hex  # a stand-in digest: no file behind it
        case_id = case_ids[i % len(case_ids)]
        day = (date(2020, 1, 1) + timedelta(days=i % 2400)).isoformat()
        tags = json.dumps(["bench"] if i % 10 == 0 else [])
        batch_docs.append((doc_id, sha, case_id, day, tags, doc))
        if len(batch_docs) >= 2000:
            entry_id = _insert_docs(conn, batch_docs, entry_id, now)
            batch_docs.clear()
            print(f"  {i + 1:,} documents ({time.perf_counter() - started:.0f} s)", flush=True)
    entry_id = _insert_docs(conn, batch_docs, entry_id, now)
    case_source = SOURCES["case"]
    for row in conn.execute(f"SELECT s.id, s.version, 1, s.id, {case_source.columns} "
                            "FROM cases s").fetchall():
        entry_id += 1
        built = source_row(case_source, row)
        conn.execute("INSERT INTO search_entries (id, kind, ref_id, case_id, source_version) "
                     "VALUES (?, 'case', ?, ?, 1)", (entry_id, row[0], row[0]))
        conn.execute("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
                     (entry_id, built.title, built.body))
    conn.execute("COMMIT")
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()


NewDoc = tuple[uuid.UUID, str, uuid.UUID, str, str, FakeDocument]
_MEDIA = {"pdf": "application/pdf", "txt": "text/plain", "eml": "message/rfc822",
          "html": "text/html",
          "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _insert_docs(conn: sqlite3.Connection, docs: list[NewDoc], entry_id: int, now: str) -> int:
    from casedesk.services.search_sources import SOURCES, source_row

    blobs, documents, versions, entries, fts = [], [], [], [], []
    for doc_id, sha, case_id, day, tags, doc in docs:
        size = len(doc.body.encode())
        media = _MEDIA[doc.file_name.rpartition(".")[2]]
        blobs.append((sha, size, now, "done", ""))
        documents.append((doc_id.hex, now, now, 1, case_id.hex, doc.title, doc.category, tags,
                          0, 0, "", day, "file", 1, doc.file_name, media, size, sha))
        versions.append((uuid.uuid4().hex, doc_id.hex, 1, sha, doc.file_name, media, size, now,
                         ""))
        entry_id += 1
        entries.append((entry_id, doc_id.hex, case_id.hex))
        # The title the indexer would make (services/search_sources.py), the text as body.
        built = source_row(SOURCES["document"], (doc_id.hex, 1, 1, case_id.hex, doc.title,
                                                 doc.file_name, tags, doc.category, "", sha,
                                                 media))
        fts.append((entry_id, built.title, doc.body))
    conn.executemany("INSERT INTO blobs (sha256, size, stored_at, text_status, text_error) "
                     "VALUES (?, ?, ?, ?, ?)", blobs)
    conn.executemany(
        "INSERT INTO documents (id, created_at, updated_at, version, case_id, title, category, "
        "tags, privileged, confidential, author, document_date, source, current_version, "
        "file_name, media_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?)", documents)
    conn.executemany(
        "INSERT INTO document_versions (id, document_id, number, sha256, file_name, media_type, "
        "size, added_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", versions)
    conn.executemany("INSERT INTO search_entries (id, kind, ref_id, case_id, source_version) "
                     "VALUES (?, 'document', ?, ?, 1)", entries)
    conn.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", fts)
    return entry_id


def ensure_practice(documents: int) -> Path:
    folder = BENCH_DATA / f"search-{documents}-v{SEARCH_VERSION}"
    marker = folder / "built"
    if marker.exists():
        return folder
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    print(f"building the {documents:,}-document search practice in {folder} (once)...",
          flush=True)
    started = time.perf_counter()
    build_practice(folder, documents)
    marker.write_text("ok\n")
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def search_figures(folder: Path, repeat: int) -> list[Row]:
    """Each query through `search` (the GUI's reader, as the search box runs it) beside the
    same MATCH, ORDER BY rank and snippet in plain sqlite3 with no join and no row objects."""
    from casedesk.persistence.reader import SqliteReader
    from casedesk.services import search_index, search_results
    from casedesk.services.search_query import parse_query, to_fts5

    db_path = folder / "casedesk.db"
    reader = SqliteReader(db_path)
    raw = sqlite3.connect(db_path)
    total = raw.execute("SELECT count(*) FROM documents").fetchone()[0]
    size_mb = db_path.stat().st_size / 2**20
    rows: list[Row] = []
    weights = f"bm25({search_results.TITLE_WEIGHT}, 1.0)"
    for label, typed, kinds in QUERIES:
        expr = to_fts5(parse_query(typed))
        found: dict[str, int] = {}

        def ours(typed: str = typed, kinds: tuple[str, ...] | None = kinds,
                 found: dict[str, int] = found) -> None:
            found["hits"] = len(search_index.search(reader, typed, kinds=kinds))

        def reference(expr: str | None = expr) -> None:
            raw.execute("SELECT rowid, snippet(search_fts, -1, '[', ']', '…', 20) FROM "
                        "search_fts WHERE search_fts MATCH ? AND rank MATCH ? ORDER BY rank "
                        "LIMIT 50", (expr, weights)).fetchall()

        matches = raw.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?",
                              (expr,)).fetchone()[0]
        ms, ref_ms = median_ms(ours, repeat), median_ms(reference, repeat)
        rows.append((f"search {label}: {typed} [{matches:,} matches, first {found['hits']}]",
                     ms, "the same FTS5 MATCH (ranking all) in raw sqlite3", ref_ms))
    per_key: list[float] = []
    raw_per_key: list[float] = []
    for end in range(1, len(TYPED) + 1):
        typed, expr = TYPED[:end], to_fts5(parse_query(TYPED[:end]))
        per_key.append(median_ms(lambda t=typed: search_index.search(reader, t), repeat))
        raw_per_key.append(median_ms(lambda e=expr: raw.execute(
            "SELECT rowid, snippet(search_fts, -1, '[', ']', '…', 20) FROM search_fts WHERE "
            "search_fts MATCH ? AND rank MATCH ? ORDER BY rank LIMIT 50",
            (e, weights)).fetchall() if e else None, repeat))
    rows.append((f"as you type {TYPED!r}, per keystroke (slowest {max(per_key):.0f} ms)",
                 sum(per_key) / len(per_key), "the same FTS5 MATCHes in raw sqlite3",
                 sum(raw_per_key) / len(raw_per_key)))
    case_id = raw.execute("SELECT id FROM cases LIMIT 1 OFFSET 7").fetchone()[0]

    def in_case() -> None:
        search_index.search(reader, "deposition", case_id=uuid.UUID(case_id))

    def raw_in_case() -> None:
        raw.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid IN "
                    "(SELECT id FROM search_entries WHERE case_id = ?) ORDER BY rank LIMIT 50",
                    ('"deposition"', case_id)).fetchall()

    rows.append((f"search one case's documents: deposition ({DOCS_PER_CASE} documents)",
                 median_ms(in_case, repeat), "raw sqlite3 MATCH + rowid IN the case's entries",
                 median_ms(raw_in_case, repeat)))
    reader.close()
    raw.close()
    print(f"search practice: {total:,} documents, database {size_mb:,.0f} MB")
    return rows


def catch_up_figure(folder: Path, repeat: int) -> list[Row]:
    """The check `casedesk search` makes before every search when nothing changed."""
    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice
    from casedesk.services import search_index

    raw = sqlite3.connect(folder / "casedesk.db")

    def raw_check() -> None:
        raw.execute("SELECT count(*) FROM documents d LEFT JOIN search_entries e ON "
                    "e.kind = 'document' AND e.ref_id = d.id WHERE e.id IS NULL OR "
                    "e.source_version <> d.version").fetchone()

    with Practice(resolve(folder)) as practice:
        report: dict[str, object] = {}

        def check() -> None:
            report["r"] = search_index.index_pending(practice.engine, practice.blobs)

        ms = median_ms(check, repeat)
    assert not report["r"].indexed, report  # type: ignore[attr-defined]
    figure = median_ms(raw_check, repeat)
    raw.close()
    return [("index catch-up with nothing to do (every kind, deleted rows too)", ms,
             "raw sqlite3: documents without an up-to-date entry", figure)]


def _build_entries(folder: Path, entries: int) -> None:
    """A practice with `entries` notes and correspondence entries on entries / 100 cases."""
    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice

    Practice(resolve(folder)).close()  # creates the schema
    conn = sqlite3.connect(folder / "casedesk.db", isolation_level=None)
    now = _stamp(datetime(2026, 11, 27, 12, tzinfo=UTC))
    text = LegalText(11)
    case_ids = [uuid.uuid4().hex for _ in range(max(entries // 100, 1))]
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO cases (id, created_at, updated_at, version, number, title, practice_area, "
        "status, court, court_time_zone, judge, docket_number, opened_on, description, "
        "client_names, search_text) VALUES (?, ?, ?, 1, ?, ?, 'Litigation', 'open', '', '', "
        "'', '', '2026-01-05', '', '', '')",
        [(case_id, now, now, f"2026-CV-{n:05d}", f"Matter number {n}")
         for n, case_id in enumerate(case_ids, start=1)])
    notes, letters = [], []
    for i in range(entries):
        doc = text.document()
        case_id = case_ids[i % len(case_ids)]
        if i % 2:
            notes.append((uuid.uuid4().hex, now, now, case_id, doc.body[:1500]))
        else:
            letters.append((uuid.uuid4().hex, now, now, case_id, doc.title, doc.body[:800]))
    conn.executemany("INSERT INTO notes (id, created_at, updated_at, version, case_id, text) "
                     "VALUES (?, ?, ?, 1, ?, ?)", notes)
    conn.executemany(
        "INSERT INTO correspondence (id, created_at, updated_at, version, case_id, kind, "
        "direction, on_date, subject, from_text, to_text, summary, message_id) VALUES (?, ?, ?, "
        "1, ?, 'letter', 'in', '2026-03-03', ?, 'Jane Roe <jane@example.com>', "
        "'office@example.net', ?, '')", letters)
    conn.execute("COMMIT")
    conn.close()


def catch_up_figure_entries(work: Path, entries: int, repeat: int) -> list[Row]:
    """`index_pending` on `entries` new rows (no files) beside plain sqlite3 inserting the very
    entries it wrote (titles and bodies made beforehand) with executemany, one transaction."""
    import shutil

    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice
    from casedesk.services import search_index

    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    _build_entries(work, entries)
    raw = sqlite3.connect(work / "casedesk.db", isolation_level=None)

    def empty() -> None:
        raw.execute("DELETE FROM search_fts")
        raw.execute("DELETE FROM search_entries")

    ours: list[float] = []
    with Practice(resolve(work)) as practice:
        for _ in range(repeat):
            empty()
            started = time.perf_counter()
            report = search_index.index_pending(practice.engine, practice.blobs)
            ours.append(time.perf_counter() - started)
    assert report.indexed == entries + max(entries // 100, 1), report
    written = raw.execute("SELECT e.id, e.kind, e.ref_id, e.case_id, e.source_version, "
                          "f.title, f.body FROM search_entries e JOIN search_fts f ON "
                          "f.rowid = e.id ORDER BY e.id").fetchall()
    reference: list[float] = []
    for _ in range(repeat):
        empty()
        started = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany("INSERT INTO search_entries (id, kind, ref_id, case_id, "
                        "source_version) VALUES (?, ?, ?, ?, ?)", [r[:5] for r in written])
        raw.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
                        [(r[0], r[5], r[6]) for r in written])
        raw.execute("COMMIT")
        reference.append(time.perf_counter() - started)
    raw.close()
    shutil.rmtree(work)
    return [(f"index catch-up of {len(written):,} new entries (notes, correspondence, cases; "
             "no files)", statistics.median(ours) * 1000,
             "plain sqlite3 executemany of the same entries, one transaction",
             statistics.median(reference) * 1000)]


def indexing_figure(work: Path) -> list[Row]:
    """Indexing freshly added real files (docx, pdf, eml, html) beside extract_text alone: read
    in this process, then again (a rebuild) in worker processes."""
    import shutil

    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice
    from casedesk.services import cases, documents, search_index
    from casedesk.services.search_texts import worker_count
    from casedesk.services.text_extract import extract_text

    if work.exists():
        shutil.rmtree(work)
    files = work / "files"
    files.mkdir(parents=True)
    text = LegalText(3)
    paths = []
    for i in range(FILES_TO_INDEX):
        doc = text.document()
        path = files / f"{i:03d}.{('docx', 'pdf', 'eml', 'html')[i % 4]}"
        path.write_bytes(_file_bytes(path.suffix, doc.title, doc.body))
        paths.append(path)
    workers = worker_count() or 2  # shown even where casedesk would not start any
    with Practice(resolve(work / "practice")) as practice:
        _c, case_id = practice.write(cases.create_case, number="2026-CV-1", title="Bench")
        documents.add_files(practice.write, practice.read, practice.blobs, case_id=case_id,
                            paths=paths)
        started = time.perf_counter()
        report = search_index.index_pending(practice.engine, practice.blobs, workers=0)
        ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        again = search_index.rebuild(practice.engine, practice.blobs, workers=workers)
        pooled_ms = (time.perf_counter() - started) * 1000
    for done in (report, again):
        assert done.files_read == FILES_TO_INDEX and not done.failed, done
    started = time.perf_counter()
    for path in paths:
        extract_text(path.read_bytes(), media_type="", file_name=path.name)
    ref = (time.perf_counter() - started) * 1000
    shutil.rmtree(work)
    per_file = "extract_text on the same bytes, one process, no database"
    return [(f"index {FILES_TO_INDEX} new files (docx, pdf, eml, html), per file",
             ms / FILES_TO_INDEX, per_file, ref / FILES_TO_INDEX),
            (f"the same again, read by {workers} worker processes (casedesk starts "
             f"{worker_count()} here), per file",
             pooled_ms / FILES_TO_INDEX, per_file, ref / FILES_TO_INDEX)]


def _file_bytes(suffix: str, title: str, body: str) -> bytes:
    if suffix == ".docx":
        import docx

        document = docx.Document()
        document.add_heading(title, 1)
        for paragraph in body.split("\n"):
            document.add_paragraph(paragraph)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    if suffix == ".pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=10)
        safe = (title + "\n" + body).encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, safe)
        return bytes(pdf.output())
    if suffix == ".eml":
        from email.message import EmailMessage

        message = EmailMessage()
        message["From"] = "Jane Roe <jane@example.com>"
        message["To"] = "office@example.net"
        message["Subject"] = title
        message.set_content(body)
        return message.as_bytes()
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n"))
    return f"<html><head><title>{title}</title></head><body>{paragraphs}</body></html>".encode()


def figures(documents: int, repeat: int) -> list[Row]:
    folder = ensure_practice(documents)
    return [*search_figures(folder, repeat), *catch_up_figure(folder, repeat),
            *catch_up_figure_entries(BENCH_DATA / "search-catch-up", CATCH_UP_ENTRIES,
                                     max(repeat // 2, 1)),
            *indexing_figure(BENCH_DATA / "search-indexing")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=DEFAULT_DOCUMENTS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    rows = figures(args.documents, args.repeat)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  {'casedesk':>10}  {'reference':>10}  ratio  reference is")
    for name, value, ref_name, ref in rows:
        ratio = value / ref if ref else float("nan")
        print(f"{name.ljust(width)}  {value:8.1f} ms  {ref:8.2f} ms  {ratio:5.1f}x  {ref_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
