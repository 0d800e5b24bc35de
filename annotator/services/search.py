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
from typing import Any

from sqlalchemy import Connection, bindparam, text

from annotator.core.find import Kind, find_all, query_form, search_form
from annotator.store import queries, search_index
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
    with db.read() as session:
        connection = session.connection()
        found = _text_hits(connection, corpus_id, query, wanted) if query.kind in (Kind.TEXT, Kind.UNLABELLED) \
            else _annotation_hits(connection, corpus_id, query, wanted)
        for document, start, end, label in found:
            if len(hits) == query.limit:
                return SearchResult(query, hits, False, None, time.perf_counter() - started)
            document_id, sha, uid, title, body = document
            line, at = context(body, start, end)
            hits.append(Hit(document_id, sha, uid, title or "", start, end, label, line, at))
    return SearchResult(query, hits, True, len({h.document_id for h in hits}), time.perf_counter() - started)


Document = tuple[int, str, str, str | None, str]  # id, sha256, uid, title, text
Found = Iterator[tuple[Document, int, int, str]]  # a hit: its document, start, end, label


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


def _text_hits(connection: Connection, corpus_id: int, query: SearchQuery, wanted: str) -> Found:
    """Occurrences of the text (none of whose letters a span covers, for UNLABELLED), document
    by document, read in batches as they are used."""
    source, conditions, order, params = _candidates(connection, corpus_id, wanted)
    sql = (f"SELECT d.id, d.sha256, d.uid, d.title, d.text FROM {source} "
           f"WHERE {' AND '.join(conditions)} ORDER BY {order}")
    for batch in queries.batches(connection, text(sql), params, size=200):
        spans = _spans(connection, [row[0] for row in batch]) if query.kind is Kind.UNLABELLED else {}
        for row in batch:
            document: Document = tuple(row)
            covered = spans.get(document[0], ())
            for start, end in find_all(document[4], query.text, letters=query.letters):
                if not any(a < end and start < b for a, b in covered):
                    yield document, start, end, ""


def _spans(connection: Connection, ids: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
    statement = text('SELECT document_id, start, "end" FROM spans WHERE document_id IN :ids') \
        .bindparams(bindparam("ids", expanding=True))
    found: dict[int, list[tuple[int, int]]] = {}
    for document_id, start, end in connection.execute(statement, {"ids": list(ids)}):
        found.setdefault(document_id, []).append((start, end))
    return found


def _annotation_hits(connection: Connection, corpus_id: int, query: SearchQuery, wanted: str) -> Found:
    """Spans of the label (triggers of the event type) whose text holds the string, in text
    order. Only each span's own letters come out of the database to be matched; a document's
    text is read when it has a hit."""
    source, conditions, order, params = _candidates(connection, corpus_id, wanted)
    join = "CROSS JOIN" if connection.dialect.name == "sqlite" else "JOIN"  # SQLite: documents first, in order
    if query.kind is Kind.EVENTS:
        source += f" {join} events e ON e.document_id = d.id {join} spans s ON s.id = e.trigger_id"
        label = "e.type"
    else:
        source += f" {join} spans s ON s.document_id = d.id"
        label = "s.label"
    if query.label:
        conditions.append(f"{label} = :label")
        params["label"] = query.label
    sql = (f'SELECT d.id, s.start, s."end", {label}, substr(d.text, s.start + 1, s."end" - s.start) '
           f"FROM {source} WHERE {' AND '.join(conditions)} ORDER BY {order}, s.start, s.\"end\", {label}")
    document: Document | None = None
    last = None
    for batch in queries.batches(connection, text(sql), params, size=200):
        for document_id, start, end, name, letters in batch:
            if (document_id, start, end, name) == last \
                    or (wanted and wanted not in search_form(letters, letters=query.letters)):
                continue  # (the same span made by two annotators is one hit)
            last = (document_id, start, end, name)
            if document is None or document[0] != document_id:
                document = tuple(connection.execute(text("SELECT id, sha256, uid, title, text FROM documents "
                                                         "WHERE id = :id"), {"id": document_id}).one())
            yield document, start, end, name


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
