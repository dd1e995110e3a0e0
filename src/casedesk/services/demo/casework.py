"""Demo case work: the notes staff wrote and the tasks they set, with their activity history.

Task due dates cluster around the reference date, so the demo has overdue, due-this-week and
upcoming work as well as finished tasks.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from casedesk.domain.enums import CaseStatus, ContactKind, PartyRole, TaskPriority, TaskStatus
from casedesk.domain.models import Note, Task
from casedesk.services.demo import texts
from casedesk.services.demo.people import Pools
from casedesk.services.demo.world import (
    CasePlan,
    DemoWorld,
    StaffPlan,
    weekday_on_or_after,
    weekday_on_or_before,
)

_PRIORITIES = (TaskPriority.LOW, TaskPriority.NORMAL, TaskPriority.HIGH, TaskPriority.URGENT)
_PRIORITY_WEIGHTS = (10, 58, 24, 8)
_TASK_NOTES = ("", "", "", "", "Waiting on the client.", "Check the local rules first.",
               "Draft is in the shared folder.", "Confirm the date with opposing counsel.")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _say(day: date) -> str:
    """ "March 9" (strftime's %B would follow the machine's locale)."""
    return f"{_MONTHS[day.month - 1]} {day.day}"


def _for_area(table: dict[str, tuple[str, ...]], plan: CasePlan) -> tuple[str, ...]:
    """The area's entries; its "<area>/court" ones instead when the case is before a court."""
    if plan.court is not None and f"{plan.area}/court" in table:
        return table[f"{plan.area}/court"]
    return table.get(plan.area, ())


class Casework:
    """Writes the notes and tasks of each case."""

    def __init__(self, world: DemoWorld, pools: Pools) -> None:
        self.world = world
        self.pools = pools
        self.rng = world.stream("casework")
        self.staff = [s for s in world.staff if s.active]

    def _moment(self, plan: CasePlan, day: date) -> datetime:
        return max(self.world.office_time(self.rng, day), plan.opened_at + timedelta(minutes=45))

    def _day_between(self, start: date, end: date) -> date:
        span = max(0, (end - start).days)
        return max(start, weekday_on_or_before(start + timedelta(self.rng.randint(0, span))))

    def values(self, plan: CasePlan) -> dict[str, str]:
        """What the templates' placeholders stand for on this case."""
        rng = self.rng
        client = plan.with_role(PartyRole.CLIENT)[0]
        person = client.person
        subj, be = ("she", "is") if person and person.female else \
            ("he", "is") if person else ("they", "are")

        def first(role: PartyRole, default: str) -> str:
            return next((c.name for c in plan.with_role(role)), default)

        insurer = next((c.name for c in plan.with_role(PartyRole.OTHER)
                        if c.kind is ContactKind.ORGANIZATION), "the carrier")
        colleagues = [s for s in self.staff if s.id != plan.responsible.id] or self.staff
        return {
            "client": person.first if person else client.short, "subj": subj, "be": be,
            "opp": next((c.short for c in plan.with_role(PartyRole.OPPOSING_PARTY)),
                        "the other side"),
            "counsel": first(PartyRole.OPPOSING_COUNSEL, "opposing counsel"),
            "judge": next((f"Judge {c.person.last}" for c in plan.with_role(PartyRole.JUDGE)
                           if c.person is not None), "the judge"),
            "witness": first(PartyRole.WITNESS, "the witness"),
            "expert": first(PartyRole.EXPERT, "our expert"), "insurer": insurer,
            "hospital": rng.choice(self.pools.hospitals),
            "colleague": rng.choice(colleagues).first_name,
            "amount": f"${rng.randrange(15_000, 750_000, 2_500):,}",
        }

    def _note_templates(self, plan: CasePlan) -> tuple[str, ...]:
        adversarial = plan.court is not None and bool(plan.with_role(PartyRole.OPPOSING_PARTY))
        return (texts.GENERAL_NOTES + _for_area(texts.AREA_NOTES, plan)
                + (texts.LITIGATION_NOTES if adversarial else ()))

    def notes(self, plan: CasePlan, values: dict[str, str]) -> None:
        """The case's notes: an intake note, notes over its life, a closing note."""
        rng, world = self.rng, self.world
        end = plan.last_day(world.last_day)
        authors = [s for s in plan.team if s.role in ("attorney", "paralegal")] or plan.team
        if plan.declined:
            self._note(plan, plan.responsible, self._moment(plan, plan.opened_on),
                       texts.DECLINED_NOTE.format_map(values))
            return
        age_months = max(1, (end - plan.opened_on).days // 30)
        count = 1 + min(6, rng.randint(0, 2 + age_months // 4))
        templates = self._note_templates(plan)
        days = sorted(self._day_between(plan.opened_on, end) for _ in range(count))
        days[0] = plan.opened_on  # the first note is the intake one
        for i, day in enumerate(days):
            later = weekday_on_or_after(day + timedelta(days=rng.randint(3, 30)))
            text = rng.choice(texts.OPENING_NOTES if i == 0 else templates).format_map(
                {**values, "day": _say(later),
                 "day2": _say(later + timedelta(days=rng.randint(7, 40)))})
            self._note(plan, rng.choice(authors), self._moment(plan, day), text)
        if plan.closed_on is not None:
            closing_at = world.local_time(plan.closed_on, 16 * 60 + rng.randint(0, 25))
            self._note(plan, plan.responsible, max(closing_at, plan.opened_at),
                       rng.choice(texts.CLOSING_NOTES).format_map(values))

    def _note(self, plan: CasePlan, author: StaffPlan, at: datetime, text: str) -> None:
        self.world.record(Note.__tablename__, self.rng, at=at, case_id=plan.id,
                          author_staff_id=author.id, text=text)
        self.world.log(self.rng, case_id=plan.id, at=at, action="note_added",
                       summary=f"Note: {text.splitlines()[0][:80]}", staff_id=author.id)

    def tasks(self, plan: CasePlan, values: dict[str, str]) -> None:
        """The case's tasks: done ones in its past, open ones due around the reference date."""
        rng, world = self.rng, self.world
        if plan.declined:
            return
        if plan.status is CaseStatus.INTAKE:
            pool = list(texts.INTAKE_TASKS)
        else:
            pool = list(texts.GENERAL_TASKS + _for_area(texts.AREA_TASKS, plan))
            if plan.court is not None and plan.with_role(PartyRole.OPPOSING_PARTY):
                pool += texts.LITIGATION_TASKS
        count = {CaseStatus.INTAKE: rng.randint(1, 2), CaseStatus.CLOSED: rng.randint(1, 4)}.get(
            plan.status, rng.randint(2, 6))
        titles = [t.format_map(values) for t in rng.sample(pool, min(count, len(pool)))]
        end = plan.last_day(world.last_day)
        for title in titles:
            assignee = rng.choice(plan.team)
            priority = rng.choices(_PRIORITIES, _PRIORITY_WEIGHTS)[0]
            if plan.is_active and rng.random() < 0.7:
                due = weekday_on_or_after(world.today + timedelta(days=rng.randint(-25, 90)))
                due = max(due, plan.opened_on)
                status = TaskStatus.IN_PROGRESS if rng.random() < 0.2 else TaskStatus.OPEN
                created = self._moment(plan, self._day_between(plan.opened_on,
                                                               min(end, due)))
                self._task(plan, title, assignee, due, priority, status, created, None)
                continue
            due = self._day_between(plan.opened_on, end)
            created = self._moment(plan, self._day_between(plan.opened_on, due))
            done_day = min(end, weekday_on_or_after(due + timedelta(days=rng.randint(-5, 2))))
            done_at = max(self._moment(plan, max(done_day, plan.opened_on)),
                          created + timedelta(minutes=10))
            if rng.random() < 0.1:
                self._task(plan, title, assignee, due, priority, TaskStatus.CANCELLED, created,
                           None, updated_at=done_at)
            else:
                self._task(plan, title, assignee, due, priority, TaskStatus.DONE, created,
                           done_at)

    def _task(self, plan: CasePlan, title: str, assignee: StaffPlan, due: date,
              priority: TaskPriority, status: TaskStatus, created: datetime,
              completed_at: datetime | None, updated_at: datetime | None = None) -> None:
        world, rng = self.world, self.rng
        world.record(Task.__tablename__, rng, at=created,
                     updated_at=completed_at or updated_at or created, case_id=plan.id,
                     title=title, assignee_staff_id=assignee.id, due_on=due,
                     priority=priority.value, status=status.value,
                     notes=rng.choice(_TASK_NOTES), completed_at=completed_at)
        creator = plan.responsible.id
        world.log(rng, case_id=plan.id, at=created, action="task_added",
                  summary=f"Task: {title}", staff_id=creator)
        if completed_at is not None:
            world.log(rng, case_id=plan.id, at=completed_at, action="task_done",
                      summary=f"Task completed: {title}", staff_id=assignee.id)


def generate_casework(world: DemoWorld, pools: Pools) -> None:
    """Notes and tasks for every case."""
    work = Casework(world, pools)
    for plan in world.cases:
        values = work.values(plan)
        work.notes(plan, values)
        work.tasks(plan, values)
        world.checkpoint()
