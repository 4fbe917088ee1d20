"""The dashboard through HTTP on the real server process (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import sqlalchemy as sa
from dashboard_site import PASSWORD, WIB, add_staff, cells, csrf_of, logged_in_client, seed_area
from payloads import HIPERTENSI_1, item, person_payload, visit_payload
from server_api import person_item, post_gzip, pull, push, push_body, statuses
from server_process import ServerProcess, enroll_on

from sync.server import staff
from sync.server.store.tables import ENTRY


def test_pages_and_downloads_need_a_login(server: ServerProcess) -> None:
    for path in ("/dashboard", "/dashboard/rujukan", "/dashboard/ekspor/unduh?format=csv"):
        answer = httpx.get(server.url + path, timeout=30)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/dashboard/masuk"


def test_a_wrong_password_or_a_missing_form_token_does_not_log_in(server: ServerProcess) -> None:
    username = add_staff(server)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        token = csrf_of(client.get("/dashboard/masuk").text)
        wrong = client.post(
            "/dashboard/masuk",
            data={"username": username, "password": "bukan-sandinya", "csrf_token": token},
        )
        assert wrong.headers["location"] == "/dashboard/masuk?gagal=1"
        no_token = client.post(
            "/dashboard/masuk",
            data={"username": username, "password": "sandi-rahasia-123", "csrf_token": "palsu"},
        )
        assert no_token.headers["location"] == "/dashboard/masuk?gagal=1"
        page = client.get("/dashboard/masuk?gagal=1")
        assert page.status_code == 401
        assert "Nama pengguna atau kata sandi salah" in page.text
        assert client.get("/dashboard").status_code == 303


def test_repeated_wrong_passwords_lock_that_username_for_a_while(server: ServerProcess) -> None:
    username = add_staff(server)
    colleague = add_staff(server)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for _ in range(staff.MAX_FAILED_LOGINS):
            token = csrf_of(client.get("/dashboard/masuk").text)
            wrong = client.post(
                "/dashboard/masuk",
                data={"username": username, "password": "tebakan-salah", "csrf_token": token},
            )
            assert wrong.headers["location"] == "/dashboard/masuk?gagal=1"
        # Now even the right password is refused, unchecked, with how long to wait.
        token = csrf_of(client.get("/dashboard/masuk").text)
        right = client.post(
            "/dashboard/masuk",
            data={"username": username, "password": PASSWORD, "csrf_token": token},
        )
        assert right.headers["location"] == "/dashboard/masuk?tunggu=15"
        page = client.get(right.headers["location"])
        assert page.status_code == 429
        assert page.headers["retry-after"] == "900"
        assert "coba lagi dalam 15 menit" in page.text
        assert client.get("/dashboard").status_code == 303
    # A colleague at the same office still logs in.
    with logged_in_client(server, colleague) as client:
        assert client.get("/dashboard").status_code == 200


def test_the_overview_counts_the_seeded_month(server: ServerProcess) -> None:
    seeded = seed_area(server)
    with logged_in_client(server, add_staff(server)) as client:
        page = client.get("/dashboard", params={"bulan": "2025-03", "desa": seeded.area})

    assert page.status_code == 200
    assert "Ringkasan Maret 2025" in page.text
    assert page.headers["cache-control"] == "no-store"
    mawar = cells(page.text, posyandu="Posyandu Mawar")
    assert mawar == {
        "registered": "4",
        "new": "0",
        "screened": "2",
        "hipertensi": "2/2",
        "curiga_diabetes": "1/2",
        "terduga_tbc": "0/0",
        "srq20": "0/0",
        "obesitas": "0/0",
    }
    melati = cells(page.text, posyandu="Posyandu Melati")
    assert (melati["screened"], melati["hipertensi"], melati["terduga_tbc"]) == ("1", "0/1", "1/1")
    total = cells(page.text, posyandu="")
    assert (total["registered"], total["screened"], total["hipertensi"]) == ("5", "3", "2/3")
    assert "66,7%" in page.text
    # Only March has data: the chart marks it (no line needs two months).
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page.text and "<circle" in page.text


def test_marking_a_referral_followed_up_reaches_the_devices_of_the_area(
    server: ServerProcess,
) -> None:
    seeded = seed_area(server)
    with logged_in_client(server, add_staff(server)) as client:
        page = client.get("/dashboard/rujukan", params={"desa": seeded.area})
        keys = [seeded.visits[n] for n in ("Budi", "Dewi", "Sri")]
        positions = [page.text.find(f'data-visit="{k}"') for k in keys]
        assert positions[0] < positions[1] < positions[2], "urgent first, then the most recent"
        assert "Tensi: Hipertensi derajat 3" in page.text
        assert "Gula darah: Curiga diabetes" in page.text
        target = f"/dashboard/rujukan/{seeded.visits['Sri']}/tindak-lanjut"
        form = {"outcome": "datang", "note": "tensi ulang 150/95", "desa": seeded.area}

        forged = client.post(target, data={**form, "csrf_token": "bukan-token"})
        assert forged.status_code == 403
        assert pull(seeded.melati)["followups"] == []

        done = client.post(target, data={**form, "csrf_token": csrf_of(page.text)})
        assert done.status_code == 303
        after = client.get("/dashboard/rujukan", params={"desa": seeded.area})

    assert f'data-visit="{seeded.visits["Sri"]}"' not in after.text
    assert f'data-visit="{seeded.visits["Budi"]}"' in after.text
    followups = pull(seeded.melati)["followups"]
    assert [(f["person_id"], f["outcome"], f["note"]) for f in followups] == [
        (seeded.people["Sri"], "Sudah datang ke Puskesmas/Pustu", "tensi ulang 150/95")
    ]
    assert followups[0]["visit_id"] == seeded.visits["Sri"]


def test_revoking_a_device_from_the_dashboard_locks_it_out(server: ServerProcess) -> None:
    seeded = seed_area(server)
    with logged_in_client(server, add_staff(server)) as client:
        page = client.get("/dashboard/perangkat")
        assert f'data-device="{seeded.mawar.device_id}"' in page.text
        answer = client.post(
            f"/dashboard/perangkat/{seeded.mawar.device_id}/cabut",
            data={"csrf_token": csrf_of(page.text)},
        )
        assert answer.status_code == 303
        assert "Dicabut" in client.get("/dashboard/perangkat").text

    refused = post_gzip(seeded.mawar, "/api/v1/sync/push", push_body(seeded.mawar, [person_item()]))
    assert refused.status_code == 401
    assert pull(seeded.melati)["must_resync"] is False


def test_csv_export_holds_the_area_and_period_only(server: ServerProcess) -> None:
    seeded = seed_area(server)
    other = seed_area(server)
    with logged_in_client(server, add_staff(server)) as client:
        answer = client.get(
            "/dashboard/ekspor/unduh",
            params={
                "format": "csv",
                "dari": "2025-03-01",
                "sampai": "2025-03-31",
                "desa": seeded.area,
            },
        )
        april = client.get(
            "/dashboard/ekspor/unduh",
            params={
                "format": "csv",
                "dari": "2025-04-01",
                "sampai": "2025-04-30",
                "desa": seeded.area,
            },
        )

    assert answer.status_code == 200
    assert 'filename="kunjungan_20250301_20250331.csv"' in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(r["Nama"] for r in rows) == ["Budi Santoso", "Dewi Sartika", "Sri Wahyuni"]
    assert {r["Desa/wilayah"] for r in rows} == {seeded.area} != {other.area}
    dewi = next(r for r in rows if r["Nama"] == "Dewi Sartika")
    assert dewi["Hasil Tensi"] == "Optimal"
    assert list(csv.DictReader(io.StringIO(april.content.decode("utf-8-sig")), delimiter=";")) == []


def test_sessions_end_after_idle_time_and_at_logout(server: ServerProcess) -> None:
    username = add_staff(server)
    now = datetime.now(UTC)
    with server.session() as session:
        answer = staff.log_in(
            session=session, username=username, password="sandi-rahasia-123", now=now
        )
        assert answer is not None
        token, _ = answer
        later = now + staff.SESSION_IDLE - timedelta(minutes=1)
        assert staff.login_for_token(session=session, token=token, now=later) is not None
        idle = later + staff.SESSION_IDLE + timedelta(seconds=1)
        assert staff.login_for_token(session=session, token=token, now=idle) is None
        assert staff.log_in(session=session, username=username, password="salah", now=now) is None

    with logged_in_client(server, username) as client:
        page = client.get("/dashboard")
        client.post("/dashboard/keluar", data={"csrf_token": csrf_of(page.text)})
        assert client.get("/dashboard").status_code == 303


def test_a_visit_with_only_tensi_counts_as_screened_for_tensi_alone(server: ServerProcess) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    device = enroll_on(server, posyandu="Posyandu Flamboyan", area=area)
    resident = person_payload(name="Yanti", created_at=datetime(2025, 1, 2, tzinfo=UTC))
    tensi_only = visit_payload(
        person_id=resident["id"],
        measured_at=datetime(2025, 3, 14, 9, tzinfo=WIB),
        sections={"blood_pressure": HIPERTENSI_1},
    )
    assert statuses(push(device, [item(resident), item(tensi_only)])) == ["accepted", "accepted"]

    with logged_in_client(server, add_staff(server)) as client:
        page = client.get("/dashboard", params={"bulan": "2025-03", "desa": area}).text

    assert cells(page, posyandu="") == {
        "registered": "1",
        "new": "0",
        "screened": "1",
        "hipertensi": "1/1",
        "curiga_diabetes": "0/0",
        "terduga_tbc": "0/0",
        "srq20": "0/0",
        "obesitas": "0/0",
    }
    # Nobody was screened for TBC: no rate, not 0 %.
    assert 'id="total-terduga_tbc">0</span><span>Terduga TBC<br><small>– dari 0' in page


def test_entries_stored_before_payloads_were_checked_count_nowhere_and_are_named(
    server: ServerProcess,
) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    device = enroll_on(server, posyandu="Posyandu Seruni", area=area)
    resident = person_payload(name="Lilis", created_at=datetime(2025, 1, 2, tzinfo=UTC))
    good = visit_payload(
        person_id=resident["id"],
        measured_at=datetime(2025, 3, 14, 9, tzinfo=WIB),
        sections={"blood_pressure": HIPERTENSI_1},
    )
    push(device, [item(resident), item(good)])
    # A row an older server accepted: a misspelt level, once counted as "no referral".
    legacy = dict(good, id=str(uuid.uuid4()), visit_key=str(uuid.uuid4()), level="rujuk")
    with server.session() as session:
        session.execute(
            sa.insert(ENTRY).values(
                id=legacy["visit_key"],
                type="visit",
                version=1,
                content_hash="0" * 64,
                payload=legacy,
                recorded_at=datetime.now(UTC),
                received_at=datetime.now(UTC),
                device_id=device.device_id,
                area=area,
                is_current=True,
            )
        )
        session.commit()
    # What the first start after the summaries' migration does with such a database.
    rebuilt = server.cli("rebuild-summaries")
    assert rebuilt.returncode == 0, rebuilt.stderr

    with logged_in_client(server, add_staff(server)) as client:
        page = client.get("/dashboard", params={"bulan": "2025-03", "desa": area}).text
        referrals = client.get("/dashboard/rujukan", params={"desa": area}).text

    total = cells(page, posyandu="")
    assert (total["screened"], total["hipertensi"]) == ("1", "1/1")
    assert "1 entri di server tidak bisa dibaca dan tidak dihitung" in page
    assert legacy["visit_key"] not in referrals and good["visit_key"] in referrals
