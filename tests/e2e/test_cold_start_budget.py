"""The case's Budget tab is built the first time it is shown, so importing the main window
does not import it (nor its dialogs); and importing it then still loads no SQLAlchemy (the
tab's reads import the services on the DB worker). Each check runs in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

from tests.e2e.test_cold_start import _loaded_after

BUDGET_MODULES = ("casedesk.ui.widgets.case_budget", "casedesk.ui.widgets.case_budget_actions",
                  "casedesk.ui.dialogs.budget_dialog", "casedesk.ui.dialogs.expense_dialog",
                  "casedesk.ui.dialogs.time_entry_dialog", "casedesk.services.budget_rows")


def _modules_after(code: str, names: tuple[str, ...]) -> list[str]:
    """Which of `names` a fresh interpreter holds after running `code`."""
    probe = (f"import sys\n{code}\n"
             f"print(','.join(m for m in {names!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split(",") if done.stdout.strip() else []


def test_importing_the_window_leaves_the_budget_tab_out() -> None:
    loaded = _modules_after("import casedesk.app\nimport casedesk.ui.main_window",
                            ("casedesk.ui.main_window", "casedesk.ui.panes.case_detail",
                             *BUDGET_MODULES))
    assert loaded == ["casedesk.ui.main_window", "casedesk.ui.panes.case_detail"]


def test_the_budget_tab_and_its_dialogs_load_no_sqlalchemy() -> None:
    assert _loaded_after("import casedesk.app\nimport casedesk.ui.main_window\n"
                         "import casedesk.ui.widgets.case_budget", BUDGET_MODULES) == []
