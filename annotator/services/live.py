"""Hearing of other processes' writes: told at once on PostgreSQL (LISTEN/NOTIFY,
store/notify.py); on SQLite the window polls the change counters instead."""

from __future__ import annotations

from annotator.store.database import Database
from annotator.store.notify import Listener


def listen(db: Database) -> Listener | None:
    """A listener for committed writes to any corpus, on PostgreSQL; None on SQLite."""
    return None if db.is_sqlite else Listener(db.engine)
