"""Every export format, produced from the sample corpus plus an emoji-first, clitic and nested
document, read back by the library that consumes it (spaCy, Hugging Face `datasets`, pyarrow),
and every entity, trigger and argument checked against the character span it came from.

Token positions are found in the stored text by the tests themselves (each token searched
for after the previous one, with nothing but whitespace skipped), not by the exporter's
tokenizer, so a token that is not in the text, or an entity off by a letter, fails here."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from annotator.formats.base import Clitics, ExportOptions, Nested
from annotator.services.exporting import ExportReport, export_corpus

spacy = pytest.importorskip("spacy")
datasets = pytest.importorskip("datasets")
from spacy.training.converters import conll_ner_to_docs  # noqa: E402
from spacy.training.iob_utils import iob_to_biluo, tags_to_entities  # noqa: E402

Entity = tuple[int, int, str]


def truth(db, tmp_path: Path) -> list[dict]:
    """The corpus as the lossless export has it (documents in export order)."""
    path = tmp_path / "truth.jsonl"
    export_corpus(db, path)
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def entities(doc: dict) -> set[Entity]:
    triggers = {e["trigger"] for e in doc["events"]}
    return {(s["start"], s["end"], s["label"]) for s in doc["spans"] if s["id"] not in triggers}


def locate(text: str, tokens: list[str], start: int = 0) -> list[tuple[int, int]]:
    """Code-point offsets of `tokens` in `text`, in order, skipping only whitespace."""
    offsets = []
    position = start
    for token in tokens:
        found = text.find(token, position)
        assert found >= 0 and not text[position:found].strip(), f"token {token!r} not next in the text at {position}"
        offsets.append((found, found + len(token)))
        position = found + len(token)
    return offsets


def check(found: Entity, expected: set[Entity], text: str, clitics: str) -> None:
    """Split and drop give the exact character span; expand may take in the rest of the words."""
    if clitics != "expand":
        assert found in expected, f"{found} {text[found[0] : found[1]]!r} is not a stored span"
        return
    start, end, label = found
    assert any(
        label == lab and start <= s and e <= end and not any(ch.isspace() for ch in text[start:s] + text[e:end])
        for s, e, lab in expected
    ), f"{found} {text[start:end]!r} is not a stored span widened within its words"


def export(
    db, tmp_path: Path, format_: str, clitics: str = "split", nested: str = "outer", name: str = "out"
) -> tuple[Path, ExportReport]:
    path = tmp_path / name
    report = export_corpus(db, path, format=format_, options=ExportOptions(Clitics(clitics), Nested(nested)))
    return path, report


@pytest.mark.parametrize("clitics", ["split", "expand", "drop"])
def test_conll_read_by_spacy_matches_the_character_spans(full_db, tmp_path, clitics):
    docs = truth(full_db, tmp_path)
    path, report = export(full_db, tmp_path, "conll", clitics)
    read = list(conll_ner_to_docs(path.read_text(encoding="utf-8"), n_sents=0, no_print=True))
    assert len(read) == len(docs) == report.documents == 6
    total = 0
    for doc, stored in zip(read, docs, strict=True):
        offsets = locate(stored["text"], [t.text for t in doc])
        for ent in doc.ents:
            check(
                (offsets[ent.start][0], offsets[ent.end - 1][1], ent.label_), entities(stored), stored["text"], clitics
            )
        total += len(doc.ents)
    assert total == report.written["spans"]


def test_bioes_is_valid_biluo_with_the_same_entities_as_iob2(full_db, tmp_path):
    iob2, _ = export(full_db, tmp_path, "conll", name="a.conll")
    bioes, _ = export(full_db, tmp_path, "conll-bioes", name="b.conll")

    def per_sentence(path: Path, convert) -> list[list[tuple[str, int, int]]]:
        out = []
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            rows = [line.split("\t") for line in block.splitlines() if line and not line.startswith("-DOCSTART-")]
            if rows:
                out.append(tags_to_entities(convert([tag for _, tag in rows])))  # raises on a broken sequence
        return out

    biluo = {"S": "U", "E": "L"}
    from_bioes = per_sentence(bioes, lambda tags: [biluo.get(t[0], t[0]) + t[1:] for t in tags])
    assert from_bioes == per_sentence(iob2, iob_to_biluo) and sum(map(len, from_bioes)) > 30


def sentences_back_to_entities(
    sentences: list[tuple[list[str], list[str]]], docs: list[dict], ids: list[str]
) -> list[tuple[str, Entity]]:
    """(document, entity) of IOB2-tagged sentences, located in each document's text."""
    by_id = {d["id"]: d for d in docs}
    found, position, current = [], 0, None
    for (tokens, tags), doc_id in zip(sentences, ids, strict=True):
        if doc_id != current:
            current, position = doc_id, 0
        text = by_id[doc_id]["text"]
        offsets = locate(text, tokens, position)
        position = offsets[-1][1]
        for label, first, last in tags_to_entities(iob_to_biluo(tags)):
            found.append((doc_id, (offsets[first][0], offsets[last][1], label)))
    return found


def test_hugging_face_jsonl_loads_with_datasets_and_its_class_labels(full_db, tmp_path):
    docs = truth(full_db, tmp_path)
    path, report = export(full_db, tmp_path, "hf-tokens", name="train.jsonl")
    names = orjson.loads((tmp_path / "train.labels.json").read_bytes())
    assert report.side_files == (tmp_path / "train.labels.json",)
    ds = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache"))
    ds = ds.cast_column("ner_tags", datasets.Sequence(datasets.ClassLabel(names=names)))
    label = ds.features["ner_tags"].feature
    assert label.names[:3] == ["O", "B-PER", "I-PER"] and len(ds) == report.written["sentences"]
    found = sentences_back_to_entities(
        [(row["tokens"], [label.int2str(t) for t in row["ner_tags"]]) for row in ds], docs, ds["document"]
    )
    assert len(found) == report.written["spans"]
    for doc_id, entity in found:
        assert entity in entities(next(d for d in docs if d["id"] == doc_id))


def test_hugging_face_parquet_carries_its_class_labels(full_db, tmp_path):
    docs = truth(full_db, tmp_path)
    path, report = export(full_db, tmp_path, "hf-parquet", name="train.parquet")
    ds = datasets.load_dataset("parquet", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache"))
    label = ds.features["ner_tags"].feature
    assert isinstance(label, datasets.ClassLabel) and label.names[1:3] == ["B-PER", "I-PER"]
    found = sentences_back_to_entities(
        [(row["tokens"], [label.int2str(t) for t in row["ner_tags"]]) for row in ds], docs, ds["document"]
    )
    assert len(found) == report.written["spans"] > 30
    assert all(entity in entities(next(d for d in docs if d["id"] == doc_id)) for doc_id, entity in found)


@pytest.mark.parametrize("nested", ["outer", "inner"])
def test_spacy_docbin_keeps_the_text_and_every_span(full_db, tmp_path, nested):
    from spacy.tokens import DocBin

    docs = truth(full_db, tmp_path)
    path, report = export(full_db, tmp_path, "spacy", nested=nested, name="train.spacy")
    read = list(DocBin().from_disk(path).get_docs(spacy.blank("ar").vocab))
    assert [d.text for d in read] == [d["text"] for d in docs]  # texts unchanged, emoji and all
    ents = spans = 0
    for doc, stored in zip(read, docs, strict=True):
        expected = entities(stored)
        for ent in doc.ents:
            assert (ent.start_char, ent.end_char, ent.label_) in expected
        assert {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]} == expected  # split: all exact
        assert all(sent.text.strip() for sent in doc.sents)
        ents += len(doc.ents)
        spans += len(doc.spans["sc"])
    assert ents == report.written["spans"] and spans == report.written['spans in doc.spans["sc"]']


def test_oneie_triggers_and_arguments_map_back_to_their_spans(full_db, tmp_path):
    docs = {d["id"]: d for d in truth(full_db, tmp_path)}
    path, report = export(full_db, tmp_path, "oneie", name="train.oneie.json")
    positions: dict[str, int] = {}
    events = arguments = 0
    for line in path.read_bytes().splitlines():
        sentence = orjson.loads(line)
        doc = docs[sentence["doc_id"]]
        offsets = locate(doc["text"], sentence["tokens"], positions.get(doc["id"], 0))
        positions[doc["id"]] = offsets[-1][1]
        spans = {s["id"]: s for s in doc["spans"]}

        def chars(mention: dict) -> tuple[int, int]:
            return offsets[mention["start"]][0], offsets[mention["end"] - 1][1]

        mentions = {m["id"]: m for m in sentence["entity_mentions"]}
        for m in mentions.values():
            assert doc["text"][slice(*chars(m))] == m["text"]
            assert (*chars(m), m["entity_type"]) in entities(doc)
        for event in sentence["event_mentions"]:
            stored = next(e for e in doc["events"] if f"{sentence['sent_id']}-{e['id']}" == event["id"])
            trigger = spans[stored["trigger"]]
            assert (
                chars(event["trigger"]) == (trigger["start"], trigger["end"]) and event["event_type"] == stored["type"]
            )
            for argument in event["arguments"]:
                span_key = argument["entity_id"].rsplit("-", 1)[1]
                assert {"role": argument["role"], "span": span_key} in stored["arguments"]
                assert chars(mentions[argument["entity_id"]]) == (spans[span_key]["start"], spans[span_key]["end"])
                arguments += 1
            events += 1
    assert (events, arguments) == (report.written["events"], report.written["arguments"]) and events == 9


def test_dygie_events_and_relations_map_back_to_their_spans(full_db, tmp_path):
    docs = {d["id"]: d for d in truth(full_db, tmp_path)}
    path, report = export(full_db, tmp_path, "dygiepp", name="train.dygie.json")
    relations = arguments = 0
    for line in path.read_bytes().splitlines():
        record = orjson.loads(line)
        doc = docs[record["doc_key"]]
        offsets = locate(doc["text"], [t for sentence in record["sentences"] for t in sentence])
        by_chars = {(s["start"], s["end"]): s for s in doc["spans"]}

        def span(first: int, last: int) -> dict:
            return by_chars[(offsets[first][0], offsets[last][1])]  # KeyError: not a stored span

        for sentence in record["ner"]:
            for first, last, label in sentence:
                assert span(first, last)["label"] == label
        for sentence in record["events"]:
            for (trigger, type_), *args in sentence:
                trigger_spans = [s for s in doc["spans"] if s["start"] == offsets[trigger][0] and s["label"] == type_]
                event = next(e for e in doc["events"] if e["trigger"] in {s["id"] for s in trigger_spans})
                for first, last, role in args:
                    assert {"role": role, "span": span(first, last)["id"]} in event["arguments"]
                    arguments += 1
        for sentence in record["relations"]:
            for h1, h2, t1, t2, type_ in sentence:
                assert any(
                    r["type"] == type_ and r["head"] == span(h1, h2)["id"] and r["tail"] == span(t1, t2)["id"]
                    for r in doc["relations"]
                )
                relations += 1
    assert (relations, arguments) == (report.written["relations"], report.written["arguments"])


def test_native_jsonl_and_doccano_load_with_datasets(full_db, tmp_path):
    docs = truth(full_db, tmp_path)
    ds = datasets.load_dataset(
        "json", data_files=str(tmp_path / "truth.jsonl"), split="train", cache_dir=str(tmp_path / "cache")
    )
    assert ds["id"] == [d["id"] for d in docs] and ds[0]["spans"][0]["text"] == docs[0]["spans"][0]["text"]
    assert ds.to_list() == docs  # every field as written, types and all
    parquet, _ = export(full_db, tmp_path, "parquet", name="corpus.parquet")
    typed = datasets.load_dataset("parquet", data_files=str(parquet), split="train", cache_dir=str(tmp_path / "cache1"))
    assert typed.to_list() == docs
    path, _ = export(full_db, tmp_path, "doccano", name="doccano.jsonl")
    ds = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache2"))
    for row, doc in zip(ds, docs, strict=True):
        assert {tuple(item) for item in row["label"]} == {(s["start"], s["end"], s["label"]) for s in doc["spans"]}
    path, _ = export(full_db, tmp_path, "doccano-rel", name="doccano-rel.jsonl")
    ds = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache3"))
    for row, doc in zip(ds, docs, strict=True):
        entities = {e["id"]: (e["start_offset"], e["end_offset"], e["label"]) for e in row["entities"]}
        assert set(entities.values()) == {(s["start"], s["end"], s["label"]) for s in doc["spans"]}
        spans = {s["id"]: (s["start"], s["end"], s["label"]) for s in doc["spans"]}
        assert sorted((entities[r["from_id"]], entities[r["to_id"]], r["type"]) for r in row["relations"]) == sorted(
            (spans[r["head"]], spans[r["tail"]], r["type"]) for r in doc["relations"]
        )


def test_doccano_with_relations_imports_back_with_its_relations(edge_db, tmp_path):
    from annotator.services.importing import import_paths
    from annotator.store.database import Database

    path, report = export(edge_db, tmp_path, "doccano-rel", name="doccano-rel.jsonl")
    other = Database.open(f"sqlite:///{tmp_path / 'other.db'}")
    imported = import_paths(other, [path])
    assert (imported.spans, imported.relations) == (report.written["spans"], report.written["relations"]) == (8, 3)
    again = tmp_path / "again.jsonl"
    export_corpus(other, again, format="doccano-rel")
    assert again.read_bytes() == path.read_bytes()
    other.close()
