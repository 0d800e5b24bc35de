"""An undo stack of plain commands: one user action = one command = one undo entry.

A command's `redo` and `undo` return whatever the caller wants to learn from them (the
services return the change to repaint). Nothing here knows about Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Command(Generic[T]):
    text: str
    redo: Callable[[], T]
    undo: Callable[[], T]


class UndoStack(Generic[T]):
    def __init__(self, limit: int = 1000) -> None:
        self._done: list[Command[T]] = []
        self._undone: list[Command[T]] = []
        self._limit = limit

    def push(self, command: Command[T]) -> None:
        """Record a command whose action has already been carried out."""
        self._done.append(command)
        del self._done[: -self._limit]
        self._undone.clear()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def undo(self) -> T:
        command = self._done[-1]
        result = command.undo()  # if this raises, the stack stays as it was
        self._undone.append(self._done.pop())
        return result

    def redo(self) -> T:
        command = self._undone[-1]
        result = command.redo()
        self._done.append(self._undone.pop())
        return result

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
