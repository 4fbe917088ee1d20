"""A FHIR export for SATUSEHAT: the visits of a period, or what changed since an earlier export.

Each visit's resources are compared with what earlier exports sent (kept in `state`): a visit
whose resources are unchanged is left out of a "changes" export; a resource an earlier version
sent and the current one no longer has, and every resource of a voided visit, go out marked
``entered-in-error``; a visit that cannot be sent yet is held back and counted, never altered.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlmodel import Session

from sync.server.aggregates.facts import VisitFact
from sync.server.fhir import state, visits
from sync.server.fhir.entries import (
    Built,
    build,
    digest,
    entered_in_error,
    entry,
    held_reason,
    transaction,
)
from sync.server.fhir.identity import ResourceId, Site
from sync.server.fhir.sites import SatusehatIds, load_ids
from sync.server.models import FhirExport, FhirSent
from sync.server.times import utc

Mode = Literal["periode", "perubahan"]


class NotConfiguredError(Exception):
    """The Puskesmas has no Organization IHS id yet: no identifier system can be named."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    mode: Mode
    made_by: str
    area: str | None = None
    start: date | None = None
    end: date | None = None
    since_id: int | None = None


@dataclass
class ExportResult:
    bundle: dict[str, Any]
    export_id: int
    counts: dict[str, Any] = field(default_factory=dict)


def _candidates(
    session: Session, request: ExportRequest, ids: SatusehatIds, since: FhirExport | None
) -> dict[str, VisitFact]:
    if request.mode == "periode":
        assert request.start is not None and request.end is not None
        found = visits.current_visits(
            session=session, area=request.area, recorded_from=request.start
        )
        return {
            key: v
            for key, v in found.items()
            if request.start <= v.measured_at.date() <= request.end
        }
    if since is None:
        return visits.current_visits(session=session, area=request.area)
    whole, places = ids.changed_since(utc(since.made_at))
    if whole:
        return visits.current_visits(session=session, area=request.area)
    assert since.id is not None
    earlier = state.states_as_of(session, organization_id=since.organization_id, up_to=since.id)
    held = [key for key, s in earlier.items() if s.state == state.HELD]
    return visits.current_visits(
        session=session,
        area=request.area,
        after_seq=since.seq_mark,
        places=sorted(places),
        keys=held,
    )


def _retractions(
    session: Session, visit: VisitFact, tokens: set[str], nik: str, site: Site
) -> list[dict[str, Any]]:
    """The resources named by ``tokens``, as the latest version that had them, withdrawn."""
    wanted = {ResourceId.from_token(t) for t in tokens}
    found: dict[ResourceId, dict[str, Any]] = {}
    for version in [visit, *visits.all_versions(session=session, key=visit.key)]:
        for rid, resource in build(visit=version, nik=nik, site=site).resources.items():
            if rid in wanted and rid not in found:
                found[rid] = entered_in_error(resource)
        if len(found) == len(wanted):
            break
    return [found[rid] for rid in sorted(found, key=lambda r: (r.resource_type, r.value))]


def make_export(session: Session, request: ExportRequest, *, now: datetime) -> ExportResult:
    """Build the bundle and record what it says of each visit.

    Raises:
        NotConfiguredError: no Organization IHS id is configured.
        LookupError: the "changes since" export is not one of this area's "changes" exports.
    """
    ids = load_ids(session)
    org = ids.organization_id
    if not org:
        raise NotConfiguredError
    seq_mark = visits.max_seq(session)
    since = None
    if request.mode == "perubahan":
        since = state.since_point(
            session, organization_id=org, area=request.area, export_id=request.since_id
        )
    candidates = _candidates(session, request, ids, since)
    keys = sorted(candidates)
    baseline = (
        state.states_as_of(session, organization_id=org, up_to=since.id, keys=keys)
        if since is not None and since.id is not None
        else {}
    )
    ever = state.ever_sent(session, organization_id=org, keys=keys)
    nik_of = visits.niks(session=session, person_ids=[v.person_id for v in candidates.values()])
    entries: list[dict[str, Any]] = []
    rows: list[FhirSent] = []
    counts: Counter[str] = Counter()
    ordered = sorted(candidates.values(), key=lambda v: (v.measured_utc, v.key))
    for visit in ordered:
        site = ids.site(visit.area, visit.posyandu)
        assert site is not None
        nik = nik_of.get(visit.person_id)
        sent_before = ever.get(visit.key, set())
        retracting = visit.voided or not visit.screened
        if retracting and not sent_before:
            continue
        reason = held_reason(visit=visit, nik=nik, site=site, now=now, retracting=retracting)
        if reason is not None:
            counts[f"ditahan_{reason}"] += 1
            rows.append(
                FhirSent(
                    visit_key=visit.key,
                    export_id=0,
                    area=visit.area,
                    state=state.HELD,
                    resources=[],
                )
            )
            continue
        assert nik is not None
        built = Built(resources={}) if retracting else build(visit=visit, nik=nik, site=site)
        if not built.resources and not sent_before:
            continue
        gone = sent_before - set(built.tokens)
        withdrawn = _retractions(session, visit, gone, nik, site) if gone else []
        live = list(built.resources.values())
        visit_digest = digest(live + withdrawn)
        before = baseline.get(visit.key)
        if before is not None and before.digest == visit_digest and before.state != state.HELD:
            continue
        entries += [entry(r, org) for r in live + withdrawn]
        counts["kunjungan" if live else "kunjungan_ditarik"] += 1
        counts["sumber_daya"] += len(live)
        if withdrawn:
            counts["entered_in_error"] += len(withdrawn)
        rows.append(
            FhirSent(
                visit_key=visit.key,
                export_id=0,
                area=visit.area,
                state=state.SENT if live else state.RETRACTED,
                digest=visit_digest,
                resources=sorted(set(built.tokens) | gone),
            )
        )
    export = FhirExport(
        made_at=now,
        made_by=request.made_by,
        mode=request.mode,
        since_id=since.id if since is not None else None,
        start=request.start if request.mode == "periode" else None,
        end=request.end if request.mode == "periode" else None,
        area=request.area,
        organization_id=org,
        seq_mark=seq_mark,
        counts=dict(counts),
    )
    export_id = state.record(session, export=export, rows=rows)
    return ExportResult(
        bundle=transaction(entries, now=now), export_id=export_id, counts=dict(counts)
    )
