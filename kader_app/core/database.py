"""The encrypted SQLite engine of one data directory: SQLCipher key, pragmas, migrations at open.

Opening a database whose schema is older runs the alembic migrations, after an online backup of
the file. Never logs row contents.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool, StaticPool

from kader_app.core.errors import DatabaseKeyError
from kader_app.core.keystore import load_or_create_key

# Named here rather than imported: profiles builds on this module.
PROFILES_FILE = "profiles.json"

DB_FILENAME = "kader.db"
BACKUP_DIRNAME = "backups"
# The newest alembic revision; a test checks it against the migration scripts, so opening an
# up-to-date database never has to load alembic.
SCHEMA_HEAD = "0008_bulk_search_rows"
BUSY_TIMEOUT_MS = 15_000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

_IMMEDIATE = "kader_immediate"


def db_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def connect_raw(path: Path, *, key: bytes) -> Any:
    """A plain sqlcipher3 connection with the key and pragmas applied, in autocommit mode.

    Raises:
        DatabaseKeyError: the file is not a database readable with ``key``.
    """
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise DatabaseKeyError("database cannot be read with this key") from exc
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit that returned survives a power cut (WAL + NORMAL may lose the last ones).
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def make_engine(path: Path, *, key: bytes) -> Engine:
    """An engine whose every connection is keyed; transactions begin explicitly (see below)."""
    engine = create_engine(
        "sqlite+pysqlite:///" + str(path),
        module=sqlcipher3.dbapi2,
        creator=lambda: connect_raw(path, key=key),
        poolclass=QueuePool,
        # Statement parameters are names, NIKs and measurements: keep them out of error texts.
        hide_parameters=True,
        pool_size=4,
        max_overflow=4,
        # The most recently used connection first: one connection keeps SQLite's page cache warm
        # instead of each warming (and holding) its own copy of the same pages.
        pool_use_lifo=True,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # The driver runs in autocommit mode so that we choose the BEGIN: writers take the write
        # lock up front, which avoids SQLITE_BUSY on a read-to-write upgrade between threads.
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_transaction(engine: Engine, *, durable: bool = True) -> Iterator[Connection]:
    """One write transaction (BEGIN IMMEDIATE): commits on success, rolls back on any error.

    ``durable=False`` commits without waiting for the disk (WAL, ``synchronous=NORMAL``): only
    for what can be fetched again (pulled rows), and only when the marker that says it was
    fetched (the pull cursor) is committed durably afterwards — a durable WAL commit carries
    every earlier commit to the disk with it, so the rows are never behind their marker.
    """
    with engine.connect() as conn:
        # On the driver's connection: a statement through SQLAlchemy would begin a transaction,
        # and SQLite refuses to change the safety level inside one.
        raw = conn.connection.driver_connection
        assert raw is not None
        if not durable:
            raw.execute("PRAGMA synchronous = NORMAL")
        try:
            conn.execution_options(**{_IMMEDIATE: True})
            with conn.begin():
                yield conn
        finally:
            if not durable:
                raw.execute("PRAGMA synchronous = FULL")


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for reads, inside one deferred transaction (a consistent snapshot)."""
    with engine.connect() as conn, conn.begin():
        yield conn


@dataclass
class Database:
    """An open data directory: its file, key and shared engine."""

    data_dir: Path
    path: Path
    key: bytes
    engine: Engine
    backup_made: Path | None = None
    _users: int = field(default=1, repr=False)

    def close(self) -> None:
        release_database(self)


_open: dict[Path, Database] = {}
_open_lock = threading.Lock()


def open_database(data_dir: Path, *, key: bytes | None = None) -> Database:
    """Open (creating if needed) the database of ``data_dir``, migrated to the current schema.

    ``key`` is the database key a kader's PIN unlocked (`kader_app.core.profiles`); without
    it the key comes from the keyring or the key file, as before profiles existed. One engine
    per data directory in this process: a second open shares it until both close.

    Raises:
        DatabaseKeyError: no key, a wrong key, or a folder locked by kader PINs and no ``key``.
    """
    data_dir = data_dir.resolve()
    with _open_lock:
        existing = _open.get(data_dir)
        if existing is not None:
            existing._users += 1
            return existing
        data_dir.mkdir(parents=True, exist_ok=True)
        path = db_path(data_dir)
        if key is None:
            if (data_dir / PROFILES_FILE).exists():
                raise DatabaseKeyError("this data folder is opened with a kader's PIN")
            key = load_or_create_key(data_dir, create=not path.exists())
        probe = connect_raw(path, key=key)
        try:
            current = _current_revision(probe)
            backup_made = None
            if current != SCHEMA_HEAD:
                if current is not None:
                    backup_made = _backup_before_migration(probe, data_dir=data_dir, key=key)
                _run_migrations(probe)
        finally:
            probe.close()
        db = Database(
            data_dir=data_dir,
            path=path,
            key=key,
            engine=make_engine(path, key=key),
            backup_made=backup_made,
        )
        _open[data_dir] = db
        return db


def release_database(db: Database) -> None:
    with _open_lock:
        db._users -= 1
        if db._users > 0:
            return
        if _open.get(db.data_dir) is db:
            del _open[db.data_dir]
    db.engine.dispose()


def online_backup(source: Any, *, target: Path, key: bytes) -> None:
    """Copy the open database ``source`` into ``target`` with the SQLite backup API.

    The copy is encrypted with the same key. ``target`` is replaced only once complete.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlcipher3.connect(str(partial), isolation_level=None)
    try:
        dest.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        source.backup(dest)
        # A self-contained single file: no -wal beside it.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    partial.replace(target)


def _current_revision(conn: Any) -> str | None:
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if row is None:
        return None
    rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if rev is None else str(rev[0])


def _backup_before_migration(conn: Any, *, data_dir: Path, key: bytes) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = data_dir / BACKUP_DIRNAME / f"kader-before-{SCHEMA_HEAD}-{stamp}.db"
    online_backup(conn, target=target, key=key)
    return target


def _run_migrations(raw_conn: Any) -> None:
    from alembic import command
    from alembic.config import Config

    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher3.dbapi2,
        creator=lambda: raw_conn,
        poolclass=StaticPool,
        hide_parameters=True,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # All migration steps in one transaction: a crash mid-upgrade leaves the old schema.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
