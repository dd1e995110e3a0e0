"""The documents table: the Title column takes the room the others leave (never less than a
readable width), and the header's menu shows or hides columns (Size and Updated start hidden:
the detail shows both, and a 1280-pixel screen has no room for them; a case's tab also starts
without Case and Version)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from casedesk.ui.models.document_table_model import COLUMN_KEYS, COLUMNS

TITLE = COLUMN_KEYS.index("title")
HIDDEN_AT_FIRST = ("size", "updated")
HIDDEN_IN_A_CASE = ("case", "version")  # a case's tab is narrow; its detail lists versions
SAMPLES = {"case": "2026-CV-00000", "category": "Correspondence", "date": "Wed 30 Sep 2026",
           "version": "Version", "size": "999.9 MB", "flags": "Confidential",
           "updated": "Wed 30 Sep 2026"}
TITLE_CHARS = 22  # the Title column's least width, in average characters


class DocumentTableView(QTableView):
    """A read-only row-selecting table with a fitted Title column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sectionResized.connect(self._on_section_resized)
        self._fitting = False
        self._widths: dict[int, int] = {}
        self.case_scope = False  # one case's list: no Case column to offer
        self.auto_columns = True  # show Size and Updated when there is room (until the user
        # picks columns in the header's menu, or a saved layout is restored)
        self.viewport().installEventFilter(self)

    def set_default_columns(self, *, hide_case: bool) -> None:
        """Widths for the usual content, the first-use hidden columns (after setModel)."""
        chars = self.fontMetrics().horizontalAdvance("x")
        icon = 22  # the 16-pixel icon and its margin
        for key, sample in SAMPLES.items():
            extra = icon if key == "flags" else 0
            column = COLUMN_KEYS.index(key)
            self._widths[column] = self.fontMetrics().horizontalAdvance(sample) + chars + 8 \
                + extra
            self.setColumnWidth(column, self._widths[column])
        self.case_scope = hide_case
        for key in HIDDEN_AT_FIRST + (HIDDEN_IN_A_CASE if hide_case else ()):
            self.setColumnHidden(COLUMN_KEYS.index(key), True)
        self.fit_title()

    def least_title_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("x") * TITLE_CHARS

    def fit_title(self) -> None:
        """Give Title the width the other shown columns leave (at least TITLE_CHARS)."""
        header = self.horizontalHeader()
        if self.auto_columns:
            self._auto_hide()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != TITLE and not header.isSectionHidden(c))
        wanted = max(self.least_title_width(), self.viewport().width() - others)
        if header.sectionSize(TITLE) != wanted:
            self._fitting = True
            header.resizeSection(TITLE, wanted)
            self._fitting = False

    def _auto_hide(self) -> None:
        """The first-use columns are shown while Title keeps twice its least width."""
        header = self.horizontalHeader()
        optional = [COLUMN_KEYS.index(k) for k in HIDDEN_AT_FIRST]
        needed = sum(self._widths.get(c, 0) if header.isSectionHidden(c)
                     else header.sectionSize(c) for c in range(header.count())
                     if c != TITLE and (c in optional or not header.isSectionHidden(c)))
        room = self.viewport().width() - needed >= 2 * self.least_title_width()
        self._fitting = True
        for column in optional:
            if header.isSectionHidden(column) == room:
                self.setColumnHidden(column, not room)
        self._fitting = False

    def _on_section_resized(self, index: int, _old: int, _new: int) -> None:
        if not self._fitting and index != TITLE:
            self.fit_title()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_title()
        return super().eventFilter(watched, event)

    def _header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addSection("Columns")
        header = self.horizontalHeader()
        for column, (_key, title) in enumerate(COLUMNS):
            if column == TITLE or (self.case_scope and column == COLUMN_KEYS.index("case")):
                continue
            act = QAction(title, menu)
            act.setCheckable(True)
            act.setChecked(not header.isSectionHidden(column))
            act.toggled.connect(lambda on, c=column: self._show_column(c, on))
            menu.addAction(act)
        menu.popup(header.mapToGlobal(pos))

    def _show_column(self, column: int, shown: bool) -> None:
        self.auto_columns = False
        self.setColumnHidden(column, not shown)
        self.fit_title()
