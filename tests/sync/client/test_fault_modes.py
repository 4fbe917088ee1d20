"""Each proxy fault alone, on a push to the real server: the right failure, then nothing lost."""

from __future__ import annotations

import pytest
from faultproxy import Fault

from sync.client import CaptivePortalError, NetworkError, ServerError

EXPECTED = {
    Fault.RESET_BEFORE_FORWARD: NetworkError,
    Fault.RESET_AFTER_COMMIT: NetworkError,
    Fault.TRUNCATE_RESPONSE: NetworkError,
    Fault.STALL_BEFORE_FORWARD: NetworkError,
    Fault.STALL_AFTER_COMMIT: NetworkError,
    Fault.ERROR_500_AFTER_COMMIT: ServerError,
    Fault.ERROR_503: ServerError,
    Fault.ERROR_429: ServerError,
    Fault.CAPTIVE_HTML: CaptivePortalError,
    Fault.CAPTIVE_REDIRECT: CaptivePortalError,
    Fault.KILL_SERVER_DURING: NetworkError,
}


@pytest.mark.parametrize("fault", list(EXPECTED))
def test_fault_then_clean_sync_sends_each_entry_once(fault, server, proxy, make_device) -> None:
    proxy.stall_seconds = 1.5
    client, store, engine = make_device(url=proxy.url, name="melati", timeout=(2.0, 1.0))
    for i in range(15):
        store.record_person({"name": f"Warga {i}", "rt": "03"})
    proxy.enqueue(fault)
    with pytest.raises(EXPECTED[fault]) as caught:
        engine.run_once()
    if fault in (Fault.ERROR_503, Fault.ERROR_429):
        assert caught.value.retry_after == proxy.retry_after
    assert store.pending_count() == 15
    committed = fault in (
        Fault.RESET_AFTER_COMMIT,
        Fault.TRUNCATE_RESPONSE,
        Fault.STALL_AFTER_COMMIT,
        Fault.ERROR_500_AFTER_COMMIT,
    )
    if fault is not Fault.KILL_SERVER_DURING:
        # The server stored the batch, yet the laptop still counts it as unsent: not an ack.
        assert len(server.entries()) == (15 if committed else 0)
    if server.proc is None:
        server.start()
    client.timeout = (5.0, 20.0)
    summary = engine.run_once()
    # A resend is answered "duplicate" (or the stored answer of the same batch id): an ack.
    assert summary.acked == 15 and store.pending_count() == 0
    rows = server.entries()
    assert len(rows) == len(set(rows)) == 15
    assert set(rows) == store.acked_set()
