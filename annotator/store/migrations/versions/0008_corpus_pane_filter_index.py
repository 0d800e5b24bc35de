"""an index of titles, sources and ids for the corpus pane's filter

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27

The corpus pane filters a million documents by a word of their title, source or id. On SQLite
an FTS5 trigram table of the three (store/name_index.py), kept by a trigger on every insert,
names the few documents that may match instead of a scan of all of them. This indexes the
documents there.
"""

from alembic import op

from annotator.store import name_index

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    name_index.create(connection)
    name_index.fill(connection)


def downgrade() -> None:
    name_index.drop(op.get_bind())
