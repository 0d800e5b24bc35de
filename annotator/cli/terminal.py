"""Arabic in a terminal: shaped and reordered for display only, where the terminal cannot.

Terminals without bidi support show Arabic letters unjoined and in reverse order. For those,
arabic-reshaper and python-bidi turn a string into its visual form. That form is for the
screen only: it is never stored, exported or piped on (output to a pipe stays logical).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum


class BidiMode(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def terminal_does_bidi() -> bool:
    """Terminals known to shape and order Arabic themselves (VTE 0.58+, Konsole, mlterm)."""
    vte = os.environ.get("VTE_VERSION", "")
    return (
        (vte.isdigit() and int(vte) >= 5800)
        or "KONSOLE_VERSION" in os.environ
        or os.environ.get("TERM", "").startswith("mlterm")
    )


def needs_shaping(mode: BidiMode, stream: object = sys.stdout) -> bool:
    if mode is BidiMode.AUTO:
        return bool(getattr(stream, "isatty", lambda: False)()) and not terminal_does_bidi()
    return mode is BidiMode.ALWAYS


def for_display(text: str, shape: bool) -> str:
    if not shape or not text:
        return text
    import arabic_reshaper  # (only when shaping: the command line starts without them)
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))
