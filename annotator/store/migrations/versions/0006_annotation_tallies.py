"""running counts of annotations

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27

`tallies` counts annotations by corpus, kind, label or type, annotator and day, kept in step by
triggers in every write's transaction (store/tallies.py), so that statistics on a million
documents read a few hundred rows. This counts the annotations already there.
"""

from alembic import op

from annotator.store import tallies

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    tallies.create(connection)
    tallies.fill(connection)


def downgrade() -> None:
    tallies.drop(op.get_bind())
