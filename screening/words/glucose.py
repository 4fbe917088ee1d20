"""Words of the gula darah section: title, classes, reasons, fields, kinds, next steps."""

from __future__ import annotations

from collections.abc import Mapping

from screening.words import Language, SectionWords, W, number_text

KIND = {"sewaktu": W("sewaktu", "random"), "puasa": W("puasa", "fasting")}


def _summary(values: Mapping[str, object], lang: Language) -> str:
    kind = KIND.get(str(values.get("kind")))
    shown = values.get("meter") or f"{number_text(values.get('value'), lang)} mg/dL"
    return f"{shown} ({kind.get(lang)})" if kind else str(shown)


WORDS = SectionWords(
    title=W("Gula darah", "Blood sugar"),
    classes={
        "hipoglikemia": W("Hipoglikemia", "Hypoglycaemia"),
        "rendah": W("Gula darah rendah", "Low blood sugar"),
        "normal": W("Normal", "Normal"),
        "prediabetes": W("Prediabetes (curiga)", "Prediabetes (suspected)"),
        "curiga_diabetes": W("Curiga diabetes", "Suspected diabetes"),
    },
    reasons={
        "glucose_converted": W("{mmol} mmol/L = {value} mg/dL.", "{mmol} mmol/L = {value} mg/dL."),
        "glucose_meter_lo": W(
            "Alat menunjukkan LO (terlalu rendah untuk diukur).",
            "The meter shows LO (too low to measure).",
        ),
        "glucose_meter_hi": W(
            "Alat menunjukkan HI (terlalu tinggi untuk diukur).",
            "The meter shows HI (too high to measure).",
        ),
        "glucose_below_60": W(
            "Gula darah {value} mg/dL, di bawah {limit}.",
            "Blood sugar {value} mg/dL, below {limit}.",
        ),
        "glucose_below_80_with_symptoms": W(
            "Gula darah {value} mg/dL (di bawah {limit}) dan ada gejala gula rendah.",
            "Blood sugar {value} mg/dL (below {limit}) with low sugar symptoms.",
        ),
        "glucose_low": W(
            "Gula darah {value} mg/dL ({minimum}–{maximum}) tanpa gejala.",
            "Blood sugar {value} mg/dL ({minimum}–{maximum}) without symptoms.",
        ),
        "glucose_very_high": W(
            "Gula darah {value} mg/dL ({limit} atau lebih).",
            "Blood sugar {value} mg/dL ({limit} or more).",
        ),
        "glucose_normal": W(
            "Gula darah {kind} {value} mg/dL (normal {minimum}–{maximum}).",
            "Blood sugar ({kind}) {value} mg/dL (normal {minimum}–{maximum}).",
        ),
        "glucose_prediabetes_range": W(
            "Gula darah {kind} {value} mg/dL (rentang {minimum}–{maximum}).",
            "Blood sugar ({kind}) {value} mg/dL (range {minimum}–{maximum}).",
        ),
        "glucose_high": W(
            "Gula darah {kind} {value} mg/dL (rentang {minimum}–{maximum}).",
            "Blood sugar ({kind}) {value} mg/dL (range {minimum}–{maximum}).",
        ),
    },
    fields={
        "value": W("Gula darah", "Blood sugar"),
        "unit": W("Satuan alat", "Meter unit"),
        "kind": W("Jenis pemeriksaan (sewaktu/puasa)", "Test kind (random/fasting)"),
        "hypo_symptoms": W("Gejala gula rendah", "Low sugar symptoms"),
    },
    items=dict(KIND),
    next_steps={
        "rendah": W("Cek ulang gula darah hari ini.", "Recheck blood sugar today."),
        "prediabetes": W(
            "Cek lagi dalam 3 bulan; edukasi pola makan dan aktivitas fisik.",
            "Recheck in 3 months; advise on diet and physical activity.",
        ),
        "curiga_diabetes/refer": W(
            "Rujuk ke Puskesmas untuk pemeriksaan gula darah lanjut.",
            "Refer to the Puskesmas for further blood sugar tests.",
        ),
    },
    summary=_summary,
)
