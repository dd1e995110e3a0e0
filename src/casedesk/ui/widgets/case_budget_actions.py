"""What a person can do on a case's Budget tab: set or revise the budget, add, edit and
delete time and expenses, mark them billed (or not), open an expense's receipt. Each asks with
a dialog, then writes through the services on the DB worker."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from casedesk.services.budget_rows import ExpenseRow, TimeEntryRow
from casedesk.ui import format as fmt
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.ask import confirm as _confirm
from casedesk.ui.dialogs.budget_dialog import BudgetDialog
from casedesk.ui.dialogs.correspondence_dialog import DocumentChoice
from casedesk.ui.dialogs.expense_dialog import ExpenseDialog
from casedesk.ui.dialogs.time_entry_dialog import MarkBilledDialog, TimeEntryDialog
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import Settings, settings_of
from casedesk.ui.widgets.case_budget_common import BudgetCase
from casedesk.ui.widgets.case_budget_data import BudgetData
from casedesk.ui.widgets.time_tracker import last_staff, remember_staff

confirm = _confirm  # re-exported so tests can answer it here
show_error = error_dialog.show_error  # likewise


def _documents(reader: Any, case_id: uuid.UUID) -> list[DocumentChoice]:
    from casedesk.ui.widgets.case_correspondence import document_choices

    return document_choices(reader, case_id)


def _version_ref(session: Any, document_id: uuid.UUID) -> Any:
    from casedesk.services.documents import get_document
    from casedesk.ui.widgets.documents_actions import VersionRef

    doc = get_document(session, document_id)
    return VersionRef(doc.id, doc.current_version, doc.sha256, doc.file_name)


def _entry_words(row: TimeEntryRow, currency: str) -> str:
    """'1.50 h by Alice Avery on Tue 3 Mar 2026 ($450.00)'."""
    return (f"{row.hours:.2f} h by {row.staff_name} on {fmt.day(row.worked_on)} "
            f"({fmt.money(row.amount, currency)})")


def _expense_words(row: ExpenseRow, currency: str) -> str:
    """'Court fees, $402.00 on Tue 3 Mar 2026 (Cook County Clerk)'."""
    vendor = f" ({row.vendor})" if row.vendor else ""
    return f"{row.category}, {fmt.money(row.amount, currency)} on {fmt.day(row.spent_on)}{vendor}"


class BudgetActions(QObject):
    """Opens the Budget tab's dialogs and submits the work to the DB worker."""

    status_message = Signal(str)
    written = Signal(str, object)  # "time"/"expenses", the new row's id (selected after reload)

    def __init__(self, db: Database, parent: QWidget, *,
                 case: Callable[[], BudgetCase | None], data: Callable[[], BudgetData | None],
                 actor: Callable[[], uuid.UUID | None] | None = None,
                 settings: Settings | None = None,
                 cache_root: Callable[[], Path] | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._parent = parent
        self._case = case
        self._data = data
        self._actor = actor or (lambda: None)
        self._settings = settings
        self._cache_root = cache_root
        self._document_actions: Any = None

    def _ready(self) -> tuple[BudgetCase, BudgetData] | None:
        case, data = self._case(), self._data()
        if case is None or data is None or data.case_id != case.id:
            return None
        return case, data

    def settings(self) -> Settings | None:
        return self._settings or settings_of(self._parent)

    def default_staff(self, case: BudgetCase) -> uuid.UUID | None:
        """Whose time a new entry is: who recorded last on this desk, else the person at the
        desk, else the case's responsible attorney."""
        return last_staff(self.settings()) or self._actor() or case.responsible_staff_id

    # -- budget ------------------------------------------------------------------------------
    def set_budget(self) -> None:
        if (ready := self._ready()) is None:
            return
        case, data = ready
        answer = BudgetDialog.ask(self._parent, case_id=case.id, case_label=case.label,
                                  settings=data.settings, current=data.current)
        if answer is None:
            return
        from casedesk.services import budgets

        word = "Revised" if data.current else "Set"
        self._write(budgets.set_budget, f"{word} the budget of {case.number}: "
                    f"{fmt.money(answer.total, data.currency)}.", **answer.as_kwargs())

    # -- time --------------------------------------------------------------------------------
    def add_time(self) -> None:
        if (ready := self._ready()) is None:
            return
        case, data = ready
        latest = data.time_entries[0] if data.time_entries else None
        answer = TimeEntryDialog.ask(self._parent, case_id=case.id, case_label=case.label,
                                     staff=data.staff, settings=data.settings,
                                     default_staff_id=self.default_staff(case),
                                     phase=latest.phase if latest else "")
        if answer is None:
            return
        remember_staff(self.settings(), answer.staff_id)
        from casedesk.services import time_entries

        self._write(time_entries.add_time_entry,
                    f"Added {answer.hours:.2f} h ({fmt.money(answer.amount, data.currency)}) "
                    f"to {case.number}.", kind="time", **answer.as_kwargs())

    def edit_time(self, row: TimeEntryRow) -> None:
        if (ready := self._ready()) is None:
            return
        case, data = ready
        answer = TimeEntryDialog.ask(self._parent, case_id=case.id, case_label=case.label,
                                     staff=data.staff, settings=data.settings, entry=row)
        if answer is None:
            return
        from casedesk.services import time_entries

        self._write(time_entries.edit_time_entry, "Saved the time entry.",
                    **answer.as_kwargs())

    def delete_time(self, row: TimeEntryRow) -> None:
        if (ready := self._ready()) is None:
            return
        case, data = ready
        words = _entry_words(row, data.currency)
        if not confirm(self._parent, "Delete time entry", f"Delete {words} from "
                       f"{case.number}?", "The case history keeps a record of it.", "Delete"):
            return
        from casedesk.services import time_entries

        self._write(time_entries.delete_time_entry, f"Deleted {words}.", entry_id=row.id,
                    expected_version=row.version)

    # -- expenses ----------------------------------------------------------------------------
    def add_expense(self) -> None:
        if self._ready() is not None:
            self._with_documents(None)

    def edit_expense(self, row: ExpenseRow) -> None:
        if self._ready() is not None:
            self._with_documents(row)

    def _with_documents(self, row: ExpenseRow | None) -> None:
        """The receipt is one of the case's documents: read them first, then ask."""
        ready = self._ready()
        assert ready is not None
        self._db.plain(_documents, ready[0].id,
                       on_done=if_alive(self, partial(self._ask_expense, row)),
                       on_error=if_alive(self, self._show_error))

    def _ask_expense(self, row: ExpenseRow | None, documents: list[DocumentChoice]) -> None:
        if (ready := self._ready()) is None:
            return
        case, data = ready
        latest = data.expenses[0] if data.expenses else None
        answer = ExpenseDialog.ask(self._parent, case_id=case.id, case_label=case.label,
                                   settings=data.settings, documents=documents, expense=row,
                                   staff_id=self._actor(),
                                   phase=latest.phase if latest and row is None else "")
        if answer is None:
            return
        from casedesk.services import expenses

        if row is None:
            self._write(expenses.add_expense, f"Added {answer.category}, "
                        f"{fmt.money(answer.amount, data.currency)} to {case.number}.",
                        kind="expenses", **answer.as_kwargs())
        else:
            self._write(expenses.edit_expense, "Saved the expense.", **answer.as_kwargs())

    def delete_expense(self, row: ExpenseRow) -> None:
        if (ready := self._ready()) is None:
            return
        case, data = ready
        words = _expense_words(row, data.currency)
        if not confirm(self._parent, "Delete expense", f"Delete the expense {words} from "
                       f"{case.number}?", "Its receipt stays among the case's documents.",
                       "Delete"):
            return
        from casedesk.services import expenses

        self._write(expenses.delete_expense, f"Deleted the expense {words}.",
                    expense_id=row.id, expected_version=row.version)

    def open_receipt(self, row: ExpenseRow) -> None:
        """Open the receipt document (a read-only copy, as the Documents tab opens files)."""
        if row.receipt_document_id is None or not row.receipt_title:
            return
        if self._document_actions is None:
            from casedesk.ui.widgets.documents_actions import DocumentActions

            self._document_actions = DocumentActions(
                self._db, self._parent, actor=self._actor, settings=self._settings,
                cache_root=self._cache_root)
            self._document_actions.status_message.connect(self.status_message)
        self._db.read(_version_ref, row.receipt_document_id,
                      on_done=if_alive(self, self._document_actions.open_version),
                      on_error=if_alive(self, self._show_error))

    # -- billing -----------------------------------------------------------------------------
    def mark_billed(self, time_ids: Sequence[uuid.UUID] = (),
                    expense_ids: Sequence[uuid.UUID] = ()) -> None:
        if (ready := self._ready()) is None:
            return
        case, data = ready
        unbilled = data.status.unbilled
        answer = MarkBilledDialog.ask(
            self._parent, case_id=case.id, case_label=case.label, time_entry_ids=time_ids,
            expense_ids=expense_ids,
            unbilled_text=f"Not yet billed on this case: {fmt.money(unbilled, data.currency)}"
            if unbilled else "")
        if answer is None:
            return
        from casedesk.services import billing

        def done(result: tuple[Any, int]) -> None:
            count = result[1]
            self.status_message.emit(
                f"Marked {count} entr{'y' if count == 1 else 'ies'} billed on "
                f"{fmt.day(answer.billed_on)}." if count else "Nothing to mark billed.")

        self._db.write(billing.mark_billed, on_done=if_alive(self, done),
                       on_error=if_alive(self, self._show_error), **answer.as_kwargs())

    def unmark_billed(self, time_ids: Sequence[uuid.UUID] = (),
                      expense_ids: Sequence[uuid.UUID] = ()) -> None:
        if not time_ids and not expense_ids:
            return
        from casedesk.services import billing

        count = len(time_ids) + len(expense_ids)
        self._db.write(billing.unmark_billed, time_entry_ids=list(time_ids),
                       expense_ids=list(expense_ids),
                       on_done=if_alive(self, lambda _r: self.status_message.emit(
                           f"{count} entr{'y is' if count == 1 else 'ies are'} unbilled "
                           "again.")),
                       on_error=if_alive(self, self._show_error))

    # -- plumbing ----------------------------------------------------------------------------
    def _write(self, fn: Callable[..., Any], message: str, kind: str = "",
               **kwargs: Any) -> None:
        def done(result: Any) -> None:
            if kind and isinstance(result, tuple) and len(result) == 2 \
                    and isinstance(result[1], uuid.UUID):
                self.written.emit(kind, result[1])
            self.status_message.emit(message)

        self._db.write(fn, actor_staff_id=self._actor(), on_done=if_alive(self, done),
                       on_error=if_alive(self, self._show_error), **kwargs)

    def _show_error(self, error: JobError) -> None:
        self.status_message.emit(error.message)
        show_error(self._parent, error.message, error.details)
