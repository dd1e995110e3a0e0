"""`casedesk selftest [--screenshots DIR]`: the real main window, offscreen, on a temporary
sample practice: visit every pane, create and edit a case, optionally save a PNG per pane."""

from __future__ import annotations

import argparse
import os
import sys
import time

MIN_SIDE = 320  # pixels; smaller windows cannot lay the panes out


def window_size(text: str) -> tuple[int, int]:
    """A --size value such as 1280x800, each side at least MIN_SIDE (argparse type)."""
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must look like 1280x800, not {text!r}") from None
    if width < MIN_SIDE or height < MIN_SIDE:
        raise argparse.ArgumentTypeError(f"{text!r} is too small; width and height must each "
                                         f"be at least {MIN_SIDE}")
    return width, height


def add_arguments(parser: argparse.ArgumentParser, _name: str) -> None:
    parser.add_argument("--screenshots", metavar="DIR",
                        help="save a PNG of each pane into DIR (created if missing)")
    parser.add_argument("--size", type=window_size, default=(1280, 800), metavar="WxH",
                        help="window size for the screenshots (default 1280x800)")
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--cases", type=int, default=60, metavar="N",
                        help="cases in the temporary sample practice (default 60)")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from casedesk.ui.selftest import SEED, SelfTestFailed, run_selftest

    if "TZ" not in os.environ and hasattr(time, "tzset"):
        # Render as a desk in the sample firm's own city would: the calendar places times on
        # the computer's clock, and a build machine's UTC would put a 9:00 meeting at 16:00.
        from casedesk.services.demo.generator import region_time_zone

        os.environ["TZ"] = region_time_zone(SEED)
        time.tzset()

    try:
        for line in run_selftest(screenshots=args.screenshots, size=args.size,
                                 dark=args.dark, cases=args.cases):
            print(line, flush=True)
    except SelfTestFailed as exc:
        print(f"casedesk: selftest failed: {exc}", file=sys.stderr)
        return 1
    print("selftest passed")
    return 0
