"""The main window: corpus pane, article, annotations, label palette, menus and status bar.

The open documents belong to a `Workspace` (services, no Qt). Every action goes through the
current document's editor (saved at once, checked against the text it was computed on, one
undo entry) and the window repaints only what the returned `Change` names. Every two seconds
and whenever the window is activated, it asks the workspace whether another process changed
anything (one indexed row when nothing did) and reloads what did.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QSettings, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (QDockWidget, QStatusBar, QVBoxLayout, QWidget)

from annotator.core.colors import distinct_colors
from annotator.core.errors import AnnotatorError
from annotator.core.model import Status
from annotator.services import live
from annotator.services.corpora import CorpusInfo, Database
from annotator.services.editing import DocumentEditor
from annotator.services.importing import ImportReport
from annotator.services.search import Hit, Kind
from annotator.services.workspace import Workspace
from annotator.ui.annotation_list import AnnotationList, AnnotatorFilter
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import PreferencesDialog
from annotator.ui.document_list import DocumentPane, status_name
from annotator.ui.gestures import Gestures
from annotator.ui.label_palette import LabelPalette
from annotator.ui.plain import isolate, plain_label
from annotator.ui.find_bar import FindBar
from annotator.ui.guidelines import GuidelinePane
from annotator.ui.search_pane import SearchPane
from annotator.ui import menus, window_layout
from annotator.ui.transfer import Transfer

POLL_MS = 2000  # how often the window looks for other processes' changes (SQLite)
LISTENING_POLL_MS = 30_000  # and where the database tells of them at once (PostgreSQL), in case a notice was lost

UNFINISHED = (Status.NEW, Status.IN_PROGRESS)


class MainWindow(Gestures):
    def __init__(self, db: Database, *, corpus: CorpusInfo, annotator: str) -> None:
        super().__init__()
        self.db, self.corpus, self.schema, self.annotator = db, corpus, corpus.schema, annotator
        self.colors = distinct_colors(self.schema.colors())
        self.actions_by_name: dict[str, QAction] = {}
        self.workspace = Workspace(db, corpus=corpus, annotator=annotator)
        self.transfer = Transfer(self, db.url, corpus=corpus.name, annotator=annotator,
                                 labels=self.schema.span_labels(), imported=self._imported)
        self._exact: tuple[int, int] | None = None  # a selection narrowed on purpose: not snapped
        self._current_event: int | None = None
        # What was current before a click on a span: a double-click (selecting a word) undoes that click.
        self._before_click: tuple[tuple[str, int] | None, int | None] | None = None
        self._made: tuple[str, int] | None = None
        self._last_label: str | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("annotator"))
        self._build_widgets()
        menus.build(self)
        self._update_undo()
        self._first_layout = window_layout.restore(self, self.article)
        self.reload_documents()
        if db.created:
            self.status_saved.setText(self.tr("Created a new database: %1").replace("%1", str(db.path or db.url)))
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh_from_database)
        self._listener = live.listen(db)  # PostgreSQL tells of every commit at once
        if self._listener is not None:
            self._told = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
            self._told.activated.connect(self._heard)
            self._poll.setInterval(LISTENING_POLL_MS)  # (a backstop only)
        self._poll.start()

    @property
    def editor(self) -> DocumentEditor | None:
        return self.workspace.current

    # -- construction ---------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.article = ArticleView(self)
        self.article.trigger_labels = {t.name for t in self.schema.event_types}
        self.article.links = lambda: (self.editor.events.values(), self.editor.relations.values()) \
            if self.editor else ((), ())
        self.article.setAccessibleName(self.tr("Article text"))
        self.title = plain_label("", self)
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold; padding: 4px 8px")
        self.meta = plain_label("", self)
        self.meta.setObjectName("articleMeta")
        self.meta.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.meta.setStyleSheet("color: #555; padding: 0 8px 4px 8px")
        for label in (self.title, self.meta):
            label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        center = QWidget(self)
        layout = QVBoxLayout(center)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.article, 1)
        self.find_bar = FindBar(self, text=lambda: self.editor.text if self.editor else None,
                                selected=self._selected_text,
                                select=self.article.select_range, label_all=self.label_occurrences)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(center)

        self.documents = DocumentPane(self, runner=self.transfer.runner,  # (a slow count runs in the background)
                                      annotator=self.annotator)
        self.annotations = AnnotationList(self)
        self.annotator_filter = AnnotatorFilter(self.annotations)
        self.label_palette = LabelPalette(self)
        self.label_palette.build(self.schema, self.colors, self, self.apply_label)
        self.guidelines = GuidelinePane(self.schema, self)
        self.search = SearchPane(self, runner=self.transfer.runner, corpus_id=self.corpus.id, schema=self.schema,
                                 open_hit=self.open_hit, label_hits=self.label_hits)
        panes: tuple[tuple[str, str, QWidget, Qt.DockWidgetArea], ...] = (
            ("corpusDock", self.tr("Documents"), self.documents, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("annotationsDock", self.tr("Annotations"), self.annotator_filter.pane(), Qt.DockWidgetArea.RightDockWidgetArea),
            ("paletteDock", self.tr("Labels"), self.label_palette, Qt.DockWidgetArea.RightDockWidgetArea),
            ("guidelineDock", self.tr("Guidelines"), self.guidelines, Qt.DockWidgetArea.RightDockWidgetArea),
            ("searchDock", self.tr("Search"), self.search, Qt.DockWidgetArea.BottomDockWidgetArea),
        )
        for corner, area in ((Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
                             (Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)):
            self.setCorner(corner, area)  # the search results go under the article, not the side panes
        self.docks: list[QDockWidget] = []
        for name, title, pane, area in panes:
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(pane)
            self.addDockWidget(area, dock)
            self.docks.append(dock)
        self.tabifyDockWidget(self.docks[2], self.docks[3])  # guidelines behind the palette: no pane squeezed
        self.docks[2].raise_()
        self.docks[4].hide()  # until asked for (Ctrl+Shift+F)

        status = QStatusBar(self)
        self.setStatusBar(status)
        self.status_document = plain_label("", self)
        self.status_selection = plain_label("", self)
        self.status_selection.setObjectName("selectionOffsets")
        self.status_text = plain_label("", self)
        self.status_text.setObjectName("selectedText")
        self.status_saved = plain_label("", self)
        self.status_saved.setObjectName("savedState")
        for label in (self.status_document, self.status_selection, self.status_text):
            status.addWidget(label)
        status.addPermanentWidget(self.status_saved)

        self.documents.document_chosen.connect(self.open_document)
        self.article.selection_changed.connect(self._selection_changed)
        self.article.span_clicked.connect(self._span_clicked)
        self.article.double_clicked.connect(self._double_clicked)
        self.annotations.chosen.connect(self._annotation_chosen)

    # -- settings -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        window_layout.fit_to_screen(self)  # now that the frame's size is known
        if self._first_layout:
            self._first_layout = False
            window_layout.first_layout(self, self.docks[0], self.docks[1])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            QTimer.singleShot(0, self.refresh_from_database)
        super().changeEvent(event)

    def _heard(self) -> None:
        """A commit somewhere: take it in if it was to this corpus."""
        if self._listener is not None and self.corpus.id in self._listener.changes():
            self.refresh_from_database()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._poll.stop()
        if self._listener is not None:
            self._told.setEnabled(False)
            self._listener.close()
            self._listener = None
        self.transfer.runner.cancel_and_wait()  # an import rolls back, an export leaves no temporary file
        window_layout.save(self, self.article)
        if self.editor:
            QSettings().setValue(f"lastDocument/{self.corpus.name}", self.editor.id)
        super().closeEvent(event)

    # -- documents ------------------------------------------------------------------------
    def reload_documents(self) -> None:
        self.documents.show_listing(self.workspace.listing())
        if self.editor is None:
            last = QSettings().value(f"lastDocument/{self.corpus.name}")
            model = self.documents.model
            if last is not None and model.row_of(int(last)) is not None:
                self.open_document(int(last))
            elif (first := model.document(0)) is not None:
                self.open_document(first.id)
        else:
            self.documents.select(self.editor.id)

    def open_document(self, document_id: int) -> None:
        """Show a document: its text, highlights and annotations, ready to annotate."""
        try:
            editor = self.workspace.open(document_id)
        except AnnotatorError as e:
            self._failed(str(e), e)
            return
        # Remembered at once, so that even after a crash the window reopens on this document.
        QSettings().setValue(f"lastDocument/{self.corpus.name}", document_id)
        QSettings().sync()
        self._show_editor(editor)

    def _show_editor(self, editor: DocumentEditor, *, keep_place: bool = False) -> None:
        scroll = self.article.verticalScrollBar().value()
        self._exact, self._current_event, self._made = None, None, None
        doc = editor.document
        self.article.show_document(doc.text, editor.spans, self.colors)
        if keep_place:
            self.article.verticalScrollBar().setValue(scroll)
        self.title.setText(doc.title or doc.uid)
        meta = [doc.source, doc.section, doc.published.strftime("%Y-%m-%d %H:%M") if doc.published else None, doc.uid]
        self.meta.setText("  ·  ".join(isolate(m) for m in meta if m))
        self.setWindowTitle(f"{doc.title or doc.uid} — annotator")
        if self.find_bar.isVisible():
            self.find_bar.search()
        self.article.after_next_paint(partial(self._fill_annotations, editor))
        self.documents.select(doc.id)
        self._show_status()
        self._update_undo()

    def refresh_from_database(self) -> None:
        """Take in what other processes (another window, a script, an import) changed."""
        if self.transfer.runner.busy():
            return
        uid = self.editor.document.uid if self.editor else None
        try:
            refresh = self.workspace.refresh()
            if refresh.documents:  # rows are read again as they show; rows came or went at the end
                self.documents.model.refresh()
        except AnnotatorError:
            return  # busy: the next poll tries again
        if refresh.closed:
            pages = self.documents.model.pages
            again = pages.id_of_uid(uid) if pages is not None and uid is not None else None
            self.statusBar().showMessage(self.tr("This document was replaced in the database; reopened as it is now."),
                                         8000)
            if again is not None:
                self.open_document(again)
            else:
                self.reload_documents()
        elif refresh.current and self.editor is not None:
            self._show_editor(self.editor, keep_place=True)
            self.statusBar().showMessage(self.tr("Updated with changes saved by another window or program."), 8000)
        elif refresh.documents and self.editor is not None:  # rows may have moved: its row again, in place
            self.documents.select(self.editor.id, scroll=False)

    def _fill_annotations(self, editor: DocumentEditor) -> None:
        if editor is self.editor:  # after the first paint: the text shows first
            self.annotations.show_document(editor.text, editor.spans, editor.events, editor.relations, self.colors)
            self.annotator_filter.refresh()

    def step_document(self, step: int) -> None:
        model = self.documents.model
        model.settle()  # (from the open document's own row, not the first)
        count = model.rowCount()
        if self.editor and count:
            position = model.row_of(self.editor.id)
            target = model.document(((position if position is not None else -1) + step) % count)
            if target is not None:
                self.open_document(target.id)

    def next_unfinished(self) -> None:
        pages = self.documents.model.pages
        found = pages.next_with_status(self.editor.id if self.editor else None, UNFINISHED) if pages else None
        if found is not None:
            self.open_document(found)
        else:
            self.statusBar().showMessage(self.tr("No unfinished document left."), 5000)

    def set_status(self, status: Status) -> None:
        editor = self.editor
        if editor:
            self._run(lambda: editor.set_status(status))

    def done_and_next(self) -> None:
        self.set_status(Status.DONE)
        self.next_unfinished()

    # -- selection and status bar ---------------------------------------------------------
    def _selection_changed(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        if self.editor is None:
            return
        self._show_guideline()
        doc = self.editor.document
        parts = [isolate(doc.uid), status_name(self.editor.status)]
        event = self.editor.events.get(self._current_event) if self._current_event is not None else None
        trigger = self.editor.spans.get(event.trigger_id) if event else None
        if event and trigger:
            parts.append(self.tr("event: %1").replace("%1", f"{isolate(doc.text[trigger.start:trigger.end])} "
                                                           f"{isolate(event.type)}"))
        self.status_document.setText(" · ".join(parts))
        target = self.target_range()
        if target is None:
            self.status_selection.setText("")
            self.status_text.setText("")
            return
        start, end = target
        self.status_selection.setText(f"[{start}, {end})")
        quoted = self.editor.text[start:end]
        self.status_text.setText(quoted if len(quoted) <= 60 else quoted[:57] + "…")

    def _show_guideline(self) -> None:
        """The Guidelines pane follows the current annotation's type."""
        current, editor = self.current_annotation(), self.editor
        if current is not None and editor is not None:
            kind, id_ = current
            self.guidelines.show_type(editor.spans[id_].label if kind == "span" else
                                      editor.events[id_].type if kind == "event" else None)

    def _span_clicked(self, span_id: int) -> None:
        self._before_click = (self.current_annotation(), self._current_event)
        self._made = None
        self.annotations.select("span", span_id)
        self._show_guideline()
        if self.editor:
            event = next((e for e in self.editor.events.values() if e.trigger_id == span_id), None)
            if event is not None:
                self._current_event = event.id
                self._show_status()

    def _double_clicked(self) -> None:
        """A double-click selects a word (the tail of a relation, an argument): its first click
        must not have changed the current span or event."""
        if self._before_click is None:
            return
        current, event = self._before_click
        self._before_click = None
        self._made = current
        if current is not None:
            self.annotations.select(*current)
        else:
            self.annotations.clear_current()
        self._current_event = event
        self._show_status()

    def _annotation_chosen(self, kind: str, id_: int) -> None:
        self._made = None
        if self.editor is None:
            return
        if kind == "event":
            self._current_event = id_
            self._show_status()
            span = self.editor.spans.get(self.editor.events[id_].trigger_id)
        elif kind == "relation":
            span = self.editor.spans.get(self.editor.relations[id_].head_id)
        else:
            span = self.editor.spans.get(id_)
        if span is not None:
            self.article.blockSignals(True)
            self.article.select_range(span.start, span.end)
            self.article.blockSignals(False)
        self._show_guideline()

    def zoom(self, steps: int) -> None:
        self.article.zoom(steps)

    # -- import, preferences --------------------------------------------------------------
    def _imported(self, report: ImportReport) -> None:
        """After any import: editors whose text was replaced are dropped, the others reloaded."""
        refresh = self.workspace.refresh(force=True)
        if refresh.closed or self.editor is None:
            self.reload_documents()  # reads the list itself: not twice
            return
        self.documents.model.refresh()
        if refresh.current:
            self._show_editor(self.editor, keep_place=True)
        else:
            self.documents.select(self.editor.id)

    def search_corpus(self, kind: Kind = Kind.TEXT) -> None:
        """Show the search pane and search the selection (or the current span's text, or the
        find bar's string); for label all across the corpus, its unlabelled occurrences, to
        label with the current label."""
        self.docks[4].show()
        self.docks[4].raise_()
        self.search.query.setFocus()
        span = self.current_span()
        query = self._selected_text().strip() or (self.editor.text[span.start:span.end] if self.editor and span else "") \
            or (self.find_bar.query.text() if self.find_bar.isVisible() else "")
        if kind is Kind.UNLABELLED or (query and "\n" not in query):
            self.search.search(query or None, kind, self.label_at_hand() if kind is Kind.UNLABELLED else None)

    def open_hit(self, hit: Hit) -> None:
        """Open a search hit's document with the hit selected."""
        if self.editor is None or self.editor.id != hit.document_id:
            self.open_document(hit.document_id)
        if self.editor is not None and self.editor.id == hit.document_id:
            self.article.select_range(hit.start, hit.end)

    def _selected_text(self) -> str:
        """The stored text of the selection (found through the one offset converter)."""
        try:
            selection = self.article.selection()
        except AnnotatorError:
            return ""
        return self.editor.text[slice(*selection)] if selection and self.editor else ""

    def assign_documents(self) -> None:
        """Give documents to annotators (a curator's): the open one, the listed ones, or a sample."""
        from annotator.ui.assign_dialog import AssignDialog

        dialog = AssignDialog(self.db, self.corpus.id, self.editor.id if self.editor else None,
                              self.documents.model.pages, self)
        if dialog.exec():
            given = ", ".join(f"{isolate(name)} {n}" for name, n in dialog.given.items())
            self.statusBar().showMessage(self.tr("New documents given: %1").replace("%1", given), 8000)
            self.documents.model.refresh()
        self.article.setFocus()

    def adjudicate(self) -> None:
        """The open document's layers side by side, choices accepted into gold (a curator's)."""
        from annotator.ui.adjudication_view import AdjudicationDialog

        if self.editor is None:
            self.statusBar().showMessage(self.tr("Open a document to adjudicate first."), 5000)
            return
        try:
            dialog = AdjudicationDialog(self.db, self.schema, self.editor.id, self)
        except AnnotatorError as e:
            self.statusBar().showMessage(self.tr("Cannot adjudicate: %1").replace("%1", str(e)), 8000)
            return
        dialog.exec()
        editor = self.editor
        if editor is not None:  # what was accepted, in the gold layer, shown at once
            editor.reload()
            self._show_editor(editor, keep_place=True)
            self.documents.model.refresh()
        self.article.setFocus()

    def show_history(self) -> None:
        """Every change to the current annotation (the one just made, or picked), oldest first."""
        from annotator.services.changes import annotation_history
        from annotator.ui.history_view import HistoryDialog

        current = self.current_annotation()
        if self.editor is None or current is None:
            self.statusBar().showMessage(self.tr("Pick an annotation to see its history."), 5000)
            return
        kind, id_ = current
        editor = self.editor
        title = editor.spans[id_].label if kind == "span" else \
            editor.events[id_].type if kind == "event" else editor.relations[id_].type
        entries = annotation_history(self.db, document_id=editor.id, kind=kind, target_id=id_)
        HistoryDialog(title, entries, self).exec()
        self.article.setFocus()

    def show_agreement(self) -> None:
        """How far the annotators agree, measured in the background; a document listed there
        opens here with a double-click."""
        from annotator.ui.agreement_view import AgreementWindow

        def open_uid(uid: str) -> None:
            pages = self.documents.model.pages
            found = pages.id_of_uid(uid) if pages is not None else None
            if found is not None:
                self.open_document(found)

        self._agreement = AgreementWindow(self.transfer.runner, self.corpus.name, open_uid, self)
        self._agreement.show()

    def show_progress(self) -> None:
        """Charts of the corpus, or of the documents the corpus pane shows when it is filtered."""
        from annotator.ui.progress import ProgressWindow  # matplotlib: loaded when first asked for

        pages = self.documents.model.pages
        window = ProgressWindow(self.db, self.corpus.name, pages.query if pages and pages.query.filtered else None, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()

    def preferences(self) -> None:
        PreferencesDialog(self).exec()
