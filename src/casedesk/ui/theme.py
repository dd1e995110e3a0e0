"""Palettes: the platform's own by default; a dark palette on request (selftest, checks)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup


def _mix(front: QColor, back: QColor, amount: float) -> QColor:
    """`amount` of `front` over `back`."""
    return QColor(round(front.red() * amount + back.red() * (1 - amount)),
                  round(front.green() * amount + back.green() * (1 - amount)),
                  round(front.blue() * amount + back.blue() * (1 - amount)))


def dark_palette() -> QPalette:
    """A dark palette with every role set, the 3-D frame roles included.

    Left unset, Light/Midlight/Mid/Dark/Shadow keep the light defaults (Light is white), so a
    sunken frame line is drawn bright white on the dark window.
    """
    p = QPalette()
    base, window, text = QColor(30, 31, 34), QColor(43, 45, 48), QColor(223, 225, 229)
    muted = QColor(140, 143, 148)
    roles = {
        _Role.Window: window,
        _Role.WindowText: text,
        _Role.Base: base,
        _Role.AlternateBase: QColor(38, 40, 43),
        _Role.ToolTipBase: window,
        _Role.ToolTipText: text,
        _Role.Text: text,
        _Role.PlaceholderText: muted,
        _Role.Button: window,
        _Role.ButtonText: text,
        _Role.BrightText: QColor(255, 107, 107),
        _Role.Highlight: QColor(53, 116, 240),
        _Role.HighlightedText: QColor(255, 255, 255),
        _Role.Link: QColor(110, 160, 255),
        _Role.LinkVisited: QColor(170, 140, 240),
        # 3-D shading around Button/Window: lighter above, darker below, all still dark.
        _Role.Light: QColor(72, 75, 80),
        _Role.Midlight: QColor(58, 60, 64),
        _Role.Mid: QColor(34, 35, 38),
        _Role.Dark: QColor(22, 23, 25),
        _Role.Shadow: QColor(10, 10, 12),
    }
    if hasattr(_Role, "Accent"):  # Qt 6.6+
        roles[_Role.Accent] = roles[_Role.Highlight]
    for role, color in roles.items():
        p.setColor(role, color)  # every group: Active, Inactive and Disabled
    disabled = QColor(120, 123, 128)
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        p.setColor(_Group.Disabled, role, disabled)
    # Disabled frames keep their shape but lose contrast; no etched white under grey text.
    p.setColor(_Group.Disabled, _Role.Light, roles[_Role.Midlight])
    p.setColor(_Group.Disabled, _Role.Midlight, window)
    p.setColor(_Group.Disabled, _Role.Highlight, QColor(70, 73, 78))
    p.setColor(_Group.Disabled, _Role.HighlightedText, disabled)
    p.setColor(_Group.Disabled, _Role.PlaceholderText, QColor(100, 103, 108))
    return p


def check_box_outline(palette: QPalette) -> QColor:
    """The border of a check box: a mix of text and base, so it reads on a dark base."""
    group = _Group.Active
    return _mix(palette.color(group, _Role.Text), palette.color(group, _Role.Base), 0.45)


class DarkFusionStyle(QProxyStyle):
    """Fusion with check box borders that show on a dark base.

    Fusion draws the box border from Window (darkened), which on a dark palette is the colour
    of Base itself: the "Done" boxes in lists all but vanish. This draws a visible border over.
    """

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        # Item-view checks (the "Done" column) come here too: Fusion draws them as check boxes.
        if element is not QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            return
        state = option.state
        if (state & QStyle.StateFlag.State_HasFocus
                and state & QStyle.StateFlag.State_KeyboardFocusChange):
            return  # Fusion's own highlight border shows the focus
        palette: QPalette = option.palette
        color = check_box_outline(palette)
        if not state & QStyle.StateFlag.State_Enabled:
            color = _mix(color, palette.color(_Role.Base), 0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.setPen(QPen(color, 1.0))
        # The same rectangle Fusion outlines (its own border is too dark to see).
        painter.drawRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.restore()


def apply_dark_palette(app: QApplication) -> None:
    """Fusion with a dark palette (what a dark desktop theme looks like)."""
    app.setStyle(DarkFusionStyle())
    app.setPalette(dark_palette())
