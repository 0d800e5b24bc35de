"""Importing files: read and validate everything first, then write it in one transaction.

A run imports whole or not at all: any bad file or line stops it before anything is written,
unless `skip_invalid` asks to import what is valid and report the rest. Because the write is a
single transaction, a process killed half-way leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from annotator.core.errors import InputError, Problem
from annotator.core.model import DocumentRecord
from annotator.core.text import sha256
from annotator.core.validation import validate_document
from annotator.formats.registry import find_files, read_file
from annotator.services.corpora import DEFAULT_CORPUS, CorpusInfo, current_user, open_corpus
from annotator.store import queries
from annotator.store.database import Database
from annotator.store.models import Document, Event, EventArgument, Relation, Span

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # same id, new text, no annotations yet
    unchanged: list[str] = field(default_factory=list)  # same id and text: nothing to do
    spans: int = 0
    events: int = 0
    relations: int = 0
    skipped: list[Problem] = field(default_factory=list)  # with skip_invalid
    warnings: list[Problem] = field(default_factory=list)


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
    progress: Progress | None = None,
) -> ImportReport:
    target = open_corpus(db, name=corpus, schema=schema)
    files = find_files(list(paths))
    report = ImportReport()
    records, problems = read_records(files, target, encoding=encoding, clean=clean,
                                     annotator=annotator or current_user(), report=report, progress=progress)
    if problems and not skip_invalid:
        raise InputError(problems)
    report.skipped += problems
    with db.write() as session:
        conflicts = _sort_out_existing(session, target.id, records, report)
        if conflicts and not skip_invalid:
            raise InputError(conflicts)
        report.skipped += conflicts
        new = [r for r in records if r.id in report.added or r.id in report.updated]
        _insert(session, target.id, new, report)
    return report


def read_records(files: list[Path], corpus: CorpusInfo, *, encoding: str, clean: bool, annotator: str,
                 report: ImportReport, progress: Progress | None) -> tuple[list[DocumentRecord], list[Problem]]:
    """Every valid record of the files, and a problem for each invalid one."""
    records: list[DocumentRecord] = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for done, path in enumerate(files, 1):
        for where, item in read_file(path, encoding=encoding, clean=clean, annotator=annotator):
            if isinstance(item, Problem):
                problems.append(item)
                continue
            errors, warnings = validate_document(item, corpus.schema)
            if item.id in first_seen:
                errors.insert(0, f"document id {item.id!r} also at {first_seen[item.id]}")
            if errors:
                problems.append(Problem(where, "; ".join(errors)))
                continue
            first_seen[item.id] = where
            report.warnings += [Problem(where, w) for w in warnings]
            records.append(item)
        if progress:
            progress(done, len(files))
    return records, problems


def _sort_out_existing(session: Session, corpus_id: int, records: list[DocumentRecord],
                       report: ImportReport) -> list[Problem]:
    """File each record as added, updated or unchanged; conflicts come back as problems."""
    existing = queries.documents_by_uid(session, corpus_id, [r.id for r in records])
    with_annotations = queries.annotated(session, [d.id for d in existing.values()])
    conflicts = []
    for record in records:
        document = existing.get(record.id)
        if document is None:
            report.added.append(record.id)
        elif document.sha256 == sha256(record.text):
            report.unchanged.append(record.id)
        elif document.id in with_annotations:
            conflicts.append(Problem(record.id, "a document with this id and a different text already has "
                                     "annotations; refusing to replace its text (import it under another id)"))
        else:
            session.delete(document)
            report.updated.append(record.id)
    session.flush()
    return conflicts


def _insert(session: Session, corpus_id: int, records: list[DocumentRecord], report: ImportReport) -> None:
    """Bulk inserts: documents, then spans, events, arguments and relations with their new ids."""
    if not records:
        return
    names = {a.annotator for r in records for a in (*r.spans, *r.events, *r.relations) if a.annotator}
    who = queries.annotator_ids(session, names)
    document_ids = session.scalars(
        insert(Document).returning(Document.id, sort_by_parameter_order=True),
        [{"corpus_id": corpus_id, "uid": r.id, "title": r.title, "text": r.text, "sha256": sha256(r.text),
          "source": r.source, "section": r.section, "published": r.published, "url": r.url,
          "extra": r.metadata, "raw_text": r.raw_text, "status": r.status.value} for r in records],
    ).all()
    span_rows = [{"document_id": doc_id, "start": s.start, "end": s.end, "label": s.label, "subtype": s.subtype,
                  "attributes": s.attributes, "annotator_id": who[s.annotator or ""]}
                 for doc_id, r in zip(document_ids, records) for s in r.spans]
    linked = [r for r in records if r.events or r.relations]
    if not linked:
        if span_rows:
            session.execute(insert(Span), span_rows)
        report.spans += len(span_rows)
        return
    span_ids = session.scalars(insert(Span).returning(Span.id, sort_by_parameter_order=True), span_rows).all()
    ids = iter(span_ids)
    event_rows, event_args, relation_rows = [], [], []
    for doc_id, record in zip(document_ids, records):
        key_to_id = {s.key: next(ids) for s in record.spans}
        for e in record.events:
            event_rows.append({"document_id": doc_id, "type": e.type, "trigger_id": key_to_id[e.trigger],
                               "attributes": e.attributes, "annotator_id": who[e.annotator or ""]})
            event_args.append([(a.role, key_to_id[a.span]) for a in e.arguments])
        relation_rows += [{"document_id": doc_id, "type": r.type, "head_id": key_to_id[r.head],
                           "tail_id": key_to_id[r.tail], "attributes": r.attributes,
                           "annotator_id": who[r.annotator or ""]} for r in record.relations]
    if event_rows:
        event_ids = session.scalars(insert(Event).returning(Event.id, sort_by_parameter_order=True), event_rows).all()
        argument_rows = [{"event_id": event_id, "role": role, "span_id": span_id}
                         for event_id, args in zip(event_ids, event_args) for role, span_id in args]
        if argument_rows:
            session.execute(insert(EventArgument), argument_rows)
    if relation_rows:
        session.execute(insert(Relation), relation_rows)
    report.spans += len(span_rows)
    report.events += len(event_rows)
    report.relations += len(relation_rows)
