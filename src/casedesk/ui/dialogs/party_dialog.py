"""Add a party to a case: find or create the contact, give the role, check for conflicts."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import ConflictDecision, PartyRole
from casedesk.domain.rows import ConflictHit, ContactRow
from casedesk.ui.dialogs.base import FormDialog, hint_label, safe_icon
from casedesk.ui.dialogs.conflict_dialog import CheckConflicts, ConflictPanel
from casedesk.ui.dialogs.contact_dialog import ContactDialog
from casedesk.ui.dialogs.fields import (
    char_width,
    contact_line,
    enum_combo,
    enum_value,
    id_combo,
    id_value,
)

SearchContacts = Callable[[str, Callable[[list[ContactRow]], None]], None]
SEARCH_DELAY_MS = 150


class PartyDialog(FormDialog):
    """Pick an existing contact (or create one), choose the role, and record a conflict check."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        contact_id: uuid.UUID | None
        new_contact: ContactDialog.Answer | None
        contact_name: str
        role: PartyRole
        represented_by_id: uuid.UUID | None
        searched_names: tuple[str, ...]
        conflict_hits: tuple[ConflictHit, ...]
        conflict_decision: ConflictDecision
        conflict_note: str

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `parties.add_party_checked`, except `case_id` (and the
            actor): the contact (or the new contact's fields), role and the conflict record."""
            return {"contact_id": self.contact_id,
                    "new_contact": self.new_contact.as_kwargs() if self.new_contact else None,
                    "role": self.role, "represented_by_id": self.represented_by_id,
                    "searched_names": list(self.searched_names),
                    "hits": list(self.conflict_hits), "decision": self.conflict_decision,
                    "note": self.conflict_note}

    def __init__(self, parent: QWidget | None, *, search_contacts: SearchContacts,
                 check_conflicts: CheckConflicts,
                 represented_choices: Sequence[tuple[uuid.UUID, str]] = (),
                 role: PartyRole | str | None = None, case_label: str = "") -> None:
        super().__init__(parent, f"Add party to {case_label}" if case_label else "Add party")
        self._search_contacts = search_contacts
        self._represented_choices = list(represented_choices)
        self._results: list[ContactRow] = []
        self._chosen: ContactRow | None = None
        self._new_contact: ContactDialog.Answer | None = None
        self._search_request = 0

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Type a name, e-mail or organization")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(char_width(self, 32))
        self.search_edit.installEventFilter(self)
        self.new_contact_button = QPushButton(safe_icon("user-plus"), "New &contact…")
        self.new_contact_button.setAutoDefault(False)
        self.results = QListWidget()
        self.results.setAccessibleName("Matching contacts")
        self.results.setFixedHeight(self.fontMetrics().height() * 6)
        self.results.setUniformItemSizes(True)
        self.chosen_label = QLabel("No contact chosen yet")
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setAccessibleName("Chosen contact")

        contact_box = QWidget()
        contact_layout = QVBoxLayout(contact_box)
        contact_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.new_contact_button)
        contact_layout.addLayout(search_row)
        contact_layout.addWidget(self.results)
        contact_layout.addWidget(self.chosen_label)
        contact_box.setFocusProxy(self.search_edit)

        self.role_combo = enum_combo(PartyRole, PartyRole(role) if role else PartyRole.CLIENT)
        self.represented_combo = id_combo(self._represented_choices, "Not represented")
        self.represented_combo.setToolTip("The counsel who acts for this party in this case")

        self.add_row("Con&tact", contact_box, required=True)
        self.add_row("&Role", self.role_combo, required=True)
        self.add_row("Represented &by", self.represented_combo)

        group = QGroupBox("Conflict check")
        group_layout = QVBoxLayout(group)
        group_layout.addWidget(hint_label(
            "The contact's names are searched against every case, open and closed."))
        self.panel = ConflictPanel(check_conflicts)
        group_layout.addWidget(self.panel)
        self.body_layout.addWidget(group, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search_edit.textChanged.connect(self._timer.start)
        self.results.currentItemChanged.connect(self._on_result)
        self.new_contact_button.clicked.connect(self._new_contact_clicked)

        self.watch(self.search_edit, self.role_combo, self.represented_combo, self.panel)
        self.chain_tab_order(self.search_edit, self.new_contact_button, self.results,
                             self.role_combo, self.represented_combo, self.panel)
        self.search_edit.setFocus()
        self.mark_clean()

    # --- finding the contact ------------------------------------------------------------

    def _run_search(self) -> None:
        self._timer.stop()
        text = self.search_edit.text().strip()
        self._search_request += 1
        request = self._search_request
        if not text:
            self._show_results([])
            return

        def deliver(rows: list[ContactRow]) -> None:
            if shiboken6.isValid(self) and request == self._search_request:
                self._show_results(rows)

        self._search_contacts(text, deliver)

    def _show_results(self, rows: Sequence[ContactRow]) -> None:
        self._results = list(rows)
        self.results.blockSignals(True)
        self.results.clear()
        for index, row in enumerate(self._results):
            item = QListWidgetItem(contact_line(row))
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(contact_line(row))
            self.results.addItem(item)
            if self._chosen is not None and row.id == self._chosen.id:
                self.results.setCurrentItem(item)
        if not self._results and self.search_edit.text().strip():
            placeholder = QListWidgetItem("No contact matches; use “New contact…” to add one")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(placeholder)
        self.results.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search field Enter searches at once and Down moves into the results."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._run_search()
                return True
            if event.key() == Qt.Key.Key_Down and self._results:
                self.results.setFocus()
                if self.results.currentRow() < 0:
                    self.results.setCurrentRow(0)
                return True
        return super().eventFilter(watched, event)

    def _on_result(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is None:
            return
        index = item.data(Qt.ItemDataRole.UserRole)
        if index is None:
            return
        self.choose_contact(self._results[int(index)])

    def choose_contact(self, row: ContactRow) -> None:
        """Use this existing contact and check its names for conflicts."""
        self._chosen = row
        self._new_contact = None
        self.chosen_label.setText(f"Chosen: <b>{escape(row.name)}</b>")
        self._fill_represented(row.id)
        self.panel.set_names([row.name, *row.aliases])
        self.refresh()

    def _new_contact_clicked(self) -> None:
        answer = ContactDialog.ask(self, name=self.search_edit.text().strip())
        if answer is not None:
            self.use_new_contact(answer)

    def use_new_contact(self, answer: ContactDialog.Answer) -> None:
        """Create this contact with the party (and check its names for conflicts)."""
        self._new_contact = answer
        self._chosen = None
        self.results.blockSignals(True)
        self.results.setCurrentRow(-1)
        self.results.clearSelection()
        self.results.blockSignals(False)
        self.chosen_label.setText(f"New contact: <b>{escape(answer.name)}</b>")
        self._fill_represented(None)
        self.panel.set_names([answer.name, *answer.aliases])
        self.refresh()

    def _fill_represented(self, exclude: uuid.UUID | None) -> None:
        current = id_value(self.represented_combo)
        self.represented_combo.blockSignals(True)
        self.represented_combo.clear()
        self.represented_combo.addItem("Not represented", "")
        for contact_id, name in self._represented_choices:
            if contact_id != exclude:
                self.represented_combo.addItem(name, str(contact_id))
        index = self.represented_combo.findData(str(current)) if current else 0
        self.represented_combo.setCurrentIndex(max(0, index))
        self.represented_combo.blockSignals(False)

    # --- the answer ---------------------------------------------------------------------

    def contact_name(self) -> str:
        if self._chosen is not None:
            return self._chosen.name
        return self._new_contact.name if self._new_contact is not None else ""

    def validate(self) -> str:
        if self._chosen is None and self._new_contact is None:
            return "Choose a contact from the list, or create a new one"
        return self.panel.problem()

    def is_dirty(self) -> bool:
        return super().is_dirty() or self._chosen is not None or self._new_contact is not None

    def answer(self) -> PartyDialog.Answer:
        decision = self.panel.decision()
        assert decision is not None, "answer() needs a valid form"
        return PartyDialog.Answer(
            contact_id=self._chosen.id if self._chosen else None,
            new_contact=self._new_contact, contact_name=self.contact_name(),
            role=enum_value(self.role_combo, PartyRole),
            represented_by_id=id_value(self.represented_combo),
            searched_names=self.panel.searched_names, conflict_hits=self.panel.hits,
            conflict_decision=decision, conflict_note=self.panel.note())

    @classmethod
    def ask(cls, parent: QWidget | None, *, search_contacts: SearchContacts,
            check_conflicts: CheckConflicts,
            represented_choices: Sequence[tuple[uuid.UUID, str]] = (),
            role: PartyRole | str | None = None,
            case_label: str = "") -> PartyDialog.Answer | None:
        """Show the dialog; the answer when saved, None when cancelled.

        `represented_choices` are (contact id, name) of the case's parties; `case_label`
        (e.g. "2026-CV-0142 Smith v. Acme") goes in the window title.
        """
        answer: PartyDialog.Answer | None = cls.run(cls(
            parent, search_contacts=search_contacts, check_conflicts=check_conflicts,
            represented_choices=represented_choices, role=role, case_label=case_label))
        return answer
