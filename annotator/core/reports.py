"""What an import did, filled in as it writes (store/imports.py) and read (services, the window,
the command line)."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.errors import Problem
from annotator.core.progress import Bounded


@dataclass
class ImportReport:
    """What an import did, by document id. Each list keeps its first Bounded.LIMIT ids; len()
    is the full count."""

    added: Bounded[str] = field(default_factory=Bounded)
    updated: Bounded[str] = field(default_factory=Bounded)  # same id, new text, no annotations yet
    unchanged: Bounded[str] = field(default_factory=Bounded)  # same id, text and annotations: nothing to do
    merged: Bounded[str] = field(default_factory=Bounded)  # same id and text, annotations or a status added
    conflicts: Bounded[Problem] = field(default_factory=Bounded)  # differing annotations left as stored
    spans: int = 0
    events: int = 0
    relations: int = 0
    skipped: Bounded[Problem] = field(default_factory=Bounded)  # with skip_invalid
    warnings: Bounded[Problem] = field(default_factory=Bounded)
