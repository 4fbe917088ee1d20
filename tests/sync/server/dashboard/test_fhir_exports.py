"""FHIR R4 bundles (validated with fhir.resources' R4B models) and CSV/XLSX exports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from openpyxl import load_workbook
from payloads import visit_payload

from sync.server import exports, fhir
from sync.server.aggregates import PersonFact, VisitFact, current_visits, visit_version

WIB = timezone(timedelta(hours=7))
NOW = datetime(2025, 3, 20, 6, 0, tzinfo=UTC)


def fact(payload: dict[str, Any]) -> VisitFact:
    found = visit_version(
        entry_id=payload["visit_key"],
        entry_version=1,
        seq=1,
        payload=payload,
        area="Sukamaju",
        posyandu="Mawar",
        device_id="dev",
        recorded_at=NOW,
    )
    assert found is not None
    (visit,) = current_visits([found])
    return visit


SITI = PersonFact(
    id="7b1f3c9e-2d7a-4c44-9a51-0c1d2e3f4a5b",
    area="Sukamaju",
    posyandu="Mawar",
    name="Siti Aminah",
    nik="3201014508750001",
    sex="P",
    birth_date=date(1975, 8, 5),
    registered_on=date(2025, 1, 1),
)
FULL_INPUTS = {
    "sex": "P",
    "birth_date": "1975-08-05",
    "measured_on": "2025-03-10",
    "anthropometry": {"weight_kg": 72.5, "height_cm": 152.0, "waist_cm": 95.0},
    "blood_pressure": {"readings": [[150, 95], [148, 93]]},
    "glucose": {"value": "250", "kind": "sewaktu", "hypo_symptoms": False, "unit": "mg/dL"},
    "tb": {
        "cough": True,
        "cough_days": 21,
        "symptoms": ["fever", "night_sweats"],
        "contact": "household",
        "risks": ["smoking"],
    },
    "srq20": {"answers": {str(n): n in (1, 2, 3, 9, 11, 18, 20) for n in range(1, 21)}},
}


def full_visit(*, measured_at: datetime) -> VisitFact:
    return fact(
        visit_payload(
            person_id=SITI.id,
            measured_at=measured_at,
            inputs=FULL_INPUTS,
            sections={
                "bmi": ("obesitas_2", "monitor"),
                "waist": ("central_obesity", "monitor"),
                "blood_pressure": ("hipertensi_1", "refer"),
                "glucose": ("curiga_diabetes", "refer"),
                "tb": ("terduga_tbc", "refer"),
                "srq20": ("berpotensi_masalah_jiwa", "refer"),
            },
            values={
                "bmi": {"bmi": 31.4, "scheme": "asia_pacific"},
                "blood_pressure": {"systolic": 149, "diastolic": 94},
                "glucose": {"value": 250, "meter": None, "kind": "sewaktu"},
                "srq20": {"score": 7, "missing": []},
            },
        )
    )


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def observation_values(bundle: dict[str, Any]) -> dict[str, Any]:
    return {
        o["code"]["coding"][0]["code"]: o["valueQuantity"]["value"]
        for o in resources(bundle, "Observation")
    }


def test_every_resource_is_valid_fhir_r4(tmp_path: Any) -> None:
    bundle = fhir.visit_bundle(
        visits=[full_visit(measured_at=datetime(2025, 3, 10, 9, 15, tzinfo=WIB))],
        people=[SITI],
        now=NOW,
    )

    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        model = get_fhir_model_class(entry["resource"]["resourceType"])
        model.model_validate(entry["resource"])
    assert bundle["type"] == "transaction"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == 1 and kinds.count("Encounter") == 1
    assert kinds.count("QuestionnaireResponse") == 2


def test_patient_encounter_and_loinc_observations_carry_the_measures() -> None:
    bundle = fhir.visit_bundle(
        visits=[full_visit(measured_at=datetime(2025, 3, 10, 9, 15, tzinfo=WIB))],
        people=[SITI],
        now=NOW,
    )

    (patient,) = resources(bundle, "Patient")
    assert patient["identifier"][0] == {
        "use": "official",
        "system": "https://fhir.kemkes.go.id/id/nik",
        "value": "3201014508750001",
    }
    assert patient["gender"] == "female" and patient["birthDate"] == "1975-08-05"
    assert observation_values(bundle) == {
        "8480-6": 149,
        "8462-4": 94,
        "29463-7": 72.5,
        "8302-2": 152.0,
        "8280-0": 95.0,
        "39156-5": 31.4,
        "2339-0": 250,
    }
    (encounter,) = resources(bundle, "Encounter")
    # 09:15 WIB is 02:15 UTC; the local time travels in an extension.
    assert encounter["period"]["start"] == "2025-03-10T02:15:00Z"
    assert encounter["extension"][0]["valueDateTime"] == "2025-03-10T09:15:00+07:00"
    patient_url = bundle["entry"][0]["fullUrl"]
    for observation in resources(bundle, "Observation"):
        assert observation["subject"]["reference"] == patient_url
        assert observation["effectiveDateTime"] == "2025-03-10T02:15:00Z"
    posted = bundle["entry"][0]["request"]
    assert posted["ifNoneExist"] == "identifier=https://fhir.kemkes.go.id/id/nik|3201014508750001"


def test_questionnaire_responses_hold_the_srq20_and_tb_answers() -> None:
    bundle = fhir.visit_bundle(
        visits=[full_visit(measured_at=datetime(2025, 3, 10, 9, 15, tzinfo=WIB))],
        people=[SITI],
        now=NOW,
    )
    srq, tb = resources(bundle, "QuestionnaireResponse")

    answers = {i["linkId"]: i["answer"][0] for i in srq["item"]}
    assert srq["status"] == "completed"
    assert answers["17"] == {"valueBoolean": False} and answers["18"] == {"valueBoolean": True}
    assert answers["skor"] == {"valueInteger": 7}
    tb_items = {i["linkId"]: i for i in tb["item"]}
    assert tb_items["batuk"]["answer"] == [{"valueBoolean": True}]
    assert tb_items["lama_batuk"]["answer"] == [{"valueInteger": 21}]
    assert tb_items["kontak"]["answer"][0]["valueCoding"]["code"] == "household"
    fever = next(i for i in tb_items["gejala"]["item"] if i["linkId"] == "gejala.fever")
    assert fever["answer"] == [{"valueBoolean": True}]


def test_a_laptop_clock_ahead_never_puts_a_time_in_the_future() -> None:
    ahead = NOW + timedelta(hours=5)
    bundle = fhir.visit_bundle(visits=[full_visit(measured_at=ahead)], people=[SITI], now=NOW)

    times = [o["effectiveDateTime"] for o in resources(bundle, "Observation")]
    times += [q["authored"] for q in resources(bundle, "QuestionnaireResponse")]
    assert set(times) == {"2025-03-20T06:00:00Z"}
    Bundle.model_validate(bundle)


def test_a_meter_hi_reading_becomes_a_bounded_quantity() -> None:
    visit = fact(
        visit_payload(
            person_id=SITI.id,
            measured_at=datetime(2025, 3, 10, 9, tzinfo=WIB),
            sections={"glucose": ("curiga_diabetes", "urgent")},
            values={"glucose": {"value": None, "meter": "HI", "kind": "sewaktu"}},
        )
    )
    bundle = fhir.visit_bundle(visits=[visit], people=[SITI], now=NOW)

    (glucose,) = resources(bundle, "Observation")
    assert glucose["valueQuantity"]["comparator"] == ">"
    assert glucose["valueQuantity"]["value"] == 600
    get_fhir_model_class("Observation").model_validate(glucose)


@pytest.fixture
def rows() -> list[dict[str, Any]]:
    visits = [full_visit(measured_at=datetime(2025, 3, 10, 9, 15, tzinfo=WIB))]
    return exports.visit_rows(visits=visits, people=[SITI])


def test_csv_has_one_readable_row_per_visit(rows: list[dict[str, Any]]) -> None:
    data = exports.to_csv(rows)

    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 1
    row = table[0]
    assert row["Nama"] == "Siti Aminah"
    assert row["Hasil tensi"] == "Hipertensi derajat 1"
    assert row["Sistolik (mmHg)"] == "149"
    assert row["Tindak lanjut"] == "Rujuk ke Puskesmas"
    assert row["Tanggal periksa"] == "2025-03-10"


def test_xlsx_matches_the_csv_and_defuses_formulas(rows: list[dict[str, Any]]) -> None:
    rows[0]["nama"] = '=HYPERLINK("http://x")'
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(rows))).active

    header, first = list(sheet.iter_rows(values_only=True))
    values = dict(zip(header, first, strict=True))
    assert values["Nama"].startswith("'=")
    assert values["Hasil gula darah"] == "Curiga diabetes"
    assert values["IMT"] == 31.4
    assert values["NIK"] == "3201014508750001"


def test_the_period_uses_the_local_measurement_date() -> None:
    late = full_visit(measured_at=datetime(2025, 3, 31, 23, 30, tzinfo=WIB))
    chosen = exports.in_period([late], start=date(2025, 3, 1), end=date(2025, 3, 31))
    assert chosen == [late]
    assert exports.in_period([late], start=date(2025, 4, 1), end=date(2025, 4, 30)) == []
