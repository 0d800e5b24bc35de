"""ids never reused, change counters, text length

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

SQLite gives a new row the largest id plus one, so deleting the newest document (a re-import
with a new text) handed its id to the next one, and a window still holding that id wrote onto
the wrong text. AUTOINCREMENT never hands an id out twice; SQLite can only add it by rebuilding
each table (the caller turns foreign keys off around this, so the rebuild cascades nothing).
`version` counts changes (a window polls it); `length` lets a write check offsets without
reading the text.
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
            if table in ('corpora', 'documents'):
                batch_op.add_column(sa.Column('version', sa.Integer(), server_default='0', nullable=False))
            if table == 'documents':
                batch_op.add_column(sa.Column('length', sa.Integer(), server_default='0', nullable=False))
    length = 'length' if sqlite else 'char_length'
    op.execute(f'UPDATE documents SET length = {length}(text)')


def downgrade() -> None:
    with op.batch_alter_table('documents') as batch_op:
        batch_op.drop_column('length')
        batch_op.drop_column('version')
    with op.batch_alter_table('corpora') as batch_op:
        batch_op.drop_column('version')
