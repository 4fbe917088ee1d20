"""SQLite's WAL checkpoints on a thread of their own, so a push commit does not copy the WAL.

Only for a file-backed SQLite database; PostgreSQL needs nothing of the kind. No queries here.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

# A request checkpoints the WAL itself only past this many pages (~32 MiB): a safety valve for
# when the background checkpointer falls behind. SQLite's default, 1000, would fire on nearly
# every push commit (a batch of 500 visits writes about 1,400 pages, mostly index pages).
WAL_VALVE_PAGES = 8000
# A checkpoint also runs this often without being asked, for writes outside the push path.
CHECKPOINT_IDLE_S = 5.0


class WalCheckpointer:
    """Copies SQLite's WAL into the database file from its own thread, off the request path.

    A push commit is durable once its WAL frames are fsync'd (`synchronous=FULL`); copying them
    into the database file (and fsyncing that) is what SQLite's auto-checkpoint would otherwise
    do inside the committing request. Here a PASSIVE checkpoint runs on a connection of its own
    after each push and every few seconds; it never blocks readers or writers. The requests' own
    auto-checkpoint stays on at `WAL_VALVE_PAGES`, so the WAL stays bounded even if this thread
    falls behind or stops.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    @classmethod
    def for_engine(cls, engine: Engine) -> WalCheckpointer | None:
        """One for a file-backed SQLite engine (its connections get the valve); None otherwise."""
        database = engine.url.database or ""
        if engine.dialect.name != "sqlite" or database in ("", ":memory:"):
            return None

        @sa.event.listens_for(engine, "connect")
        def _valve(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={WAL_VALVE_PAGES}")

        return cls(database)

    def notify(self) -> None:
        """Something was committed: checkpoint soon (starts the thread on first use)."""
        if self._thread is None:
            with self._start_lock:
                if self._thread is None and not self._stop.is_set():
                    self._thread = threading.Thread(
                        target=self._run, name="wal-checkpoint", daemon=True
                    )
                    self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous=FULL")
            while not self._stop.is_set():
                self._wake.wait(CHECKPOINT_IDLE_S)
                self._wake.clear()
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    # The next request's own auto-checkpoint (the valve) still bounds the WAL.
                    continue
        finally:
            connection.close()
