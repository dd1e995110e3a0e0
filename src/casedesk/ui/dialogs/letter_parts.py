"""What the letter dialogs share: the template and signer choices, the preview pane that shows
a filled letter (or, plainly, why a template cannot be used), and only-the-latest fills.

Used by the case's letter dialog (letter_dialog.py), a filing's cover letter dialog
(filing_cover_dialog.py) and the template library (letter_templates_window.py)."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFontDatabase, QPalette, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QComboBox, QTextBrowser, QWidget

from casedesk.domain.enums import PartyRole, label
from casedesk.ui import format as fmt
from casedesk.ui.db import Database, JobError
from casedesk.ui.models.paged_rows_model import if_alive

if TYPE_CHECKING:  # letter_problems imports jinja2: not at window import (cold start)
    from casedesk.export.letter_problems import TemplateProblem

FIRMS_OWN = " (the firm's)"  # after the name of a template the practice added


# -- choices -----------------------------------------------------------------------------------
def fill_template_combo(combo: QComboBox, templates: Sequence[Any], *,
                        preferred: Callable[[Any], bool] | None = None) -> None:
    """Templates by name (the practice's own marked), descriptions as tooltips; the first one
    `preferred` accepts is selected."""
    combo.clear()
    for info in templates:
        combo.addItem(info.name + ("" if info.shipped else FIRMS_OWN), info.name)
        combo.setItemData(combo.count() - 1, info.description, Qt.ItemDataRole.ToolTipRole)
    if preferred is not None:
        best = next((i for i, info in enumerate(templates) if preferred(info)), 0)
        combo.setCurrentIndex(best)


def fill_staff_combo(combo: QComboBox, staff: Sequence[Any],
                     sender: uuid.UUID | None = None) -> None:
    """Staff as "Alice Avery (attorney)"; `sender` selected when among them."""
    combo.clear()
    for member in staff:
        combo.addItem(f"{member.name} ({fmt.enum_label(member.role).lower()})", str(member.id))
    if sender is not None and (index := combo.findData(str(sender))) >= 0:
        combo.setCurrentIndex(index)


def combo_id(combo: QComboBox) -> uuid.UUID | None:
    data = combo.currentData()
    return uuid.UUID(data) if data else None


def role_words(role: str) -> str:
    """'the client', 'the opposing counsel', 'the court clerk' (for hints)."""
    try:
        return "the " + label(PartyRole(role)).lower()
    except ValueError:
        return role.replace("_", " ")


# -- problems, as a person reads them ------------------------------------------------------------
def problem_parts(problem: TemplateProblem) -> tuple[str, str]:
    """(where, what): 'Body, paragraph 3 (“Re: {{ case.nmber }}”)' and 'Unknown placeholder…'."""
    from casedesk.export.letter_problems import where

    spot = where(problem.part, problem.line, problem.context) if problem.part else ""
    text = problem.message
    if spot and text.startswith(spot + ": "):
        text = text[len(spot) + 2:]
    return spot, text[:1].upper() + text[1:]


def _order(problem: TemplateProblem) -> tuple[int, str, int]:
    return (0 if problem.part == "body" else 1, problem.part, problem.line or 0)


def problems_html(problems: Sequence[TemplateProblem], muted: str = "gray") -> str:
    """A numbered list: where each problem is (in the `muted` colour), then what is wrong (the
    "did you mean" suggestion in bold), in the order they appear in the document."""
    items = []
    for problem in sorted(problems, key=_order):
        spot, text = problem_parts(problem)
        body = html.escape(text)
        if problem.suggestion:
            quoted = html.escape(f'"{problem.suggestion}"')
            body = body.replace(quoted, f"<b>{quoted}</b>", 1)
        items.append("<li style='margin-bottom:6px'>"
                     + (f"<span style='color:{muted}'>{html.escape(spot)}"
                        "</span><br>" if spot else "") + body + "</li>")
    return "<ol style='margin-left:0'>" + "".join(items) + "</ol>"


def muted_color(widget: QWidget) -> str:
    """A colour between the text and the background: muted in light and dark themes alike
    (rich text cannot use the palette's translucent placeholder colour)."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    mix = [round(a * 0.55 + b * 0.45) for a, b in ((text.red(), base.red()),
                                                     (text.green(), base.green()),
                                                     (text.blue(), base.blue()))]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def count_words(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- the preview pane ----------------------------------------------------------------------------
class LetterPreview(QTextBrowser):
    """Read-only: the filled letter as text (paragraphs spaced like a letter), a "Filling…"
    line while the worker works, or what stops the letter, each problem on its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setAccessibleName("Letter preview")
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance("x") * 6)
        self.document().setDocumentMargin(self.fontMetrics().horizontalAdvance("x") * 2)
        self.problems: tuple[TemplateProblem, ...] = ()
        self.showing_letter = False

    def show_busy(self, text: str) -> None:
        self.problems, self.showing_letter = (), False
        self.setPlainText(text)

    def show_letter(self, text: str) -> None:
        """The letter's text; each paragraph followed by a little space, as on paper."""
        self.problems, self.showing_letter = (), True
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(self.fontMetrics().lineSpacing() * 0.35)
        cursor.mergeBlockFormat(spacing)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def show_failure(self, error: JobError, *, what: str = "This template",
                     next_step: str = "") -> None:
        """Why no letter can be made: a template's problems listed one by one, else the
        message (a missing recipient, a case without a responsible attorney...)."""
        self.showing_letter = False
        check = getattr(error.error, "check", None)
        if check is not None and check.problems:
            self.problems = tuple(check.problems)
            heading = (f"<p><b>{html.escape(what)} cannot be used: "
                       f"{count_words(len(self.problems), 'problem')}.</b> Nothing is saved.</p>")
            self.setHtml(heading + problems_html(self.problems, muted_color(self))
                         + (f"<p>{html.escape(next_step)}</p>" if next_step else ""))
            return
        self.problems = ()
        self.setHtml(f"<p><b>No letter could be made.</b></p><p>{_lines(error.message)}</p>"
                     + (f"<p>{html.escape(next_step)}</p>" if next_step else ""))


def _lines(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


# -- fills on the worker, of which only the latest counts ----------------------------------------
class LatestRead(QObject):
    """Submits reads for `owner`; an answer is delivered only if no newer read was submitted
    since (a quick change of template never shows the previous template's letter)."""

    def __init__(self, owner: QObject, db: Database) -> None:
        super().__init__(owner)
        self._owner = owner
        self._db = db
        self.generation = 0

    def read(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
             on_error: Callable[[JobError], None], **kwargs: Any) -> None:
        self.generation += 1
        generation = self.generation

        def current(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(result: Any) -> None:
                if generation == self.generation:
                    callback(result)
            return if_alive(self._owner, call)

        self._db.read(fn, *args, on_done=current(on_done), on_error=current(on_error),
                      **kwargs)

    def forget(self) -> None:
        """Whatever is under way no longer counts."""
        self.generation += 1
