"""Counts for a corpus: documents by status and source, spans by label, events and relations by type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from annotator.services.corpora import DEFAULT_CORPUS, find_corpus
from annotator.store import plain_queries, tallies
from annotator.store.database import Database
from annotator.store.snapshot import Rows

if TYPE_CHECKING:  # (the whole corpus is counted in plain SQL: `annotator stats` imports no SQLAlchemy)
    from sqlalchemy.orm import Session

    from annotator.services.listing import DocumentQuery


@dataclass(frozen=True)
class CorpusStats:
    corpus: str
    schema: str
    documents_by_status: dict[str, int]
    documents_by_source: dict[str, int]
    spans_by_label: dict[str, int]
    events_by_type: dict[str, int]
    relations_by_type: dict[str, int]
    work_by_annotator: dict[str, int]  # spans, events and relations each made
    work_by_day: dict[str, int]  # annotations made per day (YYYY-MM-DD), in date order


def corpus_stats(db: Database, *, corpus: str = DEFAULT_CORPUS, listing: DocumentQuery | None = None) -> CorpusStats:
    """Counts for the corpus, or for the documents of a listing of it (the corpus pane's filter)."""
    target = find_corpus(db, corpus)
    if listing is None:  # the whole corpus: annotations from the running tallies
        with db.snapshot() as rows:
            spans, events, relations, by_annotator, by_day = _tallied(rows, target.id)
            return CorpusStats(
                corpus=target.name, schema=target.schema.name,
                documents_by_status=_documents_by(rows, "status", target.id),
                documents_by_source=_documents_by(rows, "source", target.id),
                spans_by_label=spans, events_by_type=events, relations_by_type=relations,
                work_by_annotator=by_annotator, work_by_day=by_day)
    from annotator.services.document_pages import DocumentPages
    from annotator.store.models import Annotator, Document, Event, Relation, Span

    in_corpus = DocumentPages(db, listing).condition()
    with db.read() as session:
        return CorpusStats(
            corpus=target.name, schema=target.schema.name,
            documents_by_status=_count_by(session, Document.status, in_corpus),
            documents_by_source=_count_by(session, Document.source, in_corpus),
            spans_by_label=_count_by(session, Span.label, in_corpus, Span),
            events_by_type=_count_by(session, Event.type, in_corpus, Event),
            relations_by_type=_count_by(session, Relation.type, in_corpus, Relation),
            work_by_annotator=_work(session, in_corpus, Annotator.name),
            work_by_day=dict(sorted(_work(session, in_corpus, None).items())),
        )


def _tallied(rows: Rows, corpus_id: int) -> tuple[dict[str, int], ...]:
    """Spans by label, events and relations by type, work by annotator and by day, from the
    counts the database keeps (store/tallies.py): a few hundred rows for millions of spans."""
    counts: dict[str, dict[str, int]] = {"span": {}, "event": {}, "relation": {}, "annotator": {}, "day": {}}
    for kind, name, who, day, n in rows(tallies.COUNTS, {"corpus": corpus_id}):
        for key, value in ((kind, name), ("annotator", who), ("day", day)):
            counts[key][value] = counts[key].get(value, 0) + n
    most_first = [dict(sorted(c.items(), key=lambda item: (-item[1], item[0])))
                  for c in (counts["span"], counts["event"], counts["relation"], counts["annotator"])]
    return (*most_first, dict(sorted(counts["day"].items())))


def _documents_by(rows: Rows, column: Literal["status", "source"], corpus_id: int) -> dict[str, int]:
    return {str(key) if key is not None else "-": n for key, n in rows(*plain_queries.documents_by(column, corpus_id))}


def _work(session: Session, where: Any, by: Any) -> dict[str, int]:
    """Spans, events and relations made, by annotator name (`by`) or, with None, by day."""
    from sqlalchemy import func, select

    from annotator.store.models import Annotator, Document, Event, Relation, Span

    totals: dict[str, int] = {}
    for table in (Span, Event, Relation):
        key = by if by is not None else func.date(table.created_at)
        query = (select(key, func.count()).select_from(table).join(Document, table.document_id == Document.id)
                 .where(where).group_by(key))
        if by is not None:
            query = query.join(Annotator, table.annotator_id == Annotator.id)
        for value, n in session.execute(query):
            totals[str(value)] = totals.get(str(value), 0) + n
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0]))) if by is not None else totals


def _count_by(session: Session, column: Any, where: Any, table: Any = None) -> dict[str, int]:
    """Rows per value of `column`, most first; `table` is joined to its document."""
    from sqlalchemy import func, select

    from annotator.store.models import Document

    query = select(column, func.count()).select_from(table if table is not None else Document)
    if table is not None:
        query = query.join(Document, table.document_id == Document.id)
    rows = session.execute(query.where(where).group_by(column).order_by(func.count().desc(), column))
    return {str(key) if key is not None else "-": n for key, n in rows}
