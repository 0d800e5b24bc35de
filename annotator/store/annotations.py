"""Reading and changing one document's annotations: each call is one short transaction.

Every write names the document and the checksum of the text its offsets were computed on
(`DocumentRef`), and checks both in its own transaction before it changes anything; it bumps
the document's change counter and applies the workflow rule (a new document is in progress
once annotated) in that same transaction, and returns a `Stamp`. Changing an annotation names
the fields it changes with the values the caller saw: if another process changed one of them
first, nothing is saved (`Stale`); fields the caller did not touch are left as they are.

Calls that remove something return what they removed, so that `restore_*` can bring back the
same rows with the same ids (undo). Deleting a span that an event or relation uses is refused
unless `cascade` asks to remove those uses with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import orjson
from sqlalchemy import Connection, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.core.errors import AnnotatorError, Conflict, NotFound, Stale
from annotator.core.model import Attributes, Status, json_dict
from annotator.core.schema import Schema
from annotator.core.views import (
    ArgumentView,
    DocumentRef,
    DocumentView,
    EventView,
    RelationView,
    SpanView,
    Stamp,
)
from annotator.store import assignments, direct, links, queries, writes
from annotator.store.database import Database
from annotator.store.models import (
    CorpusState,
    Document,
    DocumentState,
    Event,
    EventArgument,
    Relation,
    Span,
)


@dataclass(frozen=True)
class SpanRemoval:
    """A deleted span with everything that went with it."""

    span: SpanView
    events: tuple[EventView, ...] = ()  # events it triggered, removed whole
    arguments: tuple[tuple[int, int, ArgumentView], ...] = ()  # (row id, event id, argument) of other events
    relations: tuple[RelationView, ...] = ()


# -- reading --------------------------------------------------------------------------------


_SPANS_OF = text(
    'SELECT id, start, "end", label, subtype, CAST(attributes AS TEXT), annotator_id, note FROM spans '
    'WHERE document_id = :document ORDER BY start, "end", id'
)


def load_document(db: Database, *, document_id: int, layers: frozenset[str] | None = None) -> DocumentView:
    """The document with its annotations: those of `layers` only, if named (an annotator
    working blind sees their own)."""
    document = _load_document(db, document_id)
    if layers is None:
        return document
    return replace(
        document,
        spans={i: s for i, s in document.spans.items() if s.annotator in layers},
        events={i: e for i, e in document.events.items() if e.annotator in layers},
        relations={i: r for i, r in document.relations.items() if r.annotator in layers},
    )


def _load_document(db: Database, document_id: int) -> DocumentView:
    with db.read() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise NotFound(f"document {document_id} does not exist")
        names = queries.annotator_names(session)
        rows = session.execute(
            _SPANS_OF, {"document": document_id}
        ).all()  # (plain SQL, fetched at once: 10,000 rows in a fifth of the time)
        spans = {r[0]: SpanView(r[0], r[1], r[2], r[3], r[4], json_dict(r[5]), names[r[6]], r[7]) for r in rows}
        events = {
            e.id: writes.event_view(e, names)
            for e in session.scalars(select(Event).where(Event.document_id == document_id).order_by(Event.id))
        }
        relations = {
            r.id: writes.relation_view(r, names)
            for r in session.scalars(select(Relation).where(Relation.document_id == document_id).order_by(Relation.id))
        }
        version = session.scalar(select(DocumentState.version).where(DocumentState.document_id == document_id))
        return DocumentView(
            doc.id,
            doc.uid,
            doc.title,
            doc.text,
            doc.source,
            doc.section,
            doc.published,
            doc.url,
            Status(doc.status),
            doc.sha256,
            version or 0,
            spans,
            events,
            relations,
        )


def document_version(db: Database, *, document_id: int) -> tuple[str, int] | None:
    """(text checksum, change counter) of a document, or None if it is gone: one indexed row."""
    with db.read() as session:
        row = session.execute(
            select(DocumentState.sha256, DocumentState.version).where(DocumentState.document_id == document_id)
        ).first()
        return (row[0], row[1]) if row else None


def corpus_version(db: Database, *, corpus_id: int) -> int:
    """The corpus's change counter: any import or edit in it bumps it."""
    with db.read() as session:
        return session.scalar(select(CorpusState.version).where(CorpusState.corpus_id == corpus_id)) or 0


# -- spans ----------------------------------------------------------------------------------

SPAN_FIELDS = ("label", "subtype", "attributes", "start", "end", "note")


def add_span(
    db: Database,
    *,
    schema: Schema,
    doc: DocumentRef,
    start: int,
    end: int,
    label: str,
    annotator: str,
    subtype: str | None = None,
    attributes: Attributes | None = None,
    span_id: int | None = None,
) -> tuple[SpanView, Stamp]:
    with db.transaction() as connection:  # (no ORM session: the most frequent action, kept lean)
        stamp, length = writes.touch(connection, doc)
        span = insert_span(
            connection, schema, doc.id, length, start, end, label, annotator, subtype, attributes, span_id
        )
        writes.log(connection, doc, "add", "span", span.id, after=span)
        return span, stamp


def add_spans(
    db: Database,
    *,
    schema: Schema,
    doc: DocumentRef,
    ranges: Sequence[tuple[int, int]],
    label: str,
    annotator: str,
    span_ids: Sequence[int] = (),
) -> tuple[list[SpanView], Stamp]:
    """Several spans of one label in one transaction: all saved, or none (label all occurrences)."""
    return add_spans_in(
        db,
        schema=schema,
        items=[(doc, ranges)],
        label=label,
        annotator=annotator,
        span_ids=[span_ids] if span_ids else (),
    )[0]


def add_spans_in(
    db: Database,
    *,
    schema: Schema,
    items: Sequence[tuple[DocumentRef, Sequence[tuple[int, int]]]],
    label: str,
    annotator: str,
    span_ids: Sequence[Sequence[int]] = (),
) -> list[tuple[list[SpanView], Stamp]]:
    """Spans of one label in several documents, each checked against its text, in one
    transaction: all saved, or none (label all occurrences across the corpus)."""
    with db.write() as session:
        made = []
        for n, (doc, ranges) in enumerate(items):
            stamp, length = writes.touch(session, doc)
            made.append(
                (
                    [
                        insert_span(
                            session,
                            schema,
                            doc.id,
                            length,
                            start,
                            end,
                            label,
                            annotator,
                            None,
                            None,
                            span_ids[n][i] if span_ids else None,
                        )
                        for i, (start, end) in enumerate(ranges)
                    ],
                    stamp,
                )
            )
            for span in made[-1][0]:
                writes.log(session, doc, "add", "span", span.id, after=span)
        return made


def delete_spans(db: Database, *, doc: DocumentRef, span_ids: Sequence[int]) -> Stamp:
    """Delete spans that nothing uses, in one transaction (the undo of `add_spans`)."""
    return delete_spans_in(db, items=[(doc, span_ids)])[0]


def delete_spans_in(db: Database, *, items: Sequence[tuple[DocumentRef, Sequence[int]]]) -> list[Stamp]:
    """Delete spans that nothing uses, in several documents, in one transaction (the undo of
    `add_spans_in`)."""
    with db.write() as session:
        stamps = []
        for doc, span_ids in items:
            stamps.append(writes.touch(session, doc)[0])
            spans = [writes.get_in(session, Span, span_id, doc.id) for span_id in span_ids]
            used = (
                session.scalar(select(func.count()).select_from(Event).where(Event.trigger_id.in_(span_ids)))
                or session.scalar(
                    select(func.count()).select_from(EventArgument).where(EventArgument.span_id.in_(span_ids))
                )
                or session.scalar(
                    select(func.count())
                    .select_from(Relation)
                    .where(or_(Relation.head_id.in_(span_ids), Relation.tail_id.in_(span_ids)))
                )
            )
            if used:
                raise Conflict("some of these spans are now used by events or relations; remove those first")
            names = queries.annotator_names(session)
            for span in spans:
                writes.log(session, doc, "delete", "span", span.id, before=writes.span_view(span, names))
                session.delete(span)
        return stamps


def add_trigger(
    db: Database, *, schema: Schema, doc: DocumentRef, start: int, end: int, event_type: str, annotator: str
) -> tuple[SpanView, EventView, list[str], Stamp]:
    """A trigger span and its new event (schema default attributes, no arguments), together."""
    defaults = {a.name: a.default for a in schema.attributes_for("event") if a.default}
    with db.write() as session:
        stamp, length = writes.touch(session, doc)
        span = insert_span(session, schema, doc.id, length, start, end, event_type, annotator, None, None, None)
        event, warnings = links.add_event_in(
            session, schema, doc.id, EventView(0, event_type, span.id, (), defaults, annotator)
        )
        writes.log(session, doc, "add", "span", span.id, after=span)
        writes.log(session, doc, "add", "event", event.id, after=event)
        return span, event, warnings, stamp


_INSERT_SPAN = (
    'INSERT INTO spans (document_id, start, "end", label, subtype, attributes, annotator_id{id}) '
    "VALUES (:document_id, :start, :end, :label, :subtype, :attributes, :annotator_id{value}) RETURNING id"
)


def insert_span(
    where: Session | Connection,
    schema: Schema,
    document_id: int,
    length: int,
    start: int,
    end: int,
    label: str,
    annotator: str,
    subtype: str | None,
    attributes: Attributes | None,
    span_id: int | None,
) -> SpanView:
    attributes = dict(attributes or {})
    errors = schema.check_span(label, subtype, attributes)
    if errors:
        raise AnnotatorError("; ".join(errors))
    writes.check_offsets(length, start, end)
    run = direct.runner(where.connection() if isinstance(where, Session) else where)
    row = {
        "document_id": document_id,
        "start": start,
        "end": end,
        "label": label,
        "subtype": subtype,
        "attributes": orjson.dumps(attributes).decode(),
        "annotator_id": writes.annotator_id(run, annotator),
        "id": span_id,
    }
    sql = _INSERT_SPAN.format(id="" if span_id is None else ", id", value="" if span_id is None else ", :id")
    try:
        [(new_id,)] = run(sql, row)
    except IntegrityError:
        raise Conflict(f"{annotator} already has a {label} span at [{start}, {end})") from None
    return SpanView(new_id, start, end, label, subtype, attributes, annotator)


def update_span(
    db: Database, *, schema: Schema, doc: DocumentRef, span_id: int, old: dict[str, Any], new: dict[str, Any]
) -> tuple[SpanView, Stamp]:
    """Change the fields named in `new` (of SPAN_FIELDS), which the caller saw as `old`."""
    with db.write() as session:
        stamp, length = writes.touch(session, doc)
        span = writes.get_in(session, Span, span_id, doc.id)
        fields = writes.compare_and_set(
            writes.span_fields(span), old, new, f"span {span.label} [{span.start}, {span.end})"
        )
        label, subtype, attributes = fields["label"], fields["subtype"], fields["attributes"]
        errors = schema.check_span(str(label), subtype and str(subtype), dict(attributes))
        if errors:
            raise AnnotatorError("; ".join(errors))
        start, end = int(fields["start"]), int(fields["end"])
        writes.check_offsets(length, start, end)
        triggered = session.scalars(select(Event.type).where(Event.trigger_id == span_id)).first()
        if triggered is not None and label != triggered:
            raise Conflict(f"this span triggers a {triggered} event; its label must stay {triggered}")
        for name in new:
            value = fields[name]
            setattr(span, name, dict(value) if name == "attributes" else (value or None) if name == "note" else value)
        writes.flush_unique(session, f"there is already a {label} span at [{start}, {end}) by the same annotator")
        after = writes.span_view(span, queries.annotator_names(session))
        writes.log(session, doc, "change", "span", span_id, before={k: old.get(k) for k in new}, after=dict(new))
        return after, stamp


def delete_span(db: Database, *, doc: DocumentRef, span_id: int, cascade: bool = False) -> tuple[SpanRemoval, Stamp]:
    with db.write() as session:
        stamp, _ = writes.touch(session, doc)
        span = writes.get_in(session, Span, span_id, doc.id)
        names = queries.annotator_names(session)
        events = list(session.scalars(select(Event).where(Event.trigger_id == span_id)))
        arguments = list(
            session.scalars(
                select(EventArgument).where(
                    EventArgument.span_id == span_id, EventArgument.event_id.not_in([e.id for e in events])
                )
            )
        )
        relations = list(
            session.scalars(select(Relation).where(or_(Relation.head_id == span_id, Relation.tail_id == span_id)))
        )
        if (events or arguments or relations) and not cascade:
            uses = [
                f"{n} {what}"
                for n, what in (
                    (len(events), "event(s) as trigger"),
                    (len(arguments), "event argument(s)"),
                    (len(relations), "relation(s)"),
                )
                if n
            ]
            raise Conflict(
                f"the span {span.label} [{span.start}, {span.end}) is used by {', '.join(uses)}; "
                "remove those first, or delete them with it"
            )
        removal = SpanRemoval(
            span=writes.span_view(span, names),
            events=tuple(writes.event_view(e, names) for e in events),
            arguments=tuple((a.id, a.event_id, ArgumentView(a.role, a.span_id)) for a in arguments),
            relations=tuple(writes.relation_view(r, names) for r in relations),
        )
        for row in (*relations, *arguments, *events):
            session.delete(row)
        session.flush()
        session.delete(span)
        writes.log(session, doc, "delete", "span", span_id, before=removal)
        return removal, stamp


def restore_span(db: Database, *, doc: DocumentRef, removal: SpanRemoval) -> Stamp:
    """Put back a deleted span and its uses, with their old ids."""
    with db.write() as session:
        stamp, length = writes.touch(session, doc)
        who = queries.annotator_ids(
            session,
            {removal.span.annotator, *(e.annotator for e in removal.events), *(r.annotator for r in removal.relations)},
        )
        s = removal.span
        writes.check_offsets(length, s.start, s.end)
        session.add(
            Span(
                id=s.id,
                document_id=doc.id,
                start=s.start,
                end=s.end,
                label=s.label,
                subtype=s.subtype,
                attributes=dict(s.attributes),
                annotator_id=who[s.annotator],
                note=s.note,
            )
        )
        writes.flush_unique(session, f"another {s.label} span at [{s.start}, {s.end}) was made meanwhile")
        for e in removal.events:
            session.add(writes.event_row(doc.id, e, who[e.annotator]))
        session.add_all(
            EventArgument(id=row_id, event_id=event_id, role=a.role, span_id=a.span_id)
            for row_id, event_id, a in removal.arguments
        )
        session.add_all(writes.relation_row(doc.id, r, who[r.annotator]) for r in removal.relations)
        try:
            session.flush()
        except IntegrityError:
            raise Stale("what this span was linked to changed meanwhile; nothing was restored") from None
        writes.log(session, doc, "restore", "span", s.id, after=removal)
        return stamp


# -- documents ------------------------------------------------------------------------------


ASSIGNABLE = (Status.NEW, Status.IN_PROGRESS, Status.DONE)  # an annotator's own statuses in an assignment


def set_status(db: Database, *, doc: DocumentRef, old: Status, new: Status) -> Stamp:
    """Set a document's status, if it is still `old` (what the caller saw). An annotator's
    new, in progress and done also set their assignment to it; a document given to several is
    done when all of them are (until then in progress)."""
    with db.write() as session:
        stamp, _ = writes.touch(session, doc, annotating=False)
        if stamp.status != old:
            raise Stale(f"another window or program set this document to {stamp.status.value} first; nothing was saved")
        if new in ASSIGNABLE:  # the writer's own assignment, if any, moves with it
            run = direct.runner(session.connection())
            run(assignments.SET_MINE, {"status": new.value, "key": doc.id, "who": doc.by})
            others = [status for _, status in run(assignments.OF_DOCUMENT, {"key": doc.id})]
            if new is Status.DONE and any(status != Status.DONE.value for status in others):
                new = Status.IN_PROGRESS  # done when every annotator given it is done
        session.execute(update(Document).where(Document.id == doc.id).values(status=new.value))
        writes.log(session, doc, "status", "document", doc.id, before=old.value, after=new.value)
        return replace(stamp, status=new)
