"""Alembic environment: runs on the connection that `annotator.store.database` hands over."""

from alembic import context

from annotator.store.migrations import include_name
from annotator.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
