"""Practice-level file work from the GUI: export/import the JSON practice file, import a CSV
spreadsheet (after showing a dry-run report), and the firm's details. All off the GUI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from casedesk.ui import settings as keys
from casedesk.ui.db import JobError
from casedesk.ui.dialogs.error_dialog import show_error

if TYPE_CHECKING:
    from sqlmodel import Session

    from casedesk.ui.main_window import MainWindow


def _folder(window: MainWindow) -> str:
    return window.settings.get(keys.LAST_FOLDER) or str(Path.home())


def _remember(window: MainWindow, path: str) -> None:
    window.settings.set(keys.LAST_FOLDER, str(Path(path).parent))


def _failed(window: MainWindow, error: JobError) -> None:
    show_error(window, error.message, error.details)


def export_to_file(session: Session, path: Path, documents_dir: Path) -> str:
    """Build the practice document and write it with its files folder (both atomically);
    returns a one-line summary."""
    from casedesk.export.interchange_files import files_folder, write_export
    from casedesk.persistence.blob_store import BlobStore
    from casedesk.services import interchange

    document = interchange.build_document(session)
    files = write_export(path, document, BlobStore(documents_dir))
    where = (f" (document files in {files_folder(path).name})" if files else "")
    return (f"Exported {len(document['cases']):,} cases, {len(document['contacts']):,} contacts "
            f"and {len(document['staff']):,} staff to {path.name}{where}")


def export_practice(window: MainWindow) -> None:
    suggested = str(Path(_folder(window)) / f"casedesk-practice-{date.today():%Y-%m-%d}.json")
    path, _filter = QFileDialog.getSaveFileName(window, "Export the practice", suggested,
                                                "casedesk practice (*.json)")
    if not path:
        return
    _remember(window, path)
    window.show_message("Exporting the practice…")
    window.db.read(export_to_file, Path(path), window.db.location.documents_dir,
                   on_done=window.show_message, on_error=lambda e: _failed(window, e))


def _parse_practice_file(path: Path) -> Any:
    """Parse the JSON and check every document file it names in the folder beside it."""
    from casedesk.export.interchange import read_document_file
    from casedesk.export.interchange_files import files_folder, verify_files
    from casedesk.export.interchange_parse import parse_document

    practice = parse_document(read_document_file(path))
    folder = files_folder(path)
    verify_files(practice, folder if folder.is_dir() else None)
    return practice


def _import_with_files(location: Any, practice: Any, folder: Path) -> Any:
    """The import itself, on the worker: rows in one transaction, files copied into the
    store and removed again if the transaction fails (services.interchange)."""
    from casedesk.persistence.blob_store import BlobStore
    from casedesk.persistence.engine import make_engine
    from casedesk.persistence.uow import read_session, unit_of_work
    from casedesk.services import interchange

    engine = make_engine(location.database_url)

    def write(fn: Any, **kwargs: Any) -> Any:
        with unit_of_work(engine) as session:
            return fn(session, **kwargs)

    def read(fn: Any, *args: Any) -> Any:
        with read_session(engine) as session:
            return fn(session, *args)

    try:
        return interchange.import_with_files(
            write, read, BlobStore(location.documents_dir), practice=practice,
            folder=folder if folder.is_dir() else None, files_checked=True)
    finally:
        engine.dispose()


def import_practice(window: MainWindow) -> None:
    path, _filter = QFileDialog.getOpenFileName(window, "Import a practice file", _folder(window),
                                                "casedesk practice (*.json)")
    if not path:
        return
    _remember(window, path)
    from casedesk.export.interchange_files import files_folder

    folder = files_folder(Path(path))
    location = window.db.location

    def parsed(practice: Any) -> None:
        def previewed(summary: Any) -> None:
            if not confirm_import(window, Path(path).name, summary):
                window.show_message("Import cancelled; nothing was changed.")
                return

            def imported(result: Any) -> None:
                window.db.changed.emit(result[0])
                _imported(window, result[1])

            window.db.call(_import_with_files, location, practice, folder,
                           on_done=imported, on_error=lambda e: _failed(window, e))

        # A dry run first (in a session that is rolled back): the user sees what the file
        # would add and overwrite before anything is written.
        window.db.read(_import_dry_run, practice, folder, location.documents_dir,
                       on_done=previewed, on_error=lambda e: _failed(window, e))

    window.show_message("Checking the practice file…")
    window.db.call(_parse_practice_file, Path(path), on_done=parsed,
                   on_error=lambda e: _failed(window, e))


def _import_dry_run(session: Session, practice: Any, folder: Path, documents_dir: Path) -> Any:
    from casedesk.persistence.blob_store import BlobStore
    from casedesk.services import interchange
    from casedesk.services.interchange_documents_write import FileImport

    files = (FileImport(folder, BlobStore(documents_dir), copy=False) if folder.is_dir()
             else None)
    return interchange.import_practice(session, practice=practice, files=files)[1]


def confirm_import(window: MainWindow, name: str, summary: Any) -> bool:
    """Say what the import would change and ask to go ahead (tests monkeypatch this)."""
    line = summary.line().replace("imported:", "would import:", 1)
    box = QMessageBox(QMessageBox.Icon.Question, "Import a practice file", f"{name}: {line}",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
    box.button(QMessageBox.StandardButton.Ok).setText("Import")
    box.setInformativeText("Records in the file replace the same records here, including any "
                           "changes made here since the file was written. Nothing is deleted. "
                           "Import?")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Ok


def _imported(window: MainWindow, summary: Any) -> None:
    line = summary.line()
    window.show_message(line)
    QMessageBox.information(window, "Import finished", line)


def _csv_dry_run(session: Session, data: bytes, kind: str) -> Any:
    """The import in a session that is rolled back: exactly what a real import would do."""
    from casedesk.services.csv_import import import_csv

    return import_csv(session, data=data, kind=kind)[1]


def import_csv(window: MainWindow) -> None:
    kinds = {"Contacts": "contacts", "Cases": "cases"}
    label, ok = QInputDialog.getItem(window, "Import from a spreadsheet",
                                     "What does the CSV file hold?", list(kinds), 0, False)
    if not ok:
        return
    path, _filter = QFileDialog.getOpenFileName(window, f"Import {label.lower()} from CSV",
                                                _folder(window), "CSV files (*.csv *.txt)")
    if not path:
        return
    _remember(window, path)
    kind = kinds[label]
    window.db.call(Path(path).read_bytes, on_done=lambda data: _check_csv(window, path, data,
                                                                           kind),
                   on_error=lambda e: _failed(window, e))


def _check_csv(window: MainWindow, path: str, data: bytes, kind: str) -> None:
    def checked(report: Any) -> None:
        if not confirm_csv(window, Path(path).name, report):
            return
        from casedesk.services.csv_import import import_csv as run_import

        window.db.write(run_import, data=data, kind=kind,
                        on_done=lambda result: window.show_message(result[1].summary()),
                        on_error=lambda e: _csv_failed(window, e))

    window.db.read(_csv_dry_run, data, kind, on_done=checked,
                   on_error=lambda e: _csv_failed(window, e))


def _report_lines(report: Any) -> str:
    lines = [str(a) for a in report.actions]
    lines += [f"warning: {w}" for w in report.warnings]
    lines += [f"problem: {p}" for p in report.problems]
    return "\n".join(lines)


def confirm_csv(window: MainWindow, name: str, report: Any) -> bool:
    """Show what the import would do and ask to go ahead (tests monkeypatch this)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Import from a spreadsheet",
                      f"{name}: {report.summary(dry_run=True)}.",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
    box.button(QMessageBox.StandardButton.Ok).setText("Import")
    box.setInformativeText("Nothing has been written yet. Import these rows?")
    box.setDetailedText(_report_lines(report))
    return box.exec() == QMessageBox.StandardButton.Ok


def _csv_failed(window: MainWindow, error: JobError) -> None:
    report = getattr(error.error, "report", None)
    if report is None:
        _failed(window, error)
        return
    count = len(report.problems)
    show_error(window, f"The spreadsheet has {count} problem{'s' if count != 1 else ''}; "
                       "nothing was imported. Fix them and import again.",
               _report_lines(report))


def edit_firm(window: MainWindow) -> None:
    from casedesk.services import firm
    from casedesk.ui.dialogs.firm_dialog import FirmDialog

    def loaded(row: Any) -> None:
        answer = FirmDialog.ask(window, firm=row)
        if answer is not None:
            window.db.write(firm.save_firm, on_done=lambda _r: window.show_message(
                "Firm details saved"), on_error=lambda e: _failed(window, e),
                **answer.as_kwargs())

    window.db.read(firm.get_firm, on_done=loaded, on_error=lambda e: _failed(window, e))
