"""`make bench`: figures for the things users feel, each beside a reference measured in the same
run on the same machine. Prints a table; nothing here asserts a time.

Data: `casedesk demo --cases 20000` (cached in bench-data/, rebuilt when missing or when
PRACTICE_VERSION changes). Calendar figures are in calendar_bench.py; the budget report's
in budget_bench.py (its own 20,000-case, 300,000-entry practice, also cached in bench-data/).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DATA = ROOT / "bench-data"
# Part of the cache key: bump it when the demo gains data a bench reads (2: events), so
# cached practices made by an older demo are rebuilt.
PRACTICE_VERSION = 3
# The demo's "today", fixed so every machine and every run measures the same practice.
REFERENCE_DAY = date(2026, 11, 27)
PARTS = ("cold-start", "ui", "calendar", "ics", "letters", "search", "budget")


def ensure_practice(cases: int) -> Path:
    folder = BENCH_DATA / f"cases-{cases}-v{PRACTICE_VERSION}"
    if (folder / "casedesk.db").exists():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    print(f"building the {cases:,}-case demo practice in {folder} (once)...", flush=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casedesk", "--data-dir", str(folder), "demo",
                    "--cases", str(cases), "--seed", "1", "--today", REFERENCE_DAY.isoformat()],
                   check=True)
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def _until_painted(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("PAINTED"):
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"{cmd} never painted: {proc.stderr.read() if proc.stderr else ''}")
    proc.wait(timeout=30)
    return elapsed


def cold_start(folder: Path, runs: int) -> tuple[float, float]:
    # An installed casedesk starts from bytecode compiled at install time; so should this.
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "casedesk"), quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CASEDESK_BENCH_STARTUP="1")
    app_cmd = [sys.executable, "-m", "casedesk", "--data-dir", str(folder)]
    ref_cmd = [sys.executable, str(Path(__file__).with_name("empty_window.py"))]
    _until_painted(app_cmd, env)  # warm the OS file cache once for both
    _until_painted(ref_cmd, env)
    app_times, ref_times = [], []
    for _ in range(runs):
        ref_times.append(_until_painted(ref_cmd, env))
        app_times.append(_until_painted(app_cmd, env))
    return statistics.median(app_times), statistics.median(ref_times)


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def in_process(folder: Path, repeat: int) -> list[tuple[str, float, str, float]]:
    """Filter-as-you-type, opening a case and the conflict search, in the real window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from casedesk.app import App, make_application
    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice
    from casedesk.services import conflicts

    qt_app = make_application()
    tmp_settings = BENCH_DATA / "bench-ui.ini"
    tmp_settings.unlink(missing_ok=True)
    app = App(resolve(folder), QSettings(str(tmp_settings), QSettings.Format.IniFormat),
              interactive=False)
    window = app.window
    window.resize(1280, 800)
    window.show()
    pane = window.cases_pane

    def wait(condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 30
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError("timed out")
            qt_app.processEvents()

    wait(lambda: pane.model.loaded and pane.model.rowCount() > 0)
    # warm up: write-side modules loaded, a first detail shown
    first = pane.model.case_at(0)
    assert first is not None
    pane.select_case(first.id)
    wait(lambda: pane.detail.detail is not None)
    results: list[tuple[str, float, str, float]] = []

    # Filter as you type: each keystroke until the list has repainted with the result.
    word = "smith"
    keystroke_ms: list[float] = []
    arrivals: list[float] = []
    pane.model.populated.connect(lambda: arrivals.append(time.perf_counter()))
    for _ in range(repeat):
        pane.filter_edit.clear()
        wait(lambda: pane.model.case_filter.text == "" and not pane.model.is_loading)
        for i in range(1, len(word) + 1):
            arrivals.clear()
            started = time.perf_counter()
            pane.filter_edit.setText(word[:i])
            wait(lambda: bool(arrivals))
            pane.view.viewport().repaint()
            keystroke_ms.append((time.perf_counter() - started) * 1000)
    db_path = folder / "casedesk.db"
    raw = sqlite3.connect(db_path)

    from casedesk.persistence.reader import SqliteReader
    from casedesk.services import case_list

    sql_reader = SqliteReader(db_path)  # the stdlib sqlite3 driver, same SQL as the app

    def raw_filter() -> None:
        for i in range(1, len(word) + 1):
            flt = case_list.CaseFilter(text=word[:i])
            case_list.count_cases(sql_reader, flt)
            case_list.case_page(sql_reader, flt, offset=0, limit=pane.model.PAGE_SIZE)

    raw_ms = _median_ms(raw_filter, repeat) / len(word)
    results.append(("filter as you type (per keystroke, to repaint)",
                    statistics.median(keystroke_ms), "the same SQL in raw sqlite3", raw_ms))
    pane.filter_edit.clear()
    wait(lambda: pane.model.case_filter.text == "" and pane.model.rowCount() > 0
         and not pane.model.is_loading)

    # Opening a case: click to a filled detail view.
    open_ms: list[float] = []
    for row in range(1, repeat + 1):
        target = pane.model.case_at(row)
        assert target is not None
        started = time.perf_counter()
        pane.view.selectRow(row)
        wait(lambda t=target: pane.detail.detail is not None and pane.detail.detail.id == t.id)
        pane.detail.repaint()
        open_ms.append((time.perf_counter() - started) * 1000)
    ids = [r[0] for r in raw.execute("SELECT id FROM cases LIMIT 20").fetchall()]

    def raw_open() -> None:
        for case_id in ids[:5]:
            raw.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
            raw.execute("SELECT * FROM parties p JOIN contacts c ON c.id = p.contact_id "
                        "WHERE p.case_id = ?", (case_id,)).fetchall()
            raw.execute("SELECT * FROM notes WHERE case_id = ?", (case_id,)).fetchall()
            raw.execute("SELECT * FROM tasks WHERE case_id = ?", (case_id,)).fetchall()
            raw.execute("SELECT * FROM activities WHERE case_id = ? ORDER BY at DESC LIMIT 50",
                        (case_id,)).fetchall()

    results.append(("open a case (click to filled detail)", statistics.median(open_ms),
                    "raw sqlite3 same rows", _median_ms(raw_open, repeat) / 5))
    app.window.close()
    app.shutdown()

    # Conflict search over every contact (service, as the GUI and CLI run it).
    names = ["Jon Smyth", "Garcia", "Katherine Jonson", "Acme Logistics"]
    contact_count = raw.execute("SELECT count(*) FROM contacts").fetchone()[0]
    with Practice(resolve(folder)) as practice:
        practice.read(conflicts.search, ["warm up"])

        def search_all() -> None:
            for name in names:
                practice.read(conflicts.search, [name])

        search_ms = _median_ms(search_all, repeat) / len(names)

    def raw_search() -> None:
        for name in names:
            for word in name.lower().split():
                raw.execute("SELECT id, name, aliases FROM contacts WHERE deleted_at IS NULL "
                            "AND lower(name) LIKE ?", (f"%{word}%",)).fetchall()

    results.append((f"conflict search over {contact_count:,} contacts (per name)", search_ms,
                    "raw sqlite3 LIKE scan", _median_ms(raw_search, repeat) / len(names)))
    raw.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5, help="cold starts per measurement")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--also-cases", type=int, action="append", default=[],
                        help="also measure cold start on a practice this big (e.g. 200000)")
    parser.add_argument("--only", choices=PARTS, action="append", default=[],
                        help="measure only this part (repeatable; default: all)")
    parser.add_argument("--ics-repeat", type=int, default=1,
                        help="exports of the whole practice to .ics (each takes a while)")
    args = parser.parse_args()
    parts = set(args.only or PARTS)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    folder = ensure_practice(args.cases)
    for extra in args.also_cases:
        ensure_practice(extra)
    rows: list[tuple[str, float, str, float]] = []
    if "cold-start" in parts:
        for size in [args.cases, *args.also_cases]:
            app_s, ref_s = cold_start(ensure_practice(size), args.runs)
            rows.append((f"cold start to painted case list ({size:,} cases)", app_s * 1000,
                         "empty PySide6 window", ref_s * 1000))
    if "ui" in parts:
        rows.extend(in_process(folder, args.repeat))
    from tests.bench import calendar_bench

    if "calendar" in parts:
        rows.extend(calendar_bench.calendar_reads(folder / "casedesk.db", REFERENCE_DAY,
                                                  args.repeat))
    if "ics" in parts:
        rows.extend(calendar_bench.ics_export(folder / "casedesk.db", args.ics_repeat))
    if "letters" in parts:
        from tests.bench import letters_bench

        rows.extend(letters_bench.letter_generation(min(args.repeat, 3)))
    if "search" in parts:
        from tests.bench import search_bench

        rows.extend(search_bench.figures(search_bench.DEFAULT_DOCUMENTS, args.repeat))
    if "budget" in parts:
        from tests.bench import budget_bench

        budget_folder = budget_bench.ensure_practice(budget_bench.DEFAULT_CASES,
                                                     budget_bench.DEFAULT_ENTRIES)
        rows.extend(budget_bench.figures(budget_folder, args.repeat, REFERENCE_DAY))
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  {'casedesk':>10}  {'reference':>10}  ratio  reference is")
    for name, value, ref_name, ref in rows:
        ratio = value / ref if ref else float("nan")
        print(f"{name.ljust(width)}  {value:8.1f} ms  {ref:8.2f} ms  {ratio:5.1f}x  {ref_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
