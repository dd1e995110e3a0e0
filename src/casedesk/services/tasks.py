"""Tasks on a case: assign, set a due date and priority, complete, reopen."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session

from casedesk.domain.changes import Changes
from casedesk.domain.enums import CaseStatus, TaskPriority, TaskStatus, label
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
                status=_task_status(status),
                notes=optional_text(notes, field="notes", label="The notes"))
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
                status: TaskStatus | str = TaskStatus.OPEN, notes: str = "",
                actor_staff_id: uuid.UUID | None = None) -> Changes:
    """Edit a task; what changed (title, due date, status, assignee...) goes in the history."""
    task = get_live(session, Task, task_id, "task")
    check_version(task, expected_version, "task")
    new_title = required_text(title, "title", "Task title")
    new_assignee = _assignee(session, assignee_staff_id)
    new_due = parse_date(due_on, "due_on")
    new_priority = _priority(priority)
    new_status = _task_status(status)
    new_notes = optional_text(notes, field="notes", label="The notes")
    changed = _describe_changes(session, task, title=new_title, assignee=new_assignee,
                                due_on=new_due, priority=new_priority, status=new_status,
                                notes=new_notes)
    old_title = task.title
    task.title = new_title
    task.assignee_staff_id = new_assignee
    task.due_on = new_due
    task.priority = new_priority
    if new_status is TaskStatus.DONE and task.status is not TaskStatus.DONE:
        task.completed_at = utcnow()
    elif new_status is not TaskStatus.DONE:
        task.completed_at = None
    task.status = new_status
    task.notes = new_notes
    if changed:
        log_activity(session, case_id=task.case_id, action="task_updated",
                     summary=f"Task {old_title!r}: {'; '.join(changed)}", staff_id=actor_staff_id)
    return Changes(tasks=True, cases=True)


def _day(value: date | None, *, year: bool = True) -> str:
    """'Fri 6 Nov 2026' (or 'Fri 6 Nov'), the same on every platform; 'none' for no date."""
    if value is None:
        return "none"
    text = f"{value:%a} {value.day} {value:%b}"
    return f"{text} {value.year}" if year else text


def _staff_name(session: Session, staff_id: uuid.UUID | None) -> str:
    if staff_id is None:
        return "nobody"
    staff = session.get(Staff, staff_id)
    return staff.name if staff is not None else "a former staff member"


def _describe_changes(session: Session, task: Task, *, title: str,
                      assignee: uuid.UUID | None, due_on: date | None,
                      priority: TaskPriority, status: TaskStatus, notes: str) -> list[str]:
    """What an edit changes, in words for the case history (empty when nothing does)."""
    changed: list[str] = []
    if title != task.title:
        changed.append(f"renamed to {title!r}")
    if due_on != task.due_on:
        same_year = due_on is not None and task.due_on is not None \
            and due_on.year == task.due_on.year
        changed.append(f"due {_day(task.due_on, year=not same_year)} → {_day(due_on)}")
    if status is not task.status:
        changed.append(f"status {label(task.status).lower()} → {label(status).lower()}")
    if assignee != task.assignee_staff_id:
        changed.append(f"assigned {_staff_name(session, task.assignee_staff_id)} → "
                       f"{_staff_name(session, assignee)}")
    if priority is not task.priority:
        changed.append(f"priority {task.priority.value} → {priority.value}")
    if notes != task.notes:
        changed.append("notes edited")
    return changed


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
