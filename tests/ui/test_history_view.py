"""An annotation's history in the window: label a word, relabel it, and Ctrl+Shift+H lists both
changes with who made them, before and after; with nothing picked it says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui.history_view import HistoryDialog
from tests.ui.conftest import answer, double_click, open_uid, press

SEED = "000_bec74384df40613c"


def test_the_history_of_a_span_made_and_relabelled(qtbot, window):
    text = open_uid(window, SEED)
    bloomberg = text.index("بلومبيرغ")
    double_click(qtbot, window, bloomberg + 3)
    press(qtbot, window, Qt.Key.Key_O)  # ORG
    press(qtbot, window, Qt.Key.Key_G)  # the span just made becomes GPE
    rows: list[list[str]] = []

    def read(dialog: HistoryDialog) -> None:
        table = dialog.table
        rows.extend([table.item(r, c).text() for c in range(1, 5)] for r in range(table.rowCount()))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer(HistoryDialog, read)
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [r[:2] for r in rows] == [["tester", "add span"], ["tester", "change span"]]
    assert '"label":"ORG"' in rows[0][3] and rows[0][2] == ""
    assert (rows[1][2], rows[1][3]) == ('{"label":"ORG"}', '{"label":"GPE"}')


def test_with_nothing_picked_it_says_so(qtbot, window):
    open_uid(window, SEED)
    window.actions_by_name["history"].trigger()
    assert window.statusBar().currentMessage() == "Pick an annotation to see its history."
