"""Short questions before a change a person may regret (Cancel is the default and Esc)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, info: str, action: str) -> bool:
    """Ask before a change, naming it on the button ("Remove", "Delete"); True to go ahead.

    Modules re-export this as their own `confirm` so tests can answer it per module.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    if info:
        box.setInformativeText(info)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    chosen = box.clickedButton() is go
    box.deleteLater()
    return chosen


def confirm_yes(parent: QWidget | None, question: str, explanation: str) -> bool:
    """A Yes/Cancel question (Cancel the default) for a change a person may regret."""
    box = QMessageBox(QMessageBox.Icon.Question, question, question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                      parent)
    box.setInformativeText(explanation)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes
