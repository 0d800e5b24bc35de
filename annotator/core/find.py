"""Finding a string in Arabic text the way a reader means it: harakat, other combining marks and
tatweel ignored, and optionally the letters that spelling varies on folded (أ إ آ ٱ → ا, ى → ي,
ة → ه). Matches are given as exact [start, end) code-point ranges of the stored text, which is
never changed: the folding is done on a copy that remembers where each of its letters came from.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from annotator.core.text import TATWEEL

LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _ignored(ch: str) -> bool:
    return ch == TATWEEL or unicodedata.category(ch) in ("Mn", "Me")


@lru_cache(maxsize=8)
def folded(text: str, letters: bool) -> tuple[str, tuple[int, ...]]:
    """`text` without marks and tatweel (and with letters folded), and for each character of the
    result its offset in `text`. Cached: searching again in the open article costs one find."""
    kept = tuple(i for i, ch in enumerate(text) if not _ignored(ch))
    out = "".join(text[i] for i in kept)
    return (out.translate(LETTERS) if letters else out), kept


def query_form(query: str, letters: bool) -> str:
    out = "".join(ch for ch in query if not _ignored(ch))
    return out.translate(LETTERS) if letters else out


def find_all(text: str, query: str, *, letters: bool = False) -> list[tuple[int, int]]:
    """Every non-overlapping match of `query` in `text`, as exact ranges of `text`. A match ends
    after the marks (and tatweel) of its last letter, so «دمشـــقَ» is found whole."""
    wanted = query_form(query, letters)
    if not wanted:
        return []
    haystack, where = folded(text, letters)
    matches = []
    at = haystack.find(wanted)
    while at >= 0:
        start, end = where[at], where[at + len(wanted) - 1] + 1
        while end < len(text) and _ignored(text[end]):
            end += 1
        matches.append((start, end))
        at = haystack.find(wanted, at + len(wanted))
    return matches
