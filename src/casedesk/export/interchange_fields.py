"""Value checks for the practice file: each reads one key, or records a plain-language problem.

A failed check records a `Problem` with the key's path and returns a placeholder, so checking
goes on and every problem of a file is reported at once (the placeholders are never written:
a document with problems is refused whole).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from casedesk.domain.errors import InvalidInput
from casedesk.domain.money import to_cents
from casedesk.export.interchange import MAX_PROBLEMS, InvalidDocument, Problem

# Characters that are not text (a NUL, an escape, a lone surrogate): PostgreSQL refuses some
# and none belongs in a name or a note. Word's line break (\x0b) and a form feed pass.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

E = TypeVar("E", bound=StrEnum)

_PLACEHOLDER_ID = uuid.UUID(int=0)
_MISSING: Any = object()
_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                        re.IGNORECASE)


@cache
def _members(enum_cls: type[StrEnum]) -> dict[str, Any]:
    """value -> member, in declaration order."""
    return {member.value: member for member in enum_cls}


@cache
def _key_sets(keys: tuple[str, ...],
              optional: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(keys), frozenset(keys + optional)


@cache
def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
_PLACEHOLDER_TIME = datetime(1970, 1, 1, tzinfo=UTC)


class Fields:
    """Collects problems while reading values out of JSON objects."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._failed: set[str] = set()

    def problem(self, path: str, reason: str) -> None:
        self.problems.append(Problem(path, reason))
        self._failed.add(path)
        if len(self.problems) >= MAX_PROBLEMS:
            raise InvalidDocument(self.problems)

    def failed(self, path: str, key: str) -> bool:
        return f"{path}.{key}" in self._failed

    @staticmethod
    def describe(value: Any) -> str:
        """What kind of JSON value this is, for messages ("a number", "null"...)."""
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true/false"
        if isinstance(value, int | float):
            return f"the number {value}"
        if isinstance(value, str):
            return "text"
        if isinstance(value, list):
            return "a list"
        return "an object"

    def obj(self, value: Any, path: str, keys: Sequence[str], optional: Sequence[str],
            what: str) -> dict[str, Any] | None:
        """A JSON object with exactly these keys (plus any of the optional ones)."""
        if not isinstance(value, dict):
            self.problem(path, f"must be an object ({what}), not {self.describe(value)}")
            return None
        required, allowed = _key_sets(tuple(keys), tuple(optional))
        present = value.keys()
        if present == required:
            return value  # the usual case, checked in one go
        for key in keys:
            if key not in present:
                self.problem(self.where(path, key), "is missing")
        for key in [k for k in present if k not in allowed]:
            self.problem(self.where(path, key), f"is not a key of {what} (known keys: "
                                                f"{', '.join((*keys, *optional))})")
        return value

    @staticmethod
    def where(path: str, key: str) -> str:
        return f"{path}.{key}" if path else key

    def text(self, data: dict[str, Any], path: str, key: str, *, required: bool = False,
             max_len: int = 20_000) -> str:
        value = data.get(key, _MISSING)
        if type(value) is str:
            text = value.strip()
            if self._not_text(self.where(path, key), text):
                return ""
            if (required and not text) or len(text) > max_len:
                self.problem(self.where(path, key), "must not be empty" if not text else
                             f"is longer than {max_len} characters")
            return text
        if value is not _MISSING:
            self.problem(self.where(path, key), f"must be text, not {self.describe(value)}")
        return ""

    def text_list(self, data: dict[str, Any], path: str, key: str) -> tuple[str, ...]:
        value = data.get(key, _MISSING)
        if value is _MISSING or value == []:
            return ()
        where = self.where(path, key)
        if not isinstance(value, list):
            self.problem(where, f"must be a list of texts, not {self.describe(value)}")
            return ()
        result: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(f"{where}[{i}]", f"must be text, not {self.describe(item)}")
            elif len(item.strip()) > 500:
                self.problem(f"{where}[{i}]", "is longer than 500 characters")
            elif self._not_text(f"{where}[{i}]", item):
                pass
            elif item.strip():
                result.append(item.strip())
        return tuple(result)

    def object_list(self, data: dict[str, Any], path: str,
                    key: str) -> tuple[dict[str, Any], ...]:
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return ()
        where = self.where(path, key)
        if not isinstance(value, list):
            self.problem(where, f"must be a list of objects, not {self.describe(value)}")
            return ()
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem(f"{where}[{i}]", f"must be an object, not {self.describe(item)}")
        return tuple(item for item in value if isinstance(item, dict))

    def enum(self, data: dict[str, Any], path: str, key: str, enum_cls: type[E]) -> E:
        value = data.get(key, _MISSING)
        lookup = _members(enum_cls)
        member = lookup.get(value) if type(value) is str else None
        if member is not None:
            return cast(E, member)
        first = cast(E, next(iter(lookup.values())))
        if value is _MISSING:
            return first
        allowed = ", ".join(lookup)
        if isinstance(value, str):
            self.problem(self.where(path, key), f"{value!r} is not one of {allowed}")
        else:
            self.problem(self.where(path, key),
                         f"must be one of {allowed}, not {self.describe(value)}")
        return first

    def _uuid_value(self, path: str, key: str, value: Any) -> uuid.UUID:
        return self._uuid_at(self.where(path, key), value)

    def _uuid_at(self, where: str, value: Any) -> uuid.UUID:
        # Only the canonical dashed form, so ids compare as text in other tools too.
        if type(value) is str and _UUID_TEXT.fullmatch(value):
            return uuid.UUID(value)
        if isinstance(value, str):
            self.problem(where, f"{value!r} is not an id (a UUID written like "
                                "3f2b1c9e-8a7d-4e6f-9b1a-2c3d4e5f6a7b)")
        else:
            self.problem(where, f"must be an id (a UUID in quotes), not {self.describe(value)}")
        return _PLACEHOLDER_ID

    def ident(self, data: dict[str, Any], path: str, key: str) -> uuid.UUID:
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return _PLACEHOLDER_ID
        return self._uuid_value(path, key, value)

    def opt_ident(self, data: dict[str, Any], path: str, key: str) -> uuid.UUID | None:
        value = data.get(key)
        if value is None:
            return None
        return self._uuid_value(path, key, value)

    def day(self, data: dict[str, Any], path: str, key: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        where = self.where(path, key)
        if isinstance(value, str) and _ISO_DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        shown = repr(value) if isinstance(value, str) else self.describe(value)
        self.problem(where, f"{shown} is not a date (write it as YYYY-MM-DD, or null)")
        return None

    def moment(self, data: dict[str, Any], path: str, key: str) -> datetime:
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return _PLACEHOLDER_TIME
        where = self.where(path, key)
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                moment = None
            if moment is not None and moment.tzinfo is not None:
                return moment.astimezone(UTC)
            if moment is not None:
                self.problem(where, f"{value!r} has no UTC offset (write it like "
                                    "2026-01-05T14:30:00+00:00)")
                return _PLACEHOLDER_TIME
        shown = repr(value) if isinstance(value, str) else self.describe(value)
        self.problem(where, f"{shown} is not a date and time (write it like "
                            "2026-01-05T14:30:00+00:00)")
        return _PLACEHOLDER_TIME

    def opt_moment(self, data: dict[str, Any], path: str, key: str) -> datetime | None:
        """A date and time, or null."""
        return None if data.get(key) is None else self.moment(data, path, key)

    def whole(self, data: dict[str, Any], path: str, key: str, *, low: int = 0,
              high: int = 2**31 - 1) -> int | None:
        """A whole number in [low, high]; None when the key is left out (or wrong)."""
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(self.where(path, key),
                         f"must be a whole number, not {self.describe(value)}")
            return None
        if not low <= value <= high:
            self.problem(self.where(path, key), f"{value} is not between {low} and {high}")
            return None
        return value

    def whole_list(self, data: dict[str, Any], path: str, key: str, *, low: int,
                   high: int) -> tuple[int, ...]:
        """A list of whole numbers in [low, high]; repeats are dropped, the order is kept."""
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return ()
        where = self.where(path, key)
        if not isinstance(value, list):
            self.problem(where, f"must be a list of whole numbers, not {self.describe(value)}")
            return ()
        result: list[int] = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, int):
                self.problem(f"{where}[{i}]", f"must be a whole number, not "
                                              f"{self.describe(item)}")
            elif not low <= item <= high:
                self.problem(f"{where}[{i}]", f"{item} is not between {low} and {high}")
            elif item not in result:
                result.append(item)
        return tuple(result)

    def ident_list(self, data: dict[str, Any], path: str, key: str) -> tuple[uuid.UUID, ...]:
        """A list of ids; repeats are dropped, the order is kept."""
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return ()
        where = self.where(path, key)
        if not isinstance(value, list):
            self.problem(where, f"must be a list of ids, not {self.describe(value)}")
            return ()
        result: list[uuid.UUID] = []
        for i, item in enumerate(value):
            before = len(self.problems)
            ident = self._uuid_at(f"{where}[{i}]", item)
            if len(self.problems) == before and ident not in result:
                result.append(ident)
        return tuple(result)

    def lines(self, data: dict[str, Any], path: str, key: str, *, max_lines: int = 200,
              max_len: int = 5000) -> tuple[str, ...]:
        """A list of texts kept exactly as written (empty ones and spaces included)."""
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return ()
        where = self.where(path, key)
        if not isinstance(value, list):
            self.problem(where, f"must be a list of texts, not {self.describe(value)}")
            return ()
        if len(value) > max_lines:
            self.problem(where, f"has {len(value)} lines; at most {max_lines}")
            return ()
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(f"{where}[{i}]", f"must be text, not {self.describe(item)}")
            elif len(item) > max_len:
                self.problem(f"{where}[{i}]", f"is longer than {max_len} characters")
            else:
                self._not_text(f"{where}[{i}]", item)
        return tuple(item for item in value if isinstance(item, str))

    def _not_text(self, where: str, text: str) -> bool:
        """Report a character that is not text (True when there is one)."""
        bad = _NOT_TEXT.search(text)
        if bad is None:
            return False
        self.problem(where, f"contains a character that is not text (U+{ord(bad.group()):04X}, "
                            f"at position {bad.start() + 1})")
        return True

    def money(self, data: dict[str, Any], path: str, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        where = self.where(path, key)
        if not isinstance(value, str):
            self.problem(where, f"must be an amount in quotes such as \"250.00\" (or null), not "
                                f"{self.describe(value)}")
            return None
        try:
            return to_cents(value, field=key) if value.strip() else None
        except InvalidInput as exc:
            self.problem(where, exc.message.rstrip(".") + " (write it like \"250.00\")")
            return None

    def flag(self, data: dict[str, Any], path: str, key: str) -> bool | None:
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return None
        if not isinstance(value, bool):
            self.problem(self.where(path, key),
                         f"must be true or false, not {self.describe(value)}")
            return None
        return value

    def time_zone(self, data: dict[str, Any], path: str, key: str, *,
                  required: bool = False) -> str:
        name = self.text(data, path, key, required=required, max_len=100)
        if not name:
            return ""
        if not _known_zone(name):
            self.problem(self.where(path, key), f"{name!r} is not a time zone (use an IANA "
                                                "name such as America/New_York)")
        return name
