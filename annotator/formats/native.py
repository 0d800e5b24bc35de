"""This project's JSONL: one document a line, with spans, events and relations.

    {"id": "...", "text": "...", "meta": {"title", "source", "section", "published", "url",
     "status", "sha256", "extra"},
     "spans": [{"id": "T1", "start": 0, "end": 5, "label": "GPE", "text": "روسيا",
                "subtype": "", "attributes": "{}", "annotator": "...", "note": ""}],
     "events": [{"id": "E1", "type": "...", "trigger": "T7",
                 "arguments": [{"role": "Attacker", "span": "T1"}], "attributes": "{}", "annotator": "..."}],
     "relations": [{"id": "R1", "type": "...", "head": "T1", "tail": "T3", "attributes": "{}", "annotator": "..."}]}

Offsets are code points, end-exclusive; each span's "text" equals text[start:end].

Every line has the same keys with the same types, so Arrow (Hugging Face `datasets`) infers one
schema from the first lines and every later line fits it: a missing title, date, subtype or
note is "" (never null), and the free-form parts, `meta.extra` and `attributes`, are JSON
objects encoded as strings ("{}" when empty). The reader also takes what earlier versions
wrote (null, and objects instead of strings).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import orjson

from annotator.core.errors import excerpt
from annotator.core.model import (
    ArgumentRecord,
    DocumentRecord,
    EventRecord,
    RelationRecord,
    SpanRecord,
    Status,
    StoredDocument,
)
from annotator.core.text import sha256
from annotator.formats.base import EVERYTHING, ExportOptions, Format, Tally, Writer
from annotator.formats.errors import FormatError
from annotator.formats.fields import (
    get,
    json_object,
    offset,
    optional_text,
    string_map,
    timestamp,
)
from annotator.formats.jsonlines import read_lines


def read(obj: dict[str, Any], *, annotator: str) -> DocumentRecord:
    """A document from one parsed line; without an "id", the id is the start of the text's sha256."""
    text = get(obj, "text", str, required=True)
    meta = get(obj, "meta", dict) or {}
    status = optional_text(meta, "status", "meta: ") or Status.NEW.value
    if status not in Status._value2member_map_:
        raise FormatError(f"meta: unknown status {status!r} (use {', '.join(Status)})")
    digest = optional_text(meta, "sha256", "meta: ")
    if digest is not None and digest != sha256(text):
        raise FormatError("meta: sha256 does not match the text (the text was changed)")
    doc = DocumentRecord(
        id=str(get(obj, "id", (str, int)) or sha256(text)[:16]),
        text=text,
        title=optional_text(meta, "title", "meta: "),
        source=optional_text(meta, "source", "meta: "),
        section=optional_text(meta, "section", "meta: "),
        published=timestamp(meta, "published", "meta: "),
        url=optional_text(meta, "url", "meta: "),
        status=Status(status),
        metadata=_shallow(json_object(meta, "extra", "meta: ")),
    )
    for i, item in enumerate(get(obj, "spans", list) or []):
        doc.spans.append(_span(item, i, text, annotator))
    for i, item in enumerate(get(obj, "events", list) or []):
        where = f"events[{i}]: "
        if not isinstance(item, dict):
            raise FormatError(f"{where}must be an object")
        arguments = []
        for j, arg in enumerate(get(item, "arguments", list, where=where) or []):
            if not isinstance(arg, dict):
                raise FormatError(f"{where}arguments[{j}] must be an object")
            arguments.append(
                ArgumentRecord(
                    role=get(arg, "role", str, required=True, where=where),
                    span=str(get(arg, "span", (str, int), required=True, where=where)),
                )
            )
        doc.events.append(
            EventRecord(
                key=str(get(item, "id", (str, int), where=where) or f"E{i + 1}"),
                type=get(item, "type", str, required=True, where=where),
                trigger=str(get(item, "trigger", (str, int), required=True, where=where)),
                arguments=tuple(arguments),
                attributes=string_map(item, "attributes", where),
                annotator=get(item, "annotator", str, where=where) or annotator,
            )
        )
    for i, item in enumerate(get(obj, "relations", list) or []):
        where = f"relations[{i}]: "
        if not isinstance(item, dict):
            raise FormatError(f"{where}must be an object")
        doc.relations.append(
            RelationRecord(
                key=str(get(item, "id", (str, int), where=where) or f"R{i + 1}"),
                type=get(item, "type", str, required=True, where=where),
                head=str(get(item, "head", (str, int), required=True, where=where)),
                tail=str(get(item, "tail", (str, int), required=True, where=where)),
                attributes=string_map(item, "attributes", where),
                annotator=get(item, "annotator", str, where=where) or annotator,
            )
        )
    return doc


MAX_DEPTH = 32  # of free metadata; deeper JSON cannot be stored (the JSON writer's limit is 254)


def _shallow(extra: dict[str, Any]) -> dict[str, Any]:
    stack: list[tuple[Any, int]] = [(extra, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise FormatError(f"meta: 'extra' is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            stack += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value]
    return extra


def _span(item: Any, i: int, text: str, annotator: str) -> SpanRecord:
    """One span; the common, well-formed case is checked inline (it runs once per span)."""
    if type(item) is dict:
        start, end, label = item.get("start"), item.get("end"), item.get("label")
        key, quoted = item.get("id"), item.get("text")
        subtype, attributes, who = item.get("subtype"), item.get("attributes"), item.get("annotator")
        note = item.get("note")
        if (
            type(start) is int
            and type(end) is int
            and type(label) is str
            and start >= 0
            and end >= 0
            and type(key) in (str, type(None))
            and type(subtype) in (str, type(None))
            and type(who) in (str, type(None))
            and type(note) in (str, type(None))
            and (quoted is None or quoted == text[start:end])
        ):
            if attributes == "{}" or attributes is None:
                attributes = {}
            if type(attributes) is dict and _all_strings(attributes):
                return SpanRecord(
                    key or f"T{i + 1}", start, end, label, subtype or None, attributes, who or annotator, note or None
                )
    return _span_with_errors(item, i, text, annotator)


def _all_strings(mapping: dict[Any, Any]) -> bool:
    return all(type(k) is str and type(v) is str for k, v in mapping.items())


def _span_with_errors(item: Any, i: int, text: str, annotator: str) -> SpanRecord:
    """The same as `_span`, field by field, so that the error names what is wrong."""
    where = f"spans[{i}]: "
    if not isinstance(item, dict):
        raise FormatError(f"{where}must be an object")
    start, end = offset(item, "start", where), offset(item, "end", where)
    quoted = get(item, "text", str, where=where)
    if quoted is not None and quoted != text[start:end]:
        raise FormatError(f"{where}text {excerpt(quoted)} is not text[{start}:{end}] = {excerpt(text[start:end])}")
    return SpanRecord(
        key=str(get(item, "id", (str, int), where=where) or f"T{i + 1}"),
        start=start,
        end=end,
        label=get(item, "label", str, required=True, where=where),
        subtype=optional_text(item, "subtype", where),
        attributes=string_map(item, "attributes", where),
        annotator=get(item, "annotator", str, where=where) or annotator,
        note=optional_text(item, "note", where),
    )


def write(doc: DocumentRecord) -> bytes:
    """One line (with its newline), every key always there with one type (see the top)."""
    return orjson.dumps(line(StoredDocument.of(doc)), option=orjson.OPT_APPEND_NEWLINE)


def line(doc: StoredDocument) -> dict[str, Any]:
    """The line's object, built from the columns as stored."""
    text = doc.text
    meta = {
        "title": doc.title or "",
        "source": doc.source or "",
        "section": doc.section or "",
        "published": datetime.fromisoformat(doc.published).isoformat() if doc.published else "",
        "url": doc.url or "",
        "status": doc.status,
        "sha256": doc.sha256 or sha256(text),
        "extra": doc.extra,
    }
    return {
        "id": doc.uid,
        "text": text,
        "meta": meta,
        "spans": doc.spans,
        "events": doc.events,
        "relations": doc.relations,
    }


def count(doc: DocumentRecord | StoredDocument, tally: Tally) -> None:
    tally.wrote("documents")
    tally.wrote("spans", len(doc.spans))
    tally.wrote("events", len(doc.events))
    tally.wrote("relations", len(doc.relations))


ARROW_SAMPLE = 10 << 20  # `datasets` types JSON columns from the first 10 MB of a file


class _Writer(Writer):
    """Also notes a list (spans, events, relations, arguments) that is empty in every line of the
    first 10 MB: Arrow types it as a list of nulls there, and `datasets` fails on later lines."""

    PARTS = True

    def __init__(self, options: ExportOptions, tally: Tally) -> None:
        self.tally = tally
        self.written = 0
        self.first: dict[str, tuple[int, str]] = {}  # kind -> (where it first appears, in which document)

    def document(self, doc: DocumentRecord) -> bytes:
        return self.stored(StoredDocument.of(doc))

    def stored(self, doc: StoredDocument) -> bytes:
        count(doc, self.tally)
        if len(self.first) < 4:  # until every list has appeared
            for kind, present in (
                ("spans", doc.spans),
                ("events", doc.events),
                ("relations", doc.relations),
                ("arguments", any(e["arguments"] for e in doc.events)),
            ):
                if present and kind not in self.first:
                    self.first[kind] = (self.written, doc.uid)
        written = orjson.dumps(line(doc), option=orjson.OPT_APPEND_NEWLINE)
        self.written += len(written)
        return written

    def part(self) -> dict[str, Any]:
        return {"written": self.written, "first": self.first}

    def join(self, part: dict[str, Any], at: int) -> None:
        for kind, (where, uid) in part["first"].items():
            self.first.setdefault(kind, (at + where, uid))
        self.written = at + part["written"]

    def finish(self) -> Iterable[bytes]:
        for kind, (where, uid) in self.first.items():
            if where >= ARROW_SAMPLE:
                self.tally.note(
                    kind,
                    f'first appear after {where >> 20} MB: datasets.load_dataset("json") '
                    "types columns from the first 10 MB and will fail on them; "
                    "export -f parquet (a fixed schema) for datasets",
                    uid,
                )
        return ()


FORMAT = Format(
    id="jsonl",
    name="annotator JSONL",
    suffixes=(".jsonl",),
    carries=EVERYTHING,
    description="This project's own format: one document a line, everything kept, exact offsets; "
    'same keys and types on every line, so `datasets.load_dataset("json")` reads it at any size.',
    example="-f jsonl -o corpus.jsonl",
    read=read_lines,
    writer=_Writer,
)
