"""Label tags and arcs drawn over the article: a small tag with each visible span's label at the top of
its line, its right edge at the span's first letter (the text runs right to left). Entity tags
are filled with the label's colour; event triggers get an outlined, white tag, so the two kinds
differ by shape and not by colour alone. Tags of spans that start at the same place are set side
by side, leftwards. Arcs join an event's trigger to its arguments (with the role) and a
relation's head to its tail (dashed, with the type), between tags in view. Only the spans in
view are laid out, so the cost does not grow with the article."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from math import ceil

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.offsets import OffsetMap
from annotator.core.views import EventView, RelationView, SpanView

MAX_LETTERS = 12


@dataclass(frozen=True)
class Tag:
    span_id: int
    rect: QRectF  # viewport coordinates
    text: str
    color: str
    trigger: bool


def short(label: str) -> str:
    """Conflict.Attack → Attack; anything longer than MAX_LETTERS is cut with an ellipsis."""
    name = label.rsplit(".", 1)[-1] if "." in label else label
    return name if len(name) <= MAX_LETTERS else name[: MAX_LETTERS - 1] + "…"


def tag_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(6.0, base.pointSizeF() * 0.4))
    return font


def anchor(view: QPlainTextEdit, offsets: OffsetMap, offset: int) -> tuple[float, float]:
    """Where the tag of a span starting at `offset` is set: the caret's x before its first
    letter and the top of that letter's line, in viewport coordinates."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(offsets.to_utf16(offset))
    caret = view.cursorRect(cursor)
    return caret.x(), caret.top()


def layout_tags(
    view: QPlainTextEdit,
    spans: list[SpanView],
    anchors: Callable[[int], tuple[float, float]],
    colors: dict[str, str],
    triggers: set[str],
) -> list[Tag]:
    """Tags for `spans` (those in view), in reading order, none overlapping another; `anchors`
    gives where a span starting at an offset puts its tag (`anchor`)."""
    font = view.font().toString()
    boxes: list[tuple[float, float, float, float]] = []  # left, top, right, bottom of those placed
    placed: list[Tag] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.id)):
        x, top = anchors(span.start)
        text = short(span.label)
        width, height = _size(font, text)
        left, bottom = x - width, top + height
        while hits := [b for b in boxes if b[0] < x and left < b[2] and b[1] < bottom and top < b[3]]:
            x = min(b[0] for b in hits) - 2
            left = x - width
        boxes.append((left, top, x, bottom))
        placed.append(
            Tag(
                span.id,
                QRectF(left, top, width, height),
                text,
                colors.get(span.label, "#9e9e9e"),
                span.label in triggers,
            )
        )
    return placed


@lru_cache(maxsize=1024)
def _size(font: str, text: str) -> tuple[float, float]:
    """A tag's width and height for `text` on an article in `font` (QFont.toString)."""
    metrics = QFontMetricsF(_tag_font(font))
    return metrics.horizontalAdvance(text) + 6, metrics.height()


def _tag_font(article_font: str) -> QFont:
    """`tag_font` of an article font given as QFont.toString (the key the caches use)."""
    base = QFont()
    base.fromString(article_font)
    return tag_font(base)


def visible_range(view: QPlainTextEdit, offsets: OffsetMap) -> tuple[int, int]:
    """Code points from the first visible paragraph to the last character in view."""
    viewport = view.viewport()
    first = view.firstVisibleBlock().position()
    last = max(view.cursorForPosition(QPoint(x, viewport.height() - 1)).position() for x in (0, viewport.width() - 1))
    return offsets.to_codepoint(first), offsets.to_codepoint(last, round_up=True) + 1


def paint_tags(view: QPlainTextEdit, tags: list[Tag]) -> None:
    painter = QPainter(view.viewport())
    font, ratio = view.font().toString(), view.viewport().devicePixelRatioF()
    for tag in tags:
        painter.drawPixmap(tag.rect.topLeft(), _tag_image(tag.text, tag.color, tag.trigger, font, ratio))
    painter.end()


@lru_cache(maxsize=512)
def _tag_image(text: str, color_name: str, trigger: bool, font: str, ratio: float) -> QPixmap:
    """One tag drawn once (a label's few looks are drawn again for every span in view, and on
    every paint)."""
    width, height = _size(font, text)
    image = QPixmap(ceil(width * ratio), ceil(height * ratio))
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(_tag_font(font))
    color = QColor(color_name)
    rect = QRectF(0, 0, width, height)
    if trigger:
        painter.setPen(QPen(color.darker(140), 1.2))
        painter.setBrush(QColor("white"))
        rect.adjust(0.6, 0.6, -0.6, -0.6)  # (the outline inside the image)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        fill = color.lighter(115)
        fill.setAlpha(225)  # the tops of tall letters show through
        painter.setBrush(fill)
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(color.darker(220) if trigger else QColor("#111111"))
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


@dataclass(frozen=True)
class Arc:
    """A line from one tag to another: an event's trigger to an argument (labelled with the
    role), or a relation's head to its tail (labelled with the type, dashed, with an arrow)."""

    source: int  # span ids
    target: int
    label: str
    start: QPointF  # the top middle of each tag
    end: QPointF
    control: QPointF  # above both: the arc bends over the line
    relation: bool


def layout_arcs(tags: list[Tag], events: Iterable[EventView], relations: Iterable[RelationView]) -> list[Arc]:
    """Arcs between tags that are both in view."""
    at = {t.span_id: t for t in tags}

    def arc(source: int, target: int, label: str, relation: bool) -> Arc | None:
        if source not in at or target not in at or source == target:
            return None
        a, b = at[source].rect, at[target].rect
        start, end = QPointF(a.center().x(), a.top()), QPointF(b.center().x(), b.top())
        control = QPointF((start.x() + end.x()) / 2, min(start.y(), end.y()) - 14 - abs(start.y() - end.y()) / 4)
        return Arc(source, target, short(label), start, end, control, relation)

    found = [arc(e.trigger_id, a.span_id, a.role, False) for e in events for a in e.arguments]
    found += [arc(r.head_id, r.tail_id, r.type, True) for r in relations]
    return [a for a in found if a is not None]


def paint_arcs(view: QPlainTextEdit, arcs: list[Arc]) -> None:
    if not arcs:
        return
    painter = QPainter(view.viewport())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = tag_font(view.font())
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    ink = view.palette().color(QPalette.ColorRole.Text)  # dark on a light page, light on the dark theme
    ink.setAlpha(200)
    paper = view.palette().color(QPalette.ColorRole.Base)
    paper.setAlpha(220)
    for arc in arcs:
        pen = QPen(ink, 1.2)
        if arc.relation:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(arc.start)
        path.quadTo(arc.control, arc.end)
        painter.drawPath(path)
        if arc.relation:  # an arrow head at the tail
            painter.drawLine(arc.end, arc.end + QPointF(-3, -5))
            painter.drawLine(arc.end, arc.end + QPointF(3, -5))
        middle = path.pointAtPercent(0.5)
        box = QRectF(0, 0, metrics.horizontalAdvance(arc.label) + 4, metrics.height())
        box.moveCenter(middle)
        painter.fillRect(box, paper)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, arc.label)
    painter.end()
