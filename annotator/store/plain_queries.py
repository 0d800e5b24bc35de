"""Reads in plain SQL that SQLite and PostgreSQL both run, through `Database.snapshot` (no
SQLAlchemy on a SQLite file): the corpora, a corpus's documents counted by status and source
(`annotator stats`), and what an export reads, a corpus's documents and
their spans, events, arguments and relations as streams ordered by document, to be merged
without holding the corpus in memory.

No column needs converting: JSON and dates are cast to text, so rows are used as the driver
gives them. The unary + on documents.corpus_id keeps SQLite from taking the (corpus, status)
index, which made it sort every text by id in a temporary B-tree (twice the time at 10,000
documents); read in rowid order, they come sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

CORPORA = "SELECT name, id, CAST(schema_json AS TEXT) FROM corpora ORDER BY id"  # (name, id, schema as JSON text)
ANNOTATORS = "SELECT id, name FROM annotators"
GOLD_LAYERS = "SELECT name FROM annotators WHERE kind = 'gold'"
LAYERS = "SELECT name, kind FROM annotators ORDER BY name"  # (every annotator row is a layer)


def documents_by(column: Literal["status", "source"], corpus_id: int) -> tuple[str, dict[str, Any]]:
    """(value, how many) of a column of the corpus's documents, most first."""
    return (
        f"SELECT {column}, count(*) FROM documents WHERE corpus_id = :corpus GROUP BY {column} "
        f"ORDER BY count(*) DESC, {column}"
    ), {"corpus": corpus_id}


Ids = tuple[int, int] | None
"""The first and last document id of a part of the corpus (see services/export_parts.py), or None
for all of it."""


def _documents(
    corpus_id: int, statuses: Sequence[str], *, plus: str = "", ids: Ids = None
) -> tuple[str, dict[str, Any]]:
    """The corpus's documents (with these statuses, if any; with ids in this range, if any): the
    WHERE clause and its parameters."""
    params: dict[str, Any] = {"corpus": corpus_id}
    where = f"{plus}documents.corpus_id = :corpus"
    if ids is not None:
        params.update(first=ids[0], last=ids[1])
        where += " AND documents.id BETWEEN :first AND :last"
    if statuses:
        params.update((f"status{i}", s) for i, s in enumerate(statuses))
        where += f" AND documents.status IN ({', '.join(f':status{i}' for i in range(len(statuses)))})"
    return where, params


def count(corpus_id: int, statuses: Sequence[str] = ()) -> tuple[str, dict[str, Any]]:
    where, params = _documents(corpus_id, statuses)
    return f"SELECT count(*) FROM documents WHERE {where}", params


def nth_id(corpus_id: int, statuses: Sequence[str], n: int) -> tuple[str, dict[str, Any]]:
    """The id of the nth of the corpus's documents (0 for the first), in id order."""
    where, params = _documents(corpus_id, statuses)
    return f"SELECT id FROM documents WHERE {where} ORDER BY id LIMIT 1 OFFSET :n", {**params, "n": n}


def documents(corpus_id: int, statuses: Sequence[str] = (), ids: Ids = None) -> tuple[str, dict[str, Any]]:
    """(id, uid, text, title, source, section, published, url, status, extra, sha256), by id."""
    where, params = _documents(corpus_id, statuses, plus="+", ids=ids)
    return (
        "SELECT id, uid, text, title, source, section, CAST(published AS TEXT), url, status, "
        f"CAST(extra AS TEXT), sha256 FROM documents WHERE {where} ORDER BY id"
    ), params


def _of_documents(
    select: str, column: str, order: str, corpus_id: int, statuses: Sequence[str], ids: Ids, group: str = ""
) -> tuple[str, dict[str, Any]]:
    where, params = _documents(corpus_id, statuses, ids=ids)
    group_by = f" GROUP BY {group}" if group else ""
    return (
        f"{select} WHERE {column} IN (SELECT documents.id FROM documents WHERE {where}){group_by} ORDER BY {order}"
    ), params


def spans(
    corpus_id: int, statuses: Sequence[str] = (), ids: Ids = None, *, postgresql: bool = False
) -> tuple[str, dict[str, Any]]:
    """(document id, its spans as a JSON array of [start, end, label, subtype or "", annotator
    name, attributes, id, note]), by document.

    Made into JSON by the database and parsed by orjson, a span costs 0.6 µs where a row of
    the driver's costs 1 µs (the export's largest cost). Sorted, these lists are in export
    order. Attributes stay JSON text: most are "{}" and need no parsing.
    """
    array, group = ("json_build_array", "json_agg") if postgresql else ("json_array", "json_group_array")
    return _of_documents(
        f'SELECT spans.document_id, CAST({group}({array}(spans.start, spans."end", spans.label, '
        "coalesce(spans.subtype, ''), annotators.name, CAST(spans.attributes AS TEXT), spans.id, spans.note)) AS TEXT) "
        "FROM spans JOIN annotators ON annotators.id = spans.annotator_id",
        "spans.document_id",
        "spans.document_id",
        corpus_id,
        statuses,
        ids,
        group="spans.document_id",
    )


def events(corpus_id: int, statuses: Sequence[str] = (), ids: Ids = None) -> tuple[str, dict[str, Any]]:
    """(document id, id, type, trigger's id, attributes, annotator id)"""
    return _of_documents(
        "SELECT document_id, id, type, trigger_id, CAST(attributes AS TEXT), annotator_id FROM events",
        "document_id",
        "document_id, id",
        corpus_id,
        statuses,
        ids,
    )


def arguments(corpus_id: int, statuses: Sequence[str] = (), ids: Ids = None) -> tuple[str, dict[str, Any]]:
    """(document id, event id, role, span id)"""
    return _of_documents(
        "SELECT events.document_id, event_arguments.event_id, event_arguments.role, event_arguments.span_id "
        "FROM event_arguments JOIN events ON events.id = event_arguments.event_id",
        "events.document_id",
        "events.document_id, event_arguments.id",
        corpus_id,
        statuses,
        ids,
    )


def relations(corpus_id: int, statuses: Sequence[str] = (), ids: Ids = None) -> tuple[str, dict[str, Any]]:
    """(document id, id, type, head's id, tail's id, attributes, annotator id)"""
    return _of_documents(
        "SELECT document_id, id, type, head_id, tail_id, CAST(attributes AS TEXT), annotator_id FROM relations",
        "document_id",
        "document_id, id",
        corpus_id,
        statuses,
        ids,
    )
