"""Rule sets: the shipped files parse and round-trip, carry the federal times the rules state,
apply to a trigger with explanations, and a user's rule set is refused with a message that
says where the mistake is."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from typing import Any

import pytest

from casedesk.domain.enums import EventKind
from casedesk.domain.errors import InvalidInput
from casedesk.rules.calendar import calendar_for, federal_calendar
from casedesk.rules.counting import Direction, ServiceMethod, Unit
from casedesk.rules.rulesets import (
    RuleSet,
    apply,
    builtin_rule_set,
    builtin_rule_sets,
    parse_rule_set,
    rule_set_to_dict,
)

FEDERAL = federal_calendar()


def test_builtin_rule_sets_parse_and_round_trip() -> None:
    rule_sets = builtin_rule_sets()
    assert [r.key for r in rule_sets] == ["frcp", "ndcal"]
    for rule_set in rule_sets:
        data = rule_set_to_dict(rule_set)
        assert parse_rule_set(json.loads(json.dumps(data))) == rule_set
        for trigger in rule_set.triggers:
            for rule in trigger.deadlines:
                assert rule.authority.strip() and rule.title.strip()
                if rule.service_sensitive:
                    assert rule.direction is Direction.AFTER


@pytest.mark.parametrize(("trigger", "rule", "amount", "direction", "sensitive", "authority"), [
    ("complaint_filed", "service_of_process", 90, "after", False, "Fed. R. Civ. P. 4(m)"),
    ("complaint_served", "answer", 21, "after", False, "Fed. R. Civ. P. 12(a)(1)(A)(i)"),
    ("waiver_request_sent", "answer", 60, "after", False, "Fed. R. Civ. P. 4(d)(3), "
                                                          "12(a)(1)(A)(ii)"),
    ("answer_served", "answer_to_counterclaim", 21, "after", True, "Fed. R. Civ. P. 12(a)(1)(B)"),
    ("answer_served", "amend_as_of_course", 21, "after", True, "Fed. R. Civ. P. 15(a)(1)(B)"),
    ("rule12_motion_decided", "responsive_pleading", 14, "after", False,
     "Fed. R. Civ. P. 12(a)(4)(A)"),
    ("motion_hearing_set", "motion_served", 14, "before", False, "Fed. R. Civ. P. 6(c)(1)"),
    ("motion_hearing_set", "opposing_affidavits", 7, "before", False, "Fed. R. Civ. P. 6(c)(2)"),
    ("scheduling_conference_set", "rule26f_conference", 21, "before", False,
     "Fed. R. Civ. P. 26(f)(1)"),
    ("rule26f_conference_held", "discovery_plan_report", 14, "after", False,
     "Fed. R. Civ. P. 26(f)(2)"),
    ("rule26f_conference_held", "initial_disclosures", 14, "after", False,
     "Fed. R. Civ. P. 26(a)(1)(C)"),
    ("admission_requests_served", "admission_responses", 30, "after", True,
     "Fed. R. Civ. P. 36(a)(3)"),
    ("trial_set", "expert_disclosures", 90, "before", False, "Fed. R. Civ. P. 26(a)(2)(D)(i)"),
    ("trial_set", "pretrial_disclosures", 30, "before", False, "Fed. R. Civ. P. 26(a)(3)(B)"),
    ("pretrial_disclosures_made", "pretrial_objections", 14, "after", False,
     "Fed. R. Civ. P. 26(a)(3)(B)"),
    ("judgment_entered", "notice_of_appeal", 30, "after", False,
     "Fed. R. App. P. 4(a)(1)(A); time computed under Fed. R. App. P. 26(a)"),
    ("judgment_entered", "rule59_new_trial", 28, "after", False, "Fed. R. Civ. P. 59(b)"),
    ("judgment_entered", "rule59e_motion", 28, "after", False, "Fed. R. Civ. P. 59(e)"),
])
def test_frcp_times(trigger: str, rule: str, amount: int, direction: str, sensitive: bool,
                    authority: str) -> None:
    found = builtin_rule_set("frcp").trigger(trigger).deadline(rule)
    assert (found.amount, found.unit, found.direction, found.service_sensitive,
            found.authority) == (amount, Unit.DAYS, Direction(direction), sensitive, authority)


def test_apply_judgment_entered() -> None:
    deadlines = apply(builtin_rule_set("frcp"), "judgment_entered", date(2026, 6, 15),
                      calendar=FEDERAL)
    due = {d.rule_key: d.due for d in deadlines}
    assert due["notice_of_appeal"] == date(2026, 7, 15)
    assert due["rule59_new_trial"] == date(2026, 7, 13)
    assert due["fees_motion"] == date(2026, 6, 29)
    appeal = next(d for d in deadlines if d.rule_key == "notice_of_appeal")
    assert appeal.kind is EventKind.FILING_DEADLINE
    assert appeal.explanation[:3] == (
        "Notice of appeal: Wed 15 Jul 2026",
        "Authority: Fed. R. App. P. 4(a)(1)(A); time computed under Fed. R. App. P. 26(a)",
        "Trigger: Mon 15 Jun 2026 (not counted)")
    assert appeal.explanation[-1].startswith("Note: 60 days when the United States")


def test_service_adds_days_only_to_service_sensitive_rules() -> None:
    frcp = builtin_rule_set("frcp")
    by_mail = apply(frcp, "answer_served", date(2026, 4, 16), calendar=FEDERAL,
                    service=ServiceMethod.MAIL)
    assert [d.due for d in by_mail] == [date(2026, 5, 11), date(2026, 5, 11)]
    by_email = apply(frcp, "answer_served", date(2026, 4, 16), calendar=FEDERAL,
                     service="electronic")
    assert [d.due for d in by_email] == [date(2026, 5, 7), date(2026, 5, 7)]
    # Summons service is Rule 4 service: Rule 6(d) never extends the answer.
    answer = apply(frcp, "complaint_served", date(2026, 3, 2), calendar=FEDERAL,
                   service=ServiceMethod.MAIL)[0]
    assert answer.due == date(2026, 3, 23)
    assert any("Rule 6(d) does not apply" in line for line in answer.explanation)


def test_chained_deadline_counts_from_the_earlier_due_date() -> None:
    ndcal = builtin_rule_set("ndcal")
    # The opposition's 14th day is Memorial Day, so it is due Tuesday; the reply is 7 days
    # after that, not 21 days after the motion (which would be Monday 1 June).
    opposition, reply = apply(ndcal, "motion_filed", date(2026, 5, 11), calendar=FEDERAL)
    assert opposition.due == date(2026, 5, 26)
    assert reply.due == date(2026, 6, 2)
    assert reply.counted_from == "Opposition due"
    assert "Counted from the due date of 'Opposition due': Tue 26 May 2026" in reply.explanation
    # With California's holidays Cesar Chavez Day moves the opposition, and the reply with it.
    california = calendar_for("CA")
    opposition, reply = apply(ndcal, "motion_filed", date(2026, 3, 17), calendar=california)
    assert (opposition.due, reply.due) == (date(2026, 4, 1), date(2026, 4, 8))


def test_backward_rules_ignore_service_and_state_holidays() -> None:
    (motion,) = apply(builtin_rule_set("ndcal"), "motion_hearing_set", date(2026, 5, 5),
                      calendar=calendar_for("CA"), service=ServiceMethod.MAIL)
    assert motion.due == date(2026, 3, 31)  # 35 days before; Cesar Chavez Day doesn't move it
    assert motion.computation.direction is Direction.BEFORE


def test_unknown_trigger_and_rule_set_are_refused_with_the_choices() -> None:
    with pytest.raises(InvalidInput, match=r"has no trigger 'served' \(triggers: "
                                           "complaint_filed, complaint_served"):
        apply(builtin_rule_set("frcp"), "served", date(2026, 1, 5), calendar=FEDERAL)
    with pytest.raises(InvalidInput, match=r"no rule set 'cal' \(rule sets: frcp, ndcal\)"):
        builtin_rule_set("cal")


# --- A practice's own rule sets ---------------------------------------------------------------

USER: dict[str, Any] = {
    "key": "firm",
    "name": "Our firm's reminders",
    "jurisdiction": "Internal",
    "version": "1",
    "triggers": [{
        "key": "deposition_set",
        "name": "Deposition date",
        "deadlines": [
            {"key": "prep", "title": "Prepare the witness", "amount": 5, "unit": "court_days",
             "direction": "before", "kind": "internal_deadline", "authority": "Firm policy"},
            {"key": "outline", "title": "Outline to partner", "amount": 2, "unit": "days",
             "direction": "before", "kind": "reminder", "authority": "Firm policy",
             "counts_from": "prep"},
        ],
    }],
}


def test_user_rule_set_parses_with_defaults_and_round_trips() -> None:
    rule_set = parse_rule_set(USER)
    assert isinstance(rule_set, RuleSet)
    prep, outline = rule_set.trigger("deposition_set").deadlines
    assert (prep.unit, prep.service_sensitive, prep.note, prep.counts_from) == (
        Unit.COURT_DAYS, False, "", None)
    assert outline.counts_from == "prep"
    data = rule_set_to_dict(rule_set)
    assert "counts_from" not in data["triggers"][0]["deadlines"][0]
    assert parse_rule_set(data) == rule_set
    # Fri 17 Jul 2026: 5 court days back is Fri 10 Jul; 2 days before that is Wed 8 Jul.
    due = [d.due for d in apply(rule_set, "deposition_set", date(2026, 7, 17),
                                calendar=FEDERAL)]
    assert due == [date(2026, 7, 10), date(2026, 7, 8)]


def _broken(path: str, value: Any) -> dict[str, Any]:
    """USER with one value replaced (or removed, for `...`) at a dotted path."""
    data = copy.deepcopy(USER)
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is ...:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


D0 = "triggers.0.deadlines.0"


@pytest.mark.parametrize(("path", "value", "message"), [
    ("key", ..., "rule set.key: is required"),
    ("key", "Firm Rules", "rule set.key: must be 1-64 lower-case letters, digits, '_' or '-'"),
    ("trigers", [], "rule set: unknown field 'trigers'"),
    ("format", 2, "rule set.format: must be 1 (got 2)"),
    ("name", "  ", "rule set.name: must not be empty"),
    ("triggers", [], "rule set.triggers: must not be empty"),
    ("triggers", {"key": "x"}, "rule set.triggers: must be a list (got dict)"),
    ("triggers.0.deadlines", ..., "triggers[0].deadlines: is required"),
    ("triggers.0.name", 7, "triggers[0].name: must be text (got int)"),
    (f"{D0}.unit", "weeks",
     "triggers[0].deadlines[0].unit: must be one of days, court_days, hours (got 'weeks')"),
    (f"{D0}.direction", "around",
     "triggers[0].deadlines[0].direction: must be one of after, before (got 'around')"),
    (f"{D0}.amount", "5", "triggers[0].deadlines[0].amount: must be a whole number (got '5')"),
    (f"{D0}.amount", True, "triggers[0].deadlines[0].amount: must be a whole number (got True)"),
    (f"{D0}.amount", 0, "triggers[0].deadlines[0].amount: must be from 1 to 36600 (got 0)"),
    (f"{D0}.kind", "deadline", "triggers[0].deadlines[0].kind: must be one of hearing, trial"),
    (f"{D0}.authority", "", "triggers[0].deadlines[0].authority: must not be empty"),
    (f"{D0}.title", "x" * 201, "triggers[0].deadlines[0].title: is longer than 200 characters"),
    (f"{D0}.service_sensitive", "yes",
     "triggers[0].deadlines[0].service_sensitive: must be true or false (got 'yes')"),
    (f"{D0}.service_sensitive", True, "triggers[0].deadlines[0].service_sensitive: a period "
                                      "counted before an event does not run from service"),
    (f"{D0}.ofset", 3, "triggers[0].deadlines[0]: unknown field 'ofset'"),
    (f"{D0}.counts_from", "outline", "triggers[0].deadlines[0].counts_from: 'outline' is not "
                                     "a deadline listed before this one"),
    ("triggers.0.deadlines.1.key", "prep",
     "triggers[0].deadlines[1].key: 'prep' is used twice in this trigger"),
    ("triggers.0.deadlines.1.unit", "hours",
     "triggers[0].deadlines[1].counts_from: periods in hours cannot be chained"),
])
def test_user_rule_set_mistakes_are_named_by_path(path: str, value: Any, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_rule_set(_broken(path, value))
    assert caught.value.message.startswith(message), caught.value.message
    assert caught.value.field == caught.value.message.split(": ", 1)[0]


def test_duplicate_trigger_and_non_object_input_are_refused() -> None:
    data = copy.deepcopy(USER)
    data["triggers"].append(copy.deepcopy(data["triggers"][0]))
    with pytest.raises(InvalidInput, match=r"^triggers\[1\]\.key: 'deposition_set' is used "
                                           "twice$"):
        parse_rule_set(data)
    with pytest.raises(InvalidInput, match=r"^rule set: must be an object \(got list\)$"):
        parse_rule_set([USER])


def test_chained_rule_cannot_be_service_sensitive() -> None:
    data = copy.deepcopy(USER)
    second = data["triggers"][0]["deadlines"][1]
    second.update(direction="after", service_sensitive=True)
    with pytest.raises(InvalidInput, match="counted from another deadline does not run from "
                                           "service"):
        parse_rule_set(data)


def test_hours_rule_needs_a_trigger_time() -> None:
    data = copy.deepcopy(USER)
    data["triggers"][0]["deadlines"] = [{
        "key": "notice", "title": "Emergency notice", "amount": 24, "unit": "hours",
        "direction": "after", "kind": "filing_deadline", "authority": "Standing order 3"}]
    rule_set = parse_rule_set(data)
    with pytest.raises(InvalidInput, match=r"^Emergency notice: a period in hours needs the "
                                           r"time of the event"):
        apply(rule_set, "deposition_set", date(2026, 7, 2), calendar=FEDERAL)
    (notice,) = apply(rule_set, "deposition_set", datetime(2026, 7, 2, 16, 0),
                      calendar=FEDERAL)
    assert notice.due == datetime(2026, 7, 6, 16, 0)
