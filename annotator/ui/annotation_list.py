"""The annotations pane: the open document's spans, events and relations.

Events read as "trigger — type" with one child per argument, "role: text"; relations as
"head → tail — type". Items are added, changed and removed one by one as actions report their
changes (`take`), once the article has shown them: laying out a list of 10,000 rows again
after one was inserted takes longer than painting the new span, and the analyst is looking at
the text. The pane is rebuilt only when another document is shown. It follows the open
document's notices (`OpenDocument`) and reads its spans; it keeps only its rows' order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QHelpEvent
from PySide6.QtWidgets import (
    QComboBox,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.views import Change, EventView, RelationView, SpanView
from annotator.services.editing import DocumentEditor
from annotator.services.open_document import Changed, Notice
from annotator.ui.plain import isolate, tooltip

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # ("span" | "event" | "relation", id)
ANNOTATOR_ROLE = Qt.ItemDataRole.UserRole + 2
# A span's row has no children: the tree then skips asking, for each of 10,000 rows, whether it
# is expanded each time it lays its rows out again.
SPAN_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


class AnnotationList(QTreeWidget):
    chosen = Signal(str, int)  # kind, id
    listed = Signal()  # a document's annotations were listed whole

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        colors: dict[str, str] | None = None,
        later: Callable[[Callable[[], None]], None] = lambda run: run(),
    ) -> None:
        """`later`: runs a callable once the article has shown what it is about."""
        super().__init__(parent)
        self._later = later
        self._showing: DocumentEditor | None = None
        self.setObjectName("annotationList")
        self.setAccessibleName(self.tr("Annotations"))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self._groups = [QTreeWidgetItem(self) for _ in range(3)]
        for group in self._groups:
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setExpanded(True)
        self._items: dict[tuple[str, int], QTreeWidgetItem] = {}
        self._span_keys: list[tuple[int, int, int]] = []  # (start, end, id), as the span rows are ordered
        self._text = ""
        self._spans: Mapping[int, SpanView] = {}  # the open document's (read, never written here)
        self._rows: dict[int, tuple[int, int, int]] = {}  # span id -> its key in `_span_keys`
        self._colors: dict[str, str] = colors or {}
        self._inks: dict[str, QBrush] = {}
        self._only: str | None = None  # show only this annotator's annotations
        self._pending: list[Change] = []  # taken, not listed yet
        self._update_titles()
        self.currentItemChanged.connect(self._current_changed)

    # -- whole document -------------------------------------------------------------------
    def follow(self, notice: Notice) -> None:
        """The open document's notices, listed once the article has shown them."""
        if isinstance(notice, Changed):
            if self.take(notice.change):
                self._later(self.flush)
            return
        editor = self._showing = notice.editor
        self._pending.clear()  # (the document's annotations as they are then include them)
        self._later(lambda: self._list(editor))

    def _list(self, editor: DocumentEditor) -> None:
        if editor is self._showing:  # (not if another document was shown meanwhile)
            self.show_document(editor.text, editor.spans, editor.events, editor.relations, self._colors)
            self.listed.emit()

    def show_document(
        self,
        text: str,
        spans: Mapping[int, SpanView],
        events: Mapping[int, EventView],
        relations: Mapping[int, RelationView],
        colors: dict[str, str],
    ) -> None:
        self._pending.clear()  # (the document's spans as they are now include them)
        self.setUpdatesEnabled(False)
        for group in self._groups:
            group.takeChildren()
        self._items.clear()
        self._text, self._spans, self._colors = text, spans, colors
        self._inks.clear()
        ordered = sorted(spans.values(), key=lambda s: (s.start, s.end, s.id))
        self._span_keys = [(s.start, s.end, s.id) for s in ordered]
        self._rows = {s.id: (s.start, s.end, s.id) for s in ordered}
        self._groups[0].addChildren([self._span_item(s) for s in ordered])
        for event in events.values():
            self.put_event(event)
        for relation in relations.values():
            self.put_relation(relation)
        self._update_titles()
        self.setUpdatesEnabled(True)

    # -- one at a time --------------------------------------------------------------------
    def take(self, change: Change) -> bool:
        """An action's change, to be listed by `flush`; True if it is the first one waiting
        (the caller then has `flush` run once the article has painted). Whatever reads the
        list's rows flushes first, so nothing sees it behind."""
        self._pending.append(change)
        return len(self._pending) == 1

    def flush(self) -> None:
        """List the changes taken, in order. Rows replaced or removed here are not the analyst's
        picks: the current row stays the same annotation (or none), and no other row becomes
        current (Qt would move it to a neighbour, which then looked picked and got its text
        selected: the next label key relabelled that neighbour)."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        current = self.current()
        self.blockSignals(True)
        try:
            self._list_changes(pending)
            item = self._items.get(current) if current is not None else None
            if item is not None:
                self.setCurrentItem(item)
            else:
                self.setCurrentIndex(QModelIndex())
        finally:
            self.blockSignals(False)

    def _list_changes(self, pending: list[Change]) -> None:
        for change in pending:
            for span_id, span in change.spans.items():
                if span is None:
                    self.remove("span", span_id)
                else:
                    self.put_span(span)
            for event_id, event in change.events.items():
                if event is None:
                    self.remove("event", event_id)
                else:
                    self.put_event(event)
            for relation_id, relation in change.relations.items():
                if relation is None:
                    self.remove("relation", relation_id)
                else:
                    self.put_relation(relation)

    def put_span(self, span: SpanView) -> None:
        self.remove("span", span.id)
        key = (span.start, span.end, span.id)
        row = bisect_left(self._span_keys, key)
        self._span_keys.insert(row, key)
        self._rows[span.id] = key
        self._groups[0].insertChild(row, self._span_item(span))
        self._update_titles()

    def put_event(self, event: EventView) -> None:
        item = self._items.get(("event", event.id)) or self._new_item(self._groups[1], "event", event.id)
        item.takeChildren()
        item.setText(
            0,
            f"{self._quote(event.trigger_id)} — {isolate(event.type)}{self._attributes(event.attributes)}"
            f"  · {isolate(event.annotator)}",
        )
        item.setData(0, ANNOTATOR_ROLE, event.annotator)
        item.setHidden(self._only is not None and event.annotator != self._only)
        for argument in event.arguments:
            child = QTreeWidgetItem(item, [f"{isolate(argument.role)}: {self._quote(argument.span_id)}"])
            child.setData(0, KIND_ROLE, ("span", argument.span_id))
        item.setExpanded(True)
        self._update_titles()

    def put_relation(self, relation: RelationView) -> None:
        item = self._items.get(("relation", relation.id)) or self._new_item(self._groups[2], "relation", relation.id)
        # In a right-to-left line the head is read first, on the right: the arrow points left.
        arrow = "←" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "→"
        item.setText(
            0,
            f"{self._quote(relation.head_id)} {arrow} {self._quote(relation.tail_id)} — {isolate(relation.type)}"
            f"{self._attributes(relation.attributes)}  · {isolate(relation.annotator)}",
        )
        item.setData(0, ANNOTATOR_ROLE, relation.annotator)
        item.setHidden(self._only is not None and relation.annotator != self._only)
        self._update_titles()

    def remove(self, kind: str, id_: int) -> None:
        item = self._items.pop((kind, id_), None)
        if item is None:
            return
        if kind == "span":
            del self._span_keys[bisect_left(self._span_keys, self._rows.pop(id_))]
        parent = item.parent()
        if parent is not None:
            parent.removeChild(item)
        self._update_titles()

    def annotators(self) -> list[str]:
        """Who made the annotations listed, in name order."""
        self.flush()
        return sorted({item.data(0, ANNOTATOR_ROLE) for item in self._items.values()})

    def show_only(self, annotator: str | None) -> None:
        """List only `annotator`'s annotations (None: everyone's)."""
        self.flush()
        self._only = annotator
        for item in self._items.values():
            item.setHidden(annotator is not None and item.data(0, ANNOTATOR_ROLE) != annotator)

    def select(self, kind: str, id_: int, *, scroll: bool = True) -> None:
        self.flush()
        item = self._items.get((kind, id_))
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)
            if scroll:
                self.scrollToItem(item)

    def clear_current(self) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(QModelIndex())
        self.blockSignals(False)

    def current(self) -> tuple[str, int] | None:
        """The row picked. (Without `flush`: a change waiting to be listed makes no other row
        current, and one that removes this row is in the editor, which callers ask too.)"""
        item = self.currentItem()
        return item.data(0, KIND_ROLE) if item is not None and item.data(0, KIND_ROLE) else None

    # -- helpers --------------------------------------------------------------------------
    def _span_item(self, span: SpanView) -> QTreeWidgetItem:
        label = span.label + (f".{span.subtype}" if span.subtype else "")
        item = QTreeWidgetItem(
            [
                f"{isolate(label)} — {isolate(self._text[span.start : span.end])}  "
                f"{isolate(f'[{span.start}, {span.end})')}  · {isolate(span.annotator)}"
            ]
        )
        item.setData(0, KIND_ROLE, ("span", span.id))
        item.setFlags(SPAN_FLAGS)
        item.setForeground(0, self._ink(span.label))
        item.setData(0, ANNOTATOR_ROLE, span.annotator)
        if self._only is not None and span.annotator != self._only:
            item.setHidden(True)
        self._items[("span", span.id)] = item
        return item

    def _ink(self, label: str) -> QBrush:
        """The label's colour, darkened for text (one brush per label: 10,000 rows share them)."""
        if label not in self._inks:
            self._inks[label] = QBrush(QColor(self._colors.get(label, "#000000")).darker(130))
        return self._inks[label]

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        """A span row's tooltip (its text, who made it, its note), made when asked for, not
        for each of a document's 10,000 rows."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.itemAt(event.pos())
            kind = item.data(0, KIND_ROLE) if item is not None else None
            if kind and kind[0] == "span" and kind[1] in self._spans:
                span = self._spans[kind[1]]
                QToolTip.showText(
                    event.globalPos(),
                    tooltip(
                        [self._text[span.start : span.end], self.tr("by %1").replace("%1", span.annotator)]
                        + ([span.note] if span.note else [])
                    ),
                    self,
                )
                return True
        return super().viewportEvent(event)

    def _new_item(self, group: QTreeWidgetItem, kind: str, id_: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(group)
        item.setData(0, KIND_ROLE, (kind, id_))
        self._items[(kind, id_)] = item
        return item

    def _quote(self, span_id: int) -> str:
        span = self._spans.get(span_id)
        return isolate(self._text[span.start : span.end]) if span else "?"

    @staticmethod
    def _attributes(attributes: dict[str, str]) -> str:
        return f"  {isolate('(' + ', '.join(attributes.values()) + ')')}" if attributes else ""

    def _update_titles(self) -> None:
        for group, title in zip(
            self._groups,
            (
                self.tr("Spans (%n)", "", self._groups[0].childCount()),
                self.tr("Events (%n)", "", self._groups[1].childCount()),
                self.tr("Relations (%n)", "", self._groups[2].childCount()),
            ),
        ):
            group.setText(0, title)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        data = current.data(0, KIND_ROLE) if current is not None else None
        if data:
            self.chosen.emit(*data)


class AnnotatorFilter(QComboBox):
    """Above the list: everyone's annotations, or one annotator's."""

    def __init__(self, annotations: AnnotationList) -> None:
        super().__init__()
        self.setObjectName("annotatorFilter")
        self.setAccessibleName(self.tr("Show the annotations of"))
        self.annotations = annotations
        annotations.listed.connect(self.refresh)
        self.currentIndexChanged.connect(lambda _: annotations.show_only(self.currentData()))
        self.refresh()

    def refresh(self) -> None:
        """The annotators of the open document; the one chosen stays chosen while present."""
        chosen = self.currentData()
        names = self.annotations.annotators()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("All annotators"), None)
        for name in names:
            self.addItem(name, name)  # a name is data: combo items are never rich text
        self.setCurrentIndex(max(0, self.findData(chosen)) if chosen in names else 0)
        self.blockSignals(False)
        self.annotations.show_only(self.currentData())

    def pane(self) -> QWidget:
        """The filter above the list, as one widget for the dock."""
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self)
        layout.addWidget(self.annotations, 1)
        return pane
