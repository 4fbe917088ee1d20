"""Helpers for the SATUSEHAT tests: configure the ids and export through the dashboard's HTTP
forms, validate a bundle with fhir.resources (R4B models) and check it against SATUSEHAT's rules.

Test support only. `satusehat_problems` lists every rule a bundle breaks (empty when none), as
docs/satusehat.md states them, LIFECYCLE_RULES §j among them (no class, level or z-score of a
life-cycle section: `life_cycle_problems`).
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import httpx
from dashboard_site import csrf_of
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

ORG = "10000004"
NAKES = "N10000001"
NIK_SYSTEM = "https://fhir.kemkes.go.id/id/nik"
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
PATIENT_BY_NIK = re.compile(r"^Patient\?identifier=https://fhir\.kemkes\.go\.id/id/nik\|\d{16}$")
DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
SYSTEM_PATH = {
    "Encounter": "encounter",
    "Observation": "observation",
    "ServiceRequest": "servicerequest",
    "QuestionnaireResponse": "questionnaireresponse",
    "Immunization": "immunization",
    "MedicationAdministration": "medicationadministration",
    "MedicationDispense": "medicationdispense",
}
# Where each resource type names its patient and its encounter.
PATIENT_FIELD = {"Immunization": "patient"}
ENCOUNTER_FIELD = {"MedicationAdministration": "context", "MedicationDispense": "context"}
LOINC = "http://loinc.org"
CLASS_SYSTEM = "urn:posyandu-kader:kelas-skrining"
OFF_SCALE = frozenset({"<", ">"})
# LIFECYCLE_RULES §j: the classes and z-scores of these sections are not sent (no code exists).
LIFE_CYCLE = frozenset(
    {
        "antropometri_balita",
        "imt_u",
        "tren_bb",
        "lila_balita",
        "lila_hamil",
        "tensi_hamil",
        "tanda_bahaya_hamil",
        "ttd",
        "anemia",
        "tensi_anak",
        "adl",
        "skilas",
        "imunisasi",
        "vitamin_a",
    }
)
# Who did it, as ``performer`` holds it: the Puskesmas itself, or as the actor of a performer
# (R4 allows no Organization as the performer of a MedicationAdministration: none is sent).
ACTOR_PERFORMED = frozenset({"Immunization", "MedicationDispense"})


def configure(
    client: httpx.Client, *, area: str, posyandu: Iterable[str], org: str = ORG
) -> dict[str, str]:
    """The Puskesmas' ids and a Location id for each Posyandu of ``area``, saved by form."""
    token = csrf_of(client.get("/dashboard/satusehat").text)
    saved = client.post(
        "/dashboard/satusehat/puskesmas",
        data={
            "csrf_token": token,
            "organization_id": org,
            "practitioner_id": NAKES,
            "practitioner_name": "Bidan Ani",
        },
    )
    assert saved.status_code == 303 and "tersimpan" in saved.headers["location"]
    locations = {}
    for name in posyandu:
        locations[name] = str(uuid.uuid4())
        answer = client.post(
            "/dashboard/satusehat/posyandu",
            data={
                "csrf_token": token,
                "area": area,
                "posyandu": name,
                "location_id": locations[name],
            },
        )
        assert answer.status_code == 303 and "tersimpan" in answer.headers["location"]
    return locations


def fhir_export(client: httpx.Client, **form: str) -> httpx.Response:
    """POST the exports page's FHIR form (``mode``, ``desa``, ``dari``, ``sampai``, ``sejak``)."""
    token = csrf_of(client.get("/dashboard/ekspor").text)
    return client.post("/dashboard/ekspor/fhir", data={"csrf_token": token, **form})


def fhir_bundle(client: httpx.Client, **form: str) -> dict[str, Any]:
    answer = fhir_export(client, **form)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/fhir+json")
    bundle: dict[str, Any] = answer.json()
    return bundle


def validate_r4(bundle: dict[str, Any]) -> int:
    """Validate the Bundle and each resource with fhir.resources' R4B models; how many."""
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    return len(bundle["entry"])


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def ident(resource: dict[str, Any]) -> tuple[str, str]:
    found = resource["identifier"]
    first = found[0] if isinstance(found, list) else found
    return first["system"], first["value"]


def _times(resource: dict[str, Any]) -> list[str]:
    found = [
        resource.get(k)
        for k in ("effectiveDateTime", "authored", "authoredOn", "recorded", "whenHandedOver")
    ]
    # A dose copied from the KIA book has a day, not an hour (the only plain date sent).
    occurred = resource.get("occurrenceDateTime")
    if occurred is not None and not (
        resource.get("primarySource") is False and DAY.match(occurred)
    ):
        found.append(occurred)
    for holder in [
        resource.get("period"),
        *(s["period"] for s in resource.get("statusHistory", [])),
    ]:
        if holder:
            found += [holder.get("start"), holder.get("end")]
    return [t for t in found if t is not None]


def _references(value: Any) -> Iterable[str]:
    if isinstance(value, dict):
        if isinstance(value.get("reference"), str):
            yield value["reference"]
        for inner in value.values():
            yield from _references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _references(inner)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)
    elif isinstance(value, str):
        yield value


def _codings(value: Any) -> Iterable[dict[str, Any]]:
    if isinstance(value, dict):
        if isinstance(value.get("system"), str) and "code" in value:
            yield value
        for inner in value.values():
            yield from _codings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _codings(inner)


def life_cycle_problems(resource: dict[str, Any]) -> list[str]:
    """A class, level or z-score of a life-cycle section (LIFECYCLE_RULES §j), wherever it is."""
    kind = resource["resourceType"]
    problems = [
        f"{kind}: the class {c['code']} of a life-cycle section"
        for c in _codings(resource)
        if c["system"] == CLASS_SYSTEM and str(c["code"]).split(".")[0] in LIFE_CYCLE
    ]
    if kind != "Observation":
        return problems
    # Every Observation is a LOINC-coded measure (a z-score or a trend has no LOINC code).
    if {c["system"] for c in resource["code"]["coding"]} != {LOINC}:
        problems.append(f"Observation: code {resource['code']['coding']} is not LOINC")
    section = ident(resource)[1].split(".")[1]
    said = {c["code"] for i in resource.get("interpretation", []) for c in i["coding"]}
    if section in LIFE_CYCLE and not said <= OFF_SCALE:
        problems.append(f"Observation: {section} interpreted as {sorted(said)}")
    return problems


def satusehat_problems(bundle: dict[str, Any], *, org: str = ORG) -> list[str]:
    """Every SATUSEHAT rule the bundle breaks (see docs/satusehat.md)."""
    problems: list[str] = []
    # Rule 10134: no empty text (nor text FHIR would trim).
    problems += [
        f"empty or untrimmed text {t!r}" for t in _strings(bundle) if t != t.strip() or not t
    ]
    stamp = datetime.fromisoformat(bundle["timestamp"])
    if bundle.get("type") != "transaction" or not TIME.match(bundle["timestamp"]):
        problems.append("bundle: not a transaction with a +00:00 timestamp")
    urls = Counter(e["fullUrl"] for e in bundle["entry"])
    conditions = Counter(e["request"]["url"] for e in bundle["entry"])
    problems += [f"duplicate entry {u}" for u, n in (urls + conditions).items() if n > 1]
    for entry in bundle["entry"]:
        resource, request = entry["resource"], entry["request"]
        kind = resource["resourceType"]
        if kind not in SYSTEM_PATH:
            problems.append(f"{kind}: a resource type the export does not send")
            continue
        system, value = ident(resource)
        if system != f"http://sys-ids.kemkes.go.id/{SYSTEM_PATH[kind]}/{org}":
            problems.append(f"{kind}: identifier system {system}")
        if request != {"method": "PUT", "url": f"{kind}?identifier={system}|{value}"}:
            problems.append(f"{kind}: not a conditional update on its identifier")
        if not PATIENT_BY_NIK.match(resource[PATIENT_FIELD.get(kind, "subject")]["reference"]):
            problems.append(f"{kind}: subject is not a Patient by NIK")
        for ref in _references(resource):
            local = ref.startswith("urn:uuid:")
            if (local and ref not in urls) or not (
                local or "/" in ref or ref.startswith("Patient?")
            ):
                problems.append(f"{kind}: reference {ref} does not resolve")
        for moment in _times(resource):
            if not TIME.match(moment) or datetime.fromisoformat(moment) > stamp:
                problems.append(f"{kind}: time {moment}")
        encounter = resource.get(ENCOUNTER_FIELD.get(kind, "encounter"), {})
        if kind != "Encounter" and not str(encounter.get("reference")).startswith("urn:uuid:"):
            problems.append(f"{kind}: no encounter in the bundle")
        day = resource.get("occurrenceDateTime", "")
        if DAY.match(day) and (day < "2014-06-03" or day > bundle["timestamp"][:10]):
            problems.append(f"{kind}: date {day}")
        if kind == "Encounter":
            problems += _encounter_problems(resource, org)
        kinds = {e["fullUrl"]: e["resource"]["resourceType"] for e in bundle["entry"]}
        for reason in resource.get("reasonReference", []) if kind == "ServiceRequest" else []:
            if kinds.get(reason["reference"]) != "Observation":
                problems.append("ServiceRequest: a reason that is not an Observation")
        if kind == "Observation" and resource.get("performer") != [
            {"reference": f"Organization/{org}"}
        ]:
            problems.append("Observation: performer is not the Puskesmas")
        if kind in ACTOR_PERFORMED and resource.get("performer") != [
            {"actor": {"reference": f"Organization/{org}"}}
        ]:
            problems.append(f"{kind}: performer is not the Puskesmas")
        if kind == "MedicationAdministration" and "performer" in resource:
            problems.append(f"{kind}: an Organization cannot be its performer")
        problems += life_cycle_problems(resource)
    return problems


def _encounter_problems(encounter: dict[str, Any], org: str) -> list[str]:
    problems = []
    if encounter.get("serviceProvider") != {"reference": f"Organization/{org}"}:
        problems.append("Encounter: serviceProvider")
    if not str(encounter["location"][0]["location"]["reference"]).startswith("Location/"):
        problems.append("Encounter: location")
    individuals = [p["individual"]["reference"] for p in encounter.get("participant", [])]
    if individuals != [f"Practitioner/{NAKES}"]:
        problems.append("Encounter: participant")
    history = [(s["status"], set(s["period"])) for s in encounter.get("statusHistory", [])]
    if [s for s, _ in history] != ["arrived", "in-progress", "finished"] or any(
        p != {"start", "end"} for _, p in history
    ):
        problems.append("Encounter: statusHistory")
    if encounter["class"]["system"] != "http://terminology.hl7.org/CodeSystem/v3-ActCode":
        problems.append("Encounter: class")
    return problems
