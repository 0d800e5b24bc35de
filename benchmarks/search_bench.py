"""Corpus search on 100,000 articles: the time to a first page of hits, against a floor.

    python benchmarks/search_bench.py [--documents 100000] [--repeats 5]

The corpus is generated deterministically: articles of ~3.5 KB whose words are drawn, by a
Zipf law, from the sample corpus's vocabulary (real Arabic, with harakat where the articles
have them) and 20,000 made-up names, some behind a clitic (و ب ل ف). Each article has 10 spans
and one attack event. Queries: a word in every article, a rare name, a name behind clitics, a
two-word phrase, a two-letter word (not indexed: scanned), spans of a label containing a
string, unlabelled occurrences, and events of a type.

The floor is what one does without an index: plain sqlite3 `text LIKE '%…%'` over the same
documents table (no normalisation, so it would miss spellings that ours finds), stopping at
the same number of documents. Runs are interleaved (floor, ours), medians are printed. The
import is timed too, with the share the search index adds, and the index's size.
"""

from __future__ import annotations

import argparse
import atexit
import itertools
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

from annotator.core.find import search_form
from annotator.core.resources import SAMPLE_CORPUS
from annotator.services.corpora import open_corpus
from annotator.services.importing import import_paths
from annotator.services.search import Kind, SearchQuery, search
from annotator.store import search_index
from annotator.store.database import Database

LETTERS = "ابتثجحخدرزسشصضطعغفقكلمنهوي"
CLITICS = ("و", "ب", "ل", "ف", "وب", "ال", "وال")


def vocabulary(rng: random.Random) -> list[str]:
    """The sample corpus's words, most frequent first, then made-up names."""
    counts: dict[str, int] = {}
    for line in (SAMPLE_CORPUS / "gold.jsonl").read_bytes().splitlines():
        for word in re.findall(r"\w+", orjson.loads(line)["text"]):
            counts[word] = counts.get(word, 0) + 1
    words = sorted(counts, key=lambda w: -counts[w])
    names = {"".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 7))) for _ in range(20_000)}
    return words + sorted(names - set(words))


def write_corpus(path: Path, documents: int, rng: random.Random, words: list[str]) -> None:
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    with path.open("wb") as f:
        for i in range(documents):
            drawn = rng.choices(words, cum_weights=cumulative, k=330)
            text = " ".join(rng.choice(CLITICS) + w if rng.random() < 0.08 else w for w in drawn)
            spans = []
            for n in range(10):
                start = n * len(text) // 10 + rng.randrange(0, len(text) // 10 - 12)
                spans.append(
                    {
                        "id": f"T{n}",
                        "start": start,
                        "end": start + rng.randrange(3, 12),
                        "label": ("PER", "ORG", "GPE", "LOC", "FAC")[n % 5],
                    }
                )
            spans[0]["label"] = "Conflict.Attack"
            event = {"type": "Conflict.Attack", "trigger": "T0", "arguments": [{"role": "Place", "span": "T2"}]}
            f.write(
                orjson.dumps(
                    {"id": f"doc-{i:06d}", "text": text, "spans": spans, "events": [event]},
                    option=orjson.OPT_APPEND_NEWLINE,
                )
            )


def floor(path: Path, needle: str, documents: int) -> float:
    """Plain sqlite3, no index: the first `documents` documents whose text contains `needle`."""
    start = time.perf_counter()
    connection = sqlite3.connect(path)
    connection.execute(
        "SELECT id, text FROM documents WHERE text LIKE ? ORDER BY id LIMIT ?", (f"%{needle}%", max(documents, 1))
    ).fetchall()
    connection.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(11)
    words = vocabulary(rng)
    folder = Path(tempfile.mkdtemp(prefix="annotator-search-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, args.documents, rng, words)
    db_path = folder / "search.db"
    db = Database.open(f"sqlite:///{db_path}")
    corpus_id = open_corpus(db).id
    start = time.perf_counter()
    import_paths(db, [corpus], annotator="bench")
    imported = time.perf_counter() - start
    texts = [orjson.loads(line)["text"] for line in itertools.islice(corpus.open("rb"), 2000)]
    start = time.perf_counter()
    with db.write() as session:  # the index's own share of the import, on a sample, rolled back
        search_index.add(session.connection(), enumerate(texts, 10**9))
        session.rollback()
    share = (time.perf_counter() - start) / len(texts) * args.documents
    connection = sqlite3.connect(db_path)
    size = dict(connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    connection.close()
    text_mb = sum(v for k, v in size.items() if k == "documents") / 1e6
    index_mb = sum(v for k, v in size.items() if k.startswith(search_index.TABLE)) / 1e6
    print(
        f"corpus: {args.documents} documents, {corpus.stat().st_size / 1e6:.0f} MB of JSONL; "
        f"vocabulary {len(words)} words"
    )
    print(
        f"import {imported:.1f} s, of which the search index about {share:.1f} s; "
        f"documents table {text_mb:.0f} MB, search index {index_mb:.0f} MB"
    )

    common, rare = words[1], words[-7]
    clitic = next(w for w in words[300:] if len(w) > 4)
    phrase = " ".join(texts[0].split()[10:12])
    queries = [
        ("a word in every article", SearchQuery(common)),
        ("a rare made-up name", SearchQuery(rare)),
        ("a sample-corpus word, with clitics", SearchQuery(clitic)),
        ("a two-word phrase", SearchQuery(phrase)),
        ("a two-letter word (scanned)", SearchQuery("في")),
        ("spans labelled PER containing a word", SearchQuery(clitic, Kind.SPANS, "PER")),
        ("unlabelled occurrences of a word", SearchQuery(clitic, Kind.UNLABELLED)),
        ("events of a type", SearchQuery("", Kind.EVENTS, "Conflict.Attack")),
        ("strict spelling (letters not folded)", SearchQuery(clitic, letters=False)),
    ]
    print(f"\n{'query':<40} {'hits':>5} {'docs':>7} {'ours ms':>8} {'floor ms':>9} {'ratio':>6}  target < 200 ms")
    for what, query in queries:
        ours, floors = [], []
        result = None
        for _ in range(args.repeats):
            start = time.perf_counter()
            result = search(db, corpus_id=corpus_id, query=query)
            ours.append(time.perf_counter() - start)
            needle = query.text or "x"
            shown = len({h.document_id for h in result.hits})
            floors.append(floor(db_path, search_form(needle, letters=False), shown))
        assert result is not None
        mine, base = statistics.median(ours) * 1000, statistics.median(floors) * 1000
        documents = "?" if result.documents is None else str(result.documents)
        print(
            f"{what:<40} {len(result.hits):>5} {documents:>7} {mine:>8.1f} {base:>9.1f} {mine / base:>6.2f}"
            f"  {'ok' if mine < 200 else 'OVER'}"
        )
    db.close()


if __name__ == "__main__":
    sys.exit(main())
