"""The article pane: read-only Arabic text, right to left, in the bundled font, with spans.

This is the one place where Qt cursor positions (UTF-16 units of the text as Qt holds it) and
stored offsets (code points of the document text) are converted, through `OffsetMap`. The
text is given to Qt exactly as stored, so positions map one to one; `toPlainText()` is never
used to compute an offset.

The spans it paints are the open document's own (`OpenDocument`): it follows its notices and
keeps no copy, only where they are painted (the highlighter's index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QMouseEvent,
    QPaintEvent,
    QTextBlock,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.offsets import OffsetMap
from annotator.core.text import snap_to_words
from annotator.core.views import EventView, RelationView, SpanView
from annotator.services.open_document import Changed, Notice
from annotator.ui.fonts import article_font
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.plain import tooltip
from annotator.ui.span_tags import (
    Arc,
    Tag,
    anchor,
    layout_arcs,
    layout_tags,
    paint_arcs,
    paint_tags,
    visible_range,
)

DEFAULT_POINT_SIZE = 16.0
PARAGRAPH = "\u2029"


AFTER_PAINT_MS = 250


def _lines(block: QTextBlock) -> list[tuple[int, int, float]]:
    """Each line of a paragraph: where it starts, its length, its width (none if not laid out)."""
    layout = block.layout()
    return [
        (line.textStart(), line.textLength(), line.naturalTextWidth())
        for line in (layout.lineAt(i) for i in range(layout.lineCount()))
    ]


class ArticleView(QPlainTextEdit):
    selection_changed = Signal()
    span_clicked = Signal(int)  # id of the innermost span under a click without a selection
    double_clicked = Signal()  # a word was selected: the click before it picked nothing

    def __init__(self, parent: QWidget | None = None, *, colors: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # scroll bar on the left
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFont(article_font(DEFAULT_POINT_SIZE))
        self.setMouseTracking(True)
        self._text = ""
        self._offsets = OffsetMap("")
        self._spans: Mapping[int, SpanView] = {}  # the open document's (read, never written here)
        self._highlighter: SpanHighlighter | None = None
        self._colors: dict[str, str] = colors or {}
        self.trigger_labels: set[str] = set()  # event types: their tags are drawn as triggers
        self.links: Callable[[], tuple[Iterable[EventView], Iterable[RelationView]]] = lambda: ((), ())
        self.show_tags = True
        self._tags: tuple[tuple[object, ...], list[Tag]] | None = None  # (view state, tags)
        # Where tags go, by the offset they start at, kept while the view and the lines stay put:
        # adding a span finds the place of its own tag and of those on lines it changed (`tags`).
        self._anchors: dict[int, tuple[float, float]] = {}
        self._anchors_state: tuple[object, ...] = ()
        self._relaid: list[tuple[int, list[tuple[int, int, float]]]] = []  # (paragraph, its lines before)
        self._spans_version = 0
        self._after_paint: list[Callable[[], None]] = []
        self.selectionChanged.connect(self.selection_changed.emit)

    # -- content --------------------------------------------------------------------------
    def follow(self, notice: Notice) -> None:
        """The open document's notices: a document shown whole, or one action's change."""
        if isinstance(notice, Changed):
            self.spans_changed(notice.change.spans, notice.before)
            if notice.change.events or notice.change.relations:  # their arcs
                self.viewport().update()
            return
        scroll = self.verticalScrollBar().value()
        self.show_document(notice.editor.text, notice.editor.spans, self._colors)
        if notice.reloaded:
            self.verticalScrollBar().setValue(scroll)

    def show_document(self, text: str, spans: Mapping[int, SpanView], colors: dict[str, str]) -> None:
        """Show a text and its spans (`spans` is read as it changes, never copied)."""
        self._text, self._offsets, self._spans, self._colors = text, OffsetMap(text), spans, colors
        self._spans_version += 1
        self._anchors_state = ()
        self._relaid.clear()
        if self._highlighter is not None:
            self._highlighter.setDocument(None)
        self.setPlainText(text)
        document = self.document()
        option = QTextOption(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setDefaultCursorMoveStyle(Qt.CursorMoveStyle.VisualMoveStyle)
        self._highlighter = SpanHighlighter(document, text, self._offsets, colors)
        self._highlighter.set_spans(self._spans.values())

    def spans_changed(self, now: Mapping[int, SpanView | None], before: Mapping[int, SpanView | None]) -> None:
        """Repaint the lines of spans that changed (`now`: None for removed), where they are and
        where they were."""
        for span_id, span in now.items():
            old = before.get(span_id)
            if self._highlighter is None:
                continue
            if span is not None:
                self._note_lines(span.start, span.end)
            if old is not None:
                self._note_lines(old.start, old.end)
            if span is not None:
                self._highlighter.put(span)
            else:
                self._highlighter.remove(span_id)
        self._spans_version += 1
        self.viewport().update()  # the tags

    # -- label tags -----------------------------------------------------------------------
    def tags(self) -> list[Tag]:
        """The label tags of the spans in view, where they are drawn."""
        if self._highlighter is None or not self._spans:
            return []
        # Laid out again only when what is in view changed (not for a caret blink or a selection).
        view = (
            self.verticalScrollBar().value(),
            self.viewport().width(),
            self.viewport().height(),
            self.font().toString(),
        )
        if self._anchors_state != view:
            self._anchors, self._anchors_state = {}, view
        if self._relaid:
            self._drop_moved_anchors()
        state = (self._spans_version, *view)
        if self._tags is None or self._tags[0] != state:
            start, end = visible_range(self, self._offsets)
            shown = [self._spans[i] for i in self._highlighter.overlapping(start, end) if i in self._spans]
            self._tags = (state, layout_tags(self, shown, self._anchor, self._colors, self.trigger_labels))
        return self._tags[1]

    def _note_lines(self, start: int, end: int) -> None:
        """Before the paragraphs of [start, end) are formatted again: their lines, so that
        `tags` can tell which of them moved."""
        document = self.document()
        block = document.findBlock(self._offsets.to_utf16(start))
        last = document.findBlock(self._offsets.to_utf16(max(start, end - 1))).blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            self._relaid.append((block.blockNumber(), _lines(block)))
            block = block.next()

    def _drop_moved_anchors(self) -> None:
        """Forget the places of tags on lines that a new format moved. A colour alone moves no
        letter, but a span's edge inside a word changes how its letters are shaped (a lam-alef
        ligature split, kerning lost): the line's width changes by a few pixels, or its breaks move."""
        document = self.document()
        for number, before in self._relaid:
            after = _lines(document.findBlockByNumber(number))
            if len(after) != len(before) or any(a[:2] != b[:2] for a, b in zip(after, before)):
                self._anchors.clear()  # (lines broken elsewhere, or not laid out yet: everything below may move)
                break
            first16 = document.findBlockByNumber(number).position()
            for (start, length, width), (_, _, old_width) in zip(after, before):
                if width != old_width:
                    low, high = first16 + start, first16 + start + length
                    for offset in [o for o in self._anchors if low <= self._offsets.to_utf16(o) <= high]:
                        del self._anchors[offset]
        self._relaid.clear()

    def _anchor(self, offset: int) -> tuple[float, float]:
        if offset not in self._anchors:
            self._anchors[offset] = anchor(self, self._offsets, offset)
        return self._anchors[offset]

    def arcs(self, tags: list[Tag] | None = None) -> list[Arc]:
        """Arcs of the open document's events and relations between tags in view."""
        events, relations = self.links()
        return layout_arcs(self.tags() if tags is None else tags, events, relations)

    def set_show_tags(self, shown: bool) -> None:
        self.show_tags = shown
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self._highlighter is not None:
            self._highlighter.reveal(*self._blocks_in_view())
        super().paintEvent(event)
        if self.show_tags:
            tags = self.tags()
            paint_arcs(self, self.arcs(tags))
            paint_tags(self, tags)
        if self._after_paint:
            QTimer.singleShot(0, self, self._run_after_paint)  # (once the paint is done, not inside it)

    def after_next_paint(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the article has next been painted (or after AFTER_PAINT_MS, if
        it is not shown): slower work, such as the annotations pane of 10,000 spans, waits until
        the text is on the screen. A zero timer would not: it fires before Qt paints."""
        self._after_paint.append(callback)
        self.viewport().update()
        QTimer.singleShot(AFTER_PAINT_MS, self, self._run_after_paint)  # (not after the view is gone)

    def _run_after_paint(self) -> None:
        waiting, self._after_paint = self._after_paint, []
        for callback in waiting:
            callback()

    def _blocks_in_view(self) -> tuple[int, int]:
        """The numbers of the first and last paragraphs in view."""
        block = self.firstVisibleBlock()
        first = last = block.blockNumber()
        offset, bottom = self.contentOffset(), self.viewport().height()
        while block.isValid() and self.blockBoundingGeometry(block).translated(offset).top() <= bottom:
            last = block.blockNumber()
            block = block.next()
        return first, last

    # -- the position <-> offset boundary -------------------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """The selected range in code points of the stored text, or None.

        The stored slice is checked against what Qt says is selected (Qt writes U+2029 for a
        paragraph break): a mismatch is an error, never a silently shifted span.
        """
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.to_codepoint(cursor.selectionStart())
        end = self._offsets.to_codepoint(cursor.selectionEnd(), round_up=True)
        if start >= end:
            return None
        if self._text[start:end].replace(PARAGRAPH, "\n") != cursor.selectedText().replace(PARAGRAPH, "\n"):
            raise AnnotatorError(f"the selection [{start}, {end}) does not match the stored text")
        return start, end

    def offset_at(self, point: QPoint) -> int:
        """Code point offset of the character under a viewport point."""
        position = self.cursorForPosition(point).position()
        return min(self._offsets.to_codepoint(position), max(0, len(self._text) - 1))

    def point_below(self, start: int) -> QPoint:
        """Where a menu about the text at `start` opens: under its first letter, on the screen (the
        text's start edge: the right in right-to-left text)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        rect = self.cursorRect(cursor)
        return self.viewport().mapToGlobal(rect.bottomLeft())

    def in_view(self, start: int, end: int) -> bool:
        """Whether any of [start, end) is in the viewport."""
        first, last = visible_range(self, self._offsets)
        return start < last and first < end

    def cursor_offset(self) -> int:
        """Code point offset of the text cursor."""
        return self._offsets.to_codepoint(self.textCursor().position())

    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) (code points) and scroll it into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def collapse_selection(self) -> None:
        """Drop the selection where it ends, without scrolling."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def spans_at(self, offset: int) -> list[SpanView]:
        """Spans over the character at `offset`, outermost first."""
        if self._highlighter is None:
            return []
        return [self._spans[i] for i in self._highlighter.spans_at(offset) if i in self._spans]

    # -- zoom, hover, clicks --------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        font = self.font()
        size = DEFAULT_POINT_SIZE if steps == 0 else min(48.0, max(8.0, font.pointSizeF() + 2 * steps))
        font.setPointSizeF(size)
        self.setFont(font)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            spans = self.spans_at(self.offset_at(event.pos()))
            if spans:
                lines = [
                    f"{s.label}{'.' + s.subtype if s.subtype else ''}: {self._text[s.start : s.end]} · {s.annotator}"
                    for s in spans
                ]
                QToolTip.showText(event.globalPos(), tooltip(lines), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        last = (
            self._last_letter_of_line(event.position().toPoint())
            if event.button() == Qt.MouseButton.LeftButton
            else None
        )
        if last is None:
            super().mouseDoubleClickEvent(event)
        else:  # past the end of a wrapped line, Qt would take the next line's first word
            self.select_range(*snap_to_words(self._text, last, last + 1))
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_clicked.emit()

    def _last_letter_of_line(self, point: QPoint) -> int | None:
        """The offset of the last letter of the visual line under `point` when the point lies
        beyond that line's end (the empty part left of a wrapped right-to-left line); else None."""
        cursor = self.cursorForPosition(point)
        block = cursor.block()
        layout = block.layout()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        for i in range(layout.lineCount() - 1):  # the last line ends with its paragraph: nothing after it
            line = layout.lineAt(i)
            if line.y() <= point.y() - top < line.y() + line.height():
                end = block.position() + line.textStart() + line.textLength()
                if cursor.position() < end:
                    return None
                offset = self._offsets.to_codepoint(end)
                while offset > 0 and self._text[offset - 1].isspace():
                    offset -= 1
                return offset - 1 if offset > 0 else None
        return None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            spans = self.spans_at(self.offset_at(event.position().toPoint()))
            if spans:
                self.span_clicked.emit(spans[-1].id)
