"""Events (a trigger and its arguments in roles) and relations of one document: each call one
short transaction with the checks of every write (store/writes.py) and the schema's."""

from __future__ import annotations

from sqlalchemy.orm import Session

from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema
from annotator.core.views import (
    DocumentRef,
    EventView,
    RelationView,
    Stamp,
)
from annotator.store import queries, writes
from annotator.store.database import Database
from annotator.store.models import (
    Event,
    EventArgument,
    Relation,
)


def create_event(
    db: Database, *, schema: Schema, doc: DocumentRef, event: EventView
) -> tuple[EventView, list[str], Stamp]:
    """A new event (`event.id` 0), or one brought back under its old id (redo)."""
    with db.write() as session:
        stamp, _ = writes.touch(session, doc)
        made, warnings = add_event_in(session, schema, doc.id, event)
        writes.log(session, doc, "add" if not event.id else "restore", "event", made.id, after=made)
        return made, warnings, stamp


def add_event_in(session: Session, schema: Schema, document_id: int, event: EventView) -> tuple[EventView, list[str]]:
    warnings = check_event(session, schema, document_id, event)
    who = queries.annotator_ids(session, [event.annotator])[event.annotator]
    row = writes.event_row(document_id, event, who)
    session.add(row)
    writes.flush_unique(session, f"event {event.id} exists already")
    return writes.event_view(row, queries.annotator_names(session)), warnings


def update_event(
    db: Database, *, schema: Schema, doc: DocumentRef, old: EventView, new: EventView
) -> tuple[EventView, list[str], Stamp]:
    """Change an event's type, trigger, arguments or attributes from what the caller saw (`old`)."""
    with db.write() as session:
        stamp, _ = writes.touch(session, doc)
        row, merged, changed = writes.merged(session, doc, Event, old, new, writes.event_fields)
        warnings = check_event(session, schema, doc.id, merged)
        row.type, row.trigger_id, row.attributes = merged.type, merged.trigger_id, dict(merged.attributes)
        if "arguments" in changed:
            row.arguments = [EventArgument(role=a.role, span_id=a.span_id) for a in merged.arguments]
        session.flush()
        after = writes.event_view(row, queries.annotator_names(session))
        writes.log(session, doc, "change", "event", row.id, before=old, after=after)
        return after, warnings, stamp


def check_event(session: Session, schema: Schema, document_id: int, event: EventView) -> list[str]:
    labels = writes.span_labels(session, document_id, [event.trigger_id, *(a.span_id for a in event.arguments)])
    errors, warnings = schema.check_event(
        event.type,
        labels[event.trigger_id],
        [(a.role, labels[a.span_id]) for a in event.arguments],
        dict(event.attributes),
    )
    if errors:
        raise AnnotatorError("; ".join(errors))
    return warnings


def delete_event(db: Database, *, doc: DocumentRef, event_id: int) -> tuple[EventView, Stamp]:
    return writes.delete_row(db, doc, Event, event_id, writes.event_view)


# -- relations ------------------------------------------------------------------------------


def create_relation(
    db: Database, *, schema: Schema, doc: DocumentRef, relation: RelationView
) -> tuple[RelationView, list[str], Stamp]:
    """A new relation (`relation.id` 0), or one brought back under its old id (redo)."""
    with db.write() as session:
        stamp, _ = writes.touch(session, doc)
        warnings = check_relation(session, schema, doc.id, relation)
        who = queries.annotator_ids(session, [relation.annotator])[relation.annotator]
        row = writes.relation_row(doc.id, relation, who)
        session.add(row)
        writes.flush_unique(session, f"relation {relation.id} exists already")
        made = writes.relation_view(row, queries.annotator_names(session))
        writes.log(session, doc, "add" if not relation.id else "restore", "relation", made.id, after=made)
        return made, warnings, stamp


def update_relation(
    db: Database, *, schema: Schema, doc: DocumentRef, old: RelationView, new: RelationView
) -> tuple[RelationView, list[str], Stamp]:
    """Change a relation's type, head, tail or attributes from what the caller saw (`old`)."""
    with db.write() as session:
        stamp, _ = writes.touch(session, doc)
        row, merged, _ = writes.merged(session, doc, Relation, old, new, writes.relation_fields)
        warnings = check_relation(session, schema, doc.id, merged)
        row.type, row.head_id, row.tail_id = merged.type, merged.head_id, merged.tail_id
        row.attributes = dict(merged.attributes)
        session.flush()
        after = writes.relation_view(row, queries.annotator_names(session))
        writes.log(session, doc, "change", "relation", row.id, before=old, after=after)
        return after, warnings, stamp


def check_relation(session: Session, schema: Schema, document_id: int, relation: RelationView) -> list[str]:
    labels = writes.span_labels(session, document_id, [relation.head_id, relation.tail_id])
    errors, warnings = schema.check_relation(
        relation.type, labels[relation.head_id], labels[relation.tail_id], dict(relation.attributes)
    )
    if errors:
        raise AnnotatorError("; ".join(errors))
    return warnings


def delete_relation(db: Database, *, doc: DocumentRef, relation_id: int) -> tuple[RelationView, Stamp]:
    return writes.delete_row(db, doc, Relation, relation_id, writes.relation_view)
