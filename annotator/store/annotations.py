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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import orjson
from sqlalchemy import Connection, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.core.errors import AnnotatorError, Conflict, NotFound, Stale
from annotator.core.model import Attributes, LayerKind, Status, json_dict
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
from annotator.store import assignments, direct, history, queries
from annotator.store.database import Database
from annotator.store.models import (
    STATUS_INDEX,
    CorpusState,
    Document,
    DocumentState,
    Event,
    EventArgument,
    Relation,
    Span,
)

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
            e.id: _event_view(e, names)
            for e in session.scalars(select(Event).where(Event.document_id == document_id).order_by(Event.id))
        }
        relations = {
            r.id: _relation_view(r, names)
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
        stamp, length = _touch(connection, doc)
        span = _insert_span(
            connection, schema, doc.id, length, start, end, label, annotator, subtype, attributes, span_id
        )
        _log(connection, doc, "add", "span", span.id, after=span)
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
            stamp, length = _touch(session, doc)
            made.append(
                (
                    [
                        _insert_span(
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
                _log(session, doc, "add", "span", span.id, after=span)
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
            stamps.append(_touch(session, doc)[0])
            spans = [_get_in(session, Span, span_id, doc.id) for span_id in span_ids]
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
                _log(session, doc, "delete", "span", span.id, before=_span_view(span, names))
                session.delete(span)
        return stamps


def add_trigger(
    db: Database, *, schema: Schema, doc: DocumentRef, start: int, end: int, event_type: str, annotator: str
) -> tuple[SpanView, EventView, list[str], Stamp]:
    """A trigger span and its new event (schema default attributes, no arguments), together."""
    defaults = {a.name: a.default for a in schema.attributes_for("event") if a.default}
    with db.write() as session:
        stamp, length = _touch(session, doc)
        span = _insert_span(session, schema, doc.id, length, start, end, event_type, annotator, None, None, None)
        event, warnings = _create_event(
            session, schema, doc.id, EventView(0, event_type, span.id, (), defaults, annotator)
        )
        _log(session, doc, "add", "span", span.id, after=span)
        _log(session, doc, "add", "event", event.id, after=event)
        return span, event, warnings, stamp


def _insert_span(
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
    _check_offsets(length, start, end)
    run = direct.runner(where.connection() if isinstance(where, Session) else where)
    row = {
        "document_id": document_id,
        "start": start,
        "end": end,
        "label": label,
        "subtype": subtype,
        "attributes": orjson.dumps(attributes).decode(),
        "annotator_id": _annotator_id(run, annotator),
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
        stamp, length = _touch(session, doc)
        span = _get_in(session, Span, span_id, doc.id)
        fields = _compare_and_set(_span_fields(span), old, new, f"span {span.label} [{span.start}, {span.end})")
        label, subtype, attributes = fields["label"], fields["subtype"], fields["attributes"]
        errors = schema.check_span(str(label), subtype and str(subtype), dict(attributes))
        if errors:
            raise AnnotatorError("; ".join(errors))
        start, end = int(fields["start"]), int(fields["end"])
        _check_offsets(length, start, end)
        triggered = session.scalars(select(Event.type).where(Event.trigger_id == span_id)).first()
        if triggered is not None and label != triggered:
            raise Conflict(f"this span triggers a {triggered} event; its label must stay {triggered}")
        for name in new:
            value = fields[name]
            setattr(span, name, dict(value) if name == "attributes" else (value or None) if name == "note" else value)
        _flush_unique(session, f"there is already a {label} span at [{start}, {end}) by the same annotator")
        after = _span_view(span, queries.annotator_names(session))
        _log(session, doc, "change", "span", span_id, before={k: old.get(k) for k in new}, after=dict(new))
        return after, stamp


def delete_span(db: Database, *, doc: DocumentRef, span_id: int, cascade: bool = False) -> tuple[SpanRemoval, Stamp]:
    with db.write() as session:
        stamp, _ = _touch(session, doc)
        span = _get_in(session, Span, span_id, doc.id)
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
            span=_span_view(span, names),
            events=tuple(_event_view(e, names) for e in events),
            arguments=tuple((a.id, a.event_id, ArgumentView(a.role, a.span_id)) for a in arguments),
            relations=tuple(_relation_view(r, names) for r in relations),
        )
        for row in (*relations, *arguments, *events):
            session.delete(row)
        session.flush()
        session.delete(span)
        _log(session, doc, "delete", "span", span_id, before=removal)
        return removal, stamp


def restore_span(db: Database, *, doc: DocumentRef, removal: SpanRemoval) -> Stamp:
    """Put back a deleted span and its uses, with their old ids."""
    with db.write() as session:
        stamp, length = _touch(session, doc)
        who = queries.annotator_ids(
            session,
            {removal.span.annotator, *(e.annotator for e in removal.events), *(r.annotator for r in removal.relations)},
        )
        s = removal.span
        _check_offsets(length, s.start, s.end)
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
        _flush_unique(session, f"another {s.label} span at [{s.start}, {s.end}) was made meanwhile")
        for e in removal.events:
            session.add(_event_row(doc.id, e, who[e.annotator]))
        session.add_all(
            EventArgument(id=row_id, event_id=event_id, role=a.role, span_id=a.span_id)
            for row_id, event_id, a in removal.arguments
        )
        session.add_all(_relation_row(doc.id, r, who[r.annotator]) for r in removal.relations)
        try:
            session.flush()
        except IntegrityError:
            raise Stale("what this span was linked to changed meanwhile; nothing was restored") from None
        _log(session, doc, "restore", "span", s.id, after=removal)
        return stamp


# -- events ---------------------------------------------------------------------------------


def create_event(
    db: Database, *, schema: Schema, doc: DocumentRef, event: EventView
) -> tuple[EventView, list[str], Stamp]:
    """A new event (`event.id` 0), or one brought back under its old id (redo)."""
    with db.write() as session:
        stamp, _ = _touch(session, doc)
        made, warnings = _create_event(session, schema, doc.id, event)
        _log(session, doc, "add" if not event.id else "restore", "event", made.id, after=made)
        return made, warnings, stamp


def _create_event(session: Session, schema: Schema, document_id: int, event: EventView) -> tuple[EventView, list[str]]:
    warnings = _check_event(session, schema, document_id, event)
    who = queries.annotator_ids(session, [event.annotator])[event.annotator]
    row = _event_row(document_id, event, who)
    session.add(row)
    _flush_unique(session, f"event {event.id} exists already")
    return _event_view(row, queries.annotator_names(session)), warnings


def update_event(
    db: Database, *, schema: Schema, doc: DocumentRef, old: EventView, new: EventView
) -> tuple[EventView, list[str], Stamp]:
    """Change an event's type, trigger, arguments or attributes from what the caller saw (`old`)."""
    with db.write() as session:
        stamp, _ = _touch(session, doc)
        row, merged, changed = _merged(session, doc, Event, old, new, _event_fields)
        warnings = _check_event(session, schema, doc.id, merged)
        row.type, row.trigger_id, row.attributes = merged.type, merged.trigger_id, dict(merged.attributes)
        if "arguments" in changed:
            row.arguments = [EventArgument(role=a.role, span_id=a.span_id) for a in merged.arguments]
        session.flush()
        after = _event_view(row, queries.annotator_names(session))
        _log(session, doc, "change", "event", row.id, before=old, after=after)
        return after, warnings, stamp


def _check_event(session: Session, schema: Schema, document_id: int, event: EventView) -> list[str]:
    labels = _span_labels(session, document_id, [event.trigger_id, *(a.span_id for a in event.arguments)])
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
    return _delete(db, doc, Event, event_id, _event_view)


# -- relations ------------------------------------------------------------------------------


def create_relation(
    db: Database, *, schema: Schema, doc: DocumentRef, relation: RelationView
) -> tuple[RelationView, list[str], Stamp]:
    """A new relation (`relation.id` 0), or one brought back under its old id (redo)."""
    with db.write() as session:
        stamp, _ = _touch(session, doc)
        warnings = _check_relation(session, schema, doc.id, relation)
        who = queries.annotator_ids(session, [relation.annotator])[relation.annotator]
        row = _relation_row(doc.id, relation, who)
        session.add(row)
        _flush_unique(session, f"relation {relation.id} exists already")
        made = _relation_view(row, queries.annotator_names(session))
        _log(session, doc, "add" if not relation.id else "restore", "relation", made.id, after=made)
        return made, warnings, stamp


def update_relation(
    db: Database, *, schema: Schema, doc: DocumentRef, old: RelationView, new: RelationView
) -> tuple[RelationView, list[str], Stamp]:
    """Change a relation's type, head, tail or attributes from what the caller saw (`old`)."""
    with db.write() as session:
        stamp, _ = _touch(session, doc)
        row, merged, _ = _merged(session, doc, Relation, old, new, _relation_fields)
        warnings = _check_relation(session, schema, doc.id, merged)
        row.type, row.head_id, row.tail_id = merged.type, merged.head_id, merged.tail_id
        row.attributes = dict(merged.attributes)
        session.flush()
        after = _relation_view(row, queries.annotator_names(session))
        _log(session, doc, "change", "relation", row.id, before=old, after=after)
        return after, warnings, stamp


def _check_relation(session: Session, schema: Schema, document_id: int, relation: RelationView) -> list[str]:
    labels = _span_labels(session, document_id, [relation.head_id, relation.tail_id])
    errors, warnings = schema.check_relation(
        relation.type, labels[relation.head_id], labels[relation.tail_id], dict(relation.attributes)
    )
    if errors:
        raise AnnotatorError("; ".join(errors))
    return warnings


def delete_relation(db: Database, *, doc: DocumentRef, relation_id: int) -> tuple[RelationView, Stamp]:
    return _delete(db, doc, Relation, relation_id, _relation_view)


# -- documents ------------------------------------------------------------------------------


ASSIGNABLE = (Status.NEW, Status.IN_PROGRESS, Status.DONE)  # an annotator's own statuses in an assignment


def set_status(db: Database, *, doc: DocumentRef, old: Status, new: Status) -> Stamp:
    """Set a document's status, if it is still `old` (what the caller saw). An annotator's
    new, in progress and done also set their assignment to it; a document given to several is
    done when all of them are (until then in progress)."""
    with db.write() as session:
        stamp, _ = _touch(session, doc, annotating=False)
        if stamp.status != old:
            raise Stale(f"another window or program set this document to {stamp.status.value} first; nothing was saved")
        if new in ASSIGNABLE:  # the writer's own assignment, if any, moves with it
            run = direct.runner(session.connection())
            run(assignments.SET_MINE, {"status": new.value, "key": doc.id, "who": doc.by})
            others = [status for _, status in run(assignments.OF_DOCUMENT, {"key": doc.id})]
            if new is Status.DONE and any(status != Status.DONE.value for status in others):
                new = Status.IN_PROGRESS  # done when every annotator given it is done
        session.execute(update(Document).where(Document.id == doc.id).values(status=new.value))
        _log(session, doc, "status", "document", doc.id, before=old.value, after=new.value)
        return replace(stamp, status=new)


# -- helpers --------------------------------------------------------------------------------


# Plain SQL on narrow rows (store/direct.py): these run in every write.
_BUMP = (
    "UPDATE document_state SET version = version + 1 WHERE document_id = :key AND sha256 = :checksum "
    "RETURNING version, length"
)
_EXISTS = "SELECT id FROM documents WHERE id = :key"
_STATUS = "SELECT status, corpus_id FROM documents {hint} WHERE id = :key"  # (SQLite: from the index, not the row)
_MOVE_ON = (
    "UPDATE documents SET status = 'in_progress', updated_at = CURRENT_TIMESTAMP WHERE id = :key AND status = 'new'"
)
_BUMP_CORPUS = "UPDATE corpus_state SET version = version + 1 WHERE corpus_id = :key RETURNING version"
_ANNOTATOR = "SELECT id FROM annotators WHERE name = :name"
_NEW_ANNOTATOR = "INSERT INTO annotators (name, kind) VALUES (:name, :kind) RETURNING id"
_INSERT_SPAN = (
    'INSERT INTO spans (document_id, start, "end", label, subtype, attributes, annotator_id{id}) '
    "VALUES (:document_id, :start, :end, :label, :subtype, :attributes, :annotator_id{value}) RETURNING id"
)


def _touch(where: Session | Connection, doc: DocumentRef, *, annotating: bool = True) -> tuple[Stamp, int]:
    """First statement of every write: the document must still have the text the caller's
    offsets were computed on. Bumps its change counter (and its corpus's), moves a new document
    to in progress when annotating, and returns the stamp and the text's length. The document's
    own row (with its text) is written only when its status moves."""
    connection = where.connection() if isinstance(where, Session) else where
    run = direct.runner(connection)
    rows = run(_BUMP, {"key": doc.id, "checksum": doc.sha256})
    if not rows:
        if not run(_EXISTS, {"key": doc.id}):
            raise NotFound("this document is no longer in the database (removed or re-imported); nothing was saved")
        raise Stale(
            "the text of this document changed in the database since it was opened (re-imported); nothing was saved"
        )
    [(version, length)] = rows
    hint = f"INDEXED BY {STATUS_INDEX}" if connection.dialect.name == "sqlite" else ""
    [(status, corpus_id)] = run(_STATUS.format(hint=hint), {"key": doc.id})
    if annotating and status == Status.NEW.value:
        run(_MOVE_ON, {"key": doc.id})
        status = Status.IN_PROGRESS.value
    if annotating:
        run(assignments.MOVE_ON, {"key": doc.id, "who": doc.by})
    corpus_after = run(_BUMP_CORPUS, {"key": corpus_id})
    return Stamp(version - 1, version, Status(status), corpus_after[0][0] if corpus_after else 0), length


def _annotator_id(run: direct.Run, name: str) -> int:
    found = run(_ANNOTATOR, {"name": name}) or run(_NEW_ANNOTATOR, {"name": name, "kind": LayerKind.of(name).value})
    return int(found[0][0])


def _get_in(session: Session, model: type[R], id_: int, document_id: int) -> R:
    """A span, event or relation of this document (and not of another one)."""
    row = session.get(model, id_)
    if row is None or getattr(row, "document_id") != document_id:  # noqa: B009 (R: any of three models)
        raise NotFound(
            f"this {model.__name__.lower()} was removed meanwhile (by another window or program); nothing was saved"
        )
    return row


def _delete(
    db: Database, doc: DocumentRef, model: type[R], id_: int, view: Callable[[R, dict[int, str]], V]
) -> tuple[V, Stamp]:
    """Delete one row; returns how it was, for undo."""
    with db.write() as session:
        stamp, _ = _touch(session, doc)
        row = _get_in(session, model, id_, doc.id)
        before = view(row, queries.annotator_names(session))
        session.delete(row)
        _log(session, doc, "delete", model.__name__.lower(), id_, before=before)
        return before, stamp


def _log(
    where: Session | Connection,
    doc: DocumentRef,
    action: str,
    kind: str,
    target: int | None,
    before: object = None,
    after: object = None,
) -> None:
    """The change in the history, in the write's own transaction (store/history.py)."""
    connection = where.connection() if isinstance(where, Session) else where
    history.record(
        direct.runner(connection),
        connection.dialect.name == "sqlite",
        doc.id,
        doc.by or _ANYONE,
        action,
        kind,
        target,
        before,
        after,
    )


_ANYONE = "unknown"  # (a write that names nobody: a program calling the services without a user)


def _check_offsets(length: int, start: int, end: int) -> None:
    if not 0 <= start < end <= length:
        raise AnnotatorError(f"offsets [{start}, {end}) are outside the text (length {length}) or empty")


def _merged(
    session: Session, doc: DocumentRef, model: type[R], old: V, new: V, fields_of: Callable[[R], dict[str, Any]]
) -> tuple[R, V, dict[str, Any]]:
    """The row of an event or relation, the view the caller's changes make of it as it is now,
    and those changes (the fields where `new` differs from `old`, the caller's view)."""
    row = _get_in(session, model, getattr(old, "id"), doc.id)  # noqa: B009 (V: any of three views)
    current = fields_of(row)
    changed = {name: getattr(new, name) for name in current if getattr(new, name) != getattr(old, name)}
    fields = _compare_and_set(current, {name: getattr(old, name) for name in changed}, changed, model.__name__.lower())
    return row, replace(old, **fields), changed  # type: ignore[type-var]


def _compare_and_set(current: dict[str, Any], old: dict[str, Any], new: dict[str, Any], what: str) -> dict[str, Any]:
    """The row's fields with `new` applied, if every field being changed is still as the caller
    saw it (`old`); otherwise another process changed it first and nothing is saved."""
    lost = [name for name in new if current[name] != old[name]]
    if lost:
        raise Stale(f"another window or program changed the {', '.join(lost)} of this {what} first; nothing was saved")
    return {**current, **new}


def _span_fields(s: Span) -> dict[str, Any]:
    return {
        "label": s.label,
        "subtype": s.subtype,
        "attributes": dict(s.attributes),
        "start": s.start,
        "end": s.end,
        "note": s.note,
    }


def _event_fields(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "trigger_id": e.trigger_id,
        "attributes": dict(e.attributes),
        "arguments": tuple(ArgumentView(a.role, a.span_id) for a in e.arguments),
    }


def _relation_fields(r: Relation) -> dict[str, Any]:
    return {"type": r.type, "head_id": r.head_id, "tail_id": r.tail_id, "attributes": dict(r.attributes)}


def _flush_unique(session: Session, message: str) -> None:
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(message) from None


def _span_labels(session: Session, document_id: int, span_ids: list[int]) -> dict[int, str]:
    labels = {
        i: label
        for i, label in session.execute(
            select(Span.id, Span.label).where(Span.id.in_(span_ids), Span.document_id == document_id)
        )
    }
    missing = [i for i in span_ids if i not in labels]
    if missing:
        raise NotFound(f"span {missing[0]} is not in this document (any more)")
    return labels


def _span_view(s: Span, names: dict[int, str]) -> SpanView:
    return SpanView(s.id, s.start, s.end, s.label, s.subtype, dict(s.attributes), names[s.annotator_id], s.note)


def _event_view(e: Event, names: dict[int, str]) -> EventView:
    return EventView(
        e.id,
        e.type,
        e.trigger_id,
        tuple(ArgumentView(a.role, a.span_id) for a in e.arguments),
        dict(e.attributes),
        names[e.annotator_id],
    )


def _relation_view(r: Relation, names: dict[int, str]) -> RelationView:
    return RelationView(r.id, r.type, r.head_id, r.tail_id, dict(r.attributes), names[r.annotator_id])


def _event_row(document_id: int, e: EventView, annotator_id: int) -> Event:
    return Event(
        id=e.id or None,
        document_id=document_id,
        type=e.type,
        trigger_id=e.trigger_id,
        attributes=dict(e.attributes),
        annotator_id=annotator_id,
        arguments=[EventArgument(role=a.role, span_id=a.span_id) for a in e.arguments],
    )


def _relation_row(document_id: int, r: RelationView, annotator_id: int) -> Relation:
    return Relation(
        id=r.id or None,
        document_id=document_id,
        type=r.type,
        head_id=r.head_id,
        tail_id=r.tail_id,
        attributes=dict(r.attributes),
        annotator_id=annotator_id,
    )
