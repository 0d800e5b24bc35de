"""What an action repaints and what follows it: the tags' places kept between paints must be
where the letters are now, and the panes that follow the article must catch up, in order."""

import re

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.model import Status
from annotator.ui.article_view import _lines
from annotator.ui.span_tags import anchor, visible_range
from tests.ui.conftest import open_uid, wait_until

SEED = "000_bec74384df40613c"


def _painted(window) -> None:
    window.article.viewport().repaint()
    QApplication.processEvents()


def _paragraph_lines(window, offset: int) -> list:
    article = window.article
    return _lines(article.document().findBlock(article._offsets.to_utf16(offset)))


@pytest.mark.parametrize("uid", [SEED, "sample-meeting"])  # (the second begins with two flag emoji)
def test_tag_places_kept_between_actions_are_where_the_letters_are_after_spans_split_words(qtbot, window, uid):
    text = open_uid(window, uid)
    article = window.article
    window.gestures.exact_action.setChecked(True)  # the letters chosen, not whole words: edges inside words
    _painted(window)
    start, end = visible_range(article, article._offsets)
    words = [m.start() for m in re.finditer(r"[\u0621-\u064A]{5,}", text[start:end])][:12]
    assert len(words) >= 8
    moved = 0
    for i, at in enumerate(reversed(words)):  # each new edge before the tags kept on its line
        at += start + (1 if i % 2 else 2)  # from inside a word: the letters each side are shaped apart
        before = _paragraph_lines(window, at)
        article.select_range(at, at + 2)
        window.gestures.apply_label("LOC" if i % 2 else "PER")
        _painted(window)
        moved += _paragraph_lines(window, at) != before
        if i % 3 == 2:
            window.gestures.undo()  # taking a span away shapes its letters together again
            _painted(window)
        kept = dict(article._anchors)
        assert kept, "no tag places kept"
        for offset, place in kept.items():
            assert place == anchor(article, article._offsets, offset), (i, offset)
    assert moved, "no span edge changed a line's width: the test would not see a stale place"
    tags = {t.span_id: t for t in article.tags()}
    for span_id, tag in tags.items():
        assert tag.rect.right() <= anchor(article, article._offsets, window.editor.spans[span_id].start)[0] + 0.5


def test_the_annotations_pane_lists_a_new_span_once_the_article_shows_it_and_reading_it_catches_up(qtbot, window):
    text = open_uid(window, SEED)
    spans = window.annotations.topLevelItem(0)
    listed = spans.childCount()
    start = text.index("الجمعة")
    window.article.select_range(start, start + 6)
    held = set(window.editor.spans)
    window.gestures.apply_label("TIME")
    [new] = set(window.editor.spans) - held
    assert spans.childCount() == listed  # the article paints first
    wait_until(lambda: spans.childCount() == listed + 1)
    row = window.documents.model.row_of(window.editor.id)
    assert window.documents.model.document(row).spans == len(window.editor.spans)

    bloomberg = text.index("بلومبيرغ")
    window.article.select_range(bloomberg, bloomberg + 8)
    window.gestures.exact_action.setChecked(True)  # (beside the gold ORG span of another annotator)
    held = set(window.editor.spans)
    window.gestures.apply_label("ORG")
    [org] = set(window.editor.spans) - held
    window.annotations.select("span", org)  # whatever reads the list finds it up to date
    assert window.annotations.current() == ("span", org)
    assert spans.childCount() == listed + 2
    window.gestures.undo()
    window.gestures.undo()
    assert window.focus.current(window.editor) is None and new not in window.editor.spans
    wait_until(lambda: spans.childCount() == listed)
    assert window.annotations.current() != ("span", org)  # (its row is gone)


def test_a_documents_row_follows_its_last_action_although_another_document_opens_first(qtbot, window):
    text = open_uid(window, SEED)
    finished = window.editor.id
    start = text.index("الجمعة")
    window.article.select_range(start, start + 6)
    window.gestures.apply_label("TIME")
    count = len(window.editor.spans)
    window.navigator.done_and_next()  # in the same pass: the rows are brought up to date after the next paint
    assert window.editor.id != finished
    model = window.documents.model
    wait_until(lambda: not window.article._after_paint)
    row = model.document(model.row_of(finished))
    assert (row.status, row.spans) == (Status.DONE, count)
