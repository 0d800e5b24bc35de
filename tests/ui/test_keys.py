"""The key model: a label key labels the selection; with none, it relabels the span at the caret
(the current one if several are there, else the only one), never a span out of view; otherwise
it does nothing and says why. Closing the find bar gives the keys back to the article."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from annotator.core.offsets import OffsetMap
from tests.ui.conftest import double_click, drag, letter_point, open_uid, pick, press, scroll_to

SEED = "000_bec74384df40613c"


def click(qtbot, window, offset: int) -> None:
    """A single click on the letter at `offset` (a caret there, nothing selected)."""
    scroll_to(window, offset)
    qtbot.mouseClick(window.article.viewport(), Qt.MouseButton.LeftButton, pos=letter_point(window, offset))
    QApplication.processEvents()


def covered(window, offset: int) -> bool:
    return any(s.start <= offset < s.end for s in window.editor.spans.values())


def test_a_label_key_without_a_selection_never_relabels_a_span_far_away(qtbot, window):
    """The issue's walk: a word labelled, then a click in plain text screens away, then O and P:
    the span made before stays as it was, and the status line says why."""
    text = open_uid(window, SEED)
    word = text.index("رعاياها")
    double_click(qtbot, window, word + 2)
    press(qtbot, window, Qt.Key.Key_G)
    [made] = [s for s in window.editor.spans.values() if s.start == word and s.label == "GPE"]
    far = next(i for i in range(len(text) - 1, 0, -1) if text[i].isalpha() and not covered(window, i))
    click(qtbot, window, far)
    assert not window.article.in_view(made.start, made.end)
    count = len(window.editor.spans)
    press(qtbot, window, Qt.Key.Key_O)
    press(qtbot, window, Qt.Key.Key_P)
    assert window.editor.spans[made.id].label == "GPE" and len(window.editor.spans) == count
    assert window.statusBar().currentMessage() == "Select some text first."


def test_the_span_at_the_caret_is_relabelled_while_in_view_and_not_once_scrolled_away(qtbot, window):
    text = open_uid(window, SEED)
    homs = next(s for s in window.editor.spans.values() if text[s.start : s.end] == "حمص")
    click(qtbot, window, homs.start + 1)
    press(qtbot, window, Qt.Key.Key_L)
    assert window.editor.spans[homs.id].label == "LOC"
    bar = window.article.verticalScrollBar()
    bar.setValue(bar.maximum())  # the caret stays on حمص, out of view
    QApplication.processEvents()
    press(qtbot, window, Qt.Key.Key_O)
    assert window.editor.spans[homs.id].label == "LOC"
    assert window.statusBar().currentMessage().startswith("The span at the caret is out of view")


def test_with_several_spans_at_the_caret_and_none_current_the_key_asks_to_pick_one(qtbot, window):
    text = open_uid(window, SEED)
    inner = next(s for s in window.editor.spans.values() if text[s.start : s.end] == "النظام السوري")
    outer = [s for s in window.editor.spans.values() if s.start <= inner.start and inner.end <= s.end]
    assert len(outer) == 2  # «رئيس النظام السوري بشار الأسد» around it
    scroll_to(window, inner.start)
    cursor = window.article.textCursor()  # the caret moved there by the arrow keys, nothing picked
    cursor.setPosition(OffsetMap(text).to_utf16(inner.start + 2))
    window.article.setTextCursor(cursor)
    window.focus.reset()
    press(qtbot, window, Qt.Key.Key_O)
    assert [window.editor.spans[s.id].label for s in outer] == [s.label for s in outer]
    assert window.statusBar().currentMessage() == "2 spans at the caret: pick one (click it, or Tab) first."
    click(qtbot, window, inner.start + 2)  # clicked: the innermost is current, and relabelled
    press(qtbot, window, Qt.Key.Key_G)
    assert window.editor.spans[inner.id].label == "GPE"


def test_escape_from_the_find_bar_gives_the_keys_back_to_the_article_with_its_selection(qtbot, window):
    open_uid(window, SEED)
    documents = window.documents.model.rowCount()
    window.article.setFocus()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    window.find_bar.query.setText("ودير فول")  # (QTest types Latin keys only)
    qtbot.keyClick(window.find_bar.query, Qt.Key.Key_Return)
    selected = window.article.textCursor().selectedText()
    assert selected
    qtbot.keyClick(window.find_bar.query, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.article
    assert window.article.textCursor().selectedText() == selected
    before = set(window.editor.spans)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G)  # where a person's next key goes
    QApplication.processEvents()
    [new] = set(window.editor.spans) - before
    assert window.editor.spans[new].label == "GPE"
    assert window.documents.search.text() == "" and window.documents.model.rowCount() == documents


def test_delete_takes_the_span_on_exactly_the_selection_and_never_one_out_of_view(qtbot, window):
    text = open_uid(window, SEED)
    homs = next(s for s in window.editor.spans.values() if text[s.start : s.end] == "حمص")
    phrase = text.index("مدينة حمص")
    drag(window, phrase, homs.end - 1)  # «مدينة حمص»: it touches حمص, but it is not حمص
    count = len(window.editor.spans)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert len(window.editor.spans) == count and homs.id in window.editor.spans
    assert window.statusBar().currentMessage().startswith("No span is on exactly the selected letters")

    word = text.index("رعاياها")
    double_click(qtbot, window, word + 2)
    press(qtbot, window, Qt.Key.Key_G)  # made, and current
    [made] = [s for s in window.editor.spans.values() if s.start == word and s.label == "GPE"]
    bar = window.article.verticalScrollBar()
    for end in (bar.minimum(), bar.maximum()):  # whichever end of the article does not show it
        bar.setValue(end)
        QApplication.processEvents()
        if not window.article.in_view(made.start, made.end):
            break
    assert not window.article.in_view(made.start, made.end)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert made.id in window.editor.spans
    assert window.statusBar().currentMessage().startswith("The span at the caret is out of view")
    scroll_to(window, made.start)
    press(qtbot, window, Qt.Key.Key_Delete)  # in view again: the span just made goes
    assert made.id not in window.editor.spans


def test_the_saved_state_of_one_document_is_not_shown_on_the_next(qtbot, window):
    text = open_uid(window, SEED)
    double_click(qtbot, window, text.index("رعاياها") + 2)
    press(qtbot, window, Qt.Key.Key_G)
    assert window.status_line.saved.text() == "Saved"
    window.navigator.step_document(1)
    assert window.editor.document.uid != SEED and window.status_line.saved.text() == ""


def test_f1_lists_every_key_by_menu_and_the_keys_go_back_to_the_article(qtbot, window):
    from annotator.ui.shortcuts import ShortcutSheet
    from tests.ui.conftest import answer

    seen = {}

    def read(sheet: ShortcutSheet) -> None:
        tree = sheet.tree
        for i in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(i)
            seen[group.text(0)] = {
                group.child(j).text(0): group.child(j).text(1).replace("\u2066", "").replace("\u2069", "")
                for j in range(group.childCount())
            }
        sheet.reject()

    open_uid(window, SEED)
    window.article.setFocus()
    answer(ShortcutSheet, read)
    press(qtbot, window, Qt.Key.Key_F1)
    window.activateWindow()  # back from the dialog, as a window manager gives it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert seen["Edit"]["Undo"] == "Ctrl+Z" and seen["Document"]["Next unfinished document"] == "F8"
    assert seen["File"]["Preferences…"].endswith("Ctrl+,") and seen["Help"]["Keyboard shortcuts…"] == "F1"
    assert seen["Labels"]["GPE"] == "G" and seen["Labels"]["PER"] == "P"
    assert QApplication.focusWidget() is window.article


def test_the_role_menu_opens_at_the_argument_not_at_the_mouse_pointer(qtbot, window):
    text = open_uid(window, SEED)
    event = window.editor.events[min(window.editor.events)]
    pick(qtbot, window, "event", event.id)  # current
    homs = next(s for s in window.editor.spans.values() if text[s.start : s.end] == "حمص")
    double_click(qtbot, window, homs.start + 1)
    qtbot.mouseMove(window.documents.table.viewport(), QPoint(5, 5))  # the pointer far away, on the corpus list
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)
    menu = QApplication.activePopupWidget()
    view = window.article
    rect = view.cursorRect()  # the selection's end: on the span's line
    at = view.viewport().mapToGlobal(rect.center())
    assert abs(menu.geometry().top() - at.y()) < 3 * rect.height()  # on the span's line, not where the mouse is
    assert abs(menu.geometry().left() - QCursor.pos().x()) > 100 or abs(menu.geometry().top() - QCursor.pos().y()) > 100
    menu.close()


def test_f2_on_a_trigger_edits_its_event_and_names_read_as_words(qtbot, window):
    from PySide6.QtWidgets import QLabel

    from annotator.ui.dialogs import AttributesDialog
    from tests.ui.conftest import answer, focus

    text = open_uid(window, SEED)
    event = window.editor.events[min(window.editor.events)]
    trigger = window.editor.spans[event.trigger_id]
    click(qtbot, window, trigger.start + 1)
    shown = []

    def negative(dialog: AttributesDialog) -> None:
        shown.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.values["Polarity"].setCurrentText("Negative")
        dialog.accept()

    answer(AttributesDialog, negative)
    press(qtbot, window, Qt.Key.Key_F2)
    assert window.editor.events[event.id].attributes["Polarity"] == "Negative"
    assert "Polarity" in shown and "mention_level" not in shown
    focus(qtbot, window)  # back from the dialog, as a window manager gives it
    homs = next(s for s in window.editor.spans.values() if text[s.start : s.end] == "حمص")
    click(qtbot, window, homs.start + 1)
    answer(
        AttributesDialog, lambda dialog: (shown.extend(x.text() for x in dialog.findChildren(QLabel)), dialog.reject())
    )
    press(qtbot, window, Qt.Key.Key_F2)
    assert "Mention level" in shown and "mention_level" not in shown


def test_the_span_at_the_caret_is_found_on_its_letters_after_emoji(qtbot, db_url, tmp_path):
    """The caret's offset comes through the one converter: after emoji (two UTF-16 units each)
    a click on a span's letter and a key relabel that span, not one a few letters away."""
    import orjson

    from tests.ui.conftest import window_on

    text = "🔴🇸🇾 عاجل: قصف على حمص 👀 ودمشق"
    homs, damascus = text.index("حمص"), text.index("دمشق")
    source = tmp_path / "emoji.jsonl"
    source.write_bytes(orjson.dumps({"id": "emoji", "text": text, "spans": [
        {"id": "T1", "start": homs, "end": homs + 3, "label": "GPE", "text": "حمص"},
        {"id": "T2", "start": damascus, "end": damascus + 4, "label": "GPE", "text": "دمشق"},
    ]}) + b"\n")  # fmt: skip
    window = window_on(qtbot, db_url, source)
    open_uid(window, "emoji")
    spans = {window.editor.text[s.start : s.end]: s for s in window.editor.spans.values()}
    click(qtbot, window, spans["دمشق"].start + 2)
    press(qtbot, window, Qt.Key.Key_L)
    assert window.editor.spans[spans["دمشق"].id].label == "LOC"
    assert window.editor.spans[spans["حمص"].id].label == "GPE"
