"""Computed deadlines on a case: apply a rule set's trigger, and re-compute without surprises.

Applying a trigger ("summons and complaint served on 13 Jun 2026 by mail") stores the trigger
and one all-day event per chosen deadline, each with its rule, authority and explanation. When
the trigger's date, its service method, its court's holiday list or the rule set changes,
`recompute` works out what each *pending* deadline would become and returns the differences;
nothing moves until `accept_changes` is called with the ones a person accepted. Deadlines
someone already marked done, vacated or moved by hand are shown but never moved automatically.

A trigger can be a court date on the calendar (the motion hearing, the trial): then it keeps the
event's id, and when that event moves `event_trigger_reviews` gives the same kind of diff for
the event's new day, for a person to accept. When that event is vacated, cancelled or deleted,
`dependent_deadlines` lists the pending deadlines that counted from it and `vacate_deadlines`
vacates the ones a person chose; none of them is touched otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from casedesk.domain.changes import Changes
from casedesk.domain.enums import DEADLINE_KINDS, EventKind, EventStatus, label
from casedesk.domain.errors import InvalidInput, NotFound
from casedesk.domain.models import Case, DeadlineTrigger, Event, UserRuleSet
from casedesk.domain.types import utcnow
from casedesk.rules.counting import ServiceMethod
from casedesk.rules.rulesets import (
    ComputedDeadline,
    RuleSet,
    apply,
    builtin_rule_sets,
    parse_rule_set,
    rule_set_to_dict,
)
from casedesk.services.common import get_live, log_activity
from casedesk.services.courts import court_calendar, court_for_case
from casedesk.services.events import (
    EventInput,
    add_event,
    event_input,
    set_event_status,
    update_event,
)


def rule_sets(session: Session) -> list[RuleSet]:
    """The shipped rule sets, then the practice's own (by name)."""
    own = session.exec(select(UserRuleSet).where(col(UserRuleSet.deleted_at).is_(None))
                       .order_by(col(UserRuleSet.name))).all()
    return [*builtin_rule_sets(), *(parse_rule_set(dict(r.data)) for r in own)]


def rule_set(session: Session, key: str) -> RuleSet:
    for candidate in rule_sets(session):
        if candidate.key == key:
            return candidate
    raise NotFound("rule set", key)


def is_builtin(key: str) -> bool:
    return any(rs.key == key for rs in builtin_rule_sets())


def save_rule_set(session: Session, *, data: dict[str, Any],
                  actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Create or replace one of the practice's own rule sets (checked whole first)."""
    parsed = parse_rule_set(data)
    if is_builtin(parsed.key):
        raise InvalidInput(f"{parsed.key!r} is a rule set shipped with casedesk; give yours "
                           "another key (copy it, then edit the copy).", field="key")
    row = session.exec(select(UserRuleSet).where(UserRuleSet.key == parsed.key)).first()
    stored = rule_set_to_dict(parsed)
    if row is None:
        session.add(UserRuleSet(key=parsed.key, name=parsed.name, data=stored))
        action = "added"
    else:
        row.name, row.data, row.deleted_at = parsed.name, stored, None
        action = "changed"
    log_activity(session, case_id=None, action=f"rule_set_{action}",
                 summary=f"Rule set {action}: {parsed.name} ({parsed.key})",
                 staff_id=actor_staff_id)
    return Changes(courts=True)


def delete_rule_set(session: Session, *, key: str,
                    actor_staff_id: uuid.UUID | None = None) -> Changes:
    row = session.exec(select(UserRuleSet).where(UserRuleSet.key == key,
                                                 col(UserRuleSet.deleted_at).is_(None))).first()
    if row is None:
        raise NotFound("rule set", key)
    used = session.exec(select(DeadlineTrigger.id).where(
        DeadlineTrigger.rule_set_key == key, col(DeadlineTrigger.deleted_at).is_(None))).first()
    if used is not None:
        raise InvalidInput(f"Rule set {row.name!r} has computed deadlines on cases; it cannot "
                           "be deleted.", field="key")
    row.deleted_at = utcnow()
    log_activity(session, case_id=None, action="rule_set_deleted",
                 summary=f"Rule set deleted: {row.name} ({key})", staff_id=actor_staff_id)
    return Changes(courts=True)


def _service(value: str | None) -> ServiceMethod | None:
    if not value:
        return None
    try:
        return ServiceMethod.parse(value)
    except (ValueError, InvalidInput):
        raise InvalidInput(f"{value!r} is not a service method (personal, electronic, mail, "
                           "clerk, other-consent).", field="service_method") from None


# Pass as court_id to count with the federal holidays only, even where the case's court has a
# list of its own (None means "the case's court" when applying, "unchanged" when changing).
FEDERAL_ONLY = uuid.UUID(int=0)


def _court(session: Session, case: Case, court_id: uuid.UUID | None) -> uuid.UUID | None:
    if court_id == FEDERAL_ONLY:
        return None
    return court_id if court_id is not None else court_for_case(session, case.court)


def _changed_court(row: DeadlineTrigger, court_id: uuid.UUID | None) -> uuid.UUID | None:
    """The court a re-computation counts with: the given one, none, or the stored one."""
    if court_id == FEDERAL_ONLY:
        return None
    return court_id if court_id is not None else row.court_id


def plan(session: Session, *, case_id: uuid.UUID, rule_set_key: str, trigger_key: str,
         trigger_date: date, service_method: str = "",
         court_id: uuid.UUID | None = None) -> list[ComputedDeadline]:
    """What applying this trigger would create (nothing is written)."""
    case = get_live(session, Case, case_id, "case")
    chosen = rule_set(session, rule_set_key)
    calendar = court_calendar(session, _court(session, case, court_id))
    return apply(chosen, trigger_key, trigger_date, calendar=calendar,
                 service=_service(service_method))


def _header(chosen: RuleSet, trigger_name: str, trigger_date: date,
            service: ServiceMethod | None) -> list[str]:
    lines = [f"Rule set: {chosen.name}",
             f"Trigger: {trigger_name}, {trigger_date:%a} {trigger_date.day} "
             f"{trigger_date:%b %Y}"]
    if service is not None:
        lines.append(f"Served: {service.label}")
    return lines


def _day(due: date | datetime) -> date:
    return due.date() if isinstance(due, datetime) else due


def _day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _check_trigger_event(session: Session, *, case_id: uuid.UUID, event_id: uuid.UUID,
                         trigger_date: date) -> None:
    """The event a trigger counts from must be a live court date of the same case, on the
    trigger's day: otherwise a later move of the event would review the wrong deadlines."""
    event = get_live(session, Event, event_id, "event")
    if event.case_id != case_id:
        raise InvalidInput("The event is on another case; deadlines can only count from an "
                           "event of the same case.", field="event_id")
    if event.kind in DEADLINE_KINDS:
        raise InvalidInput(f"“{event.title}” is itself a deadline; deadlines count from a "
                           "court date or another event, not from a deadline.",
                           field="event_id")
    if event.day != trigger_date:
        raise InvalidInput(f"“{event.title}” is on {_day_text(event.day)}, but the trigger "
                           f"date is {_day_text(trigger_date)}; they must be the same day.",
                           field="trigger_date")


def apply_trigger(session: Session, *, case_id: uuid.UUID, rule_set_key: str, trigger_key: str,
                  trigger_date: date, service_method: str = "",
                  court_id: uuid.UUID | None = None, rule_keys: Sequence[str] | None = None,
                  attendee_staff_ids: tuple[uuid.UUID, ...] = (),
                  trigger_id: uuid.UUID | None = None, notes: str = "",
                  actor_staff_id: uuid.UUID | None = None,
                  event_id: uuid.UUID | None = None) -> Changes:
    """Store the trigger and create its deadlines (all, or those in `rule_keys`).

    `event_id` names the calendar event the trigger is (the hearing whose date it is), so
    that moving that event brings its deadlines up for review.
    """
    case = get_live(session, Case, case_id, "case")
    if event_id is not None:
        _check_trigger_event(session, case_id=case.id, event_id=event_id,
                             trigger_date=trigger_date)
    chosen = rule_set(session, rule_set_key)
    trigger = chosen.trigger(trigger_key)
    service = _service(service_method)
    court = _court(session, case, court_id)
    computed = apply(chosen, trigger_key, trigger_date, calendar=court_calendar(session, court),
                     service=service)
    wanted = [c for c in computed if rule_keys is None or c.rule_key in set(rule_keys)]
    if not wanted:
        raise InvalidInput("Choose at least one deadline to add.", field="rule_keys")
    row = DeadlineTrigger(id=trigger_id or uuid.uuid4(), case_id=case.id,
                          rule_set_key=chosen.key, trigger_key=trigger.key,
                          trigger_date=trigger_date,
                          service_method=service.value if service else "", court_id=court,
                          event_id=event_id, notes=notes.strip())
    session.add(row)
    session.flush()
    header = _header(chosen, trigger.name, trigger_date, service)
    for item in wanted:
        add_event(session, data=EventInput(
            kind=item.kind, title=item.title, case_id=case.id, all_day=True,
            on_date=_day(item.due), notes=item.note,
            attendee_staff_ids=attendee_staff_ids), allow_double_booking=True,
            actor_staff_id=actor_staff_id, trigger_id=row.id, rule_key=item.rule_key,
            authority=item.authority, explanation=(*header, *item.explanation))
    log_activity(session, case_id=case.id, action="deadlines_computed",
                 summary=f"{len(wanted)} deadline{'s' if len(wanted) != 1 else ''} from "
                         f"{trigger.name} ({chosen.name})", staff_id=actor_staff_id)
    return Changes(events=True, reminders=True, cases=True)


@dataclass(frozen=True, slots=True)
class DeadlineChange:
    """One linked deadline before and after a re-computation."""

    event_id: uuid.UUID
    title: str
    old_day: date
    new_day: date | None  # None: its rule is no longer in the rule set
    status: EventStatus
    explanation: tuple[str, ...]
    authority: str

    @property
    def moves(self) -> bool:
        return self.new_day is not None and self.new_day != self.old_day

    @property
    def can_move(self) -> bool:
        """Only a pending deadline is ever moved (done/vacated ones are history)."""
        return self.status is EventStatus.SCHEDULED and self.moves


def _linked(session: Session, trigger_id: uuid.UUID) -> list[Event]:
    return list(session.exec(select(Event).where(
        Event.trigger_id == trigger_id, col(Event.deleted_at).is_(None))
        .order_by(col(Event.day))).all())


def recompute(session: Session, *, trigger_id: uuid.UUID, trigger_date: date | None = None,
              service_method: str | None = None,
              court_id: uuid.UUID | None = None) -> list[DeadlineChange]:
    """What each linked deadline would be with these trigger details (nothing is written)."""
    row = get_live(session, DeadlineTrigger, trigger_id, "deadline trigger")
    chosen = rule_set(session, row.rule_set_key)
    trigger = chosen.trigger(row.trigger_key)
    when = trigger_date or row.trigger_date
    service = _service(row.service_method if service_method is None else service_method)
    calendar = court_calendar(session, _changed_court(row, court_id))
    computed = {c.rule_key: c for c in apply(chosen, trigger.key, when, calendar=calendar,
                                             service=service)}
    header = _header(chosen, trigger.name, when, service)
    changes: list[DeadlineChange] = []
    for event in _linked(session, row.id):
        item = computed.get(event.rule_key)
        assert event.on_date is not None
        changes.append(DeadlineChange(
            event_id=event.id, title=event.title, old_day=event.on_date,
            new_day=_day(item.due) if item else None, status=event.status,
            explanation=(*header, *item.explanation) if item else tuple(event.explanation),
            authority=item.authority if item else event.authority))
    return changes


def accept_changes(session: Session, *, trigger_id: uuid.UUID, trigger_date: date,
                   service_method: str, court_id: uuid.UUID | None = None,
                   accepted: Sequence[uuid.UUID] = (),
                   actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Save the new trigger details and move the deadlines a person accepted.

    A pending deadline that was not accepted keeps its day, and its explanation says that it
    no longer matches the trigger, so the difference stays visible.
    """
    row = get_live(session, DeadlineTrigger, trigger_id, "deadline trigger")
    diffs = recompute(session, trigger_id=trigger_id, trigger_date=trigger_date,
                      service_method=service_method, court_id=court_id)
    chosen = set(accepted)
    old_date = row.trigger_date
    row.trigger_date = trigger_date
    service = _service(service_method)
    row.service_method = service.value if service is not None else ""
    row.court_id = _changed_court(row, court_id)
    moved = 0
    for diff in diffs:
        event = get_live(session, Event, diff.event_id, "event")
        if diff.event_id in chosen and diff.can_move:
            assert diff.new_day is not None
            update_event(session, event_id=event.id, data=event_input(
                session, event, on_date=diff.new_day), allow_double_booking=True,
                actor_staff_id=actor_staff_id, note="trigger changed; accepted")
            event.explanation = list(diff.explanation)
            event.authority = diff.authority
            moved += 1
        elif diff.can_move and diff.new_day is not None:
            new = diff.new_day
            event.explanation = [
                *event.explanation,
                f"Not moved when the trigger changed to {trigger_date:%a} {trigger_date.day} "
                f"{trigger_date:%b %Y}: the rule now gives {new:%a} {new.day} {new:%b %Y}"]
    log_activity(session, case_id=row.case_id, action="trigger_changed",
                 summary=f"Trigger date {old_date:%d %b %Y} → {trigger_date:%d %b %Y}; "
                         f"{moved} deadline{'s' if moved != 1 else ''} moved",
                 staff_id=actor_staff_id)
    return Changes(events=True, reminders=True, cases=True)


@dataclass(frozen=True, slots=True)
class TriggerRow:
    id: uuid.UUID
    case_id: uuid.UUID
    rule_set_key: str
    rule_set_name: str
    trigger_key: str
    trigger_name: str
    trigger_date: date
    service_method: str
    court_id: uuid.UUID | None
    deadlines: int
    event_id: uuid.UUID | None = None  # the calendar event the trigger is, if any


def case_triggers(session: Session, case_id: uuid.UUID) -> list[TriggerRow]:
    rows = session.exec(select(DeadlineTrigger).where(
        DeadlineTrigger.case_id == case_id, col(DeadlineTrigger.deleted_at).is_(None))
        .order_by(col(DeadlineTrigger.trigger_date))).all()
    return _trigger_rows(session, rows)


def _trigger_rows(session: Session, rows: Sequence[DeadlineTrigger]) -> list[TriggerRow]:
    sets = {rs.key: rs for rs in rule_sets(session)}
    result: list[TriggerRow] = []
    for row in rows:
        rs = sets.get(row.rule_set_key)
        name = row.trigger_key
        if rs is not None:
            name = next((t.name for t in rs.triggers if t.key == row.trigger_key), name)
        result.append(TriggerRow(
            id=row.id, case_id=row.case_id, rule_set_key=row.rule_set_key,
            rule_set_name=rs.name if rs else row.rule_set_key, trigger_key=row.trigger_key,
            trigger_name=name, trigger_date=row.trigger_date,
            service_method=row.service_method, court_id=row.court_id,
            deadlines=len(_linked(session, row.id)), event_id=row.event_id))
    return result


def triggers_for_event(session: Session, event_id: uuid.UUID) -> list[TriggerRow]:
    """The live triggers that count from this calendar event (usually none or one)."""
    rows = session.exec(select(DeadlineTrigger).where(
        DeadlineTrigger.event_id == event_id, col(DeadlineTrigger.deleted_at).is_(None))
        .order_by(col(DeadlineTrigger.trigger_date), col(DeadlineTrigger.id))).all()
    return _trigger_rows(session, rows)


def event_trigger_reviews(session: Session, *, event_id: uuid.UUID
                          ) -> list[tuple[TriggerRow, date, list[DeadlineChange]]]:
    """After an event moved: each trigger counting from it whose date is no longer the event's
    day, with that new day and what its deadlines would become (nothing is written).

    A trigger stays on its old date until a person accepts or keeps the diff
    (`accept_changes`), so a review declined now comes back the next time the event changes.
    """
    event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        return []
    reviews: list[tuple[TriggerRow, date, list[DeadlineChange]]] = []
    for trigger in triggers_for_event(session, event_id):
        if trigger.trigger_date != event.day:
            reviews.append((trigger, event.day,
                            recompute(session, trigger_id=trigger.id, trigger_date=event.day)))
    return reviews


def _affected(session: Session, case_ids: Sequence[uuid.UUID], wanted: Any
              ) -> list[tuple[TriggerRow, list[DeadlineChange]]]:
    affected: list[tuple[TriggerRow, list[DeadlineChange]]] = []
    for case_id in sorted(set(case_ids), key=str):
        for trigger in case_triggers(session, case_id):
            if not wanted(trigger):
                continue
            diffs = recompute(session, trigger_id=trigger.id)
            if any(d.can_move or d.new_day is None for d in diffs):
                affected.append((trigger, diffs))
    return affected


def rule_set_changes(session: Session, *,
                     key: str) -> list[tuple[TriggerRow, list[DeadlineChange]]]:
    """After a rule set is edited: every trigger using it whose pending deadlines would move."""
    case_ids = session.exec(select(DeadlineTrigger.case_id).where(
        DeadlineTrigger.rule_set_key == key, col(DeadlineTrigger.deleted_at).is_(None))).all()
    return _affected(session, case_ids, lambda t: t.rule_set_key == key)


def court_changes(session: Session, *,
                  court_id: uuid.UUID) -> list[tuple[TriggerRow, list[DeadlineChange]]]:
    """After a court's holiday list changed: every trigger counted with that court's calendar
    whose pending deadlines would now fall on another day (nothing is moved here)."""
    case_ids = session.exec(select(DeadlineTrigger.case_id).where(
        DeadlineTrigger.court_id == court_id,
        col(DeadlineTrigger.deleted_at).is_(None))).all()
    return _affected(session, case_ids, lambda t: t.court_id == court_id)


# --- deadlines that count from an event that no longer takes place ---------------------------

@dataclass(frozen=True, slots=True)
class DependentDeadline:
    """A pending deadline counted from a calendar event ("serve 14 days before the hearing")."""

    event_id: uuid.UUID
    case_id: uuid.UUID | None
    kind: EventKind
    title: str
    day: date
    status: EventStatus
    trigger_id: uuid.UUID
    trigger_name: str
    authority: str


def dependent_deadlines(session: Session, *, event_id: uuid.UUID) -> list[DependentDeadline]:
    """The scheduled deadlines of the live triggers that count from this event, by day.

    The event itself may already be vacated or deleted (that is when this is asked): its
    triggers stay, so their deadlines can still be found. Done, vacated and cancelled deadlines
    are history and are not listed.
    """
    found: list[DependentDeadline] = []
    for trigger in triggers_for_event(session, event_id):
        found.extend(DependentDeadline(
            event_id=event.id, case_id=event.case_id, kind=event.kind, title=event.title,
            day=event.day, status=event.status, trigger_id=trigger.id,
            trigger_name=trigger.trigger_name, authority=event.authority)
            for event in _linked(session, trigger.id) if event.status is EventStatus.SCHEDULED)
    return sorted(found, key=lambda d: (d.day, d.title, str(d.event_id)))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def vacate_deadlines(session: Session, *, event_ids: Sequence[uuid.UUID],
                     from_event_id: uuid.UUID | None = None,
                     actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Vacate these pending deadlines together: all of them or, if one is refused, none.

    With `from_event_id` (the hearing that was vacated) each one must still be a pending
    deadline counted from that event, and the case history says why they were vacated. A
    deadline someone marked done or moved meanwhile is refused rather than overwritten.
    """
    wanted = list(dict.fromkeys(event_ids))
    if not wanted:
        raise InvalidInput("Choose at least one deadline to vacate.", field="event_ids")
    rows = [get_live(session, Event, event_id, "deadline") for event_id in wanted]
    for row in rows:
        if row.status is not EventStatus.SCHEDULED:
            raise InvalidInput(f"“{row.title}” is no longer scheduled (it is "
                               f"{label(row.status).lower()}); nothing was vacated.",
                               field="event_ids")
    source = session.get(Event, from_event_id) if from_event_id is not None else None
    if from_event_id is not None:
        linked = {t.id for t in triggers_for_event(session, from_event_id)}
        for row in rows:
            if row.trigger_id not in linked:
                raise InvalidInput(f"“{row.title}” does not count from that event; nothing "
                                   "was vacated.", field="event_ids")
    for row in rows:
        set_event_status(session, event_id=row.id, status=EventStatus.VACATED,
                         actor_staff_id=actor_staff_id)
    why = (f" with the {label(source.kind).lower()} “{source.title}” on "
           f"{_day_text(source.day)}" if source is not None else "")
    for case_id in dict.fromkeys(row.case_id for row in rows):
        titles = [row.title for row in rows if row.case_id == case_id]
        log_activity(session, case_id=case_id, action="deadlines_vacated",
                     summary=f"{_plural(len(titles), 'deadline')} vacated{why}: "
                             + "; ".join(titles), staff_id=actor_staff_id)
    return Changes(events=True, reminders=True, cases=True)
