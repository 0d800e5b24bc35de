"""Plain-text articles (.txt): one document a file, named after the file."""

from __future__ import annotations

from collections.abc import Iterator

from annotator.core.cleaning import clean_news_page
from annotator.core.errors import AnnotatorError, Problem, printable
from annotator.core.model import DocumentRecord
from annotator.core.text import decode, normalize_newlines
from annotator.formats.base import NOTHING, Format, Located, ReadOptions, Source


def read(source: Source, where: str, options: ReadOptions) -> Iterator[Located]:
    text = decoded(where, source.data(), options.encoding)
    yield (
        where,
        text if isinstance(text, Problem) else read_text(printable(source.path.stem, 500), text, clean=options.clean),
    )


def decoded(where: str, data: bytes, encoding: str) -> str | Problem:
    """The file's text, or the problem of decoding it (located at the file)."""
    try:
        return decode(data, encoding=encoding, source=where)
    except AnnotatorError as e:
        return Problem(where, str(e).removeprefix(f"{where}: "))


def read_text(name: str, text: str, *, clean: bool) -> DocumentRecord:
    """A plain-text article. With `clean`, page furniture is removed and the raw page kept."""
    text = normalize_newlines(text)
    if not clean:
        first = next((line.strip() for line in text.split("\n") if line.strip()), None)
        return DocumentRecord(id=name, text=text, title=first[:200] if first else None)
    page = clean_news_page(text)
    return DocumentRecord(
        id=name,
        text=page.body,
        title=page.title,
        source=page.source,
        section=page.section,
        published=page.published,
        raw_text=text,
    )


FORMAT = Format(
    id="text",
    name="Plain text",
    suffixes=(".txt",),
    carries=NOTHING,
    description="An article a file (UTF-8, or --encoding); --clean finds title, source and date in scraped pages.",
    example="",
    read=read,
)
