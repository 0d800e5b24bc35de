"""The sample corpus shows what the tool is for: nested spans, spans inside words, events."""

import orjson

from tests.conftest import GOLD


def test_gold_file_has_what_the_sample_promises():
    docs = [orjson.loads(line) for line in GOLD.read_bytes().splitlines()]
    assert len(docs) == 5
    seed = docs[0]
    assert seed["id"] == "000_bec74384df40613c" and seed["text"].startswith("كشف مصدر مقرب من الكرملين")
    invented = [d for d in docs if orjson.loads(d["meta"]["extra"]).get("invented")]
    assert len(invented) == 4
    for doc in docs:
        for span in doc["spans"]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]
    spans = seed["spans"]
    inside = [s for s in spans if s["text"] == "دير فول"]
    assert inside and seed["text"][inside[0]["start"] - 1] == "و"
    nested = [
        (a, b)
        for a in spans
        for b in spans
        if a is not b
        and a["start"] <= b["start"]
        and b["end"] <= a["end"]
        and a["end"] - a["start"] > b["end"] - b["start"]
    ]
    assert nested
    events = [e for d in docs for e in d["events"]]
    assert len(events) >= 2 and all(e["arguments"] for e in events)
    assert any(ord(ch) > 0xFFFF for d in docs for ch in d["text"])  # emoji before spans
