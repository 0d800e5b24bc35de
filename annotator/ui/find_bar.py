"""Find in the article (Ctrl+F, F3, Shift+F3) and label all occurrences (Ctrl+Shift+A).

Matching ignores harakat and tatweel and, when asked, folds alef forms, ى/ي and ة/ه
(core/find.py); a match is selected on exactly its letters of the stored text. "Label all" gives
every occurrence that lacks it the label of the current span (or the palette's last label), in
one transaction and one undo entry.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from annotator.core.find import find_all
from annotator.ui.plain import isolate, plain_label


def tr(text: str) -> str:
    return QCoreApplication.translate("FindBar", text)


class FindBar(QWidget):
    """`text()` gives the open document's text; `select(start, end)` shows a match;
    `label_all(ranges)` labels the matches that need it."""

    closed = Signal()  # hidden while it had the keyboard: they go back to the article

    def __init__(
        self,
        parent: QWidget,
        *,
        text: Callable[[], str | None],
        selected: Callable[[], str],
        select: Callable[[int, int], None],
        label_all: Callable[[list[tuple[int, int]], str], None],
    ) -> None:
        super().__init__(parent)
        self.window_ = parent
        self.setObjectName("findBar")
        self._text, self._selected, self._select, self._label_all = text, selected, select, label_all
        self.matches: list[tuple[int, int]] = []
        self.index = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.query = QLineEdit(self)
        self.query.setObjectName("findQuery")
        self.query.setPlaceholderText(tr("Find (harakat and tatweel ignored)"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(lambda _: self.search())
        self.query.returnPressed.connect(lambda: self.step(1))
        self.fold = QCheckBox(tr("Fold letters (أ إ آ ا · ى ي · ة ه)"), self)
        self.fold.setObjectName("foldLetters")
        self.fold.setToolTip(tr("Also treat alef forms, alef maqsura and yeh, teh marbuta and heh as the same"))
        self.fold.toggled.connect(lambda _: self.search())
        self.count = plain_label("", self)
        self.count.setObjectName("findCount")
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(tr("Close (Esc)"))
        close.clicked.connect(self.hide)
        layout.addWidget(self.query, 1)
        layout.addWidget(self.fold)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self.hide()

    def actions_in(self, menu: QMenu) -> list[QAction]:
        """Find, next, previous and label all, added to `menu` (and to the window, for their keys)."""
        made = []
        for name, text, keys, slot in (
            ("find", tr("&Find…"), [QKeySequence(QKeySequence.StandardKey.Find)], self.open),
            ("findNext", tr("Find &next"), [QKeySequence("F3")], lambda: self.step(1)),
            ("findPrevious", tr("Find pre&vious"), [QKeySequence("Shift+F3")], lambda: self.step(-1)),
            ("labelAll", tr("&Label all occurrences"), [QKeySequence("Ctrl+Shift+A")], self.label_all),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcuts(keys)
            action.triggered.connect(lambda _=False, slot=slot: slot())
            menu.addAction(action)
            self.window_.addAction(action)
            made.append(action)
        return made

    def open(self) -> None:
        """Show the bar, with the selected text as the query if there is one."""
        self.show()
        selected = self._selected().strip()
        if selected and "\n" not in selected:
            self.query.setText(selected)
        self.query.setFocus()
        self.query.selectAll()
        self.search()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Closed (Esc or its button): the keys go back to the article, its selection kept,
        not to whatever widget comes next (the corpus filter took the next label key)."""
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.isAncestorOf(focused)
        super().hideEvent(event)
        if had_focus:
            self.closed.emit()

    def search(self) -> None:
        """Find every match again (after typing, folding, or opening another document)."""
        text = self._text()
        query = self.query.text()
        self.matches = find_all(text, query, letters=self.fold.isChecked()) if text and query else []
        self.index = -1
        self._show_count()

    def step(self, direction: int) -> None:
        if not self.isVisible():
            self.open()
        if not self.matches:
            self.search()
        if not self.matches:
            return
        self.index = (self.index + direction) % len(self.matches)
        self._select(*self.matches[self.index])
        self._show_count()

    def label_all(self) -> None:
        if not self.isVisible() or not self.query.text():
            self.open()
        self.search()
        self._label_all(self.matches, self.query.text())

    def _show_count(self) -> None:
        if not self.query.text():
            self.count.setText("")
        elif not self.matches:
            self.count.setText(tr("not found"))
        else:
            self.count.setText(
                tr("%1 of %2")
                .replace("%1", isolate(str(self.index + 1) if self.index >= 0 else "–"))
                .replace("%2", isolate(str(len(self.matches))))
            )
