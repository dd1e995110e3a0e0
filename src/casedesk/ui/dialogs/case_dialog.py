"""New case / Edit case: the case file's own details (number, court, dates, who is responsible)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from casedesk.domain.enums import PRACTICE_AREAS, CaseStatus
from casedesk.domain.rows import CaseDetail
from casedesk.ui.dialogs.base import FormDialog
from casedesk.ui.dialogs.fields import (
    TimeZoneCombo,
    char_width,
    enum_combo,
    enum_value,
    id_combo,
    id_value,
    make_date_edit,
    time_zone_problem,
)
from casedesk.ui.format import day, to_date, to_qdate


class CaseDialog(FormDialog):
    """Create a case (number prefilled with the next free one) or edit an existing case."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        number: str
        title: str
        practice_area: str
        status: CaseStatus
        court: str
        court_time_zone: str
        judge: str
        docket_number: str
        opened_on: date
        closed_on: date | None
        responsible_staff_id: uuid.UUID | None
        description: str
        case_id: uuid.UUID | None = None
        expected_version: int | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `cases.create_case` (new) or `cases.update_case` (edit)."""
            kwargs: dict[str, Any] = {
                "number": self.number, "title": self.title, "practice_area": self.practice_area,
                "status": self.status, "court": self.court,
                "court_time_zone": self.court_time_zone, "judge": self.judge,
                "docket_number": self.docket_number, "opened_on": self.opened_on,
                "responsible_staff_id": self.responsible_staff_id,
                "description": self.description,
            }
            if self.case_id is None:
                return kwargs
            return {"case_id": self.case_id, "expected_version": self.expected_version,
                    **kwargs, "closed_on": self.closed_on}

    def __init__(self, parent: QWidget | None, *, staff: Sequence[tuple[uuid.UUID, str]],
                 practice_areas: Sequence[str], suggested_number: str,
                 detail: CaseDetail | None = None, default_time_zone: str = "") -> None:
        title = f"Edit case {detail.number}" if detail else "New case"
        super().__init__(parent, title)
        self._detail = detail

        self.number_edit = QLineEdit(detail.number if detail else suggested_number)
        self.number_edit.setMaxLength(60)
        self.number_edit.setMinimumWidth(char_width(self, 20))
        self.title_edit = QLineEdit(detail.title if detail else "")
        self.title_edit.setMaxLength(500)
        self.title_edit.setPlaceholderText("e.g. Smith v. Acme Corp")
        self.title_edit.setMinimumWidth(char_width(self, 40))

        self.area_combo = QComboBox()
        self.area_combo.setEditable(True)
        self.area_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        areas = list(dict.fromkeys([*practice_areas, *PRACTICE_AREAS]))
        self.area_combo.addItems(areas)
        if (line := self.area_combo.lineEdit()) is not None:
            line.setMaxLength(100)
        self._set_combo_text(self.area_combo, detail.practice_area if detail else "")

        statuses = [s for s in CaseStatus if detail is not None or s is not CaseStatus.CLOSED]
        self.status_combo = enum_combo(statuses, detail.status if detail else CaseStatus.INTAKE)

        self.court_edit = QLineEdit(detail.court if detail else "")
        self.court_edit.setMaxLength(300)
        self.court_edit.setPlaceholderText("e.g. Circuit Court of Cook County")
        self.zone_combo = TimeZoneCombo(detail.court_time_zone if detail else default_time_zone)
        self.judge_edit = QLineEdit(detail.judge if detail else "")
        self.judge_edit.setMaxLength(200)
        self.docket_edit = QLineEdit(detail.docket_number if detail else "")
        self.docket_edit.setMaxLength(100)

        self.opened_edit = make_date_edit(detail.opened_on if detail else None)
        self.closed_edit = make_date_edit(detail.closed_on if detail else None)  # else today
        self.staff_combo = id_combo(staff, "Nobody yet",
                                    detail.responsible_staff_id if detail else None,
                                    detail.responsible if detail else "")
        self.description_edit = QPlainTextEdit(detail.description if detail else "")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(self.fontMetrics().height() * 4)

        self.add_row("&Number", self.number_edit, required=True,
                     tip="The practice's case number, e.g. 2026-CV-0142")
        self.add_row("&Title", self.title_edit, required=True)
        self.add_row("&Practice area", self.area_combo)
        self.add_row("&Status", self.status_combo)
        self.add_row("C&ourt", self.court_edit)
        self.add_row("Court time &zone", self.zone_combo,
                     tip="Hearing times are shown in this zone (an IANA name)")
        self.add_row("&Judge", self.judge_edit)
        self.add_row("&Docket number", self.docket_edit)
        self.add_row("Opened o&n", self.opened_edit)
        self.add_row("C&losed on", self.closed_edit)
        self.add_row("&Responsible", self.staff_combo,
                     tip="The attorney or paralegal in charge of this case")
        self.add_row("D&escription", self.description_edit)

        widgets = (self.number_edit, self.title_edit, self.area_combo, self.status_combo,
                   self.court_edit, self.zone_combo, self.judge_edit, self.docket_edit,
                   self.opened_edit, self.closed_edit, self.staff_combo, self.description_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.status_combo.currentIndexChanged.connect(self._show_closed_row)
        self._show_closed_row()
        self.mark_clean()

    @staticmethod
    def _set_combo_text(combo: QComboBox, text: str) -> None:
        index = combo.findText(text)
        combo.setCurrentIndex(index)
        if index < 0:
            combo.setEditText(text)

    def _status(self) -> CaseStatus:
        return enum_value(self.status_combo, CaseStatus)

    def _show_closed_row(self) -> None:
        self.form.setRowVisible(self.closed_edit, self._status() is CaseStatus.CLOSED)

    def validate(self) -> str:
        if not self.number_edit.text().strip():
            return "Case number is required"
        if not self.title_edit.text().strip():
            return "Title is required"
        zone_problem = time_zone_problem(self.zone_combo.zone(), what="court time zone")
        if zone_problem:
            return zone_problem
        if self._status() is CaseStatus.CLOSED:
            opened = to_date(self.opened_edit.date())
            closed = to_date(self.closed_edit.date())
            if closed < opened:
                return f"The closed date is before the opened date ({day(opened)})"
        return ""

    def refill(self, answer: CaseDialog.Answer) -> None:
        """Put an earlier answer back into the form (after its save failed)."""
        self.number_edit.setText(answer.number)
        self.title_edit.setText(answer.title)
        self._set_combo_text(self.area_combo, answer.practice_area)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(answer.status.value)))
        self.court_edit.setText(answer.court)
        self.zone_combo.set_zone(answer.court_time_zone)
        self.judge_edit.setText(answer.judge)
        self.docket_edit.setText(answer.docket_number)
        self.opened_edit.setDate(to_qdate(answer.opened_on))
        if answer.closed_on is not None:
            self.closed_edit.setDate(to_qdate(answer.closed_on))
        staff_index = self.staff_combo.findData(str(answer.responsible_staff_id)
                                                if answer.responsible_staff_id else "")
        self.staff_combo.setCurrentIndex(max(0, staff_index))
        self.description_edit.setPlainText(answer.description)

    def answer(self) -> CaseDialog.Answer:
        status = self._status()
        detail = self._detail
        return CaseDialog.Answer(
            number=self.number_edit.text().strip(), title=self.title_edit.text().strip(),
            practice_area=self.area_combo.currentText().strip(), status=status,
            court=self.court_edit.text().strip(), court_time_zone=self.zone_combo.zone(),
            judge=self.judge_edit.text().strip(),
            docket_number=self.docket_edit.text().strip(),
            opened_on=to_date(self.opened_edit.date()),
            closed_on=to_date(self.closed_edit.date()) if status is CaseStatus.CLOSED else None,
            responsible_staff_id=id_value(self.staff_combo),
            description=self.description_edit.toPlainText().strip(),
            case_id=detail.id if detail else None,
            expected_version=detail.version if detail else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *, staff: Sequence[tuple[uuid.UUID, str]],
            practice_areas: Sequence[str], suggested_number: str,
            detail: CaseDetail | None = None, default_time_zone: str = "",
            retry: CaseDialog.Answer | None = None) -> CaseDialog.Answer | None:
        """Show the dialog; the answer when saved, None when cancelled. `retry` refills the
        form with an answer whose save failed, so the user corrects it instead of retyping."""
        dialog = cls(parent, staff=staff, practice_areas=practice_areas,
                     suggested_number=suggested_number, detail=detail,
                     default_time_zone=default_time_zone)
        if retry is not None:
            dialog.refill(retry)
        answer: CaseDialog.Answer | None = cls.run(dialog)
        return answer
