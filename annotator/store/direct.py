"""Plain SQL in the current transaction, for the statements every single action runs.

SQLAlchemy spends more on one small statement (building parameters, result objects, events)
than SQLite spends running it: about 0.1 ms each, five or six of them in every click. On SQLite
these go to the transaction's own sqlite3 connection (the one SQLAlchemy began, never another
handle on the file); elsewhere through SQLAlchemy's `text()`. The driver's errors are raised as
SQLAlchemy's, so callers catch one kind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError, OperationalError

Run = Callable[[str, Mapping[str, Any]], list[tuple[Any, ...]]]


def runner(connection: Connection) -> Run:
    """Runs a statement with named parameters (:name) and returns its rows."""
    if connection.dialect.name != "sqlite":

        def run_elsewhere(sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
            result = connection.execute(text(sql), params)
            return [tuple(r) for r in result] if result.returns_rows else []  # (an UPDATE returns none)

        return run_elsewhere
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)

    def run(sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        try:
            return raw.execute(sql, params).fetchall()
        except sqlite3.IntegrityError as e:
            raise IntegrityError(sql, params, e) from e
        except sqlite3.OperationalError as e:
            raise OperationalError(sql, params, e) from e

    return run
