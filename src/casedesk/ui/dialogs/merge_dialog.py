"""Merge duplicate contacts into one: the kept contact and a checklist of look-alikes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from casedesk.domain.rows import ContactRow
from casedesk.ui.dialogs.base import FormDialog, safe_icon
from casedesk.ui.dialogs.fields import char_width, contact_line


class MergeContactsDialog(FormDialog):
    """Tick the duplicates of a contact to fold them into it (nothing is deleted)."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        keep_id: uuid.UUID
        duplicate_ids: tuple[uuid.UUID, ...]

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `contacts.merge_contacts`."""
            return {"keep_id": self.keep_id, "duplicate_ids": list(self.duplicate_ids)}

    def __init__(self, parent: QWidget | None, *, keep: ContactRow,
                 suggestions: Sequence[tuple[ContactRow, float]]) -> None:
        super().__init__(parent, f"Merge duplicates of {keep.name}")
        self._keep = keep
        self._suggestions = [row for row, _score in suggestions if row.id != keep.id]
        details = contact_line(keep)[len(keep.name):]
        self.keep_label = QLabel(f"<b>{escape(keep.name)}</b>{escape(details)}")
        self.keep_label.setTextFormat(Qt.TextFormat.RichText)
        self.keep_label.setWordWrap(True)
        self.keep_label.setToolTip(contact_line(keep))
        self.duplicates = QListWidget()
        self.duplicates.setMinimumSize(char_width(self, 60), self.fontMetrics().height() * 8)
        for (row, score) in suggestions:
            if row.id == keep.id:
                continue
            item = QListWidgetItem(f"{contact_line(row)}  —  {score:.0f}% alike")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.duplicates.addItem(item)
        if not self._suggestions:
            empty = QListWidgetItem("No look-alike contacts were found")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.duplicates.addItem(empty)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.add_row("Keep", self.keep_label)
        self.add_row("&Duplicates", self.duplicates, required=True,
                     tip="Tick the contacts that are the same person or organization")
        self.form.addRow(self.explanation)
        self.save_button.setText("&Merge")
        self.save_button.setIcon(safe_icon("merge"))
        self.watch(self.duplicates)
        self.chain_tab_order(self.duplicates)
        self.duplicates.itemChanged.connect(self._explain)
        self._explain()
        self.duplicates.setFocus()
        self.mark_clean()

    def _checked(self) -> list[ContactRow]:
        return [row for index, row in enumerate(self._suggestions)
                if self.duplicates.item(index).checkState() == Qt.CheckState.Checked]

    def _explain(self) -> None:
        name = self._keep.name
        count = len(self._checked())
        lead = (f"Tick the contacts that are really {name}." if count == 0 else
                f"{count} contact{'s' if count != 1 else ''} will be merged into {name}.")
        self.explanation.setText(
            f"{lead} Their cases move to {name}; their names become aliases of {name} (so "
            "conflict checks still find them); their e-mail, phone and address fill any "
            "blanks. Nothing is deleted.")

    def validate(self) -> str:
        if not self._checked():
            return "Tick at least one duplicate to merge"
        return ""

    def answer(self) -> MergeContactsDialog.Answer:
        return MergeContactsDialog.Answer(keep_id=self._keep.id,
                                          duplicate_ids=tuple(r.id for r in self._checked()))

    @classmethod
    def ask(cls, parent: QWidget | None, *, keep: ContactRow,
            suggestions: Sequence[tuple[ContactRow, float]]) -> MergeContactsDialog.Answer | None:
        """Show the checklist; the answer when merged, None when cancelled."""
        answer: MergeContactsDialog.Answer | None = cls.run(
            cls(parent, keep=keep, suggestions=suggestions))
        return answer
