"""What every resource of one screened visit shares, and its Encounter, as JSON dicts.

The visit's context (the visit, its complete sections, the NIK, the site), the Encounter, and
the pieces the other resources are made of: values in UCUM, a class and its level as an
interpretation (for the sections whose classes may be sent). Texts come from
`screening.words`. Pure: no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from screening.rules.common import Level
from screening.rules.glucose import GLUCOSE_RANGE_MG_DL
from screening.words import class_text, section_title
from sync.server.aggregates.facts import VisitFact
from sync.server.fhir.codes import (
    ACT_CODE,
    CLASS_SYSTEM,
    INTERPRETATION,
    LEVEL_INTERPRETATION,
    MEASURED_ZONE_URL,
    PARTICIPATION,
    PLACE_CLASS,
    RECORDED_BY_URL,
    UCUM,
    sends_class,
)
from sync.server.fhir.identity import (
    ResourceId,
    Site,
    encounter_id,
    fhir_time,
    full_url,
    identifier,
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

    @property
    def location_ref(self) -> dict[str, str]:
        """The Posyandu as SATUSEHAT knows it (a visit without a Location id is held back)."""
        return {
            "reference": f"Location/{self.site.location_id}",
            "display": self.site.location_name,
        }


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
        "location": [{"location": ctx.location_ref}],
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


def quantity_value(value: object, unit: str, loinc: str) -> dict[str, Any] | None:
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


def off_scale(value: object) -> list[dict[str, Any]]:
    found = OFF_SCALE.get(str(plain_number(value)))
    if found is None:
        return []
    code, display = found
    return [{"coding": [{"system": INTERPRETATION, "code": code, "display": display}]}]


def level_interpretation(level: Level | str) -> dict[str, Any]:
    """A screening level as HL7 normal / abnormal (a kader's class says whether, not which way)."""
    code, display = LEVEL_INTERPRETATION[Level(level)]
    return {"coding": [{"system": INTERPRETATION, "code": code, "display": display}]}


def class_concept(section_code: str, class_code: str) -> dict[str, Any]:
    """A class the rules gave, in this product's system (``{section}.{class}``), with its words."""
    words = class_text(section_code, class_code)
    return {
        "coding": [
            {"system": CLASS_SYSTEM, "code": f"{section_code}.{class_code}", "display": words}
        ],
        "text": f"{section_title(section_code)}: {words}",
    }


def interpretation(done: CompleteSection) -> list[dict[str, Any]]:
    """The section's level as HL7 normal / abnormal, then its class in this product's system.

    Nothing for a section whose classes have no code (`codes.UNCODED`, LIFECYCLE_RULES §j).
    """
    level, code = done.result.level, done.result.code
    if level is None or code is None or not sends_class(done.code):
        return []
    return [level_interpretation(level), class_concept(done.code, code)]
