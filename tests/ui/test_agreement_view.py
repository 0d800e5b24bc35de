"""The agreement window: measured in the background on the fixture with known disagreements,
the figures computed by hand shown per pair, per label (least agreed first) and per document;
a double-click on a document opens it in the window."""

from __future__ import annotations

from annotator.services.corpora import open_corpus
from annotator.services.importing import import_paths
from annotator.ui.main_window import MainWindow
from tests.conftest import write_jsonl
from tests.team.test_agreement import fixture_lines


def test_the_agreement_window_shows_the_figures_and_opens_a_document(qtbot, db, tmp_path):
    import_paths(db, [write_jsonl(tmp_path / "team.jsonl", *fixture_lines())])
    window = MainWindow(db, corpus=open_corpus(db), annotator="cura")
    qtbot.addWidget(window)
    window.show()
    window.actions_by_name["agreement"].trigger()
    view = window._agreement
    qtbot.waitUntil(lambda: view.measured is not None, timeout=10_000)
    row = [view.pairs.item(0, c).text() for c in range(view.pairs.columnCount())]
    assert row == ["\u2068ali ~ mona\u2069", "2", "0.667", "0.833", "0.843", "1.000", "0.500", "1.000"]
    assert "Krippendorff's alpha (tokens): 0.851" in view.summary.text()
    labels = [view.labels.item(r, 1).text() for r in range(view.labels.rowCount())]
    assert labels[:2] == ["LOC", "TIME"] and labels[-1] in ("Conflict.Attack", "PER")  # least agreed first
    assert view.documents.item(0, 0).text() == "a" and view.documents.item(0, 2).text() == "0.500"
    view.documents.cellDoubleClicked.emit(0, 0)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.document.uid == "a")
