"""The contacts directory query: filter, kind, sort, pages, case counts and a contact's cases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from casedesk.domain.enums import CaseStatus, ContactKind, PartyRole
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import Reader
from casedesk.services import cases, contacts, parties
from casedesk.services import contact_list as cl
from casedesk.services.contact_list import ContactFilter
from tests.unit.list_backends import BACKENDS, built_desk, open_desk

Ids = dict[str, uuid.UUID]


@pytest.fixture(params=BACKENDS)
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Practice, Reader]]:
    """A fresh practice (for tests that change it) and a reader on it."""
    with open_desk(request.param, tmp_path / "desk") as opened:
        yield opened


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Practice, Reader, Ids]]:
    """The practice of `build`, made once per backend for the tests that only read."""
    yield from built_desk(request, tmp_path_factory, build)


def build(practice: Practice) -> Ids:
    ids: Ids = {}
    w = practice.write
    _c, ids["smith"] = w(contacts.create_contact, name="John Smith", aliases=["Johnny Smithers"],
                         email="john@smith.example", phone="555-0101")
    _c, ids["acme"] = w(contacts.create_contact, name="Acme Corporation", kind="organization",
                        email="legal@acme.example")
    _c, ids["jane"] = w(contacts.create_contact, name="jane doe", organization="Globex 100% Inc")
    _c, ids["jon"] = w(contacts.create_contact, name="Jon Smith")
    _c, ids["greta"] = w(contacts.create_contact, name="Greta Weiss", aliases=["Greta Müller"])
    _c, ids["counsel"] = w(contacts.create_contact, name="Rita Counsel")
    _c, ids["case1"] = w(cases.create_case, number="2026-CV-0001", title="Smith v. Acme",
                         opened_on=date(2026, 1, 5))
    _c, ids["case2"] = w(cases.create_case, number="2026-CV-0002", title="Estate of Smith",
                         opened_on=date(2026, 3, 1))
    w(parties.add_party, case_id=ids["case1"], contact_id=ids["smith"], role="client",
      represented_by_id=ids["counsel"])
    w(parties.add_party, case_id=ids["case1"], contact_id=ids["acme"], role="opposing_party")
    w(parties.add_party, case_id=ids["case2"], contact_id=ids["smith"], role="witness")
    w(parties.add_party, case_id=ids["case2"], contact_id=ids["smith"], role="client")
    w(parties.add_party, case_id=ids["case2"], contact_id=ids["jon"], role="witness")
    return ids


def names(reader: Reader, flt: ContactFilter, offset: int = 0, limit: int = 100) -> list[str]:
    return [row.name for row in cl.contact_page(reader, flt, offset=offset, limit=limit)]


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["Acme Corporation", "Greta Weiss", "jane doe", "John Smith", "Jon Smith",
          "Rita Counsel"]),
    ("smith", ["John Smith", "Jon Smith"]),
    ("SMITHERS", ["John Smith"]),
    ("müller", ["Greta Weiss"]),
    ("acme.example", ["Acme Corporation"]),
    ("globex", ["jane doe"]),
    ("100%", ["jane doe"]),
    ("10_%", []),
    ("jon smith", ["Jon Smith"]),
    ("nobody", []),
])
def test_filter_words_match_name_aliases_email_and_organization(
        built: tuple[Practice, Reader, Ids], text: str, expected: list[str]) -> None:
    _practice, reader, _ids = built
    flt = ContactFilter(text=text)
    assert names(reader, flt) == expected  # sorted by name, ignoring case
    assert cl.count_contacts(reader, flt) == len(expected)


def test_kind_filter_and_bad_kind(built: tuple[Practice, Reader, Ids]) -> None:
    _practice, reader, _ids = built
    assert names(reader, ContactFilter(kind="organization")) == ["Acme Corporation"]
    assert cl.count_contacts(reader, ContactFilter(kind="person")) == 5
    with pytest.raises(ValueError, match="bogus"):
        cl.count_contacts(reader, ContactFilter(kind="bogus"))


def test_rows_carry_every_field_and_live_case_counts(desk: tuple[Practice, Reader]) -> None:
    practice, reader = desk
    ids = build(practice)
    rows = {r.name: r for r in cl.contact_page(reader, ContactFilter(), offset=0, limit=50)}
    smith = rows["John Smith"]
    assert (smith.id, smith.kind, smith.aliases, smith.email, smith.phone, smith.case_count) == (
        ids["smith"], ContactKind.PERSON, ("Johnny Smithers",), "john@smith.example",
        "555-0101", 2)  # two roles in case 2 count once
    assert rows["Acme Corporation"].case_count == 1
    assert rows["Rita Counsel"].case_count == 0  # representing is not being a party
    detail = practice.read(cases.get_case_detail, ids["case2"])
    jon_party = next(p for p in detail.parties if p.contact_id == ids["jon"])
    practice.write(parties.remove_party, party_id=jon_party.id)
    assert cl.get_contact_row(reader, ids["jon"]).case_count == 0  # type: ignore[union-attr]


def test_merged_contacts_leave_the_directory(desk: tuple[Practice, Reader]) -> None:
    practice, reader = desk
    ids = build(practice)
    practice.write(contacts.merge_contacts, keep_id=ids["smith"], duplicate_ids=[ids["jon"]])
    assert "Jon Smith" not in names(reader, ContactFilter())
    assert cl.get_contact_row(reader, ids["jon"]) is None
    assert cl.contact_total(reader) == 5
    assert names(reader, ContactFilter(text="jon")) == ["John Smith"]  # now an alias


def test_sorting_and_pages_cover_everything_once(desk: tuple[Practice, Reader]) -> None:
    practice, reader = desk
    build(practice)
    with practice.transaction() as session:
        for i in range(25):
            contacts.create_contact(session, name=f"Person {i:02d}", email=f"p{24 - i:02d}@x.org")
    flt = ContactFilter(sort="email")
    total = cl.count_contacts(reader, flt)
    assert total == 31
    seen = [row.name for offset in range(0, total, 7)
            for row in cl.contact_page(reader, flt, offset=offset, limit=7)]
    assert len(seen) == len(set(seen)) == total
    by_email = [r.email for r in cl.contact_page(reader, flt, offset=0, limit=100)]
    assert by_email == sorted(by_email, key=str.casefold)
    descending = names(reader, ContactFilter(sort="name", descending=True), limit=2)
    assert descending == ["Rita Counsel", "Person 24"]
    by_cases = cl.contact_page(reader, ContactFilter(sort="cases", descending=True), offset=0,
                               limit=3)
    assert [(r.name, r.case_count) for r in by_cases] == [
        ("John Smith", 2), ("Acme Corporation", 1), ("Jon Smith", 1)]
    assert names(reader, ContactFilter(sort="no such column"), limit=1) == ["Acme Corporation"]


def test_contact_cases_group_roles_newest_case_first(built: tuple[Practice, Reader, Ids]
                                                     ) -> None:
    _practice, reader, ids = built
    total, rows = cl.contact_cases(reader, ids["smith"])
    assert total == 2
    assert [(r.number, r.roles, r.represented_by, r.status) for r in rows] == [
        ("2026-CV-0002", (PartyRole.CLIENT, PartyRole.WITNESS), "", CaseStatus.INTAKE),
        ("2026-CV-0001", (PartyRole.CLIENT,), "Rita Counsel", CaseStatus.INTAKE),
    ]
    assert rows[0].case_id == ids["case2"] and rows[0].opened_on == date(2026, 3, 1)
    total, rows = cl.contact_cases(reader, ids["smith"], limit=1)
    assert total == 2 and [r.number for r in rows] == ["2026-CV-0002"]
    assert cl.contact_cases(reader, ids["jane"]) == (0, [])
