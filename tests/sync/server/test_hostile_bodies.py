"""Hostile bodies against the real server: never a 5xx, and one bad item never sinks the rest.

Each case is a body a broken or hostile client could send: nesting 100,000 deep (plain, gzipped,
inside one item's payload), integers past 2^63, strings for integers, booleans, NaN, times in
year 1 or 9999 with extreme offsets, reconcile ranges 0001…9999, huge names, gzip with junk after
it. The good item sent beside a bad one must be stored.
"""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from server_api import person_item, post_gzip, push_body, visit_item
from server_process import EnrolledDevice, ServerProcess, enroll_on

from sync.protocol import content_hash

PUSH = "/api/v1/sync/push"
DEEP = 100_000


def send(dev: EnrolledDevice, path: str, raw: bytes, *, gzipped: bool = True) -> httpx.Response:
    headers = {"Content-Type": "application/json", **dev.headers}
    if gzipped:
        raw = gzip.compress(raw)
        headers["Content-Encoding"] = "gzip"
    return httpx.post(dev.url + path, content=raw, headers=headers, timeout=60)


def envelope_text(dev: EnrolledDevice, items: list[str]) -> bytes:
    """A push body whose items are given as raw JSON text (so they may be anything)."""
    head = json.dumps({**push_body(dev, []), "items": []})[
        : -len('"items": [], "pending_count": 0}')
    ]
    return (head + '"items": [' + ",".join(items) + '], "pending_count": 0}').encode()


def results(answer: httpx.Response) -> list[tuple[str, str, str | None]]:
    assert answer.status_code == 200, answer.text
    return [(r["id"], r["status"], r["code"]) for r in answer.json()["results"]]


@pytest.fixture
def dev(server: ServerProcess) -> EnrolledDevice:
    return enroll_on(server)


def test_nesting_a_hundred_thousand_deep_is_refused_as_a_body_never_a_crash(
    dev: EnrolledDevice,
) -> None:
    deep = ("[" * DEEP + "]" * DEEP).encode()
    for gzipped in (False, True):
        for path in (PUSH, "/api/v1/sync/reconcile", "/api/v1/devices/enroll"):
            answer = send(dev, path, deep, gzipped=gzipped)
            assert answer.status_code == 400, (path, gzipped, answer.status_code)
    wrapped = envelope_text(dev, ['{"id": ' + "[" * DEEP + "]" * DEEP + "}"])
    assert send(dev, PUSH, wrapped).status_code == 200


def test_an_item_nested_deep_inside_its_payload_is_refused_alone(dev: EnrolledDevice) -> None:
    good = person_item()
    bad = person_item()
    bad_text = json.dumps(bad)[:-1] + ', "extra": ' + "[" * DEEP + "]" * DEEP + "}"
    inner = person_item()
    inner_text = json.dumps(inner).replace(
        '"name": ', '"name": ' + "[" * DEEP + "]" * DEEP + ', "n2": ', 1
    )
    body = envelope_text(dev, [json.dumps(good), bad_text, inner_text])

    answer = results(send(dev, PUSH, body))

    assert answer[0] == (good["id"], "accepted", None)
    assert [(i, s, c) for i, s, c in answer[1:]] == [
        (bad["id"], "rejected", "invalid_item"),
        (inner["id"], "rejected", "invalid_item"),
    ]


def test_integers_past_the_database_strings_and_booleans_are_refused_per_item(
    dev: EnrolledDevice,
) -> None:
    good = person_item()
    cases = []
    for value in (2**63, 2**70, "1", True, 1.0, -1, 0):
        bad = person_item()
        bad["version"] = value
        cases.append(bad)
    base = person_item()
    base["base_version"] = 2**70
    payload_version = person_item()
    payload_version["payload"]["version"] = "1"
    payload_version["content_hash"] = content_hash(payload_version["payload"])
    payload_bool = person_item()
    payload_bool["payload"]["version"] = True
    payload_bool["content_hash"] = content_hash(payload_bool["payload"])
    items = [good, *cases, base, payload_version, payload_bool]

    answer = results(post_gzip(dev, PUSH, push_body(dev, items)))

    assert answer[0][1] == "accepted"
    assert {status for _, status, _ in answer[1:]} == {"rejected"}
    assert [code for _, _, code in answer[-2:]] == ["bad_payload", "bad_payload"]


def test_pending_count_and_protocol_version_out_of_range_are_refused_not_a_crash(
    dev: EnrolledDevice,
) -> None:
    for field, value in (
        ("pending_count", 2**70),
        ("pending_count", "5"),
        ("pending_count", -1),
        ("protocol_version", True),
        ("protocol_version", 2**70),
        ("client_time", "0001-01-01T00:00:00+23:59"),
        ("client_time", "9999-12-31T23:59:59-23:59"),
        ("client_time", "2026-01-01T00:00:00"),
        ("batch_id", "x" * 10_000),
        ("items", {"not": "a list"}),
    ):
        body = {**push_body(dev, [person_item()]), field: value}
        answer = post_gzip(dev, PUSH, body)
        assert answer.status_code in (413, 422, 426), (field, value, answer.status_code)


def test_times_at_the_ends_of_the_calendar_are_refused_per_item(dev: EnrolledDevice) -> None:
    good = person_item()
    items = [good]
    for at in ("0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "not a time", 12):
        bad = person_item()
        bad["recorded_at"] = at
        items.append(bad)
    year_one = person_item(created_at=None)
    year_one["payload"]["created_at"] = "0001-01-01T00:00:00+23:59"
    year_one["content_hash"] = content_hash(year_one["payload"])
    items.append(year_one)
    visit = visit_item(person_id=good["id"])
    visit["payload"]["measured_at_utc"] = "9999-12-31T23:59:59-23:59"
    visit["content_hash"] = content_hash(visit["payload"])
    items.append(visit)

    answer = results(post_gzip(dev, PUSH, push_body(dev, items)))

    assert answer[0][1] == "accepted"
    assert {status for _, status, _ in answer[1:]} == {"rejected"}


def test_nan_is_refused_per_item_and_the_rest_is_stored(dev: EnrolledDevice) -> None:
    good, bad = person_item(), visit_item(person_id=str(uuid.uuid4()))
    bad_text = json.dumps(bad).replace('"systolic": 165', '"systolic": NaN')
    assert "NaN" in bad_text
    answer = results(send(dev, PUSH, envelope_text(dev, [json.dumps(good), bad_text])))
    assert answer == [(good["id"], "accepted", None), (bad["id"], "rejected", "invalid_item")]
    for constant in ("NaN", "Infinity", "-Infinity"):
        body = json.dumps(push_body(dev, [])).replace(
            '"pending_count": 0', f'"pending_count": {constant}'
        )
        assert send(dev, PUSH, body.encode()).status_code == 400


def test_an_item_over_64_kb_is_refused_alone_and_a_body_past_the_limit_is_413(
    dev: EnrolledDevice,
) -> None:
    good = person_item()
    huge = person_item()
    huge["payload"]["dusun"] = "x" * 70_000
    huge["content_hash"] = content_hash(huge["payload"])
    answer = results(post_gzip(dev, PUSH, push_body(dev, [good, huge])))
    assert answer == [(good["id"], "accepted", None), (huge["id"], "rejected", "too_large")]

    name = person_item()
    name["payload"]["name"] = "N" * (50 * 1024 * 1024)
    answer_big = post_gzip(dev, PUSH, push_body(dev, [name]))
    assert answer_big.status_code == 413


def test_gzip_with_junk_after_it_or_cut_short_is_refused(dev: EnrolledDevice) -> None:
    raw = gzip.compress(json.dumps(push_body(dev, [person_item()])).encode())
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip", **dev.headers}
    for body in (raw + b"junk", raw + raw, raw[:-5], b"\x1f\x8b" + b"\x00" * 40):
        answer = httpx.post(dev.url + PUSH, content=body, headers=headers, timeout=30)
        assert answer.status_code == 400, answer.status_code


def test_reconcile_ranges_from_year_one_to_9999_and_bad_counts_are_refused(
    dev: EnrolledDevice,
) -> None:
    for day, count in (
        ("0001-01-01", 1),
        ("9999-12-31", 1),
        ("2026-02-30", 1),
        ("2026-01-01", 2**70),
        ("2026-01-01", "3"),
        ("2026-01-01", True),
    ):
        days = [{"day": day, "count": count, "digest": "0" * 64, "ids": []}]
        answer = post_gzip(
            dev, "/api/v1/sync/reconcile", {"device_id": dev.device_id, "days": days}
        )
        assert answer.status_code == 422, (day, count, answer.status_code)
    wide = [
        {"day": "1900-01-01", "count": 0, "digest": "0" * 64},
        {"day": "2199-12-31", "count": 0, "digest": "0" * 64},
    ]
    answer = post_gzip(dev, "/api/v1/sync/reconcile", {"device_id": dev.device_id, "days": wide})
    assert answer.status_code == 200
    assert answer.json()["missing_days"] == ["1900-01-01", "2199-12-31"]


def test_pull_cursors_and_limits_that_are_not_numbers_or_too_big_never_crash(
    dev: EnrolledDevice,
) -> None:
    import base64

    for raw in ("1:x:" + "9" * 400 + ":m:0:", "1:x:-5:m:0:", "garbage", "1:" + ":" * 40):
        cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")[:500]
        answer = httpx.get(
            dev.url + "/api/v1/sync/pull",
            params={"cursor": cursor},
            headers=dev.headers,
            timeout=30,
        )
        assert answer.status_code == 200 and answer.json()["must_resync"] is True
    for limit in ("9" * 50, "-1", "abc", "1e3"):
        answer = httpx.get(
            dev.url + "/api/v1/sync/pull", params={"limit": limit}, headers=dev.headers, timeout=30
        )
        assert answer.status_code == 422


def test_enrolment_with_wrong_types_or_huge_fields_is_refused(server: ServerProcess) -> None:
    for body in (
        {"code": 12345, "device_name": "x"},
        {"code": "ABCDE-FGHIJ", "device_name": True},
        {"code": "A" * 10_000, "device_name": "x"},
        [],
        "text",
    ):
        answer = httpx.post(server.url + "/api/v1/devices/enroll", json=body, timeout=30)
        assert answer.status_code == 422, (
            body if not isinstance(body, dict) else list(body),
            answer.status_code,
        )


def test_a_bad_body_never_changes_what_a_good_push_stores(dev: EnrolledDevice) -> None:
    person = person_item(recorded_at=datetime.now(UTC))
    visit = visit_item(person_id=person["id"])
    answer = results(post_gzip(dev, PUSH, push_body(dev, [person, visit])))
    assert [s for _, s, _ in answer] == ["accepted", "accepted"]
    again: Any = results(post_gzip(dev, PUSH, push_body(dev, [person, visit])))
    assert [s for _, s, _ in again] == ["duplicate", "duplicate"]
