"""Icons: the bundled Lucide SVG set, recoloured from the palette so dark themes read well."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication


@lru_cache(maxsize=64)
def _svg_text(name: str) -> str:
    path = files("casedesk.resources") / "icons" / f"{name}.svg"
    return path.read_text(encoding="utf-8")


def _render(svg: str, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    side = max(1, round(size * ratio))
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class _SvgIconEngine(QIconEngine):
    """Renders the recoloured SVG only at the sizes and modes actually painted (a window
    full of icons would otherwise render every size up front and slow the first paint)."""

    def __init__(self, svg: str, color: str, disabled: str) -> None:
        super().__init__()
        self._svg = svg
        self._color = color
        self._disabled = disabled
        self._cache: dict[tuple[int, int, int], QPixmap] = {}

    def _text(self, mode: QIcon.Mode) -> str:
        color = self._disabled if mode == QIcon.Mode.Disabled else self._color
        return self._svg.replace("currentColor", color)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        side = min(size.width(), size.height())
        key = (side, int(mode.value), round(scale * 100))
        if key not in self._cache:
            self._cache[key] = _render(self._text(mode), side, scale)
        return self._cache[key]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._svg, self._color, self._disabled)


@lru_cache(maxsize=256)
def _icon(name: str, color: str, disabled: str, ratio: float) -> QIcon:
    return QIcon(_SvgIconEngine(_svg_text(name), color, disabled))


def icon(name: str, color: QColor | None = None) -> QIcon:
    """The named icon in the palette's text colour (or `color`)."""
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    fg = color or palette.color(QPalette.ColorRole.WindowText)
    off = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
    return _icon(name, fg.name(), off.name(), float(ratio))


def clear_cache() -> None:
    """Forget rendered icons (after a palette change, e.g. light/dark switch)."""
    _icon.cache_clear()


TOOLBAR_ICON_SIZE = QSize(20, 20)
LIST_ICON_SIZE = QSize(16, 16)


def safe_icon(name: str, color: QColor | None = None) -> QIcon:
    """Like `icon`, but an empty icon (not an exception) if the SVG is missing."""
    try:
        return icon(name, color)
    except (FileNotFoundError, OSError):
        return QIcon()
