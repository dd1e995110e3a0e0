"""`casedesk demo [--cases N] [--seed S] [--today YYYY-MM-DD]`: fill an empty data folder with a
realistic sample practice.

The same seed and reference date give the same practice, ids included; the reference date
defaults to today, so the demo's open tasks fall due around the day it is made. A folder (or
database) that already holds a practice is refused, with no --force: demo data never mixes
with real data.
"""

from __future__ import annotations

import argparse
import sys

DEFAULT_CASES = 500
DEFAULT_SEED = 1
# Bigger demos leave the full-text index to the first search: indexing every case, contact,
# note and document takes longer than making them.
INDEX_AT_ONCE = 2_000


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    """The demo command's options."""
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES, metavar="N",
                        help=f"how many cases to make (default {DEFAULT_CASES}); contacts come "
                             "to about three per case")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                        help=f"the random seed (default {DEFAULT_SEED}); the same seed gives "
                             "the same practice")
    parser.add_argument("--today", metavar="YYYY-MM-DD", default=None,
                        help="the reference date the demo's dates are laid out around "
                             "(default: today)")


def _where(location: object) -> str:
    """The folder, or the server database without its password, for messages."""
    from sqlalchemy.engine import make_url

    from casedesk.persistence.locations import DataLocation

    assert isinstance(location, DataLocation)
    if location.sqlite_path is not None:
        return str(location.data_dir)
    return "the database " + make_url(location.database_url).render_as_string(hide_password=True)


def run(args: argparse.Namespace) -> int:
    """Check the options, refuse a practice with data, generate, print the summary."""
    import time
    from datetime import date

    from casedesk.commands.common import open_practice
    from casedesk.commands.search import progress_printer
    from casedesk.domain.errors import RuleViolation
    from casedesk.services import search_index
    from casedesk.services.common import parse_date
    from casedesk.services.demo import DemoFiles, check_options, generate, holds_practice

    # Every check on the options comes before the data folder is opened (or created).
    check_options(cases=args.cases, seed=args.seed)
    today = parse_date(args.today, "today") or date.today()
    with open_practice(args) as practice:
        where = _where(practice.location)
        if practice.read(holds_practice):
            hint = "--data-dir" if practice.location.sqlite_path is not None else "database"
            raise RuleViolation(f"{where} already holds a practice; use an empty {hint}")
        print(f"making a demo practice of {args.cases} cases in {where} ...", file=sys.stderr)
        started = time.perf_counter()
        files = DemoFiles(practice.blobs)
        try:
            summary = practice.write(generate, cases=args.cases, seed=args.seed, today=today,
                                     files=files)
        except BaseException:
            files.discard()  # the documents' files, when the transaction did not commit
            raise
        elapsed = time.perf_counter() - started
        index = "search index left for the first search (or `casedesk index`)"
        if args.cases <= INDEX_AT_ONCE:  # searching works at once, not after a first wait
            search_index.index_pending(practice.engine, practice.blobs,
                                       progress=progress_printer())
            index = f"search index {time.perf_counter() - started - elapsed:.1f} s"
    print(f"demo practice: {summary.firm_name} (seed {summary.seed}, as of "
          f"{summary.reference_date.isoformat()}): {summary.describe()} in {elapsed:.1f} s "
          f"({index})")
    return 0
