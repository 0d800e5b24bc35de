"""The open document: the one source of truth for what the window shows (no Qt here).

The current document's editor holds its annotations; every pane that shows them (the
article, the annotations list, the corpus row, the status line) reads the editor and keeps
no copy. Panes subscribe here and hear two notices:

- `Shown`: another document is open, or this one was reloaded as stored now: read it whole;
- `Changed`: one action's change, exactly what changed, with the spans it replaced (so the
  article repaints only their lines).

Each notice says who started it (`Origin`), as Anki's `operation_did_execute` does: the status
line says "Saved" after a key and "Updated with changes saved by another window or program"
after a refresh. Every write goes through `run` (or `undo`, `redo`), so adding a pane means
subscribing one method; no action pushes changes to panes by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from annotator.core.model import Status
from annotator.core.views import Change, DocumentRef, SpanView
from annotator.services.editing import DocumentEditor
from annotator.services.focus import Focus
from annotator.services.workspace import Refresh, Workspace

T = TypeVar("T")


class Origin(Enum):
    OPEN = "open"  # the analyst opened the document
    EDIT = "edit"  # a key, a button, a menu
    UNDO = "undo"
    REDO = "redo"
    ELSEWHERE = "elsewhere"  # another window or program wrote: reloaded
    IMPORT = "import"  # an import from this window
    CURATOR = "curator"  # choices accepted into gold in the adjudication view


@dataclass(frozen=True)
class Shown:
    editor: DocumentEditor
    origin: Origin

    @property
    def reloaded(self) -> bool:
        """The same document as stored now: the panes keep the analyst's place."""
        return self.origin is not Origin.OPEN


@dataclass(frozen=True)
class Changed:
    editor: DocumentEditor
    change: Change
    before: dict[int, SpanView | None]  # the changed spans as they were (None: new)
    origin: Origin


Notice = Shown | Changed
Listener = Callable[[Notice], None]


class OpenDocument:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.focus = Focus()
        self._listeners: list[Listener] = []
        self._origin = Origin.EDIT

    @property
    def editor(self) -> DocumentEditor | None:
        return self.workspace.current

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Hear every notice, in the order subscribed; returns how to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # -- which document -------------------------------------------------------------------
    def open(self, document_id: int) -> DocumentEditor:
        """Make a document current and show it (reloaded first if the database changed it)."""
        editor = self.workspace.open(document_id)
        editor.on_change = self._heard
        self._show(editor, Origin.OPEN)
        return editor

    def refresh(self, *, origin: Origin = Origin.ELSEWHERE) -> Refresh:
        """Catch up with what other processes wrote (with `Origin.IMPORT`, after an import):
        the current document is shown again if it was reloaded; if it is gone (`closed`) there
        is no current document until the caller opens one."""
        refresh = self.workspace.refresh(force=origin is Origin.IMPORT)
        if refresh.current and self.editor is not None:
            self._show(self.editor, origin)
        return refresh

    def reload(self, origin: Origin) -> None:
        """Show the current document as stored now (after a curator accepted choices into it)."""
        editor = self.editor
        if editor is not None:
            editor.reload()
            self._show(editor, origin)

    # -- writes ---------------------------------------------------------------------------
    def run(self, action: Callable[[], T], origin: Origin = Origin.EDIT) -> T:
        """Carry out an action (a call of the current editor's); the panes hear what it changed,
        and who started it."""
        outer, self._origin = self._origin, origin
        try:
            return action()
        finally:
            self._origin = outer

    def undo(self) -> Change | None:
        editor = self.editor
        return self.run(editor.undo, Origin.UNDO) if editor and editor.history.can_undo() else None

    def redo(self) -> Change | None:
        editor = self.editor
        return self.run(editor.redo, Origin.REDO) if editor and editor.history.can_redo() else None

    def set_status(self, status: Status) -> Change | None:
        editor = self.editor
        return self.run(lambda: editor.set_status(status)) if editor else None

    def label_across(self, items: Sequence[tuple[DocumentRef, Sequence[tuple[int, int]]]], label: str) -> Change:
        """Label ranges in several documents at once: one transaction, one undo entry on the
        current document's history; the panes hear what changed in the current document."""
        return self.run(lambda: self.workspace.label_across(items, label))

    # -- notices --------------------------------------------------------------------------
    def _show(self, editor: DocumentEditor, origin: Origin) -> None:
        self.focus.reset()
        self._tell(Shown(editor, origin))

    def _heard(self, change: Change, before: dict[int, SpanView | None]) -> None:
        editor = self.editor
        if editor is None or change.document_id != editor.id:
            return  # (a write to a document kept in the workspace but not shown)
        self.focus.took(change)
        self._tell(Changed(editor, change, before, self._origin))

    def _tell(self, notice: Notice) -> None:
        for listener in list(self._listeners):
            listener(notice)
