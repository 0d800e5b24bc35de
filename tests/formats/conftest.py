"""A corpus with everything token formats must deal with, and the libraries that read exports
kept to temporary folders and off the network."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from annotator.services.importing import import_paths
from tests.conftest import GOLD


@pytest.fixture(scope="session", autouse=True)
def libraries_offline(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`datasets` and spaCy read only local files here; their caches go to a temporary folder."""
    home = tmp_path_factory.mktemp("hf-home")
    for name in ("HF_HOME", "HF_DATASETS_CACHE"):
        os.environ[name] = str(home)
    os.environ["HF_HUB_OFFLINE"] = os.environ["HF_DATASETS_OFFLINE"] = "1"
    os.environ["HF_DATASETS_DISABLE_PROGRESS_BARS"] = "1"


# An emoji first (astral characters shift UTF-16 offsets), a clitic span (بغداد in «وبغداد»),
# nested spans (روسيا in «وزير خارجية روسيا», الروسية in «وزارة الخارجية الروسية»), the same
# span by two annotators, an argument and a relation reaching into the other sentence.
EDGE_TEXT = "😀🇸🇾 وصل وزير خارجية روسيا إلى وبغداد أمس.\nوقال مسؤول في وزارة الخارجية الروسية إن الزيارة ناجحة."


def edge_document() -> dict:
    def span(key: str, words: str, label: str, annotator: str = "tester", after: int = 0) -> dict:
        start = EDGE_TEXT.index(words, after)
        return {
            "id": key,
            "start": start,
            "end": start + len(words),
            "label": label,
            "text": words,
            "annotator": annotator,
        }

    spans = [
        span("T1", "وزير خارجية روسيا", "PER"),
        span("T2", "روسيا", "GPE"),
        span("T3", "بغداد", "GPE"),
        span("T4", "وصل", "Movement.Transport"),
        span("T5", "أمس", "TIME"),
        span("T6", "وزارة الخارجية الروسية", "ORG"),
        span("T7", "الروسية", "GPE"),
        span("T8", "مسؤول", "PER"),
        span("T9", "روسيا", "GPE", annotator="other"),
    ]
    return {
        "id": "edge",
        "text": EDGE_TEXT,
        "spans": spans,
        "events": [
            {
                "id": "E1",
                "type": "Movement.Transport",
                "trigger": "T4",
                "arguments": [
                    {"role": "Artifact", "span": "T1"},
                    {"role": "Destination", "span": "T3"},
                    {"role": "Time", "span": "T5"},
                    {"role": "Agent", "span": "T8"},
                ],
            }
        ],
        "relations": [
            {"id": "R1", "type": "ORG-AFF.Employment", "head": "T8", "tail": "T6"},
            {"id": "R2", "type": "PHYS.Located", "head": "T1", "tail": "T3"},
            {"id": "R3", "type": "GEN-AFF.Org-Location", "head": "T6", "tail": "T2"},
        ],
    }


@pytest.fixture
def edge_file(tmp_path: Path) -> Path:
    path = tmp_path / "edge.jsonl"
    path.write_bytes(orjson.dumps(edge_document()) + b"\n")
    return path


@pytest.fixture
def edge_db(db, edge_file):
    import_paths(db, [edge_file])
    return db


@pytest.fixture
def full_db(db, edge_file):
    """The sample corpus and the edge document."""
    import_paths(db, [GOLD, edge_file])
    return db
