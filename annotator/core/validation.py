"""The checks a document record must pass before it is stored or written out."""

from __future__ import annotations

from annotator.core.model import DocumentRecord
from annotator.core.schema import Schema


def validate_document(doc: DocumentRecord, schema: Schema) -> tuple[list[str], list[str]]:
    """Errors (the record cannot be stored) and warnings (it can, but a person should look)."""
    errors: list[str] = []
    warnings: list[str] = []
    labels: dict[str, str] = {}
    seen: set[tuple[int, int, str, str | None]] = set()
    n = len(doc.text)
    plain = schema.span_label_set()  # labels needing no further check on a span without subtype or attributes
    for span in doc.spans:  # (runs for every span of an import: messages are made only for errors)
        key, start, end, label = span.key, span.start, span.end, span.label
        if key in labels:
            errors.append(f"span {key}: id used twice")
            continue
        labels[key] = label
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n):
            errors.append(f"span {key}: offsets [{start}, {end}) outside the text (length {n}) or empty")
        identity = (start, end, label, span.annotator)
        if identity in seen:
            errors.append(f"span {key}: duplicate of another span (same offsets, label and annotator)")
        seen.add(identity)
        if label not in plain or span.subtype is not None or span.attributes:
            errors += [f"span {key}: {e}" for e in schema.check_span(label, span.subtype, span.attributes)]
    keys: set[str] = set()
    for event in doc.events:
        where = f"event {event.key}"
        if event.key in keys:
            errors.append(f"{where}: id used twice")
        keys.add(event.key)
        missing = [k for k in (event.trigger, *(a.span for a in event.arguments)) if k not in labels]
        if missing:
            errors.append(f"{where}: refers to unknown span {missing[0]}")
            continue
        roles = [(a.role, labels[a.span]) for a in event.arguments]
        errs, warns = schema.check_event(event.type, labels[event.trigger], roles, event.attributes)
        errors += [f"{where}: {e}" for e in errs]
        warnings += [f"{where}: {w}" for w in warns]
    for relation in doc.relations:
        where = f"relation {relation.key}"
        if relation.key in keys:
            errors.append(f"{where}: id used twice")
        keys.add(relation.key)
        missing = [k for k in (relation.head, relation.tail) if k not in labels]
        if missing:
            errors.append(f"{where}: refers to unknown span {missing[0]}")
            continue
        errs, warns = schema.check_relation(
            relation.type, labels[relation.head], labels[relation.tail], relation.attributes
        )
        errors += [f"{where}: {e}" for e in errs]
        warnings += [f"{where}: {w}" for w in warns]
    return errors, warnings
