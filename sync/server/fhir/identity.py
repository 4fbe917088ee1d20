"""Who and what the exported resources name: identifiers, references and times (docs/satusehat.md).

Every identifier comes from the stable visit key (and per measure, the section and measure key)
under ``http://sys-ids.kemkes.go.id/<type>/{organization-ihs}``; each entry is a conditional
update on that identifier, so a re-sent or corrected resource keeps its identity. Pure.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sync.server.fhir.codes import IDENTIFIER_BASE, NIK_SYSTEM

_NAMESPACE = uuid.UUID("0f6b8f3e-8a51-4c55-9f7e-9d6a3c1b2e40")
# Identifier system path per resource type (the playbook's and its integrators' spelling).
SYSTEM_PATH = {
    "Encounter": "encounter",
    "Observation": "observation",
    "ServiceRequest": "servicerequest",
    "QuestionnaireResponse": "questionnaireresponse",
    "Immunization": "immunization",
    "MedicationAdministration": "medicationadministration",
    "MedicationDispense": "medicationdispense",
}
# SATUSEHAT refuses dates before this (res-encounter, res-observation; docs/satusehat.md).
EARLIEST = datetime(2014, 6, 3, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Site:
    """Where a visit took place in SATUSEHAT's terms: the Puskesmas, its Posyandu, the nakes."""

    organization_id: str
    location_id: str | None
    location_name: str
    practitioner_id: str | None
    practitioner_name: str


@dataclass(frozen=True, slots=True)
class ResourceId:
    """One resource's identity: its type and identifier value under the organisation's system."""

    resource_type: str
    value: str

    def system(self, organization_id: str) -> str:
        return f"{IDENTIFIER_BASE}/{SYSTEM_PATH[self.resource_type]}/{organization_id}"

    def token(self) -> str:
        """``Observation|<value>``: how the export log names it (the system is the export's)."""
        return f"{self.resource_type}|{self.value}"

    @staticmethod
    def from_token(token: str) -> ResourceId:
        resource_type, value = token.split("|", 1)
        return ResourceId(resource_type=resource_type, value=value)


def encounter_id(visit_key: str) -> ResourceId:
    return ResourceId("Encounter", visit_key)


def observation_id(visit_key: str, section: str, measure: str) -> ResourceId:
    return ResourceId("Observation", f"{visit_key}.{section}.{measure}")


def questionnaire_id(visit_key: str, section: str) -> ResourceId:
    return ResourceId("QuestionnaireResponse", f"{visit_key}.{section}")


def immunization_id(visit_key: str, dose: str) -> ResourceId:
    """One dose recorded at this visit: ``{visit key}.imunisasi.{dose}``."""
    return ResourceId("Immunization", f"{visit_key}.imunisasi.{dose}")


def medicine_id(resource_type: str, visit_key: str, section: str) -> ResourceId:
    """The medicine a section records as given at this visit: ``{visit key}.{section}``."""
    return ResourceId(resource_type, f"{visit_key}.{section}")


def referral_id(visit_key: str) -> ResourceId:
    return ResourceId("ServiceRequest", f"{visit_key}.rujukan")


def identifier(rid: ResourceId, organization_id: str) -> list[dict[str, str]]:
    return [{"use": "official", "system": rid.system(organization_id), "value": rid.value}]


def full_url(rid: ResourceId, organization_id: str) -> str:
    """The entry's ``urn:uuid``, the same for the same resource in every bundle."""
    name = f"{rid.system(organization_id)}|{rid.value}"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def conditional_url(rid: ResourceId, organization_id: str) -> str:
    return f"{rid.resource_type}?identifier={rid.system(organization_id)}|{rid.value}"


def patient_reference(nik: str) -> dict[str, Any]:
    """The patient by NIK: the receiver resolves it to the IHS number (no Patient is sent)."""
    return {
        "reference": f"Patient?identifier={NIK_SYSTEM}|{nik}",
        "identifier": {"system": NIK_SYSTEM, "value": nik},
    }


def organization_reference(site: Site) -> dict[str, str]:
    return {"reference": f"Organization/{site.organization_id}"}


def practitioner_reference(site: Site) -> dict[str, str] | None:
    if not site.practitioner_id:
        return None
    reference = {"reference": f"Practitioner/{site.practitioner_id}"}
    if site.practitioner_name:
        reference["display"] = site.practitioner_name
    return reference


def fhir_time(value: datetime) -> str:
    """``2025-03-10T02:15:00+00:00``: UTC to the second, as SATUSEHAT's rule 10132 asks.

    Never moved: a time ahead of the export is held back by the caller, not changed here.
    """
    return value.astimezone(UTC).replace(microsecond=0).isoformat()
