"""The letter template library (File ▸ Letter templates…): the templates casedesk ships and the
practice's own, each with what it is for and to whom it is usually written.

Add template… checks a Word file first and adds nothing when it has problems (each is listed,
with "did you mean"); Export a copy… writes a template out to adapt in Word and add back under
a new name; Remove takes one of the practice's own templates out of the library (letters made
from it stay in their cases); Check a file… checks without adding; Placeholders… lists what a
template can use. File and database work runs on the DB worker."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.changes import Changes
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.ask import confirm as _confirm
from casedesk.ui.dialogs.base import hint_label
from casedesk.ui.dialogs.fields import char_width
from casedesk.ui.dialogs.letter_parts import muted_color, role_words
from casedesk.ui.dialogs.letter_template_dialogs import (
    AddTemplateDialog,
    PlaceholdersDialog,
    check_summary,
)
from casedesk.ui.dialogs.letter_template_dialogs import show_check_result as _show_check_result
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel
from casedesk.ui.settings import Settings

confirm = _confirm  # re-exported so tests can answer them here
show_check_result = _show_check_result
WORD_FILES = "Word documents (*.docx);;All files (*)"


# -- work for the DB worker ----------------------------------------------------------------------
def check_file(path: Path) -> tuple[bytes, Any]:
    """A file's bytes and what the template check finds in it (an unreadable or non-Word file
    is one problem, not an error)."""
    from casedesk.domain.errors import InvalidInput
    from casedesk.services.letters import (
        TemplateCheck,
        TemplateProblem,
        check_template,
        read_template_file,
    )

    try:
        data = read_template_file(path)
    except InvalidInput as exc:
        return b"", TemplateCheck((TemplateProblem("file", exc.message),))
    return data, check_template(data)


def export_template(session: Any, *, store: Any, info: Any, target: Path) -> Path:
    """Write a library template's .docx to `target`, whole or not at all."""
    from casedesk.export.files import write_bytes_atomically
    from casedesk.services.letters import template_bytes

    data = (template_bytes(session, store=store, name=info.name) if info.shipped
            else template_bytes(session, store=store, template_id=info.id))
    write_bytes_atomically(target, data)
    return target


def discard_unrecorded(session: Any, store: Any, stored: Any) -> None:
    """After a failed add: remove the file it newly stored if no record points at it."""
    from casedesk.services.documents import blob_recorded

    if stored.created and not blob_recorded(session, stored.sha256):
        store.remove(stored.sha256)


def kind_text(info: Any) -> str:
    return "Shipped" if info.shipped else "The firm's"


class LetterTemplatesWindow(QDialog):
    """The library on top, the selected template's description beneath."""

    status_message = Signal(str)

    def __init__(self, parent: QWidget | None, db: Database, *,
                 actor: Callable[[], uuid.UUID | None] | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Letter templates")
        self.setSizeGripEnabled(True)
        self._db = db
        self._actor = actor or (lambda: None)
        self._settings = settings
        self._select_name = ""
        self.placeholders_dialog: PlaceholdersDialog | None = None
        self.model: SnapshotTableModel[Any] = SnapshotTableModel([
            Column("Name", lambda t: t.name, tooltip=lambda t: t.description),
            Column("Kind", kind_text, tooltip=lambda t: "Ships with casedesk" if t.shipped
                   else f"Added by the firm ({t.file_name})"),
            Column("Written to", lambda t: role_words(t.recipient_role).removeprefix("the ")
                   .capitalize()),
            Column("Description", lambda t: " ".join(t.description.split()),
                   tooltip=lambda t: t.description),
        ], self)
        self._build()
        db.changed.connect(self._on_changed)
        self.reload()

    # -- layout ------------------------------------------------------------------------------
    def _button(self, text: str, icon_name: str, tip: str, slot: Callable[[], None]
                ) -> QPushButton:
        button = QPushButton(safe_icon(icon_name), text)
        button.setToolTip(tip)
        button.setAutoDefault(False)  # Enter in the list does not add a template
        button.clicked.connect(lambda: slot())
        return button

    def _build(self) -> None:
        self.add_button = self._button("Add template…", "plus", "Add a Word file (.docx) to "
                                       "the library; it is checked first", self.add_template)
        self.export_button = self._button(
            "Export a copy…", "download", "Write the selected template to a file, to adapt "
            "it in Word and add it back under a new name", self.export_selected)
        self.remove_button = self._button("Remove", "trash-2", "Remove the selected template "
                                          "(the firm's own only) from the library (Del)",
                                          self.remove_selected)
        self.check_button = self._button("Check a file…", "shield-check", "Check a Word file "
                                         "for problems without adding it", self.check_a_file)
        self.placeholders_button = self._button(
            "Placeholders…", "book-open", "Every placeholder a template can use, with "
            "examples", self.show_placeholders)
        bar = QHBoxLayout()
        for button in (self.add_button, self.export_button, self.remove_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.check_button)
        bar.addWidget(self.placeholders_button)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Letter templates")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_selected())
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.remove_selected)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.help = hint_label(
            "Letters are written from a case (Write letter… above its tabs). To adapt a "
            "template: Export a copy…, change it in Word, then Add template… under a new name. "
            "Shipped templates cannot be changed or removed.")
        self.status = hint_label("")  # the last action's result (also in the status bar)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.help)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        wanted = QSize(char_width(self, 130), self.fontMetrics().lineSpacing() * 30)
        screen = self.screen()
        if screen is not None:  # 1280x800 at 200 % leaves 640x400
            wanted = wanted.boundedTo(screen.availableGeometry().size() * 0.9)
        self.resize(wanted)
        self._update_buttons()

    # -- the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        from casedesk.services.letters import list_templates

        self._db.read(list_templates, on_done=if_alive(self, self._on_loaded),
                      on_error=if_alive(self, self._show_error))

    def _on_loaded(self, templates: list[Any]) -> None:
        current = self._select_name or (self.selected.name if self.selected else "")
        self._select_name = ""
        fitted = self.model.rowCount() > 0
        self.model.set_rows(templates)
        if not fitted:
            self.view.resizeColumnsToContents()
            self.view.setColumnWidth(3, max(self.view.columnWidth(3), char_width(self, 40)))
        names = [t.name for t in templates]
        self.select_row(names.index(current) if current in names else 0)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._show_selected()

    def _on_changed(self, changes: Changes) -> None:
        if changes.documents:  # where adding and removing templates report
            self.reload()

    @property
    def selected(self) -> Any:
        return self.model.row_at(self.view.currentIndex().row())

    def _show_selected(self) -> None:
        info = self.selected
        if info is None:
            self.detail.setText("")
        else:
            muted = muted_color(self)
            origin = ("Ships with casedesk; export a copy to adapt it." if info.shipped else
                      f"Added by the firm, from “{html.escape(info.file_name)}”.")
            self.detail.setText(
                f"<b>{html.escape(info.name)}</b> — usually written to "
                f"{html.escape(role_words(info.recipient_role))}<br>"
                f"{html.escape(info.description) or '<i>No description.</i>'}<br>"
                f"<span style='color:{muted}'>{origin}</span>")
        self._update_buttons()

    def _update_buttons(self) -> None:
        info = self.selected
        self.export_button.setEnabled(info is not None)
        self.remove_button.setEnabled(info is not None and not info.shipped)
        self.remove_button.setToolTip(
            "Shipped templates cannot be removed" if info is not None and info.shipped else
            "Remove the selected template from the library (Del)")

    # -- files -------------------------------------------------------------------------------
    def _folder(self) -> str:
        return (self._settings.get(keys.LAST_FOLDER) if self._settings else "") or \
            str(Path.home())

    def _remember(self, path: Path) -> None:
        if self._settings is not None:
            self._settings.set(keys.LAST_FOLDER, str(path.parent))

    def choose_template_file(self, caption: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self, caption, self._folder(), WORD_FILES)
        if not name:
            return None
        self._remember(Path(name))
        return Path(name)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status_message.emit(text)

    def _show_error(self, error: JobError, prefix: str = "") -> None:
        self._say(prefix + error.message)
        error_dialog.show_error(self, prefix + error.message, error.details)

    @property
    def store(self) -> Any:
        from casedesk.persistence.blob_store import BlobStore

        return BlobStore(self._db.location.documents_dir)

    # -- check -------------------------------------------------------------------------------
    def check_a_file(self) -> None:
        """Check a Word file without adding it; say what was found."""
        path = self.choose_template_file("Check a letter template")
        if path is not None:
            self._say(f"Checking “{path.name}”…")
            self._db.call(check_file, path, on_done=if_alive(self, partial(self._checked, path)),
                          on_error=if_alive(self, self._show_error))

    def _checked(self, path: Path, result: tuple[bytes, Any]) -> None:
        _data, check = result
        self._say(check_summary(path.name, check))
        show_check_result(self, file_name=path.name, check=check)

    # -- add ---------------------------------------------------------------------------------
    def add_template(self, path: Path | None = None) -> None:
        """Check a Word file; if it has no problems, name it and add it to the library."""
        path = path or self.choose_template_file("Add a letter template")
        if path is not None:
            self._say(f"Checking “{path.name}”…")
            self._db.call(check_file, path,
                          on_done=if_alive(self, partial(self._ask_name, path)),
                          on_error=if_alive(self, partial(self._show_error,
                                                          prefix="Nothing was added. ")))

    def _ask_name(self, path: Path, result: tuple[bytes, Any]) -> None:
        data, check = result
        if not check.ok:
            self._say(check_summary(path.name, check, adding=True))
            show_check_result(self, file_name=path.name, check=check, adding=True)
            return
        answer = AddTemplateDialog.ask(self, file_name=path.name,
                                       taken=[t.name for t in self.model.rows],
                                       placeholders=len(check.placeholders))
        if answer is None:
            self._say("Nothing was added.")
            return
        self._db.call(self.store.put_bytes, data,
                      on_done=if_alive(self, partial(self._record, path, answer)),
                      on_error=if_alive(self, partial(self._show_error,
                                                      prefix="Nothing was added. ")))

    def _record(self, path: Path, answer: AddTemplateDialog.Answer, stored: Any) -> None:
        from casedesk.services.letters import add_template

        store = self.store

        def done(_result: Any) -> None:
            self._select_name = answer.name
            self._say(f"Added the template “{answer.name}”: it is offered when writing a "
                      "letter.")

        def failed(error: JobError) -> None:
            report = if_alive(self, partial(self._show_error, error,
                                            prefix="Nothing was added. "))
            self._db.read(discard_unrecorded, store, stored, on_done=lambda _r: report(),
                          on_error=lambda _e: report())

        self._db.write(add_template, store=store, stored=stored, name=answer.name,
                       description=answer.description, file_name=path.name,
                       on_done=if_alive(self, done), on_error=if_alive(self, failed))

    # -- export ------------------------------------------------------------------------------
    def export_selected(self) -> None:
        """Write the selected template to a file (to adapt it in Word)."""
        from casedesk.services.documents import safe_file_name

        info = self.selected
        if info is None:
            return
        suggested = info.file_name if info.shipped else safe_file_name(f"{info.name}.docx")
        name, _filter = QFileDialog.getSaveFileName(
            self, f"Export a copy of “{info.name}”", str(Path(self._folder()) / suggested),
            "Word documents (*.docx)")
        if not name:
            return
        target = Path(name)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        self._remember(target)
        self._db.read(export_template, store=self.store, info=info, target=target,
                      on_done=if_alive(self, lambda p: self._say(
                          f"Exported “{info.name}” to {p}. Change it in Word, then add it "
                          "back with Add template… under a new name.")),
                      on_error=if_alive(self, partial(self._show_error,
                                                      prefix="The copy was not written. ")))

    # -- remove ------------------------------------------------------------------------------
    def remove_selected(self) -> None:
        """Take one of the firm's own templates out of the library (after asking)."""
        from casedesk.services.letters import delete_template

        info = self.selected
        if info is None or info.shipped or info.id is None:
            return
        if not confirm(self, "Remove letter template",
                       f"Remove the template “{info.name}” from the library?",
                       "Letters already made from it stay in their cases. To keep the "
                       "template itself, Export a copy… first.", "Remove"):
            return
        self._db.write(delete_template, template_id=info.id,
                       on_done=if_alive(self, lambda _r: self._say(
                           f"Removed the template “{info.name}” from the library.")),
                       on_error=if_alive(self, self._show_error))

    # -- placeholders ------------------------------------------------------------------------
    def show_placeholders(self) -> None:
        """Every placeholder a template can use (a window beside this one)."""
        if self.placeholders_dialog is None:
            self.placeholders_dialog = PlaceholdersDialog(self)
        self.placeholders_dialog.show()
        self.placeholders_dialog.raise_()
        self.placeholders_dialog.activateWindow()
