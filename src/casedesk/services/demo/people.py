"""Demo people and organizations: the firm and its staff, names, and the shared contact pools."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from casedesk.domain.enums import ContactKind, StaffRole
from casedesk.domain.models import Firm, Staff
from casedesk.domain.money import to_cents
from casedesk.services.demo import names_data as nd
from casedesk.services.demo.budget_texts import DEMO_PHASES
from casedesk.services.demo.places import Court
from casedesk.services.demo.world import ContactRef, DemoWorld, PersonName, StaffPlan

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lowercase letters and digits only (for e-mail addresses and domains)."""
    return _NON_ALNUM.sub("", text.casefold())


def person_name(rng: random.Random, *, female: bool | None = None,
                middle_share: float = 0.3) -> PersonName:
    """A random person's name; some carry a middle initial."""
    is_female = rng.random() < 0.5 if female is None else female
    first = rng.choice(nd.FEMALE_FIRST if is_female else nd.MALE_FIRST)
    middle = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < middle_share else ""
    return PersonName(first, rng.choice(nd.LAST_NAMES), middle, is_female)


def org_name(rng: random.Random, used: set[str]) -> tuple[str, str]:
    """A new business name and its short form ("Summit Logistics, Inc.", "Summit Logistics")."""
    for attempt in range(60):
        prefix = rng.choice(nd.ORG_PREFIXES)
        if rng.random() < 0.15 or attempt >= 10:  # family names when the plain ones run out
            prefix = f"{rng.choice(nd.LAST_NAMES)} {rng.choice(('& Sons', 'Brothers', 'Family'))}"
        industry, forms = rng.choice(nd.ORG_INDUSTRIES)
        short = f"{prefix} {industry}"
        name = short + rng.choice(forms)
        if name not in used:
            used.add(name)
            return name, short
    # A crowded name space (very large demos): a numbered location keeps names distinct.
    name = f"{short} of {rng.choice(nd.ORG_PREFIXES)} No. {len(used) + 1}"
    used.add(name)
    return name, short


def phone(rng: random.Random, world: DemoWorld) -> str:
    """A fictional (555-01xx) phone number in the practice's area codes."""
    return f"({rng.choice(world.region.area_codes)}) 555-01{rng.randint(0, 99):02d}"


def address(rng: random.Random, world: DemoWorld) -> str:
    """A street address in the practice's city."""
    region = world.region
    return (f"{rng.randint(10, 9899)} {rng.choice(nd.STREETS)}{rng.choice(nd.SUITES)}, "
            f"{region.city}, {region.state} {region.zip3}{rng.randint(1, 99):02d}")


def person_email(rng: random.Random, name: PersonName, domain: str = "") -> str:
    """An e-mail address for a person (at a reserved example domain)."""
    user = f"{slug(name.first)}.{slug(name.last)}" if rng.random() < 0.6 else \
        f"{slug(name.first)[0]}{slug(name.last)}"
    return f"{user}@{domain or rng.choice(nd.EMAIL_DOMAINS)}"


def org_domain(short: str) -> str:
    """A reserved example.com domain for an organization."""
    return f"{slug(short)[:24]}.example.com"


@dataclass
class Pool:
    """Contacts that recur across cases (judges, opposing counsel, experts...), made on first
    use so each one's `created_at` is when the practice first met them."""

    make: Callable[[random.Random, datetime], ContactRef]
    size: int
    members: list[ContactRef | None] = field(default_factory=list)

    def pick(self, rng: random.Random, at: datetime) -> ContactRef:
        """A member of the pool, made on first use."""
        if not self.members:
            self.members = [None] * max(1, self.size)
        index = rng.randrange(len(self.members))
        member = self.members[index]
        if member is None:
            member = self.members[index] = self.make(rng, at)
        return member


def firm_and_staff(world: DemoWorld) -> None:
    """The firm row and its staff, scaled to the number of cases."""
    rng = world.stream("staff")
    region = world.region
    partners = rng.sample(nd.LAST_NAMES, 3)
    firm_name = rng.choice((f"{partners[0]} & {partners[1]} LLP",
                            f"{partners[0]} {partners[1]} {partners[2]} P.C.",
                            f"{partners[0]} & {partners[1]}, PLLC"))
    domain = f"{slug(partners[0])}{slug(partners[1])}.example.com"
    founded = world.local_time(world.today - timedelta(days=8 * 365 + 30), 9 * 60)
    world.firm = world.record(
        Firm.__tablename__, rng, at=founded, name=firm_name,
        address=f"{rng.randint(100, 2400)} {rng.choice(nd.STREETS)}, Suite "
                f"{rng.randint(2, 30)}00, {region.city}, {region.state} "
                f"{region.zip3}{rng.randint(1, 99):02d}",
        phone=f"({region.area_codes[0]}) 555-0100", email=f"office@{domain}",
        time_zone=region.time_zone, currency="USD", budget_phases=list(DEMO_PHASES),
        expense_categories=None, activities=None, budget_warning_percent=80,
        budget_over_percent=100)
    attorneys = max(3, min(40, 3 + world.case_count // 600))
    counts = {StaffRole.ATTORNEY: attorneys,
              StaffRole.PARALEGAL: max(2, round(attorneys * 0.7)),
              StaffRole.ASSISTANT: max(1, round(attorneys * 0.4)),
              StaffRole.ADMIN: 1 if attorneys < 12 else 2}
    used: set[str] = set()
    for role, count in counts.items():
        for i in range(count):
            name = person_name(rng, middle_share=0.15)
            while name.full in used:
                name = person_name(rng, middle_share=0.15)
            used.add(name.full)
            if role is StaffRole.ATTORNEY:
                senior = i < max(2, attorneys // 3)
                rate: str | None = str(rng.randrange(450, 700, 25) if senior
                                       else rng.randrange(250, 400, 25))
                bar = str(rng.randrange(10 ** (region.bar_digits - 1), 10 ** region.bar_digits))
            else:
                rate = {StaffRole.PARALEGAL: str(rng.randrange(125, 200, 5)),
                        StaffRole.ASSISTANT: str(rng.randrange(75, 100, 5))}.get(role)
                bar = ""
            # One former associate keeps the old files they were responsible for.
            active = not (role is StaffRole.ATTORNEY and i == attorneys - 1 and attorneys >= 5)
            row = world.record(Staff.__tablename__, rng, at=founded, name=name.full,
                               role=role.value, email=f"{slug(name.first)[0]}{slug(name.last)}@"
                                                      f"{domain}",
                               hourly_rate_cents=to_cents(rate), bar_number=bar, active=active)
            world.staff.append(StaffPlan(row["id"], name.full, role.value, active,
                                         row["email"], bar, row["hourly_rate_cents"]))


def _court_person(world: DemoWorld, court: Court, *, judge: bool) -> Pool:
    def make(rng: random.Random, at: datetime) -> ContactRef:
        name = person_name(rng, middle_share=0.6 if judge else 0.1)
        if judge:
            full = f"Hon. {name.full}"
            note = "Presiding judge." if "Immigration" not in court.name else "Immigration judge."
        else:
            full = name.full
            note = "Courtroom deputy / case manager."
        return world.add_contact(rng, name=full, at=at, phone=phone(rng, world),
                                 organization=court.name, notes=note, short=name.last,
                                 person=name)
    return Pool(make, 0)


class Pools:
    """Every shared pool of the practice, sized to the number of cases."""

    def __init__(self, world: DemoWorld) -> None:
        self.world = world
        scale = world.case_count
        self.law_firms = [self._law_firm_name(world.stream("law-firms"))
                          for _ in range(max(6, min(400, scale // 25)))]
        self.opposing_counsel = Pool(self._attorney, max(8, scale // 8))
        self.co_counsel = Pool(self._attorney, max(3, scale // 60))
        self.prosecutors = Pool(self._prosecutor, max(3, scale // 150))
        self.ausas = Pool(self._ausa, max(2, scale // 600))
        self.dhs_counsel = Pool(self._dhs_attorney, max(2, scale // 400))
        self.experts = Pool(self._expert, max(4, scale // 40))
        self.insurers = Pool(self._insurer, max(4, min(60, scale // 100)))
        self.banks = Pool(self._bank, max(4, min(80, scale // 80)))
        self.trustees = Pool(self._trustee, max(2, scale // 500))
        self.hospitals = [self._hospital_name(world.stream("hospitals"))
                          for _ in range(max(5, min(60, scale // 200)))]
        self.judges: dict[str, Pool] = {}
        self.clerks: dict[str, Pool] = {}
        self.singletons: dict[str, ContactRef] = {}

    def judge(self, court: Court, rng: random.Random, at: datetime) -> ContactRef:
        """A judge of this court (each court has its own bench)."""
        pool = self.judges.get(court.name)
        if pool is None:
            pool = self.judges[court.name] = _court_person(self.world, court, judge=True)
            pool.size = max(2, min(30, self.world.case_count // 300))
        return pool.pick(rng, at)

    def clerk(self, court: Court, rng: random.Random, at: datetime) -> ContactRef:
        """A clerk of this court."""
        pool = self.clerks.get(court.name)
        if pool is None:
            pool = self.clerks[court.name] = _court_person(self.world, court, judge=False)
            pool.size = max(1, min(10, self.world.case_count // 1000))
        return pool.pick(rng, at)

    def singleton(self, name: str, rng: random.Random, at: datetime, *,
                  organization: str = "") -> ContactRef:
        """One organization every case of a kind shares (a state, DHS, a prosecutor's office)."""
        ref = self.singletons.get(name)
        if ref is None:
            ref = self.singletons[name] = self.world.add_contact(
                rng, name=name, at=at, kind=ContactKind.ORGANIZATION, organization=organization)
        return ref

    @staticmethod
    def _law_firm_name(rng: random.Random) -> str:
        a, b, c = rng.sample(nd.LAST_NAMES, 3)
        return rng.choice((f"{a} & {b} LLP", f"{a} {b} {c} P.C.", f"{a} Law Group",
                           f"{a}, {b} & {c}, LLP", f"Law Offices of {rng.choice(nd.MALE_FIRST)}"
                                                   f" {a}", f"{a} & {b}, PLLC"))

    def _attorney(self, rng: random.Random, at: datetime) -> ContactRef:
        firm = rng.choice(self.law_firms)
        name = person_name(rng, middle_share=0.2)
        domain = org_domain(firm.split(" & ")[0].split(",")[0].replace("Law Offices of ", ""))
        return self.world.add_contact(
            rng, name=name.full, at=at, email=person_email(rng, name, domain),
            phone=phone(rng, self.world), address=address(rng, self.world),
            organization=firm, short=name.last, person=name)

    def _prosecutor(self, rng: random.Random, at: datetime) -> ContactRef:
        name = person_name(rng, middle_share=0.1)
        title = "Assistant District Attorney" if self.world.region.state in ("NY", "MA", "PA") \
            else "Deputy District Attorney"
        return self.world.add_contact(rng, name=name.full, at=at, phone=phone(rng, self.world),
                                      organization=self.world.region.prosecutor, notes=title,
                                      short=name.last, person=name)

    def _ausa(self, rng: random.Random, at: datetime) -> ContactRef:
        name = person_name(rng, middle_share=0.2)
        office = f"U.S. Attorney's Office, {self.world.region.district.name.split(', ')[-1]}"
        return self.world.add_contact(rng, name=name.full, at=at, phone=phone(rng, self.world),
                                      organization=office, notes="Assistant U.S. Attorney",
                                      short=name.last, person=name)

    def _dhs_attorney(self, rng: random.Random, at: datetime) -> ContactRef:
        name = person_name(rng, middle_share=0.1)
        return self.world.add_contact(
            rng, name=name.full, at=at, notes="Assistant Chief Counsel",
            organization="U.S. Immigration and Customs Enforcement, Office of the Principal "
                         "Legal Advisor", short=name.last, person=name)

    def _expert(self, rng: random.Random, at: datetime) -> ContactRef:
        field_name, firm_words, credential = rng.choice(nd.EXPERT_FIELDS)
        name = person_name(rng, middle_share=0.4)
        firm = f"{name.last} {firm_words}, LLC"
        return self.world.add_contact(
            rng, name=f"{name.full}, {credential}", at=at, phone=phone(rng, self.world),
            email=person_email(rng, name, org_domain(f"{name.last}{firm_words}")),
            organization=firm, notes=f"Expert: {field_name}. CV and fee schedule on file.",
            short=f"Dr. {name.last}" if credential in ("M.D.", "Ph.D.") else name.last,
            person=name)

    def _insurer(self, rng: random.Random, at: datetime) -> ContactRef:
        prefix = rng.choice(nd.ORG_PREFIXES)
        name = f"{prefix} {rng.choice(nd.INSURER_FORMS)}"
        return self.world.add_contact(rng, name=name, at=at, kind=ContactKind.ORGANIZATION,
                                      phone=f"(800) 555-01{rng.randint(0, 99):02d}",
                                      email=f"claims@{org_domain(prefix + 'insurance')}",
                                      short=f"{prefix} Insurance")

    def _bank(self, rng: random.Random, at: datetime) -> ContactRef:
        prefix = rng.choice(nd.ORG_PREFIXES)
        name = f"{prefix} {rng.choice(nd.BANK_FORMS)}"
        aliases = [f"{prefix} Savings & Loan"] if rng.random() < 0.3 else []
        return self.world.add_contact(rng, name=name, at=at, kind=ContactKind.ORGANIZATION,
                                      aliases=aliases, address=address(rng, self.world),
                                      notes="Formerly " + aliases[0] + "." if aliases else "",
                                      short=f"{prefix} Bank")

    def _trustee(self, rng: random.Random, at: datetime) -> ContactRef:
        name = person_name(rng, middle_share=0.3)
        return self.world.add_contact(rng, name=name.full, at=at, notes="Chapter 7 panel "
                                      "trustee.", phone=phone(rng, self.world),
                                      email=person_email(rng, name), short=name.last,
                                      person=name)

    def _hospital_name(self, rng: random.Random) -> str:
        form = rng.choice(nd.HOSPITAL_FORMS)
        if form == "General Hospital":
            return f"{self.world.region.city} General Hospital"
        if rng.random() < 0.3:
            return f"St. {rng.choice(nd.SAINTS)} {form}"
        return f"{rng.choice(nd.ORG_PREFIXES)} {form}"
