"""The running counts behind `annotator stats`, and each document's span count behind the corpus
pane's sort, stay equal to counting the rows, whatever writes: imports and merges, the window's
actions with undo and redo, another process, a replaced text, a deleted document."""

import subprocess
import sys
from pathlib import Path

import orjson

from annotator.core.listing import DocumentQuery
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.importing import import_paths
from annotator.services.stats import corpus_stats
from tests.conftest import GOLD, list_documents, other_connection, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def assert_tallies_count_the_rows(db) -> None:
    corpus = open_corpus(db)
    tallied = corpus_stats(db)
    counted = corpus_stats(db, listing=DocumentQuery(corpus.id))  # counts the rows themselves
    assert tallied == counted
    c = other_connection(db)
    assert sum(tallied.spans_by_label.values()) == c.execute("SELECT count(*) FROM spans").fetchone()[0]
    kept = c.execute("SELECT document_id, corpus_id, spans FROM document_state ORDER BY 1").fetchall()
    assert (
        kept
        == c.execute(
            "SELECT d.id, d.corpus_id, count(s.id) FROM documents d LEFT JOIN spans s "
            "ON s.document_id = d.id GROUP BY d.id ORDER BY 1"
        ).fetchall()
    )
    assert any(n for _, _, n in kept)


def test_tallies_follow_every_kind_of_write(db, ace, tmp_path):
    import_paths(db, [GOLD])
    assert_tallies_count_the_rows(db)
    seed = next(d for d in list_documents(db, corpus_id=open_corpus(db).id) if d.uid.startswith("000_"))
    editor = DocumentEditor(db, schema=ace, annotator="second", document_id=seed.id)
    start = editor.text.index("الجمعة")
    span = next(iter(editor.add_span(start, start + 6, "TIME").spans))
    editor.update_span(span, label="LOC")
    trigger = next(
        iter(editor.add_trigger(editor.text.index("إنقاذ"), editor.text.index("إنقاذ") + 5, "Conflict.Attack").spans)
    )
    event = next(iter(editor.events))
    editor.delete_event(event)
    other = next(s.id for s in editor.spans.values() if s.label == "GPE")
    editor.add_relation("PART-WHOLE.Geographical", span, other)
    editor.delete_span(trigger, cascade=True)
    assert_tallies_count_the_rows(db)
    editor.undo()
    editor.undo()
    editor.redo()
    assert_tallies_count_the_rows(db)
    line = orjson.loads(GOLD.read_bytes().splitlines()[2])  # merged: spans added to a stored document
    line["spans"].append({"id": "T99", "start": 0, "end": 3, "label": "ORG", "annotator": "merger"})
    import_paths(db, [write_jsonl(tmp_path / "more.jsonl", orjson.dumps(line).decode())])
    replaced = write_jsonl(tmp_path / "new.jsonl", '{"id": "fresh", "text": "نص أول"}')
    import_paths(db, [replaced])
    import_paths(
        db,
        [
            write_jsonl(
                tmp_path / "new2.jsonl",
                '{"id": "fresh", "text": "نص آخر", "spans": [{"start": 0, "end": 2, "label": "PER"}]}',
            )
        ],
    )  # a text without annotations replaced
    subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "--db",
            db.url,
            "import",
            "--corpus",
            "default",
            str(
                write_jsonl(
                    tmp_path / "third.jsonl",
                    '{"id": "by-script", "text": "خبر", "spans": [{"start": 0, "end": 3, "label": "GPE"}]}',
                )
            ),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert_tallies_count_the_rows(db)
    with other_connection(db) as c:  # a document removed with its annotations
        # (its events first: PostgreSQL checks that no argument uses a span before it has
        # cascaded the events' removal to their arguments)
        c.execute("DELETE FROM events WHERE document_id = (SELECT id FROM documents WHERE uid = ?)", (seed.uid,))
        c.execute("DELETE FROM documents WHERE uid = ?", (seed.uid,))
    assert_tallies_count_the_rows(db)
