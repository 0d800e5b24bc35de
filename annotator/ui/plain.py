"""Article text and metadata are always shown as plain text.

Qt widgets guess rich text: a title containing `<b>` or `<img src=...>` would be rendered, or
fetched. Labels are set to PlainText; tooltips, which have no such switch, get the text escaped
inside an explicit rich-text paragraph, so `<b>` shows as the four characters it is.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def isolate(text: str) -> str:
    """Text wrapped in a first-strong isolate (U+2068..U+2069) for display among text of the
    other direction: an id like 000_bec7 or a date like 2024-12-06 keeps its own order inside
    an Arabic line. Display only; never stored."""
    return f"\u2068{text}\u2069"


def tooltip(lines: list[str]) -> str:
    """A tooltip that shows each line literally, in its own direction."""
    return "<qt>" + "".join(f'<p dir="auto" style="margin:0">{html.escape(line)}</p>' for line in lines) + "</qt>"


def message_box(
    parent: QWidget | None,
    text: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
    title: str = "annotator",
) -> QMessageBox:
    """A message box that shows its text literally (a label name with `<img>` stays text)."""
    box = QMessageBox(icon, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box
