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
which carries the whole text. `corpora.version` counts every change in a corpus.
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

TABLES = ('corpora', 'annotators', 'documents', 'spans', 'events', 'event_arguments', 'relations')


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table in TABLES:
        with op.batch_alter_table(table, recreate='always' if sqlite else 'auto',
                                  table_kwargs={'sqlite_autoincrement': True} if sqlite else {}) as batch_op:
            if table == 'corpora':
                batch_op.add_column(sa.Column('version', sa.Integer(), server_default='0', nullable=False))
    op.create_table('document_state',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('length', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_state_document_id_documents'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', name=op.f('pk_document_state'))
    )
    length = 'length' if sqlite else 'char_length'
    op.execute(f'INSERT INTO document_state (document_id, sha256, length) SELECT id, sha256, {length}(text) FROM documents')


def downgrade() -> None:
    op.drop_table('document_state')
    with op.batch_alter_table('corpora') as batch_op:
        batch_op.drop_column('version')
