"""Which reader takes which file, and reading files into records with located problems."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import orjson

from annotator.core.cleaning import clean_news_page
from annotator.core.errors import AnnotatorError, Problem, printable
from annotator.core.model import DocumentRecord
from annotator.core.text import decode, normalize_newlines, normalize_with_offsets
from annotator.formats import doccano, native
from annotator.formats.errors import FormatError

READABLE = (".txt", ".jsonl")
WRITERS = {native.FORMAT_ID: native.write, doccano.FORMAT_ID: doccano.write}


def find_files(paths: list[Path], *, refuse: Callable[[Path], bool] = lambda p: False
               ) -> tuple[list[Path], list[Problem]]:
    """The readable files among `paths`, folders searched recursively in a stable order, and a
    problem for every file or folder passed over (unreadable folders, links leading outside the
    folder, special files, `refuse`d files such as the database itself). Given paths that cannot
    be imported at all are errors."""
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
                skipped.append(Problem(where, f"no {' or '.join(READABLE)} files in this folder"))
        elif path.is_file():
            if path.suffix.lower() not in READABLE:
                raise AnnotatorError(f"{where}: cannot import {printable(path.suffix) or 'this kind of'} files "
                                     f"(use {', '.join(READABLE)})")
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
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    skipped.append(Problem(display(path), "a broken or looping symbolic link; passed over"))
                    continue
                if not target.is_relative_to(inside):
                    skipped.append(Problem(display(path), "a symbolic link to a file outside the folder; "
                                                          "not followed (import that file by its own name)"))
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


def read_file(path: Path, *, encoding: str, clean: bool, annotator: str
              ) -> Iterator[tuple[str, DocumentRecord | Problem]]:
    """Each record of a file with its location ("file" or "file:line"), or a problem there.
    A file gives at most MAX_PROBLEMS problems, the last one saying how many more there were."""
    where = display(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        yield where, Problem(where, f"cannot read: {e.strerror}")
        return
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0 and encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        yield where, Problem(where, f"a NUL byte at byte {nul}: not a text file; passed over")
        return
    count = 0
    for location, item in _read(path, where, data, encoding=encoding, clean=clean, annotator=annotator):
        if isinstance(item, DocumentRecord):
            item = _checked(item, location)
        if isinstance(item, Problem):
            count += 1
            if count > MAX_PROBLEMS:
                continue
        yield location, item
    if count > MAX_PROBLEMS:
        yield where, Problem(where, f"and {count - MAX_PROBLEMS} more problems in this file")


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


def _read(path: Path, where: str, data: bytes, *, encoding: str, clean: bool, annotator: str
          ) -> Iterator[tuple[str, DocumentRecord | Problem]]:
    utf8 = encoding.replace("_", "-").lower() in ("utf-8", "utf8")
    if path.suffix.lower() == ".txt" or not utf8:
        try:
            text = decode(data, encoding=encoding, source=where)
        except AnnotatorError as e:
            yield where, Problem(where, str(e).removeprefix(f"{where}: "))
            return
        if path.suffix.lower() == ".txt":
            yield where, read_text(printable(path.stem, 500), text, clean=clean)  # bytes not UTF-8 as \xNN
            return
        data = text.encode("utf-8", "surrogatepass")
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # UTF-8 JSONL goes to orjson as bytes (it checks the encoding itself, line by line).
    line_start = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        offset, line_start = line_start, line_start + len(line) + 1
        if not line.strip():
            continue
        location = f"{where}:{number}"
        try:
            obj = orjson.loads(line)  # bytes: invalid UTF-8 is reported for this line
            if not isinstance(obj, dict):
                raise FormatError("a line must be a JSON object")
            reader = doccano if doccano.looks_doccano(obj) else native
            doc = reader.read(obj, annotator=annotator)
            yield location, with_normalized_text(doc)
        except orjson.JSONDecodeError as e:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as bad:
                yield location, Problem(location, f"not valid UTF-8 at byte {offset + bad.start} of the file; "
                                                  "give its encoding with --encoding")
                continue
            yield location, Problem(location, f"not valid JSON: {printable(str(e), 200)}")
        except FormatError as e:
            yield location, Problem(location, str(e))


def with_normalized_text(doc: DocumentRecord) -> DocumentRecord:
    """The record with its text normalised (BOM, CRLF) and its spans moved along with it."""
    text, remap = normalize_with_offsets(doc.text)
    if text == doc.text:
        return doc
    doc.text = text
    doc.spans = [replace(s, start=remap(s.start), end=remap(s.end)) for s in doc.spans]
    return doc


def read_text(name: str, text: str, *, clean: bool) -> DocumentRecord:
    """A plain-text article. With `clean`, page furniture is removed and the raw page kept."""
    text = normalize_newlines(text)
    if not clean:
        first = next((line.strip() for line in text.split("\n") if line.strip()), None)
        return DocumentRecord(id=name, text=text, title=first[:200] if first else None)
    page = clean_news_page(text)
    return DocumentRecord(id=name, text=page.body, title=page.title, source=page.source,
                          section=page.section, published=page.published, raw_text=text)
