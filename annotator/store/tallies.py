"""Running counts of annotations, kept by the database itself: `annotator stats` and the
Progress charts read a few hundred rows instead of counting millions of spans.

`tallies` holds, for each corpus, kind of annotation ("span", "event", "relation"), label or
type, annotator and day made, how many there are. Triggers keep it in step in the transaction
of every write (imports, the window, scripts, another process): an insert counts up, a delete
counts down, a relabel moves one from the old label to the new. A document's annotations are
counted down before it is deleted (its cascade would no longer find its corpus).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.store.triggers import create_trigger, drop_trigger

if TYPE_CHECKING:
    from sqlalchemy import Connection

TABLE = "tallies"
COUNTS = (
    f"SELECT t.kind, t.name, a.name, t.day, t.n FROM {TABLE} t JOIN annotators a ON a.id = t.annotator_id "
    "WHERE t.corpus_id = :corpus AND t.n > 0"
)  # (kind, label or type, annotator, day, how many)
KINDS = {"span": ("spans", "label"), "event": ("events", "type"), "relation": ("relations", "type")}


def _corpus(row: str) -> str:
    return f"(SELECT corpus_id FROM documents WHERE id = {row}.document_id)"


def _count_up(row: str, kind: str, name: str) -> str:
    return (
        f"INSERT INTO {TABLE} (corpus_id, kind, name, annotator_id, day, n) VALUES ({_corpus(row)}, "
        f"'{kind}', {row}.{name}, {row}.annotator_id, CAST(date({row}.created_at) AS TEXT), 1) "
        "ON CONFLICT (corpus_id, kind, name, annotator_id, day) DO UPDATE SET n = " + TABLE + ".n + 1"
    )


def _count_down(row: str, kind: str, name: str) -> str:
    return (
        f"UPDATE {TABLE} SET n = n - 1 WHERE corpus_id = {_corpus(row)} AND kind = '{kind}' AND "
        f"name = {row}.{name} AND annotator_id = {row}.annotator_id AND day = CAST(date({row}.created_at) AS TEXT)"
    )


def _document_gone() -> str:
    """Statements counting down a deleted document's annotations (OLD is the document)."""
    return "; ".join(
        f"UPDATE {TABLE} SET n = {TABLE}.n - x.n FROM (SELECT '{kind}' AS kind, {name} AS name, annotator_id, "
        f"CAST(date(created_at) AS TEXT) AS day, count(*) AS n FROM {table} WHERE document_id = OLD.id "
        f"GROUP BY 2, 3, 4) AS x WHERE {TABLE}.corpus_id = OLD.corpus_id AND {TABLE}.kind = x.kind "
        f"AND {TABLE}.name = x.name AND {TABLE}.annotator_id = x.annotator_id AND {TABLE}.day = x.day"
        for kind, (table, name) in KINDS.items()
    )


def create(connection: Connection) -> None:
    """The table and its triggers (empty: `fill` counts what is there)."""
    connection.exec_driver_sql(
        f"CREATE TABLE {TABLE} (corpus_id INTEGER NOT NULL, kind VARCHAR(10) NOT NULL, name VARCHAR(200) NOT NULL, "
        "annotator_id INTEGER NOT NULL, day VARCHAR(10) NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (corpus_id, kind, name, annotator_id, day))"
    )
    for kind, (table, name) in KINDS.items():
        bodies = {
            "insert": _count_up("NEW", kind, name),
            "delete": _count_down("OLD", kind, name),
            f"update_of_{name}": f"{_count_down('OLD', kind, name)}; {_count_up('NEW', kind, name)}",
        }
        for event, body in bodies.items():
            when = f"AFTER {'UPDATE OF ' + name + ', annotator_id' if event.startswith('update') else event.upper()}"
            create_trigger(connection, f"{table}_tally_{event}", when, table, body)
    create_trigger(connection, "documents_tally_delete", "BEFORE DELETE", "documents", _document_gone())


def fill(connection: Connection) -> None:
    """Count the annotations already there (the migration that creates the table)."""
    for kind, (table, name) in KINDS.items():
        connection.exec_driver_sql(
            f"INSERT INTO {TABLE} (corpus_id, kind, name, annotator_id, day, n) "
            f"SELECT d.corpus_id, '{kind}', t.{name}, t.annotator_id, CAST(date(t.created_at) AS TEXT), count(*) "
            f"FROM {table} t JOIN documents d ON d.id = t.document_id GROUP BY 1, 3, 4, 5"
        )


def drop(connection: Connection) -> None:
    for table, name in KINDS.values():
        for event in ("insert", "delete", f"update_of_{name}"):
            drop_trigger(connection, f"{table}_tally_{event}", table)
    drop_trigger(connection, "documents_tally_delete", "documents")
    connection.exec_driver_sql(f"DROP TABLE {TABLE}")
