"""Alembic environment of the Puskesmas server: runs on the connection `database.migrate` passes.

It never reads a URL from a file and never imports the web app.
"""

from __future__ import annotations

from alembic import context

from sync.server.models import SERVER_METADATA

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through sync.server.database.migrate")

context.configure(
    connection=connection,
    target_metadata=SERVER_METADATA,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
