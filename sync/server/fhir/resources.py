"""The Encounter, Observations and referral (ServiceRequest) of one screened visit, as JSON dicts.

Observations are read generically: one per LOINC-coded measure of each complete section, as the
section's own ``measures`` report them, so a new section needs nothing here. Texts come from
`kader_app.core.words`. Pure: no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kader_app.core.rules.common import Level
from kader_app.core.rules.glucose import GLUCOSE_RANGE_MG_DL
from kader_app.core.words import class_text, section_title
from sync.server.aggregates.facts import VisitFact
from sync.server.fhir.codes import (
    ACT_CODE,
    BMI,
    BMI_INPUTS,
    BY_KIND,
    CLASS_SYSTEM,
    INTERPRETATION,
    KIND_MEASURE,
    LEVEL_INTERPRETATION,
    MEASURED_ZONE_URL,
    OBSERVATION_CATEGORY,
    PARTICIPATION,
    PLACE_CLASS,
    RECORDED_BY_URL,
    UCUM,
    category_of,
    loinc_coding,
)
from sync.server.fhir.identity import (
    ResourceId,
    Site,
    encounter_id,
    fhir_time,
    full_url,
    identifier,
    observation_id,
    organization_reference,
    patient_reference,
    practitioner_reference,
)
from sync.server.sections import CompleteSection, plain_number

# A glucometer's LO / HI: below / above what it reads (the rules' plausible range, 20-600
# mg/dL). Another meter's range is not known here: its LO / HI is sent as the word it showed.
GLUCOSE_BOUNDS = {"LO": ("<", GLUCOSE_RANGE_MG_DL[0]), "HI": (">", GLUCOSE_RANGE_MG_DL[1])}
OFF_SCALE = {"LO": ("<", "Off scale low"), "HI": (">", "Off scale high")}
GLUCOSE_CODES = frozenset({"2339-0", "41653-7", "41604-0"})


@dataclass(frozen=True, slots=True)
class VisitContext:
    """What every resource of one visit shares: the visit, the patient's NIK, the site."""

    visit: VisitFact
    sections: Mapping[str, CompleteSection]
    nik: str
    site: Site

    @property
    def when(self) -> str:
        return fhir_time(self.visit.measured_at)

    def url(self, rid: ResourceId) -> str:
        return full_url(rid, self.site.organization_id)

    def ident(self, rid: ResourceId) -> list[dict[str, str]]:
        return identifier(rid, self.site.organization_id)

    @property
    def encounter_ref(self) -> dict[str, str]:
        return {"reference": self.url(encounter_id(self.visit.key))}


def _offset(moment: datetime) -> str:
    """``+07:00``: the offset the visit's local time was written with."""
    return moment.isoformat()[-6:] if moment.utcoffset() else "+00:00"


def encounter(ctx: VisitContext) -> dict[str, Any]:
    """The visit: one moment (the app records one), so every period starts and ends there."""
    assert ctx.visit.payload is not None
    period = {"start": ctx.when, "end": ctx.when}
    code, display = PLACE_CLASS.get(ctx.visit.payload.place, PLACE_CLASS["posyandu"])
    klass = {"system": ACT_CODE, "code": code, "display": display}
    resource: dict[str, Any] = {
        "resourceType": "Encounter",
        "identifier": ctx.ident(encounter_id(ctx.visit.key)),
        "status": "finished",
        "statusHistory": [
            {"status": status, "period": period}
            for status in ("arrived", "in-progress", "finished")
        ],
        "class": klass,
        "classHistory": [{"class": klass, "period": period}],
        "subject": patient_reference(ctx.nik),
        "period": period,
        "location": [
            {
                "location": {
                    "reference": f"Location/{ctx.site.location_id}",
                    "display": ctx.site.location_name,
                }
            }
        ],
        "serviceProvider": organization_reference(ctx.site),
        # Every time is sent in UTC (rule 10132); the local clock's offset travels beside them.
        "extension": [{"url": MEASURED_ZONE_URL, "valueString": _offset(ctx.visit.measured_at)}],
    }
    if ctx.visit.payload.recorded_by:
        resource["extension"].append(
            {"url": RECORDED_BY_URL, "valueString": ctx.visit.payload.recorded_by}
        )
    nakes = practitioner_reference(ctx.site)
    if nakes is not None:
        resource["participant"] = [
            {
                "type": [
                    {"coding": [{"system": PARTICIPATION, "code": "ATND", "display": "attender"}]}
                ],
                "individual": nakes,
            }
        ]
    return resource


def _value(value: object, unit: str, loinc: str) -> dict[str, Any] | None:
    """``valueQuantity`` in UCUM, or for a meter's LO / HI its bound or its word; else None."""
    number = plain_number(value)
    quantity: dict[str, Any] = {"unit": unit, "system": UCUM, "code": unit}
    if isinstance(number, str) and number in OFF_SCALE:
        if loinc in GLUCOSE_CODES:
            comparator, bound = GLUCOSE_BOUNDS[number]
            return {"valueQuantity": {**quantity, "value": bound, "comparator": comparator}}
        return {"valueString": number}
    if isinstance(number, bool) or not isinstance(number, int | float):
        return None
    return {"valueQuantity": {**quantity, "value": number}}


def _off_scale(value: object) -> list[dict[str, Any]]:
    found = OFF_SCALE.get(str(plain_number(value)))
    if found is None:
        return []
    code, display = found
    return [{"coding": [{"system": INTERPRETATION, "code": code, "display": display}]}]


def interpretation(done: CompleteSection) -> list[dict[str, Any]]:
    """The section's level as HL7 normal / abnormal, then its class in this product's system."""
    if done.result.level is None or done.result.code is None:
        return []
    code, display = LEVEL_INTERPRETATION[Level(done.result.level)]
    return [
        {"coding": [{"system": INTERPRETATION, "code": code, "display": display}]},
        {
            "coding": [
                {
                    "system": CLASS_SYSTEM,
                    "code": f"{done.code}.{done.result.code}",
                    "display": class_text(done.code, done.result.code),
                }
            ],
            "text": f"{section_title(done.code)}: {class_text(done.code, done.result.code)}",
        },
    ]


def section_observations(ctx: VisitContext, done: CompleteSection) -> list[dict[str, Any]]:
    """One Observation per LOINC-coded numeric measure of a complete section."""
    kind = done.measures.get(KIND_MEASURE)
    codes = {m.loinc for m in done.measures.values() if m.loinc}
    out: list[dict[str, Any]] = []
    for measure in done.measures.values():
        if measure.loinc is None:
            continue
        code = (
            BY_KIND.get((measure.loinc, str(kind.value)), measure.loinc) if kind else measure.loinc
        )
        value = _value(measure.value, measure.unit, code)
        if value is None:
            continue
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "identifier": ctx.ident(observation_id(ctx.visit.key, done.code, measure.key)),
            "status": "final",
            "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": category_of(code)}]}],
            "code": {"coding": [loinc_coding(code)]},
            "subject": patient_reference(ctx.nik),
            "encounter": ctx.encounter_ref,
            "effectiveDateTime": ctx.when,
            "performer": [organization_reference(ctx.site)],
            **value,
        }
        # Weight and height are the inputs of a BMI the section reports: the class reads the BMI.
        inputs_of_bmi = BMI in codes and measure.loinc in BMI_INPUTS
        interpreted = _off_scale(measure.value) + ([] if inputs_of_bmi else interpretation(done))
        if interpreted:
            resource["interpretation"] = interpreted
        out.append(resource)
    return out
