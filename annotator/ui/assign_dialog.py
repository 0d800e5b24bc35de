"""Giving documents to annotators from the window (a curator's): the open document, the
documents the corpus pane lists (its filter), or a random sample of them, with a share given to
two for agreement. services/assignments.py does the work, in one transaction."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services.assignments import assign
from annotator.services.handles import Database, DocumentPages

OPEN, LISTED, SAMPLE = range(3)


class AssignDialog(QDialog):
    def __init__(
        self,
        db: Database,
        corpus_id: int,
        open_document: int | None,
        listing: DocumentPages | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Give documents to annotators"))
        self.db, self.corpus_id, self.open_document, self.listing = db, corpus_id, open_document, listing
        self.given: dict[str, int] = {}
        self.annotators = QLineEdit(self)
        self.annotators.setPlaceholderText(self.tr("Names, separated by commas"))
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("The open document"), OPEN)
        self.scope.addItem(self.tr("The documents the list shows"), LISTED)
        self.scope.addItem(self.tr("A random sample of them"), SAMPLE)
        self.sample = QSpinBox(self)
        self.sample.setRange(1, 1_000_000)
        self.sample.setValue(100)
        self.overlap = QSpinBox(self)
        self.overlap.setRange(0, 100)
        self.overlap.setSuffix("%")
        self.overlap.setValue(20)
        self.message = QLabel(self)
        form = QFormLayout(self)
        form.addRow(self.tr("Annotators"), self.annotators)
        form.addRow(self.tr("Documents"), self.scope)
        form.addRow(self.tr("Sample size"), self.sample)
        form.addRow(self.tr("Given to two (for agreement)"), self.overlap)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.give)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def give(self) -> None:
        names = [n for n in re.split(r"[,،\s]+", self.annotators.text()) if n]
        scope = self.scope.currentData()
        if scope == OPEN:
            ids = [self.open_document] if self.open_document is not None else []
        else:
            ids = self.listing.ordered().ids if self.listing is not None else []
        if not ids:
            self.message.setText(self.tr("There is no document to give."))
            return
        try:
            self.given = assign(
                self.db,
                corpus_id=self.corpus_id,
                annotators=names,
                document_ids=ids,
                sample=self.sample.value() if scope == SAMPLE else None,
                overlap=self.overlap.value() / 100,
            )
        except AnnotatorError as e:
            self.message.setText(self.tr("Not saved: %1").replace("%1", str(e)))
            return
        self.accept()
