"""Export speed of every format on the 10,000-article benchmark corpus, against a floor.

    python benchmarks/export_bench.py [--documents 10000] [--repeats 3]

The corpus is core_bench.py's (articles of ~3.5 KB, 10 spans each at random places, so many
start inside words and overlap), with one event (a trigger and two arguments) and one relation
per article. The floor does the least work that gets the same data out: plain sqlite3 reading
documents and spans, and orjson writing a line per document. Runs are interleaved (floor, then
every format, repeated), so a noisy machine slows them alike; medians and ratios are printed.
"""

from __future__ import annotations

import argparse
import atexit
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core_bench import write_corpus

from annotator.formats.base import Clitics, ExportOptions
from annotator.formats.registry import WRITERS
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from annotator.store.database import Database


def with_events(path: Path) -> None:
    """Make each article's first span an attack trigger with two arguments and add a relation."""
    lines = []
    for line in path.read_bytes().splitlines():
        doc = orjson.loads(line)
        spans = doc["spans"]
        for i, span in enumerate(spans, 1):
            span["id"] = f"T{i}"
        spans[0]["label"] = "Conflict.Attack"
        doc["events"] = [
            {
                "type": "Conflict.Attack",
                "trigger": "T1",
                "arguments": [{"role": "Place", "span": "T2"}, {"role": "Target", "span": "T3"}],
            }
        ]
        doc["relations"] = [{"type": "PHYS.Near", "head": "T4", "tail": "T5"}]
        lines.append(orjson.dumps(doc))
    path.write_bytes(b"\n".join(lines) + b"\n")


def floor(db_path: Path, out: Path) -> None:
    connection = sqlite3.connect(db_path)
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for document_id, start, end, label in connection.execute(
        'SELECT document_id, start, "end", label FROM spans ORDER BY document_id, start, "end"'
    ):
        spans.setdefault(document_id, []).append((start, end, label))
    with out.open("wb") as f:
        for document_id, uid, text in connection.execute("SELECT id, uid, text FROM documents ORDER BY id"):
            f.write(
                orjson.dumps(
                    {"id": uid, "text": text, "spans": spans.get(document_id, [])}, option=orjson.OPT_APPEND_NEWLINE
                )
            )
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="annotator-export-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, args.documents, 10, 1900)
    with_events(corpus)
    db_path = folder / "bench.db"
    db = Database.open(f"sqlite:///{db_path}")
    report = import_paths(db, [corpus], annotator="bench")
    print(
        f"corpus: {len(report.added)} articles, {report.spans} spans, {report.events} events, "
        f"{report.relations} relations ({corpus.stat().st_size / 1e6:.1f} MB of JSONL)"
    )
    times: dict[str, list[float]] = {"floor (sqlite3 + orjson)": []}
    sizes: dict[str, int] = {}
    for _ in range(args.repeats):
        start = time.perf_counter()
        floor(db_path, folder / "floor.jsonl")
        times["floor (sqlite3 + orjson)"].append(time.perf_counter() - start)
        for f in WRITERS:
            start = time.perf_counter()
            out = folder / f"out-{f.id}{f.suffixes[0]}"
            export_corpus(db, out, format=f.id, options=ExportOptions(clitics=Clitics.SPLIT))
            times.setdefault(f.id, []).append(time.perf_counter() - start)
            sizes[f.id] = out.stat().st_size
    base = statistics.median(times["floor (sqlite3 + orjson)"])
    print(f"{'format':<26} {'median s':>9} {'x floor':>8} {'docs/s':>8} {'MB':>7}   (runs)")
    for name, runs in times.items():
        median = statistics.median(runs)
        size = sizes.get(name, (folder / "floor.jsonl").stat().st_size) / 1e6
        print(
            f"{name:<26} {median:9.3f} {median / base:8.1f} {args.documents / median:8.0f} {size:7.1f}   "
            f"({', '.join(f'{r:.2f}' for r in runs)})"
        )
    db.close()


if __name__ == "__main__":
    main()
