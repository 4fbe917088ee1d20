"""Which copy of the server database is answering: its id, renewed when a restore is detected.

The id (`server_meta` "epoch") is made with the database. It is made anew when the server finds
that the database went back: its storage fingerprint changed (PostgreSQL: a dump restored into a
new or cleaned database gets new object ids; a point-in-time recovery a new timeline), or its
highest entry number is below what this server saw (a marker file kept beside it, and the
process's own memory while it runs). Every sync answer carries the id and that number
(`ServerMark`), so laptops reconcile at once. Holds no entry data.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sync.protocol import ServerMark
from sync.server.database import begin_write
from sync.server.store.tables import ENTRY, META

EPOCH_KEY = "epoch"
FINGERPRINT_KEY = "fingerprint"
MARKER_NAME = "server-mark.json"

_PG_FINGERPRINT = (
    "SELECT concat_ws(':', (SELECT system_identifier FROM pg_control_system()),"
    " (SELECT timeline_id FROM pg_control_checkpoint()),"
    " (SELECT oid FROM pg_database WHERE datname = current_database()),"
    " 'server_meta'::regclass::oid, 'entry'::regclass::oid)"
)


def _meta(key: str) -> sa.ScalarSelect[str]:
    return sa.select(META.c.value).where(META.c.key == key).scalar_subquery()


def read_mark(connection: sa.Connection) -> ServerMark:
    """The database's id and highest entry number, in one statement."""
    row = connection.execute(
        sa.select(_meta(EPOCH_KEY), sa.select(sa.func.max(ENTRY.c.seq)).scalar_subquery())
    ).one()
    return ServerMark(database_id=str(row[0]), sequence=int(row[1] or 0))


def renew_id(connection: sa.Connection, *, old: str) -> str:
    """Give the database a new id unless another process already did; the id now in force."""
    begin_write(connection)
    connection.execute(
        sa.update(META)
        .where(META.c.key == EPOCH_KEY, META.c.value == old)
        .values(value=uuid.uuid4().hex)
    )
    return str(connection.execute(sa.select(_meta(EPOCH_KEY))).scalar())


class DatabaseIdentity:
    """The database's `ServerMark` for answers, with its restore checks (one per app).

    Safe across threads and processes: the id lives in the database and is renewed with a
    compare-and-set; entry numbers only ever grow in a database that was not restored, so what
    any process saw is a lower bound for every process.
    """

    def __init__(self, *, engine: Engine, marker_dir: Path | None) -> None:
        self.engine = engine
        self.marker = marker_dir / MARKER_NAME if marker_dir is not None else None
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def check_at_start(self) -> None:
        """Renew the id if the database is not the one this server kept (fingerprint, marker)."""
        with self.engine.begin() as connection:
            mark = read_mark(connection)
            stored = connection.execute(sa.select(_meta(FINGERPRINT_KEY))).scalar()
            live = self._fingerprint(connection)
            restored = stored is not None and live is not None and stored != live
            marked = self._read_marker()
            if marked is not None and marked.database_id == mark.database_id:
                restored = restored or mark.sequence < marked.sequence
            database_id = mark.database_id
            if restored:
                database_id = renew_id(connection, old=mark.database_id)
            if live is not None and stored != live:
                begin_write(connection)
                connection.execute(sa.delete(META).where(META.c.key == FINGERPRINT_KEY))
                connection.execute(sa.insert(META).values(key=FINGERPRINT_KEY, value=live))
        self._note(ServerMark(database_id=database_id, sequence=mark.sequence))

    def current(self) -> ServerMark:
        """The mark to answer with, read fresh; a database that went back gets a new id first."""
        with self._lock:
            seen = dict(self._seen)
        with self.engine.connect() as connection:
            # Read after taking what was seen: anything seen was committed before this read.
            mark = read_mark(connection)
            if mark.sequence < seen.get(mark.database_id, 0):
                new_id = renew_id(connection, old=mark.database_id)
                connection.commit()
                mark = ServerMark(database_id=new_id, sequence=mark.sequence)
        self._note(mark)
        return mark

    def _note(self, mark: ServerMark) -> None:
        with self._lock:
            if mark.sequence <= self._seen.get(mark.database_id, -1):
                return
            self._seen[mark.database_id] = mark.sequence
        self._write_marker(mark)

    def _fingerprint(self, connection: sa.Connection) -> str | None:
        if connection.dialect.name != "postgresql":
            return None
        try:
            with connection.begin_nested():
                return str(connection.execute(sa.text(_PG_FINGERPRINT)).scalar())
        except sa.exc.DBAPIError:
            return None

    def _read_marker(self) -> ServerMark | None:
        if self.marker is None:
            return None
        try:
            return ServerMark.model_validate_json(self.marker.read_text())
        except (OSError, ValueError):
            return None

    def _write_marker(self, mark: ServerMark) -> None:
        """Raise the marker to ``mark`` (never lower it), under a file lock processes share."""
        if self.marker is None:
            return
        with contextlib.suppress(OSError):
            lock_path = self.marker.with_suffix(".lock")
            with lock_path.open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                held = self._read_marker()
                if (
                    held is not None
                    and held.database_id == mark.database_id
                    and held.sequence >= mark.sequence
                ):
                    return
                temp = self.marker.with_suffix(f".{os.getpid()}.tmp")
                temp.write_text(json.dumps(mark.model_dump()))
                os.replace(temp, self.marker)
