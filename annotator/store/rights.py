"""Who may change which layer, on PostgreSQL: enforced by the database, not by the application.

On PostgreSQL the annotator is the database user (`session_user`), which no setting of the
client changes. A trigger on every annotation table checks, in the writing transaction, that the
layer of the row written (before and after the change) is the writer's own; members of the role
`annotator_curator` (and superusers) may write any layer, gold included. A refusal is SQLSTATE
42501 with a message the user can read.

SQLite has one user per file: the layer is the preference or the system user, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

CURATOR = "annotator_curator"
REFUSED = "42501"  # insufficient_privilege

_OWN = "SELECT name FROM annotators WHERE id = {row}.annotator_id"
_LAYER_OF = {  # the layer of a row of each table, as SQL on the row `{row}`
    "spans": _OWN,
    "events": _OWN,
    "relations": _OWN,
    "event_arguments": "SELECT a.name FROM events e JOIN annotators a ON a.id = e.annotator_id WHERE e.id = {row}.event_id",
}
GUARDED_LATER = {"assignments": _OWN}  # (made by a later migration, which guards it: `guard`)


def _guard(table: str, layer_of: str) -> str:
    """The guard function of `table` (its %% are the driver's escape of RAISE's %)."""
    check = (
        "IF layer IS NOT NULL AND layer <> session_user AND NOT pg_has_role(session_user, '{curator}', 'MEMBER') "
        "THEN RAISE EXCEPTION 'you (%%) may change only your own layer; this is %%''s (the curator''s to change)', "
        "session_user, layer USING ERRCODE = '{code}'; END IF;"
    )
    body = []
    for row, when in (("OLD", "TG_OP <> 'INSERT'"), ("NEW", "TG_OP <> 'DELETE'")):
        body.append(
            f"IF {when} THEN layer := ({layer_of.format(row=row)}); "
            f"{check.format(curator=CURATOR, code=REFUSED)} END IF;"
        )
    returned = "CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END"
    return (
        f"CREATE OR REPLACE FUNCTION {table}_layer_guard() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"DECLARE layer text; BEGIN {' '.join(body)} RETURN {returned}; END $$"
    )


def create(connection: Connection) -> None:
    """The curator role (if this user may make roles; else it must exist) and the guards."""
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{CURATOR}') THEN "
        f"CREATE ROLE {CURATOR} NOLOGIN; END IF; END $$"
    )
    for table in _LAYER_OF:
        guard(connection, table)


def guard(connection: Connection, table: str) -> None:
    """The guard trigger of one table (PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(_guard(table, {**_LAYER_OF, **GUARDED_LATER}[table]))
    connection.exec_driver_sql(
        f"CREATE TRIGGER {table}_layer_guard BEFORE INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_layer_guard()"
    )


def drop(connection: Connection, tables: tuple[str, ...] = tuple(_LAYER_OF)) -> None:
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        connection.exec_driver_sql(f"DROP TRIGGER {table}_layer_guard ON {table}")
        connection.exec_driver_sql(f"DROP FUNCTION {table}_layer_guard()")


def grant(connection: Connection, user: str, *, curator: bool) -> None:
    """Let a database user annotate here (read everything, write what the guards allow), and
    make them a curator or not."""
    from sqlalchemy import text

    quoted = connection.dialect.identifier_preparer.quote(user)
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :user"), {"user": user}).first()
    if exists is None:
        from annotator.core.errors import AnnotatorError

        raise AnnotatorError(
            f"no database user {user!r} on this server (an administrator makes it: CREATE ROLE "
            f"{quoted} LOGIN PASSWORD …)"
        )
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {quoted}")
    connection.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
    connection.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
    connection.exec_driver_sql(f"{'GRANT' if curator else 'REVOKE'} {CURATOR} {'TO' if curator else 'FROM'} {quoted}")


def is_curator(connection: Connection) -> bool:
    """Whether this connection's user may write any layer (PostgreSQL)."""
    return bool(connection.exec_driver_sql(f"SELECT pg_has_role(session_user, '{CURATOR}', 'MEMBER')").scalar())


def database_user(connection: Connection) -> str | None:
    """The annotator a PostgreSQL connection writes as (None on SQLite)."""
    if connection.dialect.name != "postgresql":
        return None
    return str(connection.exec_driver_sql("SELECT session_user").scalar())
