"""Contacts on no case yet: court reporters, process servers, interpreters, referral sources
and callers who never became clients. They bring the directory up to about three contacts per
case, as in a real practice's address book."""

from __future__ import annotations

from datetime import timedelta

from casedesk.domain.enums import ContactKind
from casedesk.services.demo.case_people import new_person
from casedesk.services.demo.people import address, org_domain, org_name, phone
from casedesk.services.demo.world import DemoWorld, weekday_on_or_before

CONTACTS_PER_CASE = 3
_PEOPLE_NOTES = (
    "Court reporter; books through the agency.", "Process server; serves across the county.",
    "Spanish interpreter (certified).", "Mandarin interpreter.", "Referral source.",
    "Prospective client; called about a consultation, did not retain.",
    "Private investigator.", "Mediator; half-day and full-day rates on file.",
)
_VENDOR_KINDS = ("Court Reporting", "Legal Process Services", "Translation Services",
                 "Records Retrieval")


def generate_directory(world: DemoWorld) -> None:
    """Add stand-alone contacts until the directory holds CONTACTS_PER_CASE per case."""
    rng = world.stream("directory")
    first_day = world.today - timedelta(days=7 * 365)
    while world.contacts < CONTACTS_PER_CASE * world.case_count:
        day = weekday_on_or_before(first_day + timedelta(days=rng.randint(0, 7 * 365 - 1)))
        at = world.office_time(rng, day)
        if rng.random() < 0.85:
            new_person(world, rng, at, client=False, notes=rng.choice(_PEOPLE_NOTES))
        else:
            name, short = org_name(rng, world.org_names)
            vendor = f"{short.split(' ')[0]} {rng.choice(_VENDOR_KINDS)}, LLC"
            if rng.random() < 0.5 and vendor not in world.org_names:
                world.org_names.add(vendor)
                name = vendor
            world.add_contact(rng, name=name, at=at, kind=ContactKind.ORGANIZATION,
                              phone=phone(rng, world), email=f"office@{org_domain(short)}",
                              address=address(rng, world))
        world.checkpoint()
