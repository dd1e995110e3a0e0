"""The self-test behind `casedesk selftest`: drives the real window on a throwaway practice."""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget


class SelfTestFailed(Exception):
    """A step did not do what it should."""


def _wait(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestFailed(f"timed out waiting for {what}")
        assert app is not None
        app.processEvents()
        time.sleep(0.005)


def _save(widget: QWidget, folder: Path | None, name: str) -> str:
    if folder is None:
        return ""
    for _ in range(5):  # let layouts that follow a resize settle (a chart fitting its height)
        QApplication.processEvents()
        time.sleep(0.02)
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SelfTestFailed(f"could not write {path}")
    return f" (saved {path})"


SEED = 2026  # the sample practice the selftest builds (its firm sits in one city, one zone)


def run_selftest(*, screenshots: str | None, size: tuple[int, int] = (1280, 800),
                 dark: bool = False, cases: int = 60) -> Iterator[str]:
    """Run the checks, yielding a line per step; raise SelfTestFailed on the first failure."""
    from casedesk.app import App, make_application
    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice
    from casedesk.services import demo

    folder = Path(screenshots).resolve() if screenshots else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="casedesk-selftest-") as tmp:
        location = resolve(Path(tmp) / "practice")
        with Practice(location) as practice:
            practice.write(demo.generate, cases=cases, seed=SEED, today=date.today(),
                           files=demo.DemoFiles(practice.blobs))
            from casedesk.services.search_index import index_pending

            index_pending(practice.engine, practice.blobs)
        yield f"sample practice with {cases} cases created in {location.data_dir}"
        qt_app = make_application()
        if dark:
            from casedesk.ui.theme import apply_dark_palette

            apply_dark_palette(qt_app)
        qsettings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        app = App(location, qsettings, interactive=False)
        try:
            yield from _drive(app, folder, size)
        finally:
            app.window.close()
            app.shutdown()
            QApplication.processEvents()


def _drive(app: Any, folder: Path | None, size: tuple[int, int]) -> Iterator[str]:
    window = app.window
    window.resize(*size)
    window.show()
    pane = window.cases_pane
    _wait(lambda: pane.model.loaded and pane.model.rowCount() > 0, "the case list")
    _wait(lambda: bool(app.lookups.staff), "the staff list")
    app.lookups.set_current_staff(app.lookups.staff[0][0])  # someone is at the desk
    if app.fatal is not None:
        raise SelfTestFailed(app.fatal.message)
    yield f"cases pane: {pane.model.total} active cases, {pane.model.rowCount()} loaded"
    pane.view.selectRow(0)
    first = pane.model.case_at(0)
    assert first is not None
    _wait(lambda: pane.detail.detail is not None and pane.detail.detail.id == first.id,
          "the case detail")
    shot = _save(window, folder, "01-cases")
    yield f"case {first.number} opened{shot}"
    from PySide6.QtWidgets import QTabWidget

    tabs = pane.detail.tabs
    number = 0
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        name = tabs.tabText(tab).split(" (")[0].replace("&&", "and").lower()
        sections = tabs.widget(tab)
        shown = ([(sections, i) for i in range(sections.count())]
                 if isinstance(sections, QTabWidget) else [(None, 0)])
        for holder, index in shown:
            label = name
            if holder is not None:
                holder.setCurrentIndex(index)
                label = f"{name}-{holder.tabText(index).split(' (')[0].lower()}"
            number += 1
            _wait(lambda: window.db.idle, "the tab's rows")
            shot = _save(window, folder, f"02-case-{number}-{label.replace(' ', '-')}")
            yield f"case tab {label!r} shown{shot}"
    tabs.setCurrentIndex(0)

    for index, spec in enumerate(window_panes(window), start=0):
        if index == 0:
            continue
        window.show_pane(index)
        widget = window.pane(index)
        _wait(lambda w=widget: _pane_loaded(w), f"the {spec} pane to load")
        model = getattr(widget, "model", None)
        rows = model.rowCount() if model is not None else 0
        shot = _save(window, folder, f"{index + 2:02d}-{spec.lower()}")
        yield f"{spec} pane shown ({rows} rows in its main list){shot}"

    yield from _calendar_views(window, folder)
    yield from _reports(window, folder)
    yield from _windows(window, folder)
    window.show_pane(0)
    yield from _round_trip(app)


def _calendar_views(window: Any, folder: Path | None) -> Iterator[str]:
    """The calendar's week and agenda views (the month view was shown with the panes)."""
    pane = window.calendar_pane
    window.show_pane(1)
    for view in ("week", "agenda"):
        pane.set_view(view)  # reads its range again
        start, end = pane.visible_range()
        QApplication.processEvents()
        _wait(lambda s=start, e=end: window.db.idle and pane.loaded_range is not None
              and pane.loaded_range[0] <= s and pane.loaded_range[1] >= e,
              f"the calendar's {view} view to load")
        QApplication.processEvents()
        shot = _save(window, folder, f"03-calendar-{view}")
        yield f"calendar {view} view shown{shot}"
    pane.set_view("month")


def _reports(window: Any, folder: Path | None) -> Iterator[str]:
    """Each firm-wide report, computed on the worker."""
    from casedesk.ui.main_window import PANES

    index = [s.key for s in PANES].index("reports")
    window.show_pane(index)
    pane = window.pane(index)
    for key in ("firm_budget", "expenses", "hours", "unbilled"):
        pane.show_report(key)
        _wait(lambda k=key: pane.result is not None and pane.result.key == k
              and not pane.calculating, f"the {key} report")
        yield f"report {key} shown{_save(window, folder, f'06-reports-{key}')}"


def _windows(window: Any, folder: Path | None) -> Iterator[str]:
    """The practice-level windows: reminders, courts & holidays, deadline rules."""
    from casedesk.ui.courts_window import CourtsWindow
    from casedesk.ui.rule_sets_window import RuleSetsWindow

    reminders = window.reminders.dialog
    _wait(lambda: reminders.intro.text() != "", "the reminders to be read")
    shot = _save(reminders, folder, "07-reminders") if reminders.isVisible() else ""
    yield f"reminders: {reminders.intro.text()}{shot}"
    reminders.hide()
    for name, cls in (("08-courts", CourtsWindow), ("09-deadline-rules", RuleSetsWindow)):
        other = cls(window, window.db, window.lookups)
        other.resize(1280, 760)
        other.show()
        QApplication.processEvents()
        _wait(lambda: window.db.idle, f"the {name[3:]} window to load")
        QApplication.processEvents()
        shot = _save(other, folder, name)
        yield f"{name[3:].replace('-', ' ')} window shown{shot}"
        other.close()
        other.deleteLater()


def _pane_loaded(pane: Any) -> bool:
    """A pane has answered its first load (its own flag, or its list model's)."""
    if getattr(pane, "loaded", False):
        return True
    model = getattr(pane, "model", None)
    return bool(getattr(model, "loaded", False))


def window_panes(window: Any) -> list[str]:
    from casedesk.ui.main_window import PANES

    return [spec.title for spec in PANES]


def _round_trip(app: Any) -> Iterator[str]:
    from casedesk.services import cases

    window = app.window
    db = app.db
    pane = window.cases_pane
    results: dict[str, Any] = {}
    errors: list[str] = []
    number = "SELFTEST-" + uuid.uuid4().hex[:6].upper()
    db.write(cases.create_case, number=number, title="Selftest v. Example",
             status="open", practice_area="Civil litigation",
             on_done=lambda r: results.__setitem__("created", r[1]),
             on_error=lambda e: errors.append(e.message))
    _wait(lambda: "created" in results or bool(errors), "creating a case")
    if errors:
        raise SelfTestFailed(f"creating a case failed: {errors[0]}")
    case_id = results["created"]
    pane.filter_edit.setText(number.lower())
    _wait(lambda: pane.model.rowCount() == 1 and pane.model.case_at(0) is not None
          and pane.model.case_at(0).id == case_id, "the new case in the filtered list")
    pane.select_case(case_id)
    _wait(lambda: pane.detail.detail is not None and pane.detail.detail.id == case_id,
          "the new case's detail")
    yield f"created case {number} and found it with the filter"
    detail = pane.detail.detail
    db.write(cases.update_case, case_id=case_id, expected_version=detail.version,
             number=number, title="Selftest v. Example (edited)", status="pending",
             practice_area=detail.practice_area,
             on_done=lambda _r: results.__setitem__("edited", True),
             on_error=lambda e: errors.append(e.message))
    _wait(lambda: "edited" in results or bool(errors), "editing the case")
    if errors:
        raise SelfTestFailed(f"editing the case failed: {errors[0]}")
    _wait(lambda: pane.detail.detail is not None
          and pane.detail.detail.title == "Selftest v. Example (edited)"
          and pane.detail.detail.version == detail.version + 1, "the edited title in the detail")
    _wait(lambda: pane.model.case_at(0) is not None
          and pane.model.case_at(0).title == "Selftest v. Example (edited)",
          "the edited title in the list")
    pane.filter_edit.clear()
    yield "edited the case; list and detail show the change"
