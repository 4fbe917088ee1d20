"""Benchmark: 10k visits pushed end to end (engine → client → real server) vs a raw floor.

The floor posts the very same gzip bodies to a minimal HTTP handler that gunzips, parses and
stores each item as the row the server stores for an accepted item: the `entry` table made by the
server's own migrations (all its indexes), one transaction per batch, WAL, `synchronous=FULL`; no
validation, no hashing, no auth. A second, informational floor does the same into a four-column
table with no index (the floor used before). The three are interleaved; medians of >= 5 runs.
Run: `uv run python bench/bench_sync.py [--visits N] [--runs N] [--profile DIR]`.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import gzip
import json
import multiprocessing
import os
import pstats
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from sync.client import SyncClient, encode_body
from sync.engine import DayDigest, OutboxEntry, SyncEngine
from sync.protocol import ItemResult, PushRequest, PushResponse, ServerMark, content_hash
from sync.server.database import SQLITE_FILENAME, make_engine, migrate, sqlite_url

# Set by the benchmark for its own server child when profiling: where to write the stats.
SERVE_PROFILED_ENV = "BENCH_SYNC_SERVE_PROFILED"
PROFILE_TOP = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_TEMPLATES: list[dict[str, Any]] = []
VISIT_DAY = datetime(2026, 3, 12, 8, tzinfo=UTC)


def _still_valid(templates: list[dict[str, Any]], *, on: datetime) -> list[dict[str, Any]]:
    """The templates whose classes the server's rules still give on ``on``.

    A template is classified on its own day; moved to another day a section that reads the
    date (the age, a count of days) may classify otherwise, and the server rightly refuses it.
    """
    from datagen import clone_visit

    from screening.rules.recheck import recheck_visit
    from sync.protocol import VisitPayload

    kept = []
    for template in templates:
        moved = clone_visit(template, visit_id=template["id"], person_id="p", at=on)
        if recheck_visit(VisitPayload.model_validate(moved)) is None:
            kept.append(template)
    return kept


def visit_payload(rng: random.Random, *, person_id: str, visit_id: str) -> dict[str, Any]:
    """A visit payload as the app writes it (demo visits through the real rules, see datagen)."""
    from datagen import clone_visit, visit_templates

    if not _TEMPLATES:
        _TEMPLATES.extend(_still_valid(visit_templates(seed=7), on=VISIT_DAY))
    when = VISIT_DAY + timedelta(seconds=rng.randrange(4 * 3600))
    template = _TEMPLATES[rng.randrange(len(_TEMPLATES))]
    return clone_visit(template, visit_id=visit_id, person_id=person_id, at=when)


class BenchOutbox:
    """A minimal in-memory `OutboxStore` for the benchmark.

    Every call costs in proportion to the batch, not to the whole outbox: it stands in for the
    app's outbox and must not be what the figure measures.
    """

    def __init__(self, entries: Sequence[OutboxEntry]) -> None:
        self.entries = {(e.id, e.version): e for e in entries}
        self.state = dict.fromkeys(self.entries, "pending")
        self.queue: deque[tuple[str, int]] = deque(self.entries)
        self.in_flight: list[tuple[str, int]] = []
        self.mark: ServerMark | None = None
        self.unsent = len(self.entries)
        self._cursor: str | None = None

    def claim_batch(self, limit: int) -> list[OutboxEntry]:
        picked = [self.queue.popleft() for _ in range(min(limit, len(self.queue)))]
        for key in picked:
            self.state[key] = "in_flight"
        self.in_flight.extend(picked)
        return [self.entries[k] for k in picked]

    def apply_results(
        self, results: Sequence[ItemResult], *, sent_hashes: Mapping[tuple[str, int], str]
    ) -> None:
        for r in results:
            key = (r.id, r.version)
            if sent_hashes.get(key) == self.entries[key].content_hash:
                ok = r.status in ("accepted", "duplicate")
                if self.state[key] in ("pending", "in_flight"):
                    self.unsent -= 1
                self.state[key] = "acked" if ok else r.status

    def release_in_flight(self) -> int:
        moved = [k for k in self.in_flight if self.state[k] == "in_flight"]
        for key in moved:
            self.state[key] = "pending"
        # Back at the head of the queue, in their order.
        self.queue.extendleft(reversed(moved))
        self.in_flight = []
        return len(moved)

    def store_pulled(self, people: Sequence[Mapping[str, Any]], followups: Sequence[Any]) -> int:
        return len(people) + len(followups)

    def store_estimates(self, estimates: Sequence[Any]) -> None:
        self.estimates = list(estimates)

    @property
    def cursor(self) -> str | None:
        return self._cursor

    def set_cursor(self, cursor: str | None) -> None:
        self._cursor = cursor

    def acked_digests_by_day(self) -> list[DayDigest]:
        return []

    def requeue(self, ids: Sequence[str]) -> int:  # noqa: ARG002 - never reconciles
        return 0

    def pending_count(self) -> int:
        return self.unsent

    def oldest_unsent_at(self) -> datetime | None:
        return None

    def server_mark(self) -> ServerMark | None:
        return self.mark

    def set_server_mark(self, mark: ServerMark) -> None:
        self.mark = mark

    def audit_links(self, limit: int) -> list[Any]:  # noqa: ARG002
        """This store keeps no audit trail."""
        return []

    def audit_acked(self, seq: int) -> None:  # noqa: ARG002
        return None


class RecordingClient(SyncClient):
    """Keeps every batch sent; `bodies()` gives their exact gzip bytes for the floor and size.

    Encoding happens after the timed run: encoding each body a second time inside `push` made
    the end-to-end figure pay ~8 % for the benchmark's own bookkeeping.
    """

    batches: list[PushRequest]

    def push(self, batch: PushRequest) -> PushResponse:
        self.batches.append(batch)
        return super().push(batch)

    def bodies(self) -> list[bytes]:
        return [encode_body(batch) for batch in self.batches]


def make_entries(n: int, *, seed: int) -> list[OutboxEntry]:
    rng = random.Random(seed)
    people = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(max(1, n // 3))]
    entries = []
    for _ in range(n):
        visit_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        payload = visit_payload(rng, person_id=rng.choice(people), visit_id=visit_id)
        entries.append(
            OutboxEntry(
                id=visit_id,
                type="visit",
                version=1,
                base_version=None,
                content_hash=content_hash(payload),
                recorded_at=datetime.fromisoformat(payload["measured_at"]),
                payload=payload,
            )
        )
    return entries


def start_server(
    data_dir: Path, port: int, *, profile_to: Path | None = None
) -> subprocess.Popen[bytes]:
    server_args = ["--data-dir", str(data_dir), "--port", str(port)]
    env = dict(os.environ)
    if profile_to is None:
        command = [sys.executable, "-m", "sync.server", *server_args]
    else:
        # This very script, as the server under cProfile (see `serve_profiled`).
        command = [sys.executable, str(Path(__file__).resolve()), *server_args]
        env[SERVE_PROFILED_ENV] = str(profile_to)
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_ready(f"http://127.0.0.1:{port}/api/v1/health")
    return proc


def serve_profiled(out: Path, argv: Sequence[str]) -> int:
    """Run the real server (`sync.server` main) with cProfile in every thread; stats to `out`.

    The push handler runs in worker threads, which `python -m cProfile` would not see. Stats are
    written when the server stops on SIGINT.
    """
    from sync.server.__main__ import main as server_main

    profiles: list[cProfile.Profile] = []

    def profile_this_thread(*_args: Any) -> None:
        profile = cProfile.Profile()
        profiles.append(profile)
        profile.enable()

    main_profile = cProfile.Profile()
    threading.setprofile(profile_this_thread)
    main_profile.enable()
    try:
        return server_main(argv)
    finally:
        main_profile.disable()
        stats = pstats.Stats(main_profile)
        for profile in profiles:
            stats.add(profile)
        stats.dump_stats(str(out))


def wait_ready(url: str) -> None:
    for _ in range(600):
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer")


def stop(proc: subprocess.Popen[bytes], *, gracefully: bool = False) -> None:
    if proc.poll() is None:
        if gracefully:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=60)
                return
            except subprocess.TimeoutExpired:
                pass
        proc.kill()
    proc.wait()


def sqlite_datetime(value: str) -> str:
    """The text SQLAlchemy's SQLite `DateTime` stores for an ISO 8601 time, in UTC as the server."""
    moment = datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(" ", timespec="microseconds")


ENTRY_INSERT = (
    "INSERT INTO entry (id, type, version, base_version, content_hash, payload, recorded_at,"
    " received_at, device_id, area, is_current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
)
BENCH_AREA = "Bench"


class FloorHandler(BaseHTTPRequestHandler):
    """Gunzip, parse, store in one transaction, answer `{}`: nothing checked, nothing hashed."""

    db: sqlite3.Connection

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        batch = json.loads(gzip.decompress(body))
        with self.db:
            self.store(batch)
        self._answer()

    def store(self, batch: dict[str, Any]) -> None:
        raise NotImplementedError

    def _answer(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class EntryFloorHandler(FloorHandler):
    """Each item as the `entry` row the server stores for an accepted new record."""

    def store(self, batch: dict[str, Any]) -> None:
        received_at = datetime.now(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        device_id = batch["device_id"]
        rows = [
            (
                i["id"],
                i["type"],
                i["version"],
                i["base_version"],
                i["content_hash"],
                # The text the server stores (canonical JSON), not checked against the hash.
                json.dumps(i["payload"], sort_keys=True, separators=(",", ":"), ensure_ascii=False),
                sqlite_datetime(i["recorded_at"]),
                received_at,
                device_id,
                BENCH_AREA,
            )
            for i in batch["items"]
        ]
        self.db.executemany(ENTRY_INSERT, rows)


class BareFloorHandler(FloorHandler):
    """The earlier floor: four columns into a table with no index."""

    def store(self, batch: dict[str, Any]) -> None:
        rows = [
            (i["id"], i["version"], i["content_hash"], json.dumps(i["payload"]))
            for i in batch["items"]
        ]
        self.db.executemany("INSERT INTO entry VALUES (?, ?, ?, ?)", rows)


def serve_floor(kind: str, data_dir: str, port: int) -> None:
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    handler: type[FloorHandler]
    if kind == "entry":
        # The server's own schema, made by its own migrations: every index of `entry` included.
        engine = make_engine(sqlite_url(folder))
        migrate(engine)
        engine.dispose()
        db = sqlite3.connect(folder / SQLITE_FILENAME, check_same_thread=False)
        handler = EntryFloorHandler
    else:
        db = sqlite3.connect(folder / "floor.sqlite3", check_same_thread=False)
        db.execute("CREATE TABLE IF NOT EXISTS entry (id, version, content_hash, payload)")
        handler = BareFloorHandler
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    handler.db = db
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


def run_floor(bodies: Sequence[bytes], url: str) -> float:
    session = requests.Session()
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    started = time.perf_counter()
    for body in bodies:
        session.post(url, data=body, headers=headers, timeout=60).raise_for_status()
    return time.perf_counter() - started


def enroll_code(data_dir: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sync.server", "enroll-code", "--posyandu", BENCH_AREA]
        + ["--data-dir", str(data_dir)],
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip().splitlines()[-1]


def print_profile(title: str, path: Path) -> None:
    print(f"\n{title} ({path}), top {PROFILE_TOP} by own time:")
    stats = pstats.Stats(str(path))
    stats.sort_stats("tottime").print_stats(PROFILE_TOP)
    print(f"{title}, top {PROFILE_TOP} by cumulative time:")
    stats.sort_stats("cumulative").print_stats(PROFILE_TOP)


def measure(work: Path, *, visits: int, runs: int, profile_dir: Path | None) -> None:
    port = free_port()
    server_stats = profile_dir / "server.pstats" if profile_dir else None
    server = start_server(work / "server", port, profile_to=server_stats)
    floors: dict[str, multiprocessing.Process] = {}
    floor_urls: dict[str, str] = {}
    try:
        for kind in ("entry", "bare"):
            floor_port = free_port()
            floors[kind] = multiprocessing.Process(
                target=serve_floor,
                args=(kind, str(work / f"floor-{kind}"), floor_port),
                daemon=True,
            )
            floors[kind].start()
            wait_ready(f"http://127.0.0.1:{floor_port}/")
            floor_urls[kind] = f"http://127.0.0.1:{floor_port}/push"
        client = RecordingClient(
            f"http://127.0.0.1:{port}", token=None, device_id=None, timeout=(5, 120)
        )
        client.batches = []
        client.enroll(enroll_code(work / "server"), device_name="bench")

        client_profile = cProfile.Profile() if profile_dir else None
        e2e: list[float] = []
        floor_times: dict[str, list[float]] = {"entry": [], "bare": []}
        wire_bytes = 0
        batches = 0
        for run in range(runs):
            entries = make_entries(visits, seed=run)
            store = BenchOutbox(entries)
            engine = SyncEngine(store, client, rng=random.Random(run))
            client.batches = []
            # The benchmark's own data (the whole outbox in memory, about half a million objects)
            # is kept out of the collector's full passes while timing: the app keeps its outbox
            # on disk, and rescanning this heap cost the client up to 0.3 s per run.
            gc.collect()
            gc.freeze()
            if client_profile:
                client_profile.enable()
            started = time.perf_counter()
            summary = engine.run_once(reconcile=False)
            e2e.append(time.perf_counter() - started)
            if client_profile:
                client_profile.disable()
            if summary.acked != visits or store.pending_count():
                raise SystemExit(f"run {run}: only {summary.acked} of {visits} acked")
            bodies = client.bodies()
            wire_bytes = sum(len(b) for b in bodies)
            batches = len(bodies)
            # Both floors take turns going first, so neither always meets a warmer machine.
            for kind in ("entry", "bare") if run % 2 == 0 else ("bare", "entry"):
                floor_times[kind].append(run_floor(bodies, floor_urls[kind]))
            gc.unfreeze()
    finally:
        stop(server, gracefully=server_stats is not None)
        for process in floors.values():
            process.kill()
            process.join()

    e2e_median = statistics.median(e2e)
    floor_median = statistics.median(floor_times["entry"])
    bare_median = statistics.median(floor_times["bare"])
    print(f"visits per run:        {visits} in {batches} batches (last run)")
    print(f"end to end (median):   {e2e_median:.3f} s  runs={[round(t, 3) for t in e2e]}")
    print(
        f"raw floor (median):    {floor_median:.3f} s  runs="
        f"{[round(t, 3) for t in floor_times['entry']]}  (entry rows, server schema and indexes)"
    )
    print(
        f"no-index floor (median): {bare_median:.3f} s  runs="
        f"{[round(t, 3) for t in floor_times['bare']]}  (informational: 4 columns, no index)"
    )
    print(f"ratio end-to-end/raw:  {e2e_median / floor_median:.2f}")
    print(f"ratio vs no-index:     {e2e_median / bare_median:.2f} (informational)")
    print(f"visits per second:     {visits / e2e_median:.0f}")
    print(f"gzip bytes per visit:  {wire_bytes / visits:.1f} (goal <= 200)")
    if profile_dir and client_profile and server_stats:
        print("\nProfiled run: the times above include the profilers' overhead.")
        client_stats = profile_dir / "client.pstats"
        client_profile.dump_stats(str(client_stats))
        print_profile("client (engine + client, in process)", client_stats)
        print_profile("server (every thread)", server_stats)


def _exit_on_sigterm(_signum: int, _frame: Any) -> None:
    # Unwinds through `finally` blocks: the servers stop and the temporary directory goes.
    raise SystemExit(143)


def main() -> int:
    profiled_out = os.environ.get(SERVE_PROFILED_ENV)
    if profiled_out:
        return serve_profiled(Path(profiled_out), sys.argv[1:])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        metavar="DIR",
        help="profile the client in process and the server in every thread (cProfile); "
        "write client.pstats and server.pstats to DIR and print their top entries",
    )
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as work:
        measure(Path(work), visits=args.visits, runs=args.runs, profile_dir=args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
