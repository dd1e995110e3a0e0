"""Move a filing to its next status (draft → ready → submitted → accepted or rejected →
conformed copy received) with the date it happened, the court's confirmation number, why it was
rejected and a note; or, once submitted, only record the confirmation number. Shows the
filing's history beneath."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import FilingStatus, label
from casedesk.services.filing_status import FILED, NEXT
from casedesk.services.filings import FilingRow, HistoryRow
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import make_date_edit
from casedesk.ui.models.filing_table_model import status_color, status_date, status_icon
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel

S = FilingStatus
CONFIRMATION_ONLY = "confirmation"
TAKES_CONFIRMATION = frozenset({S.SUBMITTED, S.ACCEPTED, S.CONFORMED})


def _choice_text(current: FilingStatus, new: FilingStatus) -> str:
    if new is S.DRAFT:
        return ("Back to draft – to change its documents" if current is S.READY
                else "Back to draft – to fix and change it")
    return {
        S.READY: "Ready – documents complete and checked" if current is S.DRAFT
        else "Ready – fixed, to be submitted again",
        S.SUBMITTED: "Submitted – filed with the court (or its e-filing system)",
        S.ACCEPTED: "Accepted – the clerk accepted it",
        S.REJECTED: "Rejected – the clerk refused it",
        S.CONFORMED: "Conformed copy received – the file-stamped copy came back",
    }[new]


def _details(row: HistoryRow) -> str:
    parts = []
    if row.confirmation_number:
        parts.append(f"Confirmation {row.confirmation_number}")
    if row.reason:
        parts.append(f"Reason: {row.reason}")
    if row.note:
        parts.append(row.note)
    return " · ".join(" ".join(p.split()) for p in parts)


def history_model(parent: Any) -> SnapshotTableModel[HistoryRow]:
    """A filing's history, oldest first: date, status, who, and what was noted."""
    return _HistoryModel([
        Column("Date", lambda h: fmt.day(h.on), tooltip=lambda h: f"Recorded {fmt.moment(h.at)}"),
        Column("Status", lambda h: fmt.enum_label(h.status),
               color=lambda h: status_color(h.status)),
        Column("By", lambda h: h.staff),
        Column("Details", _details, tooltip=_details),
    ], parent)


class _HistoryModel(SnapshotTableModel[HistoryRow]):
    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 1:
            row = self.row_at(index.row())
            return status_icon(row.status) if row is not None else None
        return super().data(index, role)


@dataclass(frozen=True)
class StatusAnswer:
    """A move to `status` on `on`, or (status None) only a new confirmation number."""

    status: FilingStatus | None
    on: date | None
    confirmation_number: str | None  # None: leave the one recorded
    reason: str = ""
    note: str = ""


class FilingStatusDialog(FormDialog):
    """Where a filing goes next, and when."""

    Answer = StatusAnswer

    def __init__(self, parent: QWidget | None, *, filing: FilingRow,
                 today: date | None = None) -> None:
        super().__init__(parent, f"Filing status – {filing.title}")
        self.save_button.setText("Record")
        self._filing = filing
        state = fmt.enum_label(filing.status)
        since = status_date(filing)
        self.body_layout.insertWidget(0, hint_label(
            f"{filing.case_number} · “{filing.title}” · now: {state}"
            + (f", {fmt.day(since)}" if since else "")))

        choices = QWidget()
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}
        options = [(s.value, _choice_text(filing.status, s)) for s in NEXT[filing.status]]
        if filing.status in FILED:
            options.append((CONFIRMATION_ONLY, "No change of status – only record the "
                            "confirmation number"))
        for key, text in options:
            button = QRadioButton(text)
            if key != CONFIRMATION_ONLY:
                button.setIcon(status_icon(S(key)))
            self.group.addButton(button)
            self.choice_buttons[key] = button
            column.addWidget(button)
        next(iter(self.choice_buttons.values())).setChecked(True)
        self.add_row("&Change to", choices)

        self.date_edit = make_date_edit(today or date.today())
        # A step is recorded on the day it happens, never ahead of it.
        self.date_edit.setMaximumDate(fmt.to_qdate(max(today or date.today(), date.today())))
        self.date_label = self.add_row("&On", self.date_edit,
                                       tip="The day it happened (default today; not in the "
                                           "future, nor before the previous step)")
        self.confirmation_edit = QLineEdit(filing.confirmation_number)
        self.confirmation_edit.setMaxLength(100)
        self.confirmation_edit.setPlaceholderText("e.g. the e-filing envelope number; "
                                                  "can be added later")
        self.add_row("Con&firmation no.", self.confirmation_edit,
                     tip="The number the court or its e-filing system gave the submission")
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText("What the clerk said, e.g. missing signature page")
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.add_row("&Reason for rejection", self.reason_edit)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(2000)
        self.add_row("No&te", self.note_edit, tip="Kept in the filing's history")
        self.effect = hint_label("")
        self.form.addRow("", self.effect)

        heading = QLabel("History:")
        self.history = history_model(self)
        self.history.set_rows(filing.history)
        self.history_view = QTableView()
        self.history_view.setModel(self.history)
        self.history_view.setAccessibleName("Filing history")
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_view.setWordWrap(False)
        self.history_view.verticalHeader().hide()
        row_height = self.fontMetrics().height() + 8
        self.history_view.verticalHeader().setDefaultSectionSize(row_height)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.resizeColumnsToContents()
        self.history_view.setMinimumHeight(row_height * (min(len(filing.history), 5) + 1) + 6)
        heading.setBuddy(self.history_view)
        self.body_layout.addSpacing(6)
        self.body_layout.addWidget(heading)
        self.body_layout.addWidget(self.history_view, 1)

        self.group.buttonToggled.connect(lambda *_a: self._follow_choice())
        self.watch(*self.choice_buttons.values(), self.date_edit, self.confirmation_edit,
                   self.reason_edit, self.note_edit)
        self.chain_tab_order(*self.choice_buttons.values(), self.date_edit,
                             self.confirmation_edit, self.reason_edit, self.note_edit)
        self._follow_choice()
        self.mark_clean()

    # -- the choice ------------------------------------------------------------------------
    def choice(self) -> FilingStatus | None:
        """The status chosen (None: only the confirmation number)."""
        for key, button in self.choice_buttons.items():
            if button.isChecked():
                return None if key == CONFIRMATION_ONLY else S(key)
        return None

    def _follow_choice(self) -> None:
        new = self.choice()
        self.date_edit.setEnabled(new is not None)
        self.date_label.setText({S.SUBMITTED: "Submitted &on:", S.ACCEPTED: "Accepted &on:",
                                 S.REJECTED: "Rejected &on:",
                                 S.CONFORMED: "Received &on:"}.get(new, "&On:")
                                if new is not None else "&On:")
        # Only the fields that go with this move are shown (and so reached by Tab).
        shown = {self.date_edit: new is not None,
                 self.confirmation_edit: new is None or new in TAKES_CONFIRMATION,
                 self.reason_edit: new is S.REJECTED, self.note_edit: new is not None}
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
            widget.setEnabled(visible)
        self.effect.setText(self._effect_text(new))
        self.effect.setVisible(bool(self.effect.text()))
        self.refresh()

    def _effect_text(self, new: FilingStatus | None) -> str:
        f = self._filing
        deadline = (f"the deadline “{f.deadline_title}” ({fmt.day(f.deadline_on)})"
                    if f.deadline_event_id is not None else "")
        if new is S.SUBMITTED:
            text = ("Its documents are recorded as filed (these versions) and can no longer "
                    "change.")
            if deadline and f.deadline_status == "scheduled":
                text += f" {deadline[0].upper()}{deadline[1:]} is marked done."
            return text
        if new is S.REJECTED and deadline and f.deadline_status == "done":
            return (f"If this filing marked {deadline} done, it goes back to scheduled: a "
                    "rejected filing does not meet it.")
        if new is S.CONFORMED:
            return "The filing is then final; only its confirmation number can change."
        return ""

    # -- answer ----------------------------------------------------------------------------
    def validate(self) -> str:
        new = self.choice()
        f = self._filing
        number = self.confirmation_edit.text().strip()
        if new is None:
            return ("Type the new confirmation number (or choose a status)."
                    if number == f.confirmation_number else "")
        day = fmt.to_date(self.date_edit.date())
        if day > date.today():
            return "The date is in the future; record a step on the day it happens."
        steps = f.history[1:]  # the first line records when the filing was typed in
        if steps and day < steps[-1].on:
            return (f"The date is before the previous step ({label(steps[-1].status)}, "
                    f"{fmt.day(steps[-1].on)}); each step is dated on or after the one before.")
        if new in (S.READY, S.SUBMITTED) and f.document_count == 0:
            return "The filing has no documents yet; add them with Edit… first."
        return ""

    def answer(self) -> StatusAnswer:
        new = self.choice()
        number = self.confirmation_edit.text().strip()
        if new is None:
            return StatusAnswer(status=None, on=None, confirmation_number=number)
        keep = None if new not in TAKES_CONFIRMATION else number
        if new is not S.SUBMITTED and keep == self._filing.confirmation_number:
            keep = None  # unchanged: nothing to record
        return StatusAnswer(
            status=new, on=fmt.to_date(self.date_edit.date()), confirmation_number=keep,
            reason=self.reason_edit.toPlainText().strip() if new is S.REJECTED else "",
            note=self.note_edit.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, **kwargs: Any) -> StatusAnswer | None:
        result: StatusAnswer | None = cls.run(cls(parent, **kwargs))
        return result
