"""Painting spans in their label colours, paragraph by paragraph, exactly over their letters.

Formats go into each paragraph's layout (QSyntaxHighlighter), so Arabic stays joined across
span edges; a paint range is exactly the span's letters, never a letter without its marks
(`core.text.paint_range`); a span starting between lam and alef shows the ligature split there.
Where spans nest or overlap, the innermost gets the background and the outermost other span a
coloured underline, and the tint deepens with each span over a letter (a span inside one of
the same label stays visible); hovering lists them all. Adding or removing a span repaints only
the paragraphs it covers, and only the paragraphs in view (and a margin) are formatted until
others scroll into view.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.intervals import IntervalIndex
from annotator.core.offsets import OffsetMap
from annotator.core.text import paint_range
from annotator.core.views import SpanView

BACKGROUND_ALPHA = 90
MARGIN = 20  # paragraphs formatted beyond those in view, so a scroll rarely finds one undone
DEEPER = 60  # more alpha for each further span over a letter


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, text: str, offsets: OffsetMap, colors: dict[str, str]) -> None:
        super().__init__(document)
        self._text, self._offsets, self._colors = text, offsets, colors
        self._index = IntervalIndex()
        self._paint: dict[int, tuple[int, int, str]] = {}  # span id -> paint start, end, label
        self._formats: dict[tuple[str, str | None, int], QTextCharFormat] = {}
        # Paragraphs are formatted when they come into view (`reveal`): opening a 1 MB article
        # formats the first screens, not its thousand paragraphs.
        self._window = (0, 3 * MARGIN)
        self._pending: set[int] = set()

    def set_spans(self, spans: Iterable[SpanView]) -> None:
        """All spans at once (opening a document): one pass over the document."""
        self._paint.clear()
        items = []
        for span in spans:
            start, end = paint_range(self._text, span.start, span.end)
            self._paint[span.id] = (start, end, span.label)
            items.append((start, end, span.id))
        self._index = IntervalIndex(items)
        self.rehighlight()

    def put(self, span: SpanView) -> None:
        """Add or replace one span and repaint the paragraphs it touches (before and after)."""
        old = self._paint.get(span.id)
        if old:
            self._index.remove(old[0], old[1], span.id)
        start, end = paint_range(self._text, span.start, span.end)
        self._paint[span.id] = (start, end, span.label)
        self._index.add(start, end, span.id)
        self._repaint(start, end)
        if old:
            self._repaint(old[0], old[1])

    def remove(self, span_id: int) -> None:
        old = self._paint.pop(span_id, None)
        if old:
            self._index.remove(old[0], old[1], span_id)
            self._repaint(old[0], old[1])

    def overlapping(self, start: int, end: int) -> list[int]:
        """Ids of the spans painted over any of [start, end)."""
        return [i for _, _, i in self._index.overlapping(start, end)]

    def spans_at(self, offset: int) -> list[int]:
        """Ids of the spans painted over the character at `offset`, outermost first."""
        found = self._index.overlapping(offset, offset + 1)
        return [i for _, _, i in sorted(found, key=lambda item: item[0] - item[1])]

    def reveal(self, first: int, last: int) -> None:
        """Paragraphs `first`..`last` are in view: format those (and a margin) left undone."""
        self._window = (max(0, first - MARGIN), last + MARGIN)
        document = self.document()
        for number in [n for n in range(self._window[0], self._window[1] + 1) if n in self._pending]:
            self.rehighlightBlock(document.findBlockByNumber(number))

    def _repaint(self, start: int, end: int) -> None:
        document = self.document()
        block = document.findBlock(self._offsets.to_utf16(start))
        last = document.findBlock(self._offsets.to_utf16(max(start, end - 1)))
        while block.isValid():
            self.rehighlightBlock(block)
            if block == last:
                break
            block = block.next()

    def highlightBlock(self, _text: str) -> None:  # noqa: N802 (Qt's name)
        block = self.currentBlock()
        number = block.blockNumber()
        if not self._window[0] <= number <= self._window[1]:
            self._pending.add(number)  # out of view: formatted when it comes into view
            return
        self._pending.discard(number)
        first16 = block.position()
        block_start = self._offsets.to_codepoint(first16)
        block_end = self._offsets.to_codepoint(first16 + max(0, block.length() - 1))
        spans = self._index.overlapping(block_start, block_end)
        if not spans:
            return
        if all(a[1] <= b[0] for a, b in zip(spans, spans[1:])):  # side by side, none nested: the usual case
            for start, end, span_id in spans:
                self._paint_segment(
                    max(start, block_start),
                    min(end, block_end),
                    first16,
                    self._format(self._paint[span_id][2], None, 1),
                )
            return
        edges = sorted(
            {block_start, block_end, *(max(block_start, min(block_end, x)) for s, e, _ in spans for x in (s, e))}
        )
        for a, b in zip(edges, edges[1:]):
            covering = [(e - s, i) for s, e, i in spans if s <= a and e >= b]
            if not covering:
                continue
            covering.sort()
            inner = self._paint[covering[0][1]][2]
            outer = self._paint[covering[-1][1]][2] if len(covering) > 1 else None
            self._paint_segment(a, b, first16, self._format(inner, outer, len(covering)))

    def _paint_segment(self, start: int, end: int, block16: int, fmt: QTextCharFormat) -> None:
        """Format the code points [start, end) of the current block (at UTF-16 `block16`)."""
        start16 = self._offsets.to_utf16(start) - block16
        self.setFormat(start16, self._offsets.to_utf16(end) - block16 - start16, fmt)

    def _format(self, inner: str, outer: str | None, depth: int) -> QTextCharFormat:
        """Inner label's tint, deeper where more spans cover (so a span inside one of the same
        label still shows), and the outermost other span's colour as an underline."""
        key = (inner, outer, depth)
        if key not in self._formats:
            fmt = QTextCharFormat()
            background = QColor(self._colors.get(inner, "#9e9e9e"))
            background.setAlpha(min(230, BACKGROUND_ALPHA + DEEPER * (depth - 1)))
            fmt.setBackground(background)
            if outer is not None:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(self._colors.get(outer, "#9e9e9e")))
            self._formats[key] = fmt
        return self._formats[key]
