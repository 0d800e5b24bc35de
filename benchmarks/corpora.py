"""The benchmark corpora, generated deterministically: the same seed gives the same bytes.

    python benchmarks/corpora.py 1000000 corpus-1m.jsonl

Each article is ~3.5 KB of Arabic whose words are drawn by a Zipf law from the sample corpus's
vocabulary, with 5 to 15 spans on whole words (10 on average; some behind a clitic: «وبغداد»
labelled from the «ب»), one event (a trigger and two arguments) and one relation, in this
project's JSONL. Its metadata varies as a real corpus's does, so that the corpus pane's sorts are
not sorts of ties: most articles have a title, a source among a dozen outlets and a date, and
their statuses are those of a corpus under way (most new, some in progress, done or reviewed).
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from pathlib import Path

import orjson

from annotator.core.resources import SAMPLE_CORPUS

LABELS = ("PER", "ORG", "GPE", "LOC", "FAC")
SIZE = 3500  # characters an article
SPANS = (5, 15)  # fewest and most spans an article
SOURCES = (
    "الجزيرة",
    "العربية",
    "بي بي سي عربي",
    "عربي21",
    "الشرق الأوسط",
    "القدس العربي",
    "سكاي نيوز عربية",
    "فرانس 24",
    "الحرة",
    "RT Arabic",
    "رويترز",
    "الأهرام",
)
STATUSES = (("new", 70), ("in_progress", 10), ("done", 15), ("reviewed", 5))


def vocabulary() -> list[str]:
    """The sample corpus's words, most frequent first."""
    counts: dict[str, int] = {}
    for line in (SAMPLE_CORPUS / "gold.jsonl").read_bytes().splitlines():
        for word in re.findall(r"\w+", orjson.loads(line)["text"]):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def articles(count: int, *, seed: int = 7, spans: tuple[int, int] = SPANS) -> itertools.chain[bytes]:
    """`count` JSONL lines, each with between spans[0] and spans[1] spans."""
    rng = random.Random(seed)
    words = vocabulary()
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    per_article = SIZE // 6
    return itertools.chain.from_iterable(_line(i, rng, words, weights, per_article, spans) for i in range(count))


def _line(
    i: int, rng: random.Random, words: list[str], weights: list[float], n: int, how_many: tuple[int, int]
) -> tuple[bytes]:
    chosen = rng.choices(words, cum_weights=weights, k=n)
    text = " ".join(chosen)
    starts = list(itertools.accumulate((len(w) + 1 for w in chosen[:-1]), initial=0))
    spans = []
    for key, at in enumerate(sorted(rng.sample(range(n), rng.randint(*how_many))), 1):
        start, end = starts[at], starts[at] + len(chosen[at])
        if end - start > 3 and rng.random() < 0.2:
            start += 1  # a clitic before the name
        spans.append({"id": f"T{key}", "start": start, "end": end, "label": rng.choice(LABELS)})
    for span, label in zip(spans, ("Conflict.Attack", "GPE", "PER", "PER", "LOC"), strict=False):
        span["label"] = label  # the event's and the relation's spans, of the types their roles take
    meta: dict[str, str] = {"status": rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]}
    if rng.random() < 0.9:
        meta["title"] = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(4, 9)))
    if rng.random() < 0.9:
        meta["source"] = rng.choice(SOURCES)
    if rng.random() < 0.85:
        meta["published"] = (
            f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"
        )
    line = {
        "id": f"doc-{i:07d}",
        "text": text,
        "meta": meta,
        "spans": spans,
        "events": [
            {
                "type": "Conflict.Attack",
                "trigger": "T1",
                "arguments": [{"role": "Place", "span": "T2"}, {"role": "Target", "span": "T3"}],
            }
        ],
        "relations": [{"type": "PHYS.Near", "head": "T4", "tail": "T5"}],
    }
    return (orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE),)


def write(path: Path, count: int, spans: tuple[int, int] = SPANS) -> Path:
    """The corpus of `count` articles at `path`, written unless it is there already."""
    if not path.exists():
        part = path.with_name(path.name + ".part")
        with part.open("wb", buffering=1 << 20) as f:
            f.writelines(articles(count, spans=spans))
        part.rename(path)
    return path


if __name__ == "__main__":
    write(Path(sys.argv[2]), int(sys.argv[1]))
