"""What every casedesk form dialog shares: required marks, live validation, Save/Cancel, and
asking before changes are thrown away."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casedesk.ui import style
from casedesk.ui.icons import icon

REQUIRED_TIP = "Required"


def safe_icon(name: str) -> QIcon:
    """The named icon, or an empty icon when its SVG file is not installed."""
    try:
        return icon(name)
    except (FileNotFoundError, OSError):
        return QIcon()


def set_text_color(widget: QWidget, color: QColor) -> None:
    """Colour a label's text through its palette (so the theme's other roles stay intact)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    widget.setPalette(palette)


def hint_label(text: str) -> QLabel:
    """A small, muted explanatory line under a field."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class _FitScrollArea(QScrollArea):
    """A frameless scroll area that asks for its content's full size but may shrink below it.

    Long forms then open at their natural size and only scroll on small screens (1280x800 at
    200 % leaves 640x400 logical pixels).
    """

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        extra = 2 * self.frameWidth()
        return inner.sizeHint() + QSize(extra, extra)

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        rows = self.fontMetrics().height() * 6
        return QSize(inner.minimumSizeHint().width() + bar, min(rows, inner.sizeHint().height()))


class FormDialog(QDialog):
    """A form in a QFormLayout with an inline message and Save (default) / Cancel (Esc).

    Subclasses build their fields into `self.form`, register them with `watch(...)`, implement
    `validate()` (returns what is wrong, '' when fine) and `answer()`, and call
    `mark_clean()` at the end of their constructor.
    """

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)
        self._watched: list[Any] = []
        self._clean_state: list[object] | None = None
        self._sized = False

        outer = QVBoxLayout(self)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body_layout.addLayout(self.form)
        self._scroll = _FitScrollArea()
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self.body)
        outer.addWidget(self._scroll, 1)

        message_row = QHBoxLayout()
        self.message_icon = QLabel()
        self.message_icon.setFixedSize(QSize(16, 16))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("formMessage")
        self.message.setAccessibleName("Form message")
        message_row.addWidget(self.message_icon, 0, Qt.AlignmentFlag.AlignTop)
        message_row.addWidget(self.message, 1)
        outer.addLayout(message_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert save is not None and cancel is not None
        self.save_button: QPushButton = save
        self.cancel_button: QPushButton = cancel
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)

    # --- building ---------------------------------------------------------------------------

    def add_row(self, text: str, field: QWidget, *, required: bool = False,
                tip: str = "") -> QLabel:
        """Add a labelled field; required ones get " *" and a tooltip. Returns the label."""
        label = QLabel(text + (" *" if required else "") + ":")
        label.setBuddy(field)
        if required:
            label.setToolTip(REQUIRED_TIP)
            field.setAccessibleDescription(REQUIRED_TIP)
        if tip:
            field.setToolTip(tip)
        field.setAccessibleName(text.replace("&", ""))
        self.form.addRow(label, field)
        return label

    def watch(self, *widgets: Any) -> None:
        """Re-validate whenever one of these widgets changes; they also define 'dirty'."""
        for widget in widgets:
            self._watched.append(widget)
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.textChanged.connect(self.refresh)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.refresh)
                if widget.isEditable():
                    widget.editTextChanged.connect(self.refresh)
            elif isinstance(widget, QDateTimeEdit):
                widget.dateTimeChanged.connect(self.refresh)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(self.refresh)
            elif isinstance(widget, QListWidget):
                widget.itemChanged.connect(self.refresh)
            elif hasattr(widget, "changed"):
                widget.changed.connect(self.refresh)
            else:
                raise TypeError(f"cannot watch {type(widget).__name__}")

    def chain_tab_order(self, *widgets: QWidget) -> None:
        """Tab through these widgets in this order, then Save and Cancel."""
        chain: list[QWidget] = []
        for widget in widgets:
            parts = getattr(widget, "focus_chain", None)
            chain.extend(parts() if callable(parts) else [widget])
        chain += [self.save_button, self.cancel_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def mark_clean(self) -> None:
        """Remember the current values as the unchanged state and validate."""
        self._clean_state = self._snapshot()
        self.refresh()

    # --- state ------------------------------------------------------------------------------

    def _snapshot(self) -> list[object]:
        values: list[object] = []
        for widget in self._watched:
            if isinstance(widget, QLineEdit):
                values.append(widget.text())
            elif isinstance(widget, QPlainTextEdit):
                values.append(widget.toPlainText())
            elif isinstance(widget, QComboBox):
                values.append((widget.currentIndex(), widget.currentText()))
            elif isinstance(widget, QDateTimeEdit):
                values.append(widget.date().toJulianDay())
            elif isinstance(widget, QAbstractButton):
                values.append(widget.isChecked())
            elif isinstance(widget, QListWidget):
                values.append(tuple(widget.item(i).checkState().value
                                    for i in range(widget.count())))
            else:
                values.append(widget.state())
        return values

    def is_dirty(self) -> bool:
        """True when the user changed something since the dialog opened."""
        return self._clean_state is not None and self._snapshot() != self._clean_state

    def validate(self) -> str:
        """What is missing or wrong, in words; '' when the form can be saved."""
        return ""

    def answer(self) -> Any:
        """The dialog's Answer (only meaningful when `validate()` returns '')."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Enable Save only when valid and say what is missing (muted until the user edits)."""
        problem = self.validate()
        self.save_button.setEnabled(not problem)
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        loud = bool(problem) and self.is_dirty()
        if loud:
            set_text_color(self.message, style.overdue_color())
            self.message.setForegroundRole(QPalette.ColorRole.WindowText)
        else:
            self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        pixmap = safe_icon("alert-triangle").pixmap(16, 16) if loud else None
        if pixmap is not None and not pixmap.isNull():
            self.message_icon.setPixmap(pixmap)
        else:
            self.message_icon.clear()
        self.message_icon.setVisible(bool(problem))

    # --- closing ----------------------------------------------------------------------------

    def accept(self) -> None:
        """Close with the answer, but only when the form is valid."""
        if self.validate():
            self.refresh()
            return
        super().accept()

    def reject(self) -> None:
        """Cancel, Esc and the close box: ask first when something was changed."""
        if self.is_dirty() and not self._confirm_discard():
            return
        super().reject()

    def _confirm_discard(self) -> bool:
        """Ask "Discard your changes?"; True means go ahead and close."""
        box = QMessageBox(QMessageBox.Icon.Question, "Discard changes",
                          "Discard your changes?", parent=self)
        box.setInformativeText("What you typed in this window will be lost.")
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def showEvent(self, event: QShowEvent) -> None:
        """On first show, open at the natural size if the screen has room for it."""
        super().showEvent(event)
        if self._sized:
            return
        self._sized = True
        screen = self.screen()
        if screen is None:
            return
        # Rows were added after the body went into the scroll area: recompute its size.
        self.body_layout.invalidate()
        self._scroll.updateGeometry()
        outer = self.layout()
        if outer is not None:
            outer.invalidate()
            outer.activate()
        room = screen.availableGeometry().size() * 0.9
        wanted = self.sizeHint().boundedTo(room).expandedTo(self.size().boundedTo(room))
        self.resize(wanted)

    @classmethod
    def run(cls, dialog: FormDialog) -> Any:
        """Exec the dialog; its answer when saved, None when cancelled."""
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.answer()
            return None
        finally:
            dialog.deleteLater()
