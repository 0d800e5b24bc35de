"""Making, changing and deleting annotations from the window: the label keys, the clitic key,
arguments and relations, attributes, delete, undo and redo, picking what is current (a click,
a double-click, the list, Tab), and how a refused action shows. `MainWindow` builds the panes
these act on and hands them over; this is what the analyst's gestures do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from annotator.core.errors import AnnotatorError, Conflict, NotFound, Stale
from annotator.core.schema import Schema
from annotator.core.text import snap_to_graphemes, snap_to_words, strip_proclitic
from annotator.core.views import Change, DocumentRef, SpanView
from annotator.services.editing import DocumentEditor
from annotator.services.open_document import OpenDocument
from annotator.services.search import Hit
from annotator.ui.annotation_list import AnnotationList
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import AttributesDialog
from annotator.ui.guidelines import described, relation_entry, role_entry
from annotator.ui.plain import isolate, message_box, tooltip
from annotator.ui.status_line import StatusLine


class Gestures(QObject):
    """What the keys, the palette and clicks do to the open document, given the panes they act
    on. Every write goes through the open document (`OpenDocument.run`): the panes hear what
    changed; a refused one says why on the status line, and is followed by a reload when the
    database had changed under it."""

    exact_action: QAction  # "Exact letters" (made with the menus)

    def __init__(
        self,
        window: QMainWindow,
        document: OpenDocument,
        *,
        schema: Schema,
        article: ArticleView,
        annotations: AnnotationList,
        status: StatusLine,
        refresh: Callable[[], None],
        focus_moved: Callable[[], None],
    ) -> None:
        """`refresh`: take in other processes' changes; `focus_moved`: show what is current now."""
        super().__init__(window)
        self.window, self.document, self.focus, self.schema = window, document, document.focus, schema
        self.article, self.annotations, self.status = article, annotations, status
        self._refresh, self._focus_moved = refresh, focus_moved

    @property
    def editor(self) -> DocumentEditor | None:
        return self.document.editor

    def current_annotation(self) -> tuple[str, int] | None:
        """What Delete, F2 and Ctrl+L act on: the annotation just made, else the one picked (by
        a click on the text or in the list); None if it is no longer in the open document."""
        return self.focus.current(self.editor)

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
        if self.exact_action.isChecked() or selection == self.focus.exact:
            start, end = snap_to_graphemes(text, *selection)
        else:
            start, end = snap_to_words(text, *selection)
        return (start, end) if start < end else None

    def apply_label(self, label: str) -> None:
        """The label key or palette button (the key model of docs/user-guide.md): label the
        selection; with none, relabel the span at the caret (the current one if several are
        there, else the only one), never one out of view; otherwise nothing, saying why. A
        selection of exactly the current span's letters (picking it in the list or by Tab selects
        them) relabels it: a second span of another label on the same letters is not what was meant."""
        editor = self.editor
        if editor is None:
            return
        target = self.target_range()
        event_type = self.schema.event(label)
        self.focus.last_label = label
        span = self.current_span()
        if target is not None and (event_type or span is None or (span.start, span.end) != target):
            start, end = target
            add = editor.add_trigger if event_type else editor.add_span
            change = self.run(lambda: add(start, end, label))
            if change is not None:
                new = next((i for i, span in change.spans.items() if span is not None), None)
                if new is not None:  # what was just made is what Delete, F2 and Ctrl+L act on
                    self.focus.made_span(new)
                self.article.collapse_selection()  # the new colour shows, not the selection
            return
        if event_type:
            self.status.say(self.tr("Select the trigger's text first."), 4000)
            return
        if target is None:
            span = self.span_at_caret()
        if span is not None:
            self.run(lambda: editor.update_span(span.id, label=label, subtype=None))

    def span_at_caret(self) -> SpanView | None:
        """The span a label key relabels when nothing is selected: at the caret (on the letter
        after it or before it), the current span if it is one of those, else the only one; None
        (and the status line says why) if there is none, several, or it is out of view."""
        offset = self.article.cursor_offset()
        under = {s.id: s for at in (offset, offset - 1) if at >= 0 for s in self.article.spans_at(at)}
        current = self.current_span()
        if current is not None and current.id in under:
            span = current
        elif len(under) == 1:
            [span] = under.values()
        else:
            self.status.say(
                self.tr("Select some text first.")
                if not under
                else self.tr("%n spans at the caret: pick one (click it, or Tab) first.", "", len(under)),
                5000,
            )
            return None
        if not self.article.in_view(span.start, span.end):
            self.status.say(self.tr("The span at the caret is out of view: scroll to it, or select some text."), 5000)
            return None
        return span

    def label_occurrences(self, ranges: list[tuple[int, int]], query: str) -> None:
        """Give every found occurrence the label of the current span (else the last label
        applied), skipping those that have it already: one transaction, one undo entry."""
        editor = self.editor
        if editor is None:
            return
        label = self.label_at_hand()
        if label is None or self.schema.entity(label) is None:
            self.status.say(
                self.tr(
                    "Pick a span with an entity label (or apply one) first: label "
                    "all gives its label to every occurrence."
                ),
                6000,
            )
            return
        have = {(s.start, s.end) for s in editor.spans.values() if s.label == label}
        todo = [r for r in ranges if r not in have]
        if not todo:
            self.status.say(
                self.tr("Every occurrence of %1 is labelled %2 already.")
                .replace("%1", isolate(query))
                .replace("%2", label),
                6000,
            )
            return
        if self.run(lambda: editor.add_spans(todo, label)) is not None:
            self.status.say(
                self.tr("Labelled %n more occurrence(s) of %1 as %2 (Ctrl+Z undoes this).", "", len(todo))
                .replace("%1", isolate(query))
                .replace("%2", label),
                8000,
            )

    def current_span(self) -> SpanView | None:
        """The current annotation, when it is a span."""
        current = self.current_annotation()
        return (
            self.editor.spans.get(current[1]) if self.editor is not None and current and current[0] == "span" else None
        )

    def label_at_hand(self) -> str | None:
        """What "label all" gives: the current span's label, else the label applied last."""
        span = self.current_span()
        return span.label if span is not None else self.focus.last_label

    def label_hits(self, hits: list[Hit], label: str) -> bool:
        """Label occurrences found by the corpus search, in every document at once: one
        transaction (each document checked against the text the hit was found in), one undo
        entry on the current document's history."""
        by_document: dict[DocumentRef, list[tuple[int, int]]] = {}
        for hit in hits:
            by_document.setdefault(DocumentRef(hit.document_id, hit.sha256), []).append((hit.start, hit.end))
        if self.run(lambda: self.document.label_across(list(by_document.items()), label)) is None:
            return False
        self.focus.last_label = label
        self.status.say(
            self.tr("Labelled %n occurrence(s) as %1 in %2 document(s) (Ctrl+Z undoes this).", "", len(hits))
            .replace("%1", label)
            .replace("%2", isolate(str(len(by_document)))),
            8000,
        )
        self._refresh()
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
        self.span_clicked(span.id)
        self.article.blockSignals(True)
        self.article.select_range(span.start, span.end)
        self.article.blockSignals(False)
        self._focus_moved()

    def strip_clitic(self) -> None:
        target = self.target_range()
        if target is None or self.editor is None:
            return
        start, end = strip_proclitic(self.editor.text, *target)
        self.focus.exact = (start, end)
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
        if editor is None or self.focus.event is None or self.focus.event not in editor.events:
            self.status.say(self.tr("Choose an event first (click its trigger or pick it in the list)."), 6000)
            return
        event = editor.events[self.focus.event]
        span = self.span_for_selection()
        if span is None or span.id == event.trigger_id:
            self.status.say(self.tr("Select a marked span to add as an argument."), 6000)
            return
        menu = QMenu(self.window)
        event_type = self.schema.event(event.type)
        for role in event_type.roles if event_type else ():
            fits = not role.types or span.label in role.types
            text = role.name if fits else f"{role.name}  ⚠ {'/'.join(role.types)}"
            action = menu.addAction(text)
            guide = role_entry(self.schema, event.type, role.name) or role
            action.setToolTip(tooltip([described(role.name, guide.definition, guide.examples)]))
            action.setEnabled(fits or self.schema.type_check == "warn")
            action.triggered.connect(
                lambda _=False, r=role.name: self.run(lambda: editor.add_argument(event.id, r, span.id))
            )
        menu.setToolTipsVisible(True)
        self.article.select_range(span.start, span.end)  # in view, and shown as the span the role is for
        menu.popup(self.article.point_below(span.start))  # at the span, not the mouse pointer

    def add_relation(self) -> None:
        current = self.current_annotation()
        editor = self.editor
        if editor is None or not current or current[0] != "span":
            self.status.say(self.tr("Choose the head span first (click it or pick it in the list)."), 6000)
            return
        head = editor.spans[current[1]]
        tail = self.span_for_selection()
        if tail is None or tail.id == head.id:
            self.status.say(self.tr("Select the tail span of the relation."), 6000)
            return
        menu = QMenu(self.window)
        for relation in self.schema.relation_types:
            fits = (not relation.head or head.label in relation.head) and (
                not relation.tail or tail.label in relation.tail
            )
            action = menu.addAction(relation.name if fits else f"{relation.name}  ⚠")
            guide = relation_entry(self.schema, relation.name) or relation
            action.setToolTip(tooltip([described(relation.name, guide.definition, guide.examples)]))
            action.setEnabled(fits or self.schema.type_check == "warn")
            action.triggered.connect(
                lambda _=False, t=relation.name: self.run(lambda: editor.add_relation(t, head.id, tail.id))
            )
        menu.setToolTipsVisible(True)
        self.article.select_range(tail.start, tail.end)  # in view, and shown as the tail
        menu.popup(self.article.point_below(tail.start))  # at the tail span, not the mouse pointer

    def edit_attributes(self) -> None:
        """F2: the current annotation's subtype, attributes and note; on a trigger, its event's
        (Modality, Polarity, Genericity, Tense: what an event's trigger is picked for)."""
        current = self.current_annotation()
        if self.editor is None or current is None:
            return
        kind, id_ = current
        editor = self.editor
        event_of = next((e.id for e in editor.events.values() if e.trigger_id == id_), None) if kind == "span" else None
        if event_of is not None:
            kind, id_ = "event", event_of
        if kind == "span":
            span = editor.spans[id_]
            dialog = AttributesDialog(
                self.schema, kind, span.label, span.subtype, span.attributes, span.note, self.window
            )
            update: Callable[..., Change] = editor.update_span
        elif kind == "event":
            event = editor.events[id_]
            dialog = AttributesDialog(self.schema, kind, event.type, None, event.attributes, None, self.window)
            update = editor.update_event
        else:
            relation = editor.relations[id_]
            dialog = AttributesDialog(self.schema, kind, relation.type, None, relation.attributes, None, self.window)
            update = editor.update_relation
        if dialog.exec():
            fields = dialog.result_fields()
            self.run(lambda: update(id_, **fields))

    def delete_current(self) -> None:
        """Delete what the analyst sees (the key model): with a selection, the span on exactly
        its letters (never a neighbour the selection only touches); without one, the event or
        relation picked in the list, else the span at the caret as a label key finds it (the
        one just made or clicked, never one out of view)."""
        editor = self.editor
        if editor is None:
            return
        target = self.target_range()
        current = self.current_annotation()
        if target is not None:
            exact = [s for s in editor.spans.values() if (s.start, s.end) == target]
            span = next((s for s in exact if current == ("span", s.id)), exact[0] if len(exact) == 1 else None)
            if span is None:
                self.status.say(
                    self.tr("No span is on exactly the selected letters: select a span's letters, or click it.")
                    if not exact
                    else self.tr("%n spans on these letters: pick one in the list first.", "", len(exact)),
                    5000,
                )
                return
            current = ("span", span.id)
        elif current is None or current[0] == "span":
            span = self.span_at_caret()
            if span is None:
                return
            current = ("span", span.id)
        kind, id_ = current
        if kind == "event":
            self.run(lambda: editor.delete_event(id_))
        elif kind == "relation":
            self.run(lambda: editor.delete_relation(id_))
        else:
            span = editor.spans[id_]
            # Isolated, so that Arabic inside an English line (and the reverse) keeps its order.
            quoted = (
                f"{span.label} «{isolate(editor.text[span.start : span.end])}» {isolate(f'[{span.start}, {span.end})')}"
            )
            try:
                done = self.run(lambda: editor.delete_span(id_), refused=Conflict)
            except Conflict as e:
                box = message_box(
                    self.window,
                    self.tr("Delete %1?\n\n%2\n\nDelete them together with the span?")
                    .replace("%1", quoted)
                    .replace("%2", str(e)),
                    icon=QMessageBox.Icon.Question,
                    title=self.tr("Delete span"),
                )
                box.setObjectName("confirmDelete")
                box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
                if box.exec() != QMessageBox.StandardButton.Yes:
                    return
                done = self.run(lambda: editor.delete_span(id_, cascade=True))
            if done is not None:
                self.status.say(self.tr("Deleted %1 (Ctrl+Z brings it back)").replace("%1", quoted), 6000)

    def undo(self) -> None:
        self.run(self.document.undo)

    def redo(self) -> None:
        self.run(self.document.redo)

    # -- what is current ------------------------------------------------------------------
    def span_clicked(self, span_id: int) -> None:
        """A click on a span (without selecting): it is current, and if it is a trigger, so is
        its event."""
        self.focus.click(span_id, self.editor)
        self.annotations.select("span", span_id)
        self._focus_moved()

    def double_clicked(self) -> None:
        """A double-click selects a word (the tail of a relation, an argument): its first click
        must not have changed the current span or event."""
        if not self.focus.undo_click():
            return
        current = self.focus.current(self.editor)
        if current is not None:
            self.annotations.select(*current)
        else:
            self.annotations.clear_current()
        self._focus_moved()

    def annotation_chosen(self, kind: str, id_: int) -> None:
        """A row picked in the annotations list: current, and its span selected in the text."""
        editor = self.editor
        if editor is None:
            return
        self.focus.pick((kind, id_), editor)
        if kind == "event":
            span = editor.spans.get(editor.events[id_].trigger_id)
        elif kind == "relation":
            span = editor.spans.get(editor.relations[id_].head_id)
        else:
            span = editor.spans.get(id_)
        if span is not None:
            self.article.blockSignals(True)
            self.article.select_range(span.start, span.end)
            self.article.blockSignals(False)
        self._focus_moved()

    # -- carrying out ---------------------------------------------------------------------
    def run(self, action: Callable[[], Change | None], *, refused: type[AnnotatorError] | None = None) -> Change | None:
        """Carry out an action on the open document (the panes hear what changed). A refusal
        says why (one of type `refused` is the caller's to answer); if another process had
        written meanwhile, the document is reloaded."""
        try:
            change = self.document.run(action)
        except AnnotatorError as e:
            if refused is not None and isinstance(e, refused):
                raise
            self._failed(str(e), e)
            return None
        if self.editor is not None and self.editor.outdated:  # another process wrote in between
            QTimer.singleShot(0, self._refresh)
        return change

    def _failed(self, message: str, error: AnnotatorError | None = None) -> None:
        """Say why nothing was saved; the selection stays, so the analyst can try again. If the
        database had changed under the action, show it as it is now."""
        self.status.failed(message)
        if isinstance(error, Stale | NotFound) and self.editor is not None:
            self.editor.outdated = True
            QTimer.singleShot(0, self._refresh)
