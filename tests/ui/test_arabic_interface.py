"""With Arabic chosen, every visible string is translated and the whole window mirrors."""

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.ui import create_main_window
from annotator.ui.i18n import chosen_language, install_translations


def test_arabic_interface_mirrors_the_window(qtbot, db_url):
    app = QApplication.instance()
    QSettings().setValue("language", "ar")
    assert chosen_language() == "ar"
    translators = install_translations(app, "ar")
    try:
        window = create_main_window(db_url)
        qtbot.addWidget(window)
        assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles == ["&ملف", "&تحرير", "&توسيم", "&مستند", "&عرض", "م&ساعدة"]
        assert window.documents.model.headerData(0, Qt.Orientation.Horizontal) == "العنوان"
        qtbot.waitUntil(lambda: window.annotations.topLevelItem(0).childCount() > 0)
        assert window.annotations.topLevelItem(0).text(0) == "المقاطع (19)"
        relations = window.annotations.topLevelItem(2)
        assert relations.childCount() and all(
            " ← " in relations.child(i).text(0) and " → " not in relations.child(i).text(0)
            for i in range(relations.childCount())
        )
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert chosen_language() in ("en", "ar")
