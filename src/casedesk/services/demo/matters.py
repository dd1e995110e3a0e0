"""Demo cases: when each opened, its status and number, its parties and its conflict check,
written as the rows (and activity history) the case, party and conflict services would write."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from casedesk.domain.enums import CaseStatus, ConflictDecision, PartyRole
from casedesk.domain.models import Case, ConflictCheck, Party
from casedesk.domain.names import similarity
from casedesk.domain.rows import ConflictHit
from casedesk.services.cases import list_columns
from casedesk.services.conflicts import hit_snapshot
from casedesk.services.demo.areas import (
    AREA_CODES,
    AREA_WEIGHTS,
    BUILDERS,
    DURATIONS,
    AreaContext,
    Matter,
    distant_courts,
)
from casedesk.services.demo.case_people import Casting, Relation
from casedesk.services.demo.people import Pools
from casedesk.services.demo.places import Court
from casedesk.services.demo.world import (
    CasePlan,
    ContactRef,
    DemoWorld,
    PartyPlan,
    StaffPlan,
    new_id,
    weekday_on_or_after,
    weekday_on_or_before,
)

SPAN_DAYS = 7 * 365  # cases opened over the seven years before the reference date
# (age in days below which, share of cases closed by now)
_CLOSED_SHARE = ((60, 0.0), (365, 0.06), (730, 0.2), (1460, 0.4), (10**6, 0.75))


def _closed_share(age: int) -> float:
    return next(share for limit, share in _CLOSED_SHARE if age < limit)


def skeletons(world: DemoWorld) -> list[CasePlan]:
    """Every case's area, dates, status and staff, oldest first.

    More cases opened recently (the practice grew); older ones are mostly closed. Every random
    draw happens for every case, so one case's branch never shifts the next case's draws.
    """
    rng = world.stream("cases")
    areas, weights = list(AREA_WEIGHTS), list(AREA_WEIGHTS.values())
    attorneys = [s for s in world.staff if s.role == "attorney" and s.active]
    former = [s for s in world.staff if s.role == "attorney" and not s.active]
    paralegals = [s for s in world.staff if s.role == "paralegal"]
    assistants = [s for s in world.staff if s.role == "assistant"]
    plans: list[CasePlan] = []
    for _ in range(world.case_count):
        case_id = new_id(rng)
        area = rng.choices(areas, weights)[0]
        days_ago = 1 + int((SPAN_DAYS - 1) * (1 - math.sqrt(rng.random())))
        close_roll, status_roll, fraction = rng.random(), rng.random(), rng.random()
        low, high = DURATIONS[area]
        duration = rng.randint(low, high)
        minute = rng.randint(8 * 60 + 30, 15 * 60)
        lead, former_roll = rng.choice(attorneys), rng.random()
        paralegal, para_roll = rng.choice(paralegals), rng.random()
        assistant, asst_roll = rng.choice(assistants), rng.random()

        opened = weekday_on_or_before(world.today - timedelta(days=days_ago))
        age = (world.today - opened).days
        closed_on = pending_on = None
        # Short matters (an estate plan, a closing) rarely stay open long past their usual span.
        share = max(_closed_share(age), 0.85 if age > 2 * high else 0.0)
        if close_roll < share:
            status = CaseStatus.CLOSED
            days = duration if duration < age else int((age - 1) * (0.5 + 0.5 * fraction))
            closed_on = max(opened, weekday_on_or_before(opened + timedelta(days=days)))
        elif age < 60 and status_roll < 0.65:
            status = CaseStatus.INTAKE
        elif status_roll > 0.72 and age > 30:
            status = CaseStatus.PENDING
            pending_on = weekday_on_or_before(
                opened + timedelta(days=max(14, int(age * (0.3 + 0.6 * fraction)))))
            pending_on = min(max(opened + timedelta(days=1), pending_on), world.last_day)
        else:
            status = CaseStatus.OPEN
        if status is CaseStatus.CLOSED and former and age > 3 * 365 and former_roll < 0.3:
            lead = former[0]
        team = [lead]
        if para_roll < 0.8:
            team.append(paralegal)
        if asst_roll < 0.3:
            team.append(assistant)
        plans.append(CasePlan(id=case_id, area=area, opened_on=opened, status=status,
                              closed_on=closed_on, pending_on=pending_on, responsible=lead,
                              team=team, opened_at=world.local_time(opened, minute)))
    plans.sort(key=lambda p: p.opened_at)
    _number(plans)
    return plans


def _number(plans: list[CasePlan]) -> None:
    """YYYY-CC-NNNN, counted per year and area code in the order the cases opened."""
    counters: dict[tuple[int, str], int] = defaultdict(int)
    for plan in plans:
        key = (plan.opened_on.year, AREA_CODES[plan.area])
        counters[key] += 1
        plan.number = f"{key[0]}-{key[1]}-{counters[key]:04d}"


def docket_number(court: Court, kind: str, opened: date, rng: random.Random) -> str:
    """A docket number in the court's own format for the case's year."""
    template = court.dockets.get(kind) or next(iter(court.dockets.values()))
    serial = rng.randrange(10**7)
    return template.format(yyyy=opened.year, yy=f"{opened.year % 100:02d}",
                           office=rng.choice(court.offices), n4=serial % 10**4,
                           n5=serial % 10**5, n6=serial % 10**6, n7=serial,
                           a_number=f"2{serial // 10**4 % 100:02d}-{serial // 10 % 1000:03d}-"
                                    f"{rng.randrange(1000):03d}")


class CaseBuilder:
    """Turns each skeleton into a case with parties, a conflict check and their history."""

    def __init__(self, world: DemoWorld, pools: Pools) -> None:
        self.world = world
        self.pools = pools
        self.rng = world.stream("parties")
        self.distant = distant_courts(world.region)
        self.cast = Casting(world, self.rng)
        # Which cases get a planted look-alike, waiver or declined conflict: spread over all
        # but the first quarter (they need earlier clients to resemble or be adverse to).
        n = world.case_count
        later = range(n // 4, n)
        wanted = {"duplicates": max(2, n // 60) if n >= 8 else 0,
                  "waivers": max(1, n // 150) if n >= 20 else 0, "declines": n // 250}
        self.plants = {kind: set(self.rng.sample(later, min(count, len(later))))
                       for kind, count in wanted.items()}

    def later(self, plan: CasePlan) -> datetime:
        """An office moment some time after the case opened (and before it closed)."""
        end = plan.last_day(self.world.last_day)
        span = max(0, (end - plan.opened_on).days)
        day = weekday_on_or_before(plan.opened_on + timedelta(days=self.rng.randint(0, span)))
        moment = self.world.office_time(self.rng, max(day, plan.opened_on))
        return max(moment, plan.opened_at + timedelta(minutes=30))

    def build(self, plan: CasePlan, index: int) -> None:
        """Write one case: its parties, conflict check, status history and the case row."""
        rng, world, at = self.rng, self.world, plan.opened_at
        cast = self.cast
        cast.pending_duplicates += index in self.plants["duplicates"]
        cast.pending_waivers += index in self.plants["waivers"]
        cast.pending_declines += index in self.plants["declines"]
        cast.start_case()
        matter = BUILDERS[plan.area](AreaContext(cast, self.pools, world.region, rng, at,
                                                 self.distant))
        relations = list(cast.relations)
        if any(r.kind == "declined" for r in relations):
            plan.declined, plan.status, plan.pending_on = True, CaseStatus.CLOSED, None
            closing = weekday_on_or_after(plan.opened_on + timedelta(days=rng.randint(1, 3)))
            plan.closed_on = max(plan.opened_on, min(closing, world.last_day))
        plan.title, plan.description, plan.court = matter.title, matter.description, matter.court
        timed = self._parties(plan, matter)
        clients = sorted(p.contact.name for p in plan.parties if p.role is PartyRole.CLIENT)
        court_name = plan.court.name if plan.court else ""
        client_names, search_text = list_columns(
            number=plan.number, title=plan.title, client_names=clients,
            docket_number=plan.docket_number, court=court_name, judge=plan.judge,
            practice_area=plan.area)
        staff_id = plan.responsible.id
        world.log(rng, case_id=plan.id, at=at, action="case_opened",
                  summary=f"Case {plan.number} opened", staff_id=staff_id)
        for party, when in timed:
            world.record(Party.__tablename__, rng, at=when, case_id=plan.id,
                         contact_id=party.contact.id, role=party.role.value,
                         represented_by_id=party.represented_by.id if party.represented_by
                         else None)
            world.log(rng, case_id=plan.id, at=when, action="party_added",
                      summary=f"{party.contact.name} added as "
                              f"{party.role.value.replace('_', ' ')}", staff_id=staff_id)
        self._conflict_check(plan, matter, relations)  # sees the earlier cases only
        for party in plan.parties:
            world.roles_of.setdefault(party.contact.id, []).append((plan, party.role))
        updated = self._status_history(plan)
        world.record(Case.__tablename__, rng, at=at, updated_at=updated, id=plan.id,
                     number=plan.number, title=plan.title, practice_area=plan.area,
                     status=plan.status.value, court=court_name,
                     court_time_zone=plan.court.time_zone if plan.court else "",
                     judge=plan.judge, docket_number=plan.docket_number,
                     opened_on=plan.opened_on, closed_on=plan.closed_on,
                     responsible_staff_id=staff_id, description=plan.description,
                     client_names=client_names, search_text=search_text)
        cast.finish_case([p.contact for p in plan.parties if p.role is PartyRole.CLIENT],
                         plan.closed_on)

    def _parties(self, plan: CasePlan, matter: Matter) -> list[tuple[PartyPlan, datetime]]:
        rng, at = self.rng, plan.opened_at
        first: list[PartyPlan] = [PartyPlan(c, PartyRole.CLIENT) for c in matter.clients]
        first += [PartyPlan(o, PartyRole.OPPOSING_PARTY, matter.counsel)
                  for o in matter.opponents]
        if matter.counsel is not None:
            first.append(PartyPlan(matter.counsel, PartyRole.OPPOSING_COUNSEL))
        first += [PartyPlan(c, role) for c, role in matter.others]
        timed = [(p, at + timedelta(minutes=2 + i)) for i, p in enumerate(first)]
        if plan.court is not None:
            plan.docket_number = docket_number(plan.court, matter.docket_kind, plan.opened_on,
                                               rng)
            judge_at = self.later(plan)
            judge = self.cast.existing(self.pools.judge(plan.court, rng, judge_at))
            plan.judge = judge.name
            timed.append((PartyPlan(judge, PartyRole.JUDGE), judge_at))
            if rng.random() < 0.25:
                clerk = self.pools.clerk(plan.court, rng, judge_at)
                if clerk.id not in self.cast.in_case:
                    timed.append((PartyPlan(self.cast.existing(clerk), PartyRole.COURT_CLERK),
                                  judge_at + timedelta(minutes=5)))
            if rng.random() < 0.08:
                helper_at = self.later(plan)
                co = self.pools.co_counsel.pick(rng, helper_at)
                if co.id not in self.cast.in_case:
                    timed.append((PartyPlan(self.cast.existing(co), PartyRole.CO_COUNSEL),
                                  helper_at))
        for _ in range(matter.witnesses):
            when = self.later(plan)
            timed.append((PartyPlan(self.cast.witness(when), PartyRole.WITNESS), when))
        if rng.random() < matter.expert_share:
            when = self.later(plan)
            expert = self.pools.experts.pick(rng, when)
            if expert.id not in self.cast.in_case:
                timed.append((PartyPlan(self.cast.existing(expert), PartyRole.EXPERT), when))
        timed.sort(key=lambda item: item[1])
        plan.parties = [p for p, _when in timed]
        return timed

    def _conflict_check(self, plan: CasePlan, matter: Matter, relations: list[Relation]) -> None:
        rng = self.rng
        roll = rng.random()
        if not relations and roll >= (0.5 if plan.status is CaseStatus.INTAKE else 0.93):
            return
        searched = list(dict.fromkeys(c.name for c in [*matter.clients, *matter.opponents]))
        hits: list[ConflictHit] = []
        notes: list[str] = []
        decision = ConflictDecision.CLEAR
        for relation in relations:
            query = relation.new.name if relation.new else relation.existing.name
            hits += self._hits(relation.existing, query)
            earlier = self._earlier_number(relation.existing)
            name = relation.existing.name
            if relation.kind == "declined":
                decision = ConflictDecision.CONFLICT
                notes.append(f"{name} is a current client in {earlier}; directly adverse. "
                             "Representation declined and a non-engagement letter sent.")
            elif relation.kind == "waived":
                if decision is not ConflictDecision.CONFLICT:
                    decision = ConflictDecision.WAIVED
                notes.append(f"{name} is a current client in {earlier}; the matters are "
                             "unrelated. Both clients gave informed consent in writing on "
                             f"{plan.opened_on:%B} {plan.opened_on.day}, "
                             f"{plan.opened_on.year}.")
            elif relation.kind == "near_duplicate":
                notes.append(f"Possible match {name} ({earlier}) is the same person as our "
                             "client, entered twice; no adverse interest. Merge the duplicate "
                             "contacts.")
            else:
                notes.append("Returning client; the hits are the client's own earlier matters.")
        if not relations and rng.random() < 0.4:
            notes.append("No matches on the client or the adverse parties.")
        hits.sort(key=lambda h: (-h.score, h.name, h.case_number))
        check_at = plan.opened_at + timedelta(minutes=rng.randint(20, 90))
        staff: StaffPlan = plan.responsible
        self.world.record(ConflictCheck.__tablename__, rng, at=check_at, case_id=plan.id,
                          searched_names=searched, hits=[hit_snapshot(h) for h in hits],
                          decision=decision.value, decided_by_staff_id=staff.id,
                          note=" ".join(notes))
        self.world.log(rng, case_id=plan.id, at=check_at, action="conflict_check",
                       summary=f"Conflict check ({len(hits)} hits): {decision.value}",
                       staff_id=staff.id)

    def _hits(self, contact: ContactRef, query: str) -> list[ConflictHit]:
        score = similarity(query, contact.name)
        return [ConflictHit(contact_id=contact.id, name=contact.name, matched_name=contact.name,
                            score=score, role=role, case_id=case.id, case_number=case.number,
                            case_title=case.title, case_status=case.status)
                for case, role in self.world.roles_of.get(contact.id, [])]

    def _earlier_number(self, contact: ContactRef) -> str:
        roles = self.world.roles_of.get(contact.id, [])
        return roles[-1][0].number if roles else "an earlier matter"

    def _status_history(self, plan: CasePlan) -> datetime:
        """Log the status changes update_case/close_case would have logged; the last time."""
        rng, world, staff_id = self.rng, self.world, plan.responsible.id
        last = plan.opened_at
        if plan.status is not CaseStatus.INTAKE and not plan.declined:
            day = weekday_on_or_after(plan.opened_on + timedelta(days=rng.randint(0, 4)))
            day = min(day, plan.pending_on or plan.last_day(world.last_day))
            last = max(world.office_time(rng, day), plan.opened_at + timedelta(hours=2))
            self._status_change(plan, last, "intake", "open")
        if plan.pending_on is not None:
            last = max(world.office_time(rng, plan.pending_on), last + timedelta(minutes=5))
            self._status_change(plan, last, "open", "pending")
        if plan.closed_on is not None:
            closed_at = world.local_time(plan.closed_on, 16 * 60 + rng.randint(30, 119))
            last = max(closed_at, last + timedelta(minutes=5))
            world.log(rng, case_id=plan.id, at=last, action="case_closed",
                      summary=f"Case closed on {plan.closed_on.isoformat()}", staff_id=staff_id)
        return last

    def _status_change(self, plan: CasePlan, at: datetime, old: str, new: str) -> None:
        staff_id = plan.responsible.id
        self.world.log(self.rng, case_id=plan.id, at=at, action="status_changed",
                       summary=f"Status {old} → {new}", staff_id=staff_id)
        self.world.log(self.rng, case_id=plan.id, at=at, action="case_edited",
                       summary="Case details edited", staff_id=staff_id)


def generate_cases(world: DemoWorld, pools: Pools) -> None:
    """All cases with their parties, conflict checks and status history."""
    world.cases = skeletons(world)
    builder = CaseBuilder(world, pools)
    for index, plan in enumerate(world.cases):
        builder.build(plan, index)
        world.checkpoint()
