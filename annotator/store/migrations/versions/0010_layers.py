"""annotation layers: each annotator row is a layer of a kind (a person's own, gold, a model's)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08

Every annotation already named its annotator; that row is now its layer, with a kind. Existing
annotations stay in their annotator's layer; the layer named `gold` (what the sample corpus and
imported gold standards are filed under) becomes the gold layer.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("annotators") as batch:
        batch.add_column(sa.Column("kind", sa.String(20), nullable=False, server_default="person"))
    op.execute("UPDATE annotators SET kind = 'gold' WHERE name = 'gold'")


def downgrade() -> None:
    with op.batch_alter_table("annotators") as batch:
        batch.drop_column("kind")
