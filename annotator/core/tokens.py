"""Tokens and sentences of Arabic news text, for token-level exports.

A token is a run of word characters (letters, digits, combining marks, tatweel, ZWNJ/ZWJ), so
Latin words and Arabic words with their harakat stay whole; a number keeps its decimal and
thousands separators (3.5, 1,000, ٢٫٥); any other character that is not a space (punctuation,
symbols, emoji) is a token of its own. Clitics stay joined to their word («ودير»): splitting
them is a choice made per span at export (see formats/tokenized.py).

Offsets are code points of the text, end-exclusive, like every offset in this project.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

Token = tuple[int, int]  # (start, end): plain tuples, made a third faster than named ones


@cache
def _pattern() -> re.Pattern[str]:
    """Built once: Python's \\w has no combining marks, so the marks are listed as ranges."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    marks = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" if a != b else re.escape(chr(a)) for a, b in ranges)
    word = rf"[^\W_]|[{marks}\u0640\u200c\u200d]"
    number = r"\d+(?:[.,\u066b\u066c]\d+)+"  # 3.5, 1,000, ٢٫٥, and «و1,000» with its clitic
    return re.compile(rf"(?:{number}|{word})+|\S")


def tokenize(text: str) -> list[Token]:
    return [m.span() for m in _pattern().finditer(text)]


# A sentence ends after one of these (and any closing quotes or brackets right after it).
END_PUNCTUATION = frozenset(".!?؟…۔")
CLOSING = frozenset("\"'»”’)]}")


def sentence_breaks(text: str, tokens: list[Token], keep: Iterable[tuple[int, int]] = ()) -> list[int]:
    """Indices of the tokens that start a sentence (0 first): after end punctuation, and at a
    line break. A break that would fall inside one of the `keep` ranges ([start, end) in code
    points: the spans being exported) is not made, so no span is cut in two."""
    inside = _covered(keep)
    breaks = [0] if tokens else []
    for i in range(1, len(tokens)):
        before, token = tokens[i - 1], tokens[i]
        ends = text[before[0]] in END_PUNCTUATION and before[1] - before[0] == 1
        between = text[before[1] : token[0]]
        if ends and (text[token[0]] in END_PUNCTUATION or text[token[0]] in CLOSING) and "\n" not in between:
            continue  # "?!" or «.»: the sentence ends after the last of them
        if (ends or "\n" in between) and not _is_inside(inside, token[0]):
            breaks.append(i)
    return breaks


def _covered(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of the ranges as sorted, disjoint intervals."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _is_inside(intervals: list[tuple[int, int]], offset: int) -> bool:
    i = bisect_right(intervals, (offset, sys.maxsize)) - 1
    return i >= 0 and intervals[i][0] < offset < intervals[i][1]
