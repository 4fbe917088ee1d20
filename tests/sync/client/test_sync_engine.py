"""Engine behaviour against the sqlite outbox fake and an in-memory server (no sockets)."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
from fake_server import FakeClock
from sqlite_outbox import SqliteOutbox
from sync_payloads import make_person_payload, make_visit_payload

from screening.rules.blood_pressure import BloodPressureInput
from sync.client import (
    AuthError,
    CaptivePortalError,
    NetworkError,
    PayloadTooLargeError,
    ProtocolMismatchError,
    ServerError,
)
from sync.engine import (
    BACKOFF_BASE_SECONDS,
    BACKOFF_CAP_SECONDS,
    MAX_BATCH,
    MIN_BATCH,
    START_BATCH,
    Backoff,
    EngineState,
    SyncEngine,
)
from sync.protocol import PulledEstimate, PushRequest, content_hash


def person(n: int) -> dict[str, object]:
    return {"name": f"Warga {n}", "sex": "P", "birth_date": "1980-01-01", "rt": "02"}


def visit(person_id: str, n: int) -> dict[str, object]:
    return make_visit_payload(
        person_id=person_id,
        sections={"blood_pressure": BloodPressureInput.of((120 + n % 40, 80))},
    )


def fill(outbox: SqliteOutbox, count: int) -> list[str]:
    return [outbox.record_person(person(i)) for i in range(count)]


def make_engine(outbox, fake_server, clock, **kwargs) -> SyncEngine:
    return SyncEngine(outbox, fake_server, clock=clock, rng=random.Random(7), **kwargs)


def wait_until(predicate, *, timeout: float = 10.0) -> None:
    event = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return
        event.wait(0.01)
    raise AssertionError("condition not reached")


def test_backoff_stays_between_30_s_and_30_min_with_full_jitter() -> None:
    backoff = Backoff(rng=random.Random(1))
    first = [Backoff(rng=random.Random(seed)).next_delay() for seed in range(200)]
    assert all(BACKOFF_BASE_SECONDS <= d <= 2 * BACKOFF_BASE_SECONDS for d in first)
    delays = [backoff.next_delay() for _ in range(200)]
    assert all(BACKOFF_BASE_SECONDS <= d <= BACKOFF_CAP_SECONDS for d in delays)
    late = delays[20:]
    # Full jitter: once capped, delays spread over the whole range instead of clustering.
    assert min(late) < 300 and max(late) > 1500
    assert len({round(d) for d in late}) > 100


def test_backoff_reset_and_retry_after() -> None:
    backoff = Backoff(rng=random.Random(3))
    for _ in range(10):
        backoff.next_delay()
    backoff.reset()
    assert backoff.next_delay() <= 2 * BACKOFF_BASE_SECONDS
    backoff.reset()
    assert backoff.next_delay(retry_after=900) >= 900


def test_push_sends_everything_and_reports_progress(outbox, fake_server, clock) -> None:
    ids = fill(outbox, 250)
    seen: list[tuple[int, int]] = []
    engine = make_engine(outbox, fake_server, clock, progress=lambda s, t: seen.append((s, t)))
    summary = engine.run_once()
    assert summary.acked == 250 and summary.pending == 0
    assert outbox.pending_count() == 0 and outbox.oldest_unsent_at() is None
    assert {key[0] for key in fake_server.items} == set(ids)
    assert seen[0] == (0, 250) and seen[-1] == (250, 250)
    assert [s for s, _ in seen] == sorted(s for s, _ in seen)


def test_rejected_item_stays_visible_and_is_not_resent(outbox, fake_server, clock) -> None:
    ids = fill(outbox, 5)
    fake_server.poison_ids.add(ids[2])
    engine = make_engine(outbox, fake_server, clock)
    summary = engine.run_once()
    assert [(r.id, r.code, r.message) for r in summary.rejected] == [
        (ids[2], "bad_payload", "Tanggal lahir di masa depan")
    ]
    assert summary.acked == 4
    assert [r["id"] for r in outbox.rows(state="rejected")] == [ids[2]]
    calls = len(fake_server.push_calls)
    engine.run_once()
    assert len(fake_server.push_calls) == calls
    assert outbox.rows(state="rejected")[0]["message"] == "Tanggal lahir di masa depan"


def test_late_ack_for_old_content_leaves_new_content_unsent(outbox, fake_server, clock) -> None:
    pid = outbox.record_person(person(1))
    renamed = make_person_payload(person_id=pid, **{**person(1), "name": "Nama Baru"})

    def edit_while_in_flight(batch: PushRequest) -> None:
        fake_server.before_push = None
        outbox.rewrite_unsent(pid, 1, renamed)

    fake_server.before_push = edit_while_in_flight
    engine = make_engine(outbox, fake_server, clock)
    summary = engine.run_once()
    rows = outbox.rows()
    assert len(rows) == 1
    # The ack was for the old content: the edit is never marked as sent by it.
    assert rows[0]["content_hash"] == content_hash(renamed) or rows[0]["version"] == 2
    assert rows[0]["content_hash"] != fake_server.items[(pid, 1)][0]
    if isinstance(outbox, SqliteOutbox):
        # Resent, the server holds other content for that version: the kader sees a conflict.
        assert rows[0]["state"] == "conflict"
        assert summary.acked == 1 and [r.status for r in summary.rejected] == ["conflict"]
    else:
        # The app rebases a resident's edit on the server's version and sends it again: the
        # edit arrives as version 2, and only that content is acknowledged.
        assert (rows[0]["state"], rows[0]["version"]) == ("acked", 2)
        assert fake_server.items[(pid, 2)][0] == rows[0]["content_hash"]


def test_network_failure_keeps_every_entry_and_retries(outbox, fake_server, clock) -> None:
    fill(outbox, 30)
    fake_server.failures = [NetworkError("reset")]
    engine = make_engine(outbox, fake_server, clock)
    with pytest.raises(NetworkError):
        engine.run_once()
    assert outbox.pending_count() == 30
    assert not outbox.rows(state="in_flight")
    assert engine.run_once().acked == 30


def test_restart_releases_in_flight_entries(outbox, fake_server, clock) -> None:
    fill(outbox, 12)
    outbox.claim_batch(5)  # the app died while these were in flight
    reopened = outbox.reopen()
    engine = make_engine(reopened, fake_server, clock)
    engine.stop.set()
    engine.run_forever()  # releases at start, then stops at once
    assert reopened.pending_count() == 12
    assert not reopened.rows(state="in_flight")
    engine.stop.clear()
    assert engine.run_once().acked == 12
    reopened.close()


def test_batch_size_grows_on_fast_success_and_halves_on_timeouts(
    outbox, fake_server, clock
) -> None:
    fill(outbox, 1600)
    engine = make_engine(outbox, fake_server, clock)
    engine.run_once()
    assert fake_server.batch_sizes[:4] == [START_BATCH, 2 * START_BATCH, 4 * START_BATCH, MAX_BATCH]
    assert max(fake_server.batch_sizes) == MAX_BATCH

    fill(outbox, 100)
    for _ in range(8):
        fake_server.failures = [NetworkError("slow", timeout=True)]
        with pytest.raises(NetworkError):
            engine.run_once()
    assert engine.batch_size == MIN_BATCH
    fake_server.batch_sizes.clear()
    engine.run_once()
    assert fake_server.batch_sizes[0] == MIN_BATCH
    assert outbox.pending_count() == 0


def test_slow_success_does_not_grow_batch(outbox, fake_server) -> None:
    slow = FakeClock(step=5.0)
    fake_server.clock = slow
    fill(outbox, 400)
    engine = make_engine(outbox, fake_server, slow)
    engine.run_once()
    assert set(fake_server.batch_sizes) == {START_BATCH}


def test_payload_too_large_halves_and_continues(outbox, fake_server, clock) -> None:
    fill(outbox, 120)
    fake_server.failures = [PayloadTooLargeError("413"), PayloadTooLargeError("413")]
    engine = make_engine(outbox, fake_server, clock)
    summary = engine.run_once()
    assert fake_server.batch_sizes[:3] == [100, 50, 25]
    assert summary.acked == 120


def test_clock_skew_warns_but_still_sends(outbox, fake_server, clock) -> None:
    fill(outbox, 3)
    fake_server.server_skew = timedelta(minutes=-15)
    engine = make_engine(outbox, fake_server, clock)
    summary = engine.run_once()
    assert summary.acked == 3
    assert summary.skew_warning and summary.skew_seconds == pytest.approx(900)
    assert engine.status().skew_warning
    assert "jam laptop" in engine.status().message
    fake_server.server_skew = timedelta(minutes=3)
    assert not engine.run_once().skew_warning


def test_pull_never_overwrites_a_local_row_with_unsent_changes(outbox, fake_server, clock) -> None:
    mine = outbox.record_person(person(1))
    mine_then = outbox.person(mine)["payload"]
    from_server = make_person_payload(person_id=mine, version=5, name="Dari server")
    neighbour = make_person_payload(
        person_id="0b1c0d2e-0000-4000-8000-000000000001", name="Tetangga"
    )
    fake_server.people = [
        {"id": mine, "version": 5, "content_hash": "x", "payload": from_server},
        {"id": neighbour["id"], "version": 1, "content_hash": "y", "payload": neighbour},
    ]
    outbox.store_pulled(fake_server.people, [])
    assert outbox.person(mine)["payload"] == mine_then
    assert outbox.person(neighbour["id"])["payload"]["name"] == "Tetangga"
    engine = make_engine(outbox, fake_server, clock)
    summary = engine.run_once()
    assert summary.pulled_people == 2
    assert outbox.cursor == "2"
    # Once sent, the server's newer version may come in.
    assert outbox.person(mine)["version"] == 5


def test_estimates_are_replaced_by_each_answer_and_kept_when_a_server_sends_none(
    register_dir, fake_server, clock
) -> None:
    from register_outbox import RegisterTestOutbox

    store = RegisterTestOutbox(register_dir)
    try:
        engine = make_engine(store, fake_server, clock)
        fake_server.estimates = [
            PulledEstimate(year=2026, group="lansia", n=12),
            PulledEstimate(year=2026, group="balita", n=30),
            PulledEstimate(year=2025, group="lansia", n=11),
        ]
        engine.run_once()
        assert store.register.sync.estimates(year=2026) == {"lansia": 12, "balita": 30}
        assert store.register.sync.estimates(year=2025) == {"lansia": 11}
        # An answer without the field (a server from before estimates) leaves them as they are.
        fake_server.estimates = None
        engine.run_once()
        assert store.register.sync.estimates(year=2026) == {"lansia": 12, "balita": 30}
        # A set is the whole set: what it leaves out is gone.
        fake_server.estimates = [PulledEstimate(year=2026, group="balita", n=28)]
        engine.run_once()
        assert store.register.sync.estimates(year=2026) == {"balita": 28}
        assert store.register.sync.estimates(year=2025) == {}
        fake_server.estimates = []
        engine.run_once()
        assert store.register.sync.estimates(year=2026) == {}
    finally:
        store.close()


def test_reconcile_resends_what_a_restored_server_lost(outbox, fake_server, clock) -> None:
    ids = fill(outbox, 20)
    engine = make_engine(outbox, fake_server, clock)
    engine.run_once(reconcile=False)
    for lost in ids[5:8]:
        del fake_server.items[(lost, 1)]
    summary = engine.run_once(reconcile=True)
    assert summary.requeued == 3
    assert {key[0] for key in fake_server.items} == set(ids)
    assert len(fake_server.reconcile_calls) == 2
    assert fake_server.reconcile_calls[1].days[0].ids
    assert engine.run_once(reconcile=True).requeued == 0


def test_401_pauses_until_reenrolled(outbox, fake_server, clock) -> None:
    fill(outbox, 4)
    fake_server.failures = [AuthError("401")]
    engine = make_engine(outbox, fake_server, clock)
    thread = threading.Thread(target=engine.run_forever)
    thread.start()
    try:
        wait_until(lambda: engine.status().state is EngineState.PAUSED_AUTH)
        assert "terdaftar" in engine.status().message
        engine.wake(reset_backoff=True)  # "Kirim sekarang" does not bypass a revoked token
        threading.Event().wait(0.3)
        assert len(fake_server.push_calls) == 1
        assert outbox.pending_count() == 4
        engine.reenrolled()
        wait_until(lambda: outbox.pending_count() == 0)
        assert len(fake_server.push_calls) == 2
    finally:
        engine.stop.set()
        engine.wake()
        thread.join(10)
    assert not thread.is_alive()
    assert engine.status().state is EngineState.STOPPED


def test_retry_after_sets_the_next_attempt(outbox, fake_server, clock) -> None:
    fill(outbox, 2)
    fake_server.failures = [ServerError("503", status=503, retry_after=1200)]
    engine = make_engine(outbox, fake_server, clock)
    thread = threading.Thread(target=engine.run_forever)
    thread.start()
    try:
        wait_until(lambda: engine.status().state is EngineState.WAITING)
        assert engine.status().next_attempt_in >= 1200
        engine.wake(reset_backoff=True)  # "Kirim sekarang"
        wait_until(lambda: outbox.pending_count() == 0)
    finally:
        engine.stop.set()
        engine.wake()
        thread.join(10)
    assert not thread.is_alive()


def test_captive_portal_is_told_to_the_user_and_data_kept(outbox, fake_server, clock) -> None:
    fill(outbox, 3)
    fake_server.failures = [CaptivePortalError("html")]
    engine = make_engine(outbox, fake_server, clock)
    thread = threading.Thread(target=engine.run_forever)
    thread.start()
    try:
        wait_until(lambda: engine.status().state is EngineState.CAPTIVE_PORTAL)
        assert "login" in engine.status().message.lower()
        assert outbox.pending_count() == 3
        delay = engine.status().next_attempt_in
        assert BACKOFF_BASE_SECONDS <= delay <= BACKOFF_CAP_SECONDS
        engine.wake(reset_backoff=True)
        wait_until(lambda: outbox.pending_count() == 0)
    finally:
        engine.stop.set()
        engine.wake()
        thread.join(10)


def test_wake_after_save_sends_new_entries(outbox, fake_server, clock) -> None:
    engine = make_engine(outbox, fake_server, clock)
    thread = threading.Thread(target=engine.run_forever)
    thread.start()
    try:
        wait_until(lambda: engine.status().state is EngineState.IDLE)
        pid = outbox.record_person(person(9))
        outbox.record_visit(visit(pid, 1))
        engine.wake()
        wait_until(lambda: len(fake_server.items) == 2)
    finally:
        engine.stop.set()
        engine.wake()
        thread.join(10)


def test_an_unexpected_local_error_does_not_end_sync(outbox, fake_server, clock) -> None:
    fill(outbox, 2)
    fake_server.failures = [RuntimeError("disk I/O error")]
    engine = make_engine(outbox, fake_server, clock)
    thread = threading.Thread(target=engine.run_forever)
    thread.start()
    try:
        wait_until(lambda: engine.status().state is EngineState.WAITING)
        assert thread.is_alive() and engine.status().pending == 2
        engine.wake(reset_backoff=True)
        wait_until(lambda: outbox.pending_count() == 0)
    finally:
        engine.stop.set()
        engine.wake()
        thread.join(10)


def test_status_shows_pending_count_and_oldest_unsent(outbox, fake_server, clock) -> None:
    fill(outbox, 3)
    fake_server.failures = [NetworkError("down")]
    engine = make_engine(outbox, fake_server, clock)
    with pytest.raises(NetworkError):
        engine.run_once()
    status = engine.status()
    assert status.pending == 3
    assert status.oldest_unsent_at == outbox.oldest_unsent_at() is not None


def test_old_protocol_pauses_with_an_upgrade_message(outbox, fake_server, clock) -> None:
    fill(outbox, 2)
    fake_server.failures = [ProtocolMismatchError("426")]
    engine = make_engine(outbox, fake_server, clock)
    thread = threading.Thread(target=engine.run_forever)
    thread.start()
    try:
        wait_until(lambda: engine.status().state is EngineState.UPGRADE_NEEDED)
        assert "perbarui" in engine.status().message
        engine.wake(reset_backoff=True)
        threading.Event().wait(0.3)
        assert len(fake_server.push_calls) == 1 and outbox.pending_count() == 2
    finally:
        engine.stop.set()
        engine.wake()
        thread.join(10)


def test_a_restored_server_is_noticed_and_healed_within_one_sync(
    outbox, fake_server, clock
) -> None:
    ids = fill(outbox, 12)
    # A long reconcile interval: only the server's mark can make this sync reconcile.
    engine = make_engine(outbox, fake_server, clock, reconcile_interval=10**9)
    engine.run_once()
    assert engine.run_once().reconciled is False
    fake_server.restore(keep=4)  # the Puskesmas restored last week's backup
    outbox.record_person(person(99))  # the next save; its push answer shows the lower sequence
    summary = engine.run_once()
    assert summary.reconciled and summary.requeued == 8
    assert {key[0] for key in fake_server.items} >= set(ids)
    assert outbox.pending_count() == 0


def test_reconcile_runs_after_every_twenty_acknowledged_batches(outbox, fake_server, clock) -> None:
    engine = make_engine(outbox, fake_server, clock, reconcile_interval=10**9)
    engine.run_once()
    for n in range(20):
        outbox.record_person(person(n))
        assert engine.run_once().reconciled is (n == 19)
