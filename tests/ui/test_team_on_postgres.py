"""A team on one PostgreSQL database, as the issue's "done when" walks it: two database users
annotate the same three documents blind in two windows; their agreement is measured; a curator
merges them in the adjudication view; the gold export is exactly what was accepted."""

from __future__ import annotations

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.services.agreement import corpus_agreement
from annotator.services.corpora import annotator_for, open_corpus
from annotator.services.exporting import export_corpus
from annotator.ui.adjudication_view import AdjudicationDialog
from annotator.ui.main_window import MainWindow
from tests.conftest import GOLD, team_databases, write_jsonl
from tests.ui.conftest import answer, double_click, focus, open_uid, press

TEXTS = [orjson.loads(line) for line in GOLD.read_bytes().splitlines()[:3]]
# what each annotator labels in each document: (word, key); mona differs on the second's label
# and picks another word in the third
PLAN = {
    "ali": [("روسيا", Qt.Key.Key_G), ("الشرطة", Qt.Key.Key_O), ("الرياض", Qt.Key.Key_G)],
    "mona": [("روسيا", Qt.Key.Key_G), ("الشرطة", Qt.Key.Key_P), ("لبنان", Qt.Key.Key_G)],
}


@pytest.fixture
def team(postgres, postgres_url, tmp_path):
    plain = [orjson.dumps({"id": t["id"], "text": t["text"]}).decode() for t in TEXTS]  # no annotations yet
    with team_databases(postgres, postgres_url, write_jsonl(tmp_path / "three.jsonl", *plain)) as databases:
        yield databases


def test_two_users_blind_then_a_curator_merges_into_gold(qtbot, team, tmp_path):
    admin, users = team
    windows = {}
    for user in ("ali", "mona"):
        db = users[user]
        window = MainWindow(db, corpus=open_corpus(db), annotator=annotator_for(db))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitUntil(lambda window=window: window.documents.model.rowCount() == 3)
        windows[user] = window
    for user, window in windows.items():
        window.activateWindow()  # the analyst clicks into their window
        qtbot.waitUntil(lambda window=window: QApplication.activeWindow() is window)
        for text, (word, key) in zip(TEXTS, PLAN[user], strict=True):
            body = open_uid(window, text["id"])
            double_click(qtbot, window, body.index(word) + 2)
            press(qtbot, window, key)
    for user, window in windows.items():  # blind: each window holds its own layer only
        for text in TEXTS:
            open_uid(window, text["id"])
            assert window.editor is not None and {s.annotator for s in window.editor.spans.values()} == {user}

    result = corpus_agreement(admin)
    [pair] = result.pairs
    assert (pair.reference, pair.other, pair.documents) == ("ali", "mona", 3)
    assert pair.spans["exact"].matched == 1 and pair.spans["exact_unlabelled"].matched == 2

    curator = MainWindow(users["cura"], corpus=open_corpus(users["cura"]), annotator="cura")
    qtbot.addWidget(curator)
    curator.show()
    curator.activateWindow()
    qtbot.waitUntil(lambda: curator.documents.model.rowCount() == 3 and QApplication.activeWindow() is curator)
    accepted: dict[str, set[tuple[int, int, str]]] = {}
    for number, text in enumerate(TEXTS):
        open_uid(curator, text["id"])

        def choose(dialog: AdjudicationDialog, number: int = number) -> None:
            focus(qtbot, dialog)
            qtbot.keyClick(dialog, Qt.Key.Key_G)  # what they agree on
            for row in range(dialog.tree.topLevelItemCount()):
                if dialog.tree.topLevelItem(row).text(3) != "✓":
                    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(row))
                    qtbot.keyClick(dialog, Qt.Key.Key_1 if number == 1 else Qt.Key.Key_A)  # ali's label; both words
            qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

        answer(AdjudicationDialog, choose)
        curator.actions_by_name["adjudicate"].trigger()
        assert curator.editor is not None
        accepted[text["id"]] = {
            (s.start, s.end, s.label) for s in curator.editor.spans.values() if s.annotator == "gold"
        }
    out = tmp_path / "gold.jsonl"
    export_corpus(admin, out)
    exported = {
        d["id"]: {(s["start"], s["end"], s["label"]) for s in d["spans"]}
        for d in map(orjson.loads, out.read_bytes().splitlines())
    }
    assert exported == accepted
    assert [len(accepted[t["id"]]) for t in TEXTS] == [1, 1, 2]
    assert all(d["meta"]["status"] == "adjudicated" for d in map(orjson.loads, out.read_bytes().splitlines()))
