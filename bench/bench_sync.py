"""Benchmark: 10k visits pushed end to end (engine → client → real server) vs a raw floor.

The floor posts the very same gzip bodies to a minimal HTTP handler that only gunzips, parses and
stores them with sqlite3 executemany. Prints medians of >= 5 runs, their ratio, and gzip bytes per
visit on the wire. Run: `uv run python bench/bench_sync.py [--visits N] [--runs N]`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from sync.client import SyncClient, encode_body
from sync.engine import DayDigest, OutboxEntry, SyncEngine
from sync.protocol import ItemResult, PushRequest, PushResponse, content_hash


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def visit_payload(rng: random.Random, *, person_id: str, kader_id: str) -> dict[str, Any]:
    """A realistic adult screening: anthropometry, tensi, gula, TBC symptoms, and half SRQ-20."""
    when = datetime(2026, 3, 12, 8, tzinfo=UTC) + timedelta(seconds=rng.randrange(4 * 3600))
    systolic = rng.randint(100, 185)
    diastolic = rng.randint(60, 110)
    payload: dict[str, Any] = {
        "person_id": person_id,
        "measured_at": when.isoformat(),
        "tz": "+07:00",
        "place": "posyandu",
        "by": kader_id,
        "rules": "ilp-2023.1",
        "anthro": {
            "bb": round(rng.uniform(40, 90), 1),
            "tb": round(rng.uniform(145, 175), 1),
            "lp": rng.randint(65, 110),
            "imt": "normal",
        },
        "bp": {"r": [[systolic, diastolic]], "class": "normal_tinggi", "level": "monitor"},
        "glucose": {
            "v": rng.randint(70, 260),
            "kind": "sewaktu",
            "class": "normal",
            "level": "none",
        },
        "tb": {
            "batuk": rng.random() < 0.1,
            "demam": False,
            "bb_turun": False,
            "keringat_malam": False,
            "kontak": False,
            "level": "none",
        },
        "referral": "monitor",
        "reasons": ["bp.normal_tinggi"],
    }
    if rng.random() < 0.5:
        answers = "".join(rng.choice("0000001") for _ in range(20))
        payload["srq20"] = {"a": answers, "score": answers.count("1"), "level": "none"}
    return payload


class BenchOutbox:
    """A minimal in-memory `OutboxStore` for the benchmark."""

    def __init__(self, entries: Sequence[OutboxEntry]) -> None:
        self.entries = {(e.id, e.version): e for e in entries}
        self.state = dict.fromkeys(self.entries, "pending")
        self.order = list(self.entries)
        self._cursor: str | None = None

    def claim_batch(self, limit: int) -> list[OutboxEntry]:
        picked = [k for k in self.order if self.state[k] == "pending"][:limit]
        for key in picked:
            self.state[key] = "in_flight"
        return [self.entries[k] for k in picked]

    def apply_results(
        self, results: Sequence[ItemResult], *, sent_hashes: Mapping[tuple[str, int], str]
    ) -> None:
        for r in results:
            key = (r.id, r.version)
            if sent_hashes.get(key) == self.entries[key].content_hash:
                ok = r.status in ("accepted", "duplicate")
                self.state[key] = "acked" if ok else r.status
        self.order = [k for k in self.order if self.state[k] in ("pending", "in_flight")]

    def release_in_flight(self) -> int:
        moved = [k for k, s in self.state.items() if s == "in_flight"]
        for key in moved:
            self.state[key] = "pending"
        return len(moved)

    def store_pulled(self, people: Sequence[Mapping[str, Any]], followups: Sequence[Any]) -> int:
        return len(people) + len(followups)

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
        return sum(1 for s in self.state.values() if s in ("pending", "in_flight"))

    def oldest_unsent_at(self) -> datetime | None:
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
    kader = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    entries = []
    for _ in range(n):
        payload = visit_payload(rng, person_id=rng.choice(people), kader_id=kader)
        entries.append(
            OutboxEntry(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                type="visit",
                version=1,
                base_version=None,
                content_hash=content_hash(payload),
                recorded_at=datetime.fromisoformat(payload["measured_at"]),
                payload=payload,
            )
        )
    return entries


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server", "--data-dir", str(data_dir), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_ready(f"http://127.0.0.1:{port}/api/v1/health")
    return proc


def wait_ready(url: str) -> None:
    for _ in range(600):
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer")


class FloorHandler(BaseHTTPRequestHandler):
    db: sqlite3.Connection

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        batch = json.loads(gzip.decompress(body))
        rows = [
            (i["id"], i["version"], i["content_hash"], json.dumps(i["payload"]))
            for i in batch["items"]
        ]
        with self.db:
            self.db.executemany("INSERT INTO entry VALUES (?, ?, ?, ?)", rows)
        self._answer()

    def _answer(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def serve_floor(db_path: str, port: int) -> None:
    db = sqlite3.connect(db_path, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS entry (id, version, content_hash, payload)")
    FloorHandler.db = db
    ThreadingHTTPServer(("127.0.0.1", port), FloorHandler).serve_forever()


def run_floor(bodies: Sequence[bytes], url: str) -> float:
    session = requests.Session()
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    started = time.perf_counter()
    for body in bodies:
        session.post(url, data=body, headers=headers, timeout=60).raise_for_status()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    port = free_port()
    server = start_server(work / "server", port)
    floor_port = free_port()
    floor = multiprocessing.Process(
        target=serve_floor, args=(str(work / "floor.sqlite3"), floor_port), daemon=True
    )
    floor.start()
    try:
        wait_ready(f"http://127.0.0.1:{floor_port}/")
        code = (
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "sync.server",
                    "enroll-code",
                    "--posyandu",
                    "Bench",
                    "--data-dir",
                    str(work / "server"),
                ],
                capture_output=True,
                check=True,
            )
            .stdout.decode()
            .strip()
            .splitlines()[-1]
        )
        client = RecordingClient(
            f"http://127.0.0.1:{port}", token=None, device_id=None, timeout=(5, 120)
        )
        client.batches = []
        client.enroll(code, device_name="bench")

        e2e: list[float] = []
        raw: list[float] = []
        wire_bytes = 0
        batches = 0
        for run in range(args.runs):
            entries = make_entries(args.visits, seed=run)
            store = BenchOutbox(entries)
            engine = SyncEngine(store, client, rng=random.Random(run))
            client.batches = []
            started = time.perf_counter()
            summary = engine.run_once(reconcile=False)
            e2e.append(time.perf_counter() - started)
            if summary.acked != args.visits or store.pending_count():
                raise SystemExit(f"run {run}: only {summary.acked} of {args.visits} acked")
            bodies = client.bodies()
            wire_bytes = sum(len(b) for b in bodies)
            batches = len(bodies)
            raw.append(run_floor(bodies, f"http://127.0.0.1:{floor_port}/push"))

        e2e_median = statistics.median(e2e)
        raw_median = statistics.median(raw)
        print(f"visits per run:        {args.visits} in {batches} batches (last run)")
        print(f"end to end (median):   {e2e_median:.3f} s  runs={[round(t, 3) for t in e2e]}")
        print(f"raw floor (median):    {raw_median:.3f} s  runs={[round(t, 3) for t in raw]}")
        print(f"ratio end-to-end/raw:  {e2e_median / raw_median:.2f}")
        print(f"visits per second:     {args.visits / e2e_median:.0f}")
        print(f"gzip bytes per visit:  {wire_bytes / args.visits:.1f} (goal <= 200)")
    finally:
        server.kill()
        server.wait()
        floor.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
