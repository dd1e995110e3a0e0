"""UI state kept in QSettings (geometry, splitters, columns, last folder), each key declared once
with its type and default. Practice data never lives here; it is in the database."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

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
COURTS_GEOMETRY = Key("courts/geometry", QByteArray, QByteArray())
COURTS_SPLITTER = Key("courts/splitter", QByteArray, QByteArray())  # courts | days
COURTS_LEFT_SPLITTER = Key("courts/left_splitter", QByteArray, QByteArray())  # list / state
COURTS_HEADER = Key("courts/header", QByteArray, QByteArray())
COURT_DAYS_HEADER = Key("courts/days_header", QByteArray, QByteArray())
RULES_GEOMETRY = Key("rules/geometry", QByteArray, QByteArray())
RULES_SPLITTER = Key("rules/splitter", QByteArray, QByteArray())
RULES_SETS_HEADER = Key("rules/sets_header", QByteArray, QByteArray())
RULES_TREE_HEADER = Key("rules/tree_header", QByteArray, QByteArray())
REMINDERS_GEOMETRY = Key("reminders/geometry", QByteArray, QByteArray())
REMINDERS_HEADER = Key("reminders/header", QByteArray, QByteArray())
COMPUTE_DEADLINES_SIZE = Key("compute_deadlines/size", QSize, QSize())
COMPUTE_DEADLINES_SPLITTER = Key("compute_deadlines/splitter", QByteArray, QByteArray())
TRIGGER_CHANGE_SIZE = Key("trigger_change/size", QSize, QSize())
TRIGGER_CHANGE_SPLITTER = Key("trigger_change/splitter", QByteArray, QByteArray())
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


_GEOMETRY_MAGIC = 0x1D9D0CB  # QWidget.saveGeometry(): magic, version, then the frame rect
_TITLE_BAR = 40  # px of a window's top that must be on a screen to drag it back


def _on_a_screen(state: QByteArray) -> bool:
    """Whether a saved window's title bar would be on one of today's screens."""
    raw = state.data()
    if len(raw) < 24:
        return False
    magic, major, _minor, left, top, right, bottom = struct.unpack(">IHHiiii", raw[:24])
    if magic != _GEOMETRY_MAGIC or major not in (1, 2, 3):
        return False
    frame = QRect(QPoint(left, top), QPoint(right, bottom))
    title_bar = QRect(frame.left(), frame.top(), frame.width(), min(_TITLE_BAR, frame.height()))
    return any(screen.availableGeometry().intersects(title_bar)
               for screen in QGuiApplication.screens())


class ColumnWidths(QObject):
    """Whether a header's columns are laid out by the person: dragged wider, narrower or to
    another place this session, or restored from the last one. Until then the window fits
    them to their text; after that it leaves them alone (and only then are they saved)."""

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self.header = header
        self.by_hand = False
        self._pressed = False
        header.viewport().installEventFilter(self)
        header.sectionResized.connect(self._resized)
        header.sectionMoved.connect(self._moved)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._pressed = True  # a drag on a divider, or a double-click fitting one column
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed = False
        return False

    def _resized(self, *_args: Any) -> None:
        if self._pressed:  # not the window fitting or stretching them
            self.by_hand = True

    def _moved(self, *_args: Any) -> None:
        self.by_hand = True


class WindowLayout(QObject):
    """What a window remembers between sessions, each under its declared key: its geometry
    (or only its size, for a dialog that opens centred on its parent), splitters and column
    layouts. Restored when made (after the window is built); saved whenever the window is
    closed or hidden by the app, not when the desktop minimises it. Anything missing,
    unreadable (an older version's, a damaged file) or off every screen keeps the window's
    defaults. Without Settings (tests, the self-test) nothing is remembered."""

    def __init__(self, window: QWidget, settings: Settings | None, *,
                 geometry: Key[QByteArray] | None = None, size: Key[QSize] | None = None,
                 splitters: Sequence[tuple[Key[QByteArray], QSplitter]] = (),
                 columns: Sequence[tuple[Key[QByteArray], ColumnWidths]] = ()) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._geometry = geometry
        self._size = size
        self._splitters = tuple(splitters)
        self._columns = tuple(columns)
        self._restored: set[str] = set()  # the names of the keys that were restored
        if settings is not None:
            self._restore(settings)
            window.installEventFilter(self)

    def was_restored(self, key: Key[Any]) -> bool:
        """Whether this part came back from the last session (else it has its default)."""
        return key.name in self._restored

    def _restore(self, settings: Settings) -> None:
        window = self._window
        if self._geometry is not None:
            state = settings.get(self._geometry)
            if _on_a_screen(state) and window.restoreGeometry(state):
                self._restored.add(self._geometry.name)
        if self._size is not None:
            size = settings.get(self._size)
            screen = window.screen() or QGuiApplication.primaryScreen()
            if size.isValid() and not size.isEmpty() and screen is not None:
                window.resize(size.boundedTo(screen.availableGeometry().size()))
                self._restored.add(self._size.name)
        for key, splitter in self._splitters:
            state = settings.get(key)
            if not state.isEmpty() and splitter.restoreState(state):
                self._restored.add(key.name)
        for key, columns in self._columns:
            state = settings.get(key)
            if not state.isEmpty() and columns.header.restoreState(state):
                columns.by_hand = True  # the person's layout: it stays theirs
                self._restored.add(key.name)

    def save(self) -> None:
        settings, window = self._settings, self._window
        if settings is None:
            return
        if self._geometry is not None:
            settings.set(self._geometry, window.saveGeometry())
        if self._size is not None:
            settings.set(self._size, window.size())
        for key, splitter in self._splitters:
            settings.set(key, splitter.saveState())
        for key, columns in self._columns:
            # Only a layout the person made is kept: columns that still fit their text are
            # fitted again next time, to whatever text is shown then.
            settings.set(key, columns.header.saveState() if columns.by_hand else QByteArray())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._window and event.type() == QEvent.Type.Hide
                and not event.spontaneous()):
            self.save()
        return False


def settings_of(widget: QWidget | None) -> Settings | None:
    """The Settings of the main window a widget is in (None outside one, as in most tests):
    for the few places that open a remembering dialog but were not handed the Settings."""
    while widget is not None:
        window = widget.window()
        found = getattr(window, "settings", None)
        if isinstance(found, Settings):
            return found
        widget = window.parentWidget()
    return None
