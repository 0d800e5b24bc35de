"""The corpus search pane: hits in context across documents, opening one selects exactly its
letters, annotation searches, and label all across the corpus from the ticked preview as one
undoable action."""

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from annotator.services.search import Kind
from tests.ui.conftest import open_uid, rows, window_on

FIRST = "😀 قصفت الطائرات مدينةَ حمص أمس، ووصل النازحون من حـــمص إلى دمشق."
SECOND = "قال مسؤول في حمص إن الوضع هادئ. ووصل وفد إلى حمص اليوم."


@pytest.fixture
def window(qtbot, db_url, tmp_path):
    source = tmp_path / "homs.jsonl"
    source.write_bytes(
        b"".join(
            orjson.dumps(d) + b"\n"
            for d in (
                {
                    "id": "homs-1",
                    "text": FIRST,
                    "spans": [{"start": FIRST.index("حمص"), "end": FIRST.index("حمص") + 3, "label": "GPE"}],
                },
                {"id": "homs-2", "text": SECOND},
            )
        )
    )
    win = window_on(qtbot, db_url, source)
    open_uid(win, "homs-2")
    return win


def search(qtbot, window, text: str, kind: Kind = Kind.TEXT, label: str = ""):
    pane = window.search
    before = pane.result
    pane.kind.setCurrentIndex(pane.kind.findData(kind.value))
    if label:
        pane.label.setCurrentIndex(pane.label.findData(label))
    pane.search(text)
    qtbot.waitUntil(lambda: pane.result is not before and pane.result.query.text == text, timeout=10000)
    return pane.result


def test_search_lists_every_occurrence_in_context_and_opening_one_selects_its_letters(qtbot, window):
    window.findChild(QAction, "searchCorpus").trigger()
    assert window.docks["searchDock"].isVisible()
    result = search(qtbot, window, "حمص")
    found = [(h.uid, h.start, h.end) for h in result.hits]
    assert found == [("000_bec74384df40613c", *r) for r in _all("000_bec74384df40613c", "حمص", window)] + [
        ("homs-1", FIRST.index("حمص"), FIRST.index("حمص") + 3),
        ("homs-1", FIRST.index("حـــمص"), FIRST.index("حـــمص") + 6),  # tatweel inside: found whole
        ("homs-2", SECOND.index("حمص"), SECOND.index("حمص") + 3),
        ("homs-2", SECOND.rindex("حمص"), SECOND.rindex("حمص") + 3),
    ]
    assert result.complete and result.documents == 3
    assert window.search.summary.text().startswith("\u2068")  # "7 hits in 3 documents · n ms"
    for hit in result.hits:
        assert hit.context[hit.at : hit.at + hit.end - hit.start].replace("ـ", "") == "حمص"
    items = window.search.items()
    start = FIRST.index("حـــمص")
    second = next(
        i
        for i in items
        if i.data(0, Qt.ItemDataRole.UserRole).uid == "homs-1" and i.data(0, Qt.ItemDataRole.UserRole).start == start
    )
    window.search.results.itemClicked.emit(second, 2)
    assert window.editor.document.uid == "homs-1"
    assert window.article.selection() == (start, start + 6)  # after an emoji: code points, exact


def _all(uid, needle, window):
    from annotator.core.find import find_all

    text = rows(window.db.url, "SELECT text FROM documents WHERE uid = ?", uid)[0][0]
    return find_all(text, needle, letters=True)


def test_annotation_searches(qtbot, window):
    spans = search(qtbot, window, "حمص", Kind.SPANS, "GPE")
    assert [(h.uid, h.label) for h in spans.hits if h.uid.startswith("homs")] == [("homs-1", "GPE")]
    assert all(h.label == "GPE" and "حمص" in h.context for h in spans.hits)
    events = search(qtbot, window, "", Kind.EVENTS, "Conflict.Attack")
    stored = rows(window.db.url, "SELECT count(*) FROM events WHERE type = 'Conflict.Attack'")[0][0]
    assert len(events.hits) == stored and events.documents == len({h.document_id for h in events.hits})
    unlabelled = search(qtbot, window, "حمص", Kind.UNLABELLED)
    assert ("homs-1", FIRST.index("حمص")) not in [(h.uid, h.start) for h in unlabelled.hits]
    assert [(h.uid, h.start) for h in unlabelled.hits if h.uid.startswith("homs")] == [
        ("homs-1", FIRST.index("حـــمص")),
        ("homs-2", SECOND.index("حمص")),
        ("homs-2", SECOND.rindex("حمص")),
    ]


def test_label_all_across_the_corpus_labels_the_ticked_preview_and_one_undo_takes_it_back(qtbot, window, db_url):
    start = SECOND.index("حمص")
    window.article.select_range(start, start + 3)
    window.findChild(QAction, "labelAllCorpus").trigger()
    pane = window.search
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.query.kind is Kind.UNLABELLED, timeout=10000)
    assert pane.query.text() == "حمص" and pane.apply.isVisible()
    pane.label_as.setCurrentText("GPE")
    items = pane.items()
    assert items and all(i.checkState(0) == Qt.CheckState.Checked for i in items)
    sample = [i for i in items if i.data(0, Qt.ItemDataRole.UserRole).uid == "000_bec74384df40613c"]
    for item in sample:
        item.setCheckState(0, Qt.CheckState.Unchecked)  # rejected in the preview
    wanted = sorted((h.uid, h.start, h.end) for h in pane.ticked())
    before = rows(db_url, "SELECT count(*) FROM spans")[0][0]
    pane.apply.click()
    stored = sorted(
        rows(
            db_url,
            'SELECT d.uid, s.start, s."end" FROM spans s JOIN documents d ON d.id = s.document_id '
            "WHERE s.label = 'GPE' AND d.uid LIKE 'homs-%'",
        )
    )
    assert stored == sorted([*wanted, ("homs-1", FIRST.index("حمص"), FIRST.index("حمص") + 3)]) and len(wanted) == 3
    assert rows(db_url, "SELECT count(*) FROM spans")[0][0] == before + 3
    assert sorted((s.start, s.end) for s in window.editor.spans.values() if s.label == "GPE") == [
        (SECOND.index("حمص"), SECOND.index("حمص") + 3),
        (SECOND.rindex("حمص"), SECOND.rindex("حمص") + 3),
    ]
    qtbot.waitUntil(
        lambda: (
            pane.result.query.kind is Kind.UNLABELLED and not any(h.uid.startswith("homs") for h in pane.result.hits)
        ),
        timeout=10000,
    )  # searched again: they are labelled now
    assert window.undo_action.toolTip() == "Undo label 3 × GPE in 2 documents"
    window.findChild(QAction, "undo").trigger()
    QApplication.processEvents()
    assert rows(db_url, "SELECT count(*) FROM spans")[0][0] == before
    assert not any(s.label == "GPE" for s in window.editor.spans.values())
    window.findChild(QAction, "redo").trigger()
    assert rows(db_url, "SELECT count(*) FROM spans")[0][0] == before + 3


def test_a_long_list_stops_at_a_page_and_more_lists_twice_as_many(qtbot, window):
    first = search(qtbot, window, "ا")
    assert len(first.hits) == 200 and not first.complete and not window.search.more.isHidden()
    window.search.more.click()
    qtbot.waitUntil(lambda: window.search.result is not first, timeout=10000)
    second = window.search.result
    assert second.hits[:200] == first.hits and len(second.hits) > 200
    assert len(window.search.items()) == len(second.hits)
