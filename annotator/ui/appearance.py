"""Interface font size and the dark theme (File → Preferences): saved in the settings, applied
at start-up and at once when changed. The article keeps its own size (View → Zoom)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

SIZES = range(8, 21)


def saved() -> tuple[int | None, bool]:
    """The interface point size (None: the system's) and whether the theme is dark."""
    settings = QSettings()
    size = settings.value("appearance/fontSize")
    return (int(size) if size not in (None, "") else None), settings.value("appearance/dark", "false") == "true"


def save(size: int | None, dark: bool) -> None:
    settings = QSettings()
    settings.setValue("appearance/fontSize", size if size is not None else "")
    settings.setValue("appearance/dark", "true" if dark else "false")


def apply(app: QApplication, size: int | None, dark: bool) -> None:
    if size is not None:
        font = QFont(app.font())
        font.setPointSize(size)
        app.setFont(font)
    app.setStyle("Fusion")  # the one style whose colours all come from the palette
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2b2b2b"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Highlight, "#3d6fb4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#353535"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#9a9a9a"),
        (roles.Link, "#8ab4f8"),
    ):
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#7a7a7a"))
    return palette
