"""Corpus search: where a string occurs in every document's text, where it occurs without a span
over it, which spans of a label contain it, which events of a type it triggers.

Matching is `core.find`'s: harakat and tatweel ignored, letter forms folded as an option, and
every hit is an exact [start, end) of the stored text. The database's index (store/search_index.py)
picks the documents; `find_all` finds the places in each. Documents are read in id order, a
batch at a time, until `limit` hits: a query stays fast however many documents match.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, bindparam, text

from annotator.core.find import find_all, query_form, search_form
from annotator.store import search_index
from annotator.store.database import Database

CONTEXT = 60  # characters of context on each side of a hit, at most


class Kind(StrEnum):
    TEXT = "text"  # every occurrence of the string
    UNLABELLED = "unlabelled"  # occurrences no span overlaps
    SPANS = "spans"  # spans (of a label) whose text contains the string
    EVENTS = "events"  # event triggers (of a type) whose text contains the string


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
    hits: list[Hit] = []
    documents: set[int] = set()
    with db.read() as session:
        connection = session.connection()
        for batch in _documents(connection, corpus_id, query, wanted):
            for document_id, sha, uid, title, body, annotated in _annotated(connection, query, batch):
                for start, end, label in _hits(body, annotated, query):
                    if len(hits) == query.limit:
                        return SearchResult(query, hits, False, None, time.perf_counter() - started)
                    line, at = context(body, start, end)
                    hits.append(Hit(document_id, sha, uid, title or "", start, end, label, line, at))
                    documents.add(document_id)
    return SearchResult(query, hits, True, len(documents), time.perf_counter() - started)


def _documents(connection: Connection, corpus_id: int, query: SearchQuery, wanted: str) -> Iterator[list[Any]]:
    """Batches of (id, sha256, uid, title, text) of the documents that may hold a hit, in id
    order, read as they are used (the caller stops at its limit)."""
    source, order = "documents d", "d.id"
    conditions, params = ["+d.corpus_id = :corpus"], {"corpus": corpus_id, "label": query.label}
    # (the unary + keeps SQLite from taking the corpus's index and sorting every text by id)
    if wanted and search_index.indexed(search_form(wanted)):
        source, condition, order, more = search_index.candidates(connection, search_form(wanted))
        conditions.append(condition)
        params |= more
    if query.kind is Kind.SPANS:
        label = " AND s.label = :label" if query.label else ""
        conditions.append(f"EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id{label})")
    elif query.kind is Kind.EVENTS:
        label = " AND e.type = :label" if query.label else ""
        conditions.append(f"EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id{label})")
    return search_index.stream(connection, f"SELECT d.id, d.sha256, d.uid, d.title, d.text FROM {source} "
                                           f"WHERE {' AND '.join(conditions)} ORDER BY {order}", params)


def _annotated(connection: Connection, query: SearchQuery, batch: list[Any]) \
        -> Iterator[tuple[int, str, str, str | None, str, list[tuple[int, int, str]]]]:
    """The batch's documents, each with the spans (or triggers) the query looks at, by start."""
    if query.kind is Kind.TEXT:
        for document_id, sha, uid, title, body in batch:
            yield document_id, sha, uid, title, body, []
        return
    ids = [row[0] for row in batch]
    if query.kind is Kind.EVENTS:
        sql = ("SELECT e.document_id, s.start, s.\"end\", e.type FROM events e JOIN spans s ON s.id = e.trigger_id "
               "WHERE e.document_id IN :ids" + (" AND e.type = :label" if query.label else ""))
    else:
        sql = ("SELECT document_id, start, \"end\", label FROM spans WHERE document_id IN :ids"
               + (" AND label = :label" if query.label and query.kind is Kind.SPANS else ""))
    by_document: dict[int, list[tuple[int, int, str]]] = {}
    statement = text(sql).bindparams(bindparam("ids", expanding=True))
    for document_id, start, end, label in connection.execute(statement, {"ids": ids, "label": query.label}):
        by_document.setdefault(document_id, []).append((start, end, label))
    for document_id, sha, uid, title, body in batch:
        yield document_id, sha, uid, title, body, sorted(set(by_document.get(document_id, ())))


def _hits(body: str, annotated: Sequence[tuple[int, int, str]], query: SearchQuery) -> list[tuple[int, int, str]]:
    """(start, end, label) of the hits in one document, in text order."""
    if query.kind is Kind.TEXT:
        return [(s, e, "") for s, e in find_all(body, query.text, letters=query.letters)]
    if query.kind is Kind.UNLABELLED:
        return [(s, e, "") for s, e in find_all(body, query.text, letters=query.letters)
                if not any(a < e and s < b for a, b, _ in annotated)]
    wanted = query_form(query.text, query.letters)
    return [(s, e, label) for s, e, label in annotated
            if not wanted or wanted in search_form(body[s:e], letters=query.letters)]


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
