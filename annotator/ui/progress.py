"""View → Progress: charts of the corpus (or of the documents the corpus pane shows): documents
by status, spans by label, events by type, work by annotator and by day, each with Save as PNG
or SVG. Drawn by matplotlib (3.11 shapes Arabic itself) in the bundled Noto Sans Arabic; the
counts come from `services.stats`, like `annotator stats` on a terminal."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.listing import DocumentQuery
from annotator.core.model import Status
from annotator.services.handles import Database
from annotator.services.stats import CorpusStats, corpus_stats
from annotator.ui.document_list import status_name
from annotator.ui.file_dialogs import file_dialog
from annotator.ui.plain import plain_label


def tr(text: str) -> str:
    return QCoreApplication.translate("Progress", text)


def charts(stats: CorpusStats) -> list[tuple[str, dict[str, int]]]:
    """(title, counts) of each chart, as shown."""
    by_status = {
        status_name(Status(k)) if k in Status._value2member_map_ else k: n for k, n in stats.documents_by_status.items()
    }
    return [
        (tr("Documents by status"), by_status),
        (tr("Spans by label"), stats.spans_by_label),
        (tr("Events by type"), stats.events_by_type),
        (tr("Work by annotator"), stats.work_by_annotator),
        (tr("Work by day"), stats.work_by_day),
    ]


@cache
def _arabic_font() -> list[str]:
    """The bundled Arabic font registered with matplotlib, Latin falling back to DejaVu Sans."""
    import fontpkg_noto_sans_arabic
    from matplotlib import font_manager

    names = []
    for path in sorted(fontpkg_noto_sans_arabic.ROOT.rglob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
        names.append(font_manager.FontProperties(fname=str(path)).get_name())
    return [*dict.fromkeys(names), "DejaVu Sans"]  # (registered once: the result is cached)


class ProgressWindow(QDialog):
    def __init__(self, db: Database, corpus: str, listing: DocumentQuery | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressWindow")
        self.setWindowTitle(tr("Progress"))
        self.resize(900, 560)
        self.stats = corpus_stats(db, corpus=corpus, listing=listing)
        layout = QVBoxLayout(self)
        scope = tr("the documents shown in the corpus pane") if listing is not None else tr("the whole corpus")
        total = sum(self.stats.documents_by_status.values())
        layout.addWidget(plain_label(tr("%1 documents: %2").replace("%1", str(total)).replace("%2", scope), self))
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.figures: list[Any] = []
        family = _arabic_font()
        for title, counts in charts(self.stats):
            self.tabs.addTab(self._chart(title, counts, family), title)
        buttons = QHBoxLayout()
        save = QPushButton(tr("Save chart…"), self)
        save.setObjectName("saveChart")
        save.clicked.connect(self.save_current)
        buttons.addStretch(1)
        buttons.addWidget(save)
        layout.addLayout(buttons)

    def _chart(self, title: str, counts: dict[str, int], family: list[str]) -> QWidget:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator

        figure = Figure(figsize=(8, 4.5), layout="constrained")
        axes = figure.add_subplot()
        names, values = list(counts), list(counts.values())
        axes.barh(range(len(names)), values, color="#4363d8")
        axes.set_yticks(range(len(names)), names, fontfamily=family)
        axes.invert_yaxis()  # the largest first
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(title, fontfamily=family)
        for i, value in enumerate(values):
            axes.annotate(str(value), (value, i), xytext=(3, 0), textcoords="offset points", va="center")
        self.figures.append(figure)
        return FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]

    def save_current(self) -> None:
        dialog = file_dialog(
            self, tr("Save chart"), [tr("PNG image (*.png)"), tr("SVG drawing (*.svg)")], save=True, name="chart.png"
        )
        if dialog.exec() and dialog.selectedFiles():
            self.save(self.tabs.currentIndex(), Path(dialog.selectedFiles()[0]))

    def save(self, index: int, path: Path) -> None:
        """Chart `index` as PNG or SVG, by the file's suffix (PNG when it has neither)."""
        kind = "svg" if path.suffix.lower() == ".svg" else "png"
        self.figures[index].savefig(path, format=kind, dpi=150)
