"""What every write of an annotation does, in its own transaction, and how rows become views.

`touch` is the first statement of every write: the document must still have the text the
caller's offsets were computed on (its checksum), its change counters move, and the workflow
rule applies (a new document is in progress once annotated). A change names the fields it
changes with the values the caller saw (`merged`, `compare_and_set`): if another process changed
one first, nothing is saved (`Stale`). Every change goes into the history (`log`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.core.errors import AnnotatorError, Conflict, NotFound, Stale
from annotator.core.model import LayerKind, Status
from annotator.core.views import (
    ArgumentView,
    DocumentRef,
    EventView,
    RelationView,
    SpanView,
    Stamp,
)
from annotator.store import assignments, direct, history, queries
from annotator.store.database import Database
from annotator.store.models import (
    STATUS_INDEX,
    Event,
    EventArgument,
    Relation,
    Span,
)

R = TypeVar("R")  # a row: Span, Event or Relation
V = TypeVar("V")  # its view: SpanView, EventView or RelationView

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


def touch(where: Session | Connection, doc: DocumentRef, *, annotating: bool = True) -> tuple[Stamp, int]:
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


def annotator_id(run: direct.Run, name: str) -> int:
    found = run(_ANNOTATOR, {"name": name}) or run(_NEW_ANNOTATOR, {"name": name, "kind": LayerKind.of(name).value})
    return int(found[0][0])


def get_in(session: Session, model: type[R], id_: int, document_id: int) -> R:
    """A span, event or relation of this document (and not of another one)."""
    row = session.get(model, id_)
    if row is None or getattr(row, "document_id") != document_id:  # noqa: B009 (R: any of three models)
        raise NotFound(
            f"this {model.__name__.lower()} was removed meanwhile (by another window or program); nothing was saved"
        )
    return row


def delete_row(
    db: Database, doc: DocumentRef, model: type[R], id_: int, view: Callable[[R, dict[int, str]], V]
) -> tuple[V, Stamp]:
    """Delete one row; returns how it was, for undo."""
    with db.write() as session:
        stamp, _ = touch(session, doc)
        row = get_in(session, model, id_, doc.id)
        before = view(row, queries.annotator_names(session))
        session.delete(row)
        log(session, doc, "delete", model.__name__.lower(), id_, before=before)
        return before, stamp


def log(
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


def check_offsets(length: int, start: int, end: int) -> None:
    if not 0 <= start < end <= length:
        raise AnnotatorError(f"offsets [{start}, {end}) are outside the text (length {length}) or empty")


def merged(
    session: Session, doc: DocumentRef, model: type[R], old: V, new: V, fields_of: Callable[[R], dict[str, Any]]
) -> tuple[R, V, dict[str, Any]]:
    """The row of an event or relation, the view the caller's changes make of it as it is now,
    and those changes (the fields where `new` differs from `old`, the caller's view)."""
    row = get_in(session, model, getattr(old, "id"), doc.id)  # noqa: B009 (V: any of three views)
    current = fields_of(row)
    changed = {name: getattr(new, name) for name in current if getattr(new, name) != getattr(old, name)}
    fields = compare_and_set(current, {name: getattr(old, name) for name in changed}, changed, model.__name__.lower())
    return row, replace(old, **fields), changed  # type: ignore[type-var]


def compare_and_set(current: dict[str, Any], old: dict[str, Any], new: dict[str, Any], what: str) -> dict[str, Any]:
    """The row's fields with `new` applied, if every field being changed is still as the caller
    saw it (`old`); otherwise another process changed it first and nothing is saved."""
    lost = [name for name in new if current[name] != old[name]]
    if lost:
        raise Stale(f"another window or program changed the {', '.join(lost)} of this {what} first; nothing was saved")
    return {**current, **new}


def span_fields(s: Span) -> dict[str, Any]:
    return {
        "label": s.label,
        "subtype": s.subtype,
        "attributes": dict(s.attributes),
        "start": s.start,
        "end": s.end,
        "note": s.note,
    }


def event_fields(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "trigger_id": e.trigger_id,
        "attributes": dict(e.attributes),
        "arguments": tuple(ArgumentView(a.role, a.span_id) for a in e.arguments),
    }


def relation_fields(r: Relation) -> dict[str, Any]:
    return {"type": r.type, "head_id": r.head_id, "tail_id": r.tail_id, "attributes": dict(r.attributes)}


def flush_unique(session: Session, message: str) -> None:
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(message) from None


def span_labels(session: Session, document_id: int, span_ids: list[int]) -> dict[int, str]:
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


def span_view(s: Span, names: dict[int, str]) -> SpanView:
    return SpanView(s.id, s.start, s.end, s.label, s.subtype, dict(s.attributes), names[s.annotator_id], s.note)


def event_view(e: Event, names: dict[int, str]) -> EventView:
    return EventView(
        e.id,
        e.type,
        e.trigger_id,
        tuple(ArgumentView(a.role, a.span_id) for a in e.arguments),
        dict(e.attributes),
        names[e.annotator_id],
    )


def relation_view(r: Relation, names: dict[int, str]) -> RelationView:
    return RelationView(r.id, r.type, r.head_id, r.tail_id, dict(r.attributes), names[r.annotator_id])


def event_row(document_id: int, e: EventView, annotator_id: int) -> Event:
    return Event(
        id=e.id or None,
        document_id=document_id,
        type=e.type,
        trigger_id=e.trigger_id,
        attributes=dict(e.attributes),
        annotator_id=annotator_id,
        arguments=[EventArgument(role=a.role, span_id=a.span_id) for a in e.arguments],
    )


def relation_row(document_id: int, r: RelationView, annotator_id: int) -> Relation:
    return Relation(
        id=r.id or None,
        document_id=document_id,
        type=r.type,
        head_id=r.head_id,
        tail_id=r.tail_id,
        attributes=dict(r.attributes),
        annotator_id=annotator_id,
    )
