"""Errors in plain language, with the technical details behind "Show Details…"."""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from casedesk.domain.errors import CasedeskError, EnvironmentFault

BUG_MESSAGE = ("Something went wrong inside casedesk. Your data is safe: the last change was "
               "not saved. Try again; if it happens again, send the details to support.")
ENVIRONMENT_HINT = "Check the disk and the data folder, then try again."


def show_error(parent: QWidget | None, message: str, details: str = "", *,
               title: str = "casedesk", block: bool = True) -> QMessageBox | None:
    """Tell the user what went wrong; `details` go behind the "Show Details…" button.

    Blocks until dismissed and returns None; with `block=False` the box is shown without
    waiting and returned (for tests and errors that arrive in the background).
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.setEscapeButton(QMessageBox.StandardButton.Ok)
    if block:
        box.exec()
        box.deleteLater()
        return None
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.show()
    return box


def message_for(error: BaseException) -> tuple[str, str]:
    """(plain message, details) for any exception: ours say what to do, bugs get a traceback."""
    if isinstance(error, EnvironmentFault):
        return f"{error.message} {ENVIRONMENT_HINT}", error.details or ""
    if isinstance(error, CasedeskError):
        return error.message, error.details or ""
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return BUG_MESSAGE, details


def show_exception(parent: QWidget | None, error: BaseException, *,
                   title: str = "casedesk", block: bool = True) -> QMessageBox | None:
    """`show_error` for an exception (the traceback, if any, only under Show Details…)."""
    message, details = message_for(error)
    return show_error(parent, message, details, title=title, block=block)
