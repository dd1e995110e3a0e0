"""A filing's status: the moves it may make, their dates and history, and its deadline.

Status: draft → ready → submitted → accepted | rejected; accepted → conformed (the file-stamped
copy came back); ready → draft to change it; rejected → draft | ready to fix and resubmit. A
conformed filing is final. Every move carries its date (default today), who made it and an
optional note, and is appended to `Filing.history`; "ready" and "submitted" need at least one
document (none deleted), and the documents' exact versions are recorded with the submission.

A move's date is never after today (a status is recorded when it happens, not ahead of it: a
court cannot have accepted something tomorrow, and a package is ready when it is), never
before the case was opened, and never before the move it follows. The line written when the
filing was entered is not a move: it records when someone entered it, so a filing made before
it was entered in casedesk can still be recorded with its real dates. A rejected filing sent
back to draft or ready loses its submission's dates, confirmation number and rejection reason
(its history keeps them), so nothing shows an old submission as if it still stood.

The deadline a filing satisfies is marked done when the filing is *submitted*, not when it is
accepted: a deadline is met by filing, on the day the papers reach the court (or its e-filing
system), and the clerk's acceptance can come days later, after the deadline would have shown as
overdue and kept reminding. A confirmation number is optional at submission (e-filing systems
often send it later; `set_confirmation` adds it and updates the deadline's "satisfied by"). If
the court rejects the filing, a deadline this filing marked done is set back to scheduled, so a
rejected filing never leaves a deadline looking met. A deadline that was already done (met some
other way), vacated or cancelled is left as it is.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.enums import EventStatus, FilingStatus
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import Case, Document, Event, Filing, FilingItem
from casedesk.domain.types import utcnow
from casedesk.services import events
from casedesk.services.common import log_activity, optional_text, parse_date
from casedesk.services.filings import (
    EDITABLE,
    history_entry,
    items_of,
    live_filing,
    staff_ref,
    status_label,
)

S = FilingStatus
# Where each status may go next.
NEXT: dict[FilingStatus, tuple[FilingStatus, ...]] = {
    S.DRAFT: (S.READY,),
    S.READY: (S.SUBMITTED, S.DRAFT),
    S.SUBMITTED: (S.ACCEPTED, S.REJECTED),
    S.ACCEPTED: (S.CONFORMED,),
    S.REJECTED: (S.DRAFT, S.READY),
    S.CONFORMED: (),
}
FILED = frozenset({S.SUBMITTED, S.ACCEPTED, S.REJECTED, S.CONFORMED})  # may have a confirmation


def parse_status(value: FilingStatus | str) -> FilingStatus:
    """A status from its value ("submitted"), or InvalidInput listing the statuses."""
    try:
        return FilingStatus(str(value).strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in FilingStatus)
        raise InvalidInput(f"{value!r} is not a filing status (use one of: {names}).",
                           field="status") from None


def _check_move(filing: Filing, new: FilingStatus) -> None:
    if new is filing.status:
        raise RuleViolation(f"The filing “{filing.title}” is already {status_label(new)}.")
    allowed = NEXT[filing.status]
    if new not in allowed:
        if not allowed:
            raise RuleViolation(f"The filing “{filing.title}” is final (conformed copy "
                                "received); its status cannot change.")
        options = " or ".join(status_label(s) for s in allowed)
        now = status_label(filing.status)
        article = "An" if now[0] in "aeiou" else "A"
        raise RuleViolation(f"{article} {now} filing can become {options}, "
                            f"not {status_label(new)}.")


# How the message on a date before the previous move names that move.
_WAS = {S.DRAFT: "set back to draft", S.READY: "marked ready", S.SUBMITTED: "submitted",
        S.ACCEPTED: "accepted", S.REJECTED: "rejected", S.CONFORMED: "conformed"}


def _previous_move(filing: Filing) -> tuple[FilingStatus, date] | None:
    """The filing's latest move and its date (the line written when it was entered is none)."""
    for entry in reversed(filing.history[1:]):
        try:
            return FilingStatus(str(entry["status"])), date.fromisoformat(str(entry["on"]))
        except (KeyError, ValueError):
            continue
    return None


def _check_date(session: Session, filing: Filing, on: date) -> None:
    """Refuse a date after today, before the case was opened or before the previous move."""
    today = date.today()
    if on > today:
        raise InvalidInput(f"{on.isoformat()} is after today ({today.isoformat()}); a filing's "
                           "status is recorded on the day it happens, not ahead of it.",
                           field="date")
    case = session.get(Case, filing.case_id)
    if case is not None and case.opened_on is not None and on < case.opened_on:
        raise InvalidInput(f"{on.isoformat()} is before case {case.number} was opened "
                           f"({case.opened_on.isoformat()}).", field="date")
    previous = _previous_move(filing)
    if previous is not None and on < previous[1]:
        raise InvalidInput(f"{on.isoformat()} is before the filing was {_WAS[previous[0]]} "
                           f"({previous[1].isoformat()}); each step is dated on or after the "
                           "one before it.", field="date")


def _live_documents(session: Session, filing: Filing) -> list[tuple[FilingItem, Document]]:
    """The filing's documents, refusing a status that needs them if any is gone."""
    pairs: list[tuple[FilingItem, Document]] = []
    for item in items_of(session, filing.id):
        doc = session.get(Document, item.document_id)
        if doc is None or doc.deleted_at is not None:
            name = doc.title if doc is not None else "a document"
            raise RuleViolation(f"Number {item.position} of the filing ({name}) was deleted; "
                                "remove it from the filing first.")
        pairs.append((item, doc))
    return pairs


def _satisfied_by(filing: Filing) -> str:
    """What the deadline says satisfied it: "Filed: Answer, 2026-07-02 (confirmation 123)"."""
    when = filing.submitted_on.isoformat() if filing.submitted_on else ""
    text = f"Filed: {filing.title}" + (f", {when}" if when else "")
    if filing.confirmation_number:
        text += f" (confirmation {filing.confirmation_number})"
    return text[:500]


def _submission_marked_deadline(filing: Filing) -> bool:
    """Whether the latest submission of this filing marked its deadline done."""
    for entry in reversed(filing.history):
        if entry.get("status") == S.SUBMITTED.value:
            return bool(entry.get("deadline_done"))
    return False


def _deadline_marked(session: Session, filing: Filing, text: str) -> Event | None:
    """The deadline, when this filing's latest submission marked it done and it still is.

    `text` is what this filing wrote as "satisfied by" (worked out before the change at hand):
    a deadline someone has since marked done for another reason is not this filing's to touch.
    """
    if filing.deadline_event_id is None or not _submission_marked_deadline(filing):
        return None
    event = session.get(Event, filing.deadline_event_id)
    if (event is None or event.deleted_at is not None or event.status is not EventStatus.DONE
            or event.satisfied_by != text):
        return None
    return event


def set_status(session: Session, *, filing_id: uuid.UUID, status: FilingStatus | str,
               on: date | str | None = None, confirmation_number: str | None = None,
               reason: str = "", note: str = "", expected_version: int | None = None,
               actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Move a filing to its next status on a date (default today), recorded in its history.

    `confirmation_number` is taken with submitted, accepted or conformed (None keeps the one
    there); `reason` is why the court rejected it.
    """
    filing = live_filing(session, filing_id, expected_version)
    marked_text = _satisfied_by(filing)
    new = parse_status(status)
    staff_id = staff_ref(session, actor_staff_id)
    _check_move(filing, new)
    day = parse_date(on, "date") or date.today()
    _check_date(session, filing, day)
    confirmation = None if confirmation_number is None else optional_text(
        confirmation_number, max_len=100, field="confirmation_number",
        label="The confirmation number")
    if confirmation and new not in (S.SUBMITTED, S.ACCEPTED, S.CONFORMED):
        raise InvalidInput("A confirmation number comes with submitting a filing (or its "
                           "acceptance), not with this status.", field="confirmation_number")
    why = optional_text(reason, max_len=2000, field="reason", label="The reason")
    if why and new is not S.REJECTED:
        raise InvalidInput("A reason is given only when the court rejects a filing.",
                           field="reason")
    extra: dict[str, object] = {"note": optional_text(note, max_len=2000, field="note",
                                                      label="The note")}
    changes = Changes(filings=True, cases=True)
    if new is S.READY or new is S.SUBMITTED:
        pairs = _live_documents(session, filing)
        if not pairs:
            raise RuleViolation(f"The filing “{filing.title}” has no documents; add at least "
                                f"one before it is {status_label(new)}.")
        if new is S.SUBMITTED:
            extra["documents"] = [{"document_id": str(doc.id), "version": doc.current_version,
                                   "sha256": doc.sha256} for _item, doc in pairs]
    if new is S.SUBMITTED or new in EDITABLE:
        # A new submission, or a rejected filing back to be fixed: the old submission's
        # details are history now (the list must not show them as the filing's).
        filing.submitted_on = day if new is S.SUBMITTED else None
        filing.accepted_on = filing.rejected_on = filing.conformed_on = None
        filing.rejection_reason = ""
        filing.confirmation_number = confirmation or ""
    elif new is S.ACCEPTED:
        filing.accepted_on = day
    elif new is S.REJECTED:
        filing.rejected_on = day
        filing.rejection_reason = why
        marked = _deadline_marked(session, filing, marked_text)
        if marked is not None:
            changes |= events.set_event_status(session, event_id=marked.id,
                                               status=EventStatus.SCHEDULED,
                                               actor_staff_id=staff_id)
            extra["deadline_reopened"] = True
    elif new is S.CONFORMED:
        filing.conformed_on = day
    if confirmation and new is not S.SUBMITTED:
        filing.confirmation_number = confirmation
    if new is S.SUBMITTED:
        done, changed = _mark_deadline_done(session, filing, staff_id)
        changes |= changed
        extra["deadline_done"] = done or None
    elif confirmation:
        changes |= _refresh_satisfied_by(session, filing, staff_id, marked_text)
    filing.status = new
    filing.history = [*filing.history, history_entry(
        new, day, utcnow(), staff_id, confirmation_number=confirmation, reason=why, **extra)]
    log_activity(session, case_id=filing.case_id, action=f"filing_{new.value}",
                 summary=f"Filing {status_label(new)}: {filing.title}"
                         + (f" (confirmation {confirmation})" if confirmation else "")
                         + (f": {why}" if why else ""), staff_id=staff_id)
    return changes


def _mark_deadline_done(session: Session, filing: Filing, staff_id: uuid.UUID | None
                        ) -> tuple[bool, Changes]:
    """Mark the deadline this filing satisfies done (when it is still scheduled)."""
    if filing.deadline_event_id is None:
        return False, Changes()
    event = session.get(Event, filing.deadline_event_id)
    if event is None or event.deleted_at is not None or event.status is not EventStatus.SCHEDULED:
        return False, Changes()
    return True, events.set_event_status(session, event_id=event.id, status=EventStatus.DONE,
                                         satisfied_by=_satisfied_by(filing),
                                         actor_staff_id=staff_id)


def _refresh_satisfied_by(session: Session, filing: Filing, staff_id: uuid.UUID | None,
                          before: str) -> Changes:
    """Bring the deadline's "satisfied by" up to date (a confirmation number came)."""
    event = _deadline_marked(session, filing, before)
    if event is None:
        return Changes()
    return events.set_event_status(session, event_id=event.id, status=EventStatus.DONE,
                                   satisfied_by=_satisfied_by(filing), actor_staff_id=staff_id)


def set_confirmation(session: Session, *, filing_id: uuid.UUID, confirmation_number: str,
                     expected_version: int | None = None,
                     actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Record the court's confirmation number once it arrives (after submission)."""
    filing = live_filing(session, filing_id, expected_version)
    staff_id = staff_ref(session, actor_staff_id)
    if filing.status not in FILED:
        raise RuleViolation(f"The filing “{filing.title}” has not been submitted yet; its "
                            "confirmation number comes with the submission.")
    number = optional_text(confirmation_number, max_len=100, field="confirmation_number",
                           label="The confirmation number")
    if number == filing.confirmation_number:
        return Changes()
    before = _satisfied_by(filing)
    filing.confirmation_number = number
    log_activity(session, case_id=filing.case_id, action="filing_confirmation",
                 summary=f"Filing confirmation {number or 'removed'}: {filing.title}",
                 staff_id=staff_id)
    return Changes(filings=True) | _refresh_satisfied_by(session, filing, staff_id, before)
