"""UI state kept in QSettings (geometry, splitters, columns, last folder), each key declared once
with its type and default. Practice data never lives here; it is in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Key(Generic[T]):
    name: str
    type: type[T]
    default: T


WINDOW_GEOMETRY = Key("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Key("window/state", QByteArray, QByteArray())
CURRENT_PANE = Key("window/pane", int, 0)
CASES_SPLITTER = Key("cases/splitter", QByteArray, QByteArray())
CASES_HEADER = Key("cases/header", QByteArray, QByteArray())
CASES_STATUS_FILTER = Key("cases/status_filter", str, "active")
CONTACTS_SPLITTER = Key("contacts/splitter", QByteArray, QByteArray())
CONTACTS_HEADER = Key("contacts/header", QByteArray, QByteArray())
CALENDAR_SPLITTER = Key("calendar/splitter", QByteArray, QByteArray())
CALENDAR_VIEW = Key("calendar/view", str, "month")  # month, week or agenda
CALENDAR_STAFF = Key("calendar/staff_id", str, "")  # whose calendar; "" for everyone
CALENDAR_HIDDEN = Key("calendar/hidden_kinds", str, "")  # comma-separated kinds (and "tasks")
CALENDAR_COMING_UP_DAYS = Key("calendar/coming_up_days", int, 7)
DOCUMENTS_SPLITTER = Key("documents/splitter", QByteArray, QByteArray())
LAST_FOLDER = Key("files/last_folder", str, "")
CURRENT_STAFF = Key("user/staff_id", str, "")


class Settings:
    """Typed access to the declared keys."""

    def __init__(self, qsettings: QSettings) -> None:
        self._q = qsettings

    def get(self, key: Key[T]) -> T:
        value: Any = self._q.value(key.name, key.default)
        if value is None:
            return key.default
        if key.type is QByteArray:
            return value if isinstance(value, QByteArray) else key.default  # type: ignore[return-value]
        try:
            return key.type(value)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return key.default

    def set(self, key: Key[T], value: T) -> None:
        self._q.setValue(key.name, value)

    def sync(self) -> None:
        self._q.sync()
