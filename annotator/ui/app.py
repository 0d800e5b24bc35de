"""Starting the application: names for settings, the bundled font, the interface language."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import socket
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QCoreApplication, QSocketNotifier, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.services.desktop import ICON
from annotator.ui import appearance
from annotator.ui.fonts import load_fonts
from annotator.ui.i18n import chosen_language, install_translations


def prepare(app: QApplication) -> None:
    """Once per application: settings names and the Arabic font."""
    if app.property("annotatorReady"):
        return
    QCoreApplication.setOrganizationName("annotator")
    QCoreApplication.setApplicationName("annotator")
    QCoreApplication.setApplicationVersion(__version__)
    app.setDesktopFileName("annotator")  # (the menu entry of `annotator desktop-entry`: its icon in task bars)
    app.setWindowIcon(QIcon(str(ICON)))
    load_fonts(app)
    app.setProperty("annotatorReady", True)


def check_screen() -> None:
    """Without a screen Qt's default platform aborts the process; say what to do instead."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        command = Path(sys.argv[0]) if Path(sys.argv[0]).name == "annotator" else Path("annotator")
        raise AnnotatorError(
            "no screen to open the window on (DISPLAY is not set); on a machine without one, "
            f"run it under a virtual screen: xvfb-run -a {command} gui"
        )


def report_unexpected_errors() -> Path:
    """A bug inside a click must not pass unseen: its traceback goes to a log file and a
    plain-text message names it. Work saved before stays saved: every action commits alone."""
    log = Path(platformdirs.user_log_dir("annotator", appauthor=False)) / "errors.log"

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            f.write("".join(traceback.format_exception(kind, error, trace)))
        if threading.current_thread() is not threading.main_thread():
            return  # widgets belong to the main thread; background work reports through its runner
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "annotator",
            QCoreApplication.translate("Errors", "Something went wrong: %1\n\nDetails are in %2")
            .replace("%1", str(error) or kind.__name__)
            .replace("%2", str(log)),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    sys.excepthook = hook
    return log


def spare_the_collector() -> None:
    """Before the event loop: what start-up made (modules, the window, its wrappers) lives as long
    as the process, so the cyclic collector stops scanning it (`gc.freeze`), and its young
    collections run every 10,000 objects instead of 700. Opening a 1 MB article with 10,000
    spans made tens of thousands of lasting objects and set off a full collection of the whole
    heap each time: 60 ms of a 140 ms open, for nothing found. Objects freed by their counts
    are freed as before; only cycles wait longer."""
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def close_on_termination(app: QApplication) -> tuple[socket.socket, socket.socket]:
    """SIGTERM (a logout, a service manager, `kill`) and Ctrl+C in the terminal close the windows
    as their close buttons do: background work cancelled, layout and place remembered, exit
    status 0. Python runs a signal's handler only when it has control, which Qt's event loop
    seldom gives it; the signal's number written to a socket wakes the loop instead. Set before
    the window is built: a signal during start-up closes it once it is up."""
    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: None)  # (the wake-up byte does the work)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        with contextlib.suppress(BlockingIOError):
            reader.recv(64)
        app.closeAllWindows()

    notifier.activated.connect(woken)
    return reader, writer  # (the caller keeps them open while the application runs)


def run(db_url: str, *, corpus: str) -> int:
    """`annotator gui`: the window on `db_url`, in the chosen language, until it is closed."""
    check_screen()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    report_unexpected_errors()
    prepare(app)
    wake = close_on_termination(app)
    translators = install_translations(app, chosen_language())  # kept referenced while the app runs
    size, dark = appearance.saved()
    if size is not None or dark:
        appearance.apply(app, size, dark)
    from annotator.ui import create_main_window

    window = create_main_window(db_url, corpus=corpus)
    window.show()
    spare_the_collector()
    code = app.exec()
    del translators, wake
    return code
