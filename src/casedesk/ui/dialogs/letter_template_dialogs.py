"""The template library's dialogs: naming a template being added, the result of checking a
file (each problem with where it is and "did you mean"), and the list of placeholders a template
can use (from export/letter_schema.py, the list the check itself uses)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.export.letter_schema import SCHEMA, Flag, ListOf, Node, Text
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import char_width
from casedesk.ui.dialogs.letter_parts import count_words, muted_color, problems_html

MAX_NAME = 120
MAX_DESCRIPTION = 500


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


# -- naming a template being added ---------------------------------------------------------------
class AddTemplateDialog(FormDialog):
    """Name (unique in the library) and description of a checked template file."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        name: str
        description: str

    def __init__(self, parent: QWidget | None, *, file_name: str, taken: Sequence[str],
                 placeholders: int = 0) -> None:
        super().__init__(parent, "Add letter template")
        self._taken = {_key(n): n for n in taken}
        checked = hint_label(f"“{file_name}” passed the check"
                             + (f" (it uses {count_words(placeholders, 'placeholder')})."
                                if placeholders else "."))
        self.body_layout.insertWidget(0, checked)
        suggested = " ".join(file_name.rsplit(".", 1)[0].replace("_", " ").split())
        self.name_edit = QLineEdit(suggested[:1].upper() + suggested[1:])
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setMinimumWidth(char_width(self, 44))
        self.add_row("&Name", self.name_edit, required=True,
                     tip="How the template is listed when writing a letter")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText("What the letter is for, and to whom")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.add_row("&Description", self.description_edit)
        self.save_button.setText("Add")
        self.watch(self.name_edit, self.description_edit)
        self.chain_tab_order(self.name_edit, self.description_edit)
        self.name_edit.selectAll()
        self.name_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        name = " ".join(self.name_edit.text().split())
        if not name:
            return "Give the template a name"
        if (other := self._taken.get(_key(name))) is not None:
            return f"There is already a template called “{other}”: choose another name"
        if len(self.description_edit.toPlainText().strip()) > MAX_DESCRIPTION:
            return f"The description is too long (at most {MAX_DESCRIPTION} characters)"
        return ""

    def is_dirty(self) -> bool:
        return False  # nothing worth asking about: the file is still where it was

    def answer(self) -> AddTemplateDialog.Answer:
        return AddTemplateDialog.Answer(" ".join(self.name_edit.text().split()),
                                        self.description_edit.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, *, file_name: str, taken: Sequence[str],
            placeholders: int = 0) -> AddTemplateDialog.Answer | None:
        answer: AddTemplateDialog.Answer | None = cls.run(
            cls(parent, file_name=file_name, taken=taken, placeholders=placeholders))
        return answer


# -- the result of a check -----------------------------------------------------------------------
def check_summary(file_name: str, check: Any, *, adding: bool = False) -> str:
    """One sentence: whether the file can be used as a template."""
    if check.ok:
        uses = count_words(len(check.placeholders), "placeholder")
        return (f"“{file_name}” has no problems: it can be added to the library "
                f"(it uses {uses}).")
    problems = count_words(len(check.problems), "problem")
    tail = " Nothing was added." if adding else ""
    return f"“{file_name}” cannot be used as a letter template: {problems}.{tail}"


class CheckResultDialog(QDialog):
    """What the check found in one file: each problem, or the placeholders it uses."""

    def __init__(self, parent: QWidget | None, *, file_name: str, check: Any,
                 adding: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Template check" if not adding else "Template not added")
        self.setSizeGripEnabled(True)
        self.summary = QLabel(check_summary(file_name, check, adding=adding))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("What the check found")
        muted = muted_color(self)
        if check.ok:
            used = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in check.placeholders)
            self.details.setHtml("<p>Placeholders it uses:</p><ul>" + used + "</ul>" if used
                                 else "<p>It uses no placeholders: every letter made from it "
                                 "will be the same.</p>")
        else:
            self.details.setHtml(problems_html(check.problems, muted))
        hint = hint_label(
            "Fix each problem in Word (retype a placeholder rather than editing half of it), "
            "save, and check the file again. File ▸ Letter templates ▸ Placeholders… lists "
            "every placeholder." if not check.ok else
            "Add template… puts it in the library under a name of your choosing.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(QSize(char_width(self, 100), self.fontMetrics().lineSpacing() * 26)
                    .boundedTo(_room(self)))


def show_check_result(parent: QWidget | None, *, file_name: str, check: Any,
                      adding: bool = False) -> None:
    """Show what the check found and wait until it is closed (tests answer this)."""
    dialog = CheckResultDialog(parent, file_name=file_name, check=check, adding=adding)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


# -- every placeholder ---------------------------------------------------------------------------
LOOP_NAMES = {"events": "e", "court_dates": "e", "deadlines": "d", "requested_documents": "r",
              "documents": "doc"}


def _row(parent: QTreeWidget | QTreeWidgetItem, code: str, meaning: str, example: Any,
         ) -> QTreeWidgetItem:
    shown = "" if example in ("", False, None) else str(example).replace("\n", " / ")
    item = QTreeWidgetItem([code, meaning, shown])
    item.setToolTip(0, "Double-click copies it; paste it into the Word document")
    item.setToolTip(1, meaning)
    item.setToolTip(2, str(example) if shown else "")
    item.setData(0, Qt.ItemDataRole.UserRole, code)
    if isinstance(parent, QTreeWidget):
        parent.addTopLevelItem(item)
    else:
        parent.addChild(item)
    return item


def _group(item: QTreeWidgetItem) -> QTreeWidgetItem:
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)
    return item


def _add(parent: QTreeWidget | QTreeWidgetItem, path: str, name: str, node: Node) -> None:
    if isinstance(node, Text | Flag):
        code = f"{{% if {path} %}}" if isinstance(node, Flag) else f"{{{{ {path} }}}}"
        _row(parent, code, node.description, node.example)
    elif isinstance(node, ListOf):
        var = LOOP_NAMES.get(name, "item")
        group = _group(_row(parent, f"{{%p for {var} in {path} %}} … {{%p endfor %}}",
                            f"A list: {node.description}. Each item has:", ""))
        for key, child in node.item.items():
            _add(group, f"{var}.{key}", key, child)
    else:
        group = _group(_row(parent, path, _GROUPS.get(path, ""), ""))
        for key, child in node.items():
            _add(group, f"{path}.{key}", key, child)


_GROUPS = {"firm": "The firm (File ▸ Firm details)", "case": "The case",
           "client": "The case's client", "recipient": "Whom the letter is to",
           "sender": "Who signs the letter",
           "filing": "A court filing package: only for a filing's cover letter"}


class PlaceholdersDialog(QDialog):
    """Every placeholder, grouped, with its meaning and an example; double-click copies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Letter template placeholders")
        self.setSizeGripEnabled(True)
        intro = QLabel(
            "Type a placeholder in the Word document where the value should go: "
            "<code>{{ case.title }}</code> prints a value; "
            "<code>{% if case.judge %}…{% endif %}</code> prints something only when there "
            "is a value; a list is repeated with <code>{%p for … %}</code> and "
            "<code>{%p endfor %}</code>, each alone in its own paragraph. Double-click a "
            "placeholder to copy it.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter placeholders (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter placeholders")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Placeholder", "Meaning", "Example"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("Placeholders")
        for name, node in SCHEMA.items():
            _add(self.tree, name, name, node)
        self.tree.expandAll()
        self.tree.setColumnWidth(0, char_width(self, 36))
        self.tree.setColumnWidth(1, char_width(self, 56))
        self.copied = hint_label("")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.tree.itemActivated.connect(self._copy)
        self.filter_edit.textChanged.connect(self.apply_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter_edit.setFocus)
        self.resize(QSize(char_width(self, 130), self.fontMetrics().lineSpacing() * 40)
                    .boundedTo(_room(self)))

    def codes(self) -> list[str]:
        """Every placeholder shown, in order (for tests and the filter)."""
        found: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            if not item.isHidden():
                found.append(item.text(0))
            for child in _children(item):
                walk(child)

        for item in _top_level(self.tree):
            walk(item)
        return found

    def apply_filter(self, text: str) -> None:
        """Show the placeholders whose code or meaning contains the text (and their groups)."""
        wanted = text.casefold().strip()

        def visible(item: QTreeWidgetItem) -> bool:
            own = not wanted or wanted in item.text(0).casefold() or \
                wanted in item.text(1).casefold()
            if own:  # a matching group shows all it has
                _show_all(item)
                return True
            shown = any([visible(child) for child in _children(item)])
            item.setHidden(not shown)
            return shown

        for item in _top_level(self.tree):
            visible(item)

    def _copy(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole)
        if not code or not code.startswith("{"):
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(code)
        self.copied.setText(f"Copied {code}: paste it into the Word document.")


def _top_level(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]


def _show_all(item: QTreeWidgetItem) -> None:
    item.setHidden(False)
    for child in _children(item):
        _show_all(child)


def _room(widget: QWidget) -> QSize:
    screen = widget.screen()
    return screen.availableGeometry().size() * 0.9 if screen is not None else QSize(1200, 800)
