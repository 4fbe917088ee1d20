"""The server's clock and its one rule for stored times: aware, in UTC.

Pure helpers; no database and no web code.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now_utc() -> datetime:
    return datetime.now(UTC)


def utc(value: datetime) -> datetime:
    """Aware UTC; SQLite hands back naive datetimes, which this server always writes in UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
