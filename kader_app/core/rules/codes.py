"""Every stable code the screening rules emit: sections, classes, reasons, NIK/KK errors.

The one list the GUI maps to words and the storage relies on. Codes never change once released;
this module holds names only and must not classify anything.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final

SECTIONS: Final = ("bmi", "waist", "blood_pressure", "glucose", "tb", "srq20")

# A section filled in for someone below the age it is offered from (see visit.py): stored, not
# classified, and explained by the reason ``section_under_age``.
NOT_CLASSIFIED: Final = "not_classified"

BP_CLASSES_ILP: Final = (
    "optimal",
    "normal",
    "normal_tinggi",
    "hipertensi_1",
    "hipertensi_2",
    "hipertensi_3",
)
BP_CLASSES_JNC7: Final = ("normal", "prehipertensi", "hipertensi_1", "hipertensi_2")
GLUCOSE_CLASSES: Final = ("hipoglikemia", "rendah", "normal", "prediabetes", "curiga_diabetes")
BMI_CLASSES_ASIA_PACIFIC: Final = ("kurang", "normal", "berisiko", "obesitas_1", "obesitas_2")
BMI_CLASSES_KEMENKES: Final = ("kurus_berat", "kurus_ringan", "normal", "gemuk_ringan", "obesitas")
WAIST_CLASSES: Final = ("normal", "central_obesity")
TB_CLASSES: Final = ("terduga_tbc", "kontak_erat", "bukan_terduga")
SRQ20_CLASSES: Final = ("normal", "berpotensi_masalah_jiwa", "belum_lengkap")

CLASS_CODES: Final = MappingProxyType(
    {
        "blood_pressure": tuple(dict.fromkeys(BP_CLASSES_ILP + BP_CLASSES_JNC7))
        + (NOT_CLASSIFIED,),
        "glucose": GLUCOSE_CLASSES,
        "bmi": tuple(dict.fromkeys(BMI_CLASSES_ASIA_PACIFIC + BMI_CLASSES_KEMENKES))
        + (NOT_CLASSIFIED,),
        "waist": WAIST_CLASSES + (NOT_CLASSIFIED,),
        "tb": TB_CLASSES,
        "srq20": SRQ20_CLASSES + (NOT_CLASSIFIED,),
    }
)
"""Class codes per section (a ``SectionResult.code`` is always one of its section's)."""

NIK_ERROR_CODES: Final = ("not_digits", "length", "province", "month", "day", "date", "serial")
NIK_WARNING_CODES: Final = ("birth_date_mismatch", "sex_mismatch")
KK_ERROR_CODES: Final = ("not_digits", "length", "province")

# ``RuleInputError.field`` values: the input a refusal points at.
INPUT_FIELDS: Final = (
    "readings",
    "systolic",
    "diastolic",
    "bp_scheme",
    "value",
    "kind",
    "unit",
    "weight_kg",
    "height_cm",
    "bmi_scheme",
    "waist_cm",
    "sex",
    "symptoms",
    "risks",
    "contact",
    "cough_days",
    "tb_cough_min_days",
    "answers",
)


class ReasonCode(StrEnum):
    """Why a section got its class. ``REASON_PARAMS`` lists the params each one carries.

    Numbers in params are plain ints/floats (mg/dL, mmHg, kg/m², cm, days); lists are sorted.
    """

    BP_SINGLE = "bp_single"
    """One reading: ``systolic``/``diastolic`` as measured."""
    BP_MEAN_OF_TWO = "bp_mean_of_two"
    """Two readings: ``systolic``/``diastolic`` are their means, rounded half up."""
    BP_SYSTOLIC_HIGH = "bp_systolic_high"
    """The systolic value alone puts the reading in its class (``minimum`` = lower bound)."""
    BP_DIASTOLIC_HIGH = "bp_diastolic_high"
    """The diastolic value alone puts the reading in its class (``minimum`` = lower bound)."""
    BP_ISOLATED_SYSTOLIC = "bp_isolated_systolic"
    """Systolic ≥ 140 with diastolic < 90 (hipertensi sistolik terisolasi)."""
    BP_VERY_HIGH = "bp_very_high"
    """≥ 180 systolic or ≥ 110 diastolic: urgent in every scheme."""

    GLUCOSE_CONVERTED = "glucose_converted"
    """A mmol/L entry (``mmol``, as a string) converted to ``value`` mg/dL."""
    GLUCOSE_METER_LO = "glucose_meter_lo"
    """The meter showed LO (too low to measure)."""
    GLUCOSE_METER_HI = "glucose_meter_hi"
    """The meter showed HI (too high to measure)."""
    GLUCOSE_BELOW_60 = "glucose_below_60"
    """``value`` < ``limit`` (60) mg/dL."""
    GLUCOSE_BELOW_80_WITH_SYMPTOMS = "glucose_below_80_with_symptoms"
    """``value`` < ``limit`` (80) mg/dL with hypoglycaemia symptoms."""
    GLUCOSE_LOW = "glucose_low"
    """``value`` in 60–69 mg/dL without symptoms: recheck today."""
    GLUCOSE_VERY_HIGH = "glucose_very_high"
    """``value`` ≥ ``limit`` (400) mg/dL."""
    GLUCOSE_NORMAL = "glucose_normal"
    """``value`` in the normal band of ``kind`` (``minimum``–``maximum``)."""
    GLUCOSE_PREDIABETES_RANGE = "glucose_prediabetes_range"
    """``value`` in the prediabetes band of ``kind`` (``minimum``–``maximum``)."""
    GLUCOSE_HIGH = "glucose_high"
    """``value`` in the suspected-diabetes band of ``kind`` (``minimum``–``maximum``)."""

    # BMI reasons: ``bmi`` is the shown value, ``class`` its band, ``minimum``/``maximum`` the
    # band's bounds; an open-ended band (e.g. ≥ 30.0) has no ``maximum`` key, and vice versa.
    BMI_UNDERWEIGHT = "bmi_underweight"
    """``bmi`` in kurang, kurus berat or kurus ringan."""
    BMI_NORMAL = "bmi_normal"
    """``bmi`` in the normal band."""
    BMI_OVERWEIGHT = "bmi_overweight"
    """``bmi`` in berisiko or gemuk ringan."""
    BMI_OBESE = "bmi_obese"
    """``bmi`` in obesitas I/II or obesitas."""

    WAIST_NORMAL = "waist_normal"
    """``waist_cm`` not above ``limit`` for ``sex``."""
    WAIST_CENTRAL_OBESITY = "waist_central_obesity"
    """``waist_cm`` above ``limit`` for ``sex`` (obesitas sentral)."""

    TB_COUGH = "tb_cough"
    """A cough counts (``cough_days`` ≥ ``min_days``; min 0 = any cough)."""
    TB_COUGH_TOO_SHORT = "tb_cough_too_short"
    """A cough shorter than the ``min_days`` setting: not counted on its own."""
    TB_CONTACT_AND_SYMPTOMS = "tb_contact_and_symptoms"
    """Contact (``contact``) plus additional ``symptoms``."""
    TB_CONTACT_AND_RISKS = "tb_contact_and_risks"
    """Contact (``contact``) plus ``risks``."""
    TB_RISKS_AND_SYMPTOMS = "tb_risks_and_symptoms"
    """``risks`` plus additional ``symptoms``."""
    TB_CONTACT = "tb_contact"
    """Contact (``contact``) without symptoms or risk factors."""
    TB_NO_CRITERIA = "tb_no_criteria"
    """No criterion met (``symptoms`` and ``risks`` alone, possibly empty, are listed)."""

    SRQ20_SUICIDAL_THOUGHTS = "srq20_suicidal_thoughts"
    """Item ``item`` (17) answered yes: urgent whatever else."""
    SRQ20_INCOMPLETE = "srq20_incomplete"
    """Items ``missing`` (sorted numbers) unanswered: not scored."""
    SRQ20_SCORE_HIGH = "srq20_score_high"
    """``score`` "ya" answers, at or above ``threshold`` (6)."""
    SRQ20_SCORE_NORMAL = "srq20_score_normal"
    """``score`` "ya" answers, below ``threshold`` (6)."""

    SECTION_UNDER_AGE = "section_under_age"
    """``section`` is offered from ``minimum_age``; the person was ``age`` years old."""


REASON_PARAMS: Final = MappingProxyType(
    {
        ReasonCode.BP_SINGLE: ("systolic", "diastolic"),
        ReasonCode.BP_MEAN_OF_TWO: ("systolic", "diastolic"),
        ReasonCode.BP_SYSTOLIC_HIGH: ("systolic", "minimum"),
        ReasonCode.BP_DIASTOLIC_HIGH: ("diastolic", "minimum"),
        ReasonCode.BP_ISOLATED_SYSTOLIC: ("systolic", "diastolic"),
        ReasonCode.BP_VERY_HIGH: ("systolic", "diastolic"),
        ReasonCode.GLUCOSE_CONVERTED: ("mmol", "value"),
        ReasonCode.GLUCOSE_METER_LO: (),
        ReasonCode.GLUCOSE_METER_HI: (),
        ReasonCode.GLUCOSE_BELOW_60: ("value", "limit"),
        ReasonCode.GLUCOSE_BELOW_80_WITH_SYMPTOMS: ("value", "limit"),
        ReasonCode.GLUCOSE_LOW: ("value", "minimum", "maximum"),
        ReasonCode.GLUCOSE_VERY_HIGH: ("value", "limit"),
        ReasonCode.GLUCOSE_NORMAL: ("value", "kind", "minimum", "maximum"),
        ReasonCode.GLUCOSE_PREDIABETES_RANGE: ("value", "kind", "minimum", "maximum"),
        ReasonCode.GLUCOSE_HIGH: ("value", "kind", "minimum", "maximum"),
        ReasonCode.BMI_UNDERWEIGHT: ("bmi", "class", "minimum", "maximum"),
        ReasonCode.BMI_NORMAL: ("bmi", "class", "minimum", "maximum"),
        ReasonCode.BMI_OVERWEIGHT: ("bmi", "class", "minimum", "maximum"),
        ReasonCode.BMI_OBESE: ("bmi", "class", "minimum", "maximum"),
        ReasonCode.WAIST_NORMAL: ("waist_cm", "sex", "limit"),
        ReasonCode.WAIST_CENTRAL_OBESITY: ("waist_cm", "sex", "limit"),
        ReasonCode.TB_COUGH: ("cough_days", "min_days"),
        ReasonCode.TB_COUGH_TOO_SHORT: ("cough_days", "min_days"),
        ReasonCode.TB_CONTACT_AND_SYMPTOMS: ("contact", "symptoms"),
        ReasonCode.TB_CONTACT_AND_RISKS: ("contact", "risks"),
        ReasonCode.TB_RISKS_AND_SYMPTOMS: ("risks", "symptoms"),
        ReasonCode.TB_CONTACT: ("contact",),
        ReasonCode.TB_NO_CRITERIA: ("symptoms", "risks"),
        ReasonCode.SRQ20_SUICIDAL_THOUGHTS: ("item",),
        ReasonCode.SRQ20_INCOMPLETE: ("missing",),
        ReasonCode.SRQ20_SCORE_HIGH: ("score", "threshold"),
        ReasonCode.SRQ20_SCORE_NORMAL: ("score", "threshold"),
        ReasonCode.SECTION_UNDER_AGE: ("section", "age", "minimum_age"),
    }
)
"""The param names each reason code carries (checked by the tests): always all of them, except
that a BMI band open at one end has no ``minimum`` or no ``maximum``."""
