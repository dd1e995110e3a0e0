"""Shared fixtures: a fresh practice in a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "practice"


@pytest.fixture
def practice(data_dir: Path) -> Iterator[Practice]:
    p = Practice(resolve(data_dir))
    try:
        yield p
    finally:
        p.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database, dropped afterwards (skips without a server)."""
    from tests import pg

    reason = pg.unreachable_reason()
    if reason is not None:
        pytest.skip(reason)
    with pg.fresh_database() as name:
        yield pg.sqlalchemy_url(name)
