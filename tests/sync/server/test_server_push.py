from __future__ import annotations

import gzip
import json
import threading
import uuid
from datetime import datetime
from typing import Any

import httpx
from payloads import OPTIMAL, item, visit_payload
from server_api import person_item, post_gzip, push, push_body, statuses, visit_item
from server_process import EnrolledDevice, ServerProcess

from sync.protocol import PushResponse
from sync.server import store


def versions_of(server: ServerProcess, item_id: str) -> list[dict[str, Any]]:
    with server.session() as session:
        return store.entry_versions(session=session, item_id=item_id)


def test_new_items_are_accepted_and_a_resend_is_a_duplicate(device: EnrolledDevice) -> None:
    person = person_item()
    visit = visit_item(person_id=person["id"])

    first = push(device, [person, visit])
    again = push(device, [person, visit])

    assert statuses(first) == ["accepted", "accepted"]
    assert statuses(again) == ["duplicate", "duplicate"]
    assert [(r["id"], r["version"]) for r in first["results"]] == [
        (person["id"], 1),
        (visit["id"], 1),
    ]
    PushResponse.model_validate(first)
    assert first["receipt"] and first["server_time"]


def test_poison_items_are_rejected_alone_and_the_rest_is_stored(
    device: EnrolledDevice, server: ServerProcess
) -> None:
    good_before = person_item(name="Ani")
    unknown_type = person_item() | {"type": "vaccine"}
    wrong_hash = person_item() | {"content_hash": "0" * 64}
    not_an_object = person_item() | {"payload": "bukan objek"}
    no_version = {k: v for k, v in person_item().items() if k != "version"}
    not_a_uuid = person_item() | {"id": "123"}
    good_after = visit_item(person_id=good_before["id"])

    answer = push(
        device,
        [good_before, unknown_type, wrong_hash, not_an_object, no_version, not_a_uuid, good_after],
    )

    assert statuses(answer) == [
        "accepted",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "accepted",
    ]
    codes = [r["code"] for r in answer["results"][1:6]]
    assert codes == ["unknown_type", "hash_mismatch", "bad_payload", "invalid_item", "invalid_item"]
    messages = [r["message"] for r in answer["results"][1:6]]
    assert messages[0] == "Jenis data tidak dikenal oleh server Puskesmas."
    assert all(m and "data" in m.lower() for m in messages)
    assert len(versions_of(server, good_before["id"])) == 1
    assert len(versions_of(server, good_after["id"])) == 1
    assert versions_of(server, wrong_hash["id"]) == []


def test_person_edits_need_the_right_base_version(make_device: Any, server: ServerProcess) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    laptop_a = make_device(area=area)
    laptop_b = make_device(area=area)
    v1 = person_item(name="Budi")
    item_id = v1["id"]
    v2 = person_item(item_id=item_id, version=2, base_version=1, name="Budi Santoso")
    v2_elsewhere = person_item(item_id=item_id, version=2, base_version=1, name="Budi S.")
    v3_on_old_base = person_item(item_id=item_id, version=3, base_version=1, name="Budi X")

    assert statuses(push(laptop_a, [v1, v2])) == ["accepted", "accepted"]
    other = push(laptop_b, [v2_elsewhere, v3_on_old_base, v2])

    assert statuses(other) == ["conflict", "conflict", "duplicate"]
    assert [r["server_version"] for r in other["results"][:2]] == [2, 2]
    assert other["results"][0]["message"]
    kept = versions_of(server, item_id)
    assert [v["version"] for v in kept] == [1, 2]


def test_every_version_is_kept_with_exactly_one_current(
    device: EnrolledDevice, server: ServerProcess
) -> None:
    v1 = person_item(name="Citra")
    item_id = v1["id"]
    push(device, [v1])
    v2 = person_item(item_id=item_id, version=2, base_version=1, name="Citra Dewi")
    v3 = person_item(item_id=item_id, version=3, base_version=2, name="Citra Dewi Lestari")
    assert statuses(push(device, [v2, v3])) == ["accepted", "accepted"]

    kept = versions_of(server, item_id)

    assert [v["version"] for v in kept] == [1, 2, 3]
    assert [bool(v["is_current"]) for v in kept] == [False, False, True]
    assert [v["content_hash"] for v in kept] == [
        v1["content_hash"],
        v2["content_hash"],
        v3["content_hash"],
    ]


def test_a_visit_correction_is_a_new_version_of_the_visit_and_the_original_stays(
    device: EnrolledDevice, server: ServerProcess
) -> None:
    person = person_item()
    original = visit_item(person_id=person["id"])
    first = original["payload"]
    correction = item(
        visit_payload(
            person_id=person["id"],
            measured_at=datetime.fromisoformat(first["measured_at"]),
            sections={"blood_pressure": OPTIMAL},
            visit_key=first["visit_key"],
            version=2,
            replaces_id=first["id"],
        ),
        base_version=1,
    )

    assert statuses(push(device, [person, original])) == ["accepted", "accepted"]
    assert statuses(push(device, [correction])) == ["accepted"]

    kept = versions_of(server, original["id"])
    assert correction["id"] == original["id"]
    assert [(v["version"], bool(v["is_current"])) for v in kept] == [(1, False), (2, True)]


def test_replaying_a_batch_id_returns_the_stored_answer(
    device: EnrolledDevice, server: ServerProcess
) -> None:
    person = person_item()
    batch_id = str(uuid.uuid4())
    first = push(device, [person], batch_id=batch_id)
    # Same batch id, even with other content: the stored answer comes back, nothing is stored.
    stray = person_item()
    replay = push(device, [person, stray], batch_id=batch_id)

    assert replay == first
    assert statuses(replay) == ["accepted"]
    assert versions_of(server, stray["id"]) == []


def test_identical_batches_at_once_store_each_item_once(
    device: EnrolledDevice, server: ServerProcess
) -> None:
    items = [person_item(name=f"Warga {i}") for i in range(40)]
    same_batch = push_body(device, items)
    answers: list[dict[str, Any]] = []
    errors: list[BaseException] = []

    def send(body: dict[str, Any]) -> None:
        try:
            response = post_gzip(device, "/api/v1/sync/push", body)
            assert response.status_code == 200, response.text
            answers.append(response.json())
        except BaseException as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    bodies = [same_batch, same_batch, push_body(device, items), push_body(device, items)]
    threads = [threading.Thread(target=send, args=(b,)) for b in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert errors == []
    assert len(answers) == 4
    for index, pushed in enumerate(items):
        assert len(versions_of(server, pushed["id"])) == 1
        per_answer = [a["results"][index]["status"] for a in answers]
        assert set(per_answer) <= {"accepted", "duplicate"}
    same = [a for a in answers if a["batch_id"] == same_batch["batch_id"]]
    assert same[0] == same[1]
    # Across the distinct batches each item is accepted exactly once.
    distinct = [same[0]] + [a for a in answers if a["batch_id"] != same_batch["batch_id"]]
    for index in range(len(items)):
        assert [a["results"][index]["status"] for a in distinct].count("accepted") == 1


def test_plain_json_is_accepted_too(device: EnrolledDevice) -> None:
    body = push_body(device, [person_item()])
    answer = httpx.post(device.url + "/api/v1/sync/push", json=body, headers=device.headers)
    assert answer.status_code == 200
    assert statuses(answer.json()) == ["accepted"]


def test_broken_gzip_and_gzip_bombs_are_refused(device: EnrolledDevice) -> None:
    headers = {**device.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"}
    url = device.url + "/api/v1/sync/push"
    cut = gzip.compress(json.dumps(push_body(device, [person_item()])).encode())[:-12]
    bomb = gzip.compress(b"[" + b" " * (80 * 1024 * 1024) + b"]")

    assert httpx.post(url, content=cut, headers=headers).status_code == 400
    answer = httpx.post(url, content=bomb, headers=headers, timeout=60)
    assert answer.status_code == 413
    assert answer.json()["detail"]


def test_an_unsupported_protocol_version_gets_426(device: EnrolledDevice) -> None:
    body = push_body(device, [person_item()]) | {"protocol_version": 99}
    answer = post_gzip(device, "/api/v1/sync/push", body)
    assert answer.status_code == 426
    assert "perbarui" in answer.json()["detail"]


def test_a_push_naming_another_device_is_refused(make_device: Any) -> None:
    mine, other = make_device(), make_device()
    body = push_body(mine, [person_item()]) | {"device_id": other.device_id}
    assert post_gzip(mine, "/api/v1/sync/push", body).status_code == 403


def test_the_audit_log_counts_pushes_without_health_data(
    device: EnrolledDevice, server: ServerProcess
) -> None:
    name = f"Nama Rahasia {uuid.uuid4().hex}"
    push(device, [person_item(name=name, nik="3201010101900001")])
    with server.session() as session:
        rows = [r for r in store.audit_rows(session) if r["device_id"] == device.device_id]

    assert [r["kind"] for r in rows] == ["enroll", "push"]
    assert rows[1]["counts"]["accepted"] == 1
    text = json.dumps(rows, default=str)
    assert name not in text and "3201010101900001" not in text


def test_a_batch_with_too_many_items_is_413_so_the_client_sends_smaller_ones(
    device: EnrolledDevice,
) -> None:
    item = person_item()
    body = push_body(device, [item] * 2001)
    answer = post_gzip(device, "/api/v1/sync/push", body)
    assert answer.status_code == 413
    assert statuses(push(device, [item] * 3)) == ["accepted", "duplicate", "duplicate"]
