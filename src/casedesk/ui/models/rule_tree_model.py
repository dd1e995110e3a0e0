"""A rule set as a tree (triggers, each with its deadlines), over editable drafts.

The Deadline rules window shows a saved rule set through it, and the editor shows the draft
being edited, which may not parse yet (an empty title, an amount of 0): so the model holds
plain mutable drafts, not `RuleSet` objects, and the editor checks the draft with the same
`parse_rule_set` the service uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeView

from casedesk.domain.enums import EventKind
from casedesk.rules.counting import Direction, Unit
from casedesk.rules.rulesets import RuleSet
from casedesk.ui.format import enum_label
from casedesk.ui.icons import safe_icon

_Index = QModelIndex | QPersistentModelIndex

UNIT_LABELS = {Unit.DAYS: "calendar days", Unit.COURT_DAYS: "court days", Unit.HOURS: "hours"}
DIRECTION_LABELS = {Direction.AFTER: "after", Direction.BEFORE: "before"}


@dataclass(eq=False)
class DraftDeadline:
    """One deadline rule as typed (any field may still be wrong)."""

    key: str = ""
    title: str = ""
    amount: int = 14
    unit: Unit = Unit.DAYS
    direction: Direction = Direction.AFTER
    service_sensitive: bool = False
    kind: EventKind = EventKind.FILING_DEADLINE
    authority: str = ""
    note: str = ""
    counts_from: str | None = None
    is_new: bool = False  # its key is still made from its title

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DraftDeadline:
        return cls(key=data["key"], title=data["title"], amount=data["amount"],
                   unit=Unit(data["unit"]), direction=Direction(data["direction"]),
                   service_sensitive=bool(data.get("service_sensitive", False)),
                   kind=EventKind(data["kind"]), authority=data["authority"],
                   note=data.get("note", ""), counts_from=data.get("counts_from"))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key, "title": self.title, "amount": self.amount,
            "unit": self.unit.value, "direction": self.direction.value,
            "service_sensitive": self.service_sensitive, "kind": self.kind.value,
            "authority": self.authority, "note": self.note}
        if self.counts_from is not None:
            data["counts_from"] = self.counts_from
        return data


@dataclass(eq=False)
class DraftTrigger:
    key: str = ""
    name: str = ""
    description: str = ""
    deadlines: list[DraftDeadline] = field(default_factory=list)
    is_new: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DraftTrigger:
        return cls(key=data["key"], name=data["name"],
                   description=data.get("description", ""),
                   deadlines=[DraftDeadline.from_dict(d) for d in data["deadlines"]])

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "description": self.description,
                "deadlines": [d.to_dict() for d in self.deadlines]}

    def deadline(self, key: str | None) -> DraftDeadline | None:
        return next((d for d in self.deadlines if d.key == key), None)


def drafts_from_data(data: dict[str, Any]) -> list[DraftTrigger]:
    return [DraftTrigger.from_dict(t) for t in data.get("triggers", [])]


def drafts_from_rule_set(rule_set: RuleSet) -> list[DraftTrigger]:
    from casedesk.rules.rulesets import rule_set_to_dict

    return drafts_from_data(rule_set_to_dict(rule_set))


def counts_from_text(trigger: DraftTrigger, rule: DraftDeadline) -> str:
    if rule.counts_from is None:
        return "trigger"
    base = trigger.deadline(rule.counts_from)
    return f"“{base.title}” due" if base is not None else f"({rule.counts_from})"


_COLUMNS = ("Title", "Amount", "Unit", "Direction", "Service-\nsensitive", "Kind", "Authority",
            "Counts\nfrom")
_TOOLTIPS = {
    4: "Runs after being served under Rule 5, so Rule 6(d) adds 3 days after service by mail, "
       "by leaving it with the clerk or by other consented means",
    7: "Where the count starts: the trigger's date, or the due date of an earlier deadline of "
       "the same trigger",
}


def span_triggers(view: QTreeView) -> None:
    """Let each trigger's name use the whole row (its deadlines carry the columns)."""
    model = view.model()
    for row in range(model.rowCount()):
        view.setFirstColumnSpanned(row, QModelIndex(), True)
    view.expandAll()


class RuleTreeModel(QAbstractItemModel):
    """Triggers at the top, their deadlines below; read-only (the editor edits the drafts and
    calls `changed_trigger` / `set_triggers`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._triggers: list[DraftTrigger] = []
        self._problem: tuple[int, int | None] | None = None  # (trigger, deadline) to flag

    # --- content ---------------------------------------------------------------------------

    def set_triggers(self, triggers: list[DraftTrigger]) -> None:
        self.beginResetModel()
        self._triggers = triggers
        self._problem = None
        self.endResetModel()

    @property
    def triggers(self) -> list[DraftTrigger]:
        return self._triggers

    def changed_trigger(self, number: int) -> None:
        """Repaint a trigger's row and its deadlines after their drafts were edited."""
        last = self.columnCount() - 1
        top = self.index(number, 0)
        self.dataChanged.emit(top, self.index(number, last))
        count = len(self._triggers[number].deadlines)
        if count:
            self.dataChanged.emit(self.index(0, 0, top), self.index(count - 1, last, top))

    def set_problem(self, where: tuple[int, int | None] | None) -> None:
        """Flag the item a validation message is about (an alert icon in column 0)."""
        old, self._problem = self._problem, where
        for spot in {old, where} - {None}:
            assert spot is not None
            index = self.index_of(*spot)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def index_of(self, trigger: int, deadline: int | None = None) -> QModelIndex:
        if not 0 <= trigger < len(self._triggers):
            return QModelIndex()
        top = self.index(trigger, 0)
        return top if deadline is None else self.index(deadline, 0, top)

    def position(self, index: _Index) -> tuple[int, int | None] | None:
        """(trigger, deadline) numbers of an index; deadline None for a trigger row."""
        if not index.isValid():
            return None
        parent = int(index.internalId())
        return (index.row(), None) if parent == 0 else (parent - 1, index.row())

    # --- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0:
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._triggers)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._triggers[parent.row()].deadlines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TOOLTIPS.get(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        spot = self.position(index)
        if spot is None:
            return None
        trigger = self._triggers[spot[0]]
        if spot[1] is None:
            return self._trigger_data(trigger, index.column(), role, spot)
        return self._deadline_data(trigger, trigger.deadlines[spot[1]], index.column(), role,
                                   spot)

    def _flag(self, column: int, role: int, spot: tuple[int, int | None]) -> Any:
        if column == 0 and role == Qt.ItemDataRole.DecorationRole and spot == self._problem:
            return safe_icon("alert-triangle")
        return None

    def _trigger_data(self, trigger: DraftTrigger, column: int, role: int,
                      spot: tuple[int, int | None]) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return trigger.name or "(trigger without a name)"
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return trigger.description or None
        return self._flag(column, role, spot)

    def _deadline_data(self, trigger: DraftTrigger, rule: DraftDeadline, column: int,
                       role: int, spot: tuple[int, int | None]) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (rule.title or "(deadline without a title)", str(rule.amount),
                    UNIT_LABELS[rule.unit], DIRECTION_LABELS[rule.direction],
                    "Yes" if rule.service_sensitive else "No", enum_label(rule.kind),
                    rule.authority, counts_from_text(trigger, rule))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 6):
            return "\n".join(p for p in (rule.authority, rule.note) if p) or None
        return self._flag(column, role, spot)
