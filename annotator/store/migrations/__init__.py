"""Alembic's migrations of the schema, run by `annotator.store.database`."""

from annotator.store import name_index, search_index, tallies
from annotator.store.models import WORKFLOW_INDEX

# Made by migrations, not described by models: FTS5 tables (with the tables FTS5 keeps for
# each, named after it), the running counts, and an index on an expression Alembic cannot compare.
_FTS = (search_index.TABLE, name_index.TABLE)


def include_name(name: str | None, kind: str, parents: object) -> bool:
    """Leave out of Alembic's comparisons what migrations make and models do not describe."""
    if name is None:
        return True
    if kind == "table":
        return name != tallies.TABLE and not any(name == t or name.startswith(f"{t}_") for t in _FTS)
    return name != WORKFLOW_INDEX
