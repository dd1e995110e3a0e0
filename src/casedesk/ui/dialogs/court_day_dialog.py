"""Put a day on a court's list (a closure or a state holiday), or add the reviewed state
holidays of a span of years. Both say which way the change moves deadlines."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from casedesk.domain.enums import HolidayKind
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.court_dialog import RetryableForm
from casedesk.ui.dialogs.fields import char_width, make_date_edit

KIND_LABELS = {HolidayKind.CLOSURE: "Closure", HolidayKind.STATE: "State holiday"}
KIND_EFFECT = {
    HolidayKind.CLOSURE: (
        "The court is (or was) closed that day, e.g. weather or an e-filing outage: no period "
        "ends on it, counted either way. Adding it can make deadlines later."),
    HolidayKind.STATE: (
        "A state legal holiday: periods counted forward (after an event) do not end on it, "
        "FRCP 6(a)(6)(C). Adding one can make deadlines later — a wrong extra holiday is the "
        "dangerous mistake, so copy it from the court's published holiday schedule."),
}
PLACEHOLDERS = {HolidayKind.CLOSURE: "e.g. Closed: ice storm",
                HolidayKind.STATE: "e.g. Cesar Chavez Day"}
MAX_SEED_SPAN = 50


def day_note(day: date) -> str:
    """What is already true of `day` without the court's list ('' when nothing)."""
    from casedesk.rules.calendar import FEDERAL

    if day.weekday() >= 5:
        return f"{fmt.day(day)} is a weekend day: it ends no period anyway."
    federal = FEDERAL.get(day)
    if federal is not None:
        return f"{fmt.day(day)} is already a federal holiday ({federal})."
    return ""


class CourtDayDialog(RetryableForm):
    """One day on a court's list: date, what it is, and whether a closure or state holiday."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        court_id: uuid.UUID
        day: date
        name: str
        kind: HolidayKind

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `courts.add_court_day`."""
            return {"court_id": self.court_id, "day": self.day, "name": self.name,
                    "kind": self.kind}

    def __init__(self, parent: QWidget | None, *, court_id: uuid.UUID, court_name: str,
                 kind: HolidayKind, day: date | None = None) -> None:
        title = "Add closure day" if kind is HolidayKind.CLOSURE else "Add state holiday"
        super().__init__(parent, f"{title} — {court_name}")
        self._court_id = court_id
        self.kind_combo = QComboBox()
        for value, text in KIND_LABELS.items():
            self.kind_combo.addItem(text, value.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.date_edit = make_date_edit(day)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setMinimumWidth(char_width(self, 36))
        self.effect = hint_label("")
        self.effect.setMinimumWidth(char_width(self, 50))
        self.day_hint = hint_label("")

        self.add_row("&Kind", self.kind_combo)
        self.add_row("&Date", self.date_edit, required=True)
        self.form.addRow("", self.day_hint)
        self.add_row("&What it is", self.name_edit, required=True)
        self.form.addRow("", self.effect)
        self.kind_combo.currentIndexChanged.connect(self._explain)
        self.date_edit.dateChanged.connect(self._explain)
        self._explain()
        widgets: list[QWidget] = [self.kind_combo, self.date_edit, self.name_edit]
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.save_button.setText("Add")
        self.name_edit.setFocus()
        self.mark_clean()

    def kind(self) -> HolidayKind:
        return HolidayKind(self.kind_combo.currentData())

    def _explain(self) -> None:
        kind = self.kind()
        self.effect.setText(KIND_EFFECT[kind])
        self.name_edit.setPlaceholderText(PLACEHOLDERS[kind])
        note = day_note(fmt.to_date(self.date_edit.date()))
        self.day_hint.setText(note)
        self.day_hint.setVisible(bool(note))

    def check(self) -> str:
        if not self.name_edit.text().strip():
            return "Say what the day is (e.g. “Closed: ice storm”)"
        return ""

    def answer(self) -> CourtDayDialog.Answer:
        return CourtDayDialog.Answer(court_id=self._court_id,
                                     day=fmt.to_date(self.date_edit.date()),
                                     name=self.name_edit.text().strip(), kind=self.kind())

    def fill(self, answer: CourtDayDialog.Answer) -> None:
        """Put a refused answer back into the fields."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(answer.kind.value))
        self.date_edit.setDate(fmt.to_qdate(answer.day))
        self.name_edit.setText(answer.name)

    @classmethod
    def ask(cls, parent: QWidget | None, *, court_id: uuid.UUID, court_name: str,
            kind: HolidayKind, day: date | None = None,
            retry: CourtDayDialog.Answer | None = None,
            refusal: str = "") -> CourtDayDialog.Answer | None:
        """A new day for the court's list; with `retry`, reopen holding that input and saying
        why it was refused. None when cancelled."""
        dialog = cls(parent, court_id=court_id, court_name=court_name, kind=kind, day=day)
        if retry is not None:
            dialog.fill(retry)
            dialog.show_refusal(refusal)
        answer: CourtDayDialog.Answer | None = cls.run(dialog)
        return answer


class ReviewedDaysDialog(FormDialog):
    """Which years of the state's reviewed holidays to add to a court's list."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        court_id: uuid.UUID
        first: int
        last: int

        @property
        def years(self) -> range:
            return range(self.first, self.last + 1)

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `courts.seed_state_days`."""
            return {"court_id": self.court_id, "years": self.years}

    def __init__(self, parent: QWidget | None, *, court_id: uuid.UUID, court_name: str,
                 state_name: str, source: str, first: int, last: int) -> None:
        super().__init__(parent, f"Add reviewed state holidays — {court_name}")
        self._court_id = court_id
        self.first_spin = self._year_spin(first)
        self.last_spin = self._year_spin(last)
        years = QWidget()
        row = QHBoxLayout(years)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.first_spin)
        row.addWidget(QLabel("to"))
        row.addWidget(self.last_spin)
        row.addStretch(1)
        years.setFocusProxy(self.first_spin)
        self.add_row("&Years", years, required=True)
        explain = hint_label(
            f"Adds the {state_name} legal holidays of these years that are not on the court's "
            "list yet (weekdays that are not federal holidays). Days someone removed stay "
            f"removed. Source: {source}.")
        explain.setMinimumWidth(char_width(self, 50))
        self.form.addRow("", explain)
        # Two numbers lose nothing if cancelled, so they are not `watch`ed for "discard?".
        self.first_spin.valueChanged.connect(self.refresh)
        self.last_spin.valueChanged.connect(self.refresh)
        self.chain_tab_order(self.first_spin, self.last_spin)
        self.save_button.setText("Add")
        self.first_spin.setFocus()
        self.mark_clean()

    @staticmethod
    def _year_spin(value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1971, 2199)
        spin.setValue(value)
        spin.setGroupSeparatorShown(False)
        return spin

    def validate(self) -> str:
        first, last = self.first_spin.value(), self.last_spin.value()
        if last < first:
            return "The last year is before the first"
        if last - first >= MAX_SEED_SPAN:
            return f"At most {MAX_SEED_SPAN} years at a time"
        return ""

    def answer(self) -> ReviewedDaysDialog.Answer:
        return ReviewedDaysDialog.Answer(self._court_id, self.first_spin.value(),
                                         self.last_spin.value())

    @classmethod
    def ask(cls, parent: QWidget | None, *, court_id: uuid.UUID, court_name: str,
            state_name: str, source: str, first: int,
            last: int) -> ReviewedDaysDialog.Answer | None:
        """The span of years to add; None when cancelled."""
        answer: ReviewedDaysDialog.Answer | None = cls.run(cls(
            parent, court_id=court_id, court_name=court_name, state_name=state_name,
            source=source, first=first, last=last))
        return answer
