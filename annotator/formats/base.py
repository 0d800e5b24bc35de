"""What a format module declares, the options of an export, and the tally behind its report.

Each format is one module with a `FORMAT = Format(...)`; `registry.py` lists them, and the
command line, the window's dialogs and the format table of docs/formats.md are all read from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Flag, StrEnum, auto
from pathlib import Path
from typing import Any

from annotator.core.errors import Problem
from annotator.core.model import DocumentRecord, StoredDocument


class Carries(Flag):
    """What a format can hold. An export reports, by kind, what its format could not hold."""

    SPANS = auto()
    NESTED = auto()  # spans inside or across other spans
    INSIDE_TOKENS = auto()  # spans starting or ending inside a word (a clitic)
    EVENTS = auto()
    RELATIONS = auto()
    ATTRIBUTES = auto()  # subtypes, attributes and notes
    METADATA = auto()  # title, source, date, status...


NOTHING = Carries(0)
EVERYTHING = (
    Carries.SPANS
    | Carries.NESTED
    | Carries.INSIDE_TOKENS
    | Carries.EVENTS
    | Carries.RELATIONS
    | Carries.ATTRIBUTES
    | Carries.METADATA
)


class Clitics(StrEnum):
    """A span that starts or ends inside a token (a clitic: «و» of «ودير فول»)."""

    EXPAND = "expand"  # label the whole token, clitic included (Wojood, ANERcorp)
    SPLIT = "split"  # the clitic becomes a token of its own; the span stays exact (UD PADT)
    DROP = "drop"  # leave the span out (and count it)


class Nested(StrEnum):
    """Spans inside (or across) other spans, where a format has one label per token."""

    OUTER = "outer"  # keep the outermost
    INNER = "inner"  # keep the innermost
    LAYERS = "layers"  # one tag column per nesting level (Wojood)


@dataclass(frozen=True)
class ExportOptions:
    clitics: Clitics = Clitics.EXPAND
    nested: Nested = Nested.OUTER
    labels: tuple[str, ...] = ()  # the corpus schema's entity types, in order: stable label ids


SHOWN_DOCUMENTS = 5  # documents named per line of a report
KINDS = ("spans", "events", "arguments", "relations", "attributes", "metadata")  # the order of a report


@dataclass
class Tally:
    """Counts for an export's report: what was written, by kind, and what was not written or
    was changed to fit the format, by kind and reason, with the documents it happened in."""

    written: dict[str, int] = field(default_factory=dict)
    changes: dict[tuple[str, str], tuple[int, list[str]]] = field(default_factory=dict)

    def wrote(self, kind: str, n: int = 1) -> None:
        self.written[kind] = self.written.get(kind, 0) + n

    def note(self, kind: str, what: str, document: str, n: int = 1) -> None:
        """`n` items of `kind` were `what` ("not written: doccano has no events") in `document`."""
        if n <= 0:
            return
        count, documents = self.changes.get((kind, what), (0, []))
        if document not in documents[-1:]:
            documents.append(document)
        self.changes[(kind, what)] = (count + n, documents)

    def add(self, other: Tally) -> None:
        """Count in another tally's, made on documents that come after these (other ones)."""
        for kind, n in other.written.items():
            self.wrote(kind, n)
        for (kind, what), (n, documents) in other.changes.items():
            count, mine = self.changes.get((kind, what), (0, []))
            self.changes[(kind, what)] = (count + n, mine + documents)

    def lines(self) -> list[str]:
        out = []
        for (kind, what), (count, documents) in sorted(
            self.changes.items(),
            key=lambda item: (KINDS.index(item[0][0]) if item[0][0] in KINDS else len(KINDS), item[0]),
        ):
            named = ", ".join(documents[:SHOWN_DOCUMENTS])
            more = f" and {len(documents) - SHOWN_DOCUMENTS} more" if len(documents) > SHOWN_DOCUMENTS else ""
            out.append(f"{kind}: {count} {what} (in {named}{more})")
        return out


class Writer:
    """Turns documents into the bytes of one file. `document` is called once per document in
    export order; `finish` gives what comes last (a footer, or the whole file for formats that
    cannot be streamed); `side_files` are written beside the main file (label lists), one for
    each of SIDE_SUFFIXES (known before writing, so their targets are checked first)."""

    SIDE_SUFFIXES: tuple[str, ...] = ()
    PARTS = False
    """Whether a document's bytes depend on nothing written before it, so that the corpus can be
    written in parts by several processes and the parts joined (see services/export_parts.py)."""

    def document(self, doc: DocumentRecord) -> bytes:
        raise NotImplementedError

    def stored(self, doc: StoredDocument) -> bytes:
        """The document as export reads it; writers that can write it without a record say so."""
        return self.document(doc.record())

    def finish(self) -> Iterable[bytes]:
        return ()

    def part(self) -> dict[str, Any]:
        """What this writer noted while writing a part of the corpus, as JSON, for `join`."""
        return {}

    def join(self, part: dict[str, Any], at: int) -> None:
        """Take in what another writer noted (`part`) writing the bytes that were joined at `at`."""

    def side_files(self) -> dict[str, bytes]:
        """Suffix added to the output's name → content."""
        return {}


@dataclass(frozen=True)
class ReadOptions:
    encoding: str = "utf-8"
    clean: bool = False
    annotator: str = ""
    labels: frozenset[str] | None = None  # the corpus schema's span labels, for line-level checks
    mapping: dict[str, str] = field(default_factory=dict)  # OLD → NEW label ("" drops the span)


Located = tuple[str, DocumentRecord | Problem]  # "file" or "file:line", and what was found there


class Source:
    """A file being read: its first bytes (for sniffing), and its content whole or line by line.
    `done` counts the bytes read so far, for progress; streaming keeps an import's memory flat."""

    def __init__(self, path: Path, head: bytes) -> None:
        self.path, self.head, self.done = path, head, 0

    def data(self) -> bytes:
        data = self.path.read_bytes()
        self.done = len(data)
        return data

    def lines(self) -> Iterator[bytes]:
        """Each line with its newline; a file's last line may have none."""
        with self.path.open("rb", buffering=1 << 20) as f:
            for line in f:
                self.done += len(line)
                yield line


Reader = Callable[[Source, str, ReadOptions], Iterator[Located]]


@dataclass(frozen=True)
class Format:
    id: str  # permanent: on the command line and in settings
    name: str
    suffixes: tuple[str, ...]  # the first is the default for a new file
    carries: Carries
    description: str
    example: str  # the options of one export command, for docs/formats.md and --help
    read: Reader | None = None
    sniff: Callable[[bytes], bool] | None = None  # given the file's first bytes: can `read` take it?
    writer: Callable[[ExportOptions, Tally], Writer] | None = None
    token_level: bool = False  # takes --clitics and --nested
    layers: bool = False  # can write --nested layers
    binary: bool = False
    needs: str | None = None  # the optional extra its writer needs (a module name to import)


def losses(
    doc: DocumentRecord, carries: Carries, tally: Tally, name: str, span_fields: frozenset[str] = frozenset()
) -> None:
    """Count, by kind, what of `doc` a format that carries `carries` leaves out. `span_fields`:
    what the format keeps of spans' details without carrying ATTRIBUTES ("subtype", attribute names)."""
    if Carries.EVENTS not in carries and doc.events:
        tally.note("events", f"not written ({name} has no events)", doc.id, len(doc.events))
    if Carries.RELATIONS not in carries and doc.relations:
        tally.note("relations", f"not written ({name} has no relations)", doc.id, len(doc.relations))
    if Carries.ATTRIBUTES not in carries:
        with_attributes = sum(
            1
            for s in doc.spans
            if (s.subtype and "subtype" not in span_fields)
            or s.note
            or any(name not in span_fields for name in s.attributes)
        )
        if Carries.EVENTS in carries:
            with_attributes += sum(1 for e in doc.events if e.attributes)
        if Carries.RELATIONS in carries:
            with_attributes += sum(1 for r in doc.relations if r.attributes)
        kept = f"; it keeps only {', '.join(sorted(span_fields))} of spans" if span_fields else " has none"
        tally.note(
            "attributes",
            f"annotations' subtypes, attributes or notes not written ({name}{kept})",
            doc.id,
            with_attributes,
        )
    if Carries.METADATA not in carries and (
        doc.title or doc.source or doc.section or doc.published or doc.url or doc.metadata or doc.status.value != "new"
    ):
        tally.note("metadata", f"documents' title, source, date and status not written ({name} has none)", doc.id)
