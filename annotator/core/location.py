"""Where the database is: the URL from --db, ANNOTATOR_DB or the user's data folder. Kept apart
from `database` so that the command line can name it without importing SQLAlchemy."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "ANNOTATOR_DB"


def default_url() -> str:
    """ANNOTATOR_DB if set, else a SQLite file in the user's data folder."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    folder = Path(platformdirs.user_data_dir("annotator", appauthor=False))
    return file_url(folder / "annotator.db")


def as_url(db: str) -> str:
    """Accept a SQLAlchemy URL or a plain path to a SQLite file."""
    return db if "://" in db else file_url(Path(db).expanduser().resolve())


def file_url(path: Path) -> str:
    """The URL of a SQLite file. SQLAlchemy ends a URL's path at "?" and decodes %XX in it, so
    those two are escaped ("a%41?.db" would have opened "a" instead, or "aA"); every other
    character stays as it is, readable in messages."""
    return "sqlite:///" + str(path).replace("%", "%25").replace("?", "%3F")
