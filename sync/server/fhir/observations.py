"""The Observations of a visit's complete sections: coded measures, growth z-scores, weight trend.

Read generically from each section's own ``measures``, so a new section needs nothing here:

- a measure with a LOINC code (its rule's, the more specific one its ``kind`` gives, or the
  general one `codes.BY_MEASURE` names) is one Observation of its value in UCUM; a length or
  height says how it was measured (lying or standing) where the section records it;
- a WHO z-score is one Observation under this product's growth-index system (no LOINC code for
  it is known here), classified by its own index and derived from the measures it was computed
  from;
- the weight trend (N / T / 2T / O / B) is one Observation whose value is its class.

A section that was asked but is not complete is not here at all (only complete sections are
read): "not asked" is never sent as a negative result. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kader_app.core.rules.growth_balita import BANDS
from kader_app.core.rules.section import Measure
from kader_app.core.words import section_title
from sync.server.fhir.codes import (
    BMI,
    BMI_INPUTS,
    BODY_POSITION,
    BODY_POSITION_URL,
    BY_KIND,
    BY_MEASURE,
    GROWTH_INDEX_SYSTEM,
    GROWTH_TREND_SYSTEM,
    KIND_MEASURE,
    LENGTH_CODES,
    OBSERVATION_CATEGORY,
    SNOMED,
    UCUM,
    Z_INPUTS,
    Z_SCORES,
    category_of,
    loinc_coding,
)
from sync.server.fhir.identity import observation_id, organization_reference, patient_reference
from sync.server.fhir.resources import (
    VisitContext,
    class_concept,
    classified,
    interpretation,
    level_interpretation,
    off_scale,
    quantity_value,
)
from sync.server.sections import CompleteSection

TREND_SECTION = "tren_bb"
GROWTH_SECTION = "antropometri_balita"


def _observation(
    ctx: VisitContext, done: CompleteSection, key: str, *, category: str, code: dict[str, Any]
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "identifier": ctx.ident(observation_id(ctx.visit.key, done.code, key)),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": category}]}],
        "code": code,
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


def measure_observations(ctx: VisitContext, done: CompleteSection) -> dict[str, dict[str, Any]]:
    """Measure key → its Observation, for each LOINC-coded numeric measure of the section.

    The section's class interprets what it classifies: a BMI the section reports, not the
    weight and height it comes from; a z-score, not the measures it comes from.
    """
    codes = {loinc_of(done, m) for m in done.measures.values()}
    graded = any(key in Z_SCORES for key in done.measures)
    out: dict[str, dict[str, Any]] = {}
    for measure in done.measures.values():
        code = loinc_of(done, measure)
        value = None if code is None else quantity_value(measure.value, measure.unit, code)
        if code is None or value is None:
            continue
        resource = _observation(
            ctx,
            done,
            measure.key,
            category=category_of(code),
            code={"coding": [loinc_coding(code)]},
        )
        resource.update(value)
        position = position_extension(done, code)
        if position:
            resource["extension"] = position
        inputs_only = graded or (BMI in codes and code in BMI_INPUTS)
        interpreted = off_scale(measure.value) + ([] if inputs_only else interpretation(done))
        if interpreted:
            resource["interpretation"] = interpreted
        out[measure.key] = resource
    return out


def _index_class(done: CompleteSection, index: str) -> list[dict[str, Any]]:
    """The index's own class (``{index}_class``, its level from the class table as stored).

    A section with one index (IMT/U) classifies it as the section's class.
    """
    code = done.result.values.get(f"{index}_class")
    if not isinstance(code, str):
        return interpretation(done)
    level = next((b.level for b in BANDS.get(index, ()) if b.code == code), None)
    return classified(done.code, code, level)


def z_observations(
    ctx: VisitContext, done: CompleteSection, measured: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One Observation per WHO z-score; ``measured`` maps measure keys to their full URLs."""
    out: list[dict[str, Any]] = []
    for key, (index, words) in Z_SCORES.items():
        measure = done.measures.get(key)
        value = None if measure is None else quantity_value(measure.value, measure.unit, "")
        if measure is None or value is None:
            continue
        code = {"coding": [{"system": GROWTH_INDEX_SYSTEM, "code": key, "display": words}]}
        resource = _observation(ctx, done, key, category="exam", code={**code, "text": words})
        resource.update(value)
        interpreted = _index_class(done, index)
        if interpreted:
            resource["interpretation"] = interpreted
        sources = [measured[k] for k in Z_INPUTS[index] if k in measured]
        if sources:
            resource["derivedFrom"] = [{"reference": url} for url in sources]
        out.append(resource)
    return out


def _grams(code: str, display: str, grams: object) -> dict[str, Any]:
    return {
        "code": {"coding": [{"system": GROWTH_TREND_SYSTEM, "code": code, "display": display}]},
        "valueQuantity": {"value": grams, "unit": "g", "system": UCUM, "code": "g"},
    }


def trend_observation(ctx: VisitContext, done: CompleteSection) -> dict[str, Any] | None:
    """The weight trend as its class, with the gain and the minimum gain (KBM) when N or T."""
    if done.result.code is None or done.result.level is None:
        return None
    title = section_title(done.code)
    code = {"coding": [{"system": GROWTH_TREND_SYSTEM, "code": "tren", "display": title}]}
    resource = _observation(ctx, done, "trend", category="exam", code={**code, "text": title})
    resource["valueCodeableConcept"] = class_concept(done.code, done.result.code)
    resource["interpretation"] = [level_interpretation(done.result.level)]
    values = done.result.values
    parts = [
        _grams(key, display, values[key])
        for key, display in (
            ("gain_g", "Kenaikan berat badan"),
            ("kbm_g", "Kenaikan minimal (KBM)"),
        )
        if isinstance(values.get(key), int) and not isinstance(values.get(key), bool)
    ]
    if parts:
        resource["component"] = parts
    growth = ctx.sections.get(GROWTH_SECTION)
    if growth is not None and "weight_kg" in growth.measures:
        weight = ctx.url(observation_id(ctx.visit.key, GROWTH_SECTION, "weight_kg"))
        resource["derivedFrom"] = [{"reference": weight}]
    return resource


def section_observations(ctx: VisitContext, done: CompleteSection) -> list[dict[str, Any]]:
    """Every Observation of one complete section, in the order of its measures."""
    if done.code == TREND_SECTION:
        trend = trend_observation(ctx, done)
        return [] if trend is None else [trend]
    measured = measure_observations(ctx, done)
    urls = {key: ctx.url(observation_id(ctx.visit.key, done.code, key)) for key in measured}
    return [*measured.values(), *z_observations(ctx, done, urls)]
