"""The cold-start rule (docs/architecture.md, "Cold start"): importing the main window loads
neither SQLAlchemy nor SQLModel (nor pydantic or Alembic); the first page comes through the
plain sqlite3 reader, and `app._warm_up` imports the services on the worker after the first
paint. Each check runs in a fresh interpreter, since this test session has long loaded them."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")


def _loaded_after(code: str, expected: tuple[str, ...] = ()) -> list[str]:
    """The HEAVY modules a fresh interpreter holds after running `code` (which must have loaded
    each module in `expected`)."""
    probe = (f"import sys\n{code}\n"
             f"missing = [m for m in {expected!r} if m not in sys.modules]\n"
             "assert not missing, missing\n"
             f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split(",") if done.stdout.strip() else []


def test_importing_the_app_and_main_window_loads_no_sqlalchemy() -> None:
    # What the rule is about is really imported (a case's tabs, their models and dialogs): the
    # check does not pass merely because the window stopped importing them.
    window_modules = ("casedesk.ui.widgets.case_correspondence",
                      "casedesk.ui.widgets.case_requests", "casedesk.ui.widgets.case_filings",
                      "casedesk.ui.models.correspondence_model",
                      "casedesk.ui.dialogs.request_dialog",
                      "casedesk.ui.widgets.time_tracker", "casedesk.ui.time_actions")
    assert _loaded_after("import casedesk.app\nimport casedesk.ui.main_window",
                         window_modules) == []


def test_warm_up_imports_the_services_the_window_left_out() -> None:
    """The background import after the first paint loads them (so the first click does not
    wait), the services of a case's Correspondence, Requests and Filings tabs among them."""
    services = ("casedesk.services.correspondence", "casedesk.services.document_requests",
                "casedesk.services.filings", "casedesk.services.documents",
                "casedesk.services.letters", "casedesk.services.budgets",
                "casedesk.services.time_entries", "casedesk.services.expenses",
                "casedesk.services.budget_report")
    assert _loaded_after("import casedesk.app\ncasedesk.app._warm_up()",
                         services) == ["sqlalchemy", "sqlmodel", "pydantic"]
