"""doccano's JSONL: sequence labelling `{"text", "label": [[start, end, "LABEL"], ...]}`, and
the variant with relations `{"text", "entities": [{"id", "label", "start_offset",
"end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`.

Offsets here are code points, end-exclusive. (doccano's browser counts UTF-16 units, so its
own exports are off by one after each emoji: doccano issue 2290.)
"""

from __future__ import annotations

from typing import Any

import orjson

from annotator.core.model import DocumentRecord, RelationRecord, SpanRecord
from annotator.core.text import sha256
from annotator.formats import jsonlines
from annotator.formats.base import Carries, ExportOptions, Format, Tally, Writer, losses
from annotator.formats.errors import FormatError
from annotator.formats.fields import get, offset, offset_value


def looks_doccano(obj: dict[str, Any]) -> bool:
    return "label" in obj or "entities" in obj


def read(obj: dict[str, Any], *, annotator: str) -> DocumentRecord:
    """A document from one parsed line; without an "id", the id is the start of the text's sha256."""
    text = get(obj, "text", str, required=True)
    doc = DocumentRecord(id=str(get(obj, "id", (str, int)) or sha256(text)[:16]), text=text)
    if "entities" in obj:
        for i, item in enumerate(get(obj, "entities", list) or []):
            where = f"entities[{i}]: "
            if not isinstance(item, dict):
                raise FormatError(f"{where}must be an object")
            doc.spans.append(
                SpanRecord(
                    key=str(get(item, "id", (str, int), where=where) or f"T{i + 1}"),
                    start=offset(item, "start_offset", where),
                    end=offset(item, "end_offset", where),
                    label=get(item, "label", str, required=True, where=where),
                    annotator=annotator,
                )
            )
        for i, item in enumerate(get(obj, "relations", list) or []):
            where = f"relations[{i}]: "
            if not isinstance(item, dict):
                raise FormatError(f"{where}must be an object")
            doc.relations.append(
                RelationRecord(
                    key=f"R{get(item, 'id', (str, int), where=where) or i + 1}",
                    type=get(item, "type", str, required=True, where=where),
                    head=str(get(item, "from_id", (str, int), required=True, where=where)),
                    tail=str(get(item, "to_id", (str, int), required=True, where=where)),
                    annotator=annotator,
                )
            )
        return doc
    for i, item in enumerate(get(obj, "label", list) or []):
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[2], str)):
            raise FormatError(f'label[{i}]: must be [start, end, "LABEL"]')
        start, end = offset_value(item[0], f"label[{i}] start"), offset_value(item[1], f"label[{i}] end")
        doc.spans.append(SpanRecord(key=f"T{i + 1}", start=start, end=end, label=item[2], annotator=annotator))
    return doc


def write(doc: DocumentRecord, spans: list[SpanRecord] | None = None) -> bytes:
    """Spans only (event triggers among them, labelled with the event type); `spans`: those of
    `once(doc)` when the caller has them."""
    labels = [[s.start, s.end, s.label] for s in (once(doc)[0] if spans is None else spans)]
    return orjson.dumps({"id": doc.id, "text": doc.text, "label": labels}, option=orjson.OPT_APPEND_NEWLINE)


def once(doc: DocumentRecord) -> tuple[list[SpanRecord], dict[str, int]]:
    """doccano has no annotators: the same span by two of them is one span. The spans kept, and
    the number (from 1) of the kept span for every span key."""
    kept: list[SpanRecord] = []
    first: dict[tuple[int, int, str], int] = {}
    number = {}
    for span in doc.spans:
        identity = (span.start, span.end, span.label)
        if identity not in first:
            kept.append(span)
            first[identity] = len(kept)
        number[span.key] = first[identity]
    return kept, number


def write_relations(doc: DocumentRecord, spans: list[SpanRecord], number: dict[str, int]) -> bytes:
    """The relation-extraction variant: entities and relations as objects, ids numbered from 1."""
    entities = [
        {"id": i, "label": s.label, "start_offset": s.start, "end_offset": s.end} for i, s in enumerate(spans, 1)
    ]
    links = dict.fromkeys((number[r.head], number[r.tail], r.type) for r in doc.relations)
    relations = [
        {"id": i, "from_id": head, "to_id": tail, "type": type_} for i, (head, tail, type_) in enumerate(links, 1)
    ]
    return orjson.dumps(
        {"id": doc.id, "text": doc.text, "entities": entities, "relations": relations}, option=orjson.OPT_APPEND_NEWLINE
    )


class _Writer(Writer):
    def __init__(self, options: ExportOptions, tally: Tally, *, relations: bool = False) -> None:
        self.tally, self.relations = tally, relations
        self.carries = CARRIES | Carries.RELATIONS if relations else CARRIES

    def document(self, doc: DocumentRecord) -> bytes:
        self.tally.wrote("documents")
        spans, number = once(doc)
        self.tally.wrote("spans", len(spans))
        self.tally.note(
            "spans",
            "written once, not twice: the same span by two annotators (doccano has no annotators)",
            doc.id,
            len(doc.spans) - len(spans),
        )
        links = {(number[r.head], number[r.tail], r.type) for r in doc.relations}
        losses(doc, self.carries, self.tally, "doccano")
        triggers = len({e.trigger for e in doc.events})
        self.tally.note(
            "spans",
            "event triggers written as plain spans labelled with their event type (doccano has no events)",
            doc.id,
            triggers,
        )
        if self.relations:
            self.tally.wrote("relations", len(links))
            self.tally.note(
                "relations",
                "written once, not twice: the same relation by two annotators (doccano has no annotators)",
                doc.id,
                len(doc.relations) - len(links),
            )
            return write_relations(doc, spans, number)
        return write(doc, spans)


def _sniff(head: bytes) -> bool:
    obj = jsonlines.first_object(head)
    return obj is not None and looks_doccano(obj)


CARRIES = Carries.SPANS | Carries.NESTED | Carries.INSIDE_TOKENS
FORMAT = Format(
    id="doccano",
    name="doccano JSONL",
    suffixes=(".jsonl",),
    carries=CARRIES,
    description='doccano\'s sequence labelling: {"text", "label": [[start, end, "LABEL"]]}, code points; '
    "reads its relation variant (entities + relations) too.",
    example="-f doccano -o doccano.jsonl --label PER --label GPE",
    read=jsonlines.read_lines,
    sniff=_sniff,
    writer=_Writer,
)
RELATIONS = Format(
    id="doccano-rel",
    name="doccano JSONL with relations",
    suffixes=(".jsonl",),
    carries=CARRIES | Carries.RELATIONS,
    description='doccano\'s relation extraction: {"text", "entities": [{"id", "label", "start_offset", '
    '"end_offset"}], "relations": [{"from_id", "to_id", "type"}]}; typed objects, so every '
    "datasets version reads it.",
    example="-f doccano-rel -o doccano-relations.jsonl",
    read=jsonlines.read_lines,
    sniff=_sniff,
    writer=lambda options, tally: _Writer(options, tally, relations=True),
)
