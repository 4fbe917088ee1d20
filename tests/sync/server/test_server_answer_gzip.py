"""Push answers and pull pages travel gzip'd to a laptop that accepts gzip, plain otherwise."""

from __future__ import annotations

import gzip
import json
import uuid
from typing import Any

import httpx
from server_api import person_item, push_body

from sync.client import SyncClient
from sync.protocol import PushRequest


def _raw_push(dev: Any, items: list[dict[str, Any]], accept: str) -> httpx.Response:
    # httpx would inflate a gzip answer on reading; the raw stream shows what was sent.
    body = gzip.compress(json.dumps(push_body(dev, items)).encode())
    headers = {
        **dev.headers,
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
        "Accept-Encoding": accept,
    }
    with (
        httpx.Client(timeout=60) as client,
        client.stream("POST", dev.url + "/api/v1/sync/push", content=body, headers=headers) as r,
    ):
        r.raw_bytes = b"".join(r.iter_raw())  # type: ignore[attr-defined]
        return r


def test_a_push_answer_is_gzip_when_accepted_and_says_the_same(make_device: Any) -> None:
    dev = make_device(area=f"Desa {uuid.uuid4().hex[:6]}")
    residents = [person_item(name=f"Warga {i}") for i in range(40)]

    packed = _raw_push(dev, residents[:20], "gzip")
    plain = _raw_push(dev, residents[20:], "identity")

    assert packed.status_code == plain.status_code == 200
    assert packed.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    answer = json.loads(gzip.decompress(packed.raw_bytes))  # type: ignore[attr-defined]
    other = json.loads(plain.raw_bytes)  # type: ignore[attr-defined]
    assert [r["status"] for r in answer["results"]] == ["accepted"] * 20
    assert [r["status"] for r in other["results"]] == ["accepted"] * 20
    assert len(packed.raw_bytes) < len(plain.raw_bytes) / 2  # type: ignore[attr-defined]


def test_the_app_client_reads_gzip_answers_and_pull_pages(make_device: Any) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    dev, reader = make_device(area=area), make_device(area=area)
    residents = [person_item(name=f"Warga {i}") for i in range(30)]
    client = SyncClient(dev.url, token=dev.token, device_id=dev.device_id)
    try:
        answer = client.push(PushRequest.model_validate(push_body(dev, residents)))
    finally:
        client.close()
    assert [r.status for r in answer.results] == ["accepted"] * 30

    page = httpx.get(
        reader.url + "/api/v1/sync/pull",
        params={"limit": 100},
        headers={**reader.headers, "Accept-Encoding": "gzip"},
        timeout=60,
    )
    assert page.headers["content-encoding"] == "gzip"
    assert {p["id"] for p in page.json()["people"]} == {r["id"] for r in residents}
    # A small answer (a pull of an empty area) is not worth packing.
    alone = make_device(area=f"Desa {uuid.uuid4().hex[:6]}")
    empty = httpx.get(
        alone.url + "/api/v1/sync/pull",
        headers={**alone.headers, "Accept-Encoding": "gzip"},
        timeout=60,
    )
    assert empty.status_code == 200
    assert empty.json()["people"] == []
    assert "content-encoding" not in empty.headers
