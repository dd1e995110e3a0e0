"""The calendar's bar: back / Today / forward and the period shown, Month / Week / Agenda, the
actions on the selected event, then the filters (case, staff) and the legend of kinds."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import EventStatus
from casedesk.domain.rows import EventRow, TaskRow
from casedesk.ui import settings as keys
from casedesk.ui.icons import TOOLBAR_ICON_SIZE, safe_icon
from casedesk.ui.models.event_models import Entry
from casedesk.ui.settings import Settings
from casedesk.ui.widgets.calendar_actions import can_compute_deadlines_from
from casedesk.ui.widgets.calendar_case_picker import CasePicker, SearchCases
from casedesk.ui.widgets.calendar_data import CalendarQuery
from casedesk.ui.widgets.calendar_legend import KindLegend

VIEWS = (("month", "Month"), ("week", "Week"), ("agenda", "Agenda"))


def make_action(parent: QObject, text: str, icon: str, tip: str,
                slot: Callable[[], None]) -> QAction:
    action = QAction(safe_icon(icon), text, parent)
    action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


@dataclass(frozen=True)
class EntryActions:
    """The actions on the selected event or task, enabled for what it is and its state."""

    new: QAction
    edit: QAction
    done: QAction
    reopen: QAction
    vacate: QAction
    cancel: QAction
    delete: QAction
    compute_from: QAction

    @classmethod
    def build(cls, parent: QObject, *, new: Callable[[], None], edit: Callable[[], None],
              done: Callable[[], None], set_status: Callable[[EventStatus], None],
              delete: Callable[[], None], compute_from: Callable[[], None],
              new_tip: str) -> EntryActions:
        """The set, each action calling back into its owner (the pane or a case's tab)."""
        return cls(
            new=make_action(parent, "New event…", "plus", new_tip, new),
            edit=make_action(parent, "Edit…", "pencil", "Open the selected event (F2, Enter)",
                             edit),
            done=make_action(parent, "Mark done…", "circle-check",
                             "Mark the selected item done (Space)", done),
            reopen=make_action(parent, "Reopen", "rotate-ccw", "Back to scheduled",
                               lambda: set_status(EventStatus.SCHEDULED)),
            vacate=make_action(parent, "Vacate", "x", "The court vacated it",
                               lambda: set_status(EventStatus.VACATED)),
            cancel=make_action(parent, "Cancel event", "x", "It will not take place",
                               lambda: set_status(EventStatus.CANCELLED)),
            delete=make_action(parent, "Delete…", "trash-2", "Delete the selected event (Del)",
                               delete),
            compute_from=make_action(
                parent, "Compute deadlines from this event…", "scale",
                "Add the deadlines a rule counts from this court date (e.g. motion papers "
                "before the hearing); when it moves, they come up for review", compute_from))

    def all(self) -> list[QAction]:
        """Every action, in menu order (right-click menus)."""
        return [self.new, self.edit, self.done, self.reopen, self.vacate, self.cancel,
                self.delete, self.compute_from]

    def update(self, entry: Entry | None) -> None:
        event = entry if isinstance(entry, EventRow) else None
        task = entry if isinstance(entry, TaskRow) else None
        self.edit.setEnabled(entry is not None)
        self.done.setEnabled(task is not None or (event is not None and event.is_pending))
        self.done.setText("Reopen task" if task is not None and not task.is_open
                          else "Mark done…")
        self.reopen.setEnabled(event is not None and not event.is_pending)
        self.vacate.setEnabled(event is not None and event.is_pending)
        self.cancel.setEnabled(event is not None and event.is_pending)
        self.delete.setEnabled(event is not None)
        self.compute_from.setEnabled(can_compute_deadlines_from(event))


def tool_button(action: QAction, *, text: bool = True) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if text
                              else Qt.ToolButtonStyle.ToolButtonIconOnly)
    button.setIconSize(TOOLBAR_ICON_SIZE)
    button.setAutoRaise(True)
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    return button


class CalendarToolbar(QWidget):
    """Navigation, view switch, event actions, filters and the legend."""

    view_chosen = Signal(str)
    filters_changed = Signal()  # case, person or kinds (saved as they change)

    def __init__(self, search_cases: SearchCases | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings: Settings | None = None
        self.back_action = QAction(safe_icon("chevron-left"), "Back", self)
        self.forward_action = QAction(safe_icon("chevron-right"), "Forward", self)
        self.today_action = QAction(safe_icon("calendar"), "Today", self)
        self.today_action.setToolTip("Go to today (T or Home)")
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setMinimumWidth(self.title.fontMetrics().horizontalAdvance("x") * 24)

        self.view_buttons = QButtonGroup(self)
        self.view_buttons.setExclusive(True)
        views = QHBoxLayout()
        views.setSpacing(0)
        for key, text in VIEWS:
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setObjectName(f"view_{key}")
            button.setToolTip(f"Show a {text.lower()}" if key != "agenda"
                              else "Show the month as a list")
            button.setAccessibleName(f"{text} view")
            button.clicked.connect(lambda _c=False, k=key: self.view_chosen.emit(k))
            self.view_buttons.addButton(button)
            views.addWidget(button)

        self.row1 = QHBoxLayout()
        self.row1.setSpacing(4)
        back, forward = tool_button(self.back_action, text=False), \
            tool_button(self.forward_action, text=False)
        self.row1.addWidget(back)
        self.row1.addWidget(tool_button(self.today_action))
        self.row1.addWidget(forward)
        self.row1.addSpacing(8)
        self.row1.addWidget(self.title)
        self.row1.addStretch(1)
        self.row1.addLayout(views)
        self.row1.addSpacing(12)
        self._actions_at = self.row1.count()

        self.case_filter = CasePicker(search_cases, placeholder="All cases (type to pick)")
        self.case_filter.setAccessibleName("Show one case")
        self.case_filter.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 26)
        self.case_filter.setToolTip("Type part of a case number, title or client to show only "
                                    "that case's events and tasks; clear it to see all")
        self.staff_combo = QComboBox()
        self.staff_combo.setAccessibleName("Whose calendar")
        self.staff_combo.setToolTip("Show one person's events (those they attend, and the "
                                    "unattended ones of their cases) and tasks")
        self.staff_combo.addItem("Everyone", "")
        self.staff_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.legend = KindLegend()
        self.legend.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row2 = QHBoxLayout()
        row2.setSpacing(6)
        row2.addWidget(QLabel("Case:"))
        row2.addWidget(self.case_filter)
        row2.addWidget(QLabel("Staff:"))
        row2.addWidget(self.staff_combo)
        row2.addSpacing(10)
        row2.addWidget(QLabel("Show:"), 0, Qt.AlignmentFlag.AlignTop)
        row2.addWidget(self.legend, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.row1)
        layout.addLayout(row2)

    def query(self) -> CalendarQuery:
        """What the filters ask for."""
        raw = self.staff_combo.currentData()
        return CalendarQuery(case_id=self.case_filter.case_id(),
                             staff_id=uuid.UUID(raw) if raw else None,
                             kinds=self.legend.kinds(), show_events=self.legend.shows_events(),
                             show_tasks=self.legend.shows_tasks())

    def restore(self, settings: Settings) -> None:
        """The person and kinds as they were left (no `filters_changed` for that), then
        save each change."""
        self._settings = settings
        for widget in (self.legend, self.staff_combo):
            widget.blockSignals(True)
        self.legend.set_hidden_keys({k for k in settings.get(keys.CALENDAR_HIDDEN).split(",")
                                     if k})
        if (remembered := settings.get(keys.CALENDAR_STAFF)):
            self.staff_combo.addItem("…", remembered)  # named when the staff list arrives
            self.staff_combo.setCurrentIndex(1)
        for widget in (self.legend, self.staff_combo):
            widget.blockSignals(False)
        self.case_filter.changed.connect(self._on_case)
        self.staff_combo.currentIndexChanged.connect(self._on_staff)
        self.legend.changed.connect(self._on_kinds)

    def _on_case(self) -> None:
        if not self.case_filter.pending_text():  # typing: wait for a case to be chosen
            self.filters_changed.emit()

    def _on_staff(self) -> None:
        if self._settings is not None:
            self._settings.set(keys.CALENDAR_STAFF, self.staff_combo.currentData() or "")
        self.filters_changed.emit()

    def _on_kinds(self) -> None:
        if self._settings is not None:
            self._settings.set(keys.CALENDAR_HIDDEN, ",".join(sorted(self.legend.hidden_keys())))
        self.filters_changed.emit()

    def set_staff(self, staff: list[tuple[uuid.UUID, str]]) -> bool:
        """Offer these people, keeping the chosen one; True if they are gone (then everyone's
        calendar is shown and the filter changed)."""
        combo = self.staff_combo
        wanted = str(combo.currentData() or "")
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Everyone", "")
        for staff_id, name in staff:
            combo.addItem(name, str(staff_id))
        combo.setCurrentIndex(max(0, combo.findData(wanted)) if wanted else 0)
        combo.blockSignals(False)
        gone = bool(wanted) and combo.currentData() != wanted
        if gone and self._settings is not None:
            self._settings.set(keys.CALENDAR_STAFF, "")
        return gone

    def set_view(self, key: str) -> None:
        for button in self.view_buttons.buttons():
            button.setChecked(button.objectName() == f"view_{key}")

    def view_button(self, key: str) -> QToolButton:
        button = self.findChild(QToolButton, f"view_{key}")
        assert button is not None
        return button

    def add_action(self, action: QAction, *, text: bool = True) -> QToolButton:
        """An action button on the first row, after the ones already there."""
        button = tool_button(action, text=text)
        self.row1.insertWidget(self._actions_at, button)
        self._actions_at += 1
        return button

    def add_menu(self, text: str, actions: list[QAction]) -> QToolButton:
        """A "More" style button opening a menu of actions."""
        button = QToolButton()
        button.setText(text)
        button.setAutoRaise(True)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setAccessibleName(text)
        menu = QMenu(button)
        menu.addActions(actions)
        button.setMenu(menu)
        self.row1.insertWidget(self._actions_at, button)
        self._actions_at += 1
        return button
