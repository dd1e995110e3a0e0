"""The Documents pane: every document of the firm, filtered and paged in SQL, beside the
selected document's description and versions; add by drag and drop or Ctrl+O."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

from casedesk.ui import settings as keys
from casedesk.ui.db import Database
from casedesk.ui.settings import Key, Settings
from casedesk.ui.widgets.documents_browser import DocumentsBrowser

DOCUMENTS_HEADER = Key("documents/header", QByteArray, QByteArray())


class DocumentsPane(DocumentsBrowser):
    """The firm-wide documents list (a case's own list is its Documents tab)."""

    def __init__(self, db: Database, settings: Settings, lookups: Any = None,
                 parent: QWidget | None = None, **kwargs: Any) -> None:
        self._lookups = lookups
        super().__init__(db, settings, actor=self._current_staff,
                         header_key=DOCUMENTS_HEADER, splitter_key=keys.DOCUMENTS_SPLITTER,
                         parent=parent, **kwargs)

    def _current_staff(self) -> uuid.UUID | None:
        """Who adds and edits (the desk's user, File ▸ Switch user)."""
        return self._lookups.current_staff_id if self._lookups is not None else None
