"""The server suite runs every test against SQLite and PostgreSQL servers (real processes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from server_process import EnrolledDevice, ServerFactory, ServerProcess, enroll_on

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session", params=BACKENDS)
def server(request: pytest.FixtureRequest, server_factory: ServerFactory) -> ServerProcess:
    """One server per backend for the session; tests isolate themselves by area."""
    return server_factory(request.param)


@pytest.fixture
def backend_factory(
    request: pytest.FixtureRequest, server_factory: ServerFactory, server: ServerProcess
) -> Callable[[], ServerProcess]:
    """Fresh servers on the same backend as `server`, for tests that stop or replace them."""
    return lambda: server_factory(server.backend)


@pytest.fixture
def device(server: ServerProcess) -> EnrolledDevice:
    return enroll_on(server)


@pytest.fixture
def make_device(server: ServerProcess) -> Callable[..., EnrolledDevice]:
    def make(*, area: str | None = None, posyandu: str | None = None) -> EnrolledDevice:
        return enroll_on(server, area=area, posyandu=posyandu)

    return make
