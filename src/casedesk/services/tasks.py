"""Tasks on a case: assign, set a due date and priority, complete, reopen."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CaseStatus, TaskPriority, TaskStatus
from casedesk.domain.errors import InvalidInput, RuleViolation
from casedesk.domain.models import Case, Staff, Task
from casedesk.domain.types import utcnow
from casedesk.services.common import (
    check_version,
    get_live,
    log_activity,
    optional_text,
    parse_date,
    required_text,
    soft_delete,
)


def _priority(value: TaskPriority | str) -> TaskPriority:
    try:
        return TaskPriority(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not a priority (low, normal, high, urgent).",
                           field="priority") from None


def _task_status(value: TaskStatus | str) -> TaskStatus:
    try:
        return TaskStatus(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not a task status (open, in_progress, done, "
                           "cancelled).", field="status") from None


def _assignee(session: Session, staff_id: uuid.UUID | None) -> uuid.UUID | None:
    if staff_id is not None:
        get_live(session, Staff, staff_id, "staff member")
    return staff_id


def add_task(session: Session, *, case_id: uuid.UUID, title: str,
             assignee_staff_id: uuid.UUID | None = None, due_on: date | str | None = None,
             priority: TaskPriority | str = TaskPriority.NORMAL,
             status: TaskStatus | str = TaskStatus.OPEN, notes: str = "",
             task_id: uuid.UUID | None = None,
             actor_staff_id: uuid.UUID | None = None) -> Changes:
    case = get_live(session, Case, case_id, "case")
    if case.status is CaseStatus.CLOSED:
        raise RuleViolation(f"Case {case.number} is closed; reopen it to add tasks.")
    task = Task(id=task_id or uuid.uuid4(), case_id=case.id,
                title=required_text(title, "title", "Task title"),
                assignee_staff_id=_assignee(session, assignee_staff_id),
                due_on=parse_date(due_on, "due_on"), priority=_priority(priority),
                status=_task_status(status), notes=optional_text(notes))
    if task.status is TaskStatus.DONE:
        task.completed_at = utcnow()
    session.add(task)
    log_activity(session, case_id=case.id, action="task_added", summary=f"Task: {task.title}",
                 staff_id=actor_staff_id)
    return Changes(tasks=True, cases=True)


def update_task(session: Session, *, task_id: uuid.UUID, expected_version: int | None = None,
                title: str, assignee_staff_id: uuid.UUID | None = None,
                due_on: date | str | None = None,
                priority: TaskPriority | str = TaskPriority.NORMAL,
                status: TaskStatus | str = TaskStatus.OPEN, notes: str = "") -> Changes:
    task = get_live(session, Task, task_id, "task")
    check_version(task, expected_version, "task")
    task.title = required_text(title, "title", "Task title")
    task.assignee_staff_id = _assignee(session, assignee_staff_id)
    task.due_on = parse_date(due_on, "due_on")
    task.priority = _priority(priority)
    new_status = _task_status(status)
    if new_status is TaskStatus.DONE and task.status is not TaskStatus.DONE:
        task.completed_at = utcnow()
    elif new_status is not TaskStatus.DONE:
        task.completed_at = None
    task.status = new_status
    task.notes = optional_text(notes)
    return Changes(tasks=True, cases=True)


def set_task_done(session: Session, *, task_id: uuid.UUID, done: bool = True,
                  actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Complete a task (or reopen it)."""
    task = get_live(session, Task, task_id, "task")
    task.status = TaskStatus.DONE if done else TaskStatus.OPEN
    task.completed_at = utcnow() if done else None
    log_activity(session, case_id=task.case_id,
                 action="task_done" if done else "task_reopened",
                 summary=f"Task {'completed' if done else 'reopened'}: {task.title}",
                 staff_id=actor_staff_id)
    return Changes(tasks=True, cases=True)


def delete_task(session: Session, *, task_id: uuid.UUID,
                actor_staff_id: uuid.UUID | None = None) -> Changes:
    task = get_live(session, Task, task_id, "task")
    soft_delete(task)
    log_activity(session, case_id=task.case_id, action="task_deleted",
                 summary=f"Task deleted: {task.title}", staff_id=actor_staff_id)
    return Changes(tasks=True, cases=True)
