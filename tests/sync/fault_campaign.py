"""The randomized sync fault driver: picks faults, steers the fault proxy and the server process,
and runs the real engine between the device's own work. Test-only; it knows nothing of the app
(the device under test brings its records and its crash), and it never reads health data.
"""

from __future__ import annotations

import os
import random
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from faultproxy import Fault, FaultProxy

from sync.client import SyncError
from sync.engine import SyncEngine

SERVER_RESTART = "server_restart"
APP_CRASH = "app_crash_in_flight"
FAULT_WEIGHTS: dict[str, int] = {
    Fault.RESET_BEFORE_FORWARD.value: 12,
    Fault.RESET_AFTER_COMMIT.value: 16,
    Fault.TRUNCATE_RESPONSE.value: 12,
    Fault.STALL_AFTER_COMMIT.value: 4,
    Fault.STALL_BEFORE_FORWARD.value: 2,
    Fault.ERROR_500_AFTER_COMMIT.value: 8,
    Fault.ERROR_503.value: 8,
    Fault.ERROR_429.value: 8,
    Fault.CAPTIVE_HTML.value: 6,
    Fault.CAPTIVE_REDIRECT.value: 4,
    Fault.KILL_SERVER_DURING.value: 3,
    SERVER_RESTART: 2,
    APP_CRASH: 5,
}
# Short enough that a stalled answer times out quickly; the proxy stalls longer than the read.
FAULT_TIMEOUT = (2.0, 1.0)
STALL_SECONDS = 1.5
# Generous, so a loaded CI machine is not mistaken for a fault in the final, clean sync.
CLEAN_TIMEOUT = (5.0, 20.0)


class CampaignServer(Protocol):
    """The server process the campaign may kill and restart (`killable_server.KillableServer`)."""

    proc: subprocess.Popen[bytes] | None

    def start(self) -> object: ...

    def restart(self) -> None: ...


class Device(Protocol):
    """A laptop under test: its engine, the kader's work between attempts, and its crash."""

    @property
    def engine(self) -> SyncEngine: ...

    def work(self) -> None:
        """Record a few entries the way kader do between two sync attempts."""
        ...

    def crash_and_restart(self) -> None:
        """Die with entries in flight, then start again from the data on disk."""
        ...


@dataclass(frozen=True)
class CampaignPlan:
    faults: int
    seed: int

    @classmethod
    def from_env(cls) -> CampaignPlan:
        """`KADER_SYNC_FAULTS` (default 300) and `KADER_SYNC_SEED` (default: a fresh one)."""
        faults = int(os.environ.get("KADER_SYNC_FAULTS", "300"))
        fresh = random.SystemRandom().randrange(10**6)
        seed = int(os.environ.get("KADER_SYNC_SEED", str(fresh)))
        return cls(faults=faults, seed=seed)

    @property
    def replay(self) -> str:
        return f"KADER_SYNC_SEED={self.seed} KADER_SYNC_FAULTS={self.faults}"


@dataclass
class CampaignReport:
    """What the campaign really did: faults applied (on the wire or local), errors seen."""

    injected: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    attempts: int = 0
    final_runs: int = 0


@contextmanager
def replay_hint(plan: CampaignPlan) -> Iterator[None]:
    """Any failure inside names the seed and fault count that replay it."""
    try:
        yield
    except BaseException as exc:
        exc.add_note(f"replay with: {plan.replay}")
        raise


def run_faults(
    *,
    device: Device,
    server: CampaignServer,
    proxy: FaultProxy,
    rng: random.Random,
    faults: int,
) -> CampaignReport:
    """Alternate the device's work with sync attempts until `faults` faults were applied."""
    proxy.stall_seconds = STALL_SECONDS
    # Retry-After is honoured by the scheduler, not by run_once: a short one keeps the run fast.
    proxy.retry_after = 1
    report = CampaignReport()
    local: Counter[str] = Counter()
    modes = list(FAULT_WEIGHTS)
    weights = list(FAULT_WEIGHTS.values())

    def applied() -> int:
        on_wire = sum(n for name, n in proxy.stats.faults.items() if name != Fault.PASS.value)
        return on_wire + local.total()

    while applied() < faults:
        report.attempts += 1
        assert report.attempts < faults * 5, "faults are not reaching the wire"
        device.work()
        mode = rng.choices(modes, weights)[0]
        if mode == SERVER_RESTART:
            local[mode] += 1
            server.restart()
            continue
        if mode == APP_CRASH:
            local[mode] += 1
            device.crash_and_restart()
            continue
        # Let 0-2 requests through first, so faults also land on later batches, pulls, reconciles.
        for _ in range(rng.choice((0, 0, 1, 2))):
            proxy.enqueue(Fault.PASS)
        proxy.enqueue(Fault(mode))
        try:
            device.engine.run_once(reconcile=rng.random() < 0.15)
        except SyncError as exc:
            report.errors[type(exc).__name__] += 1
        # A fault queued behind a run that ended early is dropped: only applied faults count.
        proxy.clear()
        if server.proc is None:
            server.start()
    report.injected = proxy.stats.faults + local
    del report.injected[Fault.PASS.value]
    return report


def settle(*, device: Device, proxy: FaultProxy, report: CampaignReport) -> None:
    """The connection comes back clean: sync (with reconcile) until nothing is left to send."""
    proxy.clear()
    device.engine.client.timeout = CLEAN_TIMEOUT
    for _ in range(5):
        report.final_runs += 1
        summary = device.engine.run_once(reconcile=True)
        if device.engine.store.pending_count() == 0 and summary.requeued == 0:
            return
