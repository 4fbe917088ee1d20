"""FHIR R4 transaction Bundles (SATUSEHAT-style) of screening visits, built as plain JSON dicts.

Patient (NIK identifier), Encounter, one Observation per LOINC-coded measure of each complete
section (SCREENING_RULES.md §8), and QuestionnaireResponses for a complete SRQ-20 (answers read
by stable key) and TB screening. Texts come from `kader_app.core.words`. Pure: no database, no
network; times are UTC and never after `now`. Tests validate the output with `fhir.resources.R4B`
(R4 technical correction).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from kader_app.core.rules.glucose import GLUCOSE_RANGE_MG_DL
from kader_app.core.rules.registry import section
from kader_app.core.rules.srq20 import Srq20Input
from kader_app.core.rules.tb import TB_RISKS, TB_SYMPTOMS, TbInput, derived_risks
from kader_app.core.words import field_text, item_text, section_title
from sync.server.aggregates.facts import PersonFact, VisitFact
from sync.server.sections import CompleteSection, plain_number, readable_sections, rule_context

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

# LOINC's own display names; a measure with another code is sent without one.
LOINC_DISPLAY = {
    "8480-6": "Systolic blood pressure",
    "8462-4": "Diastolic blood pressure",
    "29463-7": "Body weight",
    "8302-2": "Body height",
    "8280-0": "Waist Circumference at umbilicus by Tape measure",
    "39156-5": "Body mass index (BMI) [Ratio]",
    "2339-0": "Glucose [Mass/volume] in Blood",
}
VITAL_SIGNS = frozenset({"8480-6", "8462-4", "29463-7", "8302-2", "8280-0", "39156-5"})
# The meter's LO / HI: below / above what it can read (the plausible range of the rules).
METER_BOUNDS = {"LO": ("<", GLUCOSE_RANGE_MG_DL[0]), "HI": (">", GLUCOSE_RANGE_MG_DL[1])}
# Measures that say which test a value came from: sent as the Observation's note.
KIND_MEASURE = "kind"


def fhir_instant(value: datetime, *, now: datetime) -> str:
    """UTC with a `Z`, to the second, clamped to `now` (a laptop clock ahead is not the future)."""
    moment = min(value.astimezone(UTC), now.astimezone(UTC))
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, ':'.join(parts))}"


def patient_resource(person: PersonFact) -> dict[str, Any]:
    identifiers = [{"use": "usual", "system": PERSON_ID_SYSTEM, "value": person.id}]
    if person.nik:
        identifiers.insert(0, {"use": "official", "system": NIK_SYSTEM, "value": person.nik})
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": identifiers,
        "active": True,
        "name": [{"use": "official", "text": person.name}],
        "gender": "male" if person.sex == "L" else "female",
        "birthDate": person.birth_date.isoformat(),
    }
    return resource


def _quantity(value: object, unit: str) -> dict[str, Any] | None:
    """A UCUM quantity; a meter's LO / HI becomes a bound with its comparator."""
    quantity: dict[str, Any] = {"unit": unit, "system": UCUM, "code": unit}
    number = plain_number(value)
    if isinstance(number, str) and number in METER_BOUNDS:
        comparator, bound = METER_BOUNDS[number]
        return {**quantity, "value": bound, "comparator": comparator}
    if isinstance(number, bool) or not isinstance(number, int | float):
        return None
    return {**quantity, "value": number}


def _observation(
    *,
    loinc: str,
    quantity: dict[str, Any],
    visit: VisitFact,
    refs: Mapping[str, str],
    when: str,
    note: str | None,
) -> dict[str, Any]:
    coding: dict[str, str] = {"system": LOINC, "code": loinc}
    if loinc in LOINC_DISPLAY:
        coding["display"] = LOINC_DISPLAY[loinc]
    category = "vital-signs" if loinc in VITAL_SIGNS else "laboratory"
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "identifier": [{"system": VISIT_ID_SYSTEM, "value": f"{visit.row_id}:{loinc}"}],
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": category}]}],
        "code": {"coding": [coding]},
        "subject": {"reference": refs["patient"]},
        "encounter": {"reference": refs["encounter"]},
        "effectiveDateTime": when,
        "valueQuantity": quantity,
    }
    if note:
        resource["note"] = [{"text": note}]
    return resource


def _kind_note(done: CompleteSection) -> str | None:
    """``Gula darah sewaktu``: which test the section's values came from, when it says."""
    kind = done.measures.get(KIND_MEASURE)
    if kind is None:
        return None
    return f"{section_title(done.code)} {item_text(done.code, str(kind.value))}"


def observations(
    *, visit: VisitFact, sections: Mapping[str, CompleteSection], refs: Mapping[str, str], when: str
) -> list[dict[str, Any]]:
    """One Observation per LOINC-coded measure of each complete section, in the form's order."""
    out: list[dict[str, Any]] = []
    ordered = sorted(sections.values(), key=lambda done: section(done.code).order)
    for done in ordered:
        note = _kind_note(done)
        for measure in done.measures.values():
            quantity = _quantity(measure.value, measure.unit) if measure.loinc else None
            if measure.loinc is None or quantity is None:
                continue
            out.append(
                _observation(
                    loinc=measure.loinc,
                    quantity=quantity,
                    visit=visit,
                    refs=refs,
                    when=when,
                    note=note,
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
    *, sections: Mapping[str, CompleteSection], refs: Mapping[str, str], when: str
) -> dict[str, Any] | None:
    """The complete SRQ-20's answers, each item by its stable key (never by its number)."""
    done = sections.get("srq20")
    if done is None or not isinstance(done.inputs, Srq20Input):
        return None
    answers = done.inputs.answers
    items: list[dict[str, Any]] = []
    for key in section("srq20").items:
        item: dict[str, Any] = {"linkId": key, "text": item_text("srq20", key)}
        if key in answers:
            item["answer"] = [{"valueBoolean": answers[key]}]
        items.append(item)
    score = done.result.values.get("score")
    if isinstance(score, int) and not isinstance(score, bool):
        items.append(
            {"linkId": "skor", "text": "Jumlah jawaban ya", "answer": [{"valueInteger": score}]}
        )
    return _questionnaire_response(
        questionnaire=SRQ20_QUESTIONNAIRE, status="completed", items=items, refs=refs, when=when
    )


def _ticked(prefix: str, codes: Sequence[str], chosen: frozenset[str]) -> list[dict[str, Any]]:
    return [
        {
            "linkId": f"{prefix}.{code}",
            "text": item_text("tb", code),
            "answer": [{"valueBoolean": code in chosen}],
        }
        for code in codes
    ]


def tb_response(
    *,
    visit: VisitFact,
    sections: Mapping[str, CompleteSection],
    refs: Mapping[str, str],
    when: str,
) -> dict[str, Any] | None:
    """The complete TB screening's answers; risks include those the person's record answers."""
    done = sections.get("tb")
    if done is None or not isinstance(done.inputs, TbInput) or visit.payload is None:
        return None
    tb = done.inputs
    risks = tb.risks | derived_risks(rule_context(visit.payload))
    items: list[dict[str, Any]] = [
        {
            "linkId": "batuk",
            "text": field_text("tb", "cough"),
            "answer": [{"valueBoolean": bool(tb.cough)}],
        },
    ]
    if tb.cough and tb.cough_days is not None:
        items.append(
            {
                "linkId": "lama_batuk",
                "text": f"{field_text('tb', 'cough_days')} (hari)",
                "answer": [{"valueInteger": tb.cough_days}],
            }
        )
    items.append(
        {
            "linkId": "gejala",
            "text": field_text("tb", "symptoms"),
            "item": _ticked("gejala", TB_SYMPTOMS, tb.symptoms),
        }
    )
    items.append(
        {
            "linkId": "kontak",
            "text": field_text("tb", "contact"),
            "answer": [
                {
                    "valueCoding": {
                        "system": TB_CONTACT_SYSTEM,
                        "code": tb.contact,
                        "display": item_text("tb", tb.contact),
                    }
                }
            ],
        }
    )
    items.append(
        {
            "linkId": "faktor_risiko",
            "text": field_text("tb", "risks"),
            "item": _ticked("risiko", TB_RISKS, risks),
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
    """A transaction Bundle of the screened `visits` and their patients (each patient once).

    Conditional creates (`ifNoneExist` on the NIK or the record id) make sending it twice safe.
    """
    by_id = {p.id: p for p in people}
    entries: list[dict[str, Any]] = []
    patient_urls: dict[str, str] = {}
    for visit in visits:
        person = by_id.get(visit.person_id)
        if person is None or visit.payload is None or not visit.screened:
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
        sections = readable_sections(visit.payload)
        for observation in observations(visit=visit, sections=sections, refs=refs, when=when):
            identifier = observation["identifier"][0]["value"]
            entries.append(
                _entry(
                    _urn("observation", identifier),
                    observation,
                    if_none_exist=f"identifier={VISIT_ID_SYSTEM}|{identifier}",
                )
            )
        for kind, response in (
            ("srq20", srq20_response(sections=sections, refs=refs, when=when)),
            ("tb", tb_response(visit=visit, sections=sections, refs=refs, when=when)),
        ):
            if response is not None:
                entries.append(_entry(_urn(kind, visit.row_id), response, if_none_exist=None))
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "timestamp": fhir_instant(now, now=now),
        "entry": entries,
    }
