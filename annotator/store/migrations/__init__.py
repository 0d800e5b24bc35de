"""Alembic's migrations of the schema, run by `annotator.store.database`."""

from annotator.store import search_index, tallies
from annotator.store.models import WORKFLOW_INDEX


def include_name(name: str | None, kind: str, parents: object) -> bool:
    """Leave out of Alembic's comparisons what migrations make and models do not describe."""
    return (search_index.include_name(name, kind, parents) and tallies.include_name(name, kind)
            and name != WORKFLOW_INDEX)
