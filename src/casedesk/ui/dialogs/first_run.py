"""First run on an empty practice: set up the firm, open the sample practice, or quit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from casedesk.ui.dialogs.base import hint_label, safe_icon
from casedesk.ui.dialogs.fields import char_width
from casedesk.ui.dialogs.firm_dialog import FirmDialog
from casedesk.ui.dialogs.staff_dialog import StaffDialog, StaffFields

INTRO = ("casedesk keeps your practice's cases, contacts, tasks and conflict checks in one "
         "place on this computer. Set up your firm to start with an empty practice, or open "
         "the sample practice to look around first.")


class FirstRunChoice(StrEnum):
    SET_UP = "set_up"
    SAMPLE = "sample"
    QUIT = "quit"


class FirmSetupDialog(FirmDialog):
    """The firm's details plus "Your details": the first member of staff."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        firm: FirmDialog.Answer
        staff: StaffDialog.Answer

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, title="Set up your firm")
        heading = QLabel("Your details")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setContentsMargins(0, self.fontMetrics().height() // 2, 0, 0)
        self.form.addRow(heading)
        self.form.addRow(hint_label("You become the practice's first member of staff; "
                                    "colleagues can be added later."))
        self.staff_fields = StaffFields(self, name_label="&Your name", role_label="Your &role")
        staff_widgets = self.staff_fields.widgets()
        self.watch(*staff_widgets)
        self.chain_tab_order(*self.firm_widgets, *staff_widgets)
        self.name_edit.setFocus()
        self.mark_clean()

    def validate(self) -> str:
        problem = super().validate()
        if problem:
            return problem
        staff_problem = self.staff_fields.validate()
        return f"Your details: {staff_problem}" if staff_problem else ""

    def answer(self) -> FirmSetupDialog.Answer:
        return FirmSetupDialog.Answer(firm=self.firm_answer(),
                                      staff=StaffDialog.Answer(**self.staff_fields.values()))

    @classmethod
    def ask(  # type: ignore[override]  # a different dialog with a bigger answer
            cls, parent: QWidget | None) -> FirmSetupDialog.Answer | None:
        """Ask for the firm and the first member of staff; None when cancelled."""
        answer: FirmSetupDialog.Answer | None = cls.run(cls(parent))
        return answer


class FirstRunDialog(QDialog):
    """Welcome screen on an empty practice, with the three ways forward."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        choice: FirstRunChoice
        firm: FirmDialog.Answer | None = None
        staff: StaffDialog.Answer | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to casedesk")
        self._answer = FirstRunDialog.Answer(FirstRunChoice.QUIT)
        heading = QLabel("Welcome to casedesk")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setMinimumWidth(char_width(self, 60))
        self.set_up_button = QCommandLinkButton(
            "Set up my firm…", "Enter the firm's name and your own details. "
            "You can change them later.")
        self.set_up_button.setIcon(safe_icon("briefcase"))
        self.sample_button = QCommandLinkButton(
            "Open the sample practice", "Made-up cases, contacts and tasks to try things on.")
        self.sample_button.setIcon(safe_icon("folder-open"))
        self.quit_button = QCommandLinkButton("Quit", "Close casedesk without changing anything.")
        self.quit_button.setIcon(safe_icon("log-out"))
        for button in (self.set_up_button, self.sample_button, self.quit_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(char_width(self, 60))
        self.set_up_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.set_up_button)
        layout.addWidget(self.sample_button)
        layout.addWidget(self.quit_button)
        layout.addStretch(1)
        self.set_up_button.clicked.connect(self._set_up)
        self.sample_button.clicked.connect(self._sample)
        self.quit_button.clicked.connect(self.reject)
        self.set_up_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """Open tall enough for the wrapped texts (Qt caps new windows at 2/3 of the screen)."""
        super().showEvent(event)
        screen = self.screen()
        layout = self.layout()
        if screen is None or layout is None:
            return
        room = screen.availableGeometry().size() * 0.9
        width = min(max(self.width(), self.sizeHint().width()), room.width())
        wanted = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() \
            else self.sizeHint().height()
        self.resize(width, min(max(wanted, self.height()), room.height()))

    def _set_up(self) -> None:
        setup = FirmSetupDialog.ask(self)
        if setup is not None:
            self._answer = FirstRunDialog.Answer(FirstRunChoice.SET_UP, setup.firm, setup.staff)
            self.accept()

    def _sample(self) -> None:
        self._answer = FirstRunDialog.Answer(FirstRunChoice.SAMPLE)
        self.accept()

    def reject(self) -> None:
        """Quit, Esc or the close box."""
        self._answer = FirstRunDialog.Answer(FirstRunChoice.QUIT)
        super().reject()

    def answer(self) -> FirstRunDialog.Answer:
        return self._answer

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> FirstRunDialog.Answer:
        """Show the welcome; always answers (choice QUIT when closed)."""
        dialog = cls(parent)
        try:
            dialog.exec()
            return dialog.answer()
        finally:
            dialog.deleteLater()
