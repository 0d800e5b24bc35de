"""What the event-extraction formats share: a document on tokens with every span placed
(entities and triggers, nested ones too), and its events and relations grouped by the sentence
that holds them. Arguments and relation ends in another sentence than their trigger or head
cannot be written (both formats work sentence by sentence) and are counted."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.model import DocumentRecord, EventRecord, RelationRecord
from annotator.formats.base import ExportOptions, Tally
from annotator.formats.tokenized import TokenizedDocument, TokenSpan, tokenized


@dataclass
class Sentence:
    start: int
    end: int
    entities: list[TokenSpan] = field(default_factory=list)
    events: list[tuple[EventRecord, TokenSpan, list[tuple[str, TokenSpan]]]] = field(default_factory=list)
    relations: list[tuple[RelationRecord, TokenSpan, TokenSpan]] = field(default_factory=list)


def by_sentence(
    doc: DocumentRecord, options: ExportOptions, tally: Tally, name: str
) -> tuple[TokenizedDocument, list[Sentence]]:
    tokens = tokenized(doc, doc.spans, options, tally, name)
    sentences = [Sentence(a, b) for a, b in tokens.sentence_ranges()]
    triggers = {e.trigger for e in doc.events}
    for span in tokens.spans:
        if span.span.key not in triggers:
            _at(tokens, sentences, span).entities.append(span)
    tally.wrote("spans", sum(len(s.entities) for s in sentences))
    for event in doc.events:
        trigger = tokens.by_span.get(event.trigger)
        if trigger is None:
            tally.note("events", "not written: their trigger could not be placed on tokens", doc.id)
            continue
        home = _at(tokens, sentences, trigger)
        arguments = []
        for argument in event.arguments:
            placed = tokens.by_span.get(argument.span)
            if placed is None:
                tally.note("arguments", "not written: their span could not be placed on tokens", doc.id)
            elif _at(tokens, sentences, placed) is not home:
                tally.note(
                    "arguments",
                    f"not written: in another sentence than their trigger ({name} events stay within a sentence)",
                    doc.id,
                )
            else:
                arguments.append((argument.role, placed))
        home.events.append((event, trigger, arguments))
        tally.wrote("events")
        tally.wrote("arguments", len(arguments))
    for relation in doc.relations:
        head, tail = tokens.by_span.get(relation.head), tokens.by_span.get(relation.tail)
        if head is None or tail is None:
            tally.note("relations", "not written: an end could not be placed on tokens", doc.id)
        elif _at(tokens, sentences, head) is not _at(tokens, sentences, tail):
            tally.note(
                "relations",
                f"not written: their ends are in two sentences ({name} relations stay within a sentence)",
                doc.id,
            )
        else:
            _at(tokens, sentences, head).relations.append((relation, head, tail))
            tally.wrote("relations")
    return tokens, sentences


def _at(tokens: TokenizedDocument, sentences: list[Sentence], span: TokenSpan) -> Sentence:
    n = tokens.sentence_of(span)
    assert n is not None  # sentences are only ever broken outside spans
    return sentences[n]
