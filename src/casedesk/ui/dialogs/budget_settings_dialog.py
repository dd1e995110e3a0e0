"""The practice's budget settings: its phases, expense categories and activities (ordered lists
to add to, rename, remove from and reorder) and the warning and over-budget thresholds.
Saved through services/budget_settings.save_settings; entries already made keep their names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import (
    DEFAULT_ACTIVITIES,
    DEFAULT_BUDGET_PHASES,
    DEFAULT_EXPENSE_CATEGORIES,
)
from casedesk.services.budget_rows import BudgetSettings
from casedesk.ui.dialogs.base import FormDialog, hint_label, safe_icon
from casedesk.ui.dialogs.fields import char_width

MAX_NAME = 80  # as services/budget_settings.MAX_NAME
MAX_ITEMS = 100


def list_problem(names: Sequence[str], label: str) -> str:
    """What is wrong with one list ('' when it can be saved)."""
    seen: set[str] = set()
    cleaned = [" ".join(n.split()) for n in names]
    if not any(cleaned):
        return f"{label}: list at least one."
    if len(cleaned) > MAX_ITEMS:
        return f"{label}: at most {MAX_ITEMS}."
    for name in cleaned:
        if not name:
            return f"{label}: a name is empty; type one or remove it."
        if len(name) > MAX_NAME:
            return f"{label}: “{name[:30]}…” is longer than {MAX_NAME} characters."
        if name.casefold() in seen:
            return f"{label}: “{name}” is listed twice."
        seen.add(name.casefold())
    return ""


class NameListEditor(QWidget):
    """An ordered list of names: Add, Rename (F2 or double-click), Remove (Del), Move up and
    down (Ctrl+Up/Down) and Restore defaults."""

    changed = Signal()

    def __init__(self, names: Sequence[str], defaults: Sequence[str], noun: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._defaults = tuple(defaults)
        self._noun = noun
        self.list = QListWidget()
        self.list.setAccessibleName(f"{noun.capitalize()}s")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setMinimumHeight(self.fontMetrics().height() * 12)
        self.list.setMinimumWidth(char_width(self, 34))

        def button(text: str, icon: str, tip: str, slot: Callable[[], None]) -> QPushButton:
            push = QPushButton(safe_icon(icon), text)
            push.setToolTip(tip)
            push.setAutoDefault(False)
            push.clicked.connect(lambda _c=False: slot())
            return push

        self.add_button = button("&Add", "plus", f"Add a {noun}", self.add)
        self.rename_button = button("Re&name", "pencil", f"Rename the {noun} (F2)", self.rename)
        self.remove_button = button("&Remove", "trash-2", f"Remove the {noun} (Del); entries "
                                    "already made with it keep it", self.remove)
        self.up_button = button("Move &up", "arrow-up", "Move up (Ctrl+Up)",
                                lambda: self.move_current(-1))
        self.down_button = button("Move do&wn", "arrow-down", "Move down (Ctrl+Down)",
                                  lambda: self.move_current(1))
        self.defaults_button = button("Restore &defaults", "rotate-ccw",
                                      f"Put back casedesk's own list of {noun}s", self.restore)
        side = QVBoxLayout()
        for push in (self.add_button, self.rename_button, self.remove_button, self.up_button,
                     self.down_button):
            side.addWidget(push)
        side.addStretch(1)
        side.addWidget(self.defaults_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(side)
        for key, slot in ((QKeySequence.StandardKey.Delete, self.remove),
                          (QKeySequence("Ctrl+Up"), lambda: self.move_current(-1)),
                          (QKeySequence("Ctrl+Down"), lambda: self.move_current(1))):
            shortcut = QShortcut(QKeySequence(key), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.set_names(names)
        self.list.itemChanged.connect(lambda _i: self.changed.emit())
        self.list.model().rowsMoved.connect(lambda *_a: self._moved())
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())

    # -- value -------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [" ".join(self.list.item(i).text().split()) for i in range(self.list.count())]

    def set_names(self, names: Sequence[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for name in names:
            self.list.addItem(self._item(name))
        self.list.blockSignals(False)
        self.list.setCurrentRow(0 if names else -1)
        self._update_buttons()
        self.changed.emit()

    def state(self) -> object:
        return tuple(self.names())

    def focus_chain(self) -> list[QWidget]:
        return [self.list, self.add_button, self.rename_button, self.remove_button,
                self.up_button, self.down_button, self.defaults_button]

    # -- editing -----------------------------------------------------------------------------
    def _item(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def add(self, name: str = "") -> None:
        """Add a name after the current one and let the user type it."""
        text = name or f"New {self._noun}"
        row = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        item = self._item(text)
        self.list.insertItem(row, item)
        self.list.setCurrentRow(row)
        self.changed.emit()
        if not name:
            self.list.editItem(item)

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._update_buttons()
        self.changed.emit()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(target)
        self._update_buttons()
        self.changed.emit()

    def restore(self) -> None:
        self.set_names(self._defaults)

    def _moved(self) -> None:
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        has = row >= 0
        self.rename_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)
        self.defaults_button.setEnabled(tuple(self.names()) != self._defaults)


def _percent_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 1000)
    box.setSuffix(" % of the budget used")  # the field says what the number is
    box.setValue(value)
    box.setMinimumWidth(char_width(box, 24))
    box.setMaximumWidth(char_width(box, 28))  # a number, not a line of text
    return box


class BudgetSettingsDialog(FormDialog):
    """Budget settings… (File menu): the practice's lists and thresholds."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        phases: tuple[str, ...]
        expense_categories: tuple[str, ...]
        activities: tuple[str, ...]
        warning_percent: int
        over_percent: int
        expected_version: int | None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `budget_settings.save_settings`."""
            return {"phases": list(self.phases),
                    "expense_categories": list(self.expense_categories),
                    "activities": list(self.activities),
                    "warning_percent": self.warning_percent,
                    "over_percent": self.over_percent,
                    "expected_version": self.expected_version}

    def __init__(self, parent: QWidget | None, settings: BudgetSettings) -> None:
        super().__init__(parent, "Budget settings")
        self._version = settings.firm_version
        self.warning_box = _percent_box(settings.warning_percent)
        self.over_box = _percent_box(settings.over_percent)
        self.add_row("&Warn at", self.warning_box, required=True,
                     tip="A case is “near budget” once it has used this share of its budget")
        self.add_row("&Over budget at", self.over_box, required=True,
                     tip="A case is “over budget” once it has used this share of its budget")
        self.phases = NameListEditor(settings.phases, DEFAULT_BUDGET_PHASES, "phase")
        self.categories = NameListEditor(settings.expense_categories,
                                         DEFAULT_EXPENSE_CATEGORIES, "category")
        self.activities = NameListEditor(settings.activities, DEFAULT_ACTIVITIES, "activity")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.phases, "&Phases")
        self.tabs.addTab(self.categories, "E&xpense categories")
        self.tabs.addTab(self.activities, "A&ctivities")
        self.body_layout.insertWidget(0, self.tabs, 1)
        self.body_layout.insertWidget(1, hint_label(
            "Budgets, time entries and expenses offer these names in this order. Renaming or "
            "removing a name does not change entries already made: they keep their name and "
            "reports still show them."))
        self.watch(self.warning_box, self.over_box, self.phases, self.categories,
                   self.activities)
        self.chain_tab_order(self.tabs, self.phases, self.categories, self.activities,
                             self.warning_box, self.over_box)
        # Room for a list of a dozen names, the hint and both thresholds without scrolling.
        self.resize(char_width(self, 78), self.fontMetrics().height() * 30)
        self.mark_clean()

    def watch(self, *widgets: Any) -> None:
        """Spin boxes re-validate as the user types (FormDialog knows the other kinds)."""
        rest = []
        for widget in widgets:
            if isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self.refresh)
                self._watched.append(_SpinState(widget))
            else:
                rest.append(widget)
        super().watch(*rest)

    def validate(self) -> str:
        for editor, label in ((self.phases, "Phases"), (self.categories, "Expense categories"),
                              (self.activities, "Activities")):
            if problem := list_problem(editor.names(), label):
                return problem
        warning, over = self.warning_box.value(), self.over_box.value()
        if warning >= over:
            return (f"The warning threshold ({warning} %) must be below the over-budget "
                    f"threshold ({over} %).")
        return ""

    def answer(self) -> BudgetSettingsDialog.Answer:
        return BudgetSettingsDialog.Answer(
            phases=tuple(self.phases.names()),
            expense_categories=tuple(self.categories.names()),
            activities=tuple(self.activities.names()),
            warning_percent=self.warning_box.value(), over_percent=self.over_box.value(),
            expected_version=self._version)

    @classmethod
    def ask(cls, parent: QWidget | None,
            settings: BudgetSettings) -> BudgetSettingsDialog.Answer | None:
        """Edit the settings; None when cancelled."""
        answer: BudgetSettingsDialog.Answer | None = cls.run(cls(parent, settings))
        return answer


class _SpinState:
    """A spin box as FormDialog's dirty check sees it (its value)."""

    def __init__(self, box: QSpinBox) -> None:
        self._box = box

    def state(self) -> object:
        return self._box.value()


def edit_budget_settings(parent: QWidget, db: Any, *,
                         on_message: Callable[[str], None] | None = None) -> None:
    """Read the settings on the worker, ask, save (File ▸ Budget settings…)."""
    from casedesk.services.budget_settings import read_settings
    from casedesk.ui.dialogs.error_dialog import show_error

    def failed(error: Any) -> None:
        show_error(parent, error.message, error.details)

    def saved(_result: Any) -> None:
        if on_message is not None:
            on_message("Budget settings saved")

    def loaded(settings: BudgetSettings) -> None:
        if settings.firm_version is None:
            show_error(parent, "Set up the firm's details first (File ▸ Firm details…); the "
                       "budget settings are kept with them.")
            return
        answer = BudgetSettingsDialog.ask(parent, settings)
        if answer is not None:
            from casedesk.services.budget_settings import save_settings

            db.write(save_settings, on_done=saved, on_error=failed, **answer.as_kwargs())

    db.plain(read_settings, on_done=loaded, on_error=failed)
