"""Processes the reliability tests start, kill and run side by side.

    python -m tests.reliability.workers annotate DB_URL LOG SEED SECONDS
    python -m tests.reliability.workers share DB_URL LOG SEED SECONDS INDEX COUNT
    python -m tests.reliability.workers export DB_URL OUT SECONDS
    python -m tests.reliability.workers forks

`forks` imports everything once, then for each line "annotate DB_URL LOG SEED SECONDS STDERR"
on its stdin forks a worker (ready in milliseconds instead of a Python start's 0.4 s), says
"started PID", waits for it and says "ended PID STATUS". The worker is a process of its own,
killed as any other; it opens the database itself (the forking process never does).

They annotate through the same service calls the window makes (`Workspace`, `DocumentEditor`).
Before each action a "try" line goes to LOG, and after the database committed it a "done"
line, each with one unbuffered write: a "done" line is an action the process reported as saved.
A kill between the commit and the "done" line leaves that one action undecided. A refusal (busy, changed
meanwhile) is one line on stderr starting with "refused:"; anything else would be a traceback.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from pathlib import Path

import orjson

from annotator.core.errors import AnnotatorError
from annotator.services.corpora import open_corpus, open_database
from annotator.services.exporting import export_corpus
from annotator.services.workspace import Workspace

LABELS = ("PER", "ORG", "GPE", "LOC", "FAC")
WORD = re.compile(r"\w+")


RUN = os.getpid()  # (a forked worker sets its own)


def _log(fd: int, phase: str, **entry: object) -> None:
    os.write(fd, orjson.dumps({"run": RUN, "phase": phase, **entry}) + b"\n")


def _start(url: str, annotator: str, log_path: str) -> tuple[Workspace, list[int], int]:
    """The window's workspace on the database, its documents, and the log; then says "ready"."""
    db = open_database(url, interactive=True)
    workspace = Workspace(db, corpus=open_corpus(db), annotator=annotator)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    print("ready", flush=True)
    listing = workspace.listing()
    return workspace, [listing.row(i).id for i in range(listing.count())], log


def annotate(url: str, log_path: str, seed: int, seconds: float) -> None:
    """Add, relabel, annotate with notes and delete spans of its own, at random, until killed."""
    rng = random.Random(seed)
    workspace, documents, log = _start(url, f"worker{seed % 7}", log_path)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        editor = workspace.open(rng.choice(documents))
        mine = [
            s
            for s in editor.spans.values()
            if s.annotator == workspace.annotator and not any(e.trigger_id == s.id for e in editor.events.values())
        ]
        action = rng.random()
        try:
            if action < 0.55 or not mine:
                words = list(WORD.finditer(editor.text))
                word = rng.choice(words)
                label = rng.choice(LABELS)
                _log(log, "try", op="add")
                change = editor.add_span(word.start(), word.end(), label)
                [span] = [s for s in change.spans.values() if s is not None]
                _log(
                    log,
                    "done",
                    op="add",
                    id=span.id,
                    doc=editor.id,
                    start=span.start,
                    end=span.end,
                    label=label,
                    text=editor.text[span.start : span.end],
                )
            elif action < 0.75:
                span = rng.choice(mine)
                label = rng.choice(LABELS)
                _log(log, "try", op="label", id=span.id, label=label)
                editor.update_span(span.id, label=label)
                _log(log, "done", op="label", id=span.id, label=label)
            elif action < 0.9:
                span = rng.choice(mine)
                note = f"note {rng.randrange(10**6)}"
                _log(log, "try", op="note", id=span.id, note=note)
                editor.update_span(span.id, note=note)
                _log(log, "done", op="note", id=span.id, note=note)
            else:
                span = rng.choice(mine)
                _log(log, "try", op="delete", id=span.id)
                editor.delete_span(span.id, cascade=True)
                _log(log, "done", op="delete", id=span.id)
        except AnnotatorError as e:
            print(f"refused: {e}", file=sys.stderr, flush=True)


def share(url: str, log_path: str, seed: int, seconds: float, index: int, count: int) -> None:
    """Many processes on the same spans: span id % count == index is relabelled by this process,
    == index + 1 gets notes from it. Each field has one writer, so nothing may be lost."""
    rng = random.Random(seed)
    workspace, documents, log = _start(url, f"share{index}", log_path)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        editor = workspace.open(rng.choice(documents))
        triggers = {e.trigger_id for e in editor.events.values()}
        spans = [s for s in editor.spans.values() if s.id not in triggers and s.annotator != workspace.annotator]
        if not spans:
            continue
        span = rng.choice(spans)
        started = time.perf_counter()

        def ms() -> float:  # the action's time, from the click to its commit (benchmarks/team_bench.py)
            return round((time.perf_counter() - started) * 1000, 3)

        try:
            if span.id % count == index:
                label = rng.choice(LABELS)
                editor.update_span(span.id, label=label, subtype=None)  # as the window relabels
                _log(log, "done", op="label", id=span.id, label=label, ms=ms())
            elif span.id % count == (index + 1) % count:
                note = f"{index}:{rng.randrange(10**6)}"
                editor.update_span(span.id, note=note)
                _log(log, "done", op="note", id=span.id, note=note, ms=ms())
            else:
                words = list(WORD.finditer(editor.text))
                word = rng.choice(words)
                change = editor.add_span(word.start(), word.end(), rng.choice(LABELS))
                [new] = [s for s in change.spans.values() if s is not None]
                _log(
                    log,
                    "done",
                    op="add",
                    id=new.id,
                    doc=editor.id,
                    start=new.start,
                    end=new.end,
                    label=new.label,
                    text=editor.text[new.start : new.end],
                    ms=ms(),
                )
        except AnnotatorError as e:
            print(f"refused: {e}", file=sys.stderr, flush=True)


def export(url: str, out: str, seconds: float) -> None:
    """Export again and again while others write; each file must read back whole."""
    db = open_database(url)
    print("ready", flush=True)
    deadline = time.monotonic() + seconds
    done = 0
    while time.monotonic() < deadline or not done:
        try:
            export_corpus(db, Path(out))
            for line in Path(out).read_bytes().splitlines():
                doc = orjson.loads(line)
                for s in doc["spans"]:
                    assert doc["text"][s["start"] : s["end"]] == s["text"], s
            done += 1
        except AnnotatorError as e:
            print(f"refused: {e}", file=sys.stderr, flush=True)
    print(f"exports {done}", flush=True)


def forks() -> None:
    """Fork an annotating worker for each request on stdin (see the module's docstring)."""
    global RUN
    import psycopg  # noqa: F401

    import annotator.store.annotations
    import annotator.store.document_pages  # noqa: F401

    for line in sys.stdin:
        kind, url, log_path, seed, seconds, stderr = line.split()
        assert kind == "annotate"
        pid = os.fork()
        if pid == 0:  # the worker
            RUN = os.getpid()
            os.dup2(os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644), 2)
            try:
                annotate(url, log_path, int(seed), float(seconds))
            finally:
                os._exit(0)
        print(f"started {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"ended {pid} {status}", flush=True)


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "forks":
        forks()
    elif kind == "annotate":
        annotate(args[0], args[1], int(args[2]), float(args[3]))
    elif kind == "share":
        share(args[0], args[1], int(args[2]), float(args[3]), int(args[4]), int(args[5]))
    else:
        export(args[0], args[1], float(args[2]))
