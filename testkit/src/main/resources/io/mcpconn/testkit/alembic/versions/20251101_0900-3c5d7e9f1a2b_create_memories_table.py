"""create memories table: the Python service's own table, the revision before the seed's

Revision ID: 3c5d7e9f1a2b
Revises:
Create Date: 2025-11-01 09:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '3c5d7e9f1a2b'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'memories',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('namespace', sa.String(length=255), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('memories')
