"""Small reference lists the dialogs need at once (staff, practice areas), kept fresh from the
database off the GUI thread, plus who is using this desk."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QObject, Signal

from casedesk.domain.changes import Changes
from casedesk.domain.enums import PRACTICE_AREAS
from casedesk.services import case_list
from casedesk.ui import settings as keys
from casedesk.ui.db import Database
from casedesk.ui.settings import Settings


def _load(reader: Any) -> tuple[list[tuple[uuid.UUID, str]], list[str]]:
    return case_list.staff_choices(reader), case_list.practice_areas(reader)


class Lookups(QObject):
    """Staff and practice areas; `updated` fires after each refresh."""

    updated = Signal()

    def __init__(self, db: Database, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self.staff: list[tuple[uuid.UUID, str]] = []
        self._areas: list[str] = []
        db.changed.connect(self._on_changed)

    def refresh(self) -> None:
        self._db.plain(_load, on_done=self._on_loaded, on_error=lambda _e: None)

    def _on_loaded(self, result: tuple[list[tuple[uuid.UUID, str]], list[str]]) -> None:
        self.staff, self._areas = result
        self.updated.emit()

    def _on_changed(self, changes: Changes) -> None:
        if changes.staff or changes.cases:
            self.refresh()

    @property
    def practice_areas(self) -> list[str]:
        """The practice's own areas first, then the standard list."""
        return sorted(set(self._areas) | set(PRACTICE_AREAS), key=str.casefold)

    def staff_name(self, staff_id: uuid.UUID | None) -> str:
        return next((name for sid, name in self.staff if sid == staff_id), "")

    @property
    def current_staff_id(self) -> uuid.UUID | None:
        """Who uses this desk (author of notes, actor in history); None if not chosen."""
        raw = self._settings.get(keys.CURRENT_STAFF)
        try:
            staff_id = uuid.UUID(raw) if raw else None
        except ValueError:
            return None
        if staff_id is not None and self.staff and staff_id not in {s for s, _ in self.staff}:
            return None
        return staff_id

    def set_current_staff(self, staff_id: uuid.UUID | None) -> None:
        self._settings.set(keys.CURRENT_STAFF, str(staff_id) if staff_id else "")
        self.updated.emit()
