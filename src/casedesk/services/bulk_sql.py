"""Bulk reads and writes for imports and exports of whole practices (tens of thousands of rows).

SQLAlchemy's per-row parameter handling costs tens of microseconds a row; here a statement is
compiled once, each column's own bind processor (the same conversion SQLAlchemy applies: UUIDs,
UTC datetimes, enums, JSON) is applied in a tight loop, and the driver's executemany runs it.
Works on SQLite and PostgreSQL alike; it runs in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Date, DateTime, Enum, String, Table, Uuid, select, type_coerce
from sqlalchemy.sql.dml import Insert, Update
from sqlmodel import Session, SQLModel

Row = dict[str, Any]
CHUNK = 500
SCAN_ABOVE = 2_000  # looking up more ids than this reads the whole table instead


def table(name: str) -> Table:
    """The SQLAlchemy table of one of our models, by table name."""
    return SQLModel.metadata.tables[name]


def execute_many(session: Session, statement: Insert | Update, rows: Sequence[Row]) -> None:
    """Run an INSERT or UPDATE once per row; every row must have the same keys."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(rows[0]))
    # dialect_impl: the dialect's own type (e.g. PostgreSQL's JSON wraps values for psycopg).
    processors: dict[str, Callable[[Any], Any] | None] = {
        name: bind.type.dialect_impl(dialect).bind_processor(dialect)
        for name, bind in compiled.binds.items()}
    names = list(compiled.positiontup or []) if compiled.positional else list(processors)

    columns = [(name, processors[name]) for name in names]
    # Many rows share a value (the import's timestamp, an enum): convert it once.
    last: dict[str, tuple[Any, Any]] = {name: (object(), None) for name in names}

    def convert(row: Row) -> list[Any]:
        out: list[Any] = []
        for name, fn in columns:
            value = row[name]
            if fn is None or value is None:
                out.append(value)
                continue
            seen, converted = last[name]
            if value is not seen:
                converted = fn(value)
                last[name] = (value, converted)
            out.append(converted)
        return out

    params: list[Any]
    if compiled.positional:
        params = [tuple(convert(row)) for row in rows]
    else:
        params = [dict(zip(names, convert(row), strict=True)) for row in rows]
    connection.exec_driver_sql(str(compiled), params)


@contextmanager
def large_cache(session: Session, mebibytes: int = 128) -> Iterator[None]:
    """A bigger SQLite page cache while a bulk write runs (random UUID keys touch many pages);
    the connection's own setting is restored afterwards. Nothing to do on a server."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
    connection.exec_driver_sql(f"PRAGMA cache_size=-{mebibytes * 1024}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={before}")


def uuid_text(value: Any) -> str:
    """An id as canonical UUID text, from what the driver returns (UUID or SQLite's hex)."""
    if isinstance(value, str) and len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(value)


def day_text(value: Any) -> str | None:
    """A date as YYYY-MM-DD, from what the driver returns (date or SQLite's text)."""
    if value is None:
        return None
    return value if isinstance(value, str) else str(value.isoformat())


def plain_rows(session: Session, name: str, columns: Sequence[str]) -> list[Row]:
    """Live rows for an export, cheaply: ids as UUID text, enums as their values, dates as
    YYYY-MM-DD text (no per-value objects that would only be turned back into text)."""
    tbl = table(name)
    selected: list[Any] = []
    fixes: list[tuple[str, Callable[[Any], Any]]] = []
    for column_name in columns:
        column = tbl.c[column_name]
        if isinstance(column.type, Uuid):
            selected.append(type_coerce(column, String))
            if column.nullable:
                fixes.append((column_name, lambda v: None if v is None else uuid_text(v)))
            else:
                fixes.append((column_name, uuid_text))
        elif isinstance(column.type, Enum):
            selected.append(type_coerce(column, String))
        elif isinstance(column.type, Date) and not isinstance(column.type, DateTime):
            selected.append(type_coerce(column, String))
            fixes.append((column_name, day_text))
        else:
            selected.append(column)
    query = select(*selected).where(tbl.c.deleted_at.is_(None))
    rows = _dicts(columns, session.execute(query))
    for column_name, fix in fixes:
        for row in rows:
            row[column_name] = fix(row[column_name])
    return rows


def _dicts(names: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[Row]:
    return [dict(zip(names, row, strict=True)) for row in rows]


def _selectable(tbl: Table, names: Sequence[str]) -> list[Any]:
    """Columns to select: enums as their stored text, and `deleted` as "deleted_at IS NOT
    NULL" (rows are compared, not shown, so no objects are built that are not needed)."""
    selected: list[Any] = []
    for column_name in names:
        if column_name == "deleted":
            selected.append(tbl.c.deleted_at.is_not(None).label("deleted"))
        elif isinstance(tbl.c[column_name].type, Enum):
            selected.append(type_coerce(tbl.c[column_name], String))
        else:
            selected.append(tbl.c[column_name])
    return selected


def rows_where_in(session: Session, name: str, column: str, values: Iterable[Any],
                  columns: Sequence[str] | None = None) -> list[Row]:
    """The rows whose `column` is one of `values` (chunked IN lists, or one scan when many),
    with these columns (default all; see `_selectable` for enums and `deleted`)."""
    wanted = set(values)
    if not wanted:
        return []
    tbl = table(name)
    names = list(columns or tbl.c.keys())
    if column not in names:
        names.append(column)
    query = select(*_selectable(tbl, names))
    if len(wanted) > SCAN_ABOVE:
        key = names.index(column)
        return _dicts(names, (row for row in session.execute(query) if row[key] in wanted))
    ordered = sorted(wanted, key=str)
    result: list[Row] = []
    for start in range(0, len(ordered), CHUNK):
        chunk = query.where(tbl.c[column].in_(ordered[start:start + CHUNK]))
        result.extend(_dicts(names, session.execute(chunk)))
    return result
