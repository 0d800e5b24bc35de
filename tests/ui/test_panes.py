"""Adding a pane is one module and one line (docs/architecture.md): a toy pane, docked in a real
window with `add_pane`, follows the open document through keys, undo, a relabel from the list,
a delete, another program's write and another document, and holds what the database holds."""

import sqlite3
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from annotator.services.open_document import Notice, Shown
from tests.ui.conftest import double_click, open_uid, pick, press, wait_until

SEED = "000_bec74384df40613c"


class LabelCounts(QLabel):
    """The toy pane: spans by label, kept from the notices alone."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()

    def follow(self, notice: Notice) -> None:
        if isinstance(notice, Shown):
            self.counts = Counter(s.label for s in notice.editor.spans.values())
        else:
            for span_id, span in notice.change.spans.items():
                if (old := notice.before.get(span_id)) is not None:
                    self.counts[old.label] -= 1
                if span is not None:
                    self.counts[span.label] += 1
        self.setText(", ".join(f"{label} {n}" for label, n in sorted(self.counts.items()) if n))


def stored(db_url: str, uid: str) -> Counter[str]:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as c:
        return Counter(
            dict(
                c.execute(
                    "SELECT label, COUNT(*) FROM spans s JOIN documents d ON d.id = s.document_id "
                    "WHERE d.uid = ? GROUP BY label",
                    (uid,),
                ).fetchall()
            )
        )


def test_a_toy_pane_added_with_one_line_follows_every_change(qtbot, window, db_url):
    text = open_uid(window, SEED)
    toy = LabelCounts()
    dock = window.add_pane("toyDock", "Toy", toy, Qt.DockWidgetArea.RightDockWidgetArea)
    assert dock.toggleViewAction() in window.view_menu.actions()

    def agrees() -> bool:
        return +toy.counts == stored(db_url, window.editor.document.uid)

    assert agrees()  # a document was open already: the pane starts from it
    double_click(qtbot, window, text.index("الجمعة") + 2)
    press(qtbot, window, Qt.Key.Key_T)  # TIME
    assert agrees() and toy.counts["TIME"] >= 1
    window.gestures.undo()
    assert agrees()
    gpe = next(s for s in window.editor.spans.values() if s.label == "GPE")
    pick(qtbot, window, "span", gpe.id)
    press(qtbot, window, Qt.Key.Key_L)  # relabelled LOC from the list's pick
    assert agrees() and window.editor.spans[gpe.id].label == "LOC"
    window.gestures.delete_current()
    assert agrees()

    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as c:  # another program relabels every ORG
        c.execute("UPDATE spans SET label = 'PER' WHERE label = 'ORG' AND document_id = ?", (window.editor.id,))
        c.execute("UPDATE document_state SET version = version + 1 WHERE document_id = ?", (window.editor.id,))
        c.execute("UPDATE corpus_state SET version = version + 1")
    window.refresh_from_database()
    wait_until(agrees)
    window.navigator.step_document(1)
    assert window.editor.document.uid != SEED and agrees()
