"""Puskesmas server at kabupaten scale: ingest, first sync, and dashboard pages on big databases.

Every figure goes through the real server process over HTTP on 127.0.0.1, with real app
payloads (`server_payloads`). Subcommands:

- ``ingest``: one client pushing visits (with their residents) in batches of 500: visits/s.
- ``fill``: build a big database through the server's own push transaction (in-process, items
  checked once per distinct visit template; summaries kept as on arrival).
- ``pages``: on a filled database: overview first load after a start, after a push, the
  referral page, and the server's peak RSS.
- ``pull``: a new laptop's first pull of an area of N residents.

``--database-url`` picks PostgreSQL (default: a SQLite file in ``--data-dir``); ``--port`` the
port the server binds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from server_payloads import area_items  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "sandi-bench-12345"


def database_url(args: argparse.Namespace) -> str:
    if args.database_url:
        return str(args.database_url)
    from sync.server.database import sqlite_url

    return sqlite_url(Path(args.data_dir))


def _env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    return env


def cli(args: argparse.Namespace, *command: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sync.server", "--data-dir", args.data_dir, *command],
        cwd=REPO,
        env=_env(args),
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


@contextmanager
def server(args: argparse.Namespace) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    url = f"http://127.0.0.1:{args.port}"
    log = Path(args.data_dir) / "bench-server.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.server",
                "--data-dir",
                args.data_dir,
                "--port",
                str(args.port),
            ],
            cwd=REPO,
            env=_env(args),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def peak_rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (load on the machine does not change it)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def enroll(url: str, args: argparse.Namespace, *, posyandu: str, area: str) -> dict[str, str]:
    code = cli(args, "enroll-code", "--posyandu", posyandu, "--area", area)
    body = httpx.post(
        url + "/api/v1/devices/enroll", json={"code": code, "device_name": posyandu}, timeout=30
    ).json()
    return {"device_id": body["device_id"], "token": body["token"]}


def push_body(device: dict[str, str], items: list[dict[str, Any]]) -> bytes:
    body = {
        "batch_id": str(uuid.uuid4()),
        "device_id": device["device_id"],
        "app_version": "bench",
        "protocol_version": 1,
        "client_time": datetime.now(UTC).isoformat(),
        "items": items,
        "pending_count": 0,
    }
    return gzip.compress(json.dumps(body).encode(), compresslevel=6)


def post(url: str, device: dict[str, str], body: bytes) -> dict[str, Any]:
    answer = httpx.post(
        url + "/api/v1/sync/push",
        content=body,
        headers={
            "Authorization": f"Bearer {device['token']}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
        },
        timeout=300,
    )
    answer.raise_for_status()
    return dict(answer.json())


def push(url: str, device: dict[str, str], items: list[dict[str, Any]]) -> dict[str, Any]:
    return post(url, device, push_body(device, items))


def run_ingest(args: argparse.Namespace) -> None:
    """Visits with their residents in batches of 500, runs interleaved with the entry floor."""
    from bench_sync import run_floor, serve_floor, wait_ready

    times: list[float] = []
    floors: list[float] = []
    cpus: list[float] = []
    statuses: dict[str, int] = {}
    visits = items_count = 0
    with server(args) as (url, proc):
        for run in range(args.runs):
            items = list(
                area_items(
                    people=args.visits // 4, visits_per_person=4, seed=args.seed + run, desa="B"
                )
            )
            visits = sum(1 for i in items if i["type"] == "visit")
            items_count = len(items)
            area = f"Bench {uuid.uuid4().hex[:6]}"
            device = enroll(url, args, posyandu="Posyandu Bench", area=area)
            bodies = [push_body(device, items[s : s + 500]) for s in range(0, len(items), 500)]
            floor = multiprocessing.Process(
                target=serve_floor,
                args=("entry", str(Path(args.data_dir) / f"floor-{run}"), args.port + 1),
                daemon=True,
            )
            floor.start()
            try:
                wait_ready(f"http://127.0.0.1:{args.port + 1}/")
                for side in ("ours", "floor") if run % 2 == 0 else ("floor", "ours"):
                    if side == "floor":
                        floors.append(run_floor(bodies, f"http://127.0.0.1:{args.port + 1}/p"))
                        continue
                    cpu = cpu_seconds(proc.pid)
                    started = time.perf_counter()
                    for body in bodies:
                        for result in post(url, device, body)["results"]:
                            key = f"{result['status']}:{result['code']}"
                            statuses[key] = statuses.get(key, 0) + 1
                    times.append(time.perf_counter() - started)
                    cpus.append(cpu_seconds(proc.pid) - cpu)
            finally:
                floor.kill()
                floor.join()
        rss = peak_rss_mib(proc.pid)
    seconds, floor_s = statistics.median(times), statistics.median(floors)
    cpu = statistics.median(cpus)
    print(f"ingest: {visits} visits + {items_count - visits} residents in {seconds:.2f} s")
    print(f"ingest: floor {floor_s:.3f} s; runs {[round(t, 2) for t in times]}")
    print(f"ingest: server CPU {cpu:.2f} s = {visits / cpu:.0f} visits per server CPU-second")
    print(
        f"ingest: {visits / seconds:.0f} visits/s ({items_count / seconds:.0f} items/s); {statuses}"
    )
    print(f"ingest: server peak RSS {rss:.0f} MiB")


def run_fill(args: argparse.Namespace) -> None:
    from bench_server_fill import fill

    fill(
        database_url(args),
        entries=args.entries,
        areas=args.areas,
        seed=args.seed,
        first_area=args.first_area,
    )


def _login(url: str, args: argparse.Namespace) -> httpx.Client:
    username = f"bench{uuid.uuid4().hex[:6]}"
    cli(args, "add-staff", "--username", username, "--password-stdin", stdin=PASSWORD + "\n")
    client = httpx.Client(base_url=url, timeout=600)
    page = client.get("/dashboard/masuk").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    answer = client.post(
        "/dashboard/masuk",
        data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)},
    )
    assert answer.status_code == 303
    return client


def _timed(client: httpx.Client, path: str, params: dict[str, str]) -> float:
    started = time.perf_counter()
    answer = client.get(path, params=params)
    answer.raise_for_status()
    return time.perf_counter() - started


def run_pages(args: argparse.Namespace) -> None:
    month = {"bulan": args.month}
    with server(args) as (url, proc):
        client = _login(url, args)
        health = [_timed(client, "/api/v1/health", {}) for _ in range(5)]
        first = _timed(client, "/dashboard", month)
        again = [_timed(client, "/dashboard", month) for _ in range(5)]
        device = enroll(url, args, posyandu="Posyandu Bench", area="Bench push")
        after = []
        for n in range(5):
            items = list(
                area_items(people=1, visits_per_person=1, seed=args.seed + 100 + n, desa="X")
            )
            push(url, device, items)
            after.append(_timed(client, "/dashboard", month))
        referrals = [_timed(client, "/dashboard/rujukan", {}) for _ in range(5)]
        deep = [_timed(client, "/dashboard/rujukan", {"halaman": "50"}) for _ in range(3)]
        rss = peak_rss_mib(proc.pid)
        client.close()
    median = statistics.median
    print(f"pages: overview first load after start {first:.3f} s; again {median(again):.3f} s")
    print(f"pages: overview after a push median {median(after):.3f} s (max {max(after):.3f})")
    print(f"pages: referrals median {median(referrals):.3f} s; page 50 {median(deep):.3f} s")
    print(f"pages: server peak RSS {rss:.0f} MiB")
    print(f"pages: health round trip median {median(health):.4f} s")


def run_pull(args: argparse.Namespace) -> None:
    items = list(
        area_items(people=args.residents, visits_per_person=0, seed=args.seed, desa="Pull")
    )
    area = f"Pull {uuid.uuid4().hex[:6]}"
    with server(args) as (url, _proc):
        device = enroll(url, args, posyandu="Posyandu Pull", area=area)
        for start in range(0, len(items), 1000):
            push(url, device, items[start : start + 1000])
        laptop = enroll(url, args, posyandu="Posyandu Pull 2", area=area)
        headers = {"Authorization": f"Bearer {laptop['token']}"}
        for limit in (500, 1000):
            times = []
            for _ in range(3):
                started = time.perf_counter()
                cursor, count, pages = None, 0, 0
                with httpx.Client(timeout=120) as http:
                    while True:
                        params: dict[str, Any] = {"limit": limit}
                        if cursor:
                            params["cursor"] = cursor
                        page = http.get(
                            url + "/api/v1/sync/pull", params=params, headers=headers
                        ).json()
                        count += len(page["people"])
                        pages += 1
                        cursor = page["cursor"]
                        if not page["has_more"]:
                            break
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            print(f"pull: {count} residents in {pages} pages of {limit}: median {median:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("ingest", "fill", "pages", "pull"))
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--port", type=int, default=18480)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=500_000)
    parser.add_argument("--areas", type=int, default=100)
    parser.add_argument("--first-area", type=int, default=0, help="fill: number areas from here")
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--month", default="2025-06")
    parser.add_argument("--runs", type=int, default=3, help="ingest: interleaved runs")
    args = parser.parse_args()
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    {"ingest": run_ingest, "fill": run_fill, "pages": run_pages, "pull": run_pull}[args.command](
        args
    )


if __name__ == "__main__":
    main()
