"""The code systems, codes and identifier systems of the SATUSEHAT export (docs/satusehat.md).

Constants and small pure look-ups only: which LOINC code and display a measure is sent under,
its category, how a class is interpreted and which sections' classes are never sent, which
encounter class a place is; this product's own codes where no official one is known here
(vaccines, medicines, forms).
"""

from __future__ import annotations

from typing import Final

from screening.rules.common import Level

NIK_SYSTEM: Final = "https://fhir.kemkes.go.id/id/nik"
LOINC: Final = "http://loinc.org"
UCUM: Final = "http://unitsofmeasure.org"
SNOMED: Final = "http://snomed.info/sct"
OBSERVATION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION: Final = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
ACT_CODE: Final = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
PARTICIPATION: Final = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
IMMUNIZATION_ORIGIN: Final = "http://terminology.hl7.org/CodeSystem/immunization-origin"
DRUG_FORM: Final = "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm"
IDENTIFIER_BASE: Final = "http://sys-ids.kemkes.go.id"
# Systems of this product (not resolvable): the class a section's rules gave, and the forms.
# Only the classes of the screening sections (SCREENING_RULES §8) go out under it: see UNCODED.
CLASS_SYSTEM: Final = "urn:posyandu-kader:kelas-skrining"
TB_CONTACT_SYSTEM: Final = "urn:posyandu-kader:kontak-tbc"
SRQ20_QUESTIONNAIRE: Final = "urn:posyandu-kader:questionnaire:srq20"
TB_QUESTIONNAIRE: Final = "urn:posyandu-kader:questionnaire:skrining-tbc"
ADL_QUESTIONNAIRE: Final = "urn:posyandu-kader:questionnaire:adl-barthel"
SKILAS_QUESTIONNAIRE: Final = "urn:posyandu-kader:questionnaire:skilas"
DANGER_SIGNS_QUESTIONNAIRE: Final = "urn:posyandu-kader:questionnaire:tanda-bahaya-kehamilan"
WHISPER_SYSTEM: Final = "urn:posyandu-kader:tes-bisik"
# SATUSEHAT's Immunization page: the vaccine as a KFA product (93xxxxxx, not recorded here), its
# CVX group (in the KFA system, ``VG…``) and its CVX name; why the programme gave it.
CVX: Final = "http://hl7.org/fhir/sid/cvx"
KFA: Final = "http://sys-ids.kemkes.go.id/kfa"
IMMUNIZATION_REASON: Final = "http://terminology.kemkes.go.id/CodeSystem/immunization-reason"
IMMUNIZATION_TIMING: Final = (
    "http://terminology.kemkes.go.id/CodeSystem/immunization-routine-timing"
)
# Each antigen of the ILP schedule (LIFECYCLE_RULES §g) as its CVX name: the formulation is not
# recorded, so the "unspecified" code where CVX has one; DPT-HB-Hib is the pentavalent vaccine.
VACCINE_CVX: Final = {
    "hb0": ("08", "Hep B, adolescent or pediatric"),
    "bcg": ("19", "BCG"),
    "opv": ("182", "OPV, Unspecified"),
    "dpt_hb_hib": ("198", "DTP-hepB-Hib Pentavalent Non-US"),
    "rv": ("122", "rotavirus, unspecified formulation"),
    "pcv": ("152", "Pneumococcal Conjugate, unspecified formulation"),
    "ipv": ("10", "IPV"),
    "mr": ("04", "M/R"),
    "je": ("129", "Japanese Encephalitis, unspecified formulation"),
}
# The CVX group codes the playbook prints (HepB); the others are not known here.
VACCINE_GROUP: Final = {"hb0": ("VG45", "HepB")}
# A dose scheduled before 12 months is basic (dasar), a later one a booster under two (baduta).
BASIC: Final = ("IM-Dasar", "Imunisasi Program Rutin Dasar")
BOOSTER: Final = ("IM-Baduta", "Imunisasi Program Rutin Lanjutan Bawah Dua Tahun")
ON_TIME: Final = ("IM-Ideal", "Imunisasi Ideal")
CATCH_UP: Final = ("IM-Kejar", "Imunisasi Kejar")
# The ILP antigen itself, in this product's system (the immunisation section's own codes).
VACCINE_SYSTEM: Final = "urn:posyandu-kader:vaksin"
# No KFA code for vitamin A or TTD is known here: named in this product's system, with text.
MEDICINE_SYSTEM: Final = "urn:posyandu-kader:obat"
# The offset of the laptop's clock where the visit was measured (``+07:00`` in WIB).
MEASURED_ZONE_URL: Final = "urn:posyandu-kader:zona-waktu-periksa"
# The kader (profile on duty) who saved this version of the visit: not a Practitioner, so not a
# participant; named in an extension of ours.
RECORDED_BY_URL: Final = "urn:posyandu-kader:dicatat-oleh"

# LOINC's long common names (the display SATUSEHAT asks for); a code not here has none.
LOINC_DISPLAY: Final = {
    "8480-6": "Systolic blood pressure",
    "8462-4": "Diastolic blood pressure",
    "29463-7": "Body weight",
    "8302-2": "Body height",
    "8306-3": "Body height --lying",
    "9843-4": "Head Occipital-frontal circumference",
    "56072-2": "Circumference Mid upper arm",
    "8280-0": "Waist Circumference at umbilicus by Tape measure",
    "39156-5": "Body mass index (BMI) [Ratio]",
    "2339-0": "Glucose [Mass/volume] in Blood",
    "41653-7": "Glucose [Mass/volume] in Capillary blood by Glucometer",
    "41604-0": "Fasting glucose [Mass/volume] in Capillary blood by Glucometer",
    "2093-3": "Cholesterol [Mass/volume] in Serum or Plasma",
    "718-7": "Hemoglobin [Mass/volume] in Blood",
}
LABORATORY: Final = frozenset({"2339-0", "41653-7", "41604-0", "2093-3", "718-7"})
# Measures whose rules name no LOINC code, sent under the general code the reading supports:
# a haemoglobin meter reads blood (capillary or venous: not recorded), so "in Blood".
BY_MEASURE: Final = {("anemia", "hb_g_dl"): "718-7"}
# A section that says which test its value came from (the measure ``kind``) is sent under the
# more specific code: a Posyandu reads capillary blood on a glucometer.
BY_KIND: Final = {
    ("2339-0", "sewaktu"): "41653-7",
    ("2339-0", "puasa"): "41604-0",
}
KIND_MEASURE: Final = "kind"
# How a length or height was measured, where the section records it (lying, PB; standing, TB),
# in the core extension with its SNOMED CT finding.
BODY_POSITION_URL: Final = "http://hl7.org/fhir/StructureDefinition/observation-bodyPosition"
BODY_POSITION: Final = {
    "recumbent": ("102538003", "Recumbent body position"),
    "standing": ("10904000", "Orthostatic body position"),
}
LENGTH_CODES: Final = frozenset({"8302-2", "8306-3"})
# Where a section reports a BMI, weight and height are its inputs: the class interprets the BMI.
BMI: Final = "39156-5"
BMI_INPUTS: Final = frozenset({"29463-7", "8302-2", "8306-3"})

# The screening level as an HL7 interpretation: a kader's class says normal or not, not which way.
LEVEL_INTERPRETATION: Final = {
    Level.NONE: ("N", "Normal"),
    Level.MONITOR: ("A", "Abnormal"),
    Level.REFER: ("A", "Abnormal"),
    Level.URGENT: ("AA", "Critical abnormal"),
}
# Where the visit took place, as the encounter's class (v3 ActEncounterCode).
PLACE_CLASS: Final = {
    "posyandu": ("FLD", "field"),
    "kunjungan_rumah": ("HH", "home health"),
}
REFERRAL_CODE: Final = ("3457005", "Patient referral")
REFERRAL_LEVELS: Final = frozenset({Level.REFER, Level.URGENT})
# The life-cycle sections (LIFECYCLE_RULES §b-§h), whose classes have no code: "z-scores/classes
# are not sent until a code exists" (LIFECYCLE_RULES §j). Their measures go out under LOINC with
# their values (a WHO z-score has no LOINC code, so none goes out), their answers as answered
# forms, doses and medicines as given; never a class or its level (the weight trend is only a
# class, so it sends nothing). A referral still names their readings as its reason. The
# screening sections (SCREENING_RULES §8) are not here: they send their classes.
UNCODED: Final = frozenset(
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


def category_of(loinc: str) -> str:
    return "laboratory" if loinc in LABORATORY else "vital-signs"


def sends_class(section_code: str) -> bool:
    """Whether the section's class (and its level) may go out: not for an `UNCODED` one."""
    return section_code not in UNCODED


def loinc_coding(code: str) -> dict[str, str]:
    coding = {"system": LOINC, "code": code}
    if code in LOINC_DISPLAY:
        coding["display"] = LOINC_DISPLAY[code]
    return coding
