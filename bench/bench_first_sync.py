"""Benchmark: a new laptop's first sync of an area of N residents, into its encrypted register.

The server (the real `sync.server` process on 127.0.0.1) holds an area of N residents, pushed
by another device as real `PersonPayload`s (`server_payloads`). Each run enrols a new laptop in
that area with a fresh `Register` and runs the app's own `build_sync(...).engine.run_once()`:
every page pulled, every resident stored through `Register.sync.store_pulled`, the cursor
saved. The floor fetches the very same pages with a bare HTTP session and parses them (nothing
stored, no model checked). The two take turns going first; medians.
Run: `uv run python bench/bench_first_sync.py --residents 20000 --runs 5 [--port P]`.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from bench_sync import start_server, stop
from server_payloads import area_items

from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import build_sync, enroll_device
from sync.client import SyncClient
from sync.engine import PULL_LIMIT
from sync.protocol import PushRequest

AREA = "Desa Tarik"
PUSH_CHUNK = 1000


@dataclass
class Figures:
    residents: int
    pages: int = 0
    real: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    stored: int = 0


def enroll_code(data_dir: Path, posyandu: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sync.server", "enroll-code", "--posyandu", posyandu]
        + ["--area", AREA, "--data-dir", str(data_dir)],
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip().splitlines()[-1]


def fill_area(url: str, code: str, *, residents: int) -> None:
    """Another device registers the area's residents (pushed through the real server)."""
    client = SyncClient(url, token=None, device_id=None, timeout=(5, 300))
    answer = client.enroll(code, device_name="kader-lama")
    items = list(area_items(people=residents, visits_per_person=0, seed=20, desa=AREA))
    for start in range(0, len(items), PUSH_CHUNK):
        request = PushRequest.model_validate(
            {
                "batch_id": f"00000000-0000-4000-8000-{start:012d}",
                "device_id": answer.device_id,
                "app_version": "bench",
                "protocol_version": 1,
                "client_time": "2026-01-01T00:00:00+00:00",
                "items": items[start : start + PUSH_CHUNK],
                "pending_count": 0,
            }
        )
        done = client.push(request)
        refused = [r for r in done.results if r.status not in ("accepted", "duplicate")]
        if refused:
            raise SystemExit(f"filling the area: {len(refused)} residents refused")
    client.close()


def first_sync(work: Path, url: str, code: str) -> tuple[float, int]:
    register = Register.open(work, device_id="laptop-baru")
    try:
        enroll_device(register, server_url=url, code=code, device_name="laptop-baru")
        setup = build_sync(register, settings=AppSettings(), rng=random.Random(1))
        assert setup is not None
        gc.collect()
        started = time.perf_counter()
        summary = setup.engine.run_once(reconcile=False)
        seconds = time.perf_counter() - started
        setup.close()
        with register.database.engine.connect() as conn:
            stored = int(conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one())
        if stored != summary.pulled_people or not stored:
            raise SystemExit(f"first sync stored {stored}, pulled {summary.pulled_people}")
    finally:
        register.close()
    return seconds, stored


def floor_pull(url: str, code: str) -> tuple[float, int]:
    """The same pages fetched and parsed by a bare session: nothing checked or stored."""
    session = requests.Session()
    token = session.post(
        url + "/api/v1/devices/enroll", json={"code": code, "device_name": "floor"}, timeout=30
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
    started = time.perf_counter()
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": PULL_LIMIT}
        if cursor:
            params["cursor"] = cursor
        page = session.get(url + "/api/v1/sync/pull", params=params, headers=headers, timeout=120)
        body = page.json()
        pages += 1
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    seconds = time.perf_counter() - started
    session.close()
    return seconds, pages


def measure(*, residents: int, runs: int, port: int) -> Figures:
    figures = Figures(residents=residents)
    with tempfile.TemporaryDirectory(prefix="bench-first-sync-") as tmp:
        work = Path(tmp)
        server = start_server(work / "server", port)
        url = f"http://127.0.0.1:{port}"
        try:
            fill_area(url, enroll_code(work / "server", "Posyandu Lama"), residents=residents)
            for run in range(runs):
                order = ("real", "floor") if run % 2 == 0 else ("floor", "real")
                for side in order:
                    code = enroll_code(work / "server", f"Posyandu Baru {run} {side}")
                    if side == "real":
                        seconds, figures.stored = first_sync(work / f"laptop-{run}", url, code)
                        figures.real.append(seconds)
                    else:
                        seconds, figures.pages = floor_pull(url, code)
                        figures.floor.append(seconds)
        finally:
            stop(server)
    return figures


def report(figures: Figures) -> None:
    real, floor = statistics.median(figures.real), statistics.median(figures.floor)
    print(f"residents stored:      {figures.stored} of {figures.residents}")
    print(f"pages:                 {figures.pages} of {PULL_LIMIT}")
    print(f"first sync (median):   {real:.3f} s  runs={[round(t, 3) for t in figures.real]}")
    print(f"pull floor (median):   {floor:.6f} s  runs={[round(t, 3) for t in figures.floor]}")
    print(f"ratio first sync/floor: {real / floor:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=18620)
    args = parser.parse_args()
    report(measure(residents=args.residents, runs=args.runs, port=args.port))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
