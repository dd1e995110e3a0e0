"""Edit one of the practice's rule sets: its name and details, its triggers and each trigger's
deadlines, with proper fields for every part of a rule.

The whole draft is checked on every change by `parse_rule_set`, the same check the service
makes; the first problem is named in words ("Trigger “Motion filed” › “Reply”: Amount must be
from 1 to 36600"), flagged in the tree and shown beside the field, and Save waits until it is
fixed. Nothing is saved from a draft that does not parse.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.errors import InvalidInput
from casedesk.rules.rulesets import builtin_rule_sets, parse_rule_set
from casedesk.ui.db import Database
from casedesk.ui.dialogs import ask
from casedesk.ui.dialogs.deadline_widgets import SavingFormDialog, WrappedHint
from casedesk.ui.dialogs.fields import char_width
from casedesk.ui.dialogs.rule_forms import DeadlineForm, TriggerForm
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.rule_tree_model import (
    DraftDeadline,
    DraftTrigger,
    RuleTreeModel,
    drafts_from_data,
    span_triggers,
)

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_PATH = re.compile(r"^(?:rule set|triggers\[(\d+)\](?:\.deadlines\[(\d+)\])?)(?:\.(\w+))?$")
_FIELDS = {"key": "Key", "name": "Name", "title": "Title", "amount": "Amount", "unit": "Unit",
           "direction": "Direction", "service_sensitive": "Rule 6(d)", "kind": "Kind",
           "authority": "Authority", "note": "Note", "counts_from": "Counts from",
           "jurisdiction": "Jurisdiction", "version": "Version",
           "description": "Description", "format": "Format"}
Where = tuple[int, int | None]


def slug(text: str, taken: set[str], fallback: str) -> str:
    """A key made from a name ("Answer due" -> "answer_due"), unique among `taken`."""
    base = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:56] or fallback
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def describe_problem(error: InvalidInput,
                     triggers: list[DraftTrigger]) -> tuple[str, Where | None, str]:
    """(the message in words, the (trigger, deadline) it is about, the field name)."""
    path = error.field or ""
    problem = error.message[len(path) + 2:] if error.message.startswith(path + ": ") \
        else error.message
    match = _PATH.match(path)
    if match is None:
        return error.message, None, ""
    trigger_no, deadline_no, field = match.groups()
    where: Where | None = None
    place = "Rule set"
    if trigger_no is not None:
        number = int(trigger_no)
        trigger = triggers[number] if number < len(triggers) else None
        place = f"Trigger “{trigger.name}”" if trigger and trigger.name.strip() \
            else f"Trigger {number + 1}"
        where = (number, None)
        if deadline_no is not None and trigger is not None:
            index = int(deadline_no)
            rule = trigger.deadlines[index] if index < len(trigger.deadlines) else None
            place += f" › “{rule.title}”" if rule and rule.title.strip() \
                else f" › deadline {index + 1}"
            where = (number, index)
    if field in ("deadlines", "triggers") and problem == "must not be empty":
        noun = "deadline" if field == "deadlines" else "trigger"
        return f"{place} needs at least one {noun}.", where, field or ""
    name = _FIELDS.get(field or "", field or "")
    return f"{place}: {name} {problem}." if name else f"{place}: {problem}.", where, field or ""


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before removing; Cancel is the default. Tests replace this function."""
    return ask.confirm(parent, title, text, "", action)


def inform(parent: QWidget, title: str, text: str) -> None:
    """Tell why something cannot be done. Tests replace this function."""
    QMessageBox.information(parent, title, text)


class _DraftWatch(QObject):
    """Lets FormDialog.watch() see the draft: `changed` on every edit, `state()` to compare."""

    changed = Signal()

    def __init__(self, state: Callable[[], Any]) -> None:
        super().__init__()
        self.state = state


def new_rule_set_data() -> dict[str, Any]:
    """A fresh rule set to fill in: one trigger with one deadline (a set needs both)."""
    return {"format": 1, "key": "", "name": "", "jurisdiction": "", "version": "1",
            "description": "", "triggers": []}


class RuleSetEditor(SavingFormDialog):
    """Details on top; the trigger/deadline tree on the left, the selected item's form right."""

    form_share = 0.3  # the tree and the item's form need the room more

    def __init__(self, parent: QWidget | None, db: Database, data: dict[str, Any], *,
                 existing_keys: set[str], is_new: bool,
                 actor_staff_id: uuid.UUID | None = None) -> None:
        super().__init__(parent, "New rule set" if is_new else
                         f"Edit rule set — {data.get('name', '')}", db)
        self.is_new = is_new
        self._existing = set(existing_keys) | {rs.key for rs in builtin_rule_sets()}
        self._actor = actor_staff_id
        self._key_typed = bool(data.get("key"))
        self.saved_data: dict[str, Any] | None = None
        self._problem: tuple[str, Where | None, str] | None = None
        self._split_done = False
        self.triggers = drafts_from_data(data)
        if not self.triggers:
            self.triggers = [DraftTrigger(key="trigger", is_new=True, deadlines=[
                DraftDeadline(key="deadline", is_new=True)])]
        self._build_header(data)
        self._build_panel()
        self.watch_draft = _DraftWatch(self.data)
        self.watch(self.name_edit, self.key_edit, self.jurisdiction_edit, self.version_edit,
                   self.description_edit, self.watch_draft)
        self.chain_tab_order(self.name_edit, self.key_edit, self.jurisdiction_edit,
                             self.version_edit, self.description_edit, self.tree)
        self.resize(char_width(self, 150), self.fontMetrics().height() * 46)
        self.model.set_triggers(self.triggers)
        span_triggers(self.tree)
        self.select(0, None)
        self.mark_clean()

    def _build_header(self, data: dict[str, Any]) -> None:
        self.name_edit = QLineEdit(data.get("name", ""))
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText("e.g. Our N.D. Cal. deadlines")
        self.key_edit = QLineEdit(data.get("key", ""))
        self.key_edit.setMaxLength(64)
        self.key_edit.setReadOnly(not self.is_new)
        self.key_edit.setPlaceholderText("made from the name: lower-case letters, digits, _")
        self.key_edit.setToolTip("The rule set's short name, stored with every deadline it "
                                 "computes; it cannot change after the first save")
        self.jurisdiction_edit = QLineEdit(data.get("jurisdiction", ""))
        self.jurisdiction_edit.setPlaceholderText("e.g. N.D. Cal., civil cases")
        self.version_edit = QLineEdit(data.get("version", ""))
        self.version_edit.setMaximumWidth(char_width(self, 16))
        self.description_edit = QPlainTextEdit(data.get("description", ""))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(self.fontMetrics().height() * 4)
        self.add_row("&Name", self.name_edit, required=True)
        self.add_row("Short name (&key)", self.key_edit, required=True)
        self.add_row("&Jurisdiction", self.jurisdiction_edit, required=True)
        self.add_row("&Version", self.version_edit, required=True)
        self.add_row("D&escription", self.description_edit)
        self.name_edit.textChanged.connect(self._name_typed)
        self.key_edit.textEdited.connect(lambda _t: setattr(self, "_key_typed", True))

    def _build_panel(self) -> None:
        self.model = RuleTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Triggers and their deadlines")
        self.tree.setUniformRowHeights(True)
        for column in range(4, self.model.columnCount()):
            self.tree.setColumnHidden(column, True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(lambda *_a: self._show_current())
        self.add_trigger_button = QPushButton(safe_icon("plus"), "Add &trigger")
        self.add_deadline_button = QPushButton(safe_icon("plus"), "Add &deadline")
        self.remove_button = QPushButton(safe_icon("trash-2"), "&Remove")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        self.add_trigger_button.clicked.connect(self.add_trigger)
        self.add_deadline_button.clicked.connect(self.add_deadline)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons, order = QHBoxLayout(), QHBoxLayout()
        for button in (self.add_trigger_button, self.add_deadline_button, self.remove_button):
            buttons.addWidget(button)
        for button in (self.up_button, self.down_button):
            order.addWidget(button)
        for row in (buttons, order):
            row.addStretch(1)
        for button in (self.add_trigger_button, self.add_deadline_button, self.remove_button,
                       self.up_button, self.down_button):
            button.setAutoDefault(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(order)
        self.trigger_form = TriggerForm()
        self.deadline_form = DeadlineForm()
        self.trigger_form.edited.connect(self._item_edited)
        self.deadline_form.edited.connect(self._item_edited)
        self.item_title = QLabel()
        font = self.item_title.font()
        font.setBold(True)
        self.item_title.setFont(font)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.trigger_form)
        self.stack.addWidget(self.deadline_form)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.item_title)
        right_layout.addWidget(self.stack)
        right_layout.addWidget(WrappedHint(
            "Periods are counted under Rule 6(a): the trigger day is not counted and only a "
            "last day on a weekend or legal holiday moves. Court days skip weekends, holidays "
            "and the court's closure days."))
        right_layout.addStretch(1)
        scroll = QScrollArea()  # the deadline form scrolls on a small screen
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setMinimumHeight(self.fontMetrics().height() * 4)
        screen = self.screen()
        narrow = screen is not None and screen.availableGeometry().width() < 1000
        self.splitter = QSplitter(Qt.Orientation.Vertical if narrow
                                  else Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.add_panel(self.splitter)

    def showEvent(self, event: QShowEvent) -> None:
        first = not self._split_done
        super().showEvent(event)
        if first and self.splitter.orientation() is Qt.Orientation.Horizontal:
            self._split_done = True
            total = sum(self.splitter.sizes()) or self.width()
            self.splitter.setSizes([total // 2, total - total // 2])

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, data: dict[str, Any], *,
            existing_keys: set[str], is_new: bool,
            actor_staff_id: uuid.UUID | None = None) -> dict[str, Any] | None:
        """Edit and save; the saved rule set's dict, or None when cancelled."""
        dialog = cls(parent, db, data, existing_keys=existing_keys, is_new=is_new,
                     actor_staff_id=actor_staff_id)
        cls.run(dialog)
        return dialog.saved_data

    def answer(self) -> dict[str, Any] | None:
        return self.saved_data

    # --- the draft -----------------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        """The rule set as typed, in the form `save_rule_set` takes."""
        return {"format": 1, "key": self.key_edit.text().strip(),
                "name": self.name_edit.text(), "jurisdiction": self.jurisdiction_edit.text(),
                "version": self.version_edit.text(),
                "description": self.description_edit.toPlainText(),
                "triggers": [t.to_dict() for t in self.triggers]}

    def _name_typed(self, text: str) -> None:
        if self.is_new and not self._key_typed:
            self.key_edit.setText(slug(text, self._existing, "my_rules"))

    def current(self) -> Where | None:
        return self.model.position(self.tree.currentIndex())

    def select(self, trigger: int, deadline: int | None) -> None:
        index = self.model.index_of(trigger, deadline)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(index)
        self._show_current()

    def select_path(self, trigger: int, deadline: int | None = None) -> None:
        self.select(trigger, deadline)

    def _show_current(self) -> None:
        spot = self.current()
        self.add_deadline_button.setEnabled(spot is not None)
        self.remove_button.setEnabled(spot is not None)
        self.up_button.setEnabled(spot is not None and (spot[1] or spot[0]) > 0)
        if spot is None:
            self.down_button.setEnabled(False)
            return
        trigger = self.triggers[spot[0]]
        last = len(trigger.deadlines) - 1 if spot[1] is not None else len(self.triggers) - 1
        self.down_button.setEnabled((spot[1] if spot[1] is not None else spot[0]) < last)
        if spot[1] is None:
            self.trigger_form.load(trigger)
            self.stack.setCurrentWidget(self.trigger_form)
            self.item_title.setText("Trigger")
        else:
            self.deadline_form.load(trigger, trigger.deadlines[spot[1]])
            self.stack.setCurrentWidget(self.deadline_form)
            self.item_title.setText(f"Deadline set by “{trigger.name or 'this trigger'}”")
        self._show_problem()

    def _item_edited(self) -> None:
        spot = self.current()
        if spot is None:
            return
        trigger = self.triggers[spot[0]]
        if spot[1] is None and trigger.is_new:
            trigger.key = slug(trigger.name, {t.key for t in self.triggers
                                              if t is not trigger}, "trigger")
        elif spot[1] is not None:
            rule = trigger.deadlines[spot[1]]
            if rule.is_new:
                old = rule.key
                rule.key = slug(rule.title, {d.key for d in trigger.deadlines if d is not rule},
                                "deadline")
                for other in trigger.deadlines:  # keep chains pointing at it
                    if other.counts_from == old:
                        other.counts_from = rule.key
        self.model.changed_trigger(spot[0])
        self.watch_draft.changed.emit()

    # --- structure -----------------------------------------------------------------------

    def _rebuild(self, trigger: int, deadline: int | None) -> None:
        self.model.set_triggers(self.triggers)
        span_triggers(self.tree)
        self.select(trigger, deadline)
        self.watch_draft.changed.emit()

    def add_trigger(self) -> None:
        taken = {t.key for t in self.triggers}
        self.triggers.append(DraftTrigger(key=slug("", taken, "trigger"), is_new=True,
                                          deadlines=[DraftDeadline(key="deadline",
                                                                   is_new=True)]))
        self._rebuild(len(self.triggers) - 1, None)
        self.trigger_form.name_edit.setFocus()

    def add_deadline(self) -> None:
        spot = self.current()
        if spot is None:
            return
        trigger = self.triggers[spot[0]]
        taken = {d.key for d in trigger.deadlines}
        trigger.deadlines.append(DraftDeadline(key=slug("", taken, "deadline"), is_new=True))
        self._rebuild(spot[0], len(trigger.deadlines) - 1)
        self.deadline_form.title_edit.setFocus()

    def remove_current(self) -> None:
        spot = self.current()
        if spot is None:
            return
        trigger = self.triggers[spot[0]]
        if spot[1] is None:
            count = len(trigger.deadlines)
            name = trigger.name or "this trigger"
            if not confirm(self, "Remove trigger", f"Remove “{name}” and its {count} "
                           f"deadline{'s' if count != 1 else ''} from the rule set?", "Remove"):
                return
            del self.triggers[spot[0]]
            self._rebuild(max(0, spot[0] - 1), None)
            return
        rule = trigger.deadlines[spot[1]]
        users = [d.title for d in trigger.deadlines if d.counts_from == rule.key]
        if users:
            inform(self, "Remove deadline", f"“{users[0]}” counts from “{rule.title}”. Change "
                   "what it counts from first.")
            return
        del trigger.deadlines[spot[1]]
        self._rebuild(spot[0], spot[1] - 1 if spot[1] > 0 else None)

    def move_current(self, step: int) -> None:
        spot = self.current()
        if spot is None:
            return
        items: list[Any] = (self.triggers if spot[1] is None
                            else self.triggers[spot[0]].deadlines)
        here = spot[0] if spot[1] is None else spot[1]
        there = here + step
        if not 0 <= there < len(items):
            return
        items[here], items[there] = items[there], items[here]
        self._rebuild(there, None) if spot[1] is None else self._rebuild(spot[0], there)

    # --- checking and saving -------------------------------------------------------------

    def check(self) -> str:
        self._problem = None
        key = self.key_edit.text().strip()
        if self.is_new and key in self._existing:
            return (f"The short name “{key}” is already used by another rule set; choose "
                    "another.")
        try:
            parse_rule_set(self.data())
        except InvalidInput as error:
            self._problem = describe_problem(error, self.triggers)
            return self._problem[0]
        return ""

    def refresh(self) -> None:
        super().refresh()
        self._show_problem()

    def _show_problem(self) -> None:
        if not hasattr(self, "model"):
            return
        where = self._problem[1] if self._problem else None
        self.model.set_problem(where)
        here = self.current()
        text = self._problem[0] if self._problem and where is not None and where == here \
            else ""
        self.trigger_form.show_problem(text if here and here[1] is None else "")
        self.deadline_form.show_problem(text if here and here[1] is not None else "")

    def accept(self) -> None:
        from casedesk.services import deadlines

        if self.validate() or self.waiting():
            self.refresh()
            return
        data = self.data()

        def saved(_changes: Any) -> None:
            self.saved_data = data

        self.submit(deadlines.save_rule_set, on_saved=saved, data=data,
                    actor_staff_id=self._actor)
