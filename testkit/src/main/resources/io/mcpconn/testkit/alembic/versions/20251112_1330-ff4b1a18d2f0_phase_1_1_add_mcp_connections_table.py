"""phase_1_1_add_mcp_connections_table

Written from the seed's specification (its "Migration File" section), upgrade and downgrade as the
seed gives them.

Revision ID: ff4b1a18d2f0
Revises: 3c5d7e9f1a2b
Create Date: 2025-11-12 13:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = 'ff4b1a18d2f0'
down_revision = '3c5d7e9f1a2b'
branch_labels = None
depends_on = None


def upgrade():
    """Add mcp_connections table."""
    op.create_table(
        'mcp_connections',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('server_name', sa.String(length=255), nullable=False),
        sa.Column('namespace', sa.String(length=255), nullable=False),
        sa.Column('agent_id', sa.String(length=255), nullable=False),
        sa.Column('status', sa.String(length=50), nullable=False, server_default='disconnected'),
        sa.Column('config_json', sa.JSON(), nullable=False),
        sa.Column('tools_json', sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
        sa.Column('error_message', sa.Text(), nullable=True),
        sa.Column('error_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False, server_default=sa.func.now()),
        sa.Column('connected_at', sa.DateTime(), nullable=True),
        sa.Column('disconnected_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True, onupdate=sa.func.now()),
        sa.PrimaryKeyConstraint('id')
    )

    # Create indexes
    op.create_index('ix_mcp_connections_namespace', 'mcp_connections', ['namespace'])
    op.create_index('ix_mcp_connections_namespace_agent', 'mcp_connections', ['namespace', 'agent_id'])


def downgrade():
    """Remove mcp_connections table."""
    op.drop_index('ix_mcp_connections_namespace_agent', table_name='mcp_connections')
    op.drop_index('ix_mcp_connections_namespace', table_name='mcp_connections')
    op.drop_table('mcp_connections')
