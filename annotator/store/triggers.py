"""Row triggers written once for both backends: SQLite's inline body, PostgreSQL's PL/pgSQL
function of the same name (running counts, span counts, the index of names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection


def create_trigger(connection: Connection, trigger: str, when: str, table: str, body: str) -> None:
    """A row trigger running `body` (statements separated by "; "), on SQLite or PostgreSQL."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"CREATE TRIGGER {trigger} {when} ON {table} FOR EACH ROW BEGIN {body}; END")
        return
    returned = "OLD" if when.startswith("BEFORE") else "NULL"
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {body}; RETURN {returned}; END $$"
    )
    connection.exec_driver_sql(f"CREATE TRIGGER {trigger} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {trigger}()")


def drop_trigger(connection: Connection, trigger: str, table: str) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
        return
    connection.exec_driver_sql(f"DROP TRIGGER {trigger} ON {table}")
    connection.exec_driver_sql(f"DROP FUNCTION {trigger}()")
