"""An empty list's stand-in: what is (not) here and buttons for the next step, never a blank
table. Used by the Contacts and Documents panes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """A centred headline, an explanation and a row of action buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The window colour (as the Cases pane's empty list), not a white box in the pane.
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAutoFillBackground(True)
        self.headline = QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setWordWrap(True)
        self.explanation.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.headline)
        layout.addWidget(self.explanation)
        layout.addSpacing(8)
        layout.addLayout(self._buttons)
        layout.addStretch(3)

    def add_button(self, button: QPushButton) -> QPushButton:
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button

    def set_text(self, headline: str, explanation: str = "") -> None:
        self.headline.setText(headline)
        self.explanation.setText(explanation)
        self.explanation.setVisible(bool(explanation))
