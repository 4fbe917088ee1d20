"""The real server's SQLite database held by another writer for longer than a laptop waits for an
answer: the server says "busy" in time, and the engine waits, sends again and gets it all stored.

Before, the server waited SQLite's 30 s busy timeout (or failed with a 500 when its own writer
queue was too long), so a laptop either timed out (`NetworkError`) or gave up the attempt.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from killable_server import KillableServer
from sync_payloads import make_visit_payload

from sync.server.writer_lock import WRITE_WAIT_ENV

# The server gives up waiting for the database after this long and answers 503 + Retry-After.
WRITE_WAIT_S = 2.0
# The laptops' read timeout, and how long another writer keeps the database: longer than both.
READ_TIMEOUT_S = 5.0
HOLD_S = 8.0


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KillableServer]:
    monkeypatch.setenv(WRITE_WAIT_ENV, str(WRITE_WAIT_S))
    proc = KillableServer(tmp_path / "server").start()
    yield proc
    proc.stop()


def hold_database(path: Path, seconds: float) -> threading.Thread:
    """Another process's writer (this test's): SQLite's write lock on the file, for a while."""
    holder = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")

    def let_go() -> None:
        time.sleep(seconds)
        holder.execute("ROLLBACK")
        holder.close()

    thread = threading.Thread(target=let_go, daemon=True)
    thread.start()
    return thread


def test_devices_wait_out_a_busy_database_and_all_is_stored(server, make_device) -> None:
    devices = [
        make_device(url=server.url, name=name, area=f"Desa {name}", timeout=(5.0, READ_TIMEOUT_S))
        for name in ("melati", "mawar")
    ]
    sent: list[str] = []
    for _client, outbox, _engine in devices:
        person = outbox.record_person({"name": "Siti Aminah", "sex": "P"})
        sent += [person, outbox.record_visit(make_visit_payload(person_id=person))]

    holder = hold_database(server.db_path, HOLD_S)
    started = time.monotonic()
    failures: list[str] = []
    acked: list[int] = []

    def sync(engine) -> None:
        try:
            acked.append(engine.run_once(reconcile=False).acked)
        except Exception as exc:  # noqa: BLE001 - the assertion below names it
            failures.append(f"{type(exc).__name__}: {exc}")

    # Both at once: one waits for SQLite's lock, the other in the server's own writer queue.
    threads = [threading.Thread(target=sync, args=(engine,)) for _c, _o, engine in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    holder.join(30)

    assert failures == []
    assert acked == [2, 2]
    # Nothing could be stored while the other writer held the file.
    assert time.monotonic() - started >= HOLD_S
    assert all(outbox.pending_count() == 0 for _c, outbox, _e in devices)
    stored = [entry_id for entry_id, _version, _hash in server.entries()]
    assert sorted(stored) == sorted(sent)
