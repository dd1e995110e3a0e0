"""The people and organizations on one demo case: new clients, opponents, witnesses, and the
planted look-alikes (former names, d/b/a names, near-duplicate contacts) the conflict search
and the merge dialog should find."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from casedesk.domain.enums import ContactKind
from casedesk.domain.names import similarity
from casedesk.services.demo import names_data as nd
from casedesk.services.demo.people import (
    address,
    org_domain,
    org_name,
    person_email,
    person_name,
    phone,
)
from casedesk.services.demo.world import ContactRef, DemoWorld, PersonName

# A near-duplicate must score well above the conflict search's threshold (65).
NEAR_DUPLICATE_SCORE = 75.0

_CLIENT_NOTES = (
    "", "", "", "Prefers e-mail.", "Prefers phone calls after 5 pm.",
    "Spanish-speaking; book an interpreter for meetings.", "Referred by a former client.",
    "Best reached on mobile.", "Send mail to the P.O. box, not the home address.",
)
_WITNESS_NOTES = (
    "Eyewitness.", "Former coworker of the client.", "Neighbor; saw the events.",
    "Custodian of records.", "Treating physician's office manager.", "Client's supervisor.",
)


@dataclass
class ClientBook:
    """Clients the practice already has, for returning clients and planted look-alikes."""

    people: list[ContactRef] = field(default_factory=list)
    organizations: list[ContactRef] = field(default_factory=list)


def new_person(world: DemoWorld, rng: random.Random, at: datetime, *,
               name: PersonName | None = None, client: bool = True,
               female: bool | None = None, notes: str = "") -> ContactRef:
    """A new person contact; clients get full details, some a former or nick name."""
    person = name or person_name(rng, female=female)
    aliases: list[str] = []
    roll = rng.random()
    if person.female and roll < 0.12:
        maiden = rng.choice(nd.LAST_NAMES)
        if maiden != person.last:
            aliases.append(f"{person.first} {maiden}")
            notes = notes or f"Formerly {person.first} {maiden}."
    elif roll < 0.16 and person.first in nd.NICKNAMES:
        aliases.append(f"{nd.NICKNAMES[person.first]} {person.last}")
    if client:
        return world.add_contact(rng, name=person.full, at=at, aliases=aliases,
                                 email=person_email(rng, person), phone=phone(rng, world),
                                 address=address(rng, world) if rng.random() < 0.85 else "",
                                 notes=notes or rng.choice(_CLIENT_NOTES), short=person.last,
                                 person=person)
    return world.add_contact(rng, name=person.full, at=at, aliases=aliases,
                             phone=phone(rng, world) if rng.random() < 0.8 else "",
                             email=person_email(rng, person) if rng.random() < 0.4 else "",
                             notes=notes, short=person.last, person=person)


def new_organization(world: DemoWorld, rng: random.Random, at: datetime,
                     used: set[str]) -> ContactRef:
    """A new business; some trade under a d/b/a name or were renamed (the old name an alias)."""
    name, short = org_name(rng, used)
    aliases: list[str] = []
    notes = ""
    roll = rng.random()
    if roll < 0.06:
        old_prefix = rng.choice(nd.ORG_PREFIXES)
        former = f"{old_prefix} {short.split(' ', 1)[-1]}, Inc."
        aliases.append(former)
        notes = f"Formerly known as {former}; renamed {at.year - rng.randint(1, 6)}."
    elif roll < 0.11:
        dba = f"{short.split(' ')[0]} {rng.choice(nd.DBA_WORDS)}"
        aliases.append(dba)
        notes = f"Also trades as {dba} (d/b/a)."
    return world.add_contact(rng, name=name, at=at, kind=ContactKind.ORGANIZATION,
                             aliases=aliases, email=f"info@{org_domain(short)}",
                             phone=phone(rng, world), address=address(rng, world), notes=notes,
                             short=short)


def witness(world: DemoWorld, rng: random.Random, at: datetime) -> ContactRef:
    """A new witness (not a client) with a note on who they are."""
    return new_person(world, rng, at, client=False, notes=rng.choice(_WITNESS_NOTES))


def _person_variants(person: PersonName) -> list[PersonName]:
    """Ways the same person's name gets typed differently, most convincing first."""
    variants = []
    if person.first in nd.FIRST_NAME_VARIANTS:
        variants.append(PersonName(nd.FIRST_NAME_VARIANTS[person.first], person.last,
                                   person.middle, person.female))
    if person.last in nd.LAST_NAME_VARIANTS:
        variants.append(PersonName(person.first, nd.LAST_NAME_VARIANTS[person.last],
                                   person.middle, person.female))
    variants.append(PersonName(person.first, person.last, "" if person.middle else "J.",
                               person.female))
    return variants


def _org_variant(name: str) -> str:
    """The same business with its company form typed differently."""
    for form in (", Inc.", " Inc.", ", LLC", " LLC", " Corp.", " Co.", ", P.C.", ", L.P."):
        if name.endswith(form):
            base = name[: -len(form)]
            return base + (" Inc" if "LLC" in form else ", LLC")
    return name + " LLC"


def near_duplicate(world: DemoWorld, rng: random.Random, at: datetime,
                   original: ContactRef) -> ContactRef | None:
    """A second contact for the same client under a slightly different name (a typing slip at
    intake), or None when no variant is convincing enough to count as a near-duplicate."""
    if original.person is not None:
        for variant in _person_variants(original.person):
            if similarity(variant.full, original.name) >= NEAR_DUPLICATE_SCORE:
                copy = new_person(world, rng, at, name=variant)
                world.near_duplicates.append((original.id, copy.id))
                return copy
        return None
    variant_name = _org_variant(original.name)
    if similarity(variant_name, original.name) < NEAR_DUPLICATE_SCORE:
        return None
    copy = world.add_contact(rng, name=variant_name, at=at, kind=ContactKind.ORGANIZATION,
                             phone=phone(rng, world), short=original.short)
    world.near_duplicates.append((original.id, copy.id))
    return copy


@dataclass(slots=True)
class Relation:
    """A planted link between this case and an earlier one, for its conflict check."""

    kind: str  # near_duplicate | returning | waived | declined
    existing: ContactRef
    new: ContactRef | None = None


@dataclass
class EarlierClient:
    """A client of an earlier case, and when that case closed."""

    contact: ContactRef
    closed_on: date | None  # when that case closed; None while it is open


class Casting:
    """Finds or makes the contacts of each case in turn, planting the look-alikes.

    `pending_*` count the near-duplicates, waived and declined conflicts due to be planted; a
    case that cannot take one (say, it has no adverse party) leaves it to the next.
    """

    def __init__(self, world: DemoWorld, rng: random.Random) -> None:
        self.world = world
        self.rng = rng
        self.book = ClientBook()
        self.earlier_clients: list[EarlierClient] = []
        self.pending_duplicates = self.pending_waivers = self.pending_declines = 0
        self.relations: list[Relation] = []
        self.in_case: set[uuid.UUID] = set()
        self.planting = False

    def start_case(self) -> None:
        """Forget the previous case's contacts and relations."""
        self.relations = []
        self.in_case = set()
        self.planting = bool(self.pending_duplicates or self.pending_waivers
                             or self.pending_declines)

    def _use(self, ref: ContactRef) -> ContactRef:
        self.in_case.add(ref.id)
        return ref

    def _returning(self, pool: list[ContactRef], share: float) -> ContactRef | None:
        if not pool or self.rng.random() >= share:
            return None
        ref = self.rng.choice(pool)
        if ref.id in self.in_case:
            return None
        self.relations.append(Relation("returning", ref))
        return ref

    def client_person(self, at: datetime, *, female: bool | None = None,
                      name: PersonName | None = None) -> ContactRef:
        """A client: sometimes a returning one, sometimes a planted near-duplicate."""
        if name is None and self.planting and self.pending_duplicates and self.book.people:
            original = self.rng.choice(self.book.people)
            copy = None if original.id in self.in_case else \
                near_duplicate(self.world, self.rng, at, original)
            if copy is not None:
                self.pending_duplicates -= 1
                self.relations.append(Relation("near_duplicate", original, copy))
                return self._use(copy)
        if name is None and (back := self._returning(self.book.people, 0.03)) is not None:
            return self._use(back)
        ref = new_person(self.world, self.rng, at, name=name, female=female)
        self.book.people.append(ref)
        return self._use(ref)

    def client_org(self, at: datetime) -> ContactRef:
        """An organization client; returning businesses are common."""
        if self.planting and self.pending_duplicates and self.book.organizations:
            original = self.rng.choice(self.book.organizations)
            copy = None if original.id in self.in_case else \
                near_duplicate(self.world, self.rng, at, original)
            if copy is not None:
                self.pending_duplicates -= 1
                self.relations.append(Relation("near_duplicate", original, copy))
                return self._use(copy)
        if (back := self._returning(self.book.organizations, 0.15)) is not None:
            return self._use(back)
        ref = new_organization(self.world, self.rng, at, self.world.org_names)
        self.book.organizations.append(ref)
        return self._use(ref)

    def person(self, at: datetime, *, female: bool | None = None,
               name: PersonName | None = None, notes: str = "") -> ContactRef:
        """Someone on the case who is not our client (an opponent, a relative, a witness)."""
        return self._use(new_person(self.world, self.rng, at, name=name, female=female,
                                    client=False, notes=notes))

    def organization(self, at: datetime) -> ContactRef:
        """A new business on the case that is not our client."""
        return self._use(new_organization(self.world, self.rng, at, self.world.org_names))

    def existing(self, ref: ContactRef) -> ContactRef:
        """A pooled contact (judge, counsel...) joining this case."""
        return self._use(ref)

    def adverse(self, at: datetime, make: str = "any") -> ContactRef:
        """An opposing party; may be a planted current client (a waived or declined conflict)."""
        if self.planting and (self.pending_waivers or self.pending_declines):
            found = self._current_client(at)
            if found is not None:
                kind = "declined" if self.pending_declines else "waived"
                if kind == "declined":
                    self.pending_declines -= 1
                else:
                    self.pending_waivers -= 1
                self.relations.append(Relation(kind, found))
                return self._use(found)
        if make == "person" or (make == "any" and self.rng.random() < 0.4):
            return self.person(at)
        return self.organization(at)

    def _current_client(self, at: datetime) -> ContactRef | None:
        for _attempt in range(40):
            if not self.earlier_clients:
                return None
            entry = self.rng.choice(self.earlier_clients)
            still_open = entry.closed_on is None or entry.closed_on > at.date()
            if still_open and entry.contact.id not in self.in_case:
                return entry.contact
        return None

    def finish_case(self, clients: list[ContactRef], closed_on: date | None) -> None:
        """Remember this case's clients for later waivers and declines."""
        self.earlier_clients.extend(EarlierClient(c, closed_on) for c in clients)

    def witness(self, at: datetime) -> ContactRef:
        """A new witness (not a client) with a note on who they are."""
        return self._use(witness(self.world, self.rng, at))
