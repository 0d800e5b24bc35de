"""Shared fixtures: real SQLite files, the bundled schemas, the sample corpus and the seed."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings (window layout, language) of test runs go to a folder of their own, never the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="annotator-test-config-")
atexit.register(shutil.rmtree, os.environ["XDG_CONFIG_HOME"], ignore_errors=True)
os.environ["ANNOTATOR_USER"] = "tester"

from annotator.core.schema import Schema  # noqa: E402
from annotator.core.schema_files import load_schema  # noqa: E402
from annotator.store.database import Database  # noqa: E402
from tests import postgres_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_bec74384df40613c.txt"
GOLD = ROOT / "sample_corpus" / "gold.jsonl"


# The folders whose database tests run on SQLite and on PostgreSQL (storage, import, export,
# editing, search, concurrency, migration, agreement, adjudication); the window's run on SQLite.
BOTH_DATABASES = ("services", "store", "formats", "reliability", "cli", "team")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(why): a test of SQLite's own file behaviour, not run on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test asking for `db_url` in the folders above runs once per database."""
    if "backend" not in metafunc.fixturenames:  # (asked for by db_url and empty_db_url)
        return
    folder = Path(str(metafunc.definition.path)).relative_to(ROOT / "tests").parts[0]
    both = folder in BOTH_DATABASES and metafunc.definition.get_closest_marker("sqlite_only") is None
    metafunc.parametrize("backend", ["sqlite", "postgresql"] if both else ["sqlite"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def postgres() -> Iterator[postgres_server.Server]:
    """The session's PostgreSQL server with a template database migrated once."""
    server = postgres_server.start()
    if isinstance(server, str):
        if os.environ.get("ANNOTATOR_REQUIRE_POSTGRES"):
            pytest.fail(server)
        pytest.skip(server)
    try:
        server.template = server.new_database()
        Database.open(server.url(server.template)).close()
        server.execute(f'ALTER DATABASE "{server.template}" WITH IS_TEMPLATE true')
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A new database for this test on the session's server, migrated (a template's copy)."""
    server: postgres_server.Server = request.getfixturevalue("postgres")
    name = server.new_database(server.template)
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def empty_db_url(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database with nothing in it, not even the schema (for upgrades from old revisions)."""
    if backend != "postgresql":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server: postgres_server.Server = request.getfixturevalue("postgres")
    name = server.new_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated once for the session; each test gets a copy (migrating one
    takes 0.3 s, copying it a millisecond)."""
    path = tmp_path_factory.mktemp("template") / "annotator.db"
    Database.open(f"sqlite:///{path}").close()
    assert not Path(f"{path}-wal").exists()  # (closed: everything is in the file itself)
    return path


@pytest.fixture
def db_url(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> str:
    """A migrated, empty database for this test: a copy of the session's template."""
    if backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    path = tmp_path / "annotator.db"
    shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    yield database
    database.close()


@pytest.fixture(scope="session")
def ace() -> Schema:
    return load_schema("ace2005")


def list_documents(db: Database, *, corpus_id: int) -> list:
    """Every document of the corpus as the corpus pane lists them, in import order."""
    from annotator.core.listing import DocumentQuery
    from annotator.store.document_pages import DocumentPages

    pages = DocumentPages(db, DocumentQuery(corpus_id))
    return [pages.row(i) for i in range(pages.count())]


def write_jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest runs first, longest of all first (`slow(seconds=…)`): a parallel run
    (pytest-xdist) deals its first tests round the workers one at a time, so each starts one of
    them at once and the rest fill in around them."""

    def seconds(item: pytest.Item) -> float:
        marker = item.get_closest_marker("slow")
        if marker is None:
            return 0.0
        estimate = marker.kwargs.get("seconds", 1)  # (or by database: {"sqlite": …, "postgresql": …})
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec is not None else None
        return float(estimate[backend] if isinstance(estimate, dict) else estimate)

    items.sort(key=lambda item: -seconds(item))  # (stable: the others keep their order)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a worker of a parallel run (pytest-xdist): its figures go to the controller."""
    from tests.reliability.tally import TALLY

    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["tally"] = dict(TALLY)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """A worker finished: add up its figures."""
    from tests.reliability.tally import TALLY

    TALLY.update(getattr(node, "workeroutput", {}).get("tally", {}))


def pytest_terminal_summary(terminalreporter) -> None:
    """The reliability suite's figures, so a reader of the run sees them."""
    from tests.reliability.tally import TALLY

    if TALLY:
        terminalreporter.section("reliability tallies")
        for name, value in sorted(TALLY.items()):
            terminalreporter.write_line(f"{name}: {value}")


class OtherConnection:
    """Another connection to a test's database, as another program would use it: statements
    with `?` placeholders, on SQLite and on PostgreSQL alike, each committed at once."""

    def __init__(self, url: str) -> None:
        from annotator.store.database import make_engine

        self.engine = make_engine(url)

    def execute(self, statement: str, params: tuple[object, ...] = ()) -> Any:
        from sqlalchemy import text

        parts = statement.split("?")
        named = "".join(part + (f":p{i}" if i < len(parts) - 1 else "") for i, part in enumerate(parts))
        with self.engine.begin() as connection:
            result = connection.execute(text(named), {f"p{i}": v for i, v in enumerate(params)})
            return _Fetched(result.all() if result.returns_rows else [])

    def __enter__(self) -> OtherConnection:
        return self

    def __exit__(self, *_: object) -> None:
        self.engine.dispose()


class _Fetched:
    def __init__(self, rows: list[Any]) -> None:
        self.rows = [tuple(r) for r in rows]

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)


def other_connection(db: Database | str) -> OtherConnection:
    return OtherConnection(db if isinstance(db, str) else db.url)


@contextmanager
def team_databases(
    server: postgres_server.Server, url: str, source: Path
) -> Iterator[tuple[Database, dict[str, Database]]]:
    """The PostgreSQL database at `url` with `source` imported by its owner, and database users
    ali and mona (annotators) and cura (a curator), each with a connection of their own."""
    from annotator.services.corpora import grant_access
    from annotator.services.importing import import_paths

    for user in ("ali", "mona", "cura"):
        server.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{user}') "
            f"THEN CREATE ROLE {user} LOGIN; END IF; END $$"
        )
    admin = Database.open(url)
    import_paths(admin, [source])
    for user in ("ali", "mona", "cura"):
        grant_access(admin, user, curator=user == "cura")
    name = url.rpartition("/")[2]
    users = {user: Database.open(server.url(name, user=user), busy_timeout=3.0) for user in ("ali", "mona", "cura")}
    try:
        yield admin, users
    finally:
        for db in (admin, *users.values()):
            db.close()
