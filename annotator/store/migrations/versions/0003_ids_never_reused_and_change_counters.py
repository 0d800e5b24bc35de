"""ids never reused, change counters, the state every write checks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

SQLite gives a new row the largest id plus one, so deleting the newest document (a re-import
with a new text) handed its id to the next one, and a window still holding that id wrote onto
the wrong text. AUTOINCREMENT never hands an id out twice; SQLite can only add it by rebuilding
each table (the caller turns foreign keys off around this, so the rebuild cascades nothing).
`document_state` holds, for every document, the checksum and length of its text and a change
counter (a window polls it): a write checks and bumps that narrow row, not the document's row,
which carries the whole text. `corpus_state` counts every change in a corpus, apart from the
corpus's row, which carries its whole schema.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("corpora", "annotators", "documents", "spans", "events", "event_arguments", "relations")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if sqlite:
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
                pass
    op.create_table(
        "corpus_state",
        sa.Column("corpus_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["corpus_id"], ["corpora.id"], name=op.f("fk_corpus_state_corpus_id_corpora"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("corpus_id", name=op.f("pk_corpus_state")),
    )
    op.create_table(
        "document_state",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_state_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_state")),
    )
    length = "length" if sqlite else "char_length"
    op.execute(
        f"INSERT INTO document_state (document_id, sha256, length) SELECT id, sha256, {length}(text) FROM documents"
    )
    op.execute("INSERT INTO corpus_state (corpus_id) SELECT id FROM corpora")


def downgrade() -> None:
    op.drop_table("document_state")
    op.drop_table("corpus_state")
