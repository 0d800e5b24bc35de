"""DyGIE++'s JSON: a document a line, `sentences` of tokens, and per sentence `ner`,
`relations` and `events`, in token indices of the whole document, end-inclusive. A DyGIE++
trigger is one token: a longer trigger is written as its first token, and counted."""

from __future__ import annotations

import orjson

from annotator.core.model import DocumentRecord
from annotator.formats.base import Carries, ExportOptions, Format, Tally, Writer, losses
from annotator.formats.events import by_sentence

CARRIES = Carries.SPANS | Carries.NESTED | Carries.EVENTS | Carries.RELATIONS
NAME = "DyGIE++"


class _Writer(Writer):
    def __init__(self, options: ExportOptions, tally: Tally) -> None:
        self.options, self.tally = options, tally

    def document(self, doc: DocumentRecord) -> bytes:
        self.tally.wrote("documents")
        losses(doc, CARRIES, self.tally, NAME)
        tokens, sentences = by_sentence(doc, self.options, self.tally, NAME)
        longer = sum(1 for s in sentences for _, trigger, _ in s.events if trigger.end - trigger.start > 1)
        self.tally.note(
            "events",
            f"written with their first token as trigger: triggers of several tokens ({NAME} triggers are one token)",
            doc.id,
            longer,
        )
        line = {
            "doc_key": doc.id,
            "dataset": "annotator",
            "sentences": [[tokens.token_text(i) for i in range(s.start, s.end)] for s in sentences],
            "ner": [[[e.start, e.end - 1, e.label] for e in s.entities] for s in sentences],
            "relations": [
                [[h.start, h.end - 1, t.start, t.end - 1, r.type] for r, h, t in s.relations] for s in sentences
            ],
            "events": [
                [
                    [[trigger.start, e.type], *([a.start, a.end - 1, role] for role, a in arguments)]
                    for e, trigger, arguments in s.events
                ]
                for s in sentences
            ],
        }
        self.tally.wrote("sentences", len(sentences))
        return orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE)


FORMAT = Format(
    id="dygiepp",
    name="DyGIE++ JSON",
    suffixes=(".json", ".jsonl"),
    carries=CARRIES,
    description="A document a line: sentences, ner, relations, events in document token indices (end-inclusive).",
    example="-f dygiepp --clitics split -o train.dygie.json",
    writer=_Writer,
    token_level=True,
)
