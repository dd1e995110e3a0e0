"""Add or edit a task on a case: what, who, by when, how urgent."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from casedesk.domain.enums import TaskPriority, TaskStatus
from casedesk.domain.rows import TaskRow
from casedesk.ui.dialogs.base import FormDialog
from casedesk.ui.dialogs.fields import (
    OptionalDateEdit,
    char_width,
    enum_combo,
    enum_value,
    id_combo,
    id_value,
)


class TaskDialog(FormDialog):
    """Create or edit a task; the due date is optional (tick "Due" to set one)."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        title: str
        assignee_staff_id: uuid.UUID | None
        due_on: date | None
        priority: TaskPriority
        status: TaskStatus
        notes: str
        case_id: uuid.UUID | None = None
        task_id: uuid.UUID | None = None
        expected_version: int | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `tasks.add_task` (new; `case_id` only when the dialog was
            given it, else the caller adds it) or `tasks.update_task` (edit)."""
            kwargs: dict[str, Any] = {
                "title": self.title, "assignee_staff_id": self.assignee_staff_id,
                "due_on": self.due_on, "priority": self.priority, "status": self.status,
                "notes": self.notes,
            }
            if self.task_id is not None:
                return {"task_id": self.task_id, "expected_version": self.expected_version,
                        **kwargs}
            return kwargs if self.case_id is None else {"case_id": self.case_id, **kwargs}

    def __init__(self, parent: QWidget | None, *, staff: Sequence[tuple[uuid.UUID, str]],
                 case_id: uuid.UUID | None = None, task: TaskRow | None = None,
                 case_number: str = "", default_assignee: uuid.UUID | None = None) -> None:
        number = task.case_number if task else case_number
        where = f" on case {number}" if number else ""
        super().__init__(parent, ("Edit task" if task else "New task") + where)
        self._task = task
        self._case_id = case_id

        self.title_edit = QLineEdit(task.title if task else "")
        self.title_edit.setMaxLength(500)
        self.title_edit.setPlaceholderText("e.g. Draft answer to complaint")
        self.title_edit.setMinimumWidth(char_width(self, 40))
        self.assignee_combo = id_combo(staff, "Unassigned",
                                       task.assignee_staff_id if task else None,
                                       task.assignee if task else "")
        if task is None and default_assignee is not None:
            index = self.assignee_combo.findData(str(default_assignee))
            self.assignee_combo.setCurrentIndex(max(0, index))
        self.due_edit = OptionalDateEdit("Due", task.due_on if task else None)
        self.due_edit.check.setAccessibleName("Has a due date")
        self.due_edit.edit.setAccessibleName("Due date")
        self.priority_combo = enum_combo(TaskPriority,
                                         task.priority if task else TaskPriority.NORMAL)
        self.status_combo = enum_combo(TaskStatus, task.status if task else TaskStatus.OPEN)
        self.notes_edit = QPlainTextEdit(task.notes if task else "")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().height() * 4)

        self.add_row("&Title", self.title_edit, required=True)
        self.add_row("&Assignee", self.assignee_combo)
        self.add_row("&Due date", self.due_edit)
        self.add_row("&Priority", self.priority_combo)
        self.add_row("&Status", self.status_combo)
        self.add_row("&Notes", self.notes_edit)
        widgets = (self.title_edit, self.assignee_combo, self.due_edit, self.priority_combo,
                   self.status_combo, self.notes_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.title_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        if not self.title_edit.text().strip():
            return "Task title is required"
        return ""

    def answer(self) -> TaskDialog.Answer:
        task = self._task
        return TaskDialog.Answer(
            title=self.title_edit.text().strip(),
            assignee_staff_id=id_value(self.assignee_combo), due_on=self.due_edit.value(),
            priority=enum_value(self.priority_combo, TaskPriority),
            status=enum_value(self.status_combo, TaskStatus),
            notes=self.notes_edit.toPlainText().strip(),
            case_id=task.case_id if task else self._case_id,
            task_id=task.id if task else None,
            expected_version=task.version if task else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *, staff: Sequence[tuple[uuid.UUID, str]],
            case_id: uuid.UUID | None = None, task: TaskRow | None = None,
            case_number: str = "",
            default_assignee: uuid.UUID | None = None) -> TaskDialog.Answer | None:
        """A new task (assigned to `default_assignee` to start with), or edit `task`."""
        answer: TaskDialog.Answer | None = cls.run(cls(
            parent, staff=staff, case_id=case_id, task=task, case_number=case_number,
            default_assignee=default_assignee))
        return answer
