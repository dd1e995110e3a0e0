"""Bulk insert of generated rows into the ORM tables, in foreign-key order.

Every value goes through its column's own type (UUIDs, aware-UTC datetimes via UTCDateTime,
enums, JSON), so the rows come out exactly as the services would have written them. On SQLite
the values are bound with those types' processors and handed to the driver's executemany,
skipping SQLAlchemy's per-row parameter bookkeeping (several times faster for a million rows);
other databases take the ordinary Core executemany path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert
from sqlmodel import Session, SQLModel

BATCH = 10_000
BULK_CACHE_KIB = 256 * 1024  # SQLite page cache while bulk loading (random UUID keys)
Row = dict[str, Any]
Processor = Callable[[Any], Any]


def _memoized(process: Processor, seen: dict[Any, Any]) -> Processor:
    """The same processor, remembering its answers (a date or a case id recurs many times)."""

    def memo(value: Any) -> Any:  # a type's processor is a pure function of the value
        try:
            return seen[value]
        except KeyError:
            result = seen[value] = process(value)
            return result

    return memo


class BulkWriter:
    """Inserts batches of rows (table name -> rows) in the session's transaction."""

    def __init__(self, session: Session, *, fast: bool = True) -> None:
        self.connection: Connection = session.connection()
        self.fast = fast and self.connection.dialect.name == "sqlite"
        self.tables = SQLModel.metadata.sorted_tables  # parents before children
        self._statements: dict[str, tuple[str, list[tuple[str, Processor | None]]] | None] = {}
        # Answers shared by every column of the same type: a note's created_at is also its
        # activity's `at`, a case id recurs in its parties, notes, tasks and activities.
        self._memos: dict[str, dict[Any, Any]] = {}

    def __call__(self, rows: dict[str, list[Row]]) -> None:
        unknown = set(rows) - {table.name for table in self.tables}
        if unknown:
            raise ValueError(f"no such tables: {', '.join(sorted(unknown))}")
        for table in self.tables:
            batch = rows.get(table.name)
            if batch:
                self._insert(table, batch)
        for seen in self._memos.values():  # repeats fall within one batch; keep memory flat
            seen.clear()

    @contextmanager
    def bulk_load(self) -> Iterator[BulkWriter]:
        """A big SQLite page cache while loading, then the usual one again.

        A million rows keyed by random UUIDs touch index pages all over the file; with the
        default 2 MB cache most of the time would go to evicting and re-reading them.
        """
        if self.connection.dialect.name != "sqlite":
            yield self
            return
        previous = self.connection.exec_driver_sql("PRAGMA cache_size").scalar()
        self.connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        try:
            yield self
        finally:
            self.connection.exec_driver_sql(f"PRAGMA cache_size={int(previous or -2000)}")

    def _insert(self, table: Table, batch: list[Row]) -> None:
        prepared = self._prepare(table, batch[0]) if self.fast else None
        if prepared is None:
            for start in range(0, len(batch), BATCH):
                self.connection.execute(insert(table), batch[start:start + BATCH])
            return
        sql, pairs = prepared
        for start in range(0, len(batch), BATCH):
            chunk = batch[start:start + BATCH]
            # Column by column (map over a list) is several times quicker than row by row.
            columns = []
            for key, process in pairs:
                values = [row[key] for row in chunk]
                columns.append(list(map(process, values)) if process else values)
            self.connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))

    def _prepare(self, table: Table,
                 sample: Row) -> tuple[str, list[tuple[str, Processor | None]]] | None:
        """The positional INSERT and each column's processor, or None to use plain Core."""
        if table.name in self._statements:
            return self._statements[table.name]
        dialect = self.connection.dialect
        keys = list(sample)
        compiled = insert(table).compile(dialect=dialect, column_keys=keys)
        order = list(compiled.positiontup or ())
        prepared = None
        if sorted(order) == sorted(keys):  # else the statement adds defaults of its own
            pairs: list[tuple[str, Processor | None]] = []
            for key in order:
                column = table.c[key]
                process: Processor | None = column.type.dialect_impl(dialect).bind_processor(
                    dialect)
                if process is not None and not isinstance(column.type, JSON):
                    process = _memoized(process, self._memos.setdefault(repr(column.type), {}))
                pairs.append((key, process))
            prepared = (str(compiled), pairs)
        self._statements[table.name] = prepared
        return prepared
