"""One server for a kabupaten: Puskesmas staff see their own Posyandu only, Dinkes staff all;
the referral list is one row per resident; revoking asks first; the counters kept in the push
transaction give the figures the hand-checkable count of the same visits gives.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import httpx
from dashboard_site import add_staff, cells, csrf_of, enroll_in, logged_in_client
from payloads import (
    CURIGA_DIABETES,
    GLUCOSE_NORMAL,
    HIPERTENSI_1,
    HIPERTENSI_2,
    HIPERTENSI_3,
    OPTIMAL,
    TERDUGA_TBC,
    item,
    person_payload,
    visit_payload,
)
from server_api import post_gzip, push, push_body
from server_process import ServerProcess

from screening.rules.section import Subject
from sync.server.aggregates.facts import PersonFact, current_visits, visit_version
from sync.server.aggregates.indicators import summarize

WIB = timezone(timedelta(hours=7))
NIK = "3201015708750001"


def march(day: int, hour: int = 9) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=WIB)


def test_each_puskesmas_sees_its_own_posyandu_and_the_kabupaten_sees_all(
    server: ServerProcess,
) -> None:
    tag = uuid.uuid4().hex[:6]
    north, south = f"Puskesmas Utara {tag}", f"Puskesmas Selatan {tag}"
    a = enroll_in(server, puskesmas=north, posyandu="Posyandu Anggrek", area=f"Desa A {tag}")
    b = enroll_in(server, puskesmas=south, posyandu="Posyandu Bakung", area=f"Desa B {tag}")
    for dev, tensi in ((a, HIPERTENSI_2), (b, OPTIMAL)):
        person = person_payload(
            name=f"Warga {dev.posyandu}", created_at=datetime(2025, 1, 2, tzinfo=UTC)
        )
        visit = visit_payload(
            person_id=person["id"], measured_at=march(5), sections={"blood_pressure": tensi}
        )
        push(dev, [item(person), item(visit)])
    taken = server.cli("enroll-code", "--puskesmas", south, "--posyandu", "X", "--area", a.area)

    views = {}
    for who, scope in (("north", north), ("dinkes", None)):
        with logged_in_client(server, add_staff(server, puskesmas=scope)) as client:
            views[who] = (
                client.get("/dashboard", params={"bulan": "2025-03", "puskesmas": south}).text,
                client.get("/dashboard/rujukan").text,
                client.get("/dashboard/perangkat").text,
            )
    with logged_in_client(server, add_staff(server, puskesmas=None)) as client:
        dinkes_south = client.get(
            "/dashboard", params={"bulan": "2025-03", "puskesmas": south}
        ).text

    north_page, north_referrals, north_devices = views["north"]
    # A Puskesmas account asking for another Puskesmas still sees only its own.
    assert "Posyandu Anggrek" in north_page and "Posyandu Bakung" not in north_page
    assert "Warga Posyandu Anggrek" in north_referrals
    assert a.device_id in north_devices and b.device_id not in north_devices
    assert "Posyandu Bakung" in dinkes_south and "Posyandu Anggrek" not in dinkes_south
    assert cells(dinkes_south, posyandu="")["hipertensi"] == "0/1"
    dinkes_devices = views["dinkes"][2]
    assert a.device_id in dinkes_devices and b.device_id in dinkes_devices
    assert taken.returncode == 1 and "Puskesmas lain" in taken.stderr


def test_the_referral_list_is_one_row_per_resident_latest_referral_urgent_first(
    server: ServerProcess,
) -> None:
    tag = uuid.uuid4().hex[:6]
    dev = enroll_in(server, puskesmas="", posyandu=f"Posyandu Mawar {tag}", area=f"Desa {tag}")
    other = enroll_in(server, puskesmas="", posyandu=f"Posyandu Melati {tag}", area=dev.area)
    now = datetime.now(WIB).replace(microsecond=0)
    siti = person_payload(name="Siti", nik=NIK, created_at=datetime(2025, 1, 2, tzinfo=UTC))
    siti["phone"] = ""
    budi = person_payload(name="Budi", sex="L", birth_date=date(1970, 1, 1))
    dewi = person_payload(name="Dewi")
    visits = [
        # Siti: referred monthly; only her latest referral is listed, 3 days old.
        visit_payload(
            person_id=siti["id"],
            measured_at=now - timedelta(days=300),
            sections={"blood_pressure": HIPERTENSI_2},
        ),
        visit_payload(
            person_id=siti["id"],
            measured_at=now - timedelta(days=30),
            sections={"blood_pressure": HIPERTENSI_1},
        ),
        visit_payload(
            person_id=siti["id"],
            measured_at=now - timedelta(days=3),
            sections={"glucose": CURIGA_DIABETES, "blood_pressure": OPTIMAL},
        ),
        # Budi: urgent today.
        visit_payload(
            person_id=budi["id"],
            measured_at=now,
            subject=Subject(sex="L", birth_date=date(1970, 1, 1)),
            sections={"blood_pressure": HIPERTENSI_3},
        ),
    ]
    dewi_visit = visit_payload(
        person_id=dewi["id"], measured_at=now - timedelta(days=1), sections={"tb": TERDUGA_TBC}
    )
    push(dev, [item(siti), item(budi), *[item(v) for v in visits]])
    push(other, [item(dewi), item(dewi_visit)])

    with logged_in_client(server, add_staff(server, puskesmas=None)) as client:
        page = client.get("/dashboard/rujukan", params={"desa": dev.area}).text
        only_melati = client.get(
            "/dashboard/rujukan", params={"desa": dev.area, "posyandu": other.posyandu}
        ).text
        done = client.post(
            f"/dashboard/rujukan/{visits[1]['visit_key']}/tindak-lanjut",
            data={"outcome": "datang", "desa": dev.area, "csrf_token": csrf_of(page)},
        )
        after_old = client.get("/dashboard/rujukan", params={"desa": dev.area}).text
        done_latest = client.post(
            f"/dashboard/rujukan/{visits[2]['visit_key']}/tindak-lanjut",
            data={"outcome": "datang", "desa": dev.area, "csrf_token": csrf_of(page)},
        )
        after = client.get("/dashboard/rujukan", params={"desa": dev.area}).text

    people = re.findall(r'data-person="([^"]+)"', page)
    assert people == [budi["id"], dewi["id"], siti["id"]]
    assert "3 warga dengan rujukan terbuka" in page
    siti_card = page[page.index(f'data-person="{siti["id"]}"') :]
    assert NIK in siti_card[:2000] and "Dusun Krajan RT 001/RW 002, Sukamaju" in siti_card[:2000]
    assert (
        "3 hari</b> yang lalu" in siti_card[:2000]
        and "Gula darah: Curiga diabetes" in siti_card[:2000]
    )
    assert 'value="" selected disabled' in page
    assert re.findall(r'data-person="([^"]+)"', only_melati) == [dewi["id"]]
    # Only her latest referral is on the list to follow up; following it up closes her row.
    assert done.status_code == 404 and done_latest.status_code == 303
    assert siti["id"] in re.findall(r'data-person="([^"]+)"', after_old)
    assert re.findall(r'data-person="([^"]+)"', after) == [budi["id"], dewi["id"]]


def test_revoking_asks_first_and_shows_how_much_the_laptop_has_not_sent(
    server: ServerProcess,
) -> None:
    tag = uuid.uuid4().hex[:6]
    dev = enroll_in(server, puskesmas="", posyandu=f"Posyandu Kenanga {tag}", area=f"Desa {tag}")
    post_gzip(dev, "/api/v1/sync/push", {**push_body(dev, []), "pending_count": 17})

    with logged_in_client(server, add_staff(server, puskesmas=None)) as client:
        listing = client.get("/dashboard/perangkat").text
        ask = client.get(f"/dashboard/perangkat/{dev.device_id}/cabut")
        still = httpx.get(dev.url + "/api/v1/sync/pull", headers=dev.headers, timeout=30)
        confirmed = client.post(
            f"/dashboard/perangkat/{dev.device_id}/cabut", data={"csrf_token": csrf_of(ask.text)}
        )
    after = httpx.get(dev.url + "/api/v1/sync/pull", headers=dev.headers, timeout=30)

    assert f'href="/dashboard/perangkat/{dev.device_id}/cabut"' in listing
    assert (
        ask.status_code == 200 and "<b>17</b> data di perangkat ini yang belum terkirim" in ask.text
    )
    assert "Ya, cabut izin" in ask.text
    assert still.status_code == 200, "asking changes nothing"
    assert confirmed.status_code == 303 and after.status_code == 401


def test_the_counters_kept_on_arrival_give_the_figures_of_counting_the_visits_by_hand(
    server: ServerProcess,
) -> None:
    tag = uuid.uuid4().hex[:6]
    mawar = enroll_in(server, puskesmas="", posyandu="Posyandu Mawar", area=f"Desa {tag}")
    melati = enroll_in(server, puskesmas="", posyandu="Posyandu Melati", area=f"Desa {tag}")
    registered = datetime(2025, 2, 1, tzinfo=UTC)
    people = {n: person_payload(name=n, created_at=registered) for n in ("p1", "p2", "p3", "p4")}
    p1a = visit_payload(
        person_id=people["p1"]["id"],
        measured_at=march(3),
        sections={"blood_pressure": HIPERTENSI_1, "glucose": GLUCOSE_NORMAL},
    )
    p1b = visit_payload(
        person_id=people["p1"]["id"], measured_at=march(20), sections={"blood_pressure": OPTIMAL}
    )
    p2 = visit_payload(
        person_id=people["p2"]["id"],
        measured_at=march(10),
        sections={"blood_pressure": HIPERTENSI_3, "glucose": CURIGA_DIABETES, "tb": TERDUGA_TBC},
    )
    p3v1 = visit_payload(
        person_id=people["p3"]["id"],
        measured_at=march(12),
        sections={"blood_pressure": HIPERTENSI_2},
    )
    p3v2 = visit_payload(
        person_id=people["p3"]["id"],
        measured_at=march(12),
        visit_key=p3v1["visit_key"],
        version=2,
        replaces_id=p3v1["id"],
        sections={"blood_pressure": OPTIMAL},
    )
    p4v1 = visit_payload(
        person_id=people["p4"]["id"],
        measured_at=march(15),
        sections={"blood_pressure": HIPERTENSI_1},
    )
    p4void = visit_payload(
        person_id=people["p4"]["id"],
        measured_at=march(15),
        visit_key=p4v1["visit_key"],
        version=2,
        replaces_id=p4v1["id"],
        voided=True,
        sections={"blood_pressure": HIPERTENSI_1},
    )
    push(mawar, [item(people[n]) for n in ("p1", "p2")] + [item(p1a), item(p2)])
    push(melati, [item(people[n]) for n in ("p3", "p4")] + [item(p3v1), item(p4v1)])
    # Later batches: a later visit, a correction and a void move the counters back and forth.
    push(mawar, [item(p1b)])
    push(melati, [item(p3v2, base_version=1), item(p4void, base_version=1)])

    with logged_in_client(server, add_staff(server, puskesmas=None)) as client:
        page = client.get("/dashboard", params={"bulan": "2025-03", "desa": mawar.area}).text

    def fact(name: str, posyandu: str) -> PersonFact:
        return PersonFact(
            id=people[name]["id"],
            area=mawar.area,
            posyandu=posyandu,
            name=name,
            nik=None,
            sex="P",
            birth_date=date(1975, 8, 17),
            registered_on=registered.date(),
        )

    facts = [
        fact("p1", "Posyandu Mawar"),
        fact("p2", "Posyandu Mawar"),
        fact("p3", "Posyandu Melati"),
        fact("p4", "Posyandu Melati"),
    ]
    stored = [
        (p1a, "Posyandu Mawar"),
        (p1b, "Posyandu Mawar"),
        (p2, "Posyandu Mawar"),
        (p3v1, "Posyandu Melati"),
        (p3v2, "Posyandu Melati"),
        (p4v1, "Posyandu Melati"),
        (p4void, "Posyandu Melati"),
    ]
    versions = []
    for seq, (payload, posyandu) in enumerate(stored, 1):
        found = visit_version(
            entry_id=payload["visit_key"],
            entry_version=payload["version"],
            seq=seq,
            payload=payload,
            area=mawar.area,
            posyandu=posyandu,
            device_id="d",
        )
        assert found is not None
        versions.append(found)
    expected = summarize(people=facts, visits=current_visits(versions), month=date(2025, 3, 1))
    for row in expected:
        shown = cells(page, posyandu=row.posyandu)
        assert shown["registered"] == str(row.registered) and shown["screened"] == str(row.screened)
        for indicator in row.indicators:
            assert shown[indicator.key] == f"{indicator.cases}/{indicator.screened}", (
                row.posyandu,
                indicator.key,
            )
    assert cells(page, posyandu="")["hipertensi"] == "1/3"
