"""A real `puskesmas-server` process for tests: start, stop, copy its database, enrol devices.

Test support only; the fixtures that use it live in `conftest.py` beside it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from free_ports import free_port
from sqlalchemy.engine import make_url
from sqlmodel import Session

REPO = Path(__file__).resolve().parents[2]
POSTGRES_ENV = "PUSKESMAS_TEST_POSTGRES_URL"
START_TIMEOUT_S = 60.0


def _libpq_url(url: str) -> str:
    """psycopg wants a plain `postgresql://` URL, without SQLAlchemy's driver suffix."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlalchemy_pg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


class PostgresAdmin:
    """Creates and drops throw-away databases on the server named by the test URL."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(_libpq_url(self.url), autocommit=True) as conn:
            # Database names are generated here, never taken from input.
            conn.execute(sql.encode())

    def url_for(self, name: str) -> str:
        return _sqlalchemy_pg_url(
            make_url(self.url).set(database=name).render_as_string(hide_password=False)
        )

    def create(self, *, template: str | None = None) -> str:
        name = f"puskesmas_t_{uuid.uuid4().hex[:12]}"
        suffix = f' TEMPLATE "{template}"' if template else ""
        self._execute(f'CREATE DATABASE "{name}"{suffix}')
        return name

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class ServerProcess:
    """One running `puskesmas-server` process and where its data lives."""

    database_url: str
    data_dir: Path
    backend: str
    pg_database: str | None = None
    url: str = ""
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_path = self.data_dir / "server.log"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        if self.backend == "postgres":
            env["DATABASE_URL"] = self.database_url
        return env

    def start(self) -> None:
        last_error = ""
        for _ in range(3):
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            with self.log_path.open("ab") as log:
                self.proc = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "sync.server",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                        "--data-dir",
                        str(self.data_dir),
                    ],
                    cwd=REPO,
                    env=self.env(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if self._wait_healthy():
                return
            self.stop()
            last_error = self.log_path.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"puskesmas-server did not start:\n{last_error}")

    def _wait_healthy(self) -> bool:
        assert self.proc is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/api/v1/health", timeout=2).status_code == 200:
                    return True
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self.proc = None

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `puskesmas-server ARGS` against this server's database."""
        return subprocess.run(
            [sys.executable, "-m", "sync.server", "--data-dir", str(self.data_dir), *args],
            cwd=REPO,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A database session in the test process, for checks the API does not expose."""
        from sync.server.database import make_engine

        engine = make_engine(self.database_url)
        try:
            with Session(engine) as session:
                yield session
        finally:
            engine.dispose()

    def enroll_code(self, *, posyandu: str, area: str | None = None) -> str:
        from sync.server import store
        from sync.server.database import make_engine

        engine = make_engine(self.database_url)
        try:
            with Session(engine) as session:
                return store.create_enroll_code(
                    session=session, posyandu=posyandu, area=area, now=datetime.now(UTC)
                )
        finally:
            engine.dispose()


@dataclass(frozen=True)
class EnrolledDevice:
    url: str
    token: str
    device_id: str
    posyandu: str
    area: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


ServerFactory = Callable[[str], ServerProcess]


def postgres_url_or_fail() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    message = f"{POSTGRES_ENV} is not set; start one with .ci/postgres.sh"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def copy_server_database(source: ServerProcess, factory_dir: Path) -> ServerProcess:
    """A stopped copy of `source`'s database (a backup), ready to `start()` on its own."""
    assert source.proc is None, "stop the server before copying its database"
    if source.backend == "sqlite":
        from sync.server.database import SQLITE_FILENAME, sqlite_url

        factory_dir.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            path = source.data_dir / (SQLITE_FILENAME + suffix)
            if path.exists():
                shutil.copy2(path, factory_dir / path.name)
        return ServerProcess(
            database_url=sqlite_url(factory_dir), data_dir=factory_dir, backend="sqlite"
        )
    factory_dir.mkdir(parents=True, exist_ok=True)
    admin = PostgresAdmin(postgres_url_or_fail())
    assert source.pg_database is not None
    name = admin.create(template=source.pg_database)
    return ServerProcess(
        database_url=admin.url_for(name),
        data_dir=factory_dir,
        backend="postgres",
        pg_database=name,
    )


def drop_copy(copy: ServerProcess) -> None:
    copy.stop()
    if copy.backend == "postgres" and copy.pg_database:
        with contextlib.suppress(Exception):
            PostgresAdmin(postgres_url_or_fail()).drop(copy.pg_database)


def enroll_on(
    server: ServerProcess, *, posyandu: str | None = None, area: str | None = None
) -> EnrolledDevice:
    """Make a one-time code on `server` and enrol a device with it through the HTTP API."""
    posyandu = posyandu or f"Posyandu {uuid.uuid4().hex[:6]}"
    code = server.enroll_code(posyandu=posyandu, area=area)
    answer = httpx.post(
        server.url + "/api/v1/devices/enroll",
        json={"code": code, "device_name": "laptop-uji"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return EnrolledDevice(
        url=server.url,
        token=body["token"],
        device_id=body["device_id"],
        posyandu=body["posyandu"],
        area=body["area"],
    )
