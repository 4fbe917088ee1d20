"""A randomized fault campaign: the real client and engine against the real server process,
through a proxy that cuts, stalls, truncates and fakes answers, with server kills and app restarts.

`KADER_SYNC_FAULTS` sets how many faults (default 300); `KADER_SYNC_SEED` replays a run.
"""

from __future__ import annotations

import logging
import os
import random
from collections import Counter

import pytest
from faultproxy import Fault
from sqlite_outbox import SqliteOutbox

from sync.client import SyncError
from sync.engine import SyncEngine

log = logging.getLogger(__name__)

FAULT_WEIGHTS: dict[str, int] = {
    Fault.RESET_BEFORE_FORWARD: 12,
    Fault.RESET_AFTER_COMMIT: 16,
    Fault.TRUNCATE_RESPONSE: 12,
    Fault.STALL_AFTER_COMMIT: 4,
    Fault.STALL_BEFORE_FORWARD: 2,
    Fault.ERROR_500_AFTER_COMMIT: 8,
    Fault.ERROR_503: 8,
    Fault.ERROR_429: 8,
    Fault.CAPTIVE_HTML: 6,
    Fault.CAPTIVE_REDIRECT: 4,
    Fault.KILL_SERVER_DURING: 3,
    "server_restart": 2,
    "app_crash_in_flight": 5,
}


def person_payload(rng: random.Random, n: int) -> dict[str, object]:
    return {
        "nama": f"Warga {n}",
        "nik": f"3201{rng.randrange(10**11, 10**12)}",
        "jenis_kelamin": rng.choice("LP"),
        "tanggal_lahir": f"19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "alamat": {"dusun": "Krajan", "rt": f"0{rng.randint(1, 9)}", "rw": "02"},
    }


def visit_payload(rng: random.Random, person_id: str) -> dict[str, object]:
    sys_bp = rng.randint(100, 190)
    return {
        "person_id": person_id,
        "tempat": "posyandu",
        "tensi": {"sistolik": sys_bp, "diastolik": rng.randint(60, 110), "kelas": "normal"},
        "gula": {"nilai": rng.randint(70, 300), "jenis": "sewaktu"},
        "rujukan": "none",
        "rules_version": "ilp-2023.1",
    }


class Village:
    """Makes records between sync attempts the way kader work: register, edit, screen, void."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[str] = []
        self.visits: list[str] = []
        self.count = 0

    def work(self, store: SqliteOutbox, *, poison: str) -> None:
        for _ in range(self.rng.randint(0, 4)):
            self.count += 1
            roll = self.rng.random()
            if roll < 0.3 or not self.people:
                self.people.append(store.record_person(person_payload(self.rng, self.count)))
            elif roll < 0.45:
                target = self.rng.choice([p for p in self.people if p != poison] or self.people)
                if target != poison:
                    store.edit_person(target, {"telepon": f"08{self.rng.randrange(10**9)}"})
            elif roll < 0.9 or not self.visits:
                person_id = self.rng.choice(self.people)
                self.visits.append(store.record_visit(visit_payload(self.rng, person_id)))
            else:
                # A void is a new visit entry naming the one it replaces.
                voided = self.rng.choice(self.visits)
                store.record_visit({"voids": voided, "alasan": "salah input"})


@pytest.mark.slow
def test_random_faults_lose_nothing_and_duplicate_nothing(server, proxy, make_device) -> None:
    faults = int(os.environ.get("KADER_SYNC_FAULTS", "300"))
    seed = int(os.environ.get("KADER_SYNC_SEED", str(random.SystemRandom().randrange(10**6))))
    log.info("fault campaign seed=%s faults=%s", seed, faults)
    rng = random.Random(seed)
    client, store, engine = make_device(url=proxy.url, name="kampanye", timeout=(2.0, 1.0))
    proxy.stall_seconds = 1.5
    proxy.retry_after = 1

    poison = store.record_person({"nama": "Rusak"})
    # Corrupted on disk after it was hashed: the server must refuse it, and only it.
    store._db.execute("UPDATE outbox SET payload = ? WHERE id = ?", ('{"nama": "Rusak!"}', poison))

    village = Village(rng)
    modes = list(FAULT_WEIGHTS)
    weights = list(FAULT_WEIGHTS.values())
    local: Counter[str] = Counter()
    errors: Counter[str] = Counter()

    def applied() -> int:
        on_wire = sum(n for name, n in proxy.stats.faults.items() if name != Fault.PASS)
        return on_wire + local.total()

    attempts = 0
    while applied() < faults:
        attempts += 1
        assert attempts < faults * 5, "faults are not reaching the wire"
        village.work(store, poison=poison)
        mode = rng.choices(modes, weights)[0]
        if mode == "server_restart":
            local[mode] += 1
            server.restart()
            continue
        if mode == "app_crash_in_flight":
            local[mode] += 1
            store.claim_batch(rng.randint(1, 50))
            store = store.reopen()
            engine = SyncEngine(store, client, rng=random.Random(rng.random()))
            engine.recover()
            continue
        # Let 0-2 requests through first, so faults also land on later batches, pulls, reconciles.
        for _ in range(rng.choice((0, 0, 1, 2))):
            proxy.enqueue(Fault.PASS)
        proxy.enqueue(Fault(mode))
        try:
            engine.run_once(reconcile=rng.random() < 0.15)
        except SyncError as exc:
            errors[type(exc).__name__] += 1
        # A fault queued behind a run that ended early is dropped: only applied faults count.
        proxy.clear()
        if server.proc is None:
            server.start()

    proxy.clear()
    client.timeout = (5.0, 20.0)
    for _ in range(5):
        summary = engine.run_once(reconcile=True)
        if store.pending_count() == 0 and summary.requeued == 0:
            break
    injected = proxy.stats.faults + local
    del injected[Fault.PASS.value]
    log.info("faults=%s errors=%s attempts=%s", dict(injected), dict(errors), attempts)

    server_rows = server.entries()
    server_set = set(server_rows)
    acked = store.acked_set()
    rows = store.rows()
    # 0 duplicates: one row per (id, version) on the server, and one version per id+hash.
    assert len(server_rows) == len(server_set)
    assert len({(i, v) for i, v, _ in server_rows}) == len(server_rows)
    # 0 lost: everything but the poison item is acknowledged and held by the server, exactly.
    assert store.pending_count() == 0
    assert server_set == acked
    assert len(acked) == len(rows) - 1
    rejected = store.rows(state="rejected")
    assert [r["id"] for r in rejected] == [poison]
    assert rejected[0]["code"] == "hash_mismatch"
    assert "tidak cocok" in rejected[0]["message"]
    assert all(i != poison for i, _, _ in server_rows)
    # The campaign really exercised the faults it claims to.
    assert injected.total() >= faults
    if faults >= 100:
        assert errors["NetworkError"] > 0 and errors["ServerError"] > 0
        assert errors["CaptivePortalError"] > 0
        assert injected["server_restart"] + injected[Fault.KILL_SERVER_DURING.value] > 0
