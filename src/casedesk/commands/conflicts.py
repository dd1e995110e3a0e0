"""`casedesk conflicts "NAME"`: the conflict search, one hit per line."""

from __future__ import annotations

import argparse
import json
import sys


def score(text: str) -> float:
    """A --threshold value: a number from 0 to 100 (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; give a score from 0 to "
                                         "100") from None
    if not 0 <= value <= 100:  # also refuses nan, which compares false with everything
        raise argparse.ArgumentTypeError(f"{text!r} is not a score from 0 to 100")
    return value


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("names", nargs="+", metavar="NAME",
                        help="a name to check (several names are checked together)")
    parser.add_argument("--threshold", type=score, default=None, metavar="SCORE",
                        help="lowest score (0-100) to report (default 65)")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")


def run(args: argparse.Namespace) -> int:
    from casedesk.commands.common import open_practice

    # Open (or refuse) the practice first: a mistyped folder is refused without loading the
    # database libraries.
    with open_practice(args, must_exist=True) as practice:
        from casedesk.services import conflicts

        threshold = conflicts.DEFAULT_THRESHOLD if args.threshold is None else args.threshold
        hits = practice.read(conflicts.search, args.names, threshold=threshold)
    if args.json:
        print(json.dumps([{"name": h.name, "matched_name": h.matched_name,
                           "role": h.role_label, "case_number": h.case_number,
                           "case_title": h.case_title, "score": h.score} for h in hits],
                         indent=2))
        return 0
    if not hits:
        print(f"no possible conflicts found for {', '.join(args.names)}", file=sys.stderr)
    # One hit per line, tab-separated: name, role, case number, case title, score.
    for hit in hits:
        print("\t".join((hit.name, hit.role_label, hit.case_number or "-",
                         hit.case_title or "-", f"{hit.score:.0f}")))
    return 0
