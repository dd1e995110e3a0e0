"""Export and import of the practice from the GUI, and the CSV import with its dry run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from casedesk.ui import practice_files


def test_export_then_import_from_the_menus(qtbot: Any, app_and_ids: Any, tmp_path: Path,
                                           monkeypatch: Any) -> None:
    app, _ids = app_and_ids
    window = app.window
    target = tmp_path / "out" / "practice.json"
    target.parent.mkdir()
    # The file dialogs are answered (the user's choice), the rest is the real window.
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    window.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "casedesk-practice"
    assert sorted(c["number"] for c in document["cases"]) == [
        "2025-CV-0107", "2026-CV-0001", "2026-CV-0002"]

    document["cases"][0]["title"] = "Renamed by import"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(edited), "")))
    previews: list[str] = []
    monkeypatch.setattr(practice_files, "confirm_import",
                        lambda _w, _name, summary: previews.append(summary.line()) or True)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _parent, _title, text: shown.append(text)))
    with qtbot.waitSignal(app.db.changed, timeout=10_000):
        window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "1 updated" in previews[0] and "1 updated" in shown[0]
    pane = window.cases_pane
    qtbot.waitUntil(lambda: any(pane.model.case_at(i).title == "Renamed by import"
                                for i in range(pane.model.rowCount())), timeout=10_000)


def test_cancelled_import_changes_nothing(qtbot: Any, app_and_ids: Any, tmp_path: Path,
                                          monkeypatch: Any) -> None:
    app, _ids = app_and_ids
    target = tmp_path / "p.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    app.window.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    document = json.loads(target.read_text(encoding="utf-8"))
    document["cases"][0]["title"] = "Should not arrive"
    target.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    asked: list[str] = []
    monkeypatch.setattr(practice_files, "confirm_import",
                        lambda _w, _name, summary: asked.append(summary.line()) and False)
    changed: list[object] = []
    app.db.changed.connect(changed.append)
    app.window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    qtbot.wait(200)
    assert "1 updated" in asked[0] and changed == []
    pane = app.window.cases_pane
    titles = [pane.model.case_at(i).title for i in range(pane.model.rowCount())]
    assert "Should not arrive" not in titles
    results: list[Any] = []
    from casedesk.services import interchange

    app.db.read(interchange.build_document, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert all(c["title"] != "Should not arrive" for c in results[0]["cases"])


def test_invalid_practice_file_changes_nothing(qtbot: Any, app_and_ids: Any, tmp_path: Path,
                                               monkeypatch: Any) -> None:
    app, _ids = app_and_ids
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "casedesk-practice", "version": 1, "firm": null, '
                   '"staff": [], "contacts": [], "cases": [{"id": "nope"}]}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(bad), "")))
    errors: list[str] = []
    monkeypatch.setattr(practice_files, "show_error",
                        lambda _parent, message, details="": errors.append(message))
    changed: list[object] = []
    app.db.changed.connect(changed.append)
    app.window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "cases[0]" in errors[0]
    assert changed == []


def test_csv_import_shows_the_dry_run_then_imports(qtbot: Any, app_and_ids: Any,
                                                   tmp_path: Path, monkeypatch: Any) -> None:
    app, _ids = app_and_ids
    sheet = tmp_path / "contacts.csv"
    sheet.write_text("Name,E-mail,Company\nZelda Zimmerman,zz@example.com,Zimmer GmbH\n",
                     encoding="utf-8")
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *a, **k: ("Contacts", True)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(sheet), "")))
    reports: list[Any] = []

    def confirm(_window: Any, _name: str, report: Any) -> bool:
        reports.append(report)
        return True

    monkeypatch.setattr(practice_files, "confirm_csv", confirm)
    with qtbot.waitSignal(app.db.changed, timeout=10_000) as blocker:
        app.window.import_csv_action.trigger()
    assert blocker.args[0].contacts
    assert "1 created" in reports[0].summary(dry_run=True)
    box = app.window.search_box
    qtbot.keyClicks(box, "zelda")
    qtbot.waitUntil(lambda: len(box.hit_ids()) == 1, timeout=10_000)


def _add_document(app: Any, case_id: Any, tmp_path: Path, data: bytes) -> Any:
    from casedesk.persistence.practice import Practice
    from casedesk.services import documents

    source = tmp_path / "Scheduling order.pdf"
    source.write_bytes(data)
    with Practice(app.db.location) as practice:
        (doc_id,) = documents.add_files(practice.write, practice.read, practice.blobs,
                                        case_id=case_id, paths=[source])
    return doc_id


def test_export_and_import_carry_the_document_files(qtbot: Any, app_and_ids: Any,
                                                    tmp_path: Path, monkeypatch: Any) -> None:
    """The menus write the files folder beside the JSON and import from it, checked first."""
    import hashlib
    import shutil

    from casedesk.persistence.practice import Practice
    from casedesk.services import documents

    app, ids = app_and_ids
    data = b"%PDF-1.4 scheduling order, entered 2026-11-02"
    doc_id = _add_document(app, ids["case1"], tmp_path, data)
    target = tmp_path / "out" / "practice.json"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    app.window.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    digest = hashlib.sha256(data).hexdigest()
    assert (tmp_path / "out" / "practice.files" / digest).read_bytes() == data

    document = json.loads(target.read_text(encoding="utf-8"))
    case = next(c for c in document["cases"] if c["documents"])
    case["documents"][0]["title"] = "Scheduling order (entered)"
    edited = tmp_path / "in" / "edited.json"
    edited.parent.mkdir()
    edited.write_text(json.dumps(document), encoding="utf-8")
    shutil.copytree(tmp_path / "out" / "practice.files", tmp_path / "in" / "edited.files")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(edited), "")))
    errors: list[str] = []
    monkeypatch.setattr(practice_files, "show_error",
                        lambda _w, message, _details=None: errors.append(message))
    monkeypatch.setattr(practice_files, "confirm_import", lambda *_a: True)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _parent, _title, text: shown.append(text)))

    # A damaged file in the folder: refused before anything changes.
    damaged = tmp_path / "in" / "edited.files" / digest
    damaged.chmod(0o644)
    damaged.write_bytes(b"tampered")
    app.window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "damaged" in errors[0] or "bytes" in errors[0]
    with Practice(app.db.location) as practice:
        assert practice.read(documents.get_document, doc_id).title == "Scheduling order"

    damaged.write_bytes(data)
    app.window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    with Practice(app.db.location) as practice:
        assert practice.read(documents.get_document, doc_id).title == (
            "Scheduling order (entered)")
