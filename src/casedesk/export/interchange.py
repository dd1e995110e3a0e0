"""The practice interchange file (casedesk-practice JSON): keys, text form, atomic file writes.

The format is documented in docs/interchange.md. Everything here is pure: no database.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casedesk.domain.errors import InvalidInput
from casedesk.export.files import write_bytes_atomically

FORMAT = "casedesk-practice"
FORMAT_VERSION = 1

TOP_KEYS = ("format", "version", "firm", "staff", "contacts", "cases")
FIRM_KEYS = ("name", "address", "phone", "email", "time_zone", "currency")
STAFF_KEYS = ("id", "name", "role", "email", "hourly_rate", "bar_number")
CONTACT_KEYS = ("id", "kind", "name", "aliases", "email", "phone", "address", "organization",
                "notes")
CASE_KEYS = ("id", "number", "title", "practice_area", "status", "court", "court_time_zone",
             "judge", "docket_number", "opened_on", "closed_on", "responsible_staff_id",
             "description", "parties", "notes", "tasks")
PARTY_KEYS = ("contact_id", "role", "represented_by")
NOTE_KEYS = ("id", "author_staff_id", "created_at", "text")
TASK_KEYS = ("id", "title", "assignee_staff_id", "due_on", "priority", "status", "notes")
CHECK_KEYS = ("id", "searched_names", "hits", "decision", "decided_by_staff_id", "decided_at",
              "note")
TRIGGER_KEYS = ("id", "rule_set", "trigger", "trigger_date", "service_method", "event_id",
                "notes")
EVENT_KEYS = ("id", "kind", "title", "all_day", "date", "starts_at", "ends_at", "time_zone",
              "location", "notes", "status", "reminders_minutes_before", "attendee_staff_ids")

# Optional extensions: written by every export, but a file may leave them out.
# Firm-wide events (meetings and reminders without a case); the practice's own Word templates.
TOP_EXTENSIONS = ("events", "letter_templates")
STAFF_EXTENSIONS = ("active",)
# The practice's budget lists and thresholds (export/interchange_budget.py).
FIRM_EXTENSIONS = ("budget_settings",)
CASE_EXTENSIONS = ("conflict_checks", "deadline_triggers", "events", "documents", "correspondence",
                   "document_requests", "filings", "budget", "budget_revisions", "time_entries",
                   "expenses")
# The calendar identity, and the provenance of a computed deadline.
EVENT_EXTENSIONS = ("uid", "sequence", "satisfied_by", "trigger_id", "rule_key", "authority",
                    "explanation")

MAX_LISTED_PROBLEMS = 20
MAX_PROBLEMS = 200


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a document: where (`cases[3].parties[0].role`) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class InvalidDocument(InvalidInput):
    """A practice file that cannot be imported; `problems` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        listed = [str(p) for p in problems[:MAX_LISTED_PROBLEMS]]
        if len(problems) == 1:
            message = f"{listed[0]} (nothing was imported)"
        else:
            more = len(problems) - len(listed)
            lines = [f"{len(problems)} problems in the file; nothing was imported:",
                     *("  " + line for line in listed)]
            if more:
                lines.append(f"  ... and {more} more")
            message = "\n".join(lines)
        super().__init__(message, field=problems[0].path if problems else None)
        self.problems = tuple(problems)


def dump_document(document: dict[str, Any]) -> str:
    """The file's text: 2-space indented JSON, non-ASCII kept as is, one trailing newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_text_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text (newlines as given) so readers see the old file or the whole new one.
    A new practice file is private (owner only): it holds every confidential record."""
    write_bytes_atomically(path, text.encode("utf-8"), private=True)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_json(text: str) -> Any:
    """JSON text -> Python values; a broken file or a key given twice is refused plainly."""
    try:
        return json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as exc:
        raise InvalidDocument([Problem("", f"the key {exc.key!r} appears twice in one object "
                                           "(a value would be lost)")]) from None
    except json.JSONDecodeError as exc:
        raise InvalidDocument([Problem("", f"the file is not valid JSON: {exc.msg} at line "
                                           f"{exc.lineno}, column {exc.colno}")]) from None


def read_document_file(path: Path) -> Any:
    """Read and parse a practice file (UTF-8, with or without a byte-order mark)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDocument([Problem("", f"the file is not UTF-8 text (byte {exc.start})")]
                              ) from None
    return parse_json(text)
