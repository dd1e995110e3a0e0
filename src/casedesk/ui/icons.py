"""Icons: the bundled Lucide SVG set, recoloured from the palette so dark themes read well."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

_SIZES = (16, 20, 24, 32, 48)


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


@lru_cache(maxsize=256)
def _icon(name: str, color: str, disabled: str, ratio: float) -> QIcon:
    text = _svg_text(name)
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(_render(text.replace("currentColor", color), size, ratio),
                       QIcon.Mode.Normal)
        icon.addPixmap(_render(text.replace("currentColor", disabled), size, ratio),
                       QIcon.Mode.Disabled)
    return icon


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


def safe_icon(name: str) -> QIcon:
    """Like `icon`, but an empty icon (not an exception) if the SVG is missing."""
    try:
        return icon(name)
    except (FileNotFoundError, OSError):
        return QIcon()
