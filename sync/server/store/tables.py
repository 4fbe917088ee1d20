"""The server's tables as Core handles, and the few helpers every store module shares.

No web code here, and no payload content ever goes into the audit table or an error message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlmodel import Session

from sync.server.database import begin_write
from sync.server.models import SERVER_METADATA, Audit, Device, ServerMeta

ENTRY = SERVER_METADATA.tables["entry"]
FOLLOW_UP = SERVER_METADATA.tables["follow_up"]
DEVICE = SERVER_METADATA.tables["device"]
ENROLL_CODE = SERVER_METADATA.tables["enroll_code"]
AUDIT = SERVER_METADATA.tables["audit"]
PUSH_BATCH = SERVER_METADATA.tables["push_batch"]
META = SERVER_METADATA.tables["server_meta"]

# One IN (...) list holds a whole push batch (2000 ids), far under SQLite's and PostgreSQL's limits.
ID_CHUNK = 2000


def chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), ID_CHUNK):
        yield values[start : start + ID_CHUNK]


def one_of(
    connection: sa.Connection, column: sa.ColumnElement[Any], values: Iterable[Any]
) -> sa.ColumnElement[bool]:
    """``column IN (values)``, written ``column = ANY(:array)`` on PostgreSQL.

    One bound array instead of one parameter per value: the statement's text stays short and the
    same whatever the number of values, so neither SQLAlchemy nor the driver re-renders and
    re-parses a 2,000-parameter statement for every chunk of a batch.
    """
    if connection.dialect.name == "postgresql":
        array = sa.bindparam(None, list(values), type_=postgresql.ARRAY(column.type))
        return column == sa.any_(array)
    return column.in_(list(values))


def add_audit(
    *, session: Session, kind: str, device_id: str | None, counts: dict[str, Any], now: datetime
) -> None:
    session.add(Audit(kind=kind, device_id=device_id, counts=counts, at=now))


def note_read(
    *, session: Session, kind: str, device: Device, counts: dict[str, Any], now: datetime
) -> None:
    """Audit a read and mark the device seen: the read's snapshot ends first, then a short write."""
    session.commit()
    connection = session.connection()
    begin_write(connection)
    connection.execute(
        sa.insert(AUDIT).values(kind=kind, device_id=device.id, counts=counts, at=now)
    )
    connection.execute(sa.update(DEVICE).where(DEVICE.c.id == device.id).values(last_seen=now))
    session.commit()


def server_epoch(session: Session) -> str:
    meta = session.get(ServerMeta, "epoch")
    if meta is None:
        raise RuntimeError("database has no epoch; migrations did not run")
    return meta.value
