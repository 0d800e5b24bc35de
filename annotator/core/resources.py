"""Where the files shipped inside the package are (so a built wheel has them too)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SCHEMAS = RESOURCES / "schemas"
SAMPLE_CORPUS = RESOURCES / "sample_corpus"
