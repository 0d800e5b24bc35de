"""What the window sees of a document and its annotations, and what an action changed.

Annotations are named by their database ids here. A `Change` maps each id an action touched
to its new state, or to None where it was removed, so a view refreshes only those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from annotator.core.model import Attributes, Status


@dataclass(frozen=True)
class DocumentRef:
    """The document a write is for, and the text (by checksum) its offsets were computed on:
    every write checks both in its own transaction."""

    id: int
    sha256: str
    by: str = ""  # who writes (the history's `who` on SQLite; PostgreSQL knows its user itself)


@dataclass(frozen=True)
class Stamp:
    """A document's change counter before and after one write, its status after it, and its
    corpus's counter after it.

    `before` differing from what the writer last saw means another process wrote in between."""

    before: int
    after: int
    status: Status
    corpus_after: int = 0


@dataclass(frozen=True, slots=True)  # (slots: a document's 10,000 are made in a third less time)
class SpanView:
    id: int
    start: int
    end: int
    label: str
    subtype: str | None
    attributes: Attributes
    annotator: str
    note: str | None = None


@dataclass(frozen=True)
class ArgumentView:
    role: str
    span_id: int


@dataclass(frozen=True)
class EventView:
    id: int
    type: str
    trigger_id: int
    arguments: tuple[ArgumentView, ...]
    attributes: Attributes
    annotator: str


@dataclass(frozen=True)
class RelationView:
    id: int
    type: str
    head_id: int
    tail_id: int
    attributes: Attributes
    annotator: str


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    uid: str
    title: str
    source: str
    published: datetime | None
    status: Status
    spans: int


@dataclass(frozen=True)
class DocumentView:
    id: int
    uid: str
    title: str | None
    text: str
    source: str | None
    section: str | None
    published: datetime | None
    url: str | None
    status: Status
    sha256: str
    version: int
    spans: dict[int, SpanView]
    events: dict[int, EventView]
    relations: dict[int, RelationView]


@dataclass
class Change:
    document_id: int
    spans: dict[int, SpanView | None] = field(default_factory=dict)
    events: dict[int, EventView | None] = field(default_factory=dict)
    relations: dict[int, RelationView | None] = field(default_factory=dict)
    status: Status | None = None
    warnings: list[str] = field(default_factory=list)
    message: str = ""  # what the action did, for the status bar ("deleted GPE «سوريا»")
