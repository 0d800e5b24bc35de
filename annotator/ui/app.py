"""Starting the application: names for settings, the bundled font, the interface language."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from annotator import __version__
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


def run(db_url: str, *, corpus: str) -> int:
    """`annotator gui`: the window on `db_url`, in the chosen language, until it is closed."""
    app = QApplication.instance() or QApplication(sys.argv)
    prepare(app)  # type: ignore[arg-type]
    app._translators = install_translations(app, chosen_language())  # type: ignore[attr-defined]
    from annotator.ui import create_main_window

    window = create_main_window(db_url, corpus=corpus)
    window.show()
    return app.exec()
