"""Agreement on a fixture with known disagreements, computed by hand: a label conflict, a
boundary conflict, a span one layer missed, a role conflict; the same figures on both databases,
from the command line as text, JSON and CSV, and alpha as the `krippendorff` package gives it."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import Counter

import orjson
import pytest

from annotator.core.agreement import LayerDocument, agreement, cohen_kappa, token_labels
from annotator.core.errors import AnnotatorError
from annotator.core.tokens import tokenize
from annotator.services.agreement import corpus_agreement
from annotator.services.importing import import_paths
from tests.conftest import ROOT, write_jsonl

A = "قصفت روسيا حلب أمس"  # tokens [0,4) [5,10) [11,14) [15,18)
B = "وقال بوتين في موسكو"  # tokens [0,4) [5,10) [11,13) [14,19)


def span(key: str, start: int, end: int, label: str, who: str) -> dict:
    return {"id": key, "start": start, "end": end, "label": label, "annotator": who}


def fixture_lines() -> list[str]:
    a = {
        "id": "a",
        "text": A,
        "spans": [
            span("T1", 0, 4, "Conflict.Attack", "ali"),
            span("T2", 5, 10, "GPE", "ali"),
            span("T3", 11, 14, "GPE", "ali"),
            span("T4", 15, 18, "TIME", "ali"),
            span("T5", 0, 4, "Conflict.Attack", "mona"),
            span("T6", 5, 10, "GPE", "mona"),
            span("T7", 11, 14, "LOC", "mona"),  # a label conflict
            span("T8", 15, 17, "TIME", "mona"),  # a boundary conflict
            span("T9", 5, 10, "GPE", "gold"),
        ],
        "events": [
            {
                "id": "E1",
                "type": "Conflict.Attack",
                "trigger": "T1",
                "annotator": "ali",
                "arguments": [{"role": "Attacker", "span": "T2"}, {"role": "Place", "span": "T3"}],
            },
            {
                "id": "E2",
                "type": "Conflict.Attack",
                "trigger": "T5",
                "annotator": "mona",
                "arguments": [{"role": "Attacker", "span": "T6"}, {"role": "Target", "span": "T7"}],
            },
        ],
    }  # a role conflict
    b = {
        "id": "b",
        "text": B,
        "spans": [
            span("T1", 5, 10, "PER", "ali"),
            span("T2", 14, 19, "GPE", "ali"),
            span("T3", 5, 10, "PER", "mona"),
            span("T4", 14, 19, "GPE", "mona"),
        ],
        "relations": [
            {"id": "R1", "type": "PHYS.Located", "head": "T1", "tail": "T2", "annotator": "ali"},
            {"id": "R2", "type": "PHYS.Located", "head": "T3", "tail": "T4", "annotator": "mona"},
        ],
    }
    c = {"id": "c", "text": "نص لم يوسمه إلا علي", "spans": [span("T1", 0, 2, "GPE", "ali")]}  # one layer only
    return [orjson.dumps(d).decode() for d in (a, b, c)]


@pytest.fixture
def team_db(db, tmp_path):
    report = import_paths(db, [write_jsonl(tmp_path / "team.jsonl", *fixture_lines())])
    assert report.spans == 14 and len(report.added) == 3  # (one warning: Target takes no LOC in ACE)
    return db


def test_the_figures_are_the_hand_computed_ones(team_db):
    result = corpus_agreement(team_db)
    assert result.layers == ("ali", "mona") and result.documents == 2  # gold left out; "c" has one layer
    [pair] = result.pairs
    spans = pair.spans
    # a: ali 4 spans, mona 4, 2 exact labelled matches; b: 2 of 2 each
    assert (spans["exact"].matched, spans["exact"].reference, spans["exact"].other) == (4, 6, 6)
    assert spans["exact"].f1 == pytest.approx(8 / 12)
    assert spans["overlap"].f1 == pytest.approx(10 / 12)  # TIME [15,18) ~ [15,17)
    assert spans["exact_unlabelled"].f1 == pytest.approx(10 / 12)  # GPE ~ LOC
    assert spans["overlap_unlabelled"].f1 == pytest.approx(1.0)
    f1 = {label: score.f1 for label, score in pair.by_label.items()}
    assert f1 == pytest.approx({"Conflict.Attack": 1.0, "GPE": 4 / 5, "LOC": 0.0, "TIME": 0.0, "PER": 1.0})
    assert pair.triggers.f1 == 1.0 and pair.arguments.f1 == 0.5 and pair.relations.f1 == 1.0
    # tokens: 8, one apart (حلب GPE ~ LOC); kappa = (7/8 - 13/64) / (1 - 13/64) = 43/51
    assert pair.tokens == 8 and pair.kappa == pytest.approx(43 / 51)
    # nominal alpha, two coders, no missing: 1 - (16 - 1) * 2 / (16² - Σ n_c²) = 1 - 30/202
    assert result.alpha == pytest.approx(1 - 30 / 202)
    worst = {d.uid: (d.f1, d.disagreements) for d in result.per_document}
    assert worst == {"a": (pytest.approx(0.5), 4), "b": (1.0, 0)}


def test_alpha_is_the_librarys_with_a_layer_missing_documents(team_db, tmp_path):
    """Three layers, one of which annotated only one document: alpha over tokens with gaps, as
    the krippendorff package computes it from the same table."""
    import krippendorff

    extra = orjson.dumps({"id": "b", "text": B, "spans": [span("T1", 5, 10, "PER", "sami")]}).decode()
    import_paths(team_db, [write_jsonl(tmp_path / "sami.jsonl", extra)])
    result = corpus_agreement(team_db, layers=["ali", "mona", "sami"])
    assert [(p.reference, p.other, p.documents) for p in result.pairs] == [
        ("ali", "mona", 2),
        ("ali", "sami", 1),
        ("mona", "sami", 1),
    ]
    labels = {
        "ali": [["Conflict.Attack", "GPE", "GPE", "TIME"], ["O", "PER", "O", "GPE"]],
        "mona": [["Conflict.Attack", "GPE", "LOC", "TIME"], ["O", "PER", "O", "GPE"]],
        "sami": [[None] * 4, ["O", "PER", "O", "O"]],
    }
    codes: dict[str, int] = {}
    table = [
        [float("nan") if v is None else codes.setdefault(v, len(codes)) for doc in labels[name] for v in doc]
        for name in ("ali", "mona", "sami")
    ]
    assert result.alpha == pytest.approx(krippendorff.alpha(reliability_data=table, level_of_measurement="nominal"))


def test_token_labels_take_the_outermost_span_and_spans_after_a_clitic():
    text = "وقال رئيس بلدية حمص"
    tokens = tokenize(text)
    spans = [(5, 19, "PER"), (16, 19, "GPE"), (1, 4, "X")]  # nested GPE inside PER; X after the clitic و
    assert token_labels(tokens, spans) == ["X", "PER", "PER", "PER"]


def test_kappa_is_undefined_when_both_gave_one_label_throughout():
    assert cohen_kappa(Counter({("O", "O"): 5})) is None
    assert cohen_kappa(Counter()) is None
    assert agreement([("x", "نص", {"p": LayerDocument(), "q": LayerDocument()})], ["p", "q"]).alpha is None


def test_too_few_layers_or_an_unknown_one_is_one_line(db, tmp_path):
    import_paths(db, [write_jsonl(tmp_path / "one.jsonl", fixture_lines()[2])])
    with pytest.raises(AnnotatorError, match="agreement needs two layers; this database has 1"):
        corpus_agreement(db)
    with pytest.raises(AnnotatorError, match="no layer named 'nobody'"):
        corpus_agreement(db, layers=["ali", "nobody"])


def test_the_command_line_prints_text_json_and_csv(team_db):
    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "annotator", "--db", team_db.url, "agreement", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    text = run("--bidi", "never")
    assert "2 layers (ali, mona) over 2 documents" in text and "Krippendorff's alpha (tokens, nominal): 0.851" in text
    assert "spans F1: exact 0.667" in text and "Cohen's kappa (tokens): 0.843" in text
    assert "arguments F1 0.500" in text and "0.500     4 apart  ali ~ mona  a" in text
    data = orjson.loads(run("--output", "json"))
    assert data["krippendorff_alpha"] == pytest.approx(1 - 30 / 202)
    assert data["pairs"] == [
        {"reference": "ali", "other": "mona", "documents": 2, "tokens": 8, "cohen_kappa": pytest.approx(43 / 51)}
    ]
    rows = list(csv.DictReader(io.StringIO(run("--output", "csv"))))
    by_what = {r["what"]: r for r in rows}
    assert float(by_what["spans overlap"]["f1"]) == pytest.approx(10 / 12)
    assert float(by_what["label GPE"]["f1"]) == pytest.approx(0.8) and by_what["event arguments"]["matched"] == "1"


def test_a_layer_that_annotated_nothing_is_left_out(team_db):
    from annotator.services.assignments import assign

    assign(team_db, corpus_id=1, annotators=["cura"], document_ids=[1])  # a layer row, no annotation
    result = corpus_agreement(team_db)
    assert result.layers == ("ali", "mona") and [(p.reference, p.other) for p in result.pairs] == [("ali", "mona")]
    assert result.alpha == pytest.approx(1 - 30 / 202)
