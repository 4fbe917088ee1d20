"""Fixtures for the app-side sync tests: a server process that tests may SIGKILL, behind a proxy
that turns requests into faults. Test-only; the live shared server comes from `tests/sync`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The killable server lives beside the client tests, a plain module rather than a package.
_CLIENT_TESTS = Path(__file__).resolve().parent.parent / "client"
if str(_CLIENT_TESTS) not in sys.path:
    sys.path.insert(0, str(_CLIENT_TESTS))

from faultproxy import FaultProxy  # noqa: E402
from killable_server import KillableServer  # noqa: E402


@pytest.fixture
def killable_server(tmp_path: Path) -> Iterator[KillableServer]:
    """A fresh SQLite server of its own, so a kill never disturbs other tests."""
    proc = KillableServer(tmp_path / "server").start()
    yield proc
    proc.stop()


@pytest.fixture
def fault_proxy(killable_server: KillableServer) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream_host="127.0.0.1", upstream_port=killable_server.port).start()
    proxy.kill_hook = killable_server.kill
    yield proxy
    proxy.stop()
