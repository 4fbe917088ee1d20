"""Benchmark: a push from the app's real encrypted outbox vs the same push from memory vs a floor.

The device side is a real `Register` seeded by the demo (`kader_app.core.demo.seed_demo`: every
life-cycle stage, a year of monthly visits, each saved through `Register.visits.record`), so the
payloads are the app's own, with the demo's mix of sections, and every entry is pending in the
encrypted outbox. Each run, on fresh servers (the real `sync.server` process on 127.0.0.1):

- *real*: a copy of that database, enrolled, synced by the app's own `build_sync` (the
  `RegisterOutboxStore` over SQLCipher, the real `SyncEngine` and `SyncClient`);
- *memory*: the very same entries (same payloads, same hashes) from an in-memory outbox
  (`bench_sync.BenchOutbox`) through the same engine and client;
- *floor*: the memory side's gzip bodies posted to the raw entry-row floor of `bench_sync`.

The sides take turns going first; medians. Bytes are counted on the wire both ways: each push
request body as sent and each push answer as received (its `Content-Length`).
Run: `uv run python bench/bench_outbox_push.py --residents 1250 --runs 5 [--port-base P]`.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from typing import Any, Literal, cast

import requests
import wire_options
from bench_sync import (
    BenchOutbox,
    RecordingClient,
    enroll_code,
    run_floor,
    serve_floor,
    start_server,
    stop,
    wait_ready,
)

from kader_app.core.database import BACKUP_DIRNAME
from kader_app.core.demo import DEMO_SEED, seed_demo
from kader_app.core.keystore import key_file_path
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import build_sync, enroll_device
from sync.client import SyncClient
from sync.engine import OutboxEntry, SyncEngine

SEED_TODAY = date(2026, 11, 10)
PUSH_PATH = "/api/v1/sync/push"
WARM_ITEMS = 60


@dataclass
class Wire:
    """Bytes of the push requests as sent and of their answers as received."""

    sent: int = 0
    received: int = 0
    answers_compressed: bool = False
    answers_plain: int = 0
    answers: list[bytes] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)

    def hook(self, response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        if not response.request.url or PUSH_PATH not in response.request.url:
            return
        body = response.request.body
        if isinstance(body, bytes):
            self.sent += len(body)
            self.bodies.append(body)
        length = response.headers.get("Content-Length")
        self.received += int(length) if length else len(response.content)
        self.answers_plain += len(response.content)
        self.answers.append(response.content)
        self.answers_compressed |= response.headers.get("Content-Encoding") in ("gzip", "zstd")


@dataclass
class Figures:
    visits: int
    residents: int
    real: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    wire: Wire = field(default_factory=Wire)
    batches: int = 0
    bodies: list[bytes] = field(default_factory=list)
    train_wire: Wire = field(default_factory=Wire)

    @property
    def items(self) -> int:
        return self.visits + self.residents


def seeded_register(cache: Path, *, residents: int, seed: int = DEMO_SEED) -> Path:
    """A cached demo register of ``residents`` residents, every outbox entry still pending."""
    cache.mkdir(parents=True, exist_ok=True)
    name = f"demo-outbox-{residents}r" + ("" if seed == DEMO_SEED else f"-s{seed}")
    final = cache / name
    if final.exists() and key_file_path(final).exists():
        return final
    building = cache / f"{name}.building"
    shutil.rmtree(building, ignore_errors=True)
    key_file_path(building).unlink(missing_ok=True)
    print(f"seeding a demo register of {residents} residents (once, cached)", flush=True)
    started = time.perf_counter()
    register = Register.open(building, device_id="bench-laptop")
    try:
        seed_demo(register, today=SEED_TODAY, count=residents, seed=seed)
    finally:
        register.close()
    shutil.rmtree(building / BACKUP_DIRNAME, ignore_errors=True)
    print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
    key_file_path(building).replace(key_file_path(final))
    building.replace(final)
    return final


def copy_register(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    shutil.copy2(key_file_path(source), key_file_path(target))
    return target


def outbox_entries(data_dir: Path) -> list[OutboxEntry]:
    """The register's pending entries as the engine sees them (as `RegisterOutboxStore` does)."""
    register = Register.open(data_dir, device_id="bench-laptop")
    try:
        items = register.sync.unsent()
    finally:
        register.close()
    return [
        OutboxEntry(
            id=i.entity_id,
            type=cast(Literal["person", "visit"], i.type),
            version=i.version,
            base_version=i.base_version,
            content_hash=i.content_hash,
            recorded_at=i.created_at if i.created_at.tzinfo else i.created_at.replace(tzinfo=UTC),
            payload=i.payload,
        )
        for i in items
    ]


@contextmanager
def fresh_server(work: Path, port: int, warm: Sequence[OutboxEntry]) -> Iterator[tuple[str, str]]:
    """A new `sync.server` process on an empty database: (url, one enrolment code)."""
    work.mkdir(parents=True, exist_ok=True)
    server = start_server(work, port)
    try:
        url = f"http://127.0.0.1:{port}"
        if warm:
            warm_up(url, enroll_code(work), warm)
        yield url, enroll_code(work)
    finally:
        stop(server)


def warm_up(url: str, code: str, entries: Sequence[OutboxEntry]) -> None:
    """Another demo village pushed and pulled first, so no side pays the server's first use of
    each rule (the growth tables, ...)."""
    client = SyncClient(url, token=None, device_id=None, timeout=(5, 120))
    client.enroll(code, device_name="warm-up")
    SyncEngine(BenchOutbox(entries), client).run_once(reconcile=False)
    client.close()


def push_real(data_dir: Path, url: str, code: str, wire: Wire | None) -> float:
    register = Register.open(data_dir, device_id="bench-laptop")
    try:
        enroll_device(register, server_url=url, code=code, device_name="bench")
        setup = build_sync(register, settings=AppSettings(), rng=random.Random(1))
        assert setup is not None
        if wire is not None:
            setup.client._session.hooks["response"].append(wire.hook)
        # As on the memory side: what the harness holds (the memory side's prepared entries
        # among it) is kept out of the collector's walks; what the push makes is collected.
        gc.collect()
        gc.freeze()
        try:
            started = time.perf_counter()
            summary = setup.engine.run_once(reconcile=False)
            seconds = time.perf_counter() - started
        finally:
            gc.unfreeze()
        setup.close()
        left = register.sync.counts()
        if left.pending or left.rejected or left.conflict:
            raise SystemExit(f"real outbox: not all acked ({left}, {summary})")
    finally:
        register.close()
    return seconds


def push_memory(
    entries: Sequence[OutboxEntry], url: str, code: str, wire: Wire | None = None
) -> tuple[float, list[bytes]]:
    client = RecordingClient(url, token=None, device_id=None, timeout=(5, 120))
    client.batches = []
    if wire is not None:
        client._session.hooks["response"].append(wire.hook)
    client.enroll(code, device_name="bench")
    store = BenchOutbox(entries)
    engine = SyncEngine(store, client, rng=random.Random(1))
    gc.collect()
    gc.freeze()
    try:
        started = time.perf_counter()
        summary = engine.run_once(reconcile=False)
        seconds = time.perf_counter() - started
    finally:
        gc.unfreeze()
    if summary.acked != len(entries) or store.pending_count():
        raise SystemExit(f"memory outbox: only {summary.acked} of {len(entries)} acked")
    bodies = client.bodies()
    client.close()
    return seconds, bodies


def floor_run(bodies: Sequence[bytes], work: Path, port: int) -> float:
    process = multiprocessing.Process(
        target=serve_floor, args=("entry", str(work), port), daemon=True
    )
    process.start()
    try:
        wait_ready(f"http://127.0.0.1:{port}/")
        return run_floor(bodies, f"http://127.0.0.1:{port}/push")
    finally:
        process.kill()
        process.join()


def measure(
    *, cache: Path, residents: int, runs: int, port_base: int, train_residents: int = 150
) -> Figures:
    source = seeded_register(cache, residents=residents)
    entries = outbox_entries(source)
    # Another village (another seed): warms each new server, and trains the zstd dictionary.
    other_dir = seeded_register(cache, residents=train_residents, seed=DEMO_SEED + 1)
    other = outbox_entries(other_dir)
    warm = other[:WARM_ITEMS]
    visits = sum(1 for e in entries if e.type == "visit")
    figures = Figures(visits=visits, residents=len(entries) - visits)
    with tempfile.TemporaryDirectory(prefix="bench-outbox-") as tmp:
        work = Path(tmp)
        with fresh_server(work / "server-training", port_base, []) as (url, code):
            copy = copy_register(other_dir, work / "laptop-training")
            push_real(copy, url, code, figures.train_wire)
            shutil.rmtree(copy, ignore_errors=True)
        for run in range(runs):
            order = ("real", "memory") if run % 2 == 0 else ("memory", "real")
            for side in order:
                with fresh_server(work / f"server-{run}-{side}", port_base, warm) as (url, code):
                    if side == "real":
                        copy = copy_register(source, work / f"laptop-{run}")
                        wire = figures.wire if run == 0 else None
                        figures.real.append(push_real(copy, url, code, wire))
                        shutil.rmtree(copy, ignore_errors=True)
                    else:
                        seconds, bodies = push_memory(entries, url, code)
                        figures.memory.append(seconds)
                        figures.bodies, figures.batches = bodies, len(bodies)
            figures.floor.append(floor_run(figures.bodies, work / f"floor-{run}", port_base + 1))
    return figures


def report(figures: Figures) -> None:
    real, memory, floor = (
        statistics.median(v) for v in (figures.real, figures.memory, figures.floor)
    )
    wire = figures.wire
    print(f"outbox items:          {figures.visits} visits + {figures.residents} residents")
    print(f"batches:               {figures.batches}")
    print(f"real outbox (median):  {real:.3f} s  runs={[round(t, 3) for t in figures.real]}")
    print(f"memory (median):       {memory:.3f} s  runs={[round(t, 3) for t in figures.memory]}")
    print(f"floor (median):        {floor:.6f} s  runs={[round(t, 3) for t in figures.floor]}")
    print(f"ratio real/memory:     {real / memory:.2f}")
    print(f"ratio real/floor:      {real / floor:.2f}")
    print(f"sent bytes per visit:  {wire.sent / figures.visits:.1f}")
    print(f"answer bytes per visit: {wire.received / figures.visits:.1f}")
    print(f"answer plain bytes per visit: {wire.answers_plain / figures.visits:.1f}")
    print(f"answers compressed:    {wire.answers_compressed}")
    print(f"both ways per visit:   {(wire.sent + wire.received) / figures.visits:.1f}")
    for option in wire_options.measure(
        bodies=wire.bodies,
        answers=wire.answers,
        train_bodies=figures.train_wire.bodies,
        train_answers=figures.train_wire.answers,
    ):
        value = option.per_visit(figures.visits)
        shown = "not measured" if value is None else f"{value:.1f}"
        print(f"option: {option.name}: {shown} B per visit both ways")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1250)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port-base", type=int, default=18600, help="server port; floor +1")
    parser.add_argument("--train-residents", type=int, default=150)
    parser.add_argument("--cache", type=Path, default=Path(__file__).parent / ".data")
    args = parser.parse_args()
    report(
        measure(
            cache=args.cache,
            residents=args.residents,
            runs=args.runs,
            port_base=args.port_base,
            train_residents=args.train_residents,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
