"""Which reader takes which file, and reading files into records with located problems."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import orjson

from annotator.core.cleaning import clean_news_page
from annotator.core.errors import AnnotatorError, Problem
from annotator.core.model import DocumentRecord
from annotator.core.text import decode, normalize_newlines, normalize_with_offsets
from annotator.formats import doccano, native
from annotator.formats.errors import FormatError

READABLE = (".txt", ".jsonl")
WRITERS = {native.FORMAT_ID: native.write, doccano.FORMAT_ID: doccano.write}


def find_files(paths: list[Path]) -> list[Path]:
    """The readable files among `paths`, folders searched recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE)
        elif path.is_file():
            if path.suffix.lower() not in READABLE:
                raise AnnotatorError(f"{path}: cannot import {path.suffix or 'this'} files (use {', '.join(READABLE)})")
            found.append(path)
        else:
            raise AnnotatorError(f"{path}: no such file or folder")
    return found


def read_file(path: Path, *, encoding: str, clean: bool, annotator: str
              ) -> Iterator[tuple[str, DocumentRecord | Problem]]:
    """Each record of a file with its location ("file" or "file:line"), or a problem there."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield str(path), Problem(str(path), f"cannot read: {e.strerror}")
        return
    utf8 = encoding.replace("_", "-").lower() in ("utf-8", "utf8")
    if path.suffix.lower() == ".txt" or not utf8:
        try:
            text = decode(data, encoding=encoding, source=str(path))
        except AnnotatorError as e:
            yield str(path), Problem(str(path), str(e).removeprefix(f"{path}: "))
            return
        if path.suffix.lower() == ".txt":
            yield str(path), read_text(path.stem, text, clean=clean)
            return
        data = text.encode("utf-8")
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # UTF-8 JSONL goes to orjson as bytes (it checks the encoding itself, line by line).
    line_start = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        offset, line_start = line_start, line_start + len(line) + 1
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = orjson.loads(line)  # bytes: invalid UTF-8 is reported for this line
            if not isinstance(obj, dict):
                raise FormatError("a line must be a JSON object")
            reader = doccano if doccano.looks_doccano(obj) else native
            doc = reader.read(obj, annotator=annotator)
            yield where, with_normalized_text(doc)
        except orjson.JSONDecodeError as e:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as bad:
                yield where, Problem(where, f"not valid UTF-8 at byte {offset + bad.start} of the file; "
                                            "give its encoding with --encoding")
                continue
            yield where, Problem(where, f"not valid JSON: {e}")
        except FormatError as e:
            yield where, Problem(where, str(e))


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
