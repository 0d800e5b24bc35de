"""Exporting a corpus: documents streamed from the database, checked, and written atomically.

Documents and their annotations are read as parallel streams ordered by document and merged,
so memory does not grow with the corpus. Span, event and relation ids (T1, E1, R1) follow from
the content alone, so export, import into an empty database, and export again give the same
bytes.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    DEFAULT_CORPUS,
    Status,
    StoredDocument,
    StoredSpan,
    json_text,
)
from annotator.core.progress import Clock, Progress
from annotator.formats.base import ExportOptions, Nested, Tally, Writer
from annotator.formats.registry import display, writer_format
from annotator.services import export_parts
from annotator.services.corpora import find_corpus
from annotator.store import plain_queries
from annotator.store.database import Database
from annotator.store.snapshot import Rows


@dataclass(frozen=True)
class Filters:
    """Which documents and annotations an export takes. `annotators` names the layers to take;
    without them a document's gold layer, when it has one, else every layer (`gold_first`
    False: every layer always)."""

    statuses: Sequence[str] = ()
    annotators: Sequence[str] = ()
    labels: Sequence[str] = ()
    gold_first: bool = True


@dataclass(frozen=True)
class ExportReport:
    path: Path
    format: str
    written: dict[str, int]  # by kind, a plural noun: documents, spans, events, relations, sentences, tokens...
    changes: list[str]  # what the format could not carry, or carried changed, by kind and reason
    side_files: tuple[Path, ...] = ()

    @property
    def documents(self) -> int:
        return self.written.get("documents", 0)

    def counts(self) -> str:
        """What was written besides documents: "5 spans, 1 relation"."""
        return ", ".join(
            f"{n} {kind[:-1] if n == 1 else kind}" for kind, n in self.written.items() if kind != "documents"
        )

    def lines(self) -> list[str]:
        """The report as a person reads it: what was written, then every change, one a line."""
        written = self.counts()
        head = f"exported {self.documents} document{'' if self.documents == 1 else 's'}" + (
            f" ({written})" if written else ""
        )
        return [head, *self.changes]


def export_corpus(
    db: Database,
    output: Path,
    *,
    format: str = "jsonl",
    corpus: str = DEFAULT_CORPUS,
    filters: Filters = Filters(),
    options: ExportOptions = ExportOptions(),
    progress: Progress | None = None,
    replace_read_only: bool = False,
) -> ExportReport:
    """Write the corpus to `output` through a temporary file renamed at the end.

    Refused before anything is written: the database itself (or its -wal/-shm/-journal) as the
    target, a symbolic link, anything but a regular file, and, unless `replace_read_only`, a file
    the user made read-only; options the format cannot take. Temporary files of earlier exports
    to the same target whose process is gone (killed) are removed first. Files beside the
    output (a label list) are written the same way, after it.
    """
    chosen = writer_format(format)
    assert chosen.writer is not None
    if options.nested is Nested.LAYERS and not chosen.layers:
        raise AnnotatorError(f"{chosen.name} has one label a token: --nested layers is for CoNLL (use outer or inner)")
    unknown = [s for s in filters.statuses if s not in Status._value2member_map_]
    if unknown:
        raise AnnotatorError(f"unknown status {unknown[0]!r} (use {', '.join(Status)})")
    target = find_corpus(db, corpus)
    options = replace(options, labels=tuple(t.name for t in target.schema.entity_types))
    output = output.expanduser()
    tally = Tally()
    writer = chosen.writer(options, tally)
    sides = [output.with_name(output.stem + suffix) for suffix in writer.SIDE_SUFFIXES]
    for target_path in (output, *sides):  # all refused before anything is written
        _check_target(db, target_path, replace_read_only)
    with _commits_held(db, writer, target.id, filters) as release, db.snapshot() as rows:
        ((total,),) = rows(*plain_queries.count(target.id, filters.statuses))
        parts = export_parts.Parts(
            rows,
            release,
            database=db.path,
            busy_timeout=db.busy_timeout,
            corpus_id=target.id,
            statuses=list(filters.statuses),
            total=total,
            settings=export_parts.settings(chosen.id, filters, options),
            output=output,
            temporary=TEMPORARY,
        )
        clock = Clock(progress)
        done = 0

        def tick() -> None:
            clock.tick(done + parts.done, total or 0, done + parts.done)

        def write(handle: IO[bytes]) -> None:
            def documents(ids: plain_queries.Ids) -> None:
                nonlocal done
                for doc in stored_documents(rows, target.id, filters, ids, postgresql=not db.is_sqlite):
                    if ids is None and parts.quota is not None and done >= parts.quota:
                        break  # (the rest is the workers')
                    handle.write(writer.stored(doc))
                    done += 1
                    if done % 50 == 0:
                        parts.settle(done)
                        if done % 200 == 0:
                            tick()

            documents(None)
            if parts.workers:  # to disk while they finish, rather than after
                handle.flush()
                getattr(os, "fdatasync", os.fsync)(handle.fileno())  # (macOS has no fdatasync)
            parts.join(handle, writer, tally, done, documents, tick)
            for chunk in writer.finish():
                handle.write(chunk)
            tick()

        try:
            _write_atomically(output, write)
        finally:
            parts.stop()
    for side, content in zip(sides, writer.side_files().values(), strict=True):
        _write_atomically(side, lambda handle: handle.write(content))
    written = {"documents": tally.written.pop("documents", 0), **tally.written}
    return ExportReport(output, chosen.id, written, tally.lines(), tuple(sides))


def _commits_held(
    db: Database, writer: Writer, corpus_id: int, filters: Filters
) -> AbstractContextManager[Callable[[], None] | None]:
    """Commits held back while the export's parts begin reading, when it will be written in
    parts (services/export_parts.py): a corpus that large, in a format that can be."""
    if not writer.PARTS or export_parts.PROCESSES < 2 or db.path is None:
        return nullcontext(None)
    with db.snapshot() as rows:
        ((total,),) = rows(*plain_queries.count(corpus_id, filters.statuses))
    return db.commits_held(HOLD_WAIT) if total >= export_parts.PARALLEL_FROM else nullcontext(None)


HOLD_WAIT = 0.5  # seconds an export waits for another program's write before it runs in one process


def _write_atomically(output: Path, write: Callable[[IO[bytes]], object]) -> None:
    _remove_stale_temporaries(output)
    handle = tempfile.NamedTemporaryFile(
        "wb", dir=output.parent, prefix=f".{output.name}.{TEMPORARY}-{os.getpid()}-", suffix=".tmp", delete=False
    )
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        # A temporary file is private (0600); the export gets the old file's mode, or 0644.
        os.chmod(handle.name, output.stat().st_mode & 0o777 if output.exists() else 0o644)
        os.replace(handle.name, output)
        _sync_folder(output.parent)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


TEMPORARY = "annotator-export"  # in the names of temporary files: `.train.jsonl.annotator-export-<pid>-<random>.tmp`


def _check_target(db: Database, output: Path, replace_read_only: bool) -> None:
    where = display(output)
    if db.owns(output):
        raise AnnotatorError(f"{where} is the database itself (or one of its files); choose another file")
    if output.is_symlink():
        raise AnnotatorError(f"{where} is a symbolic link; give the file it points to, or another name")
    if output.is_dir():
        raise AnnotatorError(f"{where} is a folder; give a file name")
    if output.exists() and not output.is_file():
        raise AnnotatorError(f"{where} is not a regular file (a device or a pipe?); give a file name")
    if not output.parent.is_dir():
        raise AnnotatorError(f"{display(output.parent)}: no such folder")
    if output.exists() and not replace_read_only and not output.stat().st_mode & 0o222:  # (root may write anyway)
        raise ReadOnlyTarget(f"{where} is read-only; nothing was written (pass --replace-read-only to replace it)")


class ReadOnlyTarget(AnnotatorError):
    """The export would replace a file the user made read-only."""


def _remove_stale_temporaries(output: Path) -> None:
    """Temporary files of exports to this target that were killed (their process is gone)."""
    for path in output.parent.glob(f".{glob.escape(output.name)}.{TEMPORARY}-*.tmp"):
        pid = path.name.removeprefix(f".{output.name}.{TEMPORARY}-").split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where folders cannot be opened, skip it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stored_documents(
    rows: Rows, corpus_id: int, filters: Filters = Filters(), ids: plain_queries.Ids = None, *, postgresql: bool = False
) -> Iterator[StoredDocument]:
    """Documents (those with `ids` in this range, if given) with their annotations, one at a
    time, ids assigned by content order; `rows` runs the statements, in one snapshot
    (`Database.snapshot`), on SQLite unless `postgresql`."""
    statuses = tuple(filters.statuses)
    names: dict[int, str] = dict(rows(plain_queries.ANNOTATORS, {}))
    labels = set(filters.labels)
    gold = (
        {name for (name,) in rows(plain_queries.GOLD_LAYERS, {})}
        if filters.gold_first and not filters.annotators
        else set()
    )
    streams = {
        name: groupby(rows(*query), key=itemgetter(0))
        for name, query in (
            ("spans", plain_queries.spans(corpus_id, statuses, ids, postgresql=postgresql)),
            ("events", plain_queries.events(corpus_id, statuses, ids)),
            ("arguments", plain_queries.arguments(corpus_id, statuses, ids)),
            ("relations", plain_queries.relations(corpus_id, statuses, ids)),
        )
    }
    pending: dict[str, Any] = {}

    def rows_for(name: str, document_id: int) -> list[Any]:
        """This document's rows of a stream grouped by ascending document id."""
        while True:
            if name not in pending:
                pending[name] = next(streams[name], None)
            group = pending[name]
            if group is None or group[0] > document_id:
                return []
            del pending[name]
            if group[0] == document_id:
                return list(group[1])

    for doc_id, uid, text, title, source, section, published, url, status, extra, checksum in rows(
        *plain_queries.documents(corpus_id, statuses, ids)
    ):
        packed = rows_for("spans", doc_id)
        span_rows: list[list[Any]] = orjson.loads(packed[0][1]) if packed else []
        annotators = set(filters.annotators) or (gold if gold and any(s[4] in gold for s in span_rows) else None)
        if annotators or labels:
            span_rows = [
                s for s in span_rows if (not annotators or s[4] in annotators) and (not labels or s[2] in labels)
            ]
        span_rows.sort()
        length = len(text)
        if span_rows and (span_rows[0][0] < 0 or max(map(_END, span_rows)) > length):  # (end > start: a CHECK)
            s = next(s for s in span_rows if not 0 <= s[0] < s[1] <= length)
            raise AnnotatorError(
                f"document {uid!r}: span [{s[0]}, {s[1]}) lies outside its text "
                f"(length {length}); refusing to export it"
            )
        order = {s[6]: i for i, s in enumerate(span_rows, 1)}  # span id -> its number (T1, T2...)
        spans: list[StoredSpan] = [
            {
                "id": key,
                "start": start,
                "end": end,
                "label": label,
                "text": text[start:end],
                "subtype": subtype,
                "attributes": attributes if attributes == "{}" else json_text(attributes),
                "annotator": who,
                "note": note or "",
            }
            for key, (start, end, label, subtype, who, attributes, _, note) in zip(
                _span_keys(len(span_rows)), span_rows
            )
        ]
        args: dict[int, list[tuple[int, str]]] = {}
        for _, event_id, role, span_id in rows_for("arguments", doc_id):
            if span_id in order:
                args.setdefault(event_id, []).append((order[span_id], role))
        events = sorted(
            (
                (order[e[3]], e[2], names[e[5]], sorted(args.get(e[1], ())), e[4])
                for e in rows_for("events", doc_id)
                if e[3] in order and (not annotators or names[e[5]] in annotators)
            ),
            key=lambda e: (e[0], e[1], e[2], [(role, at) for at, role in e[3]]),
        )
        relations = sorted(
            (
                (order[r[3]], order[r[4]], r[2], names[r[6]], r[5])
                for r in rows_for("relations", doc_id)
                if r[3] in order and r[4] in order and (not annotators or names[r[6]] in annotators)
            ),
            key=lambda r: r[:4],
        )
        yield StoredDocument(
            uid,
            text,
            title,
            source,
            section,
            published,
            url,
            status,
            json_text(extra, sort=False),
            checksum,
            spans,
            [
                {
                    "id": f"E{i}",
                    "type": type_,
                    "trigger": f"T{trigger}",
                    "arguments": [{"role": role, "span": f"T{at}"} for at, role in arguments],
                    "attributes": json_text(attributes),
                    "annotator": who,
                }
                for i, (trigger, type_, who, arguments, attributes) in enumerate(events, 1)
            ],
            [
                {
                    "id": f"R{i}",
                    "type": type_,
                    "head": f"T{head}",
                    "tail": f"T{tail}",
                    "attributes": json_text(attributes),
                    "annotator": who,
                }
                for i, (head, tail, type_, who, attributes) in enumerate(relations, 1)
            ],
        )


_END = itemgetter(1)  # of a span's list
_SPAN_KEYS = [f"T{i}" for i in range(1, 1001)]


def _span_keys(n: int) -> list[str]:
    """T1, T2... Tn (made once: 80 ns a span, a tenth of the time spent on it)."""
    return _SPAN_KEYS if n <= len(_SPAN_KEYS) else [f"T{i}" for i in range(1, n + 1)]
