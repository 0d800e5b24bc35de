"""Queries shared by services: look-ups by name, and rows fetched in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Executable, select
from sqlalchemy.orm import Session

from annotator.core.model import LayerKind
from annotator.store.models import Annotator, Document, Span

CHUNK = 500  # ids per IN (...) list: well under every backend's parameter limit


def annotator_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids of annotators (layers) by name, creating the missing ones."""
    wanted = set(names)
    found = {n: i for n, i in session.execute(select(Annotator.name, Annotator.id).where(Annotator.name.in_(wanted)))}
    for name in sorted(wanted - found.keys()):
        annotator = Annotator(name=name, kind=LayerKind.of(name).value)
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


def batches(
    connection: Connection, statement: Executable, params: dict[str, Any] | None = None, size: int = 1000
) -> Iterator[Sequence[Any]]:
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
