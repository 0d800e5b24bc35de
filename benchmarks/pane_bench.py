"""The corpus pane on a large database: what the window waits for when it opens, sorts,
filters and jumps, through the same model the window uses (store/document_pages.py under
ui/document_list.py), painted offscreen.

    QT_QPA_PLATFORM=offscreen python benchmarks/pane_bench.py DB [--repeats 5]

DB is a database made by scale_bench.py (e.g. 1,000,000 articles). Each figure is the median
of the repeats, each on a fresh model (no page cached), to the end of the table's paint.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from annotator.core.listing import DocumentQuery
from annotator.core.model import Status
from annotator.services.corpora import open_corpus, open_database
from annotator.store.document_pages import DocumentPages
from annotator.ui.document_list import DocumentPane
from annotator.ui.tasks import Runner


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    db = open_database(f"sqlite:///{args.db}")
    corpus = open_corpus(db)
    pane = DocumentPane()
    pane.resize(500, 800)
    pane.show()
    app.processEvents()

    def painted(action: Callable[[], object]) -> float:
        start = time.perf_counter()
        action()
        pane.table.viewport().repaint()
        return time.perf_counter() - start

    def fresh() -> DocumentPages:
        return DocumentPages(db, DocumentQuery(corpus.id))

    def sort(column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> Callable[[], object]:
        return lambda: pane.table.sortByColumn(column, order)

    def status(value: Status | None) -> Callable[[], object]:
        return lambda: pane.status.setCurrentIndex(pane.status.findData(value))

    def text(value: str) -> Callable[[], object]:
        def run() -> None:
            pane.search.setText(value)
            pane._debounce.stop()  # (the pane waits 150 ms after the last key; timed without the wait)
            pane._apply_filter()

        return run

    def unsorted() -> None:
        pane.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        pane.show_listing(fresh())

    def jump() -> None:
        pane.table.scrollToBottom()
        app.processEvents()

    steps: list[tuple[str, Callable[[], object]]] = [
        ("open: count and first page", lambda: pane.show_listing(fresh())),
        ("sort by title", sort(0)),
        ("sort by source", sort(1)),
        ("sort by date, newest first", sort(2, Qt.SortOrder.DescendingOrder)),
        ("jump to the end (by date)", jump),
        ("sort by status", sort(3)),
        ("jump to the end (by status)", jump),
        ("back to import order", unsorted),
        ("jump to the end", jump),
        ("filter: status done", status(Status.DONE)),
        ("filter: all statuses", status(None)),
        ("filter: text in id (doc-099999)", text("doc-099999")),
        ("filter: text cleared", text("")),
        ("filter: a rare title word (منحة)", text("منحة")),
        ("filter: a common title word (الصين)", text("الصين")),
        ("jump to the end (filtered)", jump),
        ("filter: in three sources' names (عربي), by date", lambda: (text("عربي")(), sort(2)())),
        ("jump to the end (broad filter)", jump),
        ("filter: text cleared again", text("")),
        ("sort by span count", sort(4)),
        ("jump to the end (by span count)", jump),
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in steps}
    for _ in range(args.repeats):
        pane.search.blockSignals(True)
        pane.search.clear()
        pane.search.blockSignals(False)
        pane.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for name, action in steps:
            times[name].append(painted(action))
    count = pane.model.rowCount()
    print(f"{count:,} documents; medians of {args.repeats}, ms, to the end of the table's paint:")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values) * 1000:.1f} |")
    # As in the window: a filter naming many documents is counted in the background (a runner).
    background = DocumentPane(runner=Runner(app, f"sqlite:///{args.db}"))
    background.resize(500, 800)
    background.show()
    background.show_listing(fresh())
    shown, counted, ordered, middle = [], [], [], []
    for _ in range(args.repeats):
        background.search.setText("")
        background._debounce.stop()
        background._apply_filter()
        app.processEvents()
        start = time.perf_counter()
        background.search.setText("عربي")
        background._debounce.stop()
        background._apply_filter()
        background.table.viewport().repaint()
        shown.append(time.perf_counter() - start)
        model = background.model
        while model.pages is not None and model.pages.estimate() is not None:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        background.table.viewport().repaint()
        counted.append(time.perf_counter() - start)
        while model.pages is not None and model.pages._ordering:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            time.sleep(0.01)  # (idle, as a window waiting for its user: the work's thread takes the GIL)
        ordered.append(time.perf_counter() - start)
        start = time.perf_counter()
        background.table.scrollTo(
            background.model.index(background.model.rowCount() // 2, 0), QAbstractItemView.ScrollHint.PositionAtTop
        )
        background.table.viewport().repaint()
        middle.append(time.perf_counter() - start)
    print(
        f"| filter: in three sources' names (عربي), in the window: shown (rows from the index of names, "
        f"counted in the background) | {statistics.median(shown) * 1000:.1f} |"
    )
    print(f"| … and counted ({background.model.rowCount():,} rows) | {statistics.median(counted) * 1000:.1f} |")
    print(f"| … and its ids put in order, after the key | {statistics.median(ordered) * 1000:.1f} |")
    print(f"| then a page in its middle | {statistics.median(middle) * 1000:.1f} |")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
