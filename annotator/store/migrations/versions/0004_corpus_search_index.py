"""the corpus search index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

`document_search` holds every document's text in search form (harakat and tatweel dropped,
alef forms, ى and ة folded) for the corpus search: a trigram FTS5 table on SQLite, a table
with a pg_trgm index on PostgreSQL (store/search_index.py). Imports add to it in the same
transaction as the documents; this fills it for the documents already there.
"""

from alembic import op

from annotator.store import search_index

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    search_index.create(connection)
    search_index.fill(connection)


def downgrade() -> None:
    op.execute(f"DROP TABLE {search_index.TABLE}")
