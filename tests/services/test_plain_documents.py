"""What a new user does first, on both databases: documents without annotations imported (one,
a folder of .txt, a thousand), the first label on a new document, a search with a NUL, and a
driver's message of several lines printed as one. Each failed on PostgreSQL before: an insert
of no rows made a row of NULLs, the status UPDATE was read as rows."""

from __future__ import annotations

import shutil
import subprocess
import sys

import orjson
import pytest

from annotator.core.errors import one_line
from annotator.core.model import Status
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.importing import import_paths
from annotator.services.search import Kind, SearchQuery, search
from tests.conftest import ROOT, SEED, list_documents, other_connection, write_jsonl


def test_documents_without_spans_are_imported(db, tmp_path):
    one = write_jsonl(tmp_path / "one.jsonl", '{"id": "a", "text": "روسيا قالت"}')
    assert len(import_paths(db, [one]).added) == 1
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    report = import_paths(db, [folder], clean=True)
    assert len(report.added) == 1 and report.spans == 0
    (folder / "second.txt").write_text("خبر ثانٍ عن حمص 🙂", encoding="utf-8")
    assert len(import_paths(db, [folder / "second.txt"]).added) == 1
    many = tmp_path / "many.jsonl"
    many.write_bytes(
        b"".join(orjson.dumps({"id": f"m{i}", "text": f"خبر رقم {i} عن دمشق"}) + b"\n" for i in range(1000))
    )
    assert len(import_paths(db, [many]).added) == 1000
    with other_connection(db) as c:
        assert c.execute("SELECT count(*) FROM documents").fetchone() == (1003,)
        assert c.execute("SELECT count(*) FROM spans").fetchone() == (0,)


def test_the_first_label_on_a_new_document_moves_it_on(db, tmp_path, ace):
    import_paths(db, [write_jsonl(tmp_path / "new.jsonl", '{"id": "n", "text": "قصفت روسيا حلب"}')])
    [doc] = list_documents(db, corpus_id=open_corpus(db).id)
    assert doc.status is Status.NEW
    editor = DocumentEditor(db, schema=ace, annotator="tester", document_id=doc.id)
    editor.add_span(5, 10, "GPE")
    again = DocumentEditor(db, schema=ace, annotator="tester", document_id=doc.id)
    assert again.status is Status.IN_PROGRESS
    assert [(s.start, s.end, s.label) for s in again.spans.values()] == [(5, 10, "GPE")]


def test_a_nul_in_a_search_finds_nothing(db):
    import_paths(db, [SEED])
    corpus = open_corpus(db).id
    for query in (SearchQuery("روسيا\0"), SearchQuery("\0", Kind.SPANS), SearchQuery("", Kind.EVENTS, "Conflict\0")):
        assert search(db, corpus_id=corpus, query=query).hits == []
    assert search(db, corpus_id=corpus, query=SearchQuery("روسيا")).hits


def test_a_message_of_several_lines_is_one():
    message = 'null value in column "document_id"\nDETAIL:  Failing row contains (1, null).\n  HINT: x\n'
    assert one_line(message) == 'null value in column "document_id"; DETAIL: Failing row contains (1, null).; HINT: x'


def test_a_database_error_on_the_command_line_is_one_line(db, tmp_path):
    """Another program took the id an import will write: the driver's error, of several lines on
    PostgreSQL, is printed on one line."""
    with other_connection(db) as c:
        c.execute("CREATE TABLE blocker (x INTEGER)")
        c.execute("DROP TABLE corpus_state")  # (a damaged database: the import's write fails)
    source = write_jsonl(tmp_path / "a.jsonl", '{"id": "a", "text": "نص"}')
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", db.url, "import", str(source)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("error: database: ") and "\\x0a" not in line and "Traceback" not in line


@pytest.mark.parametrize("text", ["عربي", "Homs"])
def test_the_corpus_filter_minds_no_case_on_either_database(db, tmp_path, text):
    import_paths(db, [write_jsonl(tmp_path / "t.jsonl", '{"id": "x", "meta": {"title": "HOMS عربي"}, "text": "نص"}')])
    from annotator.core.listing import DocumentQuery
    from annotator.store.document_pages import DocumentPages

    pages = DocumentPages(db, DocumentQuery(open_corpus(db).id, text=text.lower()))
    assert [pages.row(i).uid for i in range(pages.count())] == ["x"]
