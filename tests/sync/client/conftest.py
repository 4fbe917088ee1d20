"""Fixtures for the sync client tests: a sqlite-file outbox fake and an in-memory server."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The fault proxy and these fakes are plain modules beside the tests, not an installed package.
for _dir in (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent):
    if str(_dir) not in sys.path:
        sys.path.insert(0, str(_dir))

from fake_server import FakeClock, FakeServerClient  # noqa: E402
from sqlite_outbox import SqliteOutbox  # noqa: E402

# Generous, so a loaded CI machine is not mistaken for a fault; fault tests pass short ones.
CLEAN_TIMEOUT = (5.0, 20.0)


@pytest.fixture(params=["fake", "register"])
def outbox(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """The engine's store: the sqlite3 fake, and the app's real Register outbox."""
    if request.param == "fake":
        store: Any = SqliteOutbox(tmp_path / "outbox.sqlite")
    else:
        from register_outbox import RegisterTestOutbox

        data_dir = request.getfixturevalue("register_dir")
        store = RegisterTestOutbox(data_dir)
    yield store
    store.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake_server(clock: FakeClock) -> FakeServerClient:
    return FakeServerClient(clock=clock)


@pytest.fixture
def server(tmp_path: Path):
    from killable_server import KillableServer

    proc = KillableServer(tmp_path / "server").start()
    yield proc
    proc.stop()


@pytest.fixture
def proxy(server):
    from faultproxy import FaultProxy

    fault_proxy = FaultProxy(upstream_host="127.0.0.1", upstream_port=server.port).start()
    fault_proxy.kill_hook = server.kill
    yield fault_proxy
    fault_proxy.stop()


@pytest.fixture
def make_device(tmp_path: Path, server):
    """Factory: an enrolled device (client, outbox, engine) talking to `url`."""
    import random

    from sync.client import SyncClient
    from sync.engine import SyncEngine

    made: list[tuple[SyncClient, SqliteOutbox]] = []

    def _make(*, url: str, name: str, area: str = "Desa Sukamaju", timeout=CLEAN_TIMEOUT):
        code = server.enroll_code(posyandu=f"Posyandu {name}", area=area)
        client = SyncClient(url, token=None, device_id=None, timeout=timeout, app_version="test")
        client.enroll(code, device_name=name)
        store = SqliteOutbox(tmp_path / f"outbox-{name}.sqlite")
        engine = SyncEngine(store, client, rng=random.Random(name))
        made.append((client, store))
        return client, store, engine

    yield _make
    for client, store in made:
        client.close()
        store.close()
