"""The corpus pane: documents with title, source, date, status and span count.

A table model over `services.document_pages`: the database counts, sorts and filters, and the
model reads the page of rows the view shows (a million documents open as fast as ten).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.listing import Column, Counted, DocumentQuery, Ordered
from annotator.core.model import Status
from annotator.core.views import DocumentSummary
from annotator.services.handles import DocumentPages
from annotator.services.open_document import Changed, Notice
from annotator.ui.plain import tooltip
from annotator.ui.tasks import Runner

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def status_name(status: Status) -> str:
    names = {
        Status.NEW: QCoreApplication.translate("Status", "new"),
        Status.IN_PROGRESS: QCoreApplication.translate("Status", "in progress"),
        Status.DONE: QCoreApplication.translate("Status", "done"),
        Status.REVIEWED: QCoreApplication.translate("Status", "reviewed"),
        Status.ADJUDICATED: QCoreApplication.translate("Status", "adjudicated"),
    }
    return names[status]


class DocumentListModel(QAbstractTableModel):
    """With a runner, a text filter naming many documents (a scan of every name to count, 0.4 s
    at a million) shows at once the rows the index of names gives, read from the start, and is
    counted in the background with the row of the document followed (`follow`); then its ids are
    put in order in the background, for the pages in the middle and every position. `counted` is
    emitted when either comes in (rows may have come or gone at the end; the open row is known)."""

    COLUMNS = 5
    counted = Signal()

    def __init__(self, parent: QObject | None = None, runner: Runner | None = None) -> None:
        super().__init__(parent)
        self.pages: DocumentPages | None = None
        self.follow: int | None = None  # the open document, whose row is wanted with a count
        self._count = 0
        self._runner = runner
        self._epoch = 0  # the corpus's changes seen (`refresh`)
        self._counting: tuple[int, DocumentQuery] | None = None  # the count under way: (epoch, query)
        self._ordering: tuple[int, DocumentQuery] | None = None  # the ids in order under way

    def set_pages(self, pages: DocumentPages) -> None:
        """Show another listing (a new filter or order): the view starts again at the top."""
        self.beginResetModel()
        self.pages = pages
        self._count = self._count_of(pages)
        self.endResetModel()

    def refresh(self) -> None:
        """The corpus changed: rows are read again as they are shown. Rows come or go at the
        end (not a reset), so the view keeps its place and its current row."""
        if self.pages is None:
            return
        self._epoch += 1  # (a count under way counted the corpus as it was)
        self.pages.invalidate()
        self._resize(self._count_of(self.pages))

    def _count_of(self, pages: DocumentPages) -> int:
        """The listing's count; a slow one is made in the background (unless under way for this
        filter already), its estimate shown meanwhile."""
        estimate = pages.estimate() if self._runner is not None else None
        if estimate is None or self._runner is None:
            count = pages.count()
            self._order_elsewhere(pages)
            return count
        under_way = self._counting
        if under_way is None or under_way[0] != self._epoch or not under_way[1].same_filter(pages.query):
            epoch, query, follow = self._epoch, pages.query, self.follow
            self._counting = (epoch, query)
            self._runner.run(
                lambda db, _progress: DocumentPages(db, query).counted(follow),
                progress=lambda _tick: None,
                done=partial(self._count_in, epoch, query),
                failed=lambda _message: self._count_in(epoch, query, None),
            )
        return estimate

    def _count_in(self, epoch: int, query: DocumentQuery, counted: object) -> None:
        """A count made in the background (None: it failed)."""
        if self._counting == (epoch, query):
            self._counting = None
        pages = self.pages
        if pages is None:
            return
        if pages.estimate() is not None:  # (else counted here meanwhile: `settle`)
            current = epoch == self._epoch and query.same_filter(pages.query)
            if not current or (isinstance(counted, Counted) and not pages.adopt(counted)):
                self._count_of(pages)  # it counted the corpus before a change, or another filter
                return
            if not isinstance(counted, Counted):
                try:
                    pages.count()  # (it failed in the background: here, then)
                except AnnotatorError:
                    return
        self._resize(pages.count())
        self.counted.emit()
        self._order_elsewhere(pages)

    def _order_elsewhere(self, pages: DocumentPages) -> None:
        """A counted broad filter's ids in the listing's order, made in the background."""
        if self._runner is None or not pages.expect_ids() or self._ordering == (self._epoch, pages.query):
            return
        epoch, query = self._epoch, pages.query
        self._ordering = (epoch, query)
        self._runner.run(
            lambda db, _progress: DocumentPages(db, query).ordered(),
            progress=lambda _tick: None,
            done=partial(self._ids_in, epoch, query),
            failed=lambda _message: self._ids_in(epoch, query, None),
        )

    def _ids_in(self, epoch: int, query: DocumentQuery, ordered: object) -> None:
        """Ids in order made in the background (None: it failed: pages are read here again)."""
        if self._ordering == (epoch, query):
            self._ordering = None
        pages = self.pages
        if pages is None or epoch != self._epoch or pages.query != query:
            return  # (another listing, or the corpus changed: asked for again as it is counted)
        if not isinstance(ordered, Ordered):
            pages.here()
        elif not pages.take_ids(ordered):
            return
        self._resize(pages.count())
        self.counted.emit()

    def settle(self) -> None:
        """Count now what is being counted in the background, and find rows here (to step from
        a row exactly)."""
        if self.pages is not None:
            if self.pages.estimate() is not None:
                self._resize(self.pages.count())
            self.pages.here()

    def _resize(self, count: int) -> None:
        """Rows come or go at the end; all are read again as they show."""
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, self.COLUMNS - 1))

    def update(self, document_id: int, **fields: Any) -> None:
        """A row the window itself changed (its span count, its status), without reading it."""
        row = self.pages.patch(document_id, **fields) if self.pages is not None else None
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def document(self, row: int) -> DocumentSummary | None:
        return self.pages.row(row) if self.pages is not None and 0 <= row < self._count else None

    def row_of(self, document_id: int) -> int | None:
        return self.pages.position(document_id) if self.pages is not None else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the database, from an index: a million documents in milliseconds."""
        if self.pages is None:
            return
        self.set_pages(
            self.pages.with_query(
                column=Column(column) if 0 <= column < self.COLUMNS else None,
                descending=order == Qt.SortOrder.DescendingOrder,
            )
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("Source"), self.tr("Date"), self.tr("Status"), self.tr("Spans"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        doc = self.document(index.row())
        if doc is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:  # item views draw display text as plain text
            return (
                doc.title,
                doc.source,
                doc.published.strftime("%Y-%m-%d") if doc.published else "",
                status_name(doc.status),
                doc.spans,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 2):  # the whole title; the time too
            shown = doc.title if column == 0 else doc.published.strftime("%Y-%m-%d %H:%M") if doc.published else ""
            return tooltip([shown]) if shown else None  # escaped: a title is data, never markup
        if role == ID_ROLE:
            return doc.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class DocumentPane(QWidget):
    """Filter box, status filter and the table; emits the id of the document to open."""

    document_chosen = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        runner: Runner | None = None,
        *,
        annotator: str = "",
        later: Callable[[Callable[[], None]], None] = lambda run: run(),
    ) -> None:
        """`later`: runs a callable once the article has shown what it is about."""
        super().__init__(parent)
        self.annotator = annotator  # whose queue "My queue" lists
        self._later = later
        self.model = DocumentListModel(self, runner)
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
        self.queue = QCheckBox(self.tr("My queue"), self)
        self.queue.setObjectName("myQueue")
        self.queue.setToolTip(self.tr("Only the documents given to you; next goes to your next unfinished one"))
        self.table = QTableView(self)
        self.table.setObjectName("documentList")
        self.table.setAccessibleName(self.tr("Documents"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._size_columns()
        self.model.modelReset.connect(self._size_columns)  # a reset forgets section sizes
        self.model.modelReset.connect(self.table.scrollToTop)  # (else it stays at the old listing's place)
        self._selecting = False  # the pane itself moves the current row (no document chosen)
        self.model.modelReset.connect(self._reselect, Qt.ConnectionType.QueuedConnection)
        self.model.counted.connect(self._reselect)
        self.table.setWordWrap(False)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self.queue.toggled.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.queue)  # (a line of its own: the pane is narrow)
        layout.addWidget(self.table)

    def _size_columns(self) -> None:
        """The title takes the room left by the other columns, each as wide as what it holds, so
        titles and span counts show in the pane's default width."""
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)  # the style's minimum (about 120 px here) would undo the sizes below
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics, pad = self.fontMetrics(), 18
        heading = partial(self.model.headerData, orientation=Qt.Orientation.Horizontal)
        widths = {
            1: metrics.horizontalAdvance("0") * 9,
            2: metrics.horizontalAdvance("2024-12-06"),
            3: max(
                [metrics.horizontalAdvance(status_name(s)) for s in Status] + [metrics.horizontalAdvance(heading(3))]
            ),
            4: metrics.horizontalAdvance(heading(4)),
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width + pad)

    def show_listing(self, pages: DocumentPages) -> None:
        """The corpus's documents, filtered and sorted as the pane's controls say."""
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection() if header.isSortIndicatorShown() else -1
        status = self.status.currentData()  # (a Status comes back from Qt as its str)
        self.model.set_pages(
            pages.with_query(
                text=self.search.text(),
                status=Status(status) if status else None,
                assigned_to=self.annotator if self.queue.isChecked() else None,
                column=Column(column) if 0 <= column < DocumentListModel.COLUMNS else None,
                descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            )
        )

    def _apply_filter(self) -> None:
        if self.model.pages is not None:
            self.show_listing(self.model.pages)

    def _reselect(self) -> None:
        """After a new filter or order, the open document's row is current again (if listed)."""
        if self.model.follow is not None:
            self.select(self.model.follow)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting:
            self.model.follow = current.data(ID_ROLE)
            self.document_chosen.emit(self.model.follow)

    def follow(self, notice: Notice) -> None:
        """The open document's row: selected when it is shown; its span count and status as
        an action left them (the status rule ran in the write's transaction)."""
        editor = notice.editor
        if isinstance(notice, Changed):
            self._later(lambda: self.model.update(editor.id, spans=len(editor.spans), status=editor.status))
        else:
            self.select(editor.id)

    def select(self, document_id: int, *, scroll: bool = True) -> None:
        """Highlight a document's row without re-emitting `document_chosen` for it (and bring it
        into view, unless the list was only refreshed: the analyst may be looking elsewhere)."""
        self.model.follow = document_id
        row = self.model.row_of(document_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        if index.isValid():
            # Not by blocking the selection model's signals: the view listens to them too, and
            # would go on painting the row selected before as selected.
            self._selecting = True
            try:
                self.table.setCurrentIndex(index)
            finally:
                self._selecting = False
            if scroll:
                self.table.scrollTo(index)
