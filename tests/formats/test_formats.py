"""Readers and writers: this project's JSONL and doccano, on Arabic text with emoji and CRLF."""

from pathlib import Path

import orjson

from annotator.core.errors import Problem
from annotator.core.model import DocumentRecord
from annotator.formats import doccano, native
from annotator.formats.base import ReadOptions
from annotator.formats.registry import open_source, read_file

TEXT = "🇸🇾 وصل الرئيس إلى دمشق 😀 اليوم"


def read(path: Path) -> list:
    return [item for _, item in read_file(open_source(path), ReadOptions(annotator="me"))]


def test_native_line_reads_with_code_point_offsets(tmp_path):
    start = TEXT.index("دمشق")
    line = {
        "id": "d1",
        "text": TEXT,
        "spans": [{"id": "T1", "start": start, "end": start + 4, "label": "GPE", "text": "دمشق", "annotator": "ali"}],
    }
    path = tmp_path / "a.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n")
    [doc] = read(path)
    assert isinstance(doc, DocumentRecord)
    span = doc.spans[0]
    assert doc.text[span.start : span.end] == "دمشق" and span.annotator == "ali"


def test_a_span_text_that_does_not_match_its_offsets_is_refused(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(orjson.dumps({"text": TEXT, "spans": [{"start": 0, "end": 4, "label": "GPE", "text": "دمشق"}]}))
    [problem] = read(path)
    assert isinstance(problem, Problem) and problem.where == f"{path}:1" and "is not text[0:4]" in problem.message


def test_doccano_sequence_labelling_and_relations_variants(tmp_path):
    start = TEXT.index("دمشق")
    path = tmp_path / "d.jsonl"
    path.write_text(
        orjson.dumps({"text": TEXT, "label": [[start, start + 4, "GPE"]]}).decode()
        + "\n\n"
        + orjson.dumps(
            {
                "text": TEXT,
                "entities": [
                    {"id": 7, "label": "PER", "start_offset": 4, "end_offset": 14},
                    {"id": 8, "label": "GPE", "start_offset": start, "end_offset": start + 4},
                ],
                "relations": [{"id": 1, "from_id": 7, "to_id": 8, "type": "PHYS.Located"}],
            }
        ).decode()
        + "\n",
        encoding="utf-8",
    )
    first, second = read(path)
    assert first.text[first.spans[0].start : first.spans[0].end] == "دمشق"
    assert second.relations[0].head == "7" and second.relations[0].tail == "8"
    assert orjson.loads(doccano.write(first)) == {"id": first.id, "text": TEXT, "label": [[start, start + 4, "GPE"]]}


def test_crlf_and_bom_in_jsonl_text_are_normalised_and_spans_move_with_them(tmp_path):
    text = "\ufeffسطر أول\r\nوفي دمشق\r\nانتهى"
    start = text.index("دمشق")
    path = tmp_path / "a.jsonl"
    path.write_bytes(orjson.dumps({"text": text, "label": [[start, start + 4, "GPE"]]}) + b"\n")
    [doc] = read(path)
    assert "\r" not in doc.text and not doc.text.startswith("\ufeff")
    assert doc.text[doc.spans[0].start : doc.spans[0].end] == "دمشق"


def test_bad_lines_name_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"text": "نص"}\n[1, 2]\n{"text": 5}\n{"text": "x", "spans": [{"start": -1, "end": 1, "label": "PER"}]}\n{oops\n',
        encoding="utf-8",
    )
    items = read(path)
    assert isinstance(items[0], DocumentRecord)
    assert [(p.where, p.message) for p in items[1:]] == [
        (f"{path}:2", "a line must be a JSON object"),
        (f"{path}:3", "'text' has the wrong type (int)"),
        (f"{path}:4", "spans[0]: 'start' must be a whole number >= 0, not -1"),
        (f"{path}:5", items[4].message),
    ]
    assert items[4].message.startswith("not valid JSON")


def test_native_writer_checks_and_quotes_text(tmp_path):
    path = tmp_path / "a.jsonl"
    start = TEXT.index("دمشق")
    path.write_bytes(
        orjson.dumps(
            {
                "id": "x",
                "text": TEXT,
                "meta": {"status": "done", "extra": {"k": 1}},
                "spans": [{"start": start, "end": start + 4, "label": "GPE", "note": "?"}],
            }
        )
    )
    [doc] = read(path)
    line = orjson.loads(native.write(doc))
    assert line["spans"][0]["text"] == "دمشق" and line["spans"][0]["note"] == "?"
    assert line["meta"]["status"] == "done" and orjson.loads(line["meta"]["extra"]) == {"k": 1}
    assert len(line["meta"]["sha256"]) == 64


def test_native_lines_of_earlier_versions_still_read(tmp_path):
    """Before every key had one type: null for absent fields, objects for extra and attributes."""
    start = TEXT.index("دمشق")
    old = {
        "id": "x",
        "text": TEXT,
        "meta": {"title": None, "url": None, "published": None, "status": "new", "extra": {"k": [1]}},
        "spans": [
            {
                "id": "T1",
                "start": start,
                "end": start + 4,
                "label": "GPE",
                "text": "دمشق",
                "attributes": {"mention_level": "NAM"},
                "annotator": "a",
            }
        ],
        "events": [],
        "relations": [],
    }
    new = orjson.loads(native.write(read_one(tmp_path, old)))
    assert new["meta"]["extra"] == '{"k":[1]}' and new["meta"]["url"] == "" and new["meta"]["title"] == ""
    assert new["spans"][0]["attributes"] == '{"mention_level":"NAM"}' and new["spans"][0]["note"] == ""
    again = read_one(tmp_path, new)
    assert again.metadata == {"k": [1]} and again.url is None and again.spans[0].note is None
    assert again.spans[0].attributes == {"mention_level": "NAM"}


def read_one(folder: Path, line: dict) -> DocumentRecord:
    path = folder / "one.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n")
    [doc] = read(path)
    assert isinstance(doc, DocumentRecord), doc
    return doc
