"""Readers on every backend for the plain-SQL list tests: the stdlib SQLite reader, SQLAlchemy
on SQLite (the code path PostgreSQL takes) and PostgreSQL itself (skipped without a server)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from casedesk.persistence.locations import resolve
from casedesk.persistence.practice import Practice
from casedesk.persistence.reader import EngineReader, Reader
from tests import pg

BACKENDS = ["sqlite", "sqlite-engine", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def open_desk(backend: str, folder: Path) -> Iterator[tuple[Practice, Reader]]:
    """A fresh practice on the backend, and the reader a pane would use on it."""
    with ExitStack() as stack:
        url = None
        if backend == "postgresql":
            reason = pg.unreachable_reason()
            if reason is not None:
                pytest.skip(reason)
            url = pg.sqlalchemy_url(stack.enter_context(pg.fresh_database()))
        practice = stack.enter_context(Practice(resolve(folder, url)))
        reader = EngineReader(practice.engine) if backend == "sqlite-engine" else practice.reader
        yield practice, reader


def built_desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
               build: Callable[[Practice], Any]) -> Iterator[tuple[Practice, Reader, Any]]:
    """For a module-scoped fixture: one practice per backend, built once, only read after."""
    with open_desk(request.param, tmp_path_factory.mktemp("desk")) as (practice, reader):
        yield practice, reader, build(practice)
