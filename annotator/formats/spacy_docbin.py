"""spaCy's training format: a `DocBin` (`.spacy`) of one `Doc` per document, built with spaCy's
own API. `Doc(words, spaces)` keeps the text unchanged (runs of spaces and line breaks become
whitespace tokens, as spaCy's tokenizer makes them), `doc.ents` is the flat layer chosen by
--nested, `doc.spans["sc"]` holds every span (nested ones too, for the span categorizer), and
sentence starts are set. Needs the `spacy` extra.

A DocBin is one serialised object, so the file is written at the end of the export.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentRecord
from annotator.formats.base import Carries, ExportOptions, Format, Tally, Writer
from annotator.formats.tokenized import (
    TokenizedDocument,
    entity_spans,
    token_losses,
    tokenized,
)

CARRIES = Carries.SPANS | Carries.NESTED
NAME = "spaCy"


class _Writer(Writer):
    def __init__(self, options: ExportOptions, tally: Tally) -> None:
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab

        self.options, self.tally = options, tally
        self.vocab = Vocab()
        self.bin = DocBin(store_user_data=False)

    def document(self, doc: DocumentRecord) -> bytes:
        from spacy.tokens import Doc, Span

        self.tally.wrote("documents")
        token_losses(doc, CARRIES, self.tally, NAME)
        tokens = tokenized(doc, entity_spans(doc), self.options, self.tally, NAME)
        words, spaces, index, starts = _words(tokens)
        sent_starts: list[bool | int | None] = [False] * len(words)
        for i in starts:
            sent_starts[i] = True
        spacy_doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        if spacy_doc.text != doc.text:  # cannot happen: the words are cut from the text itself
            raise AnnotatorError(f"document {doc.id!r}: spaCy's text would differ from the stored one")
        [flat] = tokens.layers(self.options.nested, self.tally, NAME)
        spacy_doc.ents = [Span(spacy_doc, index[s.start], index[s.end - 1] + 1, label=s.label) for s in flat]
        spacy_doc.spans["sc"] = [
            Span(spacy_doc, index[s.start], index[s.end - 1] + 1, label=s.label) for s in tokens.spans
        ]
        self.tally.wrote("spans", len(flat))
        self.tally.wrote('spans in doc.spans["sc"]', len(tokens.spans))
        self.bin.add(spacy_doc)
        return b""

    def finish(self) -> Iterable[bytes]:
        yield self.bin.to_bytes()


def _words(tokens: TokenizedDocument) -> tuple[list[str], list[bool], list[int], list[int]]:
    """spaCy words and trailing spaces giving back the text exactly; our token i is word index[i];
    the words that start sentences (a sentence's first token, or the whitespace before it)."""
    text = tokens.doc.text
    words: list[str] = []
    spaces: list[bool] = []
    index: list[int] = []
    sentence_starts = set(tokens.sentences)
    starts: list[int] = []
    position = 0

    def whitespace(gap: str) -> None:
        """One space after a word is its trailing space; any other whitespace is a word (spaCy's way)."""
        if gap and words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)

    for i, (start, end) in enumerate(tokens.tokens):
        whitespace(text[position:start])
        if i in sentence_starts:
            starts.append(len(words))
        index.append(len(words))
        words.append(text[start:end])
        spaces.append(False)
        position = end
    whitespace(text[position:])
    if words and (not starts or starts[0] != 0):
        starts.insert(0, 0)
    return words, spaces, index, starts


FORMAT = Format(
    id="spacy",
    name="spaCy DocBin",
    suffixes=(".spacy",),
    carries=CARRIES,
    description='For `spacy train`: doc.ents (the --nested layer) and doc.spans["sc"] (every span), '
    "texts unchanged. Needs the spacy extra.",
    example="-f spacy --clitics split --nested outer -o train.spacy",
    writer=_Writer,
    token_level=True,
    binary=True,
    needs="spacy",
)
