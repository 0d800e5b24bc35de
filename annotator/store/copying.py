"""Copying annotations from one layer into another in one transaction, and taking the copies
back (undo): how adjudication fills `gold`.

Each call is a write like those of store/annotations.py, with its checks: the document still
has the text the caller saw, the schema allows what is written, the change counter moves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.core.errors import Stale
from annotator.core.schema import Schema
from annotator.core.views import (
    ArgumentView,
    DocumentRef,
    EventView,
    RelationView,
    SpanView,
    Stamp,
)
from annotator.store import links, queries, writes
from annotator.store.annotations import insert_span
from annotator.store.database import Database
from annotator.store.models import Event, Relation, Span


@dataclass(frozen=True)
class Copied:
    """What a copy made in the target layer (not what it found there already), for undo."""

    layer: str
    spans: tuple[SpanView, ...] = ()
    events: tuple[EventView, ...] = ()
    relations: tuple[RelationView, ...] = ()
    warnings: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.spans or self.events or self.relations)


def copy_into_layer(
    db: Database,
    *,
    schema: Schema,
    doc: DocumentRef,
    layer: str,
    span_ids: Sequence[int] = (),
    event_ids: Sequence[int] = (),
    relation_ids: Sequence[int] = (),
) -> tuple[Copied, Stamp]:
    """Copy spans (label, subtype, attributes; not the annotator's note), events (with their
    trigger and argument spans) and relations (with their head and tail) into `layer`. What the
    layer has already (a span of the same extent and label, an identical event or relation) is
    used, not copied again."""
    with db.write() as session:
        stamp, length = writes.touch(session, doc)
        layer_id = queries.annotator_ids(session, [layer])[layer]
        have = {
            (s.start, s.end, s.label): s.id
            for s in session.scalars(select(Span).where(Span.document_id == doc.id, Span.annotator_id == layer_id))
        }
        made_spans: list[SpanView] = []
        copied: dict[int, int] = {}

        def into_layer(span_id: int) -> int:
            if span_id not in copied:
                source = writes.get_in(session, Span, span_id, doc.id)
                key = (source.start, source.end, source.label)
                if key not in have:
                    view = insert_span(
                        session,
                        schema,
                        doc.id,
                        length,
                        source.start,
                        source.end,
                        source.label,
                        layer,
                        source.subtype,
                        dict(source.attributes),
                        None,
                    )
                    made_spans.append(view)
                    have[key] = view.id
                copied[span_id] = have[key]
            return copied[span_id]

        for span_id in span_ids:
            into_layer(span_id)
        made_events, warnings = _copy_events(session, schema, doc, layer, layer_id, event_ids, into_layer)
        made_relations = []
        for relation_id in relation_ids:
            source = writes.get_in(session, Relation, relation_id, doc.id)
            new = RelationView(
                0, source.type, into_layer(source.head_id), into_layer(source.tail_id), dict(source.attributes), layer
            )
            if (
                session.scalar(
                    select(Relation.id).where(
                        Relation.document_id == doc.id,
                        Relation.annotator_id == layer_id,
                        Relation.type == new.type,
                        Relation.head_id == new.head_id,
                        Relation.tail_id == new.tail_id,
                    )
                )
                is None
            ):
                warnings.extend(links.check_relation(session, schema, doc.id, new))
                row = writes.relation_row(doc.id, new, layer_id)
                session.add(row)
                session.flush()
                made_relations.append(writes.relation_view(row, {layer_id: layer}))
        copied_now = Copied(layer, tuple(made_spans), tuple(made_events), tuple(made_relations), tuple(warnings))
        for kind, views in (("span", made_spans), ("event", made_events), ("relation", made_relations)):
            for view in views:
                writes.log(session, doc, f"accept into {layer}", kind, view.id, after=view)
        return copied_now, stamp


def _copy_events(
    session: Session,
    schema: Schema,
    doc: DocumentRef,
    layer: str,
    layer_id: int,
    event_ids: Sequence[int],
    into_layer: Callable[[int], int],
) -> tuple[list[EventView], list[str]]:
    existing = {
        (e.type, e.trigger_id, tuple(sorted((a.role, a.span_id) for a in e.arguments)))
        for e in session.scalars(select(Event).where(Event.document_id == doc.id, Event.annotator_id == layer_id))
    }
    made: list[EventView] = []
    warnings: list[str] = []
    for event_id in event_ids:
        source = writes.get_in(session, Event, event_id, doc.id)
        arguments = tuple(ArgumentView(a.role, into_layer(a.span_id)) for a in source.arguments)
        new = EventView(0, source.type, into_layer(source.trigger_id), arguments, dict(source.attributes), layer)
        key = (new.type, new.trigger_id, tuple(sorted((a.role, a.span_id) for a in arguments)))
        if key in existing:
            continue
        existing.add(key)
        view, found = links.add_event_in(session, schema, doc.id, new)
        made.append(view)
        warnings.extend(found)
    return made, warnings


def remove_copies(db: Database, *, doc: DocumentRef, copied: Copied) -> Stamp:
    """Take back what a copy made (undo), in one transaction; refused whole if any of it was
    changed or used by something else meanwhile."""
    with db.write() as session:
        stamp, _ = writes.touch(session, doc, annotating=False)
        try:
            for model, views in ((Relation, copied.relations), (Event, copied.events), (Span, copied.spans)):
                for view in views:
                    session.delete(writes.get_in(session, model, view.id, doc.id))
                    writes.log(
                        session, doc, f"take back from {copied.layer}", model.__name__.lower(), view.id, before=view
                    )
                session.flush()
        except IntegrityError:
            raise Stale("what was accepted is used by other annotations now; nothing was taken back") from None
        return stamp
