"""A big Puskesmas server database from real app payloads, through the server's push transaction.

Residents and visits come from `server_payloads` (demo visits classified by the real rules,
built by `kader_app.core.records`, given their own ids and dates). Each area has its own device
(a Posyandu of one of several Puskesmas); its items are stored by the same writer a push uses
(`store.push`: entry rows, summary tables, in batches of 2,000). What is skipped is only the
per-item recheck of each clone (its template was checked by the rules once); the ingest figure
measures that part over HTTP. ``python bench/bench_server.py fill --entries N ...``
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import Any

from server_payloads import area_items
from sqlmodel import Session

from sync.protocol import CANONICAL_ENCODER
from sync.server import store
from sync.server.database import make_engine, migrate
from sync.server.envelopes import PushEnvelope, iso_time
from sync.server.items import CheckedItem
from sync.server.store.push import _record_batch_once
from sync.server.store.summary_rebuild import rebuild_if_stale
from sync.server.strict_payloads import parse_payload

BATCH = 2000
PUSKESMAS_COUNT = 10


def _checked(raw: dict[str, Any]) -> CheckedItem | None:
    canonical = CANONICAL_ENCODER.encode(raw["payload"])
    payload = parse_payload(raw["type"], raw["payload"], canonical)
    if payload is None:
        return None
    return CheckedItem(
        id=raw["id"],
        type=raw["type"],
        version=1,
        base_version=None,
        recorded_at=iso_time(raw["recorded_at"]),
        content_hash=raw["content_hash"],
        payload_json=canonical,
        payload=payload,
    )


def fill(url: str, *, entries: int, areas: int, seed: int, first_area: int = 0) -> None:
    engine = make_engine(url)
    migrate(engine)
    rebuild_if_stale(engine)
    people_per_area = max(1, entries // 5 // areas)
    started = time.perf_counter()
    stored = 0
    for n in range(first_area, first_area + areas):
        now = datetime.now(UTC)
        with Session(engine, expire_on_commit=False) as session:
            code = store.create_enroll_code(
                session=session,
                puskesmas=f"Puskesmas {n % PUSKESMAS_COUNT + 1:02d}",
                posyandu=f"Posyandu {n + 1:03d}",
                area=f"Desa {n + 1:03d}",
                now=now,
            )
            enrolled = store.enroll_device(session=session, code=code, device_name="bench", now=now)
            assert enrolled is not None
            device = store.device_for_token(session, enrolled.token)
            assert device is not None
        batch: list[CheckedItem] = []
        items = area_items(
            people=people_per_area,
            visits_per_person=4,
            seed=seed * 1000 + n,
            desa=f"Desa {n + 1:03d}",
        )
        for raw in items:
            checked = _checked(raw)
            if checked is not None:
                batch.append(checked)
            if len(batch) == BATCH:
                stored += _store(engine, device, batch)
                batch = []
        if batch:
            stored += _store(engine, device, batch)
        rate = stored / (time.perf_counter() - started)
        print(
            f"fill: area {n + 1 - first_area}/{areas}: {stored} entries, {rate:.0f}/s", flush=True
        )
    engine.dispose()


def _store(engine: Any, device: Any, batch: list[CheckedItem]) -> int:
    request = PushEnvelope.model_validate(
        {
            "batch_id": str(uuid.uuid4()),
            "device_id": device.id,
            "app_version": "bench-fill",
            "protocol_version": 1,
            "client_time": datetime.now(UTC).isoformat(),
            "items": [],
        }
    )
    with Session(engine, expire_on_commit=False) as session:
        _record_batch_once(
            session=session,
            device=device,
            request=request,
            checked=batch,
            now=datetime.now(UTC),
            from_file=False,
        )
    return len(batch)
