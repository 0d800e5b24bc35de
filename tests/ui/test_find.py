"""Find in the article and label all occurrences, in the window: the selection lands on exactly
the letters found (after emoji, over harakat and tatweel), and label all is one undo entry."""

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import open_uid, rows, window_on

TEXT = "😀🇸🇾 زار الوزيرُ دمشـــقَ أمس.\nوفي دِمَشق التقى نظيره، ثم غادر دمشق إلى حلب. مستشفى دمشق ومستشفي حلب."


@pytest.fixture
def window(qtbot, db_url, tmp_path):
    source = tmp_path / "find.jsonl"
    source.write_bytes(orjson.dumps({"id": "find", "text": TEXT}) + b"\n")
    win = window_on(qtbot, db_url, source)
    open_uid(win, "find")
    return win


def trigger(window, name: str) -> None:
    window.findChild(QAction, name).trigger()
    QApplication.processEvents()


def test_find_selects_exactly_the_letters_found_and_steps_both_ways(qtbot, window):
    trigger(window, "find")
    bar = window.find_bar
    assert bar.isVisible() and bar.query.hasFocus()
    bar.query.insert("دمشق")  # (QTest types ASCII only)
    assert bar.count.text() == "\u2068–\u2069 of \u20684\u2069"
    expected = [
        (TEXT.index("دمشـــقَ"), TEXT.index("دمشـــقَ") + 8),
        (TEXT.index("دِمَشق"), TEXT.index("دِمَشق") + 6),
        (TEXT.index("دمشق إلى"), TEXT.index("دمشق إلى") + 4),
        (TEXT.index("دمشق ومستشفي"), TEXT.index("دمشق ومستشفي") + 4),
    ]
    seen = []
    for _ in range(4):
        qtbot.keyClick(bar.query, Qt.Key.Key_Return)
        seen.append(window.article.selection())
    assert seen == expected  # code points of the stored text, though three emoji come first
    trigger(window, "findPrevious")
    assert window.article.selection() == expected[2]
    bar.fold.setChecked(True)
    bar.query.setText("مستشفي")
    assert len(bar.matches) == 2  # ى folded with ي
    qtbot.keyClick(bar.query, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_label_all_gives_the_current_label_to_every_occurrence_and_one_undo_takes_them_back(qtbot, window, db_url):
    start = TEXT.index("دمشـــقَ")
    window.article.select_range(start, start + 8)
    window.gestures.apply_label("GPE")  # the current span: label all takes its label
    trigger(window, "find")
    window.find_bar.query.setText("دمشق")
    trigger(window, "labelAll")
    stored = rows(
        db_url,
        'SELECT start, "end" FROM spans s JOIN documents d ON d.id = s.document_id '
        "WHERE d.uid = 'find' AND label = 'GPE' ORDER BY start",
    )
    assert stored == [tuple(m) for m in window.find_bar.matches] and len(stored) == 4
    assert all(TEXT[a:b].replace("ـ", "").startswith(("دمشق", "دِمَشق")) for a, b in stored)
    assert window.statusBar().currentMessage().startswith("Labelled 3 more occurrences of")
    trigger(window, "labelAll")  # nothing left to do: nothing changes
    assert (
        len(
            rows(
                db_url,
                "SELECT id FROM spans s WHERE label = 'GPE' AND document_id = "
                "(SELECT id FROM documents WHERE uid = 'find')",
            )
        )
        == 4
    )
    assert window.undo_action.toolTip() == "Undo label 3 × GPE"
    trigger(window, "undo")
    assert (
        len(rows(db_url, "SELECT id FROM spans s WHERE document_id = (SELECT id FROM documents WHERE uid = 'find')"))
        == 1
    )
    trigger(window, "redo")
    assert (
        len(rows(db_url, "SELECT id FROM spans s WHERE document_id = (SELECT id FROM documents WHERE uid = 'find')"))
        == 4
    )
    assert len(window.editor.spans) == 4
