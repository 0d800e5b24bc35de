"""The import and export progress dialog's line: documents, their rate and the time left."""

from PySide6.QtCore import Qt

from annotator.core.progress import Tick
from annotator.ui.i18n import install_translations
from annotator.ui.transfer import rate_line


def test_rate_and_time_left_in_english_and_arabic(qapp):
    translators = install_translations(qapp, "en")  # (the window tests' own translators are on top of these)
    try:
        assert rate_line(Tick(0, 1000, 0, 0.1)) == "0 documents · 0 a second"
        assert rate_line(Tick(500, 1000, 2000, 4.0)) == "2000 documents · 500 a second · about 4 seconds left"
        assert rate_line(Tick(100, 1000, 9000, 60.0)).endswith("· about 9 minutes left")
        assert rate_line(Tick(10, 1000, 2000, 40.0)).endswith("· about 1 h 6 min left")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    translators = install_translations(qapp, "ar")
    try:
        assert rate_line(Tick(500, 1000, 2000, 4.0)) == "2000 مستند · 500 في الثانية · بقي نحو 4 ثوانٍ"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
