from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from server_process import ServerProcess

from sync.server.database import make_engine
from sync.server.models import SERVER_METADATA


def test_the_migrated_schema_matches_the_models(server: ServerProcess) -> None:
    engine = make_engine(server.database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, SERVER_METADATA)
    finally:
        engine.dispose()
    assert differences == []
