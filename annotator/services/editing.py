"""Editing one open document: every action is saved at once and becomes one undo entry.

`DocumentEditor` keeps the document's annotations as the window shows them, applies each
action through the services (one transaction each, checked against the text it was computed
on), and returns a `Change` naming exactly what to repaint. Undo and redo restore the same rows
with the same ids, so undoing the deletion of a span brings back its event and relation links
too. Each write reports the document's change counter; when it shows that another process
wrote in between, `outdated` is set and the owner reloads the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from annotator.core.errors import NotFound
from annotator.core.model import Attributes, Status
from annotator.core.schema import Schema
from annotator.core.undo import Command, UndoStack
from annotator.core.views import (
    ArgumentView,
    Change,
    DocumentRef,
    DocumentView,
    EventView,
    RelationView,
    SpanView,
    Stamp,
)
from annotator.store import annotations as store
from annotator.store import links
from annotator.store.database import Database

T = TypeVar("T")


class DocumentEditor:
    def __init__(
        self, db: Database, *, schema: Schema, annotator: str, document_id: int, layers: frozenset[str] | None = None
    ) -> None:
        """`layers`: the layers shown and kept (None: every layer; blind: the annotator's own)."""
        self.db, self.schema, self.annotator, self.layers = db, schema, annotator, layers
        self.history: UndoStack[Change] = UndoStack()
        self.on_stamp: Callable[[Stamp], None] | None = None  # the owner hears of every write
        # The open document hears of every change as it is taken in, with the spans it replaced.
        self.on_change: Callable[[Change, dict[int, SpanView | None]], None] | None = None
        self.document = store.load_document(db, document_id=document_id, layers=layers)
        self.load(self.document)

    def load(self, document: DocumentView) -> None:
        """Take the document as stored now. Undo entries survive a reload of the same text
        (ids never change and every undo is checked against the rows); a new text drops them."""
        if self.document.sha256 != document.sha256:
            self.history = UndoStack()
        self.document = document
        self.ref = DocumentRef(document.id, document.sha256, self.annotator)
        self.spans: dict[int, SpanView] = dict(document.spans)
        self.events: dict[int, EventView] = dict(document.events)
        self.relations: dict[int, RelationView] = dict(document.relations)
        self.status: Status = document.status
        self.version = document.version
        self.outdated = False

    def reload(self) -> None:
        self.load(store.load_document(self.db, document_id=self.id, layers=self.layers))

    @property
    def id(self) -> int:
        return self.document.id

    @property
    def text(self) -> str:
        return self.document.text

    # -- spans ----------------------------------------------------------------------------
    def add_span(
        self, start: int, end: int, label: str, subtype: str | None = None, attributes: Attributes | None = None
    ) -> Change:
        span, stamp = store.add_span(
            self.db,
            schema=self.schema,
            doc=self.ref,
            start=start,
            end=end,
            label=label,
            subtype=subtype,
            attributes=attributes,
            annotator=self.annotator,
        )

        def redo() -> Change:
            _, stamp = store.add_span(
                self.db,
                schema=self.schema,
                doc=self.ref,
                start=span.start,
                end=span.end,
                label=span.label,
                subtype=span.subtype,
                attributes=span.attributes,
                annotator=span.annotator,
                span_id=span.id,
            )
            return self.stamped(stamp, Change(self.id, spans={span.id: span}))

        def undo() -> Change:
            _, stamp = store.delete_span(self.db, doc=self.ref, span_id=span.id)
            return self.stamped(stamp, Change(self.id, spans={span.id: None}))

        added = self.stamped(stamp, Change(self.id, spans={span.id: span}))
        return self._done(f"add {label}", added, redo, undo)

    def add_spans(self, ranges: list[tuple[int, int]], label: str) -> Change:
        """Label every range at once: one transaction, one undo entry ("label 7 × GPE")."""
        spans, stamp = store.add_spans(
            self.db, schema=self.schema, doc=self.ref, ranges=ranges, label=label, annotator=self.annotator
        )
        ids = [span.id for span in spans]
        added = Change(self.id, spans={span.id: span for span in spans})

        def redo() -> Change:
            _, stamp = store.add_spans(
                self.db,
                schema=self.schema,
                doc=self.ref,
                ranges=ranges,
                label=label,
                annotator=self.annotator,
                span_ids=ids,
            )
            return self.stamped(stamp, added)

        def undo() -> Change:
            stamp = store.delete_spans(self.db, doc=self.ref, span_ids=ids)
            return self.stamped(stamp, Change(self.id, spans=dict.fromkeys(ids)))

        return self._done(f"label {len(ids)} × {label}", self.stamped(stamp, added), redo, undo)

    def add_trigger(self, start: int, end: int, type_: str) -> Change:
        """Mark [start, end) as the trigger of a new event of `type_`: one action, one undo.

        The event starts with the schema's default attribute values and no arguments.
        """
        span, event, warnings, stamp = store.add_trigger(
            self.db, schema=self.schema, doc=self.ref, start=start, end=end, event_type=type_, annotator=self.annotator
        )
        removal = store.SpanRemoval(span=span, events=(event,))
        added = Change(self.id, spans={span.id: span}, events={event.id: event}, warnings=warnings)

        def redo() -> Change:
            return self.stamped(store.restore_span(self.db, doc=self.ref, removal=removal), added)

        def undo() -> Change:
            _, stamp = store.delete_span(self.db, doc=self.ref, span_id=span.id, cascade=True)
            return self.stamped(stamp, Change(self.id, spans={span.id: None}, events={event.id: None}))

        return self._done(f"add {type_}", self.stamped(stamp, added), redo, undo)

    def update_span(self, span_id: int, **fields: Any) -> Change:
        """Change a span's label, subtype, attributes, start, end or note: only the fields given."""
        old = _held(self.spans, span_id)
        before = {name: getattr(old, name) for name in fields}
        changed = {name: value for name, value in fields.items() if before[name] != value}

        def put(seen: dict[str, Any], new: dict[str, Any]) -> Callable[[], Change]:
            def run() -> Change:
                saved, stamp = store.update_span(
                    self.db, schema=self.schema, doc=self.ref, span_id=span_id, old=seen, new=new
                )
                return self.stamped(stamp, Change(self.id, spans={span_id: saved}))

            return run

        seen = {name: before[name] for name in changed}
        return self._do(f"change {old.label}", put(seen, changed), put(changed, seen))

    def delete_span(self, span_id: int, *, cascade: bool = False) -> Change:
        before_events = dict(self.events)
        removal, stamp = store.delete_span(self.db, doc=self.ref, span_id=span_id, cascade=cascade)
        touched = {event_id for _, event_id, _ in removal.arguments}
        removed = Change(
            self.id,
            spans={span_id: None},
            events={
                **{e.id: None for e in removal.events},
                **{
                    i: replace(
                        before_events[i], arguments=tuple(a for a in before_events[i].arguments if a.span_id != span_id)
                    )
                    for i in touched
                    if i in before_events
                },
            },
            relations={r.id: None for r in removal.relations},
        )
        restored = Change(
            self.id,
            spans={span_id: removal.span},
            events={
                **{e.id: e for e in removal.events},
                **{i: before_events[i] for i in touched if i in before_events},
            },
            relations={r.id: r for r in removal.relations},
        )

        def redo() -> Change:
            _, stamp = store.delete_span(self.db, doc=self.ref, span_id=span_id, cascade=True)
            return self.stamped(stamp, removed)

        def undo() -> Change:
            return self.stamped(store.restore_span(self.db, doc=self.ref, removal=removal), restored)

        return self._done(f"delete {removal.span.label}", self.stamped(stamp, removed), redo, undo)

    # -- events and relations -------------------------------------------------------------
    def add_event(
        self,
        type_: str,
        trigger_id: int,
        arguments: tuple[tuple[str, int], ...] = (),
        attributes: Attributes | None = None,
    ) -> Change:
        event = EventView(
            0,
            type_,
            trigger_id,
            tuple(ArgumentView(r, s) for r, s in arguments),
            dict(attributes or {}),
            self.annotator,
        )
        return self._create(f"add {type_}", self._create_event, self._delete_event, event)

    def update_event(self, event_id: int, **fields: Any) -> Change:
        """Change an event's type, arguments (a tuple of ArgumentView) or attributes."""
        old = _held(self.events, event_id)
        new = replace(old, **fields)
        return self._do(
            f"change {old.type}", lambda: self._update_event(old, new), lambda: self._update_event(new, old)
        )

    def add_argument(self, event_id: int, role: str, span_id: int) -> Change:
        event = _held(self.events, event_id)
        return self.update_event(event_id, arguments=(*event.arguments, ArgumentView(role, span_id)))

    def remove_argument(self, event_id: int, role: str, span_id: int) -> Change:
        event = _held(self.events, event_id)
        return self.update_event(
            event_id, arguments=tuple(a for a in event.arguments if (a.role, a.span_id) != (role, span_id))
        )

    def delete_event(self, event_id: int) -> Change:
        old = _held(self.events, event_id)
        return self._do(f"delete {old.type}", lambda: self._delete_event(event_id), lambda: self._create_event(old))

    def add_relation(self, type_: str, head_id: int, tail_id: int, attributes: Attributes | None = None) -> Change:
        relation = RelationView(0, type_, head_id, tail_id, dict(attributes or {}), self.annotator)
        return self._create(f"add {type_}", self._create_relation, self._delete_relation, relation)

    def update_relation(self, relation_id: int, **fields: Any) -> Change:
        old = _held(self.relations, relation_id)
        new = replace(old, **fields)
        return self._do(
            f"change {old.type}", lambda: self._update_relation(old, new), lambda: self._update_relation(new, old)
        )

    def delete_relation(self, relation_id: int) -> Change:
        old = _held(self.relations, relation_id)
        return self._do(
            f"delete {old.type}", lambda: self._delete_relation(relation_id), lambda: self._create_relation(old)
        )

    # -- document -------------------------------------------------------------------------
    def set_status(self, status: Status) -> Change:
        """Workflow, not annotation: saved at once, and not on the undo stack."""
        stamp = store.set_status(self.db, doc=self.ref, old=self.status, new=status)
        return self._apply(self.stamped(stamp, Change(self.id)))

    # -- undo -----------------------------------------------------------------------------
    def record(self, text: str, change: Change, redo: Callable[[], Change], undo: Callable[[], Change]) -> Change:
        """Put an action carried out by the owner (one that wrote to several documents) on this
        document's history; `change` is what it changed here."""
        return self._done(text, change, redo, undo)

    def undo(self) -> Change:
        return self._apply(self.history.undo())

    def redo(self) -> Change:
        return self._apply(self.history.redo())

    # -- plumbing -------------------------------------------------------------------------
    def stamped(self, stamp: Stamp, change: Change) -> Change:
        """Note a write's stamp: another process wrote in between if the counter moved by more."""
        if stamp.before != self.version:
            self.outdated = True
        self.version = stamp.after
        if stamp.status != self.status:
            self.status = change.status = stamp.status
        if self.on_stamp is not None:
            self.on_stamp(stamp)
        return change

    def _create_event(self, event: EventView) -> Change:
        saved, warnings, stamp = links.create_event(self.db, schema=self.schema, doc=self.ref, event=event)
        return self.stamped(stamp, Change(self.id, events={saved.id: saved}, warnings=warnings))

    def _update_event(self, old: EventView, new: EventView) -> Change:
        saved, warnings, stamp = links.update_event(self.db, schema=self.schema, doc=self.ref, old=old, new=new)
        return self.stamped(stamp, Change(self.id, events={saved.id: saved}, warnings=warnings))

    def _delete_event(self, event_id: int) -> Change:
        _, stamp = links.delete_event(self.db, doc=self.ref, event_id=event_id)
        return self.stamped(stamp, Change(self.id, events={event_id: None}))

    def _create_relation(self, relation: RelationView) -> Change:
        saved, warnings, stamp = links.create_relation(self.db, schema=self.schema, doc=self.ref, relation=relation)
        return self.stamped(stamp, Change(self.id, relations={saved.id: saved}, warnings=warnings))

    def _update_relation(self, old: RelationView, new: RelationView) -> Change:
        saved, warnings, stamp = links.update_relation(self.db, schema=self.schema, doc=self.ref, old=old, new=new)
        return self.stamped(stamp, Change(self.id, relations={saved.id: saved}, warnings=warnings))

    def _delete_relation(self, relation_id: int) -> Change:
        _, stamp = links.delete_relation(self.db, doc=self.ref, relation_id=relation_id)
        return self.stamped(stamp, Change(self.id, relations={relation_id: None}))

    def _create(
        self, text: str, save: Callable[[Any], Change], delete: Callable[[int], Change], view: EventView | RelationView
    ) -> Change:
        """Save a new event or relation; redo re-creates it under the id it got the first time."""
        change = save(view)
        new_id = next(iter(change.events or change.relations))
        stored = replace(view, id=new_id)
        return self._done(text, change, lambda: save(stored), lambda: delete(new_id))

    def _do(self, text: str, redo: Callable[[], Change], undo: Callable[[], Change]) -> Change:
        return self._done(text, redo(), redo, undo)

    def _done(self, text: str, change: Change, redo: Callable[[], Change], undo: Callable[[], Change]) -> Change:
        self.history.push(Command(text, redo, undo))
        return self._apply(change)

    def _apply(self, change: Change) -> Change:
        before = {span_id: self.spans.get(span_id) for span_id in change.spans}
        _merge(self.spans, change.spans)
        _merge(self.events, change.events)
        _merge(self.relations, change.relations)
        if self.on_change is not None:
            self.on_change(change, before)
        return change


def _held(held: dict[int, T], id_: int) -> T:
    """An annotation of the open document; gone if a reload (another process) removed it."""
    if id_ not in held:
        raise NotFound("this annotation was removed meanwhile (by another window or program); nothing was saved")
    return held[id_]


def _merge(target: dict[int, T], updates: dict[int, T | None]) -> None:
    """Apply one kind of a change: new states in, removed ids out."""
    for key, value in updates.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
