"""Hugging Face `datasets` reads this project's JSONL at any size: a generated export of more than
40 MB whose optional fields (url, title, date, metadata, subtype, attributes, note) first get a
value far past the first 10 MB, from which Arrow infers the schema. A list that is empty in all of
the first 10 MB is the one thing JSON cannot type; the export says so, and Parquet carries it."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths

datasets = pytest.importorskip("datasets")

SENTENCE = "قصفت القوات مدينة حمص في سوريا صباح اليوم، وقالت مصادر محلية إن الهجوم استهدف أحياء سكنية. "
TEXT = SENTENCE * 45  # about 4,000 characters, 7.5 kB in UTF-8


def document(i: int, *, late: bool, relation: bool = True) -> dict:
    text = f"{i}: {TEXT}"
    base = len(f"{i}: ")

    def at(word: str, label: str, key: str, **extra) -> dict:
        start = text.index(word, base)
        return {"id": key, "start": start, "end": start + len(word), "label": label, "text": word, **extra}

    details = {"subtype": "Population-Center", "attributes": {"mention_level": "NAM"}, "note": "راجع"} if late else {}
    doc = {
        "id": f"d{i:05}",
        "text": text,
        "meta": {
            "url": f"https://example.org/{i}",
            "title": f"خبر {i}",
            "published": "2024-12-06T10:00:00",
            "extra": {"batch": i // 100, "tags": ["سوريا", "حمص"]},
        }
        if late
        else {},
        "spans": [at("حمص", "GPE", "T1", **details), at("سوريا", "GPE", "T2"), at("قصفت", "Conflict.Attack", "T3")],
        "events": [
            {"id": "E1", "type": "Conflict.Attack", "trigger": "T3", "arguments": [{"role": "Place", "span": "T1"}]}
        ],
        "relations": [{"id": "R1", "type": "PART-WHOLE.Geographical", "head": "T1", "tail": "T2"}] if relation else [],
    }
    return doc


def generate(path: Path, n: int, late_from: int, relations_from: int = 0) -> Path:
    with path.open("wb") as f:
        for i in range(n):
            f.write(orjson.dumps(document(i, late=i >= late_from, relation=i >= relations_from)) + b"\n")
    return path


def test_a_45_mb_export_with_optional_fields_late_loads_with_datasets(db, tmp_path):
    source = generate(tmp_path / "in.jsonl", 5_600, late_from=4_000)
    import_paths(db, [source])
    out = tmp_path / "corpus.jsonl"
    report = export_corpus(db, out)
    size = out.stat().st_size
    late_at = sum(len(line) + 1 for line in out.read_bytes().splitlines()[:4_000])
    assert size > 40 << 20 and late_at > 28 << 20 and report.changes == []
    ds = datasets.load_dataset("json", data_files=str(out), split="train", cache_dir=str(tmp_path / "cache"))
    assert len(ds) == 5_600
    first, last = ds[0], ds[5_599]
    [homs] = [s for s in last["spans"] if s["label"] == "GPE" and s["subtype"]]
    assert first["meta"]["url"] == "" and first["spans"][1]["note"] == "" and first["meta"]["extra"] == "{}"
    assert last["meta"]["url"] == "https://example.org/5599" and homs["subtype"] == "Population-Center"
    assert orjson.loads(last["meta"]["extra"]) == {"batch": 55, "tags": ["سوريا", "حمص"]}
    assert orjson.loads(homs["attributes"]) == {"mention_level": "NAM"} and homs["note"] == "راجع"
    assert last["text"][homs["start"] : homs["end"]] == homs["text"] == "حمص"


def test_relations_first_met_after_10_mb_are_named_and_parquet_carries_them(db, tmp_path):
    source = generate(tmp_path / "in.jsonl", 1_800, late_from=1_800, relations_from=1_600)
    import_paths(db, [source])
    report = export_corpus(db, tmp_path / "corpus.jsonl")
    [line] = report.changes
    assert (
        line.startswith(
            'relations: 1 first appear after 12 MB: datasets.load_dataset("json") types columns '
            "from the first 10 MB and will fail on them; export -f parquet"
        )
        and "(in d01600)" in line
    )
    parquet = tmp_path / "corpus.parquet"
    export_corpus(db, parquet, format="parquet")
    ds = datasets.load_dataset("parquet", data_files=str(parquet), split="train", cache_dir=str(tmp_path / "cache"))
    assert len(ds) == 1_800 and ds[0]["relations"] == []
    assert ds[1_600]["relations"][0]["type"] == "PART-WHOLE.Geographical"
