"""FHIR R4 bundles (validated with fhir.resources' R4B models) and CSV/XLSX exports.

Visits are built by the real rules; the first-schema payloads are the app's own, kept in
tests/fixtures/payloads_v1. Only complete sections are exported.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from openpyxl import load_workbook
from payloads import bmi, bp, glucose, srq20, tb, visit_payload, waist

from kader_app.core.rules.bmi import BmiInput
from kader_app.core.rules.section import InputModel, Subject
from sync.server import exports, fhir
from sync.server.aggregates.facts import PersonFact, VisitFact, current_visits, visit_version

WIB = timezone(timedelta(hours=7))
NOW = datetime(2025, 3, 20, 6, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "payloads_v1"


def fact(payload: dict[str, Any], *, entry_id: str | None = None) -> VisitFact:
    found = visit_version(
        entry_id=entry_id or payload["visit_key"],
        entry_version=payload["version"],
        seq=1,
        payload=json.dumps(payload),
        area="Sukamaju",
        posyandu="Mawar",
        device_id="dev",
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
BMI_WEIGHT_ONLY = BmiInput.model_validate({"weight_kg": "60"})
FULL: dict[str, InputModel] = {
    "bmi": bmi("72.5", "152.0"),
    "waist": waist("95.0"),
    "blood_pressure": bp((150, 95), (148, 93)),
    "glucose": glucose("250"),
    "tb": tb(
        cough=True,
        cough_days=21,
        symptoms=("fever", "night_sweats"),
        contact="household",
        risks=("smoking",),
    ),
    "srq20": srq20(yes=(1, 2, 3, 9, 11, 18, 20)),
}


def visit_of(
    sections: dict[str, InputModel], *, measured_at: datetime, birth_date: date = SITI.birth_date
) -> VisitFact:
    return fact(
        visit_payload(
            person_id=SITI.id,
            measured_at=measured_at,
            sections=sections,
            subject=Subject(sex="P", birth_date=birth_date),
        )
    )


def full_visit(*, measured_at: datetime) -> VisitFact:
    return visit_of(FULL, measured_at=measured_at)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def observation_values(bundle: dict[str, Any]) -> dict[str, Any]:
    return {
        o["code"]["coding"][0]["code"]: o["valueQuantity"]["value"]
        for o in resources(bundle, "Observation")
    }


def valid(bundle: dict[str, Any]) -> dict[str, Any]:
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    return bundle


def test_every_resource_is_valid_fhir_r4() -> None:
    bundle = valid(
        fhir.visit_bundle(
            visits=[full_visit(measured_at=datetime(2025, 3, 10, 9, 15, tzinfo=WIB))],
            people=[SITI],
            now=NOW,
        )
    )

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
    # The mean of the two readings, the BMI the rules computed, the typed weight and height.
    assert observation_values(bundle) == {
        "8480-6": 149,
        "8462-4": 94,
        "29463-7": 72.5,
        "8302-2": 152.0,
        "8280-0": 95.0,
        "39156-5": 31.4,
        "2339-0": 250,
    }
    (glucose_observation,) = [
        o for o in resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == "2339-0"
    ]
    assert glucose_observation["note"] == [{"text": "Gula darah sewaktu"}]
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


def test_questionnaire_responses_hold_the_srq20_answers_by_key_and_the_tb_answers() -> None:
    bundle = fhir.visit_bundle(
        visits=[full_visit(measured_at=datetime(2025, 3, 10, 9, 15, tzinfo=WIB))],
        people=[SITI],
        now=NOW,
    )
    srq, tb_answers = resources(bundle, "QuestionnaireResponse")

    answers = {i["linkId"]: i for i in srq["item"]}
    assert srq["status"] == "completed"
    assert answers["suicidal_thoughts"]["answer"] == [{"valueBoolean": False}]
    assert answers["always_tired"]["answer"] == [{"valueBoolean": True}]
    assert answers["always_tired"]["text"] == "Apakah Anda merasa lelah sepanjang waktu?"
    assert answers["skor"]["answer"] == [{"valueInteger": 7}]
    tb_items = {i["linkId"]: i for i in tb_answers["item"]}
    assert tb_items["batuk"]["answer"] == [{"valueBoolean": True}]
    assert tb_items["lama_batuk"]["answer"] == [{"valueInteger": 21}]
    assert tb_items["kontak"]["answer"][0]["valueCoding"]["code"] == "household"
    fever = next(i for i in tb_items["gejala"]["item"] if i["linkId"] == "gejala.fever")
    assert fever["answer"] == [{"valueBoolean": True}]
    older = next(
        i for i in tb_items["faktor_risiko"]["item"] if i["linkId"] == "risiko.age_over_65"
    )
    assert older["answer"] == [{"valueBoolean": False}]


def test_the_tb_answers_include_the_risks_the_persons_record_answers() -> None:
    visit = visit_of(
        {"tb": tb(cough=False)},
        measured_at=datetime(2025, 3, 10, 9, tzinfo=WIB),
        birth_date=date(1950, 1, 1),
    )
    bundle = valid(fhir.visit_bundle(visits=[visit], people=[SITI], now=NOW))

    (answers,) = resources(bundle, "QuestionnaireResponse")
    risks = {i["linkId"]: i["answer"] for i in answers["item"][-1]["item"]}
    assert risks["risiko.age_over_65"] == [{"valueBoolean": True}]
    assert risks["risiko.smoking"] == [{"valueBoolean": False}]


def test_a_laptop_clock_ahead_never_puts_a_time_in_the_future() -> None:
    ahead = NOW + timedelta(hours=5)
    bundle = valid(
        fhir.visit_bundle(visits=[full_visit(measured_at=ahead)], people=[SITI], now=NOW)
    )

    times = [o["effectiveDateTime"] for o in resources(bundle, "Observation")]
    times += [q["authored"] for q in resources(bundle, "QuestionnaireResponse")]
    assert set(times) == {"2025-03-20T06:00:00Z"}


def test_a_meter_hi_reading_becomes_a_bounded_quantity() -> None:
    visit = visit_of({"glucose": glucose("HI")}, measured_at=datetime(2025, 3, 10, 9, tzinfo=WIB))
    bundle = valid(fhir.visit_bundle(visits=[visit], people=[SITI], now=NOW))

    (reading,) = resources(bundle, "Observation")
    assert reading["valueQuantity"]["comparator"] == ">"
    assert reading["valueQuantity"]["value"] == 600


def test_a_section_left_unfinished_sends_no_measure_and_no_answers() -> None:
    visit = visit_of(
        {
            "blood_pressure": bp((150, 95)),
            "srq20": srq20(answered=range(1, 6)),
            "bmi": bmi("60", "150"),
        },
        measured_at=datetime(2025, 3, 10, 9, tzinfo=WIB),
    )
    # An unfinished form: only the weight (no height) and five SRQ-20 answers.
    unfinished = visit_of(
        {"bmi": BMI_WEIGHT_ONLY, "srq20": srq20(answered=range(1, 6))},
        measured_at=datetime(2025, 3, 11, 9, tzinfo=WIB),
    )

    bundle = valid(fhir.visit_bundle(visits=[visit, unfinished], people=[SITI], now=NOW))

    assert sorted(observation_values(bundle)) == [
        "29463-7",
        "39156-5",
        "8302-2",
        "8462-4",
        "8480-6",
    ]
    assert resources(bundle, "QuestionnaireResponse") == []
    # The unfinished visit screened nothing: it is no Encounter either.
    assert len(resources(bundle, "Encounter")) == 1


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
    assert row["Jenis kelamin"] == "Perempuan"
    assert row["Hasil tensi"] == "Hipertensi derajat 1"
    assert (row["Sistolik (mmHg)"], row["Diastolik (mmHg)"]) == ("149", "94")
    assert row["Hasil skrining TBC"] == "Terduga TBC"
    assert (row["Skor SRQ-20"], row["Hasil SRQ-20"]) == ("7", "Berpotensi masalah kesehatan jiwa")
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
    assert values["Berat (kg)"] == 72.5
    assert values["NIK"] == "3201014508750001"


def test_a_section_not_asked_or_unfinished_is_blank_in_the_export() -> None:
    visit = visit_of(
        {"blood_pressure": bp((150, 95)), "srq20": srq20(answered=range(1, 6))},
        measured_at=datetime(2025, 3, 10, 9, tzinfo=WIB),
    )

    (row,) = exports.visit_rows(visits=[visit], people=[SITI])

    assert row["tensi"] == "Hipertensi derajat 1"
    assert (row["hasil_tbc"], row["hasil_srq20"], row["skor_srq20"]) == ("", "", None)
    assert (row["berat"], row["imt"], row["hasil_imt"]) == (None, None, "")


def test_the_period_uses_the_local_measurement_date() -> None:
    late = full_visit(measured_at=datetime(2025, 3, 31, 23, 30, tzinfo=WIB))
    chosen = exports.in_period([late], start=date(2025, 3, 1), end=date(2025, 3, 31))
    assert chosen == [late]
    assert exports.in_period([late], start=date(2025, 4, 1), end=date(2025, 4, 30)) == []


def v1_fact(name: str) -> VisitFact:
    raw = json.loads((FIXTURES / f"{name}.json").read_text())
    payload = raw["payload"]
    assert "schema_version" not in payload
    return fact(payload)


BUDI = PersonFact(
    id="30253426-a306-4c3f-8f49-d16904722185",
    area="Contoh",
    posyandu="Mawar",
    name="Budi Fiktif",
    nik=None,
    sex="L",
    birth_date=date(1950, 11, 3),
    registered_on=date(2025, 1, 1),
)
ANI = PersonFact(
    id="3ebb3baa-0000-0000-0000-000000000000",
    area="Contoh",
    posyandu="Mawar",
    name="Ani Fiktif",
    nik="3201015205800001",
    sex="P",
    birth_date=date(1980, 5, 12),
    registered_on=date(2025, 1, 1),
)


def test_first_schema_visits_are_exported_as_upgraded() -> None:
    full, partial, untouched = (
        v1_fact(n) for n in ("visit_full", "visit_partial", "visit_untouched")
    )
    ani = _with_id(ANI, full.person_id)

    rows = exports.visit_rows(visits=[full, partial, untouched], people=[ani, BUDI])

    # The untouched form screened nothing; the old result "Bukan terduga TBC" of a TB form
    # nobody opened is not exported as a negative.
    assert [r["id_kunjungan"] for r in rows] == [full.key, partial.key]
    first, second = rows
    assert (first["sistolik"], first["diastolik"], first["tensi"]) == (
        144,
        91,
        "Hipertensi derajat 1",
    )
    assert (first["berat"], first["tinggi"], first["imt"]) == (61.5, 154.0, 25.9)
    assert (first["gula_darah"], first["hasil_gula"]) == (182, "Prediabetes (curiga)")
    assert (first["skor_srq20"], first["hasil_tbc"]) == (7, "")
    assert first["versi_aturan"] == "ilp-2023.1"
    # The unfinished SRQ-20 ("belum lengkap" in schema 1) is blank, never counted.
    assert (second["tensi"], second["hasil_srq20"], second["hasil_tbc"]) == (
        "Hipertensi derajat 2",
        "",
        "",
    )


def test_first_schema_visits_become_valid_fhir() -> None:
    full = v1_fact("visit_full")
    ani = _with_id(ANI, full.person_id)

    bundle = valid(fhir.visit_bundle(visits=[full], people=[ani], now=NOW))

    assert observation_values(bundle) == {
        "8480-6": 144,
        "8462-4": 91,
        "29463-7": 61.5,
        "8302-2": 154.0,
        "39156-5": 25.9,
        "8280-0": 84.0,
        "2339-0": 182,
    }
    (srq,) = resources(bundle, "QuestionnaireResponse")
    assert {i["linkId"] for i in srq["item"]} >= {"headaches", "suicidal_thoughts", "skor"}


def _with_id(person: PersonFact, person_id: str) -> PersonFact:
    return PersonFact(
        id=person_id,
        area=person.area,
        posyandu=person.posyandu,
        name=person.name,
        nik=person.nik,
        sex=person.sex,
        birth_date=person.birth_date,
        registered_on=person.registered_on,
    )
