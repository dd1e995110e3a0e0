"""The demo generator's shared state: seeded random streams, ids, clock and rows to insert.

Each generator draws from its own named random stream, so adding a generator later (events,
documents, budgets...) leaves what the earlier ones produce unchanged for the same seed.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from casedesk.domain.enums import CaseStatus, ContactKind, PartyRole
from casedesk.domain.models import (
    Activity,
    Contact,
    ContactNameKey,
)
from casedesk.domain.names import contact_keys
from casedesk.services.contacts import clean_aliases
from casedesk.services.demo.files import DemoFiles
from casedesk.services.demo.places import Court, Region

Row = dict[str, Any]
_MIDNIGHT_UTC = time(0, tzinfo=UTC)
Sink = Callable[[dict[str, list[Row]]], None]
FLUSH_ROWS = 50_000  # rows held in memory before they go to the database


_UUID_KEEP = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_UUID_V4 = (0x4000 << 64) | (0x8000 << 48)


def new_id(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from a seeded stream (the same seed gives the same ids).

    Equal to `uuid.UUID(int=rng.getrandbits(128), version=4)`, built without the constructor's
    checks: the demo makes close to a million of these.
    """
    value = object.__new__(uuid.UUID)
    object.__setattr__(value, "int", (rng.getrandbits(128) & _UUID_KEEP) | _UUID_V4)
    object.__setattr__(value, "is_safe", uuid.SafeUUID.unknown)
    return value


def weekday_on_or_after(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    return day + timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def weekday_on_or_before(day: date) -> date:
    """The day itself, or the Friday before when it falls on a weekend."""
    return day - timedelta(days=day.weekday() - 4) if day.weekday() >= 5 else day


@dataclass(slots=True)
class StaffPlan:
    """A member of staff as the generators see them."""

    id: uuid.UUID
    name: str
    role: str
    active: bool = True
    email: str = ""
    bar_number: str = ""
    rate_cents: int | None = None  # the hourly rate today (earlier years were lower)

    @property
    def first_name(self) -> str:
        """The first word of the name."""
        return self.name.split()[0]


@dataclass(slots=True)
class PersonName:
    """A generated name, kept in parts for captions, e-mails and pronouns."""

    first: str
    last: str
    middle: str = ""
    female: bool = False

    @property
    def full(self) -> str:
        """The name as written: first, middle initial, last."""
        return " ".join(p for p in (self.first, self.middle, self.last) if p)


@dataclass(slots=True)
class ContactRef:
    """A contact already added to the practice."""

    id: uuid.UUID
    name: str
    kind: ContactKind
    short: str  # how notes and captions call them: a surname or the organization's name
    person: PersonName | None = None
    email: str = ""  # as on the contact row (letters, e-mails and the correspondence log)
    address: str = ""
    organization: str = ""


@dataclass(slots=True)
class PartyPlan:
    """A contact's role on a case (and who represents them)."""

    contact: ContactRef
    role: PartyRole
    represented_by: ContactRef | None = None


@dataclass(frozen=True, slots=True)
class Milestone:
    """A court date or filing deadline of a case, kept for the documents that follow it."""

    event_id: uuid.UUID
    kind: str  # EventKind value
    title: str
    day: date  # local day (a timed event's start day in its court's zone)
    status: str  # EventStatus value
    satisfied_by: str = ""
    done: str = ""  # how a deadline is met: "filed", "served", "internal"... (dockets.Step)


@dataclass(slots=True)
class CasePlan:
    """One generated case: its fields and the parties the later generators build on."""

    id: uuid.UUID
    area: str
    opened_on: date
    status: CaseStatus
    closed_on: date | None
    pending_on: date | None
    responsible: StaffPlan
    team: list[StaffPlan]
    opened_at: datetime  # UTC
    number: str = ""
    title: str = ""
    description: str = ""
    court: Court | None = None
    docket_number: str = ""
    judge: str = ""
    parties: list[PartyPlan] = field(default_factory=list)
    declined: bool = False  # closed at intake: the conflict check found a conflict
    # Court dates and filing deadlines, oldest first; None for a case that gets no documents.
    milestones: list[Milestone] | None = None

    def with_role(self, role: PartyRole) -> list[ContactRef]:
        """The case's contacts in one role."""
        return [p.contact for p in self.parties if p.role is role]

    @property
    def is_active(self) -> bool:
        """Not closed (intake, open or pending)."""
        return self.status is not CaseStatus.CLOSED

    def last_day(self, world_last_day: date) -> date:
        """The last day anything happens on this case: its closing, or yesterday."""
        return self.closed_on or world_last_day


@dataclass
class DemoWorld:
    """Everything generated so far, plus the helpers every generator uses."""

    seed: int
    today: date
    case_count: int
    region: Region
    time_zone: ZoneInfo
    rows: dict[str, list[Row]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # rows made per table, flushed or not
    sink: Sink | None = None  # where checkpoint() sends the rows (None: keep them)
    files: DemoFiles | None = None  # where document files go (None: no documents are made)
    firm: Row = field(default_factory=dict)  # the firm's row (name, address, phone, e-mail)
    staff: list[StaffPlan] = field(default_factory=list)
    cases: list[CasePlan] = field(default_factory=list)
    near_duplicates: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)
    org_names: set[str] = field(default_factory=set)  # businesses named so far (kept distinct)
    _offsets: dict[date, timedelta] = field(default_factory=dict)
    _keys: dict[tuple[str, tuple[str, ...]], list[str]] = field(default_factory=dict)
    # contact id -> [(case, role)], in the order the parties were added (for conflict hits)
    roles_of: dict[uuid.UUID, list[tuple[CasePlan, PartyRole]]] = field(default_factory=dict)
    # case id -> its documents as (id, title, date), as the documents generator wrote them
    papers: dict[uuid.UUID, list[tuple[uuid.UUID, str, date]]] = field(default_factory=dict)

    def stream(self, name: str) -> random.Random:
        """The seeded random stream of one generator."""
        return random.Random(f"casedesk-demo:{self.seed}:{name}")

    def local_time(self, day: date, minute_of_day: int) -> datetime:
        """A wall-clock time at the firm on `day`, as an aware UTC datetime."""
        offset = self._offsets.get(day)
        if offset is None:
            # Office hours never straddle a DST change (they happen at night), so the offset
            # at noon holds for the whole working day.
            noon = datetime.combine(day, time(12), tzinfo=self.time_zone)
            offset = self._offsets[day] = noon.utcoffset() or timedelta(0)
        return datetime.combine(day, _MIDNIGHT_UTC) + timedelta(minutes=minute_of_day) - offset

    def office_time(self, rng: random.Random, day: date) -> datetime:
        """A random moment of an office day (08:30-18:00) on `day`, in UTC."""
        return self.local_time(day, 510 + int(rng.random() * 570))

    @property
    def last_day(self) -> date:
        """Nothing generated happens after yesterday (the reference date is "today")."""
        return self.today - timedelta(days=1)

    def add(self, table: str, row: Row) -> Row:
        """Queue one row of `table` for insertion."""
        self.rows.setdefault(table, []).append(row)
        self.counts[table] = self.counts.get(table, 0) + 1
        return row

    def checkpoint(self, *, force: bool = False) -> None:
        """Hand the rows made so far to the sink when enough have piled up.

        Generators call this only between whole cases, so every row a flushed row refers to
        is flushed with it or before it (the sink inserts tables in foreign-key order).
        """
        if self.sink is None:
            return
        if force or sum(len(rows) for rows in self.rows.values()) >= FLUSH_ROWS:
            self.sink(self.rows)
            self.rows = {}

    def record(self, table: str, rng: random.Random, *, at: datetime,
               updated_at: datetime | None = None, **values: Any) -> Row:
        """A row of a Record table: id, created/updated stamps, version 1, not deleted."""
        return self.add(table, {"id": new_id(rng), "created_at": at,
                                "updated_at": updated_at or at, "version": 1,
                                "deleted_at": None, **values})

    def add_contact(self, rng: random.Random, *, name: str, at: datetime,
                    kind: ContactKind = ContactKind.PERSON, aliases: list[str] | None = None,
                    email: str = "", phone: str = "", address: str = "",
                    organization: str = "", notes: str = "", short: str = "",
                    person: PersonName | None = None) -> ContactRef:
        """A contact row and its conflict-search keys, exactly as create_contact makes them."""
        clean = clean_aliases(aliases or (), name)
        row = self.record(Contact.__tablename__, rng, at=at, kind=kind.value, name=name,
                          aliases=clean, email=email, phone=phone, address=address,
                          organization=organization, notes=notes, merged_into_id=None)
        cache_key = (name, tuple(clean))
        keys = self._keys.get(cache_key)
        if keys is None:  # many people share a name; the keys are a pure function of it
            keys = self._keys[cache_key] = sorted(contact_keys(name, clean))
        for key in keys:
            self.add(ContactNameKey.__tablename__, {"contact_id": row["id"], "key": key})
        return ContactRef(row["id"], name, kind, short or name, person, email, address,
                          organization)

    def log(self, rng: random.Random, *, case_id: uuid.UUID | None, at: datetime,
            action: str, summary: str, staff_id: uuid.UUID | None) -> None:
        """An activity row, as services.common.log_activity writes it."""
        self.add(Activity.__tablename__, {"id": new_id(rng), "case_id": case_id, "at": at,
                                          "staff_id": staff_id, "action": action,
                                          "summary": summary[:500]})

    @property
    def contacts(self) -> int:
        """How many contacts have been made."""
        return self.count(Contact.__tablename__)

    def count(self, table: str) -> int:
        """How many rows of `table` have been made (flushed or not)."""
        return self.counts.get(table, 0)
