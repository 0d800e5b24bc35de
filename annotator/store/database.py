"""The database: engine and pragmas, sessions for one user action, and migrations at open.

SQLite (the default, a file in the user's data folder) runs in WAL mode with foreign keys on,
synchronous=FULL and a busy timeout. Writes start with BEGIN IMMEDIATE, so two processes on
one file wait for each other instead of failing half-way. Opening a database made by an older
version upgrades it with Alembic after writing a backup copy beside it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from annotator.core.errors import AnnotatorError, StorageError

log = logging.getLogger(__name__)
ENV_VAR = "ANNOTATOR_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_url() -> str:
    """ANNOTATOR_DB if set, else a SQLite file in the user's data folder."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    folder = Path(platformdirs.user_data_dir("annotator", appauthor=False))
    return f"sqlite:///{folder / 'annotator.db'}"


def as_url(db: str) -> str:
    """Accept a SQLAlchemy URL or a plain path to a SQLite file."""
    return db if "://" in db else f"sqlite:///{Path(db).expanduser().resolve()}"


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def make_engine(url: str, *, busy_timeout: float = 30.0) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise AnnotatorError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, json_serializer=_json_dumps, json_deserializer=orjson.loads,
                             pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, json_serializer=_json_dumps, json_deserializer=orjson.loads,
                           connect_args={"timeout": busy_timeout})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (the pysqlite driver would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN " + connection.get_execution_options().get("sqlite_begin", ""))

    return engine


@contextmanager
def storage_errors() -> Iterator[None]:
    """Database failures (locked, disk full, gone) as a StorageError the user can read; the
    transaction has been rolled back by then."""
    try:
        yield
    except OperationalError as e:
        reason = str(e.orig) if e.orig is not None else str(e)
        if "locked" in reason or "busy" in reason:
            raise StorageError("the database is busy with another program's changes; try again in a moment") from e
        raise StorageError(f"database: {reason}") from e


class Database:
    """One database; `write()` and `read()` give a session for one action, one transaction.

    `busy_timeout` is how long a write waits for another process's write to finish: long for
    batch work, short for a window, where a click must not hang.
    """

    def __init__(self, url: str, *, busy_timeout: float = 30.0) -> None:
        self.url = url
        self.engine = make_engine(url, busy_timeout=busy_timeout)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        self._write = sessionmaker(writer, expire_on_commit=False)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self.backup: Path | None = None

    @classmethod
    def open(cls, url: str, *, busy_timeout: float = 30.0) -> Database:
        """Open (creating or upgrading) the database at `url`."""
        db = cls(url, busy_timeout=busy_timeout)
        db.backup = db.migrate()
        return db

    @contextmanager
    def write(self) -> Iterator[Session]:
        with storage_errors(), self._write() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with storage_errors(), self._read() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    # -- migrations ---------------------------------------------------------------------------
    def alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def migrate(self, target: str = "head") -> Path | None:
        """Bring the schema to `target`; returns the backup written first, if any."""
        config = self.alembic_config()
        script = ScriptDirectory.from_config(config)
        current = self.revision()
        head = script.get_current_head()
        if current == head and target == "head":
            return None
        if current is None:
            with self.engine.connect() as connection:
                if inspect(connection).get_table_names():
                    raise AnnotatorError(f"{self.url}: this database was not made by annotator")
        elif current not in {r.revision for r in script.walk_revisions()}:
            raise AnnotatorError(f"{self.url}: made by a newer version of annotator (revision {current})")
        backup = self._backup(current) if current is not None else None
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
        if backup:
            log.warning("upgraded %s from revision %s; the old database is kept in %s", self.url, current, backup)
        return backup

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
