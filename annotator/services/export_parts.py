"""A large export written in parts, one process a part, so that it uses every core.

The export's time is Python's, per span (rows made into objects, objects into JSON), and one
process has one core. So a corpus of `PARALLEL_FROM` documents or more, to a format whose
documents do not depend on each other (`Writer.PARTS`), is written by this process and worker
processes (`python -m annotator.services.export_parts`) together, and the bytes are those of
one process writing it all:

1. This process starts the workers and begins writing from the first document, straight into
   the export. Each worker, once started (a tenth of a second), begins its read transaction
   and says `ready`.
2. Then the documents this process has not written are shared out in equal runs, by document
   id: this process keeps writing the first run; each worker writes one of the others into a
   temporary file beside the export, which is appended when its turn comes.

All of them read one and the same database: SQLite's write lock is held until every worker's
read transaction has begun (`Database.commits_held`), so no commit can fall between them.
When the lock cannot be had within half a second (another program is writing, the file is
read-only), the export runs in this process alone; a worker that has not begun within
`READY_WITHIN` seconds is stopped and gets no run, and this process writes the run of a worker
that stops without finishing (killed).

A worker takes its job as a JSON line on stdin, says `ready`, then takes its run ("first
last", by document id) as a second line, or an empty one: nothing to do. It reports `+N` as
documents are written, then `done` with its tally and writer's notes as JSON, or `error` with
the one line to show. It stops if this process goes away (killed); its file is then removed
by the next export to the same target, as any killed export's.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.core.errors import AnnotatorError
from annotator.formats.base import Clitics, ExportOptions, Nested, Tally, Writer
from annotator.store import plain_queries
from annotator.store.snapshot import Rows

PARALLEL_FROM = 5000  # documents; below, a worker's start (0.1 s) costs about what it saves
PROCESSES = min(
    len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4
)  # this one included: one a core this process may run on, up to four
READY_WITHIN = 1.0  # seconds commits are held at most for the workers to begin reading (a third of
# the window's wait for a write: services/corpora.py)
SMALLEST_RUN = 200  # documents: when fewer are left for each, this process writes them all
LAST_ID = 2**63 - 1
TICK = 500  # documents between a worker's reports


@dataclasses.dataclass(frozen=True)
class Job:
    """What a worker writes (its run of document ids comes later): the corpus's documents,
    through the export's format, filters and options, into the file `part`."""

    database: str
    busy_timeout: float
    corpus_id: int
    format: str
    filters: dict[str, Any]  # Filters' fields: lists of names, and flags
    options: dict[str, Any]
    part: str
    parent: int


class Worker:
    """A worker process and what it has reported; its stdout is read on a thread of its own."""

    def __init__(self, job: Job) -> None:
        self.part = Path(job.part)
        self.ids: tuple[int, int] | None = None  # its run
        self.done = 0  # documents written, as last reported
        self.began = False  # its snapshot has begun
        self.result: dict[str, Any] | None = None
        self.error: str | None = None
        self.heard = threading.Event()  # it began, or ended without beginning
        self.ended = threading.Event()  # it reported its result, or its error, or ended
        self.process = subprocess.Popen(
            [sys.executable, "-m", "annotator.services.export_parts"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
        )
        self._tell(orjson.dumps(dataclasses.asdict(job)) + b"\n")
        self.reader = threading.Thread(target=self._read, name="export worker's reports", daemon=True)
        self.reader.start()

    def _tell(self, line: bytes, *, last: bool = False) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(line)
            stdin.flush()
            if last:
                stdin.close()
        except OSError:  # (it has gone: its end is read on its stdout)
            pass

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            word, _, rest = line.rstrip(b"\n").partition(b" ")
            if word == b"ready":
                self.began = True
                self.heard.set()
            elif word.startswith(b"+"):
                self.done += int(word)
            elif word == b"done":
                self.result = orjson.loads(rest)
                self.ended.set()
            elif word == b"error":
                self.error = orjson.loads(rest)
                self.ended.set()
        self.heard.set()
        self.ended.set()

    def assign(self, ids: tuple[int, int]) -> None:
        self.ids = ids
        self._tell(f"{ids[0]} {ids[1]}\n".encode(), last=True)

    def wait(self, tick: Callable[[], None]) -> tuple[Tally, dict[str, Any]] | None:
        """Its run's tally and writer's notes once it has written them, ticking meanwhile; None
        if it stopped before (killed)."""
        while not self.ended.wait(0.2):
            tick()
        if self.error is not None:
            raise AnnotatorError(self.error)
        if self.result is None:
            return None
        tally = Tally(
            self.result["written"],
            {(kind, what): (n, documents) for kind, what, n, documents in self.result["changes"]},
        )
        return tally, self.result["writer"]

    def stop(self) -> None:
        """Ends the process if it still runs, and removes its file."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.reader.join()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()
        self.done = 0
        self.part.unlink(missing_ok=True)


class Parts:
    """This process's share of the export and the workers writing the rest (see the top).

    Started with commits held (`release` lets them go). `settle` is called as this process
    writes; until it has shared the documents out, `quota` (how many this process writes) is
    None: all of them.
    """

    def __init__(
        self,
        rows: Rows,
        release: Callable[[], None] | None,
        *,
        database: Path | None,
        busy_timeout: float,
        corpus_id: int,
        statuses: list[str],
        total: int,
        settings: dict[str, Any],
        output: Path,
        temporary: str,
    ) -> None:
        self.rows, self.corpus_id, self.statuses, self.total = rows, corpus_id, statuses, total
        self.quota: int | None = None
        self.workers: list[Worker] = []
        self.release = release
        self.deadline = time.monotonic() + READY_WITHIN
        if release is None or database is None or PROCESSES < 2 or total < PARALLEL_FROM:
            self._let_go()
            return
        try:
            for _ in range(PROCESSES - 1):
                handle, name = tempfile.mkstemp(
                    dir=output.parent, suffix=".tmp", prefix=f".{output.name}.{temporary}-{os.getpid()}-"
                )
                os.close(handle)
                self.workers.append(
                    Worker(Job(str(database), busy_timeout, corpus_id, part=name, parent=os.getpid(), **settings))
                )
        except OSError:
            self.stop()
            self._let_go()

    @property
    def done(self) -> int:
        """Documents the workers have written."""
        return sum(worker.done for worker in self.workers)

    def settle(self, done: int, *, wait: bool = False) -> None:
        """Once every worker has begun, or it is time (`wait`: until then), let commits go and
        share out the documents after the `done` first ones."""
        if self.release is None:
            return
        if done >= self.total:  # (all written already: nothing to share)
            self.stop()
        elif wait:
            for worker in self.workers:
                worker.heard.wait(max(0.0, self.deadline - time.monotonic()))
        if not all(worker.heard.is_set() for worker in self.workers) and time.monotonic() < self.deadline:
            return
        for worker in self.workers:
            if not worker.began:  # (if it begins now, it may be after a commit)
                worker.stop()
        self.workers = [worker for worker in self.workers if worker.began]
        self._let_go()
        each = (self.total - done) // (len(self.workers) + 1)
        if not self.workers or each < SMALLEST_RUN:
            self.stop()
            return
        self.quota = done + each
        starts = [self._nth(self.quota + k * each) for k in range(len(self.workers))]
        for worker, first, last in zip(self.workers, starts, [s - 1 for s in starts[1:]] + [LAST_ID], strict=True):
            worker.assign((first, last))

    def _nth(self, n: int) -> int:
        return int(next(iter(self.rows(*plain_queries.nth_id(self.corpus_id, self.statuses, n))))[0])

    def _let_go(self) -> None:
        if self.release is not None:
            self.release()
            self.release = None

    def join(
        self,
        handle: IO[bytes],
        writer: Writer,
        tally: Tally,
        done: int,
        write: Callable[[plain_queries.Ids], None],
        tick: Callable[[], None],
    ) -> None:
        """After this process's `done` documents: each worker's run, in order, appended and
        counted in; or written here by `write` when the worker stopped without finishing."""
        self.settle(done, wait=True)
        for worker in self.workers:
            assert worker.ids is not None
            finished = worker.wait(tick)
            if finished is None:
                worker.stop()
                write(worker.ids)
                continue
            part_tally, notes = finished
            at = handle.tell()
            append(handle, worker.part)
            worker.part.unlink(missing_ok=True)
            tally.add(part_tally)
            writer.join(notes, at)

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers = []


def settings(format_id: str, filters: Any, options: ExportOptions) -> dict[str, Any]:
    """The export's settings as a worker takes them (JSON)."""
    return {
        "format": format_id,
        "filters": {k: list(v) if isinstance(v, (list, tuple)) else v for k, v in dataclasses.asdict(filters).items()},
        "options": {"clitics": str(options.clitics), "nested": str(options.nested), "labels": list(options.labels)},
    }


def append(handle: IO[bytes], part: Path) -> None:
    """Copy a worker's file to the end of the export (in the kernel where it can)."""
    handle.flush()
    at = handle.tell()
    with part.open("rb") as source:
        size = os.fstat(source.fileno()).st_size
        try:
            if not hasattr(os, "sendfile"):  # (Windows)
                raise OSError("no sendfile")
            sent = 0
            while sent < size:
                n = os.sendfile(handle.fileno(), source.fileno(), sent, size - sent)
                if n == 0:
                    raise OSError("sendfile wrote nothing")
                sent += n
        except OSError:  # (a file system without it)
            source.seek(0)
            handle.seek(at)
            handle.truncate()
            shutil.copyfileobj(source, handle, 1 << 20)
    handle.seek(0, os.SEEK_END)


def _work(job: Job, say: Callable[[str], None]) -> None:
    from annotator.formats.registry import writer_format
    from annotator.services.exporting import Filters, stored_documents
    from annotator.store.snapshot import sqlite_snapshot

    tally = Tally()
    options = job.options
    writer = writer_format(job.format).writer(  # type: ignore[misc]
        ExportOptions(Clitics(options["clitics"]), Nested(options["nested"]), tuple(options["labels"])), tally
    )
    filters = Filters(**{k: tuple(v) if isinstance(v, list) else v for k, v in job.filters.items()})  # type: ignore[arg-type]
    with sqlite_snapshot(Path(job.database), job.busy_timeout) as rows:
        next(iter(rows(plain_queries.CORPORA, {})), None)  # the snapshot begins at its first read
        say("ready")
        run = sys.stdin.readline().split()
        if not run:
            return
        first, last = map(int, run)
        with open(job.part, "wb") as out:
            done = 0
            for done, doc in enumerate(stored_documents(rows, job.corpus_id, filters, (first, last)), 1):
                out.write(writer.stored(doc))
                if done % TICK == 0:
                    if os.getppid() != job.parent:
                        raise SystemExit("the export's process is gone")
                    say(f"+{TICK}")
            say(f"+{done % TICK}")
    changes = [[kind, what, n, documents] for (kind, what), (n, documents) in tally.changes.items()]
    say("done " + orjson.dumps({"written": tally.written, "changes": changes, "writer": writer.part()}).decode())


def main() -> None:
    """A worker (see the top)."""
    job = Job(**orjson.loads(sys.stdin.readline()))

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    try:
        _work(job, say)
    except AnnotatorError as e:
        say("error " + orjson.dumps(str(e)).decode())
        sys.exit(1)


if __name__ == "__main__":
    main()
