"""The adjudication view: one document's layers side by side, a row for each place where they
are compared, and a key for each choice (services/adjudication.py does the work).

Keys: 1-9 accept that layer's side of the current row into gold; A accept every side; G accept
everything the layers agree on; Ctrl+Z take back the last choice; Ctrl+Return mark the document
adjudicated and close; Escape close. After a choice the next row of which gold holds nothing yet is current.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.alignment import (
    AlignedEvent,
    AlignedRelation,
    AlignedSpan,
    Group,
    Verdict,
)
from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema
from annotator.services import adjudication as adj
from annotator.services.handles import Database
from annotator.ui.plain import isolate


def verdict_name(verdict: Verdict) -> str:
    names = {
        Verdict.AGREED: QCoreApplication.translate("Adjudication", "agreed"),
        Verdict.LABEL: QCoreApplication.translate("Adjudication", "label conflict"),
        Verdict.BOUNDARY: QCoreApplication.translate("Adjudication", "boundary conflict"),
        Verdict.ROLES: QCoreApplication.translate("Adjudication", "role conflict"),
        Verdict.MISSING: QCoreApplication.translate("Adjudication", "missing in a layer"),
    }
    return names[verdict]


def describe(item: AlignedSpan | AlignedEvent | AlignedRelation, text: str) -> str:
    """One side of a place, as plain text: the label and the letters, an event's arguments, a
    relation's ends."""
    if isinstance(item, AlignedSpan):
        return f"{item.label}: «{text[item.start : item.end]}»"
    if isinstance(item, AlignedEvent):
        roles = ", ".join(f"{role} «{text[start:end]}»" for role, start, end, _ in sorted(item.arguments))
        return (
            f"{item.type}: «{text[item.trigger[0] : item.trigger[1]]}» ({roles})"
            if roles
            else f"{item.type}: «{text[item.trigger[0] : item.trigger[1]]}»"
        )
    return f"{item.type}: «{text[item.head[0] : item.head[1]]}» → «{text[item.tail[0] : item.tail[1]]}»"


class AdjudicationDialog(QDialog):
    def __init__(self, db: Database, schema: Schema, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = adj.open_adjudication(db, schema=schema, document_id=document_id)
        layers = self.session.layers
        self.setWindowTitle(self.tr("Adjudicate %1").replace("%1", isolate(self.session.document.uid)))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("adjudicationPlaces")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("Place"), *(isolate(f"{n}. {name}") for n, name in enumerate(layers, 1)), self.tr("In gold")]
        )
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        keys = QLabel(
            self.tr(
                "%1: accept that layer · A: every side · G: all agreed · Ctrl+Z: take back · Ctrl+Return: done"
            ).replace("%1", isolate(f"1–{len(layers)}")),
            self,
        )
        keys.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(self)
        done = QPushButton(self.tr("Mark adjudicated"), self)
        buttons.addButton(done, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        done.clicked.connect(self.finish)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(keys)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for n, name in enumerate(layers[:9], 1):
            self._key(str(n), self._taking(name))
        self._key("A", lambda: self._accept(lambda group: adj.accept(self.session, group.items)))
        self._key("G", lambda: self._run(lambda: adj.accept_agreed(self.session)))
        self._key("Ctrl+Z", lambda: self._run(lambda: adj.undo(self.session)))
        self._key("Ctrl+Return", self.finish)
        self.resize(900, 500)
        self._fill()

    def _key(self, key: str, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.activated.connect(slot)

    def _taking(self, layer: str) -> Callable[[], None]:
        """The key's action: accept `layer`'s side of the current place."""
        return lambda: self._accept(lambda group: adj.accept_layer(self.session, group, layer))

    def _fill(self, current: int = 0) -> None:
        text = self.session.document.text
        self.tree.clear()
        for number, group in enumerate(self.session.groups, 1):
            row = QTreeWidgetItem(
                [
                    f"{number}. {verdict_name(group.verdict)}",
                    *("; ".join(describe(i, text) for i in group.of(name)) or "—" for name in self.session.layers),
                    self._gold_mark(group),
                ]
            )
            self.tree.addTopLevelItem(row)
        self._select(min(current, self.tree.topLevelItemCount() - 1))

    def _select(self, row: int) -> None:
        item = self.tree.topLevelItem(row) if row >= 0 else None
        if item is not None:
            self.tree.setCurrentItem(item)

    def _gold_mark(self, group: Group) -> str:
        """✓ when gold holds every side; else the layers whose side it holds (a decided conflict)."""
        if self.session.in_gold(group):
            return "✓"
        sides = self.session.sides_in_gold(group)
        return f"✓ {isolate(', '.join(sides))}" if sides else ""

    def _current(self) -> tuple[int, Group] | None:
        item = self.tree.currentItem()
        row = self.tree.indexOfTopLevelItem(item) if item is not None else -1
        return (row, self.session.groups[row]) if 0 <= row < len(self.session.groups) else None

    def _accept(self, choose: Callable[[Group], object]) -> None:
        current = self._current()
        if current is None:
            self.message.setText(self.tr("Choose a place first."))
            return
        row, group = current
        if self._run(lambda: choose(group), keep=row):
            later = [i for i, g in enumerate(self.session.groups) if i > row and not self.session.sides_in_gold(g)]
            if later:
                self._select(later[0])

    def _run(self, action: Callable[[], object], keep: int | None = None) -> bool:
        row = self._current()
        try:
            action()
        except AnnotatorError as e:
            self.message.setText(self.tr("Not saved: %1").replace("%1", str(e)))
            return False
        self.message.clear()
        self._fill(keep if keep is not None else row[0] if row else 0)
        return True

    def finish(self) -> None:
        if self._run(lambda: adj.finish(self.session)):
            self.accept()
