"""Table models for computed deadlines: the preview of a trigger (which deadlines to add) and
the diff after a trigger or rule set changed (which deadlines to move).

Both put a check box in the first column. In the diff only a pending deadline whose date would
change can be ticked; done, vacated and cancelled ones and rules that left the rule set are
listed (muted or flagged, always with a word) but can never be chosen.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from casedesk.domain.enums import EventStatus
from casedesk.rules.rulesets import ComputedDeadline
from casedesk.services.deadlines import DeadlineChange
from casedesk.ui import style
from casedesk.ui.dialogs.deadline_widgets import due_day
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


class CheckableRowsModel(SnapshotTableModel[T], Generic[T]):
    """Snapshot rows with a check box in column 0 for the rows `can_check` allows."""

    def __init__(self, columns: Sequence[Column[T]], *, key: Callable[[T], Hashable],
                 can_check: Callable[[T], bool], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._key = key
        self._can_check = can_check
        self._checked: set[Hashable] = set()

    def set_rows(self, rows: Sequence[T], checked: Iterable[Hashable] | None = None) -> None:
        """Replace the rows; tick `checked` keys (default: every row that can be ticked)."""
        wanted = (set(checked) if checked is not None
                  else {self._key(r) for r in rows if self._can_check(r)})
        self._checked = {self._key(r) for r in rows if self._can_check(r)} & wanted
        super().set_rows(rows)

    def _check_state(self, index: _Index) -> bool | None:
        row = self.row_at(index.row())
        if index.column() != 0 or row is None or not self._can_check(row):
            return None
        return self._key(row) in self._checked

    def setData(self, index: _Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or self._check_state(index) is None:
            return False
        row = self.row_at(index.row())
        assert row is not None
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        self.set_checked(self._key(row), state == Qt.CheckState.Checked)
        return True

    def set_checked(self, key: Hashable, checked: bool) -> None:
        for number, row in enumerate(self.rows):
            if self._key(row) == key and self._can_check(row):
                if checked:
                    self._checked.add(key)
                else:
                    self._checked.discard(key)
                index = self.index(number, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def checked_rows(self) -> list[T]:
        """The ticked rows, in table order."""
        return [r for r in self.rows if self._can_check(r) and self._key(r) in self._checked]

    def checked_keys(self) -> list[Hashable]:
        return [self._key(r) for r in self.checked_rows()]


# --- the preview of a trigger ----------------------------------------------------------------

def _passed(item: ComputedDeadline, today: date) -> bool:
    due = item.due.date() if isinstance(item.due, datetime) else item.due
    return due < today


def plan_model(parent: Any = None, today: date | None = None) -> CheckableRowsModel[
        ComputedDeadline]:
    """Deadlines a trigger would set: tick, title, due day (with weekday), authority."""
    def now() -> date:
        return today or date.today()

    def due_text(item: ComputedDeadline) -> str:
        return due_day(item.due) + (" (already passed)" if _passed(item, now()) else "")

    def due_color(item: ComputedDeadline) -> QColor | None:
        return style.overdue_color() if _passed(item, now()) else None

    return CheckableRowsModel([
        Column("Deadline", lambda d: d.title, tooltip=lambda d: d.note),
        Column("Due", due_text, color=due_color),
        Column("Authority", lambda d: d.authority, tooltip=lambda d: d.authority),
    ], key=lambda d: d.rule_key, can_check=lambda _d: True, parent=parent)


# --- the diff after a change -----------------------------------------------------------------

def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def change_status(change: DeadlineChange) -> str:
    """In words, so colour is never the only signal."""
    if change.status is not EventStatus.SCHEDULED:
        return f"not moved: {change.status.value}"
    if change.new_day is None:
        return "rule no longer in the rule set: not moved"
    if not change.moves:
        return "unchanged"
    delta = (change.new_day - change.old_day).days
    return f"moves {_days(delta)} later" if delta > 0 else f"moves {_days(-delta)} EARLIER"


def _change_color(change: DeadlineChange) -> QColor | None:
    if change.status is not EventStatus.SCHEDULED or (change.new_day is not None
                                                      and not change.moves):
        return style.done_color()
    if change.new_day is None:
        return style.soon_color()
    if change.new_day < change.old_day:
        return style.overdue_color()  # an earlier date is the one that can be missed
    return None


def change_model(parent: Any = None, *,
                 checkable: bool = True) -> CheckableRowsModel[DeadlineChange]:
    """A trigger's deadlines before and after: tick (only what can move), title, days, status.
    Without `checkable` no row has a check box (a preview where nothing can be chosen)."""
    return CheckableRowsModel([
        Column("Deadline", lambda c: c.title, color=_change_color,
               tooltip=lambda c: c.authority,
               strike=lambda c: c.status in (EventStatus.VACATED, EventStatus.CANCELLED)),
        Column("Now", lambda c: due_day(c.old_day), color=_change_color),
        Column("Would be", lambda c: due_day(c.new_day) if c.new_day else "—",
               color=_change_color),
        Column("Status", change_status, color=_change_color),
    ], key=lambda c: c.event_id, can_check=lambda c: checkable and c.can_move, parent=parent)


def moved_ids(model: CheckableRowsModel[DeadlineChange]) -> list[uuid.UUID]:
    return [c.event_id for c in model.checked_rows()]
