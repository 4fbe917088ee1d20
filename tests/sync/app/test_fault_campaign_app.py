"""The randomized fault campaign through the REAL app outbox: entries made with the Register, sent
by the engine over `RegisterOutboxStore`, through proxy faults, server kills and app crashes.

`KADER_SYNC_FAULTS` sets how many faults (default 300); `KADER_SYNC_SEED` replays a run.
"""

from __future__ import annotations

import contextlib
import logging
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from fault_campaign import (
    FAULT_TIMEOUT,
    SERVER_RESTART,
    CampaignPlan,
    replay_hint,
    run_faults,
    settle,
)
from faultproxy import Fault, FaultProxy
from kader_work import Kader, PersonFactory, VisitFactory, outbox_rows
from killable_server import KillableServer
from sqlalchemy import func, select, update

from kader_app.core.database import read_connection, write_transaction
from kader_app.core.models import OUTBOX_TABLE, OutboxState
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import RegisterOutboxStore, build_sync, enroll_device
from sync.engine import OutboxEntry, SyncEngine
from sync.protocol import ItemResult

log = logging.getLogger(__name__)

OUTBOX = OUTBOX_TABLE
AREA = "Desa Sukamaju"
POISON_NAME = "Rusak Sekali"
# Far above what a healthy run needs (see `claims` in the log), far below an endless loop.
CLAIM_LIMIT = 60


class PowerCutError(Exception):
    """The laptop lost power: nothing of the app runs after this."""


class CrashableOutboxStore(RegisterOutboxStore):
    """The real adapter with one power cut added: after the server answered a push, before the
    answer is saved. A dead process releases nothing, so its rows stay in flight on disk.
    """

    def __init__(self, register: Register, *, claims: Counter[tuple[str, int]]) -> None:
        super().__init__(register)
        self.crash_on_answer = False
        self.dead = False
        self.claims = claims

    def claim_batch(self, limit: int) -> list[OutboxEntry]:
        entries = super().claim_batch(limit)
        self.claims.update((e.id, e.version) for e in entries)
        # An entry sent again and again without ever being settled would loop until the timeout.
        worst = max((self.claims[e.id, e.version] for e in entries), default=0)
        assert worst <= CLAIM_LIMIT, f"an entry was sent {worst} times and never settled"
        return entries

    def apply_results(
        self, results: Sequence[ItemResult], *, sent_hashes: Mapping[tuple[str, int], str]
    ) -> None:
        if self.crash_on_answer:
            self.dead = True
            raise PowerCutError
        super().apply_results(results, sent_hashes=sent_hashes)

    def release_in_flight(self) -> int:
        if self.dead:
            return 0
        return super().release_in_flight()


class Laptop:
    """One kader laptop: the Register in its data dir and the engine over the real adapter."""

    def __init__(self, *, data_dir: Path, kader: Kader, rng: random.Random) -> None:
        self.data_dir = data_dir
        self.kader = kader
        self.rng = rng
        # Crashes that really left entries in flight, by where the power was cut.
        self.crashes: Counter[str] = Counter()
        self.claims: Counter[tuple[str, int]] = Counter()
        self.register = Register.open(data_dir)
        self._connect()

    def _connect(self) -> None:
        setup = build_sync(self.register, settings=AppSettings(), timeout=FAULT_TIMEOUT)
        assert setup is not None, "the enrolment must survive a restart"
        self.client = setup.client
        self.store = CrashableOutboxStore(self.register, claims=self.claims)
        self._engine = SyncEngine(self.store, setup.client, rng=random.Random(self.rng.random()))

    @property
    def engine(self) -> SyncEngine:
        return self._engine

    def work(self) -> None:
        self.kader.work(self.register)

    def crash_and_restart(self) -> None:
        if self.rng.random() < 0.5:
            where = "claimed_not_sent"
            self.store.claim_batch(self.rng.randint(1, 50))
        else:
            # Stored by the server, and its answer lost with the laptop.
            where = "stored_answer_lost"
            self.store.crash_on_answer = True
            with contextlib.suppress(PowerCutError):
                self.engine.run_once()
        if count_in_flight(self.register) > 0:
            self.crashes[where] += 1
        self.close()
        self.register = Register.open(self.data_dir)
        assert count_in_flight(self.register) == 0, "a restart must requeue what was in flight"
        self._connect()

    def close(self) -> None:
        self.client.close()
        self.register.close()


def count_in_flight(register: Register) -> int:
    with read_connection(register.database.engine) as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(OUTBOX)
                .where(OUTBOX.c.state == OutboxState.IN_FLIGHT.value)
            ).scalar_one()
        )


def plant_poison(register: Register, make_person: PersonFactory) -> str:
    """A resident whose outbox row is corrupted on disk after it was hashed (a bad sector)."""
    poison = register.people.register(make_person(name=POISON_NAME)).person_id
    with write_transaction(register.database.engine) as conn:
        payload = conn.execute(
            select(OUTBOX.c.payload).where(OUTBOX.c.entity_id == poison)
        ).scalar_one()
        conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.entity_id == poison)
            .values(payload={**payload, "name": POISON_NAME + "!"})
        )
    return poison


def assert_nothing_lost_or_duplicated(
    *, laptop: Laptop, server: KillableServer, poison: str
) -> None:
    server_rows = server.entries()
    server_set = set(server_rows)
    rows = outbox_rows(laptop.register)
    acked = {(i, v, h) for i, v, h, state in rows if state == OutboxState.ACKED.value}
    # 0 duplicates: one server row per (id, version).
    assert len({(i, v) for i, v, _ in server_rows}) == len(server_rows)
    # 0 lost: the server holds exactly what the laptop counts as sent, hashes included...
    assert server_set == acked
    # ...and that is every entry but the poison, which the kader sees refused with the reason.
    assert [(i, v, s) for i, v, _, s in rows if s != OutboxState.ACKED.value] == [
        (poison, 1, OutboxState.REJECTED.value)
    ]
    assert laptop.store.pending_count() == 0
    [problem] = laptop.store.problems()
    assert (problem.entity_id, problem.state, problem.code) == (poison, "rejected", "hash_mismatch")
    assert "tidak cocok" in problem.message
    assert problem.person_name == POISON_NAME
    counts = laptop.register.sync.counts()
    assert (counts.pending, counts.rejected, counts.conflict) == (1, 1, 0)

    # What the kader recorded, every version of it, is on the server: read from the Register.
    on_server: defaultdict[str, set[int]] = defaultdict(set)
    for item_id, version, _ in server_rows:
        on_server[item_id].add(version)
    expected: dict[str, set[int]] = {}
    for person_id, resident in laptop.kader.people.items():
        assert laptop.register.people.get(person_id).version == resident.version
        expected[person_id] = set(range(1, resident.version + 1))
    for key in laptop.kader.visits:
        versions = laptop.register.visits.versions(key)
        assert versions[-1].voided == (key in laptop.kader.voided)
        expected[key] = {v.version for v in versions}
    assert dict(on_server) == expected
    assert poison not in on_server


@pytest.mark.slow
def test_random_faults_through_the_register_lose_nothing_and_duplicate_nothing(
    register_dir: Path,
    killable_server: KillableServer,
    fault_proxy: FaultProxy,
    make_person_input: PersonFactory,
    make_visit_input: VisitFactory,
) -> None:
    plan = CampaignPlan.from_env()
    log.info("app fault campaign: %s", plan.replay)
    rng = random.Random(plan.seed)
    with replay_hint(plan):
        register = Register.open(register_dir)
        code = killable_server.enroll_code(posyandu="Posyandu Melati", area=AREA)
        enroll_device(register, server_url=fault_proxy.url, code=code, device_name="kampanye")
        poison = plant_poison(register, make_person_input)
        register.close()

        kader = Kader(rng=rng, make_person=make_person_input, make_visit=make_visit_input)
        laptop = Laptop(data_dir=register_dir, kader=kader, rng=rng)
        try:
            report = run_faults(
                device=laptop,
                server=killable_server,
                proxy=fault_proxy,
                rng=rng,
                faults=plan.faults,
            )
            settle(device=laptop, proxy=fault_proxy, report=report)
            log.info(
                "faults=%s errors=%s attempts=%s final_runs=%s made=%s crashes_in_flight=%s"
                " most_claims=%s",
                dict(report.injected),
                dict(report.errors),
                report.attempts,
                report.final_runs,
                dict(kader.made),
                dict(laptop.crashes),
                laptop.claims.most_common(1),
            )
            assert_nothing_lost_or_duplicated(laptop=laptop, server=killable_server, poison=poison)
        finally:
            laptop.close()

        # The campaign really did what it claims.
        assert report.injected.total() >= plan.faults
        if plan.faults >= 100:
            assert report.errors["NetworkError"] > 0 and report.errors["ServerError"] > 0
            assert report.errors["CaptivePortalError"] > 0
            kills = report.injected[SERVER_RESTART] + report.injected[Fault.KILL_SERVER_DURING]
            assert kills > 0
            assert min(kader.made[k] for k in ("person_edit", "visit_correction", "visit_void")) > 0
        if plan.faults >= 300:
            # About 20 crashes by then: both power cuts, each with entries really in flight.
            assert min(laptop.crashes[k] for k in ("claimed_not_sent", "stored_answer_lost")) > 0
