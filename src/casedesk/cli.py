"""The front door: `casedesk` opens the GUI; subcommands do headless work.

Each subcommand lives in `casedesk.commands.<name>` with `add_arguments(parser)` and
`run(args) -> int`; heavy imports happen inside `run`, so `casedesk --version` and the GUI's
cold start stay quick.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from casedesk import __version__

# name -> (module, one-line help). Order is the order `casedesk --help` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "add-document": ("casedesk.commands.add_document", "add files to a case as documents"),
    "check": ("casedesk.commands.check", "verify every stored file and the database"),
    "conflicts": ("casedesk.commands.conflicts", "search every contact and party for a name"),
    "deadline": ("casedesk.commands.deadline", "compute a court deadline (FRCP 6)"),
    "demo": ("casedesk.commands.demo", "fill the data folder with a sample practice"),
    "export": ("casedesk.commands.interchange", "export the whole practice as JSON"),
    "import": ("casedesk.commands.interchange", "import (merge) a practice JSON file"),
    "import-csv": ("casedesk.commands.csv_import", "import contacts or cases from a CSV file"),
    "ics": ("casedesk.commands.ics", "write the calendar as an .ics file (Outlook, Google)"),
    "import-ics": ("casedesk.commands.ics_import", "import an .ics calendar file into a case"),
    "import-eml": ("casedesk.commands.import_eml", "import saved e-mails (.eml) into a case"),
    "letter": ("casedesk.commands.letter", "fill a Word template into a letter for a case"),
    "templates": ("casedesk.commands.templates", "list, check, add or export letter templates"),
    "requests": ("casedesk.commands.requests", "list documents requested from clients"),
    "filing": ("casedesk.commands.filing", "list, export and track a case's court filings"),
    "budget": ("casedesk.commands.budget", "show, set or revise a case's budget"),
    "time": ("casedesk.commands.time_entry", "record or list time worked on a case"),
    "expense": ("casedesk.commands.expense", "record or list a case's expenses"),
    "report": ("casedesk.commands.report", "write a management report (budget, expenses, "
               "hours, unbilled) as CSV, XLSX or PDF"),
    "search": ("casedesk.commands.search", "full-text search of documents, cases, contacts..."),
    "index": ("casedesk.commands.index", "bring the full-text search index up to date"),
    "selftest": ("casedesk.commands.selftest", "start the real window offscreen and check it"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casedesk",
        description="Case manager for a small law practice. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"casedesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="the practice's data folder (default: the user data folder; "
                             "or set CASEDESK_DATA_DIR)")
    parser.add_argument("--database-url", metavar="URL",
                        help="a shared PostgreSQL database instead of the folder's SQLite file "
                             "(or set CASEDESK_DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module = importlib.import_module(module_name)
        module.add_arguments(command_parser, name)
    return parser


def _error(message: str) -> int:
    print(f"casedesk: error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `casedesk` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        from casedesk.app import run_gui

        return run_gui(args)
    module = importlib.import_module(COMMANDS[args.command][0])
    from casedesk.domain.errors import CasedeskError

    try:
        return int(module.run(args))
    except CasedeskError as exc:
        return _error(exc.message)
    except KeyboardInterrupt:
        return _error("interrupted; nothing was changed.")
    except BrokenPipeError:
        # The reader went away (`casedesk search x | head`): stop quietly, as other tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a command cut off by a pipe
    except OSError as exc:
        name = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        return _error(f"cannot access{name}: {exc.strerror or exc}")
    except Exception as exc:
        database_problem = _database_problem(exc)
        if database_problem is None:
            raise
        return _error(database_problem)


def _database_problem(exc: Exception) -> str | None:
    """A plain message for the database refusing (busy, unreachable), else None (a bug)."""
    if not type(exc).__module__.startswith("sqlalchemy"):
        return None
    from sqlalchemy.exc import OperationalError

    if not isinstance(exc, OperationalError):
        return None
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    if "locked" in detail or "busy" in detail:
        return ("the practice database is busy (another casedesk is writing to it); "
                f"nothing was changed. Try again in a moment. ({detail})")
    return f"the practice database refused the operation; nothing was changed. ({detail})"


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main([])
