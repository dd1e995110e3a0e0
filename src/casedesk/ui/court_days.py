"""What the Courts & holidays window shows of one court and year, loaded on the DB worker:
its own days (with history) beside the federal holidays, and the reviewed state list's
sources and deliberate omissions as text a reviewer can check against the court's schedule."""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QLocale

from casedesk.domain.enums import HolidayKind
from casedesk.ui import format as fmt

WARNING = ("A wrong extra holiday makes a deadline later — check the court's published "
           "holiday schedule each year.")
FEDERAL_KIND = "Federal holiday"
FEDERAL_SOURCE = "Federal law"
KIND_TEXT = {HolidayKind.STATE: "State holiday", HolidayKind.CLOSURE: "Closure"}
KIND_TIPS = {
    HolidayKind.STATE: ("Counts only for periods measured after an event, FRCP 6(a)(6)(C); "
                        "a period counted backward may end on it"),
    HolidayKind.CLOSURE: "The court is closed: no period ends on this day, counted either way",
    None: ("A federal legal holiday, FRCP 6(a)(6)(A)/(B): no period ends on it, counted "
           "either way. Set by law (5 U.S.C. 6103 and presidential closures); not edited here"),
}


@dataclass(frozen=True, slots=True)
class DayLine:
    """One row of the day list: a day on the court's list, or a federal holiday."""

    day: date
    name: str
    kind: HolidayKind | None  # None: a federal holiday
    source: str
    added_at: datetime | None
    removed_at: datetime | None
    removed_by: str
    day_id: uuid.UUID | None  # None: a federal holiday (not on the court's list)

    @property
    def kind_text(self) -> str:
        return KIND_TEXT[self.kind] if self.kind is not None else FEDERAL_KIND

    @property
    def tip(self) -> str:
        return KIND_TIPS[self.kind]

    def is_removed(self) -> bool:
        return self.removed_at is not None

    def removed_text(self) -> str:
        if self.removed_at is None:
            return ""
        when = short_date(local_day(self.removed_at))
        return f"{when} by {self.removed_by}" if self.removed_by else when

    def times_tip(self) -> str:
        """Added and removed with the time of day (the columns show the day only)."""
        parts = [f"Added {fmt.moment(self.added_at)}"] if self.added_at else []
        if self.removed_at is not None:
            parts.append(f"Removed {fmt.moment(self.removed_at)}"
                         + (f" by {self.removed_by}" if self.removed_by else ""))
        return "\n".join(parts)


def short_date(value: date | None) -> str:
    """'27 Nov 2026' in the user's locale: when something was recorded (not due, so no
    weekday)."""
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def local_day(moment: datetime | None) -> date | None:
    """The computer's local calendar day of a UTC timestamp."""
    return moment.astimezone().date() if moment is not None else None


@dataclass(frozen=True, slots=True)
class CourtDays:
    """One court's days of one year, and which years its list covers."""

    court_id: uuid.UUID
    year: int
    lines: tuple[DayLine, ...]
    years: tuple[int, ...]  # years with any day on the list, removed ones included
    state_years: tuple[int, ...]  # years with a state holiday on the list (not removed)


def _source(source: str, added_by: str) -> str:
    from casedesk.services.courts import REVIEWED_SOURCE

    if source == REVIEWED_SOURCE:
        return f"Reviewed list · {added_by}" if added_by else "Reviewed list"
    if added_by:
        return added_by
    return "Entered (no user chosen)" if source == "entered" else source


def load_court_days(session: Any, court_id: uuid.UUID, year: int, *, include_removed: bool,
                    include_federal: bool) -> CourtDays:
    """Runs on the DB worker: the court's days of `year` (and federal ones), by date."""
    from casedesk.rules.calendar import federal_holidays
    from casedesk.services import courts

    rows = courts.court_days(session, court_id, include_removed=True)
    lines = [DayLine(day=r.day, name=r.name, kind=r.kind, source=_source(r.source, r.added_by),
                     added_at=r.added_at, removed_at=r.removed_at, removed_by=r.removed_by,
                     day_id=r.id)
             for r in rows
             if r.day.year == year and (include_removed or r.removed_at is None)]
    if include_federal:
        lines += [DayLine(day=day, name=name, kind=None, source=FEDERAL_SOURCE,
                          added_at=None, removed_at=None, removed_by="", day_id=None)
                  for day, name in federal_holidays([year]).items()]
    # By date; on one date the federal day first, then the live entry, then removed ones.
    lines.sort(key=lambda d: (d.day, d.kind is not None, d.removed_at is not None))
    return CourtDays(
        court_id=court_id, year=year, lines=tuple(lines),
        years=tuple(sorted({r.day.year for r in rows})),
        state_years=tuple(sorted({r.day.year for r in rows
                                  if r.kind is HolidayKind.STATE and r.removed_at is None})))


def state_info_html(state: str | None) -> str:
    """For the court's state: the reviewed list's sources, what it seeds and what it leaves
    out on purpose (with why), so a reviewer knows what to check. Plain palette colours."""
    from casedesk.rules.state_holidays import reviewed_states, state_review

    esc = html.escape
    if not state:
        return ("<p>This court has no state, so only the federal holidays and its closure "
                "days count. Set the state with <b>Edit court…</b> if the court follows a "
                "state's legal holidays.</p>")
    if state not in reviewed_states():
        return (f"<p>There is <b>no reviewed holiday list for {esc(state)}</b>. Enter the "
                "state's legal holidays on which this court closes with <b>Add state "
                "holiday…</b>, copied from the court's published holiday schedule. Until "
                "then only federal holidays and closure days count.</p>"
                f"<p>Reviewed lists exist for: {esc(', '.join(reviewed_states()))}.</p>")
    review = state_review(state)
    seeded = [f"{esc(h.name)}" + (f" ({esc(h.note)})" if h.note else "")
              for h in review.holidays]
    seeded += [f"{esc(f.name)} ({f.day} {date(2000, f.month, 1):%B})" for f in review.fixed]
    observed = ("a holiday on a Sunday is observed on the Monday"
                if review.observed == "sunday_to_monday"
                else "no day is moved when a holiday falls on a weekend")
    parts = [
        f"<p><b>Reviewed list for {esc(review.name)}</b> — what <b>Add reviewed "
        f"{esc(review.code)} holidays…</b> adds, beyond the federal holidays: "
        f"{'; '.join(seeded)}. "
        f"Observed days: {observed}.</p>",
        f"<p><b>Source:</b> {esc(review.source)}</p>",
    ]
    # A name can be "excluded" from the package's dates yet seeded another way (a fixed date).
    seeded_names = {h.name for h in review.holidays} | {f.name for f in review.fixed}
    left_out = {n: why for n, why in review.excluded.items() if n not in seeded_names}
    elsewise = {n: why for n, why in review.excluded.items() if n in seeded_names}
    if left_out:
        items = "".join(f"<li><b>{esc(name)}</b>: {esc(why)}</li>"
                        for name, why in sorted(left_out.items()))
        parts.append("<p><b>Deliberately left out</b> — check whether this court closes on "
                     f"them:</p><ul>{items}</ul>")
    if elsewise:
        items = "".join(f"<li><b>{esc(name)}</b>: {esc(why)}</li>"
                        for name, why in sorted(elsewise.items()))
        parts.append(f"<p><b>Seeded another way:</b></p><ul>{items}</ul>")
    if review.note:
        parts.append(f"<p><b>Note:</b> {esc(review.note)}</p>")
    return "".join(parts)
