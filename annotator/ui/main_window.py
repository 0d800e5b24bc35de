"""The main window: corpus pane, article, annotations, label palette, menus and status bar.

Every action goes through a `DocumentEditor` (saved at once, one undo entry) and the window
repaints only what the returned `Change` names.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThread, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QKeySequence
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox,
                               QProgressDialog, QStatusBar, QStyle, QToolButton, QVBoxLayout, QWidget)

from annotator.core.errors import AnnotatorError, Conflict
from annotator.core.model import Status
from annotator.core.text import snap_to_graphemes, snap_to_words, strip_proclitic
from annotator.services.annotations import list_documents
from annotator.services.corpora import CorpusInfo, Database
from annotator.services.editing import DocumentEditor
from annotator.services.exporting import ExportReport, export_corpus
from annotator.services.importing import ImportReport, import_paths
from annotator.services.views import Change, SpanView
from annotator.ui import tasks
from annotator.ui.annotation_list import AnnotationList
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import AttributesDialog, ImportDialog, PreferencesDialog
from annotator.ui.document_list import DocumentPane, status_name
from annotator.ui.label_palette import LabelPalette
from annotator.ui.plain import isolate, plain_label

UNFINISHED = (Status.NEW, Status.IN_PROGRESS)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, *, corpus: CorpusInfo, annotator: str) -> None:
        super().__init__()
        self.db, self.corpus, self.schema, self.annotator = db, corpus, corpus.schema, annotator
        self.colors = {t.name: t.color for t in self.schema.entity_types} | {t.name: t.color for t in self.schema.event_types}
        self.actions_by_name: dict[str, QAction] = {}
        self.editor: DocumentEditor | None = None
        self._editors: dict[int, DocumentEditor] = {}  # undo history stays with each document
        self._exact: tuple[int, int] | None = None  # a selection narrowed on purpose: not snapped
        self._current_event: int | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("annotator"))
        self._build_widgets()
        self._build_actions()
        self._restore_layout()
        self.reload_documents()

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
        self._action(file, self.tr("&Import…"), self.import_files, "Ctrl+I", name="import")
        self._action(file, self.tr("&Export…"), self.export_corpus, "Ctrl+Shift+E", name="export")
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
        if state is not None:
            self.restoreState(state)
        size = settings.value("article/pointSize")
        if size is not None:
            font = self.article.font()
            font.setPointSizeF(float(size))
            self.article.setFont(font)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for thread in self.findChildren(QThread):  # an import or export finishes its transaction
            thread.wait()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("article/pointSize", self.article.font().pointSizeF())
        if self.editor:
            settings.setValue(f"lastDocument/{self.corpus.name}", self.editor.id)
        super().closeEvent(event)

    # -- documents ------------------------------------------------------------------------
    def reload_documents(self) -> None:
        self.documents.model.set_documents(list_documents(self.db, corpus_id=self.corpus.id))
        if self.editor is None:
            last = QSettings().value(f"lastDocument/{self.corpus.name}")
            ids = self.documents.visible_ids()
            if ids:
                self.open_document(int(last) if last is not None and int(last) in ids else ids[0])
        else:
            self.documents.select(self.editor.id)

    def open_document(self, document_id: int) -> None:
        """Show a document: its text, highlights and annotations, ready to annotate."""
        editor = self._editors.get(document_id)
        if editor is None:
            try:
                editor = DocumentEditor(self.db, schema=self.schema, annotator=self.annotator, document_id=document_id)
            except AnnotatorError as e:
                self._failed(str(e))
                return
            self._editors[document_id] = editor
            if len(self._editors) > 20:
                self._editors.pop(next(iter(self._editors)))
        self.editor = editor
        self._exact, self._current_event = None, None
        doc = editor.document
        self.article.show_document(doc.text, editor.spans, self.colors)
        self.title.setText(doc.title or doc.uid)
        meta = [doc.source, doc.section, doc.published.strftime("%Y-%m-%d %H:%M") if doc.published else None, doc.uid]
        self.meta.setText("  ·  ".join(isolate(m) for m in meta if m))
        self.setWindowTitle(f"{doc.title or doc.uid} — annotator")
        QTimer.singleShot(0, lambda e=editor: self._fill_annotations(e))
        self.documents.select(document_id)
        self._show_status()
        self._update_undo()

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
            self._failed(str(e))
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
            if self._run(lambda: add(start, end, label)):
                self.article.collapse_selection()  # the new colour shows, not the selection
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
            try:
                self._apply(editor.delete_span(id_))
            except Conflict as e:
                answer = QMessageBox.question(self, self.tr("Delete span"),
                                              self.tr("%1\n\nDelete them together with the span?").replace("%1", str(e)))
                if answer == QMessageBox.StandardButton.Yes:
                    self._run(lambda: editor.delete_span(id_, cascade=True))
            except AnnotatorError as e:
                self._failed(str(e))

    def undo(self) -> None:
        if self.editor and self.editor.history.can_undo():
            self._run(self.editor.undo)

    def redo(self) -> None:
        if self.editor and self.editor.history.can_redo():
            self._run(self.editor.redo)

    # -- applying changes -----------------------------------------------------------------
    def _run(self, action: Callable[[], Change]) -> bool:
        try:
            change = action()
        except AnnotatorError as e:
            self._failed(str(e))
            return False
        self._apply(change)
        return True

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
        if self.editor is not None:
            if change.spans and self.editor.status == Status.NEW:
                self.editor.set_status(Status.IN_PROGRESS)
            self.documents.model.update(self.editor.id, spans=len(self.editor.spans), status=self.editor.status)
        self._exact = None
        self._update_undo()
        self.status_saved.setStyleSheet("color: #2e7d32")
        self.status_saved.setText(self.tr("Saved") if not change.warnings else
                                  self.tr("Saved, with a warning: %1").replace("%1", "; ".join(change.warnings)))

    def _failed(self, message: str) -> None:
        self.status_saved.setStyleSheet("color: #c62828")
        self.status_saved.setText(self.tr("Not saved: %1").replace("%1", message))
        QApplication.beep()

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
        self.annotations.select("span", span_id)
        if self.editor:
            event = next((e for e in self.editor.events.values() if e.trigger_id == span_id), None)
            if event is not None:
                self._current_event = event.id
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

    # -- import, export, preferences ------------------------------------------------------
    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import documents"), "",
                                                self.tr("Articles and annotations (*.txt *.jsonl)"))
        if not paths:
            return
        options = ImportDialog(self)
        if not options.exec():
            return
        clean, encoding = options.clean.isChecked(), options.encoding.currentText()
        skip = options.skip_invalid.isChecked()
        corpus, annotator = self.corpus.name, self.annotator
        self._background(self.tr("Importing…"), lambda db, progress: import_paths(
            db, [Path(p) for p in paths], corpus=corpus, encoding=encoding, clean=clean, skip_invalid=skip,
            annotator=annotator, progress=progress), self._imported)

    def _imported(self, report: ImportReport) -> None:
        self.reload_documents()
        skipped = "\n".join(str(p) for p in report.skipped[:20])
        self._message(self.tr("Imported %1 documents (%2 spans); %3 already there, %4 skipped.")
                      .replace("%1", str(len(report.added))).replace("%2", str(report.spans))
                      .replace("%3", str(len(report.unchanged))).replace("%4", str(len(report.skipped)))
                      + (f"\n\n{skipped}" if skipped else ""))

    def export_corpus(self) -> None:
        jsonl, doccano = self.tr("This project's JSONL (*.jsonl)"), self.tr("doccano JSONL (*.jsonl)")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export corpus"), f"{self.corpus.name}.jsonl",
                                                   f"{jsonl};;{doccano}")
        if not path:
            return
        format_ = "doccano" if chosen == doccano else "jsonl"
        corpus = self.corpus.name
        self._background(self.tr("Exporting…"), lambda db, progress: export_corpus(
            db, Path(path), format=format_, corpus=corpus, progress=progress),
            self._exported)

    def _exported(self, report: ExportReport) -> None:
        self._message(self.tr("Exported %1 documents to %2").replace("%1", str(report.documents))
                      .replace("%2", str(report.path)))

    def _background(self, title: str, work: tasks.Work, done: Callable[[Any], None]) -> None:
        dialog = QProgressDialog(title, "", 0, 0, self)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)

        def progress(value: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(value)

        def finished(result: object) -> None:
            dialog.close()
            done(result)

        def failed(message: str) -> None:
            dialog.close()
            self._message(message, error=True)

        tasks.run_in_background(self, self.db.url, work, progress=progress, done=finished, failed=failed)

    def _message(self, text: str, *, error: bool = False) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
                          self.tr("annotator"), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.open()

    def preferences(self) -> None:
        PreferencesDialog(self).exec()
