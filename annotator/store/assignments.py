"""Assignments in SQL: who has which document, and how far they are in it.

Every write of an annotator to a document they are assigned moves their assignment from new to
in progress, in the write's transaction (`MOVE_ON`, run by store/annotations.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from annotator.store.database import Database

# The writer's assignment moves on when they annotate (on PostgreSQL the rights guard refuses a
# write to another's assignment, store/rights.py).
MOVE_ON = (
    "UPDATE assignments SET status = 'in_progress' WHERE document_id = :key AND status = 'new' "
    "AND annotator_id = (SELECT id FROM annotators WHERE name = :who)"
)
SET_MINE = (
    "UPDATE assignments SET status = :status WHERE document_id = :key "
    "AND annotator_id = (SELECT id FROM annotators WHERE name = :who)"
)
OF_DOCUMENT = (
    "SELECT a.name, s.status FROM assignments s JOIN annotators a ON a.id = s.annotator_id "
    "WHERE s.document_id = :key ORDER BY a.name"
)
QUEUE = (
    "SELECT d.id, d.uid, d.title, s.status FROM assignments s JOIN documents d ON d.id = s.document_id "
    "JOIN annotators a ON a.id = s.annotator_id WHERE a.name = :who AND d.corpus_id = :corpus "
    "ORDER BY CASE s.status WHEN 'in_progress' THEN 0 WHEN 'new' THEN 1 ELSE 2 END, d.id"
)
ASSIGNED = "SELECT s.document_id FROM assignments s JOIN annotators a ON a.id = s.annotator_id WHERE a.name = :who"


def give(
    db: Database,
    *,
    corpus_id: int,
    annotators: Sequence[str],
    choose: Callable[[list[int]], dict[str, list[int]]],
    document_ids: Sequence[int] | None = None,
    status: str | None = None,
) -> dict[str, int]:
    """Give documents to annotators in one transaction: `choose` shares out `document_ids`, else
    the corpus's documents (with `status`, if given), by annotator. Returns how many each was
    newly given (one given a document already keeps it, with their status in it)."""
    from sqlalchemy import (
        select,  # (the window's and the command line's reads above need none)
    )

    from annotator.store import queries
    from annotator.store.models import Assignment, Document

    with db.write() as session:
        if document_ids is None:
            query = select(Document.id).where(Document.corpus_id == corpus_id).order_by(Document.id)
            if status is not None:
                query = query.where(Document.status == status)
            document_ids = list(session.scalars(query))
        given = choose(list(document_ids))
        ids = queries.annotator_ids(session, annotators)
        have = {
            (document_id, annotator_id)
            for document_id, annotator_id in session.execute(
                select(Assignment.document_id, Assignment.annotator_id).where(Assignment.annotator_id.in_(ids.values()))
            )
        }
        made = dict.fromkeys(annotators, 0)
        for name, documents in given.items():
            for document_id in documents:
                if (document_id, ids[name]) not in have:
                    session.add(Assignment(document_id=document_id, annotator_id=ids[name]))
                    made[name] += 1
        return made
