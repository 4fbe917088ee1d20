"""An in-memory stand-in for the server's push/pull/reconcile behaviour, duck-typed as SyncClient.

Test-only: lets engine tests script failures without sockets; the real server is used elsewhere.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sync.protocol import (
    ItemResult,
    PulledEstimate,
    PullResponse,
    PushRequest,
    PushResponse,
    ReconcileRequest,
    ReconcileResponse,
    ServerMark,
    day_digest,
)


class FakeClock:
    """Wall time fixed unless moved; monotonic advances `step` per read (a batch "takes" time)."""

    def __init__(self, *, step: float = 0.1) -> None:
        self.wall = datetime(2026, 3, 10, 9, tzinfo=UTC)
        self.mono = 0.0
        self.step = step

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        self.mono += self.step
        return self.mono


class FakeServerClient:
    """Stores (id, version) -> hash like the server does, answering per item."""

    def __init__(self, *, clock: FakeClock) -> None:
        self.clock = clock
        self.device_id = "device-1"
        self.app_version = "test"
        self.items: dict[tuple[str, int], tuple[str, datetime]] = {}
        self.batch_sizes: list[int] = []
        self.push_calls: list[PushRequest] = []
        self.reconcile_calls: list[ReconcileRequest] = []
        self.server_skew = timedelta(0)
        self.poison_ids: set[str] = set()
        # Called before each push; may raise a SyncError or mutate the store (mid-flight edits).
        self.before_push: Callable[[PushRequest], None] | None = None
        self.failures: list[Exception] = []
        self.people: list[dict[str, Any]] = []
        # None answers as a server before estimates did: the field left out.
        self.estimates: list[PulledEstimate] | None = None
        self._seq = itertools.count(1)
        # Which copy of the server database answers; `restore` goes back to an older copy.
        self.database_id = "db-1"
        self.sequence = 0

    @property
    def mark(self) -> ServerMark:
        return ServerMark(database_id=self.database_id, sequence=self.sequence)

    def restore(self, *, keep: int) -> None:
        """Go back to a backup holding only the first ``keep`` entries stored."""
        kept = list(self.items.items())[:keep]
        self.items = dict(kept)
        self.sequence = keep

    def push(self, batch: PushRequest) -> PushResponse:
        self.push_calls.append(batch)
        self.batch_sizes.append(len(batch.items))
        if self.failures:
            raise self.failures.pop(0)
        if self.before_push is not None:
            self.before_push(batch)
        results = []
        for item in batch.items:
            key = (item.id, item.version)
            if item.id in self.poison_ids:
                results.append(
                    ItemResult(
                        id=item.id,
                        version=item.version,
                        status="rejected",
                        code="bad_payload",
                        message="Tanggal lahir di masa depan",
                    )
                )
            elif key in self.items and self.items[key][0] == item.content_hash:
                results.append(ItemResult(id=item.id, version=item.version, status="duplicate"))
            elif key in self.items:
                results.append(
                    ItemResult(
                        id=item.id, version=item.version, status="conflict", server_version=1
                    )
                )
            else:
                self.items[key] = (item.content_hash, item.recorded_at)
                self.sequence += 1
                results.append(ItemResult(id=item.id, version=item.version, status="accepted"))
        return PushResponse(
            batch_id=batch.batch_id,
            results=results,
            server_time=self.clock.now() + self.server_skew,
            receipt="r",
            server=self.mark,
        )

    def pull(self, cursor: str | None, *, limit: int = 500) -> PullResponse:
        start = int(cursor or 0)
        page = self.people[start : start + limit]
        end = start + len(page)
        return PullResponse(
            people=page,
            followups=[],
            cursor=str(end),
            has_more=end < len(self.people),
            server_time=self.clock.now() + self.server_skew,
            server=self.mark,
            estimates=self.estimates,
        )

    def reconcile(self, request: ReconcileRequest) -> ReconcileResponse:
        self.reconcile_calls.append(request)
        by_day: dict[Any, list[tuple[str, str]]] = {}
        for (item_id, _version), (item_hash, recorded_at) in self.items.items():
            by_day.setdefault(recorded_at.astimezone(UTC).date(), []).append((item_id, item_hash))
        missing_days = []
        missing_ids: set[str] = set()
        for day in request.days:
            pairs = by_day.get(day.day, [])
            if len(pairs) == day.count and day_digest(pairs) == day.digest:
                continue
            if not day.ids:
                missing_days.append(day.day)
                continue
            held = {f"{i}:{h}" for i, h in pairs}
            missing_ids |= {line.split(":")[0] for line in day.ids if line not in held}
        return ReconcileResponse(missing_days=missing_days, missing_ids=sorted(missing_ids))
