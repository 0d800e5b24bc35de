"""How far annotators agree: on spans, tokens, events and relations, pairwise and all together.

Plain data in, figures out (no database, no Qt): `services/agreement.py` reads the layers.

- **Spans**, for each pair of layers, one taken as reference: precision, recall and F1, matched
  exactly (same start and end) or by overlap (one-to-one, greedily by largest overlap), with the
  label or without. Per label as well: where the guidelines are unclear shows there.
- **Tokens**: each token of the text (core/tokens.py) gets the label of the outermost span over it,
  or "O". Cohen's kappa for each pair; Krippendorff's alpha (nominal) for all layers at once, from
  the `krippendorff` package. Cohen's kappa is written here: it is the two-line formula
  (p_o - p_e) / (1 - p_e) over a contingency table, and no small maintained package gives it
  without scikit-learn or statsmodels behind it.
- **Events**: triggers match on span and type; arguments on their trigger (span and type), role
  and argument span. **Relations** on type, head span and tail span.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from annotator.core.tokens import tokenize

Span = tuple[int, int, str]  # start, end, label
Trigger = tuple[int, int, str]  # the trigger's start, end, and the event type
Argument = tuple[int, int, str, str, int, int]  # trigger start, end, type; role; argument start, end
Link = tuple[str, int, int, int, int]  # type; head start, end; tail start, end


@dataclass(frozen=True)
class LayerDocument:
    """One layer's annotations of one document, by position (ids differ between layers)."""

    spans: tuple[Span, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    arguments: tuple[Argument, ...] = ()
    relations: tuple[Link, ...] = ()


@dataclass
class Score:
    """Matches of a pair of layers: `matched` of `reference` (recall) and of `other` (precision)."""

    matched: float = 0
    reference: int = 0
    other: int = 0

    def add(self, matched: float, reference: int, other: int) -> None:
        self.matched += matched
        self.reference += reference
        self.other += other

    @property
    def precision(self) -> float | None:
        return self.matched / self.other if self.other else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.reference if self.reference else None

    @property
    def f1(self) -> float | None:
        total = self.reference + self.other
        return 2 * self.matched / total if total else None


MODES = ("exact", "overlap", "exact_unlabelled", "overlap_unlabelled")


@dataclass
class PairAgreement:
    reference: str
    other: str
    documents: int = 0
    spans: dict[str, Score] = field(default_factory=lambda: {mode: Score() for mode in MODES})
    by_label: dict[str, Score] = field(default_factory=dict)  # exact, labelled; by the label in either layer
    triggers: Score = field(default_factory=Score)
    arguments: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    kappa: float | None = None  # Cohen's, on tokens
    tokens: int = 0


@dataclass(frozen=True)
class DocumentAgreement:
    uid: str
    reference: str
    other: str
    f1: float | None  # spans, exact and labelled
    disagreements: int  # spans of either layer without an exact labelled match


@dataclass
class Agreement:
    layers: tuple[str, ...]
    documents: int
    pairs: list[PairAgreement]
    alpha: float | None  # Krippendorff's, nominal, on tokens, all layers
    per_document: list[DocumentAgreement]


def agreement(documents: Iterable[tuple[str, str, dict[str, LayerDocument]]], layers: Sequence[str]) -> Agreement:
    """Figures over `documents` (uid, text, annotations by layer name) for `layers`; a document
    counts for a pair when both layers annotated it (it is in both's dict), for alpha when two did.
    Pairs that share no document, and layers in none, are left out of the result."""
    pairs = {(a, b): PairAgreement(a, b) for a, b in combinations(layers, 2)}
    tables: dict[tuple[str, str], Counter[tuple[str, str]]] = {key: Counter() for key in pairs}
    units: list[list[str | None]] = [[] for _ in layers]  # Krippendorff's reliability data, a row a layer
    per_document: list[DocumentAgreement] = []
    counted = 0
    for uid, text, by_layer in documents:
        present = [name for name in layers if name in by_layer]
        if len(present) < 2:
            continue
        counted += 1
        tokens = tokenize(text)
        labels = {name: token_labels(tokens, by_layer[name].spans) for name in present}
        for row, name in zip(units, layers, strict=True):
            row.extend(labels[name] if name in labels else [None] * len(tokens))
        for (a, b), pair in pairs.items():
            if a not in by_layer or b not in by_layer:
                continue
            pair.documents += 1
            first, second = by_layer[a], by_layer[b]
            _add_spans(pair, first.spans, second.spans)
            pair.triggers.add(*_exact(first.triggers, second.triggers))
            pair.arguments.add(*_exact(first.arguments, second.arguments))
            pair.relations.add(*_exact(first.relations, second.relations))
            tables[(a, b)].update(zip(labels[a], labels[b], strict=True))
            matched, n_a, n_b = _exact(first.spans, second.spans)
            per_document.append(
                DocumentAgreement(
                    uid, a, b, 2 * matched / (n_a + n_b) if n_a + n_b else None, int(n_a + n_b - 2 * matched)
                )
            )
    for key, pair in pairs.items():
        pair.kappa = cohen_kappa(tables[key])
        pair.tokens = sum(tables[key].values())
    # A layer that annotated none of these documents (a curator's, one given documents not yet
    # begun) has no pair to show, and only gaps in alpha's table.
    seen = {name for pair in pairs.values() if pair.documents for name in (pair.reference, pair.other)}
    kept = [row for row, name in zip(units, layers, strict=True) if name in seen]
    return Agreement(
        tuple(name for name in layers if name in seen),
        counted,
        [pair for pair in pairs.values() if pair.documents],
        krippendorff_alpha(kept),
        per_document,
    )


def token_labels(tokens: Sequence[tuple[int, int]], spans: Iterable[Span]) -> list[str]:
    """Each token's label: the outermost span that covers its first character, else "O"."""
    out = ["O"] * len(tokens)
    width = [0] * len(tokens)
    starts = [start for start, _ in tokens]
    for start, end, label in spans:
        i = max(bisect_right(starts, start) - 1, 0)  # the token it begins in (after a clitic), or the next
        if tokens and tokens[i][1] <= start:
            i += 1
        while i < len(tokens) and tokens[i][0] < end:
            if end - start > width[i]:
                out[i], width[i] = label, end - start
            i += 1
    return out


def _add_spans(pair: PairAgreement, first: Sequence[Span], second: Sequence[Span]) -> None:
    unlabelled_a = [(s, e, "") for s, e, _ in first]
    unlabelled_b = [(s, e, "") for s, e, _ in second]
    pair.spans["exact"].add(*_exact(first, second))
    pair.spans["exact_unlabelled"].add(*_exact(unlabelled_a, unlabelled_b))
    pair.spans["overlap"].add(_overlap(first, second), len(first), len(second))
    pair.spans["overlap_unlabelled"].add(_overlap(unlabelled_a, unlabelled_b), len(first), len(second))
    for label in {s[2] for s in first} | {s[2] for s in second}:
        mine = [s for s in first if s[2] == label]
        theirs = [s for s in second if s[2] == label]
        pair.by_label.setdefault(label, Score()).add(*_exact(mine, theirs))


def _exact(first: Sequence[object], second: Sequence[object]) -> tuple[int, int, int]:
    """(matched, len(first), len(second)), matching as multisets (one to one)."""
    return sum((Counter(first) & Counter(second)).values()), len(first), len(second)


def _overlap(first: Sequence[Span], second: Sequence[Span]) -> int:
    """Spans matched one to one when they share a character (and a label, unless both are ""),
    the largest overlaps first."""
    candidates = sorted(
        (
            (min(a[1], b[1]) - max(a[0], b[0]), i, j)
            for i, a in enumerate(first)
            for j, b in enumerate(second)
            if a[2] == b[2] and a[0] < b[1] and b[0] < a[1]
        ),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


def cohen_kappa(table: Counter[tuple[str, str]]) -> float | None:
    """Cohen's kappa from counts of (label by one, label by the other); None without items or
    when chance agreement is certain (both gave one label throughout: kappa is undefined)."""
    n = sum(table.values())
    if not n:
        return None
    observed = sum(count for (a, b), count in table.items() if a == b) / n
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    for (a, b), count in table.items():
        first[a] += count
        second[b] += count
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def krippendorff_alpha(units: list[list[str | None]]) -> float | None:
    """Krippendorff's alpha, nominal, over layers × tokens (None where a layer did not annotate
    the document), by the `krippendorff` package; None when it is undefined (one label only).
    The package is given each token's counts of coders by label (its `value_counts`), made here
    with numpy: from a table of floats it made them itself, three times slower."""
    if len(units) < 2 or not units[0]:
        return None
    import krippendorff  # (numpy behind it: imported when asked)
    import numpy as np

    codes: dict[str | None, int] = {None: -1}
    table = np.array([[codes.setdefault(v, len(codes) - 1) for v in row] for row in units], dtype=np.int16)
    labels = len(codes) - 1
    if labels < 2:
        return None
    counts = np.stack([(table == code).sum(axis=0) for code in range(labels)], axis=1)
    return float(krippendorff.alpha(value_counts=counts, level_of_measurement="nominal"))


def rows(result: Agreement) -> list[dict[str, object]]:
    """Every figure as a flat row (the CSV, and the JSON's "scores"): pair, what, counts, P, R, F1."""
    out: list[dict[str, object]] = []

    def row(pair: PairAgreement, what: str, score: Score) -> None:
        out.append(
            {
                "reference": pair.reference,
                "other": pair.other,
                "what": what,
                "matched": score.matched,
                "in_reference": score.reference,
                "in_other": score.other,
                "precision": score.precision,
                "recall": score.recall,
                "f1": score.f1,
            }
        )

    for pair in result.pairs:
        for mode, score in pair.spans.items():
            row(pair, f"spans {mode}", score)
        for label, score in sorted(pair.by_label.items()):
            row(pair, f"label {label}", score)
        row(pair, "event triggers", pair.triggers)
        row(pair, "event arguments", pair.arguments)
        row(pair, "relations", pair.relations)
    return out


def as_json(result: Agreement) -> dict[str, object]:
    return {
        "layers": list(result.layers),
        "documents": result.documents,
        "krippendorff_alpha": result.alpha,
        "pairs": [
            {
                "reference": p.reference,
                "other": p.other,
                "documents": p.documents,
                "tokens": p.tokens,
                "cohen_kappa": p.kappa,
            }
            for p in result.pairs
        ],
        "scores": rows(result),
        "documents_by_pair": [
            {"uid": d.uid, "reference": d.reference, "other": d.other, "f1": d.f1, "disagreements": d.disagreements}
            for d in result.per_document
        ],
    }
