"""Rule sets: the shipped ones (package data), and applying one trigger to get its deadlines.

The model (`RuleSet`, `Trigger`, `DeadlineRule`) and its JSON form (`parse_rule_set`,
`rule_set_to_dict`) live in their own modules and are re-exported here, so callers import
everything about rule sets from this one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files

from casedesk.domain.enums import EventKind
from casedesk.domain.errors import InvalidInput
from casedesk.rules.calendar import HolidayCalendar
from casedesk.rules.counting import Computation, ServiceMethod, compute
from casedesk.rules.daytext import moment_text
from casedesk.rules.ruleset_model import DeadlineRule, RuleSet, Trigger
from casedesk.rules.ruleset_schema import parse_rule_set, rule_set_to_dict

__all__ = [
    "ComputedDeadline",
    "DeadlineRule",
    "RuleSet",
    "Trigger",
    "apply",
    "builtin_rule_set",
    "builtin_rule_sets",
    "parse_rule_set",
    "rule_set_to_dict",
]

_NOT_RULE_SETS = frozenset({"state_holidays.json"})


@lru_cache(maxsize=1)
def builtin_rule_sets() -> tuple[RuleSet, ...]:
    """The rule sets shipped in `casedesk/resources/rules/*.json`, sorted by key."""
    folder = files("casedesk.resources") / "rules"
    found = []
    for item in folder.iterdir():
        if item.name.endswith(".json") and item.name not in _NOT_RULE_SETS:
            try:
                found.append(parse_rule_set(json.loads(item.read_text("utf-8"))))
            except InvalidInput as exc:  # a shipped file is ours: this is a bug, say where
                raise ValueError(f"resources/rules/{item.name}: {exc.message}") from exc
    return tuple(sorted(found, key=lambda rule_set: rule_set.key))


def builtin_rule_set(key: str) -> RuleSet:
    """The shipped rule set with this key, or InvalidInput listing the ones there are."""
    for rule_set in builtin_rule_sets():
        if rule_set.key == key:
            return rule_set
    known = ", ".join(r.key for r in builtin_rule_sets())
    raise InvalidInput(f"no rule set {key!r} (rule sets: {known})", field="rule_set")


@dataclass(frozen=True)
class ComputedDeadline:
    """One deadline a trigger set, with its date, its authority and how it was counted."""

    rule_set_key: str
    trigger_key: str
    rule_key: str
    title: str
    kind: EventKind
    due: date  # a datetime for periods in hours
    authority: str
    note: str
    computation: Computation
    counted_from: str = ""  # title of the deadline this one counts from, if any

    @property
    def explanation(self) -> tuple[str, ...]:
        """The lines to show and store with the deadline: rule, trigger, count, skipped days."""
        lines = [f"{self.title}: {moment_text(self.due)}", f"Authority: {self.authority}"]
        if self.counted_from:
            lines.append(f"Counted from the due date of {self.counted_from!r}: "
                         f"{moment_text(self.computation.trigger)}")
        lines.extend(self.computation.steps)
        if self.note:
            lines.append(f"Note: {self.note}")
        return tuple(lines)


def apply(rule_set: RuleSet, trigger_key: str, trigger_date: date, *,
          calendar: HolidayCalendar,
          service: ServiceMethod | str | None = None) -> list[ComputedDeadline]:
    """Every deadline `trigger_key` sets when it happens on `trigger_date` (a datetime when a
    rule counts hours), in the rule set's order. `service` is how the triggering paper was
    served; it adds days only to the service-sensitive rules."""
    trigger = rule_set.trigger(trigger_key)
    due: dict[str, ComputedDeadline] = {}
    for rule in trigger.deadlines:
        base = trigger_date if rule.counts_from is None else due[rule.counts_from].due
        try:
            computation = compute(
                base, rule.amount, unit=rule.unit, direction=rule.direction,
                calendar=calendar, service=None if rule.counts_from else service,
                service_applies=rule.service_sensitive)
        except InvalidInput as exc:
            raise InvalidInput(f"{rule.title}: {exc.message}", field=exc.field) from exc
        due[rule.key] = ComputedDeadline(
            rule_set_key=rule_set.key, trigger_key=trigger.key, rule_key=rule.key,
            title=rule.title, kind=rule.kind, due=computation.due, authority=rule.authority,
            note=rule.note, computation=computation,
            counted_from=due[rule.counts_from].title if rule.counts_from else "")
    return list(due.values())
