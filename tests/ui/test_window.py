"""The window as a whole: names for automation, plain text, layout, import/export, screenshot."""

import sys

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QLabel, QMessageBox, QPlainTextEdit, QTextEdit

from annotator.core.model import Status
from annotator.formats.registry import WRITERS
from annotator.ui import create_main_window
from annotator.ui.dialogs import ImportDialog
from annotator.ui.export_dialog import ExportDialog
from tests.ui.conftest import answer, choose_files, double_click, open_uid, press, rows, visible_dialog, wait_dialog

HOSTILE = '<b>bold</b> <img src="http://example.invalid/x.png"> &amp; خبر'


def test_automation_names(window):
    for name in ("documentList", "articleView", "labelPalette", "annotationList"):
        widget = window.findChild(QApplication.instance().focusWidget().__class__.__mro__[-2], name)
        assert widget is not None, name
        assert widget.accessibleName()
    assert isinstance(window.article, (QTextEdit, QPlainTextEdit))
    assert window.findChild(QAction, "label:GPE").shortcut().toString() == "G"
    assert window.findChild(QAction, "label:Conflict.Attack") is not None


def test_article_is_right_to_left_and_right_aligned(window):
    option = window.article.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
    assert window.article.font().families()[0] == "Noto Sans Arabic"


def test_hostile_text_is_shown_literally_everywhere(qtbot, window, tmp_path):
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(
        orjson.dumps(
            {
                "id": "h",
                "text": HOSTILE + " في دمشق",
                "meta": {"title": HOSTILE, "source": HOSTILE},
            }
        )
        + b"\n"
    )
    from annotator.services.importing import import_paths

    import_paths(window.db, [path])
    window.navigator.reload_documents()
    text = open_uid(window, "h")
    assert window.title.textFormat() == Qt.TextFormat.PlainText and window.title.text() == HOSTILE
    assert HOSTILE in window.meta.text() and window.meta.textFormat() == Qt.TextFormat.PlainText
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in window.statusBar().findChildren(QLabel))
    model = window.documents.model
    row = next(r for r in range(model.rowCount()) if model.document(r).uid == "h")
    assert model.index(row, 0).data() == HOSTILE
    assert window.article.toPlainText().startswith("<b>bold</b>")
    start = text.index("دمشق")
    double_click(qtbot, window, start + 1)
    press(qtbot, window, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: window.annotations.topLevelItem(0).childCount() == 1)  # (once the article shows it)
    span_item = window.annotations.topLevelItem(0).child(0)
    assert "&lt;" not in span_item.text(0)
    from annotator.ui.plain import tooltip

    assert "<b>" not in tooltip([HOSTILE]) and "&lt;b&gt;" in tooltip([HOSTILE])


def test_document_model_passes_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.documents.model)


def test_filter_and_sort_the_corpus(qtbot, window):
    pane = window.documents
    pane.search.setText("مختلق")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 4)
    pane.search.clear()
    pane.status.setCurrentIndex(pane.status.findText("done"))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    pane.status.setCurrentIndex(0)
    pane.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    first = pane.model.index(0, 4).data()
    assert first == max(pane.model.document(r).spans for r in range(pane.model.rowCount()))


def test_layout_and_zoom_are_remembered(qtbot, db_url, window):
    press(qtbot, window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    size = window.article.font().pointSizeF()
    window.findChild(type(window.label_palette.parentWidget()), "paletteDock").hide()
    window.close()
    again = create_main_window(db_url)
    qtbot.addWidget(again)
    assert again.article.font().pointSizeF() == size > 16
    assert not again.findChild(type(window.label_palette.parentWidget()), "paletteDock").isVisibleTo(again)


def test_import_and_export_from_the_window_in_the_background(qtbot, window, tmp_path):
    source = tmp_path / "new.txt"
    source.write_text("عنوان جديد\nخبر جديد عن حلب", encoding="utf-8")
    before = window.documents.model.rowCount()
    answer(QFileDialog, choose_files(source))
    answer(ImportDialog, ImportDialog.accept)
    window.findChild(QAction, "import").trigger()
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == before + 1, timeout=10000)
    report = wait_dialog(qtbot, QMessageBox, "reportMessage")
    assert report.text() == "Imported 1 new document.\nAdded 0 spans in all."
    report.accept()
    out = tmp_path / "out.jsonl"
    answer(QFileDialog, choose_files(out))
    answer(ExportDialog, ExportDialog.accept)
    window.findChild(QAction, "export").trigger()
    qtbot.waitUntil(out.exists, timeout=10000)
    assert len(out.read_bytes().splitlines()) == before + 1
    wait_dialog(qtbot, QMessageBox, "reportMessage").accept()


def test_export_dialog_offers_every_format_with_its_options_and_shows_the_report(qtbot, window, tmp_path):
    out = tmp_path / "train.conll"
    offered = []

    def save_as_conll(dialog: QFileDialog) -> None:
        offered.extend(dialog.nameFilters())
        conll = next(f for f in dialog.nameFilters() if f.startswith("CoNLL IOB2"))
        dialog.selectNameFilter(conll)
        dialog.filterSelected.emit(conll)
        choose_files(out)(dialog)

    def split_clitics_done_only(dialog: ExportDialog) -> None:
        assert dialog.clitics.isVisibleTo(dialog) and dialog.nested.count() == 3  # CoNLL has layers
        dialog.clitics.setCurrentIndex(dialog.clitics.findData("split"))
        dialog.statuses[Status.DONE].setChecked(True)
        dialog.accept()

    answer(QFileDialog, save_as_conll)
    answer(ExportDialog, split_clitics_done_only)
    window.findChild(QAction, "export").trigger()
    report = wait_dialog(qtbot, QMessageBox, "reportMessage")
    assert [f.rsplit(" (", 1)[0] for f in offered] == [f.name for f in WRITERS]
    lines = report.text().splitlines()
    assert lines[0] == f"Exported 1 document to \u2068{out}\u2069"  # (isolated: it keeps its order in Arabic)
    assert any(line.startswith("spans: ") and "made exact by splitting a token" in line for line in lines)
    assert any(line.startswith("events: ") and "not written (CoNLL has no events)" in line for line in lines)
    assert report.textFormat() == Qt.TextFormat.PlainText
    report.accept()
    assert out.read_text(encoding="utf-8").startswith("-DOCSTART- -X- O O\n\nكشف\tO\n")


def test_cancelling_the_export_options_writes_nothing(qtbot, window, tmp_path):
    out = tmp_path / "never.jsonl"
    shown = []

    def cancel(dialog: ExportDialog) -> None:
        shown.append(dialog.clitics.isVisibleTo(dialog))  # not a token format: no clitic policy offered
        dialog.reject()

    answer(QFileDialog, choose_files(out))
    answer(ExportDialog, cancel)
    window.findChild(QAction, "export").trigger()
    qtbot.waitUntil(lambda: shown == [False], timeout=10000)
    assert not out.exists() and visible_dialog(QMessageBox) is None


def test_screenshot_shows_highlights(qtbot, window, tmp_path):
    open_uid(window, "000_bec74384df40613c")
    qtbot.wait(50)
    path = tmp_path / "window.png"
    assert window.grab().save(str(path)) and path.stat().st_size > 10_000
    image = window.article.viewport().grab().toImage()
    gpe = QColor(window.colors["GPE"])
    tinted = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if abs(image.pixelColor(x, y).blue() - image.pixelColor(x, y).red()) > 40
        and image.pixelColor(x, y).blue() > 200
        and gpe.blue() > gpe.red()
    )
    assert tinted > 50  # GPE spans painted in their blue


def test_an_unexpected_error_is_logged_and_shown(qtbot, tmp_path, monkeypatch):
    import platformdirs
    from PySide6.QtCore import QTimer

    from annotator.ui.app import report_unexpected_errors

    monkeypatch.setattr(platformdirs, "user_log_dir", lambda *a, **k: str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log = report_unexpected_errors()
    shown = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        shown.append((box.text(), box.textFormat()))
        box.accept()

    QTimer.singleShot(100, close_box)
    try:
        raise ValueError("<b>boom</b>")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "ValueError: <b>boom</b>" in log.read_text(encoding="utf-8")
    assert shown[0][0].startswith("Something went wrong: <b>boom</b>") and shown[0][1] == Qt.TextFormat.PlainText


def test_hovering_lists_every_label_at_that_place(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from tests.ui.conftest import letter_point, scroll_to

    text = open_uid(window, "000_bec74384df40613c")
    inside = text.index("بشار الأسد") + 2  # inside PER.Individual, itself inside the longer PER span
    scroll_to(window, inside)
    point = letter_point(window, inside)
    viewport = window.article.viewport()
    window.article.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    shown = QToolTip.text()
    assert "PER.Individual: رئيس النظام السوري بشار الأسد" in shown
    assert "PER.Individual: بشار الأسد" in shown
    QToolTip.hideText()


ANERCORP = "جون B-PERS\nسميث I-PERS\nزار O\nألمانيا B-LOC\nلحضور O\nكأس B-MISC\nالعالم I-MISC\n. O\n"


def test_importing_conll_with_labels_renamed_in_the_import_dialog(qtbot, window, tmp_path):
    source = tmp_path / "ANERCorp.txt"
    source.write_text(ANERCORP, encoding="utf-8")
    warned = []

    def rename(dialog: ImportDialog) -> None:
        dialog.mapping.setText("PERS")  # no "=": refused, and the dialog stays open to fix it
        answer(QMessageBox, lambda box: (warned.append(box.text()), box.accept()))
        dialog.accept()
        assert dialog.isVisible()
        dialog.mapping.setText("PERS=PER, LOC=GPE, MISC=")
        dialog.accept()

    before = window.documents.model.rowCount()
    answer(QFileDialog, choose_files(source))
    answer(ImportDialog, rename)
    window.findChild(QAction, "import").trigger()
    report = wait_dialog(qtbot, QMessageBox, "reportMessage")
    assert warned == ["'PERS': give OLD=NEW (or OLD= to leave OLD out)"]
    assert report.text() == "Imported 1 new document.\nAdded 2 spans in all."
    report.accept()
    assert window.documents.model.rowCount() == before + 1


def test_guidelines_on_hover_in_the_palette_and_in_their_pane(qtbot, window):
    org = window.findChild(QAction, "label:ORG")
    assert "الكرملين" in org.toolTip() and "An organisation" in org.toolTip()
    text = open_uid(window, "000_bec74384df40613c")
    start = text.index("الكرملين")
    span = next(s for s in window.editor.spans.values() if s.start == start)
    window.gestures.span_clicked(span.id)
    pane = window.guidelines
    assert pane.heading.text() == "ORG — Organization"
    assert pane.definition.text().startswith("An organisation:")
    assert pane.definition.textFormat() == Qt.TextFormat.PlainText
    dock = window.findChild(QDockWidget, "guidelineDock")
    assert window.tabifiedDockWidgets(dock) == [window.findChild(QDockWidget, "paletteDock")]
    attack = window.editor.spans[window.editor.events[min(window.editor.events)].trigger_id]
    window.gestures.span_clicked(attack.id)  # a trigger: its event type's entry lists the roles with theirs
    assert pane.heading.text().startswith("Conflict.Attack")
    assert "Roles:\nAttacker — Who carries out the attack.  (قصفت [القوات] الحي)" in pane.examples.text()
    assert pane.examples.textFormat() == Qt.TextFormat.PlainText
    assert window.colors["Conflict.Attack"] != window.colors["LOC"]  # distinct colours, also in the palette
    swatch = window.findChild(QAction, "label:Conflict.Attack").icon().pixmap(8, 8).toImage().pixelColor(4, 4)
    assert swatch.name() == window.colors["Conflict.Attack"]


def test_at_1280_by_800_the_corpus_pane_shows_titles_and_span_counts(qtbot, db_url, monkeypatch):
    from annotator.ui import window_layout

    monkeypatch.setattr(window_layout, "fit_to_screen", lambda window: None)  # the offscreen screen is 800×800
    win = create_main_window(db_url)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    assert (win.width(), win.height()) == (1280, 800)
    table = win.documents.table
    qtbot.waitUntil(lambda: table.viewport().width() >= 400)  # the first layout gives the pane a third
    viewport = table.viewport().width()
    spans_column = table.columnViewportPosition(4) + table.columnWidth(4)
    assert table.columnViewportPosition(4) >= 0 and spans_column <= viewport  # the count is in view
    assert table.columnWidth(0) >= 120  # about 20 Arabic letters of title, not 12
    assert win.documents.model.headerData(4, Qt.Orientation.Horizontal) == "Spans"
    title = table.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert title.startswith("<qt>")  # the whole title on hover, escaped


def test_who_made_each_annotation_shows_and_filters_the_list(qtbot, window, tmp_path):
    from annotator.ui.annotation_list import ANNOTATOR_ROLE

    open_uid(window, "000_bec74384df40613c")
    qtbot.waitUntil(lambda: window.annotator_filter.count() > 1)
    names = [window.annotator_filter.itemText(i) for i in range(window.annotator_filter.count())]
    assert names[0] == "All annotators" and len(names) >= 2
    start = window.editor.text.index("الجمعة")
    window.article.select_range(start, start + len("الجمعة"))
    window.gestures.apply_label("TIME")  # by "tester", the test user
    window.annotator_filter.refresh()
    tester = window.annotator_filter.findData("tester")
    assert tester > 0
    window.annotator_filter.setCurrentIndex(tester)
    items = [window.annotations._items[key] for key in window.annotations._items]
    shown = [i for i in items if not i.isHidden()]
    assert shown and all(i.data(0, ANNOTATOR_ROLE) == "tester" for i in shown)
    assert all(i.text(0).endswith("· \u2068tester\u2069") for i in shown)
    window.annotator_filter.setCurrentIndex(0)
    assert not any(i.isHidden() for i in items)
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    tree = window.annotations
    made = next(i for i in items if i.data(0, ANNOTATOR_ROLE) == "tester")
    tree.scrollToItem(made)
    point = tree.visualItemRect(made).center()
    QApplication.sendEvent(tree.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, tree.viewport().mapToGlobal(point)))
    assert QToolTip.isVisible() and "by tester" in QToolTip.text() and "الجمعة" in QToolTip.text()


def test_label_tags_sit_at_their_spans_first_letter_also_after_emoji(qtbot, window):
    from PySide6.QtGui import QTextCursor

    open_uid(window, "sample-meeting")  # two flag emoji (four astral characters) come first
    article = window.article
    tags = {t.span_id: t for t in article.tags()}
    spans = window.editor.spans
    assert set(tags) == set(spans)  # the whole short article is in view
    for span_id, tag in tags.items():
        cursor = QTextCursor(article.document())
        cursor.setPosition(article._offsets.to_utf16(spans[span_id].start))
        caret = article.cursorRect(cursor)
        assert tag.rect.top() == caret.top()  # on the span's own line
        assert tag.rect.right() <= caret.x() + 0.5  # from its first letter leftwards (right to left)
    first = min(spans.values(), key=lambda s: s.start)
    assert tags[first.id].rect.right() == pytest.approx(article.cursorRect(_cursor_at(article, first.start)).x())
    assert [t.text for t in article.tags() if t.trigger] == ["Meet"]  # Contact.Meet, drawn as a trigger
    assert all(not a.rect.intersects(b.rect) for a in tags.values() for b in tags.values() if a is not b)
    window.findChild(QAction, "showTags").trigger()
    assert not article.show_tags


def _cursor_at(article, offset):
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(article.document())
    cursor.setPosition(article._offsets.to_utf16(offset))
    return cursor


@pytest.mark.parametrize("uid", ["sample-meeting", "000_bec74384df40613c"])
def test_arcs_join_the_right_two_tags_also_across_lines_and_after_emoji(qtbot, window, uid):
    from annotator.ui.span_tags import short

    open_uid(window, uid)
    article = window.article
    tags = {t.span_id: t for t in article.tags()}
    arcs = article.arcs()
    editor = window.editor
    expected = {
        (e.trigger_id, a.span_id, a.role)
        for e in editor.events.values()
        for a in e.arguments
        if e.trigger_id in tags and a.span_id in tags
    }
    expected |= {
        (r.head_id, r.tail_id, r.type) for r in editor.relations.values() if r.head_id in tags and r.tail_id in tags
    }
    assert {(a.source, a.target, a.label) for a in arcs} == {(s, t, short(label)) for s, t, label in expected}
    for arc in arcs:
        assert arc.start.x() == tags[arc.source].rect.center().x() and arc.start.y() == tags[arc.source].rect.top()
        assert arc.end.x() == tags[arc.target].rect.center().x() and arc.end.y() == tags[arc.target].rect.top()
        assert arc.control.y() < min(arc.start.y(), arc.end.y())  # bends over the text
    if uid == "000_bec74384df40613c":
        assert any(a.start.y() != a.end.y() for a in arcs)  # an argument on another line than its trigger


def test_preferences_set_the_interface_font_size_and_a_dark_theme_at_once(qtbot, window):
    from annotator.ui import appearance
    from annotator.ui.dialogs import PreferencesDialog

    app = QApplication.instance()
    size, palette, style = app.font().pointSize(), app.palette(), app.style().name()

    def dark_and_larger(dialog: PreferencesDialog) -> None:
        dialog.font_size.setValue(13)
        dialog.dark.setChecked(True)
        dialog.accept()

    try:
        answer(PreferencesDialog, dark_and_larger)
        window.findChild(QAction, "preferences").trigger()
        assert app.font().pointSize() == 13
        assert app.palette().color(app.palette().ColorRole.Window).lightness() < 60
        qtbot.waitUntil(
            lambda: window.article.palette().color(window.article.palette().ColorRole.Base).lightness() < 60
        )
        assert appearance.saved() == (13, True)
    finally:  # the application is shared by the other tests
        font = app.font()
        font.setPointSize(size)
        app.setFont(font)
        app.setStyle(style)
        app.setPalette(palette)


def test_progress_charts_count_what_the_database_holds_and_save_as_png_and_svg(qtbot, window, db_url, tmp_path):
    from annotator.ui.progress import ProgressWindow

    window.findChild(QAction, "progress").trigger()
    progress = wait_dialog(qtbot, ProgressWindow)
    stats = progress.stats
    spans = dict(rows(db_url, "SELECT label, count(*) FROM spans GROUP BY label"))
    assert stats.spans_by_label == spans and sum(spans.values()) == 52
    assert stats.events_by_type == dict(rows(db_url, "SELECT type, count(*) FROM events GROUP BY type"))
    assert stats.documents_by_status == dict(rows(db_url, "SELECT status, count(*) FROM documents GROUP BY status"))
    made = rows(
        db_url, "SELECT (SELECT count(*) FROM spans) + (SELECT count(*) FROM events) + (SELECT count(*) FROM relations)"
    )[0][0]
    assert sum(stats.work_by_annotator.values()) == sum(stats.work_by_day.values()) == made
    assert progress.tabs.count() == 5
    progress.save(1, tmp_path / "spans.png")
    progress.save(4, tmp_path / "days.svg")
    assert (tmp_path / "spans.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "days.svg").read_bytes()[:400]
    progress.close()
    window.documents.status.setCurrentIndex(window.documents.status.findData(Status.DONE))  # the pane's filter
    window.findChild(QAction, "progress").trigger()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, ProgressWindow) and w.isVisible() and w is not progress
            for w in QApplication.topLevelWidgets()
        )
    )
    filtered = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ProgressWindow) and w.isVisible() and w is not progress
    )
    assert filtered.stats.documents_by_status == {"done": 1}
    assert (
        sum(filtered.stats.spans_by_label.values())
        == rows(
            db_url, "SELECT count(*) FROM spans s JOIN documents d ON d.id = s.document_id WHERE d.status = 'done'"
        )[0][0]
    )
    filtered.close()


def test_before_the_window_manager_frames_it_the_window_leaves_room_for_a_title_bar(qtbot, monkeypatch):
    """At 1280×800 under a window manager the status bar fell below the screen's edge: the window
    was fitted before the manager added its frame. Until the frame is known, room is kept for one."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMainWindow

    from annotator.ui import window_layout

    window = QMainWindow()
    qtbot.addWidget(window)
    room = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    window.resize(room.width() + 200, room.height() + 100)
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))  # (a real screen's)
    window_layout.fit_to_screen(window)
    frame = window_layout.FRAME_ESTIMATE
    assert window.width() <= room.width() - frame.width() and window.height() <= room.height() - frame.height()


def test_emoji_are_drawn_in_colour_not_as_boxes(qtbot, window):
    """News text has emoji (🔴, flags): the article's font falls back to the colour emoji font
    that scripts/dev.sh installs, so a red circle is drawn red."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from annotator.ui.fonts import EMOJI_FALLBACK, article_font

    font = article_font(32)
    assert EMOJI_FALLBACK in font.families()
    image = QImage(80, 80, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(10, 60, "🔴")
    painter.end()
    red = sum(
        1
        for x in range(80)
        for y in range(80)
        if (c := image.pixelColor(x, y)).red() > 180 and c.green() < 90 and c.blue() < 90
    )
    assert red > 100  # (a box, or a black outline, has none)
