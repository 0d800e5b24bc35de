"""On PostgreSQL a committed write is told at once to every listener, a rolled-back one never;
an open window shows another program's span without waiting for its poll."""

from __future__ import annotations

import pytest

from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.importing import import_paths
from annotator.services.live import listen
from annotator.store.database import Database
from tests.conftest import GOLD, list_documents, other_connection


@pytest.fixture
def pg(postgres_url):
    db = Database.open(postgres_url)
    import_paths(db, [GOLD])
    yield db
    db.close()


def test_a_commit_is_told_and_a_rollback_is_not(pg, ace):
    listener = listen(pg)
    assert listener is not None
    try:
        corpus = open_corpus(pg).id
        doc = list_documents(pg, corpus_id=corpus)[0]
        other = Database.open(pg.url)
        DocumentEditor(other, schema=ace, annotator="ali", document_id=doc.id).add_span(0, 3, "GPE")
        assert listener.changes(timeout=10) == {corpus}
        with pytest.raises(Exception, match="rolled back on purpose"), other.write() as session:
            session.connection().exec_driver_sql("UPDATE corpus_state SET version = version + 1")
            raise RuntimeError("rolled back on purpose")
        assert listener.changes(timeout=0.5) == set()
        other.close()
    finally:
        listener.close()


def test_sqlite_has_no_listener(tmp_path):
    db = Database.open(f"sqlite:///{tmp_path / 'a.db'}")
    assert listen(db) is None
    db.close()


def test_the_window_shows_another_programs_span_at_once(qtbot, pg, monkeypatch):
    from annotator.ui import main_window
    from annotator.ui.main_window import MainWindow

    monkeypatch.setattr(main_window, "LISTENING_POLL_MS", 3_600_000)  # no poll could find it in time
    window = MainWindow(pg, corpus=open_corpus(pg), annotator="postgres")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.editor is not None, timeout=10_000)
    editor = window.editor
    assert editor is not None
    before = len(editor.spans)
    with other_connection(pg) as c:  # another program adds a span and bumps the counters, as a write does
        c.execute(
            'INSERT INTO spans (document_id, start, "end", label, attributes, annotator_id) '
            "VALUES (?, 0, 1, 'GPE', '{}', (SELECT id FROM annotators WHERE name = 'gold'))",
            (editor.id,),
        )
        c.execute("UPDATE document_state SET version = version + 1 WHERE document_id = ?", (editor.id,))
        c.execute("UPDATE corpus_state SET version = version + 1")
    qtbot.waitUntil(lambda: window.editor is not None and len(window.editor.spans) == before + 1, timeout=5_000)
