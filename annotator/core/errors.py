"""User-facing errors: each carries a message fit for one line on stderr or a dialog."""

from __future__ import annotations

from dataclasses import dataclass


class AnnotatorError(Exception):
    """An error the user can act on; the command line prints it without a traceback."""


@dataclass(frozen=True)
class Problem:
    """One bad item of input, located as precisely as the input allows (file:line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


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
