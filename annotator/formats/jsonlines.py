"""Reading JSON lines: each line parsed on its own, as this project's JSONL or doccano's (told
apart line by line), a bad line reported with its number and the rest read on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import orjson

from annotator.core.errors import Problem, printable
from annotator.core.model import DocumentRecord
from annotator.core.text import normalize_with_offsets
from annotator.formats.base import Located, ReadOptions, Source
from annotator.formats.errors import FormatError


def is_utf8(encoding: str) -> bool:
    return encoding.replace("_", "-").lower() in ("utf-8", "utf8")


def read_lines(source: Source, where: str, options: ReadOptions) -> Iterator[Located]:
    """Line by line from the file (UTF-8, the common case: memory stays flat at any size), or
    from the whole file decoded (another --encoding)."""
    from annotator.formats import (  # (they declare this reader: imported when called)
        doccano,
        native,
    )
    from annotator.formats.text import decoded

    lines: Iterable[bytes]
    if is_utf8(options.encoding):
        lines = source.lines()
    else:
        text = decoded(where, source.data(), options.encoding)
        if isinstance(text, Problem):
            yield where, text
            return
        lines = (line + b"\n" for line in text.encode("utf-8", "surrogatepass").split(b"\n"))
    # UTF-8 goes to orjson as bytes (it checks the encoding itself, line by line).
    offset = 0
    for number, line in enumerate(lines, 1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line, offset = line[3:], 3
        start, offset = offset, offset + len(line)
        if not line.strip():
            continue
        location = f"{where}:{number}"
        try:
            obj = orjson.loads(line)  # bytes: invalid UTF-8 is reported for this line
            if not isinstance(obj, dict):
                raise FormatError("a line must be a JSON object")
            reader = doccano if doccano.looks_doccano(obj) else native
            yield location, with_normalized_text(reader.read(obj, annotator=options.annotator))
        except orjson.JSONDecodeError as e:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as bad:
                yield (
                    location,
                    Problem(
                        location,
                        f"not valid UTF-8 at byte {start + bad.start} of the file; give its encoding with --encoding",
                    ),
                )
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


def first_object(head: bytes) -> dict[str, object] | None:
    """The first line of a file's first bytes, parsed, when it is a JSON object."""
    line = head.lstrip(b"\xef\xbb\xbf").lstrip().split(b"\n", 1)[0]
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return obj if isinstance(obj, dict) else None
