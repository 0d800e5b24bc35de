"""What changed in a document, and who changed it: the history written by every write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from annotator.store import history
from annotator.store.database import Database


@dataclass(frozen=True)
class Entry:
    id: int
    at: str  # as the database gives it (UTC)
    who: str
    action: str  # add, change, delete, restore, status, import, accept into gold, take back from gold
    kind: str  # span, event, relation, document
    target_id: int | None
    before: Any  # the JSON as written: a view of the annotation, the fields changed, a status
    after: Any

    def concerns(self, kind: str, target_id: int) -> bool:
        """Whether this entry is about that annotation (also as part of a span's removal)."""
        if self.kind == kind and self.target_id == target_id:
            return True
        return kind == "span" and isinstance(self.before, dict) and self.before.get("span", {}).get("id") == target_id


def document_history(db: Database, *, document_id: int) -> list[Entry]:
    with db.snapshot() as rows:
        return [
            Entry(i, at, who, action, kind, target, _json(before), _json(after))
            for i, at, who, action, kind, target, before, after in rows(history.READ, {"document": document_id})
        ]


def annotation_history(db: Database, *, document_id: int, kind: str, target_id: int) -> list[Entry]:
    """The entries about one span, event or relation, oldest first."""
    return [e for e in document_history(db, document_id=document_id) if e.concerns(kind, target_id)]


def _json(text: str | None) -> Any:
    return None if text is None else orjson.loads(text)
