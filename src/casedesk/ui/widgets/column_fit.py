"""Column widths for the compact case tables: every column fits its text (within limits), and
the main text column (subject, item) keeps a readable width and takes what is left; when the
view is narrow, the limited columns give way first (they elide, with a tooltip), then the
least important ones step aside until there is room again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

MAIN_LEAST_CHARS = 28


def fit_columns(view: QTableView, main: int, limits: Mapping[int, tuple[int, int]],
                least_main: int = MAIN_LEAST_CHARS, droppable: Sequence[int] = ()) -> None:
    """`limits`: column -> (least, most) width in characters (0: no upper limit); the columns
    named there give way, in that order, before `main` goes below `least_main`. Columns in
    `droppable` are hidden (in that order) while even that leaves `main` too little room."""
    header = view.horizontalHeader()
    chars = max(1, view.fontMetrics().horizontalAdvance("x"))
    wanted: dict[int, int] = {}
    for column in range(header.count()):
        if column == main:
            continue
        width = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        most = limits.get(column, (0, 0))[1]
        wanted[column] = min(width, most * chars) if most else width
    room = view.viewport().width()

    def least(column: int) -> int:
        return min(wanted[column], limits[column][0] * chars) if column in limits \
            else wanted[column]

    for column in droppable:
        if sum(least(c) for c in wanted) + least_main * chars <= room:
            break
        del wanted[column]
    for column in range(header.count()):
        if column != main:
            view.setColumnHidden(column, column not in wanted)
    short = least_main * chars - (room - sum(wanted.values()))
    for column in limits:
        if short <= 0 or column not in wanted:
            continue
        give = min(short, max(0, wanted[column] - least(column)))
        wanted[column] -= give
        short -= give
    for column, width in wanted.items():
        if view.columnWidth(column) != width:
            view.setColumnWidth(column, width)
    view.setColumnWidth(main, max(least_main * chars, room - sum(wanted.values())))


class FitOnResize(QObject):
    """Re-fits a view's columns whenever its viewport changes size."""

    def __init__(self, view: QTableView, main: int, limits: Mapping[int, tuple[int, int]],
                 least_main: int = MAIN_LEAST_CHARS, droppable: Sequence[int] = ()) -> None:
        super().__init__(view)
        self._view = view
        self._args = (main, dict(limits), least_main, tuple(droppable))
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        view.viewport().installEventFilter(self)

    def fit(self) -> None:
        fit_columns(self._view, *self._args)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._view.viewport():
            self.fit()
        return super().eventFilter(watched, event)
