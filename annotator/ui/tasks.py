"""One runner for long work (import, export) off the main thread.

Modelled on Anki's CollectionOp: the work runs in a worker thread on its own database
connection; every exception it raises, of whatever kind, reaches the failure callback as one
line (the traceback goes to the log), and all callbacks run on the main thread: the worker's
signals reach a `Receiver` that lives there, so Qt queues them. The worker ends its thread
itself (a queued quit would wait for a main thread that may be blocked waiting for it), so
closing the window during work cancels it and waits without hanging.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.progress import Progress, Tick
from annotator.services.handles import Database

log = logging.getLogger(__name__)
Work = Callable[[Any, Progress], Any]  # (database, progress) -> result


def one_line(error: BaseException) -> str:
    """What the user reads of an error: its message on one line."""
    if isinstance(error, OSError):
        text = f"{error.filename + ': ' if error.filename else ''}{error.strerror or error}"
    elif isinstance(error, AnnotatorError):
        text = str(error)
    else:
        text = f"{type(error).__name__}: {error}"
    return " ".join(text.split()) or type(error).__name__


class Task(QObject):
    progress = Signal(object)  # a Tick
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, db_url: str, work: Work) -> None:
        super().__init__()
        self._db_url, self._work = db_url, work
        self.cancelled = threading.Event()

    def _progress(self, tick: Tick) -> None:
        if self.cancelled.is_set():
            raise Cancelled("cancelled; nothing was changed")
        self.progress.emit(tick)

    @Slot()
    def run(self) -> None:
        try:
            db = Database(self._db_url)  # the window opened (and checked) it already
            try:
                result = self._work(db, self._progress)
            finally:
                db.close()
        except BaseException as e:
            if not isinstance(e, AnnotatorError | OSError):
                log.error("background work failed", exc_info=e)
            self.failed.emit(one_line(e))
        else:
            self.finished.emit(result)
        finally:
            thread = QThread.currentThread()
            if thread is not None:
                thread.quit()


class Receiver(QObject):
    """Main-thread end of a task's signals. It also keeps the task object alive (nothing else
    references its Python wrapper) until the worker thread has finished."""

    def __init__(
        self,
        parent: QObject,
        task: Task,
        progress: Progress,
        done: Callable[[object], None],
        failed: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.task: Task | None = task
        self._progress, self._done, self._failed = progress, done, failed

    @Slot(object)
    def on_progress(self, tick: Tick) -> None:
        self._progress(tick)

    @Slot(object)
    def on_finished(self, result: object) -> None:
        self._done(result)

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self._failed(message)

    @Slot()
    def release(self) -> None:
        self.task = None
        self.deleteLater()


class Runner(QObject):
    """Starts background work and knows what is still running."""

    def __init__(self, parent: QObject, db_url: str) -> None:
        super().__init__(parent)
        self._db_url = db_url
        self._running: dict[QThread, Task] = {}

    def run(
        self, work: Work, *, progress: Progress, done: Callable[[object], None], failed: Callable[[str], None]
    ) -> Task:
        """Run `work` in a new thread; the callbacks run on the main thread."""
        task = Task(self._db_url, work)
        receiver = Receiver(self, task, progress, done, failed)
        thread = QThread(self)
        task.moveToThread(thread)
        task.progress.connect(receiver.on_progress)
        task.finished.connect(receiver.on_finished)
        task.failed.connect(receiver.on_failed)
        thread.started.connect(task.run)
        thread.finished.connect(receiver.release)
        thread.finished.connect(self._forget)
        thread.finished.connect(thread.deleteLater)
        self._running[thread] = task
        thread.start()
        return task

    @Slot()
    def _forget(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            self._running.pop(thread, None)

    def busy(self) -> bool:
        return any(thread.isRunning() for thread in self._running)

    def cancel_and_wait(self) -> None:
        """Cancel all work (an import's transaction rolls back, an export's temporary file goes)
        and wait for the threads to end."""
        for thread, task in list(self._running.items()):
            task.cancelled.set()
            thread.wait()
