"""The corpus pane's filter index: each document's title, source and id, the three things its
text filter matches, in an FTS5 table with the trigram tokenizer (SQLite only).

A filter of three characters or more reads the documents holding every trigram of it (folded
for case, and a few holding them apart or across two of the fields) and confirms each with the
filter's own LIKE; a million documents are not scanned. Shorter filters, and PostgreSQL, scan.

A trigger indexes each document as it is inserted, whoever inserts it. Like the search index
(store/search_index.py), the table is contentless and rows are never deleted: ids are never
reused, so a removed document's row matches nothing that is still there. A changed title, source
or id is indexed as well, beside the old one, which then only adds a candidate LIKE leaves out.
"""

from __future__ import annotations

from sqlalchemy import Connection

from annotator.store.tallies import create_trigger, drop_trigger

TABLE = "document_names"
INDEXED = 3  # filters at least this long are answered through the index
_NAMES = "coalesce({row}.title, '') || char(10) || coalesce({row}.source, '') || char(10) || {row}.uid"
_TRIGGERS = {"documents_names_insert": "AFTER INSERT", "documents_names_update": "AFTER UPDATE OF title, source, uid"}


def create(connection: Connection) -> None:
    """The table and its triggers (empty: `fill` indexes what is there). Nothing on PostgreSQL."""
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(body, content='', detail=none, "
                               "tokenize='trigram')")
    for trigger, when in _TRIGGERS.items():
        create_trigger(connection, trigger, when, "documents",
                       f"INSERT INTO {TABLE} (rowid, body) VALUES (NEW.id, {_NAMES.format(row='NEW')})")


def fill(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"INSERT INTO {TABLE} (rowid, body) SELECT id, {_NAMES.format(row='documents')} "
                                   "FROM documents")


def drop(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    for trigger in _TRIGGERS:
        drop_trigger(connection, trigger, "documents")
    connection.exec_driver_sql(f"DROP TABLE {TABLE}")
