"""First run on an empty practice: set up the firm (and you), or open the sample practice."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from casedesk.domain.changes import Changes
from casedesk.ui.db import JobError
from casedesk.ui.dialogs.error_dialog import show_error

if TYPE_CHECKING:
    from casedesk.app import App

SAMPLE_CASES = 200
SAMPLE_SEED = 2026


def run_first_run(app: App) -> None:
    """Ask what to do with the empty practice, then do it."""
    from casedesk.ui.dialogs.first_run import FirstRunChoice, FirstRunDialog

    answer = FirstRunDialog.ask(app.window)
    if answer.choice is FirstRunChoice.SET_UP and answer.firm and answer.staff:
        from casedesk.services import firm

        def done(result: tuple[Changes, Any]) -> None:
            app.lookups.set_current_staff(result[1])
            app.window.show_message("Your firm is set up. Open your first case with Ctrl+N.")

        app.db.write(firm.set_up_practice, firm=answer.firm.as_kwargs(),
                     staff=answer.staff.as_kwargs(), on_done=done,
                     on_error=lambda e: _failed(app, e))
    elif answer.choice is FirstRunChoice.SAMPLE:
        load_sample_practice(app)
    else:
        app.window.close()


def load_sample_practice(app: App) -> None:
    """Fill the (empty) practice with the sample practice, off the GUI thread."""
    from casedesk.services import demo

    app.window.show_message("Creating the sample practice…")

    def done(_summary: object) -> None:
        app.db.changed.emit(Changes.everything())
        app.window.show_message(f"Sample practice with {SAMPLE_CASES} cases ready.")

    from casedesk.persistence.blob_store import BlobStore

    files = demo.DemoFiles(BlobStore(app.db.location.documents_dir))

    def failed(error: JobError) -> None:
        files.discard()  # the documents' files, as the transaction did not commit
        _failed(app, error)

    app.db.write(demo.generate, cases=SAMPLE_CASES, seed=SAMPLE_SEED, today=date.today(),
                 files=files, on_done=done, on_error=failed)


def _failed(app: App, error: JobError) -> None:
    show_error(app.window, error.message, error.details)
