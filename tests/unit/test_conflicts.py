"""Conflict search: fuzzy and phonetic matching over names, aliases and every case."""

from __future__ import annotations

import pytest

from casedesk.domain.enums import PartyRole
from casedesk.domain.errors import InvalidInput
from casedesk.domain.names import normalize_name, similarity
from casedesk.persistence.practice import Practice
from casedesk.services import cases, conflicts, contacts, parties


@pytest.mark.parametrize(("query", "candidate"), [
    ("Jon Smyth", "John Smith"),
    ("Katherine Jones", "Catherine Jones"),
    ("Acme", "Acme Corporation, Inc."),
    ("smith john", "John Smith"),
    ("José García", "Jose Garcia"),
])
def test_similar_names_score_high(query: str, candidate: str) -> None:
    assert similarity(query, candidate) >= conflicts.DEFAULT_THRESHOLD


@pytest.mark.parametrize(("query", "candidate"), [
    ("Zed Alpha", "John Smith"),
    ("Mary Brown", "Acme Corporation"),
])
def test_different_names_score_low(query: str, candidate: str) -> None:
    assert similarity(query, candidate) < conflicts.DEFAULT_THRESHOLD


def test_normalize_strips_accents_case_and_company_forms() -> None:
    assert normalize_name("  Müller & Sons, L.L.C. ") == "muller sons l l c"
    assert normalize_name("Acme Corp.") == "acme"
    assert normalize_name("The Inc") == "the inc"  # nothing but noise: keep the words


def test_search_finds_parties_in_open_and_closed_cases_and_aliases(practice: Practice) -> None:
    _c, smith = practice.write(contacts.create_contact, name="John Smith",
                               aliases=["Johnny Smithers"])
    _c, lone = practice.write(contacts.create_contact, name="Jonathan Smythe")
    _c, other = practice.write(contacts.create_contact, name="Mary Brown")
    _c, open_case = practice.write(cases.create_case, number="2026-CV-0001", title="Open one")
    _c, closed_case = practice.write(cases.create_case, number="2020-CV-0007",
                                     title="Old matter")
    practice.write(parties.add_party, case_id=open_case, contact_id=smith, role="client")
    practice.write(parties.add_party, case_id=closed_case, contact_id=smith,
                   role="opposing_party")
    practice.write(parties.add_party, case_id=closed_case, contact_id=other, role="witness")
    practice.write(cases.close_case, case_id=closed_case)

    hits = practice.read(conflicts.search, ["Jon Smyth"])
    found = {(h.name, h.role, h.case_number) for h in hits}
    assert ("John Smith", PartyRole.CLIENT, "2026-CV-0001") in found
    assert ("John Smith", PartyRole.OPPOSING_PARTY, "2020-CV-0007") in found
    assert all(h.name != "Mary Brown" for h in hits)
    assert hits == sorted(hits, key=lambda h: (-h.score, h.name, h.case_number))
    assert any(h.contact_id == lone and h.role is None for h in hits) or all(
        h.contact_id != lone for h in hits)

    by_alias = practice.read(conflicts.search, ["Johnny Smithers"])
    assert by_alias[0].name == "John Smith" and by_alias[0].matched_name == "Johnny Smithers"


def test_renamed_contact_is_found_by_former_name(practice: Practice) -> None:
    _c, cid = practice.write(contacts.create_contact, name="Jane Doe")
    practice.write(contacts.update_contact, contact_id=cid, name="Jane Roe")
    hits = practice.read(conflicts.search, ["Jane Doe"])
    assert [(h.name, h.matched_name) for h in hits] == [("Jane Roe", "Jane Doe")]


def test_record_decision_is_stored_with_the_case(practice: Practice) -> None:
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0002", title="New")
    with pytest.raises(InvalidInput, match="waived"):
        practice.write(conflicts.record_check, case_id=case_id, searched_names=["X"], hits=[],
                       decision="waived")
    practice.write(conflicts.record_check, case_id=case_id, searched_names=["X"], hits=[],
                   decision="clear", note="No matches")
    detail = practice.read(cases.get_case_detail, case_id)
    assert detail.latest_conflict_decision is not None
    assert detail.latest_conflict_decision.value == "clear"
    assert detail.conflict_checks[0].searched_names == ("X",)


def test_empty_query_is_refused(practice: Practice) -> None:
    with pytest.raises(InvalidInput):
        practice.read(conflicts.search, ["  "])


def test_merge_moves_parties_and_keeps_names(practice: Practice) -> None:
    _c, keep = practice.write(contacts.create_contact, name="John Smith", email="")
    _c, dup = practice.write(contacts.create_contact, name="Jon Smith", email="js@example.com")
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0003", title="T")
    practice.write(parties.add_party, case_id=case_id, contact_id=dup, role="client")
    suggestions = practice.read(contacts.suggest_duplicates, keep)
    assert [row.id for row, _score in suggestions] == [dup]
    practice.write(contacts.merge_contacts, keep_id=keep, duplicate_ids=[dup])
    kept = practice.read(contacts.get_contact, keep)
    assert kept.email == "js@example.com" and "Jon Smith" in kept.aliases
    assert kept.case_count == 1
    detail = practice.read(cases.get_case_detail, case_id)
    assert [p.contact_id for p in detail.parties] == [keep]
    hits = practice.read(conflicts.search, ["Jon Smith"])
    assert {h.contact_id for h in hits} == {keep}
