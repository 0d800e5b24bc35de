"""on PostgreSQL, each annotator writes only their own layer; curators write any (store/rights.py)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08

Nothing changes on SQLite. On PostgreSQL the role annotator_curator is made if missing (which
needs the CREATEROLE right; an administrator can make it first), and a guard trigger on spans,
events, event arguments and relations refuses a write to another's layer.
"""

from alembic import op

from annotator.store import rights

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rights.create(op.get_bind())


def downgrade() -> None:
    rights.drop(op.get_bind())
