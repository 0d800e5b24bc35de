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


def test_an_exports_counts_line_in_english_and_arabic_with_their_plural_forms(qapp):
    from pathlib import Path

    from annotator.services.exporting import ExportReport
    from annotator.ui.transfer import written_line

    report = ExportReport(
        Path("x.jsonl"), "jsonl", {"documents": 5, "spans": 100488, "events": 10000, "relations": 2, "sentences": 1}, []
    )
    translators = install_translations(qapp, "en")
    try:
        assert written_line(report) == "100488 spans, 10000 events, 2 relations, 1 sentence"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    translators = install_translations(qapp, "ar")
    try:  # 100488: the form for 11-99 (by its last two digits); 10000: for hundreds; 2: the dual
        assert written_line(report) == "100488 مقطعًا، 10000 حدث، علاقتان، جملة واحدة"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
