from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime
from typing import Any

from server_api import person_item, pull, pull_all, push, visit_item
from server_process import ServerProcess, enroll_on

from sync.server import store


def test_pull_pages_through_the_area_and_nothing_else(make_device: Any) -> None:
    area, elsewhere = f"Desa {uuid.uuid4().hex[:6]}", f"Desa {uuid.uuid4().hex[:6]}"
    recorder, reader = make_device(area=area), make_device(area=area)
    stranger = make_device(area=elsewhere)
    ours = [person_item(name=f"Warga {i}") for i in range(7)]
    theirs = [person_item(name=f"Tetangga {i}") for i in range(2)]
    push(recorder, ours)
    push(stranger, theirs)

    pages = []
    cursor = None
    while True:
        page = pull(reader, cursor=cursor, limit=3)
        pages.append(page)
        cursor = page["cursor"]
        if not page["has_more"]:
            break

    assert [len(p["people"]) for p in pages] == [3, 3, 1]
    got = [p["id"] for page in pages for p in page["people"]]
    assert got == [item["id"] for item in ours]
    assert pages[0]["people"][0]["payload"] == ours[0]["payload"]
    assert pages[0]["people"][0]["version"] == 1
    stranger_sees, _ = pull_all(stranger)
    assert {p["id"] for p in stranger_sees} == {item["id"] for item in theirs}
    assert pull(reader, cursor=cursor)["people"] == []


def test_an_edit_shows_up_after_the_cursor_as_the_current_version(make_device: Any) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    laptop, other = make_device(area=area), make_device(area=area)
    v1 = person_item(name="Dewi")
    push(laptop, [v1])
    _, cursor = pull_all(other)
    v2 = person_item(item_id=v1["id"], version=2, base_version=1, name="Dewi Sartika")
    push(laptop, [v2])

    page = pull(other, cursor=cursor)

    assert [(p["id"], p["version"]) for p in page["people"]] == [(v1["id"], 2)]
    assert page["people"][0]["payload"]["name"] == "Dewi Sartika"
    everything, _ = pull_all(other)
    assert [(p["id"], p["version"]) for p in everything] == [(v1["id"], 2)]


def test_followups_reach_only_their_area(make_device: Any, server: ServerProcess) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    laptop, stranger = make_device(area=area), make_device()
    person = person_item()
    push(laptop, [person])
    with server.session() as session:
        store.add_follow_up(
            session=session,
            area=area,
            person_id=person["id"],
            outcome="sudah datang ke Puskesmas",
            recorded_at=datetime.now(UTC),
            now=datetime.now(UTC),
        )

    page = pull(laptop)

    assert [f["person_id"] for f in page["followups"]] == [person["id"]]
    assert page["followups"][0]["outcome"] == "sudah datang ke Puskesmas"
    assert pull(stranger)["followups"] == []


def test_a_cursor_from_elsewhere_asks_for_a_resync(make_device: Any, backend_factory: Any) -> None:
    laptop = make_device()
    push(laptop, [person_item()])
    other_server = backend_factory()
    foreign_laptop = enroll_on(other_server)
    push(foreign_laptop, [person_item()])
    _, foreign_cursor = pull_all(foreign_laptop)

    for bad in (foreign_cursor, "tidak-sah", base64.urlsafe_b64encode(b"1:x:y:z").decode()):
        page = pull(laptop, cursor=bad)
        assert page["must_resync"] is True
        assert page["people"] == []
    restart = pull(laptop, cursor=pull(laptop, cursor=foreign_cursor)["cursor"])
    assert restart["must_resync"] is False
    assert len(restart["people"]) == 1


def test_a_device_cannot_overwrite_a_resident_of_another_area(make_device: Any) -> None:
    area, elsewhere = f"Desa {uuid.uuid4().hex[:6]}", f"Desa {uuid.uuid4().hex[:6]}"
    owner, intruder = make_device(area=area), make_device(area=elsewhere)
    v1 = person_item(name="Sri")
    push(owner, [v1])
    v2 = person_item(item_id=v1["id"], version=2, base_version=1, name="Nama Lain")

    answer = push(intruder, [v2])

    assert answer["results"][0]["status"] == "rejected"
    assert answer["results"][0]["code"] == "wrong_area"
    assert "wilayah lain" in answer["results"][0]["message"]
    people, _ = pull_all(make_device(area=area))
    assert [(p["id"], p["version"], p["payload"]["name"]) for p in people] == [(v1["id"], 1, "Sri")]


def test_a_visit_for_a_resident_of_another_area_is_refused_alone(
    make_device: Any, server: Any
) -> None:
    area, elsewhere = f"Desa {uuid.uuid4().hex[:6]}", f"Desa {uuid.uuid4().hex[:6]}"
    owner, intruder = make_device(area=area), make_device(area=elsewhere)
    sri = person_item(name="Sri")
    push(owner, [sri])
    neighbour = person_item(name="Tetangga")
    # The intruder knows Sri's id: its visit for her is refused, its own resident's is kept.
    answer = push(
        intruder,
        [neighbour, visit_item(person_id=sri["id"]), visit_item(person_id=neighbour["id"])],
    )
    owners_visit = push(owner, [visit_item(person_id=sri["id"])])

    assert [(r["status"], r["code"]) for r in answer["results"]] == [
        ("accepted", None),
        ("rejected", "wrong_area"),
        ("accepted", None),
    ]
    assert "wilayah lain" in answer["results"][1]["message"]
    assert owners_visit["results"][0]["status"] == "accepted"
    from sync.server import store

    with server.session() as session:
        stored = store.entry_versions(session=session, item_id=answer["results"][1]["id"])
    assert stored == []
