"""Alembic revisions of the Puskesmas server schema, oldest first."""
