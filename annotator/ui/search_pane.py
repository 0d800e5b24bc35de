"""The corpus search pane (Ctrl+Shift+F): a string in every document's text, its unlabelled
occurrences, the spans of a label or the triggers of an event type that contain it.

Results are lines of context with the hit painted; choosing one opens its document with the hit
selected. Unlabelled occurrences come ticked: untick those that are not meant, pick a label, and
"Label ticked" labels the rest in every document at once, as one undoable action (label all
across the corpus, with its preview). The search runs on the background runner; a result that
arrives after a newer search was started is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.find import Kind
from annotator.core.offsets import OffsetMap
from annotator.core.schema import Schema
from annotator.services.search import Hit, SearchQuery, SearchResult, search
from annotator.ui.plain import isolate, plain_label
from annotator.ui.tasks import Runner

HIT = Qt.ItemDataRole.UserRole
LIMIT = 200  # hits listed at first; "More" doubles it


def tr(text: str) -> str:
    return QCoreApplication.translate("SearchPane", text)


class ContextDelegate(QStyledItemDelegate):
    """Paints a result's line of context, plain text, with the hit on a highlight."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        hit = index.data(HIT)
        if not isinstance(hit, Hit):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(1)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        text_option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)  # Qt finds the line's direction
        document.setDefaultTextOption(text_option)
        document.setPlainText(hit.context)
        offsets = OffsetMap(hit.context)
        bounds = [offsets.to_utf16(hit.at), offsets.to_utf16(hit.at + hit.end - hit.start)]
        cursor = QTextCursor(document)
        cursor.setPosition(bounds[0])
        cursor.setPosition(bounds[1], QTextCursor.MoveMode.KeepAnchor)
        mark = QTextCharFormat()
        mark.setBackground(QColor("#ffd54f"))
        mark.setForeground(QColor("#000000"))
        cursor.mergeCharFormat(mark)
        width = document.idealWidth()
        block = document.firstBlock()
        line = block.layout().lineAt(0)
        middle = sum(cast(tuple[float, int], line.cursorToX(at))[0] for at in bounds) / 2
        rect = QRectF(option.rect)
        if width <= rect.width():  # it all fits: aligned to the start of its direction
            x = rect.right() - width if block.textDirection() == Qt.LayoutDirection.RightToLeft else rect.left()
        else:  # the hit in the middle, the rest cut at the cell's edges
            x = min(rect.left(), max(rect.right() - width, rect.center().x() - middle))
        painter.save()
        painter.translate(x, rect.top() + (rect.height() - document.size().height()) / 2)
        document.drawContents(painter, QRectF(rect.left() - x, 0, rect.width(), rect.height()))
        painter.restore()


class SearchPane(QWidget):
    def __init__(
        self,
        parent: QWidget,
        *,
        runner: Runner,
        corpus_id: int,
        schema: Schema,
        open_hit: Callable[[Hit], None],
        label_hits: Callable[[list[Hit], str], bool],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPane")
        self._runner, self._corpus_id, self._schema = runner, corpus_id, schema
        self._open_hit, self._label_hits = open_hit, label_hits
        self._generation = 0
        self._limit = LIMIT
        self.result: SearchResult | None = None

        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText(tr("Search every document (harakat and tatweel ignored)"))
        self.query.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        self.kind.setObjectName("searchKind")
        for text, kind in (
            (tr("Text"), Kind.TEXT),
            (tr("Unlabelled text"), Kind.UNLABELLED),
            (tr("Spans labelled"), Kind.SPANS),
            (tr("Events of type"), Kind.EVENTS),
        ):
            self.kind.addItem(text, kind.value)  # (Qt hands a StrEnum back as a plain str)
        self.label = QComboBox(self)
        self.label.setObjectName("searchLabel")
        self.fold = QCheckBox(tr("Fold letters"), self)
        self.fold.setObjectName("searchFold")
        self.fold.setToolTip(tr("Also treat alef forms, alef maqsura and yeh, teh marbuta and heh as the same"))
        self.fold.setChecked(True)
        go = QPushButton(tr("Search"), self)
        go.setObjectName("searchGo")
        go.clicked.connect(lambda: self.search())
        self.query.returnPressed.connect(lambda: self.search())
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())

        self.summary = plain_label("", self)
        self.summary.setObjectName("searchSummary")
        self.results = QTreeWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setHeaderLabels([tr("Document"), tr("Label"), tr("Context")])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setItemDelegateForColumn(2, ContextDelegate(self.results))
        header = self.results.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 180)
        header.resizeSection(1, 110)
        self.results.itemActivated.connect(lambda item, _: self._open(item))
        self.results.itemClicked.connect(lambda item, _: self._open(item))

        self.label_as = QComboBox(self)
        self.label_as.setObjectName("labelTickedAs")
        self.label_as.addItems([t.name for t in schema.entity_types])
        self.more = QPushButton(tr("More"), self)
        self.more.setObjectName("searchMore")
        self.more.setToolTip(tr("List twice as many hits"))
        self.more.clicked.connect(lambda: self.search(limit=2 * self._limit))
        self.more.hide()
        self.apply = QPushButton(tr("Label ticked"), self)
        self.apply.setObjectName("labelTicked")
        self.apply.setToolTip(
            tr("Label every ticked occurrence, in all its documents, as one action (Ctrl+Z undoes it)")
        )
        self.apply.clicked.connect(self._label_ticked)

        top = QHBoxLayout()
        for widget, stretch in ((self.query, 1), (self.kind, 0), (self.label, 0), (self.fold, 0), (go, 0)):
            top.addWidget(widget, stretch)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.more)
        bottom.addWidget(self.label_as)
        bottom.addWidget(self.apply)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        layout.addLayout(bottom)
        self._kind_changed()

    def search(
        self, text: str | None = None, kind: Kind | None = None, label: str | None = None, limit: int = LIMIT
    ) -> None:
        """Search with the pane's fields (set first from the arguments given), in the background."""
        if text is not None:
            self.query.setText(text)
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind.value))
        if label is not None:
            self.label_as.setCurrentText(label)
        self._limit = limit
        query = SearchQuery(
            self.query.text(),
            self.current_kind(),
            self.label.currentData() or "",
            letters=self.fold.isChecked(),
            limit=limit,
        )
        self._generation += 1
        generation = self._generation
        self.summary.setText(tr("Searching…"))
        self._runner.run(
            lambda db, _progress: search(db, corpus_id=self._corpus_id, query=query),
            progress=lambda tick: None,
            done=lambda result: self._show(result, generation),
            failed=lambda message: self.summary.setText(message),
        )

    def current_kind(self) -> Kind:
        return Kind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.label.clear()
        self.label.addItem(tr("any"), "")
        names = (
            [t.name for t in self._schema.entity_types]
            if kind is Kind.SPANS
            else [t.name for t in self._schema.event_types]
            if kind is Kind.EVENTS
            else []
        )
        for name in names:
            self.label.addItem(name, name)
        self.label.setEnabled(bool(names))
        self.label_as.setVisible(kind is Kind.UNLABELLED)
        self.apply.setVisible(kind is Kind.UNLABELLED)

    def _show(self, result: object, generation: int) -> None:
        if generation != self._generation or not isinstance(result, SearchResult):
            return  # a newer search was started since
        self.result = result
        tick = result.query.kind is Kind.UNLABELLED
        self.results.clear()
        items = []
        for hit in result.hits:
            item = QTreeWidgetItem([hit.title or hit.uid, hit.label, ""])
            item.setData(2, HIT, hit)
            item.setData(0, HIT, hit)
            item.setToolTip(0, hit.uid)
            if tick:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked)
            items.append(item)
        self.results.addTopLevelItems(items)
        documents = len({h.document_id for h in result.hits})
        text = (
            tr("%1 hits in %2 documents")
            .replace("%1", isolate(str(len(result.hits))))
            .replace("%2", isolate(str(result.documents if result.documents is not None else documents)))
        )
        if not result.complete:
            text += " " + tr("(the first %1; more in later documents)").replace("%1", isolate(str(len(result.hits))))
        self.summary.setText(f"{text} · {result.seconds * 1000:.0f} ms")
        self.more.setVisible(not result.complete)
        self.apply.setEnabled(bool(result.hits))

    def items(self) -> list[QTreeWidgetItem]:
        return [item for i in range(self.results.topLevelItemCount()) if (item := self.results.topLevelItem(i))]

    def ticked(self) -> list[Hit]:
        return [item.data(0, HIT) for item in self.items() if item.checkState(0) == Qt.CheckState.Checked]

    def _open(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, HIT)
        if isinstance(hit, Hit):
            self._open_hit(hit)

    def _label_ticked(self) -> None:
        hits = self.ticked()
        if hits and self._label_hits(hits, self.label_as.currentText()):
            self.search()  # what was labelled leaves the list
