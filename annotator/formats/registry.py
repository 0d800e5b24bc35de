"""The formats, which reader takes which file, and reading files into records with located
problems. The command line, the window's dialogs and docs/formats.md's table read FORMATS."""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from annotator.core.errors import AnnotatorError, Problem, printable
from annotator.core.model import DocumentRecord
from annotator.formats import (
    conll,
    doccano,
    dygie,
    hf_tokens,
    native,
    native_parquet,
    oneie,
    spacy_docbin,
    text,
)
from annotator.formats.base import Format, Located, ReadOptions, Source
from annotator.formats.jsonlines import is_utf8

# In the order shown to users; among readers of one suffix, the first whose sniffing test
# accepts a file reads it (a .txt of "token TAG" lines is CoNLL, any other .txt an article).
FORMATS: tuple[Format, ...] = (
    native.FORMAT,
    native_parquet.FORMAT,
    doccano.FORMAT,
    doccano.RELATIONS,
    conll.IOB2,
    conll.BIOES,
    hf_tokens.JSONL,
    hf_tokens.PARQUET,
    spacy_docbin.FORMAT,
    oneie.FORMAT,
    dygie.FORMAT,
    text.FORMAT,
)
BY_ID = {f.id: f for f in FORMATS}
READERS = tuple(f for f in FORMATS if f.read)
WRITERS = tuple(f for f in FORMATS if f.writer)
READABLE = tuple(dict.fromkeys(s for f in READERS for s in f.suffixes))


def writer_format(format_id: str) -> Format:
    """The export format with this id, its optional library checked: one clear line if not."""
    found = BY_ID.get(format_id)
    if found is None or found.writer is None:
        raise AnnotatorError(f"unknown export format {format_id!r} (use {', '.join(f.id for f in WRITERS)})")
    if found.needs and importlib.util.find_spec(found.needs) is None:
        raise AnnotatorError(
            f"the {found.name} export needs {found.needs}: "
            f"pip install 'annotator[{EXTRAS.get(found.needs, found.needs)}]'"
        )
    return found


EXTRAS = {"spacy": "spacy", "pyarrow": "parquet"}


def reader_for(path: Path, head: bytes) -> Format | None:
    """The first reader of this suffix whose sniffing test takes the file; else the first one
    that has no test (the general reader of the suffix), else the first one."""
    candidates = [f for f in READERS if path.suffix.lower() in f.suffixes]
    return (
        next((f for f in candidates if f.sniff is not None and f.sniff(head)), None)
        or next((f for f in candidates if f.sniff is None), None)
        or next(iter(candidates), None)
    )


def find_files(
    paths: list[Path], *, refuse: Callable[[Path], bool] = lambda p: False
) -> tuple[list[Path], list[Problem]]:
    """The readable files among `paths`, folders searched recursively in a stable order, and a
    problem for every file or folder passed over (files of other kinds, unreadable folders, links
    leading outside the folder, special files, `refuse`d files such as the database itself).
    Given paths that cannot be imported at all are errors."""
    found: list[Path] = []
    skipped: list[Problem] = []
    for path in paths:
        where = display(path)
        if refuse(path):
            raise AnnotatorError(f"{where}: this is the database itself (or one of its files); it cannot be imported")
        if path.is_dir():
            before = len(found)
            _walk(path, found, skipped, refuse)
            if len(found) == before:
                skipped.append(Problem(where, f"no {', '.join(READABLE)} files in this folder"))
        elif path.is_file():
            if path.suffix.lower() not in READABLE:
                raise AnnotatorError(
                    f"{where}: cannot import {printable(path.suffix) or 'this kind of'} files "
                    f"(use {', '.join(READABLE)})"
                )
            found.append(path)
        elif path.exists() or path.is_symlink():
            raise AnnotatorError(f"{where}: not a regular file or folder")
        else:
            raise AnnotatorError(f"{where}: no such file or folder")
    return found, skipped


def _walk(root: Path, found: list[Path], skipped: list[Problem], refuse: Callable[[Path], bool]) -> None:
    """Files under `root`, links followed only to files inside it (never to folders: no loops)."""
    inside = root.resolve()

    def unreadable(error: OSError) -> None:
        skipped.append(Problem(display(Path(error.filename or root)), f"folder not read: {error.strerror}"))

    for folder, folders, files in os.walk(root, onerror=unreadable):
        folders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() not in READABLE:
                skipped.append(
                    Problem(display(path), f"not a file annotator reads (it reads {', '.join(READABLE)}); passed over")
                )
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    skipped.append(Problem(display(path), "a broken or looping symbolic link; passed over"))
                    continue
                if not target.is_relative_to(inside):
                    skipped.append(
                        Problem(
                            display(path),
                            "a symbolic link to a file outside the folder; "
                            "not followed (import that file by its own name)",
                        )
                    )
                    continue
            if not path.is_file():
                skipped.append(Problem(display(path), "not a regular file; passed over"))
            elif refuse(path):
                skipped.append(Problem(display(path), "the database itself; passed over"))
            else:
                found.append(path)


def display(path: Path) -> str:
    """A path for a message: any bytes that were not UTF-8 and any control characters escaped."""
    return printable(os.fsdecode(path), 1000)


SURROGATE = re.compile("[\ud800-\udfff]")  # half of a UTF-16 pair, alone: no character
MAX_PROBLEMS = 5  # per file: a binary or wholly wrong file gets a few lines, not thousands
HEAD = 65536  # bytes given to sniffing tests


def read_file(source: Source, options: ReadOptions) -> Iterator[Located]:
    """Each record of a file with its location ("file" or "file:line"), or a problem there.
    A file gives at most MAX_PROBLEMS problems, the last one saying how many more there were."""
    where = display(source.path)
    nul = source.head.find(b"\x00")
    if nul >= 0 and is_utf8(options.encoding):
        yield where, Problem(where, f"a NUL byte at byte {nul}: not a text file; passed over")
        return
    reader = reader_for(source.path, source.head)
    if reader is None or reader.read is None:
        yield where, Problem(where, "not a format annotator reads")
        return
    count = 0
    for location, item in reader.read(source, where, options):
        if isinstance(item, DocumentRecord):
            item = _checked(_mapped(item, options, location), location)
        if isinstance(item, Problem):
            count += 1
            if count > MAX_PROBLEMS:
                continue
        yield location, item
    if count > MAX_PROBLEMS:
        yield where, Problem(where, f"and {count - MAX_PROBLEMS} more problems in this file")


def open_source(path: Path) -> Source | Problem:
    """The file with its first bytes read, or the problem of reading it."""
    try:
        with path.open("rb") as f:
            return Source(path, f.read(HEAD))
    except OSError as e:
        return Problem(display(path), f"cannot read: {e.strerror}")


def _mapped(doc: DocumentRecord, options: ReadOptions, where: str) -> DocumentRecord:
    """Span labels renamed by --map OLD=NEW; OLD= drops those spans (and events or relations on them)."""
    if not options.mapping:
        return doc
    kept = []
    for span in doc.spans:
        label = options.mapping.get(span.label, span.label)
        if label:
            span.label = label
            kept.append(span)
    if len(kept) < len(doc.spans):
        keys = {s.key for s in kept}
        doc.events = [
            replace(e, arguments=tuple(a for a in e.arguments if a.span in keys))
            for e in doc.events
            if e.trigger in keys
        ]
        doc.relations = [r for r in doc.relations if r.head in keys and r.tail in keys]
        doc.spans = kept
    return doc


def _checked(doc: DocumentRecord, where: str) -> DocumentRecord | Problem:
    """Texts the window could not show or annotate are refused here, with one line."""
    if not doc.text or doc.text.isspace():
        return Problem(where, "the text is empty; nothing to import")
    nul = doc.text.find("\x00")
    if nul >= 0:
        return Problem(where, f"the text has a NUL character (U+0000) at offset {nul}")
    surrogate = SURROGATE.search(doc.text)
    if surrogate is not None:
        return Problem(where, f"the text has a lone surrogate (not a character) at offset {surrogate.start()}")
    return doc
