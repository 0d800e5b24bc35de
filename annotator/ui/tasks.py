"""Long work (import, export) off the main thread, reporting progress back to it.

Each task opens its own database connection in its worker thread; widgets are only touched
from the main thread, through the signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

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

    def run(self) -> None:
        db = open_database(self._db_url)
        try:
            result = self._work(db, lambda done, total: self.progress.emit(done, total))
        except AnnotatorError as e:
            self.failed.emit(str(e))
        except OSError as e:
            self.failed.emit(f"{e.filename + ': ' if e.filename else ''}{e.strerror or e}")
        else:
            self.finished.emit(result)
        finally:
            db.close()


def start(parent: QObject, task: Task) -> QThread:
    """Run `task` in a new thread that ends (and is deleted) when the task does."""
    thread = QThread(parent)
    task.moveToThread(thread)
    thread.started.connect(task.run)
    task.finished.connect(thread.quit)
    task.failed.connect(thread.quit)
    thread.finished.connect(task.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread
