"""Document text rules: decoding at import, and word, grapheme and clitic boundaries.

The only normalisation ever applied to a document is at import: a leading BOM removed and
CRLF/CR turned into LF. Everything else (diacritics, tatweel, direction marks, NFC form) is
kept as written, because offsets refer to exactly this text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable

from annotator.core.errors import AnnotatorError

TATWEEL = "\u0640"
ZWNJ, ZWJ = "\u200c", "\u200d"
# Proclitics written joined to the next word: conjunctions و ف, prepositions ب ل ك, future س.
PROCLITICS = frozenset("وفبلكس")


def normalize_newlines(text: str) -> str:
    """Remove a leading BOM and turn CRLF and lone CR into LF; nothing else changes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_with_offsets(text: str) -> tuple[str, Callable[[int], int]]:
    """`normalize_newlines`, and a function taking offsets of `text` to offsets of the result.

    Used when imported annotations come with a text that still has a BOM or CRLF: each span
    stays on the same characters. An offset between CR and LF goes to the LF.
    """
    removed = [0] if text.startswith("\ufeff") else []
    removed += [m.start() for m in re.finditer("\r\n", text)]
    return normalize_newlines(text), lambda offset: offset - bisect_left(removed, offset)


def decode(data: bytes, *, encoding: str = "utf-8", source: str = "input") -> str:
    """Decode file bytes strictly; an error names the source and the byte position."""
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode(encoding)
    except LookupError:
        raise AnnotatorError(f"{source}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as e:
        bad = data[e.start : e.start + 4].hex(" ")
        raise AnnotatorError(
            f"{source}: not valid {encoding} at byte {e.start} (bytes {bad}); "
            f"give the file's encoding with --encoding, e.g. --encoding windows-1256"
        ) from None


def sha256(text: str) -> str:
    import hashlib  # (here: OpenSSL's loading is 3 ms of `annotator --help`)

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_mark(ch: str) -> bool:
    """A combining mark (harakat, shadda, Quranic marks) that belongs to the letter before it."""
    if ch < "\u0300" or "\u0621" <= ch <= "\u064a":  # Latin, digits, punctuation, Arabic letters: no mark
        return False
    return unicodedata.category(ch) in ("Mn", "Me")


def is_word_char(ch: str) -> bool:
    """Letters, digits, combining marks, tatweel and joiners: the inside of a word."""
    return ch in (TATWEEL, ZWNJ, ZWJ) or unicodedata.category(ch)[0] in "LMN"


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so that no letter is separated from its combining marks."""
    while 0 < start < len(text) and is_mark(text[start]):
        start -= 1
    while 0 < end < len(text) and is_mark(text[end]):
        end += 1
    return start, end


def paint_range(text: str, start: int, end: int) -> tuple[int, int]:
    """The range to paint for the span [start, end): exactly its letters, with their marks.

    Only a boundary between a letter and its marks is moved (a mark belongs to its letter). A
    boundary between lam and alef is painted where it is: Qt then draws لأ as two letters, so
    a span that starts after the clitic lam («أن» of «لأن») shows as exactly what is stored.
    """
    return snap_to_graphemes(text, start, end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) past spaces and punctuation at either edge."""
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        end -= 1
    return start, end


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words, then trim spaces and punctuation at its edges.

    A selection holding no word character at all is returned trimmed to empty (start == end).
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    start, end = trim(text, start, end)
    if start == end:
        return start, start
    while start > 0 and is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return start, end


def strip_proclitic(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop one leading proclitic (و ف ب ل ك س) with its marks, so ودير فول becomes دير فول.

    The span is returned unchanged when stripping would leave fewer than two letters.
    """
    if start >= end or text[start] not in PROCLITICS:
        return start, end
    new_start = start + 1
    while new_start < end and (is_mark(text[new_start]) or text[new_start] == TATWEEL):
        new_start += 1
    letters = sum(1 for ch in text[new_start:end] if unicodedata.category(ch)[0] == "L")
    return (new_start, end) if letters >= 2 else (start, end)
