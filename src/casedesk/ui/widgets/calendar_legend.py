"""The calendar's legend, which is also its kind filter: one toggle per kind, in the kind's
colour with its name (and one for tasks). Untick a kind to hide it; "All" shows every kind.
The toggles wrap onto a second line when the pane is narrow."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QToolButton, QWidget

from casedesk.domain.enums import EventKind
from casedesk.ui.icons import LIST_ICON_SIZE, safe_icon
from casedesk.ui.widgets import calendar_style as cs

TASKS_KEY = "tasks"


class FlowLayout(QLayout):
    """Left to right, wrapping to the next line when out of room."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        gap = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and line > 0:
                x, y, line = rect.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y()


class KindLegend(QWidget):
    """Toggles per kind (and for tasks); `changed` fires when what is shown changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Kinds shown")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.actions_by_key: dict[str, QAction] = {}
        self.buttons: list[QToolButton] = []
        layout = FlowLayout(self)
        self.all_button = QToolButton()
        self.all_button.setText("Show all")
        self.all_button.setToolTip("Show every kind again")
        self.all_button.setAutoRaise(True)
        self.all_button.clicked.connect(self.show_all)
        for kind in EventKind:
            self._add(kind.value, cs.kind_label(kind), cs.kind_swatch(kind))
        self._add(TASKS_KEY, "Tasks", safe_icon("list-checks"))
        for button in self.buttons:
            layout.addWidget(button)
        layout.addWidget(self.all_button)
        self._update_all()

    def _add(self, key: str, text: str, icon: object) -> None:
        action = QAction(icon, text, self)  # type: ignore[call-overload]
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(lambda on, a=action, t=text: self._toggled(a, t, on))
        self._toggled(action, text, True)
        self.actions_by_key[key] = action
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setIconSize(LIST_ICON_SIZE)
        button.setAutoRaise(True)
        button.setAccessibleName(text)
        self.buttons.append(button)

    def _toggled(self, action: QAction, text: str, on: bool) -> None:
        what = text.lower() if text == "Tasks" else f"{text.lower()}s"
        action.setToolTip(f"{text}: shown — click to hide {what}" if on
                          else f"{text}: hidden — click to show {what}")
        font = action.font()
        font.setStrikeOut(not on)  # hidden kinds read struck through, not only paler
        action.setFont(font)
        if hasattr(self, "all_button"):
            self._update_all()
            self.changed.emit()

    def _update_all(self) -> None:
        self.all_button.setVisible(bool(self.hidden_keys()))

    def hidden_keys(self) -> set[str]:
        return {key for key, action in self.actions_by_key.items() if not action.isChecked()}

    def set_hidden_keys(self, keys: set[str]) -> None:
        """Show all but these, with one `changed` (none while the caller blocks signals)."""
        was_blocked = self.blockSignals(True)
        for key, action in self.actions_by_key.items():
            action.setChecked(key not in keys)
        self.blockSignals(was_blocked)
        self._update_all()
        self.changed.emit()

    def show_all(self) -> None:
        self.set_hidden_keys(set())

    def kinds(self) -> tuple[EventKind, ...]:
        """The kinds to show; () means all of them (no filter)."""
        hidden = self.hidden_keys()
        if not hidden - {TASKS_KEY}:
            return ()
        return tuple(kind for kind in EventKind if kind.value not in hidden)

    def shows_tasks(self) -> bool:
        return TASKS_KEY not in self.hidden_keys()

    def shows_events(self) -> bool:
        return any(kind.value not in self.hidden_keys() for kind in EventKind)
