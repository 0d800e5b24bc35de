"""When the database or the disk fails, nothing is half-written and the user is told."""

import errno
import sqlite3
from typing import Any

import pytest

from annotator.core.errors import StorageError
from annotator.formats import native
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from annotator.store.database import Database
from tests.conftest import GOLD, list_documents


def holding_a_write(url: str, document_id: int) -> Any:
    """Another program's connection in the middle of a write: SQLite's write lock, or on
    PostgreSQL the lock of the document's row that every write to it takes."""
    if url.startswith("sqlite"):
        other = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        return other
    import psycopg

    other = psycopg.connect(url.replace("+psycopg", ""))
    other.execute("UPDATE document_state SET version = version WHERE document_id = %s", (document_id,))
    return other


def test_a_click_while_another_program_writes_is_refused_then_works(db_url, ace):
    setup = Database.open(db_url)
    import_paths(setup, [GOLD])
    db = Database.open(db_url, busy_timeout=0.2)
    document = list_documents(db, corpus_id=open_corpus(db).id)[0]
    editor = DocumentEditor(db, schema=ace, annotator="tester", document_id=document.id)
    other = holding_a_write(db_url, document.id)  # another program in the middle of a write
    before = len(editor.spans)
    with pytest.raises(StorageError, match="busy with another program"):
        editor.add_span(0, 3, "PER")
    assert len(editor.spans) == before and not editor.history.can_undo()
    other.rollback()
    editor.add_span(0, 3, "PER")
    assert len(editor.spans) == before + 1


def test_a_full_disk_during_export_leaves_the_previous_file(db, tmp_path, monkeypatch):
    import_paths(db, [GOLD])
    out = tmp_path / "train.jsonl"
    out.write_text("the previous export\n", encoding="utf-8")
    written = []

    def full_disk(self, doc):
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(doc.uid)
        return b"{}\n"

    monkeypatch.setattr(native._Writer, "stored", full_disk)
    with pytest.raises(OSError, match="No space left"):
        export_corpus(db, out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if "train" in p.name] == ["train.jsonl"]  # no temporary left
