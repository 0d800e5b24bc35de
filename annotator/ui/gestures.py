"""Making, changing and deleting annotations from the window: the label keys, the clitic key,
arguments and relations, attributes, delete, undo and redo, and how a saved or refused action
shows. `MainWindow` builds the widgets these act on; this is what the analyst's gestures do.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QMessageBox

from annotator.core.errors import AnnotatorError, Conflict, NotFound, Stale
from annotator.core.schema import Schema
from annotator.core.text import snap_to_graphemes, snap_to_words, strip_proclitic
from annotator.services.editing import DocumentEditor
from annotator.services.search import Hit
from annotator.services.views import Change, DocumentRef, SpanView
from annotator.services.workspace import Workspace
from annotator.ui.annotation_list import AnnotationList
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import AttributesDialog
from annotator.ui.document_list import DocumentPane
from annotator.ui.guidelines import described, relation_entry, role_entry
from annotator.ui.plain import isolate, message_box, tooltip


class Gestures(QMainWindow):
    schema: Schema
    article: ArticleView
    annotations: AnnotationList
    documents: DocumentPane
    exact_action: QAction
    undo_action: QAction
    redo_action: QAction
    status_saved: QLabel
    _exact: tuple[int, int] | None
    _current_event: int | None
    _made: tuple[str, int] | None  # the annotation just made: current until another is picked
    _last_label: str | None  # the label applied last: what "label all" gives when no span is picked
    workspace: Workspace

    if TYPE_CHECKING:  # provided by MainWindow
        @property
        def editor(self) -> DocumentEditor | None: ...

        def refresh_from_database(self) -> None: ...

        def _show_status(self) -> None: ...

        def _span_clicked(self, span_id: int) -> None: ...

    def current_annotation(self) -> tuple[str, int] | None:
        """What Delete, F2 and Ctrl+L act on: the annotation just made, else the one picked (by
        a click on the text or in the list); None if it is no longer in the open document."""
        editor = self.editor
        current = self._made or self.annotations.current()
        if editor is None or current is None:
            return None
        kind, id_ = current
        held = editor.spans if kind == "span" else editor.events if kind == "event" else editor.relations
        return current if id_ in held else None

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
        self._last_label = label
        if target is not None:
            start, end = target
            add = editor.add_trigger if event_type else editor.add_span
            change = self._run(lambda: add(start, end, label))
            if change is not None:
                new = next((i for i, span in change.spans.items() if span is not None), None)
                if new is not None:  # what was just made is what Delete, F2 and Ctrl+L act on
                    self._made = ("span", new)
                self.article.collapse_selection()  # the new colour shows, not the selection
            return
        current = self.current_annotation()
        if current and current[0] == "span" and not event_type:
            self._run(lambda: editor.update_span(current[1], label=label, subtype=None))
        else:
            self.statusBar().showMessage(self.tr("Select some text first."), 4000)

    def label_occurrences(self, ranges: list[tuple[int, int]], query: str) -> None:
        """Give every found occurrence the label of the current span (else the last label
        applied), skipping those that have it already: one transaction, one undo entry."""
        editor = self.editor
        if editor is None:
            return
        label = self.label_at_hand()
        if label is None or self.schema.entity(label) is None:
            self.statusBar().showMessage(self.tr("Pick a span with an entity label (or apply one) first: label "
                                                 "all gives its label to every occurrence."), 6000)
            return
        have = {(s.start, s.end) for s in editor.spans.values() if s.label == label}
        todo = [r for r in ranges if r not in have]
        if not todo:
            self.statusBar().showMessage(self.tr("Every occurrence of %1 is labelled %2 already.")
                                         .replace("%1", isolate(query)).replace("%2", label), 6000)
            return
        if self._run(lambda: editor.add_spans(todo, label)) is not None:
            self.statusBar().showMessage(self.tr("Labelled %n more occurrence(s) of %1 as %2 (Ctrl+Z undoes this).",
                                                 "", len(todo)).replace("%1", isolate(query)).replace("%2", label),
                                         8000)

    def current_span(self) -> SpanView | None:
        """The current annotation, when it is a span."""
        current = self.current_annotation()
        return self.editor.spans.get(current[1]) if self.editor is not None and current and current[0] == "span" \
            else None

    def label_at_hand(self) -> str | None:
        """What "label all" gives: the current span's label, else the label applied last."""
        span = self.current_span()
        return span.label if span is not None else self._last_label

    def label_hits(self, hits: list[Hit], label: str) -> bool:
        """Label occurrences found by the corpus search, in every document at once: one
        transaction (each document checked against the text the hit was found in), one undo
        entry on the current document's history."""
        by_document: dict[DocumentRef, list[tuple[int, int]]] = {}
        for hit in hits:
            by_document.setdefault(DocumentRef(hit.document_id, hit.sha256), []).append((hit.start, hit.end))
        if self._run(lambda: self.workspace.label_across(list(by_document.items()), label)) is None:
            return False
        self._last_label = label
        self.statusBar().showMessage(self.tr("Labelled %n occurrence(s) as %1 in %2 document(s) (Ctrl+Z undoes this).",
                                             "", len(hits)).replace("%1", label)
                                     .replace("%2", isolate(str(len(by_document)))), 8000)
        self.refresh_from_database()
        return True

    def step_span(self, direction: int) -> None:
        """Tab / Shift+Tab: the next or previous span in reading order (by start, outer first),
        from the current one or the cursor. It becomes current, selected, and, if it is a
        trigger, its event becomes the current event: a whole event can be made from the keys."""
        editor = self.editor
        if editor is None or not editor.spans:
            return
        order = sorted(editor.spans.values(), key=lambda s: (s.start, -s.end, s.id))
        current = self.current_annotation()
        if current and current[0] == "span":
            at = next(i for i, s in enumerate(order) if s.id == current[1]) + direction
        else:
            cursor = self.article.selection()
            offset = cursor[0] if cursor else self.article.cursor_offset()
            at = next((i for i, s in enumerate(order) if s.start >= offset), len(order))
            at = at if direction > 0 else at - 1
        span = order[at % len(order)]
        self._span_clicked(span.id)
        self.article.blockSignals(True)
        self.article.select_range(span.start, span.end)
        self.article.blockSignals(False)
        self._show_status()

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
            return self.current_span()
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
            guide = role_entry(self.schema, event.type, role.name) or role
            action.setToolTip(tooltip([described(role.name, guide.definition, guide.examples)]))
            action.setEnabled(fits or self.schema.type_check == "warn")
            action.triggered.connect(lambda _=False, r=role.name: self._run(
                lambda: editor.add_argument(event.id, r, span.id)))
        menu.setToolTipsVisible(True)
        menu.popup(QCursor.pos())

    def add_relation(self) -> None:
        current = self.current_annotation()
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
            guide = relation_entry(self.schema, relation.name) or relation
            action.setToolTip(tooltip([described(relation.name, guide.definition, guide.examples)]))
            action.setEnabled(fits or self.schema.type_check == "warn")
            action.triggered.connect(lambda _=False, t=relation.name: self._run(
                lambda: editor.add_relation(t, head.id, tail.id)))
        menu.setToolTipsVisible(True)
        menu.popup(QCursor.pos())

    def edit_attributes(self) -> None:
        current = self.current_annotation()
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
        current = self.current_annotation()
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
            # Isolated, so that Arabic inside an English line (and the reverse) keeps its order.
            quoted = f"{span.label} «{isolate(editor.text[span.start:span.end])}» {isolate(f'[{span.start}, {span.end})')}"
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
            else:
                self.article.put_span(span)
        if change.events or change.relations:  # their arcs
            self.article.viewport().update()
        for event_id, event in change.events.items():
            if event is not None:
                self._current_event = event_id
        if self.annotations.take(change):  # the panes follow once the article shows it
            self.article.after_next_paint(partial(self._list_changes, self.editor))
        self._exact = None
        self._update_undo()
        self._saved_colour("#2e7d32")
        self.status_saved.setText(self.tr("Saved") if not change.warnings else
                                  self.tr("Saved, with a warning: %1").replace("%1", "; ".join(change.warnings)))

    def _list_changes(self, editor: DocumentEditor | None) -> None:
        self.annotations.flush()
        if editor is not None:  # (its row, even if another document is open by now)
            # The status rule (new → in progress) ran in the write's transaction.
            self.documents.model.update(editor.id, spans=len(editor.spans), status=editor.status)

    def _failed(self, message: str, error: AnnotatorError | None = None) -> None:
        """Say why nothing was saved; the selection stays, so the analyst can try again. If the
        database had changed under the action, show it as it is now."""
        self._saved_colour("#c62828")
        self.status_saved.setText(self.tr("Not saved: %1").replace("%1", message))
        QApplication.beep()
        if isinstance(error, Stale | NotFound) and self.editor is not None:
            self.editor.outdated = True
            QTimer.singleShot(0, self.refresh_from_database)

    def _saved_colour(self, colour: str) -> None:
        sheet = f"color: {colour}"
        if self.status_saved.styleSheet() != sheet:  # (setting a style sheet re-styles the label: not on every save)
            self.status_saved.setStyleSheet(sheet)

    def _update_undo(self) -> None:
        history = self.editor.history if self.editor else None
        self.undo_action.setEnabled(bool(history and history.can_undo()))
        self.redo_action.setEnabled(bool(history and history.can_redo()))
        # The tooltip says what Ctrl+Z and Ctrl+Shift+Z would do ("add GPE", "delete Conflict.Attack").
        self.undo_action.setToolTip(self.tr("Undo %1").replace("%1", history.undo_text()) if history else "")
        self.redo_action.setToolTip(self.tr("Redo %1").replace("%1", history.redo_text()) if history else "")

