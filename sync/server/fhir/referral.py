"""The referral to the Puskesmas (a ServiceRequest) of a visit that a section refers.

Pure: built from the visit's context and the full URLs of its other resources in the bundle.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screening.rules.common import Level
from screening.words import level_text
from sync.server.fhir.codes import REFERRAL_CODE, REFERRAL_LEVELS, SNOMED
from sync.server.fhir.identity import organization_reference, patient_reference, referral_id
from sync.server.fhir.resources import VisitContext, interpretation


def referral(
    ctx: VisitContext,
    observations: Mapping[str, list[str]],
    answers: Mapping[str, list[str]],
) -> dict[str, Any] | None:
    """The referral to the Puskesmas when a section asks for one (level refer or urgent).

    ``observations`` and ``answers`` map each section to the full URLs of its Observations and
    QuestionnaireResponses in the bundle: the first are the reason (``reasonReference`` takes
    Observations), the second its support. The classes of the referring sections are its
    ``reasonCode`` where they may be sent (`codes.UNCODED`).
    """
    level = ctx.visit.level
    if level is None or Level(level) not in REFERRAL_LEVELS:
        return None
    referring = [
        done
        for done in ctx.sections.values()
        if done.result.level is not None and Level(done.result.level) in REFERRAL_LEVELS
    ]
    code, display = REFERRAL_CODE
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "identifier": ctx.ident(referral_id(ctx.visit.key)),
        "status": "active",
        "intent": "proposal",
        "priority": "urgent" if Level(level) is Level.URGENT else "routine",
        "code": {
            "coding": [{"system": SNOMED, "code": code, "display": display}],
            "text": level_text(level),
        },
        "subject": patient_reference(ctx.nik),
        "encounter": ctx.encounter_ref,
        "authoredOn": ctx.when,
        "requester": organization_reference(ctx.site),
        "performer": [organization_reference(ctx.site)],
    }
    # The referring sections' classes, where they may be sent (a life-cycle class has no code).
    classes = [reason for done in referring for reason in interpretation(done)[1:]]
    if classes:
        resource["reasonCode"] = classes
    reasons = [url for done in referring for url in observations.get(done.code, [])]
    if reasons:
        resource["reasonReference"] = [{"reference": url} for url in reasons]
    support = [url for done in referring for url in answers.get(done.code, [])]
    if support:
        resource["supportingInfo"] = [{"reference": url} for url in support]
    return resource
