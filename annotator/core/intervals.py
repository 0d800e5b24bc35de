"""Which spans cover a range of the text: a sorted list searched with bisect.

Used to repaint only the paragraphs a change touches, and to find the spans under the mouse.
Spans longer than usual widen every search a little; a corpus of news spans stays fast.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable


class IntervalIndex:
    def __init__(self, items: Iterable[tuple[int, int, int]] = ()) -> None:
        self._items: list[tuple[int, int, int]] = sorted(items)  # (start, end, id)
        self._longest = max((e - s for s, e, _ in self._items), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, start: int, end: int, id_: int) -> None:
        insort(self._items, (start, end, id_))
        self._longest = max(self._longest, end - start)

    def remove(self, start: int, end: int, id_: int) -> None:
        i = bisect_left(self._items, (start, end, id_))
        if i < len(self._items) and self._items[i] == (start, end, id_):
            del self._items[i]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Items with item.start < end and item.end > start (or covering `start` when empty)."""
        low = bisect_left(self._items, (start - self._longest, -1, -1))
        high = bisect_left(self._items, (end if end > start else start + 1, -1, -1))
        return [item for item in self._items[low:high] if item[1] > start]
