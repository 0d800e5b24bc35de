"""An annotation's history in the window: every change to it (when, who, what before and
after), oldest first, from the append-only table (services/changes.py)."""

from __future__ import annotations

import orjson
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.services.changes import Entry
from annotator.ui.plain import isolate


def shown(value: object) -> str:
    """A before or after as one line of JSON (plain text; an Arabic label keeps its letters)."""
    return "" if value is None else orjson.dumps(value).decode()


class HistoryDialog(QDialog):
    def __init__(self, title: str, entries: list[Entry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of %1").replace("%1", isolate(title)))
        self.table = QTableWidget(len(entries), 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When (UTC)"), self.tr("Who"), self.tr("Change"), self.tr("Before"), self.tr("After")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, entry in enumerate(entries):
            for column, text in enumerate(
                (entry.at[:19], entry.who, f"{entry.action} {entry.kind}", shown(entry.before), shown(entry.after))
            ):
                item = QTableWidgetItem(text)  # (plain text: a note's <b> stays three letters)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 360)
