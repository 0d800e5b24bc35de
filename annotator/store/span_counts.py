"""Each document's span count, kept by the database in its narrow state row
(`document_state.spans`, beside the document's corpus), so that the corpus pane sorts a million
documents by span count from an index instead of counting ten million spans.

Triggers on `spans` keep it in step in the transaction of every write: an insert counts up, a
delete (one span, or a document's cascade) counts down. A bulk import writes a document's state
row after its spans, with their number (the triggers find no row to count up).
"""

from __future__ import annotations

from sqlalchemy import Connection

from annotator.store.triggers import create_trigger, drop_trigger

INDEX = "ix_document_state_corpus_id_spans"
_UP = "UPDATE document_state SET spans = spans + 1 WHERE document_id = NEW.document_id"
_DOWN = "UPDATE document_state SET spans = spans - 1 WHERE document_id = OLD.document_id"
TRIGGERS = {
    "spans_count_insert": ("AFTER INSERT", _UP),
    "spans_count_delete": ("AFTER DELETE", _DOWN),
    "spans_count_move": ("AFTER UPDATE OF document_id", f"{_DOWN}; {_UP}"),
}


def create(connection: Connection) -> None:
    for trigger, (when, body) in TRIGGERS.items():
        create_trigger(connection, trigger, when, "spans", body)


def fill(connection: Connection) -> None:
    """Each document's corpus and span count, for the documents already there."""
    connection.exec_driver_sql(
        "UPDATE document_state SET corpus_id = (SELECT corpus_id FROM documents WHERE id = document_state.document_id), "
        "spans = (SELECT count(*) FROM spans WHERE spans.document_id = document_state.document_id)"
    )


def drop(connection: Connection) -> None:
    for trigger in TRIGGERS:
        drop_trigger(connection, trigger, "spans")
