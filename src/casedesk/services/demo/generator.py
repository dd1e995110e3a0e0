"""Fill an empty practice with a realistic, deterministic sample practice.

Same seed and same reference date give the same practice, ids included. Dates are laid out
relative to the reference date ("today"): cases opened over the seven years before it, nothing
happened after it, open tasks fall due around it (some overdue, most upcoming), and the
calendar runs from each case's opening to a few months past it (past events done, a few
deadlines overdue, future ones scheduled).

To extend the demo (documents, budgets...), append a generator to GENERATORS: it reads
`world.cases` (and `world.staff`, the pools...), records rows with `world.record`/`world.log`
drawing from its own `world.stream(name)`, and calls `world.checkpoint()` between cases. The
earlier generators' output stays the same for the same seed. The writer inserts any table of
the SQLModel metadata, in foreign-key order.
"""

from __future__ import annotations

import gc
import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import (
    Activity,
    Blob,
    Budget,
    Case,
    ConflictCheck,
    Correspondence,
    Document,
    DocumentRequest,
    Event,
    Expense,
    Filing,
    Firm,
    Note,
    Party,
    Staff,
    Task,
    TimeEntry,
)
from casedesk.services.demo.budgets import generate_budgets
from casedesk.services.demo.case_events import generate_events
from casedesk.services.demo.casework import generate_casework
from casedesk.services.demo.demo_courts import generate_courts
from casedesk.services.demo.directory import generate_directory
from casedesk.services.demo.documents import choose_document_cases, generate_documents
from casedesk.services.demo.files import DemoFiles
from casedesk.services.demo.matters import generate_cases
from casedesk.services.demo.people import Pools, firm_and_staff
from casedesk.services.demo.places import REGIONS, Region
from casedesk.services.demo.world import DemoWorld, Sink
from casedesk.services.demo.writer import BulkWriter

MAX_CASES = 200_000

Generator = Callable[[DemoWorld, Pools], None]
# Run in this order; each may build on what the earlier ones made. New ones go at the end.
# ("document-cases" draws nothing: it marks the cases whose milestones the events record.)
GENERATORS: tuple[tuple[str, Generator], ...] = (
    ("cases", generate_cases),
    ("casework", generate_casework),
    ("directory", lambda world, _pools: generate_directory(world)),
    ("document-cases", choose_document_cases),
    ("events", generate_events),
    ("courts", generate_courts),
    ("documents", generate_documents),
    ("budgets", generate_budgets),
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo put into the practice."""

    seed: int
    reference_date: date
    firm_name: str
    staff: int
    contacts: int
    cases: int
    parties: int
    notes: int
    tasks: int
    conflict_checks: int
    activities: int
    events: int
    near_duplicates: tuple[tuple[uuid.UUID, uuid.UUID], ...]  # (original, look-alike) ids
    documents: int = 0
    files: int = 0  # distinct stored files behind the documents' versions
    correspondence: int = 0
    document_requests: int = 0
    filings: int = 0
    budgets: int = 0  # budget revisions
    time_entries: int = 0
    expenses: int = 0

    def describe(self) -> str:
        """One line for the command line."""
        text = (f"{self.cases} cases, {self.contacts} contacts, {self.parties} parties, "
                f"{self.notes} notes, {self.tasks} tasks, {self.events} events, "
                f"{self.conflict_checks} conflict checks, {self.staff} staff")
        if self.documents:
            text += (f", {self.documents} documents ({self.files} files), "
                     f"{self.correspondence} correspondence entries, "
                     f"{self.document_requests} document requests, {self.filings} filings")
        if self.time_entries:
            text += (f", {self.budgets} budget revisions, {self.time_entries} time entries, "
                     f"{self.expenses} expenses")
        return text


def check_options(*, cases: int, seed: int) -> None:
    """Refuse options the demo cannot honour (before anything is opened or written)."""
    if isinstance(cases, bool) or not isinstance(cases, int) or not 1 <= cases <= MAX_CASES:
        raise InvalidInput(f"The number of cases must be a whole number from 1 to "
                           f"{MAX_CASES:,} (got {cases!r}).", field="cases")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidInput(f"The seed must be a whole number (got {seed!r}).", field="seed")


def holds_practice(session: Session) -> bool:
    """True when the database already has a firm, staff, contacts or cases."""
    from casedesk.services.firm import is_empty_practice

    return not is_empty_practice(session)


def build_world(*, cases: int, seed: int, today: date, sink: Sink | None = None,
                files: DemoFiles | None = None) -> DemoWorld:
    """Run every generator; rows go to `sink` as they pile up (or stay in `world.rows`).

    Documents (and the correspondence, requests and filings around them) are made only when
    `files` says where their files go."""
    check_options(cases=cases, seed=seed)
    with _no_cyclic_gc():
        return _build_world(cases=cases, seed=seed, today=today, sink=sink, files=files)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: the generators make millions of plain dicts and
    tuples (no cycles), and its repeated passes over them would double the run time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def region_time_zone(seed: int) -> str:
    """The IANA zone of the city the sample practice of `seed` sits in."""
    return _region(seed).time_zone


def _region(seed: int) -> Region:
    return random.Random(f"casedesk-demo:{seed}:region").choice(REGIONS)


def _build_world(*, cases: int, seed: int, today: date, sink: Sink | None,
                 files: DemoFiles | None) -> DemoWorld:
    region = _region(seed)
    world = DemoWorld(seed=seed, today=today, case_count=cases, region=region,
                      time_zone=ZoneInfo(region.time_zone), sink=sink, files=files)
    firm_and_staff(world)
    pools = Pools(world)
    for _name, generator in GENERATORS:
        generator(world, pools)
    world.checkpoint(force=True)
    return world


def generate(session: Session, *, cases: int, seed: int, today: date,
             files: DemoFiles | None = None) -> DemoSummary:
    """Fill an empty practice with `cases` sample cases and everything around them.

    Refuses (RuleViolation, nothing written) a database that already holds a practice. Like
    every service it does not commit; the caller's unit of work does. With `files` (the
    practice's document store) the cases get documents; the files written are removed again
    if this fails (and the caller calls `files.discard()` if the commit fails).
    """
    check_options(cases=cases, seed=seed)
    if holds_practice(session):
        raise RuleViolation("This database already holds a practice; the demo only fills an "
                            "empty one.")
    try:
        with BulkWriter(session).bulk_load() as writer:
            world = build_world(cases=cases, seed=seed, today=today, sink=writer, files=files)
        session.flush()
    except BaseException:
        if files is not None:
            files.discard()
        raise
    firm_rows = world.count(Firm.__tablename__)
    firm_name = session.exec(select(Firm.name)).one() if firm_rows else ""
    return DemoSummary(
        seed=seed, reference_date=today, firm_name=firm_name,
        staff=world.count(Staff.__tablename__), contacts=world.contacts,
        cases=world.count(Case.__tablename__), parties=world.count(Party.__tablename__),
        notes=world.count(Note.__tablename__), tasks=world.count(Task.__tablename__),
        conflict_checks=world.count(ConflictCheck.__tablename__),
        activities=world.count(Activity.__tablename__),
        events=world.count(Event.__tablename__),
        near_duplicates=tuple(world.near_duplicates),
        documents=world.count(Document.__tablename__), files=world.count(Blob.__tablename__),
        correspondence=world.count(Correspondence.__tablename__),
        document_requests=world.count(DocumentRequest.__tablename__),
        filings=world.count(Filing.__tablename__), budgets=world.count(Budget.__tablename__),
        time_entries=world.count(TimeEntry.__tablename__),
        expenses=world.count(Expense.__tablename__))
