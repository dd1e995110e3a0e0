"""`casedesk search "QUERY" [--case NUMBER] [--kind KIND]... [--limit N] [--json]`: full-text
search over documents, cases, contacts, notes and correspondence, one hit per line.

The index is brought up to date first (progress on stderr when there is work). Each line is
`kind<TAB>case number<TAB>title<TAB>snippet`, matched terms in the snippet as [term].
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

KINDS = ("document", "case", "contact", "note", "correspondence")
MAX_LIMIT = 500


def hit_limit(text: str) -> int:
    """A --limit value: a whole number from 1 to MAX_LIMIT (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 1 and {MAX_LIMIT}")
    return value


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("query", metavar="QUERY",
                        help='words to find (all of them); "a phrase", OR between two words, '
                             "-word to leave out; the last word also matches as a prefix "
                             '(a query starting with "-" goes after --)')
    parser.add_argument("--case", metavar="NUMBER", help="only this case's things")
    parser.add_argument("--kind", choices=KINDS, action="append", dest="kinds",
                        help="only this kind of thing (repeat for several)")
    parser.add_argument("--limit", type=hit_limit, default=50, metavar="N",
                        help=f"at most N hits (1-{MAX_LIMIT}, default 50)")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")


def progress_printer(verb: str = "indexing") -> Callable[[int, int], None]:
    """A progress callback writing "indexing: 1,200 of 5,000" to stderr every second or so."""
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done in (0, total) or now - last[0] >= 1.0:
            last[0] = now
            print(f"{verb}: {done:,} of {total:,}", file=sys.stderr, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice
    from casedesk.domain.errors import InvalidInput
    from casedesk.services.search_query import parse_query

    if parse_query(args.query).is_empty:
        raise InvalidInput(f"{args.query!r} has nothing to search for: give at least one word "
                           "(a -word only leaves things out).", field="query")
    with open_practice(args, must_exist=True) as practice:
        from casedesk.services import cases, search_index

        case_id = (practice.read(lambda s: cases.find_case_by_number(s, args.case).id)
                   if args.case is not None else None)
        search_index.index_pending(practice.engine, practice.blobs,
                                   progress=progress_printer())
        hits = search_index.search(practice.reader, args.query, limit=args.limit,
                                   kinds=args.kinds, case_id=case_id)
    show = search_index.highlight_brackets
    if args.json:
        print(json.dumps([{"kind": h.kind, "id": str(h.ref_id), "case_number": h.case_number,
                           "title": h.title, "snippet": show(h.snippet)} for h in hits],
                         indent=2, ensure_ascii=False))
    else:
        for hit in hits:
            print("\t".join((hit.kind, hit.case_number or "-", " ".join(hit.title.split()),
                             show(hit.snippet))))
    if not hits:
        print("No matches.", file=sys.stderr)
    return 0
