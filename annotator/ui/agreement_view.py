"""The agreement window: how far the annotators agree, measured in the background
(services/agreement.py), per pair, per label (least agreed first: where the guidelines are
unclear) and per document (least agreed first; a double-click opens it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import Agreement
from annotator.services.agreement import corpus_agreement
from annotator.ui.plain import isolate
from annotator.ui.tasks import Runner


def figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


class AgreementWindow(QDialog):
    def __init__(
        self, runner: Runner, corpus: str, open_document: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agreementWindow")
        self.setWindowTitle(self.tr("Agreement between annotators"))
        self._open_document = open_document
        self.summary = QLabel(self.tr("Measuring…"), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.pairs = self._table(
            [
                self.tr("Layers"),
                self.tr("Documents"),
                self.tr("Spans F1 (exact)"),
                self.tr("Spans F1 (overlap)"),
                self.tr("Cohen's kappa"),
                self.tr("Triggers F1"),
                self.tr("Arguments F1"),
                self.tr("Relations F1"),
            ]
        )
        self.labels = self._table(
            [
                self.tr("Layers"),
                self.tr("Label"),
                self.tr("F1"),
                self.tr("Matched"),
                self.tr("First layer"),
                self.tr("Second layer"),
            ]
        )
        self.documents = self._table([self.tr("Document"), self.tr("Layers"), self.tr("F1"), self.tr("Apart")])
        self.documents.cellDoubleClicked.connect(lambda row, _column: self._open(row))
        tabs = QTabWidget(self)
        tabs.addTab(self.pairs, self.tr("Pairs"))
        tabs.addTab(self.labels, self.tr("Labels"))
        tabs.addTab(self.documents, self.tr("Documents"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(tabs, 1)
        self.resize(900, 520)
        self.measured: Agreement | None = None
        runner.run(
            lambda db, _progress: corpus_agreement(db, corpus=corpus),
            progress=lambda _tick: None,
            done=self._show,
            failed=self.summary.setText,
        )

    def _table(self, headings: Sequence[str]) -> QTableWidget:
        table = QTableWidget(0, len(headings), self)
        table.setHorizontalHeaderLabels(list(headings))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        return table

    @staticmethod
    def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))  # (an item's text is plain, never rich)
        table.resizeColumnsToContents()

    def _show(self, result: object) -> None:
        assert isinstance(result, Agreement)
        self.measured = result
        self.summary.setText(
            self.tr("%1 layers over %2 documents annotated by two or more; Krippendorff's alpha (tokens): %3")
            .replace("%1", str(len(result.layers)))
            .replace("%2", str(result.documents))
            .replace("%3", figure(result.alpha))
        )
        self._fill(
            self.pairs,
            [
                (
                    isolate(f"{p.reference} ~ {p.other}"),
                    str(p.documents),
                    figure(p.spans["exact"].f1),
                    figure(p.spans["overlap"].f1),
                    figure(p.kappa),
                    figure(p.triggers.f1),
                    figure(p.arguments.f1),
                    figure(p.relations.f1),
                )
                for p in result.pairs
            ],
        )
        by_label = sorted(
            ((p, label, s) for p in result.pairs for label, s in p.by_label.items()),
            key=lambda x: (x[2].f1 or 0.0, x[1]),
        )
        self._fill(
            self.labels,
            [
                (
                    isolate(f"{p.reference} ~ {p.other}"),
                    label,
                    figure(s.f1),
                    f"{s.matched:g}",
                    str(s.reference),
                    str(s.other),
                )
                for p, label, s in by_label
            ],
        )
        worst = sorted(result.per_document, key=lambda d: (d.f1 if d.f1 is not None else 1.0, d.uid))
        self._fill(
            self.documents,
            [(d.uid, isolate(f"{d.reference} ~ {d.other}"), figure(d.f1), str(d.disagreements)) for d in worst],
        )

    def _open(self, row: int) -> None:
        item = self.documents.item(row, 0)
        if item is not None:
            self._open_document(item.text())
