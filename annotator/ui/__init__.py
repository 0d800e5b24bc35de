"""The PySide6 window. Tests build it in-process:

from annotator.ui import create_main_window
window = create_main_window(db_url)
window.navigator.open_document(document_id)
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from annotator.core.model import DEFAULT_CORPUS
from annotator.services.corpora import annotator_for, open_corpus, open_database
from annotator.services.importing import import_sample_corpus_if_empty
from annotator.ui.main_window import MainWindow


def create_main_window(db_url: str, *, corpus: str = DEFAULT_CORPUS, annotator: str | None = None) -> MainWindow:
    """The main window on a database (the sample corpus is imported into an empty one)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create a QApplication first")
    from annotator.ui.app import prepare

    prepare(app)
    db = open_database(db_url, interactive=True)
    import_sample_corpus_if_empty(db, corpus=corpus)
    return MainWindow(db, corpus=open_corpus(db, name=corpus), annotator=annotator or annotator_for(db))
