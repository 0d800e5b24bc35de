"""A read sees the database as of its first statement, on both databases: a document read while
another process adds an annotator and its span is read whole before or after, never half (on
PostgreSQL, READ COMMITTED let the spans name an annotator the names read just before lacked)."""

from annotator.store import queries
from tests.conftest import other_connection


def test_a_read_does_not_see_what_another_process_commits_meanwhile(db):
    with db.read() as session:
        before = queries.annotator_names(session)
        with other_connection(db) as c:
            c.execute("INSERT INTO annotators (name, kind) VALUES ('meanwhile', 'person')")
        assert queries.annotator_names(session) == before
    with db.read() as session:
        assert "meanwhile" in queries.annotator_names(session).values()
