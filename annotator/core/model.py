"""Plain records of documents and their annotations, as formats read and write them.

Within a record, spans are named by keys ("T1"), and events and relations refer to spans by
those keys, as in this project's JSONL. Offsets are code points, end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

Attributes = dict[str, str]


DEFAULT_CORPUS = "default"  # the corpus a database starts with, and the commands' default

class Status(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REVIEWED = "reviewed"


@dataclass(slots=True)
class SpanRecord:
    key: str
    start: int
    end: int
    label: str
    subtype: str | None = None
    attributes: Attributes = field(default_factory=dict)
    annotator: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ArgumentRecord:
    role: str
    span: str


@dataclass(frozen=True)
class EventRecord:
    key: str
    type: str
    trigger: str
    arguments: tuple[ArgumentRecord, ...] = ()
    attributes: Attributes = field(default_factory=dict)
    annotator: str | None = None


@dataclass(frozen=True)
class RelationRecord:
    key: str
    type: str
    head: str
    tail: str
    attributes: Attributes = field(default_factory=dict)
    annotator: str | None = None


@dataclass
class DocumentRecord:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    section: str | None = None
    published: datetime | None = None
    url: str | None = None
    status: Status = Status.NEW
    metadata: dict[str, Any] = field(default_factory=dict)
    raw_text: str | None = None
    sha256: str | None = None  # of `text`, where already known (as stored); writers use it
    spans: list[SpanRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
