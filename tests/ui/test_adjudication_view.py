"""The adjudication view as a curator walks it: opened from the Document menu on the agreement
fixture, keys for each choice, take back, mark adjudicated; the window shows gold after; Escape
closes it and the article has the focus again; with one layer it says why it cannot open."""

from __future__ import annotations

import orjson
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Status
from annotator.services.corpora import open_corpus
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from annotator.ui.adjudication_view import AdjudicationDialog
from annotator.ui.main_window import MainWindow
from tests.conftest import list_documents, write_jsonl
from tests.team.test_agreement import fixture_lines
from tests.ui.conftest import answer, focus


def open_window(qtbot, db, tmp_path, uid: str) -> MainWindow:
    import_paths(db, [write_jsonl(tmp_path / "team.jsonl", *fixture_lines())])
    window = MainWindow(db, corpus=open_corpus(db), annotator="cura")
    qtbot.addWidget(window)
    window.show()
    doc = next(d for d in list_documents(db, corpus_id=open_corpus(db).id) if d.uid == uid)
    window.navigator.open_document(doc.id)
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.id == doc.id)
    return window


def test_a_curator_merges_by_keys_and_the_window_shows_gold(qtbot, db, tmp_path):
    window = open_window(qtbot, db, tmp_path, "a")

    def drive(dialog: AdjudicationDialog) -> None:
        focus(qtbot, dialog)
        rows = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
        assert rows == ["1. agreed", "2. role conflict", "3. agreed", "4. label conflict", "5. boundary conflict"]
        assert dialog.tree.topLevelItem(3).text(2) == "LOC: «حلب»"  # mona's side, plain text
        qtbot.keyClick(dialog, Qt.Key.Key_G)  # every agreed place
        assert dialog.tree.topLevelItem(0).text(3) == "✓" and dialog.tree.topLevelItem(2).text(3) == "✓"
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(3))
        qtbot.keyClick(dialog, Qt.Key.Key_2)  # mona's LOC
        assert dialog.tree.currentItem() is dialog.tree.topLevelItem(4)  # on to the next place not in gold
        assert dialog.tree.topLevelItem(3).text(3) == "✓ \u2068mona\u2069"  # the side gold holds
        qtbot.keyClick(dialog, Qt.Key.Key_A)  # both TIME spans
        qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # taken back
        assert dialog.tree.topLevelItem(4).text(3) == ""
        qtbot.keyClick(dialog, Qt.Key.Key_1)  # ali's TIME [15, 18)
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # adjudicated, closed

    answer(AdjudicationDialog, drive)
    window.actions_by_name["adjudicate"].trigger()
    assert window.editor is not None and window.editor.status is Status.ADJUDICATED
    gold = {(s.start, s.end, s.label) for s in window.editor.spans.values() if s.annotator == "gold"}
    assert gold == {(0, 4, "Conflict.Attack"), (5, 10, "GPE"), (11, 14, "LOC"), (15, 18, "TIME")}
    window.activateWindow()  # back from the dialog, as a window manager gives it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.article  # the keys act on the article again
    out = tmp_path / "gold.jsonl"
    export_corpus(db, out)
    [line] = [orjson.loads(x) for x in out.read_bytes().splitlines() if b'"id":"a"' in x]
    assert {(s["start"], s["end"], s["label"]) for s in line["spans"]} == gold


def test_escape_closes_it_without_a_change(qtbot, db, tmp_path):
    window = open_window(qtbot, db, tmp_path, "b")
    version = window.editor.version if window.editor else None

    def drive(dialog: AdjudicationDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer(AdjudicationDialog, drive)
    window.actions_by_name["adjudicate"].trigger()
    assert window.editor is not None and window.editor.version == version
    assert QApplication.activeModalWidget() is None


def test_a_document_with_one_layer_says_why(qtbot, db, tmp_path):
    window = open_window(qtbot, db, tmp_path, "c")
    window.actions_by_name["adjudicate"].trigger()
    assert "needs two layers" in window.statusBar().currentMessage()
    assert QApplication.activeModalWidget() is None
