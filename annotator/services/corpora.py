"""Corpora and their schemas, and who is annotating."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

import orjson

from annotator.core.errors import AnnotatorError
from annotator.core.model import DEFAULT_CORPUS
from annotator.core.schema import Schema
from annotator.core.schema_files import load_schema, schema_from_dict
from annotator.store import plain_queries
from annotator.store.database import Database

DEFAULT_SCHEMA = "ace2005"


@dataclass(frozen=True)
class CorpusInfo:
    id: int
    name: str
    schema: Schema


def open_database(url: str, *, interactive: bool = False) -> Database:
    """Open (create or upgrade) the database at a SQLAlchemy URL. An interactive user waits at
    most 3 s for another program's write; batch work waits 30 s."""
    return Database.open(url, busy_timeout=3.0 if interactive else 30.0)


def current_user() -> str:
    """ANNOTATOR_USER if set, else the operating system's user name."""
    name = os.environ.get("ANNOTATOR_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "annotator"


def annotator_for(db: Database) -> str:
    """Who annotates: on PostgreSQL the database user, which no setting changes (its guards
    check it); on SQLite the preference or the system user (`current_user`)."""
    return db.user() or current_user()


def visible_layers(db: Database, annotator: str) -> frozenset[str] | None:
    """What an annotator's window shows: on PostgreSQL, blind, their own layer only, unless they
    curate; on SQLite (one analyst's file) every layer."""
    if db.is_sqlite:
        return None
    from annotator.store.rights import is_curator

    with db.read() as session:
        return None if is_curator(session.connection()) else frozenset({annotator})


def grant_access(db: Database, user: str, *, curator: bool = False) -> None:
    """Let a PostgreSQL user annotate in this database, as a curator or not."""
    from annotator.store import rights

    if db.is_sqlite:
        raise AnnotatorError("a SQLite file has no database users: whoever can write the file annotates")
    with db.transaction() as connection:
        rights.grant(connection, user, curator=curator)


def open_corpus(db: Database, *, name: str = DEFAULT_CORPUS, schema: str | None = None) -> CorpusInfo:
    """The corpus called `name`, created with `schema` (default ACE 2005) if it does not exist.

    A corpus keeps the schema it was made with; asking for another one for it is an error.
    """
    from annotator.store import (
        corpora,  # (SQLAlchemy's ORM: find_corpus reads without it)
    )

    planned = plan_corpus(db, name=name, schema=schema)
    if planned.id:
        return planned
    with db.write() as session:
        return CorpusInfo(
            corpora.create(session, name, planned.schema.name, planned.schema.source or {}), name, planned.schema
        )


def plan_corpus(db: Database, *, name: str, schema: str | None) -> CorpusInfo:
    """The corpus called `name` if it exists, else what it will be (id 0, not yet created):
    an import checks its input against the schema before anything is written."""
    from annotator.store import corpora

    with db.read() as session:
        found = corpora.find(session, name)
    if found is not None:
        stored = schema_from_dict(found[1], where=f"schema of corpus {name!r}")
        if schema is not None and load_schema(schema).name != stored.name:
            raise AnnotatorError(f"corpus {name!r} uses schema {stored.name}, not {schema}")
        return CorpusInfo(found[0], name, stored)
    return CorpusInfo(0, name, load_schema(schema or DEFAULT_SCHEMA))


def find_corpus(db: Database, name: str) -> CorpusInfo:
    """An existing corpus; an error naming the ones there are if it does not exist."""
    with db.snapshot() as rows:
        corpora = {n: (i, schema) for n, i, schema in rows(plain_queries.CORPORA, {})}
    if name not in corpora:
        there = ", ".join(corpora) or "none yet: import some documents first"
        raise AnnotatorError(f"no corpus {name!r} in this database (corpora: {there})")
    corpus_id, schema = corpora[name]
    return CorpusInfo(corpus_id, name, schema_from_dict(orjson.loads(schema), where=f"schema of corpus {name!r}"))
