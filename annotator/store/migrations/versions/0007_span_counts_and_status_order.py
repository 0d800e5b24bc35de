"""span counts and the workflow order, for the corpus pane's sorts

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27

The corpus pane sorts a million documents by status (in workflow order: new, in progress, done,
reviewed) and by span count, a page at a time. The first is served by an index on the order's
expression; the second by each document's span count, kept by triggers in its state row beside its
corpus (store/span_counts.py), and an index on both. This fills them for the documents there.
The title's index takes the id after the title, so that ties come in id order from the index
instead of being sorted apart.
"""

import sqlalchemy as sa
from alembic import op

from annotator.store import span_counts
from annotator.store.models import WORKFLOW_INDEX, WORKFLOW_ORDER

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TITLE_INDEX = "ix_documents_corpus_id_title"


def upgrade() -> None:
    op.add_column("document_state", sa.Column("corpus_id", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("document_state", sa.Column("spans", sa.Integer(), nullable=False, server_default="0"))
    connection = op.get_bind()
    span_counts.fill(connection)
    span_counts.create(connection)
    op.create_index(span_counts.INDEX, "document_state", ["corpus_id", "spans"])
    op.create_index(WORKFLOW_INDEX, "documents", ["corpus_id", sa.text(WORKFLOW_ORDER)])
    op.drop_index(TITLE_INDEX, "documents")
    op.create_index(TITLE_INDEX, "documents", ["corpus_id", "title", "id", "source", "uid"])


def downgrade() -> None:
    op.drop_index(TITLE_INDEX, "documents")
    op.create_index(TITLE_INDEX, "documents", ["corpus_id", "title", "source", "uid"])
    op.drop_index(WORKFLOW_INDEX, "documents")
    op.drop_index(span_counts.INDEX, "document_state")
    span_counts.drop(op.get_bind())
    with op.batch_alter_table("document_state") as batch:
        batch.drop_column("spans")
        batch.drop_column("corpus_id")
