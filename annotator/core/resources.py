"""Where the files under the project's resources/ folder are."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SCHEMAS = RESOURCES / "schemas"
SAMPLE_CORPUS = RESOURCES.parent / "sample_corpus"
