"""Database engine of the Puskesmas server (SQLite file or PostgreSQL), its writer lock, migrations.

It builds engines and runs alembic; it holds no queries about entries and no web code.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from sync.server.writer_lock import (
    FairLock,
    WriterBusyError,
    deadline_after,
    file_lock_for,
    remaining_ms,
    write_wait_seconds,
)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_FILENAME = "puskesmas.sqlite3"
# AnyIO's default; `app.create_app` pins the thread limiter to it so the pool always covers it.
WORKER_THREADS = 40
# SQLite's own busy timeout for everything but taking the write lock (see `begin_write`).
BUSY_TIMEOUT_MS = 30_000
_WRITE_PREFIXES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "SAVEPOINT")


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / SQLITE_FILENAME).resolve()}"


def normalize_url(url: str) -> str:
    """Use psycopg 3 for a bare `postgresql://` URL (the only PostgreSQL driver installed)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class WriterConnection(sqlite3.Connection):
    """A SQLite connection that holds its file's in-process writer lock during a write transaction.

    The lock is taken at the transaction's first write (or by `begin_write`) and let go once the
    commit or rollback has finished, so writers queue in this process instead of sleeping in
    SQLite's busy handler, and a lock holder never waits for anything but its own statements.
    """

    file_lock: FairLock | None = None
    holds_file_lock = False
    write_wait_s = 20.0

    def begin_write(self) -> None:
        """Make the open transaction a write transaction now: writer lock, then BEGIN IMMEDIATE.

        A deferred transaction that has read cannot be upgraded safely (SQLite answers BUSY at
        once if another writer committed since its snapshot), so it is restarted; it has not
        written anything yet, so nothing is lost, and every later read sees the newest data.

        Waiting, in this process's queue and then for SQLite's lock (another process), is
        bounded by `write_wait_s`; past it `WriterBusyError` says "busy, send again soon".
        """
        if self.holds_file_lock:
            return
        deadline = deadline_after(self.write_wait_s)
        if self.file_lock is not None:
            if not self.file_lock.acquire(timeout=self.write_wait_s):
                raise WriterBusyError("database is locked")
            self.holds_file_lock = True
        try:
            if self.in_transaction:
                self.execute("ROLLBACK")
            self.execute(f"PRAGMA busy_timeout={remaining_ms(deadline)}")
            try:
                self.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    raise WriterBusyError("database is locked") from None
                raise
            finally:
                self.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except BaseException:
            self._let_go()
            raise

    def _let_go(self) -> None:
        if self.holds_file_lock and self.file_lock is not None:
            self.holds_file_lock = False
            self.file_lock.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._let_go()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._let_go()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._let_go()


def _is_write(statement: str, context: Any) -> bool:
    if context is not None and (
        getattr(context, "isinsert", False)
        or getattr(context, "isupdate", False)
        or getattr(context, "isdelete", False)
        or getattr(context, "isddl", False)
    ):
        return True
    return statement.lstrip()[:9].upper().startswith(_WRITE_PREFIXES)


def _make_sqlite_engine(url: str) -> Engine:
    engine = sa.create_engine(
        url,
        connect_args={
            "check_same_thread": False,
            "timeout": BUSY_TIMEOUT_MS / 1000,
            "factory": WriterConnection,
        },
        hide_parameters=True,
        # Every worker thread can hold a connection at once: none waits for the pool while a
        # writer waits for a thread.
        pool_size=WORKER_THREADS,
        max_overflow=10,
        pool_timeout=30,
    )
    file_lock = file_lock_for(sa.make_url(url).database or "")
    write_wait_s = write_wait_seconds()

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (the pysqlite default is lazy).
        dbapi_connection.isolation_level = None
        if isinstance(dbapi_connection, WriterConnection):
            dbapi_connection.file_lock = file_lock
            dbapi_connection.write_wait_s = write_wait_s
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # Deferred: readers (auth, pull, health, dashboard pages) never take the write lock and
        # never wait for a writer (WAL). Writers switch to IMMEDIATE in `begin_write`.
        connection.exec_driver_sql("BEGIN")

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _before_execute(
        _conn: sa.Connection,
        cursor: Any,
        statement: str,
        _parameters: Any,
        context: Any,
        _executemany: bool,
    ) -> None:
        # A write path that did not call `begin_write` (staff sessions, exports' audit row) still
        # queues behind the writer lock instead of failing BUSY on upgrade.
        dbapi_connection = getattr(cursor, "connection", None)
        if (
            isinstance(dbapi_connection, WriterConnection)
            and not dbapi_connection.holds_file_lock
            and dbapi_connection.in_transaction
            and _is_write(statement, context)
        ):
            dbapi_connection.begin_write()

    return engine


def make_engine(database_url: str) -> Engine:
    """An engine whose write transactions are serialised in commit order (see `lock_writes`).

    Bound parameters are hidden from error messages: they hold health data.
    """
    url = normalize_url(database_url)
    if url.startswith("sqlite"):
        return _make_sqlite_engine(url)
    return sa.create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        # Idle connections stay few; under load every worker thread can still have one.
        max_overflow=WORKER_THREADS,
        pool_timeout=30,
        hide_parameters=True,
    )


def begin_write(connection: sa.Connection) -> None:
    """Turn the connection's open transaction into a write transaction (SQLite's write lock).

    Call it after a write path's reads that need no lock and before the reads its writes depend
    on. PostgreSQL needs nothing here (row locks and constraints do the work).
    """
    dbapi_connection = connection.connection.driver_connection
    if isinstance(dbapi_connection, WriterConnection):
        dbapi_connection.begin_write()


def lock_writes(connection: sa.Connection) -> None:
    """Serialise writers so sequence numbers become visible in order (pull cursors rely on it).

    SQLite: the in-process writer lock plus BEGIN IMMEDIATE; PostgreSQL: a transaction lock.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(7410001)"))
    else:
        begin_write(connection)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; safe to call at every start."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        begin_write(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
