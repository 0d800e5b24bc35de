"""Giving documents to annotators, and each annotator's queue.

A curator gives documents (named, or a filter's, or a random sample of them) to annotators,
each to one in turn, and a chosen share of them to two, so that agreement can be measured on
that share. Each annotator then has a status of their own in each document they were given
(new, in progress, done; store/assignments.py keeps it in step with their writes).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.errors import AnnotatorError
from annotator.core.model import Status
from annotator.store import assignments
from annotator.store.database import Database


@dataclass(frozen=True)
class QueueItem:
    document_id: int
    uid: str
    title: str
    status: Status  # the annotator's own, in this document


def plan(
    document_ids: Sequence[int], annotators: Sequence[str], *, overlap: float = 0.0, seed: int = 0
) -> dict[str, list[int]]:
    """Each document to one annotator in turn (in a shuffled order), and the first `overlap`
    share of them to the next one in turn as well: loads differ by at most one, and every pair
    of neighbours shares documents."""
    if not annotators:
        raise AnnotatorError("name at least one annotator to give documents to")
    if not 0.0 <= overlap <= 1.0:
        raise AnnotatorError(f"the overlap is a share from 0 to 1, not {overlap}")
    order = list(document_ids)
    random.Random(seed).shuffle(order)
    twice = round(len(order) * overlap) if len(annotators) > 1 else 0
    given: dict[str, list[int]] = {name: [] for name in annotators}
    for i, document_id in enumerate(order):
        given[annotators[i % len(annotators)]].append(document_id)
        if i < twice:
            given[annotators[(i + 1) % len(annotators)]].append(document_id)
    return given


def assign(
    db: Database,
    *,
    corpus_id: int,
    annotators: Sequence[str],
    document_ids: Sequence[int] | None = None,
    status: Status | None = None,
    sample: int | None = None,
    overlap: float = 0.0,
    seed: int = 0,
) -> dict[str, int]:
    """Give documents to annotators in one transaction: `document_ids`, else the corpus's (with
    `status`, if given); `sample` of them at random. Returns how many each was newly given
    (one given a document already keeps it, with their status in it)."""

    def choose(ids: list[int]) -> dict[str, list[int]]:
        chosen = ids if sample is None else sorted(random.Random(seed).sample(ids, min(sample, len(ids))))
        return plan(chosen, annotators, overlap=overlap, seed=seed)

    return assignments.give(
        db,
        corpus_id=corpus_id,
        annotators=annotators,
        choose=choose,
        document_ids=document_ids,
        status=status.value if status is not None else None,
    )


def queue(db: Database, *, annotator: str, corpus_id: int) -> list[QueueItem]:
    """What the annotator was given: in progress first, then new, then done; by id within."""
    with db.snapshot() as rows:
        return [
            QueueItem(i, uid, title or uid, Status(status))
            for i, uid, title, status in rows(assignments.QUEUE, {"who": annotator, "corpus": corpus_id})
        ]


def next_in_queue(db: Database, *, annotator: str, corpus_id: int, after: int | None = None) -> int | None:
    """The first unfinished document of the annotator's queue (in progress before new) other
    than `after` (the one just finished or left); None when all are done."""
    return next(
        (
            item.document_id
            for item in queue(db, annotator=annotator, corpus_id=corpus_id)
            if item.status is not Status.DONE and item.document_id != after
        ),
        None,
    )


def assigned_to(db: Database, *, document_id: int) -> dict[str, Status]:
    """Who was given the document, each with their status in it."""
    with db.snapshot() as rows:
        return {name: Status(status) for name, status in rows(assignments.OF_DOCUMENT, {"key": document_id})}
