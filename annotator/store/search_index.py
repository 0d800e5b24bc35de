"""The corpus search index: every document's text in search form (`core.find.search_form`:
marks and tatweel dropped; alef forms, ى and ة folded), indexed for substring search.

SQLite: an FTS5 table with the trigram tokenizer, case-sensitive like `find_all`, rowid = the
document's id. It is contentless (the text is in `documents` already) and keeps no positions:
0.3 of the size of the text on the search benchmark's corpus (0.65 on text of random letters)
and about 0.3 ms a document to build, where positions (needed for exact phrases) made it 3
times the text and 0.5 ms. So the
index names the documents holding every trigram of the query, a few more than hold the query
itself, and the caller finds the exact places in those (it does anyway, for the offsets).
Queries shorter than three characters are not indexed: those documents are all read.

Rows are added in the transaction that inserts the documents and never deleted: ids are never
reused (AUTOINCREMENT), so the row of a document removed by a re-import matches nothing once
joined with `documents`. Deleting from a contentless table would need the indexed text again,
which a later Unicode version could fold differently, corrupting the index.

PostgreSQL: a plain table of (document_id, body) read with LIKE, which a pg_trgm GIN index
speeds up when the extension can be created.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, text

from annotator.core.find import search_form
from annotator.store import queries

log = logging.getLogger(__name__)
TABLE = "document_search"
INDEXED = 3  # queries at least this long (in search form) are answered by the index


def create(connection: Connection) -> None:
    """Make the index (empty); the migration that calls this fills it with `fill`."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
            "body, content='', detail=none, tokenize='trigram case_sensitive 1')"
        )
        return
    connection.exec_driver_sql(
        f"CREATE TABLE {TABLE} (document_id INTEGER PRIMARY KEY "
        "REFERENCES documents (id) ON DELETE CASCADE, body TEXT NOT NULL)"
    )
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            connection.exec_driver_sql(f"CREATE INDEX ix_{TABLE}_body ON {TABLE} USING gin (body gin_trgm_ops)")
    except Exception as e:
        log.warning("corpus search without a trigram index (pg_trgm: %s)", e)


def add(connection: Connection, documents: Iterable[tuple[int, str]]) -> None:
    """Index documents given as (id, text), in the caller's transaction."""
    rows = [(id_, search_form(text_)) for id_, text_ in documents]
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"INSERT INTO {TABLE} (rowid, body) VALUES (?, ?)", rows)
    else:
        connection.execute(
            text(f"INSERT INTO {TABLE} (document_id, body) VALUES (:id, :body)"),
            [{"id": i, "body": b} for i, b in rows],
        )


def fill(connection: Connection, batch: int = 2000) -> None:
    """Index every document (the migration that creates the index)."""
    result = connection.exec_driver_sql("SELECT id, text FROM documents", execution_options={"stream_results": True})
    while rows := result.fetchmany(batch):
        add(connection, [(r[0], r[1]) for r in rows])


def indexed(query: str) -> bool:
    """Whether the index answers `query` (in search form) by itself."""
    return len(query) >= INDEXED


def candidates(connection: Connection, query: str) -> tuple[str, str, str, dict[str, Any]]:
    """How to read the documents whose search form may contain `query` (in search form, at
    least INDEXED long): a FROM clause naming documents `d`, a WHERE condition, the column
    giving document-id order, and parameters.

    On SQLite the index drives, in rowid order, so a caller that stops early reads only what
    it uses (an IN over the index would first collect every match). It holds every document
    whose search form contains the query, and a few that hold all its trigrams apart."""
    if connection.dialect.name == "sqlite":
        return (
            f"{TABLE} JOIN documents d ON d.id = {TABLE}.rowid",
            f"{TABLE} MATCH :terms",
            f"{TABLE}.rowid",
            {"terms": trigram_terms(query)},
        )  # (ordered by the index's rowid: no sort)
    return (
        f"{TABLE} JOIN documents d ON d.id = {TABLE}.document_id",
        f"{TABLE}.body LIKE :pattern",
        "d.id",
        {"pattern": queries.contains(query)},
    )


def trigram_terms(query: str) -> str:
    """An FTS5 query for the rows holding every trigram of `query` (at least three characters):
    with `detail=none` there are no phrases, so a few rows hold them apart."""
    trigrams = dict.fromkeys(query[i : i + 3] for i in range(len(query) - 2))
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in trigrams)
