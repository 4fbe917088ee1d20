"""The immunisation doses recorded at a visit, as Immunization resources (docs/satusehat.md).

The imunisasi section's inputs hold the doses recorded at earlier visits (``earlier``, carried)
beside those entered at this one (``given``: today's, or read from the KIA book). Only the
doses entered at this visit become Immunizations, each under ``{visit key}.imunisasi.{dose}``:
a dose an earlier visit recorded is that visit's resource, so nothing is sent twice, and a
correction that removes a dose withdraws exactly that one.

The vaccine goes out as SATUSEHAT's Immunization page asks for a dose without its product: the
CVX group where the playbook prints it, the CVX name, and the ILP antigen in this product's
system; ``reasonCode`` says basic or booster, and on time or catch-up by the section's own rule
(docs/satusehat.md). Pure.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from screening.rules.common import RuleInputError
from screening.rules.imunisasi import SCHEDULE, ImunisasiInput, immunisation_status
from screening.words import item_text
from sync.server.fhir.codes import (
    BASIC,
    BOOSTER,
    CATCH_UP,
    CVX,
    IMMUNIZATION_ORIGIN,
    IMMUNIZATION_REASON,
    IMMUNIZATION_TIMING,
    KFA,
    ON_TIME,
    VACCINE_CVX,
    VACCINE_GROUP,
    VACCINE_SYSTEM,
)
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
DOSE_MONTH: Final = {dose: months for dose, _, months, *_ in SCHEDULE}
LATE: Final = frozenset({"overdue", "missed"})


def vaccine_code(antigen: str) -> dict[str, Any]:
    """The CVX group (where known), the CVX name, then the ILP antigen, with its words."""
    text = item_text(SECTION, antigen)
    coding: list[dict[str, str]] = []
    for system, found in ((KFA, VACCINE_GROUP.get(antigen)), (CVX, VACCINE_CVX.get(antigen))):
        if found is not None:
            coding.append({"system": system, "code": found[0], "display": found[1]})
    coding.append({"system": VACCINE_SYSTEM, "code": antigen, "display": text})
    return {"coding": coding, "text": text}


def late(inputs: ImunisasiInput, dose: str, given: date, birth: date) -> bool | None:
    """Whether the rules called this dose overdue (or missed) on the day it was given.

    Read from the doses recorded before it; None when that record cannot be read.
    """
    antigen = DOSE_SERIES[dose][0]
    order = list(DOSE_SERIES)
    before = {
        other: on
        for other, on in inputs.doses().items()
        if other != dose
        and on <= given
        and not (DOSE_SERIES[other][0] == antigen and order.index(other) > order.index(dose))
    }
    try:
        status = immunisation_status(
            before, birth_date=birth, on=given, je_endemic=inputs.je_endemic
        )
    except RuleInputError:
        return None
    return status.antigens.get(antigen) in LATE


def _concept(system: str, code_display: tuple[str, str]) -> dict[str, Any]:
    code, display = code_display
    return {"coding": [{"system": system, "code": code, "display": display}]}


def reasons(
    inputs: ImunisasiInput, dose: str, given: date, birth: date | None
) -> list[dict[str, Any]]:
    """Basic or booster (by the schedule's month), then on time or catch-up (when readable)."""
    out = [_concept(IMMUNIZATION_REASON, BASIC if DOSE_MONTH[dose] < 12 else BOOSTER)]
    was_late = None if birth is None else late(inputs, dose, given, birth)
    if was_late is not None:
        out.append(_concept(IMMUNIZATION_TIMING, CATCH_UP if was_late else ON_TIME))
    return out


def new_doses(inputs: ImunisasiInput) -> dict[str, date]:
    """The doses entered at this visit that no earlier visit recorded, in schedule order."""
    return {
        dose: inputs.given[dose]
        for dose in DOSE_SERIES
        if dose in inputs.given and dose not in inputs.earlier
    }


def immunization(
    ctx: VisitContext, inputs: ImunisasiInput, dose: str, given: date
) -> dict[str, Any]:
    """One dose: given at this Posyandu today, or copied from the KIA book (an earlier date)."""
    payload = ctx.visit.payload
    assert payload is not None
    antigen, number, doses = DOSE_SERIES[dose]
    today = given == payload.measured_on
    resource: dict[str, Any] = {
        "resourceType": "Immunization",
        "identifier": ctx.ident(immunization_id(ctx.visit.key, dose)),
        "status": "completed",
        "vaccineCode": vaccine_code(antigen),
        "patient": patient_reference(ctx.nik),
        "encounter": ctx.encounter_ref,
        # Today's dose at the visit's moment; a dose from the KIA book has a day, not an hour.
        "occurrenceDateTime": ctx.when if today else given.isoformat(),
        "recorded": ctx.when,
        "primarySource": today,
        "performer": [{"actor": organization_reference(ctx.site)}],
        "reasonCode": reasons(inputs, dose, given, payload.subject.birth_date),
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
        immunization(ctx, done.inputs, dose, given)
        for dose, given in new_doses(done.inputs).items()
        if given >= EARLIEST.date()
    ]
