"""How far long work (an import, an export) has come, for a progress bar with a rate and the
time left; and a bounded list for reports on millions of documents."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Tick:
    """`done` of `total` (bytes read for an import, documents written for an export), the
    documents handled so far and the seconds since the work began."""

    done: int
    total: int
    documents: int
    seconds: float

    @property
    def fraction(self) -> float:
        return min(self.done / self.total, 1.0) if self.total > 0 else 0.0

    @property
    def rate(self) -> float:
        """Documents a second."""
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def left(self) -> float | None:
        """Seconds left at the pace so far; None before there is a pace to go by."""
        if self.seconds < 0.5 or not self.fraction > 0:
            return None
        return self.seconds * (1 - self.fraction) / self.fraction


Progress = Callable[[Tick], None]


class Clock:
    """Makes ticks for one piece of work, timed from its creation."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress, self.started = progress, time.perf_counter()

    def tick(self, done: int, total: int, documents: int) -> None:
        if self.progress is not None:
            self.progress(Tick(done, total, documents, time.perf_counter() - self.started))


@dataclass
class Bounded(Generic[T]):
    """How many items there were, and the first LIMIT of them: a report on a million documents
    stays small. Iterating gives the kept items; len() is the full count."""

    LIMIT = 1000

    count: int = 0
    kept: list[T] = field(default_factory=list)

    def append(self, item: T) -> None:
        self.count += 1
        if len(self.kept) < self.LIMIT:
            self.kept.append(item)

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    @property
    def more(self) -> int:
        """Items counted but not kept."""
        return self.count - len(self.kept)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[T]:
        return iter(self.kept)
