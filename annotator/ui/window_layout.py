"""The window's size, pane layout and zoom: remembered between runs, fitted to the screen, and
on a first start laid out so the corpus pane shows titles and span counts."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QPlainTextEdit

DEFAULT_SIZE = (1400, 860)


def restore(window: QMainWindow, article: QPlainTextEdit) -> bool:
    """Geometry, dock layout and article zoom as last saved; True if no layout was saved yet."""
    settings = QSettings()
    geometry, state = settings.value("window/geometry"), settings.value("window/state")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    fit_to_screen(window)
    if state is not None:
        window.restoreState(state)
    size = settings.value("article/pointSize")
    if size is not None:
        font = article.font()
        font.setPointSizeF(float(size))
        article.setFont(font)
    return state is None


def first_layout(window: QMainWindow, corpus: QDockWidget, annotations: QDockWidget) -> None:
    """No layout saved yet: a third of the width for the corpus pane (titles and counts show)."""
    window.resizeDocks([corpus, annotations], [max(420, window.width() // 3), 250], Qt.Orientation.Horizontal)


# A window manager adds its frame only after the window is first shown: until then the frame is
# taken to be about this large (openbox, GNOME and KDE draw a title bar of 20-40 px).
FRAME_ESTIMATE = QSize(8, 40)


def fit_to_screen(window: QMainWindow) -> None:
    """Never larger than the screen's free area, frame and title bar included (at 1280×800 the
    status bar fell below the edge), nor off it. Called again once the frame is known."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    if frame.isEmpty() and QGuiApplication.platformName() not in ("offscreen", "minimal"):
        frame = FRAME_ESTIMATE
    width = min(window.width(), room.width() - frame.width())
    height = min(window.height(), room.height() - frame.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    if not room.contains(window.frameGeometry()):
        window.move(room.topLeft())


def save(window: QMainWindow, article: QPlainTextEdit) -> None:
    settings = QSettings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("article/pointSize", article.font().pointSizeF())
