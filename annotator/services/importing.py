"""Importing files: read, validate and write a batch at a time (store/imports.py), all in one
transaction.

A run imports whole or not at all: any bad file or line stops the writing (the rest is still
read, to report every problem) and rolls the transaction back, unless `skip_invalid` asks to
import what is valid and report the rest. Because the write is a single transaction, a process
killed half-way leaves the database as it was. Files are read line by line and written BATCH
documents at a time, so memory stays flat from ten thousand articles to a million.

A document that is already there with the same text is merged: annotations it lacks are
added, identical ones are kept once, one that differs from the stored one only in subtype,
attributes or note is a conflict (named in the report; the stored one is kept), and the status
moves forward (new → in progress → done → reviewed), never back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import TypeVar

from annotator.core.errors import AnnotatorError, InputError, Problem
from annotator.core.model import DEFAULT_CORPUS, DocumentRecord
from annotator.core.progress import Bounded, Clock, Progress
from annotator.core.reports import ImportReport
from annotator.core.resources import SAMPLE_CORPUS
from annotator.core.text import sha256
from annotator.core.validation import validate_document
from annotator.formats.base import ReadOptions
from annotator.formats.registry import find_files, open_source, read_file
from annotator.services.corpora import CorpusInfo, annotator_for, plan_corpus
from annotator.store.database import Database
from annotator.store.imports import ImportWriter, any_document

T = TypeVar("T")
BATCH = 1000  # documents validated and written at a time (about 4 MB of news text)


def import_paths(
    db: Database,
    paths: Sequence[Path],
    *,
    corpus: str = DEFAULT_CORPUS,
    schema: str | None = None,
    encoding: str = "utf-8",
    clean: bool = False,
    skip_invalid: bool = False,
    annotator: str | None = None,
    layer: str | None = None,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Annotations go to the layer their file names (its annotator field), else `annotator`'s
    (default: the user's); `layer` puts every one into that layer whatever the file says (`gold`
    for a gold standard). `mapping` renames span labels (OLD → NEW) as they are read; OLD → ""
    leaves those spans out. `progress` is told the bytes read of all files and the documents read."""
    target = plan_corpus(db, name=corpus, schema=schema)
    files, passed_over = find_files(list(paths), refuse=db.owns)
    if not files:
        raise InputError(passed_over or [Problem(", ".join(map(str, paths)), "nothing to import")])
    report = ImportReport()
    report.skipped.extend(passed_over)
    options = ReadOptions(
        encoding=encoding,
        clean=clean,
        annotator=annotator or annotator_for(db),
        labels=frozenset(target.schema.span_labels()),
        mapping=dict(mapping or {}),
    )
    refused: Bounded[Problem] = Bounded()
    with gc_paused(), db.write() as session:
        writer = ImportWriter(
            session,
            corpus_id=target.id,
            corpus=target.name,
            schema=target.schema.name,
            schema_json=target.schema.source or {},
            report=report,
            who=options.annotator,
        )
        for batch in batched(
            read_records(files, target, options, report=report, refused=refused, progress=progress, layer=layer), BATCH
        ):
            if refused and not skip_invalid:
                continue  # nothing more is written; the rest is read to report every problem
            new, conflicts = writer.sort_out(batch)
            refused.extend(conflicts)
            if conflicts and not skip_invalid:
                continue
            writer.insert(new)
            gc.collect(0)
        if refused and not skip_invalid:
            raise InputError([*refused, *([Problem("…", f"and {refused.more} more problems")] if refused.more else [])])
        report.skipped.extend(refused)
        writer.finish()
    return report


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """`--map` pairs ("PERS=PER", "MISC=") as a label mapping; a pair without "=" is an error."""
    mapping = {}
    for pair in pairs:
        old, equals, new = pair.partition("=")
        if not equals or not old.strip():
            raise AnnotatorError(f"{pair!r}: give OLD=NEW (or OLD= to leave OLD out)")
        mapping[old.strip()] = new.strip()
    return mapping


@contextmanager
def gc_paused() -> Iterator[None]:
    """Reading a corpus makes millions of small objects and no cycles; the cyclic collector
    would rescan the growing heap again and again (more than doubling the read time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_sample_corpus_if_empty(db: Database, *, corpus: str = DEFAULT_CORPUS) -> ImportReport | None:
    """On a database without documents (a first start), import sample_corpus/."""
    with db.read() as session:
        if any_document(session):
            return None
    return import_paths(db, [SAMPLE_CORPUS], corpus=corpus)


def read_records(
    files: list[Path],
    corpus: CorpusInfo,
    options: ReadOptions,
    *,
    report: ImportReport,
    refused: Bounded[Problem],
    progress: Progress | None,
    layer: str | None = None,
) -> Iterator[tuple[str, DocumentRecord]]:
    """Every valid record of the files, as they are read; a problem in `refused` for each invalid
    one. A document id seen twice in one batch is named with both places here; across batches
    the database finds it (`ImportWriter.sort_out`)."""
    clock = Clock(progress)
    total = sum(_size(path) for path in files)
    before = documents = 0
    batch_seen: dict[str, str] = {}
    for path in files:
        source = open_source(path)
        if isinstance(source, Problem):
            refused.append(source)
            continue
        for where, item in read_file(source, options):
            if isinstance(item, Problem):
                refused.append(item)
                continue
            errors, warnings = validate_document(item, corpus.schema)
            if item.id in batch_seen:
                errors.insert(0, f"document id {item.id!r} also at {batch_seen[item.id]}")
            if errors:
                refused.append(Problem(where, "; ".join(errors)))
                continue
            if len(batch_seen) >= BATCH:
                batch_seen.clear()
            batch_seen[item.id] = where
            item.sha256 = sha256(item.text)
            if layer:
                for span in item.spans:
                    span.annotator = layer
                item.events = [replace(e, annotator=layer) for e in item.events]
                item.relations = [replace(r, annotator=layer) for r in item.relations]
            report.warnings.extend(Problem(where, w) for w in warnings)
            documents += 1
            if documents % 200 == 0:
                clock.tick(before + source.done, total, documents)
            yield where, item
        before += source.done
    clock.tick(total, total, documents)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
