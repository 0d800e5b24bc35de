"""The same data on PostgreSQL (for teams), on the test session's own server (tests/conftest.py)."""

import pytest
from sqlalchemy import text

from annotator.core.errors import Stale
from annotator.core.listing import Column, DocumentQuery
from annotator.core.model import Status
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from annotator.services.search import Kind, SearchQuery, search
from annotator.services.stats import corpus_stats
from annotator.store.database import Database
from annotator.store.document_pages import DocumentPages
from tests.conftest import GOLD, list_documents


@pytest.fixture
def pg(postgres_url):
    db = Database.open(postgres_url)
    yield db
    db.close()


def test_round_trip_editing_and_stats_on_postgres(pg, tmp_path, ace):
    report = import_paths(pg, [GOLD])
    assert (len(report.added), report.spans, report.events, report.relations) == (5, 52, 8, 4)
    out = tmp_path / "pg.jsonl"
    export_corpus(pg, out)
    assert out.read_bytes() == GOLD.read_bytes()

    seed = next(d for d in list_documents(pg, corpus_id=open_corpus(pg).id) if d.uid.startswith("000_"))
    editor = DocumentEditor(pg, schema=ace, annotator="pg", document_id=seed.id)
    start = editor.text.index("الجمعة")
    span_id = next(iter(editor.add_span(start, start + 6, "TIME").spans))
    used = next(a.span_id for e in editor.events.values() for a in e.arguments)
    editor.delete_span(used, cascade=True)
    editor.undo()
    editor.set_status(Status.REVIEWED)
    again = DocumentEditor(pg, schema=ace, annotator="pg", document_id=seed.id)
    assert again.spans[span_id].label == "TIME" and used in again.spans
    assert again.events == editor.events
    assert corpus_stats(pg).spans_by_label["TIME"] == 5
    assert corpus_stats(pg) == corpus_stats(pg, listing=DocumentQuery(open_corpus(pg).id))  # tallies = rows
    # the same writes' checks on PostgreSQL: a change made elsewhere first is refused, not lost
    with pg.engine.begin() as c:
        c.execute(text("UPDATE spans SET label = 'ORG' WHERE id = :i"), {"i": span_id})
    with pytest.raises(Stale):
        editor.update_span(span_id, label="PER")
    assert import_paths(pg, [GOLD]).unchanged and again.document.sha256 == editor.document.sha256
    assert corpus_stats(pg) == corpus_stats(pg, listing=DocumentQuery(open_corpus(pg).id))
    shown = {}
    for column in (Column.DATE, Column.STATUS, Column.SPANS):  # (span counts kept by PL/pgSQL triggers)
        pages = DocumentPages(pg, DocumentQuery(open_corpus(pg).id, column=column, descending=True))
        shown[column] = [pages.row(i) for i in range(pages.count())]
        assert [pages.position(d.id) for d in shown[column]] == [0, 1, 2, 3, 4]
    places = [list(Status).index(d.status) for d in shown[Column.STATUS]]  # workflow order, reversed
    assert places == sorted(places, reverse=True) and shown[Column.STATUS][0].status is Status.REVIEWED
    by_spans = [(d.spans, d.id) for d in shown[Column.SPANS]]
    assert by_spans == sorted(by_spans, reverse=True)
    with pg.engine.connect() as c:
        assert by_spans == sorted(
            c.execute(
                text(
                    "SELECT count(s.id), d.id FROM documents d LEFT JOIN spans s ON s.document_id = d.id GROUP BY d.id"
                )
            ).all(),
            reverse=True,
        )


def test_corpus_search_on_postgres(pg):
    import_paths(pg, [GOLD])
    corpus = open_corpus(pg).id
    found = search(pg, corpus_id=corpus, query=SearchQuery("حمص"))
    texts = {d.id: d for d in list_documents(pg, corpus_id=corpus)}
    assert found.complete and len(found.hits) == 4 and found.documents == 1
    assert all(texts[h.document_id].uid == h.uid for h in found.hits)
    assert search(pg, corpus_id=corpus, query=SearchQuery("مستشفى", letters=False)).hits  # strict spelling
    spans = search(pg, corpus_id=corpus, query=SearchQuery("بشار", Kind.SPANS, "PER"))
    assert spans.hits and all(h.label == "PER" for h in spans.hits)
    events = search(pg, corpus_id=corpus, query=SearchQuery("", Kind.EVENTS, "Conflict.Attack"))
    assert [h.label for h in events.hits] == ["Conflict.Attack"] * 2
    with pg.engine.connect() as c:  # the index the LIKE uses, when pg_trgm could be created
        indexes = c.execute(text("SELECT indexdef FROM pg_indexes WHERE tablename = 'document_search'")).scalars().all()
    assert any("gin_trgm_ops" in i for i in indexes)


def test_an_older_database_gets_its_search_index_on_postgres(postgres):
    name = postgres.new_database()
    url = postgres.url(name)
    old = Database(url)
    old.migrate("0003")
    with old.engine.begin() as c:
        c.execute(text("INSERT INTO corpora (name, schema_name, schema_json) VALUES ('default', 'ace2005', '{}')"))
        c.execute(
            text(
                "INSERT INTO documents (corpus_id, uid, text, sha256, extra, status) "
                "VALUES (1, 'd1', 'خبر عن دمشق 🙂 اليوم', 'x', '{}', 'new')"
            )
        )
    old.close()
    db = Database.open(url)
    try:
        found = search(db, corpus_id=1, query=SearchQuery("دمشق"))
        assert [(h.uid, h.start, h.end) for h in found.hits] == [("d1", 7, 11)]
    finally:
        db.close()
        postgres.drop_database(name)
