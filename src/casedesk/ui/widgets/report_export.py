"""Save the report on screen as CSV, Excel or PDF: ask where (a save dialog in the last folder
used), write it on the DB worker (the writers in export/ write atomically), then say in the
status bar where it went, or what went wrong in plain words."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from casedesk.ui import settings as keys
from casedesk.ui.db import Database, JobError
from casedesk.ui.dialogs.error_dialog import show_error
from casedesk.ui.icons import safe_icon
from casedesk.ui.settings import Settings


@dataclass(frozen=True, slots=True)
class ExportFormat:
    key: str  # as export.report_document.write_report takes it
    name: str  # as the person knows it
    suffix: str
    file_filter: str


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("csv", "CSV", ".csv", "CSV files (*.csv)"),
    ExportFormat("xlsx", "Excel", ".xlsx", "Excel workbooks (*.xlsx)"),
    ExportFormat("pdf", "PDF", ".pdf", "PDF documents (*.pdf)"),
)


def write_report(fmt_key: str, document: Any, path: Path) -> Path:
    """Run on the worker: write `document` to `path` (atomically) in that format."""
    from casedesk.export import report_document

    report_document.write_report(document, path, fmt_key)
    return path


def file_stem(title: str, period: str = "") -> str:
    """A file name from the report's title (and period): letters, digits and dashes."""
    text = f"{title} {period}".strip().casefold()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return text[:80].rstrip("-") or "report"


class ReportExporter(QObject):
    """The three export actions of the Reports pane."""

    status_message = Signal(str)
    exported = Signal(object)  # the Path written

    def __init__(self, db: Database, parent: QWidget, *, settings: Settings | None,
                 document: Callable[[], Any], stem: Callable[[], str]) -> None:
        super().__init__(parent)
        self._db = db
        self._parent = parent
        self._settings = settings
        self._document = document
        self._stem = stem
        self.busy = False
        self._available = False
        self.actions: dict[str, QAction] = {}
        for spec in FORMATS:
            text = "Excel (XLSX)…" if spec.key == "xlsx" else f"{spec.name}…"
            action = QAction(safe_icon("file-down"), text, parent)
            action.setToolTip(f"Save this report as {'an' if spec.key == 'xlsx' else 'a'} "
                              f"{spec.name} file")
            action.triggered.connect(lambda _c=False, k=spec.key: self.export(k))
            self.actions[spec.key] = action
        self.set_available(False)

    def set_available(self, available: bool) -> None:
        """Exports are offered while a report is shown (and none is being written)."""
        self._available = available
        self._update()

    def _update(self) -> None:
        for action in self.actions.values():
            action.setEnabled(self._available and not self.busy)

    def _folder(self) -> str:
        folder = self._settings.get(keys.LAST_FOLDER) if self._settings is not None else ""
        return folder or str(Path.home())

    def export(self, fmt_key: str) -> None:
        """Ask where to save the report on screen, then write it off the GUI thread."""
        document = self._document()
        if document is None:
            return
        spec = next(f for f in FORMATS if f.key == fmt_key)
        suggested = str(Path(self._folder()) / f"{self._stem()}{spec.suffix}")
        chosen, _filter = QFileDialog.getSaveFileName(
            self._parent, f"Save the report as {spec.name}", suggested, spec.file_filter)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.casefold() != spec.suffix:
            path = path.with_name(path.name + spec.suffix)
        if self._settings is not None:
            self._settings.set(keys.LAST_FOLDER, str(path.parent))
        self.busy = True
        self._update()
        title = str(document.title)
        self.status_message.emit(f"Saving “{title}” as {spec.name}…")
        self._db.call(write_report, fmt_key, document, path,
                      on_done=lambda written: self._on_done(title, spec, written),
                      on_error=lambda error: self._on_error(title, spec, path, error))

    def _on_done(self, title: str, spec: ExportFormat, path: Path) -> None:
        self.busy = False
        self._update()
        self.status_message.emit(f"Saved “{title}” as {spec.name}: {path}")
        self.exported.emit(path)

    def _on_error(self, title: str, spec: ExportFormat, path: Path, error: JobError) -> None:
        self.busy = False
        self._update()
        self.status_message.emit(f"“{title}” was not saved.")
        show_error(self._parent,
                   f"The {spec.name} file could not be saved to {path}. {error.message} "
                   "Nothing was written there; choose another folder or close the file if "
                   "another program has it open, then try again.", error.details)
