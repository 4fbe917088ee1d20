"""Payloads of the first schema, as the app stored and sent them, still work on this server.

The real payloads in tests/fixtures/payloads_v1 are pushed with their own content hashes
through the HTTP API, accepted, and read (upgraded) by the overview, the referrals and the
exports: an untouched TBC form is no TBC-negative, an unfinished SRQ-20 counts nowhere.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from dashboard_site import add_staff, cells, logged_in_client
from satusehat_site import configure, fhir_bundle, satusehat_problems, validate_r4
from server_api import push, statuses
from server_process import ServerProcess, enroll_on

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "payloads_v1"
RECORDED = datetime(2025, 4, 9, 2, tzinfo=UTC)
FULL = "182632c8-ba2b-4c37-b014-dc3f97a42ef1"
PARTIAL = "75922c2e-84b9-4e96-975f-a4305559dfbd"
CHILD = "b3c3efb7-2724-40fd-8c98-08e797ebf6e4"


def fixture_item(name: str, *, base_version: int | None = None) -> dict[str, Any]:
    """One stored outbox entry of the old app, as its engine pushed it (its own hash)."""
    stored = json.loads((FIXTURES / f"{name}.json").read_text())
    payload = stored["payload"]
    assert "schema_version" not in payload, "not a first-schema payload"
    return {
        "id": payload["visit_key"] if stored["type"] == "visit" else payload["id"],
        "type": stored["type"],
        "version": stored["version"],
        "base_version": base_version,
        "content_hash": stored["content_hash"],
        "recorded_at": RECORDED.isoformat(),
        "payload": payload,
    }


def month(client: httpx.Client, area: str, value: str) -> dict[str, str]:
    page = client.get("/dashboard", params={"bulan": value, "desa": area})
    assert page.status_code == 200
    return cells(page.text, posyandu="")


def download(client: httpx.Client, area: str, fmt: str, start: str, end: str) -> bytes:
    answer = client.get(
        "/dashboard/ekspor/unduh",
        params={"format": fmt, "dari": start, "sampai": end, "desa": area},
    )
    assert answer.status_code == 200
    return answer.content


def test_first_schema_payloads_are_accepted_and_read_upgraded(server: ServerProcess) -> None:
    # The fixtures' record ids are fixed: each server gets them once, in an area of their own.
    device = enroll_on(server, posyandu="Posyandu Contoh", area=f"Contoh {uuid.uuid4().hex[:6]}")
    people = ["person_3025_v1", "person_3ebb_v1", "person_c743_v1"]
    visits = ["visit_full", "visit_partial", "visit_untouched", "visit_child"]
    first = push(device, [fixture_item(n) for n in people + visits])
    later = push(
        device,
        [
            fixture_item("person_3025_v2", base_version=1),
            fixture_item("visit_corrected", base_version=1),
        ],
    )

    # Accepted as sent: the hash over each payload exactly as received matches.
    assert statuses(first) == ["accepted"] * 7
    assert statuses(later) == ["accepted"] * 2
    area = device.area
    with logged_in_client(server, add_staff(server)) as client:
        february = month(client, area, "2025-02")
        march = month(client, area, "2025-03")
        april = month(client, area, "2025-04")
        referrals = client.get("/dashboard/rujukan", params={"desa": area}).text
        table = download(client, area, "csv", "2025-02-01", "2025-04-30")
        configure(client, area=area, posyandu=["Posyandu Contoh"])
        bundle = fhir_bundle(
            client, mode="periode", dari="2025-02-01", sampai="2025-02-28", desa=area
        )
        void = push(device, [fixture_item("visit_voided", base_version=1)])
        after_void = month(client, area, "2025-02")

    # February: Ani's full visit. Its TBC form was never opened: not asked, not a negative.
    assert february["screened"] == "1"
    assert (february["hipertensi"], february["curiga_diabetes"]) == ("1/1", "0/1")
    assert (february["srq20"], february["obesitas"], february["terduga_tbc"]) == (
        "1/1",
        "1/1",
        "0/0",
    )
    # March: Budi's untouched form (only a TBC result nobody asked for): nothing screened.
    assert (march["screened"], march["terduga_tbc"]) == ("0", "0/0")
    # April: Budi's corrected visit and Citra's child visit (tensi and IMT not classified for
    # her age: incomplete, so not counted); the unfinished SRQ-20 of version 1 is gone.
    assert april["screened"] == "2"
    assert (april["hipertensi"], april["terduga_tbc"], april["srq20"]) == ("1/1", "2/2", "0/0")
    assert set(re.findall(r'data-visit="([^"]+)"', referrals)) == {FULL, PARTIAL, CHILD}
    assert "Tensi: Hipertensi derajat 1" in referrals and "TBC: Terduga TBC" in referrals

    text = io.StringIO(table.decode("utf-8-sig"))
    rows = {r["ID kunjungan"]: r for r in csv.DictReader(text, delimiter=";")}
    # The untouched form is no screening: it is not exported.
    assert set(rows) == {FULL, PARTIAL, CHILD}
    full = rows[FULL]
    # The NIK as the text formula spreadsheets open as text (every digit kept).
    assert (full["Nama"], full["NIK"]) == ("Ani Fiktif", '="3201015205800001"')
    assert (
        full["Tensi: Sistolik (atas) (mm[Hg])"],
        full["Tensi: Diastolik (bawah) (mm[Hg])"],
        full["Hasil Tensi"],
    ) == ("144", "91", "Hipertensi derajat 1")
    assert (
        full["IMT: IMT (kg/m2)"],
        full["Hasil IMT"],
        full["Gula darah: Gula darah (mg/dL)"],
    ) == (
        "25,9",
        "Obesitas I",
        "182",
    )
    assert (full["Status TBC"], full["Hasil TBC"], full["Jiwa (SRQ-20): Skor"]) == (
        "Tidak ditanyakan",
        "",
        "7",
    )
    assert full["Versi aturan"] == "ilp-2023.1"

    codes = {
        o["resource"]["code"]["coding"][0]["code"]: o["resource"]["valueQuantity"]["value"]
        for o in bundle["entry"]
        if o["resource"]["resourceType"] == "Observation"
    }
    assert codes == {
        "8480-6": 144,
        "8462-4": 91,
        "29463-7": 61.5,
        "8302-2": 154.0,
        "39156-5": 25.9,
        "8280-0": 84.0,
        "41653-7": 182,
    }
    validate_r4(bundle)
    assert satusehat_problems(bundle) == []
    # The corrected visit of Budi: its second version, under the rules it was saved with.
    assert (rows[PARTIAL]["Hasil Tensi"], rows[PARTIAL]["Hasil TBC"]) == (
        "Hipertensi derajat 1",
        "Terduga TBC",
    )
    # Citra is 12: tensi and IMT were not classified then (no class), but what was measured is
    # exported as typed, whatever the age.
    child = rows[CHILD]
    assert (child["Status Tensi"], child["Hasil Tensi"]) == ("Belum lengkap", "")
    assert (
        child["Tensi: Sistolik (atas) pengukuran 1 (isian)"],
        child["Tensi: Diastolik (bawah) pengukuran 1 (isian)"],
        child["IMT: Berat badan (isian)"],
        child["IMT: Tinggi badan (isian)"],
    ) == ("104", "66", "30,2", "138,0")
    assert statuses(void) == ["accepted"]
    assert after_void["screened"] == "0"
