"""The status bar: the open document (id, status, current event), the selection as it will be
stored (offsets and text), and whether the last action was saved.

It follows the open document's notices: "Saved" after an action, undo or redo; "Not saved"
with the reason when an action was refused (`failed`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QStatusBar

from annotator.services.editing import DocumentEditor
from annotator.services.open_document import Changed, Notice, Origin
from annotator.ui.document_list import status_name
from annotator.ui.plain import isolate, plain_label

SAVED, REFUSED = "#2e7d32", "#c62828"


class StatusLine(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        bar = QStatusBar(window)
        window.setStatusBar(bar)
        self.bar = bar
        self.document = plain_label("", window)
        self.selection = plain_label("", window)
        self.selection.setObjectName("selectionOffsets")
        self.text = plain_label("", window)
        self.text.setObjectName("selectedText")
        self.saved = plain_label("", window)
        self.saved.setObjectName("savedState")
        for label in (self.document, self.selection, self.text):
            bar.addWidget(label)
        bar.addPermanentWidget(self.saved)

    def follow(self, notice: Notice) -> None:
        if not isinstance(notice, Changed):
            if notice.origin is Origin.OPEN:  # another document (or this one reopened, replaced):
                self.saved.setText("")  # a "Saved" from before would be about something else
            return
        warnings = notice.change.warnings
        self._colour(SAVED)
        self.saved.setText(
            self.tr("Saved")
            if not warnings
            else self.tr("Saved, with a warning: %1").replace("%1", "; ".join(warnings))
        )

    def failed(self, message: str) -> None:
        """Say why nothing was saved."""
        self._colour(REFUSED)
        self.saved.setText(self.tr("Not saved: %1").replace("%1", message))
        QApplication.beep()

    def say(self, message: str, milliseconds: int = 5000) -> None:
        """A passing message (what an action did, or why it did nothing)."""
        self.bar.showMessage(message, milliseconds)

    def show(self, editor: DocumentEditor, event_id: int | None, target: tuple[int, int] | None) -> None:
        """The document's id and status, the current event, and the selection as it will be stored."""
        doc = editor.document
        parts = [isolate(doc.uid), status_name(editor.status)]
        event = editor.events.get(event_id) if event_id is not None else None
        trigger = editor.spans.get(event.trigger_id) if event else None
        if event and trigger:
            parts.append(
                self.tr("event: %1").replace(
                    "%1", f"{isolate(doc.text[trigger.start : trigger.end])} {isolate(event.type)}"
                )
            )
        self.document.setText(" · ".join(parts))
        if target is None:
            self.selection.setText("")
            self.text.setText("")
            return
        start, end = target
        self.selection.setText(f"[{start}, {end})")
        quoted = editor.text[start:end]
        self.text.setText(quoted if len(quoted) <= 60 else quoted[:57] + "…")

    def _colour(self, colour: str) -> None:
        sheet = f"color: {colour}"
        if self.saved.styleSheet() != sheet:  # (setting a style sheet re-styles the label: not on every save)
            self.saved.setStyleSheet(sheet)
