"""The two forms of the rule set editor: a trigger (name, description) and a deadline (title,
period, what it counts from, Rule 6(d), kind, authority, note).

Each form writes straight into the draft it shows and says `edited`; the editor then checks the
whole draft. A form also shows, under its fields, the problem the check found in this item.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import EventKind
from casedesk.rules.counting import MAX_DAYS, Direction, Unit
from casedesk.ui import style
from casedesk.ui.dialogs.base import REQUIRED_TIP, set_text_color
from casedesk.ui.dialogs.deadline_widgets import WrappedHint
from casedesk.ui.dialogs.fields import char_width, enum_combo
from casedesk.ui.models.rule_tree_model import (
    DIRECTION_LABELS,
    UNIT_LABELS,
    DraftDeadline,
    DraftTrigger,
)

SERVICE_TEXT = "Runs from service: Rule 6(d) may add 3 days"
SERVICE_TIP = ("Tick for periods that run after a paper is served under Rule 5 (a response to "
               "a motion, discovery answers). Not for periods before an event, periods after "
               "entry of an order, or a summons served under Rule 4.")


def _label(text: str, required: bool = False) -> QLabel:
    label = QLabel(text + (" *" if required else "") + ":")
    if required:
        label.setToolTip(REQUIRED_TIP)
    return label


class _ItemForm(QWidget):
    """What both forms share: a QFormLayout, the `edited` signal and the problem line."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        outer.addStretch(1)  # fields stay together at the top of the taller page
        self.problem = WrappedHint()
        self.problem.setAccessibleName("Problem with this item")
        self._loading = False

    def add(self, text: str, field: QWidget, *, required: bool = False) -> None:
        label = _label(text, required)
        label.setBuddy(field)
        field.setAccessibleName(text.replace("&", ""))
        self.form.addRow(label, field)

    def finish(self) -> None:
        self.form.addRow("", self.problem)
        self.show_problem("")

    def show_problem(self, text: str) -> None:
        """The validation message about this item, in red beside its fields ('' hides it)."""
        self.problem.setText(text)
        self.problem.setForegroundRole(QPalette.ColorRole.WindowText)
        set_text_color(self.problem, style.overdue_color())
        self.form.setRowVisible(self.problem, bool(text))

    def _edited(self) -> None:
        if not self._loading:
            self.edited.emit()


class TriggerForm(_ItemForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trigger: DraftTrigger | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText("e.g. Summons and complaint served")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText("When it happens: the day the defendant was "
                                                  "served…")
        self.description_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        self.add("&Name", self.name_edit, required=True)
        self.add("Descri&ption", self.description_edit)
        self.finish()
        self.name_edit.textChanged.connect(self._store)
        self.description_edit.textChanged.connect(self._store)

    def load(self, trigger: DraftTrigger) -> None:
        self._loading = True
        self.trigger = trigger
        self.name_edit.setText(trigger.name)
        self.description_edit.setPlainText(trigger.description)
        self._loading = False

    def _store(self) -> None:
        if self._loading or self.trigger is None:
            return
        self.trigger.name = self.name_edit.text()
        self.trigger.description = self.description_edit.toPlainText()
        self._edited()


class DeadlineForm(_ItemForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trigger: DraftTrigger | None = None
        self.rule: DraftDeadline | None = None
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText("e.g. Answer due")
        self.amount_spin = QSpinBox()
        self.amount_spin.setRange(0, MAX_DAYS)
        self.amount_spin.setMinimumWidth(char_width(self, 9))
        self.amount_spin.setAccessibleName("Amount")
        self.unit_combo = QComboBox()
        for unit, text in UNIT_LABELS.items():
            self.unit_combo.addItem(text, unit.value)
        self.unit_combo.setAccessibleName("Unit")
        self.direction_combo = QComboBox()
        for direction, text in DIRECTION_LABELS.items():
            self.direction_combo.addItem(f"{text} the trigger", direction.value)
        self.direction_combo.setAccessibleName("Direction")
        period = QWidget()
        period_row = QHBoxLayout(period)
        period_row.setContentsMargins(0, 0, 0, 0)
        period_row.addWidget(self.amount_spin)
        period_row.addWidget(self.unit_combo)
        period_row.addWidget(self.direction_combo)
        period_row.addStretch(1)
        self.counts_from_combo = QComboBox()
        self.counts_from_combo.setToolTip(
            "Count from the trigger's date, or from the due date of an earlier deadline of this "
            "trigger (for rules that run from when something was due)")
        self.service_check = QCheckBox(SERVICE_TEXT)
        self.service_check.setToolTip(SERVICE_TIP)
        self.kind_combo = enum_combo(EventKind, EventKind.FILING_DEADLINE)
        self.authority_edit = QLineEdit()
        self.authority_edit.setMaxLength(4000)
        self.authority_edit.setPlaceholderText("e.g. Fed. R. Civ. P. 12(a)(1)(A)(i)")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText("What the default time does not cover (other "
                                          "parties, stipulations, local rules)")
        self.note_edit.setMaximumHeight(self.fontMetrics().height() * 5)

        self.add("&Title", self.title_edit, required=True)
        self.form.addRow(_label("Period", True), period)
        self.add("Counts &from", self.counts_from_combo)
        self.add("Rule &6(d)", self.service_check)
        self.add("&Kind", self.kind_combo)
        self.add("&Authority", self.authority_edit, required=True)
        self.add("N&ote", self.note_edit)
        self.finish()
        for signal in (self.title_edit.textChanged, self.amount_spin.valueChanged,
                       self.unit_combo.currentIndexChanged,
                       self.direction_combo.currentIndexChanged,
                       self.counts_from_combo.currentIndexChanged, self.service_check.toggled,
                       self.kind_combo.currentIndexChanged, self.authority_edit.textChanged,
                       self.note_edit.textChanged):
            signal.connect(self._store)

    def focus_chain(self) -> list[QWidget]:
        return [self.title_edit, self.amount_spin, self.unit_combo, self.direction_combo,
                self.counts_from_combo, self.service_check, self.kind_combo,
                self.authority_edit, self.note_edit]

    def load(self, trigger: DraftTrigger, rule: DraftDeadline) -> None:
        self._loading = True
        self.trigger, self.rule = trigger, rule
        self.title_edit.setText(rule.title)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(rule.unit.value))
        self._set_amount_range(rule.unit)
        self.amount_spin.setValue(rule.amount)
        self.direction_combo.setCurrentIndex(self.direction_combo.findData(
            rule.direction.value))
        self.counts_from_combo.clear()
        self.counts_from_combo.addItem("the trigger's date", "")
        for earlier in trigger.deadlines[:trigger.deadlines.index(rule)]:
            self.counts_from_combo.addItem(f"the due date of “{earlier.title}”", earlier.key)
        if rule.counts_from is not None and self.counts_from_combo.findData(
                rule.counts_from) < 0:
            self.counts_from_combo.addItem("(a deadline that is not listed above this one)",
                                           rule.counts_from)
        self.counts_from_combo.setCurrentIndex(self.counts_from_combo.findData(
            rule.counts_from or ""))
        self.service_check.setChecked(rule.service_sensitive)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(rule.kind.value))
        self.authority_edit.setText(rule.authority)
        self.note_edit.setPlainText(rule.note)
        self._service_allowed(rule)
        self._loading = False

    def _set_amount_range(self, unit: Unit) -> None:
        self.amount_spin.setMaximum(MAX_DAYS * 24 if unit is Unit.HOURS else MAX_DAYS)

    def _service_allowed(self, rule: DraftDeadline) -> None:
        """Rule 6(d) only for a period after the trigger that counts from the trigger."""
        allowed = rule.direction is Direction.AFTER and rule.counts_from is None
        self.service_check.setEnabled(allowed or rule.service_sensitive)
        self.service_check.setToolTip(SERVICE_TIP if allowed else
                                      "Only for a period counted after the trigger, from the "
                                      "trigger itself (Rule 6(d) adds days after service)")

    def _store(self) -> None:
        rule = self.rule
        if self._loading or rule is None:
            return
        rule.title = self.title_edit.text()
        rule.unit = Unit(self.unit_combo.currentData())
        self._set_amount_range(rule.unit)
        rule.amount = self.amount_spin.value()
        rule.direction = Direction(self.direction_combo.currentData())
        rule.counts_from = self.counts_from_combo.currentData() or None
        if rule.service_sensitive and (rule.direction is Direction.BEFORE
                                       or rule.counts_from is not None):
            self._loading = True  # the box is cleared on screen, where the person sees it
            self.service_check.setChecked(False)
            self._loading = False
        rule.service_sensitive = self.service_check.isChecked()
        rule.kind = EventKind(self.kind_combo.currentData())
        rule.authority = self.authority_edit.text()
        rule.note = self.note_edit.toPlainText()
        self._service_allowed(rule)
        self._edited()
