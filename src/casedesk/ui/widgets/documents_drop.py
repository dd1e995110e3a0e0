"""Files dragged onto the documents list from the desktop or a mail program: a hint says what a
drop would do while the files hover, and the drop hands them (and the document under them, if
any) to the list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

Dropped = Callable[[list[Path], Any, list[str]], None]  # files, target document, refused names


class FileDrops(QObject):
    """An event filter that makes `widget` take dropped local files."""

    def __init__(self, widget: QWidget, *, accepts: Callable[[], bool],
                 target_at: Callable[[QPoint], Any], hint: Callable[[str], None],
                 where: Callable[[], str], dropped: Dropped) -> None:
        super().__init__(widget)
        self._widget = widget
        self._accepts = accepts
        self._target_at = target_at
        self._hint = hint
        self._where = where
        self._dropped = dropped
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._widget:
            return False
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)  # QDragEnterEvent is one too
            mime = event.mimeData()
            if self._accepts() and mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
                event.acceptProposedAction()
                self._hint(self.hint_text(event.position().toPoint(), len(mime.urls())))
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.DragLeave:
            self._hint("")
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            self.drop(event)
            return True
        return False

    def hint_text(self, pos: QPoint, count: int) -> str:
        """What dropping `count` files at `pos` would do."""
        target = self._target_at(pos)
        if target is not None and count == 1:
            return f"Drop: a new version of “{target.title}”, or a new document"
        where = self._where()
        return f"Drop to add {count} file{'s' if count != 1 else ''}" + (
            f" to {where}" if where else "")

    def drop(self, event: QDropEvent) -> None:
        from casedesk.ui.document_files import local_files

        self._hint("")
        if not self._accepts():
            event.ignore()
            return
        paths, refused = local_files(list(event.mimeData().urls()))
        target = self._target_at(event.position().toPoint())
        event.acceptProposedAction()
        self._dropped(paths, target, refused)
