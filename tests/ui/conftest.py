"""Driving the real window: helpers that select text the way a person does."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.offsets import OffsetMap
from annotator.ui import create_main_window


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp):
    """The interface as `annotator gui` starts it in English: with its plural forms."""
    from annotator.ui.i18n import install_translations

    translators = install_translations(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def fresh_settings(qapp):
    """Each test starts without remembered layout, language or last document."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("annotator")
    QCoreApplication.setApplicationName("annotator")
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def window(qtbot, db_url):
    win = create_main_window(db_url)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def window_on(qtbot, db_url: str, *sources, size=(1280, 800)):
    """A window on a database holding the sample corpus and `sources`, shown at `size`."""
    from annotator.services.corpora import open_database
    from annotator.services.importing import import_paths
    from tests.conftest import GOLD

    db = open_database(db_url)
    import_paths(db, [GOLD, *sources])
    db.close()
    win = create_main_window(db_url)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    return win


def wait_until(condition, timeout_ms: int = 5000) -> None:
    """Process events until `condition()` holds (no fixed sleeps)."""
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        assert not deadline.hasExpired(), "timed out"
        QApplication.processEvents()


def open_uid(window, uid: str) -> str:
    model = window.documents.model
    doc = next(model.document(r) for r in range(model.rowCount()) if model.document(r).uid == uid)
    window.navigator.open_document(doc.id)
    QApplication.processEvents()
    window.article.viewport().update()
    wait_until(lambda: not window.article._after_paint)  # the annotations pane is filled after the first paint
    return window.editor.text


def scroll_to(window, offset: int) -> None:
    view = window.article
    cursor = QTextCursor(view.document())
    cursor.setPosition(OffsetMap(window.editor.text).to_utf16(offset))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    QApplication.processEvents()


def letter_point(window, offset: int) -> QPoint:
    """Viewport point in the middle of the letter at code point `offset`, where a person aims.

    Taken from the carets before and after it; at the start of a visual line the caret before
    a letter is drawn at the end of the line above, so the caret after it is used (in
    right-to-left text the letter lies just to its right)."""
    view = window.article
    offsets = OffsetMap(window.editor.text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offsets.to_utf16(offset))
    before = view.cursorRect(cursor)
    cursor.setPosition(offsets.to_utf16(offset + 1))
    after = view.cursorRect(cursor)
    x = (before.x() + after.x()) // 2 if before.y() == after.y() else after.x() + 3
    return QPoint(x, after.center().y())


def mouse(widget, kind: QEvent.Type, point: QPoint, buttons) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, QPointF(point), QPointF(widget.mapToGlobal(point)), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def drag(window, first: int, last: int) -> None:
    """Press the mouse on the letter at `first`, drag, and release on the letter at `last`."""
    scroll_to(window, first)
    a, b = letter_point(window, first), letter_point(window, last)
    viewport = window.article.viewport()
    mouse(viewport, QEvent.Type.MouseButtonPress, a, Qt.MouseButton.LeftButton)
    mouse(
        viewport, QEvent.Type.MouseMove, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2), Qt.MouseButton.LeftButton
    )
    mouse(viewport, QEvent.Type.MouseMove, b, Qt.MouseButton.LeftButton)
    mouse(viewport, QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton)
    QApplication.processEvents()


def double_click(qtbot, window, offset: int) -> None:
    """Double-click on the letter at `offset`."""
    scroll_to(window, offset)
    qtbot.mouseDClick(window.article.viewport(), Qt.MouseButton.LeftButton, pos=letter_point(window, offset))
    QApplication.processEvents()


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.article, key, modifiers)
    QApplication.processEvents()


def rows(db_url: str, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as c:
        return c.execute(sql, params).fetchall()


def spans_by_tester(db_url: str) -> list[tuple]:
    return rows(
        db_url,
        'SELECT s.start, s."end", s.label FROM spans s JOIN annotators a ON a.id = s.annotator_id '
        "WHERE a.name = 'tester' ORDER BY s.id",
    )


def choose_from_popup(qtbot, text: str) -> None:
    """Click the entry `text` of the menu that just popped up."""
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)
    menu = QApplication.activePopupWidget()
    action = next(a for a in menu.actions() if a.text().split()[0] == text)
    menu.setActiveAction(action)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    QApplication.processEvents()


def visible_dialog(kind: type, name: str | None = None):
    """The visible top-level dialog of this kind (and object name), if one is open."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible() and (name is None or widget.objectName() == name):
            return widget
    return None


def wait_dialog(qtbot, kind: type, name: str | None = None, timeout: int = 10000):
    """Wait until such a dialog is shown (a modal one runs its own loop: this waits inside it)."""
    qtbot.waitUntil(lambda: visible_dialog(kind, name) is not None, timeout=timeout)
    return visible_dialog(kind, name)


def focus(qtbot, window) -> None:
    """Make a window the active one, as a click on it would (its keys work only then)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


_answering: list = []


@pytest.fixture(autouse=True)
def no_answer_outlives_its_test():
    """A dialog answer armed by a test (`answer`) must have been used by its end: a timer left
    running would answer the next test's dialog."""
    yield
    left = list(_answering)
    for timer in left:
        timer.stop()
    _answering.clear()
    assert not left, "a dialog the test armed an answer for never showed"


def answer(kind: type, handle, name: str | None = None) -> None:
    """Handle the next dialog of this kind once it is shown. A modal dialog runs its own event
    loop, so the answer must come from inside that loop: a timer checks for the dialog (the
    condition), and calls `handle` with it as soon as it is there."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setInterval(10)

    def check() -> None:
        dialog = visible_dialog(kind, name)
        if dialog is not None:
            timer.stop()
            _answering.remove(timer)
            try:
                handle(dialog)
            finally:  # a handler that fails must not leave a modal dialog (and the test) hanging
                if dialog.isVisible():
                    dialog.reject()

    timer.timeout.connect(check)
    _answering.append(timer)
    timer.start()


def choose_files(*paths):
    """A handler for `answer` that picks these files in an open or save dialog."""
    from PySide6.QtWidgets import QLineEdit

    def handle(dialog) -> None:
        dialog.setDirectory(str(paths[0].parent))
        # Typed into the name box, as a person does: a selection made in code may be overtaken
        # by the dialog's own pending one while it loads the folder (seen under load).
        names = paths[0].name if len(paths) == 1 else " ".join(f'"{p.name}"' for p in paths)
        dialog.findChild(QLineEdit, "fileNameEdit").setText(names)
        dialog.accept()

    return handle


def pick(qtbot, window, kind: str, id_: int) -> None:
    """Pick an annotation's row in the annotations list with the mouse, as an analyst does."""
    from annotator.ui.annotation_list import KIND_ROLE

    annotations = window.annotations
    annotations.flush()
    item = next(
        i
        for i in annotations.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        if i.data(0, KIND_ROLE) == (kind, id_)
    )
    annotations.scrollToItem(item)
    qtbot.mouseClick(annotations.viewport(), Qt.MouseButton.LeftButton, pos=annotations.visualItemRect(item).center())
    assert window.focus.current(window.editor) == (kind, id_)
