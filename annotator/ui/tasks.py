"""Long work (import, export) off the main thread, reporting progress back to it.

Each task opens its own database connection in its worker thread. Its signals reach a
`Receiver` that lives in the main thread, so Qt queues them there: widgets are only ever
touched on the main thread. (A plain lambda connected to a worker's signal would run in the
worker thread.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from annotator.core.errors import AnnotatorError
from annotator.services.corpora import open_database

Work = Callable[[Any, Callable[[int, int], None]], Any]  # (database, progress) -> result


class Task(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, db_url: str, work: Work) -> None:
        super().__init__()
        self._db_url, self._work = db_url, work

    @Slot()
    def run(self) -> None:
        try:
            db = open_database(self._db_url)
            try:
                result = self._work(db, lambda done, total: self.progress.emit(done, total))
            finally:
                db.close()
        except AnnotatorError as e:
            self.failed.emit(str(e))
        except OSError as e:
            self.failed.emit(f"{e.filename + ': ' if e.filename else ''}{e.strerror or e}")
        else:
            self.finished.emit(result)


class Receiver(QObject):
    """Main-thread end of a task's signals. It also keeps the task object alive (nothing else
    references its Python wrapper) until the worker thread has finished."""

    def __init__(self, parent: QObject, task: Task, progress: Callable[[int, int], None],
                 done: Callable[[object], None], failed: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.task: Task | None = task
        self._progress, self._done, self._failed = progress, done, failed

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self._progress(done, total)

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


def run_in_background(parent: QObject, db_url: str, work: Work, *, progress: Callable[[int, int], None],
                      done: Callable[[object], None], failed: Callable[[str], None]) -> QThread:
    """Run `work` in a new thread; the callbacks run on the main thread."""
    task = Task(db_url, work)
    receiver = Receiver(parent, task, progress, done, failed)
    thread = QThread(parent)
    task.moveToThread(thread)
    task.progress.connect(receiver.on_progress)
    task.finished.connect(receiver.on_finished)
    task.failed.connect(receiver.on_failed)
    thread.started.connect(task.run)
    task.finished.connect(thread.quit)
    task.failed.connect(thread.quit)
    thread.finished.connect(receiver.release)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread
