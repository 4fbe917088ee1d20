"""zstd on the wire against the real server: offered, read and answered; hostile frames are 4xx.

The limits of gzip bodies hold for zstd ones, on the inflated body: a frame that would grow past
the request limit (whether or not it declares its size) is a 413 after a bounded amount of work;
a corrupt, cut or trailing frame is a 400; nesting 100,000 deep inside one is a 400.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import zstandard
from server_api import person_item, push_body
from server_process import EnrolledDevice, ServerProcess, enroll_on

from sync.protocol import OFFERS_HEADER, content_hash

PUSH = "/api/v1/sync/push"
DEEP = 100_000


@pytest.fixture
def dev(server: ServerProcess) -> EnrolledDevice:
    return enroll_on(server)


def zstd_post(dev: EnrolledDevice, path: str, data: bytes, **headers: str) -> httpx.Response:
    sent = {"Content-Type": "application/json", "Content-Encoding": "zstd", **dev.headers}
    return httpx.post(dev.url + path, content=data, headers={**sent, **headers}, timeout=60)


def packed(value: Any, **options: Any) -> bytes:
    return zstandard.ZstdCompressor(level=3, **options).compress(json.dumps(value).encode())


def test_the_server_offers_zstd_and_hash_prefixes_on_every_sync_answer(
    dev: EnrolledDevice,
) -> None:
    health = httpx.get(dev.url + "/api/v1/health", timeout=30)
    pulled = httpx.get(dev.url + "/api/v1/sync/pull", headers=dev.headers, timeout=30)
    dashboard = httpx.get(dev.url + "/dashboard/masuk", timeout=30)

    for answer in (health, pulled):
        offers = {o.strip() for o in answer.headers[OFFERS_HEADER].split(",")}
        assert offers == {"zstd", "hash-prefix"}
    assert OFFERS_HEADER not in dashboard.headers


def test_a_zstd_push_with_hash_prefixes_is_stored_and_answered_minimal_in_zstd(
    dev: EnrolledDevice,
) -> None:
    residents = [person_item(name=f"Warga {i}") for i in range(12)]
    short = [{**r, "content_hash": r["content_hash"][:16]} for r in residents]
    wrong = person_item(name="Warga salah")
    wrong["content_hash"] = "0" * 16

    with httpx.Client(timeout=60) as client:
        request = client.build_request(
            "POST",
            dev.url + PUSH,
            content=packed(push_body(dev, [*short, wrong])),
            headers={
                **dev.headers,
                "Content-Type": "application/json",
                "Content-Encoding": "zstd",
                "Accept-Encoding": "zstd",
                "Prefer": "return=minimal",
            },
        )
        answer = client.send(request, stream=True)
        raw = b"".join(answer.iter_raw())
        answer.close()

    assert answer.status_code == 200
    assert answer.headers["content-encoding"] == "zstd"
    assert answer.headers["preference-applied"] == "return=minimal"
    reply = json.loads(zstandard.ZstdDecompressor().decompress(raw))
    assert reply["rest"] == "accepted"
    assert [(r["id"], r["status"], r["code"]) for r in reply["results"]] == [
        (wrong["id"], "rejected", "hash_mismatch")
    ]
    # The server kept the full hashes: the same residents sent again with them are duplicates.
    again = httpx.post(
        dev.url + PUSH,
        content=packed(push_body(dev, residents)),
        headers={**dev.headers, "Content-Type": "application/json", "Content-Encoding": "zstd"},
        timeout=60,
    ).json()
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 12
    assert "rest" not in again
    pulled = httpx.get(dev.url + "/api/v1/sync/pull", headers=dev.headers, timeout=30).json()
    stored = {p["id"]: p["content_hash"] for p in pulled["people"]}
    assert stored == {r["id"]: content_hash(r["payload"]) for r in residents}


def test_zstd_bombs_are_413_with_or_without_a_declared_size(dev: EnrolledDevice) -> None:
    # 48 MiB of spaces inflate from a few KiB: past the 32 MiB request limit.
    filler = b'{"items": [' + b" " * (48 * 1024 * 1024) + b"]}"
    quiet = zstandard.ZstdCompressor(level=3, write_content_size=False).compress(filler)
    declared = zstandard.ZstdCompressor(level=3).compress(filler)
    assert len(quiet) < 64 * 1024

    for bomb in (quiet, declared):
        answer = zstd_post(dev, PUSH, bomb)
        assert answer.status_code == 413, answer.status_code


def test_corrupt_cut_or_trailing_zstd_frames_are_400(dev: EnrolledDevice) -> None:
    frame = packed(push_body(dev, [person_item()]), write_checksum=True)
    flipped = frame[:-6] + bytes([frame[-6] ^ 0xFF]) + frame[-5:]
    cases = {
        "not zstd": b"this is not a zstd frame",
        "cut": frame[: len(frame) // 2],
        "trailing": frame + b"junk",
        "two frames": frame + frame,
        "checksum": flipped,
        "empty": b"",
    }
    for name, data in cases.items():
        answer = zstd_post(dev, PUSH, data)
        assert answer.status_code == 400, (name, answer.status_code)


def test_nesting_deep_inside_a_zstd_frame_is_400_never_a_crash(dev: EnrolledDevice) -> None:
    deep = zstandard.ZstdCompressor().compress(("[" * DEEP + "]" * DEEP).encode())
    for path in (PUSH, "/api/v1/sync/reconcile", "/api/v1/devices/enroll"):
        assert zstd_post(dev, path, deep).status_code == 400, path


def test_an_unknown_content_encoding_is_415(dev: EnrolledDevice) -> None:
    answer = zstd_post(dev, PUSH, packed(push_body(dev, [])), **{"Content-Encoding": "br"})
    assert answer.status_code == 415
