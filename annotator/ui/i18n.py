"""Interface language: English or Arabic, from preferences or else the system locale.

The `.ts` sources live in resources/translations/; `scripts/dev.sh` compiles them, and start-up
compiles a missing or stale `.qm` into the user's cache folder. With Arabic the whole window is
laid out right to left.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.core.resources import RESOURCES

log = logging.getLogger(__name__)
TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = {"system": "", "en": "English", "ar": "العربية"}


def chosen_language() -> str:
    """'en' or 'ar': the preference, or the system locale when it says 'system'."""
    preference = str(QSettings().value("language", "system"))
    if preference in ("en", "ar"):
        return preference
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def compiled(ts: Path) -> Path | None:
    """The .qm for a .ts: beside it if current (or alone: a bundle ships only the .qm), else
    compiled into the cache folder."""
    beside = ts.with_suffix(".qm")
    if beside.exists() and (not ts.exists() or beside.stat().st_mtime >= ts.stat().st_mtime):
        return beside
    cached = Path(platformdirs.user_cache_dir("annotator", appauthor=False)) / beside.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    lrelease = Path(PySide6.__file__).with_name("lrelease")  # shipped inside the PySide6 package
    cached.parent.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(cached)], check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        log.warning("could not compile %s (%s); the interface stays in English", ts.name, e)
        return None
    return cached


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's own and the app's translations; returns them (they must stay referenced).
    English has a file too: its plural forms ("1 document", "2 documents")."""
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight)
    translators = []
    qt = QTranslator(app)
    if language != "en" and qt.load(
        QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        translators.append(qt)
    ts = TRANSLATIONS / f"annotator_{language}.ts"
    qm = compiled(ts) if ts.exists() else None
    own = QTranslator(app)
    if qm and own.load(str(qm)):
        translators.append(own)
    for translator in translators:
        app.installTranslator(translator)
    return translators
