"""Plain records of documents and their annotations, as formats read and write them.

Within a record, spans are named by keys ("T1"), and events and relations refer to spans by
those keys, as in this project's JSONL. Offsets are code points, end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple, TypedDict

import orjson

Attributes = dict[str, str]


DEFAULT_CORPUS = "default"  # the corpus a database starts with, and the commands' default

GOLD = "gold"  # the name of the gold layer


class LayerKind(StrEnum):
    """What a layer of annotations is (store/models.py: Annotator)."""

    PERSON = "person"  # one annotator's own work
    GOLD = "gold"  # adjudicated: what training takes
    MODEL = "model"  # a model's suggestions

    @classmethod
    def of(cls, name: str) -> LayerKind:
        """The kind a new layer of this name gets."""
        return cls.GOLD if name == GOLD else cls.PERSON


class Status(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REVIEWED = "reviewed"
    ADJUDICATED = "adjudicated"  # its layers merged into gold by a curator


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


def attributes_json(attributes: dict[str, Any]) -> str:
    """Attributes as this project's JSONL writes them: JSON text, keys sorted."""
    return orjson.dumps(attributes, option=orjson.OPT_SORT_KEYS).decode() if attributes else "{}"


def json_dict(text: str) -> dict[str, Any]:
    """A JSON object column read as text (most are "{}")."""
    return {} if text == "{}" else orjson.loads(text) or {}


def json_text(text: str, *, sort: bool = True) -> str:
    """A JSON object column's text in the form this project's JSONL writes it: "{}" when empty,
    compact, keys sorted for attributes (`sort`), in stored order for metadata."""
    if text == "{}":
        return text
    value = json_dict(text)
    return (attributes_json(value) if sort else orjson.dumps(value).decode()) if value else "{}"


class StoredSpan(TypedDict):
    """A span as the JSONL carries it (see formats/native.py): keyed in export order ("T1"), its
    text sliced out, subtype and note "" for none, attributes as `json_text` gives them."""

    id: str
    start: int
    end: int
    label: str
    text: str
    subtype: str
    attributes: str
    annotator: str
    note: str


class StoredArgument(TypedDict):
    role: str
    span: str  # a span's key


class StoredEvent(TypedDict):
    id: str
    type: str
    trigger: str
    arguments: list[StoredArgument]
    attributes: str
    annotator: str


class StoredRelation(TypedDict):
    id: str
    type: str
    head: str
    tail: str
    attributes: str
    annotator: str


class StoredDocument(NamedTuple):
    """A document as export reads it from the database: columns as stored, JSON as text (as
    `json_text` gives it), and its spans, events and relations already the objects the JSONL
    writes, so that writer makes nothing per span (it was a third of an export's time to go
    through records, and a tenth through tuples); other writers take `record()`."""

    uid: str
    text: str
    title: str | None
    source: str | None
    section: str | None
    published: str | None  # ISO 8601 as the database gives it
    url: str | None
    status: str
    extra: str  # JSON text
    sha256: str | None
    spans: list[StoredSpan]
    events: list[StoredEvent]
    relations: list[StoredRelation]

    def record(self) -> DocumentRecord:
        return DocumentRecord(
            id=self.uid,
            text=self.text,
            title=self.title,
            source=self.source,
            section=self.section,
            published=datetime.fromisoformat(self.published) if self.published else None,
            url=self.url,
            status=Status(self.status),
            metadata=json_dict(self.extra),
            sha256=self.sha256,
            spans=[
                SpanRecord(
                    s["id"],
                    s["start"],
                    s["end"],
                    s["label"],
                    s["subtype"] or None,
                    json_dict(s["attributes"]),
                    s["annotator"],
                    s["note"] or None,
                )
                for s in self.spans
            ],
            events=[
                EventRecord(
                    e["id"],
                    e["type"],
                    e["trigger"],
                    tuple(ArgumentRecord(a["role"], a["span"]) for a in e["arguments"]),
                    json_dict(e["attributes"]),
                    e["annotator"],
                )
                for e in self.events
            ],
            relations=[
                RelationRecord(r["id"], r["type"], r["head"], r["tail"], json_dict(r["attributes"]), r["annotator"])
                for r in self.relations
            ],
        )

    @classmethod
    def of(cls, doc: DocumentRecord) -> StoredDocument:
        """A record as the database would give it back."""
        return cls(
            doc.id,
            doc.text,
            doc.title,
            doc.source,
            doc.section,
            doc.published.isoformat() if doc.published else None,
            doc.url,
            doc.status.value,
            orjson.dumps(doc.metadata).decode() if doc.metadata else "{}",
            doc.sha256,
            [
                {
                    "id": s.key,
                    "start": s.start,
                    "end": s.end,
                    "label": s.label,
                    "text": doc.text[s.start : s.end],
                    "subtype": s.subtype or "",
                    "attributes": attributes_json(s.attributes),
                    "annotator": s.annotator or "",
                    "note": s.note or "",
                }
                for s in doc.spans
            ],
            [
                {
                    "id": e.key,
                    "type": e.type,
                    "trigger": e.trigger,
                    "arguments": [{"role": a.role, "span": a.span} for a in e.arguments],
                    "attributes": attributes_json(e.attributes),
                    "annotator": e.annotator or "",
                }
                for e in doc.events
            ],
            [
                {
                    "id": r.key,
                    "type": r.type,
                    "head": r.head,
                    "tail": r.tail,
                    "attributes": attributes_json(r.attributes),
                    "annotator": r.annotator or "",
                }
                for r in doc.relations
            ],
        )
