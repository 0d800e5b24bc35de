"""Shared pieces of the reliability suite: worker processes, their logs, and the checks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from annotator.services.corpora import open_database
from annotator.services.importing import import_paths
from tests.conftest import GOLD, other_connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gold_db(db_url: str) -> str:
    """The sample corpus in a database of this test's (SQLite and PostgreSQL), by its URL."""
    url = db_url
    db = open_database(url)
    import_paths(db, [GOLD], annotator="gold")
    db.close()
    return url


def start_worker(*args: object) -> subprocess.Popen[str]:
    """A worker process; returns once it said it is ready (its database open)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.workers", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        raise AssertionError(f"worker did not start: {line}{process.stderr.read() if process.stderr else ''}")
    return process


class Forks:
    """Annotating workers forked by one process that imported everything once (`workers forks`):
    each is ready in milliseconds rather than after a Python start, and is killed like any
    other process, in the middle of its writes."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.workers", "forks"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def start(self, *args: object) -> int:
        """Fork a worker (`annotate` and its arguments, the last its stderr file); returns its
        pid once it is ready (its database open)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(" ".join(map(str, args)) + "\n")
        self.process.stdin.flush()
        pid, ready = None, False
        while pid is None or not ready:  # (the two lines come from two processes, in either order)
            line = self.process.stdout.readline()
            assert line, "the forking process ended"
            if line.startswith("started "):
                pid = int(line.split()[1])
            else:
                assert line.strip() == "ready", line
                ready = True
        return pid

    def kill(self, pid: int) -> None:
        """kill -9 the worker, and wait until it is gone."""
        assert self.process.stdout is not None
        os.kill(pid, signal.SIGKILL)
        line = self.process.stdout.readline()
        assert line.startswith(f"ended {pid} "), line

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0


def replay(*logs: Path) -> dict[int, dict[str, set[object]]]:
    """What the logs say each span must be now: for every field, the values it may have. A
    "done" action is certain; one whose process was killed after "try" may or may not have been
    committed, so both its old and new values are allowed, until a later certain action."""
    spans: dict[int, dict[str, set[object]]] = {}
    pending: dict[int, dict[str, object]] = {}
    for log in logs:
        if not log.exists():
            continue
        for line in log.read_bytes().splitlines():
            entry = orjson.loads(line)
            if entry["phase"] == "try":
                pending[entry["run"]] = entry
                continue
            pending.pop(entry["run"], None)
            _apply(spans, entry, certain=True)
    for entry in pending.values():  # the actions the kills cut short
        if "id" in entry:
            _apply(spans, entry, certain=False)
    return spans


def _apply(spans: dict[int, dict[str, set[object]]], entry: dict[str, object], *, certain: bool) -> None:
    op = entry["op"]
    span = spans.setdefault(entry["id"], {})  # type: ignore[arg-type]
    if op == "add":  # the first values: a later change (maybe from a log replayed earlier) stays
        for field, value in (("exists", True), ("label", entry["label"]), ("note", None), ("text", entry["text"])):
            span.setdefault(field, {value})
        return
    field, value = ("exists", False) if op == "delete" else (op, entry[op])
    if certain:
        span[field] = {value}
    elif field in span:  # else the value before it is unknown (made by an add the kill cut short)
        span[field] = span[field] | {value}


def check_database(url: str, expected: dict[int, dict[str, set[object]]]) -> dict[str, int]:
    """Integrity, every saved action present, every span on the letters it was made on."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as c:
            assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert c.execute("PRAGMA foreign_key_check").fetchall() == []  # (PostgreSQL checks them on commit)
    with other_connection(url) as c:
        texts = dict(c.execute("SELECT id, text FROM documents"))
        rows = {r[0]: r for r in c.execute('SELECT id, document_id, start, "end", label, note FROM spans')}
    lost = 0
    for span_id, want in expected.items():
        row = rows.get(span_id)
        actual = {"exists": row is not None}
        if row is not None:
            actual |= {"label": row[4], "note": row[5], "text": texts[row[1]][row[2] : row[3]]}
        for field, allowed in want.items():
            if field in actual and actual[field] not in allowed:
                lost += 1
                print(f"span {span_id}: {field} is {actual[field]!r}, the log allows {allowed!r}")
                break
    misplaced = sum(1 for _, doc, start, end, *_ in rows.values() if not 0 <= start < end <= len(texts[doc]))
    return {"lost": lost, "misplaced": misplaced, "checked": len(expected)}
