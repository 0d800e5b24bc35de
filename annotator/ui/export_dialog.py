"""Options of an export, for the format chosen in the file dialog: the clitic and nesting
policies of token formats, and filters by status, annotator and label. Every format, its name
and what it can take come from the format registry."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from annotator.core.model import Status
from annotator.formats.base import Clitics, ExportOptions, Format, Nested
from annotator.formats.registry import WRITERS
from annotator.services.exporting import Filters
from annotator.ui.document_list import status_name
from annotator.ui.plain import plain_label


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def name_filters() -> dict[str, Format]:
    """The save dialog's filters ("CoNLL IOB2 (*.conll *.iob …)"), each naming its format."""
    return {f"{f.name} ({' '.join('*' + s for s in f.suffixes)})": f for f in WRITERS}


class ExportDialog(QDialog):
    def __init__(self, format_: Format, labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export as %1").replace("%1", format_.name))
        self.format = format_
        form = QFormLayout(self)
        description = plain_label(format_.description.replace("`", ""), self)  # (backticks are for docs/formats.md)
        description.setWordWrap(True)
        form.addRow(description)
        self.clitics = self._combo(
            [
                (Clitics.EXPAND, tr("Expand to the whole word, clitic included (Wojood, ANERcorp)")),
                (Clitics.SPLIT, tr("Split the clitic off as a token of its own (exact spans)")),
                (Clitics.DROP, tr("Leave such spans out (they are counted in the report)")),
            ]
        )
        nested = [(Nested.OUTER, tr("Keep the outer span")), (Nested.INNER, tr("Keep the inner span"))]
        if format_.layers:
            nested.append((Nested.LAYERS, tr("All, as layers: a tag column each")))
        self.nested = self._combo(nested)
        self.clitics.setObjectName("clitics")
        self.nested.setObjectName("nested")
        if format_.token_level:
            form.addRow(tr("Spans starting inside a word"), self.clitics)
            form.addRow(tr("Nested spans"), self.nested)
        else:
            self.clitics.hide()
            self.nested.hide()
        statuses = QHBoxLayout()
        self.statuses: dict[Status, QCheckBox] = {}
        for status in Status:
            box = QCheckBox(status_name(status), self)
            box.setObjectName(f"status_{status.value}")
            self.statuses[status] = box
            statuses.addWidget(box)
        form.addRow(tr("Only documents that are (none: all)"), statuses)
        self.annotators = QLineEdit(self)
        self.annotators.setObjectName("annotators")
        self.annotators.setPlaceholderText(tr("all annotators, or names separated by commas"))
        form.addRow(tr("Annotators"), self.annotators)
        self.labels = QListWidget(self)
        self.labels.setObjectName("labels")
        for label in labels:
            item = QListWidgetItem(label, self.labels)  # a schema's name: list items are never rich text
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.labels.setMaximumHeight(160)
        form.addRow(tr("Only these labels (none: all)"), self.labels)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _combo(self, items: Sequence[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        for value, title in items:
            combo.addItem(title, value)
        return combo

    def options(self) -> ExportOptions:
        return ExportOptions(clitics=Clitics(self.clitics.currentData()), nested=Nested(self.nested.currentData()))

    def filters(self) -> Filters:
        labels = [
            self.labels.item(i).text()
            for i in range(self.labels.count())
            if self.labels.item(i).checkState() == Qt.CheckState.Checked
        ]
        return Filters(
            statuses=[s.value for s, box in self.statuses.items() if box.isChecked()],
            annotators=[n.strip() for n in self.annotators.text().split(",") if n.strip()],
            labels=labels,
        )
