"""The open document is the one source of truth for what a window shows: a pane that follows
its notices alone (no reads of its own) always holds what the database holds, through actions,
undo, redo, another process's writes and a curator's reload; and what the keys act on (the
focus) follows it."""

from collections import Counter

import pytest

from annotator.core.model import Status
from annotator.services.corpora import open_corpus
from annotator.services.importing import import_paths
from annotator.services.open_document import Changed, Notice, OpenDocument, Origin, Shown
from annotator.services.workspace import Workspace
from tests.conftest import GOLD, list_documents, other_connection


class LabelCounts:
    """A toy pane: how many spans of each label the open document has, kept from notices only."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.heard: list[tuple[str, Origin]] = []

    def follow(self, notice: Notice) -> None:
        if isinstance(notice, Shown):
            self.counts = Counter(s.label for s in notice.editor.spans.values())
            self.heard.append(("shown", notice.origin))
            return
        for span_id, span in notice.change.spans.items():
            old = notice.before.get(span_id)
            if old is not None:
                self.counts[old.label] -= 1
            if span is not None:
                self.counts[span.label] += 1
        self.heard.append(("changed", notice.origin))


@pytest.fixture
def opened(db):
    import_paths(db, [GOLD])
    corpus = open_corpus(db)
    seed = next(d for d in list_documents(db, corpus_id=corpus.id) if d.uid.startswith("000_"))
    document = OpenDocument(Workspace(db, corpus=corpus, annotator="tester"))
    pane = LabelCounts()
    document.subscribe(pane.follow)
    document.open(seed.id)
    return document, pane


def stored_counts(db, document_id):
    with other_connection(db) as c:
        return Counter(
            {
                label: n
                for label, n in c.execute(
                    "SELECT label, COUNT(*) FROM spans WHERE document_id = ? GROUP BY label", (document_id,)
                ).fetchall()
            }
        )


def test_a_pane_following_the_notices_holds_what_the_database_holds(opened, db):
    document, pane = opened
    editor = document.editor
    assert pane.heard == [("shown", Origin.OPEN)]
    start = editor.text.index("الجمعة")
    document.run(lambda: editor.add_span(start, start + 6, "TIME"))
    gpe = next(s for s in editor.spans.values() if s.label == "GPE")
    document.run(lambda: editor.update_span(gpe.id, label="LOC", subtype=None))
    document.label_across([(editor.ref, [(0, 3)])], "ORG")
    document.undo()
    document.redo()
    document.undo()
    assert pane.counts + Counter() == stored_counts(db, editor.id)
    assert [origin for _, origin in pane.heard[1:]] == [Origin.EDIT] * 3 + [Origin.UNDO, Origin.REDO, Origin.UNDO]

    with other_connection(db) as c:  # another program relabels a span
        c.execute("UPDATE spans SET label = 'PER' WHERE id = ?", (gpe.id,))
        c.execute("UPDATE document_state SET version = version + 1 WHERE document_id = ?", (editor.id,))
        c.execute("UPDATE corpus_state SET version = version + 1")
    assert document.refresh().current
    assert pane.heard[-1] == ("shown", Origin.ELSEWHERE)
    assert pane.counts + Counter() == stored_counts(db, editor.id)
    document.reload(Origin.CURATOR)
    assert pane.heard[-1] == ("shown", Origin.CURATOR) and pane.heard[-1][1] is not Origin.OPEN


def test_the_notices_name_the_spans_replaced_and_workflow_moves_are_heard(opened):
    document, _ = opened
    editor = document.editor
    heard: list[Changed] = []
    stop = document.subscribe(lambda n: heard.append(n) if isinstance(n, Changed) else None)
    span = next(iter(editor.spans.values()))
    document.run(lambda: editor.update_span(span.id, label="FAC", subtype=None))
    assert heard[-1].before == {span.id: span} and heard[-1].change.spans[span.id].label == "FAC"
    status = Status.NEW if editor.status is Status.DONE else Status.DONE
    document.set_status(status)
    assert heard[-1].change.status is status
    stop()
    document.set_status(Status.IN_PROGRESS)
    assert len(heard) == 2  # (stopped listening)


def test_the_focus_follows_what_is_made_picked_and_shown(opened, ace):
    document, _ = opened
    editor, focus = document.editor, document.focus
    assert focus.current(editor) is None
    start = editor.text.index("الجمعة")
    change = document.run(lambda: editor.add_trigger(start, start + 6, ace.event_types[0].name))
    [trigger] = [i for i, s in change.spans.items() if s is not None]
    [event] = list(change.events)
    focus.made_span(trigger)
    assert focus.event == event and focus.current(editor) == ("span", trigger)

    other = next(s for s in editor.spans.values() if s.id != trigger)
    focus.click(other.id, editor)  # the first click of a double-click on another word ...
    assert focus.current(editor) == ("span", other.id)
    assert focus.undo_click()  # ... changes nothing
    assert focus.current(editor) == ("span", trigger) and focus.event == event

    focus.pick(("span", trigger), editor)
    document.run(lambda: editor.delete_span(trigger, cascade=True))
    assert focus.current(editor) is None  # gone: nothing is current, nothing is acted on
    focus.exact = (start, start + 2)
    document.open(editor.id)
    assert (focus.current(editor), focus.event, focus.exact) == (None, None, None)
