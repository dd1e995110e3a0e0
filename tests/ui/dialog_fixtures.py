"""Shared set-up for the dialog tests: showing a dialog, reading its inline message, staff
and a seeded practice built through the services, and a synchronous conflict search."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from casedesk.domain.enums import CaseStatus, PartyRole
from casedesk.domain.rows import ConflictHit
from casedesk.persistence.practice import Practice
from casedesk.services import cases, conflicts, contacts, parties, staff
from casedesk.ui.dialogs.base import FormDialog

# The offscreen test platform warns that it "does not support" resizing a shown top-level
# window to its layout, raising the completer pop-up or grabbing the keyboard for it: those
# are limits of the test platform, not faults of the dialogs.
PLATFORM_LIMITS = (
    r"^This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)$")
CheckConflicts = Callable[[list[str], Callable[[list[ConflictHit]], None]], None]


def show(qtbot: Any, dialog: QWidget) -> Any:
    """Show a dialog non-modally (qtbot closes it after the test)."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def message(dialog: FormDialog) -> str:
    """The inline message under the form ('' when hidden)."""
    return dialog.message.text() if not dialog.message.isHidden() else ""


@pytest.fixture(autouse=True)
def discard_at_teardown(monkeypatch: pytest.MonkeyPatch) -> None:
    """qtbot closes leftover dialogs after each test: let them go without a modal question."""
    monkeypatch.setattr(FormDialog, "_confirm_discard", lambda self: True)


def no_discard_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the dialog asks "Discard your changes?"."""
    def fail(self: FormDialog) -> bool:
        raise AssertionError("asked to discard changes although nothing changed")

    monkeypatch.setattr(FormDialog, "_confirm_discard", fail)


@pytest.fixture(name="staff_list")
def staff_list_fixture(practice: Practice) -> list[tuple[uuid.UUID, str]]:
    """Two members of staff, as the (id, name) choices the dialogs take."""
    practice.write(staff.add_staff, name="Ann Attorney", role="attorney",
                   hourly_rate="300.00")
    practice.write(staff.add_staff, name="Paul Paralegal", role="paralegal")
    return [(row.id, row.name) for row in practice.read(staff.list_staff)]


@pytest.fixture(name="seeded")
def seeded_fixture(practice: Practice) -> dict[str, uuid.UUID]:
    """One case with a client (who has a former name) and an opposing party."""
    _c, case_id = practice.write(cases.create_case, number="2025-CV-0031",
                                 title="Smith v. Acme", opened_on=date(2025, 5, 1))
    _c, jane = practice.write(contacts.create_contact, name="Jane Smith", aliases=["Jane Doe"],
                              email="jane@example.com")
    _c, acme = practice.write(contacts.create_contact, name="Acme Corp",
                              kind="organization")
    practice.write(parties.add_party, case_id=case_id, contact_id=jane, role="client")
    practice.write(parties.add_party, case_id=case_id, contact_id=acme,
                   role="opposing_party")
    return {"case": case_id, "jane": jane, "acme": acme}


def real_check(practice: Practice) -> CheckConflicts:
    """A conflict search that answers at once from the practice (the app's runs in the
    background and answers later)."""
    def check(names: list[str], done: Callable[[list[ConflictHit]], None]) -> None:
        done(practice.read(conflicts.search, names))

    return check


def hit(name: str, score: float, case_number: str = "", case_id: uuid.UUID | None = None,
         role: PartyRole | None = None) -> ConflictHit:
    return ConflictHit(contact_id=uuid.uuid4(), name=name, matched_name=name, score=score,
                       role=role, case_id=case_id, case_number=case_number,
                       case_title=f"Case {case_number}" if case_number else "",
                       case_status=CaseStatus.OPEN if case_id else None)
