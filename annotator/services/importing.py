"""Importing files: read, validate and write a batch at a time, all in one transaction.

A run imports whole or not at all: any bad file or line stops the writing (the rest is still
read, to report every problem) and rolls the transaction back, unless `skip_invalid` asks to
import what is valid and report the rest. Because the write is a single transaction, a process
killed half-way leaves the database as it was. Files are read line by line and written BATCH
documents at a time, so memory stays flat from ten thousand articles to a million.

A document that is already there with the same text is merged: annotations it lacks are
added, identical ones are kept once, one that differs from the stored one only in subtype,
attributes or note is a conflict (named in the report; the stored one is kept), and the status
moves forward (new → in progress → done → reviewed), never back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.orm import Session

from annotator.core.errors import AnnotatorError, InputError, Problem
from annotator.core.model import DocumentRecord, Status
from annotator.core.progress import Bounded, Clock, Progress
from annotator.core.resources import SAMPLE_CORPUS
from annotator.core.text import sha256
from annotator.core.validation import validate_document
from annotator.formats.base import ReadOptions
from annotator.formats.registry import find_files, open_source, read_file
from annotator.services.corpora import DEFAULT_CORPUS, CorpusInfo, annotator_for, create_corpus, plan_corpus
from annotator.store import bulk, history, queries, search_index
from annotator.store.database import Database
from annotator.store.models import (CorpusState, Document, DocumentState, Event, EventArgument, History, Relation,
                                    Span)

T = TypeVar("T")
BATCH = 1000  # documents validated and written at a time (about 4 MB of news text)


@dataclass
class ImportReport:
    """What an import did, by document id. Each list keeps its first Bounded.LIMIT ids; len()
    is the full count."""

    added: Bounded[str] = field(default_factory=Bounded)
    updated: Bounded[str] = field(default_factory=Bounded)  # same id, new text, no annotations yet
    unchanged: Bounded[str] = field(default_factory=Bounded)  # same id, text and annotations: nothing to do
    merged: Bounded[str] = field(default_factory=Bounded)  # same id and text, annotations or a status added
    conflicts: Bounded[Problem] = field(default_factory=Bounded)  # differing annotations left as stored
    spans: int = 0
    events: int = 0
    relations: int = 0
    skipped: Bounded[Problem] = field(default_factory=Bounded)  # with skip_invalid
    warnings: Bounded[Problem] = field(default_factory=Bounded)


def import_paths(
    db: Database,
    paths: Sequence[Path],
    *,
    corpus: str = DEFAULT_CORPUS,
    schema: str | None = None,
    encoding: str = "utf-8",
    clean: bool = False,
    skip_invalid: bool = False,
    annotator: str | None = None,
    layer: str | None = None,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Annotations go to the layer their file names (its annotator field), else `annotator`'s
    (default: the user's); `layer` puts every one into that layer whatever the file says (`gold`
    for a gold standard). `mapping` renames span labels (OLD → NEW) as they are read; OLD → ""
    leaves those spans out. `progress` is told the bytes read of all files and the documents read."""
    target = plan_corpus(db, name=corpus, schema=schema)
    files, passed_over = find_files(list(paths), refuse=db.owns)
    if not files:
        raise InputError(passed_over or [Problem(", ".join(map(str, paths)), "nothing to import")])
    report = ImportReport()
    report.skipped.extend(passed_over)
    options = ReadOptions(encoding=encoding, clean=clean, annotator=annotator or annotator_for(db),
                          labels=frozenset(target.schema.span_labels()), mapping=dict(mapping or {}))
    refused: Bounded[Problem] = Bounded()
    with gc_paused(), db.write() as session:
        corpus_id = target.id or create_corpus(session, target)
        earlier = Earlier(session.scalar(select(func.max(Document.id))) or 0)
        changed = False
        for batch in batched(read_records(files, target, options, report=report, refused=refused,
                                          progress=progress, layer=layer), BATCH):
            if refused and not skip_invalid:
                continue  # nothing more is written; the rest is read to report every problem
            new, conflicts = _sort_out_existing(session, corpus_id, batch, earlier, report)
            refused.extend(conflicts)
            if conflicts and not skip_invalid:
                continue
            _insert(session, corpus_id, new, report, who=options.annotator)
            changed = changed or bool(new)
            session.expunge_all()
            gc.collect(0)
        if refused and not skip_invalid:
            raise InputError([*refused, *([Problem("…", f"and {refused.more} more problems")] if refused.more else [])])
        report.skipped.extend(refused)
        if changed or report.merged:
            session.execute(update(CorpusState).where(CorpusState.corpus_id == corpus_id)
                            .values(version=CorpusState.version + 1))
    return report


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """`--map` pairs ("PERS=PER", "MISC=") as a label mapping; a pair without "=" is an error."""
    mapping = {}
    for pair in pairs:
        old, equals, new = pair.partition("=")
        if not equals or not old.strip():
            raise AnnotatorError(f"{pair!r}: give OLD=NEW (or OLD= to leave OLD out)")
        mapping[old.strip()] = new.strip()
    return mapping


@contextmanager
def gc_paused() -> Iterator[None]:
    """Reading a corpus makes millions of small objects and no cycles; the cyclic collector
    would rescan the growing heap again and again (more than doubling the read time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_sample_corpus_if_empty(db: Database, *, corpus: str = DEFAULT_CORPUS) -> ImportReport | None:
    """On a database without documents (a first start), import sample_corpus/."""
    with db.read() as session:
        if session.scalar(select(Document.id).limit(1)) is not None:
            return None
    return import_paths(db, [SAMPLE_CORPUS], corpus=corpus)


def read_records(files: list[Path], corpus: CorpusInfo, options: ReadOptions, *, report: ImportReport,
                 refused: Bounded[Problem], progress: Progress | None,
                 layer: str | None = None) -> Iterator[tuple[str, DocumentRecord]]:
    """Every valid record of the files, as they are read; a problem in `refused` for each invalid
    one. A document id seen twice in one batch is named with both places here; across batches
    the database finds it (`_sort_out_existing`)."""
    clock = Clock(progress)
    total = sum(_size(path) for path in files)
    before = documents = 0
    batch_seen: dict[str, str] = {}
    for path in files:
        source = open_source(path)
        if isinstance(source, Problem):
            refused.append(source)
            continue
        for where, item in read_file(source, options):
            if isinstance(item, Problem):
                refused.append(item)
                continue
            errors, warnings = validate_document(item, corpus.schema)
            if item.id in batch_seen:
                errors.insert(0, f"document id {item.id!r} also at {batch_seen[item.id]}")
            if errors:
                refused.append(Problem(where, "; ".join(errors)))
                continue
            if len(batch_seen) >= BATCH:
                batch_seen.clear()
            batch_seen[item.id] = where
            item.sha256 = sha256(item.text)
            if layer:
                for span in item.spans:
                    span.annotator = layer
                item.events = [replace(e, annotator=layer) for e in item.events]
                item.relations = [replace(r, annotator=layer) for r in item.relations]
            report.warnings.extend(Problem(where, w) for w in warnings)
            documents += 1
            if documents % 200 == 0:
                clock.tick(before + source.done, total, documents)
            yield where, item
        before += source.done
    clock.tick(total, total, documents)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class Earlier:
    """Which stored documents this import has met already: those with ids above the largest
    there was when it began (it inserted them), and those it marked (a bit each)."""

    def __init__(self, largest: int) -> None:
        self.largest, self.met = largest, bytearray(largest // 8 + 1)

    def mark(self, document_id: int) -> None:
        self.met[document_id >> 3] |= 1 << (document_id & 7)

    def __contains__(self, document_id: int) -> bool:
        return document_id > self.largest or bool(self.met[document_id >> 3] & (1 << (document_id & 7)))


def _sort_out_existing(session: Session, corpus_id: int, batch: Sequence[tuple[str, DocumentRecord]],
                       earlier: Earlier, report: ImportReport) -> tuple[list[DocumentRecord], list[Problem]]:
    """File each record as added, updated or unchanged: the records to insert, and the conflicts."""
    existing = queries.documents_by_uid(session, corpus_id, [r.id for _, r in batch])
    with_annotations = queries.annotated(session, [d.id for d in existing.values()])
    new, conflicts = [], []
    for where, record in batch:
        document = existing.get(record.id)
        if document is None:
            report.added.append(record.id)
            new.append(record)
            continue
        if document.id in earlier:
            conflicts.append(Problem(where, f"document id {record.id!r} also earlier in this import"))
            continue
        earlier.mark(document.id)
        if document.sha256 == record.sha256:
            if _merge(session, document, record, report):
                report.merged.append(record.id)
            else:
                report.unchanged.append(record.id)
        elif document.id in with_annotations:
            conflicts.append(Problem(record.id, "a document with this id and a different text already has "
                                     "annotations; refusing to replace its text (import it under another id)"))
        else:
            session.delete(document)
            report.updated.append(record.id)
            new.append(record)
    session.flush()
    return new, conflicts


STATUS_ORDER = list(Status)


def _merge(session: Session, document: Document, record: DocumentRecord, report: ImportReport) -> bool:
    """Add to a stored document what the record has and it lacks; True if anything changed."""
    names = queries.annotator_names(session)
    who = queries.annotator_ids(session, {s.annotator or "" for s in record.spans}
                                | {e.annotator or "" for e in record.events}
                                | {r.annotator or "" for r in record.relations})
    stored = {(s.start, s.end, s.label, names[s.annotator_id]): s
              for s in session.scalars(select(Span).where(Span.document_id == document.id))}
    key_to_id: dict[str, int] = {}
    added = [0, 0, 0]
    for span in record.spans:
        row = stored.get((span.start, span.end, span.label, span.annotator or ""))
        if row is None:
            row = Span(document_id=document.id, start=span.start, end=span.end, label=span.label,
                       subtype=span.subtype, attributes=span.attributes, annotator_id=who[span.annotator or ""],
                       note=span.note)
            session.add(row)
            session.flush()
            added[0] += 1
        elif (row.subtype, row.attributes, row.note) != (span.subtype, span.attributes, span.note):
            report.conflicts.append(Problem(record.id, f"span {span.key} {span.label} [{span.start}, {span.end}) "
                                            "is stored with another subtype, attributes or note; kept the stored one"))
        key_to_id[span.key] = row.id
    events = {(e.type, e.trigger_id, tuple((a.role, a.span_id) for a in e.arguments), e.annotator_id)
              for e in session.scalars(select(Event).where(Event.document_id == document.id))}
    for event in record.events:
        arguments = tuple((a.role, key_to_id[a.span]) for a in event.arguments)
        identity = (event.type, key_to_id[event.trigger], arguments, who[event.annotator or ""])
        if identity not in events:
            session.add(Event(document_id=document.id, type=event.type, trigger_id=identity[1],
                              attributes=event.attributes, annotator_id=identity[3],
                              arguments=[EventArgument(role=r, span_id=i) for r, i in arguments]))
            events.add(identity)
            added[1] += 1
    relations = {(r.type, r.head_id, r.tail_id, r.annotator_id)
                 for r in session.scalars(select(Relation).where(Relation.document_id == document.id))}
    for relation in record.relations:
        link = (relation.type, key_to_id[relation.head], key_to_id[relation.tail], who[relation.annotator or ""])
        if link not in relations:
            session.add(Relation(document_id=document.id, type=relation.type, head_id=link[1],
                                 tail_id=link[2], attributes=relation.attributes, annotator_id=link[3]))
            relations.add(link)
            added[2] += 1
    forward = STATUS_ORDER.index(record.status) > STATUS_ORDER.index(Status(document.status))
    if forward:
        document.status = record.status.value
    if not any(added) and not forward:
        return False
    session.execute(update(DocumentState).where(DocumentState.document_id == document.id)
                    .values(version=DocumentState.version + 1))
    report.spans += added[0]
    report.events += added[1]
    report.relations += added[2]
    session.flush()
    return True


DOCUMENT_COLUMNS = ("corpus_id", "uid", "title", "text", "sha256", "source", "section", "published", "url",
                    "extra", "raw_text", "status")
SPAN_COLUMNS = ("document_id", "start", "end", "label", "subtype", "attributes", "annotator_id", "note")
EVENT_COLUMNS = ("document_id", "type", "trigger_id", "attributes", "annotator_id")
HISTORY_COLUMNS = ("who", "document_id", "action", "kind", "target_id", "after")  # (PostgreSQL: who by default)


def _insert(session: Session, corpus_id: int, records: list[DocumentRecord], report: ImportReport, *,
            who: str) -> None:
    """Bulk inserts: documents, then spans, events, arguments and relations with their new ids."""
    if not records:
        return
    names = {s.annotator or "" for r in records for s in r.spans} | {e.annotator or "" for r in records for e in r.events} \
        | {x.annotator or "" for r in records for x in r.relations}
    layers = queries.annotator_ids(session, names)
    connection = session.connection()
    document_ids = bulk.insert_returning_ids(connection, bulk.table(Document), DOCUMENT_COLUMNS, [
        (corpus_id, r.id, r.title, r.text, r.sha256, r.source, r.section, r.published, r.url, r.metadata,
         r.raw_text, r.status.value) for r in records])
    search_index.add(connection, ((i, r.text) for i, r in zip(document_ids, records, strict=True)))
    span_ids = bulk.insert_returning_ids(connection, bulk.table(Span), SPAN_COLUMNS, [
        (d, s.start, s.end, s.label, s.subtype, s.attributes, layers[s.annotator or ""], s.note)
        for d, r in zip(document_ids, records, strict=True) for s in r.spans])
    # After the spans, with their number: the span triggers had no state row to count up.
    bulk.insert_rows(connection, bulk.table(DocumentState), ("document_id", "sha256", "length", "corpus_id", "spans"), [
        (i, r.sha256, len(r.text), corpus_id, len(r.spans)) for i, r in zip(document_ids, records, strict=True)])
    report.spans += len(span_ids)
    _insert_links(connection, records, document_ids, iter(span_ids), layers, report)
    # one line of history a document (not a line a span: a million spans would double the import)
    sqlite = connection.dialect.name == "sqlite"
    bulk.insert_rows(connection, bulk.table(History), HISTORY_COLUMNS[not sqlite:], [
        (*((who,) if sqlite else ()), i, "import", "document", i,
         history.as_json({"spans": len(r.spans), "events": len(r.events), "relations": len(r.relations)}))
        for i, r in zip(document_ids, records, strict=True)])


def _insert_links(connection: Connection, records: list[DocumentRecord], document_ids: list[int],
                  span_ids: Iterator[int], who: dict[str, int], report: ImportReport) -> None:
    """Events with their arguments, and relations, pointing at the spans just inserted."""
    event_rows, event_args, relation_rows = [], [], []
    for doc_id, record in zip(document_ids, records, strict=True):
        key_to_id = {s.key: next(span_ids) for s in record.spans}
        for e in record.events:
            event_rows.append((doc_id, e.type, key_to_id[e.trigger], e.attributes, who[e.annotator or ""]))
            event_args.append([(a.role, key_to_id[a.span]) for a in e.arguments])
        relation_rows += [{"document_id": doc_id, "type": r.type, "head_id": key_to_id[r.head],
                           "tail_id": key_to_id[r.tail], "attributes": r.attributes,
                           "annotator_id": who[r.annotator or ""]} for r in record.relations]
    if event_rows:
        event_ids = bulk.insert_returning_ids(connection, bulk.table(Event), EVENT_COLUMNS, event_rows)
        argument_rows = [{"event_id": event_id, "role": role, "span_id": span_id}
                         for event_id, args in zip(event_ids, event_args, strict=True) for role, span_id in args]
        if argument_rows:
            connection.execute(insert(bulk.table(EventArgument)), argument_rows)
    if relation_rows:
        connection.execute(insert(bulk.table(Relation)), relation_rows)
    report.events += len(event_rows)
    report.relations += len(relation_rows)
