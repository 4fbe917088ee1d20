"""The overview and referral pages answer from memory between requests, yet are never stale.

Real server process (SQLite and PostgreSQL): a page loaded twice is the same page, and whatever
was written in between (a push, a correction, a void, a follow-up, even from another process)
shows on the very next load.
"""

from __future__ import annotations

import re
import threading
import uuid
from datetime import UTC, datetime

import httpx
from dashboard_site import WIB, add_staff, cells, csrf_of, logged_in_client, seed_area
from payloads import (
    GLUCOSE_NORMAL,
    HIPERTENSI_1,
    HIPERTENSI_2,
    HIPERTENSI_3,
    OPTIMAL,
    item,
    person_payload,
    visit_payload,
)
from server_api import push, statuses
from server_process import ServerProcess, enroll_on

from sync.server import store

MARCH = "2025-03"


def overview(client: httpx.Client, area: str | None = None) -> str:
    params = {"bulan": MARCH, **({"desa": area} if area else {})}
    page = client.get("/dashboard", params=params)
    assert page.status_code == 200
    return page.text


def referrals(client: httpx.Client, area: str | None = None) -> str:
    page = client.get("/dashboard/rujukan", params={"desa": area} if area else {})
    assert page.status_code == 200
    return page.text


def row_of(html: str, *, area: str, posyandu: str) -> dict[str, str]:
    """`cells` of one desa + Posyandu row of a page that lists several desa."""
    start = html.find(f'<tr data-area="{area}" data-posyandu="{posyandu}">')
    assert start >= 0, f"no row for {area!r} / {posyandu!r}"
    end = html.index("</tr>", start) + len("</tr>")
    return cells(html[start:end], posyandu=posyandu)


def march(day: int) -> datetime:
    return datetime(2025, 3, day, 10, tzinfo=WIB)


def test_a_second_load_is_the_same_page_and_a_pushed_visit_shows_on_the_next(
    server: ServerProcess,
) -> None:
    seeded = seed_area(server)
    with logged_in_client(server, add_staff(server)) as client:
        first, first_all = overview(client, seeded.area), overview(client)
        first_referrals = referrals(client, seeded.area)
        assert overview(client, seeded.area) == first
        assert overview(client) == first_all
        assert referrals(client, seeded.area) == first_referrals
        assert cells(first, posyandu="Posyandu Mawar")["screened"] == "2"

        # Ani, registered but not screened yet, is screened in March: hipertensi derajat 1.
        ani = visit_payload(
            person_id=seeded.people["Ani"],
            measured_at=march(20),
            sections={"blood_pressure": HIPERTENSI_1},
        )
        push(seeded.mawar, [item(ani)])
        after, after_all = overview(client, seeded.area), overview(client)
        after_referrals = referrals(client, seeded.area)

    mawar = cells(after, posyandu="Posyandu Mawar")
    assert (mawar["screened"], mawar["hipertensi"]) == ("3", "3/3")
    total = cells(after, posyandu="")
    assert (total["screened"], total["hipertensi"]) == ("4", "3/4")
    assert row_of(after_all, area=seeded.area, posyandu="Posyandu Mawar") == mawar
    assert f'data-visit="{ani["visit_key"]}"' in after_referrals
    assert f'data-visit="{ani["visit_key"]}"' not in first_referrals


def test_a_correction_and_a_void_pushed_later_change_the_next_load(server: ServerProcess) -> None:
    seeded = seed_area(server)
    sri, budi = seeded.visits["Sri"], seeded.visits["Budi"]
    with logged_in_client(server, add_staff(server)) as client:
        before = overview(client, seeded.area)
        before_referrals = referrals(client, seeded.area)
        assert cells(before, posyandu="Posyandu Mawar")["hipertensi"] == "2/2"
        assert f'data-visit="{sri}"' in before_referrals
        assert f'data-visit="{budi}"' in before_referrals

        # Sri's visit corrected to an optimal blood pressure; Budi's visit entered by mistake.
        sri_fixed = visit_payload(
            person_id=seeded.people["Sri"],
            measured_at=march(3),
            visit_key=sri,
            version=2,
            replaces_id=sri,
            sections={"blood_pressure": OPTIMAL, "glucose": GLUCOSE_NORMAL},
        )
        budi_void = visit_payload(
            person_id=seeded.people["Budi"],
            measured_at=march(4),
            visit_key=budi,
            version=2,
            replaces_id=budi,
            voided=True,
            sections={"blood_pressure": HIPERTENSI_3},
        )
        answer = push(
            seeded.mawar,
            [
                item(sri_fixed, base_version=1),
                item(budi_void, base_version=1),
            ],
        )
        assert statuses(answer) == ["accepted", "accepted"]
        after = overview(client, seeded.area)
        after_referrals = referrals(client, seeded.area)

    mawar = cells(after, posyandu="Posyandu Mawar")
    assert (mawar["screened"], mawar["hipertensi"], mawar["curiga_diabetes"]) == ("1", "0/1", "0/1")
    assert f'data-visit="{sri}"' not in after_referrals
    assert f'data-visit="{budi}"' not in after_referrals
    assert f'data-visit="{seeded.visits["Dewi"]}"' in after_referrals


def test_an_older_version_stored_late_does_not_replace_the_newer_one(
    server: ServerProcess,
) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    device = enroll_on(server, posyandu="Posyandu Kenanga", area=area)
    person_id = str(uuid.uuid4())
    first = visit_payload(
        person_id=person_id,
        measured_at=march(7),
        sections={"blood_pressure": HIPERTENSI_1},
    )
    corrected = visit_payload(
        person_id=person_id,
        measured_at=march(7),
        visit_key=first["visit_key"],
        version=2,
        replaces_id=first["id"],
        sections={"blood_pressure": HIPERTENSI_3},
    )
    person = person_payload(
        person_id=person_id, name="Rina Marlina", created_at=datetime(2025, 1, 5, tzinfo=UTC)
    )
    # The laptop had only sent the correction (version 2); version 1 arrives later, as history.
    push(
        device,
        [item(person), item(corrected, base_version=1)],
    )
    with logged_in_client(server, add_staff(server)) as client:
        before = overview(client, area)
        before_referrals = referrals(client, area)
        assert "Hubungi nakes hari ini" in before_referrals
        late = push(device, [item(first)])
        assert statuses(late) == ["accepted"]
        assert overview(client, area) == before
        assert referrals(client, area) == before_referrals


def test_a_follow_up_marked_on_the_dashboard_or_elsewhere_shows_on_the_next_load(
    server: ServerProcess,
) -> None:
    seeded = seed_area(server)
    sri, budi, dewi = (seeded.visits[n] for n in ("Sri", "Budi", "Dewi"))
    with logged_in_client(server, add_staff(server)) as client:
        page = referrals(client)
        assert referrals(client) == page
        assert all(f'data-visit="{key}"' in page for key in (sri, budi, dewi))

        # Marked on the "semua desa" list (the form carries no desa).
        done = client.post(
            f"/dashboard/rujukan/{sri}/tindak-lanjut",
            data={"outcome": "datang", "note": "", "desa": "", "csrf_token": csrf_of(page)},
        )
        assert done.status_code == 303
        after_mark = referrals(client)
        area_list = referrals(client, seeded.area)

        # Recorded by another process on the same database (not through this server).
        with server.session() as session:
            now = datetime.now(UTC)
            store.add_follow_up(
                session=session,
                area=seeded.area,
                person_id=seeded.people["Budi"],
                visit_id=budi,
                outcome="Sudah dikunjungi nakes di rumah",
                recorded_at=now,
                now=now,
            )
        after_other = referrals(client)
        area_after_other = referrals(client, seeded.area)

    assert f'data-visit="{sri}"' not in after_mark
    assert f'data-visit="{sri}"' not in area_list
    assert f'data-visit="{budi}"' in after_mark
    for html in (after_other, area_after_other):
        assert f'data-visit="{budi}"' not in html
        assert f'data-visit="{dewi}"' in html


def test_a_finished_push_shows_even_while_other_loads_of_the_page_run(
    server: ServerProcess,
) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    device = enroll_on(server, posyandu="Posyandu Dahlia", area=area)
    username = add_staff(server)
    stop = threading.Event()
    failures: list[str] = []

    def keep_loading() -> None:
        with logged_in_client(server, username) as other:
            for _ in range(300):
                if stop.is_set():
                    return
                status = other.get("/dashboard", params={"bulan": MARCH, "desa": area}).status_code
                if status != 200:
                    failures.append(str(status))

    loaders = [threading.Thread(target=keep_loading) for _ in range(2)]
    for loader in loaders:
        loader.start()
    seen = []
    try:
        with logged_in_client(server, username) as client:
            for day in range(1, 7):
                person_id = str(uuid.uuid4())
                visit = visit_payload(
                    person_id=person_id,
                    measured_at=march(day),
                    sections={"blood_pressure": HIPERTENSI_2},
                )
                person = person_payload(person_id=person_id, name=f"Warga {day}")
                push(device, [item(person), item(visit)])
                total = cells(overview(client, area), posyandu="")
                seen.append((total["screened"], total["hipertensi"]))
    finally:
        stop.set()
        for loader in loaders:
            loader.join(timeout=120)

    assert failures == []
    assert seen == [(str(n), f"{n}/{n}") for n in range(1, 7)]


def test_a_busy_area_s_referrals_come_a_hundred_per_page_most_urgent_first(
    server: ServerProcess,
) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    device = enroll_on(server, posyandu="Posyandu Teratai", area=area)
    items = []
    for n in range(130):
        person_id = str(uuid.uuid4())
        items.append(item(person_payload(person_id=person_id, name=f"Warga {n}")))
        tensi = HIPERTENSI_3 if n % 3 == 0 else HIPERTENSI_2  # urgent, else refer
        visit = visit_payload(
            person_id=person_id, measured_at=march(1 + n % 28), sections={"blood_pressure": tensi}
        )
        items.append(item(visit))
    push(device, items)

    def cards(html: str) -> list[tuple[str, str]]:
        return re.findall(r'<li class="referral level-(\w+)" data-visit="([^"]+)"', html)

    with logged_in_client(server, add_staff(server)) as client:
        first = referrals(client, area)
        second = client.get("/dashboard/rujukan", params={"desa": area, "halaman": 2}).text
        beyond = client.get("/dashboard/rujukan", params={"desa": area, "halaman": 9}).text
        last_key = cards(second)[-1][1]
        done = client.post(
            f"/dashboard/rujukan/{last_key}/tindak-lanjut",
            data={"outcome": "datang", "desa": area, "halaman": 2, "csrf_token": csrf_of(second)},
        )
        assert done.status_code == 303
        back = client.get(done.headers["location"]).text

    assert "130 warga dengan rujukan terbuka, nomor 1–100 tampil di halaman ini" in first
    assert "Halaman 1 dari 2" in first and "halaman berikutnya" in first
    assert [level for level, _ in cards(first)] == ["urgent"] * 44 + ["refer"] * 56
    assert "nomor 101–130" in second and "halaman sebelumnya" in second
    assert [level for level, _ in cards(second)] == ["refer"] * 30
    assert not {key for _, key in cards(first)} & {key for _, key in cards(second)}
    assert cards(beyond) == cards(second)
    assert "129 warga dengan rujukan terbuka, nomor 101–129" in back
    assert "Tindak lanjut tersimpan" in back
    assert cards(back) == cards(second)[:-1]
