"""What the subcommands share: opening the practice from the global options."""

from __future__ import annotations

import argparse

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice


def open_practice(args: argparse.Namespace) -> Practice:
    """The practice named by --data-dir/--database-url (created on first use)."""
    return Practice(resolve(args.data_dir, args.database_url))
