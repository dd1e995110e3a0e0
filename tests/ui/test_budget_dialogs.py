"""The time entry, expense, mark-billed and budget dialogs, shown standalone and answered:
hours typed the ways people type them, the rate following the staff member, the amount shown
exactly as it will be stored, the arrangement's fields only when relevant, live totals."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from casedesk.domain.enums import (
    DEFAULT_ACTIVITIES,
    DEFAULT_BUDGET_PHASES,
    DEFAULT_EXPENSE_CATEGORIES,
    BudgetKind,
    FeeArrangement,
)
from casedesk.services.budget_rows import (
    BudgetLineInput,
    BudgetLineRow,
    BudgetRevisionRow,
    BudgetSettings,
    ExpenseRow,
    TimeEntryRow,
)
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog
from casedesk.ui.dialogs.budget_dialog import BudgetDialog
from casedesk.ui.dialogs.correspondence_dialog import DocumentChoice
from casedesk.ui.dialogs.expense_dialog import ExpenseDialog
from casedesk.ui.dialogs.time_entry_dialog import (
    MarkBilledDialog,
    StaffChoice,
    TimeEntryDialog,
    hours_words,
    parse_hours,
)
from tests.ui.dialog_fixtures import discard_at_teardown, message, show  # noqa: F401

TODAY = date.today()
CASE = uuid.uuid4()
LABEL = "2026-CV-0142 · Smith v. Acme Logistics"
SETTINGS = BudgetSettings(currency="USD", phases=DEFAULT_BUDGET_PHASES,
                          expense_categories=DEFAULT_EXPENSE_CATEGORIES,
                          activities=DEFAULT_ACTIVITIES, warning_percent=80, over_percent=100,
                          firm_version=1)
ALICE = StaffChoice(uuid.uuid4(), "Alice Avery", Decimal("350.00"))
PAUL = StaffChoice(uuid.uuid4(), "Paul Park", Decimal("125.00"))
GONE = StaffChoice(uuid.uuid4(), "Gary Gone", Decimal("200.00"), active=False)
STAFF = (ALICE, PAUL, GONE)


# -- hours ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "hours"), [
    ("1.5", "1.50"), ("1,5", "1.50"), (" 2 ", "2.00"), (".25", "0.25"), ("1:30", "1.50"),
    ("0:20", "0.33"), ("90m", "1.50"), ("90 min", "1.50"), ("10 minutes", "0.17"),
    ("1h", "1.00"), ("1h 30m", "1.50"), ("2 hours", "2.00"), ("1.5h", "1.50"),
    ("24", "24.00"), ("1h30", "1.50"),
])
def test_hours_are_read_the_ways_people_type_them(text: str, hours: str) -> None:
    assert parse_hours(text) == Decimal(hours)


@pytest.mark.parametrize(("text", "problem"), [
    ("", "Enter the hours worked"), ("abc", "is not a number of hours"),
    ("1.255", "kept to 0.01"), ("0", "more than zero"), ("0:00", "more than zero"),
    ("25", "more than a day"), ("1:75", "is not a number of hours"),
])
def test_hours_that_cannot_be_recorded_say_why(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_hours(text)


def test_hours_in_words() -> None:
    assert hours_words(Decimal("1.50")) == "1.50 h (1 h 30 min)"
    assert hours_words(Decimal("0.25")) == "0.25 h (15 min)"
    assert hours_words(Decimal("2.00")) == "2.00 h (2 h)"


# -- time entry -------------------------------------------------------------------------------
def _entry(**changes: Any) -> TimeEntryRow:
    values: dict[str, Any] = dict(
        id=uuid.uuid4(), case_id=CASE, case_number="2026-CV-0142", staff_id=GONE.id,
        staff_name="Gary Gone", worked_on=TODAY - timedelta(days=3), hours=Decimal("2.25"),
        rate=Decimal("210.00"), amount=Decimal("472.50"), phase="Settlement talks",
        activity="Negotiate", description="Call with opposing counsel", billable=False,
        billed_on=None, version=4)
    values.update(changes)
    return TimeEntryRow(**values)


def test_time_entry_rate_follows_staff_and_amount_is_exact(qtbot: Any) -> None:
    dialog = show(qtbot, TimeEntryDialog(None, case_id=CASE, case_label=LABEL, staff=STAFF,
                                         settings=SETTINGS, default_staff_id=PAUL.id))
    assert dialog.windowTitle() == "Add time — 2026-CV-0142"
    assert dialog.staff_combo.currentText() == "Paul Park"
    assert [dialog.staff_combo.itemText(i) for i in range(dialog.staff_combo.count())] == \
        ["Choose…", "Alice Avery", "Paul Park"]  # no inactive staff for new time
    assert dialog.rate_edit.text() == "125.00"
    assert message(dialog) == "Enter the hours worked (1.5, 1:30 or 90m)"
    assert not dialog.save_button.isEnabled()
    dialog.hours_edit.setText("1:20")  # 1.33 h
    assert dialog.hours_hint.text() == "1.33 h (1 h 20 min)"
    dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findText("Alice Avery"))
    assert dialog.rate_edit.text() == "350.00"
    # 1.33 x 350.00 = 465.50 exactly; 0.07 h x 333.33 = 23.3331 -> 23.33
    assert dialog.amount_label.text().startswith(fmt.money(Decimal("465.50")))
    dialog.hours_edit.setText("0.07")
    dialog.rate_edit.setText("333.33")
    assert dialog.amount_label.text().startswith(fmt.money(Decimal("23.33")))
    dialog.hours_edit.setText("0.5")
    dialog.rate_edit.setText("0.05")  # 0.025 rounds half up to 0.03, once
    assert dialog.amount_label.text().startswith(fmt.money(Decimal("0.03")))
    dialog.rate_edit.setText("")
    assert message(dialog).startswith("Enter the hourly rate")
    dialog.rate_edit.setText("300")
    dialog.phase_combo.setCurrentIndex(dialog.phase_combo.findText("Discovery"))
    dialog.activity_combo.setEditText("  Review   and analyze ")
    dialog.description_edit.setPlainText(" Reviewed the production \n")
    assert dialog.save_button.isEnabled() and message(dialog) == ""
    answer = dialog.answer()
    assert answer.amount == Decimal("150.00")
    assert answer.as_kwargs() == {
        "case_id": CASE, "staff_id": ALICE.id, "worked_on": TODAY, "hours": Decimal("0.50"),
        "rate": Decimal("300.00"), "phase": "Discovery", "activity": "Review and analyze",
        "description": "Reviewed the production", "billable": True}


def test_time_entry_refuses_the_future_and_needs_staff(qtbot: Any) -> None:
    dialog = show(qtbot, TimeEntryDialog(None, case_id=CASE, case_label=LABEL, staff=STAFF,
                                         settings=SETTINGS, hours=Decimal("0.3")))
    assert dialog.staff_combo.currentIndex() == 0
    assert message(dialog) == "Choose who did the work"
    assert dialog.hours_edit.text() == "0.30"  # from a timer
    dialog.staff_combo.setCurrentIndex(1)
    dialog.date_edit.setDate(fmt.to_qdate(TODAY + timedelta(days=1)))
    assert "in the future" in message(dialog)
    dialog.date_edit.setDate(fmt.to_qdate(TODAY))
    assert dialog.save_button.isEnabled()


def test_editing_keeps_the_entry_as_it_was(qtbot: Any) -> None:
    entry = _entry()
    dialog = show(qtbot, TimeEntryDialog(None, case_id=CASE, case_label=LABEL, staff=STAFF,
                                         settings=SETTINGS, entry=entry))
    assert dialog.windowTitle() == "Edit time entry — 2026-CV-0142"
    assert not dialog.is_dirty()
    assert dialog.staff_combo.currentText() == "Gary Gone (no longer here)"
    assert dialog.rate_edit.text() == "210.00"  # the entry's own rate, not the staff's
    assert dialog.phase_combo.currentText() == "Settlement talks"  # kept though not listed
    assert dialog.activity_combo.currentText() == "Negotiate"
    kwargs = dialog.answer().as_kwargs()
    assert kwargs == {"entry_id": entry.id, "expected_version": 4, "staff_id": GONE.id,
                      "worked_on": entry.worked_on, "hours": Decimal("2.25"),
                      "rate": Decimal("210.00"), "phase": "Settlement talks",
                      "activity": "Negotiate", "description": "Call with opposing counsel",
                      "billable": False}


def test_a_billed_entry_is_shown_but_not_saved(qtbot: Any) -> None:
    entry = _entry(billed_on=TODAY - timedelta(days=1))
    dialog = show(qtbot, TimeEntryDialog(None, case_id=CASE, case_label=LABEL, staff=STAFF,
                                         settings=SETTINGS, entry=entry))
    assert message(dialog).startswith("Billed ") and not dialog.save_button.isEnabled()


def test_without_staff_it_says_where_to_add_them(qtbot: Any) -> None:
    dialog = show(qtbot, TimeEntryDialog(None, case_id=CASE, case_label=LABEL, staff=(),
                                         settings=SETTINGS))
    assert message(dialog) == "Add the firm's staff first (File ▸ Staff…)"


def test_no_phase_is_the_empty_name(qtbot: Any) -> None:
    dialog = show(qtbot, TimeEntryDialog(None, case_id=CASE, case_label=LABEL, staff=STAFF,
                                         settings=SETTINGS, default_staff_id=ALICE.id))
    assert dialog.phase_combo.currentText() == "(no phase)"
    dialog.hours_edit.setText("90m")
    assert dialog.answer().phase == "" and dialog.answer().hours == Decimal("1.50")


def test_esc_on_a_changed_form_asks_first(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(FormDialog, "_confirm_discard", lambda self: asked.append(True) or False)
    dialog = show(qtbot, TimeEntryDialog(None, case_id=CASE, case_label=LABEL, staff=STAFF,
                                         settings=SETTINGS, default_staff_id=ALICE.id))
    dialog.hours_edit.setText("2")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [True] and dialog.isVisible()  # kept editing


# -- expenses ---------------------------------------------------------------------------------
def test_expense_dialog(qtbot: Any) -> None:
    receipt = DocumentChoice(uuid.uuid4(), "Filing fee receipt", "receipt.pdf")
    payer = uuid.uuid4()
    dialog = show(qtbot, ExpenseDialog(None, case_id=CASE, case_label=LABEL, settings=SETTINGS,
                                       documents=[receipt], staff_id=payer, phase="Pleadings"))
    assert dialog.windowTitle() == "Add expense — 2026-CV-0142"
    assert message(dialog) == "Choose a category"
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findText("Court fees"))
    assert message(dialog) == "Enter the amount"
    dialog.amount_edit.setText("0")
    assert message(dialog) == "The amount must be more than zero"
    dialog.amount_edit.setText("402.5")
    dialog.vendor_edit.setText(" Cook  County Clerk ")
    assert dialog.receipt_combo.itemText(1) == "Filing fee receipt  ·  receipt.pdf"
    dialog.receipt_combo.setCurrentIndex(1)
    assert dialog.save_button.isEnabled()
    assert dialog.answer().as_kwargs() == {
        "case_id": CASE, "spent_on": TODAY, "category": "Court fees",
        "amount": Decimal("402.50"), "vendor": "Cook County Clerk", "phase": "Pleadings",
        "description": "", "billable": True, "receipt_document_id": receipt.id,
        "staff_id": payer}


def test_editing_an_expense_keeps_its_receipt_and_category(qtbot: Any) -> None:
    doc = uuid.uuid4()
    row = ExpenseRow(id=uuid.uuid4(), case_id=CASE, case_number="2026-CV-0142",
                     spent_on=TODAY - timedelta(days=9), category="Old category",
                     vendor="Acme Copy", amount=Decimal("12.34"), phase="", description="",
                     billable=False, billed_on=TODAY, receipt_document_id=doc,
                     receipt_title="Copy invoice", staff_id=None, staff_name="", version=2)
    dialog = show(qtbot, ExpenseDialog(None, case_id=CASE, case_label=LABEL, settings=SETTINGS,
                                       expense=row))
    assert not dialog.is_dirty()
    assert dialog.category_combo.currentText() == "Old category"
    assert dialog.receipt_combo.currentText() == "Copy invoice"
    assert message(dialog) == f"Billed {fmt.day(TODAY)}: use Mark not billed before changing it"
    assert not dialog.save_button.isEnabled()  # shown, but not changed once on an invoice
    kwargs = dialog.answer().as_kwargs()
    assert (kwargs["expense_id"], kwargs["expected_version"], kwargs["receipt_document_id"],
            kwargs["amount"], kwargs["billable"]) == (row.id, 2, doc, Decimal("12.34"), False)
    assert "case_id" not in kwargs


# -- mark billed ------------------------------------------------------------------------------
def test_mark_billed_the_selection_or_everything(qtbot: Any) -> None:
    ids = (uuid.uuid4(), uuid.uuid4())
    dialog = show(qtbot, MarkBilledDialog(None, case_id=CASE, case_label=LABEL,
                                          time_entry_ids=ids, unbilled_text="Not yet billed"))
    assert dialog.selected_radio.text() == "The selected 2 entries"
    assert dialog.selected_radio.isChecked() and not dialog.through_edit.isEnabled()
    assert dialog.answer().as_kwargs() == {"case_id": CASE, "billed_on": TODAY,
                                           "time_entry_ids": list(ids), "expense_ids": []}
    dialog.all_radio.setChecked(True)
    dialog.through_edit.setDate(fmt.to_qdate(TODAY - timedelta(days=30)))
    assert dialog.answer().as_kwargs() == {"case_id": CASE, "billed_on": TODAY,
                                           "through": TODAY - timedelta(days=30)}
    dialog.billed_edit.setDate(fmt.to_qdate(TODAY - timedelta(days=31)))
    assert message(dialog) == "Entries after the invoice date cannot be on it"
    none = show(qtbot, MarkBilledDialog(None, case_id=CASE, case_label=LABEL))
    assert none.all_radio.isChecked() and not none.selected_radio.isEnabled()
    assert none.selected_radio.text() == ("Selected entries (first select billable ones not "
                                          "yet billed)")  # not "the selected 0 entries"


# -- budget -----------------------------------------------------------------------------------
def _revision() -> BudgetRevisionRow:
    return BudgetRevisionRow(
        id=uuid.uuid4(), case_id=CASE, revision=2, is_current=True,
        fee_arrangement=FeeArrangement.CONTINGENCY, fixed_fee=None,
        contingency_percent=Decimal("33.33"), expected_recovery=Decimal("300000.00"),
        planned_end_on=TODAY + timedelta(days=200), reason="Expert added", staff_id=None,
        staff_name="Alice Avery", created_at=datetime.now(UTC),
        lines=(BudgetLineRow("Discovery", BudgetKind.FEES, Decimal("12000.00"),
                             Decimal("40.00")),
               BudgetLineRow("Discovery", BudgetKind.EXPENSES, Decimal("2500.50")),
               BudgetLineRow("Mediation", BudgetKind.FEES, Decimal("3000.00"))),
        version=1)


def test_first_budget_with_live_totals(qtbot: Any) -> None:
    dialog = show(qtbot, BudgetDialog(None, case_id=CASE, case_label=LABEL, settings=SETTINGS))
    assert dialog.windowTitle() == "Set budget — 2026-CV-0142"
    assert [r.phase for r in dialog.grid.rows] == list(DEFAULT_BUDGET_PHASES)
    assert message(dialog) == "Enter at least one amount for a phase"
    assert dialog.fixed_fee_edit.isHidden() and dialog.percent_edit.isHidden()
    rows = {r.phase: r for r in dialog.grid.rows}
    rows["Pleadings"].fees.setText("5000.10")
    rows["Pleadings"].hours.setText("20")
    rows["Discovery"].fees.setText("12000")
    rows["Discovery"].expenses.setText("2500.45")
    assert dialog.grid.total.text() == fmt.money(Decimal("19500.55"))
    assert dialog.grid.fees_total.text() == fmt.money(Decimal("17000.10"))
    assert rows["Discovery"].total.text() == fmt.money(Decimal("14500.45"))
    assert dialog.save_button.isEnabled()  # no reason needed for a first budget
    dialog.arrangement_combo.setCurrentIndex(1)  # fixed fee
    assert not dialog.fixed_fee_edit.isHidden() and dialog.percent_edit.isHidden()
    assert message(dialog) == "Enter the fixed fee"
    dialog.fixed_fee_edit.setText("25000")
    dialog.end_edit.set_value(TODAY + timedelta(days=90))
    answer = dialog.answer()
    assert answer.total == Decimal("19500.55")
    assert answer.as_kwargs() == {
        "case_id": CASE, "fee_arrangement": FeeArrangement.FIXED_FEE,
        "fixed_fee": Decimal("25000.00"), "contingency_percent": None,
        "expected_recovery": None, "planned_end_on": TODAY + timedelta(days=90),
        "reason": "", "expected_revision": 0,
        "lines": [BudgetLineInput("Pleadings", BudgetKind.FEES, Decimal("5000.10"),
                                  Decimal("20")),
                  BudgetLineInput("Discovery", BudgetKind.FEES, Decimal("12000.00"), None),
                  BudgetLineInput("Discovery", BudgetKind.EXPENSES, Decimal("2500.45"))]}


def test_revising_starts_from_the_current_lines_and_needs_a_reason(qtbot: Any) -> None:
    dialog = show(qtbot, BudgetDialog(None, case_id=CASE, case_label=LABEL, settings=SETTINGS,
                                      current=_revision()))
    assert dialog.windowTitle() == "Revise budget (revision 3) — 2026-CV-0142"
    assert dialog.arrangement() is FeeArrangement.CONTINGENCY
    assert not dialog.percent_edit.isHidden() and dialog.fixed_fee_edit.isHidden()
    assert dialog.percent_edit.text() == "33.33"
    assert dialog.expected_fee_label.text() == fmt.money(Decimal("99990.00"))
    assert dialog.grid.rows[-1].phase == "Mediation"  # not in the practice's list: kept
    assert dialog.grid.total.text() == fmt.money(Decimal("17500.50"))
    assert message(dialog) == "Say why the budget is revised (it is kept in the history)"
    dialog.reason_edit.setText("Second expert")
    dialog.percent_edit.setText("101")
    assert message(dialog) == "The contingency percentage is between 0 and 100"
    dialog.percent_edit.setText("40")
    answer = dialog.answer()
    assert answer.expected_revision == 2 and answer.contingency_percent == Decimal("40")
    assert answer.lines == (
        BudgetLineInput("Discovery", BudgetKind.FEES, Decimal("12000.00"), Decimal("40.00")),
        BudgetLineInput("Discovery", BudgetKind.EXPENSES, Decimal("2500.50")),
        BudgetLineInput("Mediation", BudgetKind.FEES, Decimal("3000.00"), None))
