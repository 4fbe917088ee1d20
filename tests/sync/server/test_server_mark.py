"""Every sync answer says which copy of the database answered; a restored copy gets a new id.

SQLite: the backup file put back in the data folder (the marker beside it remembers how far the
entries went). PostgreSQL: the backup restored as a database of its own (new object ids). Either
way the laptop sees another database id at once, and its old pull cursor asks for a resync.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import httpx
from server_api import person_item, post_gzip, pull, push, statuses
from server_process import (
    EnrolledDevice,
    ServerProcess,
    copy_server_database,
    drop_copy,
    enroll_on,
)

from sync.server.database import SQLITE_FILENAME


def marks(dev: EnrolledDevice) -> list[dict[str, Any]]:
    pushed = push(dev, [person_item()])
    pulled = pull(dev)
    reconciled = post_gzip(
        dev, "/api/v1/sync/reconcile", {"device_id": dev.device_id, "days": []}
    ).json()
    return [pushed["server"], pulled["server"], reconciled["server"]]


def test_push_pull_and_reconcile_carry_the_database_id_and_its_highest_entry(
    server: ServerProcess,
) -> None:
    dev = enroll_on(server)
    first = marks(dev)
    second = marks(dev)

    assert len({m["database_id"] for m in first + second}) == 1
    assert first[0]["sequence"] == first[1]["sequence"] == first[2]["sequence"] > 0
    assert second[0]["sequence"] > first[0]["sequence"]


def _back_up(server: ServerProcess, tmp_path: Path) -> tuple[ServerProcess, ServerProcess | None]:
    """A backup of the stopped server, which then starts again; (the server, the backup)."""
    server.stop()
    backup = copy_server_database(server, tmp_path / "backup")
    server.start()
    return server, backup


def test_a_restored_database_answers_with_a_new_id_and_old_cursors_resync(
    backend_factory: Any, tmp_path: Path
) -> None:
    server = backend_factory()
    dev = enroll_on(server)
    push(dev, [person_item(), person_item()])
    server, backup = _back_up(server, tmp_path)
    assert backup is not None
    dev = EnrolledDevice(**{**dev.__dict__, "url": server.url})
    after = push(dev, [person_item(), person_item(), person_item()])
    page = pull(dev)
    before_id, cursor = after["server"]["database_id"], page["cursor"]

    server.stop()
    if server.backend == "sqlite":
        # The admin puts the backup file back where the database was; the marker stays.
        for suffix in ("-wal", "-shm"):
            (server.data_dir / (SQLITE_FILENAME + suffix)).unlink(missing_ok=True)
        shutil.copy2(backup.data_dir / SQLITE_FILENAME, server.data_dir / SQLITE_FILENAME)
        restored = server
    else:
        # A dump restored into a database of its own, the server pointed at it.
        backup.data_dir = server.data_dir
        backup.log_path = server.log_path
        restored = backup
    restored.start()
    try:
        dev = EnrolledDevice(**{**dev.__dict__, "url": restored.url})
        resumed = pull(dev, cursor=cursor)
        answer = push(dev, [person_item()])
        health = httpx.get(restored.url + "/api/v1/health", timeout=10)
    finally:
        restored.stop()
        if restored is not server:
            drop_copy(restored)

    assert resumed["must_resync"] is True
    assert resumed["server"]["database_id"] != before_id
    assert answer["server"]["database_id"] == resumed["server"]["database_id"]
    assert answer["server"]["sequence"] < after["server"]["sequence"] + 1
    assert statuses(answer) == ["accepted"] and health.status_code == 200


def test_a_database_that_goes_back_under_a_running_server_gets_a_new_id(tmp_path: Path) -> None:
    """The server process remembers how far the entries went; fewer later means a restore."""
    import sqlalchemy as sa

    from sync.server.database import make_engine, migrate, sqlite_url
    from sync.server.identity import DatabaseIdentity
    from sync.server.store.tables import ENTRY

    engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    rows = [
        {
            "id": f"id-{n}",
            "type": "person",
            "version": 1,
            "content_hash": "0" * 64,
            "payload": {},
            "recorded_at": sa.func.now(),
            "received_at": sa.func.now(),
            "device_id": "d",
            "area": "a",
            "is_current": True,
        }
        for n in range(3)
    ]
    with engine.begin() as connection:
        for row in rows:
            connection.execute(sa.insert(ENTRY).values(**row))
    identity = DatabaseIdentity(engine=engine, marker_dir=tmp_path)
    identity.check_at_start()
    seen = identity.current()
    with engine.begin() as connection:
        connection.execute(sa.delete(ENTRY).where(ENTRY.c.id == "id-2"))
    went_back = identity.current()
    again = identity.current()
    engine.dispose()

    assert seen.sequence == 3 and went_back.sequence == 2
    assert went_back.database_id != seen.database_id
    assert again == went_back
