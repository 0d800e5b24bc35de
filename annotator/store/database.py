"""The database: engine and pragmas, sessions for one user action, and migrations at open.

SQLite (the default, a file in the user's data folder) runs in WAL mode with foreign keys on,
synchronous=FULL and a busy timeout. Writes start with BEGIN IMMEDIATE, so two processes on
one file wait for each other instead of failing half-way. Opening a database made by an older
version upgrades it with Alembic after writing a backup copy beside it. A SQLite file at the
newest revision is opened without SQLAlchemy: its engine is made when a session is first
needed, and `snapshot` reads in plain SQL without one (`export`, `stats`).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import orjson

from annotator.core.errors import AnnotatorError, StorageError, one_line
from annotator.store.snapshot import Rows, commits_held, sqlite_snapshot, storage_error

if TYPE_CHECKING:
    # SQLAlchemy (0.25 s with its ORM) is imported when a session or a non-SQLite database is
    # first needed: a command that only reads a SQLite file (export) never imports it. Alembic
    # (with Mako and Pygments, 0.1 s) is imported only to upgrade a database.
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0014"  # the newest migration's revision (a test checks it against Alembic's head)


PLAIN_SQLITE = re.compile(r"sqlite(?:\+pysqlite)?:///([^?]*)")  # as location.as_url writes them


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and for memory). A plain one
    (sqlite:///path, no options) is read here as SQLAlchemy reads it, without importing it."""
    plain = PLAIN_SQLITE.fullmatch(url)
    if plain:
        database = unquote(plain[1])
    else:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            parsed = make_url(url)
        except ArgumentError:
            raise AnnotatorError(f"not a database URL: {url!r}") from None
        if parsed.get_backend_name() != "sqlite":
            return None
        database = parsed.database or ""
    return None if database in ("", ":memory:") else Path(database).absolute()


def _check_sqlite_file(path: Path, *, create: bool) -> str | None:
    """Refuse what must not be opened, reading only through SQLite in read-only mode; returns
    the database's revision ("" when a new database will be made, None when it could not be
    read here). Nothing about the file changes here."""
    exists = path.exists()
    if exists and not path.is_file():
        raise AnnotatorError(f"{path}: not a file")
    if not exists or path.stat().st_size == 0:
        if not create:
            what = "is an empty file" if exists else "does not exist"
            raise AnnotatorError(f"{path} {what}: no database there (check the path; `annotator import` creates one)")
        path.parent.mkdir(parents=True, exist_ok=True)
        return ""
    try:
        probe = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as e:
        raise AnnotatorError(f"{path}: cannot open: {e}") from None
    try:
        tables = {name for (name,) in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = (
            probe.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
        )
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e) or "malformed" in str(e):
            raise AnnotatorError(f"{path}: not an annotator database ({e}); the file was left as it is") from None
        return None  # e.g. a read-only folder: let the real open say what is wrong
    finally:
        probe.close()
    if tables and revision is None:
        raise AnnotatorError(f"{path}: this database was not made by annotator; the file was left as it is")
    if revision is not None and revision[0] != HEAD:
        from alembic.script import ScriptDirectory

        known = {r.revision for r in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}
        if revision[0] not in known:
            raise AnnotatorError(
                f"{path}: made by a newer version of annotator (revision {revision[0]}); the file was left as it is"
            )
    return revision[0] if revision else None


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def make_engine(url: str, *, busy_timeout: float = 30.0) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise AnnotatorError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() != "sqlite":
        # A write waits for another's row locks as long as SQLite waits for its file lock, then
        # fails as busy, instead of hanging a click (PostgreSQL waits for ever by default).
        options = (
            {"options": f"-c lock_timeout={int(busy_timeout * 1000)}"}
            if parsed.get_backend_name() == "postgresql"
            else {}
        )
        return create_engine(
            url, json_serializer=_json_dumps, json_deserializer=orjson.loads, pool_pre_ping=True, connect_args=options
        )
    engine = create_engine(
        url, json_serializer=_json_dumps, json_deserializer=orjson.loads, connect_args={"timeout": busy_timeout}
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (the pysqlite driver would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN " + connection.get_execution_options().get("sqlite_begin", ""))

    return engine


@contextmanager
def storage_errors() -> Iterator[None]:
    """Database failures (locked, disk full, gone) as a StorageError the user can read, and a
    write another's layer refused as an AnnotatorError; the transaction is rolled back by then."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    from annotator.store.rights import REFUSED

    try:
        yield
    except OperationalError as e:
        raise storage_error(str(e.orig) if e.orig is not None else str(e)) from e
    except DBAPIError as e:  # a guard's refusal (store/rights.py): its message is the user's
        if getattr(e.orig, "sqlstate", None) != REFUSED:
            raise
        raise AnnotatorError(one_line(str(e.orig)).removeprefix("ERROR: ")) from e


class Database:
    """One database; `write()` and `read()` give a session for one action, one transaction.

    `busy_timeout` is how long a write waits for another process's write to finish: long for
    batch work, short for a window, where a click must not hang.
    """

    def __init__(self, url: str, *, busy_timeout: float = 30.0) -> None:
        self.url = url
        self.busy_timeout = busy_timeout
        self.path = sqlite_path(url)  # the SQLite file, if it is one
        self.backup: Path | None = None
        self.created = False  # open() made a new database file

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.url, busy_timeout=self.busy_timeout)

    @cached_property
    def is_sqlite(self) -> bool:
        return self.path is not None or self.engine.dialect.name == "sqlite"

    @cached_property
    def _writer(self) -> Engine:
        return self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine

    @cached_property
    def _reader(self) -> Engine:
        """Reads see the database as of their first statement: on PostgreSQL a REPEATABLE READ
        transaction (its default, READ COMMITTED, let a document's spans name an annotator that
        another process added after its names were read); SQLite's read transactions are so."""
        return self.engine if self.is_sqlite else self.engine.execution_options(isolation_level="REPEATABLE READ")

    @cached_property
    def _sessions(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """(for writing, for reading)"""
        from sqlalchemy.orm import sessionmaker

        return (sessionmaker(self._writer, expire_on_commit=False), sessionmaker(self._reader, expire_on_commit=False))

    @classmethod
    def open(cls, url: str, *, busy_timeout: float = 30.0, create: bool = True) -> Database:
        """Open (creating or upgrading) the database at `url`.

        A SQLite file is looked at read-only first: a file that is not a database, a database
        of another program or of a newer annotator is refused before anything is written to it
        (not even the switch to WAL). Without `create`, a missing or empty file is refused.
        """
        db = cls(url, busy_timeout=busy_timeout)
        revision = _check_sqlite_file(db.path, create=create) if db.path is not None else None
        db.created = revision == ""
        if revision == HEAD:
            return db  # (the usual case: nothing to upgrade, no engine made yet)
        try:
            db.backup = db.migrate()
        except BaseException:
            db.close()
            raise
        return db

    def owns(self, path: Path) -> bool:
        """Whether `path` is this database's file or one of SQLite's files beside it (-wal,
        -shm, -journal), by identity (hard links and symlinks included) or by name.

        Nothing in this process may open those behind SQLite's back: closing any descriptor of
        the database file drops every POSIX lock the process holds on it (SQLite's "How To
        Corrupt", section 2.2), after which another process may delete the WAL under us.
        Checking costs stat() calls only, which open nothing.
        """
        own = self.path
        if own is None:
            return False
        names = [Path(f"{own}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
        try:
            candidate = path.expanduser().absolute()
        except OSError:
            return False
        if any(os.path.normpath(candidate) == os.path.normpath(n) for n in names):
            return True
        try:
            mine = os.stat(candidate)
        except OSError:
            return False
        for name in names:
            try:
                theirs = os.stat(name)
            except OSError:
                continue
            if (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino):
                return True
        return False

    @contextmanager
    def write(self) -> Iterator[Session]:
        with storage_errors(), self._sessions[0]() as session, session.begin():
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction on a bare connection, for actions that need no ORM session."""
        with storage_errors(), self._writer.begin() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Session]:
        with storage_errors(), self._sessions[1]() as session, session.begin():
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Rows]:
        """A read transaction in plain SQL (see store/snapshot.py): on a SQLite file a sqlite3
        connection of its own, without SQLAlchemy; elsewhere a REPEATABLE READ transaction."""
        if self.path is not None:
            with sqlite_snapshot(self.path, self.busy_timeout) as rows:
                yield rows
            return
        from sqlalchemy import text

        from annotator.store.queries import batches

        with storage_errors(), self._reader.connect() as connection, connection.begin():  # (one snapshot)
            yield lambda sql, params: chain.from_iterable(batches(connection, text(sql), dict(params)))

    @contextmanager
    def commits_held(self, wait: float) -> Iterator[Callable[[], None] | None]:
        """Commits held back while snapshots begin in several processes (store/snapshot.py):
        the lock's release, or None if it cannot be had in `wait` seconds or this is not a
        SQLite file (other processes' snapshots then may see other commits)."""
        if self.path is None:
            yield None
            return
        with commits_held(self.path, wait) as release:
            yield release

    def user(self) -> str | None:
        """The database user writing here, on PostgreSQL (the annotator; store/rights.py)."""
        if self.is_sqlite:
            return None
        from annotator.store.rights import database_user

        with self.engine.connect() as connection:
            return database_user(connection)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()

    # -- migrations ---------------------------------------------------------------------------
    def alembic_config(self) -> Config:
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return _revision(connection)

    def migrate(self, target: str = "head") -> Path | None:
        """Bring the schema to `target`; returns the backup written first, if any.

        The upgrade holds SQLite's write lock from its first statement (BEGIN IMMEDIATE) and
        reads the revision again under it, so two processes opening one old database upgrade
        it once, the second waiting for the first instead of failing.
        """
        if target == "head" and self.revision() == HEAD:
            return None  # (the usual case: Alembic is not even imported)
        from alembic import command
        from alembic.script import ScriptDirectory

        config = self.alembic_config()
        script = ScriptDirectory.from_config(config)
        head = script.get_current_head()
        with self.engine.connect() as connection:
            # The rebuild of a table must not cascade into the tables that point at it. The pragma
            # works only outside a transaction, so it goes to the driver's connection directly.
            driver = connection.connection.driver_connection if self.is_sqlite else None
            if driver is not None:
                driver.execute("PRAGMA foreign_keys=OFF")
            try:
                with connection.execution_options(sqlite_begin="IMMEDIATE").begin():
                    current = _revision(connection)
                    if current == head and target == "head":
                        return None
                    self._check_revision(connection, current, script)
                    backup = self._backup(current) if current is not None else None
                    config.attributes["connection"] = connection
                    command.upgrade(config, target)
                    if self.is_sqlite:
                        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                        if broken:
                            raise StorageError(
                                f"{self.url}: the upgrade would break {len(broken)} references; nothing was changed"
                            )
            finally:
                if driver is not None:
                    driver.execute("PRAGMA foreign_keys=ON")
        if backup:
            log.warning("upgraded %s from revision %s; the old database is kept in %s", self.url, current, backup)
        return backup

    def _check_revision(self, connection: Any, current: str | None, script: ScriptDirectory) -> None:
        from sqlalchemy import inspect

        if current is None:
            if inspect(connection).get_table_names():
                raise AnnotatorError(f"{self.url}: this database was not made by annotator")
        elif current not in {r.revision for r in script.walk_revisions()}:
            raise AnnotatorError(f"{self.url}: made by a newer version of annotator (revision {current})")

    def _backup(self, revision: str) -> Path | None:
        """Copy a SQLite file with SQLite's online backup (safe in WAL mode) before upgrading."""
        path = self.engine.url.database
        if not self.is_sqlite or not path or path == ":memory:":
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(f"{path}.backup-{revision}-{stamp}")
        source = sqlite3.connect(path)
        try:
            copy = sqlite3.connect(target)
            with copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()
        return target


def _revision(connection: Any) -> str | None:
    """The database's Alembic revision, read with one query (None for an empty database)."""
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return None
    revision: str | None = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return revision
