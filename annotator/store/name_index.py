"""The corpus pane's filter index: each document's title, source and id, the three things its
text filter matches, as one text (the three on their own lines) in an FTS5 table with the
trigram tokenizer (SQLite only).

A filter of three characters or more, without a line break, is answered by the index alone:
the rows holding every trigram of it, confirmed by LIKE on the text kept in the index (a filter
without a line break lies within one of the three lines, so LIKE on the three lines matches
what LIKE on each field does). No document row is read, and a million documents are not
scanned. Shorter filters, and PostgreSQL, scan.

Triggers keep it in step with `documents`, whoever writes: a document is indexed as it is
inserted, again when its title, source or id change, and removed with it.
"""

from __future__ import annotations

from sqlalchemy import Connection

from annotator.store.triggers import create_trigger, drop_trigger

TABLE = "document_names"
INDEXED = 3  # filters at least this long are answered through the index
_NAMES = "coalesce({row}.title, '') || char(10) || coalesce({row}.source, '') || char(10) || {row}.uid"
_ADD = f"INSERT INTO {TABLE} (rowid, body) VALUES (NEW.id, {_NAMES.format(row='NEW')})"
_REMOVE = f"DELETE FROM {TABLE} WHERE rowid = OLD.id"
_TRIGGERS = {
    "documents_names_insert": ("AFTER INSERT", _ADD),
    "documents_names_update": ("AFTER UPDATE OF title, source, uid", f"{_REMOVE}; {_ADD}"),
    "documents_names_delete": ("AFTER DELETE", _REMOVE),
}


def indexed(text: str) -> bool:
    """Whether a filter for `text` can be answered by the index (on SQLite)."""
    return len(text) >= INDEXED and "\n" not in text


def create(connection: Connection) -> None:
    """The table and its triggers (empty: `fill` indexes what is there). Nothing on PostgreSQL."""
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(body, detail=none, tokenize='trigram')")
    for trigger, (when, body) in _TRIGGERS.items():
        create_trigger(connection, trigger, when, "documents", body)


def fill(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"INSERT INTO {TABLE} (rowid, body) SELECT id, {_NAMES.format(row='documents')} FROM documents"
        )


def drop(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    for trigger in _TRIGGERS:
        drop_trigger(connection, trigger, "documents")
    connection.exec_driver_sql(f"DROP TABLE {TABLE}")
