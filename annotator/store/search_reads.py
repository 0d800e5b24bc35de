"""The corpus search's reads: the documents that may hold a string (through the search index,
store/search_index.py), the places in each (`core.find`), the spans of a label or triggers of an
event type whose letters hold it. Each is a generator over one read transaction, read a batch at
a time as its hits are used (services/search.py stops at a page of hits)."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam
from sqlalchemy import text as sql_text

from annotator.core.find import find_all, search_form
from annotator.store import queries, search_index
from annotator.store.database import Database

Document = tuple[int, str, str, str | None, str]  # id, sha256, uid, title, text
Found = Generator[tuple[Document, int, int, str], None, None]  # a hit: its document, start, end, label


def _candidates(connection: Connection, corpus_id: int, wanted: str) -> tuple[str, list[str], str, dict[str, Any]]:
    """FROM, WHERE conditions, ORDER BY and parameters reading, in id order, the corpus's
    documents that may hold `wanted` (all of them when the index cannot tell)."""
    # (the unary + keeps SQLite from taking the corpus's index and sorting every text by id)
    source, conditions, order, params = "documents d", ["+d.corpus_id = :corpus"], "d.id", {"corpus": corpus_id}
    if wanted and search_index.indexed(search_form(wanted)):
        source, condition, order, more = search_index.candidates(connection, search_form(wanted))
        conditions.append(condition)
        params |= more
    return source, conditions, order, params


def text_hits(db: Database, corpus_id: int, text: str, wanted: str, *, letters: bool, unlabelled: bool) -> Found:
    """Occurrences of `text` (with `unlabelled`, those none of whose letters a span covers),
    document by document, read in batches as they are used, in one read transaction (which
    ends when the generator is closed)."""
    with db.read() as session:
        connection = session.connection()
        source, conditions, order, params = _candidates(connection, corpus_id, wanted)
        sql = (
            f"SELECT d.id, d.sha256, d.uid, d.title, d.text FROM {source} "
            f"WHERE {' AND '.join(conditions)} ORDER BY {order}"
        )
        for batch in queries.batches(connection, sql_text(sql), params, size=200):
            spans = _spans(connection, [row[0] for row in batch]) if unlabelled else {}
            for row in batch:
                document: Document = tuple(row)
                covered = spans.get(document[0], ())
                for start, end in find_all(document[4], text, letters=letters):
                    if not any(a < end and start < b for a, b in covered):
                        yield document, start, end, ""


def _spans(connection: Connection, ids: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
    statement = sql_text('SELECT document_id, start, "end" FROM spans WHERE document_id IN :ids').bindparams(
        bindparam("ids", expanding=True)
    )
    found: dict[int, list[tuple[int, int]]] = {}
    for document_id, start, end in connection.execute(statement, {"ids": list(ids)}):
        found.setdefault(document_id, []).append((start, end))
    return found


def annotation_hits(db: Database, corpus_id: int, wanted: str, *, events: bool, label: str, letters: bool) -> Found:
    """Spans of the label (with `events`, triggers of the event type; "" for any) whose text
    holds `wanted` (in search form), in text order. Only each span's own letters come out of the
    database to be matched; a document's text is read when it has a hit. One read transaction,
    which ends when the generator is closed."""
    with db.read() as session:
        yield from _annotation_hits(
            session.connection(), corpus_id, wanted, events=events, label=label, letters=letters
        )


def _annotation_hits(
    connection: Connection, corpus_id: int, wanted: str, *, events: bool, label: str, letters: bool
) -> Found:
    source, conditions, order, params = _candidates(connection, corpus_id, wanted)
    join = "CROSS JOIN" if connection.dialect.name == "sqlite" else "JOIN"  # SQLite: documents first, in order
    if events:
        source += f" {join} events e ON e.document_id = d.id {join} spans s ON s.id = e.trigger_id"
        name = "e.type"
    else:
        source += f" {join} spans s ON s.document_id = d.id"
        name = "s.label"
    if label:
        conditions.append(f"{name} = :label")
        params["label"] = label
    sql = (
        f'SELECT d.id, s.start, s."end", {name}, substr(d.text, s.start + 1, s."end" - s.start) '
        f'FROM {source} WHERE {" AND ".join(conditions)} ORDER BY {order}, s.start, s."end", {name}'
    )
    document: Document | None = None
    last = None
    for batch in queries.batches(connection, sql_text(sql), params, size=200):
        for document_id, start, end, found, spelt in batch:
            if (document_id, start, end, found) == last or (
                wanted and wanted not in search_form(spelt, letters=letters)
            ):
                continue  # (the same span made by two annotators is one hit)
            last = (document_id, start, end, found)
            if document is None or document[0] != document_id:
                document = tuple(
                    connection.execute(
                        sql_text("SELECT id, sha256, uid, title, text FROM documents WHERE id = :id"),
                        {"id": document_id},
                    ).one()
                )
            yield document, start, end, found
