"""The main window: corpus pane, article, annotations, label palette, menus and status bar.

The open documents belong to a `Workspace` (services, no Qt). Every action goes through the
current document's editor (saved at once, checked against the text it was computed on, one
undo entry) and the window repaints only what the returned `Change` names. Every two seconds
and whenever the window is activated, it asks the workspace whether another process changed
anything (one indexed row when nothing did) and reloads what did.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (QApplication, QDockWidget, QMainWindow, QMenu, QMessageBox, QStatusBar, QStyle,
                               QToolButton, QVBoxLayout, QWidget)

from annotator.core.errors import AnnotatorError, Conflict, NotFound, Stale
from annotator.core.model import Status
from annotator.core.text import snap_to_graphemes, snap_to_words, strip_proclitic
from annotator.services.corpora import CorpusInfo, Database
from annotator.services.editing import DocumentEditor
from annotator.services.importing import ImportReport
from annotator.services.views import Change, SpanView
from annotator.services.workspace import Workspace
from annotator.ui.annotation_list import AnnotationList
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import AttributesDialog, PreferencesDialog
from annotator.ui.document_list import DocumentPane, status_name
from annotator.ui.label_palette import LabelPalette
from annotator.ui.plain import isolate, message_box, plain_label
from annotator.ui.transfer import Transfer

POLL_MS = 2000  # how often the window looks for other processes' changes

UNFINISHED = (Status.NEW, Status.IN_PROGRESS)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, *, corpus: CorpusInfo, annotator: str) -> None:
        super().__init__()
        self.db, self.corpus, self.schema, self.annotator = db, corpus, corpus.schema, annotator
        self.colors = {t.name: t.color for t in self.schema.entity_types} | {t.name: t.color for t in self.schema.event_types}
        self.actions_by_name: dict[str, QAction] = {}
        self.workspace = Workspace(db, corpus=corpus, annotator=annotator)
        self.transfer = Transfer(self, db.url, corpus=corpus.name, annotator=annotator, imported=self._imported)
        self._exact: tuple[int, int] | None = None  # a selection narrowed on purpose: not snapped
        self._current_event: int | None = None
        # What was current before a click on a span: a double-click (selecting a word) undoes that click.
        self._before_click: tuple[tuple[str, int] | None, int | None] | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("annotator"))
        self._build_widgets()
        self._build_actions()
        self._restore_layout()
        self.reload_documents()
        if db.created:
            self.statusBar().showMessage(self.tr("Created a new database: %1").replace("%1", db.url), 10000)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh_from_database)
        self._poll.start()

    @property
    def editor(self) -> DocumentEditor | None:
        return self.workspace.current

    # -- construction ---------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.article = ArticleView(self)
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
        self.setCentralWidget(center)

        self.documents = DocumentPane(self)
        self.annotations = AnnotationList(self)
        self.label_palette = LabelPalette(self)
        self.label_palette.build(self.schema, self, self.apply_label)
        panes: tuple[tuple[str, str, QWidget, Qt.DockWidgetArea], ...] = (
            ("corpusDock", self.tr("Documents"), self.documents, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("annotationsDock", self.tr("Annotations"), self.annotations, Qt.DockWidgetArea.RightDockWidgetArea),
            ("paletteDock", self.tr("Labels"), self.label_palette, Qt.DockWidgetArea.RightDockWidgetArea),
        )
        self.docks: list[QDockWidget] = []
        for name, title, pane, area in panes:
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(pane)
            self.addDockWidget(area, dock)
            self.docks.append(dock)
        self.resizeDocks(self.docks[:1], [420], Qt.Orientation.Horizontal)

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

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                *keys: QKeySequence | QKeySequence.StandardKey | str,
                name: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name or text)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        self.addAction(action)
        self.actions_by_name[action.objectName()] = action
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self._action(file, self.tr("&Import…"), self.transfer.import_files, "Ctrl+I", name="import")
        self._action(file, self.tr("&Export…"), self.transfer.export_corpus, "Ctrl+Shift+E", name="export")
        file.addSeparator()
        self._action(file, self.tr("&Preferences…"), self.preferences, QKeySequence.StandardKey.Preferences,
                     name="preferences")
        self._action(file, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, name="quit")

        edit = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(edit, self.tr("&Undo"), self.undo, "Ctrl+Z", name="undo")
        self.redo_action = self._action(edit, self.tr("&Redo"), self.redo, "Ctrl+Shift+Z", "Ctrl+Y", name="redo")
        edit.addSeparator()
        self._action(edit, self.tr("&Delete annotation"), self.delete_current, "Delete", name="delete")
        self._action(edit, self.tr("&Attributes, subtype and note…"), self.edit_attributes, "F2", name="attributes")
        edit.addSeparator()
        self.exact_action = self._action(edit, self.tr("E&xact letters (do not snap to words)"), lambda: None,
                                         "Ctrl+Shift+X", name="exactLetters", checkable=True)
        self._action(edit, self.tr("Strip leading &clitic (و ف ب ل ك س)"), self.strip_clitic, "Ctrl+K",
                     name="stripClitic")

        annotate = bar.addMenu(self.tr("&Annotate"))
        self._action(annotate, self.tr("Add &argument to the current event…"), self.add_argument, "Ctrl+G",
                     name="addArgument")
        self._action(annotate, self.tr("Add &relation from the current span…"), self.add_relation, "Ctrl+L",
                     name="addRelation")

        document = bar.addMenu(self.tr("&Document"))
        for status, key in zip(Status, ("Ctrl+Alt+1", "Ctrl+Alt+2", "Ctrl+Alt+3", "Ctrl+Alt+4")):
            self._action(document, self.tr("Mark as %1").replace("%1", status_name(status)),
                         partial(self.set_status, status), key, name=f"status:{status.value}")
        self._action(document, self.tr("Mark done and open the next unfinished"), self.done_and_next,
                     "Ctrl+Return", name="doneAndNext")
        document.addSeparator()
        self._action(document, self.tr("&Next document"), lambda: self.step_document(1), "Ctrl+PgDown",
                     name="nextDocument")
        self._action(document, self.tr("&Previous document"), lambda: self.step_document(-1), "Ctrl+PgUp",
                     name="previousDocument")
        self._action(document, self.tr("Next &unfinished document"), self.next_unfinished, "F8",
                     name="nextUnfinished")

        view = bar.addMenu(self.tr("&View"))
        self._action(view, self.tr("Zoom &in"), lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn, "Ctrl+=",
                     name="zoomIn")
        self._action(view, self.tr("Zoom &out"), lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut,
                     name="zoomOut")
        self._action(view, self.tr("&Reset zoom"), lambda: self.zoom(0), "Ctrl+0", name="zoomReset")
        view.addSeparator()
        for dock in self.docks:
            view.addAction(dock.toggleViewAction())

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        icons = QStyle.StandardPixmap
        for name, icon in (("undo", icons.SP_ArrowBack), ("redo", icons.SP_ArrowForward),
                           ("previousDocument", icons.SP_MediaSeekBackward), ("nextDocument", icons.SP_MediaSeekForward),
                           ("nextUnfinished", icons.SP_MediaSkipForward), ("doneAndNext", icons.SP_DialogApplyButton),
                           ("exactLetters", None), ("stripClitic", None)):
            action = self.actions_by_name[name]
            if icon is not None:
                action.setIcon(self.style().standardIcon(icon))
            action.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
            toolbar.addAction(action)
        for name in ("exactLetters", "stripClitic"):  # no standard icon says this: keep their words
            button = toolbar.widgetForAction(self.actions_by_name[name])
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._update_undo()

    # -- settings -------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        self._fit_to_screen()
        if state is not None:
            self.restoreState(state)
        size = settings.value("article/pointSize")
        if size is not None:
            font = self.article.font()
            font.setPointSizeF(float(size))
            self.article.setFont(font)

    def _fit_to_screen(self) -> None:
        """Never larger than the screen's free area (xvfb-run's screen is 1280×1024), nor off it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()
        width = min(self.width(), room.width() - frame.width())
        height = min(self.height(), room.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        if not room.contains(self.frameGeometry()):
            self.move(room.topLeft())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_to_screen()  # now that the frame's size is known

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            QTimer.singleShot(0, self.refresh_from_database)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._poll.stop()
        self.transfer.runner.cancel_and_wait()  # an import rolls back, an export leaves no temporary file
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("article/pointSize", self.article.font().pointSizeF())
        if self.editor:
            settings.setValue(f"lastDocument/{self.corpus.name}", self.editor.id)
        super().closeEvent(event)

    # -- documents ------------------------------------------------------------------------
    def reload_documents(self) -> None:
        self.documents.model.set_documents(self.workspace.documents())
        if self.editor is None:
            last = QSettings().value(f"lastDocument/{self.corpus.name}")
            ids = self.documents.visible_ids()
            if ids:
                self.open_document(int(last) if last is not None and int(last) in ids else ids[0])
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
        self._exact, self._current_event = None, None
        doc = editor.document
        self.article.show_document(doc.text, editor.spans, self.colors)
        if keep_place:
            self.article.verticalScrollBar().setValue(scroll)
        self.title.setText(doc.title or doc.uid)
        meta = [doc.source, doc.section, doc.published.strftime("%Y-%m-%d %H:%M") if doc.published else None, doc.uid]
        self.meta.setText("  ·  ".join(isolate(m) for m in meta if m))
        self.setWindowTitle(f"{doc.title or doc.uid} — annotator")
        QTimer.singleShot(0, lambda e=editor: self._fill_annotations(e))
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
        except AnnotatorError:
            return  # busy: the next poll tries again
        if refresh.documents or refresh.closed:
            self.documents.model.set_documents(self.workspace.documents())
        if refresh.closed:
            row = next((r for r in range(self.documents.model.rowCount())
                        if self.documents.model.document(r).uid == uid), None)
            self.statusBar().showMessage(self.tr("This document was replaced in the database; reopened as it is now."),
                                         8000)
            if row is not None:
                self.open_document(self.documents.model.document(row).id)
            else:
                self.reload_documents()
        elif refresh.current and self.editor is not None:
            self._show_editor(self.editor, keep_place=True)
            self.statusBar().showMessage(self.tr("Updated with changes saved by another window or program."), 8000)
        elif self.editor is not None:
            self.documents.select(self.editor.id)

    def _fill_annotations(self, editor: DocumentEditor) -> None:
        if editor is self.editor:  # after the first paint: the text shows first
            self.annotations.show_document(editor.text, editor.spans, editor.events, editor.relations, self.colors)

    def step_document(self, step: int) -> None:
        ids = self.documents.visible_ids()
        if self.editor and ids:
            position = ids.index(self.editor.id) if self.editor.id in ids else -1
            self.open_document(ids[(position + step) % len(ids)])

    def next_unfinished(self) -> None:
        model = self.documents.model
        ids = self.documents.visible_ids()
        start = ids.index(self.editor.id) + 1 if self.editor and self.editor.id in ids else 0
        for document_id in ids[start:] + ids[:start]:
            row = model.row_of(document_id)
            current = self.editor.id if self.editor else None
            if row is not None and model.document(row).status in UNFINISHED and document_id != current:
                self.open_document(document_id)
                return
        self.statusBar().showMessage(self.tr("No unfinished document left."), 5000)

    def set_status(self, status: Status) -> None:
        editor = self.editor
        if editor:
            self._run(lambda: editor.set_status(status))

    def done_and_next(self) -> None:
        self.set_status(Status.DONE)
        self.next_unfinished()

    # -- making and changing annotations --------------------------------------------------
    def target_range(self) -> tuple[int, int] | None:
        """The selection as it will be stored: snapped to whole words unless exact letters
        are asked for (toggle, or a selection narrowed with the clitic key). A selection whose
        offsets do not match the stored text is reported and gives no range."""
        if self.editor is None:
            return None
        try:
            selection = self.article.selection()
        except AnnotatorError as e:
            self._failed(str(e), e)
            return None
        if selection is None:
            return None
        text = self.editor.text
        if self.exact_action.isChecked() or selection == self._exact:
            start, end = snap_to_graphemes(text, *selection)
        else:
            start, end = snap_to_words(text, *selection)
        return (start, end) if start < end else None

    def apply_label(self, label: str) -> None:
        """The label key or palette button: label the selection, or relabel the chosen span."""
        editor = self.editor
        if editor is None:
            return
        target = self.target_range()
        event_type = self.schema.event(label)
        if target is not None:
            start, end = target
            add = editor.add_trigger if event_type else editor.add_span
            change = self._run(lambda: add(start, end, label))
            if change is not None:
                self.article.collapse_selection()  # the new colour shows, not the selection
                new = next((i for i, span in change.spans.items() if span is not None), None)
                if new is not None:  # what was just made is what Delete, F2 and Ctrl+L act on
                    self.annotations.select("span", new)
            return
        current = self.annotations.current()
        if current and current[0] == "span" and not event_type:
            self._run(lambda: editor.update_span(current[1], label=label, subtype=None))
        else:
            self.statusBar().showMessage(self.tr("Select some text first."), 4000)

    def strip_clitic(self) -> None:
        target = self.target_range()
        if target is None or self.editor is None:
            return
        start, end = strip_proclitic(self.editor.text, *target)
        self._exact = (start, end)
        self.article.select_range(start, end)

    def span_for_selection(self) -> SpanView | None:
        """The span exactly at the (snapped) selection, else the innermost one under it."""
        if self.editor is None:
            return None
        target = self.target_range()
        if target is None:
            current = self.annotations.current()
            return self.editor.spans.get(current[1]) if current and current[0] == "span" else None
        exact = [s for s in self.editor.spans.values() if (s.start, s.end) == target]
        if exact:
            return exact[0]
        under = self.article.spans_at(target[0])
        return under[-1] if under else None

    def add_argument(self) -> None:
        editor = self.editor
        if editor is None or self._current_event is None or self._current_event not in editor.events:
            self.statusBar().showMessage(self.tr("Choose an event first (click its trigger or pick it in the list)."), 6000)
            return
        event = editor.events[self._current_event]
        span = self.span_for_selection()
        if span is None or span.id == event.trigger_id:
            self.statusBar().showMessage(self.tr("Select a marked span to add as an argument."), 6000)
            return
        menu = QMenu(self)
        event_type = self.schema.event(event.type)
        for role in event_type.roles if event_type else ():
            fits = not role.types or span.label in role.types
            text = role.name if fits else f"{role.name}  ⚠ {'/'.join(role.types)}"
            action = menu.addAction(text)
            action.setEnabled(fits or self.schema.type_check == "warn")
            action.triggered.connect(lambda _=False, r=role.name: self._run(
                lambda: editor.add_argument(event.id, r, span.id)))
        menu.popup(QCursor.pos())

    def add_relation(self) -> None:
        current = self.annotations.current()
        editor = self.editor
        if editor is None or not current or current[0] != "span":
            self.statusBar().showMessage(self.tr("Choose the head span first (click it or pick it in the list)."), 6000)
            return
        head = editor.spans[current[1]]
        tail = self.span_for_selection()
        if tail is None or tail.id == head.id:
            self.statusBar().showMessage(self.tr("Select the tail span of the relation."), 6000)
            return
        menu = QMenu(self)
        for relation in self.schema.relation_types:
            fits = (not relation.head or head.label in relation.head) and (not relation.tail or tail.label in relation.tail)
            action = menu.addAction(relation.name if fits else f"{relation.name}  ⚠")
            action.setEnabled(fits or self.schema.type_check == "warn")
            action.triggered.connect(lambda _=False, t=relation.name: self._run(
                lambda: editor.add_relation(t, head.id, tail.id)))
        menu.popup(QCursor.pos())

    def edit_attributes(self) -> None:
        current = self.annotations.current()
        if self.editor is None or current is None:
            return
        kind, id_ = current
        editor = self.editor
        if kind == "span":
            span = editor.spans[id_]
            dialog = AttributesDialog(self.schema, kind, span.label, span.subtype, span.attributes, span.note, self)
            update: Callable[..., Change] = editor.update_span
        elif kind == "event":
            event = editor.events[id_]
            dialog = AttributesDialog(self.schema, kind, event.type, None, event.attributes, None, self)
            update = editor.update_event
        else:
            relation = editor.relations[id_]
            dialog = AttributesDialog(self.schema, kind, relation.type, None, relation.attributes, None, self)
            update = editor.update_relation
        if dialog.exec():
            fields = dialog.result_fields()
            self._run(lambda: update(id_, **fields))

    def delete_current(self) -> None:
        """Delete what the analyst sees as current: the span just made or clicked, or the row
        picked in the annotations list."""
        editor = self.editor
        if editor is None:
            return
        current = self.annotations.current()
        if current is None:
            span = self.span_for_selection()
            current = ("span", span.id) if span else None
        if current is None:
            return
        kind, id_ = current
        if kind == "event":
            self._run(lambda: editor.delete_event(id_))
        elif kind == "relation":
            self._run(lambda: editor.delete_relation(id_))
        else:
            span = editor.spans[id_]
            quoted = f"{span.label} «{editor.text[span.start:span.end]}» [{span.start}, {span.end})"
            try:
                self._apply(editor.delete_span(id_))
            except Conflict as e:
                box = message_box(self, self.tr("Delete %1?\n\n%2\n\nDelete them together with the span?")
                                  .replace("%1", quoted).replace("%2", str(e)), icon=QMessageBox.Icon.Question,
                                  title=self.tr("Delete span"))
                box.setObjectName("confirmDelete")
                box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
                if box.exec() == QMessageBox.StandardButton.Yes:
                    self._run(lambda: editor.delete_span(id_, cascade=True))
                    self.statusBar().showMessage(self.tr("Deleted %1 (Ctrl+Z brings it back)").replace("%1", quoted), 6000)
                return
            except AnnotatorError as e:
                self._failed(str(e), e)
                return
            self.statusBar().showMessage(self.tr("Deleted %1 (Ctrl+Z brings it back)").replace("%1", quoted), 6000)

    def undo(self) -> None:
        if self.editor and self.editor.history.can_undo():
            self._run(self.editor.undo)

    def redo(self) -> None:
        if self.editor and self.editor.history.can_redo():
            self._run(self.editor.redo)

    # -- applying changes -----------------------------------------------------------------
    def _run(self, action: Callable[[], Change]) -> Change | None:
        try:
            change = action()
        except AnnotatorError as e:
            self._failed(str(e), e)
            return None
        self._apply(change)
        if self.editor is not None and self.editor.outdated:  # another process wrote in between
            QTimer.singleShot(0, self.refresh_from_database)
        return change

    def _apply(self, change: Change) -> None:
        """Repaint exactly what changed, and say it is saved."""
        self._apply_change(change)
        if change.events or change.status:  # the current event or the status line changed
            self._show_status()

    def _apply_change(self, change: Change) -> None:
        for span_id, span in change.spans.items():
            if span is None:
                self.article.remove_span(span_id)
                self.annotations.remove("span", span_id)
            else:
                self.article.put_span(span)
                self.annotations.put_span(span)
        for event_id, event in change.events.items():
            if event is None:
                self.annotations.remove("event", event_id)
            else:
                self.annotations.put_event(event)
                self._current_event = event_id
        for relation_id, relation in change.relations.items():
            if relation is None:
                self.annotations.remove("relation", relation_id)
            else:
                self.annotations.put_relation(relation)
        if self.editor is not None:  # the status rule (new → in progress) ran in the write's transaction
            self.documents.model.update(self.editor.id, spans=len(self.editor.spans), status=self.editor.status)
        self._exact = None
        self._update_undo()
        self.status_saved.setStyleSheet("color: #2e7d32")
        self.status_saved.setText(self.tr("Saved") if not change.warnings else
                                  self.tr("Saved, with a warning: %1").replace("%1", "; ".join(change.warnings)))

    def _failed(self, message: str, error: AnnotatorError | None = None) -> None:
        """Say why nothing was saved; the selection stays, so the analyst can try again. If the
        database had changed under the action, show it as it is now."""
        self.status_saved.setStyleSheet("color: #c62828")
        self.status_saved.setText(self.tr("Not saved: %1").replace("%1", message))
        QApplication.beep()
        if isinstance(error, Stale | NotFound) and self.editor is not None:
            self.editor.outdated = True
            QTimer.singleShot(0, self.refresh_from_database)

    def _update_undo(self) -> None:
        history = self.editor.history if self.editor else None
        self.undo_action.setEnabled(bool(history and history.can_undo()))
        self.redo_action.setEnabled(bool(history and history.can_redo()))
        # The tooltip says what Ctrl+Z and Ctrl+Shift+Z would do ("add GPE", "delete Conflict.Attack").
        self.undo_action.setToolTip(self.tr("Undo %1").replace("%1", history.undo_text()) if history else "")
        self.redo_action.setToolTip(self.tr("Redo %1").replace("%1", history.redo_text()) if history else "")

    # -- selection and status bar ---------------------------------------------------------
    def _selection_changed(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        if self.editor is None:
            return
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

    def _span_clicked(self, span_id: int) -> None:
        self._before_click = (self.annotations.current(), self._current_event)
        self.annotations.select("span", span_id)
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
        if current is not None:
            self.annotations.select(*current)
        else:
            self.annotations.clear_current()
        self._current_event = event
        self._show_status()

    def _annotation_chosen(self, kind: str, id_: int) -> None:
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

    def zoom(self, steps: int) -> None:
        self.article.zoom(steps)

    # -- import, preferences --------------------------------------------------------------
    def _imported(self, report: ImportReport) -> None:
        """After any import: editors whose text was replaced are dropped, the others reloaded."""
        refresh = self.workspace.refresh(force=True)
        self.documents.model.set_documents(self.workspace.documents())
        if refresh.closed or self.editor is None:
            self.reload_documents()
        elif refresh.current:
            self._show_editor(self.editor, keep_place=True)
        else:
            self.documents.select(self.editor.id)

    def preferences(self) -> None:
        PreferencesDialog(self).exec()
