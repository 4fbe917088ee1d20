"""Many devices syncing at once against one real SQLite server: every item stored once, no 503.

Regression test for the lock-up where readers took SQLite's write lock and starved the workers.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import httpx
import sqlalchemy as sa
from server_api import person_item, post_gzip, push_body, visit_item
from server_process import EnrolledDevice, ServerFactory, ServerProcess, enroll_on

from sync.protocol import PULL_PATH, PUSH_PATH
from sync.server.store.tables import ENTRY

# More devices than the server has worker threads (40): the old code locked up from here on.
DEVICES = 48
BATCHES = 3
PEOPLE_PER_BATCH = 10
VISITS_PER_PERSON = 3
OVERALL_TIMEOUT_S = 240.0


def _batches() -> list[list[dict[str, Any]]]:
    batches = []
    for _ in range(BATCHES):
        items: list[dict[str, Any]] = []
        for _ in range(PEOPLE_PER_BATCH):
            person = person_item()
            items.append(person)
            items += [visit_item(person_id=person["id"]) for _ in range(VISITS_PER_PERSON)]
        batches.append(items)
    return batches


def _all_at_once(
    devices: list[EnrolledDevice], work: dict[str, list[list[dict[str, Any]]]]
) -> dict[str, list[httpx.Response]]:
    """Each device in its own thread, all starting together, pushing its batches then pulling."""
    answers: dict[str, list[httpx.Response]] = {dev.device_id: [] for dev in devices}
    crashed: list[str] = []
    start = threading.Barrier(len(devices))

    def run(dev: EnrolledDevice) -> None:
        try:
            start.wait(timeout=60)
            for batch in work[dev.device_id]:
                answers[dev.device_id].append(post_gzip(dev, PUSH_PATH, push_body(dev, batch)))
            answers[dev.device_id].append(
                httpx.get(dev.url + PULL_PATH, headers=dev.headers, timeout=60)
            )
        except Exception as exc:  # noqa: BLE001 - reported below, the thread must not die quietly
            crashed.append(type(exc).__name__)

    threads = [threading.Thread(target=run, args=(dev,), daemon=True) for dev in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=OVERALL_TIMEOUT_S)
    assert not any(t.is_alive() for t in threads), "devices still waiting for the server"
    assert crashed == []
    return answers


def _status_codes(answers: dict[str, list[httpx.Response]]) -> Counter[int]:
    return Counter(r.status_code for responses in answers.values() for r in responses)


def _copies_on_server(server: ServerProcess, ids: list[str]) -> Counter[str]:
    copies: Counter[str] = Counter()
    with server.session() as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = session.execute(
                sa.select(ENTRY.c.id, sa.func.count())
                .where(ENTRY.c.id.in_(chunk))
                .group_by(ENTRY.c.id)
            )
            copies.update({row[0]: row[1] for row in rows})
    return copies


def test_many_devices_pushing_at_once_all_get_their_items_stored_once(
    server_factory: ServerFactory,
) -> None:
    server = server_factory("sqlite")
    devices = [enroll_on(server, area=f"Desa Serentak {n}") for n in range(DEVICES)]
    work = {dev.device_id: _batches() for dev in devices}

    answers = _all_at_once(devices, work)

    assert _status_codes(answers) == {200: DEVICES * (BATCHES + 1)}
    for dev in devices:
        *pushes, pulled = answers[dev.device_id]
        for batch, answer in zip(work[dev.device_id], pushes, strict=True):
            results = answer.json()["results"]
            assert [(r["id"], r["status"]) for r in results] == [
                (item["id"], "accepted") for item in batch
            ]
        # The pull ran while others were still pushing; it sees at least this device's people.
        pushed_people = {
            i["id"] for batch in work[dev.device_id] for i in batch if i["type"] == "person"
        }
        assert {p["id"] for p in pulled.json()["people"]} == pushed_people

    ids = [item["id"] for batches in work.values() for batch in batches for item in batch]
    assert len(ids) == DEVICES * BATCHES * PEOPLE_PER_BATCH * (1 + VISITS_PER_PERSON)
    assert _copies_on_server(server, ids) == Counter(set(ids))

    # Every device resends everything at once (its acks were lost): duplicates, none stored twice.
    again = _all_at_once(devices, work)

    assert _status_codes(again) == {200: DEVICES * (BATCHES + 1)}
    for dev in devices:
        for answer in again[dev.device_id][:-1]:
            assert {r["status"] for r in answer.json()["results"]} == {"duplicate"}
    assert _copies_on_server(server, ids) == Counter(set(ids))
