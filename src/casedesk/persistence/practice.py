"""An open practice for headless work (CLI, tests, benchmarks): engine, reader, units of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from casedesk.persistence.blob_store import BlobStore
from casedesk.persistence.engine import make_engine
from casedesk.persistence.locations import DataLocation
from casedesk.persistence.migrate import prepare_database
from casedesk.persistence.reader import EngineReader, Reader, SqliteReader
from casedesk.persistence.uow import read_session, unit_of_work

T = TypeVar("T")


@dataclass
class Practice:
    """The practice database, opened (and created or migrated) for use."""

    location: DataLocation
    engine: Engine = field(init=False)
    _reader: Reader | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        prepare_database(self.location)
        self.engine = make_engine(self.location.database_url)

    def write(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        """Run one service call as one unit of work and return what it returned."""
        with unit_of_work(self.engine) as session:
            return fn(session, **kwargs)

    def read(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        with read_session(self.engine) as session:
            return fn(session, *args, **kwargs)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Several service calls in one unit of work."""
        with unit_of_work(self.engine) as session:
            yield session

    @property
    def blobs(self) -> BlobStore:
        """The document store (files by SHA-256) of this practice."""
        return BlobStore(self.location.documents_dir)

    @property
    def reader(self) -> Reader:
        if self._reader is None:
            path = self.location.sqlite_path
            self._reader = SqliteReader(path) if path is not None else EngineReader(self.engine)
        return self._reader

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self.engine.dispose()

    def __enter__(self) -> Practice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

