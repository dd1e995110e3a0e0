"""Courts and their own holiday lists (state legal holidays and closure days), with history.

A court's list is what the deadline engine uses beside the federal holidays. A new court in a
state with a reviewed list (rules/state_holidays.py) is seeded from it for a span of years; the
practice can then add and remove days. Nothing is erased: a removed day is soft-deleted with
who removed it, so the list's history (who added or removed which day, when) stays readable.

Years outside the seeded span have no state holidays for that court, which can only make a
forward deadline earlier (the safe side); `seed_state_days` extends the span.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import HolidayKind
from casedesk.domain.errors import InvalidInput
from casedesk.domain.models import Court, CourtHoliday, Staff
from casedesk.rules.calendar import HolidayCalendar
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    parse_date,
    required_text,
    soft_delete,
    valid_time_zone,
)

REVIEWED_SOURCE = "reviewed list"
SEED_YEARS_BACK = 1
SEED_YEARS_AHEAD = 10


@dataclass(frozen=True, slots=True)
class CourtRow:
    id: uuid.UUID
    name: str
    state: str
    time_zone: str
    notes: str
    version: int
    state_days: int
    closures: int
    reviewed_state: bool  # its state has a reviewed holiday list


@dataclass(frozen=True, slots=True)
class CourtDayRow:
    id: uuid.UUID
    day: date
    name: str
    kind: HolidayKind
    source: str
    added_at: datetime
    added_by: str
    removed_at: datetime | None
    removed_by: str


def default_seed_years(today: date | None = None) -> range:
    year = (today or date.today()).year
    return range(year - SEED_YEARS_BACK, year + SEED_YEARS_AHEAD + 1)


def _state(value: str) -> tuple[str, bool]:
    """A two-letter state code (or "") and whether it has a reviewed holiday list."""
    from casedesk.rules.state_holidays import reviewed_states

    code = (value or "").strip().upper()
    if not code:
        return "", False
    if len(code) != 2 or not code.isalpha():
        raise InvalidInput(f"{value!r} is not a state; use its two-letter code (e.g. CA).",
                           field="state")
    return code, code in reviewed_states()


def _staff_name(session: Session, staff_id: uuid.UUID | None) -> str:
    if staff_id is None:
        return ""
    staff = session.get(Staff, staff_id)
    return staff.name if staff is not None else "a former staff member"


def list_courts(session: Session) -> list[CourtRow]:
    courts = session.exec(select(Court).where(col(Court.deleted_at).is_(None))
                          .order_by(Court.name)).all()
    rows: list[CourtRow] = []
    for court in courts:
        days = session.exec(select(CourtHoliday.kind).where(
            CourtHoliday.court_id == court.id, col(CourtHoliday.deleted_at).is_(None))).all()
        rows.append(CourtRow(id=court.id, name=court.name, state=court.state,
                             time_zone=court.time_zone, notes=court.notes,
                             version=court.version,
                             state_days=sum(k is HolidayKind.STATE for k in days),
                             closures=sum(k is HolidayKind.CLOSURE for k in days),
                             reviewed_state=_state(court.state)[1]))
    return rows


def court_days(session: Session, court_id: uuid.UUID, *,
               include_removed: bool = False) -> list[CourtDayRow]:
    """The court's list (and, with include_removed, what was taken off it), by date."""
    query = select(CourtHoliday).where(CourtHoliday.court_id == court_id)
    if not include_removed:
        query = query.where(col(CourtHoliday.deleted_at).is_(None))
    rows = session.exec(query.order_by(col(CourtHoliday.day), col(CourtHoliday.kind))).all()
    return [CourtDayRow(id=r.id, day=r.day, name=r.name, kind=r.kind, source=r.source,
                        added_at=r.created_at, added_by=_staff_name(session,
                                                                    r.added_by_staff_id),
                        removed_at=r.deleted_at,
                        removed_by=_staff_name(session, r.removed_by_staff_id))
            for r in rows]


def _check_name_free(session: Session, name: str, court_id: uuid.UUID | None) -> None:
    for other in session.exec(select(Court).where(col(Court.deleted_at).is_(None))):
        if other.id != court_id and other.name.casefold() == name.casefold():
            raise InvalidInput(f"There is already a court called {other.name!r}.", field="name")


def add_court(session: Session, *, name: str, state: str = "", time_zone: str = "",
              notes: str = "", court_id: uuid.UUID | None = None,
              seed_years: Iterable[int] | None = None,
              actor_staff_id: uuid.UUID | None = None) -> Changes:
    """A new court; in a state with a reviewed list its state holidays are seeded."""
    clean = required_text(name, "name", "Court name", max_len=300)
    _check_name_free(session, clean, None)
    code, reviewed = _state(state)
    court = Court(id=court_id or uuid.uuid4(), name=clean, state=code,
                  time_zone=valid_time_zone(time_zone, "time_zone"),
                  notes=optional_text(notes, max_len=5000, field="notes", label="The notes"))
    session.add(court)
    session.flush()
    log_activity(session, case_id=None, action="court_added",
                 summary=f"Court added: {clean}{f' ({code})' if code else ''}",
                 staff_id=actor_staff_id)
    if reviewed:
        seed_state_days(session, court_id=court.id,
                        years=default_seed_years() if seed_years is None else seed_years,
                        actor_staff_id=actor_staff_id)
    return Changes(courts=True)


def update_court(session: Session, *, court_id: uuid.UUID, name: str, state: str = "",
                 time_zone: str = "", notes: str = "", expected_version: int | None = None,
                 actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Rename or re-describe a court. Its holiday list stays as it is (reseed explicitly)."""
    court = get_live(session, Court, court_id, "court")
    check_version(court, expected_version, "court")
    clean = required_text(name, "name", "Court name", max_len=300)
    _check_name_free(session, clean, court.id)
    code, _reviewed = _state(state)
    court.name, court.state = clean, code
    court.time_zone = valid_time_zone(time_zone, "time_zone")
    court.notes = optional_text(notes, max_len=5000, field="notes", label="The notes")
    log_activity(session, case_id=None, action="court_updated",
                 summary=f"Court edited: {clean}", staff_id=actor_staff_id)
    return Changes(courts=True)


def seed_state_days(session: Session, *, court_id: uuid.UUID, years: Iterable[int],
                    actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Add the reviewed state holidays of these years that the court's list lacks.

    A day the practice removed stays removed (its removal is a decision, not a gap).
    """
    from casedesk.rules.state_holidays import state_holiday_seed

    court = get_live(session, Court, court_id, "court")
    code, reviewed = _state(court.state)
    if not reviewed:
        raise InvalidInput(f"There is no reviewed holiday list for {code or 'this court'}; "
                           "add the state's legal holidays to the court's list by hand.",
                           field="state")
    known = set(session.exec(select(col(CourtHoliday.day)).where(
        CourtHoliday.court_id == court.id, CourtHoliday.kind == HolidayKind.STATE)).all())
    added = 0
    for day, name in sorted(state_holiday_seed(code, years).items()):
        if day in known:
            continue
        session.add(CourtHoliday(court_id=court.id, day=day, name=name,
                                 kind=HolidayKind.STATE, source=REVIEWED_SOURCE,
                                 added_by_staff_id=actor_staff_id))
        added += 1
    if added:
        log_activity(session, case_id=None, action="court_days_seeded",
                     summary=f"{court.name}: {added} {code} state holidays added from the "
                             "reviewed list", staff_id=actor_staff_id)
    return Changes(courts=True) if added else Changes()


def add_court_day(session: Session, *, court_id: uuid.UUID, day: date | str, name: str,
                  kind: HolidayKind | str, actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Put a state holiday or a closure day (weather, e-filing outage) on the court's list."""
    court = get_live(session, Court, court_id, "court")
    when = parse_date(day, "day")
    if when is None:
        raise InvalidInput("Give the day the court is closed.", field="day")
    try:
        what = HolidayKind(kind)
    except ValueError:
        raise InvalidInput(f"{kind!r} is not a kind of court day (state or closure).",
                           field="kind") from None
    clean = required_text(name, "name", "What the day is", max_len=200)
    exists = session.exec(select(CourtHoliday).where(
        CourtHoliday.court_id == court.id, CourtHoliday.day == when,
        col(CourtHoliday.deleted_at).is_(None))).first()
    if exists is not None:
        raise InvalidInput(f"{when:%a} {when.day} {when:%b %Y} is already on the list "
                           f"({exists.name}).", field="day")
    session.add(CourtHoliday(court_id=court.id, day=when, name=clean, kind=what,
                             source=_staff_name(session, actor_staff_id) or "entered",
                             added_by_staff_id=actor_staff_id))
    noun = "closure" if what is HolidayKind.CLOSURE else "state holiday"
    log_activity(session, case_id=None, action="court_day_added",
                 summary=f"{court.name}: {noun} {when:%a} {when.day} {when:%b %Y} "
                         f"({clean}) added", staff_id=actor_staff_id)
    return Changes(courts=True)


def remove_court_day(session: Session, *, day_id: uuid.UUID,
                     actor_staff_id: uuid.UUID | None = None) -> Changes:
    row = get_live(session, CourtHoliday, day_id, "court day")
    court = get_live(session, Court, row.court_id, "court")
    soft_delete(row)
    row.removed_by_staff_id = actor_staff_id
    log_activity(session, case_id=None, action="court_day_removed",
                 summary=f"{court.name}: {row.day:%a} {row.day.day} {row.day:%b %Y} "
                         f"({row.name}) removed", staff_id=actor_staff_id)
    return Changes(courts=True)


def court_calendar(session: Session, court_id: uuid.UUID | None) -> HolidayCalendar:
    """The deadline calendar of a court: federal holidays plus the court's own list."""
    if court_id is None:
        return HolidayCalendar()
    court = get_live(session, Court, court_id, "court")
    state: dict[date, str] = {}
    closures: dict[date, str] = {}
    for row in session.exec(select(CourtHoliday).where(
            CourtHoliday.court_id == court.id, col(CourtHoliday.deleted_at).is_(None))):
        (closures if row.kind is HolidayKind.CLOSURE else state)[row.day] = row.name
    return HolidayCalendar(state=state, closures=closures, state_code=court.state)


def court_for_case(session: Session, court_text: str) -> uuid.UUID | None:
    """The court whose name is the case's court field (ignoring case), if there is one."""
    wanted = court_text.strip().casefold()
    if not wanted:
        return None
    for court in session.exec(select(Court).where(col(Court.deleted_at).is_(None))):
        if court.name.casefold() == wanted:
            return court.id
    return None
