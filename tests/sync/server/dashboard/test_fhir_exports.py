"""FHIR exports for SATUSEHAT through the dashboard of the real server (SQLite and PostgreSQL).

Visits are pushed through the real push API, classified by the real rules; the ids are saved on
the settings page; every bundle is validated with fhir.resources' R4B models and checked
against SATUSEHAT's rules (`satusehat_problems`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from dashboard_site import add_staff, logged_in_client
from payloads import bmi, bp, glucose, item, person_payload, srq20, tb, visit_payload, waist
from satusehat_site import (
    ORG,
    configure,
    fhir_bundle,
    fhir_export,
    ident,
    resources,
    satusehat_problems,
    validate_r4,
)
from server_api import push, statuses
from server_process import ServerProcess, enroll_on

from screening.rules.section import InputModel, Subject

WIB = timezone(timedelta(hours=7))
NIK = "3201014508750001"
FULL: dict[str, InputModel] = {
    "bmi": bmi("72.5", "152.0"),
    "waist": waist("95.0"),
    "blood_pressure": bp((172, 104)),
    "glucose": glucose("250"),
    "tb": tb(cough=True, cough_days=21, symptoms=("fever", "night_sweats"), contact="household"),
    "srq20": srq20(yes=(1, 2, 3, 9, 11, 18, 20)),
}
SUBJECT = Subject(sex="P", birth_date=date(1975, 8, 5))


class Village:
    """One desa on the server with a Posyandu, Siti (with a NIK) registered."""

    def __init__(self, server: ServerProcess) -> None:
        self.area = f"Desa {uuid.uuid4().hex[:6]}"
        self.device = enroll_on(server, posyandu="Posyandu Mawar", area=self.area)
        self.siti = str(uuid.uuid4())
        self.push([item(person_payload(person_id=self.siti, name="Siti Aminah", nik=NIK))])

    def push(self, items: list[dict[str, Any]]) -> None:
        assert set(statuses(push(self.device, items))) == {"accepted"}

    def visit(self, sections: dict[str, InputModel], **extra: Any) -> dict[str, Any]:
        payload = visit_payload(
            person_id=extra.pop("person_id", self.siti),
            measured_at=extra.pop("measured_at", datetime(2025, 3, 10, 9, 15, tzinfo=WIB)),
            sections=sections,
            subject=SUBJECT,
            **extra,
        )
        return payload


def by_code(bundle: dict[str, Any], visit_key: str = "") -> dict[str, dict[str, Any]]:
    """The Observations (of one visit, or of all when its visits measure different things)."""
    return {
        o["code"]["coding"][0]["code"]: o
        for o in resources(bundle, "Observation")
        if ident(o)[1].startswith(visit_key)
    }


def test_an_export_needs_the_puskesmas_organization_id(
    backend_factory: Any,
) -> None:
    fresh = backend_factory()
    with logged_in_client(fresh, add_staff(fresh)) as client:
        page = client.get("/dashboard/ekspor").text
        answer = fhir_export(client, mode="periode", dari="2025-03-01", sampai="2025-03-31")
        bad = client.post(
            "/dashboard/satusehat/puskesmas",
            data={"csrf_token": _token(client), "organization_id": "100 0004"},
        )
    assert 'id="fhir-belum-siap"' in page
    assert answer.status_code == 409
    assert "ID Organisasi SATUSEHAT" in answer.json()["detail"]
    assert bad.headers["location"] == "/dashboard/satusehat?salah=organization_id"


def _token(client: Any) -> str:
    from dashboard_site import csrf_of

    return csrf_of(client.get("/dashboard/satusehat").text)


def test_a_screened_visit_becomes_satusehat_shaped_resources(server: ServerProcess) -> None:
    village = Village(server)
    full = village.visit(FULL)
    fasting = village.visit(
        {"glucose": glucose("130", kind="puasa")},
        measured_at=datetime(2025, 3, 11, 8, 0, tzinfo=WIB),
    )
    village.push([item(full), item(fasting)])
    with logged_in_client(server, add_staff(server)) as client:
        configure(client, area=village.area, posyandu=["Posyandu Mawar"])
        bundle = fhir_bundle(
            client, mode="periode", dari="2025-03-01", sampai="2025-03-31", desa=village.area
        )

    assert validate_r4(bundle) == len(bundle["entry"])
    assert satusehat_problems(bundle) == []
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    # No Patient is created: the receiver resolves the NIK to the IHS number.
    assert "Patient" not in kinds
    assert kinds.count("Encounter") == 2 and kinds.count("QuestionnaireResponse") == 2
    first, second = resources(bundle, "Encounter")
    assert ident(first) == (f"http://sys-ids.kemkes.go.id/encounter/{ORG}", full["visit_key"])
    # 09:15 WIB is 02:15 UTC, written with +00:00; the local clock's offset travels beside it.
    assert first["period"] == {
        "start": "2025-03-10T02:15:00+00:00",
        "end": "2025-03-10T02:15:00+00:00",
    }
    # ... and the kader on duty who saved it, as the visit's author (not a Practitioner).
    assert first["extension"] == [
        {"url": "urn:posyandu-kader:zona-waktu-periksa", "valueString": "+07:00"},
        {"url": "urn:posyandu-kader:dicatat-oleh", "valueString": "Kader Uji"},
    ]
    assert first["class"]["code"] == "FLD"
    observations = [
        o
        for o in resources(bundle, "Observation")
        if o["encounter"]["reference"] == bundle["entry"][0]["fullUrl"]
    ]
    values = {o["code"]["coding"][0]["code"]: o["valueQuantity"]["value"] for o in observations}
    assert values == {
        "29463-7": 72.5,
        "8302-2": 152.0,
        "39156-5": 31.4,
        "8280-0": 95.0,
        "8480-6": 172,
        "8462-4": 104,
        "41653-7": 250,
    }
    # Random and fasting capillary glucose are coded apart.
    assert (
        "41604-0" in by_code(bundle) and by_code(bundle)["41604-0"]["valueQuantity"]["value"] == 130
    )
    systolic = by_code(bundle)["8480-6"]
    assert [i["coding"][0]["code"] for i in systolic["interpretation"]] == [
        "A",
        "blood_pressure.hipertensi_2",
    ]
    # Weight is an input of the BMI: the class interprets the BMI only.
    assert "interpretation" not in by_code(bundle)["29463-7"]
    assert by_code(bundle)["39156-5"]["interpretation"][1]["coding"][0]["display"] == "Obesitas II"
    referral, fasting_referral = resources(bundle, "ServiceRequest")
    assert ident(fasting_referral)[1] == f"{fasting['visit_key']}.rujukan"
    assert referral["priority"] == "routine" and referral["code"]["text"] == "Rujuk ke Puskesmas"
    kind_of = {e["fullUrl"]: e["resource"]["resourceType"] for e in bundle["entry"]}
    # The reason: the tension and glucose readings; the support: the SRQ-20 and TB answers.
    assert [kind_of[r["reference"]] for r in referral["reasonReference"]] == ["Observation"] * 3
    assert [kind_of[r["reference"]] for r in referral["supportingInfo"]] == [
        "QuestionnaireResponse"
    ] * 2
    srq, tb_answers = resources(bundle, "QuestionnaireResponse")
    assert ident(srq)[1] == f"{full['visit_key']}.srq20"
    assert srq["author"] == {"reference": f"Organization/{ORG}"}
    assert srq["source"]["identifier"]["value"] == NIK
    assert (
        srq["item"][-1]["answer"][0]["valueCoding"]["display"]
        == "Berpotensi masalah kesehatan jiwa"
    )
    assert {i["linkId"]: i["answer"] for i in srq["item"]}["skor"] == [{"valueInteger": 7}]
    assert tb_answers["item"][-1]["answer"][0]["valueCoding"]["display"] == "Terduga TBC"


def test_a_correction_keeps_identity_and_a_void_withdraws_it(server: ServerProcess) -> None:
    village = Village(server)
    first = village.visit({"blood_pressure": bp((172, 104)), "glucose": glucose("250")})
    other = village.visit(
        {"blood_pressure": bp((120, 80))}, measured_at=datetime(2025, 3, 12, 9, tzinfo=WIB)
    )
    village.push([item(first), item(other)])
    with logged_in_client(server, add_staff(server)) as client:
        configure(client, area=village.area, posyandu=["Posyandu Mawar"])
        start = fhir_bundle(client, mode="perubahan", desa=village.area)
        again = fhir_bundle(client, mode="perubahan", desa=village.area)
        # The kader corrects the tension (172/104 was 122/78) and drops the glucose reading.
        fixed = village.visit(
            {"blood_pressure": bp((122, 78))},
            visit_key=first["visit_key"],
            version=2,
            replaces_id=first["id"],
        )
        village.push([item(fixed, base_version=1)])
        corrected = fhir_bundle(client, mode="perubahan", desa=village.area)
        voided = village.visit(
            {"blood_pressure": bp((122, 78))},
            visit_key=first["visit_key"],
            version=3,
            replaces_id=fixed["id"],
            voided=True,
        )
        village.push([item(voided, base_version=2)])
        withdrawn = fhir_bundle(client, mode="perubahan", desa=village.area)
        whole = fhir_bundle(
            client, mode="periode", dari="2025-03-01", sampai="2025-03-31", desa=village.area
        )

    for bundle in (start, corrected, withdrawn, whole):
        validate_r4(bundle)
        assert satusehat_problems(bundle) == []
    assert len(resources(start, "Encounter")) == 2
    # Nothing changed: nothing is sent again.
    assert again["entry"] == []
    # Only the corrected visit, under the same identifiers: a new version of the same resources.
    (encounter,) = resources(corrected, "Encounter")
    assert ident(encounter) == ident(resources(start, "Encounter")[0])
    systolic = by_code(corrected)["8480-6"]
    assert (
        ident(systolic) == ident(by_code(start, first["visit_key"])["8480-6"])
        and systolic["valueQuantity"]["value"] == 122
    )
    assert systolic["status"] == "final"
    # The glucose reading the correction removed is withdrawn, and so is the referral.
    assert by_code(corrected)["41653-7"]["status"] == "entered-in-error"
    assert [s["status"] for s in resources(corrected, "ServiceRequest")] == ["entered-in-error"]
    # The void withdraws every resource that was sent for the visit.
    assert {e["resource"]["status"] for e in withdrawn["entry"]} == {"entered-in-error"}
    assert {ident(e["resource"]) for e in withdrawn["entry"]} == {
        ident(e["resource"])
        for e in start["entry"]
        if ident(e["resource"])[1].startswith(first["visit_key"])
    }
    # A full period holds the other visit as it is, and the voided one withdrawn.
    states = {ident(e)[1]: e["status"] for e in resources(whole, "Encounter")}
    assert states == {first["visit_key"]: "entered-in-error", other["visit_key"]: "finished"}


def test_a_visit_that_cannot_be_sent_yet_is_held_back_and_counted(server: ServerProcess) -> None:
    village = Village(server)
    budi = str(uuid.uuid4())
    village.push([item(person_payload(person_id=budi, name="Budi Tanpa NIK", sex="L"))])
    ahead = datetime.now(UTC) + timedelta(hours=3)
    village.push(
        [
            item(village.visit({"blood_pressure": bp((150, 95))}, person_id=budi)),
            item(village.visit({"blood_pressure": bp((150, 95))}, measured_at=ahead)),
        ]
    )
    melati = enroll_on(server, posyandu="Posyandu Melati", area=village.area)
    push(melati, [item(village.visit({"blood_pressure": bp((150, 95))}))])
    with logged_in_client(server, add_staff(server)) as client:
        configure(client, area=village.area, posyandu=["Posyandu Mawar"])
        bundle = fhir_bundle(client, mode="perubahan", desa=village.area)
        page = client.get("/dashboard/ekspor").text
        configure(client, area=village.area, posyandu=["Posyandu Mawar", "Posyandu Melati"])
        later = fhir_bundle(client, mode="perubahan", desa=village.area)

    # Nothing of the three: no NIK, a clock ahead (never moved to "now"), no Location id.
    assert bundle["entry"] == []
    assert 'data-held="tanpa_nik">Warga tanpa NIK: 1' in page
    assert 'data-held="waktu_di_depan">Waktu periksa di depan jam server: 1' in page
    assert 'data-held="tanpa_lokasi">Posyandu tanpa ID Location: 1' in page
    # Once Melati has its Location id, its visit goes out with the next changes.
    (encounter,) = resources(later, "Encounter")
    assert encounter["location"][0]["location"]["display"] == "Posyandu Melati"
    assert satusehat_problems(later) == []
