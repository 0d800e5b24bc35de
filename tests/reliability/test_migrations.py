"""Databases of every earlier revision open in the current version with their data and a backup;
a newer one, or a file that is not a database, is refused and left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from annotator.core.errors import AnnotatorError
from annotator.services.search import SearchQuery, search
from annotator.store import search_index
from annotator.store.database import MIGRATIONS, Database
from tests.reliability.conftest import ROOT
from tests.reliability.tally import TALLY

REVISIONS = [r.revision for r in reversed(list(ScriptDirectory(str(MIGRATIONS)).walk_revisions()))]


def filled(path: Path, revision: str) -> None:
    """A database at `revision` with a corpus, two documents, spans, an event and a relation."""
    old = Database(f"sqlite:///{path}")
    old.migrate(revision)
    with old.engine.begin() as c:
        run = c.exec_driver_sql
        run("INSERT INTO corpora (name, schema_name, schema_json) VALUES ('default', 'ace2005', '{}')")
        run("INSERT INTO annotators (name) VALUES ('ali')")
        texts = ("قصفت روسيا حلب", "خبر عن دمشق 🙂 اليوم")
        for i, text in enumerate(texts, 1):
            run(
                "INSERT INTO documents (id, corpus_id, uid, text, sha256, extra, status) "
                f"VALUES ({i}, 1, 'd{i}', '{text}', 'x{i}', '{{}}', 'new')"
            )
        if revision >= "0004":  # imports index the text since then
            search_index.add(c, enumerate(texts, 1))
        if revision >= "0003":  # what imports write beside each document since then
            columns = ", corpus_id" if revision >= "0007" else ""  # (and span counts, kept by triggers)
            run(
                f"INSERT INTO document_state (document_id, sha256, length{columns}) "
                f"SELECT id, sha256, length(text){columns} FROM documents"
            )
            run("INSERT INTO corpus_state (corpus_id) SELECT id FROM corpora")
        run(
            'INSERT INTO spans (id, document_id, start, "end", label, attributes, annotator_id) VALUES '
            "(1, 1, 5, 10, 'GPE', '{}', 1), (2, 1, 11, 14, 'GPE', '{}', 1), (3, 1, 0, 4, 'Conflict.Attack', '{}', 1),"
            " (4, 2, 7, 11, 'GPE', '{}', 1)"
        )
        run(
            "INSERT INTO events (id, document_id, type, trigger_id, attributes, annotator_id) "
            "VALUES (1, 1, 'Conflict.Attack', 3, '{}', 1)"
        )
        run("INSERT INTO event_arguments (event_id, role, span_id) VALUES (1, 'Attacker', 1), (1, 'Place', 2)")
        run(
            "INSERT INTO relations (document_id, type, head_id, tail_id, attributes, annotator_id) "
            "VALUES (1, 'PHYS.Located', 1, 2, '{}', 1)"
        )
    old.close()


def content(path: Path) -> list:
    with sqlite3.connect(path) as c:
        return [
            c.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("documents", "spans", "events", "event_arguments", "relations")
        ]


@pytest.mark.parametrize("revision", REVISIONS[:-1])
def test_every_earlier_revision_upgrades_with_its_data_and_a_backup(tmp_path, revision):
    path = tmp_path / "old.db"
    filled(path, revision)
    before = content(path)
    db = Database.open(f"sqlite:///{path}")
    assert db.revision() == REVISIONS[-1]
    assert db.backup is not None and content(db.backup)[1] == before[1]
    after = content(path)
    for old_rows, new_rows in zip(before, after, strict=True):  # every row kept, columns added at the end
        assert [r[: len(o)] for r, o in zip(new_rows, old_rows, strict=True)] == old_rows
    found = search(db, corpus_id=1, query=SearchQuery("دمشق"))  # the search index was built for them
    assert [(h.uid, h.start, h.end) for h in found.hits] == [("d2", 7, 11)]
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT kind, name, sum(n) FROM tallies GROUP BY 1, 2 ORDER BY 1, 2").fetchall() == [
            ("event", "Conflict.Attack", 1),
            ("relation", "PHYS.Located", 1),
            ("span", "Conflict.Attack", 1),
            ("span", "GPE", 3),
        ]  # the running counts hold what was there
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        assert c.execute("SELECT length, corpus_id, spans FROM document_state ORDER BY document_id").fetchall() == [
            (14, 1, 3),
            (19, 1, 1),
        ]  # with the span counts of the corpus pane's sort
        assert c.execute("SELECT count(*) FROM document_names").fetchone() == (2,)  # and its filter's index
        # ids are never reused: deleting the newest document does not hand its id on
        c.execute("PRAGMA foreign_keys=ON")
        c.execute("DELETE FROM documents WHERE id = 2")
        c.execute(
            "INSERT INTO documents (corpus_id, uid, text, sha256, extra, status) "
            "VALUES (1, 'd3', 'نص', 'y', '{}', 'new')"
        )
        assert c.execute("SELECT max(id) FROM documents").fetchone() == (3,)
    db.close()
    TALLY["migrations: earlier revisions upgraded intact"] += 1


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["newer", "foreign", "text", "random", "half"])
def test_a_file_that_must_not_be_opened_is_refused_and_left_as_it_was(tmp_path, kind):
    path = tmp_path / "x.db"
    if kind in ("newer", "half"):
        filled(path, REVISIONS[-1])
        with sqlite3.connect(path) as c:
            c.execute("PRAGMA journal_mode=DELETE")
            if kind == "newer":
                c.execute("UPDATE alembic_version SET version_num = '9999'")
        if kind == "half":
            path.write_bytes(path.read_bytes()[:1000])
    elif kind == "foreign":
        with sqlite3.connect(path) as c:
            c.execute("CREATE TABLE things (x)")
    elif kind == "text":
        path.write_text("قائمة مقالات\n", encoding="utf-8")
    else:
        path.write_bytes(bytes(range(256)) * 64)
    before = digest(path)
    for command in (["stats"], ["import", str(ROOT / "sample_corpus/gold.jsonl")]):
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "--db", str(path), *command],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert digest(path) == before  # not even switched to WAL
        assert not Path(f"{path}-wal").exists()
    TALLY["refused database files left byte-for-byte unchanged"] += 1


def test_two_processes_upgrading_one_old_database_both_succeed(tmp_path):
    failures = upgrades = 0
    for round_ in range(10):
        path = tmp_path / f"old{round_}.db"
        filled(path, REVISIONS[0])
        code = "import sys; from annotator.store.database import Database; Database.open(sys.argv[1]).close()"

        def open_it(_: int) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-c", code, f"sqlite:///{path}"], capture_output=True, text=True, cwd=ROOT
            )

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(open_it, range(2)))
        failed = [r.stderr for r in results if r.returncode != 0]
        failures += bool(failed)
        upgrades += len(list(tmp_path.glob(f"old{round_}.db.backup-*")))  # one a round: upgraded once
        if failed:
            print(failed)
    TALLY["concurrent upgrades failed (of 10)"] += failures  # (counted before the asserts, which need every round)
    assert failures == 0 and upgrades == 10


def test_a_missing_or_empty_database_is_not_created_by_reading_commands(tmp_path):
    for path in (tmp_path / "typo.db", tmp_path / "empty.db"):
        if path.name == "empty.db":
            path.write_bytes(b"")
        with pytest.raises(AnnotatorError, match="no database there"):
            Database.open(f"sqlite:///{path}", create=False)
        assert not Path(f"{path}-wal").exists()
    assert not (tmp_path / "typo.db").exists() and (tmp_path / "empty.db").read_bytes() == b""
