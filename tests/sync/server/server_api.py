"""HTTP helpers for the server suite: build items and batches, push gzip JSON, pull pages."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from server_process import EnrolledDevice

from sync.protocol import PROTOCOL_VERSION, content_hash


def person_item(
    *,
    item_id: str | None = None,
    version: int = 1,
    base_version: int | None = None,
    name: str = "Siti Aminah",
    recorded_at: datetime | None = None,
    **payload_extra: Any,
) -> dict[str, Any]:
    payload = {"name": name, "sex": "P", "birth_date": "1990-04-01", "desa": "Sukamaju"}
    payload.update(payload_extra)
    return {
        "id": item_id or str(uuid.uuid4()),
        "type": "person",
        "version": version,
        "base_version": base_version,
        "content_hash": content_hash(payload),
        "recorded_at": (recorded_at or datetime.now(UTC)).isoformat(),
        "payload": payload,
    }


def visit_item(*, person_id: str, replaces_id: str | None = None, **extra: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "person_id": person_id,
        "measured_on": "2026-11-20",
        "blood_pressure": {"readings": [[150, 95], [148, 92]]},
        "level": "rujuk",
        "replaces_id": replaces_id,
    }
    payload.update(extra)
    return {
        "id": str(uuid.uuid4()),
        "type": "visit",
        "version": 1,
        "base_version": None,
        "content_hash": content_hash(payload),
        "recorded_at": datetime.now(UTC).isoformat(),
        "payload": payload,
    }


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
