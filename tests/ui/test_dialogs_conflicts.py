"""The conflict-check dialog, its hits table and the add-party dialog (which runs a conflict
check on the chosen contact), with their answers recorded through the real services."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from casedesk.domain.enums import ConflictDecision, ContactKind, PartyRole
from casedesk.domain.errors import InvalidInput
from casedesk.domain.rows import ConflictHit, ContactRow
from casedesk.persistence.practice import Practice
from casedesk.services import cases, conflicts, contacts, parties
from casedesk.ui.dialogs.conflict_dialog import (
    ConflictCheckDialog,
    names_for_case,
    split_names,
    summary_text,
)
from casedesk.ui.dialogs.conflict_model import COLUMNS, SCORE_COLUMN, ConflictHitModel
from casedesk.ui.dialogs.contact_dialog import ContactDialog
from casedesk.ui.dialogs.party_dialog import PartyDialog
from tests.ui.dialog_fixtures import (  # noqa: F401  (fixtures)
    PLATFORM_LIMITS,
    discard_at_teardown,
    hit,
    message,
    no_discard_question,
    real_check,
    seeded_fixture,
    show,
)

pytestmark = pytest.mark.qt_log_ignore(PLATFORM_LIMITS)

LEFT = Qt.MouseButton.LeftButton


# --- conflict checks ---------------------------------------------------------------------

def test_hit_model_passes_the_model_tester_and_sorts_by_score(qtmodeltester: Any) -> None:
    case_id = uuid.uuid4()
    model = ConflictHitModel([hit("Low", 66.0), hit("High", 97.5, "2026-CV-1", case_id,
                                                      PartyRole.CLIENT), hit("Mid", 80.0)])
    qtmodeltester.check(model)
    assert [model.hit(r).name for r in range(model.rowCount())] == ["High", "Mid", "Low"]
    score = model.index(0, SCORE_COLUMN)
    assert model.data(score) == "98"
    assert model.data(score, Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight)
    assert model.data(model.index(0, 2)) == "Client"
    assert model.data(model.index(1, 2)) == "Contact only"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == [
        "Name", "Matched name/alias", "Role", "Case number", "Case title", "Case status",
        "Score"]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.hit(r).name for r in range(3)] == ["High", "Low", "Mid"]
    qtmodeltester.check(model)
    model.set_hits([])
    qtmodeltester.check(model)


def test_summary_and_name_splitting() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    hits = [hit("A", 90, "1", first), hit("B", 80, "1", first), hit("C", 70, "2", second)]
    assert summary_text(hits) == "3 possible conflicts in 2 cases"
    assert summary_text(hits[:1]) == "1 possible conflict in 1 case"
    assert summary_text([hit("D", 70)]) == (
        "1 possible conflict (matching contacts that are in no case)")
    assert summary_text([]) == "No possible conflicts found"
    assert split_names(" Jane Smith ;; Acme Corp; Jane Smith ") == ["Jane Smith", "Acme Corp"]


def test_conflict_check_needs_a_decision_and_a_waiver_note(
        qtbot: Any, practice: Practice, seeded: dict[str, uuid.UUID]) -> None:
    _c, new_case = practice.write(cases.create_case, number="2026-CV-0001", title="New matter")
    dialog = show(qtbot, ConflictCheckDialog(None, names=["Jane Doe", "Acme Corp"],
                                              check_conflicts=real_check(practice)))
    panel = dialog.panel
    assert panel.summary.text() == "2 possible conflicts in 1 case"
    assert panel.model.rowCount() == 2
    assert not dialog.save_button.isEnabled()
    assert message(dialog).startswith("Record your decision")
    qtbot.mouseClick(panel.waived_radio, LEFT)
    assert message(dialog) == "Say why the conflict is waived (e.g. written consent)"
    assert panel.note_label.text().startswith("N&ote *")
    qtbot.keyClicks(panel.note_edit, "Written consent of both clients, 2 Mar 2026")
    assert dialog.save_button.isEnabled()

    answer = dialog.answer()
    kwargs = answer.as_kwargs()
    assert kwargs["searched_names"] == ["Jane Doe", "Acme Corp"]
    assert kwargs["decision"] is ConflictDecision.WAIVED
    assert {h.contact_id for h in kwargs["hits"]} == {seeded["jane"], seeded["acme"]}
    practice.write(conflicts.record_check, case_id=new_case, **kwargs)
    check = practice.read(cases.get_case_detail, new_case).conflict_checks[0]
    assert (check.decision, check.hit_count, check.note) == (
        ConflictDecision.WAIVED, 2, "Written consent of both clients, 2 Mar 2026")


def test_no_hits_means_clear_without_counting_as_a_change(
        qtbot: Any, practice: Practice, seeded: dict[str, uuid.UUID],
        monkeypatch: pytest.MonkeyPatch) -> None:
    no_discard_question(monkeypatch)
    dialog = show(qtbot, ConflictCheckDialog(None, names=["Zebulon Quartermaine"],
                                              check_conflicts=real_check(practice)))
    assert dialog.panel.summary.text() == "No possible conflicts found"
    assert dialog.panel.decision() is ConflictDecision.CLEAR
    assert dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_conflict_ask_answers_or_returns_none(practice: Practice, seeded: dict[str, uuid.UUID],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ConflictCheckDialog, "exec", lambda self: 1)
    answer = ConflictCheckDialog.ask(None, names=["Nobody Alike"],
                                     check_conflicts=real_check(practice))
    assert answer is not None
    assert (answer.decision, answer.hits, answer.searched_names) == (
        ConflictDecision.CLEAR, (), ("Nobody Alike",))
    monkeypatch.setattr(ConflictCheckDialog, "exec", lambda self: 0)
    assert ConflictCheckDialog.ask(None, names=["Jane Smith"],
                                   check_conflicts=real_check(practice)) is None


def test_slow_searches_block_saving_and_stale_answers_are_dropped(qtbot: Any) -> None:
    pending: list[tuple[list[str], Callable[[list[ConflictHit]], None]]] = []
    dialog = show(qtbot, ConflictCheckDialog(
        None, names=["Jane"], check_conflicts=lambda names, done: pending.append((names, done))))
    panel = dialog.panel
    assert message(dialog) == "Searching for possible conflicts…"
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(panel.names_edit, Qt.Key.Key_End)
    qtbot.keyClicks(panel.names_edit, "; Acme")
    assert message(dialog) == "Searching for possible conflicts…"
    qtbot.keyClick(panel.names_edit, Qt.Key.Key_Return)  # searches, does not press Save
    assert dialog.isVisible()
    assert [names for names, _done in pending] == [["Jane"], ["Jane", "Acme"]]
    pending[0][1]([hit("Old answer", 99.0)])  # the first search answers late: ignored
    assert panel.model.rowCount() == 0
    pending[1][1]([])
    assert panel.summary.text() == "No possible conflicts found"
    assert panel.searched_names == ("Jane", "Acme")
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(panel.names_edit, "; Bob")
    assert message(dialog) == "The names changed since the last search: search again"
    assert not dialog.save_button.isEnabled()


def test_conflict_search_needs_a_name_and_reports_refusals(qtbot: Any) -> None:
    def refuse(names: list[str], done: Callable[[list[ConflictHit]], None]) -> None:
        raise InvalidInput("Enter a name to check for conflicts.", field="names")

    dialog = show(qtbot, ConflictCheckDialog(None, names=[], check_conflicts=refuse))
    assert message(dialog) == "Enter a name to check for conflicts"
    qtbot.mouseClick(dialog.panel.search_button, LEFT)
    assert dialog.panel.summary.text() == "Enter a name to check for conflicts"
    qtbot.keyClicks(dialog.panel.names_edit, "???")
    qtbot.mouseClick(dialog.panel.search_button, LEFT)
    assert message(dialog) == "Enter a name to check for conflicts."
    assert not dialog.save_button.isEnabled()


def test_names_for_a_new_case_are_its_clients_and_opponents(
        practice: Practice, seeded: dict[str, uuid.UUID]) -> None:
    _c, lawyer = practice.write(contacts.create_contact, name="Olive Counsel")
    practice.write(parties.add_party, case_id=seeded["case"], contact_id=lawyer,
                   role="opposing_counsel")
    detail = practice.read(cases.get_case_detail, seeded["case"])
    assert names_for_case(detail) == ["Jane Smith", "Acme Corp"]


# --- parties -----------------------------------------------------------------------------

class _ContactSearch:
    """Stands in for the app's background contact search (answers at once, records calls)."""

    def __init__(self, rows: list[ContactRow]) -> None:
        self.rows = rows
        self.calls: list[str] = []

    def __call__(self, text: str, done: Callable[[list[ContactRow]], None]) -> None:
        self.calls.append(text)
        done([r for r in self.rows if text.casefold() in r.name.casefold()])


def test_add_existing_contact_as_party_with_conflict_record(
        qtbot: Any, practice: Practice, seeded: dict[str, uuid.UUID]) -> None:
    _c, new_case = practice.write(cases.create_case, number="2026-CV-0002",
                                  title="Smith v. Brown")
    _c, counsel = practice.write(contacts.create_contact, name="Bob Counsel")
    practice.write(parties.add_party, case_id=new_case, contact_id=counsel,
                   role="co_counsel")
    rows = [practice.read(contacts.get_contact, seeded[key]) for key in ("jane", "acme")]
    search = _ContactSearch(rows)
    dialog = show(qtbot, PartyDialog(
        None, case_label="2026-CV-0002 Smith v. Brown", search_contacts=search,
        check_conflicts=real_check(practice),
        represented_choices=[(counsel, "Bob Counsel"), (seeded["jane"], "Jane Smith")]))
    assert dialog.windowTitle() == "Add party to 2026-CV-0002 Smith v. Brown"
    assert message(dialog) == "Choose a contact from the list, or create a new one"
    qtbot.keyClicks(dialog.search_edit, "jan")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    assert search.calls == ["jan"]  # typing is debounced into one search
    item = dialog.results.item(0)
    assert item.text().startswith("Jane Smith")
    qtbot.mouseClick(dialog.results.viewport(), LEFT,
                     pos=dialog.results.visualItemRect(item).center())
    assert "Jane Smith" in dialog.chosen_label.text()
    # She cannot be her own representative.
    assert [dialog.represented_combo.itemText(i)
            for i in range(dialog.represented_combo.count())] == [
        "Not represented", "Bob Counsel"]
    assert dialog.panel.searched_names == ("Jane Smith", "Jane Doe")
    assert dialog.panel.summary.text() == "1 possible conflict in 1 case"
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.panel.clear_radio, LEFT)
    dialog.represented_combo.setCurrentIndex(1)
    assert dialog.save_button.isEnabled()

    kwargs = dialog.answer().as_kwargs()
    hits = kwargs.pop("hits")
    assert [(h.contact_id, h.case_id) for h in hits] == [(seeded["jane"], seeded["case"])]
    assert kwargs == {"contact_id": seeded["jane"], "new_contact": None,
                      "role": PartyRole.CLIENT, "represented_by_id": counsel,
                      "searched_names": ["Jane Smith", "Jane Doe"],
                      "decision": ConflictDecision.CLEAR, "note": ""}
    practice.write(parties.add_party_checked, case_id=new_case, hits=hits, **kwargs)
    detail = practice.read(cases.get_case_detail, new_case)
    jane = next(p for p in detail.parties if p.contact_id == seeded["jane"])
    assert (jane.role, jane.represented_by_name) == (PartyRole.CLIENT, "Bob Counsel")
    assert detail.conflict_checks[0].decision is ConflictDecision.CLEAR
    assert detail.conflict_checks[0].hit_count == 1


def test_add_party_as_a_new_contact(qtbot: Any, practice: Practice,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _c, case_id = practice.write(cases.create_case, number="2026-CV-0003", title="Estate")
    new_contact = ContactDialog.Answer(kind=ContactKind.PERSON, name="Quentin Zebedee",
                                       aliases=("Q. Zebedee",), email="", phone="",
                                       address="", organization="", notes="")
    asked: list[str] = []

    def fake_ask(cls: type[ContactDialog], parent: Any, **kwargs: Any) -> Any:
        asked.append(kwargs["name"])
        return new_contact

    monkeypatch.setattr(ContactDialog, "ask", classmethod(fake_ask))
    dialog = show(qtbot, PartyDialog(None, search_contacts=_ContactSearch([]),
                                      check_conflicts=real_check(practice), role="expert"))
    assert dialog.role_combo.currentData() == "expert"
    qtbot.keyClicks(dialog.search_edit, "Quentin Zebedee")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)  # "No contact matches…"
    assert not dialog.results.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    qtbot.mouseClick(dialog.new_contact_button, LEFT)
    assert asked == ["Quentin Zebedee"]
    assert "New contact: <b>Quentin Zebedee</b>" in dialog.chosen_label.text()
    assert dialog.panel.decision() is ConflictDecision.CLEAR  # nobody alike on file
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("witness"))
    answer = dialog.answer()
    assert (answer.contact_id, answer.new_contact, answer.role) == (
        None, new_contact, PartyRole.WITNESS)
    kwargs = answer.as_kwargs()
    assert kwargs["new_contact"] == new_contact.as_kwargs()
    assert kwargs["searched_names"] == ["Quentin Zebedee", "Q. Zebedee"]
    _changes, contact_id = practice.write(parties.add_party_checked, case_id=case_id, **kwargs)
    assert practice.read(contacts.get_contact, contact_id).aliases == ("Q. Zebedee",)
    detail = practice.read(cases.get_case_detail, case_id)
    assert [(p.name, p.role) for p in detail.parties] == [("Quentin Zebedee",
                                                           PartyRole.WITNESS)]
    assert detail.conflict_checks[0].decision is ConflictDecision.CLEAR


def test_late_contact_results_for_old_text_are_ignored(qtbot: Any) -> None:
    pending: list[tuple[str, Callable[[list[ContactRow]], None]]] = []
    dialog = show(qtbot, PartyDialog(
        None, search_contacts=lambda t, done: pending.append((t, done)),
        check_conflicts=lambda names, done: done([])))
    qtbot.keyClicks(dialog.search_edit, "ja")
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)  # search now, no waiting
    qtbot.keyClicks(dialog.search_edit, "ne")
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert [text for text, _done in pending] == ["ja", "jane"]
    row = ContactRow(id=uuid.uuid4(), kind=ContactKind.PERSON, name="Jack", aliases=(),
                     email="", phone="", address="", organization="", notes="", version=1)
    pending[0][1]([row])
    assert dialog.results.count() == 0
    assert dialog.isVisible()
