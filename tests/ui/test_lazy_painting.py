"""A long article is painted as it comes into view: the paragraphs out of view are formatted
when scrolled to, exactly over their spans' letters, and never left unpainted in view."""

from PySide6.QtWidgets import QApplication

from annotator.core.offsets import OffsetMap
from annotator.core.views import SpanView
from annotator.ui.article_view import ArticleView

LINE = "😀 قال مسؤول في حمص إن الوضع هادئ"


def test_paragraphs_are_formatted_when_they_come_into_view(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    lines = [f"{LINE} {i}" for i in range(400)]
    text = "\n".join(lines)
    offsets = OffsetMap(text)
    spans, at = {}, 0
    for n, line in enumerate(lines):
        start = at + line.index("حمص")
        spans[n + 1] = SpanView(n + 1, start, start + 3, "GPE", None, {}, "tester")
        at += len(line) + 1
    view.show_document(text, spans, {"GPE": "#4363d8"})
    QApplication.processEvents()  # the first paint
    document = view.document()

    def painted(number: int) -> list[tuple[int, int]]:
        block = document.findBlockByNumber(number)
        return [(block.position() + r.start, r.length) for r in block.layout().formats()]

    def expected(number: int) -> list[tuple[int, int]]:
        span = spans[number + 1]
        return [(offsets.to_utf16(span.start), 3)]

    assert painted(0) == expected(0)
    assert painted(399) == []  # far out of view: not formatted yet
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    QApplication.processEvents()
    first, last = view._blocks_in_view()
    assert last == 399
    for number in range(first, last + 1):
        assert painted(number) == expected(number)
    spans[9999] = SpanView(9999, spans[400].start - 4, spans[400].start - 1, "PER", None, {}, "tester")
    view.spans_changed({9999: spans[9999]}, {9999: None})
    assert len(painted(399)) == 2  # a change in view repaints at once
