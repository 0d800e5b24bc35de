"""The window's menus, keys and toolbar: every action in one place, named for tests and
automation (`actions_by_name`), each calling a method of the window, its gestures or its
navigator."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolButton

from annotator.core.find import Kind
from annotator.core.model import Status
from annotator.ui.document_list import status_name

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


def add(
    window: MainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    *keys: QKeySequence | QKeySequence.StandardKey | str,
    name: str = "",
    checkable: bool = False,
) -> QAction:
    """An action in `menu` and on the window (its keys work anywhere in it), named for tests."""
    made = QAction(text, window)
    made.setObjectName(name or text)
    sequences = [QKeySequence(k) for k in keys]
    made.setShortcuts([k for i, k in enumerate(sequences) if not k.isEmpty() and k not in sequences[:i]])
    made.setCheckable(checkable)
    made.triggered.connect(lambda _=False: slot())
    menu.addAction(made)
    window.addAction(made)
    window.actions_by_name[made.objectName()] = made
    return made


def build(window: MainWindow) -> None:
    """The menus, their keys and the toolbar."""
    tr = window.tr  # the window's own: its translations are under "MainWindow"
    bar = window.menuBar()
    file = bar.addMenu(tr("&File"))
    add(window, file, tr("&Import…"), window.transfer.import_files, "Ctrl+I", name="import")
    add(window, file, tr("&Export…"), window.transfer.export_corpus, "Ctrl+Shift+E", name="export")
    file.addSeparator()
    add(
        window,
        file,
        tr("&Preferences…"),
        window.preferences,
        QKeySequence.StandardKey.Preferences,
        "Ctrl+,",
        name="preferences",
    )
    add(window, file, tr("&Quit"), window.close, QKeySequence.StandardKey.Quit, name="quit")

    edit = bar.addMenu(tr("&Edit"))
    window.undo_action = add(window, edit, tr("&Undo"), window.gestures.undo, "Ctrl+Z", name="undo")
    window.redo_action = add(window, edit, tr("&Redo"), window.gestures.redo, "Ctrl+Shift+Z", "Ctrl+Y", name="redo")
    edit.addSeparator()
    add(window, edit, tr("&Delete annotation"), window.gestures.delete_current, "Delete", name="delete")
    add(window, edit, tr("&Attributes, subtype and note…"), window.gestures.edit_attributes, "F2", name="attributes")
    add(window, edit, tr("&History of this annotation…"), window.show_history, "Ctrl+Shift+H", name="history")
    edit.addSeparator()
    window.gestures.exact_action = add(
        window,
        edit,
        tr("E&xact letters (do not snap to words)"),
        lambda: None,
        "Ctrl+Shift+X",
        name="exactLetters",
        checkable=True,
    )
    add(
        window,
        edit,
        tr("Strip leading &clitic (و ف ب ل ك س)"),
        window.gestures.strip_clitic,
        "Ctrl+K",
        name="stripClitic",
    )
    edit.addSeparator()
    for found in window.find_bar.actions_in(edit):
        window.actions_by_name[found.objectName()] = found
    add(
        window,
        edit,
        tr("Label all occurrences in the &corpus…"),
        partial(window.search_corpus, Kind.UNLABELLED),
        "Ctrl+Alt+Shift+A",
        name="labelAllCorpus",
    )
    add(window, edit, tr("&Search the corpus…"), window.search_corpus, "Ctrl+Shift+F", name="searchCorpus")

    annotate = bar.addMenu(tr("&Annotate"))
    for name, text, key, direction in (
        ("nextSpan", tr("Next span"), "Tab", 1),
        ("previousSpan", tr("Previous span"), "Shift+Tab", -1),
    ):
        step = add(window, annotate, text, partial(window.gestures.step_span, direction), key, name=name)
        step.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # text fields keep their Tab
        window.article.addAction(step)
    add(
        window,
        annotate,
        tr("Add &argument to the current event…"),
        window.gestures.add_argument,
        "Ctrl+G",
        name="addArgument",
    )
    add(
        window,
        annotate,
        tr("Add &relation from the current span…"),
        window.gestures.add_relation,
        "Ctrl+L",
        name="addRelation",
    )

    document = bar.addMenu(tr("&Document"))
    for status, key in zip(Status, ("Ctrl+Alt+1", "Ctrl+Alt+2", "Ctrl+Alt+3", "Ctrl+Alt+4")):
        add(
            window,
            document,
            tr("Mark as %1").replace("%1", status_name(status)),
            partial(window.navigator.set_status, status),
            key,
            name=f"status:{status.value}",
        )
    add(
        window,
        document,
        tr("Mark done and open the next unfinished"),
        window.navigator.done_and_next,
        "Ctrl+Return",
        name="doneAndNext",
    )
    document.addSeparator()
    add(
        window,
        document,
        tr("&Next document"),
        lambda: window.navigator.step_document(1),
        "Ctrl+PgDown",
        name="nextDocument",
    )
    add(
        window,
        document,
        tr("&Previous document"),
        lambda: window.navigator.step_document(-1),
        "Ctrl+PgUp",
        name="previousDocument",
    )
    add(
        window, document, tr("Next &unfinished document"), window.navigator.next_unfinished, "F8", name="nextUnfinished"
    )
    document.addSeparator()
    add(window, document, tr("Ad&judicate layers…"), window.adjudicate, "Ctrl+Shift+J", name="adjudicate")
    add(window, document, tr("&Give documents to annotators…"), window.assign_documents, name="assign")

    view = bar.addMenu(tr("&View"))
    add(window, view, tr("Zoom &in"), lambda: window.zoom(1), QKeySequence.StandardKey.ZoomIn, "Ctrl+=", name="zoomIn")
    add(window, view, tr("Zoom &out"), lambda: window.zoom(-1), QKeySequence.StandardKey.ZoomOut, name="zoomOut")
    add(window, view, tr("&Reset zoom"), lambda: window.zoom(0), "Ctrl+0", name="zoomReset")
    tags = add(
        window,
        view,
        tr("&Labels above spans"),
        lambda: window.article.set_show_tags(tags.isChecked()),
        "Ctrl+Shift+T",
        name="showTags",
        checkable=True,
    )
    tags.setChecked(True)
    add(window, view, tr("&Progress…"), window.show_progress, "Ctrl+Shift+P", name="progress")
    add(window, view, tr("&Agreement between annotators…"), window.show_agreement, "Ctrl+Shift+G", name="agreement")
    view.addSeparator()
    for dock in window.docks.values():
        view.addAction(dock.toggleViewAction())
    window.view_menu = view  # (a pane docked later is listed there too)

    help_ = bar.addMenu(tr("&Help"))
    add(window, help_, tr("&Keyboard shortcuts…"), window.show_shortcuts, "F1", name="shortcuts")

    toolbar = window.addToolBar(tr("Main"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    icons = QStyle.StandardPixmap
    for name, icon in (
        ("undo", icons.SP_ArrowBack),
        ("redo", icons.SP_ArrowForward),
        ("previousDocument", icons.SP_MediaSeekBackward),
        ("nextDocument", icons.SP_MediaSeekForward),
        ("nextUnfinished", icons.SP_MediaSkipForward),
        ("doneAndNext", icons.SP_DialogApplyButton),
        ("exactLetters", None),
        ("stripClitic", None),
    ):
        shown = window.actions_by_name[name]
        if icon is not None:
            shown.setIcon(window.style().standardIcon(icon))
        shown.setToolTip(f"{shown.text().replace('&', '')} ({shown.shortcut().toString()})")
        toolbar.addAction(shown)
    for name in ("exactLetters", "stripClitic"):  # no standard icon says this: keep their words
        button = toolbar.widgetForAction(window.actions_by_name[name])
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
