"""The ways work was lost or misplaced through the window (issue 6), walked as a person does."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QMessageBox, QProgressDialog

from annotator.core.schema_files import load_schema
from annotator.services.corpora import open_database
from annotator.services.importing import import_paths
from annotator.services.workspace import Refresh
from annotator.ui import create_main_window
from annotator.ui.dialogs import ImportDialog
from tests.conftest import GOLD, ROOT
from tests.ui.conftest import (
    answer,
    choose_files,
    choose_from_popup,
    double_click,
    letter_point,
    mouse,
    open_uid,
    pick,
    press,
    rows,
    scroll_to,
    spans_by_tester,
    wait_dialog,
)

SEED = "000_bec74384df40613c"


def my_locks(path: Path) -> int:
    """POSIX locks this process holds on the file (Linux /proc/locks)."""
    inode = os.stat(path).st_ino
    return sum(
        1
        for line in Path("/proc/locks").read_text().splitlines()
        if f":{inode} " in line and f" {os.getpid()} " in line
    )


def test_browsing_the_database_folder_keeps_the_locks_and_the_wal(qtbot, window, db_url, tmp_path):
    db = Path(db_url.removeprefix("sqlite:///"))
    held = my_locks(db)
    assert held >= 1
    seen = []

    def browse_and_cancel(dialog: QFileDialog) -> None:
        dialog.setNameFilter("*")  # every file shown, as when a user types * in the name box
        dialog.setDirectory(str(tmp_path))  # the database is in this folder
        model = dialog.findChild(QFileSystemModel)
        index = model.index(str(db))
        # The file's type is what Qt used to read the file for: wait until it is shown.
        qtbot.waitUntil(
            lambda: model.index(str(db)).isValid() and model.data(model.index(str(db), 2)) not in (None, ""),
            timeout=5000,
        )
        seen.append((model.data(model.index(str(db), 2)), my_locks(db), index.isValid()))
        dialog.reject()

    for action in ("import", "export"):
        answer(QFileDialog, browse_and_cancel)
        window.findChild(QAction, action).trigger()
    assert [locks for _, locks, _ in seen] == [held, held]
    assert my_locks(db) == held
    # A second process on the same database must not take itself for the last one.
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), "stats"], capture_output=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert Path(f"{db}-wal").exists()
    window.activateWindow()  # back from the dialogs
    qtbot.waitUntil(window.isActiveWindow)
    text = open_uid(window, SEED)
    start = text.index("الجمعة")
    double_click(qtbot, window, start + 1)
    press(qtbot, window, Qt.Key.Key_T)
    with sqlite3.connect(db) as fresh:  # a fresh reader sees the window's write
        assert fresh.execute("SELECT count(*) FROM spans WHERE start = ? AND label = ?", (start, "TIME")).fetchone()[0]


def test_a_reimport_with_a_new_text_never_puts_a_span_on_the_wrong_letters(qtbot, db_url, tmp_path):
    article = tmp_path / "news.txt"
    article.write_text("العنوان\nقصف على حلب اليوم", encoding="utf-8")
    db = open_database(db_url)
    import_paths(db, [GOLD])
    import_paths(db, [article])
    window = create_main_window(db_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    text = open_uid(window, "news")
    aleppo = text.index("حلب")
    old_id = window.editor.id
    # Another process replaces the text (the document had no annotations yet), and the window
    # has not looked yet (its poll and activation check are held back here).
    article.write_text("العنوان\nخبر جديد تماما عن مدينة أخرى بعيدة", encoding="utf-8")
    report = import_paths(db, [article])
    assert list(report.updated) == ["news"]
    refresh = window.workspace.refresh
    window.workspace.refresh = lambda **_: Refresh()
    double_click(qtbot, window, aleppo + 1)  # the window still shows the old text
    press(qtbot, window, Qt.Key.Key_G)
    assert "Not saved: this document is no longer in the database" in window.status_line.saved.text()
    assert spans_by_tester(db_url) == []  # nothing on «ر ص» or any other letters
    window.workspace.refresh = refresh
    qtbot.waitUntil(lambda: window.editor is not None and window.editor.text.startswith("العنوان\nخبر"), timeout=5000)
    [(new_id,)] = rows(db_url, "SELECT id FROM documents WHERE uid = 'news'")
    assert new_id != old_id and window.editor.id == new_id  # ids are never handed out twice
    new_text = window.editor.text
    city = new_text.index("مدينة")
    double_click(qtbot, window, city + 1)
    press(qtbot, window, Qt.Key.Key_G)
    [(start, end, label)] = spans_by_tester(db_url)
    assert new_text[start:end] == "مدينة" and label == "GPE"
    db.close()


def test_delete_removes_the_span_just_made_and_quotes_it(qtbot, window, db_url):
    text = open_uid(window, SEED)
    qtbot.waitUntil(lambda: window.annotations.topLevelItem(0).childCount() > 0)
    friday = next(s for s in window.editor.spans.values() if s.label == "TIME")
    pick(qtbot, window, "span", friday.id)  # picked earlier in the list
    syria = text.index("سوريا")
    double_click(qtbot, window, syria + 1)
    press(qtbot, window, Qt.Key.Key_G)
    [(start, end, _label)] = spans_by_tester(db_url)
    assert text[start:end] == "سوريا"
    press(qtbot, window, Qt.Key.Key_Delete)
    assert spans_by_tester(db_url) == []
    assert rows(db_url, "SELECT label FROM spans WHERE id = ?", friday.id) == [("TIME",)]
    assert f"GPE «\u2068سوريا\u2069» \u2068[{start}, {end})\u2069" in window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert spans_by_tester(db_url) == [(start, end, "GPE")]


def test_closing_during_an_import_cancels_it_without_hanging(qtbot, db_url, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        (folder / f"{i:04}.txt").write_text(f"خبر رقم {i}", encoding="utf-8")
    window = create_main_window(db_url)
    qtbot.addWidget(window)
    window.show()
    before = window.documents.model.rowCount()
    answer(
        QFileDialog,
        lambda d: (
            d.setFileMode(QFileDialog.FileMode.Directory),
            d.setDirectory(str(folder)),
            d.selectFile(str(folder)),
            d.accept(),
        ),
    )
    answer(ImportDialog, ImportDialog.accept)
    window.findChild(QAction, "import").trigger()
    qtbot.waitUntil(window.transfer.runner.busy, timeout=5000)
    window.close()  # waits for the cancelled work: returns, does not hang
    assert not window.transfer.runner.busy()
    count = rows(db_url, "SELECT count(*) FROM documents")[0][0]
    assert count in (before, before + 3000)  # all or nothing


def test_an_unexpected_error_in_background_work_is_reported_in_one_line(qtbot, window, tmp_path, monkeypatch):
    import annotator.ui.transfer as transfer

    def broken(*_args, **_kwargs):
        raise ValueError("something unforeseen")

    monkeypatch.setattr(transfer, "import_paths", broken)
    source = tmp_path / "a.txt"
    source.write_text("خبر", encoding="utf-8")
    answer(QFileDialog, choose_files(source))
    answer(ImportDialog, ImportDialog.accept)
    window.findChild(QAction, "import").trigger()
    box = wait_dialog(qtbot, QMessageBox, "errorMessage")
    assert box.text() == "ValueError: something unforeseen"
    assert box.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: not window.transfer.runner.busy())
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))
    box.accept()


def test_two_windows_keep_each_others_changes(qtbot, window, db_url):
    other = create_main_window(db_url)
    qtbot.addWidget(other)
    other.show()
    text = open_uid(window, SEED)
    open_uid(other, SEED)
    span = next(s for s in window.editor.spans.values() if s.label == "GPE")
    pick(qtbot, window, "span", span.id)
    window.gestures.apply_label("LOC")  # relabel in the first window
    window.navigator.set_status(window.editor.status.__class__("done"))
    other.editor.update_span(span.id, note="تحقق")  # the second edits the note of the same span
    [(label, note)] = rows(db_url, "SELECT label, note FROM spans WHERE id = ?", span.id)
    assert (label, note) == ("LOC", "تحقق")  # neither write undid the other
    other.refresh_from_database()
    assert other.editor.spans[span.id].label == "LOC"
    model = other.documents.model
    assert model.document(model.row_of(other.editor.id)).status.value == "done"  # the list row too
    word = text.index("الجمعة")
    other.article.select_range(word, word + 6)
    other.gestures.apply_label("TIME")
    assert rows(db_url, "SELECT status FROM documents WHERE id = ?", window.editor.id) == [("done",)]
    window.refresh_from_database()
    assert any(s.start == word and s.label == "TIME" for s in window.editor.spans.values())


def test_a_write_refused_because_another_process_changed_the_row_says_so_and_reloads(qtbot, window, db_url):
    open_uid(window, SEED)
    span = next(s for s in window.editor.spans.values() if s.label == "GPE")
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as c:  # another program relabels it
        c.execute("UPDATE spans SET label = 'ORG' WHERE id = ?", (span.id,))
    pick(qtbot, window, "span", span.id)
    window.gestures.apply_label("LOC")
    assert "another window or program changed the label" in window.status_line.saved.text()
    assert rows(db_url, "SELECT label FROM spans WHERE id = ?", span.id) == [("ORG",)]
    qtbot.waitUntil(lambda: window.editor.spans[span.id].label == "ORG", timeout=5000)


def real_double_click(window, offset: int) -> None:
    """Press, release, press again as a double-click, release: what a mouse sends."""
    scroll_to(window, offset)
    viewport, point = window.article.viewport(), letter_point(window, offset)
    left = Qt.MouseButton.LeftButton
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, left),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
        (QEvent.Type.MouseButtonDblClick, left),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
    ):
        mouse(viewport, kind, point, buttons)
    QApplication.processEvents()


def test_a_relation_tail_picked_by_double_click(qtbot, window, db_url):
    open_uid(window, SEED)
    qtbot.waitUntil(lambda: window.annotations.topLevelItem(0).childCount() > 0)
    spans = sorted(window.editor.spans.values(), key=lambda s: s.start)
    head = next(s for s in spans if s.label == "PER")
    tail = next(s for s in spans if s.label == "GPE" and s.start > head.end)
    pick(qtbot, window, "span", head.id)
    real_double_click(window, tail.start + 1)  # its first click lands on the tail span
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    choose_from_popup(qtbot, "PHYS.Located")
    assert rows(
        db_url,
        "SELECT head_id, tail_id FROM relations r JOIN annotators a ON a.id = r.annotator_id WHERE a.name = 'tester'",
    ) == [(head.id, tail.id)]


def test_the_window_reopens_the_last_document_even_after_a_crash(qtbot, db_url):
    first = create_main_window(db_url)
    qtbot.addWidget(first)
    open_uid(first, SEED)
    wanted = first.editor.id
    again = create_main_window(db_url)  # no closeEvent: as after kill -9
    qtbot.addWidget(again)
    assert again.editor is not None and again.editor.id == wanted


def test_the_window_fits_the_screen(qtbot, db_url):
    window = create_main_window(db_url)
    qtbot.addWidget(window)
    window.show()
    room = window.screen().availableGeometry()  # 800×800 offscreen: smaller than xvfb-run's 1280×1024
    least = window.minimumSizeHint()  # below that, Qt keeps the window at its smallest layout
    frame = window.frameGeometry()
    assert frame.width() <= max(room.width(), least.width() + 8) and frame.height() <= max(
        room.height(), least.height() + 40
    )
    assert (window.width(), window.height()) != (1400, 860)  # the old fixed size is gone


def test_schema_text_is_never_rich_text(qtbot, tmp_path):
    schema = load_schema("ace2005").source
    hostile = '<img src="x.png"><b>bold</b>'
    schema["title"] = hostile
    schema["entity_types"][0]["title"] = hostile
    schema["attributes"][0]["name"] = "<i>mention</i>"
    import orjson

    path = tmp_path / "hostile.json"
    path.write_bytes(orjson.dumps(schema))
    url = f"sqlite:///{tmp_path / 'h.db'}"
    db = open_database(url)
    source = tmp_path / "a.txt"
    source.write_text("خبر عن حلب", encoding="utf-8")
    import_paths(db, [source], schema=str(path))
    db.close()
    window = create_main_window(url)
    qtbot.addWidget(window)
    first = schema["entity_types"][0]["name"]
    tip = window.findChild(QAction, f"label:{first}").toolTip()
    assert "&lt;img" in tip and "<img" not in tip
    from PySide6.QtWidgets import QLabel

    from annotator.ui.dialogs import AttributesDialog

    dialog = AttributesDialog(window.schema, "span", first, None, {}, None, window)
    labels = [label for label in dialog.findChildren(QLabel) if "mention" in label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    palette_labels = window.label_palette.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in palette_labels)


def test_a_poll_with_nothing_changed_leaves_the_corpus_list_where_the_user_put_it(qtbot, window):
    open_uid(window, SEED)  # the first row
    table = window.documents.table
    table.setFixedHeight(90)  # a few rows show: the list scrolls
    QApplication.processEvents()
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum())  # the analyst scrolls down to look at the list
    assert bar.value() > 0
    window.refresh_from_database()
    assert bar.value() == bar.maximum()
