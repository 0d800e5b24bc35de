"""Finding a string in Arabic text the way a reader means it: harakat, other combining marks and
tatweel ignored, and optionally the letters that spelling varies on folded (أ إ آ ٱ → ا, ى → ي,
ة → ه). Matches are given as exact [start, end) code-point ranges of the stored text, which is
never changed: the folding is done on a copy that remembers where each of its letters came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from enum import StrEnum
from functools import cache, lru_cache

from annotator.core.text import TATWEEL


class Kind(StrEnum):
    """What a corpus search looks for (services/search.py)."""

    TEXT = "text"  # every occurrence of the string
    UNLABELLED = "unlabelled"  # occurrences no span overlaps
    SPANS = "spans"  # spans (of a label) whose text contains the string
    EVENTS = "events"  # event triggers (of a type) whose text contains the string


LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _ignored(ch: str) -> bool:
    return ch == TATWEEL or unicodedata.category(ch) in ("Mn", "Me")


@lru_cache(maxsize=8)
def folded(text: str, letters: bool) -> tuple[str, Sequence[int]]:
    """`text` without marks and tatweel (and with letters folded), and for each character of the
    result its offset in `text`. Cached: searching again in the open article costs one find."""
    out = text.translate(_fold_table(False))
    kept: Sequence[int]
    if len(out) == len(text):
        kept = range(len(text))
    else:
        ignored = _ignored_characters()
        kept = tuple(i for i, ch in enumerate(text) if ch not in ignored)
    return (out.translate(LETTERS) if letters else out), kept


# Where Unicode has combining marks: planes 0 and 1, and the variation selectors of plane 14
# (a test checks this against every code point).
MARK_RANGES = (range(0x20000), range(0xE0000, 0xE1000))


@cache
def _fold_table(letters: bool) -> dict[int, int | str | None]:
    """A str.translate table dropping every ignored character and, with `letters`, folding
    those letters: one pass over the text. Built once, in about 0.1 s."""
    if letters:
        return {**_fold_table(False), **LETTERS}
    return {i: None for r in MARK_RANGES for i in r if _ignored(chr(i))}


@cache
def _ignored_characters() -> frozenset[str]:
    return frozenset(chr(i) for i in _fold_table(False))


def search_form(text: str, *, letters: bool = True) -> str:
    """`text` as `folded` makes it, without the offsets: what the corpus search index holds.
    Done with regular expressions and replace, four times faster than `str.translate`, which
    looks every character up in a dict (0.19 against 0.05 ms for an article; the import runs it
    on every document)."""
    bmp, astral = _mark_patterns()
    text = bmp.sub("", text)
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):  # astral characters: rare
        text = astral.sub("", text)
    if letters:
        for letter, replacement in LETTER_PAIRS:
            text = text.replace(letter, replacement)
    return text


LETTER_PAIRS = tuple((chr(k), str(v)) for k, v in LETTERS.items())


@cache
def _mark_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of ignored characters, in the Basic Multilingual Plane (a bitmap to Python's regular
    expressions: one test a character) and beyond it."""

    def ranges(codes: list[int]) -> str:
        runs: list[list[int]] = []
        for code in codes:
            if runs and runs[-1][1] == code - 1:
                runs[-1][1] = code
            else:
                runs.append([code, code])
        return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)

    codes = sorted(_fold_table(False))
    return (
        re.compile(f"[{ranges([c for c in codes if c <= 0xFFFF])}]+"),
        re.compile(f"[{ranges([c for c in codes if c > 0xFFFF])}]+"),
    )


def query_form(query: str, letters: bool) -> str:
    return search_form(query, letters=letters)


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
        while end < len(text) and text[end] in _ignored_characters():
            end += 1
        matches.append((start, end))
        at = haystack.find(wanted, at + len(wanted))
    return matches
