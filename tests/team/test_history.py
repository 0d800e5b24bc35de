"""The history on both databases: every change (who, when, what before and after) written in the
transaction of the change, none for a change refused, append-only; on PostgreSQL `who` is the
database user whatever the client says."""

from __future__ import annotations

import subprocess
import sys

import orjson
import pytest

from annotator.services import adjudication as adj
from annotator.services.changes import annotation_history, document_history
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.importing import import_paths
from tests.conftest import ROOT, list_documents, other_connection, write_jsonl
from tests.team.test_agreement import fixture_lines


def writer(db) -> str:
    """Who the database says writes here: the test's user on SQLite, the server's on PostgreSQL."""
    return "tester" if db.is_sqlite else "postgres"


def test_every_edit_is_recorded_with_before_and_after(db, ace, tmp_path):
    import_paths(db, [write_jsonl(tmp_path / "n.jsonl", '{"id": "n", "text": "قصفت روسيا حلب"}')])
    [doc] = list_documents(db, corpus_id=open_corpus(db).id)
    editor = DocumentEditor(db, schema=ace, annotator="tester", document_id=doc.id)
    span_id = next(iter(editor.add_span(5, 10, "GPE").spans))
    editor.update_span(span_id, label="LOC")
    editor.delete_span(span_id)
    editor.undo()  # the span comes back under its id
    entries = document_history(db, document_id=doc.id)
    assert [(e.action, e.kind, e.who) for e in entries] == [
        ("import", "document", writer(db)),
        ("add", "span", writer(db)),
        ("change", "span", writer(db)),
        ("delete", "span", writer(db)),
        ("restore", "span", writer(db)),
    ]
    assert entries[0].after == {"spans": 0, "events": 0, "relations": 0}
    assert entries[1].after["label"] == "GPE" and entries[1].before is None
    assert (entries[2].before, entries[2].after) == ({"label": "GPE"}, {"label": "LOC"})
    assert entries[3].before["span"]["label"] == "LOC" and entries[4].after["span"]["id"] == span_id
    assert [e.action for e in annotation_history(db, document_id=doc.id, kind="span", target_id=span_id)] == [
        "add",
        "change",
        "delete",
        "restore",
    ]
    assert entries[0].at <= entries[-1].at


def test_a_refused_write_leaves_no_history(db, ace, tmp_path):
    from annotator.core.errors import Stale

    import_paths(db, [write_jsonl(tmp_path / "n.jsonl", '{"id": "n", "text": "قصفت روسيا حلب"}')])
    [doc] = list_documents(db, corpus_id=open_corpus(db).id)
    editor = DocumentEditor(db, schema=ace, annotator="tester", document_id=doc.id)
    with other_connection(db) as c:
        c.execute("UPDATE document_state SET sha256 = 'other' WHERE document_id = ?", (doc.id,))
    with pytest.raises(Stale):
        editor.add_span(5, 10, "GPE")
    assert [e.action for e in document_history(db, document_id=doc.id)] == ["import"]


def test_the_history_cannot_be_changed_or_removed(db, tmp_path):
    import_paths(db, [write_jsonl(tmp_path / "n.jsonl", '{"id": "n", "text": "نص"}')])
    with other_connection(db) as c:
        for statement in ("UPDATE history SET who = 'someone else'", "DELETE FROM history"):
            with pytest.raises(Exception, match="append-only"):
                c.execute(statement)
        assert c.execute("SELECT count(*) FROM history").fetchone() == (1,)


def test_accepting_into_gold_is_recorded_as_the_curators(db, ace, tmp_path):
    import_paths(db, [write_jsonl(tmp_path / "team.jsonl", *fixture_lines())])
    doc = next(d for d in list_documents(db, corpus_id=open_corpus(db).id) if d.uid == "b")
    session = adj.open_adjudication(db, schema=ace, document_id=doc.id)
    adj.accept_agreed(session)
    adj.undo(session)
    actions = [(e.action, e.kind, e.who) for e in document_history(db, document_id=doc.id)][1:]
    assert actions == [("accept into gold", k, writer(db)) for k in ("span", "span", "relation")] + [
        ("take back from gold", k, writer(db)) for k in ("relation", "span", "span")
    ]


def test_on_postgresql_who_is_the_database_user_whatever_the_client_writes(postgres_url, tmp_path):
    from annotator.store.database import Database

    db = Database.open(postgres_url)
    import_paths(db, [write_jsonl(tmp_path / "n.jsonl", '{"id": "n", "text": "نص"}')])
    db.close()
    with other_connection(postgres_url) as c:
        c.execute("INSERT INTO history (document_id, who, action, kind) VALUES (1, 'forged', 'add', 'span')")
        assert c.execute("SELECT who FROM history ORDER BY id").fetchall() == [("postgres",), ("postgres",)]


def test_the_command_line_prints_a_documents_history(db, ace, tmp_path):
    import_paths(db, [write_jsonl(tmp_path / "n.jsonl", '{"id": "n", "text": "قصفت روسيا حلب"}')])
    [doc] = list_documents(db, corpus_id=open_corpus(db).id)
    DocumentEditor(db, schema=ace, annotator="tester", document_id=doc.id).add_span(5, 10, "GPE")
    run = [sys.executable, "-m", "annotator", "--db", db.url, "history", "n"]
    text = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert len(lines) == 2 and f"{writer(db):<12} import document" in lines[0] and "add span" in lines[1]
    assert '"label":"GPE"' in lines[1]
    as_json = subprocess.run([*run, "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert [orjson.loads(line)["action"] for line in as_json.stdout.splitlines()] == ["import", "add"]
