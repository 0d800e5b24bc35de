"""Exporting a corpus: documents streamed from the database, checked, and written atomically.

Documents and their annotations are read as parallel streams ordered by document and merged,
so memory does not grow with the corpus. Span, event and relation ids (T1, E1, R1) follow from
the content alone, so export, import into an empty database, and export again give the same
bytes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import func, select

from annotator.core.errors import AnnotatorError
from annotator.core.model import (ArgumentRecord, DocumentRecord, EventRecord, RelationRecord,
                                  SpanRecord, Status)
from annotator.core.text import sha256
from annotator.formats.registry import WRITERS
from annotator.services.corpora import DEFAULT_CORPUS, find_corpus
from annotator.store import queries
from annotator.store.database import Database
from annotator.store.models import Document

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Filters:
    statuses: Sequence[str] = ()
    annotators: Sequence[str] = ()
    labels: Sequence[str] = ()


@dataclass(frozen=True)
class ExportReport:
    path: Path
    documents: int
    spans: int
    events: int
    relations: int


def export_corpus(db: Database, output: Path, *, format: str = "jsonl", corpus: str = DEFAULT_CORPUS,
                  filters: Filters = Filters(), progress: Progress | None = None) -> ExportReport:
    """Write the corpus to `output` through a temporary file renamed at the end."""
    writer = WRITERS.get(format)
    if writer is None:
        raise AnnotatorError(f"unknown export format {format!r} (use {', '.join(WRITERS)})")
    unknown = [s for s in filters.statuses if s not in Status._value2member_map_]
    if unknown:
        raise AnnotatorError(f"unknown status {unknown[0]!r} (use {', '.join(Status)})")
    target = find_corpus(db, corpus)
    output = output.expanduser()
    if output.is_dir():
        raise AnnotatorError(f"{output} is a folder; give a file name")
    if not output.parent.is_dir():
        raise AnnotatorError(f"{output.parent}: no such folder")
    counts = [0, 0, 0, 0]
    handle = tempfile.NamedTemporaryFile("wb", dir=output.parent, prefix=f".{output.name}.", suffix=".tmp",
                                         delete=False)
    try:
        with handle, db.read() as session:
            total = session.scalar(select(func.count()).select_from(Document).where(
                Document.corpus_id == target.id,
                *([Document.status.in_(filters.statuses)] if filters.statuses else [])))
            for doc in iter_documents(session, target.id, filters):
                handle.write(writer(doc))
                counts[0] += 1
                counts[1] += len(doc.spans)
                counts[2] += len(doc.events)
                counts[3] += len(doc.relations)
                if progress and (counts[0] % 200 == 0 or counts[0] == total):
                    progress(counts[0], total or 0)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, output)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return ExportReport(output, *counts)


def iter_documents(session: Any, corpus_id: int, filters: Filters = Filters()) -> Iterator[DocumentRecord]:
    """Documents with their annotations, one at a time, ids assigned by content order."""
    statuses = tuple(filters.statuses)
    names = queries.annotator_names(session)
    wanted_annotators = set(filters.annotators)
    wanted_labels = set(filters.labels)
    spans = groupby(queries.stream(session, queries.spans_query(corpus_id, statuses)), key=lambda r: r[0])
    events = groupby(queries.stream(session, queries.events_query(corpus_id, statuses)), key=lambda r: r[0])
    arguments = groupby(queries.stream(session, queries.arguments_query(corpus_id, statuses)), key=lambda r: r[0])
    relations = groupby(queries.stream(session, queries.relations_query(corpus_id, statuses)), key=lambda r: r[0])
    heads: dict[str, Any] = {}

    def rows_for(name: str, stream: Any, document_id: int) -> list[Any]:
        """The rows of `document_id` from a stream grouped by document id (ascending)."""
        while True:
            if name not in heads:
                heads[name] = next(stream, None)
            head = heads[name]
            if head is None or head[0] > document_id:
                return []
            del heads[name]
            if head[0] == document_id:
                return list(head[1])

    for row in queries.stream(session, queries.documents_query(corpus_id, statuses)):
        doc_id, uid, text = row[0], row[1], row[2]
        if row[3] != sha256(text):
            raise AnnotatorError(f"document {uid!r}: its text no longer matches its checksum; refusing to export it")
        span_rows = [s for s in rows_for("spans", spans, doc_id)
                     if (not wanted_annotators or names[s[7]] in wanted_annotators)
                     and (not wanted_labels or s[4] in wanted_labels)]
        for s in span_rows:
            if not 0 <= s[2] < s[3] <= len(text):
                raise AnnotatorError(f"document {uid!r}: span [{s[2]}, {s[3]}) lies outside its text "
                                     f"(length {len(text)}); refusing to export it")
        span_rows.sort(key=lambda s: (s[2], s[3], s[4], s[5] or "", names[s[7]], orjson.dumps(s[6], option=orjson.OPT_SORT_KEYS)))
        key = {s[1]: f"T{i}" for i, s in enumerate(span_rows, 1)}
        args: dict[int, list[ArgumentRecord]] = {}
        for a in rows_for("arguments", arguments, doc_id):
            if a[3] in key:
                args.setdefault(a[1], []).append(ArgumentRecord(role=a[2], span=key[a[3]]))
        event_list = [
            EventRecord(key="", type=e[2], trigger=key[e[3]],
                        arguments=tuple(sorted(args.get(e[1], []), key=_argument_order)),
                        attributes=e[4], annotator=names[e[5]])
            for e in rows_for("events", events, doc_id)
            if e[3] in key and (not wanted_annotators or names[e[5]] in wanted_annotators)
        ]
        event_list.sort(key=lambda e: (_key_order(e.trigger), e.type, e.annotator or "",
                                       [(a.role, _key_order(a.span)) for a in e.arguments]))
        relation_list = [
            RelationRecord(key="", type=r[2], head=key[r[3]], tail=key[r[4]], attributes=r[5], annotator=names[r[6]])
            for r in rows_for("relations", relations, doc_id)
            if r[3] in key and r[4] in key and (not wanted_annotators or names[r[6]] in wanted_annotators)
        ]
        relation_list.sort(key=lambda r: (_key_order(r.head), _key_order(r.tail), r.type, r.annotator or ""))
        yield DocumentRecord(
            id=uid, text=text, title=row[4], source=row[5], section=row[6], published=row[7], url=row[8],
            status=Status(row[9]), metadata=row[10] or {},
            spans=[SpanRecord(key=key[s[1]], start=s[2], end=s[3], label=s[4], subtype=s[5], attributes=s[6],
                              annotator=names[s[7]]) for s in span_rows],
            events=[_with_key(e, f"E{i}") for i, e in enumerate(event_list, 1)],
            relations=[_with_key(r, f"R{i}") for i, r in enumerate(relation_list, 1)],
        )


def _key_order(key: str) -> int:
    return int(key[1:])


def _argument_order(argument: ArgumentRecord) -> tuple[int, str]:
    return _key_order(argument.span), argument.role


def _with_key(record: Any, key: str) -> Any:
    return replace(record, key=key)
