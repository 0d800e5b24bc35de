"""User-facing errors: each carries a message fit for one line on stderr or a dialog."""

from __future__ import annotations

from dataclasses import dataclass


class AnnotatorError(Exception):
    """An error the user can act on; the command line prints it without a traceback."""


def printable(text: str, limit: int = 300) -> str:
    """Text fit for one line of a terminal or a log: control characters, line breaks and
    undecodable bytes of file names (lone surrogates) escaped, and at most `limit` characters."""
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 in a file name (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    line = "".join(out)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def one_line(text: str) -> str:
    """A driver's message of several lines (PostgreSQL's ERROR, DETAIL and HINT) as one line."""
    return "; ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def excerpt(text: str, limit: int = 40) -> str:
    """A short quotation of data inside a message."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


@dataclass(frozen=True)
class Problem:
    """One bad item of input, located as precisely as the input allows (file:line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return printable(f"{self.where}: {self.message}", 500)


class InputError(AnnotatorError):
    """Input that cannot be imported; lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem], *, limit: int = 20) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:limit])
        more = f" (and {len(problems) - limit} more)" if len(problems) > limit else ""
        super().__init__(shown + more)


class SchemaError(AnnotatorError):
    """A schema file that is not valid; the message names the file and the entry."""


class StorageError(AnnotatorError):
    """The database could not do it: busy with another writer, disk full, gone. Nothing of the
    action was saved (its transaction was rolled back)."""


class NotFound(AnnotatorError):
    """A document, span, event or relation that does not exist (any more)."""


class Conflict(AnnotatorError):
    """An action that would break the data: a duplicate, a span still in use, changed text."""


class Stale(Conflict):
    """What an action was computed on changed in the database first (another window or program
    changed the row, or a re-import replaced the text). Nothing was saved; reload and retry."""


class Cancelled(AnnotatorError):
    """The user cancelled long work (or closed the window during it); nothing of it was kept."""
