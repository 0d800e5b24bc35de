"""The main window: it builds the panes, hands them to the objects that act (gestures,
navigation, the status line) and connects them to the open document.

The open documents belong to a `Workspace`, and the current one is the `OpenDocument` (services,
no Qt): every action goes through it (saved at once, checked against the text it was computed
on, one undo entry) and every pane that shows it follows its notices, repainting only what
changed. Every two seconds (on PostgreSQL, whenever the database tells of a commit) and whenever
the window is activated, the navigator asks whether another process changed anything (one
indexed row when nothing did) and the open document reloads what did.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QVBoxLayout, QWidget

from annotator.core.colors import distinct_colors
from annotator.core.errors import AnnotatorError
from annotator.core.find import Kind
from annotator.services import live
from annotator.services.corpora import CorpusInfo
from annotator.services.editing import DocumentEditor
from annotator.services.handles import Database
from annotator.services.open_document import Notice, OpenDocument, Origin, Shown
from annotator.services.search import Hit
from annotator.services.workspace import Workspace
from annotator.ui import menus, window_layout
from annotator.ui.annotation_list import AnnotationList, AnnotatorFilter
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import PreferencesDialog
from annotator.ui.document_list import DocumentPane
from annotator.ui.find_bar import FindBar
from annotator.ui.gestures import Gestures
from annotator.ui.guidelines import GuidelinePane
from annotator.ui.label_palette import LabelPalette
from annotator.ui.navigation import Navigator
from annotator.ui.plain import isolate, plain_label
from annotator.ui.search_pane import SearchPane
from annotator.ui.status_line import StatusLine
from annotator.ui.transfer import Transfer

POLL_MS = 2000  # how often the window looks for other processes' changes (SQLite)
LISTENING_POLL_MS = 30_000  # and where the database tells of them at once (PostgreSQL), in case a notice was lost


class MainWindow(QMainWindow):
    undo_action: QAction  # (made with the menus)
    redo_action: QAction

    def __init__(self, db: Database, *, corpus: CorpusInfo, annotator: str) -> None:
        super().__init__()
        self.db, self.corpus, self.schema, self.annotator = db, corpus, corpus.schema, annotator
        self.colors = distinct_colors(self.schema.colors())
        self.actions_by_name: dict[str, QAction] = {}
        self.workspace = Workspace(db, corpus=corpus, annotator=annotator)
        self.document = OpenDocument(self.workspace)
        self.focus = self.document.focus
        self.transfer = Transfer(
            self,
            db.url,
            corpus=corpus.name,
            annotator=annotator,
            labels=self.schema.span_labels(),
            imported=lambda _report: self.navigator.imported(),
        )
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("annotator"))
        self.status_line = StatusLine(self)
        self._build_widgets()
        self.gestures = Gestures(
            self,
            self.document,
            schema=self.schema,
            article=self.article,
            annotations=self.annotations,
            status=self.status_line,
            refresh=self.refresh_from_database,
            focus_moved=self._show_status,
        )
        self.navigator = Navigator(
            self,
            self.document,
            corpus=corpus.name,
            documents=self.documents,
            status=self.status_line,
            busy=self.transfer.runner.busy,
            run=self.gestures.run,
        )
        for follower in (self.article.follow, self.annotations.follow, self.status_line.follow, self._follow):
            self.document.subscribe(follower)  # (docked panes with a `follow` are subscribed by `add_pane`)
        self._connect()
        menus.build(self)
        self._update_undo()
        self._first_layout = window_layout.restore(self, self.article)
        self.navigator.reload_documents()
        if db.created:
            self.status_line.saved.setText(
                self.tr("Created a new database: %1").replace("%1", isolate(str(db.path or db.url)))
            )
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
        return self.document.editor

    def refresh_from_database(self) -> None:
        self.navigator.refresh_from_database()

    # -- construction ---------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.article = ArticleView(self, colors=self.colors)
        self.article.trigger_labels = {t.name for t in self.schema.event_types}
        self.article.links = lambda: (
            (self.editor.events.values(), self.editor.relations.values()) if self.editor else ((), ())
        )
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
        self.find_bar = FindBar(
            self,
            text=lambda: self.editor.text if self.editor else None,
            selected=self._selected_text,
            select=self.article.select_range,
            label_all=lambda ranges, query: self.gestures.label_occurrences(ranges, query),
        )
        layout.addWidget(self.find_bar)
        self.setCentralWidget(center)

        later = self.article.after_next_paint  # the panes follow once the article shows a change
        self.documents = DocumentPane(
            self,
            runner=self.transfer.runner,  # (a slow count runs in the background)
            annotator=self.annotator,
            later=later,
        )
        self.annotations = AnnotationList(self, colors=self.colors, later=later)
        self.annotator_filter = AnnotatorFilter(self.annotations)
        self.label_palette = LabelPalette(self)
        self.label_palette.build(self.schema, self.colors, self, lambda label: self.gestures.apply_label(label))
        self.guidelines = GuidelinePane(self.schema, self)
        self.search = SearchPane(
            self,
            runner=self.transfer.runner,
            corpus_id=self.corpus.id,
            schema=self.schema,
            open_hit=self.open_hit,
            label_hits=lambda hits, label: self.gestures.label_hits(hits, label),
        )
        panes: tuple[tuple[str, str, QWidget, Qt.DockWidgetArea], ...] = (
            ("corpusDock", self.tr("Documents"), self.documents, Qt.DockWidgetArea.LeftDockWidgetArea),
            (
                "annotationsDock",
                self.tr("Annotations"),
                self.annotator_filter.pane(),
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            ("paletteDock", self.tr("Labels"), self.label_palette, Qt.DockWidgetArea.RightDockWidgetArea),
            ("guidelineDock", self.tr("Guidelines"), self.guidelines, Qt.DockWidgetArea.RightDockWidgetArea),
            ("searchDock", self.tr("Search"), self.search, Qt.DockWidgetArea.BottomDockWidgetArea),
        )
        for corner, area in (
            (Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
            (Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            self.setCorner(corner, area)  # the search results go under the article, not the side panes
        self.docks: dict[str, QDockWidget] = {}
        self.view_menu: QMenu | None = None  # (made with the menus)
        for name, title, pane, area in panes:
            self.add_pane(name, title, pane, area)
        self.tabifyDockWidget(self.docks["paletteDock"], self.docks["guidelineDock"])  # no pane squeezed
        self.docks["paletteDock"].raise_()
        self.docks["searchDock"].hide()  # until asked for (Ctrl+Shift+F)

    def add_pane(self, name: str, title: str, pane: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """Dock a pane, list it in the View menu, and, if it has a `follow(notice)`, have it follow
        the open document (docs/architecture.md: how to add a pane)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(pane)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        follow = getattr(pane, "follow", None)
        if callable(follow):
            self.document.subscribe(follow)
            if self.editor is not None:  # a document is open already: the pane starts from it
                follow(Shown(self.editor, Origin.OPEN))
        if self.view_menu is not None:
            self.view_menu.addAction(dock.toggleViewAction())
        return dock

    def _connect(self) -> None:
        self.documents.document_chosen.connect(self.navigator.open_document)
        self.article.selection_changed.connect(self._show_status)
        self.article.span_clicked.connect(self.gestures.span_clicked)
        self.article.double_clicked.connect(self.gestures.double_clicked)
        self.annotations.chosen.connect(self.gestures.annotation_chosen)
        self.find_bar.closed.connect(self.article.setFocus)

    def _follow(self, notice: Notice) -> None:
        """What the window itself shows of the open document: its title, the status line, undo."""
        if isinstance(notice, Shown):
            doc = notice.editor.document
            self.title.setText(doc.title or doc.uid)
            meta = [
                doc.source,
                doc.section,
                doc.published.strftime("%Y-%m-%d %H:%M") if doc.published else None,
                doc.uid,
            ]
            self.meta.setText("  ·  ".join(isolate(m) for m in meta if m))
            self.setWindowTitle(f"{doc.title or doc.uid} — annotator")
            if self.find_bar.isVisible():
                self.find_bar.search()
            self._show_status()
        elif notice.change.events or notice.change.status:  # the current event or the status line changed
            self._show_status()
        self._update_undo()

    # -- settings -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        window_layout.fit_to_screen(self)
        QTimer.singleShot(0, lambda: window_layout.fit_to_screen(self))  # (again, with the frame the manager added)
        if self._first_layout:
            self._first_layout = False
            window_layout.first_layout(self, self.docks["corpusDock"], self.docks["annotationsDock"])

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
        self.navigator.remember()
        super().closeEvent(event)

    # -- selection and status bar ---------------------------------------------------------
    def _show_status(self) -> None:
        """The status line and the Guidelines pane follow what is current and the selection."""
        if self.editor is None:
            return
        self._show_guideline()
        self.status_line.show(self.editor, self.focus.event, self.gestures.target_range())

    def _show_guideline(self) -> None:
        """The Guidelines pane follows the current annotation's type."""
        current, editor = self.focus.current(self.editor), self.editor
        if current is not None and editor is not None:
            kind, id_ = current
            self.guidelines.show_type(
                editor.spans[id_].label if kind == "span" else editor.events[id_].type if kind == "event" else None
            )

    def _update_undo(self) -> None:
        history = self.editor.history if self.editor else None
        self.undo_action.setEnabled(bool(history and history.can_undo()))
        self.redo_action.setEnabled(bool(history and history.can_redo()))
        # The tooltip says what Ctrl+Z and Ctrl+Shift+Z would do ("add GPE", "delete Conflict.Attack").
        self.undo_action.setToolTip(self.tr("Undo %1").replace("%1", history.undo_text()) if history else "")
        self.redo_action.setToolTip(self.tr("Redo %1").replace("%1", history.redo_text()) if history else "")

    def zoom(self, steps: int) -> None:
        self.article.zoom(steps)

    # -- search, team views, preferences --------------------------------------------------
    def search_corpus(self, kind: Kind = Kind.TEXT) -> None:
        """Show the search pane and search the selection (or the current span's text, or the
        find bar's string); for label all across the corpus, its unlabelled occurrences, to
        label with the current label."""
        self.docks["searchDock"].show()
        self.docks["searchDock"].raise_()
        self.search.query.setFocus()
        span = self.gestures.current_span()
        query = (
            self._selected_text().strip()
            or (self.editor.text[span.start : span.end] if self.editor and span else "")
            or (self.find_bar.query.text() if self.find_bar.isVisible() else "")
        )
        if kind is Kind.UNLABELLED or (query and "\n" not in query):
            self.search.search(query or None, kind, self.gestures.label_at_hand() if kind is Kind.UNLABELLED else None)

    def open_hit(self, hit: Hit) -> None:
        """Open a search hit's document with the hit selected."""
        if self.editor is None or self.editor.id != hit.document_id:
            self.navigator.open_document(hit.document_id)
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

        dialog = AssignDialog(
            self.db, self.corpus.id, self.editor.id if self.editor else None, self.documents.model.pages, self
        )
        if dialog.exec():
            given = ", ".join(f"{isolate(name)} {n}" for name, n in dialog.given.items())
            self.status_line.say(self.tr("New documents given: %1").replace("%1", given), 8000)
            self.documents.model.refresh()
        self.article.setFocus()

    def adjudicate(self) -> None:
        """The open document's layers side by side, choices accepted into gold (a curator's)."""
        from annotator.ui.adjudication_view import AdjudicationDialog

        if self.editor is None:
            self.status_line.say(self.tr("Open a document to adjudicate first."), 5000)
            return
        try:
            dialog = AdjudicationDialog(self.db, self.schema, self.editor.id, self)
        except AnnotatorError as e:
            self.status_line.say(self.tr("Cannot adjudicate: %1").replace("%1", str(e)), 8000)
            return
        dialog.exec()
        if self.editor is not None:  # what was accepted, in the gold layer, shown at once
            self.document.reload(Origin.CURATOR)
            self.documents.model.refresh()
        self.article.setFocus()

    def show_history(self) -> None:
        """Every change to the current annotation (the one just made, or picked), oldest first."""
        from annotator.services.changes import annotation_history
        from annotator.ui.history_view import HistoryDialog

        current = self.focus.current(self.editor)
        if self.editor is None or current is None:
            self.status_line.say(self.tr("Pick an annotation to see its history."), 5000)
            return
        kind, id_ = current
        editor = self.editor
        title = (
            editor.spans[id_].label
            if kind == "span"
            else editor.events[id_].type
            if kind == "event"
            else editor.relations[id_].type
        )
        entries = annotation_history(self.db, document_id=editor.id, kind=kind, target_id=id_)
        HistoryDialog(title, entries, self).exec()
        self.article.setFocus()

    def show_agreement(self) -> None:
        """How far the annotators agree, measured in the background; a document listed there
        opens here with a double-click."""
        from annotator.ui.agreement_view import AgreementWindow

        self._agreement = AgreementWindow(self.transfer.runner, self.corpus.name, self.navigator.open_uid, self)
        self._agreement.show()

    def show_progress(self) -> None:
        """Charts of the corpus, or of the documents the corpus pane shows when it is filtered."""
        from annotator.ui.progress import (
            ProgressWindow,  # matplotlib: loaded when first asked for
        )

        pages = self.documents.model.pages
        window = ProgressWindow(
            self.db, self.corpus.name, pages.query if pages and pages.query.filtered else None, self
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()

    def show_shortcuts(self) -> None:
        """F1: every key of the window, as its menus and the label palette say."""
        from annotator.ui.shortcuts import ShortcutSheet

        ShortcutSheet(self, list(self.label_palette.actions_by_label.values())).exec()
        self.article.setFocus()

    def preferences(self) -> None:
        PreferencesDialog(self).exec()
