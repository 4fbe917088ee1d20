"""Alembic migrations of the local database, shipped inside the package. No app logic here."""
