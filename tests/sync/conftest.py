"""Fixtures that run the REAL Puskesmas server process on 127.0.0.1 (SQLite or PostgreSQL).

`server_factory` starts servers; `live_server` is one SQLite server per test session;
`enroll` turns a fresh one-time code into a device (url + token). PostgreSQL comes from
`PUSKESMAS_TEST_POSTGRES_URL` (see `.ci/postgres.sh`); on CI its absence is a failure.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pytest
from server_process import (
    EnrolledDevice,
    PostgresAdmin,
    ServerFactory,
    ServerProcess,
    enroll_on,
    postgres_url_or_fail,
)


@pytest.fixture(scope="session")
def server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    """Start a fresh server (own data dir; own database for PostgreSQL); all stop at the end."""
    started: list[ServerProcess] = []
    pg_databases: list[tuple[PostgresAdmin, str]] = []

    def start(backend: str) -> ServerProcess:
        data_dir = tmp_path_factory.mktemp(f"server-{backend}")
        if backend == "sqlite":
            from sync.server.database import sqlite_url

            server = ServerProcess(
                database_url=sqlite_url(data_dir), data_dir=data_dir, backend=backend
            )
        else:
            admin = PostgresAdmin(postgres_url_or_fail())
            name = admin.create()
            pg_databases.append((admin, name))
            server = ServerProcess(
                database_url=admin.url_for(name),
                data_dir=data_dir,
                backend=backend,
                pg_database=name,
            )
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()
    for admin, name in pg_databases:
        with contextlib.suppress(Exception):
            admin.drop(name)


@pytest.fixture(scope="session")
def live_server(server_factory: ServerFactory) -> ServerProcess:
    """One real SQLite-backed server for the whole session (tests isolate by area)."""
    return server_factory("sqlite")


@pytest.fixture
def enroll(live_server: ServerProcess) -> Callable[..., EnrolledDevice]:
    """`enroll(area=...)` → a device enrolled on the session's SQLite server."""

    def make(*, posyandu: str | None = None, area: str | None = None) -> EnrolledDevice:
        return enroll_on(live_server, posyandu=posyandu, area=area)

    return make
