"""A team on one database: writers side by side, and agreement over a large corpus.

    python benchmarks/team_bench.py [--seconds 60] [--documents 10000]

1. Writers: 8 processes on PostgreSQL and 4 on SQLite annotate the sample corpus for `--seconds`
   through the window's service calls (`tests/reliability/workers.py share`: add, relabel, note,
   delete their own spans, a "done" line with its time after each commit). Printed: actions a
   second, p50/p99 latency of a saved action, refusals (busy, changed meanwhile: one line each),
   and, checked against the logs, lost updates and duplicate spans (both must be 0).
2. Agreement over `--documents` documents with three layers each (spans of each layer drawn
   from one truth with label and boundary changes), on SQLite: `annotator agreement`'s service
   against a floor that reads the same spans with one plain SQL statement and computes the same
   figures with the same function. Interleaved rounds, medians, the ratio.

The PostgreSQL server is the test suite's throwaway one (tests/postgres_server.py).
"""

from __future__ import annotations

import argparse
import atexit
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.agreement import Agreement, LayerDocument, agreement
from annotator.services.agreement import corpus_agreement
from annotator.services.corpora import open_database
from annotator.services.importing import import_paths
from tests.conftest import GOLD
from tests.reliability.conftest import check_database, replay, start_worker

LAYERS = ("ali", "mona", "sami")
LABELS = ("PER", "ORG", "GPE", "LOC", "FAC")


def writers(url: str, count: int, seconds: float, folder: Path) -> dict[str, float]:
    db = open_database(url)
    import_paths(db, [GOLD], annotator="gold")
    db.close()
    logs = [folder / f"share{i}.jsonl" for i in range(count)]
    workers = [start_worker("share", url, logs[i], i, seconds, i, count) for i in range(count)]
    refusals = 0
    for process in workers:
        _, err = process.communicate(timeout=seconds + 120)
        if process.returncode != 0 or "Traceback" in err:
            raise SystemExit(f"a writer failed: {err[-2000:]}")
        refusals += len(err.splitlines())
    done = [orjson.loads(line) for log in logs for line in log.read_bytes().splitlines()]
    saved = [entry for entry in done if entry["phase"] == "done"]
    latencies = sorted(entry["ms"] for entry in saved)
    figures = check_database(url, replay(*logs))
    from tests.conftest import other_connection

    with other_connection(url) as c:
        duplicates = c.execute(
            'SELECT count(*) FROM (SELECT 1 FROM spans GROUP BY document_id, start, "end", '
            "label, annotator_id HAVING count(*) > 1) AS twice"
        ).fetchone()[0]
    return {
        "actions": len(saved),
        "per_second": len(saved) / seconds,
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
        "refusals": refusals,
        "lost": figures["lost"],
        "duplicates": duplicates,
    }


def corpus(path: Path, documents: int) -> None:
    """Documents of ~60 words with three layers: each layer keeps most of one truth's spans,
    changes some labels and boundaries, drops and adds a few."""
    rng = random.Random(7)
    words = " ".join(orjson.loads(line)["text"] for line in GOLD.read_bytes().splitlines()).split()
    with path.open("wb") as out:
        for n in range(documents):
            start = rng.randrange(len(words) - 60)
            text = " ".join(words[start : start + 60])
            places, at = [], 0
            for word in text.split(" "):
                places.append((at, at + len(word)))
                at += len(word) + 1
            truth = [(s, e, rng.choice(LABELS)) for s, e in rng.sample(places, 8)]
            spans = []
            for layer in LAYERS:
                for s, e, label in truth:
                    roll = rng.random()
                    if roll < 0.05:
                        continue  # missed
                    if roll < 0.12:
                        label = rng.choice(LABELS)
                    elif roll < 0.17 and e - s > 2:
                        e -= 1  # a boundary one letter short
                    spans.append({"start": s, "end": e, "label": label, "annotator": layer})
            out.write(orjson.dumps({"id": f"d{n}", "text": text, "spans": spans}) + b"\n")


def floor(path: Path) -> Agreement:
    """The same figures from one plain SQL statement's rows, by the same function."""
    connection = sqlite3.connect(path)
    rows = connection.execute(
        'SELECT d.uid, d.text, a.name, s.start, s."end", s.label FROM documents d JOIN spans s ON s.document_id = d.id '
        "JOIN annotators a ON a.id = s.annotator_id ORDER BY d.id"
    ).fetchall()
    connection.close()
    documents: dict[str, tuple[str, dict[str, list[tuple[int, int, str]]]]] = {}
    for uid, text, layer, start, end, label in rows:
        documents.setdefault(uid, (text, {}))[1].setdefault(layer, []).append((start, end, label))
    return agreement(
        (
            (uid, text, {name: LayerDocument(tuple(spans)) for name, spans in by_layer.items()})
            for uid, (text, by_layer) in documents.items()
        ),
        LAYERS,
    )


def agreement_times(folder: Path, documents: int, rounds: int) -> dict[str, float]:
    source = folder / "three.jsonl"
    corpus(source, documents)
    path = folder / "agree.db"
    db = open_database(f"sqlite:///{path}")
    import_paths(db, [source])
    ours, base = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        result = corpus_agreement(db, layers=LAYERS)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        same = floor(path)
        base.append(time.perf_counter() - started)
    mine = [p.spans["exact"].f1 for p in result.pairs]
    theirs = [p.spans["exact"].f1 for p in same.pairs]
    if same.alpha != result.alpha or mine != theirs:
        raise SystemExit(f"the floor computed other figures: {same.alpha} {theirs} against {result.alpha} {mine}")
    db.close()
    return {
        "ours_s": statistics.median(ours),
        "floor_s": statistics.median(base),
        "ratio": statistics.median(ours) / statistics.median(base),
        "alpha": result.alpha or 0.0,
        "f1": result.pairs[0].spans["exact"].f1 or 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="annotator-team-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    from tests import postgres_server

    server = postgres_server.start()
    if isinstance(server, str):
        raise SystemExit(server)
    try:
        runs = {
            "PostgreSQL, 8 writers": (server.url(server.new_database()), 8),
            "SQLite, 4 writers": (f"sqlite:///{folder / 'writers.db'}", 4),
        }
        print(
            f"| writers for {args.seconds:g} s | actions | a second | p50 ms | p99 ms | refusals | lost | duplicates |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for name, (url, count) in runs.items():
            logs = folder / name.split(",")[0]
            logs.mkdir()
            f = writers(url, count, args.seconds, logs)
            print(
                f"| {name} | {f['actions']:.0f} | {f['per_second']:.1f} | {f['p50_ms']:.1f} | {f['p99_ms']:.1f} "
                f"| {f['refusals']:.0f} | {f['lost']:.0f} | {f['duplicates']:.0f} |"
            )
    finally:
        server.stop()
    a = agreement_times(folder, args.documents, args.rounds)
    print(
        f"\nagreement, {args.documents} documents x 3 layers (SQLite, medians of {args.rounds}): "
        f"ours {a['ours_s']:.2f} s, floor {a['floor_s']:.2f} s, ratio {a['ratio']:.2f}x "
        f"(alpha {a['alpha']:.3f}, exact F1 of the first pair {a['f1']:.3f})"
    )


if __name__ == "__main__":
    main()
