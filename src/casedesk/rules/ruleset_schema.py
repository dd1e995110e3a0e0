"""Rule sets to and from plain JSON-able dicts, with a clear message for every mistake.

Shipped rule sets and the ones a practice writes (stored as JSON in the database) go through
the same `parse_rule_set`, so a user's rule cannot be looser than a shipped one. Errors name
the place, e.g. `triggers[1].deadlines[0].unit: must be one of days, court_days, hours (got
'weeks')`, and carry it as `InvalidInput.field` for the GUI.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from casedesk.domain.enums import EventKind
from casedesk.domain.errors import InvalidInput
from casedesk.rules.counting import MAX_DAYS, Direction, Unit
from casedesk.rules.ruleset_model import DeadlineRule, RuleSet, Trigger

FORMAT = 1
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SHORT, _LONG = 200, 4000  # longest name or title, longest note or citation

_RULE_SET_FIELDS = {"format", "key", "name", "jurisdiction", "version", "description",
                    "triggers"}
_TRIGGER_FIELDS = {"key", "name", "description", "deadlines"}
_DEADLINE_FIELDS = {"key", "title", "amount", "unit", "direction", "service_sensitive", "kind",
                    "authority", "note", "counts_from"}


def _fail(path: str, problem: str) -> InvalidInput:
    return InvalidInput(f"{path}: {problem}", field=path)


def _object(value: Any, path: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(path, f"must be an object (got {type(value).__name__})")
    for name in value:
        if name not in allowed:
            raise _fail(path, f"unknown field {name!r} (fields: {', '.join(sorted(allowed))})")
    return value


def _text(data: Mapping[str, Any], name: str, path: str, *, required: bool = True,
          limit: int = _SHORT) -> str:
    value = data.get(name)
    where = f"{path}.{name}"
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _fail(where, "is required" if value is None else
                    f"must be text (got {type(value).__name__})")
    value = value.strip()
    if required and not value:
        raise _fail(where, "must not be empty")
    if len(value) > limit:
        raise _fail(where, f"is longer than {limit} characters")
    return value


def _key(data: Mapping[str, Any], name: str, path: str) -> str:
    value = _text(data, name, path)
    if not _KEY.fullmatch(value):
        raise _fail(f"{path}.{name}", "must be 1-64 lower-case letters, digits, '_' or '-', "
                                      f"starting with a letter or digit (got {value!r})")
    return value


_E = TypeVar("_E", bound=StrEnum)


def _choice(data: Mapping[str, Any], name: str, path: str, kind: type[_E]) -> _E:
    value = data.get(name)
    if value is None:
        raise _fail(f"{path}.{name}", "is required")
    for member in kind:
        if member.value == value:
            return member
    choices = ", ".join(m.value for m in kind)
    raise _fail(f"{path}.{name}", f"must be one of {choices} (got {value!r})")


def _list(data: Mapping[str, Any], name: str, path: str) -> list[Any]:
    value = data.get(name)
    if not isinstance(value, list):
        raise _fail(f"{path}.{name}", "is required" if value is None else
                    f"must be a list (got {type(value).__name__})")
    if not value:
        raise _fail(f"{path}.{name}", "must not be empty")
    return value


def _deadline(value: Any, path: str, earlier: Mapping[str, DeadlineRule]) -> DeadlineRule:
    data = _object(value, path, _DEADLINE_FIELDS)
    key = _key(data, "key", path)
    if key in earlier:
        raise _fail(f"{path}.key", f"{key!r} is used twice in this trigger")
    unit = _choice(data, "unit", path, Unit)
    direction = _choice(data, "direction", path, Direction)
    amount = data.get("amount")
    limit = MAX_DAYS * 24 if unit is Unit.HOURS else MAX_DAYS
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise _fail(f"{path}.amount", "is required" if amount is None else
                    f"must be a whole number (got {amount!r})")
    if not 1 <= amount <= limit:
        raise _fail(f"{path}.amount", f"must be from 1 to {limit} (got {amount})")
    sensitive = data.get("service_sensitive", False)
    if not isinstance(sensitive, bool):
        raise _fail(f"{path}.service_sensitive", f"must be true or false (got {sensitive!r})")
    if sensitive and direction is Direction.BEFORE:
        raise _fail(f"{path}.service_sensitive", "a period counted before an event does not "
                    "run from service, so Rule 6(d) cannot add days to it")
    counts_from = None
    if data.get("counts_from") is not None:
        counts_from = _key(data, "counts_from", path)
        base = earlier.get(counts_from)
        if base is None:
            raise _fail(f"{path}.counts_from", f"{counts_from!r} is not a deadline listed "
                        "before this one in the same trigger")
        if Unit.HOURS in (unit, base.unit):
            raise _fail(f"{path}.counts_from", "periods in hours cannot be chained")
        if sensitive:
            raise _fail(f"{path}.service_sensitive", "a deadline counted from another "
                        "deadline does not run from service")
    return DeadlineRule(
        key=key, title=_text(data, "title", path), amount=amount, unit=unit,
        direction=direction, service_sensitive=sensitive,
        kind=_choice(data, "kind", path, EventKind),
        authority=_text(data, "authority", path, limit=_LONG),
        note=_text(data, "note", path, required=False, limit=_LONG), counts_from=counts_from)


def _trigger(value: Any, path: str) -> Trigger:
    data = _object(value, path, _TRIGGER_FIELDS)
    key, name = _key(data, "key", path), _text(data, "name", path)
    description = _text(data, "description", path, required=False, limit=_LONG)
    rules: dict[str, DeadlineRule] = {}
    for index, item in enumerate(_list(data, "deadlines", path)):
        rule = _deadline(item, f"{path}.deadlines[{index}]", rules)
        rules[rule.key] = rule
    return Trigger(key=key, name=name, description=description, deadlines=tuple(rules.values()))


def parse_rule_set(data: Any) -> RuleSet:
    """A RuleSet from its dict form, or InvalidInput naming the first mistake and where."""
    path = "rule set"
    root = _object(data, path, _RULE_SET_FIELDS)
    if root.get("format", FORMAT) != FORMAT:
        raise _fail(f"{path}.format", f"must be {FORMAT} (got {root.get('format')!r})")
    key, name = _key(root, "key", path), _text(root, "name", path)
    jurisdiction, version = _text(root, "jurisdiction", path), _text(root, "version", path)
    description = _text(root, "description", path, required=False, limit=_LONG)
    triggers: dict[str, Trigger] = {}
    for index, item in enumerate(_list(root, "triggers", path)):
        trigger = _trigger(item, f"triggers[{index}]")
        if trigger.key in triggers:
            raise _fail(f"triggers[{index}].key", f"{trigger.key!r} is used twice")
        triggers[trigger.key] = trigger
    return RuleSet(key=key, name=name, jurisdiction=jurisdiction, version=version,
                   triggers=tuple(triggers.values()), description=description)


def rule_set_to_dict(rule_set: RuleSet) -> dict[str, Any]:
    """The JSON-able dict form; `parse_rule_set` gives the same RuleSet back."""
    return {
        "format": FORMAT,
        "key": rule_set.key,
        "name": rule_set.name,
        "jurisdiction": rule_set.jurisdiction,
        "version": rule_set.version,
        "description": rule_set.description,
        "triggers": [{
            "key": trigger.key,
            "name": trigger.name,
            "description": trigger.description,
            "deadlines": [_deadline_dict(rule) for rule in trigger.deadlines],
        } for trigger in rule_set.triggers],
    }


def _deadline_dict(rule: DeadlineRule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": rule.key, "title": rule.title, "amount": rule.amount, "unit": rule.unit.value,
        "direction": rule.direction.value, "service_sensitive": rule.service_sensitive,
        "kind": rule.kind.value, "authority": rule.authority, "note": rule.note,
    }
    if rule.counts_from is not None:
        data["counts_from"] = rule.counts_from
    return data
