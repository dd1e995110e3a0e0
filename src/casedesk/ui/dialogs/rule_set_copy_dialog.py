"""Copy to my rules…: a shipped (or another) rule set copied under a new name and short name,
so the practice can change it while the original stays as shipped."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QWidget

from casedesk.rules.rulesets import builtin_rule_sets
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import char_width
from casedesk.ui.dialogs.rule_set_editor import KEY_PATTERN, slug


class RuleSetCopyDialog(FormDialog):
    """The new rule set's name and short name (key); the key follows the name until typed."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        name: str
        key: str

    def __init__(self, parent: QWidget | None, *, source_name: str,
                 existing_keys: set[str]) -> None:
        super().__init__(parent, "Copy to my rules")
        self._taken = set(existing_keys) | {rs.key for rs in builtin_rule_sets()}
        self._key_typed = False
        self.name_edit = QLineEdit(f"{source_name} (ours)")
        self.name_edit.setMaxLength(200)
        self.name_edit.setMinimumWidth(char_width(self, 48))
        self.key_edit = QLineEdit(slug(self.name_edit.text(), self._taken, "my_rules"))
        self.key_edit.setMaxLength(64)
        self.add_row("&Name", self.name_edit, required=True)
        self.add_row("Short name (&key)", self.key_edit, required=True,
                     tip="Stored with every deadline the rule set computes; it cannot change "
                         "later")
        self.form.addRow("", hint_label(
            f"A copy of “{source_name}” that you can edit. Deadlines already computed from "
            "the original keep using the original."))
        self.name_edit.textChanged.connect(self._name_typed)
        self.key_edit.textEdited.connect(self._key_edited)
        self.watch(self.name_edit, self.key_edit)
        self.chain_tab_order(self.name_edit, self.key_edit)
        self.name_edit.selectAll()
        self.name_edit.setFocus()
        self.save_button.setText("&Copy")
        self.mark_clean()

    def _name_typed(self, text: str) -> None:
        if not self._key_typed:
            self.key_edit.setText(slug(text, self._taken, "my_rules"))

    def _key_edited(self, _text: str) -> None:
        self._key_typed = True

    def validate(self) -> str:
        key = self.key_edit.text().strip()
        if not self.name_edit.text().strip():
            return "A name is required"
        if not KEY_PATTERN.fullmatch(key):
            return ("The short name must be 1-64 lower-case letters, digits, '_' or '-', "
                    "starting with a letter or digit")
        if key in self._taken:
            return f"The short name “{key}” is already used by another rule set"
        return ""

    def answer(self) -> RuleSetCopyDialog.Answer:
        return RuleSetCopyDialog.Answer(name=self.name_edit.text().strip(),
                                        key=self.key_edit.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, *, source_name: str,
            existing_keys: set[str]) -> RuleSetCopyDialog.Answer | None:
        answer: RuleSetCopyDialog.Answer | None = cls.run(cls(
            parent, source_name=source_name, existing_keys=existing_keys))
        return answer
