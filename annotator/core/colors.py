"""Colours for a schema's types that no two of which are easy to confuse.

Schemas give each type a colour, and the bundled ones repeat themselves (ACE 2005 gives Life.*
and PER the same red). The window keeps a schema's colour when it is far enough from every
colour kept before it (entity types first, then event types), and otherwise gives the type the
candidate colour farthest from all those already given (greedy farthest-point). Distances are
CIE94 colour differences in CIELAB, over a grid of sRGB colours light enough for black
text on a tint and dark enough to see as an underline, and never grey. With 46 types (ACE 2005) no two end up
closer than 11.8; with Wojood's 21, 18.5 (tested).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from itertools import product

Lab = tuple[float, float, float]
KEEP_AT = 20.0  # a schema's colour is kept when at least this far from every colour kept before it
LIGHTNESS = (45.0, 90.0)
MIN_CHROMA = 25.0  # no greys: a grey tint reads as "nothing here"
GRID = tuple(round(i * 255 / 7) for i in range(8))  # 512 colours: quick enough at start (25 ms for ACE)


def lab(color: str) -> Lab:
    """#rrggbb (sRGB, D65) in CIELAB."""
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def difference(p: Lab, q: Lab) -> float:
    """CIE94 colour difference (graphic arts weights), made symmetric with the mean chroma."""
    dl = p[0] - q[0]
    c1, c2 = math.hypot(p[1], p[2]), math.hypot(q[1], q[2])
    chroma = math.sqrt(c1 * c2)
    dc = c1 - c2
    dh2 = max(0.0, (p[1] - q[1]) ** 2 + (p[2] - q[2]) ** 2 - dc * dc)
    return math.sqrt(dl * dl + (dc / (1 + 0.045 * chroma)) ** 2 + dh2 / (1 + 0.015 * chroma) ** 2)


@cache
def _candidates() -> tuple[tuple[str, Lab], ...]:
    found = []
    for r, g, b in product(GRID, repeat=3):
        color = f"#{r:02x}{g:02x}{b:02x}"
        point = lab(color)
        if LIGHTNESS[0] <= point[0] <= LIGHTNESS[1] and math.hypot(point[1], point[2]) >= MIN_CHROMA:
            found.append((color, point))
    return tuple(found)


@cache
def distinct_colors(types: Sequence[tuple[str, str]]) -> dict[str, str]:
    """A colour for each (name, schema colour), in order: the schema's where it is distinct
    enough, else the farthest free one. Pass a tuple (the result is cached)."""
    candidates = _candidates()
    nearest = [math.inf] * len(candidates)  # each candidate's distance to the nearest colour given
    given: dict[str, str] = {}
    kept: list[Lab] = []

    def give(name: str, color: str, point: Lab) -> None:
        given[name] = color
        kept.append(point)
        for i, (_, other) in enumerate(candidates):
            nearest[i] = min(nearest[i], difference(point, other))

    for name, color in types:
        point = lab(color)
        if LIGHTNESS[0] <= point[0] <= LIGHTNESS[1] and all(difference(point, k) >= KEEP_AT for k in kept):
            give(name, color, point)
        else:
            best = max(range(len(candidates)), key=nearest.__getitem__)
            give(name, *candidates[best])
    return given
