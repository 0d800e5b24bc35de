"""A document as token-level formats see it: tokens, sentences, and spans on token indices,
after the clitic and nesting policies, with every change counted in the export's tally.

Character offsets stay the truth: a token-level span is [first, last + 1) over `tokens`, and
each token keeps its code-point offsets into the unchanged text, so every exported entity can
be checked against the character span it came from.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from annotator.core.model import DocumentRecord, SpanRecord
from annotator.core.tokens import Token, sentence_breaks, tokenize
from annotator.formats.base import (
    Carries,
    Clitics,
    ExportOptions,
    Nested,
    Tally,
    losses,
)


@dataclass(frozen=True)
class TokenSpan:
    start: int  # first token
    end: int  # after the last token
    label: str
    span: SpanRecord  # the character span it came from


@dataclass
class TokenizedDocument:
    doc: DocumentRecord
    tokens: list[Token]
    sentences: list[int]  # index of each sentence's first token
    spans: list[TokenSpan]  # every span that could be placed on tokens (nested ones too)
    by_span: dict[str, TokenSpan]  # span key → its token span, for events and relations

    def layers(self, nested: Nested, tally: Tally, format_name: str) -> list[list[TokenSpan]]:
        """The spans as non-overlapping layers: one for outer or inner, as many as needed for layers."""
        return layer_spans(self.spans, nested, tally, self.doc.id, format_name)

    def sentence_ranges(self) -> list[tuple[int, int]]:
        bounds = [*self.sentences, len(self.tokens)]
        return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]

    def sentence_of(self, span: TokenSpan) -> int | None:
        """The sentence (0-based) holding the whole span (always one: sentences are never cut
        inside a span)."""
        n = bisect_right(self.sentences, span.start) - 1
        next_start = self.sentences[n + 1] if n + 1 < len(self.sentences) else len(self.tokens)
        return n if span.end <= next_start else None

    def token_text(self, i: int) -> str:
        start, end = self.tokens[i]
        return self.doc.text[start:end]


def entity_spans(doc: DocumentRecord) -> list[SpanRecord]:
    """Spans that are not event triggers (token formats tag entities; triggers go with events)."""
    triggers = {e.trigger for e in doc.events}
    return [s for s in doc.spans if s.key not in triggers]


def tokenized(
    doc: DocumentRecord, spans: list[SpanRecord], options: ExportOptions, tally: Tally, format_name: str
) -> TokenizedDocument:
    """Tokens of `doc` and `spans` placed on them by the clitic policy."""
    text = doc.text
    tokens = tokenize(text)
    starts = [t[0] for t in tokens]
    exact, inside = [], []
    spaced = 0  # spans with spaces at an edge: tokens never hold spaces, so those are left off
    for span in spans:
        first, last = _covering(tokens, starts, span.start, span.end)
        if first > last:  # only spaces: cannot happen for a stored span, but never crash on it
            tally.note("spans", "not written: no token in them", doc.id)
        elif tokens[first][0] < span.start or tokens[last][1] > span.end:
            inside.append((span, first, last))
        else:
            exact.append((span, first, last))
            spaced += tokens[first][0] != span.start or tokens[last][1] != span.end
    tally.note("spans", "written without the spaces at their edges (tokens hold no spaces)", doc.id, spaced)
    if inside and options.clitics is Clitics.SPLIT:
        tokens = _split(tokens, [(s.start, s.end) for s, _, _ in inside])
        starts = [t[0] for t in tokens]
        placed = [(s, *_covering(tokens, starts, s.start, s.end)) for s, _, _ in exact + inside]
        tally.note("spans", "made exact by splitting a token (a clitic became its own token)", doc.id, len(inside))
    elif options.clitics is Clitics.EXPAND:
        placed = exact + inside
        tally.note("spans", "expanded to whole tokens (a clitic or part of a word was included)", doc.id, len(inside))
    else:
        placed = exact
        tally.note("spans", "not written: they start or end inside a token (--clitics drop)", doc.id, len(inside))
    token_spans = sorted(
        (TokenSpan(first, last + 1, span.label, span) for span, first, last in placed),
        key=lambda t: (t.start, -t.end, t.label, t.span.start, t.span.end),
    )
    keep = [(tokens[t.start][0], tokens[t.end - 1][1]) for t in token_spans]
    return TokenizedDocument(
        doc, tokens, sentence_breaks(text, tokens, keep), token_spans, {t.span.key: t for t in token_spans}
    )


def _covering(tokens: list[Token], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """First and last token overlapping [start, end) (first > last when none does)."""
    first = max(0, bisect_right(starts, start) - 1)
    if first < len(tokens) and tokens[first][1] <= start:
        first += 1
    last = bisect_left(starts, end) - 1
    return first, last


def _split(tokens: list[Token], cuts: list[tuple[int, int]]) -> list[Token]:
    """The tokens cut at every span boundary that falls inside one (only those tokens change)."""
    starts = [t[0] for t in tokens]
    inside: dict[int, list[int]] = {}
    for point in {p for span in cuts for p in span}:
        i = bisect_right(starts, point) - 1
        if i >= 0 and tokens[i][0] < point < tokens[i][1]:
            inside.setdefault(i, []).append(point)
    out: list[Token] = []
    done = 0
    for i in sorted(inside):
        out += tokens[done:i]
        edges = [tokens[i][0], *sorted(inside[i]), tokens[i][1]]
        out += zip(edges, edges[1:])
        done = i + 1
    out += tokens[done:]
    return out


def layer_spans(
    spans: list[TokenSpan], nested: Nested, tally: Tally, document: str, format_name: str
) -> list[list[TokenSpan]]:
    """Non-overlapping layers of `spans` (sorted by start, longest first). The same tokens with
    the same label twice (two annotators) are written once."""
    unique: list[TokenSpan] = []
    for span in spans:
        if unique and (unique[-1].start, unique[-1].end, unique[-1].label) == (span.start, span.end, span.label):
            tally.note(
                "spans",
                "written once, not twice: the same tokens and label as another span (two "
                "annotators, or a clitic expanded onto it)",
                document,
            )
            continue
        unique.append(span)
    if nested is Nested.LAYERS:
        layers: list[list[TokenSpan]] = []
        for span in unique:
            for layer in layers:
                if layer[-1].end <= span.start:
                    layer.append(span)
                    break
            else:
                layers.append([span])
        return layers or [[]]
    order = unique if nested is Nested.OUTER else sorted(unique, key=lambda t: (t.end - t.start, t.start))
    kept: list[TokenSpan] = []
    for span in order:
        clash = next((k for k in kept if k.start < span.end and span.start < k.end), None)
        if clash is None:
            kept.append(span)
        elif nested is Nested.OUTER:
            inside = clash.start <= span.start and span.end <= clash.end
            tally.note(
                "spans",
                f"not written: {'nested inside' if inside else 'overlapping'} another span "
                f"(--nested outer kept the outer one; {format_name} has one label a token)",
                document,
            )
        else:
            tally.note(
                "spans",
                f"not written: containing or overlapping another span (--nested inner kept the "
                f"inner one; {format_name} has one label a token)",
                document,
            )
    kept.sort(key=lambda t: t.start)
    return [kept]


def tags(n_tokens: int, layer: list[TokenSpan], scheme: str) -> list[str]:
    """IOB2 ("iob2") or BIOES ("bioes") tags of one layer."""
    out = ["O"] * n_tokens
    for span in layer:
        length = span.end - span.start
        if scheme == "bioes" and length == 1:
            out[span.start] = f"S-{span.label}"
            continue
        out[span.start] = f"B-{span.label}"
        for i in range(span.start + 1, span.end):
            out[i] = f"I-{span.label}"
        if scheme == "bioes":
            out[span.end - 1] = f"E-{span.label}"
    return out


def token_losses(doc: DocumentRecord, carries: Carries, tally: Tally, name: str) -> None:
    """What of `doc` a token format leaves out; triggers are named apart (they are spans)."""
    losses(doc, carries, tally, name)
    if Carries.EVENTS not in carries and doc.events:
        tally.note(
            "spans",
            f"event triggers not written ({name} tags entities only)",
            doc.id,
            len({e.trigger for e in doc.events}),
        )
