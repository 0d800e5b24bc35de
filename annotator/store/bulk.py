"""Fast inserts for imports: ids allocated up front, and plain DB-API executemany for the rows.

SQLAlchemy's RETURNING for many rows in parameter order falls back to one statement per row
on SQLite, and its per-row parameter processing costs more than SQLite's insert itself. An
import holds SQLite's write lock (BEGIN IMMEDIATE) from its first statement, so ids after the
current maximum are free; other backends get their ids back through RETURNING.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, Table, func, insert, select


def next_ids(connection: Connection, table: Table, count: int) -> list[int] | None:
    """`count` unused ids for `table` on SQLite (inside a write transaction), else None."""
    if connection.dialect.name != "sqlite":
        return None
    first = (connection.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(first, first + count))


def json_text(value: dict[str, Any]) -> str:
    """A JSON column's value as `insert_rows` takes it."""
    return orjson.dumps(value).decode() if value else "{}"


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """executemany of plain DB-API values in `columns` order: ints, strings, None, and JSON
    columns already as text (`json_text`); no SQLAlchemy type processing happens here."""
    if not rows:
        return
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=list(columns))
    if compiled.positional:
        order = [list(columns).index(k) for k in compiled.positiontup or ()]
        params: list[Any] = rows if order == list(range(len(columns))) else [tuple(r[i] for i in order) for r in rows]
    else:
        params = [dict(zip(columns, r)) for r in rows]
    connection.exec_driver_sql(str(compiled), params)


def insert_returning_ids(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows through SQLAlchemy (types processed) and return their ids in order."""
    ids = next_ids(connection, table, len(rows))
    if ids is None:
        return list(connection.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows))
    for row, id_ in zip(rows, ids, strict=True):
        row["id"] = id_
    connection.execute(insert(table), rows)
    return ids
