"""What the analyst's keys act on, kept in one place (no Qt here).

Delete, F2, Ctrl+L, Ctrl+G and a label key with nothing selected act on the *current*
annotation: the one just made, else the one picked (a click on a span, a row of the
annotations list, Tab). Ctrl+G adds to the *current event*: the one just made, picked, or whose
trigger was clicked. A selection narrowed on purpose (the clitic key) is *exact*: it is stored
as it is, not snapped to whole words. The window shows this state; the panes and the gestures
ask it, and it is reset whenever another document (or the same one reloaded) is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.views import Change
from annotator.services.editing import DocumentEditor

Key = tuple[str, int]  # ("span" | "event" | "relation", id)


@dataclass
class Focus:
    made: Key | None = None  # the annotation just made: current until another is picked
    picked: Key | None = None  # picked by a click, in the list, or by Tab
    event: int | None = None  # the current event
    exact: tuple[int, int] | None = None  # a selection narrowed on purpose: not snapped
    last_label: str | None = None  # the label applied last: what "label all" gives with no span picked
    # What was current before a click on a span: a double-click (selecting a word) undoes that click.
    _before_click: tuple[Key | None, Key | None, int | None] | None = None

    def current(self, editor: DocumentEditor | None) -> Key | None:
        """The annotation the keys act on; None if it is no longer in the open document."""
        key = self.made or self.picked
        if editor is None or key is None:
            return None
        kind, id_ = key
        held = editor.spans if kind == "span" else editor.events if kind == "event" else editor.relations
        return key if id_ in held else None

    def reset(self) -> None:
        """Another document, or this one as stored now: nothing in it is current yet."""
        self.made = self.picked = self.event = self.exact = None
        self._before_click = None

    def pick(self, key: Key, editor: DocumentEditor | None) -> None:
        """Picked in the list (or stepped to): current; an event or a trigger's event becomes
        the current event."""
        self.made, self.picked, self._before_click = None, key, None
        kind, id_ = key
        if kind == "event":
            self.event = id_
        elif kind == "span" and editor is not None:
            self.event = next((e.id for e in editor.events.values() if e.trigger_id == id_), self.event)

    def click(self, span_id: int, editor: DocumentEditor | None) -> None:
        """A click on a span: picked, remembering what was current in case it was the first
        click of a double-click."""
        before = (self.made, self.picked, self.event)
        self.pick(("span", span_id), editor)
        self._before_click = before

    def undo_click(self) -> bool:
        """A double-click selected a word (the tail of a relation, an argument): its first click
        must not have changed what is current. True if it had."""
        if self._before_click is None:
            return False
        made, picked, self.event = self._before_click
        self._before_click = None
        self.made, self.picked = made or picked, picked
        return True

    def took(self, change: Change) -> None:
        """After an action: an event it made or changed is the current event, and the selection
        it acted on is no longer narrowed."""
        for event_id, event in change.events.items():
            if event is not None:
                self.event = event_id
        self.exact = None

    def made_span(self, span_id: int) -> None:
        self.made, self._before_click = ("span", span_id), None  # (a click before it is no longer undone)
