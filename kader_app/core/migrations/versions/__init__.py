"""Alembic revision scripts (one per released schema)."""
