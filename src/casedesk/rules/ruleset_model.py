"""What a rule set is: triggers (things that happen on a case) and the deadlines each one sets.

A deadline counts from its trigger's date, or, with `counts_from`, from the due date of an
earlier deadline of the same trigger, for rules that run from when something was *due* (N.D.
Cal. Civil L.R. 7-3(c): the reply is due 7 days after the opposition was due). A rule that runs
from when something was actually *done* (objections 14 days after pretrial disclosures are
made) gets its own trigger instead: counting from the latest permitted day could give a date
later than the real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from casedesk.domain.enums import EventKind
from casedesk.domain.errors import InvalidInput
from casedesk.rules.counting import Direction, Unit


@dataclass(frozen=True)
class DeadlineRule:
    """One dependent deadline: `amount` `unit`s `direction` the trigger, and where that's from."""

    key: str
    title: str
    amount: int
    unit: Unit
    direction: Direction
    service_sensitive: bool  # runs after being served, so Rule 6(d) may add 3 days
    kind: EventKind  # the kind of calendar event the deadline becomes
    authority: str  # the citation shown with every computed date
    note: str = ""
    counts_from: str | None = None  # key of an earlier deadline of the same trigger


@dataclass(frozen=True)
class Trigger:
    """Something that happens on a case and starts deadlines ("complaint served")."""

    key: str
    name: str
    description: str
    deadlines: tuple[DeadlineRule, ...]

    def deadline(self, key: str) -> DeadlineRule:
        for rule in self.deadlines:
            if rule.key == key:
                return rule
        raise InvalidInput(f"trigger {self.key!r} sets no deadline {key!r}", field="deadline")


@dataclass(frozen=True)
class RuleSet:
    """A named, versioned set of triggers (the shipped FRCP set, or one the practice wrote)."""

    key: str
    name: str
    jurisdiction: str
    version: str
    triggers: tuple[Trigger, ...]
    description: str = ""

    def trigger(self, key: str) -> Trigger:
        """The trigger with this key, or InvalidInput listing the ones there are."""
        for trigger in self.triggers:
            if trigger.key == key:
                return trigger
        known = ", ".join(t.key for t in self.triggers)
        raise InvalidInput(f"rule set {self.key!r} has no trigger {key!r} (triggers: {known})",
                           field="trigger")
