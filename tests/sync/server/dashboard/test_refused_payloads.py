"""A malformed visit or person in a batch is refused alone, with `bad_payload`, and shows nowhere.

Through the real server process: the push answer, the stored entries, the overview, the
referrals, and the CSV and FHIR exports.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from dashboard_site import WIB, add_staff, cells, logged_in_client
from payloads import BIRTH_DATE, HIPERTENSI_2, TERDUGA_TBC, item, person_payload, visit_payload
from satusehat_site import configure, fhir_bundle
from server_api import push
from server_process import ServerProcess, enroll_on

from kader_app.core.demo import demo_nik
from sync.server import store

MEASURED = datetime(2025, 3, 12, 9, tzinfo=WIB)


def tampered(payload: dict[str, Any], change: Any) -> dict[str, Any]:
    """A copy of a good payload with one thing changed, hashed as changed (so only it is wrong)."""
    bad = copy.deepcopy(payload)
    change(bad)
    return item(bad)


def misspelt_level(p: dict[str, Any]) -> None:
    p["sections"]["blood_pressure"]["level"] = "rujuk"
    p["level"] = "rujuk"


def class_disagrees(p: dict[str, Any]) -> None:
    # 165/102 mmHg is hipertensi derajat 2, not normal.
    p["sections"]["blood_pressure"]["class"] = "normal"


def level_disagrees(p: dict[str, Any]) -> None:
    p["sections"]["blood_pressure"]["level"] = "urgent"
    p["level"] = "urgent"


def unreadable_inputs(p: dict[str, Any]) -> None:
    p["sections"]["blood_pressure"]["inputs"] = {"readings": [{"systolic": "seratus"}]}


def test_only_the_malformed_items_are_refused_and_none_of_them_counts(
    server: ServerProcess,
) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    device = enroll_on(server, posyandu="Posyandu Anggrek", area=area)
    names = ("Rina", "Tono", "Wati", "Yudi", "Zaenal", "Laras")
    registered = datetime(2025, 1, 6, tzinfo=UTC)
    people = {
        name: person_payload(
            name=f"{name} Lestari",
            desa=area,
            created_at=registered,
            nik=demo_nik(birth=BIRTH_DATE, sex="P", serial=index + 1),
        )
        for index, name in enumerate(names)
    }

    def visit(name: str) -> dict[str, Any]:
        return visit_payload(
            person_id=people[name]["id"],
            measured_at=MEASURED,
            sections={"blood_pressure": HIPERTENSI_2, "tb": TERDUGA_TBC},
        )

    good_before, good_after = visit("Rina"), visit("Laras")
    bad = [
        tampered(visit("Tono"), misspelt_level),
        tampered(visit("Wati"), class_disagrees),
        tampered(visit("Yudi"), level_disagrees),
        tampered(visit("Zaenal"), unreadable_inputs),
    ]
    items = [item(p) for p in people.values()] + [item(good_before), *bad, item(good_after)]

    answer = push(device, items)

    results = {r["id"]: r for r in answer["results"]}
    assert [results[i["id"]]["status"] for i in items] == ["accepted"] * 7 + ["rejected"] * 4 + [
        "accepted"
    ]
    refused = [results[i["id"]] for i in bad]
    assert {r["code"] for r in refused} == {"bad_payload"}
    misspelt, disagrees, wrong_level, unreadable = (r["message"] for r in refused)
    assert "tidak bisa dibaca" in misspelt and "Perbarui aplikasi" in misspelt
    for message in (disagrees, wrong_level):
        assert message.startswith("Hasil Tensi pada pemeriksaan ini tidak sesuai aturan skrining")
        assert "simpan koreksinya" in message
    assert unreadable.startswith("Isian Tensi pada pemeriksaan ini tidak bisa dibaca")
    for message in (misspelt, disagrees, wrong_level, unreadable):
        assert "165" not in message and "seratus" not in message  # never a value
    with server.session() as session:
        for refused_item in bad:
            assert store.entry_versions(session=session, item_id=refused_item["id"]) == []
        assert len(store.entry_versions(session=session, item_id=good_after["visit_key"])) == 1

    with logged_in_client(server, add_staff(server)) as client:
        overview = client.get("/dashboard", params={"bulan": "2025-03", "desa": area}).text
        referrals = client.get("/dashboard/rujukan", params={"desa": area}).text
        export = {
            "dari": "2025-03-01",
            "sampai": "2025-03-31",
            "desa": area,
        }
        table = client.get("/dashboard/ekspor/unduh", params={"format": "csv", **export})
        configure(client, area=area, posyandu=["Posyandu Anggrek"])
        bundle = fhir_bundle(client, mode="periode", **export)

    total = cells(overview, posyandu="")
    assert (total["registered"], total["screened"]) == ("6", "2")
    assert (total["hipertensi"], total["terduga_tbc"]) == ("2/2", "2/2")
    assert "tidak bisa dibaca" not in overview
    shown = {good_before["visit_key"], good_after["visit_key"]}
    assert set(_referral_keys(referrals)) == shown
    rows = list(csv.DictReader(io.StringIO(table.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(r["Nama"] for r in rows) == ["Laras Lestari", "Rina Lestari"]
    encounters = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Encounter"
    ]
    assert {e["identifier"][0]["value"] for e in encounters} == {
        good_before["visit_key"],
        good_after["visit_key"],
    }


def _referral_keys(html: str) -> list[str]:
    return re.findall(r'<li class="referral level-\w+" data-visit="([^"]+)"', html)


def test_a_resident_with_an_invalid_nik_or_kk_is_refused_alone(server: ServerProcess) -> None:
    device = enroll_on(server)
    good = person_payload(name="Dewi Sartika", nik="3201015708750002")
    # A real NIK shape whose month is 13, and a family card number with an unknown province.
    bad_nik = person_payload(name="Nani", nik="3201011713750003")
    bad_kk = person_payload(name="Ujang", kk="9901010101200001")

    answer = push(device, [item(bad_nik), item(good), item(bad_kk)])

    assert [(r["status"], r["code"]) for r in answer["results"]] == [
        ("rejected", "bad_payload"),
        ("accepted", None),
        ("rejected", "bad_payload"),
    ]
    assert answer["results"][0]["message"].startswith("NIK warga ini tidak valid")
    assert answer["results"][2]["message"].startswith("No. KK warga ini tidak valid")
    assert "3201011713750003" not in json.dumps(answer)
    with server.session() as session:
        assert store.entry_versions(session=session, item_id=bad_nik["id"]) == []
        assert store.entry_versions(session=session, item_id=bad_kk["id"]) == []


def test_a_payload_whose_shape_no_model_knows_is_refused_with_words_for_the_kader(
    server: ServerProcess,
) -> None:
    device = enroll_on(server)
    person = person_payload(name="Asep")
    odd_visit = item(
        {"type": "visit", "schema_version": 2, "id": str(uuid.uuid4()), "sections": []},
        item_id=str(uuid.uuid4()),
        version=1,
    )
    too_new = dict(person, schema_version=3)

    answer = push(device, [odd_visit, item(too_new), item(person)])

    assert [r["code"] for r in answer["results"]] == ["bad_payload", "bad_payload", None]
    assert answer["results"][0]["message"] == answer["results"][1]["message"]
    assert "Perbarui aplikasi" in answer["results"][0]["message"]
