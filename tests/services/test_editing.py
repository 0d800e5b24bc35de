"""Editing a document: each action saved at once; undo and redo keep ids and links."""

import pytest

from annotator.core.errors import AnnotatorError, Conflict
from annotator.core.model import Status
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.importing import import_paths
from annotator.store.annotations import load_document
from tests.conftest import GOLD, list_documents, other_connection


@pytest.fixture
def editor(db, ace):
    import_paths(db, [GOLD])
    seed = next(d for d in list_documents(db, corpus_id=open_corpus(db).id) if d.uid.startswith("000_"))
    return DocumentEditor(db, schema=ace, annotator="tester", document_id=seed.id)


def rows(db, sql):
    with other_connection(db) as c:
        return c.execute(sql).fetchall()


def test_add_span_is_saved_at_once_with_exact_offsets(editor, db):
    start = editor.text.index("الجمعة")
    change = editor.add_span(start, start + 6, "TIME")
    [(span_id, span)] = change.spans.items()
    assert rows(db, f'SELECT start, "end", label FROM spans WHERE id = {span_id}') == [(start, start + 6, "TIME")]
    assert editor.spans[span_id] == span


def test_invalid_spans_are_refused(editor):
    with pytest.raises(AnnotatorError, match="outside the text"):
        editor.add_span(0, len(editor.text) + 1, "GPE")
    with pytest.raises(AnnotatorError, match="unknown label"):
        editor.add_span(0, 3, "CITY")
    existing = next(s for s in editor.spans.values() if s.annotator == "gold")
    editor.annotator = existing.annotator
    with pytest.raises(Conflict, match="already has"):
        editor.add_span(existing.start, existing.end, existing.label)


def test_deleting_a_span_in_use_is_refused_unless_cascading_and_undo_restores_links(editor, db):
    trigger_event = next(iter(editor.events.values()))
    attacker = next(a.span_id for a in trigger_event.arguments if a.role == "Attacker")
    relation_span = next(iter(editor.relations.values())).head_id
    before = (
        rows(db, "SELECT * FROM event_arguments ORDER BY id"),
        rows(db, "SELECT id, type, trigger_id FROM events ORDER BY id"),
    )
    with pytest.raises(Conflict, match="used by 1 event argument"):
        editor.delete_span(attacker)
    change = editor.delete_span(attacker, cascade=True)
    assert change.spans == {attacker: None}
    assert all(a.span_id != attacker for a in editor.events[trigger_event.id].arguments)
    editor.undo()
    assert (
        rows(db, "SELECT * FROM event_arguments ORDER BY id"),
        rows(db, "SELECT id, type, trigger_id FROM events ORDER BY id"),
    ) == before
    assert editor.events[trigger_event.id] == trigger_event
    editor.delete_span(relation_span, cascade=True)
    editor.undo()
    editor.redo()
    assert rows(db, f"SELECT count(*) FROM relations WHERE head_id = {relation_span}") == [(0,)]
    editor.undo()
    assert rows(db, f"SELECT count(*) FROM relations WHERE head_id = {relation_span}") == [(1,)]


def test_deleting_a_trigger_removes_its_event_and_undo_brings_it_back(editor, db):
    event = next(iter(editor.events.values()))
    editor.delete_span(event.trigger_id, cascade=True)
    assert rows(db, f"SELECT count(*) FROM events WHERE id = {event.id}") == [(0,)]
    editor.undo()
    reloaded = load_document(db, document_id=editor.id)
    assert reloaded.events[event.id] == event


def test_event_with_two_arguments_undo_and_redo(editor, db):
    text = editor.text
    trigger = next(iter(editor.add_span(text.index("بسطت"), text.index("بسطت") + 4, "Conflict.Attack").spans))
    rastan = next(s.id for s in editor.spans.values() if text[s.start : s.end] == "الرستن")
    opposition = text.index("فصائل المعارضة")
    attacker = next(iter(editor.add_span(opposition, opposition + len("فصائل المعارضة"), "ORG").spans))
    change = editor.add_event(
        "Conflict.Attack", trigger, (("Attacker", attacker), ("Place", rastan)), {"Polarity": "Positive"}
    )
    [(event_id, event)] = change.events.items()
    assert rows(db, f"SELECT role, span_id FROM event_arguments WHERE event_id = {event_id} ORDER BY id") == [
        ("Attacker", attacker),
        ("Place", rastan),
    ]
    editor.undo()
    assert rows(db, f"SELECT count(*) FROM events WHERE id = {event_id}") == [(0,)]
    editor.redo()
    assert load_document(db, document_id=editor.id).events[event_id] == event
    editor.remove_argument(event_id, "Place", rastan)
    assert [a.role for a in editor.events[event_id].arguments] == ["Attacker"]
    editor.undo()
    assert [a.role for a in editor.events[event_id].arguments] == ["Attacker", "Place"]


def test_wrong_type_for_a_role_is_a_warning_in_ace(editor):
    text = editor.text
    start = text.index("اتخذت")
    trigger = next(iter(editor.add_span(start, start + 5, "Contact.Meet").spans))
    time = next(s.id for s in editor.spans.values() if s.label == "TIME")
    change = editor.add_event("Contact.Meet", trigger, (("Entity", time),))
    assert change.warnings == ["Entity of Contact.Meet takes PER/ORG/GPE, not TIME"]


def test_relabel_and_status(editor, db):
    span = next(s for s in editor.spans.values() if s.label == "GPE")
    editor.update_span(span.id, subtype="Population-Center", attributes={"mention_level": "NOM"}, note="تحقق")
    assert rows(db, f"SELECT subtype, CAST(attributes AS TEXT), note FROM spans WHERE id = {span.id}") == [
        ("Population-Center", '{"mention_level":"NOM"}', "تحقق")
    ]
    editor.undo()
    assert rows(db, f"SELECT subtype, note FROM spans WHERE id = {span.id}") == [(span.subtype, None)]
    trigger = next(iter(editor.events.values())).trigger_id
    with pytest.raises(Conflict, match="must stay"):
        editor.update_span(trigger, label="GPE")
    editor.set_status(Status.REVIEWED)
    assert rows(db, f"SELECT status FROM documents WHERE id = {editor.id}") == [("reviewed",)]
