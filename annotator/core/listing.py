"""What the corpus pane lists: a query (a filter and an order), and what is made for it in the
background (store/document_pages.py reads the listing itself)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum

from annotator.core.model import Status


class Column(IntEnum):
    """The pane's columns, by position."""

    TITLE = 0
    SOURCE = 1
    DATE = 2
    STATUS = 3
    SPANS = 4


@dataclass(frozen=True)
class Counted:
    """A listing's count made elsewhere (`DocumentPages.counted`), and a document's row."""

    query: DocumentQuery
    count: int
    ids: list[int] | None
    document_id: int | None
    position: int | None


@dataclass(frozen=True)
class Ordered:
    """A listing's ids in its order, made elsewhere (`DocumentPages.ordered`)."""

    query: DocumentQuery
    ids: list[int]


@dataclass(frozen=True)
class DocumentQuery:
    corpus_id: int
    text: str = ""  # in the title, source or id
    status: Status | None = None
    column: Column | None = None  # None: the order of import
    descending: bool = False
    assigned_to: str | None = None  # only the documents given to this annotator (their queue)

    @property
    def filtered(self) -> bool:
        """Whether it leaves documents of the corpus out."""
        return bool(self.text.strip()) or self.status is not None or self.assigned_to is not None

    def same_filter(self, other: DocumentQuery) -> bool:
        """Whether it lists the same documents as `other` (in whatever order)."""
        return replace(self, column=None, descending=False) == replace(other, column=None, descending=False)
