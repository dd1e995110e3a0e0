"""What a letter template can use: every placeholder, and how letters write dates and times.

`SCHEMA` is the single description of the context `services.letters_context.build_context`
builds: the template check resolves each placeholder against it, `docs/templates.md` documents
it (a test keeps the two in step), and `sample_context()` fills it for checks and previews.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeAlias


@dataclass(frozen=True, slots=True)
class Text:
    """A text value; `example` is what the sample practice would show."""

    description: str
    example: str = ""


@dataclass(frozen=True, slots=True)
class Flag:
    """A yes/no value (for `{% if %}`)."""

    description: str
    example: bool = False


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list for `{% for %}` loops; each item has the fields of `item`."""

    description: str
    item: dict[str, Node]


Node: TypeAlias = Text | Flag | ListOf | dict[str, "Node"]


def _party(name: str, example: str) -> dict[str, Node]:
    return {
        "name": Text(name, example),
        "organization": Text("organization (company, firm or agency), may be empty",
                             "Garcia Holdings LLC"),
        "address": Text("postal address as entered, one line per line of the address",
                        "418 Oak Street\nEvanston, IL 60201"),
        "address_line": Text("the same address on one line, parts separated by commas",
                             "418 Oak Street, Evanston, IL 60201"),
        "email": Text("e-mail address", "maria.garcia@example.com"),
        "phone": Text("telephone number", "(847) 555-0142"),
        "salutation": Text('what follows "Dear": the name for a person, "Sir or Madam" for '
                           'an organization, "Clerk" for a court clerk', example),
    }


_EVENT: dict[str, Node] = {
    "title": Text("what it is", "Hearing on motion to dismiss"),
    "kind": Text("its kind, as a label", "Hearing"),
    "date": Text("the day, written out", "December 14, 2026"),
    "weekday": Text("the day of the week", "Monday"),
    "end_date": Text("the last day when it spans several days, else empty", ""),
    "time": Text('start time in the event\'s own zone, empty for all-day items', "9:30 AM"),
    "end_time": Text("end time, empty for all-day items", "10:30 AM"),
    "time_zone": Text("the zone's abbreviation at that time, empty for all-day items", "CST"),
    "location": Text("where, may be empty", "Courtroom 1703, 219 S. Dearborn St., Chicago"),
    "all_day": Flag("true for all-day items (every deadline)"),
}

_RECIPIENT = _party("the addressee's name", "Maria Garcia")
_RECIPIENT["role"] = Text("their role in the case, empty when they are not a party", "Client")
_RECIPIENT["represents"] = Text("for counsel: the parties of the case they represent", "")

SCHEMA: dict[str, Node] = {
    "firm": {
        "name": Text("the firm's name", "Hale & Ortiz LLP"),
        "address": Text("postal address, one line per line", "200 W. Madison St., Suite 2100\n"
                        "Chicago, IL 60606"),
        "address_line": Text("the address on one line",
                             "200 W. Madison St., Suite 2100, Chicago, IL 60606"),
        "phone": Text("telephone number", "(312) 555-0100"),
        "email": Text("e-mail address", "office@hale-ortiz.example"),
    },
    "case": {
        "number": Text("the firm's file number for the matter", "2026-CV-0042"),
        "title": Text("the case title", "Garcia v. Northshore Logistics, Inc."),
        "court": Text("the court, may be empty", "U.S. District Court for the Northern District "
                      "of Illinois"),
        "judge": Text("the judge, may be empty", "Hon. Rebecca Lin"),
        "docket_number": Text("the court's case number, may be empty", "1:26-cv-01234"),
        "practice_area": Text("practice area, may be empty", "Employment"),
        "opened_on": Text("the day the matter was opened, written out", "March 2, 2026"),
        "status": Text("status label (Intake, Open, Pending, Closed)", "Open"),
        "description": Text("the case description, may be empty", ""),
    },
    "client": _party("the client's name (the case's first client party)", "Maria Garcia"),
    "recipient": _RECIPIENT,
    "sender": {
        "name": Text("who signs the letter (default: the case's responsible attorney)",
                     "Daniel Ortiz"),
        "email": Text("their e-mail address", "dortiz@hale-ortiz.example"),
        "role": Text("their role as a label (Attorney, Paralegal, Assistant, Admin)",
                     "Attorney"),
        "bar_number": Text("bar number, may be empty", "6312457"),
    },
    "today": Text("the letter's date, written out", "November 27, 2026"),
    "events": ListOf("upcoming scheduled court dates and meetings of the case, soonest first "
                     "(not deadlines, internal deadlines or personal reminders)", _EVENT),
    "court_dates": ListOf("the court dates among `events`: hearings, trials, conferences and "
                          "depositions", _EVENT),
    "deadlines": ListOf("upcoming scheduled filing deadlines and statutes of limitations, "
                        "soonest first (internal deadlines are left out)", _EVENT),
    "requested_documents": ListOf("documents the client still has to provide (not received, "
                                  "not withdrawn), earliest due first", {
                                      "item": Text("what is asked for",
                                                   "2025 W-2 forms from all employers"),
                                      "requested_on": Text("when it was asked for",
                                                           "November 20, 2026"),
                                      "due_on": Text("when it is due, may be empty",
                                                     "December 4, 2026"),
                                      "notes": Text("notes on the request, may be empty", ""),
                                      "overdue": Flag("true when the due day has passed"),
                                  }),
    "filing": {
        "title": Text("the filing package's title", "Motion to dismiss"),
        "court": Text("the court it is filed with", "U.S. District Court for the Northern "
                      "District of Illinois"),
        "confirmation_number": Text("the court's confirmation number, may be empty", ""),
        "status": Text("the package's status label", "Ready"),
        "submitted_on": Text("when it was submitted, written out, may be empty", ""),
        "deadline": Text("the deadline it satisfies, may be empty", "Answer or motion due"),
        "deadline_date": Text("that deadline's day, written out, may be empty",
                              "December 1, 2026"),
        "documents": ListOf("the package's documents in filing order", {
            "number": Text("its position (1, 2...)", "1"),
            "title": Text("its label, else the document's title",
                          "Motion to Dismiss for Failure to State a Claim"),
            "file_name": Text("its numbered file name in the exported package",
                              "01 Motion to Dismiss.pdf"),
        }),
    },
}

# Present only when the letter is generated for a filing package (extra={"filing": ...}).
OPTIONAL_NAMES = frozenset({"filing"})

# What Jinja itself offers inside a loop (`loop.index`...) and as globals.
LOOP_FIELDS = ("index", "index0", "revindex", "revindex0", "first", "last", "length",
               "cycle", "depth", "depth0", "previtem", "nextitem", "changed")
JINJA_GLOBALS = ("range", "dict", "cycler", "joiner", "namespace")


def iter_paths(node: Node, prefix: str) -> Iterator[tuple[str, Node]]:
    """Every dotted path under `prefix` (a list's item fields as `prefix[].field`)."""
    yield prefix, node
    if isinstance(node, dict):
        for key, child in node.items():
            yield from iter_paths(child, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, ListOf):
        for key, child in node.item.items():
            yield from iter_paths(child, f"{prefix}[].{key}")


def all_paths() -> list[str]:
    """Every documented placeholder ("case.number", "events[].title"...)."""
    return [path for path, _node in iter_paths(SCHEMA, "") if path]


def sample_value(node: Node) -> Any:
    """A context filled with the examples (for checking and previewing a template)."""
    if isinstance(node, Text):
        return node.example
    if isinstance(node, Flag):
        return node.example
    if isinstance(node, ListOf):
        return [{key: sample_value(child) for key, child in node.item.items()}]
    return {key: sample_value(child) for key, child in node.items()}


def sample_context() -> dict[str, Any]:
    value: dict[str, Any] = sample_value(SCHEMA)
    return value


# -- how letters write dates and times ----------------------------------------------------------
def letter_date(day: date | None) -> str:
    """'November 27, 2026' (no leading zero, English month names on every platform)."""
    if day is None:
        return ""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def letter_time(moment: datetime | None) -> str:
    """'9:30 AM' on a 12-hour clock (the moment is already in the zone to show)."""
    if moment is None:
        return ""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def weekday(day: date | None) -> str:
    return "" if day is None else _WEEKDAYS[day.weekday()]


def one_line(text: str) -> str:
    """A multi-line address on one line: '418 Oak Street, Evanston, IL 60201'."""
    parts = [" ".join(line.split()).strip(" ,") for line in text.splitlines()]
    return ", ".join(part for part in parts if part)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
