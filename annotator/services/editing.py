"""Editing one open document: every action is saved at once and becomes one undo entry.

`DocumentEditor` keeps the document's annotations as the window shows them, applies each
action through the services (one transaction each), and returns a `Change` naming exactly what
to repaint. Undo and redo restore the same rows with the same ids, so undoing the deletion of
a span brings back its event and relation links too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from annotator.core.model import Attributes, Status
from annotator.core.schema import Schema
from annotator.core.undo import Command, UndoStack
from annotator.services import annotations as store
from annotator.services.views import (ArgumentView, Change, DocumentView, EventView, RelationView,
                                      SpanView)
from annotator.store.database import Database

T = TypeVar("T")


class DocumentEditor:
    def __init__(self, db: Database, *, schema: Schema, annotator: str, document_id: int) -> None:
        self.db, self.schema, self.annotator = db, schema, annotator
        self.document: DocumentView = store.load_document(db, document_id=document_id)
        self.spans: dict[int, SpanView] = dict(self.document.spans)
        self.events: dict[int, EventView] = dict(self.document.events)
        self.relations: dict[int, RelationView] = dict(self.document.relations)
        self.status: Status = self.document.status
        self.history: UndoStack[Change] = UndoStack()

    @property
    def id(self) -> int:
        return self.document.id

    @property
    def text(self) -> str:
        return self.document.text

    # -- spans ----------------------------------------------------------------------------
    def add_span(self, start: int, end: int, label: str, subtype: str | None = None,
                 attributes: Attributes | None = None) -> Change:
        span = store.add_span(self.db, schema=self.schema, document_id=self.id, start=start, end=end, label=label,
                              subtype=subtype, attributes=attributes, annotator=self.annotator)

        def redo() -> Change:
            store.add_span(self.db, schema=self.schema, document_id=self.id, start=span.start, end=span.end,
                           label=span.label, subtype=span.subtype, attributes=span.attributes,
                           annotator=span.annotator, span_id=span.id)
            return Change(self.id, spans={span.id: span})

        def undo() -> Change:
            store.delete_span(self.db, span_id=span.id)
            return Change(self.id, spans={span.id: None})

        return self._done(f"add {label}", Change(self.id, spans={span.id: span}), redo, undo)

    def add_trigger(self, start: int, end: int, type_: str) -> Change:
        """Mark [start, end) as the trigger of a new event of `type_`: one action, one undo.

        The event starts with the schema's default attribute values and no arguments.
        """
        span, event, warnings = store.add_trigger(self.db, schema=self.schema, document_id=self.id, start=start,
                                                  end=end, event_type=type_, annotator=self.annotator)
        removal = store.SpanRemoval(span=span, events=(event,))
        added = Change(self.id, spans={span.id: span}, events={event.id: event}, warnings=warnings)

        def redo() -> Change:
            store.restore_span(self.db, document_id=self.id, removal=removal)
            return added

        def undo() -> Change:
            store.delete_span(self.db, span_id=span.id, cascade=True)
            return Change(self.id, spans={span.id: None}, events={event.id: None})

        return self._done(f"add {type_}", added, redo, undo)

    def update_span(self, span_id: int, **fields: Any) -> Change:
        """Change a span's label, subtype, attributes, start, end or note."""
        old = self.spans[span_id]
        new = replace(old, **fields)

        def put(view: SpanView) -> Callable[[], Change]:
            def run() -> Change:
                saved = store.update_span(self.db, schema=self.schema, span_id=span_id, label=view.label,
                                          subtype=view.subtype, attributes=view.attributes, start=view.start,
                                          end=view.end, note=view.note)
                return Change(self.id, spans={span_id: saved})
            return run

        return self._do(f"change {old.label}", put(new), put(old))

    def delete_span(self, span_id: int, *, cascade: bool = False) -> Change:
        before_events = dict(self.events)
        removal = store.delete_span(self.db, span_id=span_id, cascade=cascade)
        touched = {event_id for _, event_id, _ in removal.arguments}
        removed = Change(
            self.id, spans={span_id: None},
            events={**{e.id: None for e in removal.events},
                    **{i: replace(before_events[i], arguments=tuple(
                        a for a in before_events[i].arguments if a.span_id != span_id)) for i in touched}},
            relations={r.id: None for r in removal.relations},
        )
        restored = Change(
            self.id, spans={span_id: removal.span},
            events={**{e.id: e for e in removal.events}, **{i: before_events[i] for i in touched}},
            relations={r.id: r for r in removal.relations},
        )

        def redo() -> Change:
            store.delete_span(self.db, span_id=span_id, cascade=True)
            return removed

        def undo() -> Change:
            store.restore_span(self.db, document_id=self.id, removal=removal)
            return restored

        return self._done(f"delete {removal.span.label}", removed, redo, undo)

    # -- events and relations -------------------------------------------------------------
    def add_event(self, type_: str, trigger_id: int, arguments: tuple[tuple[str, int], ...] = (),
                  attributes: Attributes | None = None) -> Change:
        event = EventView(0, type_, trigger_id, tuple(ArgumentView(r, s) for r, s in arguments),
                          dict(attributes or {}), self.annotator)
        return self._create(f"add {type_}", self._save_event, self._delete_event, event)

    def update_event(self, event_id: int, **fields: Any) -> Change:
        """Change an event's type, arguments (a tuple of ArgumentView) or attributes."""
        old = self.events[event_id]
        return self._do(f"change {old.type}", self._save_event_fn(replace(old, **fields)),
                        self._save_event_fn(old))

    def add_argument(self, event_id: int, role: str, span_id: int) -> Change:
        event = self.events[event_id]
        return self.update_event(event_id, arguments=(*event.arguments, ArgumentView(role, span_id)))

    def remove_argument(self, event_id: int, role: str, span_id: int) -> Change:
        event = self.events[event_id]
        return self.update_event(event_id, arguments=tuple(
            a for a in event.arguments if (a.role, a.span_id) != (role, span_id)))

    def delete_event(self, event_id: int) -> Change:
        old = self.events[event_id]
        return self._do(f"delete {old.type}", lambda: self._delete_event(event_id), self._save_event_fn(old))

    def add_relation(self, type_: str, head_id: int, tail_id: int, attributes: Attributes | None = None) -> Change:
        relation = RelationView(0, type_, head_id, tail_id, dict(attributes or {}), self.annotator)
        return self._create(f"add {type_}", self._save_relation, self._delete_relation, relation)

    def update_relation(self, relation_id: int, **fields: Any) -> Change:
        old = self.relations[relation_id]
        new = replace(old, **fields)
        return self._do(f"change {old.type}", lambda: self._save_relation(new), lambda: self._save_relation(old))

    def delete_relation(self, relation_id: int) -> Change:
        old = self.relations[relation_id]
        return self._do(f"delete {old.type}", lambda: self._delete_relation(relation_id),
                        lambda: self._save_relation(old))

    # -- document -------------------------------------------------------------------------
    def set_status(self, status: Status) -> Change:
        """Workflow, not annotation: saved at once, and not on the undo stack."""
        store.set_status(self.db, document_id=self.id, status=status)
        self.status = status
        return Change(self.id, status=status)

    # -- undo -----------------------------------------------------------------------------
    def undo(self) -> Change:
        return self._apply(self.history.undo())

    def redo(self) -> Change:
        return self._apply(self.history.redo())

    # -- plumbing -------------------------------------------------------------------------
    def _save_event(self, event: EventView) -> Change:
        saved, warnings = store.save_event(self.db, schema=self.schema, document_id=self.id, event=event)
        return Change(self.id, events={saved.id: saved}, warnings=warnings)

    def _save_event_fn(self, event: EventView) -> Callable[[], Change]:
        return lambda: self._save_event(event)

    def _delete_event(self, event_id: int) -> Change:
        store.delete_event(self.db, event_id=event_id)
        return Change(self.id, events={event_id: None})

    def _save_relation(self, relation: RelationView) -> Change:
        saved, warnings = store.save_relation(self.db, schema=self.schema, document_id=self.id, relation=relation)
        return Change(self.id, relations={saved.id: saved}, warnings=warnings)

    def _delete_relation(self, relation_id: int) -> Change:
        store.delete_relation(self.db, relation_id=relation_id)
        return Change(self.id, relations={relation_id: None})

    def _create(self, text: str, save: Callable[[Any], Change], delete: Callable[[int], Change],
                view: EventView | RelationView) -> Change:
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
        _merge(self.spans, change.spans)
        _merge(self.events, change.events)
        _merge(self.relations, change.relations)
        return change


def _merge(target: dict[int, T], updates: dict[int, T | None]) -> None:
    """Apply one kind of a change: new states in, removed ids out."""
    for key, value in updates.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
