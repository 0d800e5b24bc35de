"""The label palette: one QAction per label (`label:<NAME>`), with its colour and key.

Entity and value types first, then event types (pressing one marks an event trigger). The
actions belong to the main window, so their keys work wherever the focus is, except in text
fields, which keep their typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QScrollArea, QToolButton, QVBoxLayout, QWidget

from annotator.core.schema import Schema
from annotator.ui.guidelines import guideline_lines
from annotator.ui.plain import plain_label, tooltip


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class LabelPalette(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPalette")
        self.setAccessibleName(self.tr("Labels"))
        self.setWidgetResizable(True)
        self.actions_by_label: dict[str, QAction] = {}

    def build(self, schema: Schema, colors: dict[str, str], owner: QWidget, apply: Callable[[str], None]) -> None:
        """Make the actions for `schema` (in the window's `colors`), add them to `owner` (for
        their keys) and show them."""
        for action in self.actions_by_label.values():
            owner.removeAction(action)
            action.deleteLater()
        self.actions_by_label.clear()
        inside = QWidget()
        layout = QVBoxLayout(inside)
        layout.setSpacing(1)
        sections = (
            (self.tr("Entities and values"), schema.entity_types),
            (self.tr("Event triggers"), schema.event_types),
        )
        for title, types in sections:
            if not types:
                continue
            heading = plain_label(title)
            heading.setStyleSheet("font-weight: bold; margin-top: 6px")
            layout.addWidget(heading)
            for t in types:
                action = QAction(swatch(colors[t.name]), t.name, owner)
                action.setObjectName(f"label:{t.name}")
                action.setToolTip(tooltip(guideline_lines(schema, t.name)))  # schema text: plain
                if t.key:
                    action.setShortcut(QKeySequence(t.key))
                    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                action.triggered.connect(lambda _=False, name=t.name: apply(name))
                owner.addAction(action)
                self.actions_by_label[t.name] = action
                button = QToolButton(inside)
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
                button.setAutoRaise(True)
                button.setText(f"{t.name}   {t.key or ''}")
                button.setAccessibleName(t.title)
                layout.addWidget(button)
        layout.addStretch(1)
        self.setWidget(inside)
