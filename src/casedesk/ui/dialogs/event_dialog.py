"""Add or edit a court date, deadline, meeting or reminder; and mark one done.

Times are typed as the clock reads where the event happens (the court's zone for a case, else
the firm's, unless a zone is chosen). A computed deadline shows its rule and how it was counted,
read-only.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTimeEdit,
    QWidget,
)

from casedesk.domain.enums import DEADLINE_KINDS, FIRM_WIDE_KINDS, EventKind, EventStatus, label
from casedesk.domain.limits import MAX_REMINDERS, MAX_SPAN
from casedesk.domain.rows import EventRow
from casedesk.services.events import DEFAULT_REMINDERS, EventInput
from casedesk.ui import format as fmt
from casedesk.ui.dialogs.base import FormDialog, hint_label
from casedesk.ui.dialogs.fields import (
    TimeZoneCombo,
    char_width,
    enum_combo,
    enum_value,
    make_date_edit,
    time_zone_problem,
)
from casedesk.ui.widgets import calendar_style as cs
from casedesk.ui.widgets.calendar_case_picker import CaseChoice, CasePicker, SearchCases

_UNITS = (("week", 7 * 1440), ("day", 1440), ("hour", 60), ("minute", 1))
_UNIT_WORDS = {"w": 10080, "wk": 10080, "week": 10080, "d": 1440, "day": 1440, "h": 60,
               "hr": 60, "hour": 60, "m": 1, "min": 1, "minute": 1}
_STAFF_ROLE = Qt.ItemDataRole.UserRole + 1
_REMINDER = re.compile(r"(\d+)\s*([a-z]+)")


def reminders_text(minutes: Sequence[int]) -> str:
    """(10080, 1440, 120) -> '1 week, 1 day, 2 hours'; 0 -> 'at the time'."""
    parts = []
    for value in minutes:
        if value == 0:
            parts.append("at the time")
            continue
        unit, size = next((u, s) for u, s in _UNITS if value % s == 0)
        count = value // size
        parts.append(f"{count} {unit}{'s' if count != 1 else ''}")
    return ", ".join(parts)


def parse_reminders(text: str) -> tuple[int, ...]:
    """'1 week, 2 days, 2 h' -> (10080, 2880, 120); raises ValueError with what is wrong."""
    result: list[int] = []
    for part in re.split(r"[,;]| and ", text.casefold()):
        item = part.strip().removesuffix(" before")
        if not item:
            continue
        if item in ("0", "at the time", "at start", "none before"):
            result.append(0)
            continue
        found = _REMINDER.findall(item)
        if not found or _REMINDER.sub("", item).strip():
            raise ValueError(f"“{part.strip()}” is not a reminder; write e.g. “1 day, 2 hours”")
        total = 0
        for count, word in found:
            size = _UNIT_WORDS.get(word.rstrip("s")) or _UNIT_WORDS.get(word)
            if size is None:
                raise ValueError(f"“{word}” is not a unit; use minutes, hours, days or weeks")
            total += int(count) * size
        result.append(total)
    if len(set(result)) > MAX_REMINDERS:
        raise ValueError(f"An event can have at most {MAX_REMINDERS} reminders")
    if any(m > 366 * 1440 for m in result):
        raise ValueError("A reminder can be at most a year before the event")
    return tuple(dict.fromkeys(result))


def input_from_row(row: EventRow, **changes: Any) -> EventInput:
    """The event as the services take it, with some fields replaced (drag, status)."""
    data = EventInput(kind=row.kind, title=row.title, case_id=row.case_id, all_day=row.all_day,
                      on_date=row.on_date, starts_at=row.starts_at, ends_at=row.ends_at,
                      time_zone=row.time_zone, location=row.location, notes=row.notes,
                      status=row.status, reminders_minutes_before=row.reminders_minutes_before,
                      attendee_staff_ids=row.attendee_staff_ids, satisfied_by=row.satisfied_by)
    return replace(data, **changes)


def _wall_clock(value: datetime | date | str | None, zone: str) -> datetime | None:
    """An input's start or end as the event's own wall clock (naive)."""
    if value is None or value == "" or (isinstance(value, str | date) and not isinstance(
            value, datetime)):
        return None
    if value.tzinfo is None:
        return value
    return cs.zoned(value, zone)[0].replace(tzinfo=None)


class EventDialog(FormDialog):
    """Create or edit one event; Save stays off (with the reason shown) until it is valid."""

    @dataclass(frozen=True, slots=True)
    class Answer:
        data: EventInput
        event_id: uuid.UUID | None = None
        expected_version: int | None = None

        def as_kwargs(self) -> dict[str, Any]:
            """Keyword arguments of `events.add_event` (new) or `events.update_event`."""
            if self.event_id is None:
                return {"data": self.data}
            return {"event_id": self.event_id, "data": self.data,
                    "expected_version": self.expected_version}

    def __init__(self, parent: QWidget | None, *, staff: Sequence[tuple[uuid.UUID, str]],
                 event: EventRow | None = None, draft: EventInput | None = None,
                 case: CaseChoice | None = None, day: date | None = None,
                 starts_at: datetime | None = None, search_cases: SearchCases | None = None,
                 case_fixed: bool = False) -> None:
        kind_word = label(event.kind).lower() if event else "event"
        super().__init__(parent, f"Edit {kind_word}" if event else "New event")
        self._event = event
        values = draft or (input_from_row(event) if event else None)
        zone = values.time_zone if values else ""
        start = _wall_clock(values.starts_at, zone) if values else None
        if start is None and starts_at is not None:
            start = starts_at.replace(tzinfo=None)
        first_day = (values.on_date if values and isinstance(values.on_date, date) else None) \
            or (start.date() if start else None) or day or date.today()
        start = start or datetime.combine(first_day, time(9))
        end = (_wall_clock(values.ends_at, zone) if values else None) or start + timedelta(hours=1)

        self.kind_combo = enum_combo(EventKind, EventKind(values.kind) if values
                                     else EventKind.HEARING)
        for index, kind in enumerate(EventKind):
            self.kind_combo.setItemIcon(index, cs.kind_swatch(kind))
        self.title_edit = QLineEdit(values.title if values else "")
        self.title_edit.setMaxLength(500)
        self.title_edit.setPlaceholderText("e.g. Motion to dismiss hearing")
        self.title_edit.setMinimumWidth(char_width(self, 44))
        self.case_picker = CasePicker(search_cases, placeholder="Type a case number, title or "
                                                                "client (empty: firm-wide)")
        if event is not None and event.case_id is not None:
            case = case or (event.case_id, f"{event.case_number} · {event.case_title}")
        if case is not None:
            self.case_picker.set_case(*case)
        self.case_picker.setReadOnly(case_fixed)
        self.all_day_check = QCheckBox("All day")
        self.all_day_check.setChecked(bool(values.all_day) if values else False)
        self.date_edit = make_date_edit(first_day)
        self.start_time = self._time_edit(start.time())
        self.end_date = make_date_edit(end.date())
        self.end_time = self._time_edit(end.time())
        self.zone_combo = TimeZoneCombo(zone)
        if (line := self.zone_combo.lineEdit()) is not None:
            line.setPlaceholderText("The court's zone (or the firm's)")
        self.location_edit = QLineEdit(values.location if values else "")
        self.location_edit.setPlaceholderText("e.g. Courtroom 2141, Dirksen Courthouse")
        self.staff_list = self._staff_list(staff, values.attendee_staff_ids if values else ())
        reminders = values.reminders_minutes_before if values else None
        self.reminders_edit = QLineEdit(reminders_text(reminders) if reminders is not None
                                        else "")
        self._reminders_touched = reminders is not None and bool(event or draft)
        self.status_combo = enum_combo(EventStatus, EventStatus(values.status) if values
                                       else EventStatus.SCHEDULED)
        self.satisfied_edit = QLineEdit(values.satisfied_by if values else "")
        self.satisfied_edit.setPlaceholderText("e.g. Answer filed, ECF 12")
        self.notes_edit = QPlainTextEdit(values.notes if values else "")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().height() * 3)
        self.notes_edit.setMaximumHeight(self.fontMetrics().height() * 7)  # then it scrolls

        self.add_row("&Kind", self.kind_combo, required=True)
        self.add_row("&Title", self.title_edit, required=True)
        self.add_row("&Case", self.case_picker)
        self.add_row("&Date", self._pair(self.date_edit, self.start_time, self.all_day_check),
                     required=True)
        self.end_label = self.add_row("&Ends", self._pair(self.end_date, self.end_time))
        self.add_row("Time &zone", self.zone_combo)
        self.add_row("&Location", self.location_edit,
                     tip="A courtroom or room here is checked for double-booking")
        self.add_row("&Attending", self.staff_list,
                     tip="Tick who attends; a person booked twice is flagged")
        self.add_row("&Reminders", self.reminders_edit,
                     tip="How long before: e.g. “1 week, 1 day” or “2 hours, 15 minutes”")
        self.add_row("&Status", self.status_combo)
        self.add_row("Satisfied &by", self.satisfied_edit)
        self.add_row("&Notes", self.notes_edit)
        if event is not None and event.trigger_id is not None:
            self._add_rule(event)
        self.start_time.setAccessibleName("Start time")
        self.end_date.setAccessibleName("End date")
        self.end_time.setAccessibleName("End time")

        widgets = (self.kind_combo, self.title_edit, self.case_picker, self.date_edit,
                   self.start_time, self.all_day_check, self.end_date, self.end_time,
                   self.zone_combo, self.location_edit, self.staff_list, self.reminders_edit,
                   self.status_combo, self.satisfied_edit, self.notes_edit)
        self.watch(*widgets)
        self.chain_tab_order(*widgets)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.all_day_check.toggled.connect(self._sync)
        self.status_combo.currentIndexChanged.connect(self._sync)
        self.case_picker.changed.connect(self._sync)
        self.date_edit.dateChanged.connect(self._start_moved)
        self.reminders_edit.textEdited.connect(self._touch_reminders)
        self._last_start = self._start()
        self._kind_changed()
        self.title_edit.setFocus()
        self.mark_clean()

    # -- building ----------------------------------------------------------------------------
    def _time_edit(self, value: time) -> QTimeEdit:
        edit = QTimeEdit(QTime(value.hour, value.minute))
        edit.setDisplayFormat("HH:mm")
        edit.timeChanged.connect(lambda _t: self._start_moved() if edit is self.start_time
                                 else None)
        return edit

    @staticmethod
    def _pair(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        return box

    def _staff_list(self, staff: Sequence[tuple[uuid.UUID, str]],
                    chosen: Sequence[uuid.UUID]) -> QListWidget:
        widget = QListWidget()
        for staff_id, name in staff:
            item = QListWidgetItem(name)
            item.setData(_STAFF_ROLE, str(staff_id))
            item.setCheckState(Qt.CheckState.Checked if staff_id in chosen
                               else Qt.CheckState.Unchecked)
            widget.addItem(item)
        rows = min(max(len(staff), 2), 5)
        row_height = widget.sizeHintForRow(0) if staff else self.fontMetrics().height() + 4
        widget.setFixedHeight(rows * row_height + 2 * widget.frameWidth() + 4)
        return widget

    def _add_rule(self, event: EventRow) -> None:
        """The rule a computed deadline comes from, and how it was counted (read-only)."""
        authority = QLabel(event.authority or event.rule_key or "Computed deadline")
        authority.setWordWrap(True)
        authority.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_row("Rule", authority)
        self.rule_label = authority
        lines = QLabel("\n".join(event.explanation) or "—")
        lines.setWordWrap(True)
        lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_row("Counted", lines)
        self.explanation_label = lines
        self.form.addRow("", hint_label("Computed from a trigger; a change made here is "
                                        "recorded as changed by hand."))

    # -- keeping the form consistent ----------------------------------------------------------
    def _kind(self) -> EventKind:
        return enum_value(self.kind_combo, EventKind)

    def _touch_reminders(self, _text: str) -> None:
        self._reminders_touched = True

    def _kind_changed(self) -> None:
        kind = self._kind()
        deadline = kind in DEADLINE_KINDS
        if deadline:
            self.all_day_check.setChecked(True)
        self.all_day_check.setEnabled(not deadline)
        self.all_day_check.setToolTip("Deadlines are due on a day, not at a time" if deadline
                                      else "")
        if not self._reminders_touched:
            self.reminders_edit.setText(reminders_text(DEFAULT_REMINDERS[kind]))
        self._sync()

    def _sync(self) -> None:
        all_day = self.all_day_check.isChecked()
        for widget in (self.start_time, self.end_date, self.end_time):
            widget.setVisible(not all_day)
        self.end_label.setVisible(not all_day)
        self.satisfied_edit.setEnabled(enum_value(self.status_combo, EventStatus)
                                       is EventStatus.DONE)
        kind = self._kind()
        where = "the firm's" if self.case_picker.case_id() is None \
            else "the court's (or the firm's)"
        self.zone_combo.setToolTip(f"Times are as the clock reads in this zone; left empty, "
                                   f"{where} zone")
        self.case_picker.setPlaceholderText(
            "Type a case number, title or client" + (" (empty: firm-wide)"
                                                     if kind in FIRM_WIDE_KINDS else ""))

    def _start(self) -> datetime:
        return datetime.combine(fmt.to_date(self.date_edit.date()),
                                self.start_time.time().toPython())  # type: ignore[arg-type]

    def _end(self) -> datetime:
        return datetime.combine(fmt.to_date(self.end_date.date()),
                                self.end_time.time().toPython())  # type: ignore[arg-type]

    def _start_moved(self) -> None:
        """Moving the start moves the end with it (same length)."""
        start = self._start()
        end = self._end() + (start - self._last_start)
        self._last_start = start
        self.end_date.blockSignals(True)
        self.end_time.blockSignals(True)
        self.end_date.setDate(fmt.to_qdate(end.date()))
        self.end_time.setTime(QTime(end.hour, end.minute))
        self.end_date.blockSignals(False)
        self.end_time.blockSignals(False)

    # -- validation and answer ---------------------------------------------------------------
    def validate(self) -> str:
        kind = self._kind()
        if not self.title_edit.text().strip():
            return "Event title is required"
        if self.case_picker.pending_text():
            return "Choose the case from the list (or clear the field)"
        if self.case_picker.case_id() is None and kind not in FIRM_WIDE_KINDS:
            return (f"A {label(kind).lower()} belongs to a case: choose one (only meetings and "
                    "reminders can be firm-wide)")
        if not self.all_day_check.isChecked():
            if self._end() < self._start():
                return "The event ends before it starts"
            if self._end() - self._start() > MAX_SPAN:
                return f"An event can last at most {MAX_SPAN.days} days"
        if (problem := time_zone_problem(self.zone_combo.zone())):
            return problem
        try:
            parse_reminders(self.reminders_edit.text())
        except ValueError as exc:
            return str(exc)
        return ""

    def attendees(self) -> tuple[uuid.UUID, ...]:
        chosen = []
        for row in range(self.staff_list.count()):
            item = self.staff_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(uuid.UUID(item.data(_STAFF_ROLE)))
        return tuple(chosen)

    def answer(self) -> EventDialog.Answer:
        all_day = self.all_day_check.isChecked()
        status = enum_value(self.status_combo, EventStatus)
        data = EventInput(
            kind=self._kind(), title=self.title_edit.text().strip(),
            case_id=self.case_picker.case_id(), all_day=all_day,
            on_date=fmt.to_date(self.date_edit.date()) if all_day else None,
            starts_at=None if all_day else self._start(),
            ends_at=None if all_day else self._end(),
            time_zone=self.zone_combo.zone(), location=self.location_edit.text().strip(),
            notes=self.notes_edit.toPlainText().strip(), status=status,
            reminders_minutes_before=parse_reminders(self.reminders_edit.text()),
            attendee_staff_ids=self.attendees(),
            satisfied_by=self.satisfied_edit.text().strip()
            if status is EventStatus.DONE else "")
        event = self._event
        return EventDialog.Answer(data=data, event_id=event.id if event else None,
                                  expected_version=event.version if event else None)

    @classmethod
    def ask(cls, parent: QWidget | None, *, staff: Sequence[tuple[uuid.UUID, str]],
            event: EventRow | None = None, draft: EventInput | None = None,
            case: CaseChoice | None = None, day: date | None = None,
            starts_at: datetime | None = None, search_cases: SearchCases | None = None,
            case_fixed: bool = False) -> EventDialog.Answer | None:
        """A new event (on `day`, at `starts_at`, on `case`), or edit `event`; `draft` fills
        the form again after a refused save (e.g. a double-booking not confirmed)."""
        answer: EventDialog.Answer | None = cls.run(cls(
            parent, staff=staff, event=event, draft=draft, case=case, day=day,
            starts_at=starts_at, search_cases=search_cases, case_fixed=case_fixed))
        return answer


class MarkDoneDialog(FormDialog):
    """Mark an event done, saying what satisfied it ("Answer filed, ECF 12")."""

    def __init__(self, parent: QWidget | None, event: EventRow) -> None:
        super().__init__(parent, f"Mark done: {event.title}")
        self.save_button.setText("Mark done")
        self.what = QLabel(f"{label(event.kind)} · {cs.when_text(event)}"
                           + (f" · {event.case_number}" if event.case_number else ""))
        self.what.setWordWrap(True)
        self.satisfied_edit = QLineEdit(event.satisfied_by)
        self.satisfied_edit.setPlaceholderText("e.g. Answer filed, ECF 12")
        self.satisfied_edit.setMinimumWidth(char_width(self, 40))
        self.satisfied_edit.setMaxLength(500)
        self.form.addRow(self.what)
        self.add_row("Satisfied &by", self.satisfied_edit,
                     tip="What met it: a filing, its docket entry, the hearing held…")
        self.watch(self.satisfied_edit)
        self.satisfied_edit.setFocus()
        self.mark_clean()

    def answer(self) -> str:
        return self.satisfied_edit.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, event: EventRow) -> str | None:
        """What satisfied the event ('' is allowed), or None when cancelled."""
        answer: str | None = cls.run(cls(parent, event))
        return answer
