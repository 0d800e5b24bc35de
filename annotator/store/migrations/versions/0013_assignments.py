"""documents assigned to annotators, each with that annotator's status in it; on PostgreSQL an
annotator changes only their own assignment (store/rights.py)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

from annotator.store import rights

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), server_default="new", nullable=False),
        sa.Column("assigned_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], ondelete="CASCADE", name=op.f("fk_assignments_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotators.id"], name=op.f("fk_assignments_annotator_id_annotators")
        ),
        sa.PrimaryKeyConstraint("document_id", "annotator_id", name=op.f("pk_assignments")),
    )
    op.create_index("ix_assignments_annotator_id_status", "assignments", ["annotator_id", "status", "document_id"])
    rights.guard(op.get_bind(), "assignments")  # (PostgreSQL: an annotator moves only their own)


def downgrade() -> None:
    rights.drop(op.get_bind(), ("assignments",))
    op.drop_index("ix_assignments_annotator_id_status", "assignments")
    op.drop_table("assignments")
