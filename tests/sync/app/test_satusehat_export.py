"""A realistic SATUSEHAT export: the demo village (adults) and children recorded on a real
Register, sent by the real sync engine to the REAL server process, exported through the
dashboard, every resource validated by fhir.resources (R4B models) and checked against
SATUSEHAT's rules; then a re-send, a correction and a void. Then the life cycle on its own: a
baby's monthly weighings and doses, a pregnant woman, an elderly man. The life-cycle sections send
what was measured, answered and given, never a class, level or z-score (LIFECYCLE_RULES §j); the
adults' screening sections keep their classes.
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from server_process import ServerProcess

_SERVER_TESTS = Path(__file__).resolve().parents[1] / "server"
for _path in (_SERVER_TESTS, _SERVER_TESTS / "dashboard"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from dashboard_site import add_staff, logged_in_client  # noqa: E402
from life_cycle_register import BIRTH, WEIGHINGS, record_life_cycle  # noqa: E402
from satusehat_site import (  # noqa: E402
    LIFE_CYCLE,
    configure,
    fhir_bundle,
    ident,
    resources,
    satusehat_problems,
    validate_r4,
)

from kader_app.core.demo import demo_nik, demo_visit, seed_demo  # noqa: E402
from kader_app.core.models import PersonInput  # noqa: E402
from kader_app.core.register import Register  # noqa: E402
from kader_app.settings import AppSettings  # noqa: E402
from kader_app.sync_link import SyncSetup, build_sync, enroll_device  # noqa: E402
from screening.rules.blood_pressure import BloodPressureInput  # noqa: E402
from screening.rules.glucose import GlucoseInput  # noqa: E402
from screening.rules.section import RuleSettings, Subject  # noqa: E402
from screening.rules.visit import VisitInput, parse_inputs  # noqa: E402

TODAY = date.today() - timedelta(days=1)
SETTINGS = RuleSettings()
CHILD_LOINC = {"29463-7", "8306-3", "8302-2", "9843-4", "56072-2", "8480-6", "8462-4", "39156-5"}
CLASS_SYSTEM = "urn:posyandu-kader:kelas-skrining"


@pytest.fixture
def laptop(tmp_path: Path, live_server: ServerProcess) -> Iterator[tuple[Register, SyncSetup, str]]:
    area = f"Desa Demo {uuid.uuid4().hex[:6]}"
    register = Register.open(tmp_path / "laptop")
    code = live_server.enroll_code(posyandu="Posyandu Mawar", area=area)
    enroll_device(register, server_url=live_server.url, code=code, device_name="mawar")
    setup = build_sync(register, settings=AppSettings())
    assert setup is not None
    yield register, setup, area
    setup.close()
    register.close()


def sync_all(register: Register, setup: SyncSetup) -> None:
    for _ in range(60):
        setup.engine.run_once()
        if register.sync.counts().pending == 0:
            return
    raise AssertionError("the laptop did not finish sending")


def add_children(register: Register) -> int:
    """Balita and school children of the village, measured with their own sections."""
    rng = random.Random(7)
    visits = 0
    for serial, years in enumerate((1, 2, 3, 4, 8, 11, 14), start=9000):
        birth = TODAY - timedelta(days=365 * years + 40)
        sex = "L" if serial % 2 else "P"
        person = PersonInput(
            name=f"Anak Demo {serial}",
            sex=sex,
            birth_date=birth,
            nik=demo_nik(birth=birth, sex=sex, serial=serial),
            desa="Sukamaju",
        )
        person_id = register.people.register(person).person_id
        subject = Subject(sex=sex, birth_date=birth)
        for back in (60, 30):
            on = TODAY - timedelta(days=back)
            inputs = demo_visit(rng, subject=subject, on=on, risk=0.3, settings=SETTINGS)
            if inputs.sections:
                register.visits.record(
                    person_id=person_id,
                    inputs=inputs,
                    settings=SETTINGS,
                    measured_at=datetime.combine(on, time(9, 30)).astimezone(),
                )
                visits += 1
    return visits


def known_visits(register: Register) -> tuple[str, str]:
    """Two visits of Bu Sumi the test corrects and voids: 172/104 with a random glucose."""
    birth = date(1968, 4, 12)
    person = PersonInput(
        name="Sumi Rahayu",
        sex="P",
        birth_date=birth,
        nik=demo_nik(birth=birth, sex="P", serial=8800),
    )
    person_id = register.people.register(person).person_id
    subject = Subject(sex="P", birth_date=birth)
    out = []
    for back in (20, 10):
        on = TODAY - timedelta(days=back)
        inputs = VisitInput(
            subject=subject,
            measured_on=on,
            sections={
                "blood_pressure": BloodPressureInput.of((172, 104)),
                "glucose": GlucoseInput(value="250", kind="sewaktu"),
            },
        )
        change = register.visits.record(
            person_id=person_id,
            inputs=inputs,
            settings=SETTINGS,
            measured_at=datetime.combine(on, time(10, 0)).astimezone(),
        )
        assert change.visit_id is not None
        out.append(change.visit_id)
    return out[0], out[1]


def entry_ids(bundle: dict[str, Any]) -> list[tuple[str, str]]:
    return [ident(e["resource"]) for e in bundle["entry"]]


def section_of(resource: dict[str, Any]) -> str:
    """The section a resource comes from (``{visit key}.{section}…``; "" for the Encounter)."""
    parts = ident(resource)[1].split(".")
    return parts[1] if len(parts) > 1 else ""


def interpreted(resource: dict[str, Any]) -> list[str]:
    return [c["code"] for i in resource.get("interpretation", []) for c in i["coding"]]


def result_items(response: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in response["item"] if i["linkId"] == "hasil"]


def test_a_demo_village_synced_for_real_is_a_valid_satusehat_export(
    laptop: tuple[Register, SyncSetup, str], live_server: ServerProcess
) -> None:
    register, setup, area = laptop
    demo = seed_demo(register, today=TODAY, count=60, months=12)
    children = add_children(register)
    corrected_id, voided_id = known_visits(register)
    sync_all(register, setup)
    period = {"dari": (TODAY - timedelta(days=400)).isoformat(), "sampai": TODAY.isoformat()}

    with logged_in_client(live_server, add_staff(live_server)) as client:
        configure(client, area=area, posyandu=["Posyandu Mawar"])
        first = fhir_bundle(client, mode="perubahan", desa=area)
        resent = fhir_bundle(client, mode="periode", desa=area, **period)
        # On the laptop: Bu Sumi's first tension was 122/78 (typed wrong), her second visit
        # was someone else's.
        old = register.visits.get(corrected_id)
        fixed_inputs = VisitInput(
            subject=old.inputs.subject,
            measured_on=old.inputs.measured_on,
            sections={"blood_pressure": BloodPressureInput.of((122, 78))},
        )
        register.visits.correct(visit_id=corrected_id, inputs=fixed_inputs, settings=SETTINGS)
        register.visits.void(visit_id=voided_id, reason="salah orang")
        sync_all(register, setup)
        changes = fhir_bundle(client, mode="perubahan", desa=area)
        quiet = fhir_bundle(client, mode="perubahan", desa=area)

    # Every resource is valid R4 and follows SATUSEHAT's rules.
    for bundle in (first, resent, changes):
        assert validate_r4(bundle) == len(bundle["entry"])
        assert satusehat_problems(bundle) == []
    encounters = resources(first, "Encounter")
    # A baby registered before getting a NIK cannot be sent yet: its visits are held back.
    without_nik = sum(
        len(register.visits.history(p.id))
        for p in register.search.people("", limit=500)
        if not p.nik
    )
    assert len(encounters) == demo.visits + children + 2 - without_nik
    assert len(first["entry"]) > 5 * len(encounters)
    # Babies' doses, vitamin A capsules and pregnant women's TTD tablets too.
    assert {r["resourceType"] for r in (e["resource"] for e in first["entry"])} == {
        "Encounter",
        "Observation",
        "QuestionnaireResponse",
        "ServiceRequest",
        "Immunization",
        "MedicationAdministration",
        "MedicationDispense",
    }
    # Sent again, the same resources under the same identifiers: a receiver updates, never adds.
    assert sorted(entry_ids(resent)) == sorted(entry_ids(first))
    assert len(set(entry_ids(first))) == len(first["entry"])
    # Children's measurements go out with their own sections' LOINC codes and values only: no
    # z-score, no class (no code exists for them, LIFECYCLE_RULES §j).
    observations = resources(first, "Observation")
    children_measured = [
        o
        for o in observations
        if section_of(o) in {"antropometri_balita", "tensi_anak", "lila_balita", "imt_u"}
    ]
    assert {section_of(o) for o in children_measured} == {
        "antropometri_balita",
        "tensi_anak",
        "lila_balita",
        "imt_u",
    }
    child_codes = {(c["system"], c["code"]) for o in children_measured for c in o["code"]["coding"]}
    loinc = {code for system, code in child_codes if system == "http://loinc.org"}
    assert {"29463-7", "8480-6", "39156-5"} <= loinc <= CHILD_LOINC
    assert {system for system, _ in child_codes} == {"http://loinc.org"}
    assert not any(ident(o)[1].endswith("_z") for o in observations)
    # Every life-cycle section the village was screened for: nothing of it carries a class.
    life_cycle = [e["resource"] for e in first["entry"] if section_of(e["resource"]) in LIFE_CYCLE]
    assert {section_of(r) for r in life_cycle} >= {
        "antropometri_balita",
        "tensi_anak",
        "imt_u",
        "lila_hamil",
        "tensi_hamil",
        "imunisasi",
    }
    assert [interpreted(r) for r in life_cycle if interpreted(r)] == []
    assert [r for r in life_cycle if CLASS_SYSTEM in json.dumps(r)] == []
    # The adults' screening sections keep their classes: a tension, a BMI, an SRQ-20 result.
    adult = {section_of(o): o for o in observations if interpreted(o)}
    assert {"blood_pressure", "bmi"} <= set(adult)
    tension = interpreted(adult["blood_pressure"])
    assert tension[0] in {"N", "A", "AA"} and tension[1].startswith("blood_pressure.")
    srq20 = [r for r in resources(first, "QuestionnaireResponse") if section_of(r) == "srq20"]
    assert srq20 and all(
        result_items(r)[0]["answer"][0]["valueCoding"]["code"].startswith("srq20.") for r in srq20
    )

    # The changes: only Bu Sumi's two visits.
    corrected_key = register.visits.get(corrected_id).visit_key
    voided_key = register.visits.get(voided_id).visit_key
    assert {ident(e)[1] for e in resources(changes, "Encounter")} == {corrected_key, voided_key}
    states = {ident(e["resource"])[1]: e["resource"]["status"] for e in changes["entry"]}
    assert states[corrected_key] == "finished"
    assert states[f"{corrected_key}.blood_pressure.systolic"] == "final"
    # The glucose the correction removed and the referral it no longer needs are withdrawn.
    assert states[f"{corrected_key}.glucose.value"] == "entered-in-error"
    assert states[f"{corrected_key}.rujukan"] == "entered-in-error"
    # The void withdraws everything that was sent for that visit.
    sent_for_void = {i for i in entry_ids(first) if i[1].startswith(voided_key)}
    assert {
        ident(e["resource"])
        for e in changes["entry"]
        if ident(e["resource"])[1].startswith(voided_key)
    } == sent_for_void
    assert {s for k, s in states.items() if k.startswith(voided_key)} == {"entered-in-error"}
    assert quiet["entry"] == []


def by_visit(bundle: dict[str, Any], visit_key: str) -> dict[str, dict[str, Any]]:
    """One visit's resources by what follows the visit key in their identifier."""
    out = {}
    for entry in bundle["entry"]:
        value = ident(entry["resource"])[1]
        if value.startswith(visit_key):
            out[value.removeprefix(visit_key).lstrip(".") or "encounter"] = entry["resource"]
    return out


def full_url(bundle: dict[str, Any], resource: dict[str, Any]) -> str:
    return next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is resource)


def test_a_babys_weighings_and_doses_a_pregnancy_and_an_elder_go_out_as_recorded(
    laptop: tuple[Register, SyncSetup, str], live_server: ServerProcess
) -> None:
    register, setup, area = laptop
    recorded = record_life_cycle(register)
    sync_all(register, setup)
    keys = [register.visits.get(v).visit_key for v in recorded.baby]
    period = {"dari": (TODAY - timedelta(days=90)).isoformat(), "sampai": TODAY.isoformat()}

    with logged_in_client(live_server, add_staff(live_server)) as client:
        configure(client, area=area, posyandu=["Posyandu Mawar"])
        first = fhir_bundle(client, mode="perubahan", desa=area)
        resent = fhir_bundle(client, mode="periode", desa=area, **period)
        # The second month's IPV 1 was not given after all; the first visit was another baby's.
        second = register.visits.get(recorded.baby[1]).inputs
        doses = dict(recorded.doses[1])
        del doses["ipv_1"]
        raw = second.sections["imunisasi"].model_dump(mode="json")
        imunisasi = parse_inputs(
            "imunisasi", {**raw, "given": {k: str(v) for k, v in doses.items()}}
        )
        register.visits.correct(
            visit_id=recorded.baby[1],
            inputs=VisitInput(
                subject=second.subject,
                measured_on=second.measured_on,
                sections={**second.sections, "imunisasi": imunisasi},
            ),
            settings=SETTINGS,
        )
        register.visits.void(visit_id=recorded.baby[0], reason="salah anak")
        sync_all(register, setup)
        changes = fhir_bundle(client, mode="perubahan", desa=area)

    for bundle in (first, resent, changes):
        assert validate_r4(bundle) == len(bundle["entry"])
        assert satusehat_problems(bundle) == []
    assert sorted(entry_ids(resent)) == sorted(entry_ids(first))
    # Sent again, each resource is the same, field for field.
    assert sorted(resent["entry"], key=lambda e: e["fullUrl"]) == sorted(
        first["entry"], key=lambda e: e["fullUrl"]
    )

    # One Immunization per dose entered, under the visit that entered it; none sent twice
    # although every later visit carries the earlier doses.
    shots = resources(first, "Immunization")
    assert sorted(ident(r)[1] for r in shots) == sorted(
        f"{key}.imunisasi.{dose}"
        for key, given in zip(keys, recorded.doses, strict=True)
        for dose in given
    )
    assert {r["status"] for r in shots} == {"completed"}
    visits = [by_visit(first, key) for key in keys]
    hb0 = visits[0]["imunisasi.hb0"]
    assert [(c["system"], c["code"]) for c in hb0["vaccineCode"]["coding"]] == [
        ("http://sys-ids.kemkes.go.id/kfa", "VG45"),
        ("http://hl7.org/fhir/sid/cvx", "08"),
        ("urn:posyandu-kader:vaksin", "hb0"),
    ]
    # From the KIA book: the day of birth, not given here; OPV 3 given at that visit.
    assert (hb0["occurrenceDateTime"], hb0["primarySource"]) == (BIRTH.isoformat(), False)
    opv_3 = visits[0]["imunisasi.opv_3"]
    assert opv_3["primarySource"] is True
    assert opv_3["occurrenceDateTime"] == visits[0]["encounter"]["period"]["start"]
    assert opv_3["encounter"] == {"reference": full_url(first, visits[0]["encounter"])}
    assert [p["doseNumberPositiveInt"] for p in opv_3["protocolApplied"]] == [3]

    # Each weighing: weight, length (said to be lying), head under LOINC, as typed; nothing
    # else of the section (no z-score) and no class; no weight trend, though the laptop showed
    # one from the second month (LIFECYCLE_RULES §j: no code exists for them).
    for sent, (weight, length, head) in zip(visits, WEIGHINGS, strict=True):
        measured = {
            k: (o["code"]["coding"][0]["code"], o["valueQuantity"]["value"])
            for k, o in sent.items()
            if k.startswith("antropometri_balita.")
        }
        assert measured == {
            "antropometri_balita.weight_kg": ("29463-7", float(weight)),
            "antropometri_balita.length_cm": ("8306-3", float(length)),
            "antropometri_balita.head_cm": ("9843-4", float(head)),
        }
        assert [k for k, o in sent.items() if "interpretation" in o] == []
        lying = sent["antropometri_balita.length_cm"]["extension"][0]["valueCodeableConcept"]
        assert lying["coding"][0]["code"] == "102538003"
        assert not any(k.startswith("tren_bb") for k in sent)
    shown = register.visits.get(recorded.baby[1]).evaluation.sections
    assert next(s for s in shown if s.section == "tren_bb").code == "N"
    # The capsule given at the third visit only; LiLA measured then.
    assert [("vitamin_a" in sent) for sent in visits] == [False, False, True]
    assert visits[2]["vitamin_a"]["resourceType"] == "MedicationAdministration"
    assert visits[2]["lila_balita.lila_cm"]["code"]["coding"][0]["code"] == "56072-2"

    # The pregnant woman: LiLA, tension, Hb, her 30 tablets and the danger signs asked.
    mother = by_visit(first, register.visits.get(recorded.mother).visit_key)
    assert mother["lila_hamil.lila_cm"]["code"]["coding"][0]["code"] == "56072-2"
    assert mother["anemia.hb_g_dl"]["code"]["coding"][0]["code"] == "718-7"
    assert mother["anemia.hb_g_dl"]["valueQuantity"]["value"] == 10.2
    assert mother["ttd"]["resourceType"] == "MedicationDispense"
    assert mother["ttd"]["quantity"]["value"] == 30
    assert mother["tanda_bahaya_hamil"]["resourceType"] == "QuestionnaireResponse"
    assert [k for k, o in mother.items() if "interpretation" in o] == []
    # The elderly man's ADL and SKILAS as answered forms: the answers and the ADL total, not the
    # classes the laptop showed (ketergantungan ringan, normal); nor the danger signs' result.
    elder = by_visit(first, register.visits.get(recorded.elder).visit_key)
    adl = {i["linkId"]: i for i in elder["adl"]["item"]}
    assert adl["skor"]["answer"] == [{"valueInteger": 19}]
    assert adl["stairs"]["answer"] == [{"valueInteger": 1}]
    assert [i["linkId"] for i in elder["skilas"]["item"]] == [
        "kognitif",
        "mobilisasi",
        "malnutrisi",
        "penglihatan",
        "pendengaran",
        "depresi",
    ]
    for response in (elder["adl"], elder["skilas"], mother["tanda_bahaya_hamil"]):
        assert result_items(response) == []
    shown = {s.section: s.code for s in register.visits.get(recorded.elder).evaluation.sections}
    assert (shown["adl"], shown["skilas"]) == ("ketergantungan_ringan", "normal")

    # The changes: the IPV 1 withdrawn, the rest of that visit as it was; every resource of
    # the voided visit withdrawn, each of its seven doses among them.
    corrected = by_visit(changes, keys[1])
    assert corrected["imunisasi.ipv_1"]["status"] == "entered-in-error"
    assert corrected["imunisasi.opv_4"]["status"] == "completed"
    assert corrected["imunisasi.dpt_hb_hib_3"]["status"] == "completed"
    voided = by_visit(changes, keys[0])
    assert sorted(voided) == sorted(visits[0])
    assert {r["status"] for r in voided.values()} == {"entered-in-error"}
    assert sum(r["resourceType"] == "Immunization" for r in voided.values()) == 7
    assert {ident(e)[1] for e in resources(changes, "Encounter")} == {keys[0], keys[1]}
