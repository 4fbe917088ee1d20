"""One visit as transaction entries, and why a visit cannot be sent yet.

Each resource is a conditional update on its own identifier, or the same resource marked
``entered-in-error``.

Pure: the caller passes the facts, the site and the moment of the export.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from screening.rules.registry import section
from sync.server.aggregates.facts import VisitFact
from sync.server.fhir.identity import EARLIEST, ResourceId, Site, conditional_url, full_url
from sync.server.fhir.immunizations import immunizations
from sync.server.fhir.medicines import medicines
from sync.server.fhir.observations import section_observations
from sync.server.fhir.questionnaires import questionnaire_responses
from sync.server.fhir.referral import referral
from sync.server.fhir.resources import VisitContext, encounter
from sync.server.sections import readable_sections

HELD_REASONS = ("tanpa_nik", "waktu_di_depan", "sebelum_2014", "tanpa_lokasi", "tanpa_nakes")


@dataclass(frozen=True, slots=True)
class Built:
    """A visit's resources, in bundle order, by identity."""

    resources: Mapping[ResourceId, dict[str, Any]]

    @property
    def tokens(self) -> list[str]:
        return [rid.token() for rid in self.resources]


def rid_of(resource: Mapping[str, Any]) -> ResourceId:
    found = resource["identifier"]
    first = found[0] if isinstance(found, list) else found
    return ResourceId(resource_type=str(resource["resourceType"]), value=str(first["value"]))


def held_reason(
    *, visit: VisitFact, nik: str | None, site: Site, now: datetime, retracting: bool = False
) -> str | None:
    """Why this visit cannot go to SATUSEHAT now (a code of ``HELD_REASONS``), or None.

    A time ahead of the export is never moved to "now": the visit waits for a later export.
    """
    if not nik:
        return "tanpa_nik"
    if not retracting and visit.measured_utc > now:
        return "waktu_di_depan"
    if not retracting and visit.measured_utc < EARLIEST:
        return "sebelum_2014"
    if not site.location_id:
        return "tanpa_lokasi"
    if not site.practitioner_id:
        return "tanpa_nakes"
    return None


def build(*, visit: VisitFact, nik: str, site: Site) -> Built:
    """Every resource of a screened visit's complete sections (nothing for an unscreened one)."""
    if visit.payload is None:
        return Built(resources={})
    sections = readable_sections(visit.payload)
    if not sections:
        return Built(resources={})
    ctx = VisitContext(visit=visit, sections=sections, nik=nik, site=site)
    found: list[dict[str, Any]] = [encounter(ctx)]
    measured: dict[str, list[str]] = {}
    for code in sorted(ctx.sections, key=lambda c: section(c).order):
        made = section_observations(ctx, ctx.sections[code])
        found += made
        measured[code] = [ctx.url(rid_of(r)) for r in made]
    answered: dict[str, list[str]] = {}
    for code, response in questionnaire_responses(ctx).items():
        found.append(response)
        answered[code] = [ctx.url(rid_of(response))]
    found += immunizations(ctx) + medicines(ctx)
    asked = referral(ctx, measured, answered)
    if asked is not None:
        found.append(asked)
    return Built(resources={rid_of(r): r for r in found})


def entered_in_error(resource: Mapping[str, Any]) -> dict[str, Any]:
    """The same resource, withdrawn: SATUSEHAT keeps it, marked as recorded in error."""
    withdrawn = copy.deepcopy(dict(resource))
    withdrawn["status"] = "entered-in-error"
    return withdrawn


def entry(resource: Mapping[str, Any], organization_id: str) -> dict[str, Any]:
    rid = rid_of(resource)
    return {
        "fullUrl": full_url(rid, organization_id),
        "resource": dict(resource),
        "request": {"method": "PUT", "url": conditional_url(rid, organization_id)},
    }


def digest(resources: Iterable[Mapping[str, Any]]) -> str:
    """One hash of what a visit sends: equal when nothing a receiver would see has changed."""
    text = json.dumps(list(resources), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def transaction(entries: list[dict[str, Any]], *, now: datetime) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "timestamp": now.astimezone(UTC).replace(microsecond=0).isoformat(),
        "entry": entries,
    }
