"""Alembic environment for the local database: runs on the connection the app hands in.

Never opens its own engine, so the SQLCipher key and pragmas are always those of the app.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import kader_app.core.models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through kader_app.core.database.open_database")


def _include(_obj: object, name: str | None, type_: str, _reflected: bool, _other: object) -> bool:
    # The FTS5 search table and its shadow tables are made by raw SQL, not by the models.
    return not (type_ == "table" and name is not None and name.startswith("person_search"))


context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    include_object=_include,
)
with context.begin_transaction():
    context.run_migrations()
