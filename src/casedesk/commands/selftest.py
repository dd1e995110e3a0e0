"""`casedesk selftest [--screenshots DIR]`: the real main window, offscreen, on a temporary
sample practice: visit every pane, create and edit a case, optionally save a PNG per pane."""

from __future__ import annotations

import argparse
import os
import sys


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("--screenshots", metavar="DIR",
                        help="save a PNG of each pane into DIR (created if missing)")
    parser.add_argument("--size", default="1280x800", metavar="WxH",
                        help="window size for the screenshots (default 1280x800)")
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--cases", type=int, default=60, metavar="N",
                        help="cases in the temporary sample practice (default 60)")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from casedesk.ui.selftest import SelfTestFailed, run_selftest

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        print(f"casedesk: error: --size must look like 1280x800, not {args.size!r}",
              file=sys.stderr)
        return 2
    try:
        for line in run_selftest(screenshots=args.screenshots, size=(width, height),
                                 dark=args.dark, cases=args.cases):
            print(line, flush=True)
    except SelfTestFailed as exc:
        print(f"casedesk: selftest failed: {exc}", file=sys.stderr)
        return 1
    print("selftest passed")
    return 0
