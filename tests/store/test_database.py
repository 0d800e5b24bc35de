"""The database: pragmas, migrations from empty and from the previous revision, backups."""

import sqlite3
import warnings
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from annotator.core.errors import AnnotatorError
from annotator.store.database import Database
from annotator.store.migrations import include_name
from annotator.store.models import WORKFLOW_INDEX, Base
from tests.conftest import other_connection


def schema_differences(db: Database) -> list:
    """What differs from the models. Neither SQLAlchemy nor Alembic compares an index on an
    expression (the workflow order's): tests/services/test_document_pages.py checks it is used."""
    with db.engine.connect() as connection, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        return [
            d
            for d in compare_metadata(context, Base.metadata)  # (PostgreSQL's reflection skips it too)
            if not (d[0] in ("add_index", "remove_index") and d[1].name == WORKFLOW_INDEX)
        ]


def test_an_empty_database_is_built_to_the_models(db):
    assert db.revision() == ScriptDirectory.from_config(db.alembic_config()).get_current_head()
    assert schema_differences(db) == []


@pytest.mark.sqlite_only("SQLite's pragmas")
def test_pragmas_wal_foreign_keys_busy_timeout(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_the_previous_revision_upgrades_with_a_backup_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    script = ScriptDirectory.from_config(Database(f"sqlite:///{path}").alembic_config())
    head = script.get_current_head()
    previous = script.get_revision(head).down_revision
    old = Database(f"sqlite:///{path}")
    old.migrate(previous)
    with old.engine.begin() as c:
        c.exec_driver_sql("INSERT INTO corpora (name, schema_name, schema_json) VALUES ('c', 'ace2005', '{}')")
        c.exec_driver_sql("INSERT INTO annotators (name) VALUES ('ali')")
        c.exec_driver_sql(
            "INSERT INTO documents (corpus_id, uid, text, sha256, extra, status) "
            "VALUES (1, 'd', 'روسيا', 'x', '{}', 'new')"
        )
        c.exec_driver_sql(
            'INSERT INTO spans (document_id, start, "end", label, attributes, annotator_id) '
            "VALUES (1, 0, 5, 'GPE', '{}', 1)"
        )
    old.close()

    db = Database.open(f"sqlite:///{path}")
    assert db.revision() == head
    assert schema_differences(db) == []
    assert db.backup is not None and db.backup.exists()
    with sqlite3.connect(db.backup) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (previous,)
        assert backup.execute("SELECT count(*) FROM spans").fetchone() == (1,)
    with db.engine.connect() as c:
        assert c.exec_driver_sql("SELECT label FROM spans").all() == [("GPE",)]
    assert Database.open(f"sqlite:///{path}").backup is None  # already current: no new backup


def test_a_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE things (x)")
    with pytest.raises(AnnotatorError, match="not made by annotator"):
        Database.open(f"sqlite:///{path}")


def test_a_newer_database_is_refused(tmp_path, db_url):
    Database.open(db_url).close()
    with other_connection(db_url) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(AnnotatorError, match="newer version"):
        Database.open(db_url)


def test_the_head_named_in_the_code_is_alembics():
    from annotator.store.database import HEAD

    assert ScriptDirectory.from_config(Database("sqlite://").alembic_config()).get_current_head() == HEAD


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///rel/a.db",
        "sqlite:////abs/a.db",
        "sqlite:////abs/a%2541%3F b#c ب.db",
        "sqlite+pysqlite:////abs/x.db",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:////abs/a.db?timeout=3",
        "postgresql+psycopg://u@h:5/d",
    ],
)
def test_sqlite_paths_are_read_as_sqlalchemy_reads_them(url):
    from sqlalchemy.engine import make_url

    from annotator.store.database import sqlite_path

    parsed = make_url(url)
    expected = (
        None
        if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:")
        else Path(parsed.database).absolute()
    )
    assert sqlite_path(url) == expected


def test_a_snapshot_reads_one_moment_whatever_another_process_writes(db):
    """Export reads through a snapshot (Database.snapshot: a sqlite3 connection of its own, a
    REPEATABLE READ transaction on PostgreSQL): all its statements see the database as of its first read, while another process commits."""
    from annotator.services.corpora import open_corpus

    open_corpus(db)
    count = "SELECT count(*) FROM corpora"
    with db.snapshot() as rows:
        assert list(rows(count, {})) == [(1,)]
        with other_connection(db) as other:  # (a write is not blocked by a reader: WAL, MVCC)
            other.execute("INSERT INTO corpora (name, schema_name, schema_json) VALUES ('b', 'ace2005', '{}')")
        assert list(rows(count, {})) == [(1,)]
    with db.snapshot() as rows:
        assert list(rows(count, {})) == [(2,)]


@pytest.mark.sqlite_only("a SQLite file is checked without SQLAlchemy")
def test_opening_a_database_at_head_makes_no_engine(db):
    """A SQLite file at the newest revision is checked with sqlite3 alone; SQLAlchemy's engine
    is made when a session is first needed."""
    again = Database.open(db.url)
    assert "engine" not in again.__dict__
    with again.read():
        assert "engine" in again.__dict__
    again.close()
