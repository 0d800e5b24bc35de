"""OneIE's event-extraction JSON: a sentence a line, with `entity_mentions`,
`relation_mentions` and `event_mentions` (a trigger and arguments that name entity mentions),
offsets in tokens of the sentence, end-exclusive."""

from __future__ import annotations

from typing import Any

import orjson

from annotator.core.model import DocumentRecord
from annotator.formats.base import Carries, ExportOptions, Format, Tally, Writer, losses
from annotator.formats.events import by_sentence
from annotator.formats.tokenized import TokenizedDocument, TokenSpan

CARRIES = Carries.SPANS | Carries.NESTED | Carries.EVENTS | Carries.RELATIONS
NAME = "OneIE"
MENTION_LEVEL = "mention_level"  # the ACE 2005 schema's attribute: NAM, NOM, PRO


class _Writer(Writer):
    def __init__(self, options: ExportOptions, tally: Tally) -> None:
        self.options, self.tally = options, tally

    def document(self, doc: DocumentRecord) -> bytes:
        self.tally.wrote("documents")
        losses(doc, CARRIES, self.tally, NAME, frozenset({"subtype", MENTION_LEVEL}))
        tokens, sentences = by_sentence(doc, self.options, self.tally, NAME)
        out = []
        for n, sentence in enumerate(sentences, 1):
            sent_id = f"{doc.id}-{n}"

            def mention(span: TokenSpan) -> dict[str, Any]:
                return {
                    "start": span.start - sentence.start,
                    "end": span.end - sentence.start,
                    "text": _text(tokens, span),
                }

            def mention_id(span: TokenSpan) -> str:
                return f"{sent_id}-{span.span.key}"

            line = {
                "doc_id": doc.id,
                "sent_id": sent_id,
                "tokens": [tokens.token_text(i) for i in range(sentence.start, sentence.end)],
                "sentence": doc.text[tokens.tokens[sentence.start][0] : tokens.tokens[sentence.end - 1][1]],
                "entity_mentions": [
                    {
                        "id": mention_id(s),
                        **mention(s),
                        "entity_type": s.label,
                        "entity_subtype": s.span.subtype or "",
                        "mention_type": s.span.attributes.get(MENTION_LEVEL, ""),
                    }
                    for s in sentence.entities
                ],
                "relation_mentions": [
                    {
                        "id": f"{sent_id}-{r.key}",
                        "relation_type": r.type,
                        "arguments": [
                            {"entity_id": mention_id(head), "text": _text(tokens, head), "role": "Arg-1"},
                            {"entity_id": mention_id(tail), "text": _text(tokens, tail), "role": "Arg-2"},
                        ],
                    }
                    for r, head, tail in sentence.relations
                ],
                "event_mentions": [
                    {
                        "id": f"{sent_id}-{e.key}",
                        "event_type": e.type,
                        "trigger": mention(trigger),
                        "arguments": [
                            {"entity_id": mention_id(span), "text": _text(tokens, span), "role": role}
                            for role, span in arguments
                        ],
                    }
                    for e, trigger, arguments in sentence.events
                ],
            }
            out.append(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
            self.tally.wrote("sentences")
        return b"".join(out)


def _text(tokens: TokenizedDocument, span: TokenSpan) -> str:
    return tokens.doc.text[tokens.tokens[span.start][0] : tokens.tokens[span.end - 1][1]]


FORMAT = Format(
    id="oneie",
    name="OneIE JSON",
    suffixes=(".json", ".jsonl"),
    carries=CARRIES,
    description="A sentence a line: entity, relation and event mentions in token offsets (end-exclusive).",
    example="-f oneie --clitics split -o train.oneie.json",
    writer=_Writer,
    token_level=True,
)
