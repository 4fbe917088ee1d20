"""FHIR for the whole life cycle: a baby, a pregnant woman and an elderly man, through the real
server (SQLite and PostgreSQL) and its dashboard.

Growth measures with their LOINC codes and values, immunisation doses as Immunizations, vitamin A
and TTD as the medicines given, ADL / SKILAS / danger signs as answered forms; no class, level or
WHO z-score of these sections (LIFECYCLE_RULES §j: none has a code yet); every bundle validated
with fhir.resources' R4B models and SATUSEHAT's rules.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from dashboard_site import add_staff, logged_in_client
from life_cycle_site import (
    ADL_19,
    NIKS,
    SKILAS_MOBILITY,
    VISIT_AT,
    LifeCycleVillage,
    antenatal,
    inputs,
    weighing,
)
from payloads import item
from satusehat_site import (
    ORG,
    configure,
    fhir_bundle,
    ident,
    life_cycle_problems,
    satusehat_problems,
    validate_r4,
)
from server_process import ServerProcess

MARCH = {"mode": "periode", "dari": "2025-03-01", "sampai": "2025-03-31"}
LOINC = "http://loinc.org"
# The product's own systems the z-scores, the weight trend and the classes once went under.
PRODUCT_SYSTEMS = (
    "urn:posyandu-kader:indeks-antropometri",
    "urn:posyandu-kader:tren-berat-badan",
    "urn:posyandu-kader:kelas-skrining",
)


def by_id(bundle: dict[str, Any], visit_key: str) -> dict[str, dict[str, Any]]:
    """The resources of one visit by the part of their identifier after the visit key."""
    out = {}
    for entry in bundle["entry"]:
        value = ident(entry["resource"])[1]
        if value.startswith(visit_key):
            out[value.removeprefix(visit_key).lstrip(".") or "encounter"] = entry["resource"]
    return out


def url_of(bundle: dict[str, Any], resource: dict[str, Any]) -> str:
    return next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is resource)


def classes(resource: dict[str, Any]) -> list[str]:
    return [i["coding"][0]["code"] for i in resource.get("interpretation", [])]


def systems(value: Any) -> set[str]:
    """Every code system named anywhere in a resource."""
    if isinstance(value, dict):
        own = {value["system"]} if isinstance(value.get("system"), str) else set()
        return own.union(*(systems(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(systems(v) for v in value))
    return set()


def reason_codes(resource: dict[str, Any]) -> list[str]:
    return [r["coding"][0]["code"] for r in resource["reasonCode"]]


def quantity(resource: dict[str, Any]) -> tuple[Any, str]:
    return resource["valueQuantity"]["value"], resource["valueQuantity"]["code"]


def export(server: ServerProcess, village: LifeCycleVillage, **form: str) -> dict[str, Any]:
    with logged_in_client(server, add_staff(server)) as client:
        configure(client, area=village.area, posyandu=["Posyandu Melati"])
        return fhir_bundle(client, desa=village.area, **form)


def checked(bundle: dict[str, Any]) -> dict[str, Any]:
    assert validate_r4(bundle) == len(bundle["entry"])
    assert satusehat_problems(bundle) == []
    return bundle


def test_a_baby_weighed_and_vaccinated_goes_out_with_its_codes(server: ServerProcess) -> None:
    village = LifeCycleVillage(server)
    visit = village.visit("baby", weighing())
    village.push([item(visit)])
    bundle = checked(export(server, village, **MARCH))
    sent = by_id(bundle, visit["visit_key"])
    stored = visit["sections"]["antropometri_balita"]["values"]

    # Weight, length measured lying, head circumference and LiLA under their LOINC codes.
    weight = sent["antropometri_balita.weight_kg"]
    assert weight["code"]["coding"] == [
        {"system": LOINC, "code": "29463-7", "display": "Body weight"}
    ]
    assert quantity(weight) == (7.9, "kg")
    length = sent["antropometri_balita.length_cm"]
    assert length["code"]["coding"][0]["code"] == "8306-3"
    assert length["code"]["coding"][0]["display"] == "Body height --lying"
    assert quantity(length) == (66.0, "cm")
    assert length["extension"] == [
        {
            "url": "http://hl7.org/fhir/StructureDefinition/observation-bodyPosition",
            "valueCodeableConcept": {
                "coding": [
                    {
                        "system": "http://snomed.info/sct",
                        "code": "102538003",
                        "display": "Recumbent body position",
                    }
                ]
            },
        }
    ]
    assert "extension" not in weight
    head = sent["antropometri_balita.head_cm"]
    assert head["code"]["coding"][0]["code"] == "9843-4" and quantity(head) == (43.0, "cm")
    lila = sent["lila_balita.lila_cm"]
    assert lila["code"]["coding"][0]["code"] == "56072-2" and quantity(lila) == (13.5, "cm")
    # Only what was measured: no class, no level, no z-score, no weight trend (no code exists
    # for them, LIFECYCLE_RULES §j), though the rules gave them on the laptop.
    assert stored["wfa_z"] is not None and visit["sections"]["tren_bb"]["class"] == "N"
    for measured in (weight, length, head, lila):
        assert "interpretation" not in measured
        assert measured["category"][0]["coding"][0]["code"] == "vital-signs"
    observations = [r for r in sent.values() if r["resourceType"] == "Observation"]
    assert [o["code"]["coding"][0]["code"] for o in observations] == [
        "29463-7",
        "8306-3",
        "9843-4",
        "56072-2",
    ]
    assert not any(key.endswith("_z") or key.startswith("tren_bb") for key in sent)
    assert not systems(bundle) & set(PRODUCT_SYSTEMS)
    # (The bundle check would have named a class there: it is no check that cannot fail.)
    normal = {"system": PRODUCT_SYSTEMS[2], "code": "lila_balita.normal"}
    assert life_cycle_problems({**lila, "interpretation": [{"coding": [normal]}]}) == [
        "Observation: the class lila_balita.normal of a life-cycle section",
        "Observation: lila_balita interpreted as ['lila_balita.normal']",
    ]

    # One Immunization per dose entered at this visit; the doses carried from earlier visits
    # (HB0, BCG, OPV 1) were those visits' to send.
    doses = {k.removeprefix("imunisasi."): r for k, r in sent.items() if k.startswith("imunisasi")}
    assert sorted(doses) == ["dpt_hb_hib_1", "dpt_hb_hib_2", "opv_2", "opv_3"]
    assert {d["resourceType"] for d in doses.values()} == {"Immunization"}
    opv_3 = doses["opv_3"]
    assert ident(opv_3) == (
        f"http://sys-ids.kemkes.go.id/immunization/{ORG}",
        f"{visit['visit_key']}.imunisasi.opv_3",
    )
    assert opv_3["status"] == "completed"
    # The CVX name (no product or batch is recorded), then the ILP antigen in words.
    assert opv_3["vaccineCode"] == {
        "coding": [
            {"system": "http://hl7.org/fhir/sid/cvx", "code": "182", "display": "OPV, Unspecified"},
            {"system": "urn:posyandu-kader:vaksin", "code": "opv", "display": "Polio tetes (OPV)"},
        ],
        "text": "Polio tetes (OPV)",
    }
    assert [c["code"] for c in doses["dpt_hb_hib_1"]["vaccineCode"]["coding"]] == [
        "198",
        "dpt_hb_hib",
    ]
    # A basic dose; OPV 3 came three months late (catch-up), OPV 2 in its month (on time).
    assert reason_codes(opv_3) == ["IM-Dasar", "IM-Kejar"]
    assert reason_codes(doses["opv_2"]) == ["IM-Dasar", "IM-Ideal"]
    assert reason_codes(doses["dpt_hb_hib_2"]) == ["IM-Dasar", "IM-Kejar"]
    assert opv_3["patient"]["identifier"]["value"] == NIKS["baby"]
    assert opv_3["encounter"] == {"reference": url_of(bundle, sent["encounter"])}
    # Given today at the Posyandu: the visit's moment (09:15 WIB), the Posyandu's Location.
    assert opv_3["occurrenceDateTime"] == "2025-03-10T02:15:00+00:00"
    assert opv_3["primarySource"] is True
    assert opv_3["location"] == sent["encounter"]["location"][0]["location"]
    assert opv_3["performer"] == [{"actor": {"reference": f"Organization/{ORG}"}}]
    assert opv_3["protocolApplied"][0]["doseNumberPositiveInt"] == 3
    assert opv_3["protocolApplied"][0]["seriesDosesPositiveInt"] == 4
    dpt_2 = doses["dpt_hb_hib_2"]["protocolApplied"][0]
    assert (dpt_2["doseNumberPositiveInt"], dpt_2["seriesDosesPositiveInt"]) == (2, 4)
    # Copied from the KIA book: its day, not an hour; not given here, so no Location.
    opv_2 = doses["opv_2"]
    assert opv_2["occurrenceDateTime"] == "2024-11-05"
    assert opv_2["primarySource"] is False and "location" not in opv_2
    assert opv_2["reportOrigin"]["coding"][0]["code"] == "record"
    assert opv_2["recorded"] == "2025-03-10T02:15:00+00:00"

    # The vitamin A capsule given today.
    capsule = sent["vitamin_a"]
    assert capsule["resourceType"] == "MedicationAdministration"
    assert capsule["status"] == "completed"
    assert capsule["medicationCodeableConcept"]["text"] == "Kapsul vitamin A"
    assert capsule["context"] == {"reference": url_of(bundle, sent["encounter"])}
    assert capsule["effectiveDateTime"] == "2025-03-10T02:15:00+00:00"
    assert "performer" not in capsule  # R4 takes no Organization there
    # Nothing refers (an overdue dose is a reminder): no referral, and nothing else is sent.
    assert sorted(sent) == sorted(
        [
            "encounter",
            *(f"antropometri_balita.{k}" for k in ("weight_kg", "length_cm", "head_cm")),
            "lila_balita.lila_cm",
            *(f"imunisasi.{d}" for d in doses),
            "vitamin_a",
        ]
    )


def test_a_pregnant_womans_visit_goes_out_with_its_codes(server: ServerProcess) -> None:
    village = LifeCycleVillage(server)
    visit = village.visit("mother", antenatal())
    village.push([item(visit)])
    bundle = checked(export(server, village, **MARCH))
    sent = by_id(bundle, visit["visit_key"])

    lila = sent["lila_hamil.lila_cm"]
    assert lila["code"]["coding"][0]["code"] == "56072-2" and quantity(lila) == (22.8, "cm")
    systolic, diastolic = sent["tensi_hamil.systolic"], sent["tensi_hamil.diastolic"]
    assert (systolic["code"]["coding"][0]["code"], quantity(systolic)) == (
        "8480-6",
        (142, "mm[Hg]"),
    )
    assert (diastolic["code"]["coding"][0]["code"], quantity(diastolic)) == (
        "8462-4",
        (91, "mm[Hg]"),
    )
    hb = sent["anemia.hb_g_dl"]
    assert hb["code"]["coding"] == [
        {"system": LOINC, "code": "718-7", "display": "Hemoglobin [Mass/volume] in Blood"}
    ]
    assert hb["category"][0]["coding"][0]["code"] == "laboratory"
    assert quantity(hb) == (10.4, "g/dL")
    # KEK, hypertension in pregnancy, anaemia: the readings go out, not the classes.
    assert [classes(o) for o in (lila, systolic, diastolic, hb)] == [[], [], [], []]
    # 30 tablets handed over today (not the pregnancy's total of 60).
    tablets = sent["ttd"]
    assert tablets["resourceType"] == "MedicationDispense" and tablets["status"] == "completed"
    assert tablets["quantity"]["value"] == 30 and tablets["quantity"]["code"] == "TAB"
    assert tablets["whenHandedOver"] == "2025-03-10T02:15:00+00:00"
    # The danger signs asked, each answered "no".
    signs = sent["tanda_bahaya_hamil"]
    assert signs["resourceType"] == "QuestionnaireResponse"
    answers = {i["linkId"]: i["answer"][0] for i in signs["item"]}
    assert len(answers) == 7 and "hasil" not in answers
    assert all(answer == {"valueBoolean": False} for answer in answers.values())
    # KEK, hypertension in pregnancy and anaemia refer: their readings are the reason, with
    # no class beside them.
    referral = sent["rujukan"]
    assert referral["code"]["coding"][0]["code"] == "3457005"
    assert {r["reference"] for r in referral["reasonReference"]} == {
        url_of(bundle, o) for o in (lila, systolic, diastolic, hb)
    }
    assert "reasonCode" not in referral
    assert not systems(bundle) & set(PRODUCT_SYSTEMS)


def test_an_elderly_mans_forms_go_out_as_answers(server: ServerProcess) -> None:
    village = LifeCycleVillage(server)
    visit = village.visit("elder", inputs(adl={"items": ADL_19}, skilas=SKILAS_MOBILITY))
    half = dict(SKILAS_MOBILITY, chair_stand_fail=False, sad_hopeless=None)
    later = village.visit(
        "elder",
        inputs(adl={"items": dict(ADL_19, stairs=2)}, skilas=half),
        measured_at=VISIT_AT + timedelta(days=14),
    )
    village.push([item(visit), item(later)])
    bundle = checked(export(server, village, **MARCH))
    sent = by_id(bundle, visit["visit_key"])

    adl = sent["adl"]
    assert adl["questionnaire"] == "urn:posyandu-kader:questionnaire:adl-barthel"
    answers = {i["linkId"]: i["answer"][0] for i in adl["item"]}
    assert answers["stairs"] == {"valueInteger": 1} and answers["transfer"] == {"valueInteger": 3}
    # The total of the answers, not the dependence class the rules read from it.
    assert answers["skor"] == {"valueInteger": 19}
    assert len(answers) == 11 and "hasil" not in answers
    skilas = sent["skilas"]
    domains = {i["linkId"]: i for i in skilas["item"]}
    mobility = domains["mobilisasi"]["item"]
    assert mobility == [
        {
            "linkId": "chair_stand_fail",
            "text": mobility[0]["text"],
            "answer": [{"valueBoolean": True}],
        }
    ]
    lila = next(i for i in domains["malnutrisi"]["item"] if i["linkId"] == "lila_cm")
    assert lila["answer"] == [
        {
            "valueQuantity": {
                "value": 24.0,
                "unit": "cm",
                "system": "http://unitsofmeasure.org",
                "code": "cm",
            }
        }
    ]
    whisper = domains["pendengaran"]["item"][0]["answer"][0]["valueCoding"]
    assert (whisper["code"], whisper["display"]) == ("heard", "Mendengar")
    # The six domains as answered; neither the class nor the domains the rules found positive.
    assert list(domains) == [
        "kognitif",
        "mobilisasi",
        "malnutrisi",
        "penglihatan",
        "pendengaran",
        "depresi",
    ]
    assert not systems(bundle) & set(PRODUCT_SYSTEMS)
    # Both refer: the answers support the referral (no Observation is its reason).
    referral = sent["rujukan"]
    assert [r["reference"] for r in referral["supportingInfo"]] == [
        url_of(bundle, adl),
        url_of(bundle, skilas),
    ]
    assert "reasonReference" not in referral
    # A month later SKILAS was begun but not finished: only the ADL goes out, never a
    # "no decline" for a form half answered.
    assert set(by_id(bundle, later["visit_key"])) == {"encounter", "adl"}


def test_doses_are_sent_once_and_a_removed_dose_is_withdrawn(server: ServerProcess) -> None:
    village = LifeCycleVillage(server)
    first = village.visit("baby", weighing())
    village.push([item(first)])
    with logged_in_client(server, add_staff(server)) as client:
        configure(client, area=village.area, posyandu=["Posyandu Melati"])
        start = fhir_bundle(client, mode="perubahan", desa=village.area)
        quiet = fhir_bundle(client, mode="perubahan", desa=village.area)
        period = fhir_bundle(client, desa=village.area, **MARCH)
        again = fhir_bundle(client, desa=village.area, **MARCH)
        # The kader corrects the visit: DPT-HB-Hib 2 was not given today after all, nor the
        # capsule; OPV 2 was on 6 November.
        raw = first["sections"]["imunisasi"]["inputs"]
        given = dict(raw["given"], opv_2="2024-11-06")
        del given["dpt_hb_hib_2"]
        fixed = village.visit(
            "baby",
            weighing(imunisasi={**raw, "given": given}, vitamin_a={"today": False}),
            visit_key=first["visit_key"],
            version=2,
            replaces_id=first["id"],
        )
        village.push([item(fixed, base_version=1)])
        corrected = fhir_bundle(client, mode="perubahan", desa=village.area)
        # The next month's visit carries every dose so far: none is sent again.
        next_month = village.visit(
            "baby",
            inputs(imunisasi={"earlier": {**raw["earlier"], **given}, "reviewed": True}),
            measured_at=VISIT_AT + timedelta(days=14),
        )
        village.push([item(next_month)])
        later = fhir_bundle(client, mode="perubahan", desa=village.area)
        # Then the first visit is voided (it was another baby's).
        void = village.visit(
            "baby",
            weighing(imunisasi={**raw, "given": given}, vitamin_a={"today": False}),
            visit_key=first["visit_key"],
            version=3,
            replaces_id=fixed["id"],
            voided=True,
        )
        village.push([item(void, base_version=2)])
        voided = fhir_bundle(client, mode="perubahan", desa=village.area)

    for bundle in (start, period, corrected, later, voided):
        checked(bundle)
    # Nothing changed: nothing is sent again; a period export is the same, byte for byte.
    assert quiet["entry"] == []
    assert period["entry"] == again["entry"]
    assert sorted(ident(e["resource"]) for e in period["entry"]) == sorted(
        ident(e["resource"]) for e in start["entry"]
    )
    before = by_id(start, first["visit_key"])
    after = by_id(corrected, first["visit_key"])
    # The removed dose and the capsule are withdrawn under their identifiers, sent as they were.
    assert after["imunisasi.dpt_hb_hib_2"]["status"] == "entered-in-error"
    assert {k: v for k, v in after["imunisasi.dpt_hb_hib_2"].items() if k != "status"} == {
        k: v for k, v in before["imunisasi.dpt_hb_hib_2"].items() if k != "status"
    }
    assert after["vitamin_a"]["status"] == "entered-in-error"
    # The other doses keep their identity; OPV 2 is a new version of the same resource.
    for dose in ("opv_2", "opv_3", "dpt_hb_hib_1"):
        assert ident(after[f"imunisasi.{dose}"]) == ident(before[f"imunisasi.{dose}"])
        assert after[f"imunisasi.{dose}"]["status"] == "completed"
    assert after["imunisasi.opv_2"]["occurrenceDateTime"] == "2024-11-06"
    # A month later the kader only checked the KIA book: that visit's Encounter, no dose again.
    assert [e["resource"]["resourceType"] for e in later["entry"]] == ["Encounter"]
    assert ident(later["entry"][0]["resource"])[1] == next_month["visit_key"]
    # The void withdraws every resource ever sent for the visit, each dose among them; the
    # next month's visit is not touched.
    withdrawn = by_id(voided, first["visit_key"])
    assert sorted(withdrawn) == sorted(before)
    assert {r["status"] for r in withdrawn.values()} == {"entered-in-error"}
    assert sorted(k for k, r in withdrawn.items() if r["resourceType"] == "Immunization") == [
        f"imunisasi.{d}" for d in ("dpt_hb_hib_1", "dpt_hb_hib_2", "opv_2", "opv_3")
    ]
    assert by_id(voided, next_month["visit_key"]) == {}


def test_a_height_measured_standing_says_so(server: ServerProcess) -> None:
    village = LifeCycleVillage(server)
    growth = {"weight_kg": "7.9", "length_cm": "65.3", "position": "standing"}
    visit = village.visit("baby", inputs(antropometri_balita=growth))
    village.push([item(visit)])
    sent = by_id(checked(export(server, village, **MARCH)), visit["visit_key"])

    height = sent["antropometri_balita.height_cm"]
    assert height["code"]["coding"][0] == {
        "system": LOINC,
        "code": "8302-2",
        "display": "Body height",
    }
    assert quantity(height) == (65.3, "cm")
    position = height["extension"][0]["valueCodeableConcept"]["coding"][0]
    assert (position["code"], position["display"]) == ("10904000", "Orthostatic body position")
    assert "antropometri_balita.length_cm" not in sent
