"""Every export's report is exact: on the edge document (9 spans, one of them a clitic, two
nested, one the same as another by a second annotator, one trigger; an event with an argument
in the other sentence; three relations, one across sentences), each count worked out by hand."""

from __future__ import annotations

import re

import pytest

from annotator.core.errors import AnnotatorError
from annotator.formats.base import Clitics, ExportOptions, Nested
from annotator.services.exporting import export_corpus

CLITIC_SPLIT = ("spans", "made exact by splitting a token")
CLITIC_EXPANDED = ("spans", "expanded to whole tokens")
CLITIC_DROPPED = ("spans", "not written: they start or end inside a token")
TWICE = ("spans", "written once, not twice")
NESTED_OUTER = ("spans", "not written: nested inside another span (--nested outer")
NESTED_INNER = ("spans", "not written: containing or overlapping another span (--nested inner")
TRIGGERS = ("spans", "event triggers not written")
TRIGGERS_AS_SPANS = ("spans", "event triggers written as plain spans")
NO_EVENTS = ("events", "not written (")
NO_RELATIONS = ("relations", "not written (")
ARGUMENT_ELSEWHERE = ("arguments", "not written: in another sentence than their trigger")
RELATION_ACROSS = ("relations", "not written: their ends are in two sentences")
TOKEN_FORMAT_LOSSES = {TRIGGERS: 1, NO_EVENTS: 1, NO_RELATIONS: 3}

CASES = [
    ("conll", "split", "outer", {"spans": 5}, {CLITIC_SPLIT: 1, TWICE: 1, NESTED_OUTER: 2, **TOKEN_FORMAT_LOSSES}),
    ("conll", "expand", "outer", {"spans": 5}, {CLITIC_EXPANDED: 1, TWICE: 1, NESTED_OUTER: 2, **TOKEN_FORMAT_LOSSES}),
    ("conll", "drop", "outer", {"spans": 4}, {CLITIC_DROPPED: 1, TWICE: 1, NESTED_OUTER: 2, **TOKEN_FORMAT_LOSSES}),
    ("conll", "split", "inner", {"spans": 5}, {CLITIC_SPLIT: 1, TWICE: 1, NESTED_INNER: 2, **TOKEN_FORMAT_LOSSES}),
    ("conll", "split", "layers", {"spans": 7}, {CLITIC_SPLIT: 1, TWICE: 1, **TOKEN_FORMAT_LOSSES}),
    ("conll-bioes", "expand", "layers", {"spans": 7}, {CLITIC_EXPANDED: 1, TWICE: 1, **TOKEN_FORMAT_LOSSES}),
    (
        "hf-tokens",
        "split",
        "outer",
        {"spans": 5, "sentences": 2},
        {CLITIC_SPLIT: 1, TWICE: 1, NESTED_OUTER: 2, **TOKEN_FORMAT_LOSSES},
    ),
    (
        "spacy",
        "split",
        "outer",
        {"spans": 5, 'spans in doc.spans["sc"]': 8},
        {CLITIC_SPLIT: 1, TWICE: 1, NESTED_OUTER: 2, **TOKEN_FORMAT_LOSSES},
    ),
    (
        "oneie",
        "split",
        "outer",
        {"spans": 8, "events": 1, "arguments": 3, "relations": 2, "sentences": 2},
        {CLITIC_SPLIT: 1, ARGUMENT_ELSEWHERE: 1, RELATION_ACROSS: 1},
    ),
    (
        "dygiepp",
        "drop",
        "outer",
        {"spans": 7, "events": 1, "arguments": 2, "relations": 1},
        {
            CLITIC_DROPPED: 1,
            ("arguments", "not written: their span could not be placed"): 1,
            ARGUMENT_ELSEWHERE: 1,
            ("relations", "not written: an end could not be placed"): 1,
            RELATION_ACROSS: 1,
        },
    ),
    ("doccano", "expand", "outer", {"spans": 8}, {TRIGGERS_AS_SPANS: 1, NO_EVENTS: 1, NO_RELATIONS: 3, TWICE: 1}),
    ("doccano-rel", "expand", "outer", {"spans": 8, "relations": 3}, {TRIGGERS_AS_SPANS: 1, NO_EVENTS: 1, TWICE: 1}),
    ("jsonl", "expand", "outer", {"spans": 9, "events": 1, "relations": 3}, {}),
]
LINE = re.compile(r"(\w+): (\d+) (.*) \(in (.*)\)$")


@pytest.mark.parametrize(
    ("format_", "clitics", "nested", "written", "changes"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES]
)
def test_report_counts_what_was_written_and_what_was_not(edge_db, tmp_path, format_, clitics, nested, written, changes):
    report = export_corpus(
        edge_db, tmp_path / "out", format=format_, options=ExportOptions(Clitics(clitics), Nested(nested))
    )
    assert report.documents == 1
    assert {kind: report.written.get(kind) for kind in written} == written
    found = {}
    for line in report.changes:
        kind, count, what, documents = LINE.fullmatch(line).groups()
        assert documents == "edge"
        key = next((k for k in changes if k[0] == kind and what.startswith(k[1])), (kind, what))
        found[key] = int(count)
    assert found == changes


def test_a_report_reads_as_lines(edge_db, tmp_path):
    report = export_corpus(
        edge_db, tmp_path / "out.conll", format="conll", options=ExportOptions(Clitics.SPLIT, Nested.OUTER)
    )
    assert report.lines() == [
        "exported 1 document (5 spans, 2 sentences, 22 tokens)",  # 12 tokens (3 of them emoji) and 10
        "spans: 1 event triggers not written (CoNLL tags entities only) (in edge)",
        "spans: 1 made exact by splitting a token (a clitic became its own token) (in edge)",
        "spans: 2 not written: nested inside another span (--nested outer kept the outer one; CoNLL has one label "
        "a token) (in edge)",
        "spans: 1 written once, not twice: the same tokens and label as another span (two annotators, or a clitic "
        "expanded onto it) (in edge)",
        "events: 1 not written (CoNLL has no events) (in edge)",
        "relations: 3 not written (CoNLL has no relations) (in edge)",
    ]


@pytest.mark.parametrize("format_", ["hf-tokens", "spacy", "doccano"])
def test_layers_only_where_a_format_has_them(edge_db, tmp_path, format_):
    (tmp_path / "exports").mkdir()
    with pytest.raises(AnnotatorError, match="--nested layers is for CoNLL"):
        export_corpus(
            edge_db, tmp_path / "exports" / "out", format=format_, options=ExportOptions(nested=Nested.LAYERS)
        )
    assert not list((tmp_path / "exports").iterdir())


def test_an_unknown_format_names_the_known_ones(edge_db, tmp_path):
    with pytest.raises(
        AnnotatorError, match=r"unknown export format .brat. \(use jsonl, parquet, doccano, doccano-rel, conll"
    ):
        export_corpus(edge_db, tmp_path / "out", format="brat")


@pytest.mark.parametrize(("format_", "extra"), [("spacy", "spacy"), ("hf-parquet", "parquet"), ("parquet", "parquet")])
def test_a_format_whose_library_is_missing_says_which_extra_to_install(edge_db, tmp_path, monkeypatch, format_, extra):
    import importlib.util

    from annotator.formats import registry

    real = importlib.util.find_spec
    monkeypatch.setattr(
        registry.importlib.util, "find_spec", lambda name, *a: None if name in ("spacy", "pyarrow") else real(name, *a)
    )
    (tmp_path / "exports").mkdir()
    with pytest.raises(AnnotatorError, match=rf"export needs \w+: pip install 'annotator\[{extra}\]'$"):
        export_corpus(edge_db, tmp_path / "exports" / "out", format=format_)
    assert not list((tmp_path / "exports").iterdir())


def test_spaces_at_the_edges_of_a_span_are_left_off_and_counted(db, tmp_path):
    """An imported span may take in a space; tokens hold none, so the token span is the words."""
    import orjson

    from annotator.services.importing import import_paths

    text = "وصل الرئيس إلى دمشق اليوم"
    start = text.index(" دمشق ")
    path = tmp_path / "spaced.jsonl"
    path.write_bytes(
        orjson.dumps({"id": "spaced", "text": text, "spans": [{"start": start, "end": start + 6, "label": "GPE"}]})
        + b"\n"
    )
    import_paths(db, [path])
    for clitics in ("split", "expand", "drop"):
        out = tmp_path / f"{clitics}.conll"
        report = export_corpus(db, out, format="conll", options=ExportOptions(Clitics(clitics)))
        assert report.changes == [
            "spans: 1 written without the spaces at their edges (tokens hold no spaces) (in spaced)"
        ]
        assert "دمشق\tB-GPE\nاليوم\tO" in out.read_text(encoding="utf-8")
