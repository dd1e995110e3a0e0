"""The sample practice's courts: every case's court is a Court with its state's reviewed
holidays, so deadlines computed on demo cases count the right days."""

from __future__ import annotations

from datetime import date

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.rules.state_holidays import reviewed_states, state_holiday_seed
from casedesk.services import courts, deadlines
from casedesk.services.demo import generate
from casedesk.services.demo.demo_courts import _court_states, _state_of
from casedesk.services.demo.places import DISTANT_FEDERAL

TODAY = date(2026, 11, 27)


def test_every_case_court_is_a_court_with_its_state_list(tmp_path) -> None:
    with Practice(resolve(tmp_path / "p")) as practice:
        practice.write(generate, cases=120, seed=3, today=TODAY)
        rows = practice.read(courts.list_courts)
        by_name = {c.name: c for c in rows}
        used = {r[0] for r in practice.reader.rows(
            "SELECT DISTINCT court FROM cases WHERE court <> ''")}
        assert used and used == set(by_name)
        for court in rows:
            if "Immigration" in court.name:
                assert court.state == "" and court.state_days == 0
            elif court.state in reviewed_states():
                seeded = practice.read(courts.court_days, court.id)
                this_year = {d.day for d in seeded if d.day.year == TODAY.year}
                assert this_year == set(state_holiday_seed(court.state, [TODAY.year]))
        # A demo case's deadlines are counted with its court's calendar.
        case_id, court_name = practice.reader.rows(
            "SELECT id, court FROM cases WHERE court LIKE 'U.S. District Court%' LIMIT 1")[0]
        import uuid

        plan = practice.read(deadlines.plan, case_id=uuid.UUID(hex=case_id),
                             rule_set_key="frcp", trigger_key="complaint_served",
                             trigger_date=date(2026, 6, 13))
        assert plan[0].due == date(2026, 7, 6)
        assert practice.read(courts.court_for_case, court_name) == by_name[court_name].id


def test_distant_federal_courts_know_their_state() -> None:
    known = _court_states()
    assert {c.name: _state_of(c.name, known) for c in DISTANT_FEDERAL if
            not _state_of(c.name, known)} == {}
    assert _state_of("U.S. District Court, E.D. Mich.", known) == "MI"
    assert _state_of("Miami Immigration Court", known) == ""
