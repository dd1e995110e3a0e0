"""Demo events: every case's court dates, depositions, meetings and deadlines, and the firm's
weekly staff meeting, written as the rows services/events.py would write.

`day`/`end_day` come from `events.derived_days`, the reminder rows from
`events.reminder_firings` and the calendar identity from `events.new_uid`, so the rows are the
service's own. An event that was marked done or vacated carries the version and SEQUENCE that
`set_event_status` would have given it. Nobody is booked twice: every timed event checks its
attendees and its room against what is already on the calendar (see Bookings) and moves to
the next free slot, as a person answering the double-booking warning would; an event with no
free slot within eight court days is left out (only in demos far bigger than the firm's
attorneys can carry). Event history (activity rows) is not written: the case histories stay
as the other generators left them.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from casedesk.domain.enums import CaseStatus, ContactKind, EventKind, EventStatus, PartyRole
from casedesk.domain.models import Event, EventAttendee, EventReminder
from casedesk.rules.calendar import FEDERAL
from casedesk.services.demo.dockets import INTAKE_LIMITS, REPEATS, TRACKS, Step
from casedesk.services.demo.world import CasePlan, DemoWorld, StaffPlan, new_id
from casedesk.services.events import (
    DEFAULT_REMINDERS,
    derived_days,
    new_uid,
    reminder_firings,
)

SPAN_DAYS = 7 * 365  # staff meetings go back as far as the oldest case
MEETINGS_AHEAD = 91  # and this far past the reference date
SLOT = 900  # seconds: bookings are kept in quarter hours (every demo time is on one)
_PER_DAY = 86_400 // SLOT
_MIDNIGHT_UTC = time(0, tzinfo=UTC)
COURT_KINDS = frozenset({EventKind.HEARING, EventKind.CONFERENCE, EventKind.TRIAL})
# Local start times (minutes after midnight) each kind is set for.
STARTS: dict[EventKind, tuple[int, ...]] = {
    EventKind.HEARING: (540, 570, 600, 630, 660, 810, 840, 870, 900),
    EventKind.CONFERENCE: (540, 555, 570, 600, 630, 660, 690, 840, 900, 930),
    EventKind.DEPOSITION: (540, 570, 600, 780),
    EventKind.MEETING: (540, 600, 660, 780, 840, 900, 960),
    EventKind.TRIAL: (540,),
}
# How often a paralegal attends (or shares the deadline) besides the responsible attorney.
PARALEGAL_SHARE: dict[EventKind, float] = {
    EventKind.DEPOSITION: 0.5, EventKind.TRIAL: 0.8, EventKind.HEARING: 0.15,
    EventKind.CONFERENCE: 0.1, EventKind.MEETING: 0.4}
ROOM_LETTERS = "BCDEFGHJKLMN"  # Conference Room A is the staff meeting's
OVERDUE_SHARE = 0.2  # deadlines of the last 30 days nobody has marked done yet
MIN_OVERDUE = 3  # at least this many (when there are that many recent deadlines)
VACATED_SHARE = 0.015  # court dates taken off the calendar
CONTINUED_SHARE = 0.05  # court dates moved once (SEQUENCE 1) before they happened


class Bookings:
    """Who and which room is busy when: one bit per quarter hour, per UTC day.

    Times are quarter-hour numbers since the epoch (`quarter`). Overlap is the service's own
    test (one starts before the other ends and ends after it starts) because every demo start
    and end falls on a quarter hour.
    """

    def __init__(self) -> None:
        self._busy: dict[tuple[object, int], int] = {}

    @staticmethod
    def quarter(instant: datetime) -> int:
        """The quarter hour an aware instant falls in (demo times fall on one exactly)."""
        return int(instant.timestamp()) // SLOT

    def busy(self, keys: list[object], first: int, stop: int) -> tuple[int, int]:
        """(base, mask): bit i of mask is set when any key is busy in quarter base + i, over
        whole UTC days covering [first, stop)."""
        busy, mask = self._busy, 0
        low, high = first // _PER_DAY, (stop - 1) // _PER_DAY
        for day in range(low, high + 1):
            taken = 0
            for key in keys:
                taken |= busy.get((key, day), 0)
            mask |= taken << ((day - low) * _PER_DAY)
        return low * _PER_DAY, mask

    def book(self, keys: list[object], first: int, stop: int) -> None:
        """Mark every key busy in the quarters [first, stop)."""
        busy = self._busy
        for day in range(first // _PER_DAY, (stop - 1) // _PER_DAY + 1):
            base = day * _PER_DAY
            low, high = max(first, base) - base, min(stop, base + _PER_DAY) - base
            bits = ((1 << (high - low)) - 1) << low
            for key in keys:
                busy[key, day] = busy.get((key, day), 0) | bits


@dataclass(slots=True)
class Planned:
    """A step of a case on the day it is aimed at (the slot finder may move it a little)."""

    step: Step
    day: date
    title: str


class EventMaker:
    """The calendar's clock, its bookings and its rows (events, attendees, reminders).

    `rng` is the stream being drawn from: the staff meetings' own, then each case's
    (case_events.CaseEvents swaps it).
    """

    def __init__(self, world: DemoWorld) -> None:
        self.world = world
        self.rng = world.stream("events")
        self.bookings = Bookings()
        self.firm_zone = world.region.time_zone
        self.midnight = world.local_time(world.today, 0)  # the reference day starts, UTC
        self._offsets: dict[tuple[str, date], timedelta] = {}
        self._business: dict[date, bool] = {}
        self.overdue = 0  # deadlines left open past their day so far
        self._zones: dict[str, ZoneInfo] = {}
        # Rows may share these lists: the writer only reads them.
        self._reminders = {kind: list(minutes) for kind, minutes in DEFAULT_REMINDERS.items()}
        self._no_explanation: list[str] = []
        # A bigger firm has more rooms: one for every three attorneys (three to twelve).
        attorneys = sum(1 for s in world.staff if s.role == "attorney" and s.active)
        self.rooms = tuple(f"Conference Room {letter}"
                           for letter in ROOM_LETTERS[:max(3, min(12, attorneys // 3))])

    # -- clock ------------------------------------------------------------------------------
    def local(self, zone: str, day: date, minute: int) -> datetime:
        """Wall-clock time `minute` after midnight on `day` in `zone`, as aware UTC (business
        hours never straddle a DST change, so the offset at noon holds)."""
        offset = self._offsets.get((zone, day))
        if offset is None:
            noon = datetime.combine(day, time(12), tzinfo=ZoneInfo(zone))
            offset = self._offsets[zone, day] = noon.utcoffset() or timedelta(0)
        return datetime.combine(day, _MIDNIGHT_UTC) + timedelta(minutes=minute) - offset

    def is_business_day(self, day: date) -> bool:
        """A weekday that is not a federal legal holiday (courts sit; deadlines can fall)."""
        known = self._business.get(day)
        if known is None:
            known = self._business[day] = day.weekday() < 5 and FEDERAL.get(day) is None
        return known

    def business_day(self, day: date, step: int = 1) -> date:
        """The day itself when courts sit, else the next (step 1) or previous (-1) such day."""
        while not self.is_business_day(day):
            day += timedelta(days=step)
        return day

    def office_moment(self, day: date, earliest: datetime) -> datetime:
        """A random moment of the firm's office hours on `day`, not before `earliest`."""
        moment = self.world.office_time(self.rng, day)
        return max(moment, earliest + timedelta(minutes=10))

    def created(self, plan: CasePlan | None, day: date, lead_days: tuple[int, int]) -> datetime:
        """When the event went on the calendar: some days before it, never after yesterday."""
        when = min(day - timedelta(days=self.rng.randint(*lead_days)), self.world.last_day)
        when = self.business_day(when, -1)
        if plan is None:
            return self.office_moment(when, datetime.combine(when, _MIDNIGHT_UTC))
        return self.office_moment(max(plan.opened_on, when),
                                  plan.opened_at + timedelta(minutes=20))

    def moment_between(self, first: datetime, day: date) -> datetime:
        """A moment in office hours on a business day from `first` to `day` (and before today)."""
        start = first.date()
        last = min(day, self.world.last_day)
        span = max(0, (last - start).days)
        pick = self.business_day(start + timedelta(days=self.rng.randint(0, span)), -1)
        return self.office_moment(max(pick, start), first)

    # -- rows -------------------------------------------------------------------------------
    def write(self, *, case_id: object, kind: EventKind, title: str, zone: str,
              on_date: date | None, starts_at: datetime | None, ends_at: datetime | None,
              location: str, notes: str, status: EventStatus, created: datetime,
              changed: datetime | None, changes: int, done_at: datetime | None,
              satisfied_by: str, attendees: list[StaffPlan]) -> uuid.UUID:
        """One event row, its attendees and (while it is pending) its reminder rows; its id."""
        world = self.world
        all_day = on_date is not None
        tz = self._zones.get(zone) or self._zones.setdefault(zone, ZoneInfo(zone))
        day, end_day = derived_days(all_day, on_date, starts_at, ends_at, tz)
        reminders = self._reminders[kind]
        event_id = new_id(self.rng)
        world.add(Event.__tablename__, {
            "id": event_id, "created_at": created, "updated_at": changed or created,
            "version": 1 + changes, "deleted_at": None, "case_id": case_id, "kind": kind.value,
            "title": title, "all_day": all_day, "on_date": on_date, "starts_at": starts_at,
            "ends_at": ends_at, "time_zone": zone, "day": day, "end_day": end_day,
            "location": location, "notes": notes, "status": status.value, "done_at": done_at,
            "satisfied_by": satisfied_by, "reminders_minutes_before": reminders,
            "uid": new_uid(event_id), "sequence": changes, "trigger_id": None,
            "rule_key": "", "authority": "", "explanation": self._no_explanation})
        for person in attendees:
            world.add(EventAttendee.__tablename__, {"event_id": event_id, "staff_id": person.id})
        if status is EventStatus.SCHEDULED:
            for minutes, remind_at in reminder_firings(
                    all_day=all_day, on_date=on_date, starts_at=starts_at, time_zone=zone,
                    minutes_before=reminders):
                world.add(EventReminder.__tablename__, {
                    "event_id": event_id, "minutes_before": minutes, "remind_at": remind_at})
        return event_id

    # -- the firm's weekly meeting ------------------------------------------------------------
    def staff_meetings(self) -> None:
        """Monday 9:00-9:45 for every attorney and paralegal; holiday Mondays cancelled."""
        world = self.world
        people = [s for s in world.staff if s.active and s.role in ("attorney", "paralegal")]
        keys: list[object] = [s.id for s in people] + ["Conference Room A"]
        day = world.today - timedelta(days=SPAN_DAYS)
        day += timedelta(days=-day.weekday() % 7)
        while day <= world.today + timedelta(days=MEETINGS_AHEAD):
            starts = self.local(self.firm_zone, day, 540)
            ends = starts + timedelta(minutes=45)
            created = self.created(None, day, (4, 25))
            status, changed, done_at = EventStatus.SCHEDULED, None, None
            if FEDERAL.get(day) is not None:
                status, changed = EventStatus.CANCELLED, self.moment_between(created, day)
            elif day < world.today:
                status, done_at = EventStatus.DONE, min(ends + timedelta(minutes=5),
                                                       self.midnight - timedelta(minutes=1))
                changed = done_at
            self.bookings.book(keys, Bookings.quarter(starts), Bookings.quarter(ends))
            self.write(case_id=None, kind=EventKind.MEETING, title="Weekly staff meeting",
                       zone=self.firm_zone, on_date=None, starts_at=starts, ends_at=ends,
                       location="Conference Room A", notes="Docket review, then new matters.",
                       status=status, created=created, changed=changed,
                       changes=0 if status is EventStatus.SCHEDULED else 1, done_at=done_at,
                       satisfied_by="", attendees=people)
            day += timedelta(days=7)
        world.checkpoint()


def values(plan: CasePlan, rng: random.Random) -> dict[str, str]:
    """What the step titles' placeholders stand for on this case (missing: step skipped)."""
    client = plan.with_role(PartyRole.CLIENT)[0]
    found = {
        "client": client.name, "lead": plan.responsible.first_name,
        "trial": "Jury trial" if rng.random() < 0.7 else "Bench trial",
        "client_deposition": (f"deposition of {client.name}" if client.kind is
                              ContactKind.PERSON else
                              f"Rule 30(b)(6) deposition of {client.short}"),
    }
    for role, key in ((PartyRole.OPPOSING_COUNSEL, "counsel"), (PartyRole.WITNESS, "witness"),
                      (PartyRole.EXPERT, "expert")):
        people = plan.with_role(role)
        if people:
            found[key] = people[0].name
    opponents = plan.with_role(PartyRole.OPPOSING_PARTY)
    if opponents:
        opp = opponents[0]
        found["opp"] = opp.short
        found["opp_deposition"] = (f"Deposition of {opp.name}" if opp.kind is ContactKind.PERSON
                                   else f"Rule 30(b)(6) deposition of {opp.short}")
    insurers = [c for c in plan.with_role(PartyRole.OTHER) if c.kind is ContactKind.ORGANIZATION]
    if insurers:
        found["insurer"] = insurers[0].name
    return found


def track_of(plan: CasePlan) -> str:
    """Which script of events the case follows (dockets.TRACKS)."""
    if plan.status is CaseStatus.INTAKE:
        return "intake"
    if plan.court is None:
        if plan.area == "Employment":
            return "eeoc" if plan.title.startswith("EEOC") else "transaction"
        return {"Personal injury": "presuit", "Real estate": "closing",
                "Estate planning": "estate_plan", "Immigration": "uscis",
                "Intellectual property": "trademark"}.get(plan.area, "transaction")
    return {"Criminal defense": "criminal", "Immigration": "removal",
            "Bankruptcy": "bankruptcy", "Family": "family",
            "Estate planning": "probate"}.get(plan.area, "civil")


def side_of(plan: CasePlan, rng: random.Random) -> str:
    """Whether the client sued ("plaintiff") or was sued ("defendant")."""
    text = plan.description
    if plan.area == "Insurance defense" or text.startswith("Defense") or \
            "against the client" in text or "client is defendant" in text:
        return "defendant"
    if plan.area == "Personal injury" or text.startswith("Employee's claim") or \
            "brought by" in text or "client is plaintiff" in text:
        return "plaintiff"
    return "plaintiff" if rng.random() < 0.55 else "defendant"


def chosen_groups(plan: CasePlan, rng: random.Random) -> set[str]:
    """Which of its track's optional groups (and at most one outcome) the case has."""
    track = TRACKS[track_of(plan)]
    chosen = {group for group, share in track.groups.items() if rng.random() < share}
    roll, total = rng.random(), 0.0
    for group, share in track.outcomes:
        total += share
        if roll < total:
            chosen.add(group)
            break
    return chosen


def planned(plan: CasePlan, rng: random.Random, limit: date, text: dict[str, str],
            side: str, chosen: set[str]) -> list[Planned]:
    """The case's steps that happen, on their target days up to `limit`, in day order."""
    track = TRACKS[track_of(plan)]
    forum = "federal" if plan.court is not None and plan.court.name.startswith("U.S.") \
        else "state"
    pace = rng.uniform(0.75, 1.35)
    steps = list(track.steps)
    if plan.status is CaseStatus.INTAKE and plan.area in INTAKE_LIMITS:
        kind, title, first, last = INTAKE_LIMITS[plan.area]  # a legal period: not paced
        steps.append(Step(kind, title, int(first / pace), int(last / pace),
                          done="sol" if kind is EventKind.STATUTE_OF_LIMITATIONS else "filed"))
    found: list[Planned] = []
    for step in steps:
        roll = rng.random()
        if (step.group and step.group not in chosen) or roll >= step.share or \
                (step.side and step.side != side) or (step.forum and step.forum != forum):
            continue
        try:
            title = step.title.format_map(text)
        except KeyError:
            continue
        if step.every:
            days = []
            offset = step.first * pace
            while plan.opened_on + timedelta(days=int(offset)) <= limit:
                days.append(plan.opened_on + timedelta(days=int(offset)))
                offset += step.every * rng.uniform(0.75, 1.25)
            days = days[-REPEATS:]
        else:
            offset = max(1, round(rng.randint(step.first, step.last) * pace))
            days = [plan.opened_on + timedelta(days=offset)]
        found += [Planned(step, day, title) for day in days if day <= limit]
    found.sort(key=lambda p: p.day)
    return found
