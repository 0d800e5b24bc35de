"""Agreement between the layers of a corpus (core/agreement.py computes it): which layers, which
documents, read in one snapshot through the export's reader."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from annotator.core.agreement import Agreement, LayerDocument, agreement
from annotator.core.errors import AnnotatorError
from annotator.core.model import DEFAULT_CORPUS, LayerKind, StoredDocument
from annotator.services.corpora import find_corpus
from annotator.services.exporting import Filters, stored_documents
from annotator.store import plain_queries
from annotator.store.database import Database


def layer_kinds(db: Database) -> dict[str, LayerKind]:
    with db.snapshot() as rows:
        return {name: LayerKind(kind) for name, kind in rows(plain_queries.LAYERS, {})}


def corpus_agreement(
    db: Database, *, corpus: str = DEFAULT_CORPUS, layers: Sequence[str] = (), statuses: Sequence[str] = ()
) -> Agreement:
    """Agreement of `layers` (default: every annotator's own layer, not gold or a model's) over
    the corpus's documents that two of them annotated."""
    kinds = layer_kinds(db)
    unknown = [name for name in layers if name not in kinds]
    if unknown:
        raise AnnotatorError(
            f"no layer named {', '.join(map(repr, unknown))}; the layers are: {', '.join(sorted(kinds)) or 'none yet'}"
        )
    chosen = tuple(layers) or tuple(name for name, kind in sorted(kinds.items()) if kind is LayerKind.PERSON)
    if len(chosen) < 2:
        raise AnnotatorError(
            f"agreement needs two layers; this database has {len(chosen)} "
            f"({', '.join(chosen) or 'none'}): annotate with two annotators, or name layers"
        )
    target = find_corpus(db, corpus)
    with db.snapshot() as rows:
        stored = stored_documents(
            rows,
            target.id,
            Filters(statuses=tuple(statuses), annotators=chosen, gold_first=False),
            postgresql=not db.is_sqlite,
        )
        return agreement(_by_layer(stored), chosen)


def _by_layer(documents: Iterator[StoredDocument]) -> Iterator[tuple[str, str, dict[str, LayerDocument]]]:
    """Each document's annotations split by layer, by position: (uid, text, {layer: annotations})."""
    for doc in documents:
        spans: dict[str, list[tuple[int, int, str]]] = {}
        where: dict[str, tuple[int, int]] = {}
        for span in doc.spans:
            spans.setdefault(span["annotator"], []).append((span["start"], span["end"], span["label"]))
            where[span["id"]] = (span["start"], span["end"])
        triggers: dict[str, list[tuple[int, int, str]]] = {}
        arguments: dict[str, list[tuple[int, int, str, str, int, int]]] = {}
        for event in doc.events:
            start, end = where[event["trigger"]]
            triggers.setdefault(event["annotator"], []).append((start, end, event["type"]))
            arguments.setdefault(event["annotator"], []).extend(
                (start, end, event["type"], a["role"], *where[a["span"]]) for a in event["arguments"]
            )
        relations: dict[str, list[tuple[str, int, int, int, int]]] = {}
        for relation in doc.relations:
            relations.setdefault(relation["annotator"], []).append(
                (relation["type"], *where[relation["head"]], *where[relation["tail"]])
            )
        names = spans.keys() | triggers.keys() | relations.keys()
        yield (
            doc.uid,
            doc.text,
            {
                name: LayerDocument(
                    tuple(spans.get(name, ())),
                    tuple(triggers.get(name, ())),
                    tuple(arguments.get(name, ())),
                    tuple(relations.get(name, ())),
                )
                for name in names
            },
        )
