"""Import, export, stats and --help at 10,000, 100,000 or 1,000,000 articles, and an export of
1,000,000 spans (10,000 articles of 100), against the floor (benchmarks/floor.py: plain sqlite3
+ orjson doing the same work) in the same run.

    python benchmarks/scale_bench.py [--documents 10000] [--repeats 5] [--folder DIR] [--whole-only] [--no-import]

Runs are interleaved (annotator, floor, annotator, floor…) so a noisy machine slows both alike;
medians and ratios are printed, with each process's peak RSS. "In-process" times the services
called from Python; "whole process" times the command line from start to exit. Every export is
checked to be byte for byte the floor's. The corpora are benchmarks/corpora.py's, kept in the
folder between runs (1,000,000 articles are 6.1 GB of JSONL).
"""

from __future__ import annotations

import argparse
import filecmp
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora
import floor

from annotator.services import export_parts
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from annotator.store.database import Database

PYTHON = sys.executable
DENSE = 1_000_000  # spans exported from articles of 100 spans each (the 1.5 s figure)
HERE = Path(__file__).resolve().parent


# Linux gives a process the peak RSS of the memory it was forked with (kept across exec), so a
# child of this benchmark, grown by its in-process runs, would report this process's peak as its
# own. Children are started from a small launcher instead, which times them and reads their peak.
LAUNCHER = """import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{time.perf_counter() - start} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run(*args: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of a process of its own, from its start to its exit."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as result:
        subprocess.run(
            [PYTHON, "-c", LAUNCHER, result.name, *args],
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env={**os.environ, "ANNOTATOR_USER": "bench"},
            check=True,
        )
        seconds, rss, code = result.read().split()
        if code != "0":
            errors.seek(0)  # (a file, not a pipe, which would fill with the import's warnings)
            raise SystemExit(f"{' '.join(args)} failed: {errors.read().decode()[-2000:]}")
    return float(seconds), int(rss) / 1024


def timed(action: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, list[float], list[float], str]] = []

    def add(self, what: str, ours: list[float], base: list[float], note: str = "") -> None:
        self.rows.append((what, ours, base, note))
        self.show(self.rows[-1])

    @staticmethod
    def show(row: tuple[str, list[float], list[float], str]) -> None:
        what, ours, base, note = row
        a, b = statistics.median(ours), statistics.median(base)
        print(f"| {what} | {a:.3f} | {b:.3f} | {a / b:.2f}× | {note} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "annotator-scale-bench")
    parser.add_argument("--whole-only", action="store_true", help="skip the in-process runs (for 1M)")
    parser.add_argument(
        "--no-import",
        action="store_true",
        help="time the rest on the databases an earlier run left in the folder (1M: 15 min an import)",
    )
    args = parser.parse_args()
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    n = args.documents
    corpus = corpora.write(folder / f"corpus-{n}.jsonl", n)
    empty = folder / "empty.db"
    if not empty.exists():
        Database.open(f"sqlite:///{empty}").close()
    ours_db, floor_db = folder / f"ours-{n}.db", folder / f"floor-{n}.db"

    def fresh(path: Path) -> Path:
        for old in path.parent.glob(path.name + "*"):
            old.unlink()
        shutil.copy(empty, path)
        return path

    load = os.getloadavg()
    print(
        f"{n:,} articles, {corpus.stat().st_size / 1e9:.2f} GB of JSONL; {os.cpu_count()} cores, "
        f"load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}\n"
    )
    print("| work | annotator s | floor s | ratio | |\n|---|---|---|---|---|")
    table = Table()
    rss_ours, rss_floor = [], []
    if args.no_import:
        if not (ours_db.exists() and floor_db.exists()):
            raise SystemExit(f"--no-import: {ours_db} and {floor_db} are made by a run without it")
    elif not args.whole_only:
        ours, base = [], []
        for _ in range(args.repeats):
            db = Database.open(f"sqlite:///{fresh(ours_db)}")
            ours.append(timed(lambda: import_paths(db, [corpus], annotator="bench")))
            db.close()
            base.append(timed(lambda: floor.import_corpus(fresh(floor_db), corpus)))
        table.add(f"import {n:,}, in-process", ours, base)
    ours, base = [], []
    for _ in range(0 if args.no_import else args.repeats):
        seconds, rss = run("-m", "annotator", "--db", str(fresh(ours_db)), "import", str(corpus))
        ours.append(seconds)
        rss_ours.append(rss)
        seconds, rss = run(str(HERE / "floor.py"), "import", str(fresh(floor_db)), str(corpus))
        base.append(seconds)
        rss_floor.append(rss)
    if ours:
        table.add(
            f"`import` {n:,}, whole process",
            ours,
            base,
            f"peak RSS {max(rss_ours):.0f} MB, floor {max(rss_floor):.0f} MB",
        )
    out_ours, out_floor = folder / "ours.jsonl", folder / "floor.jsonl"

    def exports(ours_path: Path, floor_path: Path, what: str) -> None:
        """Both exports in-process, interleaved, checked to give the same bytes; ours also in
        one process alone (services/export_parts.py writes a large export on every core)."""
        ours, alone, base = [], [], []
        db = Database.open(f"sqlite:///{ours_path}")
        processes = export_parts.PROCESSES
        for _ in range(args.repeats):
            ours.append(timed(lambda: export_corpus(db, out_ours)))
            base.append(timed(lambda: floor.export_corpus(floor_path, out_floor)))
            export_parts.PROCESSES = 1
            alone.append(timed(lambda: export_corpus(db, out_ours)))
            export_parts.PROCESSES = processes
        db.close()
        table.add(f"{what} ({processes} processes)", ours, base)
        table.add(f"{what} (one process)", alone, base)
        _same(out_ours, out_floor)

    if not args.whole_only:
        exports(ours_db, floor_db, f"export {n:,} ({n * 10:,} spans), in-process")
        dense = DENSE // 100
        ours_dense, floor_dense = folder / f"ours-{dense}x100.db", folder / f"floor-{dense}x100.db"
        if not floor_dense.exists():  # built once, kept in the folder
            dense_corpus = corpora.write(folder / f"corpus-{dense}x100.jsonl", dense, spans=(100, 100))
            db = Database.open(f"sqlite:///{fresh(ours_dense)}")
            import_paths(db, [dense_corpus], annotator="bench")
            db.close()
            floor.import_corpus(fresh(floor_dense), dense_corpus)
        exports(ours_dense, floor_dense, f"export {DENSE:,} spans ({dense:,} articles × 100), in-process")
    ours, base, rss_export = [], [], []
    for _ in range(args.repeats):
        seconds, rss = run("-m", "annotator", "--db", str(ours_db), "export", "-f", "jsonl", "-o", str(out_ours))
        ours.append(seconds)
        rss_export.append(rss)
        base.append(run(str(HERE / "floor.py"), "export", str(floor_db), str(out_floor))[0])
    table.add(f"`export` {n:,}, whole process", ours, base, f"peak RSS {max(rss_export):.0f} MB")
    _same(out_ours, out_floor)
    ours, base = [], []
    for _ in range(args.repeats):
        ours.append(run("-m", "annotator", "--db", str(ours_db), "stats")[0])
        base.append(run("-c", "pass")[0])
    table.add(f"`stats` on {n:,}", ours, base, "floor: python -c pass")
    ours, base = [], []
    for _ in range(args.repeats):
        ours.append(run("-m", "annotator", "--help")[0])
        base.append(run("-c", "pass")[0])
    table.add("`annotator --help`", ours, base, "floor: python -c pass")
    for path in (out_ours, out_floor):
        path.unlink(missing_ok=True)


def _same(a: Path, b: Path) -> None:
    if not filecmp.cmp(a, b, shallow=False):
        raise SystemExit(f"the export differs from the floor's: {a} {b}")


if __name__ == "__main__":
    main()
