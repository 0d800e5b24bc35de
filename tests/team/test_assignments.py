"""Assignments on both databases: documents given in turn with a share to two, each annotator's
own status moving with their work, a document done when all given it are, and the queue; in the
window, "My queue" lists them and next goes to the next unfinished one."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import orjson
import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.listing import DocumentQuery
from annotator.core.model import Status
from annotator.services.assignments import assign, assigned_to, next_in_queue, plan, queue
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.importing import import_paths
from annotator.store.document_pages import DocumentPages
from tests.conftest import ROOT, write_jsonl


@pytest.fixture
def corpus(db, tmp_path):
    lines = [orjson.dumps({"id": f"d{i:02}", "text": f"خبر رقم {i} عن دمشق وحلب"}).decode() for i in range(20)]
    import_paths(db, [write_jsonl(tmp_path / "twenty.jsonl", *lines)])
    return open_corpus(db).id


def test_a_plan_gives_each_document_once_and_a_share_twice():
    given = plan(list(range(100)), ["ali", "mona", "sami"], overlap=0.2, seed=3)
    times = Counter(d for documents in given.values() for d in documents)
    assert set(times) == set(range(100)) and Counter(times.values()) == {1: 80, 2: 20}
    assert sorted(len(d) for d in given.values()) == [40, 40, 40]  # 120 given, in turn
    assert plan(list(range(100)), ["ali", "mona", "sami"], overlap=0.2, seed=3) == given  # the seed decides
    with pytest.raises(AnnotatorError, match="share from 0 to 1"):
        plan([1], ["ali"], overlap=1.5)


def test_statuses_follow_each_annotators_work(db, ace, corpus):
    made = assign(db, corpus_id=corpus, annotators=["ali", "mona"], sample=10, overlap=0.5, seed=1)
    assert made == {"ali": 7, "mona": 8}  # 10 in turn, the first 5 also to the next one
    assert assign(db, corpus_id=corpus, annotators=["ali", "mona"], sample=10, overlap=0.5, seed=1) == {
        "ali": 0,
        "mona": 0,
    }  # the same again gives nothing new
    shared = next(
        i.document_id
        for i in queue(db, annotator="ali", corpus_id=corpus)
        if "mona" in assigned_to(db, document_id=i.document_id)
    )
    ali = DocumentEditor(db, schema=ace, annotator="ali", document_id=shared)
    ali.add_span(0, 3, "TIME")
    assert assigned_to(db, document_id=shared) == {"ali": Status.IN_PROGRESS, "mona": Status.NEW}
    ali.set_status(Status.DONE)
    assert ali.status is Status.IN_PROGRESS  # mona has not finished it
    mona = DocumentEditor(db, schema=ace, annotator="mona", document_id=shared)
    mona.set_status(Status.DONE)
    assert mona.status is Status.DONE
    assert assigned_to(db, document_id=shared) == {"ali": Status.DONE, "mona": Status.DONE}
    first = queue(db, annotator="ali", corpus_id=corpus)
    assert first[-1].document_id == shared and first[-1].status is Status.DONE  # done last
    following = next_in_queue(db, annotator="ali", corpus_id=corpus, after=shared)
    assert following == first[0].document_id and following != shared


def test_the_queue_listing_and_its_next(db, ace, corpus):
    assign(db, corpus_id=corpus, annotators=["ali", "mona"])
    mine = DocumentPages(db, DocumentQuery(corpus, assigned_to="ali"))
    ids = [mine.row(i).id for i in range(mine.count())]
    assert len(ids) == 10 and ids == [i.document_id for i in queue(db, annotator="ali", corpus_id=corpus)]
    DocumentEditor(db, schema=ace, annotator="ali", document_id=ids[1]).set_status(Status.DONE)
    assert mine.next_with_status(ids[0], [Status.NEW, Status.IN_PROGRESS]) == ids[2]  # ali's own status


def test_the_command_line_assigns_and_lists_a_queue(db, corpus):
    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "annotator", "--db", db.url, *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("assign", "--to", "ali", "--to", "mona", "--overlap", "0.2").splitlines() == [
        "ali: 12 new documents",
        "mona: 12 new documents",
    ]
    lines = run("queue", "--annotator", "mona", "--bidi", "never").splitlines()
    assert len(lines) == 12 and all(line.startswith("new ") for line in lines)


def test_my_queue_in_the_window(qtbot, db, corpus):
    from annotator.ui.main_window import MainWindow

    assign(db, corpus_id=corpus, annotators=["ali", "mona"])
    window = MainWindow(db, corpus=open_corpus(db), annotator="mona")
    qtbot.addWidget(window)
    window.show()
    pane = window.documents
    qtbot.waitUntil(lambda: pane.model.rowCount() == 20)
    pane.queue.setChecked(True)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 10)
    mine = {i.document_id for i in queue(db, annotator="mona", corpus_id=corpus)}
    assert {pane.model.index(r, 0).data(0x0100) for r in range(10)} <= mine | {None}


def test_giving_documents_from_the_window(qtbot, db, corpus):
    from PySide6.QtCore import Qt

    from annotator.ui.assign_dialog import SAMPLE, AssignDialog
    from annotator.ui.main_window import MainWindow
    from tests.ui.conftest import answer, focus

    window = MainWindow(db, corpus=open_corpus(db), annotator="cura")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 20)

    def give(dialog: AssignDialog) -> None:
        focus(qtbot, dialog)
        dialog.annotators.setText("ali، mona")  # (an Arabic comma separates as well)
        dialog.scope.setCurrentIndex(dialog.scope.findData(SAMPLE))
        dialog.sample.setValue(10)
        dialog.overlap.setValue(20)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    answer(AssignDialog, give)
    window.actions_by_name["assign"].trigger()
    given = {name: len(queue(db, annotator=name, corpus_id=corpus)) for name in ("ali", "mona")}
    assert given == {"ali": 6, "mona": 6}  # 10 in turn, 2 of them also to the other
    assert "New documents given:" in window.statusBar().currentMessage()

    def cancel(dialog: AssignDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer(AssignDialog, cancel)
    window.actions_by_name["assign"].trigger()
    assert {name: len(queue(db, annotator=name, corpus_id=corpus)) for name in ("ali", "mona")} == given
