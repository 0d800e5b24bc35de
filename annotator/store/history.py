"""The append-only history of changes: who changed which annotation of which document, when, and
what it was before and after, written by each write in its own transaction (services).

On PostgreSQL `who` is the database user, set by a trigger on every insert (`session_user`), so
no client can write another name; on SQLite it is the annotator the window or command names.
Triggers refuse to change or remove a row of it, on both databases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from typing import TYPE_CHECKING, Any

import orjson

from annotator.store.triggers import create_trigger, drop_trigger

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from annotator.store.direct import Run

TABLE = "history"
_KEEP = {"history_no_update": "BEFORE UPDATE", "history_no_delete": "BEFORE DELETE"}
_SQLITE = (
    "INSERT INTO history (document_id, who, action, kind, target_id, before, after) "
    "VALUES (:document, :who, :action, :kind, :target, :before, :after)"
)
_ELSEWHERE = (
    "INSERT INTO history (document_id, action, kind, target_id, before, after) "
    "VALUES (:document, :action, :kind, :target, :before, :after)"
)  # (who: the trigger's)


def as_json(value: object) -> str | None:
    if value is None:
        return None
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def record(
    run: Run,
    sqlite: bool,
    document_id: int,
    who: str,
    action: str,
    kind: str,
    target: int | None,
    before: object = None,
    after: object = None,
) -> None:
    """One change, in the caller's transaction."""
    params: Mapping[str, Any] = {
        "document": document_id,
        "who": who,
        "action": action,
        "kind": kind,
        "target": target,
        "before": as_json(before),
        "after": as_json(after),
    }
    run(_SQLITE if sqlite else _ELSEWHERE, params)


def create(connection: Connection) -> None:
    """The guards that keep the table append-only, and on PostgreSQL the writer as `who`."""
    # (who is NOT NULL: on PostgreSQL the insert names none, and the trigger fills it in)
    refuse = (
        "SELECT RAISE(ABORT, 'the history is append-only')"
        if connection.dialect.name == "sqlite"
        else "RAISE EXCEPTION 'the history is append-only'"
    )
    for trigger, when in _KEEP.items():
        create_trigger(connection, trigger, when, TABLE, refuse)
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            "CREATE FUNCTION history_who() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN NEW.who := session_user; RETURN NEW; END $$"
        )
        connection.exec_driver_sql(
            "CREATE TRIGGER history_who BEFORE INSERT ON history FOR EACH ROW EXECUTE FUNCTION history_who()"
        )


def drop(connection: Connection) -> None:
    for trigger in _KEEP:
        drop_trigger(connection, trigger, TABLE)
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("DROP TRIGGER history_who ON history")
        connection.exec_driver_sql("DROP FUNCTION history_who()")


READ = (
    "SELECT id, CAST(at AS TEXT), who, action, kind, target_id, before, after FROM history "
    "WHERE document_id = :document ORDER BY id"
)
