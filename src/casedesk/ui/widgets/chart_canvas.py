"""A chart on screen: paints a `Drawing` (export/report_drawing.py) with QPainter.

The drawing comes from a factory `(width, height) -> Drawing`, called again when the widget's
size or font changes, so the chart is laid out for the room it has rather than stretched.
A chart of rows (horizontal bars) says how tall it wants to be (`Drawing.content_height`):
the canvas takes that height for its width, so every row shows at a readable size; other
charts fill the height the layout gives them, at least `least_height` pixels. One
drawing unit is a tenth of the widget font's pixel size, so labels are as large as the rest of
the window's text (and follow high-DPI scaling and the user's font size). Colours come from
the palette, so the chart reads in light and dark themes; an overrun is red *and* carries the
word "over" in the drawing. Hovering a bar shows what it is; the accessible description is the
chart in words.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from casedesk.export.report_drawing import BASELINE, FONT, Drawing, Line, Rect, Text

Factory = Callable[[float, float], Drawing]

# Mid-lightness hues (Tableau's ten, red kept for "over"): they read on light and dark bases.
HUES = {"actual": "#4e79a7", "billable": "#4e79a7", "fees": "#4e79a7", "expenses": "#f28e2b",
        "series0": "#4e79a7", "series1": "#f28e2b", "series2": "#59a14f", "series3": "#b07aa1",
        "series4": "#edc948", "series5": "#76b7b2", "other": "#bab0ac",
        "nonbillable": "#bab0ac"}
BUDGET_TINT = 0.45  # the budget is the actual's hue, lighter (light theme) or darker (dark)
PROBE_HEIGHT = 10_000.0  # units: the room a chart is offered to learn the height it wants
MAX_HEIGHT = 16_777_215  # QWIDGETSIZE_MAX


def _mix(front: QColor, back: QColor, amount: float) -> QColor:
    return QColor(round(front.red() * amount + back.red() * (1 - amount)),
                  round(front.green() * amount + back.green() * (1 - amount)),
                  round(front.blue() * amount + back.blue() * (1 - amount)))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def role_color(role: str, palette: QPalette) -> QColor:
    """The colour a role paints in with this palette (ui/style.py's reds and ambers)."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = is_dark(palette)
    if role in HUES:
        return QColor(HUES[role])
    if role == "budget":
        return _mix(QColor(HUES["actual"]), base, BUDGET_TINT)
    if role == "over":
        return QColor("#ff6b6b") if dark else QColor("#b3261e")
    if role in ("marker", "near"):
        return QColor("#f0b429") if dark else QColor("#8a5a00")
    if role == "axis":
        return _mix(text, base, 0.55)
    if role == "budget_line":
        return _mix(text, base, 0.6)
    if role == "grid":
        return _mix(text, base, 0.14)
    if role in ("muted", "empty"):
        return palette.color(QPalette.ColorRole.PlaceholderText)
    return text


class ChartCanvas(QWidget):
    """Paints the drawing a factory lays out for the widget's current size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory: Factory | None = None
        self._drawing: Drawing | None = None
        self._laid_for: tuple[int, int, float] | None = None
        self._least_height: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    # -- what to draw ---------------------------------------------------------------------------
    def set_drawing_factory(self, factory: Factory | None) -> None:
        """Draw what `factory(width, height)` lays out (None: nothing)."""
        self._factory = factory
        self._drawing = None
        self._laid_for = None
        self._describe()
        self.fit_height()
        self.update()

    def set_least_height(self, pixels: int) -> None:
        """The least height of a chart that fills the room it is given (column charts, the
        burn-up, a "No data" message); charts of rows take the height they need."""
        self._least_height = pixels
        self.fit_height()

    def natural_height(self) -> int | None:
        """The height in pixels the chart wants at the current width; None for a chart that
        fills whatever height it gets."""
        if self._factory is None:
            return None
        unit = self.unit()
        width = max(self.width(), self.minimumSizeHint().width()) / unit
        wanted = self._factory(width, PROBE_HEIGHT).content_height
        return None if wanted is None else math.ceil(wanted * unit)

    def fit_height(self) -> None:
        """Take the height the chart wants, or (charts that fill) at least the least height."""
        natural = self.natural_height()
        if natural is None:
            least = (self._least_height if self._least_height is not None
                     else self.minimumSizeHint().height())
            if self.minimumHeight() != least or self.maximumHeight() != MAX_HEIGHT:
                self.setMinimumHeight(least)
                self.setMaximumHeight(MAX_HEIGHT)
            return
        wanted = max(natural, self.minimumSizeHint().height())
        if self.minimumHeight() != wanted or self.maximumHeight() != wanted:
            self.setFixedHeight(wanted)

    def unit(self) -> float:
        """Pixels per drawing unit: FONT units are the widget font's pixel size."""
        return max(QFontInfo(self.font()).pixelSize(), 6) / FONT

    def drawing(self) -> Drawing | None:
        """The drawing laid out for the current size (made on first use after a change)."""
        if self._factory is None:
            return None
        unit = self.unit()
        key = (self.width(), self.height(), unit)
        if self._drawing is None or self._laid_for != key:
            width, height = max(self.width(), 1) / unit, max(self.height(), 1) / unit
            self._drawing = self._factory(width, height)
            self._laid_for = key
        return self._drawing

    def _describe(self) -> None:
        if self._factory is None:
            self.setAccessibleDescription("")
            return
        hint = self.sizeHint()
        unit = self.unit()
        drawing = self._factory(max(self.width(), hint.width()) / unit,
                                max(self.height(), hint.height()) / unit)
        self.setAccessibleDescription(drawing.summary)
        if not self.accessibleName():
            self.setAccessibleName(drawing.title)

    # -- Qt -------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        unit = self.unit() * FONT
        return QSize(round(unit * 48), round(unit * 20))

    def minimumSizeHint(self) -> QSize:
        unit = self.unit() * FONT
        return QSize(round(unit * 16), round(unit * 8))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._drawing = None
            if event.type() == QEvent.Type.FontChange:
                self.fit_height()
            self.update()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_height()  # a legend may wrap, a label column change: the height too

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tip_at(self, point: QPointF) -> str:
        """What the bar under `point` (in pixels) is, or ""."""
        drawing = self.drawing()
        if drawing is None:
            return ""
        unit = self.unit()
        x, y = point.x() / unit, point.y() / unit
        for shape in reversed(drawing.shapes):
            if (isinstance(shape, Rect) and shape.tip and shape.x <= x <= shape.x + shape.w
                    and shape.y <= y <= shape.y + shape.h):
                return shape.tip
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            palette = self.palette()
            painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
            drawing = self.drawing()
            if drawing is not None:
                paint(painter, drawing, self.unit(), palette, self.font())
        finally:
            painter.end()


def paint(painter: QPainter, drawing: Drawing, unit: float, palette: QPalette,
          font: QFont) -> None:
    """Paint `drawing` at `unit` pixels per unit with the palette's colours."""
    for shape in drawing.shapes:
        color = role_color(shape.role, palette)
        if isinstance(shape, Rect):
            painter.fillRect(QRectF(shape.x * unit, shape.y * unit, shape.w * unit,
                                    shape.h * unit), color)
        elif isinstance(shape, Line):
            pen = QPen(color, max(shape.width * unit * 0.8, 1.0))
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            if shape.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawPolyline(QPolygonF([QPointF(x * unit, y * unit)
                                            for x, y in shape.points]))
        else:
            _text(painter, shape, unit, color, font)


def _text(painter: QPainter, shape: Text, unit: float, color: QColor, base: QFont) -> None:
    font = QFont(base)
    size = shape.size * unit
    font.setPixelSize(max(round(size), 1))
    font.setBold(shape.bold)
    metrics = QFontMetricsF(font)
    text = shape.text
    if shape.max_width is not None:
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, shape.max_width * unit)
    if not text:
        return
    width = metrics.horizontalAdvance(text)
    dx = {"left": 0.0, "center": -width / 2, "right": -width}[shape.align]
    dy = BASELINE[shape.valign] * size
    painter.setFont(font)
    painter.setPen(color)
    painter.save()
    painter.translate(shape.x * unit, shape.y * unit)
    if shape.angle:
        painter.rotate(-shape.angle)  # the drawing turns counter-clockwise; Qt clockwise
    painter.drawText(QPointF(dx, dy), text)
    painter.restore()
