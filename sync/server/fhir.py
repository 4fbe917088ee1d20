"""FHIR R4 transaction Bundles (SATUSEHAT-style) of screening visits, built as plain JSON dicts.

Patient (NIK identifier), Encounter, one Observation per measure (LOINC, SCREENING_RULES.md §8)
and QuestionnaireResponses for SRQ-20 and TB screening. Pure: no database, no network; times are
UTC and never after `now`. Tests validate the output with `fhir.resources.R4B` (R4 technical
correction).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sync.server.aggregates import PersonFact, VisitFact

NIK_SYSTEM = "https://fhir.kemkes.go.id/id/nik"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
# Identifiers this product owns: record ids made on the kader's laptop (UUIDs).
PERSON_ID_SYSTEM = "urn:posyandu-kader:person"
VISIT_ID_SYSTEM = "urn:posyandu-kader:visit"
MEASURED_LOCAL_URL = "urn:posyandu-kader:measured-local"
SRQ20_QUESTIONNAIRE = "urn:posyandu-kader:questionnaire:srq20"
TB_QUESTIONNAIRE = "urn:posyandu-kader:questionnaire:skrining-tbc"
TB_CONTACT_SYSTEM = "urn:posyandu-kader:tb-contact"
_NAMESPACE = uuid.UUID("0f6b8f3e-8a51-4c55-9f7e-9d6a3c1b2e40")

# (LOINC code, display, UCUM unit, category)
SYSTOLIC = ("8480-6", "Systolic blood pressure", "mm[Hg]", "vital-signs")
DIASTOLIC = ("8462-4", "Diastolic blood pressure", "mm[Hg]", "vital-signs")
WEIGHT = ("29463-7", "Body weight", "kg", "vital-signs")
HEIGHT = ("8302-2", "Body height", "cm", "vital-signs")
WAIST = ("8280-0", "Waist Circumference at umbilicus by Tape measure", "cm", "vital-signs")
BMI = ("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", "vital-signs")
GLUCOSE = ("2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", "laboratory")
# The meter's LO / HI: below / above what it can read (the plausible range of the rules).
GLUCOSE_METER_BOUNDS = {"LO": ("<", 20), "HI": (">", 600)}

SRQ20_TEXT = (
    "Sering sakit kepala",
    "Nafsu makan buruk",
    "Tidur tidak nyenyak",
    "Mudah takut",
    "Cemas, tegang, khawatir",
    "Tangan gemetar",
    "Pencernaan terganggu",
    "Sulit berpikir jernih",
    "Merasa tidak bahagia",
    "Menangis lebih sering",
    "Sulit menikmati kegiatan",
    "Sulit mengambil keputusan",
    "Pekerjaan sehari-hari terganggu",
    "Tidak mampu berperan dalam hidup",
    "Kehilangan minat",
    "Merasa tidak berharga",
    "Pikiran untuk mengakhiri hidup",
    "Selalu merasa lelah",
    "Rasa tidak enak di perut",
    "Mudah lelah",
)
TB_SYMPTOM_TEXT = {
    "weight_loss": "Berat badan turun atau nafsu makan hilang tanpa sebab",
    "fever": "Demam tanpa sebab",
    "lethargy": "Lemah, lesu",
    "night_sweats": "Berkeringat malam tanpa aktivitas",
    "breathless": "Sesak napas tanpa nyeri dada",
    "lymph_nodes": "Benjolan di leher atau ketiak",
}
TB_RISK_TEXT = {
    "previous_tb": "Pernah diobati TBC",
    "unfinished_treatment": "Pengobatan TBC tidak tuntas",
    "diabetes": "Diabetes",
    "hiv": "HIV",
    "smoking": "Merokok",
    "malnutrition": "Gizi kurang",
    "age_over_65": "Usia di atas 65 tahun",
    "pregnancy": "Hamil",
}
TB_CONTACT_TEXT = {
    "none": "Tidak ada kontak",
    "household": "Kontak serumah",
    "close": "Kontak erat tidak serumah",
}


def fhir_instant(value: datetime, *, now: datetime) -> str:
    """UTC with a `Z`, to the second, clamped to `now` (a laptop clock ahead is not the future)."""
    moment = min(value.astimezone(UTC), now.astimezone(UTC))
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, ':'.join(parts))}"


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return None
    return None


def patient_resource(person: PersonFact) -> dict[str, Any]:
    identifiers = [{"use": "usual", "system": PERSON_ID_SYSTEM, "value": person.id}]
    if person.nik:
        identifiers.insert(0, {"use": "official", "system": NIK_SYSTEM, "value": person.nik})
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": identifiers,
        "active": True,
    }
    if person.name:
        resource["name"] = [{"use": "official", "text": person.name}]
    if person.sex in ("L", "P"):
        resource["gender"] = "male" if person.sex == "L" else "female"
    if person.birth_date is not None:
        resource["birthDate"] = person.birth_date.isoformat()
    return resource


def _observation(
    *,
    code: tuple[str, str, str, str],
    value: float | int,
    visit: VisitFact,
    refs: Mapping[str, str],
    when: str,
    comparator: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    loinc, display, unit, category = code
    quantity: dict[str, Any] = {"value": value, "unit": unit, "system": UCUM, "code": unit}
    if comparator:
        quantity["comparator"] = comparator
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "identifier": [{"system": VISIT_ID_SYSTEM, "value": f"{visit.row_id}:{loinc}"}],
        "status": "final",
        "category": [
            {"coding": [{"system": OBSERVATION_CATEGORY, "code": category}]},
        ],
        "code": {"coding": [{"system": LOINC, "code": loinc, "display": display}]},
        "subject": {"reference": refs["patient"]},
        "encounter": {"reference": refs["encounter"]},
        "effectiveDateTime": when,
        "valueQuantity": quantity,
    }
    if note:
        resource["note"] = [{"text": note}]
    return resource


def observations(*, visit: VisitFact, refs: Mapping[str, str], when: str) -> list[dict[str, Any]]:
    """One Observation per measure the visit holds (systolic and diastolic apart)."""
    out: list[dict[str, Any]] = []
    bp = visit.sections.get("blood_pressure")
    if bp is not None:
        for code, key in ((SYSTOLIC, "systolic"), (DIASTOLIC, "diastolic")):
            value = _number(bp.values.get(key))
            if value is not None:
                out.append(_observation(code=code, value=value, visit=visit, refs=refs, when=when))
    body = visit.inputs.get("anthropometry")
    body = body if isinstance(body, Mapping) else {}
    for code, key in ((WEIGHT, "weight_kg"), (HEIGHT, "height_cm"), (WAIST, "waist_cm")):
        value = _number(body.get(key))
        if value is not None:
            out.append(_observation(code=code, value=value, visit=visit, refs=refs, when=when))
    bmi = visit.sections.get("bmi")
    if bmi is not None:
        value = _number(bmi.values.get("bmi"))
        if value is not None:
            out.append(_observation(code=BMI, value=value, visit=visit, refs=refs, when=when))
    glucose = visit.sections.get("glucose")
    if glucose is not None:
        kind = glucose.values.get("kind")
        note = {"sewaktu": "Gula darah sewaktu", "puasa": "Gula darah puasa"}.get(str(kind))
        meter = glucose.values.get("meter")
        value = _number(glucose.values.get("value"))
        if isinstance(meter, str) and meter in GLUCOSE_METER_BOUNDS:
            comparator, bound = GLUCOSE_METER_BOUNDS[meter]
            out.append(
                _observation(
                    code=GLUCOSE,
                    value=bound,
                    comparator=comparator,
                    visit=visit,
                    refs=refs,
                    when=when,
                    note=note,
                )
            )
        elif value is not None:
            out.append(
                _observation(
                    code=GLUCOSE, value=value, visit=visit, refs=refs, when=when, note=note
                )
            )
    return out


def _questionnaire_response(
    *,
    questionnaire: str,
    status: str,
    items: list[dict[str, Any]],
    refs: Mapping[str, str],
    when: str,
) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire,
        "status": status,
        "subject": {"reference": refs["patient"]},
        "encounter": {"reference": refs["encounter"]},
        "authored": when,
        "item": items,
    }


def srq20_response(
    *, visit: VisitFact, refs: Mapping[str, str], when: str
) -> dict[str, Any] | None:
    raw = visit.inputs.get("srq20")
    if not isinstance(raw, Mapping) or not isinstance(raw.get("answers"), Mapping):
        return None
    answers = raw["answers"]
    items: list[dict[str, Any]] = []
    for number, text in enumerate(SRQ20_TEXT, start=1):
        item: dict[str, Any] = {"linkId": str(number), "text": text}
        answer = answers.get(str(number), answers.get(number))
        if isinstance(answer, bool):
            item["answer"] = [{"valueBoolean": answer}]
        items.append(item)
    complete = all("answer" in item for item in items)
    score = sum(1 for item in items if item.get("answer") == [{"valueBoolean": True}])
    if complete:
        items.append(
            {"linkId": "skor", "text": "Jumlah jawaban ya", "answer": [{"valueInteger": score}]}
        )
    return _questionnaire_response(
        questionnaire=SRQ20_QUESTIONNAIRE,
        status="completed" if complete else "in-progress",
        items=items,
        refs=refs,
        when=when,
    )


def tb_response(*, visit: VisitFact, refs: Mapping[str, str], when: str) -> dict[str, Any] | None:
    raw = visit.inputs.get("tb")
    if not isinstance(raw, Mapping):
        return None
    symptoms = set(raw.get("symptoms") or ())
    risks = set(raw.get("risks") or ())
    items: list[dict[str, Any]] = [
        {"linkId": "batuk", "text": "Batuk", "answer": [{"valueBoolean": bool(raw.get("cough"))}]},
    ]
    days = raw.get("cough_days")
    if raw.get("cough") and isinstance(days, int) and not isinstance(days, bool):
        items.append(
            {
                "linkId": "lama_batuk",
                "text": "Lama batuk (hari)",
                "answer": [{"valueInteger": days}],
            }
        )
    items.append(
        {
            "linkId": "gejala",
            "text": "Gejala tambahan",
            "item": [
                {
                    "linkId": f"gejala.{code}",
                    "text": text,
                    "answer": [{"valueBoolean": code in symptoms}],
                }
                for code, text in TB_SYMPTOM_TEXT.items()
            ],
        }
    )
    contact = raw.get("contact") if raw.get("contact") in TB_CONTACT_TEXT else "none"
    items.append(
        {
            "linkId": "kontak",
            "text": "Kontak dengan pasien TBC dalam 3 bulan terakhir",
            "answer": [
                {
                    "valueCoding": {
                        "system": TB_CONTACT_SYSTEM,
                        "code": contact,
                        "display": TB_CONTACT_TEXT[str(contact)],
                    }
                }
            ],
        }
    )
    items.append(
        {
            "linkId": "faktor_risiko",
            "text": "Faktor risiko",
            "item": [
                {
                    "linkId": f"risiko.{code}",
                    "text": text,
                    "answer": [{"valueBoolean": code in risks}],
                }
                for code, text in TB_RISK_TEXT.items()
            ],
        }
    )
    return _questionnaire_response(
        questionnaire=TB_QUESTIONNAIRE, status="completed", items=items, refs=refs, when=when
    )


def encounter_resource(
    *, visit: VisitFact, refs: Mapping[str, str], now: datetime
) -> dict[str, Any]:
    when = fhir_instant(visit.measured_at, now=now)
    return {
        "resourceType": "Encounter",
        "identifier": [{"system": VISIT_ID_SYSTEM, "value": visit.row_id}],
        "status": "finished",
        "class": {"system": ACT_CODE, "code": "AMB", "display": "ambulatory"},
        "subject": {"reference": refs["patient"]},
        "period": {"start": when, "end": when},
        "extension": [
            {
                "url": MEASURED_LOCAL_URL,
                "valueDateTime": visit.measured_at.replace(microsecond=0).isoformat(),
            }
        ],
    }


def _entry(full_url: str, resource: dict[str, Any], *, if_none_exist: str | None) -> dict[str, Any]:
    request: dict[str, Any] = {"method": "POST", "url": resource["resourceType"]}
    if if_none_exist:
        request["ifNoneExist"] = if_none_exist
    return {"fullUrl": full_url, "resource": resource, "request": request}


def visit_bundle(
    *, visits: Sequence[VisitFact], people: Sequence[PersonFact], now: datetime
) -> dict[str, Any]:
    """A transaction Bundle of `visits` and their patients (each patient once).

    Conditional creates (`ifNoneExist` on the NIK or the record id) make sending it twice safe.
    """
    by_id = {p.id: p for p in people}
    entries: list[dict[str, Any]] = []
    patient_urls: dict[str, str] = {}
    for visit in visits:
        person = by_id.get(visit.person_id)
        if person is None:
            continue
        if person.id not in patient_urls:
            patient_urls[person.id] = _urn("patient", person.id)
            condition = (
                f"identifier={NIK_SYSTEM}|{person.nik}"
                if person.nik
                else f"identifier={PERSON_ID_SYSTEM}|{person.id}"
            )
            entries.append(
                _entry(patient_urls[person.id], patient_resource(person), if_none_exist=condition)
            )
        refs = {"patient": patient_urls[person.id], "encounter": _urn("encounter", visit.row_id)}
        when = fhir_instant(visit.measured_at, now=now)
        entries.append(
            _entry(
                refs["encounter"],
                encounter_resource(visit=visit, refs=refs, now=now),
                if_none_exist=f"identifier={VISIT_ID_SYSTEM}|{visit.row_id}",
            )
        )
        for observation in observations(visit=visit, refs=refs, when=when):
            identifier = observation["identifier"][0]["value"]
            entries.append(
                _entry(
                    _urn("observation", identifier),
                    observation,
                    if_none_exist=f"identifier={VISIT_ID_SYSTEM}|{identifier}",
                )
            )
        for kind, response in (
            ("srq20", srq20_response(visit=visit, refs=refs, when=when)),
            ("tb", tb_response(visit=visit, refs=refs, when=when)),
        ):
            if response is not None:
                entries.append(_entry(_urn(kind, visit.row_id), response, if_none_exist=None))
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "timestamp": fhir_instant(now, now=now),
        "entry": entries,
    }
