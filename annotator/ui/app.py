"""Starting the application: names for settings, the bundled font, the interface language."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.ui.fonts import load_fonts
from annotator.ui.i18n import chosen_language, install_translations


def prepare(app: QApplication) -> None:
    """Once per application: settings names and the Arabic font."""
    if app.property("annotatorReady"):
        return
    QCoreApplication.setOrganizationName("annotator")
    QCoreApplication.setApplicationName("annotator")
    QCoreApplication.setApplicationVersion(__version__)
    load_fonts(app)
    app.setProperty("annotatorReady", True)


def check_screen() -> None:
    """Without a screen Qt's default platform aborts the process; say what to do instead."""
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise AnnotatorError("no screen to open the window on (DISPLAY is not set); on a machine without one, "
                             "run it under a virtual screen: xvfb-run -a annotator gui")


def run(db_url: str, *, corpus: str) -> int:
    """`annotator gui`: the window on `db_url`, in the chosen language, until it is closed."""
    check_screen()
    app = QApplication.instance() or QApplication(sys.argv)
    prepare(app)  # type: ignore[arg-type]
    app._translators = install_translations(app, chosen_language())  # type: ignore[attr-defined]
    from annotator.ui import create_main_window

    window = create_main_window(db_url, corpus=corpus)
    window.show()
    return app.exec()
