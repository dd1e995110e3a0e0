"""Conflict check: search names against every contact and case, then record a decision."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import ConflictDecision, PartyRole
from casedesk.domain.errors import CasedeskError
from casedesk.domain.rows import CaseDetail, ConflictHit
from casedesk.ui import style
from casedesk.ui.dialogs.base import FormDialog, hint_label, safe_icon, set_text_color
from casedesk.ui.dialogs.conflict_model import SCORE_COLUMN, TITLE_COLUMN, ConflictHitModel
from casedesk.ui.dialogs.fields import char_width

HitsCallback = Callable[[list[ConflictHit]], None]
CheckConflicts = Callable[[list[str], HitsCallback], None]
WAIVER_HINT = "Say why the conflict is waived (e.g. written consent)"


def split_names(text: str) -> list[str]:
    """'Jane Doe; Acme Corp' -> ['Jane Doe', 'Acme Corp'] (blanks and repeats dropped)."""
    return list(dict.fromkeys(part.strip() for part in text.split(";") if part.strip()))


def names_for_case(detail: CaseDetail) -> list[str]:
    """The names a new case is checked for: its clients and opposing parties."""
    roles = (PartyRole.CLIENT, PartyRole.OPPOSING_PARTY)
    return list(dict.fromkeys(p.name for p in detail.parties if p.role in roles))


def summary_text(hits: Sequence[ConflictHit]) -> str:
    """'3 possible conflicts in 2 cases' / 'No possible conflicts found'."""
    if not hits:
        return "No possible conflicts found"
    count = len(hits)
    cases = len({hit.case_id for hit in hits if hit.case_id is not None})
    what = f"{count} possible conflict{'s' if count != 1 else ''}"
    if cases == 0:
        return f"{what} (matching contacts that are in no case)"
    return f"{what} in {cases} case{'s' if cases != 1 else ''}"


class _HitsTable(QTableView):
    """A hits table that asks for room for all seven columns (but can make do with less).

    Columns fit their contents (capped); the case title takes whatever room is left over,
    and the table scrolls sideways rather than squeezing the title to nothing.
    """

    def sizeHint(self) -> QSize:
        rows = self.fontMetrics().height() + 8
        return QSize(char_width(self, 118), self.horizontalHeader().sizeHint().height()
                     + rows * 6 + 2 * self.frameWidth())

    def fit_columns(self) -> None:
        """Size the columns to their contents, then give the spare width to the case title."""
        header = self.horizontalHeader()
        model = self.model()
        if model is None:
            return
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.resizeColumnsToContents()
        widest = char_width(self, 26)
        for column in range(model.columnCount()):
            cap = char_width(self, 40) if column == TITLE_COLUMN else widest
            header.resizeSection(column, min(header.sectionSize(column), cap))
        used = sum(header.sectionSize(c) for c in range(model.columnCount()))
        spare = self.viewport().width() - used
        if spare > 0:
            header.resizeSection(TITLE_COLUMN, header.sectionSize(TITLE_COLUMN) + spare)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()


class ConflictPanel(QWidget):
    """Names, Search, the hits table, a summary, and the decision with its note."""

    changed = Signal()

    def __init__(self, check_conflicts: CheckConflicts, names: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check_conflicts = check_conflicts
        self._request = 0
        self._searching = False
        self._searched: tuple[str, ...] | None = None
        self._error = ""
        self._user_decision: ConflictDecision | None = None
        self._setting_decision = False

        self.names_edit = QLineEdit("; ".join(names))
        self.names_edit.setAccessibleName("Names to search")
        self.names_edit.setPlaceholderText("Jane Doe; Acme Corp")
        self.names_edit.setToolTip("Separate several names with ';'")
        self.names_edit.setMinimumWidth(char_width(self, 30))
        self.names_edit.installEventFilter(self)
        self.search_button = QPushButton(safe_icon("search"), "&Search")
        self.search_button.setAutoDefault(False)
        self.search_button.setAccessibleName("Search for conflicts")
        names_row = QHBoxLayout()
        names_row.addWidget(self.names_edit, 1)
        names_row.addWidget(self.search_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Conflict search summary")
        self.model = ConflictHitModel(parent=self)
        self.table = _HitsTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Possible conflicts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SCORE_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        self.table.setMinimumSize(char_width(self, 56), self.fontMetrics().height() * 6)

        decision_box = QWidget()
        decision_row = QHBoxLayout(decision_box)
        decision_row.setContentsMargins(0, 0, 0, 0)
        self.clear_radio = QRadioButton("&Clear")
        self.clear_radio.setToolTip("No conflict: the firm can act")
        self.conflict_radio = QRadioButton("Co&nflict")
        self.conflict_radio.setToolTip("A real conflict: the firm should not act")
        self.waived_radio = QRadioButton("&Waived")
        self.waived_radio.setToolTip("A conflict the clients have waived (say how in the note)")
        self._decisions = QButtonGroup(self)
        for radio, decision in ((self.clear_radio, ConflictDecision.CLEAR),
                                (self.conflict_radio, ConflictDecision.CONFLICT),
                                (self.waived_radio, ConflictDecision.WAIVED)):
            radio.setProperty("decision", decision.value)
            self._decisions.addButton(radio)
            decision_row.addWidget(radio)
        decision_row.addStretch(1)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Decision note")
        self.note_edit.setPlaceholderText(WAIVER_HINT)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names_label = QLabel("Names to searc&h:")
        names_label.setBuddy(self.names_edit)
        names_field = QWidget()
        names_field_layout = QVBoxLayout(names_field)
        names_field_layout.setContentsMargins(0, 0, 0, 0)
        names_field_layout.addLayout(names_row)
        names_field_layout.addWidget(hint_label("Separate several names with “;”"))
        form.addRow(names_label, names_field)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        decision_form = QFormLayout()
        decision_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        decision_label = QLabel("Decision *:")
        decision_label.setToolTip("Required when there are possible conflicts")
        decision_label.setBuddy(self.clear_radio)
        self.note_label = QLabel("N&ote:")
        self.note_label.setBuddy(self.note_edit)
        decision_form.addRow(decision_label, decision_box)
        decision_form.addRow(self.note_label, self.note_edit)
        layout.addLayout(decision_form)

        self.search_button.clicked.connect(self.search)
        self.names_edit.textChanged.connect(self._on_input)
        self.note_edit.textChanged.connect(self._on_input)
        self._decisions.buttonToggled.connect(self._on_decision)
        self._show_summary()

    def focus_chain(self) -> list[QWidget]:
        return [self.names_edit, self.search_button, self.table, self.clear_radio,
                self.conflict_radio, self.waived_radio, self.note_edit]

    # --- searching --------------------------------------------------------------------------

    def names(self) -> list[str]:
        return split_names(self.names_edit.text())

    def set_names(self, names: Sequence[str], *, search: bool = True) -> None:
        """Put these names in the field (and search for them)."""
        self.names_edit.setText("; ".join(names))
        if search:
            self.search()

    def search(self) -> None:
        """Ask for the hits of the names in the field; the answer arrives via a callback."""
        names = self.names()
        if not names:
            self._error = "Enter a name to check for conflicts"
            self._show_summary()
            self.changed.emit()
            return
        self._request += 1
        request = self._request
        self._searching = True
        self._error = ""
        self._show_summary()
        self.changed.emit()

        def deliver(hits: list[ConflictHit]) -> None:
            if shiboken6.isValid(self) and request == self._request:
                self._on_hits(tuple(names), hits)

        try:
            self._check_conflicts(list(names), deliver)
        except CasedeskError as error:
            self._searching = False
            self._error = error.message
            self._show_summary()
            self.changed.emit()

    def _on_hits(self, names: tuple[str, ...], hits: Sequence[ConflictHit]) -> None:
        self._searching = False
        self._searched = names
        self.model.set_hits(hits)
        self.table.fit_columns()
        self._set_decision(ConflictDecision.CLEAR if not hits else None)
        self._show_summary()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the names field searches (and must not press the dialog's Save)."""
        if (watched is self.names_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.search()
            return True
        return super().eventFilter(watched, event)

    # --- state ------------------------------------------------------------------------------

    @property
    def searched_names(self) -> tuple[str, ...]:
        return self._searched or ()

    @property
    def hits(self) -> tuple[ConflictHit, ...]:
        return self.model.hits()

    def decision(self) -> ConflictDecision | None:
        button = self._decisions.checkedButton()
        return ConflictDecision(button.property("decision")) if button else None

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def state(self) -> object:
        """What the user changed (a decision made automatically for no hits does not count)."""
        return (self.names_edit.text(), self._user_decision, self.note_edit.toPlainText())

    def problem(self) -> str:
        """What stops the check from being recorded ('' when it can be)."""
        if self._error:
            return self._error
        if not self.names():
            return "Enter a name to check for conflicts"
        if self._searching:
            return "Searching for possible conflicts…"
        if self._searched is None:
            return "Search for possible conflicts first"
        if tuple(self.names()) != self._searched:
            return "The names changed since the last search: search again"
        decision = self.decision()
        if decision is None:
            return "Record your decision on the possible conflicts: clear, conflict or waived"
        if decision is ConflictDecision.WAIVED and not self.note():
            return WAIVER_HINT
        return ""

    def _set_decision(self, decision: ConflictDecision | None) -> None:
        self._setting_decision = True
        try:
            self._decisions.setExclusive(False)
            for button in self._decisions.buttons():
                button.setChecked(decision is not None
                                  and button.property("decision") == decision.value)
            self._decisions.setExclusive(True)
        finally:
            self._setting_decision = False
        self._user_decision = None
        self._update_note_label()

    def _on_decision(self, *_args: Any) -> None:
        if self._setting_decision:
            return
        self._user_decision = self.decision()
        self._update_note_label()
        self.changed.emit()

    def _update_note_label(self) -> None:
        waived = self.decision() is ConflictDecision.WAIVED
        self.note_label.setText("N&ote *:" if waived else "N&ote:")
        self.note_label.setToolTip("Required for a waiver" if waived else "")

    def _on_input(self) -> None:
        if self._error and self.names():
            self._error = ""
            self._show_summary()
        self.changed.emit()

    def _show_summary(self) -> None:
        if self._error:
            text, color = self._error, style.overdue_color()
        elif self._searching:
            text, color = "Searching…", None
        elif self._searched is None:
            text, color = "Not searched yet", None
        else:
            hits = self.model.hits()
            text = summary_text(hits)
            color = style.soon_color() if hits else style.ok_color()
        self.summary.setText(text)
        if color is None:
            self.summary.setPalette(QPalette())
        else:
            set_text_color(self.summary, color)
        font = self.summary.font()
        font.setBold(self._searched is not None and not self._searching)
        self.summary.setFont(font)


class ConflictCheckDialog(FormDialog):
    """Search names for conflicts of interest and record the decision."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        searched_names: tuple[str, ...]
        hits: tuple[ConflictHit, ...]
        decision: ConflictDecision
        note: str

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `conflicts.record_check`, except `case_id`."""
            return {"searched_names": list(self.searched_names), "hits": list(self.hits),
                    "decision": self.decision, "note": self.note}

    def __init__(self, parent: QWidget | None, *, names: Sequence[str],
                 check_conflicts: CheckConflicts, title: str = "Conflict check") -> None:
        super().__init__(parent, title)
        self.panel = ConflictPanel(check_conflicts, names)
        self.body_layout.addWidget(self.panel, 1)
        self.watch(self.panel)
        self.chain_tab_order(self.panel)
        self.panel.names_edit.setFocus()
        if self.panel.names():
            self.panel.search()
        self.mark_clean()

    def validate(self) -> str:
        return self.panel.problem()

    def answer(self) -> ConflictCheckDialog.Answer:
        decision = self.panel.decision()
        assert decision is not None, "answer() needs a valid form"
        return ConflictCheckDialog.Answer(searched_names=self.panel.searched_names,
                                          hits=self.panel.hits, decision=decision,
                                          note=self.panel.note())

    @classmethod
    def ask(cls, parent: QWidget | None, *, names: Sequence[str],
            check_conflicts: CheckConflicts) -> ConflictCheckDialog.Answer | None:
        """Show the dialog (searching `names` at once); the answer, or None if cancelled."""
        answer: ConflictCheckDialog.Answer | None = cls.run(
            cls(parent, names=names, check_conflicts=check_conflicts))
        return answer
