"""Checking the practice's stored files and its database, reading only (`casedesk check`).

Every file a document version, a letter template or a `blobs` row names is hashed and compared
with its SHA-256; what is missing or damaged is reported with every document (case, version)
and template that uses it, and files in the store that nothing uses are listed, then the
clutter in the store's folder: temporary files of copies cut short, and anything else that is
not a stored file. On SQLite the database file gets SQLite's own `PRAGMA quick_check` and
`PRAGMA foreign_key_check`. Nothing is repaired: a check never changes the practice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from casedesk.domain.errors import InvalidInput
from casedesk.persistence.blob_store import BlobStore
from casedesk.services.bulk_sql import table, uuid_text

MAX_DATABASE_LINES = 100  # SQLite reports at most this many quick_check problems


@dataclass(frozen=True, slots=True)
class FileUse:
    """Something that needs a stored file: a document's version or a letter template."""

    sha256: str
    what: str  # "document 'Complaint' (case 2026-CV-0001), version 2"
    document_id: str | None = None
    document: str | None = None
    case: str | None = None
    version: int | None = None
    template: str | None = None


@dataclass(frozen=True, slots=True)
class CheckProblem:
    """One thing wrong: `kind` is missing, damaged, unreferenced, clutter or database."""

    kind: str
    detail: str
    sha256: str | None = None
    use: FileUse | None = None
    path: str | None = None  # clutter: what lies in the store's folder

    def line(self) -> str:
        if self.use is not None:
            return f"{self.kind}: {self.use.what}: {self.detail}"
        return f"{self.kind}: {self.detail}"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "sha256": self.sha256, "detail": self.detail}
        if self.path is not None:
            out["path"] = self.path
        if self.use is not None:
            out.update({k: v for k, v in asdict(self.use).items() if k not in ("sha256",)})
        return out


@dataclass
class CheckReport:
    """What a check found."""

    problems: list[CheckProblem] = field(default_factory=list)
    files: int = 0  # distinct stored files checked
    versions: int = 0
    templates: int = 0
    database: str = "not checked"  # "ok", "problems", or why not checked

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        parts = [f"{n:,} {one if n == 1 else many}" for n, one, many in (
            (self.versions, "document version", "document versions"),
            (self.templates, "letter template", "letter templates"))]
        checked = (f"checked {self.files:,} stored file{'s' if self.files != 1 else ''} "
                   f"({', '.join(parts)})")
        checked += " and the database" if self.database in ("ok", "problems") else (
            f"; database {self.database}")
        if self.ok:
            return f"{checked}: no problems"
        kinds: dict[str, int] = {}
        for problem in self.problems:
            kinds[problem.kind] = kinds.get(problem.kind, 0) + 1
        count = len(self.problems)
        detail = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
        return f"{checked}: {count} problem{'s' if count != 1 else ''} ({detail})"

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "files_checked": self.files, "document_versions": self.versions,
                "letter_templates": self.templates, "database": self.database,
                "problems": [p.as_json() for p in self.problems]}


def _describe(title: str, case_number: str, case_deleted: bool, document_deleted: bool,
              number: int) -> str:
    notes = [f"case {case_number}"]
    if case_deleted:
        notes.append("a deleted case")
    elif document_deleted:
        notes.append("deleted document")
    return f"document {title!r} ({', '.join(notes)}), version {number}"


def file_uses(session: Session) -> tuple[list[FileUse], set[str]]:
    """Every use of a stored file (deleted documents and templates too: their files stay),
    and the digests the `blobs` table records."""
    versions, docs, cases = table("document_versions"), table("documents"), table("cases")
    templates, blobs = table("letter_templates"), table("blobs")
    uses: list[FileUse] = []
    query = (select(versions.c.sha256, versions.c.number, docs.c.id, docs.c.title,
                    docs.c.deleted_at.is_not(None), cases.c.number,
                    cases.c.deleted_at.is_not(None))
             .join(docs, docs.c.id == versions.c.document_id)
             .join(cases, cases.c.id == docs.c.case_id))
    for digest, number, doc_id, title, doc_deleted, case_number, case_deleted in (
            session.execute(query)):
        uses.append(FileUse(digest, _describe(title, case_number, bool(case_deleted),
                                              bool(doc_deleted), number),
                            document_id=uuid_text(doc_id), document=title, case=case_number,
                            version=number))
    for digest, name, deleted in session.execute(
            select(templates.c.sha256, templates.c.name, templates.c.deleted_at.is_not(None))):
        what = f"letter template {name!r}" + (" (deleted)" if deleted else "")
        uses.append(FileUse(digest, what, template=name))
    uses.sort(key=lambda u: (u.case or "", u.document or "", u.version or 0,
                             u.template or "", u.sha256))
    recorded = {row[0] for row in session.execute(select(blobs.c.sha256))}
    return uses, recorded


def _fault(store: BlobStore, digest: str) -> str | None:
    try:
        return store.verify(digest)
    except InvalidInput:  # a recorded digest that is not one (never made a path)
        return "not a SHA-256 digest casedesk makes"
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"


def check_files(store: BlobStore, uses: Iterable[FileUse], recorded: set[str],
                progress: Callable[[int, int], None] | None = None) -> CheckReport:
    """Hash every stored file that is used or recorded, once, and report each use of a bad
    one (in the order of `uses`); then list the files nothing uses."""
    report = CheckReport()
    uses = list(uses)
    for use in uses:
        if use.template is not None:
            report.templates += 1
        else:
            report.versions += 1
    used = {use.sha256 for use in uses}
    digests = sorted(used | recorded)
    faults: dict[str, str] = {}
    for i, digest in enumerate(digests, start=1):
        if progress is not None:
            progress(i, len(digests))
        fault = _fault(store, digest)
        if fault is not None:
            faults[digest] = fault
    report.files = len(digests)

    def problem(digest: str, use: FileUse | None, note: str = "") -> CheckProblem:
        fault = faults[digest]
        kind = "missing" if fault == "missing" else "damaged"
        return CheckProblem(kind, f"the stored file {digest} is {fault}{note}", digest, use)

    report.problems.extend(problem(u.sha256, u) for u in uses if u.sha256 in faults)
    report.problems.extend(problem(d, None, " (recorded, but no document or template uses "
                                            "it)") for d in digests
                           if d in faults and d not in used)
    for digest in sorted(set(store.digests()) - used):
        note = "recorded, but " if digest in recorded else ""
        report.problems.append(CheckProblem(
            "unreferenced", f"the stored file {digest} is not used by any document or "
                            f"template ({note}nothing refers to it)", digest))
    report.problems.extend(clutter(store))
    return report


UNFINISHED = "an unfinished copy (safe to delete once no casedesk is running)"
NOT_STORED = "not a stored file"


def clutter(store: BlobStore) -> list[CheckProblem]:
    """What lies in the store's folder but is not a stored file: temporary files of copies
    that were cut short (or are running now), and anything put there by hand."""
    return [CheckProblem("clutter", f"{path} is {UNFINISHED if unfinished else NOT_STORED}",
                         path=str(path))
            for path, unfinished in store.clutter()]


def check_sqlite(path: Path) -> list[CheckProblem]:
    """SQLite's own quick integrity check and foreign-key check, on a read-only connection."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, timeout=10)) as conn:
        conn.execute("PRAGMA query_only=ON")
        lines = [line for row in conn.execute(f"PRAGMA quick_check({MAX_DATABASE_LINES})")
                 for line in str(row[0]).splitlines()
                 if line.strip() and line != "ok" and not line.startswith("*** in database")]
        problems = [CheckProblem("database", f"integrity: {line}") for line in lines]
        for table_name, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
            problems.append(CheckProblem(
                "database", f"row {rowid} of {table_name} refers to a missing row of {parent}"))
            if len(problems) >= MAX_DATABASE_LINES:
                break
    return problems
