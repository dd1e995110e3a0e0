"""What the Budget tab's sections share: the case they show, the level of a budget in words,
colour and icon, the tables' look, and keys taken in context (Ctrl+N, F2, Del) without
clashing with the window's own shortcuts."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolButton, QWidget

from casedesk.domain.enums import BudgetLevel
from casedesk.ui import style
from casedesk.ui.icons import safe_icon

LEVEL_WORDS = {BudgetLevel.NONE: "No budget", BudgetLevel.OK: "Within budget",
               BudgetLevel.WARNING: "Near budget", BudgetLevel.OVER: "Over budget"}
LEVEL_ICONS = {BudgetLevel.NONE: "circle", BudgetLevel.OK: "check-circle-2",
               BudgetLevel.WARNING: "alert-triangle", BudgetLevel.OVER: "alert-circle"}


@dataclass(frozen=True, slots=True)
class BudgetCase:
    """The case the tab shows."""

    id: uuid.UUID
    label: str  # "2026-CV-0142 · Smith v. Acme"
    responsible_staff_id: uuid.UUID | None = None
    closed: bool = False

    @property
    def number(self) -> str:
        return self.label.split(" · ")[0]


def level_color(level: BudgetLevel) -> QColor | None:
    if level is BudgetLevel.OVER:
        return style.overdue_color()
    if level is BudgetLevel.WARNING:
        return style.soon_color()
    if level is BudgetLevel.OK:
        return style.ok_color()
    return None


def level_text(level: BudgetLevel, percent_used: Decimal | None) -> str:
    """'Near budget 86%', 'Over budget 112.5%', 'No budget'."""
    if percent_used is None or level is BudgetLevel.NONE:
        return LEVEL_WORDS[BudgetLevel.NONE]
    return f"{LEVEL_WORDS[level]} {percent_text(percent_used)}"


def percent_text(value: Decimal | None) -> str:
    """'86%', '112.5%' ('' for none)."""
    if value is None:
        return ""
    return f"{value.normalize():f}%" if value == value.to_integral() else f"{value:.1f}%"


def needs_attention(level: BudgetLevel) -> bool:
    return level in (BudgetLevel.WARNING, BudgetLevel.OVER)


def make_table(model: Any, accessible_name: str) -> QTableView:
    """A compact read-only table, whole rows selected (several with Shift/Ctrl)."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def make_action(owner: QObject, text: str, icon_name: str, tip: str,
                slot: Callable[[], None]) -> QAction:
    action = QAction(safe_icon(icon_name), text, owner)
    action.setToolTip(tip)
    action.triggered.connect(slot)
    return action


def tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    return button


def _combined(key: str) -> int:
    """'Ctrl+N' as the number a key event's keyCombination() gives."""
    return QKeySequence(key)[0].toCombined()  # type: ignore[index, no-any-return]


class ContextKeys(QObject):
    """Keys a widget handles itself while it has focus (Ctrl+N adds here, F2 edits the row,
    Del deletes it), taken before the window's shortcuts so the two never clash."""

    def __init__(self, widget: QWidget, keys: Mapping[str, Callable[[], None]]) -> None:
        super().__init__(widget)
        self._keys = {_combined(k): slot for k, slot in keys.items()}
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and isinstance(event, QKeyEvent):
            slot = self._keys.get(event.keyCombination().toCombined())
            if slot is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    slot()
                return True
        return False
