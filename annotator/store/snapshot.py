"""Reading in plain SQL, in one read transaction: rows as the driver gives them.

On a SQLite file the snapshot is a sqlite3 connection of its own, so a command that only reads
(`export`) does not import SQLAlchemy, a quarter of a second before its first row. That
connection is SQLite's own, opened by SQLite like any other (never another handle on the file
behind its back), and it never creates the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from annotator.core.errors import StorageError, one_line

Rows = Callable[[str, Mapping[str, Any]], Iterator[tuple[Any, ...]]]
"""Runs a statement with named parameters (:name); its rows, fetched in batches as they are read."""

BATCH = 1000  # rows fetched at a time


def storage_error(reason: str) -> StorageError:
    """A database failure (locked, disk full, gone) as the user reads it."""
    if "locked" in reason or "busy" in reason or "lock timeout" in reason:
        return StorageError("the database is busy with another program's changes; try again in a moment")
    return StorageError(f"database: {one_line(reason)}")


@contextmanager
def sqlite_snapshot(path: Path, busy_timeout: float) -> Iterator[Rows]:
    """A deferred read transaction on the SQLite file at `path`: every statement run in it sees
    the database as of its first read, whatever other processes write meanwhile (WAL)."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as e:
        raise storage_error(str(e)) from e
    try:
        connection.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        connection.execute("BEGIN")

        def rows(sql: str, params: Mapping[str, Any]) -> Iterator[tuple[Any, ...]]:
            cursor = connection.execute(sql, params)
            return chain.from_iterable(iter(lambda: cursor.fetchmany(BATCH), []))

        yield rows
    except sqlite3.OperationalError as e:
        raise storage_error(str(e)) from e
    finally:
        connection.close()  # (ends the read transaction)


@contextmanager
def commits_held(path: Path, wait: float) -> Iterator[Callable[[], None] | None]:
    """SQLite's write lock on the file at `path`, held so that no commit lands while read
    transactions begin, in this process and others: they all see one and the same database.

    Yields the lock's release, to call once they have all read (or leave to the end of the
    block); or None when the lock cannot be had within `wait` seconds (another program is
    writing, the file is read-only). Readers never wait for it (WAL).
    """
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=wait, isolation_level=None)
    except sqlite3.Error:
        yield None
        return
    try:
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error:
            yield None
            return

        def release() -> None:
            if connection.in_transaction:
                connection.execute("ROLLBACK")

        yield release
    finally:
        connection.close()  # (a rollback, if not released)
