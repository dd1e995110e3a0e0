"""What a case of each practice area looks like: caption, court, who is on each side."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from casedesk.domain.enums import PRACTICE_AREAS, PartyRole
from casedesk.services.demo import names_data as nd
from casedesk.services.demo.case_people import Casting
from casedesk.services.demo.people import Pools, person_name
from casedesk.services.demo.places import DISTANT_FEDERAL, REGIONS, STATE_NAMES, Court, Region
from casedesk.services.demo.world import ContactRef, PersonName

# How often each practice area comes in (relative weights) and its case-number code.
AREA_WEIGHTS: dict[str, int] = {
    "Civil litigation": 14, "Commercial": 8, "Employment": 8, "Family": 12,
    "Personal injury": 14, "Real estate": 6, "Estate planning": 9, "Criminal defense": 10,
    "Immigration": 7, "Intellectual property": 4, "Bankruptcy": 4, "Insurance defense": 6,
}
AREA_CODES: dict[str, str] = {
    "Civil litigation": "CV", "Commercial": "CM", "Employment": "EM", "Family": "FA",
    "Personal injury": "PI", "Real estate": "RE", "Estate planning": "EP",
    "Criminal defense": "CR", "Immigration": "IM", "Intellectual property": "IP",
    "Bankruptcy": "BK", "Insurance defense": "IN",
}
# Typical life of a matter in days (shortest, longest), for closed cases.
DURATIONS: dict[str, tuple[int, int]] = {
    "Civil litigation": (150, 900), "Commercial": (30, 420), "Employment": (90, 700),
    "Family": (90, 540), "Personal injury": (180, 1000), "Real estate": (30, 200),
    "Estate planning": (20, 150), "Criminal defense": (60, 420), "Immigration": (120, 900),
    "Intellectual property": (120, 900), "Bankruptcy": (90, 240),
    "Insurance defense": (180, 800),
}
assert set(AREA_WEIGHTS) == set(PRACTICE_AREAS) == set(AREA_CODES) == set(DURATIONS)


@dataclass
class Matter:
    """The shape of one case before it becomes rows."""

    title: str
    description: str
    clients: list[ContactRef]
    court: Court | None = None
    docket_kind: str = "civil"
    opponents: list[ContactRef] = field(default_factory=list)
    counsel: ContactRef | None = None  # opposing counsel, acting for every opponent
    others: list[tuple[ContactRef, PartyRole]] = field(default_factory=list)
    witnesses: int = 0
    expert_share: float = 0.0


@dataclass
class AreaContext:
    """What an area builder works with."""

    cast: Casting
    pools: Pools
    region: Region
    rng: random.Random
    at: datetime
    distant: tuple[Court, ...]  # federal courts elsewhere (see distant_courts)

    def court(self, kind: str) -> Court:
        """The region's court of a kind (civil/family/probate/criminal, district...)."""
        if kind == "district":
            return self.region.district
        if kind == "distant":
            return self.rng.choice(self.distant)
        if kind == "bankruptcy":
            return self.region.bankruptcy
        if kind == "immigration":
            return self.region.immigration
        return self.region.state_courts[kind]

    def litigation_court(self, state_share: float) -> Court:
        """A state civil court most of the time, else a federal one."""
        roll = self.rng.random()
        if roll < state_share:
            return self.court("civil")
        return self.court("district" if roll < state_share + (1 - state_share) * 0.6
                          else "distant")

    def counsel(self) -> ContactRef:
        """An opposing counsel from the pool, on this case."""
        return self.cast.existing(self.pools.opposing_counsel.pick(self.rng, self.at))

    def amount(self, low: int, high: int) -> str:
        """A round dollar amount in [low, high)."""
        return f"${self.rng.randrange(low, high, 5_000):,}"


def distant_courts(region: Region) -> tuple[Court, ...]:
    """Federal courts a practice in `region` litigates in away from home."""
    return DISTANT_FEDERAL + tuple(r.district for r in REGIONS
                                   if r.district.name != region.district.name)


def caption(side: list[ContactRef]) -> str:
    """How a caption names one side: a person's surname, a business's full name, et al."""
    first = side[0]
    name = first.person.last if first.person is not None else first.name
    return f"{name}, et al." if len(side) > 1 else name


_CLAIMS = ("breach of contract", "unpaid invoices", "fraud and misrepresentation",
           "breach of fiduciary duty", "defamation", "nuisance and trespass",
           "conversion of business equipment", "breach of warranty", "unjust enrichment")


def civil_litigation(c: AreaContext) -> Matter:
    """A lawsuit for a person or business, as plaintiff or defendant."""
    clients = [c.cast.client_person(c.at) if c.rng.random() < 0.55 else c.cast.client_org(c.at)]
    opponents = [c.cast.adverse(c.at)]
    if c.rng.random() < 0.2:
        opponents.append(c.cast.adverse(c.at))
    plaintiff = c.rng.random() < 0.6
    sides = (clients, opponents) if plaintiff else (opponents, clients)
    claim = c.rng.choice(_CLAIMS)
    return Matter(f"{caption(sides[0])} v. {caption(sides[1])}",
                  f"Claim for {claim} {'brought by' if plaintiff else 'against'} the client; "
                  f"about {c.amount(25_000, 900_000)} in controversy.",
                  clients, c.litigation_court(0.65), opponents=opponents, counsel=c.counsel(),
                  witnesses=c.rng.choice((0, 1, 1, 2, 3)), expert_share=0.2)


_DEALS = ("Asset purchase agreement", "Commercial lease review", "Supply agreement",
          "Shareholder agreement", "Credit facility amendment", "Vendor contract templates",
          "Franchise agreement review", "Series A financing", "Distribution agreement",
          "Software license negotiation")


def commercial(c: AreaContext) -> Matter:
    """A business dispute, or a deal (contract, lease, financing) with a counterparty."""
    client = c.cast.client_org(c.at) if c.rng.random() < 0.85 else c.cast.client_person(c.at)
    if c.rng.random() < 0.55:
        matter = civil_litigation_between(c, [client], "commercial")
        matter.expert_share = 0.25
        return matter
    deal = c.rng.choice(_DEALS)
    counterparty = [c.cast.adverse(c.at, "org")] if c.rng.random() < 0.7 else []
    return Matter(f"{client.short if client.person is None else client.name} — {deal}",
                  f"{deal} for the client; deal value about {c.amount(100_000, 5_000_000)}.",
                  [client], None, opponents=counterparty,
                  counsel=c.counsel() if counterparty else None)


def civil_litigation_between(c: AreaContext, clients: list[ContactRef], what: str) -> Matter:
    """A lawsuit between the clients and one business."""
    opponent = c.cast.adverse(c.at, "org")
    plaintiff = c.rng.random() < 0.5
    sides = (clients, [opponent]) if plaintiff else ([opponent], clients)
    return Matter(f"{caption(sides[0])} v. {caption(sides[1])}",
                  f"{what.capitalize()} dispute over {c.rng.choice(_CLAIMS)}; client is "
                  f"{'plaintiff' if plaintiff else 'defendant'}.",
                  clients, c.litigation_court(0.6), opponents=[opponent], counsel=c.counsel(),
                  witnesses=c.rng.choice((0, 1, 2)))


_EMPLOYMENT_CLAIMS = ("wrongful termination", "unpaid overtime (FLSA)", "pregnancy discrimination",
                      "retaliation after a safety complaint", "age discrimination (ADEA)",
                      "failure to accommodate a disability (ADA)", "sexual harassment",
                      "non-compete enforcement")


def employment(c: AreaContext) -> Matter:
    """An employee's claim against an employer, or the employer's defense or advice."""
    claim = c.rng.choice(_EMPLOYMENT_CLAIMS)
    if c.rng.random() < 0.6:
        employee = c.cast.client_person(c.at)
        employer = c.cast.adverse(c.at, "org")
        roll = c.rng.random()
        court = None if roll < 0.2 else c.court("district" if roll < 0.6 else "civil")
        title = f"{caption([employee])} v. {employer.name}"
        if court is None:
            title = f"EEOC Charge — {title}"
        return Matter(title, f"Employee's claim of {claim}.", [employee], court,
                      opponents=[employer], counsel=c.counsel(), witnesses=c.rng.choice((1, 2)))
    employer = c.cast.client_org(c.at)
    if c.rng.random() < 0.25:
        return Matter(f"{employer.short} — Employee handbook and policies review",
                      "Annual review of handbook, leave and remote-work policies.", [employer])
    employee = c.cast.adverse(c.at, "person")
    court = c.court("district" if c.rng.random() < 0.6 else "civil")
    return Matter(f"{caption([employee])} v. {employer.name}",
                  f"Defense of a former employee's claim of {claim}.", [employer], court,
                  opponents=[employee], counsel=c.counsel(), witnesses=c.rng.choice((1, 2, 3)))


def family(c: AreaContext) -> Matter:
    """A divorce, custody or support case between spouses."""
    client_female = c.rng.random() < 0.55
    client = c.cast.client_person(c.at, female=client_female)
    assert client.person is not None
    spouse_name = person_name(c.rng, female=not client_female)
    if c.rng.random() < 0.7:
        spouse_name = PersonName(spouse_name.first, client.person.last, "", not client_female)
    spouse = c.cast.person(c.at, name=spouse_name)
    others: list[tuple[ContactRef, PartyRole]] = []
    if c.rng.random() < 0.15:
        gal = person_name(c.rng)
        others.append((c.cast.person(c.at, name=gal, notes="Guardian ad litem."),
                       PartyRole.OTHER))
    kind = c.rng.choice(("dissolution", "dissolution", "custody", "support modification"))
    if kind == "dissolution" and c.region.state in ("CA", "WA", "CO", "AZ", "IL", "OR"):
        title = f"In re Marriage of {client.name} and {spouse.name}"
    else:
        title = f"{caption([client])} v. {caption([spouse])}"
    return Matter(title, f"{kind.capitalize()}; children: {c.rng.choice((0, 1, 2, 3))}.",
                  [client], c.court("family"), "family", [spouse],
                  c.counsel() if c.rng.random() < 0.8 else None, others)


_INJURIES = ("Rear-end collision", "Trip and fall at a grocery store", "Dog bite",
             "Truck collision on the interstate", "Slip on an icy walkway",
             "Pedestrian struck in a crosswalk", "Defective ladder", "Construction site fall")


def personal_injury(c: AreaContext) -> Matter:
    """An injured client's claim, pre-suit or in court, with the insurer."""
    client = c.cast.client_person(c.at)
    injury = c.rng.choice(_INJURIES)
    defendant = c.cast.adverse(c.at, "person" if "collision" in injury and
                               c.rng.random() < 0.6 else "org")
    insurer = c.cast.existing(c.pools.insurers.pick(c.rng, c.at))
    pre_suit = c.rng.random() < 0.2
    court = None if pre_suit else c.litigation_court(0.85)
    title = (f"{client.name} — {injury} claim (pre-suit)" if pre_suit
             else f"{caption([client])} v. {caption([defendant])}")
    return Matter(title, f"{injury}; medical specials so far {c.amount(10_000, 400_000)}.",
                  [client], court, opponents=[defendant], counsel=c.counsel(),
                  others=[(insurer, PartyRole.OTHER)], witnesses=c.rng.choice((0, 1, 2, 2, 3)),
                  expert_share=0.45)


def real_estate(c: AreaContext) -> Matter:
    """A closing with a buyer or seller, or a property lawsuit."""
    client = c.cast.client_person(c.at) if c.rng.random() < 0.6 else c.cast.client_org(c.at)
    street = f"{c.rng.randint(10, 9899)} {c.rng.choice(nd.STREETS)}"
    if c.rng.random() < 0.6:
        buying = c.rng.random() < 0.5
        other = c.cast.adverse(c.at)
        return Matter(f"{'Purchase' if buying else 'Sale'} of {street} ({client.short})",
                      f"Residential closing; price {c.amount(250_000, 2_500_000)}.",
                      [client], None, opponents=[other],
                      counsel=c.counsel() if c.rng.random() < 0.6 else None)
    dispute = c.rng.choice(("Quiet title", "Boundary dispute", "Commercial eviction",
                            "Construction defect", "Breach of purchase contract"))
    opponent = c.cast.adverse(c.at)
    return Matter(f"{caption([client])} v. {caption([opponent])}",
                  f"{dispute} concerning {street}.", [client], c.court("civil"),
                  opponents=[opponent], counsel=c.counsel(), witnesses=c.rng.choice((0, 1)))


def estate_planning(c: AreaContext) -> Matter:
    """An estate plan for one or two clients, or a probate estate."""
    if c.rng.random() < 0.6:
        first = c.cast.client_person(c.at)
        clients = [first]
        if first.person is not None and c.rng.random() < 0.5:
            partner = PersonName(person_name(c.rng, female=not first.person.female).first,
                                 first.person.last, "", not first.person.female)
            clients.append(c.cast.client_person(c.at, name=partner))
        names = (f"{clients[0].name} and {clients[1].name}" if len(clients) > 1
                 else clients[0].name)
        return Matter(f"{names} — Estate plan", "Will, revocable trust, powers of attorney and "
                      "health-care directives.", clients)
    decedent_name = person_name(c.rng, middle_share=0.7)
    representative = c.cast.client_person(c.at, name=PersonName(
        person_name(c.rng).first, decedent_name.last, "", c.rng.random() < 0.5))
    decedent = c.cast.person(c.at, name=decedent_name, notes="Decedent.")
    opponents = [c.cast.person(c.at, name=PersonName(person_name(c.rng).first,
                                                     decedent_name.last))] \
        if c.rng.random() < 0.2 else []
    return Matter(f"In re Estate of {decedent.name}",
                  f"Probate administration; estate about {c.amount(150_000, 3_000_000)}."
                  + (" A sibling contests the will." if opponents else ""),
                  [representative], c.court("probate"), "probate", opponents,
                  c.counsel() if opponents else None, [(decedent, PartyRole.OTHER)])


_CHARGES = ("DUI", "Possession with intent to distribute", "Assault in the second degree",
            "Theft", "Burglary", "Domestic violence", "Reckless driving",
            "Violation of a protection order", "Identity theft", "Drug possession")
_FEDERAL_CHARGES = ("Wire fraud", "Felon in possession of a firearm", "Tax evasion",
                    "Conspiracy to distribute", "Bank fraud")


def criminal_defense(c: AreaContext) -> Matter:
    """A state or federal prosecution of the client."""
    client = c.cast.client_person(c.at, female=c.rng.random() < 0.3)
    if c.rng.random() < 0.15:
        state = c.pools.singleton("United States of America", c.rng, c.at)
        prosecutor = c.pools.ausas.pick(c.rng, c.at)
        title, court, charge = (f"United States v. {client.name}", c.court("district"),
                                c.rng.choice(_FEDERAL_CHARGES))
    else:
        state_name = STATE_NAMES[c.region.state]
        caption_name = {"People": f"People of the State of {state_name}",
                        "Commonwealth": f"Commonwealth of {state_name}"}.get(
            c.region.prosecution, f"State of {state_name}")
        state = c.pools.singleton(caption_name, c.rng, c.at,
                                  organization=c.region.prosecutor)
        prosecutor = c.pools.prosecutors.pick(c.rng, c.at)
        title, court, charge = (f"{c.region.prosecution} v. {client.name}", c.court("criminal"),
                                c.rng.choice(_CHARGES))
    return Matter(title, f"Charged with {charge.lower()}.", [client], court, "criminal",
                  [c.cast.existing(state)], c.cast.existing(prosecutor),
                  witnesses=c.rng.choice((0, 0, 1, 2)))


_FORMS = ("I-130 petition (spouse)", "I-485 adjustment of status", "N-400 naturalization",
          "I-751 removal of conditions", "I-589 affirmative asylum", "DACA renewal")


def immigration(c: AreaContext) -> Matter:
    """Removal proceedings before an immigration court, or a USCIS filing."""
    client = c.cast.client_person(c.at)
    if c.rng.random() < 0.55:
        dhs = c.pools.singleton("U.S. Department of Homeland Security", c.rng, c.at)
        relief = c.rng.choice(("asylum and withholding of removal", "cancellation of removal",
                               "adjustment of status before the court", "a motion to reopen"))
        return Matter(f"Matter of {client.name}", f"Removal proceedings; seeking {relief}.",
                      [client], c.court("immigration"), "immigration", [c.cast.existing(dhs)],
                      c.cast.existing(c.pools.dhs_counsel.pick(c.rng, c.at)),
                      witnesses=c.rng.choice((0, 1, 1)))
    form = c.rng.choice(_FORMS)
    return Matter(f"{client.name} — {form}", f"USCIS filing: {form}.", [client])


def intellectual_property(c: AreaContext) -> Matter:
    """A trademark application, or an infringement lawsuit."""
    client = c.cast.client_org(c.at)
    if c.rng.random() < 0.4:
        mark = client.short.split(" ")[0].upper()
        return Matter(f"{client.short} — Trademark application ({mark})",
                      f"Application to register {mark} in classes {c.rng.randint(1, 45)} and "
                      f"{c.rng.randint(1, 45)}.", [client])
    opponent = c.cast.adverse(c.at, "org")
    plaintiff = c.rng.random() < 0.6
    sides = ([client], [opponent]) if plaintiff else ([opponent], [client])
    what = c.rng.choice(("patent infringement", "trademark infringement", "trade dress",
                         "copyright infringement", "trade secret misappropriation"))
    court = c.court("district" if c.rng.random() < 0.5 else "distant")
    return Matter(f"{caption(sides[0])} v. {caption(sides[1])}", f"{what.capitalize()}.",
                  [client], court, opponents=[opponent], counsel=c.counsel(),
                  witnesses=c.rng.choice((0, 1)), expert_share=0.5)


def bankruptcy(c: AreaContext) -> Matter:
    """A personal (Chapter 7 or 13) or business (Chapter 11) bankruptcy."""
    if c.rng.random() < 0.7:
        debtor = c.cast.client_person(c.at)
        clients = [debtor]
        if debtor.person is not None and c.rng.random() < 0.4:
            clients.append(c.cast.client_person(c.at, name=PersonName(
                person_name(c.rng, female=not debtor.person.female).first, debtor.person.last,
                "", not debtor.person.female)))
        title = "In re " + " and ".join(cl.name for cl in clients)
        chapter = c.rng.choice(("Chapter 7", "Chapter 7", "Chapter 13"))
        others = [(c.cast.existing(c.pools.trustees.pick(c.rng, c.at)), PartyRole.OTHER)]
    else:
        clients = [c.cast.client_org(c.at)]
        title, chapter, others = f"In re {clients[0].name}", "Chapter 11", []
    creditors = [c.cast.existing(c.pools.banks.pick(c.rng, c.at))]
    return Matter(title, f"{chapter} petition; unsecured debt about "
                  f"{c.amount(30_000, 2_000_000)}.", clients, c.court("bankruptcy"),
                  "bankruptcy", creditors, c.counsel() if c.rng.random() < 0.5 else None,
                  others)


def insurance_defense(c: AreaContext) -> Matter:
    """The defense of an insured sued by an injured plaintiff."""
    insured = c.cast.client_person(c.at) if c.rng.random() < 0.6 else c.cast.client_org(c.at)
    plaintiff = c.cast.adverse(c.at, "person")
    insurer = c.cast.existing(c.pools.insurers.pick(c.rng, c.at))
    return Matter(f"{caption([plaintiff])} v. {caption([insured])}",
                  f"Defense of the insured under a policy with {insurer.name}; demand "
                  f"{c.amount(50_000, 1_500_000)}.", [insured], c.litigation_court(0.8),
                  opponents=[plaintiff], counsel=c.counsel(),
                  others=[(insurer, PartyRole.OTHER)], witnesses=c.rng.choice((0, 1, 2)),
                  expert_share=0.3)


BUILDERS: dict[str, Callable[[AreaContext], Matter]] = {
    "Civil litigation": civil_litigation, "Commercial": commercial, "Employment": employment,
    "Family": family, "Personal injury": personal_injury, "Real estate": real_estate,
    "Estate planning": estate_planning, "Criminal defense": criminal_defense,
    "Immigration": immigration, "Intellectual property": intellectual_property,
    "Bankruptcy": bankruptcy, "Insurance defense": insurance_defense,
}
