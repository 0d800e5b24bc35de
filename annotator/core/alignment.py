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
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


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


@dataclass(frozen=True)
class Group:
    """One place where the layers are compared, and how they compare there."""

    kind: str  # "span", "event" or "relation"
    verdict: Verdict
    start: int  # where it begins in the text, for the order of review
    items: tuple[AlignedSpan | AlignedEvent | AlignedRelation, ...]
    missing: tuple[str, ...] = ()  # layers with nothing here

    def of(self, layer: str) -> tuple[AlignedSpan | AlignedEvent | AlignedRelation, ...]:
        return tuple(item for item in self.items if item.layer == layer)


def align(layers: Sequence[str], spans: Sequence[AlignedSpan], events: Sequence[AlignedEvent] = (),
          relations: Sequence[AlignedRelation] = ()) -> list[Group]:
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
    groups = []
    for cluster in clusters:
        present = {s.layer for s in cluster}
        missing = tuple(name for name in layers if name not in present)
        by_layer = [Counter((s.start, s.end, s.label) for s in cluster if s.layer == name) for name in layers]
        extents = [Counter((s.start, s.end) for s in cluster if s.layer == name) for name in layers]
        if missing:
            verdict = Verdict.MISSING
        elif all(c == by_layer[0] for c in by_layer):
            verdict = Verdict.AGREED
        elif all(c == extents[0] for c in extents):
            verdict = Verdict.LABEL
        else:
            verdict = Verdict.BOUNDARY
        groups.append(Group("span", verdict, cluster[0].start, tuple(cluster), missing))
    return groups


def _event_groups(layers: Sequence[str], events: Sequence[AlignedEvent]) -> list[Group]:
    by_trigger: dict[tuple[int, int], list[AlignedEvent]] = {}
    for event in events:
        by_trigger.setdefault(event.trigger, []).append(event)
    groups = []
    for trigger, found in by_trigger.items():
        missing = tuple(name for name in layers if not any(e.layer == name for e in found))
        types = [Counter(e.type for e in found if e.layer == name) for name in layers]
        full = [Counter((e.type, e.arguments) for e in found if e.layer == name) for name in layers]
        if missing:
            verdict = Verdict.MISSING
        elif all(c == full[0] for c in full):
            verdict = Verdict.AGREED
        elif all(c == types[0] for c in types):
            verdict = Verdict.ROLES
        else:
            verdict = Verdict.LABEL
        groups.append(Group("event", verdict, trigger[0], tuple(found), missing))
    return groups


def _relation_groups(layers: Sequence[str], relations: Sequence[AlignedRelation]) -> list[Group]:
    by_ends: dict[tuple[int, int, int, int], list[AlignedRelation]] = {}
    for relation in relations:
        by_ends.setdefault((*relation.head[:2], *relation.tail[:2]), []).append(relation)
    groups = []
    for ends, found in by_ends.items():
        missing = tuple(name for name in layers if not any(r.layer == name for r in found))
        full = [Counter((r.type, r.head, r.tail) for r in found if r.layer == name) for name in layers]
        verdict = Verdict.MISSING if missing else Verdict.AGREED if all(c == full[0] for c in full) \
            else Verdict.LABEL
        groups.append(Group("relation", verdict, min(ends[0], ends[2]), tuple(found), missing))
    return groups
