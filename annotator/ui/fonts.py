"""The bundled Arabic font (Noto Sans Arabic, OFL, from the fontpkg-noto-sans-arabic package).

Without an Arabic-capable font Qt draws empty boxes and says nothing, so the app loads its own
at start-up and puts it first for article text and second (after the system's) for the
interface.
"""

from __future__ import annotations

import logging

import fontpkg_noto_sans_arabic
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
ARABIC_FAMILY = fontpkg_noto_sans_arabic.FAMILY
LATIN_FALLBACK = "DejaVu Sans"
# Emoji in articles, titles and names (news text has them): Debian's fonts-noto-color-emoji,
# which scripts/dev.sh installs; without it Qt draws them as empty boxes.
EMOJI_FALLBACK = "Noto Color Emoji"


def load_fonts(app: QApplication) -> str | None:
    """Register the bundled font; returns its family, or None (logged) if it failed."""
    families: list[str] = []
    for path in sorted(fontpkg_noto_sans_arabic.ROOT.rglob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if ARABIC_FAMILY not in families:
        log.warning("could not load the bundled Arabic font from %s", fontpkg_noto_sans_arabic.ROOT)
        return None
    interface = app.font()
    interface.setFamilies([interface.family(), ARABIC_FAMILY, LATIN_FALLBACK, EMOJI_FALLBACK])
    app.setFont(interface)
    return str(ARABIC_FAMILY)


def article_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies([ARABIC_FAMILY, LATIN_FALLBACK, EMOJI_FALLBACK])
    font.setPointSizeF(point_size)
    return font
