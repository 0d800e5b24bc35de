"""Live updates on PostgreSQL: every committed write tells the windows listening, at once.

Each write bumps its corpus's change counter (`corpus_state.version`); a trigger on that row
sends `pg_notify` on the channel below with "corpus id:version". PostgreSQL delivers it when
the transaction commits, and only then, so a window is never told of a write that was rolled
back. SQLite has no such channel: its windows keep polling the counter, which costs one indexed
read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

CHANNEL = "annotator_changes"
_FUNCTION = (
    "CREATE FUNCTION corpus_state_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"PERFORM pg_notify('{CHANNEL}', NEW.corpus_id || ':' || NEW.version); RETURN NULL; END $$"
)
_TRIGGER = (
    "CREATE TRIGGER corpus_state_notify AFTER UPDATE OF version ON corpus_state FOR EACH ROW "
    "EXECUTE FUNCTION corpus_state_notify()"
)


def create(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_FUNCTION)
        connection.exec_driver_sql(_TRIGGER)


def drop(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("DROP TRIGGER corpus_state_notify ON corpus_state")
        connection.exec_driver_sql("DROP FUNCTION corpus_state_notify()")


class Listener:
    """A connection of its own that listens on the channel (PostgreSQL): `fileno` for an event
    loop to watch, `changes` for the corpora changed since (non-blocking), `wait` to block."""

    def __init__(self, engine: Engine) -> None:
        self._raw = engine.raw_connection()
        self._connection: Any = cast(Any, self._raw.driver_connection)  # (psycopg's own connection)
        self._connection.autocommit = True
        self._connection.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return int(self._connection.fileno())

    def changes(self, timeout: float = 0.0) -> set[int]:
        """The corpora whose changes were told since the last call, waiting up to `timeout`
        for the first one."""
        return {int(n.payload.partition(":")[0]) for n in self._notifies(timeout)}

    def _notifies(self, timeout: float) -> Iterator[Any]:
        first = list(self._connection.notifies(timeout=timeout, stop_after=1)) if timeout else []
        yield from first
        yield from self._connection.notifies(timeout=0)

    def close(self) -> None:
        self._raw.invalidate()  # (not back to the pool: it is listening)
