"""Layers: every annotation belongs to one (an annotator's own, gold, a model's); imports say
which they fill, exports take gold where a document has it, any layer on request; databases
from before layers upgrade with each annotation in its annotator's layer."""

from __future__ import annotations

import orjson
import pytest

from annotator.services.exporting import Filters, export_corpus
from annotator.services.importing import import_paths
from annotator.store.database import Database
from tests.conftest import GOLD, other_connection, write_jsonl


def layers(db: Database) -> dict[str, str]:
    with other_connection(db) as c:
        return dict(c.execute("SELECT name, kind FROM annotators ORDER BY name").fetchall())


def spans_by_layer(path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in path.read_bytes().splitlines():
        for span in orjson.loads(line)["spans"]:
            counts[span["annotator"]] = counts.get(span["annotator"], 0) + 1
    return counts


def ali_copy(tmp_path, first_of_gold: dict) -> dict:
    """The first gold document as another annotator would have it: two of its spans, relabelled."""
    spans = [
        {"start": s["start"], "end": s["end"], "label": "ORG", "annotator": "someone-else"}
        for s in first_of_gold["spans"][:2]
    ]
    return {"id": first_of_gold["id"], "text": first_of_gold["text"], "spans": spans}


def test_imports_fill_the_layer_named_and_exports_take_gold_first(db, tmp_path):
    import_paths(db, [GOLD])
    assert layers(db) == {"gold": "gold"}
    first = orjson.loads(GOLD.read_bytes().splitlines()[0])
    source = write_jsonl(tmp_path / "ali.jsonl", orjson.dumps(ali_copy(tmp_path, first)).decode())
    report = import_paths(db, [source], layer="ali")
    assert report.spans == 2 and layers(db) == {"ali": "person", "gold": "gold"}

    default = tmp_path / "default.jsonl"
    export_corpus(db, default)
    assert default.read_bytes() == GOLD.read_bytes()  # gold where a document has it: as imported
    only_ali = tmp_path / "ali-out.jsonl"
    export_corpus(db, only_ali, filters=Filters(annotators=["ali"]))
    assert spans_by_layer(only_ali) == {"ali": 2}
    everything = tmp_path / "all.jsonl"
    export_corpus(db, everything, filters=Filters(gold_first=False))
    assert spans_by_layer(everything) == {"gold": 52, "ali": 2}


def test_a_document_without_gold_exports_every_layer(db, tmp_path):
    source = write_jsonl(
        tmp_path / "two.jsonl",
        orjson.dumps(
            {
                "id": "d",
                "text": "قصفت روسيا حلب",
                "spans": [
                    {"start": 5, "end": 10, "label": "GPE", "annotator": "ali"},
                    {"start": 11, "end": 14, "label": "GPE", "annotator": "mona"},
                ],
            }
        ).decode(),
    )
    import_paths(db, [source])
    out = tmp_path / "out.jsonl"
    export_corpus(db, out)
    assert spans_by_layer(out) == {"ali": 1, "mona": 1}
    assert layers(db) == {"ali": "person", "mona": "person"}


def test_the_command_line_names_layers(db, tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "annotator", "--db", db.url, *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )

    assert run("import", "--layer", "gold", str(GOLD)).returncode == 0
    first = orjson.loads(GOLD.read_bytes().splitlines()[0])
    source = write_jsonl(tmp_path / "ali.jsonl", orjson.dumps(ali_copy(tmp_path, first)).decode())
    assert run("import", "--layer", "ali", str(source)).returncode == 0
    out = tmp_path / "ali-out.jsonl"
    done = run("export", "-o", str(out), "--layer", "ali")
    assert done.returncode == 0, done.stderr
    assert spans_by_layer(out) == {"ali": 2}
    assert run("export", "-o", str(out), "--all-layers").returncode == 0
    assert spans_by_layer(out) == {"gold": 52, "ali": 2}


def test_a_database_from_before_layers_upgrades_into_them(empty_db_url):
    old = Database(empty_db_url)
    old.migrate("0009")
    with other_connection(empty_db_url) as c:
        c.execute("INSERT INTO corpora (name, schema_name, schema_json) VALUES ('default', 'ace2005', '{}')")
        c.execute("INSERT INTO annotators (name) VALUES ('gold'), ('ali')")
        c.execute(
            "INSERT INTO documents (corpus_id, uid, text, sha256, extra, status) "
            "VALUES (1, 'd', 'قصفت روسيا حلب', 'x', '{}', 'new')"
        )
        c.execute("INSERT INTO document_state (document_id, sha256, length, corpus_id) VALUES (1, 'x', 14, 1)")
        c.execute(
            'INSERT INTO spans (document_id, start, "end", label, attributes, annotator_id) '
            "VALUES (1, 5, 10, 'GPE', '{}', 1), (1, 5, 10, 'GPE', '{}', 2)"
        )
    old.close()
    db = Database.open(empty_db_url)
    try:
        assert layers(db) == {"ali": "person", "gold": "gold"}
        with other_connection(db) as c:
            assert c.execute(
                "SELECT a.name FROM spans s JOIN annotators a ON a.id = s.annotator_id ORDER BY s.id"
            ).fetchall() == [("gold",), ("ali",)]
    finally:
        db.close()


@pytest.mark.parametrize("name, kind", [("gold", "gold"), ("Gold", "person"), ("ali", "person")])
def test_a_layer_made_by_a_first_label_gets_its_kind(db, tmp_path, ace, name, kind):
    from annotator.services.corpora import open_corpus
    from annotator.services.editing import DocumentEditor
    from tests.conftest import list_documents

    import_paths(db, [write_jsonl(tmp_path / "n.jsonl", '{"id": "n", "text": "قصفت روسيا حلب"}')])
    [doc] = list_documents(db, corpus_id=open_corpus(db).id)
    DocumentEditor(db, schema=ace, annotator=name, document_id=doc.id).add_span(5, 10, "GPE")
    assert layers(db) == {name: kind}
