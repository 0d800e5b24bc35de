"""Which document the window shows: opening one, stepping through the corpus pane's list, the
next unfinished one, workflow status, and catching up with what other processes and imports
changed (the open document then shows itself again, through its notices).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings

from annotator.core.errors import AnnotatorError
from annotator.core.model import Status
from annotator.core.views import Change
from annotator.services.open_document import OpenDocument, Origin
from annotator.ui.document_list import DocumentPane
from annotator.ui.status_line import StatusLine

UNFINISHED = (Status.NEW, Status.IN_PROGRESS)


class Navigator(QObject):
    def __init__(
        self,
        parent: QObject,
        document: OpenDocument,
        *,
        corpus: str,
        documents: DocumentPane,
        status: StatusLine,
        busy: Callable[[], bool],
        run: Callable[[Callable[[], Change | None]], object],
    ) -> None:
        """`busy`: True while an import or export runs (the database is then left alone); `run`:
        how a write is carried out (`Gestures.run`: a refusal said, a reload if outdated)."""
        super().__init__(parent)
        self.document, self.corpus, self.documents, self.status = document, corpus, documents, status
        self._busy, self._run = busy, run

    def open_document(self, document_id: int) -> None:
        """Show a document: its text, highlights and annotations, ready to annotate."""
        try:
            self.document.open(document_id)
        except AnnotatorError as e:
            self.status.failed(str(e))
            return
        # Remembered at once, so that even after a crash the window reopens on this document.
        QSettings().setValue(f"lastDocument/{self.corpus}", document_id)
        QSettings().sync()

    def open_uid(self, uid: str) -> None:
        pages = self.documents.model.pages
        found = pages.id_of_uid(uid) if pages is not None else None
        if found is not None:
            self.open_document(found)

    def reload_documents(self) -> None:
        """List the corpus again; with no document open, open the last one (or the first)."""
        self.documents.show_listing(self.document.workspace.listing())
        editor = self.document.editor
        if editor is not None:
            self.documents.select(editor.id)
            return
        last = QSettings().value(f"lastDocument/{self.corpus}")
        model = self.documents.model
        if last is not None and model.row_of(int(last)) is not None:
            self.open_document(int(last))
        elif (first := model.document(0)) is not None:
            self.open_document(first.id)

    def remember(self) -> None:
        """On closing: the document to reopen next time."""
        if self.document.editor is not None:
            QSettings().setValue(f"lastDocument/{self.corpus}", self.document.editor.id)

    def refresh_from_database(self) -> None:
        """Take in what other processes (another window, a script, an import) changed."""
        if self._busy():
            return
        editor = self.document.editor
        uid = editor.document.uid if editor else None
        try:
            refresh = self.document.refresh()
            if refresh.documents:  # rows are read again as they show; rows came or went at the end
                self.documents.model.refresh()
        except AnnotatorError:
            return  # busy: the next poll tries again
        if refresh.closed:
            self.status.say(self.tr("This document was replaced in the database; reopened as it is now."), 8000)
            pages = self.documents.model.pages
            again = pages.id_of_uid(uid) if pages is not None and uid is not None else None
            if again is not None:
                self.open_document(again)
            else:
                self.reload_documents()
        elif refresh.current:
            self.status.say(self.tr("Updated with changes saved by another window or program."), 8000)
        elif refresh.documents and self.document.editor is not None:  # rows may have moved: its row again, in place
            self.documents.select(self.document.editor.id, scroll=False)

    def imported(self) -> None:
        """After any import: editors whose text was replaced are dropped, the others reloaded."""
        refresh = self.document.refresh(origin=Origin.IMPORT)
        editor = self.document.editor
        if refresh.closed or editor is None:
            self.reload_documents()  # reads the list itself: not twice
            return
        self.documents.model.refresh()
        if not refresh.current:
            self.documents.select(editor.id)

    def step_document(self, step: int) -> None:
        model = self.documents.model
        model.settle()  # (from the open document's own row, not the first)
        count = model.rowCount()
        editor = self.document.editor
        if editor and count:
            position = model.row_of(editor.id)
            target = model.document(((position if position is not None else -1) + step) % count)
            if target is not None:
                self.open_document(target.id)

    def next_unfinished(self) -> None:
        pages = self.documents.model.pages
        editor = self.document.editor
        found = pages.next_with_status(editor.id if editor else None, UNFINISHED) if pages else None
        if found is not None:
            self.open_document(found)
        else:
            self.status.say(self.tr("No unfinished document left."), 5000)

    def set_status(self, status: Status) -> None:
        self._run(lambda: self.document.set_status(status))

    def done_and_next(self) -> None:
        self.set_status(Status.DONE)
        self.next_unfinished()
