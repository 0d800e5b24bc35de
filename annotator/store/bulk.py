"""Fast inserts for imports: ids allocated up front, and plain DB-API executemany for the rows.

SQLAlchemy's RETURNING for many rows in parameter order falls back to one statement per row
on SQLite, and its per-row parameter handling costs more than SQLite's insert itself. An
import holds SQLite's write lock (BEGIN IMMEDIATE) from its first statement, so ids after the
largest ever handed out (AUTOINCREMENT's sqlite_sequence, which SQLite raises itself as the
rows go in) are free; other backends get their ids back through RETURNING.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import JSON, Connection, Table, func, insert, select, text


def table(model: type) -> Table:
    """The table of a mapped class (typed as a Table, which it is)."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def next_ids(connection: Connection, table: Table, count: int) -> list[int] | None:
    """`count` unused ids for `table` on SQLite (inside a write transaction), else None."""
    if connection.dialect.name != "sqlite":
        return None
    used = connection.scalar(text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table.name})
    first = max(used or 0, connection.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + count))


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """executemany of rows given in `columns` order, straight to the DB-API.

    Each column's own bind processor (JSON serialisation, date-time format) is applied to its
    values here, so the database stores exactly what SQLAlchemy itself would.
    """
    if not rows:
        return
    processors = [
        (i, _fast(table.c[c].type, table.c[c].type.bind_processor(connection.dialect))) for i, c in enumerate(columns)
    ]
    processors = [(i, p) for i, p in processors if p is not None]
    if processors:
        rows = [_processed(r, processors) for r in rows]
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=list(columns))
    if compiled.positional:
        order = [list(columns).index(k) for k in compiled.positiontup or ()]
        params: list[Any] = rows if order == list(range(len(columns))) else [tuple(r[i] for i in order) for r in rows]
    else:
        params = [dict(zip(columns, r, strict=True)) for r in rows]
    connection.exec_driver_sql(str(compiled), params)


def _fast(type_: Any, process: Any) -> Any:
    """The bind processor, short-cut for the most common JSON value: an empty object."""
    if process is None or not isinstance(type_, JSON):
        return process
    return lambda value: "{}" if value == {} else process(value)


def _processed(row: tuple[Any, ...], processors: list[tuple[int, Any]]) -> tuple[Any, ...]:
    values = list(row)
    for i, process in processors:
        if values[i] is not None:
            values[i] = process(values[i])
    return tuple(values)


def insert_returning_ids(
    connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> list[int]:
    """Insert rows (in `columns` order, without id) and return their new ids, in order."""
    if not rows:  # (an executemany with no parameters would insert one row of NULLs on PostgreSQL)
        return []
    ids = next_ids(connection, table, len(rows))
    if ids is None:
        returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.scalars(returning, [dict(zip(columns, r, strict=True)) for r in rows]))
    insert_rows(connection, table, ["id", *columns], [(id_, *r) for id_, r in zip(ids, rows, strict=True)])
    return ids
