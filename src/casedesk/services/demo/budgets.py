"""Demo budgets, time entries and expenses, as the budget, time, expense and billing services
would have written them over each case's life.

Most cases get a budget by phase (fees and expenses, sized to the practice area and the
matter), set when the case opened; some were revised once when a phase grew. Estate plans,
immigration matters and some others are on a fixed fee, personal injury cases on a contingency
(with an expected recovery); both have a cost budget too. Work is recorded on weekdays, phase
after phase along the case's timeline, at each person's rate of that year; billable entries
and costs are billed at month ends (the last weeks' are still unbilled). How much of its budget
an open case has used is drawn for it: a few are over budget and some near it, the rest
comfortably under; the entries are then made to add up to exactly that (the last entry of a
phase is trimmed), so the demo's monitoring shows what it was meant to.

Every case draws from its own random stream (seeded by the demo's seed and the case id), so the
output is the same for the same seed and independent of the other generators.
"""

from __future__ import annotations

import random
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from casedesk.domain.enums import CaseStatus, FeeArrangement, PartyRole
from casedesk.domain.models import Budget, BudgetLine
from casedesk.domain.money import from_cents
from casedesk.services.demo import budget_texts as bt
from casedesk.services.demo.areas import DURATIONS
from casedesk.services.demo.budget_entries import Entries
from casedesk.services.demo.world import CasePlan, DemoWorld, StaffPlan, weekday_on_or_before
from casedesk.services.entry_common import money_text

if TYPE_CHECKING:
    from casedesk.services.demo.people import Pools

P_OVER = 0.055  # of the open cases far enough along, the share drawn over budget
P_NEAR = 0.10  # ... and near it (at 80-100%)
P_REVISED = 0.22
FIRST_REASONS = ("", "Initial estimate", "Estimate sent with the engagement letter",
                 "Budget agreed with the client at engagement")
# How heavy each phase's expenses are against its fees.
EXPENSE_WEIGHT = {"Investigation": 1.0, "Pleadings": 0.6, "Discovery": 2.5, "Motions": 0.3,
                  "Negotiation and settlement": 1.2, "Trial preparation": 2.5, "Trial": 1.2,
                  "Appeal": 1.0, "Planning and drafting": 0.5, "Hearings": 0.4,
                  "Signing and closing": 0.5, "General": 0.2}
BUDGET_AREAS_WITH_COURT = 0.92  # open cases before a court that have a budget
BUDGET_AREAS_OFFICE = 0.7
# Matters an attorney (with the paralegals) can carry over the demo's seven years at the sizes
# above: about 1,300 recorded hours a year each. A bigger demo staffs fewer attorneys per case
# (people.firm_and_staff), so its matters are smaller: the hours stay ones people could work.
CASES_PER_ATTORNEY = 170


@dataclass(slots=True)
class Phase:
    """One phase of a case: its budget (cents) and the stretch of the timeline it takes."""

    name: str
    share: int
    fees: int = 0
    expenses: int = 0
    hours_centi: int | None = None
    start: date = date.min
    end: date = date.min  # its last day
    done: float = 0.0  # how much of it lies before the case's last day (0 to 1)

    @property
    def total(self) -> int:
        return self.fees + self.expenses


@dataclass(slots=True)
class Matter:
    """What is decided for one case before its rows are written."""

    plan: CasePlan
    rng: random.Random
    key: str
    phases: list[Phase]
    last: date  # the last day work happens
    arrangement: FeeArrangement = FeeArrangement.HOURLY
    fixed_fee: int | None = None
    basis_points: int | None = None
    recovery: int | None = None
    planned_end: date | None = None
    budgeted: bool = False
    revised: tuple[str, float] | None = None  # the phase that grew, and by how much
    quarterly: bool = False
    factors: dict[str, float] = field(default_factory=dict)


def _area_key(plan: CasePlan, table: Container[str]) -> str:
    """The area's entry in a table; its "<area>/court" one for a case before a court."""
    court_key = f"{plan.area}/court"
    return court_key if plan.court is not None and court_key in table else plan.area


def _round(cents: int, step: int) -> int:
    return max(step, round(cents / step) * step)


class Budgets:
    """Decides each case's budget and spending, and writes the rows."""

    def __init__(self, world: DemoWorld) -> None:
        self.world = world
        self.currency = str(world.firm.get("currency") or "USD")
        self.attorneys = [s for s in world.staff if s.role == "attorney" and s.active]
        self.entries = Entries(world)
        self.capacity = min(1.0, len(self.attorneys) * CASES_PER_ATTORNEY
                            / max(1, world.case_count))

    def case(self, plan: CasePlan) -> None:
        """One case's budget (if it has one), time entries, expenses and billing."""
        if plan.declined:
            return
        rng = random.Random(f"casedesk-demo:{self.world.seed}:budgets:{plan.id}")
        matter = self._matter(plan, rng)
        if plan.status is CaseStatus.INTAKE:
            self.entries.consultation(matter)
            return
        self._timeline(matter)
        self._size(matter)
        target = self._target(matter)
        if matter.budgeted:
            self._write_budget(matter)
        self.entries.write(matter, target, self._helper(plan, rng))

    # -- deciding -------------------------------------------------------------------------------
    def _matter(self, plan: CasePlan, rng: random.Random) -> Matter:
        key = _area_key(plan, bt.PHASES)
        phases = [Phase(name, share) for name, share in bt.PHASES[key]]
        matter = Matter(plan=plan, rng=rng, key=key, phases=phases,
                        last=plan.last_day(self.world.last_day))
        fixed = bt.FIXED_FEES.get(plan.area)
        if fixed is not None and rng.random() < fixed[2]:
            matter.arrangement = FeeArrangement.FIXED_FEE
            low, high, _share = fixed
            matter.fixed_fee = _round(int(rng.uniform(low, high) * 100), 25_000 if high > 5_000
                                      else 5_000)
        elif plan.area == "Personal injury" and rng.random() < 0.9:
            matter.arrangement = FeeArrangement.CONTINGENCY
            matter.basis_points = 4000 if rng.random() < 0.2 else 3333
            matter.recovery = _round(int(60_000 * rng.lognormvariate(0.9, 0.8)) * 100,
                                     500_000)
            matter.recovery = min(matter.recovery, 500_000_000)
        share = BUDGET_AREAS_WITH_COURT if plan.court is not None else BUDGET_AREAS_OFFICE
        if matter.arrangement is not FeeArrangement.HOURLY:
            share = 1.0  # fixed-fee and contingency matters always budget their cost
        if plan.status is CaseStatus.CLOSED:
            share *= 0.7
        matter.budgeted = plan.status is not CaseStatus.INTAKE and rng.random() < share
        matter.quarterly = rng.random() < 0.1
        return matter

    def _timeline(self, m: Matter) -> None:
        """Lay the phases along the case's life (its expected life, for an open case)."""
        plan, rng = m.plan, m.rng
        phases = m.phases
        low, high = DURATIONS[plan.area]
        elapsed = (m.last - plan.opened_on).days + 1
        if plan.closed_on is not None:
            worked = len(phases)
            names = [p.name for p in phases]
            if "Trial" in names and rng.random() < 0.7:  # most cases settle before trial
                stop = "Negotiation and settlement" if "Negotiation and settlement" in names \
                    else "Trial preparation"
                worked = names.index(stop) + 1 if stop in names else worked
            span = max(1, elapsed)
            used = phases[:worked]
            m.planned_end = plan.opened_on + timedelta(days=int(span * rng.uniform(0.85, 1.2)))
        else:
            typical = rng.randint(low, high)
            progress = elapsed / typical
            if progress >= 0.95:
                progress = rng.uniform(0.6, 0.95)  # running longer than most: nearly done
            span = max(elapsed + 14, int(elapsed / max(progress, 0.02)))
            used = phases
            m.planned_end = plan.opened_on + timedelta(days=span)
        total = sum(p.share for p in used)
        start = plan.opened_on
        running = 0
        for phase in used:
            running += phase.share
            end = plan.opened_on + timedelta(days=max(0, span * running // total - 1))
            phase.start, phase.end = start, max(start, end)
            days = (phase.end - phase.start).days + 1
            before = (min(m.last, phase.end) - phase.start).days + 1
            phase.done = 1.0 if plan.closed_on is not None else max(0.0, min(1.0,
                                                                              before / days))
            start = phase.end + timedelta(days=1)

    def _size(self, m: Matter) -> None:
        """The budget of each phase (the current revision's): fees and expenses."""
        rng = m.rng
        size = min(3.2, max(0.35, rng.lognormvariate(0, 0.45))) * self.capacity
        fees = bt.FEES[_area_key(m.plan, bt.FEES)] * size * 100
        if m.fixed_fee is not None:
            fees = m.fixed_fee * rng.uniform(0.7, 1.05)
        expenses = fees * bt.EXPENSE_SHARE[m.plan.area] * rng.uniform(0.7, 1.3)
        share_total = sum(p.share for p in m.phases)
        weights = [p.share * EXPENSE_WEIGHT[p.name] for p in m.phases]
        weight_total = sum(weights)
        step = 10_000 if fees < 2_000_000 else 50_000
        rate = self._blended_rate(m.plan)
        for phase, weight in zip(m.phases, weights, strict=True):
            phase.fees = _round(int(fees * phase.share / share_total), step)
            amount = int(expenses * weight / weight_total)
            phase.expenses = _round(amount, 5_000) if amount >= 7_500 else 0
            hours = phase.fees / rate
            phase.hours_centi = round(hours * 2) * 50 if hours >= 1 else None

    def _blended_rate(self, plan: CasePlan) -> float:
        rates = [s.rate_cents or 0 for s in plan.team if s.role in ("attorney", "paralegal")]
        lead = plan.responsible.rate_cents or 30_000
        return max(10_000.0, 0.65 * lead + 0.35 * (min(rates) if rates else lead))

    def _target(self, m: Matter) -> dict[str, float]:
        """How much of each phase's budget is used by the last day (a factor per phase)."""
        rng, phases = m.rng, m.phases
        total = sum(p.total for p in phases)
        expected = sum(p.total * p.done for p in phases) / total if total else 0.0
        roll = rng.random()
        if m.plan.closed_on is not None:
            ratio = expected * rng.uniform(0.75, 1.12)
        elif m.budgeted and roll < P_OVER and expected >= 0.45:
            ratio = rng.uniform(1.04, 1.30)
        elif m.budgeted and roll < P_OVER + P_NEAR and expected >= 0.4:
            ratio = rng.uniform(0.83, 0.96)
        else:
            ratio = min(expected * rng.uniform(0.7, 1.0), 0.74 * rng.uniform(0.85, 1.0))
        jitter = {p.name: rng.uniform(0.85, 1.15) for p in phases}
        planned = sum(p.total * p.done * jitter[p.name] for p in phases)
        scale = ratio * total / planned if planned else 0.0
        m.factors = {name: value * scale for name, value in jitter.items()}
        if m.budgeted and rng.random() < P_REVISED:
            self._choose_revision(m)
        return m.factors

    def _choose_revision(self, m: Matter) -> None:
        grown = [p for p in m.phases if p.name in bt.REVISION_REASONS and p.done > 0
                 and p.start > m.plan.opened_on + timedelta(days=20)]
        if grown:
            phase = m.rng.choice(grown)
            m.revised = (phase.name, m.rng.uniform(1.25, 1.7))

    def _helper(self, plan: CasePlan, rng: random.Random) -> StaffPlan | None:
        """A second attorney who helps on bigger litigation (sometimes)."""
        others = [s for s in self.attorneys if s.id != plan.responsible.id]
        if plan.court is None or not others or rng.random() >= 0.35:
            return None
        return rng.choice(others)

    # -- writing the budget ---------------------------------------------------------------------
    def _write_budget(self, m: Matter) -> None:
        world, rng, plan = self.world, m.rng, m.plan
        set_day = min(m.last, weekday_on_or_before(plan.opened_on + timedelta(
            days=rng.randint(1, 12))))
        set_at = max(world.office_time(rng, set_day), plan.opened_at + timedelta(hours=1))
        lines = [(p.name, "fees", p.fees, p.hours_centi) for p in m.phases] + [
            (p.name, "expenses", p.expenses, None) for p in m.phases if p.expenses]
        first_lines = lines
        revised_at = None
        if m.revised is not None:
            name, growth = m.revised
            phase = next(p for p in m.phases if p.name == name)
            day = min(m.last, weekday_on_or_before(phase.start + timedelta(
                days=rng.randint(5, 25))))
            if day > set_day:
                revised_at = world.office_time(rng, day)
        if m.revised is not None and revised_at is not None:
            name, growth = m.revised
            first_lines = [(n, kind, _round(int(cents / growth), 10_000) if n == name else
                            cents, (int(hours / growth) // 50 * 50 or None) if hours and
                            n == name else hours) for n, kind, cents, hours in lines]
        first = self._revision(m, 1, first_lines, set_at, revised_at,
                               rng.choice(FIRST_REASONS), None)
        if m.revised is not None and revised_at is not None:
            reason = rng.choice(bt.REVISION_REASONS[m.revised[0]])
            self._revision(m, 2, lines, revised_at, None, reason, first)

    def _revision(self, m: Matter, number: int, lines: list[tuple[str, str, int, int | None]],
                  at: datetime, replaced_at: datetime | None, reason: str,
                  previous: int | None) -> int:
        """One revision's row, its lines and its history line; returns its total (cents)."""
        world, plan = self.world, m.plan
        row = world.record(
            Budget.__tablename__, m.rng, at=at, updated_at=replaced_at or at,
            case_id=plan.id, revision=number, is_current=replaced_at is None,
            fee_arrangement=m.arrangement.value, fixed_fee_cents=m.fixed_fee,
            contingency_basis_points=m.basis_points, expected_recovery_cents=m.recovery,
            planned_end_on=m.planned_end, reason=reason, staff_id=plan.responsible.id)
        if replaced_at is not None:
            row["version"] = 2  # no longer current once revised
        for position, (phase, kind, cents, hours) in enumerate(lines):
            world.add(BudgetLine.__tablename__, {
                "budget_id": row["id"], "position": position, "phase": phase, "kind": kind,
                "amount_cents": cents, "hours_centi": hours})
        fees = sum(c for _p, k, c, _h in lines if k == "fees")
        total = sum(c for _p, _k, c, _h in lines)
        figures = (f"{self.currency} {money_text(from_cents(total))} (fees "
                   f"{money_text(from_cents(fees))}, expenses "
                   f"{money_text(from_cents(total - fees))})")
        if m.arrangement is FeeArrangement.FIXED_FEE:
            figures += f"; fixed fee {money_text(from_cents(m.fixed_fee))}"
        elif m.arrangement is FeeArrangement.CONTINGENCY:
            figures += f"; contingency {from_cents(m.basis_points)}%"
        if previous is None:
            text = f"Budget set: {figures}"
        else:
            text = (f"Budget revised (revision {number}): {self.currency} "
                    f"{money_text(from_cents(previous))} → {figures}")
        world.log(m.rng, case_id=plan.id, at=at, staff_id=plan.responsible.id,
                  action="budget_set" if previous is None else "budget_revised",
                  summary=f"{text}. Reason: {reason}" if reason else text)
        return total


def party_values(world: DemoWorld, plan: CasePlan) -> dict[str, str]:
    """What the descriptions' placeholders stand for on this case (no random draws)."""
    def first(role: PartyRole, default: str, *, short: bool = False) -> str:
        found = plan.with_role(role)
        return (found[0].short if short else found[0].name) if found else default

    judges = [c.person.last for c in plan.with_role(PartyRole.JUDGE) if c.person is not None]
    client = plan.with_role(PartyRole.CLIENT)
    person = client[0].person if client else None
    return {"client": person.full if person else first(PartyRole.CLIENT, "the client",
                                                       short=True),
            "opp": first(PartyRole.OPPOSING_PARTY, "the other side", short=True),
            "counsel": first(PartyRole.OPPOSING_COUNSEL, "opposing counsel"),
            "judge": f"Judge {judges[0]}" if judges else "the court",
            "witness": first(PartyRole.WITNESS, "a witness"),
            "expert": first(PartyRole.EXPERT, "our expert"),
            "court": plan.court.name if plan.court is not None else "county court",
            "city": world.region.city, "day_number": "1"}


def generate_budgets(world: DemoWorld, _pools: Pools) -> None:
    """Budgets, time entries and expenses for every case (not those declined at intake)."""
    budgets = Budgets(world)
    for plan in world.cases:
        budgets.case(plan)
        world.checkpoint()

