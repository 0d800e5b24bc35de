"""Counts for the documents of a listing (the corpus pane's filter): documents by status and
source, annotations by label or type, work by annotator and by day, counted from the rows (the
whole corpus is counted from the running tallies instead, store/tallies.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.core.listing import DocumentQuery
from annotator.store.database import Database
from annotator.store.document_pages import DocumentPages
from annotator.store.models import Annotator, Document, Event, Relation, Span


def listing_counts(db: Database, listing: DocumentQuery) -> dict[str, dict[str, int]]:
    """`CorpusStats`' counts (by field name) for the documents of a listing."""
    in_listing = DocumentPages(db, listing).condition()
    with db.read() as session:
        return {
            "documents_by_status": _count_by(session, Document.status, in_listing),
            "documents_by_source": _count_by(session, Document.source, in_listing),
            "spans_by_label": _count_by(session, Span.label, in_listing, Span),
            "events_by_type": _count_by(session, Event.type, in_listing, Event),
            "relations_by_type": _count_by(session, Relation.type, in_listing, Relation),
            "work_by_annotator": _work(session, in_listing, Annotator.name),
            "work_by_day": dict(sorted(_work(session, in_listing, None).items())),
        }


def _work(session: Session, where: Any, by: Any) -> dict[str, int]:
    """Spans, events and relations made, by annotator name (`by`) or, with None, by day."""
    totals: dict[str, int] = {}
    for table in (Span, Event, Relation):
        key = by if by is not None else func.date(table.created_at)
        query = (
            select(key, func.count())
            .select_from(table)
            .join(Document, table.document_id == Document.id)
            .where(where)
            .group_by(key)
        )
        if by is not None:
            query = query.join(Annotator, table.annotator_id == Annotator.id)
        for value, n in session.execute(query):
            totals[str(value)] = totals.get(str(value), 0) + n
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0]))) if by is not None else totals


def _count_by(session: Session, column: Any, where: Any, table: Any = None) -> dict[str, int]:
    """Rows per value of `column`, most first; `table` is joined to its document."""
    query = select(column, func.count()).select_from(table if table is not None else Document)
    if table is not None:
        query = query.join(Document, table.document_id == Document.id)
    rows = session.execute(query.where(where).group_by(column).order_by(func.count().desc(), column))
    return {str(key) if key is not None else "-": n for key, n in rows}
