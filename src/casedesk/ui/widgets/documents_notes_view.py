"""One case's notes as a readable page: author and time above each note, newest first, with the
words of the filter highlighted (colours from the palette, so dark themes read well)."""

from __future__ import annotations

import html
import re

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from casedesk.domain.rows import NoteRow
from casedesk.ui import format as fmt


def _highlighted(text: str, words: list[str], mark_style: str) -> str:
    """The note as HTML: escaped, line breaks kept, filter words marked."""
    if not words:
        return html.escape(text).replace("\n", "<br>")
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)),
                         re.IGNORECASE)
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(html.escape(text[last:match.start()]))
        parts.append(f'<span style="{mark_style}">{html.escape(match.group())}</span>')
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts).replace("\n", "<br>")


def _blend(front: QColor, back: QColor, amount: float) -> QColor:
    """`amount` of `front` over `back` (rich text drops alpha, so mix the muted colour here)."""
    return QColor(round(front.red() * amount + back.red() * (1 - amount)),
                  round(front.green() * amount + back.green() * (1 - amount)),
                  round(front.blue() * amount + back.blue() * (1 - amount)))


class NotesView(QTextBrowser):
    """Read-only rendering of NoteRows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName("Notes of the selected case")
        self.notes: list[NoteRow] = []

    def show_notes(self, notes: list[NoteRow], total: int, words: list[str]) -> None:
        self.notes = list(notes)
        palette = self.palette()
        muted = _blend(palette.color(QPalette.ColorRole.Text),
                       palette.color(QPalette.ColorRole.Base), 0.6).name()
        mark = (f"background-color: {palette.color(QPalette.ColorRole.Highlight).name()}; "
                f"color: {palette.color(QPalette.ColorRole.HighlightedText).name()};")
        blocks: list[str] = []
        if total > len(notes):
            blocks.append(f'<p style="color: {muted};">The newest {len(notes):,} of '
                          f"{total:,} notes.</p>")
        for note in notes:
            author = html.escape(note.author) if note.author else "Unattributed"
            when = html.escape(fmt.moment(note.created_at))
            blocks.append(
                f'<p style="margin-top: 10px; margin-bottom: 2px;"><b>{author}</b>'
                f' <span style="color: {muted};">· {when}</span></p>'
                f'<p style="margin-top: 0px;">{_highlighted(note.text, words, mark)}</p>'
                "<hr>")
        self.setHtml("".join(blocks))
