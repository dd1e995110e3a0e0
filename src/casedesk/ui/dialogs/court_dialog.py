"""Add or edit a court: its name, its state (which picks the reviewed holiday list) and its
time zone. Also the form base that reopens with what was typed when the service refuses it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from casedesk.services.courts import CourtRow, default_seed_years
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import TimeZoneCombo, char_width, time_zone_problem


def reviewed_state_name(code: str) -> str | None:
    """The state's name when it has a reviewed holiday list ("California"), else None."""
    from casedesk.rules.state_holidays import reviewed_states, state_review

    return state_review(code).name if code in reviewed_states() else None


def years_text(years: range) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""


class RetryableForm(FormDialog):
    """A form the window can reopen with the user's input and the reason it was refused.

    The service has the last word (a duplicate name or day is only known there). When it says
    no, the form comes back holding what was typed, the refusal shown in red, Save disabled
    until something is changed, and Cancel asking before the typing is thrown away.
    """

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent, title)
        self._refusal = ""
        self._refused_state: list[object] | None = None

    def show_refusal(self, text: str) -> None:
        """Show why the service refused the current input (call after `mark_clean()`)."""
        self._refusal = text
        self._refused_state = self._snapshot()
        self.refresh()

    def check(self) -> str:
        """What is wrong with the input as typed ('' when fine); subclasses override."""
        return ""

    def validate(self) -> str:
        problem = self.check()
        if problem:
            return problem
        if self._refusal and self._snapshot() == self._refused_state:
            return self._refusal
        return ""

    def is_dirty(self) -> bool:
        return super().is_dirty() or self._refused_state is not None


class CourtDialog(RetryableForm):
    """A new court (seeded with its state's reviewed holidays when there is a list) or an edit."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        name: str
        state: str
        time_zone: str
        notes: str
        seed: bool = True  # new court: add the reviewed state holidays
        court_id: uuid.UUID | None = None
        expected_version: int | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `courts.add_court` (new) or `courts.update_court` (edit)."""
            kwargs: dict[str, Any] = {"name": self.name, "state": self.state,
                                      "time_zone": self.time_zone, "notes": self.notes}
            if self.court_id is None:
                return {**kwargs, "seed_years": None if self.seed else ()}
            return {"court_id": self.court_id, "expected_version": self.expected_version,
                    **kwargs}

    def __init__(self, parent: QWidget | None, *, court: CourtRow | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent, f"Edit {court.name}" if court else "New court")
        self._court = court
        self._seed_years = default_seed_years(today)
        self.name_edit = QLineEdit(court.name if court else "")
        self.name_edit.setMaxLength(300)
        self.name_edit.setMinimumWidth(char_width(self, 40))
        self.name_edit.setPlaceholderText("e.g. Superior Court of California, San Francisco")
        self.state_edit = QLineEdit(court.state if court else "")
        self.state_edit.setMaxLength(2)
        self.state_edit.setValidator(QRegularExpressionValidator(
            QRegularExpression("[A-Za-z]{0,2}"), self.state_edit))
        self.state_edit.setFixedWidth(char_width(self, 6))
        self.state_edit.setPlaceholderText("CA")
        self.state_hint = hint_label("")
        state_box = QWidget()
        state_layout = QHBoxLayout(state_box)
        state_layout.setContentsMargins(0, 0, 0, 0)
        state_layout.addWidget(self.state_edit)
        state_layout.addWidget(self.state_hint, 1)
        state_box.setFocusProxy(self.state_edit)
        self.zone_combo = TimeZoneCombo(court.time_zone if court else "")
        self.notes_edit = QPlainTextEdit(court.notes if court else "")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.seed_check = QCheckBox()
        self.seed_check.setChecked(True)

        self.add_row("&Name", self.name_edit, required=True)
        self.add_row("&State", state_box,
                     tip="Two-letter code; it picks the state's legal holidays")
        self.add_row("&Time zone", self.zone_combo,
                     tip="The court's own zone, for hearing times (leave empty for the firm's)")
        self.add_row("N&otes", self.notes_edit)
        widgets: list[QWidget] = [self.name_edit, self.state_edit, self.zone_combo,
                                  self.notes_edit]
        if court is None:
            self.add_row("&Holidays", self.seed_check)
            widgets.append(self.seed_check)
        else:
            self.seed_check.hide()
            self.form.addRow("", hint_label(
                "Changing the state leaves the court's list as it is; then use “Add "
                "reviewed … holidays…” under the state list to add the new state's."))
        self.state_edit.textChanged.connect(self._update_state_hint)
        self._update_state_hint()
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.name_edit.setFocus()
        self.mark_clean()

    def _state_code(self) -> str:
        return self.state_edit.text().strip().upper()

    def _update_state_hint(self) -> None:
        if (text := self.state_edit.text()) != text.upper():  # "ca" reads as "CA" at once
            position = self.state_edit.cursorPosition()
            self.state_edit.setText(text.upper())
            self.state_edit.setCursorPosition(position)
            return  # setText comes back here
        code = self._state_code()
        name = reviewed_state_name(code) if len(code) == 2 else None
        years = years_text(self._seed_years)
        if not code:
            self.state_hint.setText("No state: only federal holidays and closure days count")
        elif len(code) < 2:
            self.state_hint.setText("Two letters, e.g. CA")
        elif name is not None:
            self.state_hint.setText(f"{name}: a reviewed holiday list exists")
        else:
            self.state_hint.setText(f"No reviewed list for {code}: enter its holidays by hand")
        self.seed_check.setText(f"Add the reviewed {code} state holidays for {years}"
                                if name is not None else "No reviewed state holidays to add")
        self.seed_check.setEnabled(name is not None)

    def check(self) -> str:
        if not self.name_edit.text().strip():
            return "The court's name is required"
        code = self._state_code()
        if code and len(code) != 2:
            return "State: use the two-letter code (for example CA), or leave it empty"
        return time_zone_problem(self.zone_combo.zone())

    def answer(self) -> CourtDialog.Answer:
        court = self._court
        code = self._state_code()
        return CourtDialog.Answer(
            name=self.name_edit.text().strip(), state=code, time_zone=self.zone_combo.zone(),
            notes=self.notes_edit.toPlainText().strip(),
            seed=self.seed_check.isChecked() and reviewed_state_name(code) is not None,
            court_id=court.id if court else None,
            expected_version=court.version if court else None)

    def fill(self, answer: CourtDialog.Answer) -> None:
        """Put a refused answer back into the fields."""
        self.name_edit.setText(answer.name)
        self.state_edit.setText(answer.state)
        self.zone_combo.set_zone(answer.time_zone)
        self.notes_edit.setPlainText(answer.notes)
        self.seed_check.setChecked(answer.seed)

    @classmethod
    def ask(cls, parent: QWidget | None, *, court: CourtRow | None = None,
            retry: CourtDialog.Answer | None = None,
            refusal: str = "") -> CourtDialog.Answer | None:
        """New court, or edit `court`; with `retry`, reopen holding that input and saying why
        it was refused. None when cancelled."""
        dialog = cls(parent, court=court)
        if retry is not None:
            dialog.fill(retry)
            dialog.show_refusal(refusal)
        answer: CourtDialog.Answer | None = cls.run(dialog)
        return answer
