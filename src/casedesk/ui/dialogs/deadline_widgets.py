"""Pieces the deadline dialogs share: the explanation pane, the service and court choices, the
read job that loads them, and a form base that saves through the DB worker itself.

The deadline dialogs write from inside the dialog (not after it closes) so that a refusal from
the service ("choose at least one deadline", a rule set that no longer parses) is shown in the
dialog that holds the input, and nothing is saved.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QPalette, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QTextBrowser,
    QWidget,
)

from casedesk.rules.counting import ServiceMethod
from casedesk.rules.rulesets import RuleSet, Trigger
from casedesk.ui import format as fmt
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.base import FormDialog
from casedesk.ui.dialogs.error_dialog import show_error

SERVICE_HINT = ("Mail, leaving it with the clerk or other consented means add 3 days "
                "(Rule 6(d)); electronic service adds none.")
FEDERAL_ONLY = "Federal holidays only"
NO_EXPLANATION = "Select a deadline to see how its date was computed."


# --- loading ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DeadlineChoices:
    """What the deadline dialogs offer: rule sets, courts, and the case's own court."""

    rule_sets: tuple[RuleSet, ...]
    courts: tuple[tuple[uuid.UUID, str], ...]
    case_court_text: str = ""
    case_court_id: uuid.UUID | None = None


def load_choices(session: Any, case_id: uuid.UUID | None = None) -> DeadlineChoices:
    """Runs on the DB worker: every rule set, every court, and the case's court if it has one."""
    from casedesk.domain.models import Case
    from casedesk.services import courts, deadlines
    from casedesk.services.common import get_live

    court_text, court_id = "", None
    if case_id is not None:
        case = get_live(session, Case, case_id, "case")
        court_text = case.court.strip()
        court_id = courts.court_for_case(session, case.court)
    return DeadlineChoices(
        rule_sets=tuple(deadlines.rule_sets(session)),
        courts=tuple((c.id, c.name) for c in courts.list_courts(session)),
        case_court_text=court_text, case_court_id=court_id)


# --- showing dates and explanations ----------------------------------------------------------

def due_day(value: date | datetime | None) -> str:
    """'Mon 6 Jul 2026' (with the time for a period in hours)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{fmt.day(value.date())} {value:%H:%M}"
    return fmt.day(value)


def trigger_header(rule_set_name: str, trigger_name: str, when: date,
                   service: str) -> list[str]:
    """The lines the service puts above every stored explanation (shown the same way here)."""
    lines = [f"Rule set: {rule_set_name}", f"Trigger: {trigger_name}, {fmt.day(when)}"]
    if service:
        lines.append(f"Served: {ServiceMethod(service).label}")
    return lines


class ExplanationPane(QTextBrowser):
    """Read-only: how one date was computed, one step a line (the deadline itself in bold)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("How this date was computed")
        self.setOpenLinks(False)
        self.setMinimumHeight(self.fontMetrics().height() * 4)
        self.show_lines([])

    def show_lines(self, lines: Sequence[str], *, bold_first: bool = False,
                   muted: int = 0) -> None:
        """Show the lines; `muted` leading lines (the header) in the placeholder colour."""
        if not lines:
            color = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
            self.setHtml(f'<p style="color:{color}">{html.escape(NO_EXPLANATION)}</p>')
            return
        muted_color = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        parts = []
        for number, line in enumerate(lines):
            text = html.escape(line)
            if number < muted:
                text = f'<span style="color:{muted_color}">{text}</span>'
            elif bold_first and number == muted:
                text = f"<b>{text}</b>"
            parts.append(f'<p style="margin:0 0 3px 0">{text}</p>')
        self.setHtml("".join(parts))

    def text_lines(self) -> list[str]:
        return self.toPlainText().splitlines()


class WrappedHint(QLabel):
    """A muted, wrapped explanatory line under a field that asks for the height its text
    needs at its real width (a form layout otherwise reserves the height of a narrow wrap)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._last_width = 0

    def _refit(self) -> None:
        window = self.window()
        if isinstance(window, SavingFormDialog):
            window.fit_form()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.width() > 0:
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() if self.width() > 0 else super().minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._last_width:
            self._last_width = event.size().width()
            self.updateGeometry()
            self._refit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()
        self._refit()


def deadline_table(model: Any, name: str, stretch: int) -> QTableView:
    """A row table for deadlines: one selected row, no editing but the check boxes."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setMinimumHeight(view.fontMetrics().height() * 5)
    return view


# --- choices ---------------------------------------------------------------------------------

def service_sensitive_titles(trigger: Trigger | None) -> list[str]:
    """Titles of the trigger's deadlines that run from service (Rule 6(d) may add days)."""
    if trigger is None:
        return []
    return [rule.title for rule in trigger.deadlines if rule.service_sensitive]


def fill_service_combo(combo: QComboBox, current: str = "") -> None:
    """"Choose…" then each Rule 5(b) method, its label capitalised; data is the value."""
    combo.clear()
    combo.addItem("Choose how it was served…", "")
    for method in ServiceMethod:
        combo.addItem(method.label[0].upper() + method.label[1:], method.value)
    combo.setCurrentIndex(max(0, combo.findData(current)))


def set_service_needed(combo: QComboBox, needed: bool) -> None:
    """Enable the service choice only when a deadline runs from service; say so when not."""
    combo.setEnabled(needed)
    combo.setItemText(0, "Choose how it was served…" if needed else
                      "Not needed: no deadline here runs from service")
    if not needed:
        combo.setCurrentIndex(0)


def service_value(combo: QComboBox) -> str:
    return str(combo.currentData() or "") if combo.isEnabled() else ""


def fill_court_combo(combo: QComboBox, courts: Sequence[tuple[uuid.UUID, str]],
                     current: uuid.UUID | None) -> None:
    """"Federal holidays only" first, then the courts by name; `current` (None: federal only)
    is chosen."""
    from casedesk.services.deadlines import FEDERAL_ONLY as NO_COURT

    combo.clear()
    combo.addItem(FEDERAL_ONLY, str(NO_COURT))
    for court_id, name in courts:
        combo.addItem(name, str(court_id))
    if current is not None and combo.findData(str(current)) < 0:
        combo.addItem("(a court no longer listed)", str(current))
    combo.setCurrentIndex(max(0, combo.findData(str(current if current else NO_COURT))))


def court_value(combo: QComboBox) -> uuid.UUID | None:
    """The chosen court's id, deadlines.FEDERAL_ONLY for "Federal holidays only"."""
    data = combo.currentData()
    return uuid.UUID(data) if data else None


# --- a form that saves itself ----------------------------------------------------------------

class SavingFormDialog(FormDialog):
    """A FormDialog with a panel under the form that saves through the DB worker itself.

    While a save or a preview is on its way the buttons wait; a refusal from the service is
    shown in the form's message (in red) until the input changes, and the dialog stays open.
    """

    form_share = 0.4  # of the screen's height, at most, for the form above the panel

    def __init__(self, parent: QWidget | None, title: str, db: Database) -> None:
        super().__init__(parent, title)
        self._db = db
        self._busy = False
        self._fit_queued = False
        self._refusal = ""
        self._refused_state: list[object] | None = None

    def add_panel(self, widget: QWidget) -> None:
        """Put `widget` between the form and the message; it takes the spare height."""
        outer = self.layout()
        assert isinstance(outer, QBoxLayout)
        outer.insertWidget(1, widget, 1)
        outer.setStretch(0, 0)
        self._scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def fit_form(self) -> None:
        """Let the form above the panel keep its full height (up to half the screen), so it
        does not scroll while the panel has room. Runs once the layouts have settled (wrapped
        hints know their height only after they have their width)."""
        if not self._fit_queued:
            self._fit_queued = True
            QTimer.singleShot(0, self._fit_now)

    def _fit_now(self) -> None:
        self._fit_queued = False
        if self._scroll.sizePolicy().verticalPolicy() is not QSizePolicy.Policy.Maximum:
            return
        screen = self.screen()
        room = int(screen.availableGeometry().height() * self.form_share) if screen else 10_000
        self.body_layout.activate()
        # The rows are top-aligned, so the lowest visible field is the height they need.
        bottom = 0
        for number in range(self.form.count()):
            item = self.form.itemAt(number)
            widget = item.widget() if item is not None else None
            if widget is not None and not widget.isHidden():
                bottom = max(bottom, widget.geometry().bottom() + 1)
        wanted = bottom + 4 if bottom else self.body.sizeHint().height()
        self._scroll.setFixedHeight(min(room, wanted))

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_now()
        super().showEvent(event)
        self.fit_form()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_form()

    def disable_quick_save(self) -> None:
        """No Ctrl+Return: the dialog's main action must be a deliberate click."""
        for shortcut in self.findChildren(QShortcut):
            shortcut.setEnabled(False)

    # --- state ---------------------------------------------------------------------------

    def waiting(self) -> bool:
        """True while an answer the buttons depend on is on its way (subclasses add theirs)."""
        return self._busy

    def check(self) -> str:
        """What is wrong with the input ('' when fine); subclasses override."""
        return ""

    def validate(self) -> str:
        problem = self.check()
        if problem:
            return problem
        if self._refusal and self._snapshot() == self._refused_state:
            return self._refusal
        return ""

    def refresh(self) -> None:
        super().refresh()
        if self.waiting():
            self.save_button.setEnabled(False)

    def is_dirty(self) -> bool:
        return super().is_dirty() or self._refused_state is not None

    # --- saving --------------------------------------------------------------------------

    def submit(self, fn: Callable[..., Any], *, on_saved: Callable[[Any], None] | None = None,
               **kwargs: Any) -> None:
        """Write; close when it worked, show the service's message and stay open when not."""
        self._busy = True
        self.refresh()

        def done(result: Any) -> None:
            self._busy = False
            if on_saved is not None:
                on_saved(result)
            QDialog.accept(self)  # saved: past FormDialog.accept's validation

        self._db.write(fn, on_done=done, on_error=self._refused, **kwargs)

    def _refused(self, error: JobError) -> None:
        self._busy = False
        if error.is_bug:
            self.refresh()
            show_error(self, error.message, error.details)
            return
        self._refusal = f"Not saved: {error.message}"
        self._refused_state = self._snapshot()
        self.refresh()


def bold_title(widget: QWidget) -> None:
    font = widget.font()
    font.setBold(True)
    widget.setFont(font)

