"""annotation layers: each annotator row is a layer of a kind (a person's own, gold, a model's);
the status adjudicated

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08

Every annotation already named its annotator; that row is now its layer, with a kind. Existing
annotations stay in their annotator's layer; the layer named `gold` (what the sample corpus and
imported gold standards are filed under) becomes the gold layer. A document whose layers a
curator merged is `adjudicated`, after reviewed: the corpus pane's index on the workflow order is
made again with it.
"""

import sqlalchemy as sa
from alembic import op

from annotator.store.models import WORKFLOW_INDEX, WORKFLOW_ORDER

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("annotators") as batch:
        batch.add_column(sa.Column("kind", sa.String(20), nullable=False, server_default="person"))
    op.execute("UPDATE annotators SET kind = 'gold' WHERE name = 'gold'")
    op.drop_index(WORKFLOW_INDEX, "documents")
    op.create_index(WORKFLOW_INDEX, "documents", ["corpus_id", sa.text(WORKFLOW_ORDER)])


BEFORE = ("new", "in_progress", "done", "reviewed")  # the statuses 0007's index ordered
ORDER_BEFORE = (
    "(CASE status " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(BEFORE)) + f" ELSE {len(BEFORE)} END)"
)


def downgrade() -> None:
    op.drop_index(WORKFLOW_INDEX, "documents")
    op.create_index(WORKFLOW_INDEX, "documents", ["corpus_id", sa.text(ORDER_BEFORE)])
    op.execute("UPDATE documents SET status = 'reviewed' WHERE status = 'adjudicated'")
    with op.batch_alter_table("annotators") as batch:
        batch.drop_column("kind")
