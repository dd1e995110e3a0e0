"""`casedesk deadline --from DATE --days N ...`: compute a court deadline under FRCP 6.

Pure computation: it opens no practice and touches no database, so it answers at once. The
first line of output is the due date (ISO), so scripts can read it; `--explain` adds how it
was counted. `--rule-set KEY --trigger KEY` lists every deadline a trigger sets instead.
"""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casedesk.rules.calendar import HolidayCalendar

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# A date and time as 2026-03-06T17:00 (or with a space), seconds and a UTC offset optional; not
# the other forms Python also reads ("20260306T1700", "2026-W10-5T17", "2026-03-06T17").
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
                         r"(?:Z|[+-]\d{2}:?\d{2})?", re.ASCII)
_SERVICE_CHOICES = ("personal", "electronic", "mail", "clerk", "other-consent")


def _count(text: str) -> int:
    """A --days/--hours value: a whole number from 1 up (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _day(text: str) -> date:
    """A YYYY-MM-DD date, or ValueError."""
    if not _ISO_DAY.fullmatch(text.strip()):
        raise ValueError(text)
    return date.fromisoformat(text.strip())


def _closure(text: str) -> tuple[date, str]:
    """A --closure value: DATE or DATE=REASON (argparse type)."""
    day_text, _, reason = text.partition("=")
    try:
        day = _day(day_text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not DATE or DATE=REASON with DATE as "
                                         "YYYY-MM-DD") from None
    return day, reason.strip() or "court closed"


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="DATE",
                        help="the trigger: YYYY-MM-DD, or with --hours a date and time "
                             "(2026-03-06T17:00, optionally with a UTC offset)")
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--days", type=_count, metavar="N", help="a period of N days")
    amount.add_argument("--hours", type=_count, metavar="N", help="a period of N hours")
    parser.add_argument("--before", action="store_true",
                        help="count back from the event (\"at least N days before\")")
    parser.add_argument("--court-days", action="store_true",
                        help="count court days (days the court is open) instead of calendar "
                             "days")
    parser.add_argument("--service", choices=_SERVICE_CHOICES,
                        help="how the paper that starts the period was served; mail, clerk "
                             "and other-consent add 3 days (Rule 6(d))")
    parser.add_argument("--state", metavar="XX",
                        help="the court's state: its reviewed legal holidays extend periods "
                             "counted forward")
    parser.add_argument("--closure", action="append", type=_closure, default=[],
                        metavar="DATE[=REASON]",
                        help="a day the court was closed (repeatable)")
    parser.add_argument("--explain", action="store_true",
                        help="after the due date, print how it was counted")
    parser.add_argument("--rule-set", metavar="KEY",
                        help="list the deadlines of a shipped rule set's trigger instead "
                             "(frcp, ndcal; without --trigger, list its triggers)")
    parser.add_argument("--trigger", metavar="KEY", help="the trigger, with --rule-set")


def run(args: argparse.Namespace) -> int:
    from casedesk.domain.errors import InvalidInput
    from casedesk.rules.calendar import calendar_for

    if args.rule_set is None and args.trigger is not None:
        raise InvalidInput("--trigger needs --rule-set")
    if args.rule_set is not None:
        if args.days is not None or args.hours is not None or args.before or args.court_days:
            raise InvalidInput("--rule-set takes its periods from the rule set; leave out "
                               "--days, --hours, --before and --court-days")
    elif args.days is None and args.hours is None:
        raise InvalidInput("give the period with --days N or --hours N")
    elif args.hours is not None and (args.before or args.court_days):
        raise InvalidInput("--before and --court-days count days; use them with --days, not "
                           "--hours")
    if args.before and args.service is not None:
        raise InvalidInput("--service applies only to periods counted after service (Rule "
                           "6(d)); a period before an event gets no added days")
    calendar = calendar_for(args.state, dict(args.closure))
    if args.rule_set is not None:
        return _run_rule_set(args, calendar)
    return _run_period(args, calendar)


def _run_period(args: argparse.Namespace, calendar: HolidayCalendar) -> int:
    from casedesk.rules.counting import Direction, ServiceMethod, Unit, compute

    hours = args.hours is not None
    trigger = _trigger(args.start, with_time=hours)
    unit = Unit.HOURS if hours else Unit.COURT_DAYS if args.court_days else Unit.DAYS
    result = compute(trigger, args.hours if hours else args.days, unit=unit,
                     direction=Direction.BEFORE if args.before else Direction.AFTER,
                     calendar=calendar,
                     service=None if args.service is None else ServiceMethod.parse(args.service))
    print(_iso(result.due))
    if args.explain:
        print(result.explain())
    return 0


def _run_rule_set(args: argparse.Namespace, calendar: HolidayCalendar) -> int:
    from casedesk.rules.counting import ServiceMethod
    from casedesk.rules.rulesets import apply, builtin_rule_set

    rule_set = builtin_rule_set(args.rule_set)
    if args.trigger is None:
        for trigger in rule_set.triggers:
            print(f"{trigger.key}\t{trigger.name}")
        return 0
    trigger = _trigger(args.start, with_time="T" in args.start or " " in args.start.strip())
    service = None if args.service is None else ServiceMethod.parse(args.service)
    for deadline in apply(rule_set, args.trigger, trigger, calendar=calendar, service=service):
        print(f"{_iso(deadline.due)}\t{deadline.title}\t{deadline.authority}")
        if args.explain:
            print("\n".join(f"    {line}" for line in deadline.explanation[1:]))
    return 0


def _trigger(text: str, *, with_time: bool) -> date:
    from casedesk.domain.errors import InvalidInput

    if not with_time:
        try:
            return _day(text)
        except ValueError:
            hint = " (a date and time goes with --hours)" if ":" in text else ""
            raise InvalidInput(f"--from {text!r} is not a date as YYYY-MM-DD{hint}") from None
    try:
        if _ISO_MOMENT.fullmatch(text.strip()) is None:
            raise ValueError(text)
        moment = datetime.fromisoformat(text.strip())  # 2026-02-30T09:00: ValueError too
    except ValueError:
        moment = None
    if moment is None:
        raise InvalidInput(f"--from {text!r} is not a date and time such as 2026-03-06T17:00 "
                           "(a period in hours starts at a moment)")
    return moment


def _iso(due: date) -> str:
    if isinstance(due, datetime) and not (due.second or due.microsecond):
        return due.isoformat(timespec="minutes")
    return due.isoformat()
