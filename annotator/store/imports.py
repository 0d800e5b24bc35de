"""An import's writes, in the import's one transaction (services/importing.py reads, checks and
batches the files; this writes each batch).

A document already stored with the same text is merged: annotations it lacks are added,
identical ones are kept once, one that differs from the stored one only in subtype, attributes
or note is a conflict (the stored one is kept), and the status moves forward, never back. A new
text replaces a document without annotations; one with annotations is refused. New documents
and their annotations go in with bulk inserts, their search index and state rows with them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.orm import Session

from annotator.core.errors import Problem
from annotator.core.model import DocumentRecord, Status
from annotator.core.reports import ImportReport
from annotator.store import bulk, corpora, history, queries, search_index
from annotator.store.models import (
    CorpusState,
    Document,
    DocumentState,
    Event,
    EventArgument,
    History,
    Relation,
    Span,
)


class ImportWriter:
    """Writes one import's batches into a corpus (created if it is not there yet), filling in
    the report as it goes."""

    def __init__(
        self,
        session: Session,
        *,
        corpus_id: int,
        corpus: str,
        schema: str,
        schema_json: dict[str, Any],
        report: ImportReport,
        who: str,
    ) -> None:
        """`corpus_id` 0: the corpus is created (or found, if another process made it meanwhile);
        `who` is named in the history as the importer."""
        self.session, self.report, self.who = session, report, who
        self.corpus_id = corpus_id or corpora.create(session, corpus, schema, schema_json)
        self.earlier = Earlier(session.scalar(select(func.max(Document.id))) or 0)
        self.changed = False

    def sort_out(self, batch: Sequence[tuple[str, DocumentRecord]]) -> tuple[list[DocumentRecord], list[Problem]]:
        """Merge the batch's stored documents; returns the new ones (to `insert`) and the conflicts."""
        return _sort_out_existing(self.session, self.corpus_id, batch, self.earlier, self.report)

    def insert(self, records: list[DocumentRecord]) -> None:
        _insert(self.session, self.corpus_id, records, self.report, who=self.who)
        self.changed = self.changed or bool(records)
        self.session.expunge_all()  # (memory stays flat)

    def finish(self) -> None:
        """The corpus's change counter moves if anything was written: windows take it in."""
        if self.changed or self.report.merged:
            self.session.execute(
                update(CorpusState)
                .where(CorpusState.corpus_id == self.corpus_id)
                .values(version=CorpusState.version + 1)
            )


def any_document(session: Session) -> bool:
    return session.scalar(select(Document.id).limit(1)) is not None


class Earlier:
    """Which stored documents this import has met already: those with ids above the largest
    there was when it began (it inserted them), and those it marked (a bit each)."""

    def __init__(self, largest: int) -> None:
        self.largest, self.met = largest, bytearray(largest // 8 + 1)

    def mark(self, document_id: int) -> None:
        self.met[document_id >> 3] |= 1 << (document_id & 7)

    def __contains__(self, document_id: int) -> bool:
        return document_id > self.largest or bool(self.met[document_id >> 3] & (1 << (document_id & 7)))


def _sort_out_existing(
    session: Session,
    corpus_id: int,
    batch: Sequence[tuple[str, DocumentRecord]],
    earlier: Earlier,
    report: ImportReport,
) -> tuple[list[DocumentRecord], list[Problem]]:
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
            conflicts.append(
                Problem(
                    record.id,
                    "a document with this id and a different text already has "
                    "annotations; refusing to replace its text (import it under another id)",
                )
            )
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
    who = queries.annotator_ids(
        session,
        {s.annotator or "" for s in record.spans}
        | {e.annotator or "" for e in record.events}
        | {r.annotator or "" for r in record.relations},
    )
    stored = {
        (s.start, s.end, s.label, names[s.annotator_id]): s
        for s in session.scalars(select(Span).where(Span.document_id == document.id))
    }
    key_to_id: dict[str, int] = {}
    added = [0, 0, 0]
    for span in record.spans:
        row = stored.get((span.start, span.end, span.label, span.annotator or ""))
        if row is None:
            row = Span(
                document_id=document.id,
                start=span.start,
                end=span.end,
                label=span.label,
                subtype=span.subtype,
                attributes=span.attributes,
                annotator_id=who[span.annotator or ""],
                note=span.note,
            )
            session.add(row)
            session.flush()
            added[0] += 1
        elif (row.subtype, row.attributes, row.note) != (span.subtype, span.attributes, span.note):
            report.conflicts.append(
                Problem(
                    record.id,
                    f"span {span.key} {span.label} [{span.start}, {span.end}) "
                    "is stored with another subtype, attributes or note; kept the stored one",
                )
            )
        key_to_id[span.key] = row.id
    events = {
        (e.type, e.trigger_id, tuple((a.role, a.span_id) for a in e.arguments), e.annotator_id)
        for e in session.scalars(select(Event).where(Event.document_id == document.id))
    }
    for event in record.events:
        arguments = tuple((a.role, key_to_id[a.span]) for a in event.arguments)
        identity = (event.type, key_to_id[event.trigger], arguments, who[event.annotator or ""])
        if identity not in events:
            session.add(
                Event(
                    document_id=document.id,
                    type=event.type,
                    trigger_id=identity[1],
                    attributes=event.attributes,
                    annotator_id=identity[3],
                    arguments=[EventArgument(role=r, span_id=i) for r, i in arguments],
                )
            )
            events.add(identity)
            added[1] += 1
    relations = {
        (r.type, r.head_id, r.tail_id, r.annotator_id)
        for r in session.scalars(select(Relation).where(Relation.document_id == document.id))
    }
    for relation in record.relations:
        link = (relation.type, key_to_id[relation.head], key_to_id[relation.tail], who[relation.annotator or ""])
        if link not in relations:
            session.add(
                Relation(
                    document_id=document.id,
                    type=relation.type,
                    head_id=link[1],
                    tail_id=link[2],
                    attributes=relation.attributes,
                    annotator_id=link[3],
                )
            )
            relations.add(link)
            added[2] += 1
    forward = STATUS_ORDER.index(record.status) > STATUS_ORDER.index(Status(document.status))
    if forward:
        document.status = record.status.value
    if not any(added) and not forward:
        return False
    session.execute(
        update(DocumentState).where(DocumentState.document_id == document.id).values(version=DocumentState.version + 1)
    )
    report.spans += added[0]
    report.events += added[1]
    report.relations += added[2]
    session.flush()
    return True


DOCUMENT_COLUMNS = (
    "corpus_id",
    "uid",
    "title",
    "text",
    "sha256",
    "source",
    "section",
    "published",
    "url",
    "extra",
    "raw_text",
    "status",
)
SPAN_COLUMNS = ("document_id", "start", "end", "label", "subtype", "attributes", "annotator_id", "note")
EVENT_COLUMNS = ("document_id", "type", "trigger_id", "attributes", "annotator_id")
HISTORY_COLUMNS = ("who", "document_id", "action", "kind", "target_id", "after")  # (PostgreSQL: who by default)


def _insert(session: Session, corpus_id: int, records: list[DocumentRecord], report: ImportReport, *, who: str) -> None:
    """Bulk inserts: documents, then spans, events, arguments and relations with their new ids."""
    if not records:
        return
    names = (
        {s.annotator or "" for r in records for s in r.spans}
        | {e.annotator or "" for r in records for e in r.events}
        | {x.annotator or "" for r in records for x in r.relations}
    )
    layers = queries.annotator_ids(session, names)
    connection = session.connection()
    document_ids = bulk.insert_returning_ids(
        connection,
        bulk.table(Document),
        DOCUMENT_COLUMNS,
        [
            (
                corpus_id,
                r.id,
                r.title,
                r.text,
                r.sha256,
                r.source,
                r.section,
                r.published,
                r.url,
                r.metadata,
                r.raw_text,
                r.status.value,
            )
            for r in records
        ],
    )
    search_index.add(connection, ((i, r.text) for i, r in zip(document_ids, records, strict=True)))
    span_ids = bulk.insert_returning_ids(
        connection,
        bulk.table(Span),
        SPAN_COLUMNS,
        [
            (d, s.start, s.end, s.label, s.subtype, s.attributes, layers[s.annotator or ""], s.note)
            for d, r in zip(document_ids, records, strict=True)
            for s in r.spans
        ],
    )
    # After the spans, with their number: the span triggers had no state row to count up.
    bulk.insert_rows(
        connection,
        bulk.table(DocumentState),
        ("document_id", "sha256", "length", "corpus_id", "spans"),
        [(i, r.sha256, len(r.text), corpus_id, len(r.spans)) for i, r in zip(document_ids, records, strict=True)],
    )
    report.spans += len(span_ids)
    _insert_links(connection, records, document_ids, iter(span_ids), layers, report)
    # one line of history a document (not a line a span: a million spans would double the import)
    sqlite = connection.dialect.name == "sqlite"
    bulk.insert_rows(
        connection,
        bulk.table(History),
        HISTORY_COLUMNS[not sqlite :],
        [
            (
                *((who,) if sqlite else ()),
                i,
                "import",
                "document",
                i,
                history.as_json({"spans": len(r.spans), "events": len(r.events), "relations": len(r.relations)}),
            )
            for i, r in zip(document_ids, records, strict=True)
        ],
    )


def _insert_links(
    connection: Connection,
    records: list[DocumentRecord],
    document_ids: list[int],
    span_ids: Iterator[int],
    who: dict[str, int],
    report: ImportReport,
) -> None:
    """Events with their arguments, and relations, pointing at the spans just inserted."""
    event_rows, event_args, relation_rows = [], [], []
    for doc_id, record in zip(document_ids, records, strict=True):
        key_to_id = {s.key: next(span_ids) for s in record.spans}
        for e in record.events:
            event_rows.append((doc_id, e.type, key_to_id[e.trigger], e.attributes, who[e.annotator or ""]))
            event_args.append([(a.role, key_to_id[a.span]) for a in e.arguments])
        relation_rows += [
            {
                "document_id": doc_id,
                "type": r.type,
                "head_id": key_to_id[r.head],
                "tail_id": key_to_id[r.tail],
                "attributes": r.attributes,
                "annotator_id": who[r.annotator or ""],
            }
            for r in record.relations
        ]
    if event_rows:
        event_ids = bulk.insert_returning_ids(connection, bulk.table(Event), EVENT_COLUMNS, event_rows)
        argument_rows = [
            {"event_id": event_id, "role": role, "span_id": span_id}
            for event_id, args in zip(event_ids, event_args, strict=True)
            for role, span_id in args
        ]
        if argument_rows:
            connection.execute(insert(bulk.table(EventArgument)), argument_rows)
    if relation_rows:
        connection.execute(insert(bulk.table(Relation)), relation_rows)
    report.events += len(event_rows)
    report.relations += len(relation_rows)
