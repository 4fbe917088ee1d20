"""The Observations of a visit's complete sections: one per LOINC-coded measure.

Read generically from each section's own ``measures``, so a new section needs nothing here: a
measure with a LOINC code (its rule's, the more specific one its ``kind`` gives, or the general
one `codes.BY_MEASURE` names) is one Observation of its value in UCUM; a length or height says
how it was measured (lying or standing) where the section records it. A measure without one (a
WHO z-score) stays in the tables. The section's class interprets its measures only where classes
may be sent (`codes.UNCODED`, LIFECYCLE_RULES §j); a meter's LO / HI is always said.

A section that was asked but is not complete is not here at all (only complete sections are
read): "not asked" is never sent as a negative result. Pure.
"""

from __future__ import annotations

from typing import Any

from screening.rules.section import Measure
from sync.server.fhir.codes import (
    BMI,
    BMI_INPUTS,
    BODY_POSITION,
    BODY_POSITION_URL,
    BY_KIND,
    BY_MEASURE,
    KIND_MEASURE,
    LENGTH_CODES,
    OBSERVATION_CATEGORY,
    SNOMED,
    category_of,
    loinc_coding,
)
from sync.server.fhir.identity import observation_id, organization_reference, patient_reference
from sync.server.fhir.resources import VisitContext, interpretation, off_scale, quantity_value
from sync.server.sections import CompleteSection


def _observation(ctx: VisitContext, done: CompleteSection, key: str, code: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "identifier": ctx.ident(observation_id(ctx.visit.key, done.code, key)),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": category_of(code)}]}],
        "code": {"coding": [loinc_coding(code)]},
        "subject": patient_reference(ctx.nik),
        "encounter": ctx.encounter_ref,
        "effectiveDateTime": ctx.when,
        "performer": [organization_reference(ctx.site)],
    }


def loinc_of(done: CompleteSection, measure: Measure) -> str | None:
    """The LOINC code a measure is sent under, or None (it stays in the tables)."""
    code = measure.loinc or BY_MEASURE.get((done.code, measure.key))
    kind = done.measures.get(KIND_MEASURE)
    if code is not None and kind is not None:
        code = BY_KIND.get((code, str(kind.value)), code)
    return code


def position_extension(done: CompleteSection, code: str) -> list[dict[str, Any]]:
    """How a length or height was measured, when the section records it (else nothing)."""
    found = BODY_POSITION.get(str(getattr(done.inputs, "position", None)))
    if code not in LENGTH_CODES or found is None:
        return []
    coding = {"system": SNOMED, "code": found[0], "display": found[1]}
    return [{"url": BODY_POSITION_URL, "valueCodeableConcept": {"coding": [coding]}}]


def section_observations(ctx: VisitContext, done: CompleteSection) -> list[dict[str, Any]]:
    """One Observation per LOINC-coded numeric measure of the section, in its measures' order.

    The section's class interprets what it classifies: a BMI the section reports, not the
    weight and height it comes from.
    """
    codes = {loinc_of(done, m) for m in done.measures.values()}
    out: list[dict[str, Any]] = []
    for measure in done.measures.values():
        code = loinc_of(done, measure)
        value = None if code is None else quantity_value(measure.value, measure.unit, code)
        if code is None or value is None:
            continue
        resource = _observation(ctx, done, measure.key, code)
        resource.update(value)
        position = position_extension(done, code)
        if position:
            resource["extension"] = position
        inputs_only = BMI in codes and code in BMI_INPUTS
        interpreted = off_scale(measure.value) + ([] if inputs_only else interpretation(done))
        if interpreted:
            resource["interpretation"] = interpreted
        out.append(resource)
    return out
