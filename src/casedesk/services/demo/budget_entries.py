"""The demo's time entries and expenses of one case, and their billing (see budgets.py).

A phase's expenses come first (each kind at amounts its vendors charge, the last one held to
what is left); then the time, whose last entry is trimmed so the phase's fees plus expenses
come to exactly what was drawn for it. Rates are each person's rate of the year the work was
done (4% lower a year back). Billable work is billed at each month's end (some clients each
quarter's), once the invoice run has happened; a closed case's last work on its closing day.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from casedesk.domain.enums import FeeArrangement
from casedesk.domain.models import Expense, TimeEntry
from casedesk.domain.money import cents_sum, time_amount_cents
from casedesk.services.demo import budget_texts as bt
from casedesk.services.demo.world import DemoWorld, StaffPlan
from casedesk.services.entry_common import money_text

if TYPE_CHECKING:
    from casedesk.services.demo.budgets import Matter, Phase

BILLING_LAG = 6  # days after a month's end before its invoices go out
RATE_GROWTH = 1.04  # rates rise each January
MAX_ENTRIES = 4_000  # of one case (a guard; big cases make a few hundred)
# Hours of one entry (hundredths), by what kind of work it is.
_DESK = (10, 20, 30, 40, 50, 60, 80, 100, 120, 150, 180, 200, 250, 300, 350, 420)
_DESK_WEIGHTS = tuple(accumulate((6, 9, 10, 8, 11, 7, 8, 10, 6, 8, 4, 5, 3, 3, 1, 1)))
_COURT = (100, 150, 200, 250, 300, 400, 450, 600, 700)
_COURT_WEIGHTS = tuple(accumulate((10, 14, 14, 10, 10, 8, 6, 4, 3)))
_TRIAL = (620, 700, 750, 800, 850, 920)
_TRAVEL = (30, 50, 60, 80, 100, 150, 200)


def period_end(day: date, *, quarterly: bool) -> date:
    """The last day of the day's month (or quarter): when its work is invoiced."""
    month = ((day.month - 1) // 3) * 3 + 3 if quarterly else day.month
    first_next = date(day.year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class Entries:
    """Writes the time entries and expenses of each case into the demo world."""

    def __init__(self, world: DemoWorld) -> None:
        self.world = world
        self._rates: dict[tuple[Any, int], int] = {}

    def rate(self, staff: StaffPlan, year: int) -> int:
        """The person's hourly rate in cents in `year` (rounded to five dollars)."""
        key = (staff.id, year)
        found = self._rates.get(key)
        if found is None:
            today = staff.rate_cents or 0
            years = max(0, self.world.today.year - year)
            found = self._rates[key] = max(500, round(today / RATE_GROWTH ** years / 500)
                                           * 500)
        return found

    # -- one case -------------------------------------------------------------------------------
    def consultation(self, m: Matter) -> None:
        """A matter still at intake: the first meeting or two, not billed (yet)."""
        from casedesk.services.demo.budgets import party_values

        plan, rng = m.plan, m.rng
        values = party_values(self.world, plan)
        for _ in range(rng.randint(1, 2)):
            day = self._day(rng, plan.opened_on, m.last)
            self._time_row(m, plan.responsible, day, rng.choice((50, 80, 100, 120, 150)),
                           "Investigation", "Communicate with client",
                           rng.choice(("Initial consultation with {client}",
                                       "Intake call with {client} re: facts and timing",
                                       "Conflict check and engagement terms")).format_map(
                               values), billable=rng.random() < 0.5)

    def write(self, m: Matter, factors: dict[str, float], helper: StaffPlan | None) -> None:
        """Every phase's expenses and time, then the billing."""
        from casedesk.services.demo.budgets import party_values

        values = party_values(self.world, m.plan)
        team = {"a": [m.plan.responsible, *([helper] if helper else [])],
                "p": [s for s in m.plan.team if s.role == "paralegal"],
                "s": [s for s in m.plan.team if s.role == "assistant"]}
        used: set[Any] = set()
        times: list[dict[str, Any]] = []
        costs: list[dict[str, Any]] = []
        for phase in m.phases:
            if phase.done <= 0 or phase.start > m.last:
                continue
            factor = factors.get(phase.name, 0.0)
            end = min(phase.end, m.last)
            wanted = round(phase.expenses * phase.done * factor)
            spent = self._expenses(m, phase, wanted, end, values, used, costs)
            fees = round(phase.fees * phase.done * factor) + wanted - spent
            self._time(m, phase, fees, end, values, team, times)
        self._bill(m, times, costs)

    def _day(self, rng: random.Random, start: date, end: date) -> date:
        """A day between start and end; a weekend day moves to a weekday of its week (unless
        that falls before the start: some work is done on weekends)."""
        day = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
        if day.weekday() >= 5:
            day -= timedelta(days=day.weekday() - rng.randint(0, 4))
        return max(start, day)

    def _moment(self, rng: random.Random, day: date) -> datetime:
        return self.world.local_time(day, 9 * 60 + int(rng.random() * 560))

    def _time(self, m: Matter, phase: Phase, target: int, end: date, values: dict[str, str],
              team: dict[str, list[StaffPlan]], rows: list[dict[str, Any]]) -> None:
        rng = m.rng
        work = [w for w in bt.WORK[phase.name] if any(team[r] for r in w[1])]
        if not work or target <= 0:
            return
        billable = m.arrangement is FeeArrangement.HOURLY
        spent, trial_day = 0, 0
        for _ in range(MAX_ENTRIES):
            activity, who, text = rng.choice(work)
            people = [s for r in who for s in team[r]]
            staff = people[0] if len(people) == 1 or rng.random() < 0.7 else rng.choice(people)
            day = self._day(rng, phase.start, end)
            rate = self.rate(staff, day.year)
            if "{day_number}" in text:
                trial_day += 1
                hours = rng.choice(_TRIAL)
            elif activity == "Appear or attend":
                hours = rng.choices(_COURT, cum_weights=_COURT_WEIGHTS)[0]
            elif activity == "Travel":
                hours = rng.choice(_TRAVEL)
            else:
                hours = rng.choices(_DESK, cum_weights=_DESK_WEIGHTS)[0]
            amount = time_amount_cents(hours, rate)
            if spent + amount > target:  # the last one: what is left, in tenths of an hour
                hours = (target - spent) * 10 // rate * 10
                if hours < 10:
                    return
                amount = time_amount_cents(hours, rate)
            description = text.format_map({**values, "day_number": str(trial_day)}) \
                if "{" in text else text
            rows.append(self._time_row(m, staff, day, hours, phase.name, activity,
                                       description, billable=billable and (
                                           who != "s" and rng.random() > 0.04), rate=rate,
                                       amount=amount))
            spent += amount
            if spent >= target:
                return

    def _time_row(self, m: Matter, staff: StaffPlan, day: date, hours: int, phase: str,
                  activity: str, description: str, *, billable: bool, rate: int | None = None,
                  amount: int | None = None) -> dict[str, Any]:
        rate = self.rate(staff, day.year) if rate is None else rate
        return self.world.record(
            TimeEntry.__tablename__, m.rng, at=self._moment(m.rng, day), case_id=m.plan.id,
            staff_id=staff.id, worked_on=day, hours_centi=hours, rate_cents=rate,
            amount_cents=time_amount_cents(hours, rate) if amount is None else amount,
            phase=phase, activity=activity, description=description, billable=billable,
            billed_on=None)

    def _expenses(self, m: Matter, phase: Phase, target: int, end: date,
                  values: dict[str, str], used: set[Any], rows: list[dict[str, Any]]) -> int:
        rng = m.rng
        kinds = bt.AREA_COSTS.get((m.plan.area, phase.name)) or bt.PHASE_COSTS[phase.name]
        papers = self.world.papers.get(m.plan.id, [])
        spent = 0
        for attempt in range(40):
            if target - spent < 1_000:
                break
            cost = bt.COSTS[kinds[0] if attempt == 0 else rng.choice(kinds)]
            amount = int(rng.uniform(cost.low, cost.high)) // cost.round_to * cost.round_to
            left = target - spent
            if amount > left:
                if left < cost.low:
                    continue
                amount = left // cost.round_to * cost.round_to
            day = self._day(rng, phase.start, end)
            receipt = next((doc_id for doc_id, title, on in papers if doc_id not in used
                            and on <= day and any(w in title for w in cost.receipt)), None)
            if receipt is not None:
                used.add(receipt)
            who = rng.choice((m.plan.responsible, *m.plan.team[1:2], None))
            rows.append(self.world.record(
                Expense.__tablename__, rng, at=self._moment(rng, day), case_id=m.plan.id,
                spent_on=day, category=cost.category,
                vendor=rng.choice(cost.vendors).format_map(values), amount_cents=amount,
                phase=phase.name, description=rng.choice(cost.descriptions).format_map(values),
                billable=True, billed_on=None, receipt_document_id=receipt,
                staff_id=who.id if who is not None else None))
            spent += amount
        return spent

    # -- billing --------------------------------------------------------------------------------
    def _bill(self, m: Matter, times: list[dict[str, Any]],
              costs: list[dict[str, Any]]) -> None:
        """Mark what was invoiced, as billing.mark_billed does, with its history lines."""
        plan, world = m.plan, self.world
        closed = plan.closed_on
        runs: dict[date, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = defaultdict(
            lambda: ([], []))
        for kind, rows in ((0, times), (1, costs)):
            for row in rows:
                if not row["billable"]:
                    continue
                day = row["worked_on" if kind == 0 else "spent_on"]
                if m.arrangement is FeeArrangement.CONTINGENCY:
                    billed = closed  # costs come back out of the recovery
                else:
                    billed = period_end(day, quarterly=m.quarterly)
                    if closed is not None and billed >= closed:
                        billed = closed
                    elif billed + timedelta(days=BILLING_LAG) > world.last_day:
                        billed = None
                if billed is not None:
                    runs[billed][kind].append(row)
        for billed, (billed_times, billed_costs) in sorted(runs.items()):
            at = world.local_time(billed, 17 * 60 + 30)
            for row in (*billed_times, *billed_costs):
                row["billed_on"], row["version"], row["updated_at"] = billed, 2, at
            parts = []
            if billed_times:
                parts.append(f"{_count(len(billed_times), 'time entry', 'time entries')} "
                             f"({money_text(cents_sum(r['amount_cents'] for r in billed_times))})")
            if billed_costs:
                parts.append(f"{_count(len(billed_costs), 'expense', 'expenses')} "
                             f"({money_text(cents_sum(r['amount_cents'] for r in billed_costs))})")
            world.log(m.rng, case_id=plan.id, at=at, action="entries_billed",
                      summary=f"Billed on {billed.isoformat()}: " + " and ".join(parts),
                      staff_id=None)
