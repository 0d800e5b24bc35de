"""CoNLL: one `token<TAB>tag` a line, a blank line between sentences, `-DOCSTART- -X- O O`
before each document (the CoNLL-2003 convention that spaCy's and Hugging Face's readers know).
Tags are IOB2 or BIOES; with `--nested layers` each nesting level is one more tag column, the
outermost first (the Wojood convention).

Reading takes ANERcorp-style files (`token TAG`, tabs or spaces) and Wojood-style nested files
(several tag columns), IOB1, IOB2 or BIOES. A document's text is its tokens joined by single
spaces, a sentence a line; so CoNLL exported, imported and exported again is the same file.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from annotator.core.errors import Problem, excerpt
from annotator.core.model import DocumentRecord, SpanRecord
from annotator.formats.base import (
    Carries,
    ExportOptions,
    Format,
    Located,
    Nested,
    ReadOptions,
    Source,
    Tally,
    Writer,
)
from annotator.formats.text import decoded
from annotator.formats.tokenized import entity_spans, tags, token_losses, tokenized

DOCSTART = "-DOCSTART- -X- O O"
TAG = re.compile(r"O|[BIESLU]-\S+")
CARRIES = Carries.SPANS  # nested: as layers, or by the --nested policy


class _Writer(Writer):
    def __init__(self, options: ExportOptions, tally: Tally, *, scheme: str, name: str) -> None:
        self.options, self.tally, self.scheme, self.name = options, tally, scheme, name
        self.columns = 1
        # Layers: how many columns the file needs is known at the end; lines wait on disk.
        self.spool: IO[bytes] | None = (
            tempfile.SpooledTemporaryFile(max_size=32 << 20) if options.nested is Nested.LAYERS else None
        )

    def document(self, doc: DocumentRecord) -> bytes:
        self.tally.wrote("documents")
        token_losses(doc, CARRIES, self.tally, self.name)
        tokens = tokenized(doc, entity_spans(doc), self.options, self.tally, self.name)
        layers = tokens.layers(self.options.nested, self.tally, self.name)
        self.tally.wrote("spans", sum(len(layer) for layer in layers))
        columns = [tags(len(tokens.tokens), layer, self.scheme) for layer in layers]
        self.columns = max(self.columns, len(columns))
        lines = [DOCSTART, ""]
        words = [doc.text[a:b] for a, b in tokens.tokens]
        rows = [*map("\t".join, zip(words, *columns))]
        for start, end in tokens.sentence_ranges():
            lines += rows[start:end]
            lines.append("")
            self.tally.wrote("sentences")
        self.tally.wrote("tokens", len(tokens.tokens))
        out = ("\n".join(lines) + "\n").encode("utf-8")
        if self.spool is None:
            return out
        self.spool.write(out)
        return b""

    def finish(self) -> Iterable[bytes]:
        if self.spool is None:
            return
        self.spool.seek(0)
        pad = self.columns + 1
        for line in self.spool:
            fields = line.rstrip(b"\n").split(b"\t")
            if 1 < len(fields) < pad:
                fields += [b"O"] * (pad - len(fields))
            yield b"\t".join(fields) + b"\n"
        self.spool.close()


def _sniff(head: bytes) -> bool:
    """Every one of the first lines is `token TAG...` (or -DOCSTART-), and some tag is not O."""
    text = head.decode("utf-8", "replace").splitlines()
    if not head.endswith(b"\n"):
        text = text[:-1]  # cut by the length of the head
    lines = [line.split() for line in text if line.strip()][:40]
    return (
        bool(lines)
        and all(f[0] == "-DOCSTART-" or (len(f) >= 2 and all(TAG.fullmatch(t) for t in f[1:])) for f in lines)
        and any(t != "O" for f in lines if f[0] != "-DOCSTART-" for t in f[1:])
    )


def read(source: Source, where: str, options: ReadOptions) -> Iterator[Located]:
    content = decoded(where, source.data(), options.encoding)
    if isinstance(content, Problem):
        yield where, content
        return
    documents: list[list[tuple[int, list[str]]]] = [[]]  # (line number, fields) of each document
    for number, line in enumerate(content.replace("\r\n", "\n").split("\n"), 1):
        fields = line.split()
        if fields and fields[0] == "-DOCSTART-":
            documents.append([])
        else:
            documents[-1].append((number, fields))
    documents = [d for d in documents if any(fields for _, fields in d)]
    stem = source.path.stem
    for n, lines in enumerate(documents, 1):
        name = stem if len(documents) == 1 else f"{stem}-{n}"
        first = next(number for number, fields in lines if fields)
        found = _document(name, lines, where, options)
        for item in found if isinstance(found, list) else [found]:
            yield (item.where if isinstance(item, Problem) else f"{where}:{first}"), item


def _document(
    name: str, lines: list[tuple[int, list[str]]], where: str, options: ReadOptions
) -> DocumentRecord | Problem | list[Problem]:
    """The document, or its first malformed line, or every label outside the schema (each at its
    first line, with the closest entity type suggested as a mapping)."""
    sentences: list[list[str]] = [[]]
    offsets: list[int] = []  # of each token in the text
    columns: list[list[str]] = []  # per tag column, the tag of each token
    starts: set[int] = set()  # tokens that begin a sentence: no entity goes on across them
    unknown: dict[str, int] = {}  # label outside the schema → its first line
    length = 0
    for number, fields in lines:
        if not fields:
            if sentences[-1]:
                sentences.append([])
            continue
        if len(fields) < 2:
            return Problem(f"{where}:{number}", f"expected 'token TAG', found {excerpt(fields[0])} alone")
        for column, tag in enumerate(fields[1:]):
            if not TAG.fullmatch(tag):
                return Problem(f"{where}:{number}", f"{excerpt(tag)} is not a tag (O, B-X, I-X, E-X, S-X)")
            label = tag[2:]
            mapped = options.mapping.get(label, label)
            if tag != "O" and mapped and options.labels is not None and mapped not in options.labels:
                unknown.setdefault(label, number)
            while len(columns) <= column:
                columns.append(["O"] * len(offsets))
        token = fields[0]
        if offsets:
            length += 1  # a space, or the line break between sentences
        if not sentences[-1]:
            starts.add(len(offsets))
        offsets.append(length)
        length += len(token)
        sentences[-1].append(token)
        for column, values in enumerate(columns):
            values.append(fields[column + 1] if column + 1 < len(fields) else "O")
    if unknown:
        return [_unknown_label(label, f"{where}:{number}", options) for label, number in unknown.items()]
    text = "\n".join(" ".join(sentence) for sentence in sentences if sentence)
    tokens = [t for sentence in sentences for t in sentence]
    spans: list[SpanRecord] = []
    seen: set[tuple[int, int, str]] = set()
    for values in columns:
        for first, last, label in _entities(values, starts):
            start, end = offsets[first], offsets[last] + len(tokens[last])
            if (start, end, label) not in seen:
                seen.add((start, end, label))
                spans.append(SpanRecord(f"T{len(spans) + 1}", start, end, label, annotator=options.annotator))
    spans.sort(key=lambda s: (s.start, -s.end, s.label))
    for i, span in enumerate(spans, 1):
        span.key = f"T{i}"
    return DocumentRecord(id=name, text=text, spans=spans)


def _unknown_label(label: str, where: str, options: ReadOptions) -> Problem:
    close = difflib.get_close_matches(options.mapping.get(label, label), sorted(options.labels or ()), n=1, cutoff=0.6)
    return Problem(
        where,
        f"unknown label {excerpt(label)}: not an entity type of the corpus schema (map it with "
        f"--map {label}={close[0] if close else 'NEW'}, or drop it with --map {label}=)",
    )


def _entities(column: list[str], starts: set[int]) -> Iterator[tuple[int, int, str]]:
    """(first token, last token, label) of each entity in a tag column: IOB2, IOB1 or BIOES,
    read leniently as the usual evaluators do (an I- after O or another type starts one)."""
    start, label = -1, ""
    for i, tag in enumerate([*column, "O"]):
        prefix, kind = tag[0], tag[2:]
        continues = prefix in "IEL" and kind == label and start >= 0 and i not in starts
        if start >= 0 and not continues:
            yield start, i - 1, label
            start = -1
        if prefix in "BSU" or (prefix in "IEL" and not continues):
            start, label = i, kind
        if prefix in "SUEL" and start >= 0:
            yield start, i, label
            start = -1


IOB2 = Format(
    id="conll",
    name="CoNLL IOB2",
    suffixes=(".conll", ".iob", ".bio", ".txt"),
    carries=CARRIES,
    description="`token<TAB>tag`, IOB2, a blank line between sentences; nested spans as extra columns "
    "with --nested layers. Reads ANERcorp and Wojood files (IOB1, IOB2, BIOES; .txt sniffed).",
    example="-f conll --clitics split --nested layers -o train.conll",
    read=read,
    sniff=_sniff,
    token_level=True,
    layers=True,
    writer=lambda options, tally: _Writer(options, tally, scheme="iob2", name="CoNLL"),
)
BIOES = Format(
    id="conll-bioes",
    name="CoNLL BIOES",
    suffixes=(".conll", ".bioes"),
    carries=CARRIES,
    description="The same with BIOES tags (S- for one token, E- for the last).",
    example="-f conll-bioes --clitics expand -o train.bioes",
    read=read,
    sniff=_sniff,
    token_level=True,
    layers=True,
    writer=lambda options, tally: _Writer(options, tally, scheme="bioes", name="CoNLL"),
)
