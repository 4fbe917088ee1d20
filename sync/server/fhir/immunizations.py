"""The immunisation doses recorded at a visit, as Immunization resources (docs/satusehat.md).

The imunisasi section's inputs hold the doses recorded at earlier visits (``earlier``, carried)
beside those entered at this one (``given``: today's, or read from the KIA book). Only the
doses entered at this visit become Immunizations, each under ``{visit key}.imunisasi.{dose}``:
a dose an earlier visit recorded is that visit's resource, so nothing is sent twice, and a
correction that removes a dose withdraws exactly that one. Pure.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from kader_app.core.rules.imunisasi import SCHEDULE, ImunisasiInput
from kader_app.core.words import item_text
from sync.server.fhir.codes import IMMUNIZATION_ORIGIN, VACCINE_SYSTEM
from sync.server.fhir.identity import (
    EARLIEST,
    immunization_id,
    organization_reference,
    patient_reference,
)
from sync.server.fhir.resources import VisitContext

SECTION: Final = "imunisasi"
SERIES: Final = "Imunisasi rutin (ILP)"
"""The schedule the doses are counted in (ILP klaster 2, LIFECYCLE_RULES §g)."""


def _series() -> dict[str, tuple[str, int, int]]:
    """Dose → (antigen, its number in the antigen's series, doses in the series)."""
    counts: dict[str, int] = {}
    numbered: dict[str, tuple[str, int]] = {}
    for dose, antigen, *_ in SCHEDULE:
        counts[antigen] = counts.get(antigen, 0) + 1
        numbered[dose] = (antigen, counts[antigen])
    return {dose: (antigen, n, counts[antigen]) for dose, (antigen, n) in numbered.items()}


DOSE_SERIES: Final = _series()


def new_doses(inputs: ImunisasiInput) -> dict[str, date]:
    """The doses entered at this visit that no earlier visit recorded, in schedule order."""
    return {
        dose: inputs.given[dose]
        for dose in DOSE_SERIES
        if dose in inputs.given and dose not in inputs.earlier
    }


def immunization(ctx: VisitContext, dose: str, given: date) -> dict[str, Any]:
    """One dose: given at this Posyandu today, or copied from the KIA book (an earlier date)."""
    assert ctx.visit.payload is not None
    antigen, number, doses = DOSE_SERIES[dose]
    vaccine = item_text(SECTION, antigen)
    today = given == ctx.visit.payload.measured_on
    resource: dict[str, Any] = {
        "resourceType": "Immunization",
        "identifier": ctx.ident(immunization_id(ctx.visit.key, dose)),
        "status": "completed",
        "vaccineCode": {
            "coding": [{"system": VACCINE_SYSTEM, "code": antigen, "display": vaccine}],
            "text": vaccine,
        },
        "patient": patient_reference(ctx.nik),
        "encounter": ctx.encounter_ref,
        # Today's dose at the visit's moment; a dose from the KIA book has a day, not an hour.
        "occurrenceDateTime": ctx.when if today else given.isoformat(),
        "recorded": ctx.when,
        "primarySource": today,
        "performer": [{"actor": organization_reference(ctx.site)}],
        "protocolApplied": [
            {"series": SERIES, "doseNumberPositiveInt": number, "seriesDosesPositiveInt": doses}
        ],
    }
    if today:
        resource["location"] = ctx.location_ref
    else:
        resource["reportOrigin"] = {
            "coding": [
                {"system": IMMUNIZATION_ORIGIN, "code": "record", "display": "Written Record"}
            ],
            "text": "Buku KIA",
        }
    return resource


def immunizations(ctx: VisitContext) -> list[dict[str, Any]]:
    """The Immunizations of the doses entered at this visit (none when only reviewed)."""
    done = ctx.sections.get(SECTION)
    if done is None or not isinstance(done.inputs, ImunisasiInput):
        return []
    return [
        immunization(ctx, dose, given)
        for dose, given in new_doses(done.inputs).items()
        if given >= EARLIEST.date()
    ]
