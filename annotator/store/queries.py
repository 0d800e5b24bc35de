"""Queries shared by services: look-ups by name and streams of rows ordered for merging."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Executable, Select, Text, cast, func, literal_column, select
from sqlalchemy.orm import Session

from annotator.store.models import Annotator, Document, Event, EventArgument, Relation, Span

CHUNK = 500  # ids per IN (...) list: well under every backend's parameter limit


def annotator_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids of annotators by name, creating the missing ones."""
    wanted = set(names)
    found = {n: i for n, i in session.execute(select(Annotator.name, Annotator.id).where(Annotator.name.in_(wanted)))}
    for name in sorted(wanted - found.keys()):
        annotator = Annotator(name=name)
        session.add(annotator)
        session.flush()
        found[name] = annotator.id
    return found


def annotator_names(session: Session) -> dict[int, str]:
    return {i: name for i, name in session.execute(select(Annotator.id, Annotator.name))}


def documents_by_uid(session: Session, corpus_id: int, uids: Sequence[str]) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for i in range(0, len(uids), CHUNK):
        chunk = uids[i : i + CHUNK]
        query = select(Document).where(Document.corpus_id == corpus_id, Document.uid.in_(chunk))
        found.update((d.uid, d) for d in session.scalars(query))
    return found


def annotated(session: Session, document_ids: Sequence[int]) -> set[int]:
    """Which of these documents have at least one span."""
    found: set[int] = set()
    for i in range(0, len(document_ids), CHUNK):
        chunk = document_ids[i : i + CHUNK]
        found.update(session.scalars(select(Span.document_id).where(Span.document_id.in_(chunk)).distinct()))
    return found


def contains(text: str) -> str:
    """LIKE's pattern (escaped with a backslash) for `text` anywhere, its wildcards taken as letters."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def batches(connection: Connection, statement: Executable, params: dict[str, Any] | None = None,
            size: int = 1000) -> Iterator[Sequence[Any]]:
    """Rows as the driver gives them (tuples), fetched `size` at a time and handed on as they
    come: memory does not grow with the result, and a caller that stops early reads no further.
    SQLAlchemy's row processing is skipped (a third of an export's time): the queries given
    here select no column whose value needs converting, casting JSON and dates to text."""
    if connection.dialect.name == "sqlite":  # sqlite3 steps the statement as rows are fetched
        result = connection.execute(statement, params or {})
        cursor = result.cursor
        try:
            while rows := cursor.fetchmany(size):
                yield rows
        finally:
            result.close()
        return
    result = connection.execute(statement, params or {}, execution_options={"stream_results": True})
    while rows := result.fetchmany(size):  # (a server-side cursor, whose first rows SQLAlchemy holds)
        yield [tuple(row) for row in rows]


def stream(session: Session, query: Select[Any]) -> Iterator[tuple[Any, ...]]:
    """Rows as plain tuples, fetched in batches, so memory does not grow with the result (chained
    in C: a generator's frame per row was a tenth of an export)."""
    return chain.from_iterable(batches(session.connection(), query))


def documents_query(corpus_id: int, statuses: Sequence[str] = ()) -> Select[Any]:
    """The corpus's documents in id order, read in rowid order: the unary + keeps SQLite from
    taking the (corpus, status) index, which made it sort every text by id in a temporary
    B-tree (twice the time at 10,000 documents)."""
    columns: tuple[Any, ...] = (
        Document.id, Document.uid, Document.text, Document.title, Document.source, Document.section,
        cast(Document.published, Text), Document.url, Document.status, cast(Document.extra, Text), Document.sha256)
    query = select(*columns).where(
        literal_column(f"+{Document.__tablename__}.corpus_id") == corpus_id)
    if statuses:
        query = query.where(Document.status.in_(statuses))
    return query.order_by(Document.id)


def _in_documents(query: Any, document_column: Any, corpus_id: int, statuses: Sequence[str]) -> Select[Any]:
    ids = select(Document.id).where(Document.corpus_id == corpus_id)
    if statuses:
        ids = ids.where(Document.status.in_(statuses))
    return query.where(document_column.in_(ids))


def spans_query(corpus_id: int, statuses: Sequence[str] = ()) -> Select[Any]:
    """(document id, start, end, label, subtype or "", annotator name, attributes as JSON text, id, note).

    Within a document, plain tuple order of these rows is the export order: sorting them needs
    no key function. Attributes stay JSON text: most are "{}" and need no parsing.
    """
    query = (select(Span.document_id, Span.start, Span.end, Span.label, func.coalesce(Span.subtype, ""),
                    Annotator.name, cast(Span.attributes, Text), Span.id, Span.note)
             .join(Annotator, Annotator.id == Span.annotator_id))
    return _in_documents(query, Span.document_id, corpus_id, statuses).order_by(Span.document_id)


def events_query(corpus_id: int, statuses: Sequence[str] = ()) -> Select[Any]:
    query = select(Event.document_id, Event.id, Event.type, Event.trigger_id, cast(Event.attributes, Text),
                   Event.annotator_id)
    return _in_documents(query, Event.document_id, corpus_id, statuses).order_by(Event.document_id, Event.id)


def arguments_query(corpus_id: int, statuses: Sequence[str] = ()) -> Select[Any]:
    query = select(Event.document_id, EventArgument.event_id, EventArgument.role, EventArgument.span_id).join(Event)
    return _in_documents(query, Event.document_id, corpus_id, statuses).order_by(Event.document_id, EventArgument.id)


def relations_query(corpus_id: int, statuses: Sequence[str] = ()) -> Select[Any]:
    query = select(Relation.document_id, Relation.id, Relation.type, Relation.head_id, Relation.tail_id,
                   cast(Relation.attributes, Text), Relation.annotator_id)
    return _in_documents(query, Relation.document_id, corpus_id, statuses).order_by(Relation.document_id, Relation.id)
