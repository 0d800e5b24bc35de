"""indexes for the corpus pane's sort orders

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

The corpus pane reads a page of documents at a time, sorted by the database: in import order,
by title, source or date within a corpus, each from an index (a million documents sorted without reading them).
The title's index also holds source and id, for the pane's text filter: matched in the index,
not in the rows (whose source is stored after the text).
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_documents_corpus_id": [],
    "ix_documents_corpus_id_title": ["title", "source", "uid"],
    "ix_documents_corpus_id_source": ["source"],
    "ix_documents_corpus_id_published": ["published"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "documents", ["corpus_id", *columns])


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, "documents")
