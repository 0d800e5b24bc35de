"""Adjudication of one document: its annotators' layers aligned (core/alignment.py), and what the
curator accepts copied into `gold` (store/copying.py), each choice one transaction and undone
as one. A document whose layers are merged is marked adjudicated.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.alignment import (
    AlignedEvent,
    AlignedRelation,
    AlignedSpan,
    Group,
    Verdict,
    align,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, LayerKind, Status
from annotator.core.schema import Schema
from annotator.core.views import DocumentRef, DocumentView
from annotator.services.agreement import layer_kinds
from annotator.services.corpora import annotator_for
from annotator.store.annotations import load_document, set_status
from annotator.store.copying import Copied, copy_into_layer, remove_copies
from annotator.store.database import Database


@dataclass
class Adjudication:
    """One document's layers side by side, and the curator's accepted choices (for undo)."""

    db: Database
    schema: Schema
    document: DocumentView
    layers: tuple[str, ...]
    groups: list[Group] = field(default_factory=list)
    done: list[Copied] = field(default_factory=list)
    curator: str = ""  # who accepts (the history's `who` on SQLite)
    _gold: tuple[DocumentView | None, set[tuple[object, ...]]] = field(default=(None, set()), init=False, repr=False)

    @property
    def ref(self) -> DocumentRef:
        return DocumentRef(self.document.id, self.document.sha256, self.curator)

    def in_gold(self, group: Group) -> bool:
        """Whether gold holds what every item of the group says."""
        return all(self.held(item) for item in group.items)

    def sides_in_gold(self, group: Group) -> tuple[str, ...]:
        """The layers whose side of the group gold holds (one, after a conflict is decided)."""
        return tuple(
            layer for layer in self.layers if (items := group.of(layer)) and all(self.held(item) for item in items)
        )

    def held(self, item: AlignedSpan | AlignedEvent | AlignedRelation) -> bool:
        """Whether gold holds what the item says: a span's extent and label, an event's type and
        trigger, a relation's type and ends."""
        if self._gold[0] is not self.document:  # (made once a reload, not once an item)
            self._gold = (self.document, _gold_keys(self.document))
        return _key(item) in self._gold[1]


def _key(item: AlignedSpan | AlignedEvent | AlignedRelation) -> tuple[object, ...]:
    if isinstance(item, AlignedSpan):
        return ("span", item.start, item.end, item.label)
    if isinstance(item, AlignedEvent):
        return ("event", item.type, item.trigger)
    return ("relation", item.type, item.head[0], item.tail[0])


def _gold_keys(document: DocumentView) -> set[tuple[object, ...]]:
    spans = document.spans
    return (
        {("span", s.start, s.end, s.label) for s in spans.values() if s.annotator == GOLD}
        | {
            ("event", e.type, (spans[e.trigger_id].start, spans[e.trigger_id].end))
            for e in document.events.values()
            if e.annotator == GOLD
        }
        | {
            ("relation", r.type, spans[r.head_id].start, spans[r.tail_id].start)
            for r in document.relations.values()
            if r.annotator == GOLD
        }
    )


def open_adjudication(db: Database, *, schema: Schema, document_id: int, layers: Sequence[str] = ()) -> Adjudication:
    """The document with `layers` aligned (default: every annotator's own layer that has
    annotations in it)."""
    document = load_document(db, document_id=document_id)
    kinds = layer_kinds(db)
    present = {s.annotator for s in document.spans.values()}
    chosen = tuple(layers) or tuple(sorted(n for n in present if kinds.get(n) is LayerKind.PERSON))
    if len(chosen) < 2:
        raise AnnotatorError(
            f"document {document.uid!r}: adjudication needs two layers with annotations in it; "
            f"it has {', '.join(chosen) or 'none'}"
        )
    adjudication = Adjudication(db, schema, document, chosen, curator=annotator_for(db))
    adjudication.groups = _aligned(document, chosen)
    return adjudication


def _aligned(document: DocumentView, layers: Sequence[str]) -> list[Group]:
    spans = document.spans
    wanted = set(layers)
    return align(
        layers,
        [AlignedSpan(s.annotator, s.id, s.start, s.end, s.label) for s in spans.values() if s.annotator in wanted],
        [
            AlignedEvent(
                e.annotator,
                e.id,
                e.type,
                (spans[e.trigger_id].start, spans[e.trigger_id].end),
                frozenset(
                    (a.role, spans[a.span_id].start, spans[a.span_id].end, spans[a.span_id].label) for a in e.arguments
                ),
            )
            for e in document.events.values()
            if e.annotator in wanted
        ],
        [
            AlignedRelation(r.annotator, r.id, r.type, _end(document, r.head_id), _end(document, r.tail_id))
            for r in document.relations.values()
            if r.annotator in wanted
        ],
    )


def _end(document: DocumentView, span_id: int) -> tuple[int, int, str]:
    span = document.spans[span_id]
    return span.start, span.end, span.label


def accept(adjudication: Adjudication, items: Iterable[AlignedSpan | AlignedEvent | AlignedRelation]) -> Copied:
    """Copy these items (of any layers) into gold: one transaction, one undo."""
    chosen = list(items)
    copied, _ = copy_into_layer(
        adjudication.db,
        schema=adjudication.schema,
        doc=adjudication.ref,
        layer=GOLD,
        span_ids=[i.id for i in chosen if isinstance(i, AlignedSpan)],
        event_ids=[i.id for i in chosen if isinstance(i, AlignedEvent)],
        relation_ids=[i.id for i in chosen if isinstance(i, AlignedRelation)],
    )
    _reload(adjudication)
    if copied:
        adjudication.done.append(copied)
    return copied


def accept_layer(adjudication: Adjudication, group: Group, layer: str) -> Copied:
    """One side of a group (what `layer` has there)."""
    return accept(adjudication, group.of(layer))


def accept_agreed(adjudication: Adjudication) -> Copied:
    """Every group the layers agree on, as the first layer has it."""
    first = adjudication.layers[0]
    return accept(
        adjudication, [item for g in adjudication.groups if g.verdict is Verdict.AGREED for item in g.of(first)]
    )


def undo(adjudication: Adjudication) -> Copied | None:
    """Take back the last accepted choice."""
    if not adjudication.done:
        return None
    last = adjudication.done.pop()
    remove_copies(adjudication.db, doc=adjudication.ref, copied=last)
    _reload(adjudication)
    return last


def finish(adjudication: Adjudication) -> None:
    """Mark the document adjudicated."""
    set_status(adjudication.db, doc=adjudication.ref, old=adjudication.document.status, new=Status.ADJUDICATED)
    _reload(adjudication)


def _reload(adjudication: Adjudication) -> None:
    adjudication.document = load_document(adjudication.db, document_id=adjudication.document.id)
    adjudication.groups = _aligned(adjudication.document, adjudication.layers)
