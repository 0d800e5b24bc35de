"""Corpus search: where a string occurs in every document's text, where it occurs without a span
over it, which spans of a label contain it, which events of a type it triggers.

Matching is `core.find`'s: harakat and tatweel ignored, letter forms folded as an option, and
every hit is an exact [start, end) of the stored text. The database's index (store/search_index.py)
picks the documents; `find_all` finds the places in each (store/search_reads.py). Documents are
read in id order, a batch at a time, until `limit` hits: a query stays fast however many
documents match.
"""

from __future__ import annotations

import time
from contextlib import closing
from dataclasses import dataclass, field

from annotator.core.find import Kind, query_form
from annotator.store import search_reads
from annotator.store.database import Database

CONTEXT = 60  # characters of context on each side of a hit, at most


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kind: Kind = Kind.TEXT
    label: str = ""  # the span label or event type (SPANS, EVENTS); "" for any
    letters: bool = True  # fold alef forms, ى/ي and ة/ه
    limit: int = 200


@dataclass(frozen=True)
class Hit:
    document_id: int
    sha256: str  # of the text the offsets are in: a write from a hit is checked against it
    uid: str
    title: str
    start: int
    end: int
    label: str  # the span's label or event's type; "" for text hits
    context: str  # the line around the hit, on one line
    at: int  # where the hit starts in `context`


@dataclass(frozen=True)
class SearchResult:
    query: SearchQuery
    hits: list[Hit] = field(default_factory=list)
    complete: bool = True  # every hit is listed (else the list stopped at the limit)
    documents: int | None = None  # documents with a hit, when every hit is listed
    seconds: float = 0.0


def search(db: Database, *, corpus_id: int, query: SearchQuery) -> SearchResult:
    started = time.perf_counter()
    wanted = query_form(query.text, query.letters)
    if query.text.strip() and not wanted.strip():
        return SearchResult(query)  # only marks or tatweel: nothing to look for
    if not wanted and query.kind in (Kind.TEXT, Kind.UNLABELLED):
        return SearchResult(query)
    if "\0" in query.text or "\0" in query.label:
        return SearchResult(query)  # no stored text or label holds a NUL (PostgreSQL cannot even be asked)
    hits: list[Hit] = []
    found = (
        search_reads.text_hits(
            db, corpus_id, query.text, wanted, letters=query.letters, unlabelled=query.kind is Kind.UNLABELLED
        )
        if query.kind in (Kind.TEXT, Kind.UNLABELLED)
        else search_reads.annotation_hits(
            db, corpus_id, wanted, events=query.kind is Kind.EVENTS, label=query.label, letters=query.letters
        )
    )
    with closing(found):  # (the read ends here, however many hits were wanted)
        for document, start, end, label in found:
            if len(hits) == query.limit:
                return SearchResult(query, hits, False, None, time.perf_counter() - started)
            document_id, sha, uid, title, body = document
            line, at = context(body, start, end)
            hits.append(Hit(document_id, sha, uid, title or "", start, end, label, line, at))
    return SearchResult(query, hits, True, len({h.document_id for h in hits}), time.perf_counter() - started)


def context(body: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, int]:
    """The hit's line, cut to about `width` characters each side at a space, on one line; and
    where the hit starts in it. Cuts are shown with an ellipsis."""
    left = max(body.rfind("\n", 0, start) + 1, start - width)
    right = body.find("\n", end)
    right = min(len(body) if right < 0 else right, end + width)
    if left > 0 and body[left - 1] != "\n":
        space = body.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(body) and body[right] != "\n":
        space = body.rfind(" ", end, right)
        right = space if space >= 0 else right
    head = "…" if left > 0 and body[left - 1] != "\n" else ""
    tail = "…" if right < len(body) and body[right] != "\n" else ""
    line = body[left:right].replace("\t", " ").replace("\r", " ")
    return head + line + tail, len(head) + start - left
