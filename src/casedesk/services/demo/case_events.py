"""Each demo case's events: its planned steps turned into court dates and deadlines with a
status that fits the reference date (past ones done, a few vacated or overdue, future ones
scheduled), at times when its attorney, paralegal and courtroom are free.

Two passes: trials go on the calendar first (a trial needs its attorney for whole days in a
row, which a calendar already full of hearings seldom has; in a real firm the hearings are set
around the trial), then every case's other events, oldest case first. Each case draws from its
own random stream, so both passes lay out the same steps for it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from casedesk.domain.enums import DEADLINE_KINDS, EventKind, EventStatus
from casedesk.services.demo.calendar_events import (
    CONTINUED_SHARE,
    COURT_KINDS,
    MIN_OVERDUE,
    OVERDUE_SHARE,
    PARALEGAL_SHARE,
    STARTS,
    VACATED_SHARE,
    Bookings,
    EventMaker,
    Planned,
    chosen_groups,
    planned,
    side_of,
    track_of,
    values,
)
from casedesk.services.demo.courthouses import courthouse, courtroom
from casedesk.services.demo.dockets import TRACKS, Step
from casedesk.services.demo.people import Pools
from casedesk.services.demo.world import CasePlan, DemoWorld, Milestone, StaffPlan

_TRIAL = EventKind.TRIAL
TRIAL_TRACKS = frozenset(name for name, track in TRACKS.items()
                         if any(step.kind is EventKind.TRIAL for step in track.steps))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class _Booked:
    """A timed event's place, people and booked time (for a trial, booked by the first
    pass)."""

    zone: str
    location: str
    notes: str
    attendees: list[StaffPlan]
    starts: datetime
    ends: datetime


@dataclass(frozen=True, slots=True)
class _Layout:
    """A case's steps that become events, with what their titles and deadlines need."""

    text: dict[str, str]
    paralegal: StaffPlan | None
    items: list[tuple[Planned, bool]]  # (step on its day, after the case closed)


class CaseEvents:
    """Writes one case's events at a time through an EventMaker.

    `self.rng` (and the maker's) is the stream of the case being laid out, or the trial
    pass's own stream while that pass books trials.
    """

    def __init__(self, maker: EventMaker) -> None:
        self.maker = maker
        self.world = maker.world
        self.rng = maker.rng
        self.trials: dict[tuple[object, int], _Booked | None] = {}

    def stream(self, plan: CasePlan) -> random.Random:
        """The case's own random stream (the same in both passes)."""
        return random.Random(f"casedesk-demo:{self.world.seed}:events:{plan.id}")

    def layout(self, plan: CasePlan, *, trials_only: bool = False) -> _Layout | None:
        """The steps that become events: everything up to the case's closing (then at most
        one court date, which the closing vacated) or up to a few months past today. With
        `trials_only`, None for a case that goes to no trial."""
        rng = self.rng
        text = values(plan, rng)
        side = side_of(plan, rng)
        horizon = plan.closed_on or self.world.today + timedelta(days=rng.randint(45, 200))
        limit = horizon + timedelta(days=60) if plan.closed_on else horizon
        chosen = chosen_groups(plan, rng)
        if trials_only and "trial" not in chosen:
            return None
        items: list[tuple[Planned, bool]] = []
        vacated_at_close = False
        for item in planned(plan, rng, limit, text, side, chosen):
            kind = item.step.kind
            after_close = plan.closed_on is not None and item.day > plan.closed_on
            if kind in DEADLINE_KINDS:
                if not after_close:
                    items.append((item, False))
                continue
            if after_close and (vacated_at_close or kind not in COURT_KINDS):
                continue
            vacated_at_close |= after_close
            items.append((item, after_close))
        paralegal = next((s for s in plan.team if s.role == "paralegal"), None)
        return _Layout(text, paralegal, items)

    def book_trials(self, plan: CasePlan, trial_rng: random.Random) -> None:
        """First pass: lay the case out and put its trial (if any) on the calendar."""
        if plan.declined or track_of(plan) not in TRIAL_TRACKS:
            return
        self.rng = self.maker.rng = self.stream(plan)
        layout = self.layout(plan, trials_only=True)
        self.rng = self.maker.rng = trial_rng
        if layout is None:
            return
        for index, (item, _after_close) in enumerate(layout.items):
            if item.step.kind is EventKind.TRIAL:
                zone, location, notes = self.place(plan, item.step, layout.text)
                attendees = self.attendees(plan, EventKind.TRIAL, layout.paralegal)
                keys: list[object] = [p.id for p in attendees] + ([location] if location else [])
                found = self.slot(EventKind.TRIAL, zone, item.day, item.step.minutes, keys)
                self.trials[plan.id, index] = None if found is None else _Booked(
                    zone, location, notes, attendees, *found)

    def add(self, plan: CasePlan) -> None:
        """Second pass: every event of the case (none for a matter declined at intake)."""
        if plan.declined:
            return
        self.rng = self.maker.rng = self.stream(plan)
        layout = self.layout(plan)
        assert layout is not None
        ecf = self.rng.randint(1, 9)
        for index, (item, after_close) in enumerate(layout.items):
            if item.step.kind in DEADLINE_KINDS:
                ecf = self.deadline(plan, item, layout.text, layout.paralegal, ecf)
            elif item.step.kind is EventKind.TRIAL:
                booked = self.trials.pop((plan.id, index), None)
                if booked is not None:
                    self.timed(plan, item, booked, after_close)
            else:
                zone, location, notes = self.place(plan, item.step, layout.text)
                attendees = self.attendees(plan, item.step.kind, layout.paralegal)
                keys: list[object] = [p.id for p in attendees] + ([location] if location else [])
                found = self.slot(item.step.kind, zone, item.day, item.step.minutes, keys)
                if found is not None:
                    self.timed(plan, item, _Booked(zone, location, notes, attendees, *found),
                               after_close)

    def attendees(self, plan: CasePlan, kind: EventKind,
                  paralegal: StaffPlan | None) -> list[StaffPlan]:
        """The responsible attorney, and the case's paralegal some of the time."""
        people = [plan.responsible]
        if paralegal is not None and self.rng.random() < PARALEGAL_SHARE.get(kind, 0.4):
            people.append(paralegal)
        return people

    def deadline(self, plan: CasePlan, item: Planned, text: dict[str, str],
                 paralegal: StaffPlan | None, ecf: int) -> int:
        """An all-day deadline on a business day; returns the case's last ECF number."""
        maker, rng, today = self.maker, self.rng, self.world.today
        step, kind = item.step, item.step.kind
        day = maker.business_day(item.day)
        if plan.closed_on is not None and day > plan.closed_on:
            return ecf
        zone = plan.court.time_zone if kind is EventKind.FILING_DEADLINE and plan.court \
            else maker.firm_zone
        created = maker.created(plan, day, (3, 45))
        attendees = self.attendees(plan, kind, paralegal)
        status, done_at, satisfied = EventStatus.SCHEDULED, None, ""
        # The first few recent ones always stay open, so even a small demo shows the list.
        overdue = plan.is_active and 0 < (today - day).days <= 30 and (
            rng.random() < OVERDUE_SHARE or maker.overdue < MIN_OVERDUE)
        maker.overdue += overdue
        if day < today and not overdue:
            done_day = maker.business_day(day - timedelta(days=rng.randint(0, 4)), -1)
            done_at = maker.office_moment(max(done_day, created.date()), created)
            satisfied, ecf = self.satisfied(plan, step, text, ecf)
            status = EventStatus.DONE
        event_id = maker.write(case_id=plan.id, kind=kind, title=item.title, zone=zone,
                               on_date=day, starts_at=None, ends_at=None, location="", notes="",
                               status=status, created=created, changed=done_at,
                               changes=int(done_at is not None), done_at=done_at,
                               satisfied_by=satisfied, attendees=attendees)
        if plan.milestones is not None and kind is EventKind.FILING_DEADLINE:
            plan.milestones.append(Milestone(event_id, kind.value, item.title, day,
                                             status.value, satisfied, step.done))
        return ecf

    def satisfied(self, plan: CasePlan, step: Step, text: dict[str, str],
                  ecf: int) -> tuple[str, int]:
        """What met a deadline ("Filed (ECF 23)"), and the case's ECF number after it."""
        rng, court = self.rng, plan.court
        if step.done == "filed":
            if court is None:
                return "Submitted; the confirmation is in the file", ecf
            if court.name.startswith("U.S."):
                ecf += rng.randint(2, 9)
                return f"Filed (ECF {ecf})", ecf
            if "Immigration Court" in court.name:
                return "Filed through ECAS", ecf
            return f"Filed (e-filing envelope {rng.randint(10**7, 10**8 - 1)})", ecf
        if step.done == "served":
            counsel = text.get("counsel")
            return (f"Served on {counsel} by e-mail" if counsel else "Served by e-mail"), ecf
        if step.done == "internal":
            return rng.choice(("Done", f"Sent to {text['lead']}", "Sent to the client",
                               "Done; saved to the file")), ecf
        if step.done == "sol":
            if "EEOC" in step.title:
                return "Charge filed with the EEOC", ecf
            return rng.choice(("Complaint filed before the deadline", "Tolling agreement "
                               "signed", "Claim settled; release signed")), ecf
        return "Date passed; nothing further due", ecf

    def place(self, plan: CasePlan, step: Step, text: dict[str, str]) -> tuple[str, str, str]:
        """(zone, location, notes) of a timed event."""
        maker, rng = self.maker, self.rng
        place = step.place or ("court" if step.kind in COURT_KINDS else "office")
        court = plan.court
        if place == "court" and court is not None:
            division = {"Criminal defense": "criminal", "Family": "family"}.get(plan.area, "")
            room = courtroom(court.name, plan.judge)
            return (court.time_zone, f"{room}, {courthouse(court.name, division)}",
                    f"Before {plan.judge}. Case No. {plan.docket_number}.")
        if place == "away":
            roll = rng.random()
            if roll < 0.55:
                return maker.firm_zone, rng.choice(maker.rooms), ""
            if roll < 0.8 and "counsel" in text:
                return maker.firm_zone, f"Offices of {text['counsel']}", ""
            return maker.firm_zone, "", "By video conference; the court reporter sends the link."
        if place == "remote":
            if step.kind is EventKind.CONFERENCE and court is not None:
                return court.time_zone, "", "By telephone."
            return maker.firm_zone, "", "By video call; the link is in the invitation."
        if step.kind is EventKind.MEETING and rng.random() < 0.25:
            return maker.firm_zone, "", "By video call; the link is in the invitation."
        return maker.firm_zone, rng.choice(maker.rooms), ""

    def slot(self, kind: EventKind, zone: str, target: date, minutes: int,
             keys: list[object]) -> tuple[datetime, datetime] | None:
        """The first free start from the target day on (at most eight court days later,
        twenty for a trial, which needs its attorney for whole days)."""
        maker, rng = self.maker, self.rng
        starts_at = STARTS[kind]
        first = rng.randrange(len(starts_at))
        order = starts_at[first:] + starts_at[:first]
        if kind is _TRIAL:
            return self.trial_slot(zone, target, order, rng.randint(2, 5), keys)
        # Courts rise by 17:00; meetings and depositions may run to 18:00.
        latest = 17 * 60 if kind in COURT_KINDS else 18 * 60
        # (first quarter, end quarter, minute) after local midnight, for each start to try
        spans = [(m // 15, (m + minutes) // 15, m) for m in order if m + minutes <= latest] \
            or [(starts_at[0] // 15, (starts_at[0] + minutes) // 15, starts_at[0])]
        low, high = min(s[0] for s in spans), max(s[1] for s in spans)
        bookings = maker.bookings
        day = maker.business_day(target)
        for _attempt in range(8):
            midnight = Bookings.quarter(maker.local(zone, day, 0))
            base, taken = bookings.busy(keys, midnight + low, midnight + high)
            shift = midnight - base
            for start, stop, minute in spans:
                if not taken >> (start + shift) & ((1 << (stop - start)) - 1):
                    bookings.book(keys, midnight + start, midnight + stop)
                    starts = maker.local(zone, day, minute)
                    return starts, starts + timedelta(minutes=minutes)
            day = maker.business_day(day + timedelta(days=1))
        return None

    def trial_slot(self, zone: str, target: date, order: list[int] | tuple[int, ...],
                   days: int, keys: list[object]) -> tuple[datetime, datetime] | None:
        """A trial: `days` court days in a row, from the morning of the first to 17:00 of
        the last (the attorney is booked for the whole run)."""
        maker = self.maker
        quarter = Bookings.quarter
        day = maker.business_day(target)
        for _attempt in range(20):
            last = day
            for _ in range(days - 1):
                last = maker.business_day(last + timedelta(days=1))
            ends = maker.local(zone, last, 17 * 60)
            stop = quarter(ends)
            for minute in order:
                starts = maker.local(zone, day, minute)
                start = quarter(starts)
                base, taken = maker.bookings.busy(keys, start, stop)
                if not taken >> (start - base) & ((1 << (stop - start)) - 1):
                    maker.bookings.book(keys, start, stop)
                    return starts, ends
            day = maker.business_day(day + timedelta(days=1))
        return None

    def timed(self, plan: CasePlan, item: Planned, booked: _Booked, after_close: bool) -> None:
        """A court date, deposition or meeting at its booked time; done, vacated or
        scheduled."""
        maker, rng = self.maker, self.rng
        kind = item.step.kind
        zone, notes, starts, ends = booked.zone, booked.notes, booked.starts, booked.ends
        day = starts.astimezone(ZoneInfo(zone)).date()
        created = maker.created(plan, min(day, plan.closed_on or day), (7, 60))
        changes, changed, done_at = 0, None, None
        court_date = kind in COURT_KINDS
        if court_date and not after_close and rng.random() < CONTINUED_SHARE:
            changed = maker.moment_between(created, day - timedelta(days=1))
            was = min(changed.date() + timedelta(days=rng.randint(1, 14)),
                      day - timedelta(days=1))
            notes = f"Continued from {_MONTHS[was.month - 1]} {was.day}. {notes}".strip()
            changes = 1
        status = EventStatus.SCHEDULED
        if after_close:
            assert plan.closed_on is not None
            status, changed = EventStatus.VACATED, maker.moment_between(created, plan.closed_on)
        elif court_date and rng.random() < VACATED_SHARE:
            status = EventStatus.VACATED
            changed = maker.moment_between(changed or created, day - timedelta(days=1))
        elif ends <= maker.midnight:
            status = EventStatus.DONE
            done_at = max(min(ends + timedelta(minutes=15 * rng.randint(1, 8)),
                              maker.midnight - timedelta(minutes=1)),
                          created + timedelta(minutes=10))
            changed = done_at
        changes += status is not EventStatus.SCHEDULED
        event_id = maker.write(case_id=plan.id, kind=kind, title=item.title, zone=zone,
                               on_date=None, starts_at=starts, ends_at=ends,
                               location=booked.location, notes=notes, status=status,
                               created=created, changed=changed, changes=changes,
                               done_at=done_at, satisfied_by="", attendees=booked.attendees)
        if plan.milestones is not None and court_date:
            plan.milestones.append(Milestone(event_id, kind.value, item.title, day,
                                             status.value))


def generate_events(world: DemoWorld, _pools: Pools) -> None:
    """The firm's weekly staff meetings, every trial, then each case's other events."""
    maker = EventMaker(world)
    maker.staff_meetings()
    cases = CaseEvents(maker)
    trial_rng = world.stream("events:trials")
    for plan in world.cases:
        cases.book_trials(plan, trial_rng)
    for plan in world.cases:
        cases.add(plan)
        world.checkpoint()
