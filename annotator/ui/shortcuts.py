"""The keyboard shortcuts (Help › Keyboard shortcuts, F1): every action of the window's menus
that has keys, menu by menu, and the label keys of the palette. The sheet is read from the
actions themselves, so it always says what the keys do, in the interface's language."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout


def keys_of(action: QAction) -> str:
    """The action's keys, each isolated left to right (in the Arabic interface «Ctrl+,» read «+,Ctrl»)."""
    return ", ".join(f"\u2066{k.toString(QKeySequence.SequenceFormat.NativeText)}\u2069" for k in action.shortcuts())


class ShortcutSheet(QDialog):
    def __init__(self, window: QMainWindow, labels: list[QAction]) -> None:
        """`labels`: the palette's label actions (not in a menu)."""
        super().__init__(window)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutList")
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        groups = [
            (menu.title(), menu.actions()) for a in window.menuBar().actions() if isinstance(menu := a.menu(), QMenu)
        ]
        for title, actions in [*groups, (self.tr("Labels"), labels)]:
            rows = [a for a in actions if not a.isSeparator() and a.shortcuts()]
            if not rows:
                continue
            group = QTreeWidgetItem(self.tree, [title.replace("&", "")])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for action in rows:
                QTreeWidgetItem(group, [action.text().replace("&", ""), keys_of(action)])
            group.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(620, 640)
