"""Conversion between stored offsets (code points) and UTF-16 positions (Qt's cursor unit).

Stored spans count Unicode code points of the document text, end-exclusive, as Python slicing
does. Qt counts UTF-16 code units, so every character outside the Basic Multilingual Plane
(emoji, some symbols) shifts all later Qt positions by one. This class is the one place where
the two are converted.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Maps code point offsets of one text to UTF-16 positions and back, in O(log n)."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Code point index of each astral character, and its UTF-16 position.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral16 = [cp + i for i, cp in enumerate(self._astral)]

    @property
    def utf16_length(self) -> int:
        return self._length + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of a code point offset (0..len(text))."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside 0..{self._length}")
        return offset + bisect_left(self._astral, offset)

    def to_codepoint(self, position: int, *, round_up: bool = False) -> int:
        """Code point offset of a UTF-16 position.

        A position between the two halves of a surrogate pair is not a character boundary: it
        is moved to the start of that character, or past it with `round_up` (for span ends).
        """
        if not 0 <= position <= self.utf16_length:
            raise ValueError(f"position {position} outside 0..{self.utf16_length}")
        before = bisect_left(self._astral16, position)  # astral characters starting before it
        offset = position - before
        if before and self._astral16[before - 1] + 1 == position:  # inside a surrogate pair
            offset = self._astral[before - 1] + (1 if round_up else 0)
        return offset
