"""Alembic environment: runs on the connection lumbar hands over (`config.attributes["connection"]`)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from lumbar.store.tables import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("lumbar migrations run through lumbar.store.migrate, which passes a connection")

# The caller has already begun the transaction (and taken the lock), so Alembic runs inside it.
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
