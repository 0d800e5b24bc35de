"""Corpus rows: found by name, and created in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.store.models import Corpus, CorpusState


def find(session: Session, name: str) -> tuple[int, dict[str, Any]] | None:
    """A corpus's id and stored schema, or None."""
    corpus = session.scalars(select(Corpus).where(Corpus.name == name)).first()
    return (corpus.id, corpus.schema_json) if corpus is not None else None


def create(session: Session, name: str, schema: str, schema_json: dict[str, Any]) -> int:
    """Create a corpus with its change counter (or find it, if another process made it
    meanwhile); returns its id."""
    found = find(session, name)
    if found is not None:
        return found[0]
    corpus = Corpus(name=name, schema_name=schema, schema_json=schema_json)
    session.add(corpus)
    session.flush()
    session.add(CorpusState(corpus_id=corpus.id))
    session.flush()
    return corpus.id
