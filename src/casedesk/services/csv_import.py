"""Spreadsheet import: contacts or cases from a CSV file, all rows or none.

Every row is checked first (and the problems reported by row and column); only a file with no
problem is written, through the ordinary services, in the caller's unit of work. Contacts are
always created (never merged silently); a row whose name and e-mail match an existing contact
is skipped. Cases are matched by number: a known number updates that case, a new one creates it
(see services/csv_cases.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session, col

from casedesk.domain.changes import Changes
from casedesk.domain.enums import ContactKind
from casedesk.domain.errors import CasedeskError, InvalidInput
from casedesk.domain.models import Contact
from casedesk.services.contacts import create_contact
from casedesk.services.csv_sheet import Column, Sheet, SheetProblem, read_sheet
from casedesk.services.csv_values import parse_choice, split_list

KINDS = ("contacts", "cases")

CONTACT_COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", ("name", "full name", "contact name", "contact"), True, 500),
    Column("kind", "Kind", ("kind", "type", "contact type", "contact kind")),
    Column("email", "Email", ("email", "e-mail address", "email address", "mail"), max_len=200),
    Column("phone", "Phone", ("phone", "telephone", "tel", "phone number", "telephone number",
                              "mobile"), max_len=100),
    Column("aliases", "Aliases", ("aliases", "alias", "aka", "also known as", "former names",
                                  "other names")),
    Column("organization", "Organization", ("organization", "organisation", "company",
                                            "company name", "employer"), max_len=300),
    Column("address", "Address", ("address", "postal address", "mailing address",
                                  "street address"), max_len=1000),
    Column("notes", "Notes", ("notes", "note", "comments", "remarks")),
)

_KIND_WORDS = {"individual": ContactKind.PERSON, "company": ContactKind.ORGANIZATION,
               "organisation": ContactKind.ORGANIZATION, "org": ContactKind.ORGANIZATION,
               "business": ContactKind.ORGANIZATION, "firm": ContactKind.ORGANIZATION}


@dataclass(frozen=True, slots=True)
class RowAction:
    """What the import does with one row."""

    row: int
    verb: str  # create, update, unchanged, skip
    what: str
    detail: str = ""

    def __str__(self) -> str:
        verbs = {"create": "create", "update": "update", "unchanged": "leave",
                 "skip": "skip"}
        tail = f" ({self.detail})" if self.detail else ""
        return f"row {self.row}: {verbs[self.verb]} {self.what}{tail}"


@dataclass
class CsvReport:
    """Everything an import (or a dry run) found and did."""

    kind: str
    actions: list[RowAction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    contacts_created: int = 0  # client contacts a cases import created

    def count(self, verb: str) -> int:
        return sum(1 for a in self.actions if a.verb == verb)

    def summary(self, *, dry_run: bool = False) -> str:
        """One line: what was (or would be) created, updated, left and skipped."""
        parts = [f"{self.count('create')} created", f"{self.count('update')} updated"]
        if self.kind == "cases":
            parts.append(f"{self.count('unchanged')} unchanged")
        parts.append(f"{self.count('skip')} skipped")
        text = f"{self.kind}: {', '.join(parts)}"
        if self.contacts_created:
            plural = "s" if self.contacts_created != 1 else ""
            text += f"; {self.contacts_created} client contact{plural} created"
        if dry_run:
            return f"dry run, nothing was written; would import {text}"
        return f"imported {text}"


class CsvProblems(InvalidInput):
    """A CSV file with problems: nothing of it was written. `report` has the whole story."""

    def __init__(self, report: CsvReport) -> None:
        problems = [str(p) for p in report.problems]
        head = ("1 problem" if len(problems) == 1 else f"{len(problems)} problems")
        super().__init__("\n".join([f"{head} in the file; nothing was imported:",
                                    *("  " + p for p in problems)]))
        self.report = report


def _column_of(sheet: Sheet, fld: str | None) -> str | None:
    return sheet.headers.get(fld or "", None)


def _plan_contacts(session: Session, sheet: Sheet, report: CsvReport) -> list[tuple[int, dict[
        str, object]]]:
    known_pairs: set[tuple[str, str]] = set()
    known_names: set[str] = set()
    for name, email in session.execute(select(col(Contact.name), col(Contact.email)).where(
            col(Contact.deleted_at).is_(None))):
        known_pairs.add((name.casefold(), email.casefold()))
        known_names.add(name.casefold())
    in_file: dict[tuple[str, str], int] = {}
    creates: list[tuple[int, dict[str, object]]] = []
    for row, values in sheet.rows:
        name = values.get("name", "")
        if not name:
            sheet.problem("a name is required", row, "name")
            continue
        kind = ContactKind.PERSON
        if values.get("kind"):
            try:
                kind = parse_choice(values["kind"], ContactKind, "a contact kind", _KIND_WORDS)
            except ValueError as exc:
                sheet.problem(str(exc), row, "kind")
        email = values.get("email", "")
        key = (name.casefold(), email.casefold())
        label = f"contact {name!r}"
        if key in known_pairs:
            report.actions.append(RowAction(row, "skip", label, "already exists, skipped"))
            continue
        if key in in_file:
            report.actions.append(RowAction(row, "skip", label,
                                            f"same as row {in_file[key]}, skipped"))
            continue
        in_file[key] = row
        if name.casefold() in known_names:
            report.warnings.append(f"row {row}: a contact named {name!r} already exists with "
                                   "another e-mail; a second contact will be created (merge "
                                   "them in the app if they are the same)")
        report.actions.append(RowAction(row, "create", label))
        creates.append((row, {"name": name, "kind": kind,
                              "aliases": split_list(values.get("aliases", "")),
                              "email": email, "phone": values.get("phone", ""),
                              "address": values.get("address", ""),
                              "organization": values.get("organization", ""),
                              "notes": values.get("notes", "")}))
    return creates


def _import_contacts(session: Session, sheet: Sheet, report: CsvReport) -> Changes:
    creates = _plan_contacts(session, sheet, report)
    report.problems.extend(sheet.problems)
    if report.problems:
        raise CsvProblems(report)
    changes = Changes()
    for row, kwargs in creates:
        try:
            created, _contact_id = create_contact(session, **kwargs)  # type: ignore[arg-type]
        except CasedeskError as exc:
            field_name = getattr(exc, "field", None)
            report.problems.append(SheetProblem(exc.message, row, _column_of(sheet, field_name)))
            raise CsvProblems(report) from exc
        changes = changes | created
    return changes


def import_csv(session: Session, *, data: bytes, kind: str,
               date_order: str | None = None) -> tuple[Changes, CsvReport]:
    """Import a CSV file of contacts or cases; CsvProblems (nothing written) if any row is bad.

    The caller's unit of work commits; a dry run is the same call in a unit of work that is
    rolled back, so it reports exactly what the real import would do.
    """
    from casedesk.services.csv_cases import CASE_COLUMNS, import_cases

    if kind not in KINDS:
        raise InvalidInput(f"{kind!r} is not something to import (contacts or cases).",
                           field="kind")
    sheet = read_sheet(data, CONTACT_COLUMNS if kind == "contacts" else CASE_COLUMNS)
    report = CsvReport(kind=kind, warnings=list(sheet.warnings))
    if any(p.row is None for p in sheet.problems):  # the file or its header: stop here
        report.problems.extend(sheet.problems)
        raise CsvProblems(report)
    if kind == "contacts":
        return _import_contacts(session, sheet, report), report
    return import_cases(session, sheet, report, date_order=date_order), report
