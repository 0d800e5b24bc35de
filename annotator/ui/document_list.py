"""The corpus pane: documents with title, source, date, status and span count.

A table model over a plain list (100,000 rows stay smooth: Qt asks only for visible cells),
sorted and filtered by a proxy: by status and by text in the title, source or id.
"""

from __future__ import annotations

from functools import partial

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, QTimer, Signal)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from annotator.core.model import Status
from annotator.services.views import DocumentSummary
from annotator.ui.plain import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def status_name(status: Status) -> str:
    names = {Status.NEW: QCoreApplication.translate("Status", "new"),
             Status.IN_PROGRESS: QCoreApplication.translate("Status", "in progress"),
             Status.DONE: QCoreApplication.translate("Status", "done"),
             Status.REVIEWED: QCoreApplication.translate("Status", "reviewed")}
    return names[status]


class DocumentListModel(QAbstractTableModel):
    COLUMNS = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentSummary] = []
        self._row_of: dict[int, int] = {}

    def set_documents(self, documents: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(documents)
        self._row_of = {d.id: i for i, d in enumerate(self._rows)}
        self.endResetModel()

    def document(self, row: int) -> DocumentSummary:
        return self._rows[row]

    def row_of(self, document_id: int) -> int | None:
        return self._row_of.get(document_id)

    def update(self, document_id: int, **fields: Any) -> None:
        row = self._row_of.get(document_id)
        if row is not None:
            self._rows[row] = replace(self._rows[row], **fields)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the list itself (one list.sort; a proxy would compare rows through Python calls,
        seconds for 100,000 documents). Selections follow their documents."""
        if not 0 <= column < self.COLUMNS:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in persistent]
        self._rows.sort(key=lambda d: _sort_key(d, column), reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = {d.id: i for i, d in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [self.index(self._row_of[i], p.column()) for i, p in zip(ids, persistent, strict=True)])
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("Source"), self.tr("Date"), self.tr("Status"), self.tr("Spans"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        doc = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:  # item views draw display text as plain text
            return (doc.title, doc.source, doc.published.strftime("%Y-%m-%d") if doc.published else "",
                    status_name(doc.status), doc.spans)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 2):  # the whole title; the time too
            shown = doc.title if column == 0 else doc.published.strftime("%Y-%m-%d %H:%M") if doc.published else ""
            return tooltip([shown]) if shown else None  # escaped: a title is data, never markup
        if role == ID_ROLE:
            return doc.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _sort_key(doc: DocumentSummary, column: int) -> Any:
    if column == 0:
        return doc.title.casefold()
    if column == 1:
        return doc.source.casefold()
    if column == 2:
        return doc.published.isoformat() if doc.published else ""
    if column == 3:
        return list(Status).index(doc.status)
    return doc.spans


class DocumentFilter(QSortFilterProxyModel):
    """Filters by status and text; sorting is passed on to the source model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._status: Status | None = None

    def set_filter(self, text: str, status: Status | None) -> None:
        self.beginFilterChange()
        self._text, self._status = text.strip().casefold(), status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, DocumentListModel)
        doc = model.document(row)
        if self._status is not None and doc.status != self._status:
            return False
        return not self._text or any(self._text in field.casefold() for field in (doc.title, doc.source, doc.uid))


class DocumentPane(QWidget):
    """Filter box, status filter and the table; emits the id of the document to open."""

    document_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentListModel(self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("documentFilter")
        self.search.setPlaceholderText(self.tr("Filter by title, source or id"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Filter documents"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Filter by status"))
        self.status.addItem(self.tr("all"), None)
        for status in Status:
            self.status.addItem(status_name(status), status)
        self.table = QTableView(self)
        self.table.setObjectName("documentList")
        self.table.setAccessibleName(self.tr("Documents"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._size_columns()
        self.proxy.modelReset.connect(self._size_columns)  # a reset forgets section sizes
        self.table.setWordWrap(False)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def _size_columns(self) -> None:
        """The title takes the room left by the other columns, each as wide as what it holds, so
        titles and span counts show in the pane's default width."""
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)  # the style's minimum (about 120 px here) would undo the sizes below
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics, pad = self.fontMetrics(), 18
        heading = partial(self.model.headerData, orientation=Qt.Orientation.Horizontal)
        widths = {1: metrics.horizontalAdvance("0") * 9, 2: metrics.horizontalAdvance("2024-12-06"),
                  3: max([metrics.horizontalAdvance(status_name(s)) for s in Status]
                         + [metrics.horizontalAdvance(heading(3))]),
                  4: metrics.horizontalAdvance(heading(4))}
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width + pad)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.search.text(), self.status.currentData())

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.document_chosen.emit(current.data(ID_ROLE))

    def select(self, document_id: int) -> None:
        """Highlight a document's row without re-emitting `document_chosen` for it."""
        row = self.model.row_of(document_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().blockSignals(True)
            self.table.setCurrentIndex(index)
            self.table.selectionModel().blockSignals(False)
            self.table.scrollTo(index)

    def visible_ids(self) -> list[int]:
        """Document ids in the order the table shows them (after sorting and filtering)."""
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]
