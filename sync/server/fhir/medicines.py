"""Medicines given at a visit: the vitamin A capsule and the iron-folic acid tablets (TTD).

A capsule swallowed at the Posyandu is a MedicationAdministration; tablets handed over to take
at home are a MedicationDispense with their number. No KFA code is known here for either (the
playbook names medicines by KFA product codes), so each is named in this product's system with
its text (docs/satusehat.md). Only what was given is sent: "not given" (no capsule, 0 tablets)
and "not asked" send nothing. Pure.
"""

from __future__ import annotations

from typing import Any, Final

from screening.rules.ttd import TtdInput
from screening.rules.vitamin_a import VitaminAInput
from screening.words import section_title
from sync.server.fhir.codes import DRUG_FORM, MEDICINE_SYSTEM
from sync.server.fhir.identity import medicine_id, organization_reference, patient_reference
from sync.server.fhir.resources import VisitContext

VITAMIN_A: Final = "vitamin_a"
TTD: Final = "ttd"
CAPSULE: Final = "Kapsul vitamin A"


def _medicine(code: str, text: str) -> dict[str, Any]:
    return {"coding": [{"system": MEDICINE_SYSTEM, "code": code, "display": text}], "text": text}


def _given(ctx: VisitContext, resource_type: str, section: str, medicine: str) -> dict[str, Any]:
    return {
        "resourceType": resource_type,
        "identifier": ctx.ident(medicine_id(resource_type, ctx.visit.key, section)),
        "status": "completed",
        "medicationCodeableConcept": _medicine(section, medicine),
        "subject": patient_reference(ctx.nik),
        "context": ctx.encounter_ref,
    }


def vitamin_a(ctx: VisitContext) -> dict[str, Any] | None:
    """The capsule given at this visit, or None (not given, or not asked)."""
    done = ctx.sections.get(VITAMIN_A)
    if done is None or not isinstance(done.inputs, VitaminAInput) or done.inputs.today is not True:
        return None
    # R4 names no Organization among who gave a medicine: the Encounter's Puskesmas is it.
    resource = _given(ctx, "MedicationAdministration", VITAMIN_A, CAPSULE)
    resource["effectiveDateTime"] = ctx.when
    return resource


def ttd(ctx: VisitContext) -> dict[str, Any] | None:
    """The tablets handed over at this visit, or None (none given, or not asked)."""
    done = ctx.sections.get(TTD)
    if done is None or not isinstance(done.inputs, TtdInput) or not done.inputs.given:
        return None
    resource = _given(ctx, "MedicationDispense", TTD, section_title(TTD))
    resource["performer"] = [{"actor": organization_reference(ctx.site)}]
    resource["quantity"] = {
        "value": done.inputs.given,
        "unit": "Tablet",
        "system": DRUG_FORM,
        "code": "TAB",
    }
    resource["whenHandedOver"] = ctx.when
    return resource


def medicines(ctx: VisitContext) -> list[dict[str, Any]]:
    """The vitamin A capsule and the TTD tablets given at this visit, those that were."""
    return [r for r in (vitamin_a(ctx), ttd(ctx)) if r is not None]
