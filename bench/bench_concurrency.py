"""Many devices pushing at once against one real ``puskesmas-server`` (SQLite and PostgreSQL).

Each device is a thread running the real ``SyncEngine`` + ``SyncClient`` over its own enrolment.
Throughput of all devices together is compared with one device pushing alone to the same server,
runs interleaved; afterwards the server's entry table is checked: every visit once, none missing.
Run alone: ``uv run python bench/bench_concurrency.py [--devices 50] [--visits 200] [--postgres]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import BenchOutbox, free_port, make_entries, wait_ready  # noqa: E402

from sync.client import DEFAULT_TIMEOUT, ServerError, SyncClient, SyncError  # noqa: E402
from sync.engine import OutboxEntry, SyncEngine  # noqa: E402
from sync.protocol import PushRequest, PushResponse  # noqa: E402
from sync.server import store  # noqa: E402
from sync.server.database import make_engine, migrate, sqlite_url  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEEDS_PER_RUN = 10_000
# Set by CI and `scripts/dev test` once PostgreSQL runs; without it the script starts it.
POSTGRES_ENV = "PUSKESMAS_TEST_POSTGRES_URL"


@dataclass
class RoundResult:
    """One round: how many devices pushed how many visits, how long it took, what went wrong."""

    devices: int
    visits: int
    seconds: float
    errors: list[str] = field(default_factory=list)
    not_acked: int = 0
    ids: list[str] = field(default_factory=list)
    busy_answers: int = 0

    @property
    def per_second(self) -> float:
        return self.visits / self.seconds


@dataclass(frozen=True, slots=True)
class ConcurrencyFigures:
    """Medians of the all-devices rounds and the single-device rounds, and the entry check."""

    backend: str
    devices: int
    visits_per_device: int
    together_per_s: float
    single_per_s: float
    errors: int
    error_kinds: dict[str, int]
    busy_answers: int
    not_acked: int
    duplicates: int
    missing: int
    together_runs: list[float]
    single_runs: list[float]

    @property
    def ratio(self) -> float:
        return self.together_per_s / self.single_per_s


class CountingClient(SyncClient):
    """The app's client, counting the "busy" answers its engine waited out and sent again."""

    busy_answers = 0

    def push(self, batch: PushRequest) -> PushResponse:
        try:
            return super().push(batch)
        except ServerError as exc:
            if exc.busy:
                self.busy_answers += 1
            raise


class Server:
    """A real ``puskesmas-server`` process on loopback, on a SQLite file or a PostgreSQL URL."""

    def __init__(
        self, *, work: Path, database_url: str | None, server_log: Path | None = None
    ) -> None:
        self.data_dir = work / "server"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.url = database_url or sqlite_url(self.data_dir)
        self.port = free_port()
        env = {"DATABASE_URL": database_url} if database_url else {}
        log = server_log.open("ab") if server_log else subprocess.DEVNULL
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server", "--data-dir", str(self.data_dir)]
            + ["--port", str(self.port)],
            cwd=REPO,
            env={**_os_environ(), **env},
            stdout=log,
            stderr=log,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        wait_ready(f"{self.base}/api/v1/health")

    def enrolled_clients(self, count: int) -> list[CountingClient]:
        now = datetime.now(UTC)
        with Session(self.engine) as session:
            codes = [
                store.create_enroll_code(
                    session=session, posyandu=f"Bench {n}", area="Bench", now=now
                )
                for n in range(count)
            ]
        clients = []
        for n, code in enumerate(codes):
            # The app's own timeouts: a figure with a longer one would hide answers too slow.
            client = CountingClient(self.base, token=None, device_id=None, timeout=DEFAULT_TIMEOUT)
            client.enroll(code, device_name=f"bench-{n}")
            clients.append(client)
        return clients

    def entry_counts(self, ids: list[str]) -> tuple[int, int]:
        """(rows for these ids beyond one each, ids with no row at all)."""
        table = sa.table("entry", sa.column("id"))
        stored: dict[str, int] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                query = (
                    sa.select(table.c.id, sa.func.count())
                    .where(table.c.id.in_(chunk))
                    .group_by(table.c.id)
                )
                stored.update({row[0]: int(row[1]) for row in conn.execute(query)})
        duplicates = sum(n - 1 for n in stored.values() if n > 1)
        missing = sum(1 for i in ids if i not in stored)
        return duplicates, missing

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.engine.dispose()


def _os_environ() -> dict[str, str]:
    # A DATABASE_URL left in the caller's shell must not redirect the SQLite server.
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}


def push_round(clients: list[CountingClient], *, visits: int, seed: int) -> RoundResult:
    """All ``clients`` push ``visits`` fresh visits each, started together; wall time of all."""
    outboxes = [
        BenchOutbox(make_entries(visits, seed=seed + n)) for n, _client in enumerate(clients)
    ]
    ids = [e.id for box in outboxes for e in _entries(box)]
    barrier = threading.Barrier(len(clients) + 1)
    errors: list[str] = []
    lock = threading.Lock()
    busy_before = sum(c.busy_answers for c in clients)

    def device(client: CountingClient, box: BenchOutbox, n: int) -> None:
        engine = SyncEngine(box, client, rng=random.Random(seed + n))
        barrier.wait()
        try:
            summary = engine.run_once(reconcile=False)
            if summary.rejected:
                with lock:
                    errors.append(f"{len(summary.rejected)} rejected")
        except Exception as exc:  # every failure is a counted error of the figure
            with lock:
                errors.append(error_kind(exc))

    threads = [
        threading.Thread(target=device, args=(c, b, n), daemon=True)
        for n, (c, b) in enumerate(zip(clients, outboxes, strict=True))
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return RoundResult(
        devices=len(clients),
        visits=visits * len(clients),
        seconds=seconds,
        errors=errors,
        not_acked=sum(box.pending_count() for box in outboxes),
        ids=ids,
        busy_answers=sum(c.busy_answers for c in clients) - busy_before,
    )


def error_kind(exc: BaseException) -> str:
    """What went wrong, told apart: "NetworkError: /api/v1/push timed out", "ServerError 503: …".

    A sync error's text names the path and the kind only (never a body), so it is kept whole.
    """
    status = getattr(exc, "status", None)
    kind = type(exc).__name__ + (f" {status}" if status else "")
    return f"{kind}: {exc}" if isinstance(exc, SyncError) else kind


def _entries(box: BenchOutbox) -> list[OutboxEntry]:
    return list(box.entries.values())


def measure(
    *,
    devices: int = 50,
    visits: int = 200,
    runs: int = 5,
    database_url: str | None = None,
    server_log: Path | None = None,
) -> ConcurrencyFigures:
    """Interleave single-device rounds and all-devices rounds on one server, ``runs`` of each."""
    with tempfile.TemporaryDirectory(prefix="bench-conc-") as tmp:
        server = Server(work=Path(tmp), database_url=database_url, server_log=server_log)
        try:
            clients = server.enrolled_clients(devices + 1)
            single, together = clients[:1], clients[1:]
            push_round(single, visits=visits, seed=1)  # warm-up, not counted
            single_runs: list[RoundResult] = []
            together_runs: list[RoundResult] = []
            for run in range(runs):
                base = (run + 1) * SEEDS_PER_RUN
                single_runs.append(push_round(single, visits=visits, seed=base))
                together_runs.append(push_round(together, visits=visits, seed=base + 1))
            every = single_runs + together_runs
            all_ids = [i for r in every for i in r.ids]
            duplicates, missing = server.entry_counts(all_ids)
            for client in clients:
                client.close()
        finally:
            server.stop()
    return ConcurrencyFigures(
        backend="PostgreSQL" if database_url else "SQLite",
        devices=devices,
        visits_per_device=visits,
        together_per_s=statistics.median(r.per_second for r in together_runs),
        single_per_s=statistics.median(r.per_second for r in single_runs),
        errors=sum(len(r.errors) for r in every),
        error_kinds=dict(Counter(e for r in every for e in r.errors)),
        busy_answers=sum(r.busy_answers for r in every),
        not_acked=sum(r.not_acked for r in every),
        duplicates=duplicates,
        missing=missing,
        together_runs=[r.per_second for r in together_runs],
        single_runs=[r.per_second for r in single_runs],
    )


def postgres_url() -> str:
    """A throw-away database for one run, on the test server (started by .ci/postgres.sh)."""
    admin_url = (
        os.environ.get(POSTGRES_ENV)
        or subprocess.run(
            ["bash", str(REPO / ".ci" / "postgres.sh")],
            capture_output=True,
            check=True,
            text=True,
        ).stdout.strip()
    )
    name = f"bench_{uuid.uuid4().hex[:12]}"
    _admin(admin_url, f'CREATE DATABASE "{name}"')
    return sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres(url: str) -> None:
    parsed = sa.make_url(url)
    admin = parsed.set(database="postgres").render_as_string(hide_password=False)
    _admin(admin, f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')


def _admin(url: str, sql: str) -> None:
    import psycopg

    plain = sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        # Database names are generated here, never taken from input.
        conn.execute(sql.encode())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--server-log", type=Path, default=None, help="append the server's output")
    args = parser.parse_args()
    url = postgres_url() if args.postgres else None
    try:
        figures = measure(
            devices=args.devices,
            visits=args.visits,
            runs=args.runs,
            database_url=url,
            server_log=args.server_log,
        )
    finally:
        if url:
            drop_postgres(url)
    sys.stdout.write(
        f"{figures.backend}: {figures.devices} devices x {figures.visits_per_device} visits "
        f"{figures.together_per_s:.0f}/s, one device {figures.single_per_s:.0f}/s -> ratio "
        f"{figures.ratio:.2f}; errors {figures.errors} {figures.error_kinds}, "
        f"busy answers waited out {figures.busy_answers}, "
        f"not acked {figures.not_acked}, "
        f"duplicates {figures.duplicates}, missing {figures.missing}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
