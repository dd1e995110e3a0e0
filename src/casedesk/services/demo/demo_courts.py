"""The sample practice's courts: one Court row for every court its cases are in, with the
state whose legal holidays extend forward periods there (FRCP 6(a)(6)(C)) and, where casedesk
has a reviewed list for that state, its state holidays seeded as services/courts.py would.

Federal district and bankruptcy courts follow the state they sit in; immigration courts are
federal agencies outside the FRCP, so they get no state (federal holidays only).
"""

from __future__ import annotations

import re

from casedesk.domain.enums import HolidayKind
from casedesk.rules.state_holidays import reviewed_states, state_holiday_seed
from casedesk.services.courts import REVIEWED_SOURCE, SEED_YEARS_AHEAD, SEED_YEARS_BACK
from casedesk.services.demo.people import Pools
from casedesk.services.demo.places import REGIONS
from casedesk.services.demo.world import DemoWorld

# A distant federal court's state, from its abbreviation ("E.D. Tex." -> TX).
_STATE_ABBREVIATIONS = {
    "N.Y.": "NY", "Del.": "DE", "Tex.": "TX", "N.J.": "NJ", "Va.": "VA", "D.C.": "DC",
    "Nev.": "NV", "Cal.": "CA", "Ill.": "IL", "Colo.": "CO", "Ariz.": "AZ", "Fla.": "FL",
    "Ga.": "GA", "Mass.": "MA", "Pa.": "PA", "Wash.": "WA", "Mich.": "MI", "Ohio": "OH",
    "N.C.": "NC", "Md.": "MD", "Minn.": "MN", "Or.": "OR", "Tenn.": "TN", "Mo.": "MO",
    "Haw.": "HI", "Idaho": "ID", "Utah": "UT", "Conn.": "CT", "La.": "LA", "Wis.": "WI",
    "Ind.": "IN", "Ky.": "KY", "Ala.": "AL", "Okla.": "OK", "N.M.": "NM", "Mont.": "MT",
    "Alaska": "AK",
}
_DISTRICT = re.compile(r"^(?:[NSEWCM]\.)?D\. ?")


def _court_states() -> dict[str, str]:
    """Court name -> two-letter state ("" for immigration courts)."""
    states: dict[str, str] = {}
    for region in REGIONS:
        for court in (region.district, region.bankruptcy, *region.state_courts.values()):
            states[court.name] = region.state
        states[region.immigration.name] = ""
    return states


def _state_of(name: str, known: dict[str, str]) -> str:
    if name in known:
        return known[name]
    if "Immigration" in name or ", " not in name:
        return ""
    short = _DISTRICT.sub("", name.rsplit(", ", 1)[1])  # "E.D. Mich." -> "Mich."
    return _STATE_ABBREVIATIONS.get(short, "")


def generate_courts(world: DemoWorld, _pools: Pools) -> None:
    """A Court row (and its reviewed state holidays) for every court the cases are in."""
    rng = world.stream("courts")
    known = _court_states()
    reviewed = set(reviewed_states())
    at = world.local_time(min((p.opened_on for p in world.cases), default=world.today), 540)
    years = range(world.today.year - SEED_YEARS_BACK, world.today.year + SEED_YEARS_AHEAD + 1)
    seen: dict[str, object] = {}
    for plan in world.cases:
        court = plan.court
        if court is None or court.name in seen:
            continue
        state = _state_of(court.name, known)
        row = world.record("courts", rng, at=at, name=court.name, state=state,
                           time_zone=court.time_zone, notes="")
        seen[court.name] = row
        if state in reviewed:
            for day, name in sorted(state_holiday_seed(state, years).items()):
                world.record("court_holidays", rng, at=at, court_id=row["id"], day=day,
                             name=name, kind=HolidayKind.STATE, source=REVIEWED_SOURCE,
                             added_by_staff_id=None, removed_by_staff_id=None)
    world.checkpoint()
