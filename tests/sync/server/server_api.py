"""HTTP helpers for the server suite: items as the app builds them, gzip JSON pushes, pulls."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
from payloads import HIPERTENSI_2, item, person_payload, visit_payload
from server_process import EnrolledDevice

from screening.rules.section import InputModel
from sync.protocol import PROTOCOL_VERSION

WIB = timezone(timedelta(hours=7))


def person_item(
    *,
    item_id: str | None = None,
    version: int = 1,
    base_version: int | None = None,
    name: str = "Siti Aminah",
    recorded_at: datetime | None = None,
    **payload_extra: Any,
) -> dict[str, Any]:
    """A resident as the app pushes it (`PersonPayload`); keywords change payload fields."""
    payload = person_payload(person_id=item_id, name=name, version=version, **payload_extra)
    return item(payload, base_version=base_version, recorded_at=recorded_at)


def visit_item(
    *,
    person_id: str,
    sections: dict[str, InputModel] | None = None,
    measured_at: datetime | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A visit as the app pushes it, classified by the real rules (a hypertension by default)."""
    payload = visit_payload(
        person_id=person_id,
        measured_at=measured_at or datetime(2026, 11, 20, 9, 30, tzinfo=WIB),
        sections=sections if sections is not None else {"blood_pressure": HIPERTENSI_2},
        **extra,
    )
    return item(payload)


def push_body(
    dev: EnrolledDevice, items: list[dict[str, Any]], *, batch_id: str | None = None
) -> dict[str, Any]:
    return {
        "batch_id": batch_id or str(uuid.uuid4()),
        "device_id": dev.device_id,
        "app_version": "0.1.0",
        "protocol_version": PROTOCOL_VERSION,
        "client_time": datetime.now(UTC).isoformat(),
        "items": items,
        "pending_count": 0,
    }


def post_gzip(
    dev: EnrolledDevice, path: str, body: Any, *, headers: dict[str, str] | None = None
) -> httpx.Response:
    raw = gzip.compress(json.dumps(body).encode())
    return httpx.post(
        dev.url + path,
        content=raw,
        headers={
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            **(dev.headers if headers is None else headers),
        },
        timeout=60,
    )


def push(
    dev: EnrolledDevice, items: list[dict[str, Any]], *, batch_id: str | None = None
) -> dict[str, Any]:
    answer = post_gzip(dev, "/api/v1/sync/push", push_body(dev, items, batch_id=batch_id))
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def statuses(answer: dict[str, Any]) -> list[str]:
    return [r["status"] for r in answer["results"]]


def pull(dev: EnrolledDevice, *, cursor: str | None = None, limit: int = 500) -> dict[str, Any]:
    params: dict[str, str | int] = {"limit": limit}
    if cursor is not None:
        params["cursor"] = cursor
    answer = httpx.get(
        dev.url + "/api/v1/sync/pull", params=params, headers=dev.headers, timeout=60
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def pull_all(dev: EnrolledDevice, *, limit: int = 500) -> tuple[list[dict[str, Any]], str]:
    people: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        page = pull(dev, cursor=cursor, limit=limit)
        assert not page["must_resync"]
        people += page["people"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return people, cursor
