from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from server_api import person_item, post_gzip, pull_all, push, statuses
from server_process import EnrolledDevice, copy_server_database, drop_copy, enroll_on

from sync.protocol import day_digest


def digests(acked: list[dict[str, Any]], *, with_ids: bool = False) -> list[dict[str, Any]]:
    by_day: dict[date, list[tuple[str, str]]] = defaultdict(list)
    for item in acked:
        day = datetime.fromisoformat(item["recorded_at"]).astimezone(UTC).date()
        by_day[day].append((item["id"], item["content_hash"]))
    return [
        {
            "day": day.isoformat(),
            "count": len(pairs),
            "digest": day_digest(pairs),
            "ids": [f"{i}:{h}" for i, h in pairs] if with_ids else [],
        }
        for day, pairs in sorted(by_day.items())
    ]


def reconcile(dev: EnrolledDevice, days: list[dict[str, Any]]) -> dict[str, Any]:
    answer = post_gzip(dev, "/api/v1/sync/reconcile", {"device_id": dev.device_id, "days": days})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_a_server_restored_from_an_older_copy_names_what_it_lost(
    backend_factory: Any, tmp_path: Any
) -> None:
    server = backend_factory()
    laptop = enroll_on(server)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    today = datetime.now(UTC)
    before_backup = [person_item(recorded_at=yesterday), person_item(recorded_at=today)]
    assert statuses(push(laptop, before_backup)) == ["accepted", "accepted"]
    server.stop()
    backup = copy_server_database(server, tmp_path / "backup")
    server.start()
    laptop = EnrolledDevice(**{**laptop.__dict__, "url": server.url})
    after_backup = [person_item(recorded_at=yesterday), person_item(recorded_at=today)]
    edit = person_item(
        item_id=before_backup[0]["id"], version=2, base_version=1, name="Siti", recorded_at=today
    )
    assert statuses(push(laptop, [*after_backup, edit])) == ["accepted"] * 3
    acked = before_backup + after_backup + [edit]
    assert _missing(reconcile(laptop, digests(acked))) == {"missing_days": [], "missing_ids": []}
    _, newer_cursor = pull_all(laptop)
    server.stop()

    try:
        backup.start()
        restored = EnrolledDevice(**{**laptop.__dict__, "url": backup.url})
        first = reconcile(restored, digests(acked))
        assert first["missing_days"] == [yesterday.date().isoformat(), today.date().isoformat()]
        assert first["missing_ids"] == []

        detailed = reconcile(restored, digests(acked, with_ids=True))
        lost = {item["id"] for item in after_backup} | {edit["id"]}
        assert set(detailed["missing_ids"]) == lost

        # A cursor from the newer database is ahead of this copy: the client must start again.
        page = httpx.get(
            backup.url + "/api/v1/sync/pull",
            params={"cursor": newer_cursor},
            headers=restored.headers,
        ).json()
        assert page["must_resync"] is True
        # The client resends everything of the missing ids; what the copy had is a duplicate.
        resend = [item for item in acked if item["id"] in set(detailed["missing_ids"])]
        answer = push(restored, resend)
        assert sorted(statuses(answer)) == ["accepted", "accepted", "accepted", "duplicate"]
        assert _missing(reconcile(restored, digests(acked))) == {
            "missing_days": [],
            "missing_ids": [],
        }

        people, _ = pull_all(restored)
        assert {p["id"]: p["version"] for p in people} == {
            before_backup[0]["id"]: 2,
            before_backup[1]["id"]: 1,
            after_backup[0]["id"]: 1,
            after_backup[1]["id"]: 1,
        }
    finally:
        drop_copy(backup)


def test_reconcile_for_another_device_is_refused(device: EnrolledDevice, make_device: Any) -> None:
    other = make_device()
    body = {"device_id": other.device_id, "days": []}
    assert post_gzip(device, "/api/v1/sync/reconcile", body).status_code == 403


def _missing(answer: dict[str, Any]) -> dict[str, Any]:
    return {key: answer[key] for key in ("missing_days", "missing_ids")}
