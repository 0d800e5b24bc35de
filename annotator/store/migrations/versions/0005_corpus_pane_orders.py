"""indexes for the corpus pane's sort orders

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

The corpus pane reads a page of documents at a time, sorted by the database: by title, source
or date within a corpus, each from an index (a million documents sorted without reading them).
"""

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

COLUMNS = ("title", "source", "published")


def upgrade() -> None:
    for column in COLUMNS:
        op.create_index(f"ix_documents_corpus_id_{column}", "documents", ["corpus_id", column])


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f"ix_documents_corpus_id_{column}", "documents")
