"""on PostgreSQL, each committed write notifies the listening windows (store/notify.py)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from alembic import op

from annotator.store import notify

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    notify.create(op.get_bind())


def downgrade() -> None:
    notify.drop(op.get_bind())
