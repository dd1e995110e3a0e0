"""ChartCanvas paints the report charts' Drawings with QPainter: bars where the layout put them,
in palette colours that read in light and dark themes, laid out again when resized."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from casedesk.export.report_chart import (
    Drawing,
    Rect,
    Text,
    budget_vs_actual_chart,
    burn_up_chart,
    hours_by_staff_chart,
)
from casedesk.ui.theme import dark_palette
from casedesk.ui.widgets.chart_canvas import ChartCanvas, role_color
from tests.unit.test_report_chart import hours_rows, phases, points


def canvas_for(qtbot: QtBot, factory: Callable[[float, float], Drawing], *,
               palette: QPalette | None = None, size: QSize | None = None) -> ChartCanvas:
    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    if palette is not None:
        canvas.setPalette(palette)
    canvas.set_drawing_factory(factory)
    canvas.resize(size if size is not None else QSize(640, 320))
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def bars_factory(width: float, height: float) -> Drawing:
    return budget_vs_actual_chart(phases(), width=width, height=height)


def close(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in
               ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue())))


def pixel_at_middle(image: QImage, rect: Rect, unit: float, *, edge: bool = False
                    ) -> QColor:
    """The colour at the middle of `rect` (with `edge`, near its top edge: the part of a
    budget bar the actual's narrower bar does not cover)."""
    ratio = image.devicePixelRatio()
    x = (rect.x + rect.w / 2) * unit * ratio
    y = (rect.y + rect.h * (0.12 if edge else 0.5)) * unit * ratio
    return image.pixelColor(int(x), int(y))


def bar(drawing: Drawing, role: str, name: str) -> Rect:
    return next(s for s in drawing.shapes if isinstance(s, Rect) and s.role == role
                and s.tip.startswith(name))


@pytest.mark.parametrize("dark", [False, True])
def test_bars_are_painted_where_the_drawing_puts_them(qtbot: QtBot, dark: bool) -> None:
    palette = dark_palette() if dark else None
    canvas = canvas_for(qtbot, bars_factory, palette=palette)
    drawing = canvas.drawing()
    assert drawing is not None
    unit = canvas.unit()
    assert drawing.width == pytest.approx(canvas.width() / unit)
    image = canvas.grab().toImage()
    pal = canvas.palette()
    for role, name in (("budget", "Discovery"), ("actual", "Discovery"),
                       ("over", "Pleadings")):
        got = pixel_at_middle(image, bar(drawing, role, name), unit, edge=role == "budget")
        assert close(got, role_color(role, pal)), (role, got.name())
    background = image.pixelColor(2, image.height() - 2)
    assert close(background, pal.color(QPalette.ColorRole.Base))
    assert (background.lightness() < 100) is dark
    # Over budget is red in both themes, lighter on the dark one.
    over = role_color("over", pal)
    assert over.red() > 150 and over.red() > 2 * over.green()
    assert (over.lightness() > 150) is dark
    # The budget is a tint of the actual's hue that stands apart from the base.
    assert abs(role_color("budget", pal).lightness() - pal.color(
        QPalette.ColorRole.Base).lightness()) > 30


def burn_factory(width: float, height: float) -> Drawing:
    return burn_up_chart(points(), width=width, height=height)


def test_resizing_lays_the_chart_out_again(qtbot: QtBot) -> None:
    sizes: list[tuple[float, float]] = []

    def factory(width: float, height: float) -> Drawing:
        sizes.append((width, height))
        return burn_factory(width, height)

    canvas = canvas_for(qtbot, factory)
    first = canvas.drawing()
    canvas.resize(900, 400)
    qtbot.waitUntil(lambda: canvas.width() == 900)
    second = canvas.drawing()
    assert first is not None and second is not None and second is not first
    unit = canvas.unit()
    assert second.width == pytest.approx(900 / unit) and second.height == pytest.approx(
        400 / unit)
    assert canvas.drawing() is second  # no new layout without a change
    assert any(w == pytest.approx(900 / unit) and h == pytest.approx(400 / unit)
               for w, h in sizes)


def test_a_chart_of_rows_takes_the_height_it_needs(qtbot: QtBot) -> None:
    canvas = canvas_for(qtbot, bars_factory, size=QSize(640, 900))
    canvas.set_least_height(300)  # only for charts that fill their room
    drawing = canvas.drawing()
    assert drawing is not None and drawing.content_height is not None
    unit = canvas.unit()
    assert canvas.height() == math.ceil(drawing.content_height * unit)
    assert canvas.minimumHeight() == canvas.maximumHeight() < 300
    # Every phase shows, at a readable row height.
    names = {t.text for t in drawing.shapes if isinstance(t, Text) and t.role == "label"}
    assert {"Investigation", "Pleadings", "Discovery", "Trial preparation",
            "(no phase)"} <= names
    # A chart that fills its room (the burn-up) gets at least the least height, and grows.
    canvas.set_drawing_factory(burn_factory)
    assert canvas.minimumHeight() == 300 and canvas.maximumHeight() > 10_000
    canvas.resize(640, 500)
    qtbot.waitUntil(lambda: canvas.height() == 500)
    burn = canvas.drawing()
    assert burn is not None and burn.height == pytest.approx(500 / unit)


def test_accessible_text_and_tooltips(qtbot: QtBot) -> None:
    canvas = canvas_for(qtbot, bars_factory)
    assert canvas.accessibleName() == "Budget vs actual by phase"
    assert "Over budget: Pleadings (actual $9,100.25 of $8,000.00)" in \
        canvas.accessibleDescription()
    drawing = canvas.drawing()
    assert drawing is not None
    over = bar(drawing, "over", "Pleadings")
    unit = canvas.unit()
    point = QPointF((over.x + over.w / 2) * unit, (over.y + over.h / 2) * unit)
    assert canvas.tip_at(point).startswith("Pleadings: actual $9,100.25")
    assert canvas.tip_at(QPointF(1, 1)) == ""
    named = ChartCanvas()
    qtbot.addWidget(named)
    named.setAccessibleName("Chart: Budget")
    named.set_drawing_factory(bars_factory)
    assert named.accessibleName() == "Chart: Budget"  # a name given by the pane is kept


def test_size_hints_follow_the_font(qtbot: QtBot) -> None:
    canvas = canvas_for(qtbot, bars_factory)
    hint, small = canvas.sizeHint(), canvas.minimumSizeHint()
    assert hint.width() > hint.height() > small.height() and hint.width() > small.width()
    font = canvas.font()
    font.setPixelSize(max(font.pixelSize(), 12) * 2)
    canvas.setFont(font)
    assert canvas.sizeHint().width() > hint.width()


def test_other_charts_and_no_factory_paint(qtbot: QtBot) -> None:
    for factory in (lambda w, h: burn_up_chart(points(), width=w, height=h),
                    lambda w, h: hours_by_staff_chart(hours_rows(), width=w, height=h),
                    lambda w, h: budget_vs_actual_chart((), width=w, height=h)):
        canvas = canvas_for(qtbot, factory, size=QSize(420, 240))
        image = canvas.grab().toImage()
        base = canvas.palette().color(QPalette.ColorRole.Base)
        painted = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
                      if not close(image.pixelColor(x, y), base, 2))
        assert painted > 10
    blank = ChartCanvas()
    qtbot.addWidget(blank)
    blank.resize(200, 100)
    assert blank.drawing() is None
    blank.grab()  # paints the background only
