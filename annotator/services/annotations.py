"""Reading and changing one document's annotations: each call is one short transaction.

Calls that remove something return what they removed, so that `restore_*` can bring back the
same rows with the same ids (undo). Deleting a span that an event or relation uses is refused
unless `cascade` asks to remove those uses with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Text, cast, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.core.errors import AnnotatorError, Conflict, NotFound
from annotator.core.model import Attributes, Status
from annotator.core.schema import Schema
from annotator.store import queries
from annotator.store.queries import json_object
from annotator.store.database import Database
from annotator.store.models import Document, Event, EventArgument, Relation, Span
from annotator.services.views import (ArgumentView, DocumentSummary, DocumentView, EventView,
                                      RelationView, SpanView)


V = TypeVar("V")
R = TypeVar("R")


@dataclass(frozen=True)
class SpanRemoval:
    """A deleted span with everything that went with it."""

    span: SpanView
    events: tuple[EventView, ...] = ()  # events it triggered, removed whole
    arguments: tuple[tuple[int, int, ArgumentView], ...] = ()  # (row id, event id, argument) of other events
    relations: tuple[RelationView, ...] = ()


# -- reading --------------------------------------------------------------------------------


def list_documents(db: Database, *, corpus_id: int) -> list[DocumentSummary]:
    counts = select(Span.document_id, func.count().label("n")).group_by(Span.document_id).subquery()
    query = (select(Document.id, Document.uid, Document.title, Document.source, Document.published,
                    Document.status, func.coalesce(counts.c.n, 0))
             .outerjoin(counts, counts.c.document_id == Document.id)
             .where(Document.corpus_id == corpus_id).order_by(Document.id))
    with db.read() as session:
        return [DocumentSummary(i, uid, title or uid, source or "", published, Status(status), n)
                for i, uid, title, source, published, status, n in session.execute(query)]


def load_document(db: Database, *, document_id: int) -> DocumentView:
    with db.read() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise NotFound(f"document {document_id} does not exist")
        names = queries.annotator_names(session)
        rows = session.execute(select(Span.id, Span.start, Span.end, Span.label, Span.subtype,
                                      cast(Span.attributes, Text), Span.annotator_id, Span.note)
                               .where(Span.document_id == document_id).order_by(Span.start, Span.end, Span.id))
        spans = {r[0]: SpanView(r[0], r[1], r[2], r[3], r[4], json_object(r[5]), names[r[6]], r[7]) for r in rows}
        events = {e.id: _event_view(e, names) for e in session.scalars(
            select(Event).where(Event.document_id == document_id).order_by(Event.id))}
        relations = {r.id: _relation_view(r, names) for r in session.scalars(
            select(Relation).where(Relation.document_id == document_id).order_by(Relation.id))}
        return DocumentView(doc.id, doc.uid, doc.title, doc.text, doc.source, doc.section, doc.published,
                            doc.url, Status(doc.status), spans, events, relations)


# -- spans ----------------------------------------------------------------------------------


def add_span(db: Database, *, schema: Schema, document_id: int, start: int, end: int, label: str,
             annotator: str, subtype: str | None = None, attributes: Attributes | None = None,
             span_id: int | None = None) -> SpanView:
    with db.write() as session:
        return _insert_span(session, schema, document_id, start, end, label, annotator, subtype, attributes, span_id)


def add_trigger(db: Database, *, schema: Schema, document_id: int, start: int, end: int, event_type: str,
                annotator: str) -> tuple[SpanView, EventView, list[str]]:
    """A trigger span and its new event (schema default attributes, no arguments), together."""
    defaults = {a.name: a.default for a in schema.attributes_for("event") if a.default}
    with db.write() as session:
        span = _insert_span(session, schema, document_id, start, end, event_type, annotator, None, None, None)
        event, warnings = _save_event(session, schema, document_id,
                                      EventView(0, event_type, span.id, (), defaults, annotator))
        return span, event, warnings


def _insert_span(session: Session, schema: Schema, document_id: int, start: int, end: int, label: str,
                 annotator: str, subtype: str | None, attributes: Attributes | None, span_id: int | None) -> SpanView:
    attributes = dict(attributes or {})
    errors = schema.check_span(label, subtype, attributes)
    if errors:
        raise AnnotatorError("; ".join(errors))
    _check_offsets(session, document_id, start, end)
    who = queries.annotator_ids(session, [annotator])[annotator]
    span = Span(id=span_id, document_id=document_id, start=start, end=end, label=label, subtype=subtype,
                attributes=attributes, annotator_id=who)
    session.add(span)
    _flush_unique(session, f"{annotator} already has a {label} span at [{start}, {end})")
    return SpanView(span.id, start, end, label, subtype, attributes, annotator)


def update_span(db: Database, *, schema: Schema, span_id: int, label: str, subtype: str | None,
                attributes: Attributes, start: int, end: int, note: str | None) -> SpanView:
    """Set every field of a span (label, subtype, attributes, bounds, note) at once."""
    errors = schema.check_span(label, subtype, attributes)
    if errors:
        raise AnnotatorError("; ".join(errors))
    with db.write() as session:
        span = _get(session, Span, span_id)
        _check_offsets(session, span.document_id, start, end)
        triggered = session.scalars(select(Event.type).where(Event.trigger_id == span_id)).first()
        if triggered is not None and label != triggered:
            raise Conflict(f"this span triggers a {triggered} event; its label must stay {triggered}")
        span.label, span.subtype, span.attributes, span.start, span.end = label, subtype, dict(attributes), start, end
        span.note = note or None
        _flush_unique(session, f"there is already a {label} span at [{start}, {end}) by the same annotator")
        return _span_view(span, queries.annotator_names(session))


def delete_span(db: Database, *, span_id: int, cascade: bool = False) -> SpanRemoval:
    with db.write() as session:
        span = _get(session, Span, span_id)
        names = queries.annotator_names(session)
        events = list(session.scalars(select(Event).where(Event.trigger_id == span_id)))
        arguments = list(session.scalars(select(EventArgument).where(
            EventArgument.span_id == span_id, EventArgument.event_id.not_in([e.id for e in events]))))
        relations = list(session.scalars(select(Relation).where(
            or_(Relation.head_id == span_id, Relation.tail_id == span_id))))
        if (events or arguments or relations) and not cascade:
            uses = [f"{n} {what}" for n, what in ((len(events), "event(s) as trigger"),
                                                  (len(arguments), "event argument(s)"),
                                                  (len(relations), "relation(s)")) if n]
            raise Conflict(f"the span {span.label} [{span.start}, {span.end}) is used by {', '.join(uses)}; "
                           "remove those first, or delete them with it")
        removal = SpanRemoval(
            span=_span_view(span, names),
            events=tuple(_event_view(e, names) for e in events),
            arguments=tuple((a.id, a.event_id, ArgumentView(a.role, a.span_id)) for a in arguments),
            relations=tuple(_relation_view(r, names) for r in relations),
        )
        for row in (*relations, *arguments, *events):
            session.delete(row)
        session.flush()
        session.delete(span)
        return removal


def restore_span(db: Database, *, document_id: int, removal: SpanRemoval) -> None:
    """Put back a deleted span and its uses, with their old ids."""
    with db.write() as session:
        who = queries.annotator_ids(session, {removal.span.annotator, *(e.annotator for e in removal.events),
                                              *(r.annotator for r in removal.relations)})
        s = removal.span
        session.add(Span(id=s.id, document_id=document_id, start=s.start, end=s.end, label=s.label,
                         subtype=s.subtype, attributes=dict(s.attributes), annotator_id=who[s.annotator],
                         note=s.note))
        session.flush()
        for e in removal.events:
            session.add(_event_row(document_id, e, who[e.annotator]))
        session.add_all(EventArgument(id=row_id, event_id=event_id, role=a.role, span_id=a.span_id)
                        for row_id, event_id, a in removal.arguments)
        session.add_all(_relation_row(document_id, r, who[r.annotator]) for r in removal.relations)


# -- events ---------------------------------------------------------------------------------


def save_event(db: Database, *, schema: Schema, document_id: int, event: EventView) -> tuple[EventView, list[str]]:
    """Create the event, or replace the one with this id (type, arguments, attributes).

    `event.id` 0 means a new event. Returns the stored event and the schema's warnings.
    """
    with db.write() as session:
        return _save_event(session, schema, document_id, event)


def _save_event(session: Session, schema: Schema, document_id: int, event: EventView) -> tuple[EventView, list[str]]:
    labels = _span_labels(session, document_id, [event.trigger_id, *(a.span_id for a in event.arguments)])
    errors, warnings = schema.check_event(event.type, labels[event.trigger_id],
                                          [(a.role, labels[a.span_id]) for a in event.arguments],
                                          dict(event.attributes))
    if errors:
        raise AnnotatorError("; ".join(errors))
    who = queries.annotator_ids(session, [event.annotator])[event.annotator]
    row = session.get(Event, event.id) if event.id else None
    if row is None:
        row = _event_row(document_id, event, who)
        session.add(row)
    else:
        row.type, row.trigger_id, row.attributes = event.type, event.trigger_id, dict(event.attributes)
        row.arguments = [EventArgument(role=a.role, span_id=a.span_id) for a in event.arguments]
    session.flush()
    return _event_view(row, queries.annotator_names(session)), warnings


def delete_event(db: Database, *, event_id: int) -> EventView:
    return _delete(db, Event, event_id, _event_view)


# -- relations ------------------------------------------------------------------------------


def save_relation(db: Database, *, schema: Schema, document_id: int,
                  relation: RelationView) -> tuple[RelationView, list[str]]:
    """Create the relation (`relation.id` 0) or replace the one with this id."""
    with db.write() as session:
        labels = _span_labels(session, document_id, [relation.head_id, relation.tail_id])
        errors, warnings = schema.check_relation(relation.type, labels[relation.head_id], labels[relation.tail_id],
                                                 dict(relation.attributes))
        if errors:
            raise AnnotatorError("; ".join(errors))
        who = queries.annotator_ids(session, [relation.annotator])[relation.annotator]
        row = session.get(Relation, relation.id) if relation.id else None
        if row is None:
            row = _relation_row(document_id, relation, who)
            session.add(row)
        else:
            row.type, row.head_id, row.tail_id = relation.type, relation.head_id, relation.tail_id
            row.attributes = dict(relation.attributes)
        session.flush()
        return _relation_view(row, queries.annotator_names(session)), warnings


def delete_relation(db: Database, *, relation_id: int) -> RelationView:
    return _delete(db, Relation, relation_id, _relation_view)


# -- documents ------------------------------------------------------------------------------


def set_status(db: Database, *, document_id: int, status: Status) -> Status:
    """Set a document's status; returns the one it had."""
    with db.write() as session:
        doc = _get(session, Document, document_id)
        old = Status(doc.status)
        doc.status = status.value
        return old


# -- helpers --------------------------------------------------------------------------------


def _get(session: Session, model: type[R], id_: int) -> R:
    row = session.get(model, id_)
    if row is None:
        raise NotFound(f"{model.__name__.lower()} {id_} does not exist (any more)")
    return row


def _delete(db: Database, model: type[R], id_: int, view: Callable[[R, dict[int, str]], V]) -> V:
    """Delete one row; returns how it was, for undo."""
    with db.write() as session:
        row = _get(session, model, id_)
        before = view(row, queries.annotator_names(session))
        session.delete(row)
        return before


def _check_offsets(session: Session, document_id: int, start: int, end: int) -> None:
    length = _text_length(session, document_id)
    if not 0 <= start < end <= length:
        raise AnnotatorError(f"offsets [{start}, {end}) are outside the text (length {length}) or empty")


_LENGTHS: dict[tuple[str, int], int] = {}


def _text_length(session: Session, document_id: int) -> int:
    """Length of a document's text in code points, remembered: the text of a document id
    never changes (a re-import with a new text replaces the row, and the id with it)."""
    key = (str(session.get_bind().engine.url), document_id)
    if key not in _LENGTHS:
        length = session.scalar(select(func.length(Document.text)).where(Document.id == document_id))
        if length is None:
            raise NotFound(f"document {document_id} does not exist")
        _LENGTHS[key] = length
    return _LENGTHS[key]


def _flush_unique(session: Session, message: str) -> None:
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(message) from None


def _span_labels(session: Session, document_id: int, span_ids: list[int]) -> dict[int, str]:
    labels = {i: label for i, label in session.execute(select(Span.id, Span.label).where(
        Span.id.in_(span_ids), Span.document_id == document_id))}
    missing = [i for i in span_ids if i not in labels]
    if missing:
        raise NotFound(f"span {missing[0]} is not in this document (any more)")
    return labels


def _span_view(s: Span, names: dict[int, str]) -> SpanView:
    return SpanView(s.id, s.start, s.end, s.label, s.subtype, dict(s.attributes), names[s.annotator_id], s.note)


def _event_view(e: Event, names: dict[int, str]) -> EventView:
    return EventView(e.id, e.type, e.trigger_id, tuple(ArgumentView(a.role, a.span_id) for a in e.arguments),
                     dict(e.attributes), names[e.annotator_id])


def _relation_view(r: Relation, names: dict[int, str]) -> RelationView:
    return RelationView(r.id, r.type, r.head_id, r.tail_id, dict(r.attributes), names[r.annotator_id])


def _event_row(document_id: int, e: EventView, annotator_id: int) -> Event:
    return Event(id=e.id or None, document_id=document_id, type=e.type, trigger_id=e.trigger_id,
                 attributes=dict(e.attributes), annotator_id=annotator_id,
                 arguments=[EventArgument(role=a.role, span_id=a.span_id) for a in e.arguments])


def _relation_row(document_id: int, r: RelationView, annotator_id: int) -> Relation:
    return Relation(id=r.id or None, document_id=document_id, type=r.type, head_id=r.head_id, tail_id=r.tail_id,
                    attributes=dict(r.attributes), annotator_id=annotator_id)
