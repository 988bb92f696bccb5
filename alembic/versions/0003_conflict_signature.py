"""A conflict's signature: what it says (its verdict, and each outlet's values), hashed.

A conflict gets a new version, and can alert again, only when its signature changes: a second
article of an outlet already in it, or the same page reached under another address, no longer
re-announces it as "(updated)".

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conflicts") as batch:
        batch.add_column(sa.Column("signature", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("conflicts") as batch:
        batch.drop_column("signature")
