"""The same data on PostgreSQL (for teams), when ANNOTATOR_TEST_POSTGRES names an empty
database, e.g. postgresql+psycopg://postgres@127.0.0.1:55432/annot. Skipped otherwise."""

import os

import pytest
from sqlalchemy import text

from annotator.core.errors import Stale
from annotator.core.model import Status
from annotator.services.annotations import list_documents
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from annotator.services.stats import corpus_stats
from annotator.store.database import Database
from tests.conftest import GOLD

URL = os.environ.get("ANNOTATOR_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="ANNOTATOR_TEST_POSTGRES is not set")


@pytest.fixture
def pg():
    db = Database.open(URL)
    yield db
    with db.engine.begin() as c:
        c.execute(text("DROP TABLE IF EXISTS event_arguments, relations, events, spans, document_state, documents, "
                       "annotators, corpus_state, corpora, alembic_version CASCADE"))
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
    # the same writes' checks on PostgreSQL: a change made elsewhere first is refused, not lost
    with pg.engine.begin() as c:
        c.execute(text("UPDATE spans SET label = 'ORG' WHERE id = :i"), {"i": span_id})
    with pytest.raises(Stale):
        editor.update_span(span_id, label="PER")
    assert import_paths(pg, [GOLD]).unchanged and again.document.sha256 == editor.document.sha256
