"""Deadline rules (Tools ▸ Deadline rules…): the rule sets deadlines are computed from, each
trigger with the deadlines it sets, how each is counted and the authority for it.

Shipped rule sets are read-only (copy one to change it); the practice's own can be edited and
deleted. After an edit, the pending deadlines the new rules would move on cases are listed for
review; nothing moves until a person accepts it, trigger by trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.rules.rulesets import RuleSet, rule_set_to_dict
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.ask import confirm
from casedesk.ui.dialogs.deadline_widgets import WrappedHint, bold_title, deadline_table
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.dialogs.rule_set_changes_dialog import RuleSetChangesDialog
from casedesk.ui.dialogs.rule_set_copy_dialog import RuleSetCopyDialog
from casedesk.ui.dialogs.rule_set_editor import RuleSetEditor, new_rule_set_data
from casedesk.ui.icons import safe_icon
from casedesk.ui.lookups import Lookups
from casedesk.ui.models.rule_tree_model import (
    RuleTreeModel,
    drafts_from_rule_set,
    span_triggers,
)
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel
from casedesk.ui.settings import ColumnWidths, Settings, WindowLayout

SHIPPED_NOTE = ("Shipped with casedesk: read-only. “Copy to my rules…” makes a copy you can "
                "change.")


@dataclass(frozen=True, slots=True)
class RuleSetEntry:
    rule_set: RuleSet
    shipped: bool


def load_rule_sets(session: Any) -> list[RuleSetEntry]:
    """Runs on the DB worker: shipped rule sets first, then the practice's own."""
    from casedesk.services import deadlines

    return [RuleSetEntry(rs, deadlines.is_builtin(rs.key))
            for rs in deadlines.rule_sets(session)]


class RuleSetsWindow(QDialog):
    """Rule sets on the left; the selected one's triggers and deadlines on the right.

    With `settings` it opens at the size, split and column layout it was closed with."""

    def __init__(self, parent: QWidget | None, db: Database, lookups: Lookups, *,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Deadline rules")
        self.setSizeGripEnabled(True)
        self._db = db
        self._lookups = lookups
        self._key: str | None = None
        self.changes_dialog: RuleSetChangesDialog | None = None
        self.sets_model: SnapshotTableModel[RuleSetEntry] = SnapshotTableModel([
            Column("Rule set", lambda e: e.rule_set.name,
                   tooltip=lambda e: f"{e.rule_set.name}\n{e.rule_set.jurisdiction}"),
            Column("Source", lambda e: "shipped" if e.shipped else "yours",
                   tooltip=lambda e: "Shipped with casedesk: read-only" if e.shipped else
                   "Your practice's rule set: can be edited"),
        ], self)
        self.tree_model = RuleTreeModel(self)
        self._build()
        self.layout_memory = WindowLayout(
            self, settings, geometry=keys.RULES_GEOMETRY,
            splitters=[(keys.RULES_SPLITTER, self.splitter)],
            columns=[(keys.RULES_SETS_HEADER, self.sets_columns),
                     (keys.RULES_TREE_HEADER, self.tree_columns)])
        self.sets_view.horizontalHeader().setSectionResizeMode(  # also after an older layout
            0, QHeaderView.ResizeMode.Stretch)
        db.changed.connect(self._on_changed)
        self.reload()

    def _build(self) -> None:
        self.copy_button = QPushButton(safe_icon("file-down"), "&Copy to my rules…")
        self.new_button = QPushButton(safe_icon("plus"), "&New rule set…")
        self.edit_button = QPushButton(safe_icon("pencil"), "&Edit…")
        self.delete_button = QPushButton(safe_icon("trash-2"), "&Delete")
        self.edit_button.setToolTip("Change the triggers and deadlines of one of your rule "
                                    "sets (F2)")
        self.copy_button.clicked.connect(lambda: self.copy_selected())
        self.new_button.clicked.connect(lambda: self.new_rule_set())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.new_button, self.edit_button,
                       self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.sets_view = deadline_table(self.sets_model, "Rule sets", stretch=0)
        self.sets_view.setAlternatingRowColors(False)
        sets_header = self.sets_view.horizontalHeader()
        sets_header.setSectionsMovable(True)
        sets_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.sets_columns = ColumnWidths(sets_header)
        self.sets_view.selectionModel().currentRowChanged.connect(lambda *_a: self._picked())
        self.sets_view.doubleClicked.connect(lambda _i: self.edit_selected())
        QShortcut(QKeySequence("F2"), self.sets_view, lambda: self.edit_selected(),
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.sets_view,
                  lambda: self.delete_selected(), context=Qt.ShortcutContext.WidgetShortcut)

        self.title = QLabel()
        bold_title(self.title)
        self.title.setWordWrap(True)
        self.details = WrappedHint()
        self.note = WrappedHint()
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setAccessibleName("Triggers and the deadlines they set")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree_columns = ColumnWidths(header)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.note)
        right_layout.addWidget(self.tree, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sets_view)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.status = QLabel()
        self.status.setAccessibleName("Result of the last change")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        wanted = QSize(1400, 760)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size() * 0.95)
        self.resize(wanted)

    @classmethod
    def open(  # type: ignore[override]  # like StaffWindow.open: build and show
            cls, parent: QWidget | None, db: Database, lookups: Lookups, *,
            settings: Settings | None = None) -> RuleSetsWindow:
        window = cls(parent, db, lookups, settings=settings)
        window.show()
        return window

    def save_state(self) -> None:
        """Remember the size, the split and both column layouts (also done on every close;
        the main window asks when the app quits with this window open)."""
        self.layout_memory.save()

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        self._db.read(load_rule_sets, on_done=self._loaded, on_error=self._error)

    def _loaded(self, entries: list[RuleSetEntry]) -> None:
        self.sets_model.set_rows(entries)
        if not self.sets_columns.by_hand:
            self.sets_view.resizeColumnToContents(1)
        if not any(e.rule_set.key == self._key for e in entries):
            self._key = entries[0].rule_set.key if entries else None
        number = next((i for i, e in enumerate(entries) if e.rule_set.key == self._key), -1)
        if number >= 0:
            self.sets_view.selectRow(number)
        self._show()

    def _on_changed(self, changes: Changes) -> None:
        if changes.courts:  # what save_rule_set and delete_rule_set report
            self.reload()

    def current(self) -> RuleSetEntry | None:
        return next((e for e in self.sets_model.rows if e.rule_set.key == self._key), None)

    def select_key(self, key: str) -> None:
        self._key = key
        self.reload()

    def _picked(self) -> None:
        index = self.sets_view.selectionModel().currentIndex()
        entry = self.sets_model.row_at(index.row()) if index.isValid() else None
        if entry is not None and entry.rule_set.key != self._key:
            self._key = entry.rule_set.key
            self._show()

    def _show(self) -> None:
        entry = self.current()
        own = entry is not None and not entry.shipped
        self.copy_button.setEnabled(entry is not None)
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        tip = "" if own else "Shipped rule sets cannot be changed: copy one first"
        self.edit_button.setToolTip(tip or "Change the triggers and deadlines (F2)")
        self.delete_button.setToolTip(tip or "Delete this rule set (Del)")
        if entry is None:
            self.title.setText("No rule sets")
            self.details.setText("")
            self.note.setText("")
            self.tree_model.set_triggers([])
            return
        rule_set = entry.rule_set
        self.title.setText(rule_set.name)
        details = f"{rule_set.jurisdiction} · version {rule_set.version}"
        self.details.setText(details + (f"\n{rule_set.description}"
                                        if rule_set.description else ""))
        self.note.setText(SHIPPED_NOTE if entry.shipped else
                          "Your practice's rule set: Edit… changes it; deadlines already on "
                          "cases are shown for review, never moved silently.")
        self.tree_model.set_triggers(drafts_from_rule_set(rule_set))
        span_triggers(self.tree)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Fit every column to its text, but keep authorities to a readable width (their full
        text is in the tooltip); columns the person sized or moved stay as they are."""
        if self.tree_columns.by_hand:
            return
        header = self.tree.header()
        x = self.fontMetrics().horizontalAdvance("x")
        limits = {0: x * 52, 6: x * 34}
        for column in range(self.tree_model.columnCount()):
            self.tree.resizeColumnToContents(column)
            limit = limits.get(column, x * 30)
            if header.sectionSize(column) > limit:
                header.resizeSection(column, limit)

    # --- actions -------------------------------------------------------------------------

    def _error(self, error: JobError) -> None:
        show_error(self, error.message, error.details)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _own_keys(self) -> set[str]:
        return {e.rule_set.key for e in self.sets_model.rows}

    def copy_selected(self) -> None:
        from casedesk.services import deadlines

        entry = self.current()
        if entry is None:
            return
        answer = RuleSetCopyDialog.ask(self, source_name=entry.rule_set.name,
                                       existing_keys=self._own_keys())
        if answer is None:
            return
        data = {**rule_set_to_dict(entry.rule_set), "key": answer.key, "name": answer.name}

        def done(_changes: Changes) -> None:
            self._say(f"Copied as “{answer.name}”. Edit… to change its rules.")
            self.select_key(answer.key)

        self._db.write(deadlines.save_rule_set, data=data,
                       actor_staff_id=self._lookups.current_staff_id, on_done=done,
                       on_error=self._error)

    def new_rule_set(self) -> None:
        data = RuleSetEditor.ask(self, self._db, new_rule_set_data(),
                                 existing_keys=self._own_keys(), is_new=True,
                                 actor_staff_id=self._lookups.current_staff_id)
        if data is not None:
            self._say(f"Rule set added: {data['name']}.")
            self.select_key(data["key"])

    def edit_selected(self) -> None:
        entry = self.current()
        if entry is None or entry.shipped:
            return
        data = RuleSetEditor.ask(self, self._db, rule_set_to_dict(entry.rule_set),
                                 existing_keys=self._own_keys(), is_new=False,
                                 actor_staff_id=self._lookups.current_staff_id)
        if data is None:
            return
        self._say(f"Rule set saved: {data['name']}.")
        self.select_key(data["key"])
        self.review_changes(data["key"], data["name"])

    def review_changes(self, key: str, name: str) -> None:
        """List the cases whose pending deadlines the saved rules would change (if any)."""
        from casedesk.ui.dialogs.rule_set_changes_dialog import affected_triggers

        def found(rows: list[Any]) -> None:
            if not rows:
                self._say(f"Rule set saved: {name}. No pending deadline on a case changes.")
                return
            self._say(f"Rule set saved: {name}. Pending deadlines on {len(rows)} "
                      f"trigger{'s' if len(rows) != 1 else ''} differ: review them.")
            self.changes_dialog = RuleSetChangesDialog.open(
                self, self._db, key=key, name=name,
                actor_staff_id=self._lookups.current_staff_id)

        self._db.read(affected_triggers, key, on_done=found, on_error=self._error)

    def delete_selected(self) -> None:
        from casedesk.services import deadlines

        entry = self.current()
        if entry is None or entry.shipped:
            return
        name = entry.rule_set.name
        if not confirm(self, "Delete rule set", f"Delete the rule set “{name}”?",
                       "A rule set that computed deadlines on a case cannot be deleted.",
                       "Delete"):
            return
        self._db.write(deadlines.delete_rule_set, key=entry.rule_set.key,
                       actor_staff_id=self._lookups.current_staff_id,
                       on_done=lambda _c: self._say(f"Rule set deleted: {name}."),
                       on_error=self._error)

