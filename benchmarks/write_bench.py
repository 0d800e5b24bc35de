"""One annotation saved, as the window saves it, against a floor doing the same insert.

Ours: `DocumentEditor.add_span` (checks the text's checksum, bumps the document's and the
corpus's change counters, applies the status rule, inserts, commits with synchronous=FULL).
Floor: plain sqlite3 on the same file and pragmas: BEGIN IMMEDIATE, one INSERT, COMMIT.
Interleaved rounds; medians per round and the ratio. Run: python benchmarks/write_bench.py
"""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.schema_files import load_schema
from annotator.services.corpora import open_database
from annotator.services.editing import DocumentEditor
from annotator.services.importing import import_paths

ROUNDS, EACH = 7, 150


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    article = folder / "a.txt"
    article.write_text("خبر " * 20_000, encoding="utf-8")
    url = f"sqlite:///{folder / 'bench.db'}"
    db = open_database(url)
    import_paths(db, [article])
    editor = DocumentEditor(db, schema=load_schema("ace2005"), annotator="bench", document_id=1)
    floor = sqlite3.connect(folder / "bench.db", isolation_level=None)
    floor.execute("PRAGMA synchronous=FULL")
    annotator_id = floor.execute("INSERT INTO annotators (name) VALUES ('floor') RETURNING id").fetchone()[0]
    ours, base = [], []
    offset = 0
    for _ in range(ROUNDS):
        times = []
        for _ in range(EACH):
            offset += 2
            start = time.perf_counter()
            editor.add_span(offset, offset + 1, "PER")
            times.append(time.perf_counter() - start)
        ours.append(statistics.median(times))
        times = []
        for _ in range(EACH):
            offset += 2
            start = time.perf_counter()
            floor.execute("BEGIN IMMEDIATE")
            floor.execute(
                'INSERT INTO spans (document_id, start, "end", label, attributes, annotator_id) '
                "VALUES (1, ?, ?, 'PER', '{}', ?)",
                (offset, offset + 1, annotator_id),
            )
            floor.execute("COMMIT")
            times.append(time.perf_counter() - start)
        base.append(statistics.median(times))
    o, b = statistics.median(ours), statistics.median(base)
    print(
        f"one annotation saved (median of {ROUNDS} rounds x {EACH}): ours {o * 1000:.3f} ms, "
        f"floor (sqlite3 insert + commit) {b * 1000:.3f} ms, ratio {o / b:.2f}"
    )


if __name__ == "__main__":
    main()
