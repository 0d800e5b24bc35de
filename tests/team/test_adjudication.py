"""Adjudication on both databases: the layers of the agreement fixture aligned with each kind of
difference marked; accepting one side, both, or everything agreed fills gold in one transaction
a choice; undo takes a choice back; the gold export is exactly what was accepted."""

from __future__ import annotations

import orjson
import pytest

from annotator.core.alignment import AlignedSpan, Verdict
from annotator.core.errors import AnnotatorError
from annotator.core.model import Status
from annotator.services import adjudication as adj
from annotator.services.corpora import open_corpus
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from tests.conftest import list_documents, write_jsonl
from tests.team.test_agreement import fixture_lines


@pytest.fixture
def documents(db, tmp_path):
    import_paths(db, [write_jsonl(tmp_path / "team.jsonl", *fixture_lines())])
    return {d.uid: d.id for d in list_documents(db, corpus_id=open_corpus(db).id)}


def spans_of(group) -> list[tuple[str, int, int, str]]:
    return [(i.layer, i.start, i.end, i.label) for i in group.items if isinstance(i, AlignedSpan)]


def gold_export(db, tmp_path) -> dict[str, dict]:
    out = tmp_path / "gold.jsonl"
    export_corpus(db, out)
    return {d["id"]: d for d in map(orjson.loads, out.read_bytes().splitlines())}


def test_each_difference_is_marked(db, ace, documents):
    a = adj.open_adjudication(db, schema=ace, document_id=documents["a"])
    assert a.layers == ("ali", "mona")  # gold is not a side
    found = [(g.kind, g.start, g.verdict) for g in a.groups]
    assert found == [
        ("span", 0, Verdict.AGREED),
        ("event", 0, Verdict.ROLES),
        ("span", 5, Verdict.AGREED),
        ("span", 11, Verdict.LABEL),
        ("span", 15, Verdict.BOUNDARY),
    ]
    c = adj.open_adjudication(db, schema=ace, document_id=documents["b"], layers=["ali", "mona", "gold"])
    assert {g.verdict for g in c.groups} == {Verdict.MISSING}  # gold has nothing in b
    assert c.groups[0].missing == ("gold",)
    with pytest.raises(AnnotatorError, match="needs two layers"):
        adj.open_adjudication(db, schema=ace, document_id=documents["c"])


def test_choices_fill_gold_and_undo_takes_them_back(db, ace, documents, tmp_path):
    a = adj.open_adjudication(db, schema=ace, document_id=documents["a"])
    agreed = adj.accept_agreed(a)
    # the trigger span is new in gold; GPE [5, 10) was there already (imported gold): used, not copied
    assert [(s.start, s.end, s.label) for s in agreed.spans] == [(0, 4, "Conflict.Attack")]
    assert all(a.in_gold(g) for g in a.groups if g.verdict is Verdict.AGREED)
    label = next(g for g in a.groups if g.verdict is Verdict.LABEL)
    adj.accept_layer(a, label, "mona")
    boundary = next(g for g in a.groups if g.verdict is Verdict.BOUNDARY)
    adj.accept(a, boundary.items)  # both
    roles = next(g for g in a.groups if g.verdict is Verdict.ROLES)
    event = adj.accept_layer(a, roles, "ali")  # ali's Place is GPE [11, 14): a new gold span with it
    assert [(s.start, s.end, s.label) for s in event.spans] == [(11, 14, "GPE")] and len(event.events) == 1
    assert adj.undo(a) == event
    adj.finish(a)
    assert a.document.status is Status.ADJUDICATED
    gold = gold_export(db, tmp_path)["a"]
    assert [(s["start"], s["end"], s["label"]) for s in gold["spans"]] == [
        (0, 4, "Conflict.Attack"),
        (5, 10, "GPE"),
        (11, 14, "LOC"),
        (15, 17, "TIME"),
        (15, 18, "TIME"),
    ]
    assert {s["annotator"] for s in gold["spans"]} == {"gold"} and gold["events"] == []
    assert gold["meta"]["status"] == "adjudicated"


def test_an_agreed_document_goes_to_gold_whole(db, ace, documents, tmp_path):
    b = adj.open_adjudication(db, schema=ace, document_id=documents["b"])
    copied = adj.accept_agreed(b)
    assert len(copied.spans) == 2 and len(copied.relations) == 1
    assert adj.accept_agreed(b).spans == ()  # nothing more to copy: accepting twice adds nothing
    exported = gold_export(db, tmp_path)["b"]
    assert [(s["start"], s["end"], s["label"], s["annotator"]) for s in exported["spans"]] == [
        (5, 10, "PER", "gold"),
        (14, 19, "GPE", "gold"),
    ]
    assert [(r["type"], r["head"], r["tail"]) for r in exported["relations"]] == [("PHYS.Located", "T1", "T2")]


def test_a_choice_made_on_an_outdated_text_is_refused(db, ace, documents, tmp_path):
    from annotator.core.errors import Stale

    a = adj.open_adjudication(db, schema=ace, document_id=documents["a"])
    from tests.conftest import other_connection

    with other_connection(db) as c:  # another program changed the text's checksum meanwhile
        c.execute("UPDATE document_state SET sha256 = 'changed' WHERE document_id = ?", (documents["a"],))
    with pytest.raises(Stale):
        adj.accept_agreed(a)


def test_the_command_line_lists_places_and_accepts_choices(db, documents, tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "annotator", "--db", db.url, "adjudicate", "--bidi", "never", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    listed = run("a")
    assert "  4. span     label conflict" in listed and "       mona         LOC [11, 14) «حلب»" in listed
    assert "  2. event    role conflict" in listed
    after = run("a", "--accept-agreed", "--accept", "4:mona", "--accept", "5:all", "--finish")
    assert "accepted what the layers agree on: 1 spans" in after and "adjudicated" in after.splitlines()[1]
    assert after.count("in gold") == 4  # the two agreed spans, the label and the boundary conflicts
    gold = gold_export(db, tmp_path)["a"]
    assert [(s["start"], s["end"], s["label"]) for s in gold["spans"]] == [
        (0, 4, "Conflict.Attack"),
        (5, 10, "GPE"),
        (11, 14, "LOC"),
        (15, 17, "TIME"),
        (15, 18, "TIME"),
    ]
    bad = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", db.url, "adjudicate", "a", "--accept", "9:x"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert bad.returncode == 1 and bad.stderr.splitlines() == [
        "error: '9:x': give N:LAYER with N from 1 to 5 and LAYER one of ali, mona, or all"
    ]
