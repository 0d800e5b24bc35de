"""Counts for a corpus: documents by status and source, spans by label, events and relations by type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from annotator.core.model import DEFAULT_CORPUS
from annotator.services.corpora import find_corpus
from annotator.store import plain_queries, tallies
from annotator.store.database import Database
from annotator.store.snapshot import Rows

if TYPE_CHECKING:
    from annotator.core.listing import DocumentQuery


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
                corpus=target.name,
                schema=target.schema.name,
                documents_by_status=_documents_by(rows, "status", target.id),
                documents_by_source=_documents_by(rows, "source", target.id),
                spans_by_label=spans,
                events_by_type=events,
                relations_by_type=relations,
                work_by_annotator=by_annotator,
                work_by_day=by_day,
            )
    from annotator.store.listing_counts import (
        listing_counts,  # (SQLAlchemy: the whole corpus is counted without it)
    )

    counts = listing_counts(db, listing)
    return CorpusStats(corpus=target.name, schema=target.schema.name, **counts)


def _tallied(rows: Rows, corpus_id: int) -> tuple[dict[str, int], ...]:
    """Spans by label, events and relations by type, work by annotator and by day, from the
    counts the database keeps (store/tallies.py): a few hundred rows for millions of spans."""
    counts: dict[str, dict[str, int]] = {"span": {}, "event": {}, "relation": {}, "annotator": {}, "day": {}}
    for kind, name, who, day, n in rows(tallies.COUNTS, {"corpus": corpus_id}):
        for key, value in ((kind, name), ("annotator", who), ("day", day)):
            counts[key][value] = counts[key].get(value, 0) + n
    most_first = [
        dict(sorted(c.items(), key=lambda item: (-item[1], item[0])))
        for c in (counts["span"], counts["event"], counts["relation"], counts["annotator"])
    ]
    return (*most_first, dict(sorted(counts["day"].items())))


def _documents_by(rows: Rows, column: Literal["status", "source"], corpus_id: int) -> dict[str, int]:
    return {str(key) if key is not None else "-": n for key, n in rows(*plain_queries.documents_by(column, corpus_id))}
