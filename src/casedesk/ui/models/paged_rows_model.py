"""A table model over a list that is filtered, sorted and paged in SQL by the DB worker."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView
from shiboken6 import isValid

from casedesk.ui.db import Database, JobError

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class _HasId(Protocol):
    @property
    def id(self) -> uuid.UUID: ...


R = TypeVar("R", bound=_HasId)
F = TypeVar("F")

CountFn = Callable[[Any, Any], int]
PageFn = Callable[..., list[Any]]


def _first_page(reader: Any, page_fn: PageFn, flt: Any, limit: int) -> tuple[int, list[Any]]:
    """The first page, and its total when the page itself shows it (a short page is the whole
    answer); -1 when the total still has to be counted (in a job of its own, so the first
    paint never waits for a scan of the whole table)."""
    rows = page_fn(reader, flt, offset=0, limit=limit)
    return (len(rows) if len(rows) < limit else -1), rows


def if_alive(owner: QObject, fn: Callable[..., None]) -> Callable[..., None]:
    """`fn`, unless `owner` has been destroyed by the time the DB worker answers."""

    def call(*args: Any) -> None:
        if isValid(owner):
            fn(*args)

    return call


def reselect(view: QAbstractItemView, model: Any, selected_id: uuid.UUID | None) -> Any:
    """After a reload, make the row with `selected_id` current again if it is still listed,
    else the first row; returns that row (None when the list is empty). The detail beside a
    list then never sits empty while the list has rows."""
    row = model.row_of(selected_id) if selected_id else -1
    if row < 0 and model.rowCount():
        row = 0
    if row < 0:
        return None
    index = model.index(row, 0)
    view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(index)
    return model.row_at(row)


def _next_page(reader: Any, page_fn: PageFn, flt: Any, offset: int, limit: int) -> list[Any]:
    return page_fn(reader, flt, offset=offset, limit=limit)


class PagedRowsModel(QAbstractTableModel, Generic[R, F]):
    """Holds the loaded pages of snapshot rows; more arrive as the view scrolls (fetchMore).

    Subclasses give the column titles, the SQL functions (`count_fn(reader, filter)` and
    `page_fn(reader, filter, offset=, limit=)`) and how a row shows (`cell`).
    """

    populated = Signal()  # a (re)load or a further page has arrived
    reloaded = Signal()  # a (re)load replaced the rows (selections need restoring)
    load_failed = Signal(object)  # JobError
    PAGE_SIZE = 200
    MAX_RELOAD = 2_000  # a reload keeps up to this many rows loaded (the view keeps its place)

    def __init__(self, db: Database, flt: F, count_fn: CountFn, page_fn: PageFn,
                 titles: tuple[str, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = flt
        self._count_fn = count_fn
        self._page_fn = page_fn
        self._titles = titles
        self._rows: list[R] = []
        self._total = 0
        self._generation = 0
        self._loading = False
        self._queued = False
        self._fetching = False
        self.loaded = False  # True once the first load has answered
        self.total_known = True  # False between a full first page and its count

    # -- loading ---------------------------------------------------------------------------
    @property
    def filter(self) -> F:
        return self._filter

    @property
    def total(self) -> int:
        """How many rows match the filter in all (not only the loaded ones)."""
        return self._total

    @property
    def busy(self) -> bool:
        return self._loading or self._fetching

    def set_filter(self, flt: F) -> None:
        if flt != self._filter:
            self._filter = flt
            self._generation += 1  # pages of the old filter are no longer wanted
            self.reload(keep_loaded=False)

    def reload(self, *, keep_loaded: bool = True) -> None:
        """Re-run the query; while one is in flight only the latest request is kept."""
        if self._loading:
            self._queued = True
            return
        self._loading = True
        self._generation += 1
        limit = self.PAGE_SIZE
        if keep_loaded:
            limit = min(max(limit, len(self._rows)), self.MAX_RELOAD)
        self._db.plain(_first_page, self._page_fn, self._filter, limit,
                       on_done=if_alive(self, partial(self._on_first_page, self._generation)),
                       on_error=if_alive(self, self._on_error))

    def _on_first_page(self, generation: int, result: tuple[int, list[R]]) -> None:
        self._loading = False
        if self._queued:
            self._queued = False
            self.reload()
            return
        if generation != self._generation:
            return
        total, rows = result
        self.total_known = total >= 0
        self.beginResetModel()
        self._total = total if self.total_known else len(rows) + 1  # "more than a page"
        self._rows = list(rows)
        self._fetching = False
        self.endResetModel()
        self.loaded = True
        self.reloaded.emit()
        self.populated.emit()
        if not self.total_known:
            self._db.plain(self._count_fn, self._filter,
                           on_done=if_alive(self, partial(self._on_count, generation)),
                           on_error=if_alive(self, self._on_error))

    def _on_count(self, generation: int, total: int) -> None:
        """The full count, which arrives just after the first page has been painted."""
        if generation != self._generation:
            return
        self._total = max(total, len(self._rows))
        self.total_known = True
        self.populated.emit()

    def _on_error(self, error: JobError) -> None:
        self._loading = self._fetching = self._queued = False
        self.loaded = True
        self.load_failed.emit(error)
        self.populated.emit()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and not self._fetching and not self._loading
                and len(self._rows) < self._total)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self._db.plain(_next_page, self._page_fn, self._filter, len(self._rows), self.PAGE_SIZE,
                       on_done=if_alive(self, partial(self._on_page, self._generation,
                                                      len(self._rows))),
                       on_error=if_alive(self, self._on_error))

    def _on_page(self, generation: int, offset: int, rows: list[R]) -> None:
        self._fetching = False
        if generation != self._generation or offset != len(self._rows) or not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.populated.emit()

    # -- lookups ---------------------------------------------------------------------------
    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: uuid.UUID) -> int:
        """The position of the loaded row with this id, or -1."""
        return next((i for i, row in enumerate(self._rows) if row.id == row_id), -1)

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._titles)):
            return self._titles[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row: R, column: int, role: int) -> Any:
        """What one cell shows for one role (subclasses override)."""
        return None
