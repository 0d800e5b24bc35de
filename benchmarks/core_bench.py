"""Core benchmarks: import, export, and saving one annotation. Prints its figures.

    python benchmarks/core_bench.py [--documents 10000] [--spans-export 1000000]

Targets (2-core machine): import 10,000 articles of ~3.5 KB with 10 spans each < 1 s;
export them < 0.3 s; export 1,000,000 spans < 1.5 s; one annotation in its own
transaction, median < 1 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import orjson

from annotator.core.schema import load_schema
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from annotator.store.database import Database

WORDS = ("كشف مصدر مقرب من الكرملين عن عدم اعتزام روسيا إنقاذ رئيس النظام السوري في ظل سيطرة "
         "المعارضة على العديد من المدن وتوجهها نحو مدينة حمص وقال المصدر الروسي 2024 🇸🇾").split()
LABELS = ("PER", "ORG", "GPE", "LOC", "FAC")


def article(rng: random.Random, size: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(WORDS))
    return " ".join(words)


def write_corpus(path: Path, documents: int, spans_per_document: int, size: int) -> None:
    rng = random.Random(7)
    with path.open("wb") as f:
        for i in range(documents):
            text = article(rng, size)
            spans, seen = [], set()
            while len(spans) < spans_per_document:
                start = rng.randrange(0, len(text) - 12)
                end = start + rng.randrange(3, 12)
                label = rng.choice(LABELS)
                if (start, end, label) not in seen:
                    seen.add((start, end, label))
                    spans.append({"start": start, "end": end, "label": label})
            f.write(orjson.dumps({"id": f"doc-{i:06d}", "text": text, "spans": spans}, option=orjson.OPT_APPEND_NEWLINE))


def timed(what: str, target: float, action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{what:<58} {seconds:8.3f} s   (target < {target} s)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--spans-export", type=int, default=1_000_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-"))

    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, args.documents, 10, 1900)  # ~3.5 KB of UTF-8: Arabic letters take 2 bytes
    db = Database.open(f"sqlite:///{folder / 'bench.db'}")
    open_corpus(db)
    print(f"corpus: {args.documents} documents, {corpus.stat().st_size / 1e6:.1f} MB")
    timed(f"import {args.documents} articles x 10 spans (JSONL)", 1.0,
          lambda: import_paths(db, [corpus], annotator="bench"))
    timed(f"export {args.documents} articles (JSONL)", 0.3, lambda: export_corpus(db, folder / "out.jsonl"))

    big = folder / "spans.jsonl"
    documents = args.spans_export // 100
    write_corpus(big, documents, 100, 2000)
    db2 = Database.open(f"sqlite:///{folder / 'spans.db'}")
    import_paths(db2, [big], annotator="bench")
    timed(f"export {args.spans_export} spans ({documents} documents x 100)", 1.5,
          lambda: export_corpus(db2, folder / "spans-out.jsonl"))

    editor = DocumentEditor(db, schema=load_schema("ace2005"), annotator="bench", document_id=1)
    times = []
    for i in range(300):
        start = time.perf_counter()
        editor.add_span(i, i + 2, "PER" if i % 2 else "ORG")
        times.append(time.perf_counter() - start)
    print(f"{'one annotation saved in its own transaction (median of 300)':<58} "
          f"{statistics.median(times) * 1000:8.3f} ms  (target < 1 ms; p95 "
          f"{sorted(times)[int(len(times) * 0.95)] * 1000:.2f} ms)")


if __name__ == "__main__":
    main()
