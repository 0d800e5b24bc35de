"""One document's layers side by side, for adjudication: what they agree on and where they differ.

Spans are grouped into clusters of overlapping spans (across layers, transitively): in a cluster
every layer has the same spans (agreed), the same extents with other labels (a label conflict),
other extents (a boundary conflict), or some layer has none (missing in that layer). Events are
grouped by their trigger's extent: agreed (same type and arguments), another type, other
arguments (a role conflict), or missing; relations by their head's and tail's extents.

Plain data (ids, offsets, labels), no database: `services/adjudication.py` reads and writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar


class Verdict(StrEnum):
    AGREED = "agreed"
    LABEL = "label conflict"
    BOUNDARY = "boundary conflict"
    ROLES = "role conflict"
    MISSING = "missing in a layer"


@dataclass(frozen=True)
class AlignedSpan:
    layer: str
    id: int
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class AlignedEvent:
    layer: str
    id: int
    type: str
    trigger: tuple[int, int]
    arguments: frozenset[tuple[str, int, int, str]]  # role, the argument's start, end and label


@dataclass(frozen=True)
class AlignedRelation:
    layer: str
    id: int
    type: str
    head: tuple[int, int, str]
    tail: tuple[int, int, str]


Item = TypeVar("Item", AlignedSpan, AlignedEvent, AlignedRelation)


@dataclass(frozen=True)
class Group:
    """One place where the layers are compared, and how they compare there."""

    kind: str  # "span", "event" or "relation"
    verdict: Verdict
    missing: tuple[str, ...]  # layers with nothing here
    start: int  # where it begins in the text, for the order of review
    items: tuple[AlignedSpan | AlignedEvent | AlignedRelation, ...]

    def of(self, layer: str) -> tuple[AlignedSpan | AlignedEvent | AlignedRelation, ...]:
        return tuple(item for item in self.items if item.layer == layer)


def align(
    layers: Sequence[str],
    spans: Sequence[AlignedSpan],
    events: Sequence[AlignedEvent] = (),
    relations: Sequence[AlignedRelation] = (),
) -> list[Group]:
    """Every group of the document, in text order (spans, then events and relations at a place)."""
    groups = [*_span_groups(layers, spans), *_event_groups(layers, events), *_relation_groups(layers, relations)]
    order = {"span": 0, "event": 1, "relation": 2}
    return sorted(groups, key=lambda g: (g.start, order[g.kind]))


def _span_groups(layers: Sequence[str], spans: Sequence[AlignedSpan]) -> list[Group]:
    clusters: list[list[AlignedSpan]] = []
    reach = -1
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.layer, s.id)):
        if clusters and span.start < reach:
            clusters[-1].append(span)
            reach = max(reach, span.end)
        else:
            clusters.append([span])
            reach = span.end
    return [
        Group(
            "span",
            *_verdict(
                layers,
                cluster,
                lambda s: (s.start, s.end, s.label),
                lambda s: (s.start, s.end),
                Verdict.LABEL,
                Verdict.BOUNDARY,
            ),
            start=cluster[0].start,
            items=tuple(cluster),
        )
        for cluster in clusters
    ]


def _event_groups(layers: Sequence[str], events: Sequence[AlignedEvent]) -> list[Group]:
    by_trigger: dict[tuple[int, int], list[AlignedEvent]] = {}
    for event in events:
        by_trigger.setdefault(event.trigger, []).append(event)
    return [
        Group(
            "event",
            *_verdict(layers, found, lambda e: (e.type, e.arguments), lambda e: e.type, Verdict.ROLES, Verdict.LABEL),
            start=trigger[0],
            items=tuple(found),
        )
        for trigger, found in by_trigger.items()
    ]


def _relation_groups(layers: Sequence[str], relations: Sequence[AlignedRelation]) -> list[Group]:
    by_ends: dict[tuple[int, int, int, int], list[AlignedRelation]] = {}
    for relation in relations:
        by_ends.setdefault((*relation.head[:2], *relation.tail[:2]), []).append(relation)
    return [
        Group(
            "relation",
            *_verdict(layers, found, lambda r: (r.type, r.head, r.tail), lambda r: ends, Verdict.LABEL, Verdict.LABEL),
            start=min(ends[0], ends[2]),
            items=tuple(found),
        )
        for ends, found in by_ends.items()
    ]


def _verdict(
    layers: Sequence[str],
    items: Sequence[Item],
    whole: Callable[[Item], Hashable],
    part: Callable[[Item], Hashable],
    same_part: Verdict,
    otherwise: Verdict,
) -> tuple[Verdict, tuple[str, ...]]:
    """How the layers compare on these items, and which layers have none: agreed when every
    layer has the same items (by `whole`), `same_part` when they have the same `part` of them
    (extents without labels, event types without arguments), else `otherwise`."""
    missing = tuple(name for name in layers if not any(i.layer == name for i in items))
    if missing:
        return Verdict.MISSING, missing
    for key, verdict in ((whole, Verdict.AGREED), (part, same_part)):
        counted = [Counter(key(i) for i in items if i.layer == name) for name in layers]
        if all(c == counted[0] for c in counted):
            return verdict, ()
    return otherwise, ()
