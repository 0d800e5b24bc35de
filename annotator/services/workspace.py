"""The open documents of one window, owned in one place (no Qt here).

A `Workspace` keeps an editor per recently opened document (each with its undo history), knows
which one is current, and notices what other processes changed: every write bumps a document's
and its corpus's change counters, so `refresh()` costs one indexed row when nothing changed.
After an import, or when another process wrote, editors whose text was replaced or removed are
dropped, and the others are reloaded before they are shown again: no editor ever writes offsets
computed on a text the database no longer holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator.core.errors import NotFound
from annotator.core.listing import DocumentQuery
from annotator.core.views import Change, DocumentRef, Stamp
from annotator.services.corpora import CorpusInfo, visible_layers
from annotator.services.editing import DocumentEditor
from annotator.store import annotations as store
from annotator.store.database import Database
from annotator.store.document_pages import DocumentPages

KEEP = 20  # editors kept with their undo histories


@dataclass(frozen=True)
class Refresh:
    documents: bool = False  # the list of documents (or their status and counts) changed
    current: bool = False  # the current document was reloaded with others' changes
    closed: bool = False  # the current document is gone (removed, or its text replaced and reopened)


class Workspace:
    def __init__(self, db: Database, *, corpus: CorpusInfo, annotator: str) -> None:
        self.db, self.corpus, self.annotator = db, corpus, annotator
        self.layers = visible_layers(db, annotator)
        self._editors: dict[int, DocumentEditor] = {}
        self.current: DocumentEditor | None = None
        self.corpus_version = store.corpus_version(db, corpus_id=corpus.id)
        self._corpus_outdated = False

    def listing(self) -> DocumentPages:
        """The corpus's documents as the corpus pane lists them, read a page at a time."""
        return DocumentPages(self.db, DocumentQuery(self.corpus.id))

    def open(self, document_id: int) -> DocumentEditor:
        """The editor of a document, made current: reloaded first if the database changed it."""
        editor = self._editors.pop(document_id, None)
        if editor is not None and self._fresh(editor) is False:
            editor = None
        if editor is None:
            editor = DocumentEditor(
                self.db,
                schema=self.corpus.schema,
                annotator=self.annotator,
                document_id=document_id,
                layers=self.layers,
            )
            editor.on_stamp = self._stamped
        self._editors[document_id] = editor  # most recent last
        while len(self._editors) > KEEP:
            self._editors.pop(next(iter(self._editors)))
        self.current = editor
        return editor

    def label_across(self, items: Sequence[tuple[DocumentRef, Sequence[tuple[int, int]]]], label: str) -> Change:
        """Label ranges in several documents at once (label all across the corpus): one
        transaction, each document checked against its text, and one undo entry, on the current
        document's history. Returns what changed in the current document."""
        items = [(replace(doc, by=self.annotator), list(ranges)) for doc, ranges in items if ranges]
        made = store.add_spans_in(
            self.db, schema=self.corpus.schema, items=items, label=label, annotator=self.annotator
        )
        views = [spans for spans, _ in made]
        ids = [[span.id for span in spans] for spans in views]
        editor = self.current

        def changed(stamps: Sequence[Stamp], removed: bool) -> Change:
            self._corpus_outdated = True  # the documents' span counts moved
            for (doc, _), stamp, spans in zip(items, stamps, views, strict=True):
                if editor is not None and doc.id == editor.id:
                    return editor.stamped(stamp, Change(doc.id, spans={s.id: None if removed else s for s in spans}))
            return Change(editor.id if editor is not None else 0)

        done = changed([stamp for _, stamp in made], False)
        if editor is None:
            return done

        def redo() -> Change:
            again = store.add_spans_in(
                self.db, schema=self.corpus.schema, items=items, label=label, annotator=self.annotator, span_ids=ids
            )
            return changed([stamp for _, stamp in again], False)

        def undo() -> Change:
            return changed(store.delete_spans_in(self.db, items=[(doc, i) for (doc, _), i in zip(items, ids)]), True)

        count = sum(len(i) for i in ids)
        return editor.record(f"label {count} × {label} in {len(items)} documents", done, redo, undo)

    def refresh(self, *, force: bool = False) -> Refresh:
        """Catch up with other processes' changes (and after an import, with `force`)."""
        version = store.corpus_version(self.db, corpus_id=self.corpus.id)
        outdated = self.current is not None and self.current.outdated
        if not force and not outdated and not self._corpus_outdated and version == self.corpus_version:
            return Refresh()
        current = self.current
        for document_id, editor in list(self._editors.items()):  # the others reload when reopened
            if editor is not current and self._fresh(editor, reload=False) is False:
                del self._editors[document_id]
        reloaded = closed = False
        if current is not None:
            state = self._fresh(current)
            if state is False:
                self._editors.pop(current.id, None)
                self.current = None
                closed = True
            elif state is None:
                reloaded = True
        documents = force or self._corpus_outdated or version != self.corpus_version
        self.corpus_version, self._corpus_outdated = version, False
        return Refresh(documents=documents, current=reloaded, closed=closed)

    def _fresh(self, editor: DocumentEditor, *, reload: bool = True) -> bool | None:
        """True if the editor is up to date (or, without `reload`, still on its text), None if
        it was reloaded now, False if its document is gone or holds another text (the editor
        must be dropped)."""
        state = store.document_version(self.db, document_id=editor.id)
        if state is None or state[0] != editor.document.sha256:
            return False
        if not reload or (state[1] == editor.version and not editor.outdated):
            return True
        try:
            editor.reload()
        except NotFound:
            return False
        return None

    def _stamped(self, stamp: Stamp) -> None:
        if stamp.corpus_after != self.corpus_version + 1:
            self._corpus_outdated = True
        self.corpus_version = stamp.corpus_after
