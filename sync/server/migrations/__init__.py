"""Alembic migrations of the Puskesmas server schema."""
