"""Importing documents, correspondence, document requests, filings and letter templates: what
the database holds and the checks that need it (the files and the writes:
services/interchange_documents_write.py).

Records are merged by id like the rest of the file. A known version number with other contents
is refused (versions never change). Documents, and what refers to them, stay in their case:
that includes the documents a filing's history lists with a submission. A filing's history is
checked line by line as casedesk reads it back (status, dates, staff, those documents), since
it is stored as it stands.
Tags and file names are kept to the rules of services/documents.py. Files are copied into the
store (`FileImport`) after every check passed and before any row is written; the caller removes
them again if the transaction fails (services/interchange.py: `import_with_files`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from casedesk.domain.enums import FilingStatus
from casedesk.domain.errors import InvalidInput
from casedesk.export.interchange import Problem
from casedesk.export.interchange_documents import FilingIn, digest
from casedesk.export.interchange_fields import Fields
from casedesk.export.interchange_parse import CaseIn, PracticeIn
from casedesk.services.bulk_sql import Row, rows_where_in
from casedesk.services.documents import clean_tags, safe_file_name

_META = ("id", "version", "deleted")
DOCUMENT_FIELDS = ("case_id", "title", "category", "tags", "privileged", "confidential",
                   "author", "document_date", "received_on", "sent_on", "source",
                   "current_version", "file_name", "media_type", "size", "sha256")
VERSION_COLUMNS = ("document_id", "number", "sha256", "file_name", "media_type", "size")
CORRESPONDENCE_FIELDS = ("case_id", "kind", "direction", "on_date", "at", "subject",
                         "from_text", "to_text", "contact_id", "staff_id", "summary",
                         "message_id")
REQUEST_FIELDS = ("case_id", "item", "requested_on", "due_on", "received_on", "withdrawn_on",
                  "document_id", "contact_id", "notes")
FILING_FIELDS = ("case_id", "title", "court", "status", "submitted_on", "accepted_on",
                 "rejected_on", "conformed_on", "confirmation_number", "rejection_reason",
                 "deadline_event_id", "cover_document_id", "notes", "history")
TEMPLATE_FIELDS = ("name", "description", "sha256", "file_name")
# A line of a filing's history, as services/filings.history_entry writes it.
HISTORY_KEYS = ("status", "on", "at")
HISTORY_OPTIONAL = ("staff_id", "note", "reason", "confirmation_number", "documents",
                    "deadline_done", "deadline_reopened")
HISTORY_DOCUMENT_KEYS = ("document_id", "version", "sha256")


@dataclass(frozen=True, slots=True)
class NeededFile:
    """A file the import must bring into the store: where the file names it, its size."""

    path: str
    size: int


@dataclass
class DocumentState:
    """The rows of this practice the file's documents and the rest touch or point at."""

    documents: dict[uuid.UUID, Row] = field(default_factory=dict)
    versions: dict[uuid.UUID, dict[int, Row]] = field(default_factory=dict)
    correspondence: dict[uuid.UUID, Row] = field(default_factory=dict)
    links: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    requests: dict[uuid.UUID, Row] = field(default_factory=dict)
    filings: dict[uuid.UUID, Row] = field(default_factory=dict)
    items: dict[uuid.UUID, list[tuple[int, uuid.UUID, str]]] = field(default_factory=dict)
    templates: dict[uuid.UUID, Row] = field(default_factory=dict)
    template_names: dict[str, Row] = field(default_factory=dict)
    blobs: dict[str, int] = field(default_factory=dict)  # digest -> size, with a `blobs` row
    events: dict[uuid.UUID, Row] = field(default_factory=dict)  # events filings point at
    dead_cases: set[uuid.UUID] = field(default_factory=set)  # deleted cases of those events
    # Filled in by the checks: the files to bring into the store, by digest.
    needed: dict[str, NeededFile] = field(default_factory=dict)


def _by_id(rows: Iterable[Row]) -> dict[uuid.UUID, Row]:
    return {row["id"]: row for row in rows}


def _id_in(value: Any) -> uuid.UUID | None:
    """An id as the file writes it, or None (the checks name what is wrong with it)."""
    if type(value) is not str:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def history_refs(filing: FilingIn) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """The documents and the staff a filing's history names."""
    docs: set[uuid.UUID] = set()
    staff: set[uuid.UUID] = set()
    for entry in filing.history:
        if (staff_id := _id_in(entry.get("staff_id"))) is not None:
            staff.add(staff_id)
        listed = entry.get("documents")
        for item in listed if isinstance(listed, list) else ():
            if isinstance(item, dict) and (doc_id := _id_in(item.get("document_id"))):
                docs.add(doc_id)
    return docs, staff


def contact_refs(case: CaseIn) -> set[uuid.UUID]:
    """The contacts a case's correspondence and requests name."""
    refs = {k.contact_id for k in case.correspondence if k.contact_id is not None}
    refs.update(r.contact_id for r in case.requests if r.contact_id is not None)
    return refs


def staff_refs(case: CaseIn) -> set[uuid.UUID]:
    """The staff a case's document versions and correspondence name."""
    refs = {v.added_by_staff_id for d in case.documents for v in d.versions
            if v.added_by_staff_id is not None}
    refs.update(k.staff_id for k in case.correspondence if k.staff_id is not None)
    for filing in case.filings:
        refs.update(history_refs(filing)[1])
    return refs


def _document_refs(case: CaseIn) -> set[uuid.UUID]:
    refs = {d for k in case.correspondence for d in k.document_ids}
    refs.update(r.document_id for r in case.requests if r.document_id is not None)
    for filing in case.filings:
        refs.update(item.document_id for item in filing.items)
        if filing.cover_document_id is not None:
            refs.add(filing.cover_document_id)
        refs.update(history_refs(filing)[0])
    return refs


def load_document_state(session: Session, practice: PracticeIn) -> DocumentState:
    """Read, in bulk, the rows the file's documents (and the rest) match or point at."""
    cases = practice.cases
    doc_ids = {d.id for c in cases for d in c.documents}
    doc_ids.update(ref for c in cases for ref in _document_refs(c))
    documents = _by_id(rows_where_in(session, "documents", "id", doc_ids,
                                     (*_META, *DOCUMENT_FIELDS)))
    state = DocumentState(
        documents=documents,
        correspondence=_by_id(rows_where_in(
            session, "correspondence", "id", [k.id for c in cases for k in c.correspondence],
            (*_META, *CORRESPONDENCE_FIELDS))),
        requests=_by_id(rows_where_in(session, "document_requests", "id",
                                      [r.id for c in cases for r in c.requests],
                                      (*_META, *REQUEST_FIELDS))),
        filings=_by_id(rows_where_in(session, "filings", "id",
                                     [g.id for c in cases for g in c.filings],
                                     (*_META, *FILING_FIELDS))),
        templates=_by_id(rows_where_in(session, "letter_templates", "id",
                                       [t.id for t in practice.templates],
                                       (*_META, *TEMPLATE_FIELDS))))
    file_docs = {d.id for c in cases for d in c.documents}
    for row in rows_where_in(session, "document_versions", "document_id",
                             file_docs & set(documents), VERSION_COLUMNS):
        state.versions.setdefault(row["document_id"], {})[row["number"]] = row
    for row in sorted(rows_where_in(session, "correspondence_documents", "correspondence_id",
                                    state.correspondence,
                                    ("correspondence_id", "document_id", "position")),
                      key=lambda r: (r["position"], str(r["document_id"]))):
        state.links.setdefault(row["correspondence_id"], []).append(row["document_id"])
    for row in sorted(rows_where_in(session, "filing_items", "filing_id", state.filings,
                                    ("filing_id", "position", "document_id", "label")),
                      key=lambda r: r["position"]):
        state.items.setdefault(row["filing_id"], []).append(
            (row["position"], row["document_id"], row["label"]))
    state.template_names = {r["name"]: r for r in rows_where_in(
        session, "letter_templates", "name", [t.name for t in practice.templates],
        ("id", "name", "deleted"))}
    digests = {v.sha256 for c in cases for d in c.documents for v in d.versions}
    digests.update(t.sha256 for t in practice.templates)
    state.blobs = {r["sha256"]: r["size"] for r in rows_where_in(
        session, "blobs", "sha256", digests, ("sha256", "size"))}
    event_refs = {g.deadline_event_id for c in cases for g in c.filings
                  if g.deadline_event_id is not None}
    event_refs.update(r["deadline_event_id"] for r in state.filings.values()
                      if r["deadline_event_id"] is not None)
    state.events = _by_id(rows_where_in(session, "events", "id", event_refs,
                                        ("id", "case_id", "deleted")))
    event_cases = {r["case_id"] for r in state.events.values() if r["case_id"] is not None}
    state.dead_cases = {r["id"] for r in rows_where_in(session, "cases", "id", event_cases,
                                                       ("id", "deleted")) if r["deleted"]}
    return state


Ref = Callable[[str, "uuid.UUID | None"], None]


def gone(rows: Mapping[uuid.UUID, Row], row_id: uuid.UUID) -> bool:
    row = rows.get(row_id)
    return row is not None and bool(row["deleted"])


class _Checker:
    """The checks only the database can answer; problems go to the shared list."""

    def __init__(self, state: DocumentState, practice: PracticeIn,
                 problems: list[Problem]) -> None:
        self.state = state
        self.problems = problems
        self.practice = practice
        # Which case of the file each document and event is in.
        self.doc_case = {d.id: c.id for c in practice.cases for d in c.documents}
        self.event_case = {e.id: c.id for c in practice.cases for e in c.events}

    def add(self, path: str, reason: str) -> None:
        self.problems.append(Problem(path, reason))

    def other_case(self, kind: str, rows: Mapping[uuid.UUID, Row], item_id: uuid.UUID,
                   path: str, case_id: uuid.UUID) -> None:
        row = rows.get(item_id)
        if row is not None and row["case_id"] != case_id:
            self.add(f"{path}.id", f"this {kind} id belongs to another case in this practice")

    def _same_case(self, path: str, what: str, ref: uuid.UUID | None, case_id: uuid.UUID,
                   in_file: Mapping[uuid.UUID, uuid.UUID], rows: Mapping[uuid.UUID, Row]
                   ) -> None:
        """A document or event referred to must be one of this case (as casedesk keeps it)."""
        if ref is None:
            return
        row = rows.get(ref)
        owner = in_file.get(ref, row["case_id"] if row is not None else None)
        if owner is None:
            self.add(path, f"no {what} {ref} in this case (in the file or in this practice)")
        elif owner != case_id:
            self.add(path, f"{what} {ref} belongs to another case (only this case's can be "
                           "used)")

    def document(self, path: str, document_id: uuid.UUID | None, case_id: uuid.UUID) -> None:
        self._same_case(path, "document", document_id, case_id, self.doc_case,
                        self.state.documents)

    def needs(self, sha256: str, path: str, size: int) -> None:
        recorded = self.state.blobs.get(sha256)
        if recorded is None:
            self.state.needed.setdefault(sha256, NeededFile(path, size))
        elif size >= 0 and size != recorded:
            self.add(f"{path}.size", f"is {size:,}, but the file {sha256[:12]}… has "
                                     f"{recorded:,} bytes in this practice")

    def case_documents(self, case: CaseIn, staff_ref: Ref) -> None:
        state = self.state
        for doc in case.documents:
            self.other_case("document", state.documents, doc.id, doc.path, case.id)
            try:
                clean_tags(doc.tags)
            except InvalidInput as exc:
                self.add(f"{doc.path}.tags", exc.message.rstrip("."))
            existing = state.versions.get(doc.id, {})
            for version in doc.versions:
                staff_ref(f"{version.path}.added_by_staff_id", version.added_by_staff_id)
                safe = safe_file_name(version.file_name)
                if safe != version.file_name:
                    self.add(f"{version.path}.file_name", f"{version.file_name!r} is not a "
                             f"plain file name (no folders or reserved characters); write it "
                             f"as {safe!r}")
                known = existing.get(version.number)
                if known is not None and known["sha256"] != version.sha256:
                    self.add(f"{version.path}.sha256", f"version {version.number} of this "
                             "document is already in this practice with other contents (a "
                             "version never changes; add the file as a new version)")
                if known is None and not gone(state.documents, doc.id):
                    self.needs(version.sha256, version.path, version.size)

    def case_links(self, case: CaseIn, staff_ref: Ref, contact_ref: Ref) -> None:
        state = self.state
        for entry in case.correspondence:
            self.other_case("correspondence", state.correspondence, entry.id, entry.path,
                            case.id)
            contact_ref(f"{entry.path}.contact_id", entry.contact_id)
            staff_ref(f"{entry.path}.staff_id", entry.staff_id)
            for i, doc_id in enumerate(entry.document_ids):
                self.document(f"{entry.path}.document_ids[{i}]", doc_id, case.id)
        for request in case.requests:
            self.other_case("document request", state.requests, request.id, request.path,
                            case.id)
            contact_ref(f"{request.path}.contact_id", request.contact_id)
            self.document(f"{request.path}.document_id", request.document_id, case.id)
        for filing in case.filings:
            self.other_case("filing", state.filings, filing.id, filing.path, case.id)
            self.document(f"{filing.path}.cover_document_id", filing.cover_document_id,
                          case.id)
            for item in filing.items:
                self.document(f"{item.path}.document_id", item.document_id, case.id)
            self._same_case(f"{filing.path}.deadline_event_id", "event",
                            filing.deadline_event_id, case.id, self.event_case,
                            state.events)
            self.filing_history(filing, case.id, staff_ref)

    def filing_history(self, filing: FilingIn, case_id: uuid.UUID, staff_ref: Ref) -> None:
        """Each line of a filing's history readable as casedesk wrote it; the documents a
        submission lists are this case's (in the file or in this practice)."""
        f = Fields()
        for i, value in enumerate(filing.history):
            path = f"{filing.path}.history[{i}]"
            entry = f.obj(value, path, HISTORY_KEYS, HISTORY_OPTIONAL,
                          "a line of a filing's history")
            if entry is None:
                continue
            f.enum(entry, path, "status", FilingStatus)
            if f.day(entry, path, "on") is None and "on" in entry and not f.failed(path, "on"):
                f.problem(f"{path}.on", "a line of a filing's history needs its date "
                                        "(YYYY-MM-DD), not null")
            f.moment(entry, path, "at")
            staff_id = f.opt_ident(entry, path, "staff_id")
            if not f.failed(path, "staff_id"):
                staff_ref(f"{path}.staff_id", staff_id)
            for key, most in (("note", 2000), ("reason", 2000), ("confirmation_number", 200)):
                f.text(entry, path, key, max_len=most)
            for key in ("deadline_done", "deadline_reopened"):
                f.flag(entry, path, key)
            self._history_documents(f, entry, path, case_id)
        self.problems.extend(f.problems)

    def _history_documents(self, f: Fields, entry: dict[str, Any], path: str,
                           case_id: uuid.UUID) -> None:
        listed = entry.get("documents")
        if listed is None:
            return
        if not isinstance(listed, list):
            f.problem(f"{path}.documents", "must be a list of objects (the documents "
                                           f"submitted), not {f.describe(listed)}")
            return
        for i, value in enumerate(listed):
            where = f"{path}.documents[{i}]"
            item = f.obj(value, where, HISTORY_DOCUMENT_KEYS, (),
                         "a document of a submission")
            if item is None:
                continue
            document_id = f.ident(item, where, "document_id")
            f.whole(item, where, "version", low=1, high=100_000)
            digest(f, item, where, "sha256")
            if "document_id" in item and not f.failed(where, "document_id"):
                self.document(f"{where}.document_id", document_id, case_id)

    def templates(self) -> None:
        state = self.state
        renamed = {t.id: t.name for t in self.practice.templates
                   if not gone(state.templates, t.id)}
        for template in self.practice.templates:
            if gone(state.templates, template.id):
                continue
            safe = safe_file_name(template.file_name, fallback="template.docx")
            if template.file_name and safe != template.file_name:
                self.add(f"{template.path}.file_name", f"{template.file_name!r} is not a "
                                                       f"plain file name; write it as {safe!r}")
            self.needs(template.sha256, template.path, -1)
            holder = state.template_names.get(template.name)
            if holder is None or holder["id"] == template.id:
                continue
            if holder["id"] in renamed and renamed[holder["id"]] != template.name:
                continue  # that template takes another name in this same import
            deleted = " (a deleted one)" if holder["deleted"] else ""
            self.add(f"{template.path}.name", f"{template.name!r} is already the name of "
                                              f"another letter template in this "
                                              f"practice{deleted}")


def check_documents(state: DocumentState, practice: PracticeIn, live_cases: list[CaseIn],
                    staff_ref: Ref, contact_ref: Ref, problems: list[Problem]) -> None:
    """Problems only the database shows: ids of other cases, the documents and events
    referred to (each must be one of the same case), contacts and staff, versions that would
    change, template names. Records of cases left deleted are not looked at."""
    checker = _Checker(state, practice, problems)
    for case in live_cases:
        checker.case_documents(case, staff_ref)
        checker.case_links(case, staff_ref, contact_ref)
    checker.templates()
