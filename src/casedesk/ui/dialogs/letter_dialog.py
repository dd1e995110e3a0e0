"""Write a letter for a case (client updates, requests for documents, letters to opposing
counsel): pick a template, the recipient among the case's parties, who signs, the date and the
title; the letter is filled on the DB worker and shown; "Save to case" keeps it as a
correspondence document of the case and logs it as an outgoing letter, then offers Open;
"Save a copy…" writes the .docx anywhere (whole or not at all).

What is shown is exactly what is saved: the preview is the filled .docx, read back as text. A
template with problems lists each one (with "did you mean") and nothing can be saved. Opened by
ui/letter_actions.py once what it offers (letter_choices.py) has been read."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.enums import PartyRole
from casedesk.ui import format as fmt
from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs import error_dialog
from casedesk.ui.dialogs.base import hint_label
from casedesk.ui.dialogs.fields import char_width, make_date_edit
from casedesk.ui.dialogs.letter_choices import (
    DEFAULT_TEMPLATE_FILE,
    MAX_TITLE,
    LetterChoices,
    Recipient,
    prepare_preview,
    recipients_of,
    saved_version,
    template_matches,
)
from casedesk.ui.dialogs.letter_parts import (
    LatestRead,
    LetterPreview,
    combo_id,
    fill_staff_combo,
    fill_template_combo,
    role_words,
)
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.paged_rows_model import if_alive
from casedesk.ui.settings import settings_of


class LetterDialog(QDialog):
    """Template, To, Signed by, Date, Title on the left; the filled letter on the right."""

    status_message = Signal(str)
    saved = Signal(object)  # the new document's id

    def __init__(self, parent: QWidget | None, *, db: Database, choices: LetterChoices,
                 store: Any, template: str = "", sender: uuid.UUID | None = None,
                 today: date | None = None,
                 actor: Callable[[], uuid.UUID | None] | None = None,
                 cache_root: Callable[[], Path] | None = None) -> None:
        super().__init__(parent)
        from casedesk.ui.widgets.documents_actions import DocumentActions

        self.case = choices.case
        self.setWindowTitle(f"Write a letter – {self.case.label}")
        self.setSizeGripEnabled(True)
        self._db = db
        self._store = store
        self._actor = actor or (lambda: None)
        self._templates = list(choices.templates)
        self._recipients = recipients_of(self.case.parties)
        self._fills = LatestRead(self, db)
        self.draft: Any = None
        self.saved_document_id: uuid.UUID | None = None
        self.draft_saved = False  # this draft is in the case already (save it once)
        self.saving = False
        self.document_actions = DocumentActions(db, self, actor=self._actor,
                                                cache_root=cache_root)
        self.document_actions.status_message.connect(self.status_message)
        self._build(choices, template, sender, today)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # several quick changes, one fill
        self._timer.timeout.connect(self.fill)
        self.template_combo.currentIndexChanged.connect(self._on_template_changed)
        for signal in (self.recipient_combo.currentIndexChanged,
                       self.sender_combo.currentIndexChanged, self.date_edit.dateChanged):
            signal.connect(lambda *_a: self._timer.start())
        self.title_edit.textChanged.connect(lambda _t: self._update_buttons())
        db.changed.connect(self._on_changed)
        self._on_template_changed()
        self._timer.stop()
        self.fill()

    # -- layout ------------------------------------------------------------------------------
    def _build(self, choices: LetterChoices, template: str, sender: uuid.UUID | None,
               today: date | None) -> None:
        self.template_combo = QComboBox()
        self.template_combo.setAccessibleName("Template")
        chosen = template or DEFAULT_TEMPLATE_FILE
        fill_template_combo(self.template_combo, self._templates,
                            preferred=lambda t: template_matches(t, chosen))
        self.description = hint_label("")
        self.description.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.recipient_combo = QComboBox()
        self.recipient_combo.setAccessibleName("To")
        for person in self._recipients:
            self.recipient_combo.addItem(person.text, str(person.contact_id))
            self.recipient_combo.setItemData(self.recipient_combo.count() - 1, person.text,
                                             Qt.ItemDataRole.ToolTipRole)
        self.recipient_combo.setEnabled(bool(self._recipients))
        self.recipient_hint = hint_label("")
        self.recipient_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.sender_combo = QComboBox()
        self.sender_combo.setAccessibleName("Signed by")
        signer = sender or self.case.responsible_staff_id
        fill_staff_combo(self.sender_combo, choices.staff, signer)
        if combo_id(self.sender_combo) != signer and \
                (index := self.sender_combo.findData(str(self._actor()))) >= 0:
            self.sender_combo.setCurrentIndex(index)  # e.g. the responsible one has left
        self.date_edit = make_date_edit(today or date.today())
        self.date_edit.setAccessibleName("Date")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setClearButtonEnabled(True)
        self.title_edit.setToolTip("The letter's title among the case's documents and in its "
                                   "correspondence; leave it empty for the one shown")
        for combo in (self.template_combo, self.recipient_combo, self.sender_combo):
            combo.setMinimumContentsLength(16)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.case_label = QLabel(self.case.label)
        self.case_label.setWordWrap(True)
        self.case_label.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow("Case:", self.case_label)
        form.addRow("&Template:", self.template_combo)
        form.addRow("", self.description)
        form.addRow("T&o:", self.recipient_combo)
        form.addRow("", self.recipient_hint)
        form.addRow("&Signed by:", self.sender_combo)
        form.addRow("&Date:", self.date_edit)
        form.addRow("T&itle:", self.title_edit)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addStretch(1)

        self.preview = LetterPreview()
        heading = QLabel("&Preview — the letter is saved exactly like this, as a Word file:")
        heading.setBuddy(self.preview)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(heading)
        right_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome_icon = QLabel()
        self.outcome_icon.setPixmap(safe_icon("circle-check").pixmap(QSize(16, 16)))
        self.open_button = QPushButton(safe_icon("file-text"), "Open")
        self.open_button.setToolTip("Open a read-only copy of the saved letter in Word")
        self.open_button.clicked.connect(self.open_saved)
        # Until something is saved, this row says what the two Save buttons do.
        self.footer = hint_label(
            f"Save to case keeps the letter in {self.case.number}'s documents and logs it as "
            "an outgoing letter; Save a copy… also writes the Word file where you choose.")
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.footer, 1)
        outcome_row.addWidget(self.outcome_icon, 0, Qt.AlignmentFlag.AlignTop)
        outcome_row.addWidget(self.outcome, 1)
        outcome_row.addWidget(self.open_button)
        self._outcome_widgets = (self.outcome_icon, self.outcome, self.open_button)
        self._show_outcome("")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton("Save a &copy…",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setIcon(safe_icon("download"))
        self.copy_button.setToolTip("Write the letter as a Word file where you choose")
        self.save_button = self.buttons.addButton("Save to case",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setIcon(safe_icon("save"))
        self.save_button.setDefault(True)
        self.copy_button.setAutoDefault(False)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setAutoDefault(False)  # Enter saves; Esc closes
        self.copy_button.clicked.connect(self.save_copy)
        self.buttons.accepted.connect(self.save_to_case)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(outcome_row)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.template_combo, self.recipient_combo)
        for first, second in ((self.recipient_combo, self.sender_combo),
                              (self.sender_combo, self.date_edit),
                              (self.date_edit, self.title_edit),
                              (self.title_edit, self.preview)):
            QWidget.setTabOrder(first, second)
        # Room for the form and a letter page, within the screen (1280x800 at 200 % is
        # 640x400 logical pixels).
        wanted = QSize(char_width(self, 150), self.fontMetrics().lineSpacing() * 52)
        screen = self.screen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size() * 0.9)
        self.resize(wanted.expandedTo(self.minimumSizeHint()))
        # The form gets what it needs (up to ~58 characters); the letter the rest.
        form_width = max(left.minimumSizeHint().width(),
                         min(char_width(self, 58), self.width() * 2 // 5))
        self.splitter.setSizes([form_width, self.width() - form_width])

    # -- choices -----------------------------------------------------------------------------
    @property
    def template(self) -> Any:
        index = self.template_combo.currentIndex()
        return self._templates[index] if 0 <= index < len(self._templates) else None

    def _recipient(self) -> Recipient | None:
        index = self.recipient_combo.currentIndex()
        return self._recipients[index] if 0 <= index < len(self._recipients) else None

    def _on_template_changed(self, *_args: Any) -> None:
        """Show what the template is for and address it to whom it is usually written."""
        info = self.template
        if info is None:
            self.description.setText("There are no templates. Add one under File ▸ Letter "
                                     "templates.")
            return
        self.description.setText(info.description or "(no description)")
        role = info.recipient_role or PartyRole.CLIENT.value
        usual = next((i for i, r in enumerate(self._recipients)
                      if any(x.value == role for x in r.roles)), -1)
        if not self._recipients:
            self.recipient_hint.setText("This case has no parties yet: add the recipient on "
                                        "the case's Parties tab first.")
        elif usual >= 0:
            self.recipient_combo.setCurrentIndex(usual)
            self.recipient_hint.setText(f"Usually written to {role_words(role)}.")
        else:
            self.recipient_hint.setText(f"Usually written to {role_words(role)}, but this "
                                        "case has none: choose whom to write to.")
        self._timer.start()

    def _on_changed(self, changes: Any) -> None:
        """What the letter says changed (here or at another desk): fill it again."""
        if not self.saving and (changes.firm or changes.contacts or changes.cases
                                or changes.events or changes.document_requests):
            self._timer.start()

    def default_title(self) -> str:
        info, person = self.template, self._recipient()
        if info is None:
            return ""
        return f"{info.name} – {person.name}" if person else info.name

    def letter_title(self) -> str:
        return " ".join(self.title_edit.text().split()) or (
            self.draft.title if self.draft is not None else self.default_title())

    # -- filling -----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self.draft is None and self.preview.toPlainText().startswith("Filling")

    def fill(self) -> None:
        """Fill the chosen template for the case on the worker; the preview follows."""
        self._timer.stop()
        info = self.template
        self.draft = None
        self.draft_saved = False
        self.title_edit.setPlaceholderText(self.default_title())
        if info is None:
            self._fills.forget()
            self.preview.show_busy("Choose a template.")
            self._update_buttons()
            return
        person = self._recipient()
        self.preview.show_busy(f"Filling “{info.name}”"
                               + (f" for {person.name}…" if person else "…"))
        self._update_buttons()

        self._fills.read(prepare_preview, case_id=self.case.id, template=info.name,
                         store=self._store,
                         recipient_contact_id=person.contact_id if person else None,
                         sender_staff_id=combo_id(self.sender_combo),
                         today=fmt.to_date(self.date_edit.date()),
                         on_done=self._filled, on_error=self._failed)

    def _filled(self, result: tuple[Any, str]) -> None:
        self.draft, text = result
        self.preview.show_letter(text)
        self.title_edit.setPlaceholderText(self.draft.title)
        self._update_buttons()

    def _failed(self, error: JobError) -> None:
        self.draft = None
        self.preview.show_failure(
            error, what=f"The template “{self.template.name}”" if self.template else "It",
            next_step="Choose another template; or export this one from File ▸ Letter "
            "templates, fix it in Word and add it again.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.draft is not None and not self.saving
        self.save_button.setEnabled(ready and not self.draft_saved)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(
            "Saved. Change the template, recipient, signer or date to write another letter."
            if self.draft_saved else "Keep the letter in the case's documents and log it as "
            "an outgoing letter")
        self.copy_button.setEnabled(ready)

    def _show_outcome(self, text: str, *, can_open: bool = False) -> None:
        self.outcome.setText(text)
        for widget in self._outcome_widgets:
            widget.setVisible(bool(text))
        self.open_button.setVisible(can_open)
        self.footer.setVisible(not text)

    # -- saving --------------------------------------------------------------------------------
    def draft_to_save(self) -> Any:
        """The filled letter with the title as typed (the title is not in the letter)."""
        if self.draft is None:
            return None
        return dataclasses.replace(self.draft, title=self.letter_title())

    def save_to_case(self) -> None:
        """Keep the letter as a document of the case and log it as an outgoing letter."""
        from casedesk.services.letters import save_letter

        draft = self.draft_to_save()
        if draft is None or self.saving or self.draft_saved:
            return
        self.saving = True
        self._update_buttons()
        self._show_outcome("Saving the letter to the case…")
        self.outcome_icon.setVisible(False)
        self._db.write(save_letter, store=self._store, draft=draft,
                       actor_staff_id=self._actor(),
                       on_done=if_alive(self, partial(self._saved, draft)),
                       on_error=if_alive(self, self._save_failed))

    def _saved(self, draft: Any, result: tuple[Any, uuid.UUID, uuid.UUID]) -> None:
        self.saving = False
        self.saved_document_id = result[1]
        self.draft_saved = True  # another letter needs another fill (a change of any choice)
        self._update_buttons()
        where = f"{self.case.number} (Documents and Correspondence)"
        self._show_outcome(f"Saved “{draft.title}” to {where}.", can_open=True)
        self.status_message.emit(f"Saved the letter “{draft.title}” to {where}.")
        self.saved.emit(result[1])

    def _save_failed(self, error: JobError) -> None:
        self.saving = False
        self._update_buttons()
        self._show_outcome("")
        self._error("The letter was not saved. " + error.message, error.details)

    def open_saved(self) -> None:
        """Open a read-only copy of the saved letter with the system's application."""
        if self.saved_document_id is not None:
            self._db.read(saved_version, self.saved_document_id,
                          on_done=if_alive(self, self.document_actions.open_version),
                          on_error=if_alive(self, lambda e: self._error(e.message, e.details)))

    def choose_copy_path(self, file_name: str) -> Path | None:
        settings = settings_of(self)
        folder = (settings.get(keys.LAST_FOLDER) if settings else "") or str(Path.home())
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save a copy of the letter", str(Path(folder) / file_name),
            "Word documents (*.docx)")
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        if settings is not None:
            settings.set(keys.LAST_FOLDER, str(path.parent))
        return path

    def save_copy(self) -> None:
        """Write the letter as a .docx where the user chooses (temporary file + rename)."""
        from casedesk.export.files import write_bytes_atomically

        draft = self.draft_to_save()
        if draft is None:
            return
        target = self.choose_copy_path(draft.file_name)
        if target is None:
            return

        def written(_result: Any) -> None:
            self.status_message.emit(f"Saved a copy of the letter to {target}.")
            if not self.draft_saved:
                self._show_outcome(f"Saved a copy to {target} (not saved to the case).")

        self._db.call(write_bytes_atomically, target, draft.data,
                      on_done=if_alive(self, written),
                      on_error=if_alive(self, lambda e: self._error(
                          "The copy was not saved. " + e.message, e.details)))

    def _error(self, message: str, details: str = "") -> None:
        self.status_message.emit(message)
        error_dialog.show_error(self, message, details)
