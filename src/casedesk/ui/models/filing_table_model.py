"""The Filings tab's list: a case's filing packages with status (icon and word), key date,
documents, confirmation number and the deadline each satisfies; the tab's title; and the
selected package below the list (documents in order, cover letter, history)."""

from __future__ import annotations

import html
import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon

from casedesk.domain.enums import FilingStatus
from casedesk.services.filing_rows import FilingRow
from casedesk.ui import format as fmt
from casedesk.ui import style
from casedesk.ui.icons import safe_icon
from casedesk.ui.models.snapshot_model import Column, SnapshotTableModel

S = FilingStatus
EDITABLE = frozenset({S.DRAFT, S.READY})  # documents can change, the filing can be deleted
STATUS_COLUMN = 1
STATUS_ICONS = {S.DRAFT: "file-pen", S.READY: "check", S.SUBMITTED: "send",
                S.ACCEPTED: "badge-check", S.REJECTED: "circle-x", S.CONFORMED: "stamp"}


def status_icon(status: FilingStatus) -> QIcon:
    return safe_icon(STATUS_ICONS[status])


def status_color(status: FilingStatus) -> QColor | None:
    """Rejected reads red; accepted and conformed green; the rest in the text colour."""
    if status is S.REJECTED:
        return style.overdue_color()
    if status in (S.ACCEPTED, S.CONFORMED):
        return style.ok_color()
    return None


def status_date(filing: FilingRow) -> date | None:
    """The day the filing reached its present status."""
    day = {S.SUBMITTED: filing.submitted_on, S.ACCEPTED: filing.accepted_on,
           S.REJECTED: filing.rejected_on, S.CONFORMED: filing.conformed_on}.get(filing.status)
    if day is None and filing.history:
        day = filing.history[-1].on
    return day


def status_word(f: FilingRow) -> str:
    """The status as the list shows it ("Conformed copy": the full label is long)."""
    return "Conformed copy" if f.status is S.CONFORMED else fmt.enum_label(f.status)


def _counts_down(f: FilingRow) -> bool:
    """Being prepared against a deadline still open: its due date is what matters."""
    return f.status in EDITABLE and f.deadline_on is not None and \
        f.deadline_status == "scheduled"


def key_date(f: FilingRow, today: date | None = None) -> str:
    """The deadline while it is being prepared ("Wed 9 Dec 2026 (in 12 days)"), else the day
    the filing reached its status."""
    if _counts_down(f):
        return fmt.due_text(f.deadline_on, today)
    day = status_date(f)
    return fmt.day(day) if day else ""


def key_date_tip(f: FilingRow) -> str:
    if _counts_down(f):
        return f"The deadline “{f.deadline_title}” is due then (the filing is not submitted)"
    return f"{fmt.enum_label(f.status)} on this day"


def key_date_color(f: FilingRow) -> Any:
    return style.due_color(f.deadline_on) if _counts_down(f) else None


def deadline_cell(f: FilingRow) -> str:
    """The deadline's title, with its date and state unless the key date shows them."""
    if f.deadline_event_id is None:
        return ""
    if _counts_down(f):
        return f.deadline_title
    return f"{f.deadline_title} · {fmt.day(f.deadline_on)}" + (
        f" ({f.deadline_status})" if f.deadline_status != "scheduled" else "")


_HEADER_TIPS = {2: "While it is prepared: when the deadline it satisfies is due; then the day "
                   "it was submitted, accepted, rejected or its conformed copy came back",
                3: "Documents in the package", 4: "The court's confirmation number"}


class FilingTableModel(SnapshotTableModel[FilingRow]):
    """The filings, with the status as icon and word."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column("Filing", lambda f: f.title,
                   tooltip=lambda f: f.title + (f"\n{f.notes}" if f.notes else "")),
            Column("Status", status_word,
                   color=lambda f: status_color(f.status),
                   tooltip=lambda f: fmt.enum_label(f.status)
                   + (f": {f.rejection_reason}" if f.rejection_reason else "")),
            Column("Key date", key_date, color=key_date_color, tooltip=key_date_tip),
            Column("Docs", lambda f: str(f.document_count), align_right=True,
                   tooltip=lambda f: f"{f.document_count} document"
                   + ("" if f.document_count == 1 else "s") + " in the package"),
            Column("Confirmation", lambda f: f.confirmation_number,
                   tooltip=lambda f: f.confirmation_number
                   and f"The court's confirmation number: {f.confirmation_number}"),
            Column("Deadline it satisfies", deadline_cell, tooltip=deadline_cell),
        ], parent)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DecorationRole and index.isValid()
                and index.column() == STATUS_COLUMN):
            row = self.row_at(index.row())
            return status_icon(row.status) if row is not None else None
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation is Qt.Orientation.Horizontal:
            return _HEADER_TIPS.get(section)
        return super().headerData(section, orientation, role)

    def row_of(self, filing_id: uuid.UUID | None) -> int:
        return next((i for i, f in enumerate(self.rows) if f.id == filing_id), -1)


def tab_title(rows: list[FilingRow]) -> str:
    """ "Filings (3)", "Filings (3, 1 rejected)": a rejection needs someone's attention."""
    if not rows:
        return "Filings"
    rejected = sum(1 for f in rows if f.status is S.REJECTED)
    return f"Filings ({len(rows)}" + (f", {rejected} rejected)" if rejected else ")")


def detail_html(f: FilingRow) -> str:
    """The selected filing below the list: court, documents in order, cover letter, history."""
    esc = html.escape
    lines = [f"<p><b>{esc(f.title)}</b>"
             + (f" &nbsp;·&nbsp; {esc(f.court)}" if f.court else "")
             + f" &nbsp;·&nbsp; {esc(fmt.enum_label(f.status))}"
             + (f" &nbsp;·&nbsp; confirmation {esc(f.confirmation_number)}"
                if f.confirmation_number else "") + "</p>"]
    if f.status is S.REJECTED and f.rejection_reason:
        lines.append(f"<p><b>Rejected:</b> {esc(f.rejection_reason)}</p>")
    if f.items:
        lines.append("<p><b>Documents, in filing order</b>"
                     + (" (cover letter first)" if f.cover_document_id else
                        " · no cover letter yet") + "</p><table cellspacing='0' "
                     "cellpadding='2'>")
        for item in f.items:
            name = f"{esc(item.label)} – {esc(item.title)}" if item.label else esc(item.title)
            gone = " <i>(deleted from the case: remove it)</i>" if item.document_deleted else ""
            lines.append(f"<tr><td align='right'>{item.position:02d}&nbsp;</td>"
                         f"<td>{name}{gone}</td><td>&nbsp;&nbsp;{esc(item.file_name)}</td>"
                         "</tr>")
        lines.append("</table>")
    else:
        lines.append("<p>No documents yet: Edit… adds them from the case's documents.</p>")
    if f.notes:
        lines.append(f"<p><b>Notes:</b> {esc(f.notes)}</p>")
    if f.history:
        lines.append("<p><b>History</b><br>")
        for h in reversed(f.history):
            extra = [x for x in (h.confirmation_number and f"confirmation "
                                 f"{h.confirmation_number}", h.reason, h.note) if x]
            lines.append(f"{esc(fmt.day(h.on))} – {esc(fmt.enum_label(h.status))}"
                         + (f" by {esc(h.staff)}" if h.staff else "")
                         + (f": {esc('; '.join(extra))}" if extra else "") + "<br>")
        lines.append("</p>")
    return "".join(lines)
